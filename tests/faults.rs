//! Faults in the middle of a change: the connection killed, the server stopped, the
//! process signalled, while a reset has already updated the user's row and waits to write
//! its event. The transaction must vanish whole, with a clear error and the documented code.

use std::time::{Duration, Instant};

use breakglass::db::Database;

use crate::servers::{ScratchPostgres, can_start_servers};
use crate::support::*;

const OLD: &str = "Right-Horse-Battery-9";
const NEW: &str = "Quartz-Falcon-Rain-7";

/// The servers' own databases (PostgreSQL needs one to find its sessions by name).
fn server_databases() -> Vec<TestDb> {
    let mut dbs = Vec::new();
    if let Some(url) = server_url(Engine::Postgres) {
        dbs.push(TestDb::postgres_database(&url));
    }
    if server_url(Engine::MySql).is_some() {
        dbs.push(TestDb::new(Engine::MySql));
    }
    dbs
}

/// Takes a lock on the gateway's events table, which the reset writes last.
async fn hold_events_table(db: &TestDb) -> Database {
    let mut holder = connect(db.url()).await.expect("holder");
    let sql = match db.engine {
        Engine::Postgres => "BEGIN; LOCK TABLE email_auth_events IN EXCLUSIVE MODE",
        Engine::MySql => "LOCK TABLES email_auth_events WRITE",
        Engine::Sqlite => unreachable!("SQLite has no table locks"),
    };
    holder
        .execute_script(sql)
        .await
        .expect("lock the events table");
    holder
}

async fn release(mut holder: Database, engine: Engine) {
    let sql = match engine {
        Engine::MySql => "UNLOCK TABLES",
        _ => "ROLLBACK",
    };
    holder.execute_script(sql).await.expect("release");
    holder.close().await.expect("close holder");
}

