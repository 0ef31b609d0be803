//! doctor: for every admin, the answer its next login with the right password gets, the fix
//! that lifts each block, the warnings, the release and the settings; exit 10 when nobody
//! can log in. Cross-checked against verify with the right password.

use serde_json::Value as J;

use crate::support::*;

const PW: &str = "Right-Horse-Battery-9";
const NEW: &str = "Fresh-Recovery-Pass-2026!";
const V090: &str = "l6f7g8h9i0j1";
const V080: &str = "3c89a45f32e5";
const V107: &str = "7ab59991e017";
const V110: &str = "c7e91a2b4d60";

fn doctor(db: &TestDb, env: &[(&str, &str)]) -> Run {
    db.run_with(&["doctor", "-o", "json"], None, env)
}

fn admin<'a>(report: &'a J, email: &str) -> &'a J {
    report["admins"]
        .as_array()
        .expect("admins")
        .iter()
        .find(|a| a["email"] == email)
        .unwrap_or_else(|| panic!("{email} not in {report:#}"))
}

fn set_revision(db: &TestDb, revision: &str) {
    db.execute("DELETE FROM alembic_version", &[]);
    db.execute(
        &format!("INSERT INTO alembic_version (version_num) VALUES ('{revision}')"),
        &[],
    );
}

/// verify with the right password gives doctor's judgement, key for key; exit 0 where it gets
/// in (a change demand included), 6 where it is refused.
fn verify_agrees(db: &TestDb, email: &str, password: &str, entry: &J, env: &[(&str, &str)]) {
    let run = db.run_with(
        &["verify", email, "--password-stdin", "-o", "json"],
        Some(password),
        env,
    );
    let verified = run.json();
    for key in ["login", "can_log_in", "change_required", "blocked_by"] {
        assert_eq!(
            verified[key], entry[key],
            "{email}: {key}: doctor {entry} vs verify {verified}"
        );
    }
    run.expect_code(if entry["can_log_in"] == true { 0 } else { 6 });
}

/// Runs a printed fix as an operator would, the new password typed on stdin.
fn run_fix(db: &TestDb, fix: &str, env: &[(&str, &str)]) {
    let words: Vec<&str> = fix.split_whitespace().collect();
    assert_eq!(words[0], "breakglass", "{fix}");
    let mut args: Vec<&str> = words[1..].to_vec();
    args.extend(["--yes", "-q"]);
    let stdin = if words[1] == "reset" {
        args.push("--password-stdin");
        Some(NEW)
    } else {
        None
    };
    db.run_with(&args, stdin, env).expect_code(0);
}

