//! Every command through PgBouncer in transaction-pooling mode, the way many PostgreSQL
//! deployments of the gateway are reached.

use breakglass::db::Target;
use breakglass::db::url::parse;

use crate::servers::{PgBouncer, can_start_servers};
use crate::support::*;

const OLD: &str = "Right-Horse-Battery-9";
const NEW: &str = "Quartz-Falcon-Rain-7";

/// PgBouncer in front of the shared server, and a database of the test's own behind it.
fn behind_pgbouncer() -> Option<(TestDb, PgBouncer, String)> {
    let shared = server_url(Engine::Postgres)?;
    if !can_start_servers(true) {
        return None;
    }
    let Ok(Target::Postgres(server)) = parse(&shared, std::path::Path::new("/")) else {
        panic!("not a PostgreSQL URL: {shared}");
    };
    let db = TestDb::postgres_database(&shared);
    let user = server.user.clone().unwrap_or_else(|| "postgres".to_owned());
    let bouncer = PgBouncer::start(&server.host, server.port, &user);
    let url = format!(
        "postgresql://{user}@127.0.0.1:{}/{}",
        bouncer.port,
        db.name()
    );
    Some((db, bouncer, url))
}

fn through(db: &TestDb, url: &str, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--database-url", url]);
    db.run_with(&all, stdin, CHEAP_HASH)
}

#[test]
fn every_command_works_through_pgbouncer_in_transaction_mode() {
    let Some((db, bouncer, url)) = behind_pgbouncer() else {
        return;
    };
    db.insert(&user("boss@example.com", OLD).admin());
    db.insert(&user("locked@example.com", OLD).locked(30));
    db.insert(&user("flagged@example.com", OLD).must_change());
    db.insert(&user("leaver@example.com", OLD));

    let listed = through(&db, &url, &["list-admins", "-o", "json"], None);
    listed.expect_code(0);
    assert_eq!(
        listed.json()[0]["email"],
        "boss@example.com",
        "{}",
        listed.stdout
    );
    through(
        &db,
        &url,
        &["verify", "boss@example.com", "--password-stdin"],
        Some(OLD),
    )
    .expect_code(0);

    let dry = through(
        &db,
        &url,
        &[
            "reset",
            "locked@example.com",
            "--password-stdin",
            "--yes",
            "--dry-run",
        ],
        Some(NEW),
    );
    dry.expect_code(0);
    through(
        &db,
        &url,
        &[
            "reset",
            "locked@example.com",
            "--password-stdin",
            "--yes",
            "--no-must-change",
        ],
        Some(NEW),
    )
    .expect_code(0);
    through(
        &db,
        &url,
        &["verify", "locked@example.com", "--password-stdin"],
        Some(NEW),
    )
    .expect_code(0);

    db.execute(
        "UPDATE email_users SET failed_login_attempts = 3 WHERE email = 'leaver@example.com'",
        &[],
    );
    through(&db, &url, &["unlock", "leaver@example.com", "--yes"], None).expect_code(0);
    db.execute("UPDATE email_users SET failed_login_attempts = 4", &[]);
    let all = through(&db, &url, &["unlock", "--all", "--yes", "-o", "json"], None);
    all.expect_code(0);
    assert_eq!(all.json()["count"], 4, "{}", all.stdout);
    through(
        &db,
        &url,
        &["clear-change-flag", "flagged@example.com", "--yes"],
        None,
    )
    .expect_code(0);
    through(
        &db,
        &url,
        &["deactivate", "leaver@example.com", "--yes"],
        None,
    )
    .expect_code(0);

    // What the commands did, read directly from the server.
    let rows = texts(&db.rows(
        "SELECT email, failed_login_attempts, password_change_required, is_active \
         FROM email_users ORDER BY email",
    ));
    assert_eq!(
        rows,
        [
            ["boss@example.com", "0", "false", "true"],
            ["flagged@example.com", "0", "false", "true"],
            ["leaver@example.com", "0", "false", "false"],
            ["locked@example.com", "0", "false", "true"],
        ]
    );
    let events = db.rows("SELECT count(*) FROM email_auth_events");
    assert_eq!(texts(&events), [["8"]]);
    assert!(!bouncer.log().contains("ERROR"), "{}", bouncer.log());
}

/// Two server connections shared by several clients at once: each statement must run on
/// the connection that parsed it, or a client could execute another's statement.
#[test]
fn concurrent_commands_share_pooled_connections_safely() {
    let Some((db, _bouncer, url)) = behind_pgbouncer() else {
        return;
    };
    for n in 0..6 {
        db.insert(&user(&format!("u{n}@example.com"), OLD).locked(30));
    }
    let workers: Vec<_> = (0..6)
        .map(|n| {
            let url = url.clone();
            let email = format!("u{n}@example.com");
            let dir = db.dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut runs = Vec::new();
                for _ in 0..3 {
                    runs.push(run_in(
                        &dir,
                        &[
                            "list-admins",
                            "--all-users",
                            "-o",
                            "json",
                            "--database-url",
                            &url,
                        ],
                        None,
                        &[],
                    ));
                    runs.push(run_in(
                        &dir,
                        &["verify", &email, "--password-stdin", "--database-url", &url],
                        Some(OLD),
                        &[],
                    ));
                }
                runs.push(run_in(
                    &dir,
                    &["unlock", &email, "--yes", "--database-url", &url],
                    None,
                    &[],
                ));
                runs
            })
        })
        .collect();
    for worker in workers {
        for run in worker.join().expect("worker") {
            // verify exits 6 while the user is still locked; never an error.
            assert!(
                [0, 6].contains(&run.code),
                "exit {}\n{}\n{}",
                run.code,
                run.stdout,
                run.stderr
            );
        }
    }
    let rows = texts(&db.rows(
        "SELECT count(*) FROM email_users WHERE failed_login_attempts = 0 AND locked_until IS NULL",
    ));
    assert_eq!(rows, [["6"]]);
}

#[test]
fn a_startup_option_pgbouncer_refuses_is_explained() {
    let Some((db, _bouncer, url)) = behind_pgbouncer() else {
        return;
    };
    let with_options = format!("{url}?options=-c%20search_path%3Dpublic");
    let run = through(&db, &with_options, &["list-admins"], None);
    run.expect_code(7);
    assert!(run.stderr.contains("options"), "{}", run.stderr);
    assert!(
        run.stderr.contains("ignore_startup_parameters"),
        "{}",
        run.stderr
    );
}
