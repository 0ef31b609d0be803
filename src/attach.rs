//! `--attach PID|auto`: the settings of a running application, read from the outside through
//! /proc (its environment, its `.env`, its working directory and root), for a debug container
//! that shares the application's PID namespace but has no environment of its own. Only reads:
//! no namespace is joined, so a database host only the application's network knows stays
//! unknown here.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::exit::{AMBIGUOUS, DATABASE, Failure, REFUSED, USAGE};

/// What `--attach` asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Pid(u32),
    Auto,
}

impl Request {
    pub fn parse(raw: &str) -> Result<Request> {
        let raw = raw.trim();
        if raw.eq_ignore_ascii_case("auto") {
            return Ok(Request::Auto);
        }
        raw.parse().map(Request::Pid).map_err(|_| {
            Failure::error(
                USAGE,
                format!("--attach '{raw}' is neither a process id nor auto; write --attach 7 or --attach auto"),
            )
        })
    }
}

/// A process whose settings were read: what the application sees, and where.
#[derive(Debug, Clone)]
pub struct Process {
    pub pid: u32,
    /// Its command line, shortened for messages.
    pub command: String,
    /// Its executable as it names it (None when the link cannot be read).
    pub exe: Option<PathBuf>,
    /// Its environment, in order.
    pub environ: Vec<(String, String)>,
    /// Its working directory as the process itself sees it.
    pub cwd: PathBuf,
}

/// The longest command line shown before it is cut with "…".
const COMMAND_SHOWN: usize = 60;

impl Process {
    /// Reads process `pid`; a process that is gone or not readable is refused with the fix.
    pub fn read(pid: u32) -> Result<Process> {
        let dir = proc_dir(pid);
        let command = command_line(pid);
        let environ = match std::fs::read(dir.join("environ")) {
            Ok(bytes) => parse_environ(&bytes),
            Err(error) => return Err(unreadable(pid, command.as_deref(), &error)),
        };
        let cwd = std::fs::read_link(dir.join("cwd"))
            .map_err(|error| unreadable(pid, command.as_deref(), &error))?;
        Ok(Process {
            pid,
            command: command.unwrap_or_else(|| "?".to_owned()),
            exe: std::fs::read_link(dir.join("exe")).ok(),
            environ,
            cwd,
        })
    }

    /// `process 7 (python3 -m uvicorn …)`, for origins and banners.
    pub fn label(&self) -> String {
        format!("process {} ({})", self.pid, self.command)
    }

    /// The label with the executable: `process 7 (sleep 300), executable /usr/bin/sleep`.
    pub fn described(&self) -> String {
        match &self.exe {
            Some(exe) => format!("{}, executable {}", self.label(), exe.display()),
            None => self.label(),
        }
    }

    /// A path as the process names it (absolute, in its file system), reached from here
    /// through /proc/PID/root.
    pub fn through_root(&self, path: &Path) -> PathBuf {
        let relative = path.strip_prefix("/").unwrap_or(path);
        proc_dir(self.pid).join("root").join(relative)
    }

    /// The application's SQLite file (`path` as it names it), as SQLite here can open it: the
    /// same file, lock and journal. SQLite resolves each symbolic link of a path itself, by
    /// its text, so /proc/PID/root works only when the application's file system is this
    /// one's (the same container); from another mount namespace it is refused, not opened
    /// elsewhere. A file not there at all is left to the opening to report.
    pub fn sqlite_file(&self, path: &Path) -> Result<PathBuf> {
        use std::os::unix::fs::MetadataExt;
        let through = self.through_root(path);
        let Ok(file) = std::fs::metadata(&through) else {
            return Ok(through);
        };
        let named = std::fs::canonicalize(&through).ok();
        let same = named
            .as_ref()
            .and_then(|named| std::fs::metadata(named).ok())
            .is_some_and(|seen| (seen.dev(), seen.ino()) == (file.dev(), file.ino()));
        match named {
            Some(named) if same => Ok(named),
            _ => Err(Failure::error(
                DATABASE,
                format!(
                    "the SQLite file of {} is {} in its own file system, which this container \
                     does not see (another mount namespace), and SQLite opens a file only by a \
                     path it can resolve here; run breakglass inside the application's container \
                     (podman/docker cp the static binary in, then exec it; see \
                     deploy/README.md), or mount the same volume here and pass --database-url \
                     sqlite:////PATH",
                    self.label(),
                    path.display()
                ),
            )),
        }
    }

