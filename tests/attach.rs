//! `--attach PID|auto`: breakglass started elsewhere, with no settings of its own, finds the
//! application's database through a real running process (`sleep`, with the application's
//! environment and working directory). auto runs in a PID namespace of its own (unshare), so
//! the processes of other tests are not candidates.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::support::*;

/// A stand-in application: `sleep 300` in `dir` with exactly `env`; killed when dropped.
struct App {
    child: Child,
}

impl App {
    fn start(dir: &Path, env: &[(&str, &str)]) -> App {
        let child = Command::new("sleep")
            .arg("300")
            .current_dir(dir)
            .env_clear()
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .spawn()
            .expect("spawn sleep");
        App { child }
    }

    fn pid(&self) -> String {
        self.child.id().to_string()
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A directory holding the sandbox's database as `app.db`, as the application would have it.
fn application_dir() -> tempfile::TempDir {
    let dir = temp_dir();
    run_in(
        dir.path(),
        &["sandbox", "--database-url", "sqlite:///./app.db"],
        None,
        &[],
    )
    .expect_code(0);
    dir
}

fn stored_hash(dir: &Path, email: &str) -> String {
    let url = format!("sqlite://{}", dir.join("app.db").display());
    let rows = texts(&query_url(
        &url,
        &format!("SELECT password_hash FROM email_users WHERE email = '{email}'"),
    ));
    rows[0][0].clone()
}

fn emails(listed: &Run) -> Vec<String> {
    listed
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|admin| admin["email"].as_str().expect("email").to_owned())
        .collect()
}

#[test]
fn attach_pid_reads_the_application_settings_and_writes_its_database() {
    let app_dir = application_dir();
    let mut env = vec![("DATABASE_URL", "sqlite:///./app.db")];
    env.extend_from_slice(CHEAP_HASH);
    let app = App::start(app_dir.path(), &env);
    let pid = app.pid();
    let here = temp_dir();
    // This shell's own DATABASE_URL is not the application's.
    let shell = [("DATABASE_URL", "sqlite:///./elsewhere.db")];

    let doctor = run_in(here.path(), &["--attach", &pid, "doctor"], None, &shell);
    doctor.expect_code(0);
    let app_db = app_dir.path().join("app.db");
    for said in [
        format!("database: SQLite {}", app_db.display()),
        format!("attached to process {pid} (sleep 300), executable "),
        format!("DATABASE_URL from process {pid} (sleep 300)"),
    ] {
        // doctor's report, banner first, is its result on stdout.
        assert!(doctor.stdout.contains(&said), "{said}\n{}", doctor.stdout);
    }

    let listed = run_in(
        here.path(),
        &["list-admins", "-o", "json"],
        None,
        &[("BREAKGLASS_ATTACH", &pid)],
    );
    listed.expect_code(0);
    assert!(emails(&listed).contains(&"admin@example.com".to_owned()));

    let before = stored_hash(app_dir.path(), "admin@example.com");
    let secrets = temp_dir();
    let secret = secrets.path().join("password");
    let secret = secret.to_str().expect("utf-8");
    let reset = run_in(
        here.path(),
        &[
            "--attach",
            &pid,
            "reset",
            "admin@example.com",
            "--generate",
            "--secret-file",
            secret,
            "-y",
        ],
        None,
        &[],
    );
    reset.expect_code(0);
    let after = stored_hash(app_dir.path(), "admin@example.com");
    assert_ne!(before, after);
    // The hash took the application's ARGON2ID_* settings, not breakglass's defaults.
    assert!(after.contains("m=1024,t=1"), "{after}");
    let verified = run_in(
        here.path(),
        &[
            "--attach",
            &pid,
            "verify",
            "admin@example.com",
            "--password-file",
            secret,
        ],
        None,
        &[],
    );
    verified.expect_code(0);
    assert!(files_in(here.path()).is_empty(), "nothing is made here");
}

#[test]
fn attach_reads_the_env_file_in_the_process_working_directory() {
    let app_dir = application_dir();
    std::fs::write(
        app_dir.path().join(".env"),
        "# the application's settings\nDATABASE_URL=sqlite:///./app.db\n",
    )
    .expect("write .env");
    let app = App::start(app_dir.path(), &[]);
    let pid = app.pid();
    let here = temp_dir();
    let listed = run_in(
        here.path(),
        &["--attach", &pid, "list-admins", "-o", "json"],
        None,
        &[],
    );
    listed.expect_code(0);
    assert!(emails(&listed).contains(&"admin@example.com".to_owned()));
    let placed = format!(
        "DATABASE_URL from the .env of process {pid} (sleep 300), {} line 2",
        app_dir.path().join(".env").display()
    );
    assert!(
        listed.stderr.contains(&placed),
        "{placed}\n{}",
        listed.stderr
    );
}

#[test]
fn an_explicit_database_url_wins_over_the_attached_process() {
    let app_dir = application_dir();
    let app = App::start(app_dir.path(), &[("DATABASE_URL", "sqlite:///./gone.db")]);
    let here = application_dir();
    let listed = run_in(
        here.path(),
        &[
            "--attach",
            &app.pid(),
            "--database-url",
            "sqlite:///./app.db",
            "list-admins",
        ],
        None,
        &[],
    );
    listed.expect_code(0);
    let ours = format!("database: SQLite {}", here.path().join("app.db").display());
    assert!(listed.stderr.contains(&ours), "{}", listed.stderr);
}

#[test]
fn a_process_that_is_gone_or_another_users_is_refused_with_the_fix() {
    let app_dir = application_dir();
    let gone = {
        let app = App::start(app_dir.path(), &[("DATABASE_URL", "sqlite:///./app.db")]);
        app.pid()
    };
    let here = temp_dir();
    let refused = run_in(here.path(), &["--attach", &gone, "doctor"], None, &[]);
    refused.expect_code(7);
    assert!(
        refused
            .stderr
            .contains(&format!("process {gone} does not exist here")),
        "{}",
        refused.stderr
    );

    let not_a_pid = run_in(here.path(), &["--attach", "gateway", "doctor"], None, &[]);
    not_a_pid.expect_code(2);

    // Another uid than the application's, without CAP_SYS_PTRACE (setpriv drops it).
    let found = Command::new("setpriv").arg("--version").output().is_ok();
    if !required_tool("setpriv (util-linux), run as root", found) {
        return;
    }
    let app = App::start(app_dir.path(), &[("DATABASE_URL", "sqlite:///./app.db")]);
    let other = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            BIN,
            "--attach",
            &app.pid(),
            "doctor",
        ])
        .current_dir("/")
        .env_clear()
        .stdin(Stdio::null())
        .output()
        .expect("setpriv");
    let stderr = String::from_utf8_lossy(&other.stderr);
    assert_eq!(other.status.code(), Some(8), "{stderr}");
    for said in [
        "cannot read the environment of process",
        "runs as uid 0 gid 0 while breakglass runs as uid 65534 gid 65534",
        "podman/docker run --user 0:0",
        "kubectl debug --profile=general",
    ] {
        assert!(stderr.contains(said), "{said}\n{stderr}");
    }
}

