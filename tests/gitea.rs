//! Gitea's `user` table, made by SQL as Gitea's xorm makes it on each engine (Gitea itself
//! cannot be installed here). Its published vectors are unit tests (src/password/gitea.rs);
//! here every algorithm is cross-checked both ways against independent implementations
//! (Python's hashlib, argon2-cffi and bcrypt), and every command is checked column by column.

use std::process::Command;

use breakglass::db::Value;

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";

/// Column kinds of Gitea's struct fields, as xorm maps Go types on each engine.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Bool,
    Int,
    BigInt,
}

/// `models/user/user.go`'s User: (column, kind, xorm's NOT NULL and DEFAULT).
const GITEA_USER: &[(&str, Kind, &str)] = &[
    ("lower_name", Kind::Text, "NOT NULL"),
    ("name", Kind::Text, "NOT NULL"),
    ("full_name", Kind::Text, ""),
    ("email", Kind::Text, "NOT NULL"),
    ("keep_email_private", Kind::Bool, ""),
    (
        "email_notifications_preference",
        Kind::Text,
        "NOT NULL DEFAULT 'enabled'",
    ),
    ("passwd", Kind::Text, "NOT NULL"),
    ("passwd_hash_algo", Kind::Text, "NOT NULL DEFAULT 'argon2'"),
    ("must_change_password", Kind::Bool, "NOT NULL DEFAULT FALSE"),
    ("login_type", Kind::Int, ""),
    ("login_source", Kind::BigInt, "NOT NULL DEFAULT 0"),
    ("login_name", Kind::Text, ""),
    ("type", Kind::Int, ""),
    ("location", Kind::Text, ""),
    ("website", Kind::Text, ""),
    ("rands", Kind::Text, ""),
    ("salt", Kind::Text, ""),
    ("language", Kind::Text, ""),
    ("description", Kind::Text, ""),
    ("created_unix", Kind::BigInt, ""),
    ("updated_unix", Kind::BigInt, ""),
    ("last_login_unix", Kind::BigInt, ""),
    ("last_repo_visibility", Kind::Bool, ""),
    ("max_repo_creation", Kind::Int, "NOT NULL DEFAULT -1"),
    ("is_active", Kind::Bool, ""),
    ("is_admin", Kind::Bool, ""),
    ("is_restricted", Kind::Bool, "NOT NULL DEFAULT FALSE"),
    ("allow_git_hook", Kind::Bool, ""),
    ("allow_import_local", Kind::Bool, ""),
    ("allow_create_organization", Kind::Bool, "DEFAULT TRUE"),
    ("prohibit_login", Kind::Bool, "NOT NULL DEFAULT FALSE"),
    ("avatar", Kind::Text, "NOT NULL"),
    ("avatar_email", Kind::Text, "NOT NULL"),
    ("use_custom_avatar", Kind::Bool, ""),
    ("num_followers", Kind::Int, ""),
    ("num_following", Kind::Int, "NOT NULL DEFAULT 0"),
    ("num_stars", Kind::Int, ""),
    ("num_repos", Kind::Int, ""),
    ("num_teams", Kind::Int, ""),
    ("num_members", Kind::Int, ""),
    ("visibility", Kind::Int, "NOT NULL DEFAULT 0"),
    (
        "repo_admin_change_team_access",
        Kind::Bool,
        "NOT NULL DEFAULT FALSE",
    ),
    ("diff_view_style", Kind::Text, "NOT NULL DEFAULT ''"),
    ("theme", Kind::Text, "NOT NULL DEFAULT ''"),
    (
        "keep_activity_private",
        Kind::Bool,
        "NOT NULL DEFAULT FALSE",
    ),
];

/// The quoted `user` table name on this engine.
pub fn user_table(engine: Engine) -> &'static str {
    match engine {
        Engine::MySql => "`user`",
        _ => "\"user\"",
    }
}