#[test]
fn doctor_predicts_every_admin_and_its_fix_on_every_engine() {
    let env = [("PROTECT_ALL_ADMINS", "false")];
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("ok@example.com", PW).admin());
        db.insert(&user("locked@example.com", PW).admin().locked(30));
        db.insert(&user("gone@example.com", PW).admin().inactive());
        db.insert(&user("change@example.com", PW).admin().must_change());
        db.insert(&user("plain@example.com", PW).locked(30));
        let before = db.snapshot();

        let run = doctor(&db, &env);
        run.expect_code(0);
        assert_eq!(db.snapshot(), before, "doctor wrote to {engine:?}");
        let report = run.json();
        let emails: Vec<&str> = report["admins"]
            .as_array()
            .expect("admins")
            .iter()
            .map(|a| a["email"].as_str().expect("email"))
            .collect();
        assert_eq!(
            emails,
            [
                "change@example.com",
                "gone@example.com",
                "locked@example.com",
                "ok@example.com"
            ],
            "plain users are not admins"
        );
        let ok = admin(&report, "ok@example.com");
        assert_eq!(ok["can_log_in"], true);
        assert_eq!(ok["fix"], J::Null);
        assert_eq!(ok["admin_via"][0], "is_admin");
        let locked = admin(&report, "locked@example.com");
        assert_eq!(locked["blocked_by"][0], "locked");
        assert_eq!(locked["fix"], "breakglass unlock locked@example.com");
        let gone = admin(&report, "gone@example.com");
        assert_eq!(gone["blocked_by"][0], "inactive");
        // Made inactive just now (updated_at): its old sessions could come back, and the
        // re-activation guard asks for --force; the fix carries it and says why.
        assert_eq!(
            gone["fix"],
            "breakglass reset gone@example.com --activate --force"
        );
        assert!(
            gone["fix_note"]
                .as_str()
                .is_some_and(|note| note.contains("come back")),
            "{gone}"
        );
        assert_eq!(gone["after_fix"], 403);
        let change = admin(&report, "change@example.com");
        assert_eq!(
            (&change["can_log_in"], &change["change_required"]),
            (&J::Bool(true), &J::Bool(true))
        );
        assert_eq!(change["fix"], J::Null);
        for email in [
            "ok@example.com",
            "locked@example.com",
            "gone@example.com",
            "change@example.com",
        ] {
            verify_agrees(&db, email, PW, admin(&report, email), &env);
        }
        // -o csv: the same verdicts, one line per admin.
        let csv = db.run_with(&["doctor", "-o", "csv"], None, &env);
        csv.expect_code(0);
        let lines: Vec<&str> = csv.stdout.lines().collect();
        assert_eq!(
            lines[0],
            "email,admin via,login,can log in,change required,blocked by,fix"
        );
        assert_eq!(
            lines[1..],
            [
                "change@example.com,is_admin,must_change_password,true,true,,",
                "gone@example.com,is_admin,refused,false,false,inactive,breakglass reset gone@example.com --activate --force",
                "locked@example.com,is_admin,refused,false,false,locked,breakglass unlock locked@example.com",
                "ok@example.com,is_admin,logs_in,true,false,,",
            ],
            "{engine:?}"
        );
        assert_eq!(
            report["settings"]["PROTECT_ALL_ADMINS"],
            serde_json::json!({"value": false, "source": "environment"})
        );
        assert!(report["database"].as_str().unwrap_or_default().len() > 5);

        // Each fix, run as printed, lets its admin in.
        for email in ["locked@example.com", "gone@example.com"] {
            let fix = admin(&report, email)["fix"]
                .as_str()
                .expect("fix")
                .to_owned();
            run_fix(&db, &fix, &env);
        }
        let after = doctor(&db, &env).json();
        for email in ["locked@example.com", "gone@example.com"] {
            assert_eq!(admin(&after, email)["can_log_in"], true, "{after:#}");
        }
        verify_agrees(
            &db,
            "gone@example.com",
            NEW,
            admin(&after, "gone@example.com"),
            &env,
        );
        assert_eq!(
            admin(&after, "gone@example.com")["change_required"],
            true,
            "the reset demands a change, as the fix said (after_fix 403)"
        );
    }
}

/// The re-activation window of an inactive admin is looked up after the admin rows are read
/// (the row stream holds the connection): each --force must land on its own admin, in the
/// text as in the JSON.
#[test]
fn doctor_asks_for_force_only_where_the_admin_was_made_inactive_recently() {
    let env = [("PROTECT_ALL_ADMINS", "false")];
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("a-long-ago@example.com", PW).admin().inactive());
        db.insert(&user("b-ok@example.com", PW).admin());
        db.insert(&user("c-just-now@example.com", PW).admin().inactive());
        db.insert(&user("d-ok@example.com", PW).admin());
        db.execute(
            "UPDATE email_users SET updated_at = '2020-01-01 00:00:00.000000' \
             WHERE email = 'a-long-ago@example.com'",
            &[],
        );

        let report = doctor(&db, &env).json();
        let long_ago = admin(&report, "a-long-ago@example.com");
        assert_eq!(
            long_ago["fix"],
            "breakglass reset a-long-ago@example.com --activate"
        );
        assert_eq!(long_ago["fix_note"], J::Null, "{long_ago}");
        let just_now = admin(&report, "c-just-now@example.com");
        assert_eq!(
            just_now["fix"],
            "breakglass reset c-just-now@example.com --activate --force"
        );
        assert!(
            just_now["fix_note"]
                .as_str()
                .is_some_and(|note| note.contains("come back")),
            "{just_now}"
        );
        for email in ["b-ok@example.com", "d-ok@example.com"] {
            assert_eq!(admin(&report, email)["fix"], J::Null, "{report:#}");
        }

        let text = db.run_with(&["doctor"], None, &env);
        text.expect_code(0);
        let section = |from: &str, to: &str| {
            let start = text.stdout.find(from).expect(from);
            let end = text.stdout.find(to).expect(to);
            text.stdout[start..end].to_owned()
        };
        let long_ago = section("  a-long-ago@example.com", "  b-ok@example.com");
        assert!(
            long_ago.contains(
                "    fix: breakglass reset a-long-ago@example.com --activate   (then it logs in and must choose"
            ) && !long_ago.contains("--force"),
            "{}",
            text.stdout
        );
        let just_now = section("  c-just-now@example.com", "  d-ok@example.com");
        assert!(
            just_now.contains(
                "    fix: breakglass reset c-just-now@example.com --activate --force   ("
            ) && just_now.contains("    note: it was made inactive at "),
            "{}",
            text.stdout
        );
        assert!(
            text.stdout.ends_with("2 of 4 admins can log in\n"),
            "{}",
            text.stdout
        );
    }
}

