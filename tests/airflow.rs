//! Airflow 3 itself as the judge (PyPI apache-airflow 3.3 with the FAB auth manager, in the
//! virtualenv tests/judges/install_airflow.sh makes): Airflow's own migrations make the tables,
//! `airflow users create` makes the users, and every answer is checked with the FAB auth
//! manager's `auth_user_db` and roles (tests/judges/airflow_judge.py). SQLite and PostgreSQL:
//! Airflow does not support MariaDB as its metadata database.

use serde_json::{Value as Json, json};

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";

/// Where tests/judges/install_airflow.sh installs Airflow 3.3 and its FAB provider.
const AIRFLOW_VENV: &str = "/var/cache/breakglass/airflow-3.3-venv";

fn airflow_python() -> Option<String> {
    let python = format!("{AIRFLOW_VENV}/bin/python");
    let found = std::process::Command::new(&python)
        .args(["-c", "import airflow.providers.fab, psycopg2, asyncpg"])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool(
        &format!("Airflow 3 in {AIRFLOW_VENV} (tests/judges/install_airflow.sh)"),
        found,
    )
    .then_some(python)
}

/// The engines Airflow runs on: not MariaDB, which Airflow refuses to support.
fn airflow_engines() -> Vec<Engine> {
    engines()
        .into_iter()
        .filter(|engine| *engine != Engine::MySql)
        .collect()
}

/// Runs the judge with an AIRFLOW_HOME of this database's own.
fn airflow(python: &str, db: &TestDb, args: &[&str], stdin: &str) -> String {
    let home = db.dir.path().join("airflow-home");
    std::fs::create_dir_all(&home).expect("AIRFLOW_HOME");
    let home = home.to_str().expect("a UTF-8 path");
    run_judge(
        python,
        "airflow_judge.py",
        db,
        args,
        &[("AIRFLOW_HOME", home)],
        stdin,
    )
}

/// One Airflow boot: each operation a JSON line in, one JSON line out.
fn judge(python: &str, db: &TestDb, ops: &[Json]) -> Vec<Json> {
    let input: String = ops.iter().map(|op| format!("{op}\n")).collect();
    let out = airflow(python, db, &["batch"], &input);
    let answers: Vec<Json> = out
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(answers.len(), ops.len(), "{out}");
    answers
}

fn login(user: &str, password: &str) -> Json {
    json!({"op": "login", "user": user, "password": password})
}

fn user(name: &str) -> Json {
    json!({"op": "user", "user": name})
}

/// Airflow's tables from its own migrations, and users from `airflow users create`.
fn airflow_db(python: &str, engine: Engine, users: &[(&str, &str)]) -> TestDb {
    let db = TestDb::empty(engine);
    airflow(python, &db, &["migrate"], "");
    for (name, role) in users {
        let email = format!("{name}@example.com");
        airflow(python, &db, &["users-create", name, OLD, role, &email], "");
    }
    db
}

