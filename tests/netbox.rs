//! NetBox 4 itself as the judge (PyPI `netbox`, tests/judges/netbox_judge.py): the tables
//! NetBox's own migrations made (restored from the dump tests/judges/install_netbox.sh keeps),
//! on PostgreSQL, the only database NetBox runs on. Every answer comes from NetBox's settings
//! and Django 6.1: authenticate(), the /login/ view, is_superuser, the hasher's must_update()
//! and NetBox's password validators.

use serde_json::{Value as Json, json};

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42";
const NEW: &str = "Meadow-Copper-Violet-77";
const PYTHON: &str = "/var/cache/breakglass/netbox-venv/bin/python";

fn netbox_installed() -> bool {
    let found = std::path::Path::new(PYTHON).exists()
        && std::path::Path::new("/var/cache/breakglass/netbox/schema.sql").exists();
    required_tool("NetBox 4 (tests/judges/install_netbox.sh)", found)
}

/// One django.setup(): each operation a JSON line in, one JSON line out.
fn judge(db: &TestDb, ops: &[Json]) -> Vec<Json> {
    let input: String = ops.iter().map(|op| format!("{op}\n")).collect();
    let out = run_judge(PYTHON, "netbox_judge.py", db, &["batch"], &[], &input);
    let answers: Vec<Json> = out
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(answers.len(), ops.len(), "{out}");
    answers
}

fn bg(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["--profile", "netbox"];
    all.extend_from_slice(args);
    db.run_with(&all, stdin, &[])
}

fn login(who: &str, password: &str) -> Json {
    json!({"op": "login", "username": who, "password": password})
}

fn web_login(who: &str, password: &str) -> Json {
    json!({"op": "web_login", "username": who, "password": password})
}

fn user(who: &str) -> Json {
    json!({"op": "user", "username": who})
}

/// A database of its own with NetBox's migrated tables and users NetBox made: alice and carol
/// superusers (carol inactive), bob not. None without a PostgreSQL server outside CI.
fn netbox_db() -> Option<TestDb> {
    let db = TestDb::empty_postgres_database(&server_url(Engine::Postgres)?);
    run_judge(PYTHON, "netbox_judge.py", &db, &["restore"], &[], "");
    let created = judge(
        &db,
        &[
            json!({"op": "create", "username": "alice", "password": OLD, "superuser": true}),
            json!({"op": "create", "username": "bob", "password": OLD}),
            json!({"op": "create", "username": "carol", "password": OLD, "superuser": true,
                   "active": false}),
        ],
    );
    for answer in created {
        assert!(answer["id"].is_number(), "{answer}");
    }
    Some(db)
}

fn names(value: &Json) -> Vec<String> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|name| name.as_str().expect("text").to_owned())
        .collect()
}

fn sorted_admins(db: &TestDb) -> Vec<String> {
    let listed = db.run(&["list-admins", "-o", "json"]);
    listed.expect_code(0);
    assert!(
        listed.stderr.contains("profile netbox (recognised"),
        "{}",
        listed.stderr
    );
    let mut keys = listed_keys(&listed);
    keys.sort();
    keys
}

