//! The record of every change: one JSON line per invocation in the audit log, a one-line
//! summary on stderr, and the application's own event row. Never a password or a hash.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Result;
use serde::Serialize;
use serde_json::json;

use crate::exit::{Failure, REFUSED};

/// Who ran breakglass, and where.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    /// The login name, or the numeric uid where no user database names it (an empty container).
    pub os_user: String,
    pub sudo_user: Option<String>,
    pub host: Option<String>,
    pub pod: Option<String>,
}

impl Actor {
    pub fn current() -> Actor {
        let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
        let named = uid.and_then(user_name);
        let os_user = match (named, uid) {
            (Some(name), _) => name,
            (None, Some(uid)) => uid.to_string(),
            (None, None) => std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned()),
        };
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| std::fs::read_to_string("/etc/hostname"))
            .ok()
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty());
        // Inside Kubernetes the hostname is the pod's name unless POD_NAME says otherwise.
        let pod = std::env::var_os("KUBERNETES_SERVICE_HOST").and_then(|_| {
            let name = std::env::var("POD_NAME").ok().or_else(|| host.clone())?;
            let namespace =
                std::fs::read_to_string("/var/run/secrets/kubernetes.io/serviceaccount/namespace")
                    .ok();
            Some(match namespace {
                Some(namespace) => format!("{}/{name}", namespace.trim()),
                None => name,
            })
        });
        Actor {
            os_user,
            sudo_user: std::env::var("SUDO_USER")
                .ok()
                .filter(|name| !name.is_empty()),
            host,
            pod,
        }
    }
}

fn user_name(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut parts = line.split(':');
        let name = parts.next()?;
        let id = parts.nth(1)?;
        (id.parse() == Ok(uid)).then(|| name.to_owned())
    })
}

/// One field's change as recorded: never a hash or a password (see `User::display`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditRecord {
    pub time: String,
    #[serde(flatten)]
    pub actor: Actor,
    pub command: String,
    pub target: String,
    pub database: String,
    pub changed: BTreeMap<String, FieldChange>,
    /// Access taken away besides the row: revoked token ids, voided reset links, the cache.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<serde_json::Value>,
    pub reason: Option<String>,
    pub flags: Vec<String>,
    pub dry_run: bool,
    pub result: String,
    /// Why a command that failed or was refused stopped.
    pub error: Option<String>,
    pub exit_code: u8,
}

impl AuditRecord {
    pub fn summary(&self) -> String {
        let mut line = format!(
            "audit: {} {} {} on {} by {}",
            self.time, self.command, self.target, self.database, self.actor.os_user
        );
        if let Some(sudo) = &self.actor.sudo_user {
            line.push_str(&format!(" (sudo from {sudo})"));
        }
        let fields: Vec<&str> = self.changed.keys().map(String::as_str).collect();
        if !fields.is_empty() {
            line.push_str(&format!("; changed {}", fields.join(", ")));
        }
        if let Some(cut) = self.access.as_ref().and_then(access_in_words) {
            line.push_str(&format!("; {cut}"));
        }
        if let Some(reason) = &self.reason {
            line.push_str(&format!("; reason: {reason}"));
        }
        line.push_str(&format!("; {} (exit {})", self.result, self.exit_code));
        line
    }
}