    /// Its `.env`, in its working directory, reached from here.
    pub fn env_file(&self) -> PathBuf {
        self.through_root(&self.cwd.join(".env"))
    }
}

fn proc_dir(pid: u32) -> PathBuf {
    Path::new("/proc").join(pid.to_string())
}

/// The command line with its arguments joined by spaces, cut at [`COMMAND_SHOWN`] characters;
/// None for a process that is gone or has none (a kernel thread).
fn command_line(pid: u32) -> Option<String> {
    let bytes = std::fs::read(proc_dir(pid).join("cmdline")).ok()?;
    let words: Vec<String> = bytes
        .split(|byte| *byte == 0)
        .filter(|word| !word.is_empty())
        .map(|word| String::from_utf8_lossy(word).into_owned())
        .collect();
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    Some(match joined.char_indices().nth(COMMAND_SHOWN) {
        Some((cut, _)) => format!("{} …", joined[..cut].trim_end()),
        None => joined,
    })
}

fn parse_environ(bytes: &[u8]) -> Vec<(String, String)> {
    bytes
        .split(|byte| *byte == 0)
        .filter_map(|pair| {
            let pair = std::str::from_utf8(pair).ok()?;
            let (name, value) = pair.split_once('=')?;
            Some((name.to_owned(), value.to_owned()))
        })
        .collect()
}

/// The owner of /proc/PID (the process's uid and gid), or None when it is gone.
fn owner(pid: u32) -> Option<(u32, u32)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(proc_dir(pid))
        .ok()
        .map(|meta| (meta.uid(), meta.gid()))
}

fn unreadable(pid: u32, command: Option<&str>, error: &std::io::Error) -> anyhow::Error {
    let named = match command {
        Some(command) => format!("process {pid} ({command})"),
        None => format!("process {pid}"),
    };
    if error.kind() == ErrorKind::PermissionDenied {
        // Both must match: the same uid with another group is refused too (podman --user 1001).
        let (runs_as, user, uid) = match owner(pid) {
            Some((uid, gid)) => (
                format!("uid {uid} gid {gid}"),
                format!("{uid}:{gid}"),
                uid.to_string(),
            ),
            None => (
                "another user".to_owned(),
                "UID:GID".to_owned(),
                "UID".to_owned(),
            ),
        };
        let mine = owner(std::process::id()).map_or_else(String::new, |(uid, gid)| {
            format!(" while breakglass runs as uid {uid} gid {gid}")
        });
        return Failure::error(
            REFUSED,
            format!(
                "cannot read the environment of {named}: it runs as {runs_as}{mine}, and another \
                 user's process needs CAP_SYS_PTRACE; run the debug container as that user \
                 (kubectl debug --custom=FILE with {{\"securityContext\": {{\"runAsUser\": {uid}, \
                 \"runAsGroup\": ...}}}}, podman/docker run --user {user}), or as root with that \
                 capability (kubectl debug --profile=general with runAsUser 0, podman/docker run \
                 --user 0 --cap-add SYS_PTRACE)"
            ),
        );
    }
    Failure::error(
        DATABASE,
        format!(
            "{named} does not exist here ({error}): it has exited, or it runs in another PID \
             namespace; share the application's (kubectl debug --target=APP, podman/docker run \
             --pid container:APP) and list the processes with ps, or try --attach auto"
        ),
    )
}

/// The parent of `pid` (from /proc/PID/stat, after the command's closing parenthesis).
fn parent(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(proc_dir(pid).join("stat")).ok()?;
    let (_, after) = stat.rsplit_once(')')?;
    after.split_whitespace().nth(1)?.parse().ok()
}