/// The table as xorm creates it: `id` BIGINT auto-increment, strings VARCHAR(255) (TEXT on
/// SQLite), bools BOOL / TINYINT(1) / INTEGER, unique lower_name and name.
pub fn gitea_schema(engine: Engine) -> String {
    let id = match engine {
        Engine::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
        Engine::Postgres => "BIGSERIAL PRIMARY KEY NOT NULL",
        Engine::MySql => "BIGINT PRIMARY KEY AUTO_INCREMENT NOT NULL",
    };
    let mut columns = vec![format!("id {id}")];
    for (name, kind, extra) in GITEA_USER {
        let declared = match (engine, kind) {
            (Engine::Sqlite, Kind::Text) => "TEXT",
            (_, Kind::Text) if *name == "salt" || *name == "rands" => "VARCHAR(32)",
            (_, Kind::Text) => "VARCHAR(255)",
            (Engine::Postgres, Kind::Bool) => "BOOL",
            (Engine::MySql, Kind::Bool) => "TINYINT(1)",
            (Engine::Sqlite, Kind::Bool | Kind::Int | Kind::BigInt) => "INTEGER",
            (_, Kind::Int) => "INTEGER",
            (_, Kind::BigInt) => "BIGINT",
        };
        let extra = if engine == Engine::Postgres {
            extra.to_string()
        } else {
            extra.replace("FALSE", "0").replace("TRUE", "1")
        };
        let quoted = if engine == Engine::MySql {
            format!("`{name}`")
        } else {
            format!("\"{name}\"")
        };
        columns.push(format!("{quoted} {declared} {extra}"));
    }
    let table = user_table(engine);
    let unique = |column: &str| {
        let quoted = if engine == Engine::MySql {
            format!("`{column}`")
        } else {
            format!("\"{column}\"")
        };
        format!("CREATE UNIQUE INDEX UQE_user_{column} ON {table} ({quoted});")
    };
    format!(
        "CREATE TABLE {table} ({});\n{}\n{}\n",
        columns.join(", "),
        unique("lower_name"),
        unique("name")
    )
}

/// python3 with argon2-cffi and bcrypt, the independent implementations (.ci/run installs them).
pub fn python_kdfs() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import hashlib, argon2, bcrypt"])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool("python3 with argon2-cffi and bcrypt", found)
}

/// Gitea's derivation of one algorithm in Python, printing the passwd column: the salt is
/// hex-decoded unless it has 10 characters, as Gitea's hash.go does.
const PY_GITEA: &str = r#"
import sys, hashlib
password = sys.stdin.read().encode()
spec, salt = sys.argv[1], sys.argv[2]
salt = salt.encode() if len(salt) == 10 else bytes.fromhex(salt)
name, _, config = spec.partition('$')
p = [int(x) for x in config.split('$')] if config else []
if name == 'pbkdf2':
    i, k = p or [10000, 50]
    print(hashlib.pbkdf2_hmac('sha256', password, salt, i, k).hex())
elif name == 'scrypt':
    n, r, par, k = p or [65536, 16, 2, 50]
    print(hashlib.scrypt(password, salt=salt, n=n, r=r, p=par, dklen=k, maxmem=1 << 30).hex())
elif name == 'argon2':
    from argon2.low_level import hash_secret_raw, Type
    t, m, par, k = p or [2, 65536, 8, 50]
    print(hash_secret_raw(password, salt, time_cost=t, memory_cost=m, parallelism=par, hash_len=k, type=Type.ID).hex())
elif name == 'bcrypt':
    import bcrypt
    print(bcrypt.hashpw(password, bcrypt.gensalt(p[0] if p else 10)).decode())
"#;

/// The passwd Python computes for this password, algorithm and salt.
pub fn python_passwd(password: &str, algorithm: &str, salt: &str) -> String {
    python(
        &format!("import sys; sys.argv = ['', {algorithm:?}, {salt:?}]\n{PY_GITEA}"),
        password,
    )
}

/// Whether Python's bcrypt accepts the password for a bcrypt passwd.
fn python_bcrypt_checks(password: &str, passwd: &str) -> bool {
    python(
        &format!(
            "import sys, bcrypt; print(bcrypt.checkpw(sys.stdin.read().encode(), {passwd:?}.encode()))"
        ),
        password,
    ) == "True"
}

