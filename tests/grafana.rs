//! Grafana's `user` and `login_attempt` tables, made by SQL as Grafana's migrator makes them on
//! each engine (Grafana itself cannot be installed here). Its published vector is a unit test
//! (src/password/grafana.rs); here the hashes are cross-checked both ways with Python's
//! hashlib, and every command Grafana has the concept for is checked column by column.

use std::collections::BTreeMap;

use breakglass::db::Value;

use crate::gitea::{python_kdfs, user_table};
use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";

/// `pkg/services/sqlstore/migrations/user_mig.go` and its later additions: (column, kind,
/// nullability and default). Kinds: s = NVARCHAR(255), b = BOOL, i = INT, l = BIGINT, t = DATETIME.
const GRAFANA_USER: &[(&str, char, &str)] = &[
    ("version", 'i', "NOT NULL"),
    ("login", 's', "NOT NULL"),
    ("email", 's', "NOT NULL"),
    ("name", 's', "NULL"),
    ("password", 's', "NULL"),
    ("salt", 's', "NULL"),
    ("rands", 's', "NULL"),
    ("company", 's', "NULL"),
    ("org_id", 'l', "NOT NULL"),
    ("is_admin", 'b', "NOT NULL"),
    ("email_verified", 'b', "NULL"),
    ("theme", 's', "NULL"),
    ("created", 't', "NOT NULL"),
    ("updated", 't', "NOT NULL"),
    ("help_flags1", 'l', "NOT NULL DEFAULT 0"),
    ("last_seen_at", 't', "NULL"),
    ("is_disabled", 'b', "NOT NULL DEFAULT FALSE"),
    ("is_service_account", 'b', "NULL DEFAULT FALSE"),
    ("uid", 's', "NULL"),
];

fn declared(engine: Engine, kind: char) -> &'static str {
    match (engine, kind) {
        (Engine::Sqlite, 's') => "TEXT",
        (Engine::Sqlite, 't') => "DATETIME",
        (Engine::Sqlite, _) => "INTEGER",
        (Engine::Postgres, 's') => "VARCHAR(255)",
        (Engine::Postgres, 'b') => "BOOL",
        (Engine::Postgres, 't') => "TIMESTAMP",
        (Engine::MySql, 's') => "NVARCHAR(255)",
        (Engine::MySql, 'b') => "TINYINT(1)",
        (Engine::MySql, 't') => "DATETIME",
        (_, 'i') => "INTEGER",
        _ => "BIGINT",
    }
}

pub fn grafana_schema(engine: Engine) -> String {
    let id = match engine {
        Engine::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
        Engine::Postgres => "SERIAL PRIMARY KEY NOT NULL",
        Engine::MySql => "BIGINT PRIMARY KEY AUTO_INCREMENT NOT NULL",
    };
    let falsy = |extra: &str| {
        if engine == Engine::Postgres {
            extra.to_owned()
        } else {
            extra.replace("FALSE", "0")
        }
    };
    let columns: Vec<String> = std::iter::once(format!("id {id}"))
        .chain(GRAFANA_USER.iter().map(|(name, kind, extra)| {
            format!("{name} {} {}", declared(engine, *kind), falsy(extra))
        }))
        .collect();
    let table = user_table(engine);
    let attempts_id = id;
    format!(
        "CREATE TABLE {table} ({});\n\
         CREATE UNIQUE INDEX UQE_user_login ON {table} (login);\n\
         CREATE UNIQUE INDEX UQE_user_email ON {table} (email);\n\
         CREATE UNIQUE INDEX UQE_user_uid ON {table} (uid);\n\
         CREATE TABLE login_attempt (id {attempts_id}, username {s} NOT NULL, ip_address {s} NOT NULL, \
         created INTEGER NOT NULL DEFAULT 0);\n\
         CREATE INDEX IDX_login_attempt_username ON login_attempt (username);\n\
         CREATE TABLE org_user (id {attempts_id}, org_id BIGINT NOT NULL, user_id BIGINT NOT NULL, \
         role {role} NOT NULL, created {t} NOT NULL, updated {t} NOT NULL);\n\
         CREATE UNIQUE INDEX UQE_org_user_org_id_user_id ON org_user (org_id, user_id);\n",
        columns.join(", "),
        role = if engine == Engine::Sqlite {
            "TEXT"
        } else {
            "VARCHAR(20)"
        },
        t = declared(engine, 't'),
        s = if engine == Engine::Sqlite {
            "TEXT"
        } else {
            "VARCHAR(190)"
        },
    )
}