/// The server's id of the breakglass session once it waits to insert its event, which
/// is after it updated the user's row.
fn session_waiting_on_events(db: &TestDb) -> String {
    let sql = match db.engine {
        Engine::Postgres => format!(
            "SELECT pid::text FROM pg_stat_activity WHERE datname = '{}' \
             AND application_name = 'breakglass' AND wait_event_type = 'Lock' \
             AND query LIKE 'INSERT INTO%email_auth_events%'",
            db.name()
        ),
        _ => format!(
            "SELECT CAST(id AS CHAR) FROM information_schema.processlist WHERE db = '{}' \
             AND info LIKE 'INSERT INTO%email_auth_events%'",
            db.name()
        ),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(row) = texts(&query_url(db.url(), &sql)).into_iter().next() {
            return row[0].clone();
        }
        assert!(
            Instant::now() < deadline,
            "{:?}: the reset never reached its event insert",
            db.engine
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn start_reset(db: &TestDb, url: &str, audit: &std::path::Path) -> std::process::Child {
    let audit = audit.display().to_string();
    let mut args = vec![
        "reset",
        "a@example.com",
        "--password-stdin",
        "--yes",
        "--no-must-change",
        "--lock-timeout",
        "60",
        "--audit-log",
        audit.as_str(),
        "--database-url",
        url,
    ];
    args.push("--reason");
    args.push("fault test");
    let mut env_args = Vec::new();
    for (name, value) in CHEAP_HASH {
        env_args.push((*name, *value));
    }
    db.spawn_with_env(&args, Some(NEW), &env_args)
}

fn audit_results(audit: &std::path::Path) -> Vec<(String, u64)> {
    std::fs::read_to_string(audit)
        .unwrap_or_default()
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("audit JSON");
            (
                record["result"].as_str().unwrap_or_default().to_owned(),
                record["exit_code"].as_u64().unwrap_or(999),
            )
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    KillSession,
    Sigterm,
    Sigint,
}

#[test]
fn a_change_cut_off_mid_write_leaves_nothing_behind() {
    let mut survived = 0;
    for db in server_databases() {
        db.insert(&user("a@example.com", OLD).locked(30));
        for fault in [Fault::KillSession, Fault::Sigterm, Fault::Sigint] {
            // The holder's connection lives in one runtime from lock to release.
            let runtime = runtime();
            let before = db.snapshot();
            let audit = db.dir.path().join(format!("{fault:?}.jsonl"));
            let holder = runtime.block_on(hold_events_table(&db));
            let child = start_reset(&db, db.url(), &audit);
            let session = session_waiting_on_events(&db);
            match fault {
                Fault::KillSession => {
                    let kill = match db.engine {
                        Engine::Postgres => format!("SELECT pg_terminate_backend({session})"),
                        _ => format!("KILL {session}"),
                    };
                    query_url(db.url(), &kill);
                }
                Fault::Sigterm | Fault::Sigint => {
                    let signal = if matches!(fault, Fault::Sigterm) {
                        "-TERM"
                    } else {
                        "-INT"
                    };
                    let status = std::process::Command::new("kill")
                        .args([signal, &child.id().to_string()])
                        .status()
                        .expect("kill");
                    assert!(status.success());
                }
            }
            let run = finished(child);
            runtime.block_on(release(holder, db.engine));
            let (code, result) = match fault {
                Fault::KillSession => (7, "failed"),
                Fault::Sigterm => (143, "interrupted"),
                Fault::Sigint => (130, "interrupted"),
            };
            run.expect_code(code);
            let expected = if matches!(fault, Fault::KillSession) {
                "lost the connection"
            } else {
                "rolled back"
            };
            assert!(
                run.stderr.contains(expected),
                "{:?} {fault:?}: {}",
                db.engine,
                run.stderr
            );
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
            assert_eq!(
                audit_results(&audit),
                [(result.to_owned(), code as u64)],
                "{:?} {fault:?}",
                db.engine
            );
            assert_eq!(
                db.snapshot(),
                before,
                "{:?} {fault:?}: something was written",
                db.engine
            );
            survived += 1;
        }
        // Nothing stuck: the same reset goes through afterwards.
        db.run_with(
            &[
                "reset",
                "a@example.com",
                "--password-stdin",
                "--yes",
                "--no-must-change",
            ],
            Some(NEW),
            CHEAP_HASH,
        )
        .expect_code(0);
    }
    eprintln!("faults survived: {survived}");
}

#[test]
fn a_server_stopped_mid_write_leaves_nothing_behind() {
    if server_url(Engine::Postgres).is_none() || !can_start_servers(false) {
        return;
    }
    let server = ScratchPostgres::start(None);
    let db = TestDb::postgres_database(&server.url("127.0.0.1", "postgres", ""));
    db.insert(&user("a@example.com", OLD).locked(30));
    let before = db.snapshot();
    let audit = db.dir.path().join("audit.jsonl");
    let runtime = runtime();
    let holder = runtime.block_on(hold_events_table(&db));
    let child = start_reset(&db, db.url(), &audit);
    session_waiting_on_events(&db);
    server.stop_immediately();
    let run = finished(child);
    drop(holder);
    run.expect_code(7);
    assert!(run.stderr.contains("lost the connection"), "{}", run.stderr);
    assert_eq!(audit_results(&audit), [("failed".to_owned(), 7)]);
    server.start_again();
    assert_eq!(db.snapshot(), before, "something was written");
    db.run_with(
        &["verify", "a@example.com", "--password-stdin", "-q"],
        Some(OLD),
        &[],
    )
    .expect_code(6);
}

#[test]
fn sqlite_in_wal_mode_waits_then_stays_in_wal_with_nothing_left_over() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", OLD).locked(30));
    assert_eq!(texts(&db.rows("PRAGMA journal_mode = WAL")), [["wal"]]);
    let before = db.snapshot();
    block_on(async {
        let mut holder = connect(db.url()).await.expect("holder");
        holder
            .execute_script("BEGIN IMMEDIATE")
            .await
            .expect("write lock");
        let started = Instant::now();
        let run = db.run(&["unlock", "a@example.com", "--yes", "--lock-timeout", "2"]);
        run.expect_code(9);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(1900) && waited < Duration::from_secs(8),
            "{waited:?}"
        );
        holder.rollback().await.expect("release");
        holder.close().await.expect("close");
    });
    assert_eq!(db.snapshot(), before);
    db.run(&["unlock", "a@example.com", "--yes"]).expect_code(0);
    assert_eq!(texts(&db.rows("PRAGMA journal_mode")), [["wal"]]);
    assert_eq!(texts(&db.rows("PRAGMA integrity_check")), [["ok"]]);
    let leftovers: Vec<_> = files_in(db.dir.path())
        .into_iter()
        .filter(|path| {
            let name = path.display().to_string();
            name.ends_with("-wal") || name.ends_with("-shm") || name.ends_with("-journal")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A real hot standby (streaming replication from a throwaway primary): reads work, and a
/// change is refused before anything is written, pointing at the primary.
#[test]
fn a_hot_standby_is_read_only_and_says_to_use_the_primary() {
    if server_url(Engine::Postgres).is_none() || !can_start_servers(false) {
        return;
    }
    let primary = ScratchPostgres::start(None);
    let db = TestDb::postgres_database(&primary.url("127.0.0.1", "postgres", ""));
    db.insert(&user("a@example.com", OLD).locked(30));
    let standby = ScratchPostgres::standby_of(&primary);
    let replica_url = standby.url("127.0.0.1", db.name(), "");
    // The replica has caught up once the row is there.
    let deadline = Instant::now() + Duration::from_secs(30);
    while texts(&query_url(&replica_url, "SELECT count(*) FROM email_users")) != [["1"]] {
        assert!(Instant::now() < deadline, "the standby never caught up");
        std::thread::sleep(Duration::from_millis(100));
    }
    let before = db.snapshot();
    let on_replica = |args: &[&str], stdin: Option<&str>| {
        let mut all = args.to_vec();
        all.extend(["--database-url", replica_url.as_str()]);
        db.run_with(&all, stdin, CHEAP_HASH)
    };
    on_replica(&["list-admins", "--all-users"], None).expect_code(0);
    on_replica(&["verify", "a@example.com", "--password-stdin"], Some(OLD)).expect_code(6);
    for args in [
        vec!["unlock", "a@example.com", "--yes"],
        vec!["reset", "a@example.com", "--password-stdin", "--yes"],
    ] {
        let run = on_replica(&args, Some(NEW));
        run.expect_code(7);
        assert!(
            run.stderr.contains("read-only") && run.stderr.contains("primary"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(db.snapshot(), before);
}