#[test]
fn doctor_exits_10_when_no_admin_can_log_in_and_says_what_to_type() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("gone@example.com", PW).admin().inactive());
        db.insert(&user("locked@example.com", PW).admin().locked(30));
        let env = [("PROTECT_ALL_ADMINS", "false")];
        let run = db.run_with(&["doctor"], None, &env);
        run.expect_code(10);
        assert!(
            run.stdout
                .contains("fix: breakglass unlock locked@example.com"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("no admin can log in"), "{}", run.stdout);
        assert!(run.stdout.contains("0 of 2 admins can log in"));
        // Quiet still reports a problem.
        let quiet = db.run_with(&["doctor", "-q"], None, &env);
        quiet.expect_code(10);
        assert!(quiet.stdout.contains("]: refused\n"), "{}", quiet.stdout);
        // An empty table: nobody at all.
        let empty = TestDb::new(engine);
        let run = doctor(&empty, &[]);
        run.expect_code(10);
        assert!(
            run.json()["warnings"]
                .to_string()
                .contains("breakglass create-admin"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn doctor_is_quiet_when_healthy_and_names_where_settings_come_from() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("admin@example.com", PW).admin());
    db.insert(&user("second@example.com", PW).admin());
    std::fs::write(
        db.dir.path().join(".env"),
        "PLATFORM_ADMIN_PASSWORD=Never-Printed-Secret-42\nMAX_FAILED_LOGIN_ATTEMPTS=3\n",
    )
    .expect("write .env");
    let quiet = db.run_with(&["doctor", "-q"], None, &[]);
    quiet.expect_code(0);
    assert_eq!(quiet.stdout, "", "healthy and quiet prints nothing");
    assert_eq!(quiet.stderr, "");
    let quiet_json = db.run_with(&["doctor", "-q", "-o", "json"], None, &[]);
    quiet_json.expect_code(0);
    assert_eq!(
        quiet_json.json()["admins"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(quiet_json.stderr, "");

    let run = db.run_with(&["doctor"], None, &[("TOKEN_EXPIRY", "45")]);
    run.expect_code(0);
    assert!(!run.stdout.contains("Never-Printed"), "{}", run.stdout);
    assert!(!run.stderr.contains("Never-Printed"), "{}", run.stderr);
    let json = db
        .run_with(&["doctor", "-o", "json"], None, &[("TOKEN_EXPIRY", "45")])
        .json();
    let settings = &json["settings"];
    assert_eq!(settings["MAX_FAILED_LOGIN_ATTEMPTS"]["value"], 3);
    assert_eq!(settings["MAX_FAILED_LOGIN_ATTEMPTS"]["source"], ".env");
    assert_eq!(settings["TOKEN_EXPIRY"]["value"], 45);
    assert_eq!(settings["TOKEN_EXPIRY"]["source"], "environment");
    assert_eq!(settings["ACCOUNT_LOCKOUT_DURATION_MINUTES"]["value"], 60);
    assert_eq!(
        settings["ACCOUNT_LOCKOUT_DURATION_MINUTES"]["source"],
        "default"
    );
    assert_eq!(settings["PLATFORM_ADMIN_PASSWORD"]["value"], "set");
    assert_eq!(settings["PASSWORD_MAX_AGE_DAYS"]["value"], 90);
    assert!(
        settings["PASSWORD_MAX_AGE_DAYS"]["note"]
            .as_str()
            .unwrap_or_default()
            .contains("not enforced"),
        "{settings:#}"
    );
    for name in [
        "PLATFORM_ADMIN_EMAIL",
        "PROTECT_ALL_ADMINS",
        "PASSWORD_POLICY_ENABLED",
        "CACHE_TYPE",
        "EMAIL_AUTH_ENABLED",
        "SSO_ENABLED",
    ] {
        assert!(settings[name]["source"].is_string(), "{name}: {settings:#}");
    }
    assert_eq!(json["warnings"], serde_json::json!([]));
    assert_eq!(json["release"], J::Null);
}

#[test]
fn doctor_warns_before_the_next_incident() {
    for engine in engines() {
        let db = TestDb::new(engine);
        let mut soon = user("soon@example.com", PW).admin();
        soon.changed_days_ago = 80;
        db.insert(&soon);
        let mut none = user("sso@example.com", PW).admin();
        none.hash_type = "none".to_owned();
        db.insert(&none);
        set_revision(&db, V110);
        let report = doctor(&db, &[("PLATFORM_ADMIN_EMAIL", "root@example.com")]).json();
        let warnings = report["warnings"].to_string();
        assert!(
            warnings.contains("no row has PLATFORM_ADMIN_EMAIL=root@example.com"),
            "{warnings}"
        );
        assert!(
            warnings.contains("PLATFORM_ADMIN_PASSWORD is not set")
                && warnings.contains("refuses to start"),
            "{warnings}"
        );
        assert!(
            warnings.contains("only one admin can log in (soon@example.com)"),
            "{warnings}"
        );
        assert!(
            warnings.contains("sso@example.com")
                && warnings.contains("UI cannot fix")
                && warnings.contains("breakglass reset sso@example.com"),
            "{warnings}"
        );
        let expiring = warnings.contains("soon@example.com's password expires by age");
        assert_eq!(
            expiring,
            engine == Engine::Postgres,
            "{engine:?}: {warnings}"
        );
        assert_eq!(report["release"], "1.1.0");
        assert_eq!(report["revision"], V110);
    }
}

#[test]
fn doctor_follows_the_release_the_revision_names() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("admin@example.com", PW).admin());
    db.insert(&user("old-lock@example.com", PW).admin().locked(-60 * 24));
    db.insert(&user("locked@example.com", PW).admin().locked(30));
    let mut none = user("none@example.com", PW).admin();
    none.hash_type = "none".to_owned();
    db.insert(&none);

    set_revision(&db, V107);
    let report = doctor(&db, &[]).json();
    assert_eq!(report["release"], "1.0.7");
    assert_eq!(report["settings"]["TOKEN_EXPIRY"]["value"], 20);
    // 1.0.7: admins are exempt from the lock, and it ignores password_hash_type.
    for email in [
        "old-lock@example.com",
        "locked@example.com",
        "none@example.com",
    ] {
        assert_eq!(admin(&report, email)["can_log_in"], true, "{email}");
    }
    let banner = db.run(&["list-admins"]).stderr;
    assert!(
        banner.contains("revision 7ab59991e017 (gateway 1.0.7)"),
        "{banner}"
    );

    set_revision(&db, V110);
    let report = doctor(&db, &[]).json();
    assert_eq!(
        admin(&report, "none@example.com")["blocked_by"][0],
        "hash_unusable"
    );
    verify_agrees(
        &db,
        "none@example.com",
        PW,
        admin(&report, "none@example.com"),
        &[],
    );

    // 0.9.0: no PROTECT_ALL_ADMINS (even when set), sessions of 7 days, and on SQLite any
    // lock, even a past one, fails the login until it is cleared.
    set_revision(&db, V090);
    let run = db.run_with(&["doctor"], None, &[("PROTECT_ALL_ADMINS", "true")]);
    assert!(
        run.stdout.contains("release: gateway 0.9.0"),
        "{}",
        run.stdout
    );
    let report = doctor(&db, &[("PROTECT_ALL_ADMINS", "true")]).json();
    assert_eq!(report["settings"]["TOKEN_EXPIRY"]["value"], 10080);
    assert_eq!(
        report["settings"]["ACCOUNT_LOCKOUT_DURATION_MINUTES"]["value"],
        30
    );
    assert_eq!(report["settings"]["PROTECT_ALL_ADMINS"]["value"], false);
    assert_eq!(
        admin(&report, "locked@example.com")["blocked_by"][0],
        "lock_not_cleared"
    );
    let old = admin(&report, "old-lock@example.com");
    assert_eq!(old["blocked_by"][0], "lock_not_cleared");
    assert_eq!(old["fix"], "breakglass unlock old-lock@example.com");
    assert!(old["notes"].to_string().contains("HTTP 500"), "{old}");
    assert_eq!(admin(&report, "none@example.com")["can_log_in"], true);
    let list = db
        .run_with(
            &["list-admins", "-o", "json"],
            None,
            &[("PROTECT_ALL_ADMINS", "true")],
        )
        .json();
    let locked = list
        .as_array()
        .expect("list")
        .iter()
        .find(|a| a["email"] == "locked@example.com")
        .expect("listed");
    assert_eq!(locked["lockout_exempt"], false, "0.9.0 exempts nobody");
    // The session note of a change follows the release's TOKEN_EXPIRY default.
    let unlock = db.run_with(&["unlock", "old-lock@example.com", "--yes"], None, &[]);
    unlock.expect_code(0);
    let reset = db.run_with(
        &["reset", "admin@example.com", "--password-stdin", "--yes"],
        Some(NEW),
        &[],
    );
    reset.expect_code(0);
    assert!(
        reset.stdout.contains("10080 minutes") || reset.stderr.contains("10080 minutes"),
        "{}{}",
        reset.stdout,
        reset.stderr
    );

    // An unknown revision is placed by its columns (this table is 1.0.3's to 1.0.10's) and
    // called unknown, not newer: 1.0.10's rules, so password_hash_type is not checked.
    set_revision(&db, "0123abcd9999");
    let banner = db.run(&["list-admins"]).stderr;
    assert!(
        banner.contains(
            "revision 0123abcd9999 (the gateway at a revision breakglass does not know; going by \
             the columns found, its users table is that of gateway 1.0.3 to 1.0.9 or 1.0.10"
        ),
        "{banner}"
    );
    let report = doctor(&db, &[]).json();
    assert_eq!(report["release"], "unknown");
    assert_eq!(admin(&report, "none@example.com")["can_log_in"], true);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings
            .contains("revision 0123abcd9999 is not one breakglass knows: going by the columns"),
        "{warnings}"
    );
    assert!(!warnings.contains("newer"), "{warnings}");
    let text = db.run(&["doctor"]).stdout;
    assert!(
        text.contains("release: the gateway at a revision breakglass does not know; going by"),
        "{text}"
    );

    // A column no known release has: newer than breakglass knows.
    db.script("ALTER TABLE email_users ADD COLUMN passkey_id VARCHAR(36)");
    let report = doctor(&db, &[]).json();
    assert_eq!(report["release"], "newer");
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains(
            "revision 0123abcd9999 is newer than breakglass knows: its users table has columns"
        ),
        "{warnings}"
    );
}

