use crate::support::*;

#[test]
fn sandbox_creates_the_schema_and_samples_then_refuses_a_second_time() {
    for engine in engines() {
        let db = TestDb::empty(engine);
        let url = if engine == Engine::Sqlite {
            // Sandbox is the one command that may create the file itself.
            std::fs::remove_file(db.dir.path().join("mcp.db")).expect("remove");
            "sqlite:///./sandbox.db".to_owned()
        } else {
            db.url().to_owned()
        };
        let created = run_in(
            db.dir.path(),
            &["sandbox", "--database-url", &url],
            None,
            &[],
        );
        created.expect_code(0);
        assert!(
            created.stdout.contains("admin@example.com") && created.stdout.contains("changeme"),
            "{engine:?}"
        );

        let listed = run_in(
            db.dir.path(),
            &["list-admins", "--database-url", &url, "-o", "json"],
            None,
            &[],
        );
        listed.expect_code(0);
        let admins = listed.json();
        let emails: Vec<&str> = admins
            .as_array()
            .expect("array")
            .iter()
            .map(|a| a["email"].as_str().expect("email"))
            .collect();
        assert_eq!(
            emails,
            ["admin@example.com", "ops.lead@example.com"],
            "{engine:?}"
        );
        assert!(
            listed.stderr.contains("4 users in email_users, 2 admins"),
            "{}",
            listed.stderr
        );

        // The samples' passwords really are the ones printed.
        let verified = run_in(
            db.dir.path(),
            &[
                "verify",
                "dev@example.com",
                "--password-stdin",
                "--database-url",
                &url,
            ],
            Some("Sandbox-Dev-7\n"),
            &[],
        );
        verified.expect_code(6);
        assert!(
            verified.stdout.contains("password: matches")
                && verified.stdout.contains("locked until")
        );

        let again = run_in(
            db.dir.path(),
            &["sandbox", "--database-url", &url],
            None,
            &[],
        );
        again.expect_code(8);
        assert!(
            again.stderr.contains("already has a email_users table"),
            "{}",
            again.stderr
        );
    }
}

#[test]
fn sandbox_writes_sqlite_values_as_the_gateway_does() {
    let dir = temp_dir();
    run_in(
        dir.path(),
        &["sandbox", "--database-url", "sqlite:///./s.db"],
        None,
        &[],
    )
    .expect_code(0);
    let url = format!("sqlite:///{}", dir.path().join("s.db").display());
    let rows = query_url(
        &url,
        "SELECT typeof(is_admin), typeof(password_change_required), password_change_required, \
         length(locked_until), substr(locked_until, 11, 1) FROM email_users WHERE email = 'dev@example.com'",
    );
    // Integers for booleans; text timestamps 'YYYY-MM-DD HH:MM:SS.ffffff' (26 characters).
    assert_eq!(
        texts(&rows),
        vec![vec!["integer", "integer", "0", "26", " "]]
    );
}
