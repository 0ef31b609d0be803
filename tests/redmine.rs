//! Redmine itself as the judge (Debian's `redmine` package, tests/judges/redmine_judge.rb):
//! Redmine's own schema on each engine, users Redmine made, and every answer checked with
//! Redmine's `User.try_to_login`, `active?`, `admin?` and `must_change_password?`.

use serde_json::{Value as Json, json};

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";

pub(crate) fn redmine_installed() -> bool {
    let found = std::process::Command::new("ruby")
        .args([
            "-e",
            "exit(File.exist?('/usr/share/redmine/config/application.rb'))",
        ])
        .status()
        .is_ok_and(|status| status.success());
    required_tool(
        "Debian's redmine package (tests/judges/install_redmine.sh)",
        found,
    )
}

/// One Rails boot: each operation a JSON line in, one JSON line out.
pub(crate) fn judge(db: &TestDb, ops: &[Json]) -> Vec<Json> {
    let input: String = ops.iter().map(|op| format!("{op}\n")).collect();
    let out = run_judge("ruby", "redmine_judge.rb", db, &["batch"], &[], &input);
    let answers: Vec<Json> = out
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(answers.len(), ops.len(), "{out}");
    answers
}

fn bg(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["--profile", "redmine"];
    all.extend_from_slice(args);
    db.run_with(&all, stdin, &[])
}

pub(crate) fn redmine_db(engine: Engine) -> TestDb {
    let db = TestDb::empty(engine);
    run_judge("ruby", "redmine_judge.rb", &db, &["migrate"], &[], "");
    let created = judge(
        &db,
        &[
            json!({"op": "create", "login": "alice", "password": OLD, "admin": true, "status": 1,
                   "must_change": false, "mail": "alice@example.com"}),
            json!({"op": "create", "login": "bob", "password": OLD, "admin": false, "status": 1,
                   "must_change": false, "mail": "bob@example.com"}),
            json!({"op": "create", "login": "carol", "password": OLD, "admin": true, "status": 3,
                   "must_change": false, "mail": "carol@example.com"}),
            json!({"op": "create", "login": "rita", "password": OLD, "admin": false, "status": 2,
                   "must_change": false, "mail": "rita@example.com"}),
        ],
    );
    for answer in created {
        assert!(answer["id"].is_number(), "{answer}");
    }
    db
}

fn sorted(value: &Json) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_array()
        .expect("a list")
        .iter()
        .map(|key| key.as_str().expect("text").to_owned())
        .collect();
    keys.sort();
    keys
}