#[test]
fn releases_between_1_0_7_and_1_1_0_are_named_with_their_start_up_rules() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("admin@example.com", PW).admin());
    db.insert(&user("second@example.com", PW).admin());
    let strong = [
        ("JWT_SECRET_KEY", "x4Jq9Lr2Vt7Bn5Mc8Kd3Hs6Wf1Gz0PaYe"),
        (
            "AUTH_ENCRYPTION_SECRET",
            "Qw8Er5Ty2Ui9Op4As7Df1Gh6Jk3Lz0XcVb",
        ),
    ];
    // 1.0.8 needs strong secrets to start; its passwords are not checked.
    set_revision(&db, "e4f5a6b7c8d9");
    let report = doctor(&db, &[]).json();
    assert_eq!(report["release"], "1.0.8");
    let warnings = report["warnings"].to_string();
    for name in ["JWT_SECRET_KEY", "AUTH_ENCRYPTION_SECRET"] {
        assert!(
            warnings.contains(&format!(
                "{name} is not set: gateway 1.0.8 refuses to start with that"
            )),
            "{warnings}"
        );
    }
    assert!(!warnings.contains("PLATFORM_ADMIN_PASSWORD"), "{warnings}");
    let report = doctor(&db, &strong).json();
    assert_eq!(report["warnings"], serde_json::json!([]), "{report:#}");

    // A revision 1.0.9's migrations pass through names 1.0.9 (1.0.10 ends at the same head);
    // 1.0.10 checks the bootstrap passwords at start, and breakglass cannot tell them apart.
    set_revision(&db, "9935d863930b");
    let banner = db.run(&["list-admins"]).stderr;
    assert!(
        banner.contains("revision 9935d863930b (gateway 1.0.9 or 1.0.10)"),
        "{banner}"
    );
    let warnings = doctor(&db, &strong).json()["warnings"].to_string();
    assert!(
        warnings.contains(
            "PLATFORM_ADMIN_PASSWORD is not set (its default, changeme, is weak): gateway 1.0.9 or 1.0.10 refuses to start"
        ),
        "{warnings}"
    );

    // 1.0.11: local passwords optional and the bootstrap passwords checked, as 1.1.0.
    set_revision(&db, "5e211ec89cad");
    let mut none = user("none@example.com", PW).admin();
    none.hash_type = "none".to_owned();
    db.insert(&none);
    let report = doctor(&db, &strong).json();
    assert_eq!(report["release"], "1.0.11");
    assert_eq!(
        admin(&report, "none@example.com")["blocked_by"][0],
        "hash_unusable"
    );
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains(
            "PLATFORM_ADMIN_PASSWORD is not set (its default, changeme, is weak): gateway 1.0.11 refuses to start"
        ),
        "{warnings}"
    );
}