/// What was taken away, counted ("revoked 2, reset links voided 1"); None when nothing was.
/// The record in the file keeps every id.
fn access_in_words(access: &serde_json::Value) -> Option<String> {
    let parts: Vec<String> = access
        .as_object()?
        .iter()
        .filter_map(|(key, value)| {
            let count = match value {
                serde_json::Value::Array(items) => items.len() as u64,
                serde_json::Value::Number(number) => number.as_u64()?,
                serde_json::Value::String(text) => return Some(format!("{key} {text}")),
                _ => return None,
            };
            (count > 0).then(|| format!("{} {count}", key.replace('_', " ")))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The JSON-lines audit log. Opened before any change, so a log that cannot be written
/// stops the command while nothing has happened yet.
pub struct AuditLog {
    file: Option<(PathBuf, File)>,
}

impl AuditLog {
    pub fn open(path: Option<&Path>) -> Result<AuditLog> {
        let Some(path) = path else {
            return Ok(AuditLog { file: None });
        };
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(path)
            .map_err(|error| {
                Failure::error(
                    REFUSED,
                    format!(
                        "cannot write the audit log {}: {error}; nothing was changed. Fix its permissions \
                         or name another file with --audit-log PATH",
                        path.display()
                    ),
                )
            })?;
        Ok(AuditLog {
            file: Some((path.to_path_buf(), file)),
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|(path, _)| path.as_path())
    }

    /// Keeps a copy of `record` for [`record_interruption`], in case a signal ends the
    /// process before [`AuditLog::append`] runs. Call again whenever the record changes.
    pub fn arm(&self, record: &AuditRecord) {
        if let Some((_, file)) = &self.file
            && let Ok(copy) = file.try_clone()
            && let Ok(mut slot) = IN_FLIGHT.lock()
        {
            *slot = Some((copy, record.clone()));
        }
    }

    pub fn append(&mut self, record: &AuditRecord) -> Result<()> {
        // Held while writing, so an interruption never writes a second record for this one.
        let mut in_flight = IN_FLIGHT.lock().ok();
        if let Some(slot) = in_flight.as_mut() {
            **slot = None;
        }
        if let Some((path, file)) = &mut self.file {
            let mut line = serde_json::to_vec(record)?;
            line.push(b'\n');
            file.write_all(&line)
                .and_then(|()| file.sync_data())
                .map_err(|error| {
                    anyhow::anyhow!("writing the audit log {}: {error}", path.display())
                })?;
        }
        Ok(())
    }
}

/// The record of the command in progress and a handle on its log (see [`AuditLog::arm`]).
static IN_FLIGHT: Mutex<Option<(File, AuditRecord)>> = Mutex::new(None);

/// Called when SIGINT or SIGTERM ends the process: writes the record of the command in
/// progress, if any, marked as interrupted. Returns its summary line.
pub fn record_interruption(signal: &str, exit_code: u8) -> Option<String> {
    let mut slot = IN_FLIGHT.lock().ok()?;
    let (mut file, mut record) = slot.take()?;
    record.exit_code = exit_code;
    record.error = Some(if record.result == "committed" {
        format!("interrupted by {signal} after the commit")
    } else {
        record.result = "interrupted".to_owned();
        format!("interrupted by {signal}; nothing was committed")
    });
    let mut line = serde_json::to_vec(&record).ok()?;
    line.push(b'\n');
    file.write_all(&line).and_then(|()| file.sync_data()).ok()?;
    Some(record.summary())
}

/// The `details` of the application's own event row: who did it and why.
pub fn event_details(command: &str, reason: Option<&str>, actor: &Actor) -> String {
    event_details_with(command, reason, actor, None)
}

/// [`event_details`] plus what the change took away besides the row.
pub fn event_details_with(
    command: &str,
    reason: Option<&str>,
    actor: &Actor,
    access: Option<&serde_json::Value>,
) -> String {
    let mut details = json!({
        "tool": "breakglass",
        "version": env!("CARGO_PKG_VERSION"),
        "command": command,
        "reason": reason,
        "os_user": actor.os_user,
        "sudo_user": actor.sudo_user,
        "host": actor.host,
        "pod": actor.pod,
    });
    if let Some(access) = access {
        details["access"] = access.clone();
    }
    details.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_created_private_and_appended() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("audit.jsonl");
        let record = AuditRecord {
            time: "2026-11-22T03:00:00Z".into(),
            actor: Actor {
                os_user: "op".into(),
                sudo_user: None,
                host: None,
                pod: None,
            },
            command: "unlock".into(),
            target: "a@b.c".into(),
            database: "SQLite /x.db".into(),
            changed: BTreeMap::new(),
            access: None,
            reason: Some("ticket 7".into()),
            flags: vec![],
            dry_run: false,
            result: "committed".into(),
            error: None,
            exit_code: 0,
        };
        for _ in 0..2 {
            AuditLog::open(Some(&path))
                .expect("open")
                .append(&record)
                .expect("append");
        }
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 2);
        let line: serde_json::Value =
            serde_json::from_str(text.lines().next().expect("line")).expect("json");
        assert_eq!(line["os_user"], "op");
        assert_eq!(
            std::fs::metadata(&path).expect("meta").mode() & 0o777,
            0o600
        );
        assert!(
            record.summary().contains("unlock a@b.c")
                && record.summary().contains("reason: ticket 7")
        );
    }

    #[test]
    fn an_unwritable_log_is_refused() {
        let error = AuditLog::open(Some(Path::new("/proc/breakglass-cannot-write-here")))
            .err()
            .expect("refused");
        assert_eq!(crate::exit::code_for(&error), REFUSED);
    }
}
