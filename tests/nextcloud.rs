//! PHP itself as the judge of Nextcloud's passwords (tests/judges/nextcloud_judge.php, Debian
//! php-cli): values breakglass writes through `reset` and `create-admin` pass `password_verify`
//! after Nextcloud's prefix split, and `3|`, `2|`, `1|` values PHP made verify in breakglass;
//! admin rows in oc_group_user and the new user's rows checked column by column on every engine.

use std::process::Command;

use breakglass::db::Value;

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";

fn php_installed() -> bool {
    let found = Command::new("php")
        .args(["-r", "exit(defined('PASSWORD_ARGON2ID') ? 0 : 1);"])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool("php-cli with argon2 (Debian php-cli)", found)
}

fn php(db: &TestDb, args: &[&str], password: &str) -> String {
    run_judge("php", "nextcloud_judge.php", db, args, &[], password)
}

/// Nextcloud's three tables as its migrations make them, with `prefix`.
pub fn nextcloud_sql(prefix: &str) -> String {
    format!(
        "CREATE TABLE {prefix}users (uid varchar(64) DEFAULT '' NOT NULL PRIMARY KEY, \
         displayname varchar(64) NULL, password varchar(255) DEFAULT '' NOT NULL, \
         uid_lower varchar(64) DEFAULT '' NULL); \
         CREATE TABLE {prefix}group_user (gid varchar(64) DEFAULT '' NOT NULL, \
         uid varchar(64) DEFAULT '' NOT NULL, PRIMARY KEY (gid, uid)); \
         CREATE TABLE {prefix}preferences (userid varchar(64) DEFAULT '' NOT NULL, \
         appid varchar(32) DEFAULT '' NOT NULL, configkey varchar(64) DEFAULT '' NOT NULL, \
         configvalue text NULL, PRIMARY KEY (userid, appid, configkey));"
    )
}

pub fn insert_user(db: &TestDb, prefix: &str, uid: &str, password: &str, admin: bool) {
    let p = |n| db.dialect().placeholder(n);
    db.execute(
        &format!(
            "INSERT INTO {prefix}users (uid, displayname, password, uid_lower) VALUES ({}, {}, {}, {})",
            p(1),
            p(2),
            p(3),
            p(4)
        ),
        &[
            Value::Text(uid.into()),
            Value::Text(uid.into()),
            Value::Text(password.into()),
            Value::Text(uid.to_lowercase()),
        ],
    );
    if admin {
        db.execute(
            &format!(
                "INSERT INTO {prefix}group_user (gid, uid) VALUES ('admin', {})",
                p(1)
            ),
            &[Value::Text(uid.into())],
        );
    }
}

fn password_of(db: &TestDb, uid: &str) -> String {
    texts(&db.rows(&format!(
        "SELECT password FROM oc_users WHERE uid = '{uid}'"
    )))[0][0]
        .clone()
}

fn admins(db: &TestDb) -> Vec<String> {
    let mut rows: Vec<String> =
        texts(&db.rows("SELECT uid FROM oc_group_user WHERE gid = 'admin'"))
            .into_iter()
            .map(|row| row[0].clone())
            .collect();
    rows.sort();
    rows
}

fn nc(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["--profile", "nextcloud"];
    all.extend_from_slice(args);
    db.run_with(&all, stdin, &[])
}