/// A Gitea user row: individual (type 0), a password in the given algorithm made by Python.
pub fn insert_gitea_user(
    db: &TestDb,
    name: &str,
    password: &str,
    (algorithm, salt): (&str, &str),
    is_admin: bool,
) {
    let passwd = python_passwd(password, algorithm, salt);
    let d = db.dialect();
    let sql = format!(
        "INSERT INTO {} (lower_name, name, email, passwd, passwd_hash_algo, salt, is_admin, is_active, \
         prohibit_login, must_change_password, type, avatar, avatar_email) \
         VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 0, '', '')",
        user_table(db.engine),
        d.placeholder(1),
        d.placeholder(2),
        d.placeholder(3),
        d.placeholder(4),
        d.placeholder(5),
        d.placeholder(6),
        d.placeholder(7),
        d.placeholder(8),
        d.placeholder(9),
        d.placeholder(10),
    );
    db.execute(
        &sql,
        &[
            Value::Text(name.to_lowercase()),
            Value::Text(name.to_owned()),
            Value::Text(format!("{}@example.com", name.to_lowercase())),
            Value::Text(passwd),
            Value::Text(algorithm.to_owned()),
            Value::Text(salt.to_owned()),
            Value::Bool(is_admin),
            Value::Bool(true),
            Value::Bool(false),
            Value::Bool(false),
        ],
    );
}

/// One Gitea user's columns, by name.
pub fn gitea_row(db: &TestDb, lower_name: &str) -> std::collections::BTreeMap<String, Value> {
    let columns = [
        "lower_name",
        "name",
        "email",
        "passwd",
        "passwd_hash_algo",
        "salt",
        "is_admin",
        "is_active",
        "prohibit_login",
        "must_change_password",
        "type",
    ];
    let rows = db.rows(&format!(
        "SELECT {} FROM {} WHERE lower_name = '{lower_name}'",
        columns
            .iter()
            .map(|c| if *c == "type" {
                if db.engine == Engine::MySql {
                    "`type`".to_owned()
                } else {
                    "\"type\"".to_owned()
                }
            } else {
                (*c).to_owned()
            })
            .collect::<Vec<_>>()
            .join(", "),
        user_table(db.engine)
    ));
    let row = rows
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no user {lower_name}"));
    columns.iter().map(|c| c.to_string()).zip(row).collect()
}

fn text(row: &std::collections::BTreeMap<String, Value>, column: &str) -> String {
    match &row[column] {
        Value::Text(text) => text.clone(),
        other => panic!("{column} is not text: {other:?}"),
    }
}

/// The passwd column is what Python's hashlib derives from the salt column, for the password.
fn python_agrees(row: &std::collections::BTreeMap<String, Value>, password: &str) -> bool {
    let algorithm = text(row, "passwd_hash_algo");
    python_passwd(password, &algorithm, &text(row, "salt")) == text(row, "passwd")
}

fn bg(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["--profile", "gitea"];
    all.extend_from_slice(args);
    db.run_with(&all, stdin, &[])
}

/// A Gitea database on the engine: alice (admin, Gitea's default algorithm, hex salt), bob
/// (an old account: bare pbkdf2 with a 10-character salt).
fn gitea_db(engine: Engine) -> TestDb {
    let db = TestDb::empty(engine);
    db.script(&gitea_schema(engine));
    insert_gitea_user(
        &db,
        "Alice",
        OLD,
        ("pbkdf2$50000$50", "3f1c0a9e5b7d2468ace013579bdf0246"),
        true,
    );
    insert_gitea_user(&db, "bob", OLD, ("pbkdf2", "aB3dE5gH7j"), false);
    db
}

