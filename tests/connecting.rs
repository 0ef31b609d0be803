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
        run.stderr.contains("did not answer within 1 s: something accepted the connection"),
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
