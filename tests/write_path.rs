use breakglass::db::Value;

use crate::support::*;

const OLD: &str = "Right-Horse-Battery-9";
const NEW: &str = "Quartz-Falcon-Rain-7";
// Two more distinct policy-passing passwords, for sequences of resets.
const OLD_TWIN: &str = "Maple-Orbit-Lantern-4";
const NEW_TWIN: &str = "Cobalt-Willow-Ember-8";

fn reset(db: &TestDb, email: &str, password: &str, extra: &[&str]) -> Run {
    let mut args = vec!["reset", email, "--password-stdin", "--yes"];
    args.extend_from_slice(extra);
    db.run_with(&args, Some(password), CHEAP_HASH)
}

fn reset_with_gateway_hash(db: &TestDb, email: &str, password: &str, extra: &[&str]) -> Run {
    let mut args = vec!["reset", email, "--password-stdin", "--yes"];
    args.extend_from_slice(extra);
    db.run_with(&args, Some(password), &[])
}

/// verify's judgement of the login: logs_in, must_change_password or refused.
fn verify_login(db: &TestDb, email: &str, password: &str) -> String {
    let run = db.run_with(
        &["verify", email, "--password-stdin", "-q", "-o", "json"],
        Some(password),
        &[],
    );
    run.json()["login"].as_str().expect("login").to_owned()
}

fn verify_code(db: &TestDb, email: &str, password: &str) -> i32 {
    db.run_with(
        &["verify", email, "--password-stdin", "-q"],
        Some(password),
        &[],
    )
    .code
}

#[test]
fn reset_leaves_the_row_exactly_as_the_gateway_expects() {
    for engine in engines() {
        let db = TestDb::new(engine);
        let id = db.insert(&user("eve@example.com", OLD).locked(30));
        let before = db.row("eve@example.com");
        let audit = db.dir.path().join("audit.jsonl");
        let audit_arg = audit.display().to_string();

        let run = reset_with_gateway_hash(
            &db,
            "EVE@example.com ",
            NEW,
            &[
                "--reason",
                "INC-42",
                "--audit-log",
                &audit_arg,
                "-o",
                "json",
            ],
        );
        run.expect_code(0);
        let result = run.json();
        assert_eq!(result["command"], "reset");
        assert_eq!(result["changed"], true);
        assert_eq!(result["dry_run"], false);
        assert_eq!(result["audit"]["app_event"], true);
        // reset's own check before the commit judges the login as verify does: it gets in and
        // must choose a new password (the default must-change).
        assert_eq!(result["login"], "must_change_password");
        assert_eq!(result["blocked_by"], serde_json::json!([]));
        let verified = db.run_with(
            &[
                "verify",
                "eve@example.com",
                "--password-stdin",
                "-o",
                "json",
            ],
            Some(NEW),
            &[],
        );
        verified.expect_code(0);
        assert_eq!(verified.json()["login"], result["login"]);

        let row = db.row("eve@example.com");
        assert_eq!(
            row["id"],
            Value::Text(id.clone()),
            "{engine:?}: id never changes"
        );
        assert_eq!(row["email"], before["email"]);
        assert_ne!(row["password_hash"], before["password_hash"]);
        assert!(
            row["password_hash"]
                .text()
                .expect("hash")
                .starts_with("$argon2id$v=19$m=65536,t=3,p=1$")
        );
        assert_eq!(row["password_hash_type"], Value::Text("argon2id".into()));
        assert_eq!(row["failed_login_attempts"], Value::Int(0), "{engine:?}");
        assert_eq!(row["locked_until"], Value::Null);
        assert!(
            is_true(&row["password_change_required"]),
            "{engine:?}: {:?}",
            row["password_change_required"]
        );
        assert!(is_true(&row["is_active"]));
        assert!(is_recent(&row["password_changed_at"], 60) && is_recent(&row["updated_at"], 60));
        for unchanged in [
            "full_name",
            "is_admin",
            "created_at",
            "last_login",
            "auth_provider",
            "admin_origin",
            "email_verified_at",
        ] {
            assert_eq!(row[unchanged], before[unchanged], "{engine:?}: {unchanged}");
        }

        // The gateway's own trail and history.
        let events = texts(&db.rows(
            "SELECT user_email, event_type, success, user_agent, details FROM email_auth_events",
        ));
        assert_eq!(events.len(), 1);
        assert_eq!(events[0][0], "eve@example.com");
        assert_eq!(events[0][1], "PASSWORD_RESET_COMPLETED");
        assert!(events[0][2] == "1" || events[0][2] == "true");
        assert!(events[0][3].starts_with("breakglass/"));
        let details: serde_json::Value = serde_json::from_str(&events[0][4]).expect("details JSON");
        assert_eq!(details["tool"], "breakglass");
        assert_eq!(details["reason"], "INC-42");
        let history = texts(&db.rows("SELECT user_email, password_hash FROM password_history"));
        assert_eq!(
            history,
            vec![vec![
                "eve@example.com".to_owned(),
                row["password_hash"].text().expect("hash").to_owned()
            ]]
        );

        // The audit record: one line, the change, never a secret.
        let log = std::fs::read_to_string(&audit).expect("audit log");
        assert_eq!(log.lines().count(), 1);
        let record: serde_json::Value = serde_json::from_str(log.trim()).expect("audit JSON");
        assert_eq!(record["command"], "reset");
        assert_eq!(record["target"], "eve@example.com");
        assert_eq!(record["result"], "committed");
        assert_eq!(record["reason"], "INC-42");
        assert_eq!(record["changed"]["failed_login_attempts"]["old"], 5);
        assert!(!log.contains(NEW) && !log.contains("$argon2id"), "{log}");

        // Login: the new password works and the gateway will ask for a change.
        assert_eq!(verify_code(&db, "eve@example.com", NEW), 0);
        assert_eq!(
            verify_login(&db, "eve@example.com", NEW),
            "must_change_password"
        );
        assert_eq!(verify_code(&db, "eve@example.com", OLD), 5);
        reset(
            &db,
            "eve@example.com",
            "Quartz-Falcon-Rain-8",
            &["--no-must-change"],
        )
        .expect_code(0);
        assert_eq!(
            verify_code(&db, "eve@example.com", "Quartz-Falcon-Rain-8"),
            0
        );
    }
}

