use crate::support::*;

const PW: &str = "Right-Horse-Battery-9";

fn verify(db: &TestDb, email: &str, password: &str) -> Run {
    db.run_with(
        &["verify", email, "--password-stdin", "-o", "json"],
        Some(&format!("{password}\n")),
        &[],
    )
}

fn reasons(run: &Run) -> Vec<String> {
    run.json()["refusals"]
        .as_array()
        .expect("refusals")
        .iter()
        .map(|r| r["reason"].as_str().expect("reason").to_owned())
        .collect()
}

#[test]
fn verify_predicts_the_gateways_answer_on_every_engine() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("ok@example.com", PW));
        db.insert(&user("locked@example.com", PW).locked(30));
        db.insert(&user("expired-lock@example.com", PW).locked(-30));
        db.insert(&user("admin-locked@example.com", PW).admin().locked(30));
        db.insert(&user("inactive@example.com", PW).inactive());
        db.insert(&user("change@example.com", PW).must_change());
        let before = db.dump("email_users");

        let ok = verify(&db, "ok@example.com", PW);
        ok.expect_code(0);
        assert_eq!(ok.json()["login"], "logs_in");
        assert_eq!(ok.json()["login_would_succeed"], true);

        // Input is normalised as the gateway does: case and surrounding spaces ignored.
        verify(&db, "  OK@Example.COM ", PW).expect_code(0);

        let wrong = verify(&db, "ok@example.com", "Wrong-Horse-Battery-9");
        wrong.expect_code(5);
        assert_eq!(wrong.json()["password"], "does_not_match");
        assert_eq!(wrong.json()["login"], "refused");
        assert_eq!(wrong.json()["blocked_by"][0], "wrong_password");

        let locked = verify(&db, "locked@example.com", PW);
        locked.expect_code(6);
        assert_eq!(reasons(&locked), ["locked"]);
        assert_eq!(
            locked.json()["refusals"][0]["fix"],
            "breakglass unlock locked@example.com"
        );

        verify(&db, "expired-lock@example.com", PW).expect_code(0);

        // PROTECT_ALL_ADMINS (default true) exempts is_admin users from lockout.
        let exempt = verify(&db, "admin-locked@example.com", PW);
        exempt.expect_code(0);
        assert!(
            exempt.json()["notes"][0]
                .as_str()
                .expect("note")
                .contains("PROTECT_ALL_ADMINS")
        );
        let unprotected = db.run_with(
            &["verify", "admin-locked@example.com", "--password-stdin"],
            Some(PW),
            &[("PROTECT_ALL_ADMINS", "false")],
        );
        unprotected.expect_code(6);

        let inactive = verify(&db, "inactive@example.com", PW);
        inactive.expect_code(6);
        assert_eq!(reasons(&inactive), ["inactive"]);
        assert_eq!(inactive.json()["login"], "refused");
        assert_eq!(
            inactive.json()["blocked_by"],
            serde_json::json!(["inactive"])
        );

        // A change demand gets in (to choose a new password): success, said plainly, and the
        // same judgement doctor and list-admins give.
        let change = verify(&db, "change@example.com", PW);
        change.expect_code(0);
        assert_eq!(reasons(&change), ["change_required_flag"]);
        assert_eq!(
            (
                &change.json()["login"],
                &change.json()["can_log_in"],
                &change.json()["change_required"]
            ),
            (
                &serde_json::json!("must_change_password"),
                &serde_json::json!(true),
                &serde_json::json!(true)
            )
        );
        let text = db.run_with(
            &["verify", "change@example.com", "--password-stdin"],
            Some(PW),
            &[],
        );
        text.expect_code(0);
        assert!(
            text.stdout
                .contains("login: logs in, and must choose a new password there\n")
                && text
                    .stdout
                    .contains("to skip it: breakglass clear-change-flag change@example.com"),
            "{}",
            text.stdout
        );
        let listed = db.run(&["list-admins", "--all-users", "-o", "json"]);
        listed.expect_code(0);
        let login_of = |email: &str| {
            listed
                .json()
                .as_array()
                .expect("array")
                .iter()
                .find(|u| u["email"] == email)
                .map(|u| u["login"].clone())
        };
        assert_eq!(
            login_of("change@example.com"),
            Some(serde_json::json!("must_change_password"))
        );
        assert_eq!(
            login_of("inactive@example.com"),
            Some(serde_json::json!("refused"))
        );
        assert_eq!(
            login_of("ok@example.com"),
            Some(serde_json::json!("logs_in"))
        );
        assert_eq!(
            login_of("admin-locked@example.com"),
            Some(serde_json::json!("logs_in"))
        );

        // A wrong password takes precedence over other refusals.
        verify(&db, "locked@example.com", "nope").expect_code(5);

        let missing = verify(&db, "ghost@example.com", PW);
        missing.expect_code(3);
        assert!(
            missing.stderr.contains("no user ghost@example.com"),
            "{}",
            missing.stderr
        );

        // verify never writes: no failed attempt is counted.
        assert_eq!(db.dump("email_users"), before, "{engine:?}");
    }
}

