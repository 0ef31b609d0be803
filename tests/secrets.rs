//! Where secrets must never appear: argv, help, errors, audit records, JSON.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::*;

const SECRET: &str = "Zebra-Quilt-Harbor-Vane-2026";

#[test]
fn the_password_is_never_in_the_process_arguments() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("root@example.com", "Right-Horse-Battery-9").admin());
    let audit = db.dir.path().join("audit.jsonl");
    let mut child = Command::new(BIN)
        .args([
            "reset",
            "root@example.com",
            "--password-stdin",
            "--yes",
            "--audit-log",
        ])
        .arg(&audit)
        .current_dir(db.dir.path())
        .env("DATABASE_URL", db.url())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // While it waits for the password, its argv is what `ps` and /proc show to every user.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", child.id())).expect("cmdline");
    assert!(!String::from_utf8_lossy(&cmdline).contains(SECRET));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(SECRET.as_bytes())
        .expect("write");
    let output = child.wait_with_output().expect("wait");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let everything = [
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        std::fs::read_to_string(&audit).expect("audit"),
    ]
    .join("\n");
    let stored = db.row("root@example.com")["password_hash"]
        .text()
        .expect("hash")
        .to_owned();
    assert!(
        !everything.contains(SECRET),
        "the password leaked: {everything}"
    );
    assert!(
        !everything.contains(&stored),
        "the hash leaked: {everything}"
    );
    let events = texts(&db.rows("SELECT details FROM email_auth_events"));
    assert!(!format!("{events:?}").contains(SECRET) && !format!("{events:?}").contains(&stored));
}

#[test]
fn the_database_password_appears_in_no_output() {
    let dir = temp_dir();
    let url = "postgresql://app:Db-Pass-Word-99@127.0.0.1:1/mcp";
    for args in [
        vec!["list-admins"],
        vec!["--help"],
        vec!["reset", "--help"],
        vec!["unlock", "a@b.c", "--yes", "-o", "json"],
        vec!["verify", "a@b.c", "--password-stdin"],
    ] {
        let run = run_in(dir.path(), &args, Some("x"), &[("DATABASE_URL", url)]);
        assert!(
            !run.stdout.contains("Db-Pass-Word-99") && !run.stderr.contains("Db-Pass-Word-99"),
            "{args:?}"
        );
    }
    let audit = dir.path().join("audit.jsonl");
    run_in(
        dir.path(),
        &["unlock", "a@b.c", "--yes", "--audit-log", "audit.jsonl"],
        None,
        &[("DATABASE_URL", url)],
    );
    let record = std::fs::read_to_string(audit).expect("audit record of the failed attempt");
    assert!(
        record.contains("\"result\":\"failed\"") && !record.contains("Db-Pass-Word-99"),
        "{record}"
    );
}

#[test]
fn a_created_admins_password_and_hash_stay_where_they_belong() {
    let db = TestDb::new(Engine::Sqlite);
    let audit = db.dir.path().join("audit.jsonl");
    let audit_arg = audit.display().to_string();
    // Typed (piped): in no output, record or event.
    let typed = db.run_with(
        &[
            "create-admin",
            "a@example.com",
            "--password-stdin",
            "--yes",
            "-o",
            "json",
            "--audit-log",
            &audit_arg,
        ],
        Some("Zebra-Quilt-Harbor-Vane-2026-Admin"),
        CHEAP_HASH,
    );
    typed.expect_code(0);
    // Generated into a secret file: only there.
    let secret = db.dir.path().join("secret.txt");
    let filed = db.run_with(
        &[
            "create-admin",
            "b@example.com",
            "--generate",
            "--secret-file",
            &secret.display().to_string(),
            "--yes",
            "-o",
            "json",
            "--audit-log",
            &audit_arg,
        ],
        None,
        CHEAP_HASH,
    );
    filed.expect_code(0);
    let generated = std::fs::read_to_string(&secret).expect("secret file");
    let generated = generated.trim_end();
    // Generated and revealed: in the JSON result, as asked, and nowhere else.
    let revealed = db.run_with(
        &[
            "create-admin",
            "c@example.com",
            "--generate",
            "--reveal",
            "--yes",
            "-o",
            "json",
            "--audit-log",
            &audit_arg,
        ],
        None,
        CHEAP_HASH,
    );
    revealed.expect_code(0);
    let shown = revealed.json()["password"]
        .as_str()
        .expect("revealed password")
        .to_owned();
    // The revealed password logs in (and must be changed there, the default).
    let verified = db.run_with(
        &[
            "verify",
            "c@example.com",
            "--password-stdin",
            "-q",
            "-o",
            "json",
        ],
        Some(&shown),
        &[],
    );
    verified.expect_code(0);
    assert_eq!(verified.json()["login"], "must_change_password");

    let hashes: Vec<String> = ["a@example.com", "b@example.com", "c@example.com"]
        .iter()
        .map(|email| {
            db.row(email)["password_hash"]
                .text()
                .expect("hash")
                .to_owned()
        })
        .collect();
    let events = format!("{:?}", db.rows("SELECT details FROM email_auth_events"));
    let record = std::fs::read_to_string(&audit).expect("audit");
    let outputs = [&typed, &filed, &revealed]
        .map(|run| format!("{}{}", run.stdout, run.stderr))
        .join("\n");
    for place in [&record, &events] {
        for secret in [
            "Zebra-Quilt-Harbor-Vane-2026-Admin",
            generated,
            shown.as_str(),
        ] {
            assert!(!place.contains(secret), "a password leaked: {place}");
        }
    }
    assert!(
        !outputs.contains("Zebra-Quilt-Harbor-Vane-2026-Admin") && !outputs.contains(generated)
    );
    for hash in &hashes {
        assert!(
            !record.contains(hash.as_str())
                && !outputs.contains(hash.as_str())
                && !events.contains(hash.as_str())
        );
    }
    assert_eq!(record.lines().count(), 3);
}