#[test]
fn sqlite_values_are_written_in_the_gateways_encoding() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("eve@example.com", OLD).locked(30));
    reset(&db, "eve@example.com", NEW, &["--no-must-change"]).expect_code(0);
    let encoded = texts(&db.rows(
        "SELECT typeof(password_change_required), password_change_required, typeof(failed_login_attempts), \
         typeof(password_changed_at), length(password_changed_at), substr(password_changed_at, 11, 1), \
         substr(password_changed_at, 20, 1), typeof(locked_until) FROM email_users",
    ));
    assert_eq!(
        encoded,
        vec![vec![
            "integer", "0", "integer", "text", "26", " ", ".", "null"
        ]]
    );
    db.run(&["deactivate", "eve@example.com", "--yes"])
        .expect_code(0);
    let active = texts(&db.rows("SELECT typeof(is_active), is_active FROM email_users"));
    assert_eq!(active, vec![vec!["integer", "0"]]);
}

#[test]
fn refused_resets_change_nothing_anywhere() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("eve@example.com", OLD).locked(30));
        db.insert(&user("root@example.com", OLD).admin());
        reset(&db, "eve@example.com", NEW, &[]).expect_code(0);
        let snapshot = db.snapshot();
        let cases: Vec<(Vec<&str>, Option<String>, i32, &str)> = vec![
            // The current password and the history are refused with the gateway's messages.
            (
                vec!["reset", "eve@example.com", "--password-stdin", "--yes"],
                Some(NEW.into()),
                8,
                "must be different from current",
            ),
            (
                vec!["reset", "eve@example.com", "--password-stdin", "--yes"],
                Some("short".into()),
                8,
                "at least 12 characters",
            ),
            (
                vec!["reset", "eve@example.com", "--password-stdin", "--yes"],
                Some("Eve-Garden-Pond-9".into()),
                8,
                "based on your username",
            ),
            (
                vec!["reset", "root@example.com", "--password-stdin", "--yes"],
                Some(NEW.into()),
                8,
                "22 characters long (privileged account)",
            ),
            (
                vec!["reset", "eve@example.com", "--password-stdin"],
                Some("Another-Good-Pass-5".into()),
                8,
                "--yes",
            ),
            (
                vec!["reset", "eve@example.com", "--generate", "--yes"],
                None,
                8,
                "--secret-file",
            ),
            (
                vec![
                    "reset",
                    "root@example.com",
                    "--generate",
                    "--length",
                    "16",
                    "--reveal",
                    "--yes",
                ],
                None,
                8,
                "22 characters",
            ),
            (
                vec![
                    "reset",
                    "eve@example.com",
                    "--generate",
                    "--password-stdin",
                    "--yes",
                ],
                Some(NEW.into()),
                2,
                "cannot be used with",
            ),
            (
                vec![
                    "reset",
                    "eve@example.com",
                    "--generate",
                    "--length",
                    "8",
                    "--yes",
                ],
                None,
                2,
                "16..=128",
            ),
            (
                vec!["reset", "ghost@example.com", "--password-stdin", "--yes"],
                Some(NEW.into()),
                3,
                "no user",
            ),
            (
                vec!["reset", "eve@example.com", "--password-stdin", "--yes"],
                Some("\n".into()),
                8,
                "empty",
            ),
            (vec!["unlock", "--yes"], None, 2, "required"),
            (
                vec!["unlock", "eve@example.com", "--all", "--yes"],
                None,
                2,
                "cannot be used with",
            ),
        ];
        for (args, stdin, code, message) in cases {
            let run = db.run_with(&args, stdin.as_deref(), &[]);
            run.expect_code(code);
            assert!(
                run.stderr.contains(message),
                "{engine:?} {args:?}: {}",
                run.stderr
            );
            assert_eq!(
                db.snapshot(),
                snapshot,
                "{engine:?} {args:?} changed something"
            );
        }
        // The sixth-oldest password may be reused; the last five may not.
        for round in 0..5 {
            let password = format!("Rotating-Pass-Word-{round}x");
            reset(&db, "eve@example.com", &password, &[]).expect_code(0);
        }
        let again = reset(&db, "eve@example.com", "Rotating-Pass-Word-1x", &[]);
        again.expect_code(8);
        assert!(
            again.stderr.contains("last 5 passwords cannot be reused"),
            "{}",
            again.stderr
        );
        reset(&db, "eve@example.com", NEW, &[]).expect_code(0);
        let kept =
            db.rows("SELECT COUNT(*) FROM password_history WHERE user_email = 'eve@example.com'");
        assert_eq!(
            texts(&kept),
            vec![vec!["5"]],
            "{engine:?}: the gateway keeps the last 5"
        );
    }
}