/// Runs `script` as PID 1 of a new PID namespace (with its own /proc), with `args` as $1...;
/// every process it started dies with it.
fn in_pid_namespace(script: &str, args: &[&str]) -> Option<Run> {
    let found = Command::new("unshare")
        .args(["--pid", "--fork", "--mount-proc", "true"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !required_tool("unshare --pid (util-linux, as root)", found) {
        return None;
    }
    let child = Command::new("unshare")
        .args(["--pid", "--fork", "--mount-proc", "sh", "-c", script, "sh"])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn unshare");
    Some(finished(child))
}

/// Starts `sleep 300` in each directory before $1 (the binary), with `DATABASE_URL` when the
/// directory has no .env; then runs the binary from / with the rest of the arguments.
const APPLICATIONS: &str = r#"
bin=$1; shift
while [ "$1" != -- ]; do
    if [ -f "$1/.env" ]; then
        # a server with workers: sh and its two sleeps all read the .env
        (cd "$1" && exec env -i sh -c 'sleep 300 & sleep 300 & wait') &
    else
        (cd "$1" && exec env -i DATABASE_URL=sqlite:///./app.db sleep 300) &
    fi
    shift
done
shift
sleep 0.2
cd / && exec env -i "$bin" --attach auto "$@"
"#;

fn auto(apps: &[&Path], args: &[&str]) -> Option<Run> {
    let mut all = vec![BIN];
    all.extend(apps.iter().map(|dir| dir.to_str().expect("utf-8")));
    all.push("--");
    all.extend_from_slice(args);
    in_pid_namespace(APPLICATIONS, &all)
}

#[test]
fn attach_auto_finds_the_one_application_and_counts_its_workers_once() {
    let app_dir = application_dir();
    std::fs::write(
        app_dir.path().join(".env"),
        "DATABASE_URL=sqlite:///./app.db\n",
    )
    .expect("write .env");
    let Some(listed) = auto(&[app_dir.path()], &["list-admins", "-o", "json"]) else {
        return;
    };
    listed.expect_code(0);
    assert!(emails(&listed).contains(&"admin@example.com".to_owned()));
    assert!(
        listed.stderr.contains("attached to process ") && listed.stderr.contains("(sh -c sleep"),
        "{}",
        listed.stderr
    );
}

#[test]
fn attach_auto_with_two_applications_is_ambiguous_and_with_none_names_what_it_looked_for() {
    let first = application_dir();
    let second = application_dir();
    let Some(two) = auto(&[first.path(), second.path()], &["doctor"]) else {
        return;
    };
    two.expect_code(4);
    assert!(
        two.stderr
            .contains("--attach auto found more than one process that sets DATABASE_URL")
            && two.stderr.matches("(sleep 300)").count() == 2
            && two.stderr.contains("say which with --attach PID"),
        "{}",
        two.stderr
    );

    let Some(none) = auto(&[], &["doctor"]) else {
        return;
    };
    none.expect_code(7);
    assert!(
        none.stderr
            .contains("--attach auto found no process whose environment or .env sets DATABASE_URL"),
        "{}",
        none.stderr
    );
}

#[test]
fn a_sqlite_file_in_another_mount_namespace_is_refused_not_opened_elsewhere() {
    let found = Command::new("unshare")
        .args(["--mount", "true"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !required_tool("unshare --mount (util-linux, as root)", found) {
        return;
    }
    // The application's directory is a tmpfs only its own mount namespace has: from here the
    // same path is the empty directory beneath it.
    let mount_point = temp_dir();
    let script = r#"mount -t tmpfs none "$1" && cd "$1" \
        && "$2" sandbox --database-url sqlite:///./app.db >/dev/null 2>&1 \
        && exec env -i DATABASE_URL=sqlite:///./app.db sleep 300"#;
    let child = Command::new("unshare")
        .args(["--mount", "sh", "-c", script, "sh"])
        .arg(mount_point.path())
        .arg(BIN)
        .stdin(Stdio::null())
        .spawn()
        .expect("spawn unshare");
    let app = App { child };
    let pid = app.pid();
    let cmdline = format!("/proc/{pid}/cmdline");
    let started = std::time::Instant::now();
    while !std::fs::read(&cmdline).is_ok_and(|line| line.starts_with(b"sleep\0")) {
        assert!(
            started.elapsed().as_secs() < 60,
            "the application did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let refused = run_in(
        mount_point.path(),
        &["--attach", &pid, "list-admins"],
        None,
        &[],
    );
    refused.expect_code(7);
    let said = format!(
        "the SQLite file of process {pid} (sleep 300) is {} in its own file system, which this \
         container does not see",
        mount_point.path().join("app.db").display()
    );
    assert!(refused.stderr.contains(&said), "{said}\n{}", refused.stderr);
    assert!(
        files_in(mount_point.path()).is_empty(),
        "nothing is made here"
    );
}