#[test]
fn password_age_is_enforced_on_postgres_only() {
    for engine in engines() {
        let db = TestDb::new(engine);
        let mut old = user("old@example.com", PW);
        old.changed_days_ago = 120;
        db.insert(&old);
        let run = verify(&db, "old@example.com", PW);
        if engine == Engine::Postgres {
            // It gets in to choose a new password.
            run.expect_code(0);
            assert_eq!(reasons(&run), ["password_too_old"]);
            assert_eq!(run.json()["login"], "must_change_password");
        } else {
            run.expect_code(0);
        }
        // The gateway's own variable moves the limit.
        verify_with_env(&db, "old@example.com", &[("PASSWORD_MAX_AGE_DAYS", "365")]).expect_code(0);
    }
}

fn verify_with_env(db: &TestDb, email: &str, env: &[(&str, &str)]) -> Run {
    db.run_with(&["verify", email, "--password-stdin"], Some(PW), env)
}

#[test]
fn default_password_and_unusable_hashes_are_refusals() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("boot@example.com", "changeme"));
        let mut none = user("sso@example.com", PW);
        none.hash_type = "none".into();
        db.insert(&none);
        db.insert_with_hash(
            &user("bcrypt@example.com", PW),
            "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5XvYqyB3qUUhJNQKb0rBCn9QlCCq4mG",
        );

        let boot = verify(&db, "boot@example.com", "changeme");
        boot.expect_code(0);
        assert_eq!(reasons(&boot), ["default_password"]);
        assert_eq!(boot.json()["login"], "must_change_password");
        assert_eq!(
            reasons(&verify(&db, "sso@example.com", PW)),
            ["hash_unusable"]
        );
        let bcrypt = verify(&db, "bcrypt@example.com", PW);
        bcrypt.expect_code(6);
        assert_eq!(bcrypt.json()["password"], "unusable");
    }
}

#[test]
fn rows_differing_only_in_case_are_ambiguous() {
    // MariaDB's default collation makes the unique email index case-insensitive,
    // so such rows cannot exist there.
    for engine in engines().into_iter().filter(|e| *e != Engine::MySql) {
        let db = TestDb::new(engine);
        db.insert(&user("ann@example.com", PW));
        db.insert(&user("Ann@Example.com", PW));
        let run = verify(&db, "ann@example.com", PW);
        run.expect_code(4);
        assert!(
            run.stderr.contains("'ann@example.com'") && run.stderr.contains("'Ann@Example.com'"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_stored_mixed_case_email_can_never_log_in() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("Bob@Example.com", PW));
        let run = verify(&db, "bob@example.com", PW);
        run.expect_code(6);
        assert_eq!(reasons(&run), ["email_not_normalized"]);
    }
}

#[test]
fn sqlite_text_false_reads_as_true_and_is_flagged() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("carol@example.com", PW));
    // What a hand-written INSERT relying on the DDL's DEFAULT 'false' leaves behind.
    db.execute(
        "UPDATE email_users SET password_change_required = 'false'",
        &[],
    );
    let run = db.run_with(
        &["verify", "carol@example.com", "--password-stdin"],
        Some(PW),
        &[],
    );
    run.expect_code(0);
    assert!(
        run.stdout.contains("password_change_required is set"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("stored as the text 'false', which the gateway reads as true"),
        "{}",
        run.stderr
    );
}

#[test]
fn password_sources_and_their_refusals() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("dan@example.com", PW));
    std::fs::write(db.dir.path().join("pw.txt"), format!("{PW}\n")).expect("write");
    db.run(&["verify", "dan@example.com", "--password-file", "pw.txt"])
        .expect_code(0);
    db.run_with(
        &["verify", "dan@example.com", "--password-file", "-"],
        Some(PW),
        &[],
    )
    .expect_code(0);
    db.run_with(
        &["verify", "dan@example.com", "--password-env", "DAN_PW"],
        None,
        &[("DAN_PW", PW)],
    )
    .expect_code(0);

    // No terminal and no source: refuse at once, naming the flags.
    let no_tty = db.run(&["verify", "dan@example.com"]);
    no_tty.expect_code(8);
    assert!(
        no_tty.stderr.contains("--password-stdin"),
        "{}",
        no_tty.stderr
    );

    for (input, why) in [("\n", "empty"), ("", "empty"), ("a\0b", "NUL")] {
        let run = db.run_with(
            &["verify", "dan@example.com", "--password-stdin"],
            Some(input),
            &[],
        );
        run.expect_code(8);
        assert!(run.stderr.contains(why), "{input:?}: {}", run.stderr);
    }
    let missing_file = db.run(&["verify", "dan@example.com", "--password-file", "nope.txt"]);
    missing_file.expect_code(8);
    let unset = db.run(&["verify", "dan@example.com", "--password-env", "UNSET_VAR"]);
    unset.expect_code(8);
    assert!(unset.stderr.contains("UNSET_VAR"));
    db.run(&[
        "verify",
        "dan@example.com",
        "--password-stdin",
        "--password-env",
        "X",
    ])
    .expect_code(2);
}