#[test]
fn skip_policy_is_allowed_and_recorded() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("eve@example.com", OLD));
    let audit = db.dir.path().join("audit.jsonl");
    let run = reset(
        &db,
        "eve@example.com",
        "weak",
        &["--skip-policy", "--audit-log", &audit.display().to_string()],
    );
    run.expect_code(0);
    assert!(run.stderr.contains("--skip-policy"));
    let record: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&audit).expect("log").trim()).expect("json");
    assert_eq!(record["flags"], serde_json::json!(["skip-policy"]));
    // Even with the policy skipped, an empty or NUL password is refused as such.
    reset(&db, "eve@example.com", "a\0b", &["--skip-policy"]).expect_code(8);
    // PASSWORD_POLICY_ENABLED=false disables it as in the gateway.
    db.run_with(
        &["reset", "eve@example.com", "--password-stdin", "--yes"],
        Some("weak2"),
        &[("PASSWORD_POLICY_ENABLED", "false")],
    )
    .expect_code(0);
}

#[test]
fn a_generated_password_round_trips_through_a_secret_file() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("root@example.com", OLD).admin().locked(5));
        let secret = db.dir.path().join("secret.txt");
        let run = db.run(&[
            "reset",
            "root@example.com",
            "--generate",
            "--secret-file",
            "secret.txt",
            "--no-must-change",
            "--yes",
        ]);
        run.expect_code(0);
        let written = std::fs::read_to_string(&secret).expect("secret file");
        let password = written.strip_suffix('\n').expect("one trailing newline");
        assert_eq!(password.chars().count(), 24);
        assert!(!run.stdout.contains(password) && !run.stderr.contains(password));
        assert!(run.stdout.contains("secret.txt"));
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&secret)
                .expect("meta")
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
        assert_eq!(
            verify_code(&db, "root@example.com", password),
            0,
            "{engine:?}"
        );

        // An existing secret file is refused and left untouched.
        let again = db.run(&[
            "reset",
            "root@example.com",
            "--generate",
            "--secret-file",
            "secret.txt",
            "--yes",
        ]);
        again.expect_code(8);
        assert_eq!(std::fs::read_to_string(&secret).expect("secret"), written);

        let revealed = db.run(&[
            "reset",
            "root@example.com",
            "--generate",
            "--length",
            "40",
            "--reveal",
            "--yes",
            "-o",
            "json",
        ]);
        revealed.expect_code(0);
        let shown = revealed.json()["password"]
            .as_str()
            .expect("password")
            .to_owned();
        assert_eq!(shown.len(), 40);
        assert_eq!(
            verify_login(&db, "root@example.com", &shown),
            "must_change_password",
            "must change by default"
        );
    }
}

