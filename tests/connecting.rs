use std::time::{Duration, Instant};

use crate::support::*;

#[test]
fn a_missing_sqlite_file_is_refused_and_nothing_is_created() {
    let dir = temp_dir();
    let run = run_in(dir.path(), &["list-admins"], None, &[]);
    run.expect_code(7);
    let expected = dir.path().join("mcp.db");
    assert!(
        run.stderr.contains(&expected.display().to_string()),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("sqlite:///./mcp.db"),
        "names the gateway's default: {}",
        run.stderr
    );
    let nested = run_in(
        dir.path(),
        &["list-admins", "--database-url", "sqlite:///data/x.db"],
        None,
        &[],
    );
    nested.expect_code(7);
    assert!(
        files_in(dir.path()).is_empty(),
        "left behind: {:?}",
        files_in(dir.path())
    );
}

#[test]
fn a_directory_or_another_file_is_not_a_database() {
    let dir = temp_dir();
    std::fs::create_dir(dir.path().join("mcp.db")).expect("mkdir");
    let run = run_in(dir.path(), &["list-admins"], None, &[]);
    run.expect_code(7);
    assert!(run.stderr.contains("is a directory"), "{}", run.stderr);

    std::fs::write(dir.path().join("notes.txt"), "not a database at all").expect("write");
    let run = run_in(
        dir.path(),
        &["list-admins", "--database-url", "sqlite:///notes.txt"],
        None,
        &[],
    );
    run.expect_code(7);
    assert!(
        run.stderr.contains("is not a SQLite database"),
        "{}",
        run.stderr
    );
    assert_eq!(
        files_in(dir.path()).len(),
        2,
        "no -wal, -shm or -journal: {:?}",
        files_in(dir.path())
    );
}

#[test]
fn in_memory_and_malformed_urls_are_refused() {
    let dir = temp_dir();
    for url in [
        "sqlite://",
        "sqlite:///:memory:",
        "oracle://h/db",
        "nonsense",
        "postgresql://u:pw@[oops/db",
    ] {
        let run = run_in(
            dir.path(),
            &["list-admins", "--database-url", url],
            None,
            &[],
        );
        run.expect_code(7);
        assert!(!run.stderr.contains("pw@"), "{}", run.stderr);
    }
}

#[test]
fn a_missing_table_or_column_names_it_and_the_table_flag() {
    for engine in engines() {
        let empty = TestDb::empty(engine);
        let run = empty.run(&["list-admins"]);
        run.expect_code(7);
        assert!(
            run.stderr.contains("email_users") && run.stderr.contains("--table"),
            "{}",
            run.stderr
        );

        let other = TestDb::empty(engine);
        other.script("CREATE TABLE people (email VARCHAR(255), password_hash VARCHAR(255), is_active INTEGER)");
        let run = other.run(&["list-admins", "--table", "people"]);
        run.expect_code(7);
        assert!(run.stderr.contains("no column is_admin"), "{}", run.stderr);
    }
}

#[test]
fn a_renamed_users_table_works_with_the_table_flag() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("a@example.com", "Right-Horse-Battery-9").admin());
        db.script("ALTER TABLE email_users RENAME TO app_users");
        db.run(&["list-admins"]).expect_code(7);
        let run = db.run(&["list-admins", "--table", "app_users", "-o", "json"]);
        run.expect_code(0);
        assert_eq!(run.json()[0]["email"], "a@example.com");
    }
}

#[test]
fn a_closed_port_fails_fast_naming_host_and_port() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let dir = temp_dir();
    for scheme in ["postgresql", "mysql"] {
        let url = format!("{scheme}://app:Secret-Pass-1@127.0.0.1:{port}/db");
        let run = run_in(
            dir.path(),
            &["list-admins", "--database-url", &url],
            None,
            &[],
        );
        run.expect_code(7);
        assert!(
            run.stderr.contains(&format!("127.0.0.1:{port}")),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("Secret-Pass-1"), "{}", run.stderr);
    }
}