/// Grafana's `EncodePassword` in Python: hex of PBKDF2-HMAC-SHA256, 10000 rounds, 50 bytes.
pub fn python_encode(password: &str, salt: &str) -> String {
    python(
        &format!(
            "import sys, hashlib; print(hashlib.pbkdf2_hmac('sha256', sys.stdin.read().encode(), \
             {salt:?}.encode(), 10000, 50).hex())"
        ),
        password,
    )
}

pub fn insert_grafana_user(db: &TestDb, login: &str, password: &str, salt: &str, admin: bool) {
    let d = db.dialect();
    let sql = format!(
        "INSERT INTO {} (version, login, email, password, salt, org_id, is_admin, created, updated, is_disabled) \
         VALUES (0, {}, {}, {}, {}, 1, {}, {}, {}, {})",
        user_table(db.engine),
        d.placeholder(1),
        d.placeholder(2),
        d.placeholder(3),
        d.placeholder(4),
        d.placeholder(5),
        d.placeholder(6),
        d.placeholder(7),
        d.placeholder(8),
    );
    let now = breakglass::db::value::now();
    db.execute(
        &sql,
        &[
            Value::Text(login.to_owned()),
            Value::Text(format!("{login}@example.com")),
            Value::Text(python_encode(password, salt)),
            Value::Text(salt.to_owned()),
            Value::Bool(admin),
            Value::Timestamp(now),
            Value::Timestamp(now),
            Value::Bool(false),
        ],
    );
}

pub fn grafana_row(db: &TestDb, login: &str) -> BTreeMap<String, Value> {
    let columns = [
        "login",
        "email",
        "password",
        "salt",
        "is_admin",
        "is_disabled",
        "org_id",
        "version",
        "created",
        "updated",
    ];
    let rows = db.rows(&format!(
        "SELECT {} FROM {} WHERE login = '{login}'",
        columns.join(", "),
        user_table(db.engine)
    ));
    let row = rows
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no user {login}"));
    columns.iter().map(|c| c.to_string()).zip(row).collect()
}

fn text(row: &BTreeMap<String, Value>, column: &str) -> String {
    match &row[column] {
        Value::Text(text) => text.clone(),
        other => panic!("{column} is not text: {other:?}"),
    }
}

fn python_agrees(row: &BTreeMap<String, Value>, password: &str) -> bool {
    python_encode(password, &text(row, "salt")) == text(row, "password")
}

fn bg(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["--profile", "grafana"];
    all.extend_from_slice(args);
    db.run_with(&all, stdin, &[])
}

fn attempts(db: &TestDb) -> Vec<String> {
    let mut names: Vec<String> = texts(&db.rows("SELECT username FROM login_attempt"))
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    names.sort();
    names
}

pub fn grafana_db(engine: Engine) -> TestDb {
    let db = TestDb::empty(engine);
    db.script(&grafana_schema(engine));
    insert_grafana_user(&db, "admin", OLD, "Zq8hT2vK0a", true);
    insert_grafana_user(&db, "viewer", OLD, "m3NpQ7rS1t", false);
    db
}

