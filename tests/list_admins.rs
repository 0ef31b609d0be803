use crate::support::*;

const PW: &str = "Right-Horse-Battery-9";

fn admins(run: &Run) -> Vec<(String, Vec<String>)> {
    run.json()
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            let via = a["admin_via"]
                .as_array()
                .expect("via")
                .iter()
                .map(|v| v.as_str().expect("str").to_owned())
                .collect();
            (a["email"].as_str().expect("email").to_owned(), via)
        })
        .collect()
}

#[test]
fn every_admin_rule_is_listed_with_its_reason() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("col@example.com", PW).admin());
        db.insert(&user("platform@corp.example", PW));
        db.insert(&user("role@example.com", PW));
        db.insert(&user("revoked@example.com", PW));
        db.insert(&user("plain@example.com", PW));
        db.grant_platform_admin("role@example.com", true);
        db.grant_platform_admin("revoked@example.com", false);

        let run = db.run_with(
            &["list-admins", "-o", "json"],
            None,
            &[("PLATFORM_ADMIN_EMAIL", "platform@corp.example")],
        );
        run.expect_code(0);
        let expected = vec![
            ("col@example.com".to_owned(), vec!["is_admin".to_owned()]),
            (
                "platform@corp.example".to_owned(),
                vec!["platform_admin_email".to_owned()],
            ),
            (
                "role@example.com".to_owned(),
                vec!["platform_admin_role".to_owned()],
            ),
        ];
        assert_eq!(admins(&run), expected, "{engine:?}");
        assert!(
            run.stderr.contains("5 users in email_users, 3 admins"),
            "{}",
            run.stderr
        );

        let object = &run.json()[0];
        for key in [
            "email",
            "full_name",
            "is_active",
            "admin_via",
            "failed_login_attempts",
            "locked_until",
            "password_change_required",
            "last_login",
            "password_changed_at",
        ] {
            assert!(object.get(key).is_some(), "missing key {key}");
        }
        // RFC 3339 in UTC.
        assert!(
            object["password_changed_at"]
                .as_str()
                .expect("ts")
                .ends_with('Z')
        );

        let everyone = db.run(&["list-admins", "--all-users", "-o", "json", "-q"]);
        assert_eq!(everyone.json().as_array().expect("array").len(), 5);
        assert!(
            everyone.stderr.is_empty(),
            "-q prints nothing: {}",
            everyone.stderr
        );
    }
}

#[test]
fn locked_filter_csv_and_table() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("a@example.com", PW).admin().locked(30));
        db.insert(&user("b@example.com", PW).admin().locked(-30));
        db.insert(&user("c@example.com", PW).locked(30));

        let locked = db.run(&["list-admins", "--locked", "-o", "json"]);
        // a@ is an admin: PROTECT_ALL_ADMINS (default on) lets it log in anyway.
        assert_eq!(locked.json()[0]["lockout_exempt"], true);
        let unprotected = db.run_with(
            &["list-admins", "--locked", "-o", "json"],
            None,
            &[("PROTECT_ALL_ADMINS", "false")],
        );
        assert_eq!(unprotected.json()[0]["lockout_exempt"], false);
        assert_eq!(
            admins(&locked).into_iter().map(|a| a.0).collect::<Vec<_>>(),
            ["a@example.com"]
        );
        let all_locked = db.run(&["list-admins", "--locked", "--all-users", "-o", "json"]);
        assert_eq!(all_locked.json().as_array().expect("array").len(), 2);

        let csv = db.run(&["-o", "csv", "list-admins"]);
        csv.expect_code(0);
        let lines: Vec<&str> = csv.stdout.lines().collect();
        assert_eq!(
            lines[0],
            "email,full name,active,admin via,failed attempts,locked until,change required,last login,password changed,can log in"
        );
        assert_eq!(lines.len(), 3);
        assert!(lines[2].contains("(expired)"), "{}", lines[2]);

        let table = db.run(&["list-admins"]);
        assert!(table.stdout.contains("a@example.com") && table.stdout.contains("admin via"));
        assert!(!table.stdout.contains('\u{1b}'), "no colour off a terminal");
    }
}

#[test]
fn no_admin_is_a_loud_warning() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("plain@example.com", PW));
    let run = db.run(&["list-admins", "-q", "-o", "json"]);
    run.expect_code(0);
    assert_eq!(run.stdout.trim(), "[]");
    assert!(
        run.stderr.contains("no admin exists"),
        "warnings survive -q: {}",
        run.stderr
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("seed@example.com", PW).admin());
    db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) \
         INSERT INTO email_users (id, email, password_hash, is_admin, password_change_required) \
         SELECT 'id' || i, 'user' || i || '@example.com', 'x', 1, 0 FROM n",
        &[],
    );
    let script = format!("{BIN} list-admins -o csv | head -n 1");
    let output = std::process::Command::new("bash")
        .args(["-o", "pipefail", "-c", &script])
        .current_dir(db.dir.path())
        .env("DATABASE_URL", db.url())
        .output()
        .expect("bash");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