#[test]
fn a_silent_server_times_out_within_connect_timeout() {
    // Accepts the TCP connection and never says anything.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let dir = temp_dir();
    let started = Instant::now();
    let url = format!("postgresql://app@127.0.0.1:{port}/db");
    let run = run_in(
        dir.path(),
        &[
            "list-admins",
            "--database-url",
            &url,
            "--connect-timeout",
            "1",
        ],
        None,
        &[],
    );
    run.expect_code(7);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        run.stderr
            .contains("did not answer within 1 s: something accepted the connection"),
        "{}",
        run.stderr
    );
    drop(listener);
}

#[test]
fn a_wrong_database_password_is_refused_without_echoing_it() {
    if !engines().contains(&Engine::MySql) {
        return;
    }
    let base = std::env::var("BREAKGLASS_TEST_MYSQL_URL").expect("url");
    let wrong = base.replacen("root@", "root:Wrong-Pass-77@", 1);
    assert_ne!(
        wrong, base,
        "the test URL must name root without a password"
    );
    let dir = temp_dir();
    let run = run_in(
        dir.path(),
        &["list-admins", "--database-url", &wrong],
        None,
        &[],
    );
    run.expect_code(7);
    assert!(!run.stderr.contains("Wrong-Pass-77"), "{}", run.stderr);
}

#[test]
fn help_never_shows_the_database_url() {
    let dir = temp_dir();
    let run = run_in(
        dir.path(),
        &["--help"],
        None,
        &[("DATABASE_URL", "postgresql://app:Hidden-Pass-5@db/mcp")],
    );
    run.expect_code(0);
    assert!(!run.stdout.contains("Hidden-Pass-5") && run.stdout.contains("--database-url"));
    let sub = run_in(
        dir.path(),
        &["list-admins", "--help"],
        None,
        &[("DATABASE_URL", "postgresql://app:Hidden-Pass-5@db/mcp")],
    );
    assert!(!sub.stdout.contains("Hidden-Pass-5"));
}

#[test]
fn database_url_comes_from_the_flag_the_environment_then_dot_env() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9").admin());
    let dir = temp_dir();
    let list = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["list-admins", "-o", "json", "-q"];
        args.extend_from_slice(extra);
        run_in(dir.path(), &args, None, env)
    };
    std::fs::write(
        dir.path().join(".env"),
        format!("DATABASE_URL={}\n", db.url()),
    )
    .expect("write");
    list(&[], &[]).expect_code(0);
    // The process environment wins over .env.
    list(&[("DATABASE_URL", "sqlite:///./elsewhere.db")], &[]).expect_code(7);
    list(&[], &["--no-env-file"]).expect_code(7);
    std::fs::rename(dir.path().join(".env"), dir.path().join("gateway.env")).expect("rename");
    list(&[], &["--env-file", "gateway.env"]).expect_code(0);
    list(&[], &["--env-file", "missing.env"]).expect_code(2);
}

#[test]
fn the_banner_names_the_database_and_quiet_silences_it() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("a@example.com", "Right-Horse-Battery-9").admin());
        db.execute(
            "INSERT INTO alembic_version (version_num) VALUES ('abc123def456')",
            &[],
        );
        let run = db.run(&["list-admins", "-o", "json"]);
        let banner = run.stderr.lines().next().unwrap_or_default().to_owned();
        let engine_name = match engine {
            Engine::Sqlite => "SQLite /",
            Engine::Postgres => "PostgreSQL 127.0.0.1:5432/",
            Engine::MySql => "MySQL/MariaDB 127.0.0.1:3306/",
        };
        assert!(banner.contains(engine_name), "{banner}");
        assert!(
            banner.contains("revision abc123def456")
                && banner.contains("1 user in email_users, 1 admin"),
            "{banner}"
        );
        if engine == Engine::Postgres {
            assert!(banner.contains(", schema bg_"), "{banner}");
        }
        let quiet = db.run(&["list-admins", "-o", "json", "--quiet"]);
        assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    }
}

#[test]
fn exit_codes_for_usage_errors() {
    let dir = temp_dir();
    run_in(dir.path(), &["no-such-command"], None, &[]).expect_code(2);
    run_in(
        dir.path(),
        &["list-admins", "--connect-timeout", "soon"],
        None,
        &[],
    )
    .expect_code(2);
    run_in(dir.path(), &["--version"], None, &[]).expect_code(0);
}