#[test]
fn php_judges_nextcloud_reset_create_admin_promote_and_verify() {
    if !php_installed() {
        return;
    }
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&nextcloud_sql("oc_"));
        let made = php(&db, &["hash", "3"], OLD);
        assert!(
            made.starts_with("3|$argon2id$v=19$m=65536,t=4,p=1$"),
            "{made}"
        );
        insert_user(&db, "oc_", "Root", &made, true);
        insert_user(&db, "oc_", "alice", &made, false);

        let listed = nc(&db, &["list-admins", "-o", "json"], None);
        listed.expect_code(0);
        assert_eq!(listed_keys(&listed), ["Root"], "{engine:?}");

        // verify: every prefix PHP writes, and a bare bcrypt (Nextcloud's legacy path, no salt).
        for version in ["3", "2", "1", "bare"] {
            let made = match version {
                "bare" => php(&db, &["hash", "1"], OLD)[2..].to_owned(),
                _ => php(&db, &["hash", version], OLD),
            };
            db.execute(
                "UPDATE oc_users SET password = ? WHERE uid = 'alice'"
                    .replace('?', &db.dialect().placeholder(1))
                    .as_str(),
                &[Value::Text(made.clone())],
            );
            nc(&db, &["verify", "alice", "--password-stdin"], Some(OLD)).expect_code(0);
            // A wrong password on a bare bcrypt may be the legacy salted form: not judged (6).
            let wrong = if version == "bare" { 6 } else { 5 };
            nc(&db, &["verify", "alice", "--password-stdin"], Some(NEW)).expect_code(wrong);
        }

        // reset: PHP accepts the new password after the prefix split, refuses the old one.
        nc(
            &db,
            &["reset", "Root", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        let stored = password_of(&db, "Root");
        assert!(
            stored.starts_with("3|$argon2id$v=19$m=65536,t=4,p=1$"),
            "{stored}"
        );
        assert_eq!(php(&db, &["verify", &stored], NEW), "true", "{engine:?}");
        assert_eq!(php(&db, &["verify", &stored], OLD), "false", "{engine:?}");
        // The current password is recognised by reset's reuse rule.
        nc(
            &db,
            &["reset", "Root", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(8);
        assert_eq!(password_of(&db, "Root"), stored);
        let printed = nc(&db, &["hash-password", "--password-stdin"], Some(NEW));
        printed.expect_code(0);
        assert_eq!(php(&db, &["verify", printed.stdout.trim()], NEW), "true");

        // create-admin: oc_users with uid_lower and the admin group row, in one transaction.
        nc(
            &db,
            &[
                "create-admin",
                "Carol",
                "--full-name",
                "Carol Ops",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        )
        .expect_code(0);
        let carol = texts(&db.rows(
            "SELECT uid, displayname, uid_lower, password FROM oc_users WHERE uid = 'Carol'",
        ))[0]
            .clone();
        assert_eq!(carol[..3], ["Carol", "Carol Ops", "carol"], "{engine:?}");
        assert_eq!(php(&db, &["verify", &carol[3]], NEW), "true");
        assert_eq!(admins(&db), ["Carol", "Root"], "{engine:?}");

        // promote inserts the group row, --demote deletes it.
        nc(&db, &["promote", "alice", "--yes"], None).expect_code(0);
        assert_eq!(admins(&db), ["Carol", "Root", "alice"], "{engine:?}");
        nc(&db, &["promote", "alice", "--demote", "--yes"], None).expect_code(0);
        assert_eq!(admins(&db), ["Carol", "Root"], "{engine:?}");
        let listed = nc(&db, &["list-admins", "-o", "json"], None);
        assert_eq!(listed_keys(&listed), ["Carol", "Root"], "{engine:?}");

        // deactivate writes Nextcloud's disabled row; reset --activate removes it.
        nc(&db, &["deactivate", "Carol", "--yes"], None).expect_code(0);
        assert_eq!(
            texts(&db.rows("SELECT userid, appid, configkey, configvalue FROM oc_preferences")),
            [["Carol", "core", "enabled", "false"]],
            "{engine:?}"
        );
        nc(&db, &["verify", "Carol", "--password-stdin"], Some(NEW)).expect_code(6);
        let listed = nc(&db, &["list-admins", "-o", "json"], None).json();
        let carol = listed
            .as_array()
            .and_then(|all| all.iter().find(|admin| admin["email"] == "Carol"))
            .cloned()
            .expect("Carol listed");
        assert_eq!(carol["is_active"], false, "{carol}");
        nc(
            &db,
            &["reset", "Carol", "--activate", "--password-stdin", "--yes"],
            Some(OLD),
        )
        .expect_code(0);
        assert!(
            db.rows("SELECT userid FROM oc_preferences").is_empty(),
            "{engine:?}"
        );
        nc(&db, &["verify", "Carol", "--password-stdin"], Some(OLD)).expect_code(0);
    }
}

#[test]
fn the_last_nextcloud_admin_is_not_demoted() {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&nextcloud_sql("oc_"));
    insert_user(
        &db,
        "oc_",
        "root",
        "3|$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        true,
    );
    let before = admins(&db);
    nc(&db, &["promote", "root", "--demote", "--yes"], None).expect_code(8);
    assert_eq!(admins(&db), before);
}

#[test]
fn a_nextcloud_schema_is_recognised() {
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&nextcloud_sql("oc_"));
        let run = db.run(&["list-admins", "-o", "json"]);
        run.expect_code(0);
        assert!(
            run.stderr
                .contains("profile nextcloud (recognised from table"),
            "{engine:?}: {}",
            run.stderr
        );
    }
}