#[test]
fn releases_without_a_change_demand_say_so_and_refuse_what_cannot_work() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("admin@example.com", PW).admin());
        db.insert(&user("second@example.com", PW).admin());
        db.script("ALTER TABLE email_users DROP COLUMN password_change_required");
        set_revision(&db, V080);
        let before = db.snapshot();
        let explicit = db.run_with(
            &[
                "reset",
                "admin@example.com",
                "--password-stdin",
                "--must-change",
                "--yes",
            ],
            Some(NEW),
            &[],
        );
        explicit.expect_code(7);
        assert!(
            explicit.stderr.contains("gateway 0.8.0")
                && explicit.stderr.contains("password_change_required"),
            "{}",
            explicit.stderr
        );
        let flag = db.run_with(
            &["clear-change-flag", "admin@example.com", "--yes"],
            None,
            &[],
        );
        flag.expect_code(7);
        assert!(
            flag.stderr.contains("gateway 0.8.0, revision 3c89a45f32e5"),
            "{}",
            flag.stderr
        );
        assert_eq!(db.snapshot(), before);

        let reset = db.run_with(
            &[
                "reset",
                "admin@example.com",
                "--password-stdin",
                "--yes",
                "-o",
                "json",
            ],
            Some(NEW),
            &[],
        );
        reset.expect_code(0);
        assert!(
            reset
                .stdout
                .contains("cannot be told to demand a password change"),
            "{}",
            reset.stdout
        );
        let report = doctor(&db, &[]).json();
        let entry = admin(&report, "admin@example.com");
        assert_eq!(entry["can_log_in"], true);
        assert_eq!(entry["change_required"], false);
    }
}