/// A host no resolver knows, spelled like a compose service name (one label).
const SERVICE_NAME: &str = "bg-no-such-service";

#[test]
fn a_host_that_does_not_resolve_names_where_the_url_came_from() {
    let dir = temp_dir();
    let url = format!("postgresql://app:Secret-Pass-9@{SERVICE_NAME}:5432/mcp");
    let flag = run_in(
        dir.path(),
        &["list-admins", "--database-url", &url],
        None,
        &[],
    );
    let environment = run_in(
        dir.path(),
        &["list-admins"],
        None,
        &[("DATABASE_URL", &url)],
    );
    std::fs::write(
        dir.path().join(".env"),
        format!("# the gateway's settings\n\nDATABASE_URL={url}\n"),
    )
    .expect("write");
    let dot_env = run_in(dir.path(), &["list-admins"], None, &[]);
    std::fs::write(
        dir.path().join("gateway.env"),
        format!("PORT=4444\nexport DATABASE_URL='{url}'\n"),
    )
    .expect("write");
    let env_file = run_in(
        dir.path(),
        &["list-admins", "--env-file", "gateway.env"],
        None,
        &[],
    );
    for (run, source) in [
        (&flag, "(--database-url)"),
        (&environment, "(DATABASE_URL from the environment)"),
        (&dot_env, "(DATABASE_URL from ./.env line 3)"),
        (&env_file, "(DATABASE_URL from gateway.env line 2)"),
    ] {
        run.expect_code(7);
        assert!(
            run.stderr
                .contains(&format!("could not resolve host '{SERVICE_NAME}' {source}")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("compose or Kubernetes service name")
                && run.stderr.contains("pass --database-url"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("Secret-Pass-9"), "{}", run.stderr);
        assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    }
}

/// Host and port of a test server's URL.
fn address_of(url: &str) -> (String, u16) {
    let parsed = url::Url::parse(url).expect("test URL");
    let host = parsed.host_str().expect("host").to_owned();
    (host, parsed.port_or_known_default().unwrap_or(0))
}

#[test]
fn a_port_where_another_server_answers_says_so_before_the_timeout() {
    let mut cases = Vec::new();
    if let Some(mysql) = server_url(Engine::MySql) {
        let (host, port) = address_of(&mysql);
        cases.push((
            format!("postgresql://app:Secret-Pass-9@{host}:{port}/mcp"),
            "it is not a PostgreSQL server (it answered like a MySQL/MariaDB server)",
        ));
    }
    if let Some(postgres) = server_url(Engine::Postgres) {
        let (host, port) = address_of(&postgres);
        cases.push((
            format!("mysql://app:Secret-Pass-9@{host}:{port}/mcp"),
            "it is not a MySQL/MariaDB server (it answered like a PostgreSQL server)",
        ));
    }
    // Redis, where one runs (it answers nothing until it sees a line of text).
    if std::net::TcpStream::connect("127.0.0.1:6379").is_ok() {
        for scheme in ["postgresql", "mysql"] {
            cases.push((
                format!("{scheme}://app:Secret-Pass-9@127.0.0.1:6379/mcp"),
                "(it answered like Redis): check the port in --database-url",
            ));
        }
    }
    let dir = temp_dir();
    for (url, expected) in cases {
        let started = Instant::now();
        let run = run_in(
            dir.path(),
            &[
                "list-admins",
                "--database-url",
                &url,
                "--connect-timeout",
                "10",
            ],
            None,
            &[],
        );
        let waited = started.elapsed();
        run.expect_code(7);
        assert!(waited < Duration::from_secs(6), "{url}: took {waited:?}");
        assert!(
            run.stderr.contains("something answered at") && run.stderr.contains(expected),
            "{url}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("did not answer"), "{}", run.stderr);
        assert!(!run.stderr.contains("Secret-Pass-9"), "{}", run.stderr);
    }
}

/// No server source line ("at line 948"), driver module path or OS error number.
fn assert_no_internals(stderr: &str) {
    for internal in [
        " at line ",
        "sqlx",
        "::",
        "os error",
        "error returned from database",
    ] {
        assert!(!stderr.contains(internal), "{internal:?} in: {stderr}");
    }
}

#[test]
fn a_missing_database_or_refused_login_is_said_without_server_internals() {
    for engine in [Engine::Postgres, Engine::MySql] {
        let Some(base) = server_url(engine) else {
            continue;
        };
        let mut missing = url::Url::parse(&base).expect("test URL");
        missing.set_path("/bg_no_such_database");
        let dir = temp_dir();
        let run = run_in(
            dir.path(),
            &["list-admins", "--database-url", missing.as_str()],
            None,
            &[],
        );
        run.expect_code(7);
        assert!(
            run.stderr
                .contains("there is no database 'bg_no_such_database' on this server")
                && run
                    .stderr
                    .contains("check the database name (the end of the URL) in --database-url"),
            "{}",
            run.stderr
        );
        assert_no_internals(&run.stderr);

        let mut stranger = url::Url::parse(&base).expect("test URL");
        stranger.set_username("bg_no_such_user").expect("user");
        stranger.set_password(Some("Wrong-Pass-77")).expect("pw");
        let refused = run_in(
            dir.path(),
            &["list-admins"],
            None,
            &[("DATABASE_URL", stranger.as_str())],
        );
        refused.expect_code(7);
        assert!(
            refused
                .stderr
                .contains("check the user and password in DATABASE_URL from the environment"),
            "{}",
            refused.stderr
        );
        assert!(
            !refused.stderr.contains("Wrong-Pass-77"),
            "{}",
            refused.stderr
        );
        assert_no_internals(&refused.stderr);
    }
}

#[test]
fn a_connection_that_waits_says_for_what_and_quiet_silences_it() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let dir = temp_dir();
    let url = format!("postgresql://app@127.0.0.1:{port}/db");
    let args = [
        "list-admins",
        "--database-url",
        &url,
        "--connect-timeout",
        "2",
    ];
    let run = run_in(dir.path(), &args, None, &[]);
    run.expect_code(7);
    assert!(
        run.stderr.contains(&format!(
            "waiting for PostgreSQL at 127.0.0.1:{port} to answer (up to 2 s; --connect-timeout)..."
        )),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let mut quiet_args = args.to_vec();
    quiet_args.push("-q");
    let quiet = run_in(dir.path(), &quiet_args, None, &[]);
    quiet.expect_code(7);
    assert!(!quiet.stderr.contains("waiting"), "{}", quiet.stderr);
    drop(listener);
}

#[test]
fn a_held_write_lock_is_announced_while_waited_for_and_quiet_silences_it() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("a@example.com", "Right-Horse-Battery-9").locked(30));
        block_on(async {
            let mut holder = connect(db.url()).await.expect("holder");
            let (statements, expected): (&[&str], _) = match engine {
                Engine::Sqlite => (
                    &["BEGIN IMMEDIATE"],
                    "waiting for the database lock held by another writer (up to 3 s; --lock-timeout)...",
                ),
                _ => (
                    &[
                        "START TRANSACTION",
                        "SELECT id FROM email_users WHERE email = 'a@example.com' FOR UPDATE",
                    ],
                    "another session probably holds a lock on these rows (up to 3 s; --lock-timeout)...",
                ),
            };
            for statement in statements {
                holder.execute_script(statement).await.expect("hold");
            }
            let run = db.run(&["unlock", "a@example.com", "--yes", "--lock-timeout", "3"]);
            run.expect_code(9);
            assert!(run.stderr.contains(expected), "{engine:?}: {}", run.stderr);
            assert!(!run.stdout.contains("waiting"), "{}", run.stdout);
            let quiet = db.run(&[
                "unlock",
                "a@example.com",
                "--yes",
                "--lock-timeout",
                "2",
                "-q",
            ]);
            quiet.expect_code(9);
            assert!(!quiet.stderr.contains("waiting"), "{}", quiet.stderr);
            holder.rollback().await.expect("release");
            holder.close().await.expect("close");
        });
    }
}
