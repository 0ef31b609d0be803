//! Flask-AppBuilder itself as the judge: tables and roles its AppBuilder made, users its
//! add_user made, breakglass's changes checked with its own auth_user_db and role objects
//! (tests/judges/fab_judge.py, in the virtualenv .ci/run keeps at FAB_VENV).

use std::process::Command;

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";

/// Where .ci/run installs Flask-AppBuilder 5, psycopg and PyMySQL.
pub const FAB_VENV: &str = "/var/cache/breakglass/fab-venv";

fn judge_python() -> Option<String> {
    let python = format!("{FAB_VENV}/bin/python");
    let found = Command::new(&python)
        .args(["-c", "import flask_appbuilder, psycopg, pymysql"])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool(&format!("Flask-AppBuilder 5 in {FAB_VENV}"), found).then_some(python)
}

fn judge(python: &str, db: &TestDb, args: &[&str], stdin: &str) -> String {
    run_judge(python, "fab_judge.py", db, args, &[], stdin)
}

/// Every engine: FAB's MySQL driver (PyMySQL) installs without a compiler.
fn fab_engines() -> Vec<Engine> {
    engines()
}

#[test]
fn flask_appbuilder_judges_reset_create_admin_promote_deactivate_and_list_admins() {
    let Some(python) = judge_python() else { return };
    for engine in fab_engines() {
        let db = TestDb::empty(engine);
        let j = |args: &[&str], stdin: &str| judge(&python, &db, args, stdin);
        j(&["create-user", "alice", OLD, "Admin"], "");
        j(&["create-user", "bob", OLD], "");
        let fab = |j: &dyn Fn(&[&str], &str) -> String| -> Vec<String> {
            serde_json::from_str(&j(&["admins"], "")).expect("json")
        };

        // Recognised from its tables with no profile named; list-admins is FAB's admins.
        let listed = db.run(&["list-admins", "-o", "json"]);
        listed.expect_code(0);
        assert!(
            listed
                .stderr
                .contains("profile flask-appbuilder (recognised"),
            "{}",
            listed.stderr
        );
        assert_eq!(listed_keys(&listed), fab(&j), "{engine:?}");
        assert_eq!(listed.json()[0]["admin_via"][0], "role_membership");

        let verified = db.run_with(&["verify", "alice", "--password-stdin"], Some(OLD), &[]);
        verified.expect_code(0);
        assert!(
            verified.stdout.contains("werkzeug scrypt"),
            "{}",
            verified.stdout
        );

        // reset: FAB's auth_user_db takes the new password and refuses the old.
        db.run_with(
            &["reset", "alice", "--password-stdin", "--yes"],
            Some(NEW),
            &[],
        )
        .expect_code(0);
        assert_eq!(
            j(&["authenticate", "alice", NEW], ""),
            "ok Admin",
            "{engine:?}"
        );
        assert_eq!(j(&["authenticate", "alice", OLD], ""), "refused");

        // create-admin: a user with the Admin role that logs in (ids from FAB's sequences on
        // PostgreSQL). ab_user.email is NOT NULL and unique: without --email nothing is written.
        let before = (db.dump("ab_user"), db.dump("ab_user_role"));
        let refused = db.run_with(
            &["create-admin", "carol", "--password-stdin", "--yes"],
            Some(NEW),
            &[],
        );
        refused.expect_code(2);
        assert!(
            refused.stderr.contains("ab_user.email") && refused.stderr.contains("--email"),
            "{}",
            refused.stderr
        );
        assert_eq!((db.dump("ab_user"), db.dump("ab_user_role")), before);
        for name in ["carol", "dave"] {
            let address = format!("{name}@example.com");
            db.run_with(
                &[
                    "create-admin",
                    name,
                    "--email",
                    &address,
                    "--password-stdin",
                    "--yes",
                    "--no-must-change",
                ],
                Some(NEW),
                &[],
            )
            .expect_code(0);
            assert_eq!(
                j(&["authenticate", name, NEW], ""),
                "ok Admin",
                "{engine:?}"
            );
            let stored = db.rows(&format!(
                "SELECT email FROM ab_user WHERE username = '{name}'"
            ));
            assert_eq!(texts(&stored), [[address]], "{engine:?}");
        }
        // dave goes again so the admins below stay as they were.
        db.execute("DELETE FROM ab_user_role WHERE user_id = (SELECT id FROM ab_user WHERE username = 'dave')", &[]);
        db.execute("DELETE FROM ab_user WHERE username = 'dave'", &[]);

        // promote adds the role row; --demote removes it.
        db.run(&["promote", "bob", "--yes"]).expect_code(0);
        assert_eq!(j(&["authenticate", "bob", OLD], ""), "ok Admin,Public");
        db.run(&["promote", "bob", "--demote", "--yes"])
            .expect_code(0);
        assert_eq!(j(&["authenticate", "bob", OLD], ""), "ok Public");

        // deactivate: FAB refuses the login.
        db.run(&["deactivate", "carol", "--yes"]).expect_code(0);
        assert_eq!(j(&["authenticate", "carol", NEW], ""), "refused");

        // FAB 5 groups: a role held through a group counts, as FAB's get_user_roles says.
        j(&["group-admin", "bob"], "");
        assert_eq!(j(&["authenticate", "bob", OLD], ""), "ok Admin,Public");
        let listed = db.run(&["list-admins", "-o", "json"]);
        assert_eq!(listed_keys(&listed), fab(&j), "{engine:?}");
        assert!(listed_keys(&listed).contains(&"bob".to_owned()));

        // The last usable admin cannot be demoted without --force (bob leaves the group first).
        db.execute("DELETE FROM ab_user_group", &[]);
        let refused = db.run(&["promote", "alice", "--demote", "--yes"]);
        refused.expect_code(8);
        // carol still holds the role (inactive); alice is the last admin who can log in.
        assert_eq!(fab(&j), ["alice", "carol"]);
        let listed = db.run(&["list-admins", "-o", "json"]);
        assert_eq!(listed_keys(&listed), fab(&j), "{engine:?}");
    }
}