#[test]
fn dry_run_shows_the_change_and_writes_nothing() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("eve@example.com", OLD).locked(30));
        let snapshot = db.snapshot();
        let audit = db.dir.path().join("audit.jsonl");
        let run = db.run_with(
            &[
                "reset",
                "eve@example.com",
                "--password-stdin",
                "--dry-run",
                "-o",
                "json",
                "--audit-log",
                &audit.display().to_string(),
            ],
            Some(NEW),
            &[],
        );
        run.expect_code(0);
        let result = run.json();
        assert_eq!(result["dry_run"], true);
        assert_eq!(result["before"]["failed_login_attempts"], 5);
        assert_eq!(result["after"]["failed_login_attempts"], 0);
        assert_eq!(result["after"]["password_hash"], "<argon2id hash>");
        assert_eq!(db.snapshot(), snapshot, "{engine:?}");
        let record: serde_json::Value =
            serde_json::from_str(std::fs::read_to_string(&audit).expect("log").trim())
                .expect("json");
        assert_eq!(record["dry_run"], true);
        assert_eq!(record["result"], "dry-run");

        let text = db.run(&["unlock", "eve@example.com", "--dry-run"]);
        text.expect_code(0);
        assert!(
            text.stdout.contains("dry run")
                && text.stdout.contains("\n  failed_login_attempts: 5 -> 0\n"),
            "{}",
            text.stdout
        );
        assert_eq!(db.snapshot(), snapshot);
    }
}

#[test]
fn unlock_one_then_all_and_twice_is_harmless() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("a@example.com", OLD).locked(30));
        db.insert(&user("b@example.com", OLD).locked(-30));
        let mut counting = user("c@example.com", OLD);
        counting.failed = 2;
        db.insert(&counting);
        db.insert(&user("d@example.com", OLD));

        let first = db.run(&["unlock", "a@example.com", "--yes", "-o", "json"]);
        first.expect_code(0);
        assert_eq!(first.json()["changed"], true);
        let row = db.row("a@example.com");
        assert_eq!(
            (
                row["failed_login_attempts"].clone(),
                row["locked_until"].clone()
            ),
            (Value::Int(0), Value::Null)
        );
        let second = db.run(&["unlock", "a@example.com", "--yes", "-o", "json"]);
        second.expect_code(0);
        assert_eq!(second.json()["changed"], false);
        assert!(
            db.run(&["unlock", "a@example.com", "--yes"])
                .stdout
                .contains("nothing to do")
        );

        let all = db.run(&[
            "unlock", "--all", "--yes", "-o", "json", "--reason", "sweep",
        ]);
        all.expect_code(0);
        let result = all.json();
        assert_eq!(
            result["count"], 2,
            "{engine:?}: b (expired lock) and c (counting)"
        );
        assert_eq!(
            result["users"],
            serde_json::json!(["b@example.com", "c@example.com"])
        );
        let events = texts(
            &db.rows("SELECT user_email, event_type FROM email_auth_events ORDER BY user_email"),
        );
        assert_eq!(
            events,
            vec![
                vec!["a@example.com", "ACCOUNT_UNLOCKED"],
                vec!["b@example.com", "ACCOUNT_UNLOCKED"],
                vec!["c@example.com", "ACCOUNT_UNLOCKED"]
            ]
        );
        let left = db.rows("SELECT COUNT(*) FROM email_users WHERE failed_login_attempts > 0 OR locked_until IS NOT NULL");
        assert_eq!(texts(&left), vec![vec!["0"]]);
        let none = db.run(&["unlock", "--all", "--yes", "-o", "json"]);
        assert_eq!(none.json()["changed"], false);

        // --no-app-audit skips the gateway's event.
        db.insert(&user("e@example.com", OLD).locked(30));
        db.run(&["unlock", "e@example.com", "--yes", "--no-app-audit"])
            .expect_code(0);
        assert_eq!(
            texts(&db.rows("SELECT COUNT(*) FROM email_auth_events")),
            vec![vec!["3"]]
        );
    }
}

