//! MLflow itself as the judge (mlflow-skinny's basic-auth server code, tests/judges/mlflow_judge.py):
//! the database made by MLflow's own auth migrations on each engine, users made by its
//! `create_admin_user` and `create_user`, and every answer checked with its basic-auth login
//! (`authenticate_user`, less the admin login it refuses) and its `is_admin`. Each judge run is
//! one Python start for many questions: importing MLflow takes seconds.

use serde_json::{Value as Json, json};

use crate::support::*;

const PYTHON: &str = "/var/cache/breakglass/mlflow-venv/bin/python";
const OLD: &str = "Harbor-Lantern-Quill-42!";
/// Exactly MLflow's minimum of 12 characters.
const NEW: &str = "Copper-Vio7?";

/// The engines MLflow's auth migrations can make their tables on. On MariaDB and MySQL the
/// first one fails: both permission tables name their foreign key `fk_user_id`, and there a
/// constraint name is unique in the whole database (MLflow issues 9642 and 10964);
/// `mlflow_cannot_make_its_tables_on_mariadb` notices when that changes.
fn mlflow_engines() -> Vec<Engine> {
    engines()
        .into_iter()
        .filter(|engine| *engine != Engine::MySql)
        .collect()
}

fn mlflow_installed() -> bool {
    required_tool(
        "MLflow's auth server in /var/cache/breakglass/mlflow-venv (tests/judges/install_mlflow.sh)",
        std::path::Path::new(PYTHON).exists(),
    )
}

/// One MLflow start: each operation a JSON line in, one JSON line out.
fn judge(db: &TestDb, ops: &[Json]) -> Vec<Json> {
    let input: String = ops.iter().map(|op| format!("{op}\n")).collect();
    let out = run_judge(PYTHON, "mlflow_judge.py", db, &[], &[], &input);
    let answers: Vec<Json> = out
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(answers.len(), ops.len(), "{out}");
    answers
}

fn login(username: &str, password: &str) -> Json {
    json!({"op": "login", "username": username, "password": password})
}

fn bg(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["--profile", "mlflow"];
    all.extend_from_slice(args);
    db.run_with(&all, stdin, &[])
}

/// A database MLflow migrated itself: `admin` from its first-start bootstrap, `alice` an admin
/// and `bob` a user from create_user, and `carol` whose hash is werkzeug's pbkdf2 form; then
/// `more` questions in the same MLflow start, whose answers are returned.
fn mlflow_db(engine: Engine, more: &[Json]) -> (TestDb, Vec<Json>) {
    let db = TestDb::empty(engine);
    let mut ops = vec![
        json!({"op": "bootstrap", "username": "admin", "password": OLD}),
        json!({"op": "create", "username": "alice", "password": OLD, "is_admin": true}),
        json!({"op": "create", "username": "bob", "password": OLD}),
        json!({"op": "create", "username": "carol", "password": OLD}),
        json!({"op": "hash", "password": OLD, "method": "pbkdf2"}),
    ];
    let setup = ops.len();
    ops.extend_from_slice(more);
    let mut answers = judge(&db, &ops);
    assert_eq!(answers[0]["ok"], true, "{}", answers[0]);
    let pbkdf2 = answers[4]["hash"].as_str().expect("hash").to_owned();
    assert!(pbkdf2.starts_with("pbkdf2:sha256:"), "{pbkdf2}");
    set_hash(&db, "carol", &pbkdf2);
    (db, answers.split_off(setup))
}

fn set_hash(db: &TestDb, username: &str, hash: &str) {
    let sql = format!(
        "UPDATE users SET password_hash = {} WHERE username = {}",
        db.dialect().placeholder(1),
        db.dialect().placeholder(2)
    );
    db.execute(
        &sql,
        &[
            breakglass::db::Value::Text(hash.to_owned()),
            breakglass::db::Value::Text(username.to_owned()),
        ],
    );
}

fn listed(db: &TestDb) -> Json {
    let run = bg(db, &["list-admins", "-o", "json"], None);
    run.expect_code(0);
    let mut keys = listed_keys(&run);
    keys.sort();
    json!(keys)
}