fn snapshot(db: &TestDb) -> Vec<Vec<String>> {
    ["oc_users", "oc_group_user", "oc_preferences"]
        .iter()
        .map(|table| db.dump(table))
        .collect()
}

/// Stored values breakglass refuses to judge: each named in the message, exit 6, nothing written.
#[test]
fn legacy_and_odd_nextcloud_values_are_refused_by_name() {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&nextcloud_sql("oc_"));
    // SHA1 of OLD, as ownCloud stored it.
    let sha1 = "2c3d5b1e0f8f0f4d4b0a52f06a6e5a7c4e0d1f3a";
    let bcrypt = "$2y$04$abcdefghijklmnopqrstuu5Lh3yLJXjUSs3hm0mDxh3sUWqZGdLV2";
    let absurd = "1|$2y$31$abcdefghijklmnopqrstuu5Lh3yLJXjUSs3hm0mDxh3sUWqZGdLV2";
    for (stored, named) in [
        (sha1, "legacy SHA1"),
        (bcrypt, "legacy salted form"),
        (
            "9|$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
            "version prefix 9|",
        ),
        (absurd, "cost 31"),
        ("3|plaintext", "no PHP password hash"),
    ] {
        db.script("DELETE FROM oc_users; DELETE FROM oc_group_user;");
        insert_user(&db, "oc_", "root", stored, true);
        let before = snapshot(&db);
        let started = std::time::Instant::now();
        let run = nc(&db, &["verify", "root", "--password-stdin"], Some(OLD));
        run.expect_code(6);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert!(run.stdout.contains(named), "{stored}: {}", run.stdout);
        assert_eq!(snapshot(&db), before, "{stored}");
    }
}

#[test]
fn a_missing_group_or_preferences_table_changes_nothing() {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&nextcloud_sql("oc_"));
    insert_user(
        &db,
        "oc_",
        "root",
        "3|$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        false,
    );
    db.script("DROP TABLE oc_group_user; DROP TABLE oc_preferences;");
    let before = db.dump("oc_users");
    let run = nc(
        &db,
        &["create-admin", "ops", "--password-stdin", "--yes"],
        Some(NEW),
    );
    run.expect_code(7);
    assert!(run.stderr.contains("oc_group_user"), "{}", run.stderr);
    let run = nc(&db, &["deactivate", "root", "--yes"], None);
    run.expect_code(7);
    assert!(run.stderr.contains("oc_preferences"), "{}", run.stderr);
    assert_eq!(db.dump("oc_users"), before);
}

#[test]
fn a_table_prefix_the_database_does_not_use_is_exit_7() {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&nextcloud_sql("nc_"));
    insert_user(
        &db,
        "nc_",
        "root",
        "3|$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        true,
    );
    let before = db.dump("nc_users");
    nc(
        &db,
        &["reset", "root", "--password-stdin", "--yes"],
        Some(NEW),
    )
    .expect_code(7);
    assert_eq!(db.dump("nc_users"), before);
    // The same profile with the prefix changed works.
    let shown = db.run(&["--profile", "nextcloud", "profile", "show"]);
    let path = db.dir.path().join("nc.toml");
    std::fs::write(
        &path,
        shown
            .stdout
            .replace("table_prefix = \"oc_\"", "table_prefix = \"nc_\""),
    )
    .expect("profile");
    let listed = db.run(&[
        "--profile-file",
        path.to_str().expect("path"),
        "list-admins",
        "-o",
        "json",
    ]);
    listed.expect_code(0);
    assert_eq!(listed_keys(&listed), ["root"]);
}