#[test]
fn clear_change_flag_and_what_it_cannot_clear() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("f@example.com", OLD).must_change());
        let run = db.run(&["clear-change-flag", "f@example.com", "--yes", "-o", "json"]);
        run.expect_code(0);
        assert!(is_false(
            &db.row("f@example.com")["password_change_required"]
        ));
        assert_eq!(verify_code(&db, "f@example.com", OLD), 0);
        assert_eq!(
            db.run(&["clear-change-flag", "f@example.com", "--yes", "-o", "json"])
                .json()["changed"],
            false
        );

        let mut old = user("g@example.com", OLD).must_change();
        old.changed_days_ago = 200;
        db.insert(&old);
        let run = db.run(&["clear-change-flag", "g@example.com", "--yes"]);
        run.expect_code(0);
        if engine == Engine::Postgres {
            assert!(run.stderr.contains("--touch"), "{}", run.stderr);
            assert_eq!(
                verify_login(&db, "g@example.com", OLD),
                "must_change_password"
            );
            db.run(&["clear-change-flag", "g@example.com", "--touch", "--yes"])
                .expect_code(0);
            assert!(is_recent(
                &db.row("g@example.com")["password_changed_at"],
                60
            ));
        }
        assert_eq!(verify_code(&db, "g@example.com", OLD), 0);

        db.insert(&user("boot@example.com", "changeme").must_change());
        let run = db.run(&["clear-change-flag", "boot@example.com", "--yes"]);
        assert!(
            run.stderr.contains("DEFAULT_USER_PASSWORD"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn deactivating_the_last_usable_admin_needs_force() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("boss@example.com", OLD).admin());
        db.insert(&user("gone@example.com", OLD).admin().inactive());
        let snapshot = db.snapshot();
        let refused = db.run(&["deactivate", "boss@example.com", "--yes"]);
        refused.expect_code(8);
        assert!(
            refused.stderr.contains("last admin able to log in")
                && refused.stderr.contains("--force")
        );
        assert_eq!(db.snapshot(), snapshot);

        // A pending password change does not make an admin unusable.
        db.insert(&user("deputy@example.com", OLD).admin().must_change());
        let run = db.run(&["deactivate", "boss@example.com", "--yes", "-o", "json"]);
        run.expect_code(0);
        assert!(
            run.json()["notes"][0]
                .as_str()
                .expect("note")
                .contains("JWT_SECRET_KEY")
        );
        assert!(is_false(&db.row("boss@example.com")["is_active"]));
        assert_eq!(verify_code(&db, "boss@example.com", OLD), 6);

        db.run(&["deactivate", "deputy@example.com", "--yes"])
            .expect_code(8);
        db.run(&["deactivate", "deputy@example.com", "--yes", "--force"])
            .expect_code(0);

        // reset --activate brings an account back; without it, a warning.
        let warned = reset(&db, "boss@example.com", "Quartz-Falcon-Rain-Zed-2027", &[]);
        warned.expect_code(0);
        assert!(warned.stderr.contains("--activate"), "{}", warned.stderr);
        // Its sessions are refused while it is inactive: no note that they stay valid.
        assert!(!warned.stdout.contains("stay valid"), "{}", warned.stdout);
        // Right after the deactivation, re-activation would revive old sessions (#11).
        let early = reset(
            &db,
            "boss@example.com",
            "Quartz-Falcon-Rain-Zed-2026",
            &["--activate", "--no-must-change"],
        );
        early.expect_code(8);
        assert!(early.stderr.contains("bring them back"), "{}", early.stderr);
        reset(
            &db,
            "boss@example.com",
            "Quartz-Falcon-Rain-Zed-2026",
            &["--activate", "--no-must-change", "--force"],
        )
        .expect_code(0);
        assert_eq!(
            verify_code(&db, "boss@example.com", "Quartz-Falcon-Rain-Zed-2026"),
            0
        );
    }
}

#[test]
fn two_rows_differing_only_in_case_are_never_written() {
    for engine in engines().into_iter().filter(|e| *e != Engine::MySql) {
        let db = TestDb::new(engine);
        db.insert(&user("ann@example.com", OLD).locked(30));
        db.insert(&user("Ann@example.com", OLD).locked(30));
        let snapshot = db.snapshot();
        db.run(&["unlock", "ann@example.com", "--yes"])
            .expect_code(4);
        reset(&db, "ANN@example.com", NEW, &[]).expect_code(4);
        assert_eq!(db.snapshot(), snapshot);
    }
}