#[test]
fn mlflow_judges_every_command_on_sqlite_and_postgresql() {
    if !mlflow_installed() {
        return;
    }
    for engine in mlflow_engines() {
        let (db, _) = mlflow_db(engine, &[]);

        // Recognised from its tables alone.
        let detected = db.run(&["list-admins", "-o", "json"]);
        detected.expect_code(0);
        assert!(
            detected.stderr.contains("profile mlflow (recognised"),
            "{engine:?}: {}",
            detected.stderr
        );

        // Every change first, then one MLflow start judges them all.
        bg(
            &db,
            &["reset", "admin", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        bg(
            &db,
            &["create-admin", "ops", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        bg(&db, &["promote", "bob", "--yes"], None).expect_code(0);
        bg(&db, &["promote", "alice", "--demote", "--yes"], None).expect_code(0);

        // What MLflow lacks is said, and nothing is written.
        let users = db.dump("users");
        for (command, words) in [
            ("deactivate", "no inactive or disabled state"),
            ("unlock", "keeps no failed-login lockout"),
            ("clear-change-flag", "no must-change-password flag"),
        ] {
            let run = bg(&db, &[command, "carol", "--yes"], None);
            run.expect_code(7);
            assert!(run.stderr.contains(words), "{command}: {}", run.stderr);
            assert!(run.stderr.contains("MLflow"), "{command}: {}", run.stderr);
        }
        assert_eq!(db.dump("users"), users, "{engine:?}");

        // verify agrees with MLflow's login: on the hashes breakglass wrote (admin, ops), on
        // MLflow's own scrypt (alice, bob) and on werkzeug's pbkdf2 (carol).
        let cases = [
            ("admin", OLD, 5),
            ("admin", NEW, 0),
            ("ops", NEW, 0),
            ("ops", OLD, 5),
            ("alice", OLD, 0),
            ("bob", OLD, 0),
            ("bob", NEW, 5),
            ("carol", OLD, 0),
            ("carol", NEW, 5),
        ];
        let mut ops: Vec<Json> = cases
            .iter()
            .map(|(who, password, _)| login(who, password))
            .collect();
        ops.push(json!({"op": "admins"}));
        for who in ["ops", "bob", "alice", "admin"] {
            ops.push(json!({"op": "user", "username": who}));
        }
        let answers = judge(&db, &ops);
        for ((who, password, code), answer) in cases.iter().zip(&answers) {
            assert_eq!(
                answer["ok"],
                *code == 0,
                "{engine:?} MLflow: {who} {password}"
            );
            bg(&db, &["verify", who, "--password-stdin"], Some(password)).expect_code(*code);
        }
        let admins = &answers[cases.len()]["admins"];
        assert_eq!(*admins, json!(["admin", "bob", "ops"]), "{engine:?}");
        assert_eq!(listed(&db), *admins, "{engine:?}");
        let users = &answers[cases.len() + 1..];
        assert_eq!(users[0]["is_admin"], true, "{engine:?} ops: {}", users[0]);
        assert_eq!(users[1]["is_admin"], true, "{engine:?} bob: {}", users[1]);
        assert_eq!(
            users[2]["is_admin"], false,
            "{engine:?} alice: {}",
            users[2]
        );
        // What breakglass wrote is what MLflow writes: werkzeug's default scrypt.
        let written = users[3]["password_hash"].as_str().expect("password_hash");
        assert!(written.starts_with("scrypt:32768:8:1$"), "{written}");
    }
}

#[test]
fn bad_input_leaves_an_mlflow_database_unchanged() {
    if !mlflow_installed() {
        return;
    }
    for engine in mlflow_engines() {
        // A werkzeug 2 form werkzeug 3 no longer reads: the check_password_hash MLflow's
        // login calls raises on it, so nobody logs in with it.
        let retired = "sha256$Qk9vF3ntY1dkP6x2$9c1185a5c5e9fc54612808977ee8f548b2258d31";
        let short = &NEW[..11];
        let (db, answers) = mlflow_db(
            engine,
            &[
                json!({"op": "check", "password": OLD, "hash": retired}),
                json!({"op": "create", "username": "dave", "password": short}),
                json!({"op": "create", "username": "erin", "password": NEW}),
            ],
        );
        set_hash(&db, "carol", retired);
        assert_ne!(answers[0]["ok"], true, "{}", answers[0]);
        assert!(
            answers[1]["error"]
                .as_str()
                .is_some_and(|error| error.contains("at least 12 characters")),
            "{}",
            answers[1]
        );
        assert!(answers[2]["id"].is_number(), "{}", answers[2]);
        let before = db.dump("users");

        // verify refuses what MLflow cannot check, and names it.
        let run = bg(&db, &["verify", "carol", "--password-stdin"], Some(OLD));
        run.expect_code(6);
        assert!(run.stdout.contains("unknown"), "{}", run.stdout);
        // MLflow's minimum, as MLflow refused it above (erin's 12 were accepted).
        for args in [
            &["reset", "bob", "--password-stdin", "--yes"][..],
            &["create-admin", "dave", "--password-stdin", "--yes"],
        ] {
            let run = bg(&db, args, Some(short));
            run.expect_code(8);
            assert!(
                run.stderr.contains("at least 12"),
                "{args:?}: {}",
                run.stderr
            );
        }
        // An unknown user, and a username MLflow already has.
        bg(
            &db,
            &["reset", "nobody", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(3);
        bg(&db, &["promote", "nobody", "--yes"], None).expect_code(3);
        bg(
            &db,
            &["create-admin", "bob", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(8);
        assert_eq!(db.dump("users"), before, "{engine:?}");

        // Without its permission tables the database is not MLflow's: nothing is guessed.
        db.script("DROP TABLE experiment_permissions");
        let run = db.run_with(
            &["reset", "bob", "--password-stdin", "--yes"],
            Some(NEW),
            &[],
        );
        assert_ne!(run.code, 0, "{}", run.stderr);
        assert!(!run.stderr.contains("profile mlflow"), "{}", run.stderr);
        assert_eq!(db.dump("users"), before, "{engine:?}");
    }
}

#[test]
fn mlflow_cannot_make_its_tables_on_mariadb() {
    if server_url(Engine::MySql).is_none() || !mlflow_installed() {
        return;
    }
    let db = TestDb::empty(Engine::MySql);
    let out = std::process::Command::new(PYTHON)
        .arg(format!(
            "{}/tests/judges/mlflow_judge.py",
            env!("CARGO_MANIFEST_DIR")
        ))
        .arg(db.url())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run the MLflow judge");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("fk_user_id"),
        "MLflow's auth migrations now work on MariaDB: judge it there too (mlflow_engines)\n{stderr}"
    );
}