#[test]
fn touch_refuses_where_the_release_keeps_no_password_age() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("admin@example.com", PW).admin().must_change());
    db.script("ALTER TABLE email_users DROP COLUMN password_changed_at");
    set_revision(&db, V090);
    let before = db.snapshot();
    let run = db.run_with(
        &["clear-change-flag", "admin@example.com", "--touch", "--yes"],
        None,
        &[],
    );
    run.expect_code(7);
    assert!(
        run.stderr.contains("no column password_changed_at")
            && run.stderr.contains("gateway 0.9.0, revision l6f7g8h9i0j1"),
        "{}",
        run.stderr
    );
    assert_eq!(db.snapshot(), before);
    // Without --touch there is nothing the release lacks.
    db.run_with(
        &["clear-change-flag", "admin@example.com", "--yes"],
        None,
        &[],
    )
    .expect_code(0);
    let report = doctor(&db, &[]).json();
    assert_eq!(
        report["settings"]["PASSWORD_MAX_AGE_DAYS"]["note"],
        "not enforced: gateway 0.9.0 keeps no password_changed_at"
    );
}

#[test]
fn doctor_works_without_the_optional_tables() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("admin@example.com", PW).admin());
        for table in ["user_roles", "roles", "alembic_version", "password_history"] {
            db.script(&format!("DROP TABLE {table}"));
        }
        let run = db.run_with(&["doctor"], None, &[]);
        run.expect_code(0);
        assert!(
            run.stdout.contains("release: not recorded"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("1 of 1 admins can log in"),
            "{}",
            run.stdout
        );
    }
}