#[test]
fn an_unwritable_audit_log_is_refused_before_any_change() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", OLD).locked(30));
    let snapshot = db.snapshot();
    let run = db.run_with(
        &["unlock", "a@example.com", "--yes"],
        None,
        &[("BREAKGLASS_AUDIT_LOG", "/proc/nope/audit.jsonl")],
    );
    run.expect_code(8);
    assert!(run.stderr.contains("audit log"), "{}", run.stderr);
    assert_eq!(db.snapshot(), snapshot);
}

#[test]
fn a_row_held_by_another_writer_is_busy_not_broken() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("a@example.com", OLD).locked(30));
        let snapshot = db.snapshot();
        let url = db.url().to_owned();
        block_on(async {
            let mut holder = connect(&url).await.expect("open");
            // What a gateway login in progress holds: the write lock (SQLite) or the row (servers).
            holder
                .begin_write(std::time::Duration::from_secs(5))
                .await
                .expect("begin");
            let lock = format!(
                "SELECT email FROM email_users WHERE email = 'a@example.com'{}",
                db.dialect().lock_rows()
            );
            holder.fetch_all(&lock, &[]).await.expect("lock the row");
            let started = std::time::Instant::now();
            let run = db.run(&["unlock", "a@example.com", "--yes", "--lock-timeout", "1"]);
            run.expect_code(9);
            assert!(
                started.elapsed() < std::time::Duration::from_secs(8),
                "{engine:?}: {:?}",
                started.elapsed()
            );
            assert!(
                run.stderr.contains("safe to retry"),
                "{engine:?}: {}",
                run.stderr
            );
            holder.rollback().await.expect("release");
            holder.close().await.expect("close");
        });
        assert_eq!(db.snapshot(), snapshot, "{engine:?}");
        db.run(&["unlock", "a@example.com", "--yes"]).expect_code(0);
    }
}

#[test]
fn a_reset_wins_over_a_concurrent_failed_login_storm() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("hot@example.com", OLD).locked(30));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let url = db.url().to_owned();
        let hammer = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut rounds = 0u32;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    // What the gateway does on every wrong password.
                    let _ = try_execute(
                        &url,
                        "UPDATE email_users SET failed_login_attempts = failed_login_attempts + 1 WHERE email = 'hot@example.com'",
                    );
                    rounds += 1;
                }
                rounds
            })
        };
        // Several seconds of storm, with three resets in the middle of it.
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let passwords = [OLD_TWIN, NEW_TWIN, NEW];
        let runs: Vec<Run> = passwords
            .iter()
            .map(|password| reset(&db, "hot@example.com", password, &["--no-must-change"]))
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(1000));
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let rounds = hammer.join().expect("hammer");
        for run in &runs {
            run.expect_code(0);
        }
        assert!(
            rounds > 10,
            "{engine:?}: only {rounds} failed logins during the resets"
        );
        let row = db.row("hot@example.com");
        // The reset's state, whatever the storm added after it: the new hash, no lock.
        assert_eq!(row["locked_until"], Value::Null, "{engine:?}");
        assert!(is_false(&row["password_change_required"]));
        db.execute("UPDATE email_users SET failed_login_attempts = 0", &[]);
        assert_eq!(verify_code(&db, "hot@example.com", NEW), 0, "{engine:?}");
    }
}

#[test]
fn a_read_only_database_is_refused_before_any_change() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("a@example.com", OLD).locked(30));
        let snapshot = db.snapshot();
        let run = match engine {
            // What a hot standby or a read-only role looks like to a session.
            Engine::Postgres => {
                let url = format!("{}%20-c%20default_transaction_read_only%3Don", db.url());
                db.run_with(
                    &["unlock", "a@example.com", "--yes", "--database-url", &url],
                    None,
                    &[],
                )
            }
            // MariaDB's read_only is global to the shared server, and root bypasses it; SQLite
            // file modes do not bind root, who runs these tests.
            Engine::Sqlite | Engine::MySql => continue,
        };
        run.expect_code(7);
        assert!(
            run.stderr.contains("read-only"),
            "{engine:?}: {}",
            run.stderr
        );
        assert_eq!(db.snapshot(), snapshot, "{engine:?}");
    }
}