fn bg(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Run {
    db.run_with(args, stdin, &[])
}

fn admins(answer: &Json) -> Vec<String> {
    serde_json::from_value(answer["admins"].clone()).expect("a list of names")
}

#[test]
fn airflow_judges_every_command_on_sqlite_and_postgres() {
    let Some(python) = airflow_python() else {
        return;
    };
    for engine in airflow_engines() {
        let db = airflow_db(&python, engine, &[("alice", "Admin"), ("bob", "Viewer")]);

        // Recognised from Airflow's tables; list-admins is Airflow's own admins.
        let listed = bg(&db, &["list-admins", "-o", "json"], None);
        listed.expect_code(0);
        assert!(
            listed.stderr.contains("profile airflow (recognised"),
            "{engine:?}: {}",
            listed.stderr
        );

        // verify agrees with Airflow's login on the hashes `users create` made: a username in
        // any case, or the email (exactly as stored).
        let cases = [
            ("alice", OLD, 0),
            ("ALICE", OLD, 0),
            ("Alice", NEW, 5),
            ("alice@example.com", OLD, 0),
            ("alice@example.com", NEW, 5),
            ("bob", OLD, 0),
            ("BOB", NEW, 5),
        ];
        let mut ops: Vec<Json> = cases
            .iter()
            .map(|(who, password, _)| login(who, password))
            .collect();
        ops.push(json!({"op": "admins"}));
        ops.push(login("ALICE@EXAMPLE.COM", OLD));
        let answers = judge(&python, &db, &ops);
        assert_eq!(listed_keys(&listed), admins(&answers[cases.len()]));
        for ((who, password, code), answer) in cases.iter().zip(&answers) {
            let run = bg(&db, &["verify", who, "--password-stdin"], Some(password));
            run.expect_code(*code);
            assert_eq!(answer["ok"], *code == 0, "{engine:?} {who}: {answer}");
        }
        // Airflow matches an email exactly; breakglass names the user whatever the case, and
        // verify says whose account it judged.
        assert_eq!(answers[cases.len() + 1]["ok"], false, "{engine:?}");
        let upper = bg(
            &db,
            &["verify", "ALICE@EXAMPLE.COM", "--password-stdin"],
            Some(OLD),
        );
        assert!(upper.stdout.contains("user: alice"), "{}", upper.stdout);

        // reset, promote and create-admin, then Airflow's login and roles.
        bg(
            &db,
            &["reset", "ALICE", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        bg(&db, &["promote", "bob", "--yes"], None).expect_code(0);
        bg(
            &db,
            &[
                "create-admin",
                "carol",
                "--email",
                "carol@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        )
        .expect_code(0);
        let listed = bg(&db, &["list-admins", "-o", "json"], None);
        let answers = judge(
            &python,
            &db,
            &[
                login("alice", NEW),
                login("alice", OLD),
                user("bob"),
                login("carol", NEW),
                login("carol@example.com", NEW),
                json!({"op": "admins"}),
            ],
        );
        assert_eq!(answers[0]["ok"], true, "{engine:?}: {}", answers[0]);
        assert_eq!(answers[1]["ok"], false, "{engine:?}");
        assert_eq!(answers[2]["admin"], true, "{engine:?}: {}", answers[2]);
        assert_eq!(
            answers[3],
            json!({"ok": true, "username": "carol", "admin": true}),
            "{engine:?}"
        );
        assert_eq!(answers[4]["ok"], true, "{engine:?}");
        assert_eq!(listed_keys(&listed), admins(&answers[5]), "{engine:?}");

        // --demote and deactivate: Airflow's roles and login follow; reset --activate opens again.
        bg(&db, &["promote", "bob", "--demote", "--yes"], None).expect_code(0);
        bg(&db, &["deactivate", "carol", "--yes"], None).expect_code(0);
        let answers = judge(
            &python,
            &db,
            &[user("bob"), login("bob", OLD), login("carol", NEW)],
        );
        assert_eq!(answers[0]["admin"], false, "{engine:?}: {}", answers[0]);
        assert_eq!(answers[0]["roles"], json!(["Viewer"]), "{engine:?}");
        assert_eq!(answers[1]["ok"], true, "{engine:?}");
        assert_eq!(answers[2]["ok"], false, "{engine:?}");
        bg(&db, &["verify", "carol", "--password-stdin"], Some(NEW)).expect_code(6);

        bg(
            &db,
            &["reset", "carol", "--activate", "--password-stdin", "--yes"],
            Some(OLD),
        )
        .expect_code(0);
        let answers = judge(&python, &db, &[login("carol", OLD), login("carol", NEW)]);
        assert_eq!(answers[0]["admin"], true, "{engine:?}: {}", answers[0]);
        assert_eq!(answers[1]["ok"], false, "{engine:?}");
    }
}

#[test]
fn airflow_refuses_bad_input_and_leaves_the_database_unchanged() {
    let Some(python) = airflow_python() else {
        return;
    };
    // Right after the migrations ab_role is empty: Airflow makes its roles at the first
    // `users create` or `sync-perm`, so there is no Admin role to grant yet.
    let db = airflow_db(&python, Engine::Sqlite, &[]);
    let tables = ["ab_user", "ab_user_role", "ab_role"];
    let dump = |db: &TestDb| tables.map(|table| db.dump(table));
    let empty = dump(&db);
    let run = bg(
        &db,
        &[
            "create-admin",
            "ops",
            "--email",
            "ops@example.com",
            "--password-stdin",
            "--yes",
        ],
        Some(NEW),
    );
    run.expect_code(7);
    assert!(
        run.stderr.contains("no role named 'Admin' in ab_role"),
        "{}",
        run.stderr
    );
    assert_eq!(dump(&db), empty);

    airflow(
        &python,
        &db,
        &["users-create", "alice", OLD, "Admin", "alice@example.com"],
        "",
    );
    let before = dump(&db);
    let refused: [(&[&str], Option<&str>, i32, &str); 5] = [
        // ab_user.email is NOT NULL: create-admin asks for it first.
        (
            &["create-admin", "ops", "--password-stdin", "--yes"],
            Some(NEW),
            2,
            "--email",
        ),
        // Airflow's usernames ignore case: ALICE is alice, never a second user.
        (
            &[
                "create-admin",
                "ALICE",
                "--email",
                "a2@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
            8,
            "alice",
        ),
        // The last admin who can log in keeps the role and stays active.
        (
            &["promote", "alice", "--demote", "--yes"],
            None,
            8,
            "last admin",
        ),
        (&["deactivate", "alice", "--yes"], None, 8, "last admin"),
        (
            &["reset", "nobody", "--password-stdin", "--yes"],
            Some(NEW),
            3,
            "no user nobody",
        ),
    ];
    for (args, stdin, code, says) in refused {
        let run = bg(&db, args, stdin);
        run.expect_code(code);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(dump(&db), before, "{args:?}");
    }
    // Airflow agrees: alice is still its only admin, with her old password.
    let answers = judge(
        &python,
        &db,
        &[login("alice", OLD), json!({"op": "admins"})],
    );
    assert_eq!(answers[0]["ok"], true);
    assert_eq!(admins(&answers[1]), ["alice"]);
}
