//! WordPress itself as the judge (tests/judges/wordpress_judge.php): WordPress 6.1 (Debian
//! bookworm) and 6.8 (Debian trixie) install their own schema with `wp_install()` on MariaDB,
//! make their own users and hashes, and judge every change with `wp_authenticate()` and
//! `user_can(…, 'manage_options')`.

use std::process::Command;

use serde_json::{Value as Json, json};

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";
const VERSIONS: [&str; 2] = ["6.1", "6.8"];

pub(crate) fn wordpress_installed() -> bool {
    let found = VERSIONS.iter().all(|version| {
        std::path::Path::new(&format!(
            "/var/cache/breakglass/wordpress-{version}/wp-settings.php"
        ))
        .exists()
    }) && Command::new("php")
        .args(["-r", "exit(extension_loaded('mysqli') ? 0 : 1);"])
        .status()
        .is_ok_and(|status| status.success());
    required_tool(
        "WordPress 6.1 and 6.8 with PHP's mysqli (tests/judges/install_wordpress.sh)",
        found,
    )
}

/// One WordPress boot of `version` on the test database.
fn judge(version: &str, db: &TestDb, command: &str, stdin: &str) -> String {
    let script = format!(
        "{}/tests/judges/wordpress_judge.php",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut php = Command::new("php");
    php.args([&script, version, db.url(), "wp_", command]);
    piped(php, stdin, &format!("WordPress {version} {command}"))
}

/// A line of PHP with `stdin` piped in; its output.
fn php(code: &str, stdin: &str) -> String {
    let mut php = Command::new("php");
    php.args(["-r", code]);
    piped(php, stdin, &format!("php -r {code}"))
}

pub(crate) fn batch(version: &str, db: &TestDb, ops: &[Json]) -> Vec<Json> {
    let input: String = ops.iter().map(|op| format!("{op}\n")).collect();
    let out = judge(version, db, "batch", &input);
    let answers: Vec<Json> = out
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(answers.len(), ops.len(), "{out}");
    answers
}

fn one(version: &str, db: &TestDb, op: Json) -> Json {
    batch(version, db, &[op]).remove(0)
}

fn logs_in(version: &str, db: &TestDb, who: &str, password: &str) -> bool {
    one(
        version,
        db,
        json!({"op": "login", "login": who, "password": password}),
    )["ok"]
        == true
}

fn bg(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["--profile", "wordpress"];
    all.extend_from_slice(args);
    db.run_with(&all, stdin, &[])
}

fn set_meta(db: &TestDb, login: &str, key: &str, value: &str) {
    db.execute(
        "UPDATE wp_usermeta SET meta_value = ? WHERE meta_key = ? AND user_id = \
         (SELECT ID FROM wp_users WHERE user_login = ?)",
        &[
            breakglass::db::Value::Text(value.to_owned()),
            breakglass::db::Value::Text(key.to_owned()),
            breakglass::db::Value::Text(login.to_owned()),
        ],
    );
}

/// A site `version` installed itself, with an editor, a subscriber and a look-alike role.
pub(crate) fn site(version: &str) -> TestDb {
    let db = TestDb::empty(Engine::MySql);
    judge(version, &db, "install", OLD);
    for (login, role) in [
        ("ed", "editor"),
        ("sub", "subscriber"),
        ("seo", "subscriber"),
    ] {
        let created = one(
            version,
            &db,
            json!({"op": "create", "login": login, "password": OLD, "role": role,
                   "email": format!("{login}@example.com")}),
        );
        assert!(created["id"].is_number(), "{created}");
    }
    set_meta(
        &db,
        "seo",
        "wp_capabilities",
        r#"a:1:{s:17:"seo_administrator";b:1;}"#,
    );
    db
}

fn admins(version: &str, db: &TestDb) -> Vec<String> {
    let answer = one(version, db, json!({"op": "admins"}));
    let mut keys: Vec<String> = answer["manage_options"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|key| key.as_str().expect("text").to_owned())
        .collect();
    keys.sort();
    keys
}

fn listed(db: &TestDb) -> Vec<String> {
    let run = bg(db, &["list-admins", "-o", "json"], None);
    run.expect_code(0);
    let mut keys = listed_keys(&run);
    keys.sort();
    keys
}

#[test]
fn wordpress_judges_every_command_in_6_1_and_6_8() {
    if server_url(Engine::MySql).is_none() || !wordpress_installed() {
        return;
    }
    for version in VERSIONS {
        let db = site(version);

        // Recognised from its tables; the admins are those WordPress lets manage options.
        let detected = db.run(&["list-admins", "-o", "json"]);
        detected.expect_code(0);
        assert!(
            detected.stderr.contains("profile wordpress (recognised"),
            "{version}: {}",
            detected.stderr
        );
        assert_eq!(listed(&db), admins(version, &db), "{version}");
        assert_eq!(listed(&db), ["admin"], "{version}");

        // verify agrees with wp_authenticate, by login and by email, on the version's own hash.
        for (who, password, code) in [
            ("admin", OLD, 0),
            ("admin@example.com", OLD, 0),
            ("admin", NEW, 5),
            ("ed", OLD, 0),
        ] {
            bg(&db, &["verify", who, "--password-stdin"], Some(password)).expect_code(code);
            assert_eq!(
                logs_in(version, &db, who, password),
                code == 0,
                "{version} {who}"
            );
        }

        // reset: WordPress logs the admin in with the new password only.
        bg(
            &db,
            &["reset", "admin", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        let stored = one(version, &db, json!({"op": "user", "login": "admin"}))["user_pass"]
            .as_str()
            .expect("user_pass")
            .to_owned();
        assert!(stored.starts_with("$2y$10$"), "{stored}");
        assert!(!logs_in(version, &db, "admin", OLD), "{version}");
        assert!(logs_in(version, &db, "admin", NEW), "{version}");

        // create-admin: WordPress logs the new admin in and lets it manage options.
        bg(
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
        )
        .expect_code(0);
        let ops = one(version, &db, json!({"op": "user", "login": "ops"}));
        assert_eq!(ops["admin"], true, "{ops}");
        assert_eq!(ops["roles"], json!(["administrator"]), "{ops}");
        assert_eq!(
            ops["user_level"].to_string().trim_matches('"'),
            "10",
            "{ops}"
        );
        assert_eq!(ops["email"], "ops@example.com", "{ops}");
        assert!(logs_in(version, &db, "ops", NEW), "{version}");

        // promote adds the role beside the editor's own; --demote takes only it away.
        bg(&db, &["promote", "ed", "--yes"], None).expect_code(0);
        let ed = one(version, &db, json!({"op": "user", "login": "ed"}));
        assert_eq!(ed["admin"], true, "{ed}");
        assert_eq!(ed["roles"], json!(["editor", "administrator"]), "{ed}");
        bg(&db, &["promote", "ed", "--demote", "--yes"], None).expect_code(0);
        let ed = one(version, &db, json!({"op": "user", "login": "ed"}));
        assert_eq!(ed["admin"], false, "{ed}");
        assert_eq!(ed["roles"], json!(["editor"]), "{ed}");
        assert_eq!(ed["user_level"].to_string().trim_matches('"'), "0", "{ed}");
        assert_eq!(listed(&db), admins(version, &db), "{version}");

        // What WordPress core lacks is said, and nothing is written.
        let users = db.dump("wp_users");
        let meta = db.dump("wp_usermeta");
        for (command, words) in [
            ("deactivate", "WordPress core has no inactive"),
            ("unlock", "WordPress core keeps no failed-login lockout"),
            ("clear-change-flag", "WordPress core has no must-change"),
        ] {
            let run = bg(&db, &[command, "sub", "--yes"], None);
            run.expect_code(7);
            assert!(run.stderr.contains(words), "{command}: {}", run.stderr);
        }
        assert_eq!((db.dump("wp_users"), db.dump("wp_usermeta")), (users, meta));
    }
}

#[test]
fn verify_agrees_with_wordpress_on_every_stored_form() {
    if server_url(Engine::MySql).is_none() || !wordpress_installed() {
        return;
    }
    // Forms made by each version's own wp_hash_password and by PHP's password_hash.
    let db = site("6.8");
    let modern = one("6.8", &db, json!({"op": "hash", "password": OLD}))["hash"]
        .as_str()
        .expect("hash")
        .to_owned();
    let legacy = one("6.1", &db, json!({"op": "hash", "password": OLD}))["hash"]
        .as_str()
        .expect("hash")
        .to_owned();
    assert!(modern.starts_with("$wp$2y$"), "{modern}");
    assert!(legacy.starts_with("$P$B"), "{legacy}");
    let bcrypt = php(
        "echo password_hash(stream_get_contents(STDIN), PASSWORD_BCRYPT);",
        OLD,
    );
    let md5 = php("echo md5(stream_get_contents(STDIN));", OLD);
    for (form, stored) in [
        ("$wp$", &modern),
        ("phpass", &legacy),
        ("bcrypt", &bcrypt),
        ("md5", &md5),
    ] {
        for password in [OLD, NEW] {
            let judged = one(
                "6.8",
                &db,
                json!({"op": "check", "password": password, "hash": stored}),
            )["ok"]
                == true;
            db.execute(
                "UPDATE wp_users SET user_pass = ? WHERE user_login = 'sub'",
                &[breakglass::db::Value::Text(stored.clone())],
            );
            let code = bg(&db, &["verify", "sub", "--password-stdin"], Some(password)).code;
            assert_eq!(code == 0, judged, "{form} {password}: exit {code}");
            assert_eq!(judged, password == OLD, "{form}");
        }
    }
}

#[test]
fn a_capabilities_value_that_is_not_a_serialized_array_is_refused() {
    if server_url(Engine::MySql).is_none() || !wordpress_installed() {
        return;
    }
    let db = site("6.8");
    set_meta(&db, "sub", "wp_capabilities", "administrator");
    let meta = db.dump("wp_usermeta");
    let run = bg(&db, &["promote", "sub", "--yes"], None);
    run.expect_code(7);
    assert!(run.stderr.contains("role_format"), "{}", run.stderr);
    assert_eq!(db.dump("wp_usermeta"), meta);
    // WordPress reads the value as no role at all; so does list-admins.
    assert_eq!(listed(&db), admins("6.8", &db));
}