/// `--attach auto`: the one process whose environment or `.env` sets what the application
/// reads (`carries`, given a process), among those this namespace shows. breakglass itself
/// (this process, its ancestors, any process of the same executable) is never the application;
/// a candidate whose parent is a candidate is the same application (a server's workers).
pub fn find(carries: impl Fn(&Process) -> bool, looked_for: &str) -> Result<Process> {
    let me = std::process::id();
    let mut ancestors = vec![me];
    while let Some(up) = ancestors.last().and_then(|pid| parent(*pid)) {
        if up == 0 || ancestors.contains(&up) {
            break;
        }
        ancestors.push(up);
    }
    let own_exe = std::fs::read_link("/proc/self/exe").ok();
    let mut candidates = Vec::new();
    let mut refused = Vec::new();
    let entries = std::fs::read_dir("/proc").map_err(|error| {
        Failure::error(
            DATABASE,
            format!("cannot list the processes in /proc ({error}); name one with --attach PID"),
        )
    })?;
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse().ok())
        else {
            continue;
        };
        if ancestors.contains(&pid) {
            continue;
        }
        let process = match Process::read(pid) {
            Ok(process) => process,
            Err(error) if crate::exit::code_for(&error) == REFUSED => {
                refused.push(pid);
                continue;
            }
            Err(_) => continue,
        };
        let same_exe = own_exe.is_some()
            && process.exe.as_ref().and_then(|exe| exe.file_name())
                == own_exe.as_ref().and_then(|exe| exe.file_name());
        if !same_exe && carries(&process) {
            candidates.push(process);
        }
    }
    let pids: Vec<u32> = candidates.iter().map(|process| process.pid).collect();
    candidates.retain(|process| parent(process.pid).is_none_or(|up| !pids.contains(&up)));
    candidates.sort_by_key(|process| process.pid);
    match candidates.len() {
        1 => Ok(candidates.remove(0)),
        0 => {
            let unreadable = if refused.is_empty() {
                String::new()
            } else {
                let pids: Vec<String> = refused.iter().map(u32::to_string).collect();
                format!(
                    "; the environment of process {} could not be read (another user's): run \
                     as that uid or with CAP_SYS_PTRACE (kubectl debug --profile=general)",
                    pids.join(", ")
                )
            };
            Err(Failure::error(
                DATABASE,
                format!(
                    "--attach auto found no process whose environment or .env sets {looked_for}{unreadable}; \
                     share the application's PID namespace (kubectl debug --target=APP, \
                     podman/docker run --pid container:APP) or name it with --attach PID"
                ),
            ))
        }
        _ => {
            let listed: Vec<String> = candidates.iter().map(Process::label).collect();
            Err(Failure::error(
                AMBIGUOUS,
                format!(
                    "--attach auto found more than one process that sets {looked_for}: {}; \
                     say which with --attach PID",
                    listed.join(", ")
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_a_pid_or_auto() {
        assert_eq!(Request::parse("7").expect("pid"), Request::Pid(7));
        assert_eq!(Request::parse(" AUTO ").expect("auto"), Request::Auto);
        let error = Request::parse("gateway").expect_err("a name");
        assert_eq!(crate::exit::code_for(&error), USAGE);
    }

    #[test]
    fn this_process_reads_as_itself() {
        let me = Process::read(std::process::id()).expect("self");
        assert_eq!(me.cwd, std::env::current_dir().expect("cwd"));
        assert_eq!(
            me.through_root(Path::new("/data/mcp.db")),
            PathBuf::from(format!("/proc/{}/root/data/mcp.db", me.pid))
        );
        assert!(me.label().starts_with(&format!("process {} (", me.pid)));
    }

    #[test]
    fn environ_pairs_split_on_the_first_equals_sign() {
        let pairs = parse_environ(b"A=1\0URL=sqlite:///x?a=b\0NOEQUALS\0");
        assert_eq!(
            pairs,
            vec![
                ("A".to_owned(), "1".to_owned()),
                ("URL".to_owned(), "sqlite:///x?a=b".to_owned())
            ]
        );
    }
}