#[test]
fn grafana_every_command_on_every_engine() {
    if !python_kdfs() {
        return;
    }
    for engine in engines() {
        let db = grafana_db(engine);

        let listed = db.run(&["list-admins", "-o", "json"]);
        listed.expect_code(0);
        assert!(
            listed.stderr.contains("profile grafana (recognised"),
            "{engine:?}: {}",
            listed.stderr
        );
        assert_eq!(listed_keys(&listed), ["admin"], "{engine:?}");

        // A hash Python made verifies, by login or by email.
        for who in ["admin", "ADMIN@example.com"] {
            let run = bg(&db, &["verify", who, "--password-stdin"], Some(OLD));
            run.expect_code(0);
            assert!(
                run.stdout.contains("stored hash: grafana"),
                "{}",
                run.stdout
            );
        }
        bg(&db, &["verify", "admin", "--password-stdin"], Some(NEW)).expect_code(5);

        // reset: password and salt change together, as Python's hashlib derives them.
        let before = grafana_row(&db, "admin");
        bg(
            &db,
            &["reset", "admin", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        let after = grafana_row(&db, "admin");
        let salt = text(&after, "salt");
        assert_eq!(salt.len(), 10);
        assert!(salt.bytes().all(|b| b.is_ascii_alphanumeric()), "{salt}");
        assert_ne!(salt, text(&before, "salt"));
        assert_eq!(text(&after, "password").len(), 100);
        assert!(python_agrees(&after, NEW), "{engine:?}");
        assert!(!python_agrees(&after, OLD));
        for column in [
            "login",
            "email",
            "is_admin",
            "is_disabled",
            "org_id",
            "version",
        ] {
            assert_eq!(after[column], before[column], "{column}");
        }
        bg(&db, &["verify", "admin", "--password-stdin"], Some(OLD)).expect_code(5);

        // unlock deletes the user's login_attempt rows (under its login and its email) only.
        let d = db.dialect();
        for name in [
            "admin",
            "admin",
            "admin",
            "admin",
            "admin",
            "admin@example.com",
            "viewer",
        ] {
            db.execute(
                &format!(
                    "INSERT INTO login_attempt (username, ip_address, created) VALUES ({}, '10.0.0.1', 1700000000)",
                    d.placeholder(1)
                ),
                &[Value::Text(name.to_owned())],
            );
        }
        let locked = bg(&db, &["verify", "admin", "--password-stdin"], Some(NEW));
        locked.expect_code(6);
        assert!(locked.stdout.contains("locked out"), "{}", locked.stdout);
        bg(&db, &["unlock", "admin", "--yes"], None).expect_code(0);
        assert_eq!(attempts(&db), ["viewer"], "{engine:?}");
        bg(&db, &["verify", "admin", "--password-stdin"], Some(NEW)).expect_code(0);

        // No must-change flag in Grafana: clear-change-flag says so and changes nothing.
        let before = db.dump(user_table(engine));
        let refused = bg(&db, &["clear-change-flag", "admin", "--yes"], None);
        refused.expect_code(7);
        assert_eq!(db.dump(user_table(engine)), before);

        // deactivate sets is_disabled, and says so in the column's own terms (false -> true);
        // reset --activate clears it.
        let planned = bg(
            &db,
            &["deactivate", "viewer", "--dry-run", "-o", "json"],
            None,
        );
        planned.expect_code(0);
        let fields = &planned.json()["fields"]["is_disabled"];
        assert_eq!(
            (&fields["old"], &fields["new"]),
            (&serde_json::json!(false), &serde_json::json!(true)),
            "{fields}"
        );
        bg(&db, &["deactivate", "viewer", "--yes"], None).expect_code(0);
        assert!(is_true(&grafana_row(&db, "viewer")["is_disabled"]));
        bg(&db, &["verify", "viewer", "--password-stdin"], Some(OLD)).expect_code(6);
        bg(
            &db,
            &["reset", "viewer", "--password-stdin", "--yes", "--activate"],
            Some(NEW),
        )
        .expect_code(0);
        let viewer = grafana_row(&db, "viewer");
        assert!(is_false(&viewer["is_disabled"]));
        assert!(python_agrees(&viewer, NEW));

        // promote and --demote: the server admin flag.
        bg(&db, &["promote", "viewer", "--yes"], None).expect_code(0);
        assert!(is_true(&grafana_row(&db, "viewer")["is_admin"]));
        bg(&db, &["promote", "viewer", "--demote", "--yes"], None).expect_code(0);
        assert!(is_false(&grafana_row(&db, "viewer")["is_admin"]));

        // create-admin needs the email (NOT NULL, unique); with it, a row Grafana can sign in.
        let before = (db.dump(user_table(engine)), db.dump("org_user"));
        bg(
            &db,
            &["create-admin", "ops", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(2);
        assert_eq!((db.dump(user_table(engine)), db.dump("org_user")), before);
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
        let ops = grafana_row(&db, "ops");
        assert_eq!(text(&ops, "email"), "ops@example.com");
        assert!(is_true(&ops["is_admin"]) && is_false(&ops["is_disabled"]));
        assert_eq!(ops["org_id"].clone(), Value::Int(1), "{engine:?}");
        assert_eq!(ops["version"].clone(), Value::Int(0));
        assert!(python_agrees(&ops, NEW));
        assert!(is_recent(&ops["created"], 60) && is_recent(&ops["updated"], 60));
        // Its membership of the main organisation, as Grafana's admin user has it.
        let member = db.rows(&format!(
            "SELECT o.org_id, o.role, o.created, o.updated FROM org_user o JOIN {} u ON u.id = o.user_id \
             WHERE u.login = 'ops'",
            user_table(engine)
        ));
        assert_eq!(member.len(), 1, "{engine:?}");
        assert_eq!(member[0][0].clone(), Value::Int(1));
        assert_eq!(member[0][1].clone(), Value::Text("Admin".into()));
        assert!(is_recent(&member[0][2], 60) && is_recent(&member[0][3], 60));
        // A second one works too: its own email, no collision on the unique index.
        bg(
            &db,
            &[
                "create-admin",
                "ops2",
                "--email",
                "ops2@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        )
        .expect_code(0);
        let listed = bg(&db, &["list-admins", "-o", "json"], None);
        assert_eq!(listed_keys(&listed), ["admin", "ops", "ops2"], "{engine:?}");
    }
}

#[test]
fn odd_grafana_rows_are_refused_and_change_nothing() {
    if !python_kdfs() {
        return;
    }
    let db = grafana_db(Engine::Sqlite);
    let good = text(&grafana_row(&db, "admin"), "password");
    for (login, password, salt) in [
        ("upper", good.to_uppercase(), Some("Zq8hT2vK0a")),
        ("short", good[..64].to_owned(), Some("Zq8hT2vK0a")),
        (
            "colon",
            format!("{}:{}", &good[..50], &good[51..]),
            Some("Zq8hT2vK0a"),
        ),
    ] {
        db.execute(
            "INSERT INTO \"user\" (version, login, email, password, salt, org_id, is_admin, created, updated) \
             VALUES (0, ?, ?, ?, ?, 1, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            &[
                Value::Text(login.to_owned()),
                Value::Text(format!("{login}@example.com")),
                Value::Text(password),
                salt.map_or(Value::Null, |salt| Value::Text(salt.to_owned())),
            ],
        );
    }
    let before = db.dump("\"user\"");
    for login in ["upper", "short", "colon"] {
        let run = bg(&db, &["verify", login, "--password-stdin"], Some(OLD));
        run.expect_code(6);
        assert!(
            run.stdout.contains("lower-case hex"),
            "{login}: {}",
            run.stdout
        );
    }
    // A NULL salt: Grafana derives with an empty salt, which matches nothing stored here.
    db.execute(
        "UPDATE \"user\" SET salt = NULL WHERE login = 'viewer'",
        &[],
    );
    let before_null = db.dump("\"user\"");
    bg(&db, &["verify", "viewer", "--password-stdin"], Some(OLD)).expect_code(5);
    assert_eq!(db.dump("\"user\""), before_null);
    assert_ne!(before, before_null);
}