#[test]
fn verify_agrees_with_werkzeug_and_hash_password_writes_what_fab_stores() {
    let Some(python) = judge_python() else { return };
    let db = TestDb::empty(Engine::Sqlite);
    let j = |args: &[&str], stdin: &str| judge(&python, &db, args, stdin);
    j(&["create-user", "dora", OLD, "Admin"], "");
    for method in ["scrypt", "pbkdf2:sha256", "pbkdf2:sha512:1000"] {
        let encoded = j(&["make-hash", method], OLD);
        db.execute(
            "UPDATE ab_user SET password = ? WHERE username = 'dora'",
            &[breakglass::db::Value::Text(encoded.clone())],
        );
        for (password, code, judged) in [(OLD, 0, "true"), (NEW, 5, "false")] {
            let run = db.run_with(&["verify", "dora", "--password-stdin"], Some(password), &[]);
            run.expect_code(code);
            assert!(run.stdout.contains("werkzeug"), "{method}: {}", run.stdout);
            assert_eq!(j(&["check-hash", &encoded], password), judged, "{method}");
        }
    }
    for (args, prefix) in [
        (&["--profile", "flask-appbuilder"][..], "scrypt:32768:8:1$"),
        (
            &["--profile", "airflow", "--scheme", "werkzeug-pbkdf2"][..],
            "pbkdf2:sha256:1000000$",
        ),
    ] {
        let mut all = vec!["hash-password", "--password-stdin"];
        all.extend_from_slice(args);
        let run = db.run_with(&all, Some(NEW), &[]);
        run.expect_code(0);
        let encoded = run.stdout.trim();
        assert!(encoded.starts_with(prefix), "{encoded}");
        assert_eq!(j(&["check-hash", encoded], NEW), "true");
        assert_eq!(j(&["check-hash", encoded], OLD), "false");
    }
}

#[test]
fn a_role_table_without_the_admin_role_changes_nothing() {
    let Some(python) = judge_python() else { return };
    let db = TestDb::empty(Engine::Sqlite);
    let j = |args: &[&str], stdin: &str| judge(&python, &db, args, stdin);
    j(&["create-user", "erin", OLD], "");
    j(&["drop-role", "Admin"], "");
    let before = (
        db.dump("ab_user"),
        db.dump("ab_user_role"),
        db.dump("ab_role"),
    );
    for args in [
        &["promote", "erin", "--yes"][..],
        &["create-admin", "frank", "--password-stdin", "--yes"][..],
    ] {
        let run = db.run_with(args, Some(NEW), &[]);
        run.expect_code(7);
        assert!(
            run.stderr.contains("no role named 'Admin' in ab_role"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        (
            db.dump("ab_user"),
            db.dump("ab_user_role"),
            db.dump("ab_role")
        ),
        before
    );
}

#[test]
fn airflows_and_supersets_own_database_variables_need_no_flag() {
    let Some(python) = judge_python() else { return };
    let db = TestDb::empty(Engine::Sqlite);
    judge(&python, &db, &["create-user", "gina", OLD, "Admin"], "");
    db.script("CREATE TABLE dag (dag_id varchar(250) PRIMARY KEY);");
    let url = db.url().to_owned();
    // No DATABASE_URL, no --profile: Airflow's variable and Airflow's tables.
    let run = run_in(
        db.dir.path(),
        &["list-admins", "-o", "json"],
        None,
        &[("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", &url)],
    );
    run.expect_code(0);
    assert!(
        run.stderr.contains("profile airflow (recognised"),
        "{}",
        run.stderr
    );
    assert_eq!(listed_keys(&run), ["gina"]);
}