#[test]
fn gitea_every_command_on_every_engine() {
    if !python_kdfs() {
        return;
    }
    for engine in engines() {
        let db = gitea_db(engine);

        // Recognised from its table with no profile named; alice is the one admin.
        let listed = db.run(&["list-admins", "-o", "json"]);
        listed.expect_code(0);
        assert!(
            listed.stderr.contains("profile gitea (recognised"),
            "{engine:?}: {}",
            listed.stderr
        );
        assert_eq!(listed_keys(&listed), ["alice"], "{engine:?}");

        // verify names the algorithm; alice may be named by lower_name, name or email.
        for who in ["alice", "Alice", "alice@example.com"] {
            let run = bg(&db, &["verify", who, "--password-stdin"], Some(OLD));
            run.expect_code(0);
            assert!(
                run.stdout.contains("gitea pbkdf2$50000$50"),
                "{}",
                run.stdout
            );
        }
        bg(&db, &["verify", "bob", "--password-stdin"], Some(NEW)).expect_code(5);
        let run = bg(&db, &["verify", "bob", "--password-stdin"], Some(OLD));
        run.expect_code(0);
        assert!(run.stdout.contains("gitea pbkdf2\n"), "{}", run.stdout);

        // reset: passwd, salt and algorithm change together, as Python's hashlib derives them.
        let before = gitea_row(&db, "alice");
        bg(
            &db,
            &["reset", "alice@example.com", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        let after = gitea_row(&db, "alice");
        assert_eq!(text(&after, "passwd_hash_algo"), "pbkdf2$50000$50");
        let salt = text(&after, "salt");
        assert_eq!(salt.len(), 32, "{salt}");
        assert!(salt.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(salt, text(&before, "salt"));
        assert_eq!(text(&after, "passwd").len(), 100);
        assert!(python_agrees(&after, NEW), "{engine:?}");
        assert!(!python_agrees(&after, OLD));
        assert!(is_true(&after["must_change_password"]));
        for column in [
            "lower_name",
            "name",
            "email",
            "is_admin",
            "is_active",
            "prohibit_login",
            "type",
        ] {
            assert_eq!(after[column], before[column], "{column}");
        }
        bg(&db, &["verify", "alice", "--password-stdin"], Some(OLD)).expect_code(5);

        // An old account's bare pbkdf2 and raw salt are replaced by Gitea's default.
        bg(
            &db,
            &[
                "reset",
                "bob",
                "--password-stdin",
                "--yes",
                "--no-must-change",
            ],
            Some(NEW),
        )
        .expect_code(0);
        let bob = gitea_row(&db, "bob");
        assert_eq!(text(&bob, "passwd_hash_algo"), "pbkdf2$50000$50");
        assert_eq!(text(&bob, "salt").len(), 32);
        assert!(python_agrees(&bob, NEW));
        assert!(is_false(&bob["must_change_password"]));

        // clear-change-flag
        bg(&db, &["clear-change-flag", "alice", "--yes"], None).expect_code(0);
        assert!(is_false(&gitea_row(&db, "alice")["must_change_password"]));

        // deactivate writes both of Gitea's login flags; reset --activate restores both.
        bg(&db, &["deactivate", "bob", "--yes"], None).expect_code(0);
        let bob = gitea_row(&db, "bob");
        assert!(
            is_false(&bob["is_active"]) && is_true(&bob["prohibit_login"]),
            "{bob:?}"
        );
        bg(&db, &["verify", "bob", "--password-stdin"], Some(NEW)).expect_code(6);
        bg(
            &db,
            &["reset", "bob", "--password-stdin", "--yes", "--activate"],
            Some(OLD),
        )
        .expect_code(0);
        let bob = gitea_row(&db, "bob");
        assert!(
            is_true(&bob["is_active"]) && is_false(&bob["prohibit_login"]),
            "{bob:?}"
        );
        // prohibit_login alone refuses the login too.
        db.execute(
            &format!(
                "UPDATE {} SET prohibit_login = {} WHERE lower_name = 'bob'",
                user_table(engine),
                db.dialect().placeholder(1)
            ),
            &[Value::Bool(true)],
        );
        bg(&db, &["verify", "bob", "--password-stdin"], Some(OLD)).expect_code(6);

        // promote and --demote
        bg(&db, &["promote", "bob", "--yes"], None).expect_code(0);
        assert!(is_true(&gitea_row(&db, "bob")["is_admin"]));
        bg(&db, &["promote", "bob", "--demote", "--yes"], None).expect_code(0);
        assert!(is_false(&gitea_row(&db, "bob")["is_admin"]));

        // create-admin without --email: refused before anything is written.
        let before = db.dump(user_table(engine));
        let refused = bg(
            &db,
            &["create-admin", "Carol", "--password-stdin", "--yes"],
            Some(NEW),
        );
        refused.expect_code(2);
        assert!(refused.stderr.contains("--email"), "{}", refused.stderr);
        assert_eq!(db.dump(user_table(engine)), before);

        // create-admin: an individual, active admin whose password Python derives.
        bg(
            &db,
            &[
                "create-admin",
                "Carol",
                "--email",
                "Carol@Example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        )
        .expect_code(0);
        let carol = gitea_row(&db, "carol");
        assert_eq!(text(&carol, "name"), "Carol");
        assert_eq!(text(&carol, "email"), "carol@example.com");
        assert_eq!(text(&carol, "passwd_hash_algo"), "pbkdf2$50000$50");
        assert_eq!(text(&carol, "salt").len(), 32);
        assert!(python_agrees(&carol, NEW));
        assert!(is_true(&carol["is_admin"]) && is_true(&carol["is_active"]));
        assert!(is_false(&carol["prohibit_login"]));
        assert_eq!(carol["type"].clone(), Value::Int(0), "{engine:?}");
        // The password matches; the must-change flag is set: Gitea signs the user in and asks
        // for a new password first, which verify says as a success.
        assert!(is_true(&carol["must_change_password"]));
        let run = bg(
            &db,
            &["verify", "carol@example.com", "--password-stdin"],
            Some(NEW),
        );
        run.expect_code(0);
        assert!(
            run.stdout.contains("password: matches")
                && run
                    .stdout
                    .contains("login: logs in, and must choose a new password there"),
            "{}",
            run.stdout
        );

        // The same email again is an existing user: refused, nothing written.
        let before = db.dump(user_table(engine));
        bg(
            &db,
            &[
                "create-admin",
                "dave",
                "--email",
                "carol@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        )
        .expect_code(8);
        assert_eq!(db.dump(user_table(engine)), before);

        let listed = bg(&db, &["list-admins", "-o", "json"], None);
        assert_eq!(listed_keys(&listed), ["alice", "carol"], "{engine:?}");

        // An organisation (type 1) shares the table but is no user: never found by name.
        db.execute(
            &format!(
                "INSERT INTO {} (lower_name, name, email, passwd, passwd_hash_algo, salt, type, avatar, \
                 avatar_email) VALUES ('acme', 'Acme', 'acme@example.com', '', '', '', 1, '', '')",
                user_table(engine)
            ),
            &[],
        );
        let before = db.dump(user_table(engine));
        let run = bg(
            &db,
            &["reset", "acme", "--password-stdin", "--yes"],
            Some(NEW),
        );
        run.expect_code(3);
        assert!(run.stderr.contains("no user acme"), "{}", run.stderr);
        let run = bg(
            &db,
            &[
                "create-admin",
                "acme",
                "--email",
                "acme2@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        );
        run.expect_code(8);
        assert!(run.stderr.contains("not a user"), "{}", run.stderr);
        assert_eq!(db.dump(user_table(engine)), before);
    }
}

/// Hashes Python makes for every Gitea algorithm verify in breakglass (and a wrong password
/// does not); salts of 16 bytes hex and of 10 raw characters.
#[test]
fn gitea_verify_accepts_what_python_makes_for_every_algorithm() {
    if !python_kdfs() {
        return;
    }
    let db = gitea_db(Engine::Sqlite);
    let algorithms = [
        "pbkdf2",
        "pbkdf2$10000$50",
        "pbkdf2$50000$50",
        "pbkdf2$320000$50",
        "argon2",
        "argon2$2$65536$8$50",
        "scrypt",
        "scrypt$65536$16$2$50",
        "bcrypt",
        "bcrypt$10",
        "",
    ];
    for algorithm in algorithms {
        for salt in ["00112233445566778899aabbccddeeff", "xY7kQ2mN9p"] {
            let passwd = python_passwd(
                OLD,
                if algorithm.is_empty() {
                    "pbkdf2"
                } else {
                    algorithm
                },
                salt,
            );
            let d = db.dialect();
            db.execute(
                &format!(
                    "UPDATE \"user\" SET passwd = {}, salt = {}, passwd_hash_algo = {} WHERE lower_name = 'alice'",
                    d.placeholder(1),
                    d.placeholder(2),
                    d.placeholder(3)
                ),
                &[
                    Value::Text(passwd.clone()),
                    Value::Text(salt.to_owned()),
                    Value::Text(algorithm.to_owned()),
                ],
            );
            let run = bg(&db, &["verify", "alice", "--password-stdin"], Some(OLD));
            run.expect_code(0);
            assert!(run.stdout.contains("gitea"), "{algorithm}: {}", run.stdout);
            bg(&db, &["verify", "alice", "--password-stdin"], Some(NEW)).expect_code(5);
            if algorithm.starts_with("bcrypt") {
                assert!(python_bcrypt_checks(OLD, &passwd));
            }
        }
    }
}

/// The other direction for bcrypt and the argon2 and scrypt KDFs: `hash-password` output is a
/// stored form breakglass writes; Python's libraries check the key it contains.
#[test]
fn gitea_hash_password_prints_columns_python_accepts() {
    if !python_kdfs() {
        return;
    }
    let run = run_in(
        temp_dir().path(),
        &["hash-password", "--profile", "gitea", "--password-stdin"],
        Some(NEW),
        &[],
    );
    run.expect_code(0);
    let stored = run.stdout.trim();
    let mut parts = stored
        .strip_prefix("gitea:")
        .expect("gitea form")
        .splitn(2, ':');
    let algorithm = parts.next().expect("algorithm");
    let (salt, passwd) = parts
        .next()
        .expect("rest")
        .rsplit_once(':')
        .expect("salt:passwd");
    assert_eq!(algorithm, "pbkdf2$50000$50");
    assert_eq!(python_passwd(NEW, algorithm, salt), passwd);
}

/// Odd rows Gitea itself could not log in with: each is refused (exit 6) or fails to match
/// (exit 5) quickly, with a message naming the problem, and nothing is written.
/// (name, passwd_hash_algo, salt, passwd, exit code, what stdout says)
type OddRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    i32,
    &'static str,
);

const ODD_ROWS: &[OddRow] = &[
    ("md5", "md5", Some("aaaaaaaaaa"), PASSWD_A, 6, "'md5'"),
    (
        "alias",
        "pbkdf2_hi",
        Some("aaaaaaaaaa"),
        PASSWD_A,
        6,
        "'pbkdf2_hi'",
    ),
    (
        "oddhex",
        "pbkdf2",
        Some("0102030"),
        PASSWD_A,
        6,
        "neither 10 characters nor hex",
    ),
    (
        "nothex",
        "pbkdf2",
        Some("zz02030405060708"),
        PASSWD_A,
        6,
        "neither 10 characters nor hex",
    ),
    (
        "iters",
        "pbkdf2$4000000000$50",
        Some("aaaaaaaaaa"),
        PASSWD_A,
        6,
        "more than breakglass runs",
    ),
    (
        "keylen",
        "pbkdf2$10000$0",
        Some("aaaaaaaaaa"),
        PASSWD_A,
        6,
        "key length",
    ),
    (
        "argonmem",
        "argon2$2$99999999$8$50",
        Some("aaaaaaaaaa"),
        PASSWD_A,
        6,
        "outside what breakglass runs",
    ),
    (
        "scryptbig",
        "scrypt$1048576$64$64$50",
        Some("aaaaaaaaaa"),
        PASSWD_A,
        6,
        "more than breakglass spends",
    ),
    (
        "scryptpow",
        "scrypt$1000$8$1$50",
        Some("aaaaaaaaaa"),
        PASSWD_A,
        6,
        "power of two",
    ),
    (
        "short",
        "pbkdf2",
        Some("aaaaaaaaaa"),
        "ab48d5471b7e",
        6,
        "100 lower-case hex",
    ),
    (
        "upper",
        "pbkdf2",
        Some("aaaaaaaaaa"),
        PASSWD_A_UPPER,
        6,
        "lower-case hex",
    ),
    (
        "nopass",
        "pbkdf2$50000$50",
        Some("00112233445566778899aabbccddeeff"),
        "",
        6,
        "hex digits",
    ),
    (
        "bcryptbad",
        "bcrypt$10",
        None,
        "$2a$10$short",
        6,
        "malformed",
    ),
    ("bcrypt31", "bcrypt$10", None, BCRYPT_31, 6, "cost 31"),
    // Gitea reads a NULL salt as '' and derives with an empty salt: no match, nothing unusable.
    ("nullsalt", "pbkdf2", None, PASSWD_A, 5, "does not match"),
];

/// Gitea's vector: "abcdef", salt "aaaaaaaaaa", bare pbkdf2.
const PASSWD_A: &str = "ab48d5471b7e6ed42d10001db88c852ff7303c788e49da5c3c7b63d5adf96360303724b74b679223a3dea8a242d10abb1913";
const PASSWD_A_UPPER: &str = "AB48D5471B7E6ED42D10001DB88C852FF7303C788E49DA5C3C7B63D5ADF96360303724B74B679223A3DEA8A242D10ABB1913";
const BCRYPT_31: &str = "$2a$31$fjtm8BsQ2crym01/piJroenO3oSVUBhSLKaGdTYJ4tG0ePVCrU0G2";

#[test]
fn odd_gitea_rows_are_refused_quickly_and_change_nothing() {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&gitea_schema(Engine::Sqlite));
    for (name, algorithm, salt, passwd, _, _) in ODD_ROWS {
        db.execute(
            "INSERT INTO \"user\" (lower_name, name, email, passwd, passwd_hash_algo, salt, is_admin, \
             is_active, type, avatar, avatar_email) VALUES (?, ?, ?, ?, ?, ?, 1, 1, 0, '', '')",
            &[
                Value::Text((*name).to_owned()),
                Value::Text((*name).to_owned()),
                Value::Text(format!("{name}@example.com")),
                Value::Text((*passwd).to_owned()),
                Value::Text((*algorithm).to_owned()),
                salt.map_or(Value::Null, |salt| Value::Text(salt.to_owned())),
            ],
        );
    }
    let before = db.dump("\"user\"");
    for (name, _, _, _, code, says) in ODD_ROWS {
        let started = std::time::Instant::now();
        let run = bg(&db, &["verify", name, "--password-stdin"], Some("abcdef"));
        run.expect_code(*code);
        assert!(run.stdout.contains(says), "{name}: {}", run.stdout);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{name} took {:?}",
            started.elapsed()
        );
    }
    assert_eq!(db.dump("\"user\""), before);
}

#[test]
fn create_admin_and_profile_mistakes_are_refused_and_change_nothing() {
    let db = gitea_db(Engine::Sqlite);
    let dir = temp_dir();
    let profile = |name: &str, hash: &str| {
        let path = dir.path().join(format!("{name}.toml"));
        std::fs::write(
            &path,
            format!("name = \"x\"\ntable = \"user\"\n[key]\ncolumn = \"lower_name\"\n[hash]\ncolumn = \"passwd\"\n{hash}"),
        )
        .expect("write");
        path.display().to_string()
    };
    let no_algorithm = profile("noalgo", "scheme = \"gitea\"\nsalt_column = \"salt\"\n");
    let salt_for_bcrypt = profile(
        "bcryptsalt",
        "scheme = \"bcrypt\"\nsalt_column = \"salt\"\n",
    );
    let before = db.dump("\"user\"");
    let create = |args: &[&str]| {
        let mut all = vec!["create-admin"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--password-stdin", "--yes"]);
        bg(&db, &all, Some(NEW))
    };
    for (run, code, says) in [
        (
            create(&["carol", "--email", "not-an-email"]),
            2,
            "not an email address",
        ),
        (
            create(&["ALICE", "--email", "new@example.com"]),
            8,
            "already exists",
        ),
        (
            create(&["carol", "--email", "BOB@example.com"]),
            8,
            "already exists",
        ),
        (
            db.run_with(&["--profile-file", &no_algorithm, "list-admins"], None, &[]),
            2,
            "algorithm_column",
        ),
        (
            db.run_with(
                &["--profile-file", &salt_for_bcrypt, "list-admins"],
                None,
                &[],
            ),
            2,
            "salt_column",
        ),
    ] {
        run.expect_code(code);
        assert!(run.stderr.contains(says), "{says}: {}", run.stderr);
    }
    assert_eq!(db.dump("\"user\""), before);
    // --email on a profile whose key is the email already.
    let gateway = TestDb::new(Engine::Sqlite);
    let before = gateway.snapshot();
    let run = gateway.run_with(
        &[
            "create-admin",
            "ops@example.com",
            "--email",
            "ops@example.com",
            "--password-stdin",
            "--yes",
        ],
        Some("Correct-Horse-Battery-Staple-9!"),
        CHEAP_HASH,
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("--email is for a table"),
        "{}",
        run.stderr
    );
    assert_eq!(gateway.snapshot(), before);
}