#[test]
fn netbox_judges_every_command() {
    if !netbox_installed() {
        return;
    }
    let Some(db) = netbox_db() else { return };

    // list-admins (recognised from NetBox's tables) is NetBox's superusers, the inactive one too.
    let answers = judge(&db, &[json!({"op": "admins"})]);
    assert_eq!(sorted_admins(&db), names(&answers[0]["admins"]));
    assert_eq!(names(&answers[0]["admins"]), ["alice", "carol"]);

    // verify agrees with NetBox's login on hashes NetBox made (one django.setup() for all).
    let cases = [
        ("alice", OLD, 0),
        ("alice", NEW, 5),
        ("ALICE", OLD, 3),
        ("bob", OLD, 0),
        ("bob", "harbor-lantern-quill-42", 5),
        ("carol", OLD, 6),
    ];
    let ops: Vec<Json> = cases
        .iter()
        .flat_map(|(who, password, _)| [login(who, password), web_login(who, password)])
        .collect();
    let answers = judge(&db, &ops);
    for ((who, password, code), answer) in cases.iter().zip(answers.chunks(2)) {
        let verified = bg(&db, &["verify", who, "--password-stdin"], Some(password));
        verified.expect_code(*code);
        assert_eq!(answer[0]["ok"], *code == 0, "{who}: {}", answer[0]);
        assert_eq!(answer[1]["ok"], *code == 0, "{who}: {}", answer[1]);
    }
    // NetBox's own hash is the one breakglass writes: Django 6.1's pbkdf2_sha256 at 1,500,000.
    let made = db.rows("SELECT password FROM users_user WHERE username = 'bob'");
    let made = texts(&made)[0][0].clone();
    assert!(made.starts_with("pbkdf2_sha256$1500000$"), "{made}");

    // reset: NetBox logs alice in with the new password only, and wants no rehash.
    bg(
        &db,
        &["reset", "alice", "--password-stdin", "--yes"],
        Some(NEW),
    )
    .expect_code(0);
    // create-admin: a superuser NetBox logs in (its /login/ view makes the UserConfig row).
    bg(
        &db,
        &["create-admin", "dave", "--password-stdin", "--yes"],
        Some(NEW),
    )
    .expect_code(0);
    // promote: NetBox's is_superuser follows.
    bg(&db, &["promote", "bob", "--yes"], None).expect_code(0);
    let answers = judge(
        &db,
        &[
            user("alice"),
            login("alice", NEW),
            login("alice", OLD),
            web_login("alice", NEW),
            login("dave", NEW),
            web_login("dave", NEW),
            user("bob"),
            json!({"op": "admins"}),
        ],
    );
    assert_eq!(answers[0]["algorithm"], "pbkdf2_sha256", "{}", answers[0]);
    assert_eq!(answers[0]["must_update"], false, "{}", answers[0]);
    assert_eq!(answers[1]["ok"], true, "{}", answers[1]);
    assert_eq!(answers[1]["must_update"], false, "{}", answers[1]);
    assert_eq!(answers[2]["ok"], false, "{}", answers[2]);
    assert_eq!(answers[3]["ok"], true, "{}", answers[3]);
    assert_eq!(answers[4]["superuser"], true, "{}", answers[4]);
    assert_eq!(answers[4]["must_update"], false, "{}", answers[4]);
    assert_eq!(answers[5]["ok"], true, "{}", answers[5]);
    assert_eq!(answers[6]["superuser"], true, "{}", answers[6]);
    assert_eq!(sorted_admins(&db), names(&answers[7]["admins"]));
    // NetBox's rehash would have changed the stored value; it is still what breakglass wrote.
    let written = texts(&db.rows("SELECT password FROM users_user WHERE username = 'alice'"));
    assert!(
        written[0][0].starts_with("pbkdf2_sha256$1500000$"),
        "{written:?}"
    );

    // --demote and deactivate: NetBox's is_superuser and login follow; reset --activate opens
    // bob again.
    bg(&db, &["promote", "bob", "--demote", "--yes"], None).expect_code(0);
    bg(&db, &["deactivate", "bob", "--yes"], None).expect_code(0);
    let answers = judge(
        &db,
        &[user("bob"), login("bob", OLD), web_login("bob", OLD)],
    );
    assert_eq!(answers[0]["superuser"], false, "{}", answers[0]);
    assert_eq!(answers[0]["active"], false, "{}", answers[0]);
    assert_eq!(answers[1]["ok"], false, "{}", answers[1]);
    assert_eq!(answers[2]["ok"], false, "{}", answers[2]);
    bg(&db, &["verify", "bob", "--password-stdin"], Some(OLD)).expect_code(6);
    bg(
        &db,
        &["reset", "bob", "--activate", "--password-stdin", "--yes"],
        Some(NEW),
    )
    .expect_code(0);
    let answers = judge(
        &db,
        &[user("bob"), login("bob", NEW), web_login("bob", NEW)],
    );
    assert_eq!(answers[0]["active"], true, "{}", answers[0]);
    assert_eq!(answers[1]["ok"], true, "{}", answers[1]);
    assert_eq!(answers[2]["ok"], true, "{}", answers[2]);
}

#[test]
fn netbox_refuses_bad_input_and_leaves_the_database_unchanged() {
    if !netbox_installed() {
        return;
    }
    let Some(db) = netbox_db() else { return };
    let before = db.dump("users_user");

    // Passwords NetBox's validators refuse are refused before anything is written, and NetBox
    // agrees they are bad.
    let refused = [
        "Short-Pass1",             // 11 characters
        "Harbor-Lantern-Quill",    // no digit
        "harbor-lantern-quill-42", // no upper-case letter
        "HARBOR-LANTERN-QUILL-42", // no lower-case letter
    ];
    let ops: Vec<Json> = refused
        .iter()
        .map(|password| json!({"op": "validate", "password": password}))
        .collect();
    let answers = judge(&db, &ops);
    for (password, answer) in refused.iter().zip(&answers) {
        assert!(!names(&answer["errors"]).is_empty(), "{password}: {answer}");
        let run = bg(
            &db,
            &["reset", "bob", "--password-stdin", "--yes"],
            Some(password),
        );
        run.expect_code(8);
        let run = bg(
            &db,
            &["create-admin", "erin", "--password-stdin", "--yes"],
            Some(password),
        );
        run.expect_code(8);
    }
    // NetBox accepts what breakglass accepts.
    let answers = judge(&db, &[json!({"op": "validate", "password": NEW})]);
    assert_eq!(answers[0]["errors"], json!([]));

    // An existing username is never overwritten; unknown users change nothing.
    bg(
        &db,
        &["create-admin", "alice", "--password-stdin", "--yes"],
        Some(NEW),
    )
    .expect_code(8);
    bg(
        &db,
        &["reset", "nobody", "--password-stdin", "--yes"],
        Some(NEW),
    )
    .expect_code(3);
    bg(&db, &["promote", "nobody", "--yes"], None).expect_code(3);
    // The last superuser who can log in is not demoted (carol is inactive).
    bg(&db, &["promote", "alice", "--demote", "--yes"], None).expect_code(8);
    assert_eq!(db.dump("users_user"), before);
    let answers = judge(&db, &[login("alice", OLD), login("bob", OLD), user("erin")]);
    assert_eq!(answers[0]["superuser"], true, "{}", answers[0]);
    assert_eq!(answers[1]["ok"], true, "{}", answers[1]);
    assert_eq!(answers[2]["found"], false, "{}", answers[2]);
}