#[test]
fn redmine_judges_every_command_on_every_engine() {
    if !redmine_installed() {
        return;
    }
    for engine in engines() {
        let db = redmine_db(engine);

        // Recognised from its tables; the admins are Redmine's own, the locked one included.
        let listed = db.run(&["list-admins", "-o", "json"]);
        listed.expect_code(0);
        assert!(
            listed.stderr.contains("profile redmine (recognised"),
            "{engine:?}: {}",
            listed.stderr
        );
        // Redmine's own lock (status 3) is lifted by unlock, the password untouched.
        let doctor = db.run(&["doctor"]);
        doctor.expect_code(0);
        assert!(
            doctor
                .stdout
                .contains("fix: breakglass unlock carol   (then it logs in)")
                && doctor.stdout.contains("the account is locked"),
            "{engine:?}: {}",
            doctor.stdout
        );
        // verify agrees with Redmine's login on hashes Redmine made (one Rails boot for all).
        let cases = [
            ("alice", OLD, 0),
            ("ALICE", OLD, 0),
            ("alice", NEW, 5),
            ("bob", OLD, 0),
            ("carol", OLD, 6),
        ];
        let mut ops: Vec<Json> = cases
            .iter()
            .map(|(who, password, _)| json!({"op": "login", "login": who, "password": password}))
            .collect();
        ops.push(json!({"op": "admins"}));
        ops.push(json!({"op": "make_tokens", "login": "alice"}));
        let answers = judge(&db, &ops);
        let mut keys = listed_keys(&listed);
        keys.sort();
        assert_eq!(keys, sorted(&answers[cases.len()]["admins"]), "{engine:?}");
        for ((who, password, code), answer) in cases.iter().zip(&answers) {
            bg(&db, &["verify", who, "--password-stdin"], Some(password)).expect_code(*code);
            assert_eq!(answer["ok"], *code == 0, "{engine:?} {who}");
        }
        assert_eq!(answers[cases.len() + 1]["ok"], true);

        // reset: Redmine logs alice in with the new password only, and has deleted her
        // session, autologin and recovery tokens while keeping the API and feed keys.
        let reset = bg(
            &db,
            &["reset", "alice", "--password-stdin", "--yes", "-o", "json"],
            Some(NEW),
        );
        reset.expect_code(0);
        assert_eq!(reset.json()["sessions_ended"], 3, "{}", reset.stdout);
        // promote: Redmine's admin? follows.
        bg(&db, &["promote", "bob", "--yes"], None).expect_code(0);
        let answers = judge(
            &db,
            &[
                json!({"op": "login", "login": "alice", "password": NEW}),
                json!({"op": "login", "login": "alice", "password": OLD}),
                json!({"op": "tokens", "login": "alice"}),
                json!({"op": "user", "login": "alice"}),
                json!({"op": "user", "login": "bob"}),
            ],
        );
        assert_eq!(answers[0]["ok"], true, "{engine:?}");
        assert_eq!(answers[1]["ok"], false, "{engine:?}");
        assert_eq!(answers[2]["actions"], json!(["api", "feeds"]), "{engine:?}");
        assert_eq!(answers[3]["must_change_password"], true, "{}", answers[3]);
        assert_eq!(answers[3]["valid"], true, "{}", answers[3]);
        assert_eq!(answers[4]["admin"], true, "{engine:?}");

        // clear-change-flag, --demote; deactivate locks the account as Redmine's Lock does.
        bg(&db, &["clear-change-flag", "alice", "--yes"], None).expect_code(0);
        bg(&db, &["promote", "bob", "--demote", "--yes"], None).expect_code(0);
        bg(&db, &["deactivate", "bob", "--yes"], None).expect_code(0);
        let answers = judge(
            &db,
            &[
                json!({"op": "user", "login": "alice"}),
                json!({"op": "user", "login": "bob"}),
                json!({"op": "login", "login": "bob", "password": OLD}),
            ],
        );
        assert_eq!(answers[0]["must_change_password"], false, "{}", answers[0]);
        let bob = &answers[1];
        assert_eq!(bob["admin"], false, "{bob}");
        assert_eq!(
            (bob["locked"].clone(), bob["active"].clone()),
            (json!(true), json!(false))
        );
        assert_eq!(answers[2]["ok"], false, "{engine:?}");

        // unlock lifts Redmine's lock (status 3 -> 1) as its Unlock does; rita, registered
        // (status 2), is inactive but not locked and stays so; unlock --all refuses to reopen
        // every locked account and changes nothing.
        let all = bg(&db, &["unlock", "--all", "--yes"], None);
        all.expect_code(2);
        assert!(all.stderr.contains("status = 3"), "{}", all.stderr);
        bg(&db, &["unlock", "rita", "--yes"], None).expect_code(0);
        let unlocked = bg(&db, &["unlock", "carol", "--yes", "-o", "json"], None);
        unlocked.expect_code(0);
        assert_eq!(unlocked.json()["changed"], true, "{}", unlocked.stdout);
        let answers = judge(
            &db,
            &[
                json!({"op": "user", "login": "carol"}),
                json!({"op": "login", "login": "carol", "password": OLD}),
                json!({"op": "user", "login": "rita"}),
                json!({"op": "user", "login": "bob"}),
            ],
        );
        assert_eq!(answers[0]["active"], true, "{}", answers[0]);
        assert_eq!(answers[1]["ok"], true, "{engine:?}");
        assert_eq!(answers[2]["registered"], true, "{}", answers[2]);
        assert_eq!(answers[3]["locked"], true, "{}", answers[3]);

        // reset --activate opens bob again.
        bg(
            &db,
            &[
                "reset",
                "bob",
                "--activate",
                "--no-must-change",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        )
        .expect_code(0);

        // create-admin: a valid Redmine user with its default email, an admin who logs in.
        let created = bg(
            &db,
            &[
                "create-admin",
                "dave",
                "--email",
                "dave@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        );
        created.expect_code(0);
        let listed = bg(&db, &["list-admins", "-o", "json"], None);
        let answers = judge(
            &db,
            &[
                json!({"op": "user", "login": "bob"}),
                json!({"op": "login", "login": "bob", "password": NEW}),
                json!({"op": "user", "login": "dave"}),
                json!({"op": "login", "login": "dave", "password": NEW}),
                json!({"op": "admins"}),
            ],
        );
        assert_eq!(answers[0]["active"], true, "{}", answers[0]);
        assert_eq!(answers[1]["ok"], true, "{engine:?}");
        let dave = &answers[2];
        assert_eq!(dave["found"], true, "{dave}");
        assert_eq!(dave["admin"], true, "{dave}");
        assert_eq!(dave["active"], true, "{dave}");
        assert_eq!(dave["mail"], "dave@example.com", "{dave}");
        assert_eq!(dave["valid"], true, "{dave}");
        assert_eq!(answers[3]["ok"], true, "{engine:?}");
        let mut keys = listed_keys(&listed);
        keys.sort();
        assert_eq!(keys, sorted(&answers[4]["admins"]), "{engine:?}");
    }
}

#[test]
fn redmine_refuses_bad_input_and_leaves_the_database_unchanged() {
    if !redmine_installed() {
        return;
    }
    let db = redmine_db(Engine::Sqlite);
    let before = (db.dump("users"), db.dump("email_addresses"));

    // Redmine cannot save a user without an email: create-admin asks for one first.
    let run = bg(
        &db,
        &["create-admin", "erin", "--password-stdin", "--yes"],
        Some(NEW),
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("email_addresses.address"),
        "{}",
        run.stderr
    );
    // An existing login is never overwritten.
    bg(
        &db,
        &[
            "create-admin",
            "alice",
            "--email",
            "a2@example.com",
            "--password-stdin",
            "--yes",
        ],
        Some(NEW),
    )
    .expect_code(8);
    // A group shares the table but is not a user.
    db.script(
        "INSERT INTO users (login, firstname, lastname, admin, status, type) \
         VALUES ('', '', 'Developers', 0, 1, 'Group')",
    );
    let groups_before = db.dump("users");
    bg(
        &db,
        &["reset", "Developers", "--password-stdin", "--yes"],
        Some(NEW),
    )
    .expect_code(3);
    // Unknown users and a wrong password change nothing.
    bg(
        &db,
        &["reset", "nobody", "--password-stdin", "--yes"],
        Some(NEW),
    )
    .expect_code(3);
    assert_eq!(db.dump("users"), groups_before);
    assert_eq!(db.dump("email_addresses"), before.1);
    assert_ne!(before.0, groups_before);
}

#[test]
fn a_redmine_hash_is_told_only_among_the_profiles_schemes() {
    // Redmine's two columns travel as one stored form; an unsalted legacy row is the plain
    // SHA-1, which Redmine still accepts.
    let db = TestDb::empty(Engine::Sqlite);
    db.script(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT NOT NULL, hashed_password TEXT, \
         salt TEXT, admin BOOLEAN NOT NULL DEFAULT 0, status INTEGER NOT NULL DEFAULT 1, \
         type TEXT, must_change_passwd BOOLEAN NOT NULL DEFAULT 0, passwd_changed_on DATETIME); \
         CREATE TABLE email_addresses (id INTEGER PRIMARY KEY, user_id INTEGER, address TEXT); \
         INSERT INTO users (login, hashed_password, salt, admin, type) VALUES \
         ('legacy', 'd033e22ae348aeb5660fc2140aec35850c4da997', '', 1, 'User');",
    );
    let run = bg(
        &db,
        &["verify", "legacy", "--password-stdin"],
        Some("admin"),
    );
    run.expect_code(0);
    assert!(run.stdout.contains("redmine sha1"), "{}", run.stdout);
    bg(
        &db,
        &["verify", "legacy", "--password-stdin"],
        Some("Admin"),
    )
    .expect_code(5);
}
