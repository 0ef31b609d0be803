//! The shipped profiles against schemas built here on every engine: the admin console's
//! `adminuser`, the Go service's `users` (bcrypt, allow_password_reset), the Prisma portal's
//! `"User"` (bcrypt cost 12, role), and ContextForge from its profile file. Hashes go both
//! ways through the ecosystems' own libraries (Python bcrypt, argon2-cffi).

use std::process::Command;

use breakglass::db::Value;

use crate::support::*;

const PW: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";

fn profile_path(name: &str) -> String {
    format!("{}/profiles/{name}.toml", env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary with the shipped profile `name` (through BREAKGLASS_PROFILE).
pub(crate) fn run(db: &TestDb, profile: &str, args: &[&str], stdin: Option<&str>) -> Run {
    let path = profile_path(profile);
    db.run_with(args, stdin, &[("BREAKGLASS_PROFILE", &path)])
}

/// Python's bcrypt and argon2-cffi, the libraries the hashes must round-trip through.
fn python_libraries() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import bcrypt, argon2"])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool("python3 with bcrypt and argon2-cffi", found)
}

/// A hash made by Python's bcrypt, as the Go and Node applications' libraries make them.
fn bcrypt_hash(password: &str, cost: u32) -> String {
    python(
        &format!(
            "import bcrypt,sys; print(bcrypt.hashpw(sys.stdin.read().encode(), bcrypt.gensalt({cost})).decode())"
        ),
        password,
    )
}

/// Whether the application's library accepts `password` for `stored`.
fn library_accepts(password: &str, stored: &str) -> bool {
    let script = if stored.starts_with("$argon2") {
        "import sys,argon2; pw, h = sys.stdin.read().split('\\n')\n\
         try: print(argon2.PasswordHasher().verify(h, pw))\n\
         except argon2.exceptions.VerifyMismatchError: print(False)"
    } else {
        "import sys,bcrypt; pw, h = sys.stdin.read().split('\\n'); \
         print(bcrypt.checkpw(pw.encode(), h.encode()))"
    };
    python(script, &format!("{password}\n{stored}")) == "True"
}

fn argon2_hash(password: &str) -> String {
    python(
        "import sys,argon2; print(argon2.PasswordHasher().hash(sys.stdin.read()))",
        password,
    )
}

pub(crate) struct App {
    profile: &'static str,
    table: &'static str,
    key: &'static str,
    hash: &'static str,
}

const ADMINUSER: App = App {
    profile: "adminuser",
    table: "adminuser",
    key: "email",
    hash: "password_hash",
};
const FLAG_RESET: App = App {
    profile: "flag-reset",
    table: "users",
    key: "username",
    hash: "password_hash",
};
pub(crate) const PRISMA: App = App {
    profile: "prisma-portal",
    table: "User",
    key: "email",
    hash: "password",
};

fn schema(app: &App, engine: Engine) -> String {
    let (serial, text, key_text, boolean, time, now) = match engine {
        Engine::Sqlite => (
            "INTEGER PRIMARY KEY AUTOINCREMENT",
            "TEXT",
            "TEXT",
            "BOOLEAN",
            "DATETIME",
            "CURRENT_TIMESTAMP",
        ),
        Engine::Postgres => (
            "SERIAL PRIMARY KEY",
            "TEXT",
            "TEXT",
            "BOOLEAN",
            "TIMESTAMP(3)",
            "CURRENT_TIMESTAMP",
        ),
        Engine::MySql => (
            "INT AUTO_INCREMENT PRIMARY KEY",
            "TEXT",
            "VARCHAR(191)",
            "BOOLEAN",
            "DATETIME(3)",
            "CURRENT_TIMESTAMP(3)",
        ),
    };
    let quote = |name: &str| match engine {
        Engine::MySql => format!("`{name}`"),
        _ => format!("\"{name}\""),
    };
    match app.profile {
        // display_name is NOT NULL without a default: create-admin must fill it.
        "adminuser" => format!(
            "CREATE TABLE adminuser (id {serial}, email {key_text} NOT NULL UNIQUE, \
             password_hash {text} NOT NULL, display_name VARCHAR(100) NOT NULL, \
             is_active {boolean} NOT NULL DEFAULT TRUE, status VARCHAR(20) NOT NULL DEFAULT 'active', \
             created_at {time} NOT NULL DEFAULT {now})"
        ),
        "flag-reset" => format!(
            "CREATE TABLE users (id {serial}, username {key_text} NOT NULL UNIQUE, \
             password_hash {text} NOT NULL, is_admin {boolean} NOT NULL DEFAULT FALSE, \
             allow_password_reset {boolean} NOT NULL DEFAULT FALSE, created_at {time} NOT NULL DEFAULT {now})"
        ),
        _ => format!(
            "CREATE TABLE {user} ({id} VARCHAR(191) NOT NULL PRIMARY KEY, {email} {key_text} NOT NULL UNIQUE, \
             {password} {text} NOT NULL, {role} VARCHAR(20) NOT NULL DEFAULT 'user', \
             {must} {boolean} NOT NULL DEFAULT FALSE, {created} {time} NOT NULL DEFAULT {now}, \
             {updated} {time} NOT NULL)",
            user = quote("User"),
            id = quote("id"),
            email = quote("email"),
            password = quote("password"),
            role = quote("role"),
            must = quote("requirePasswordChange"),
            created = quote("createdAt"),
            updated = quote("updatedAt"),
        ),
    }
}

/// A database with the app's table and two users: an admin and a plain user (every row
/// of adminuser is an admin, so its second one is inactive instead).
pub(crate) fn app_db(app: &App, engine: Engine) -> TestDb {
    let db = TestDb::empty(engine);
    db.script(&schema(app, engine));
    let d = db.dialect();
    let hash = |password: &str| match app.profile {
        "adminuser" => argon2_hash(password),
        "flag-reset" => bcrypt_hash(password, 10),
        _ => bcrypt_hash(password, 12),
    };
    let insert = |sql: String, values: Vec<Value>| db.execute(&sql, &values);
    let p = |n| d.placeholders(0, n);
    match app.profile {
        "adminuser" => {
            insert(
                format!(
                    "INSERT INTO adminuser (email, password_hash, display_name) VALUES ({})",
                    p(3)
                ),
                vec![
                    Value::Text("root@example.com".into()),
                    Value::Text(hash(PW)),
                    Value::Text("Root".into()),
                ],
            );
            insert(
                format!(
                    "INSERT INTO adminuser (email, password_hash, display_name, is_active, status) VALUES ({})",
                    p(5)
                ),
                vec![
                    Value::Text("gone@example.com".into()),
                    Value::Text(hash(PW)),
                    Value::Text("Gone".into()),
                    Value::Bool(true),
                    Value::Text("suspended".into()),
                ],
            );
        }
        "flag-reset" => {
            for (name, admin) in [("root", true), ("alice", false)] {
                insert(
                    format!(
                        "INSERT INTO users (username, password_hash, is_admin) VALUES ({})",
                        p(3)
                    ),
                    vec![
                        Value::Text(name.into()),
                        Value::Text(hash(PW)),
                        Value::Bool(admin),
                    ],
                );
            }
        }
        _ => {
            let q = |name: &str| d.quote(name);
            for (id, email, role) in [
                ("c1", "root@example.com", "admin"),
                ("c2", "alice@example.com", "user"),
            ] {
                insert(
                    format!(
                        "INSERT INTO {} ({}, {}, {}, {}, {}) VALUES ({})",
                        q("User"),
                        q("id"),
                        q("email"),
                        q("password"),
                        q("role"),
                        q("updatedAt"),
                        p(5)
                    ),
                    vec![
                        Value::Text(id.into()),
                        Value::Text(email.into()),
                        Value::Text(hash(PW)),
                        Value::Text(role.into()),
                        Value::Timestamp(chrono::Utc::now()),
                    ],
                );
            }
        }
    }
    db
}

pub(crate) fn stored_hash(db: &TestDb, app: &App, key: &str) -> String {
    let d = db.dialect();
    let rows = db.rows(&format!(
        "SELECT {} FROM {} WHERE {} = '{key}'",
        d.quote(app.hash),
        d.quote(app.table),
        d.quote(app.key)
    ));
    texts(&rows)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no row {key}"))[0]
        .clone()
}

fn admins(db: &TestDb, app: &App) -> Vec<String> {
    let listed = run(db, app.profile, &["list-admins", "-o", "json"], None);
    listed.expect_code(0);
    let mut emails: Vec<String> = listed
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|admin| admin["email"].as_str().unwrap_or_default().to_owned())
        .collect();
    emails.sort();
    emails
}

#[test]
fn each_shipped_profile_works_on_every_engine() {
    if !python_libraries() {
        return;
    }
    let mut combinations = 0;
    for engine in engines() {
        for app in [&ADMINUSER, &FLAG_RESET, &PRISMA] {
            let db = app_db(app, engine);
            let context = format!("{} on {engine:?}", app.profile);
            let (root, user) = match app.profile {
                "flag-reset" => ("root", "alice"),
                "adminuser" => ("root@example.com", "gone@example.com"),
                _ => ("root@example.com", "alice@example.com"),
            };
            run(&db, app.profile, &["profile", "check"], None).expect_code(0);

            // list-admins keeps its JSON keys; "email" holds the key column.
            let expected_admins: Vec<String> = match app.profile {
                "adminuser" => vec![user.to_owned(), root.to_owned()],
                _ => vec![root.to_owned()],
            };
            assert_eq!(admins(&db, app), expected_admins, "{context}");

            // A hash made by the application's library verifies.
            run(
                &db,
                app.profile,
                &["verify", root, "--password-stdin"],
                Some(PW),
            )
            .expect_code(0);
            run(
                &db,
                app.profile,
                &["verify", root, "--password-stdin"],
                Some(NEW),
            )
            .expect_code(5);

            // reset: the library accepts the new hash, and verify agrees.
            let reset = run(
                &db,
                app.profile,
                &[
                    "reset",
                    user,
                    "--password-stdin",
                    "--yes",
                    "--no-must-change",
                ],
                Some(NEW),
            );
            reset.expect_code(0);
            assert!(
                !reset.stdout.contains("JWT_SECRET_KEY"),
                "{context}: the gateway's session advice is not for other applications: {}",
                reset.stdout
            );
            let stored = stored_hash(&db, app, user);
            match app.profile {
                "adminuser" => assert!(
                    stored.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"),
                    "{stored}"
                ),
                "flag-reset" => assert!(stored.starts_with("$2b$10$"), "{stored}"),
                _ => assert!(stored.starts_with("$2b$12$"), "{stored}"),
            }
            assert!(library_accepts(NEW, &stored), "{context}: {stored}");
            assert!(!library_accepts(PW, &stored), "{context}");
            let expected = if app.profile == "adminuser" { 6 } else { 0 };
            run(
                &db,
                app.profile,
                &["verify", user, "--password-stdin"],
                Some(NEW),
            )
            .expect_code(expected);

            // No lockout columns in these tables: unlock says so plainly.
            let unlock = run(&db, app.profile, &["unlock", root, "--yes"], None);
            unlock.expect_code(7);
            assert!(
                unlock.stderr.contains("failed-attempt"),
                "{context}: {}",
                unlock.stderr
            );
            // So do the commands whose concept a profile lacks.
            if app.profile != "prisma-portal" {
                let clear = run(
                    &db,
                    app.profile,
                    &["clear-change-flag", root, "--yes"],
                    None,
                );
                clear.expect_code(7);
                assert!(
                    clear.stderr.contains("must-change"),
                    "{context}: {}",
                    clear.stderr
                );
            }
            if app.profile != "adminuser" {
                run(&db, app.profile, &["deactivate", user, "--yes"], None).expect_code(7);
            }
            combinations += 1;
        }
    }
    eprintln!("profile x engine combinations: {combinations}");
}

#[test]
fn admin_console_active_means_both_columns() {
    if !python_libraries() {
        return;
    }
    for engine in engines() {
        let db = app_db(&ADMINUSER, engine);
        // status 'suspended': not usable though is_active is true.
        let verdict = run(
            &db,
            "adminuser",
            &[
                "verify",
                "gone@example.com",
                "--password-stdin",
                "-o",
                "json",
            ],
            Some(PW),
        );
        verdict.expect_code(6);
        run(
            &db,
            "adminuser",
            &[
                "reset",
                "gone@example.com",
                "--password-stdin",
                "--yes",
                "--activate",
            ],
            Some(NEW),
        )
        .expect_code(0);
        let rows = texts(
            &db.rows("SELECT is_active, status FROM adminuser WHERE email = 'gone@example.com'"),
        );
        assert!(
            matches!(rows[0][0].as_str(), "true" | "1"),
            "{engine:?}: {rows:?}"
        );
        assert_eq!(rows[0][1], "active");
        run(
            &db,
            "adminuser",
            &["deactivate", "gone@example.com", "--yes"],
            None,
        )
        .expect_code(0);
        let rows = texts(
            &db.rows("SELECT is_active, status FROM adminuser WHERE email = 'gone@example.com'"),
        );
        assert!(
            matches!(rows[0][0].as_str(), "false" | "0"),
            "{engine:?}: {rows:?}"
        );
        assert_eq!(rows[0][1], "disabled");
        // The last usable admin is guarded.
        let last = run(
            &db,
            "adminuser",
            &["deactivate", "root@example.com", "--yes"],
            None,
        );
        last.expect_code(8);
        // promote has nothing to do where every row is an admin.
        run(
            &db,
            "adminuser",
            &["promote", "root@example.com", "--yes"],
            None,
        )
        .expect_code(7);
    }
}

#[test]
fn allow_reset_is_set_revoked_and_cleared_by_a_reset() {
    if !python_libraries() {
        return;
    }
    for engine in engines() {
        let db = app_db(&FLAG_RESET, engine);
        let flag = |db: &TestDb| {
            let rows =
                texts(&db.rows("SELECT allow_password_reset FROM users WHERE username = 'alice'"));
            matches!(rows[0][0].as_str(), "true" | "1")
        };
        let dry = run(
            &db,
            "flag-reset",
            &["allow-reset", "alice", "--dry-run"],
            None,
        );
        dry.expect_code(0);
        assert!(!flag(&db));
        let set = run(
            &db,
            "flag-reset",
            &["allow-reset", "alice", "--yes", "-o", "json"],
            None,
        );
        set.expect_code(0);
        assert_eq!(set.json()["changed"], true);
        assert!(flag(&db), "{engine:?}");
        run(
            &db,
            "flag-reset",
            &["allow-reset", "alice", "--revoke", "--yes"],
            None,
        )
        .expect_code(0);
        assert!(!flag(&db));
        run(&db, "flag-reset", &["allow-reset", "alice", "--yes"], None).expect_code(0);
        run(
            &db,
            "flag-reset",
            &["reset", "alice", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        assert!(!flag(&db), "{engine:?}: a reset clears the flag");
        // Usernames are matched exactly, as the service stores them (MariaDB's default
        // collation compares case-insensitively, for the service as for breakglass).
        if engine != Engine::MySql {
            run(&db, "flag-reset", &["allow-reset", "Alice", "--yes"], None).expect_code(3);
        }
        // The portal has no such flag.
        let portal = app_db(&PRISMA, engine);
        let refused = run(
            &portal,
            "prisma-portal",
            &["allow-reset", "alice@example.com", "--yes"],
            None,
        );
        refused.expect_code(7);
        assert!(
            refused.stderr.contains("reset-allowed"),
            "{}",
            refused.stderr
        );
    }
}

#[test]
fn promote_and_demote_by_value_and_by_flag_with_the_last_admin_guard() {
    if !python_libraries() {
        return;
    }
    for engine in engines() {
        for (app, root, user) in [
            (&PRISMA, "root@example.com", "alice@example.com"),
            (&FLAG_RESET, "root", "alice"),
        ] {
            let db = app_db(app, engine);
            // The only admin cannot be demoted without --force.
            run(
                &db,
                app.profile,
                &["promote", root, "--demote", "--yes"],
                None,
            )
            .expect_code(8);
            run(&db, app.profile, &["promote", user, "--yes"], None).expect_code(0);
            assert_eq!(admins(&db, app).len(), 2, "{} {engine:?}", app.profile);
            run(
                &db,
                app.profile,
                &["promote", root, "--demote", "--yes"],
                None,
            )
            .expect_code(0);
            assert_eq!(admins(&db, app), [user.to_owned()]);
            if app.profile == "prisma-portal" {
                let d = db.dialect();
                let roles = texts(&db.rows(&format!(
                    "SELECT {} FROM {} ORDER BY {}",
                    d.quote("role"),
                    d.quote("User"),
                    d.quote("email")
                )));
                // alice (now the admin), then root.
                assert_eq!(roles, [["admin"], ["user"]].map(|r| r.map(str::to_owned)));
            }
        }
    }
}

#[test]
fn create_admin_inserts_a_usable_admin_on_every_schema() {
    if !python_libraries() {
        return;
    }
    for engine in engines() {
        for app in [&ADMINUSER, &FLAG_RESET, &PRISMA] {
            let db = app_db(app, engine);
            let key = if app.profile == "flag-reset" {
                "ops"
            } else {
                "ops@example.com"
            };
            let dry = run(
                &db,
                app.profile,
                &[
                    "create-admin",
                    key,
                    "--password-stdin",
                    "--yes",
                    "--dry-run",
                ],
                Some(PW),
            );
            dry.expect_code(0);
            assert!(!admins(&db, app).contains(&key.to_owned()), "dry run wrote");
            let created = run(
                &db,
                app.profile,
                &[
                    "create-admin",
                    key,
                    "--password-stdin",
                    "--yes",
                    "-o",
                    "json",
                ],
                Some(PW),
            );
            created.expect_code(0);
            assert_eq!(created.json()["changed"], true);
            assert!(
                admins(&db, app).contains(&key.to_owned()),
                "{} {engine:?}",
                app.profile
            );
            let stored = stored_hash(&db, app, key);
            assert!(library_accepts(PW, &stored), "{} {engine:?}", app.profile);
            // Logs in, and must change at the first login where the schema can say so (the
            // portal); create-admin's result judged it as verify does.
            let expected = if app.profile == "prisma-portal" {
                "must_change_password"
            } else {
                "logs_in"
            };
            assert_eq!(created.json()["login"], expected, "{}", app.profile);
            let verified = run(
                &db,
                app.profile,
                &["verify", key, "--password-stdin", "-o", "json"],
                Some(PW),
            );
            verified.expect_code(0);
            assert_eq!(verified.json()["login"], expected, "{}", app.profile);
            // A second time: the key exists now.
            let again = run(
                &db,
                app.profile,
                &["create-admin", key, "--password-stdin", "--yes"],
                Some(PW),
            );
            again.expect_code(8);
            assert!(again.stderr.contains("already exists"), "{}", again.stderr);
            if app.profile == "adminuser" {
                let filled = texts(
                    &db.rows("SELECT display_name FROM adminuser WHERE email = 'ops@example.com'"),
                );
                assert_eq!(filled, [[""]].map(|r| r.map(str::to_owned)));
                assert!(
                    created.stdout.contains("display_name"),
                    "{}",
                    created.stdout
                );
            }
        }
    }
}

#[test]
fn create_admin_on_contextforge_writes_the_gateways_row() {
    for engine in engines() {
        let db = TestDb::new(engine);
        let created = db.run_with(
            &[
                "create-admin",
                "New.Admin@Example.com",
                "--password-stdin",
                "--yes",
                "--full-name",
                "New Admin",
            ],
            Some("Harbor-Lantern-Quill-Cobalt-42!"),
            CHEAP_HASH,
        );
        created.expect_code(0);
        let row = db.row("new.admin@example.com");
        assert!(
            is_true(&row["is_admin"]) && is_true(&row["is_active"]),
            "{row:?}"
        );
        assert!(is_true(&row["password_change_required"]));
        assert_eq!(row["auth_provider"], Value::Text("local".into()));
        assert_eq!(row["password_hash_type"], Value::Text("argon2id".into()));
        assert_eq!(row["full_name"], Value::Text("New Admin".into()));
        let id = match &row["id"] {
            Value::Text(id) => id.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(id.len(), 36, "a UUID: {id}");
        let events = texts(&db.rows("SELECT event_type, user_email FROM email_auth_events"));
        assert_eq!(
            events,
            [["registration", "new.admin@example.com"]].map(|r| r.map(str::to_owned))
        );
        // The built-in profile and the shipped file give the same answers.
        let builtin = db.run(&["list-admins", "-o", "json"]);
        let from_file = db.run_with(
            &[
                "list-admins",
                "-o",
                "json",
                "--profile-file",
                &profile_path("contextforge"),
            ],
            None,
            &[],
        );
        builtin.expect_code(0);
        assert_eq!(builtin.stdout, from_file.stdout);
    }
}

#[test]
fn profile_show_and_check_report_what_they_find() {
    let db = TestDb::new(Engine::Sqlite);
    let builtin = db.run(&["profile", "show"]);
    builtin.expect_code(0);
    assert_eq!(
        builtin.stdout.lines().next(),
        Some("# built in: contextforge (the same as profiles/contextforge.toml)")
    );
    let from_file = db.run(&[
        "profile",
        "show",
        "--profile-file",
        &profile_path("contextforge"),
    ]);
    // Identical but for the line saying where the profile came from.
    let body = |text: &str| text.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&builtin.stdout), body(&from_file.stdout));
    assert!(
        builtin.stdout.contains("table = \"email_users\""),
        "{}",
        builtin.stdout
    );
    db.run(&["profile", "check"]).expect_code(0);

    // The portal's profile against the gateway's database: every mismatch at once.
    let check = run(
        &db,
        "prisma-portal",
        &["profile", "check", "-o", "json"],
        None,
    );
    check.expect_code(7);
    let report = check.json();
    assert_eq!(report["ok"], false);
    assert_eq!(report["checks"][0]["concept"], "table");
    let missing: Vec<&str> = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter(|c| c["status"] == "missing")
        .filter_map(|c| c["column"].as_str())
        .collect();
    assert!(
        missing.contains(&"User") && missing.contains(&"password"),
        "{missing:?}"
    );

    // A wrongly typed column is named.
    let typed = TestDb::empty(Engine::Sqlite);
    typed.script("CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL, password_hash TEXT NOT NULL, is_admin POINT, allow_password_reset BOOLEAN)");
    let check = run(
        &typed,
        "flag-reset",
        &["profile", "check", "-o", "json"],
        None,
    );
    check.expect_code(7);
    let admin = check.json()["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["concept"] == "admin")
        .cloned()
        .expect("admin check");
    assert_eq!(admin["status"], "expected a boolean");

    // A broken profile file is a usage error naming the file and the key.
    let bad = typed.dir.path().join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\ntable = \"t\"\n[key]\ncolumn = \"k\"\n[hash]\ncolumn = \"h\"\nscheme = \"sha1\"\n").expect("write");
    let refused = typed.run(&[
        "profile",
        "show",
        "--profile-file",
        &bad.display().to_string(),
    ]);
    refused.expect_code(2);
    assert!(
        refused.stderr.contains("bad.toml") && refused.stderr.contains("sha1"),
        "{}",
        refused.stderr
    );
}

#[test]
fn hash_password_writes_bcrypt_the_libraries_accept() {
    if !python_libraries() {
        return;
    }
    let dir = temp_dir();
    let made = run_in(
        dir.path(),
        &[
            "hash-password",
            "--password-stdin",
            "--scheme",
            "bcrypt",
            "--cost",
            "5",
        ],
        Some(PW),
        &[],
    );
    made.expect_code(0);
    let hash = made.stdout.trim();
    assert!(hash.starts_with("$2b$05$") && hash.len() == 60, "{hash}");
    assert!(library_accepts(PW, hash));
    // The profile's scheme is the default; --cost is bcrypt's only.
    let portal = run_in(
        dir.path(),
        &["hash-password", "--password-stdin", "-o", "json"],
        Some(PW),
        &[("BREAKGLASS_PROFILE", &profile_path("prisma-portal"))],
    );
    portal.expect_code(0);
    assert_eq!(portal.json()["algorithm"], "bcrypt");
    assert_eq!(portal.json()["cost"], 12);
    run_in(
        dir.path(),
        &["hash-password", "--password-stdin", "--cost", "5"],
        Some(PW),
        &[],
    )
    .expect_code(2);
    // bcrypt reads 72 bytes at most: a longer password is refused, not truncated.
    let long = "x".repeat(80);
    run_in(
        dir.path(),
        &["hash-password", "--password-stdin", "--scheme", "bcrypt"],
        Some(&long),
        &[],
    )
    .expect_code(8);
    // verify knows a bcrypt hash whatever the profile, and says the gateway cannot use it.
    let db = TestDb::new(Engine::Sqlite);
    db.insert_with_hash(&user("b@example.com", PW), &bcrypt_hash(PW, 4));
    let verdict = db.run_with(
        &["verify", "b@example.com", "--password-stdin", "-o", "json"],
        Some(PW),
        &[],
    );
    verdict.expect_code(6);
    assert!(
        verdict.stdout.contains("the password matches it")
            && verdict.stdout.contains("expects argon2id"),
        "{}",
        verdict.stdout
    );
}

#[test]
fn contextforge_from_its_profile_file_on_every_engine() {
    if !python_libraries() {
        return;
    }
    let file = profile_path("contextforge");
    let mut cheap = CHEAP_HASH.to_vec();
    cheap.push(("BREAKGLASS_PROFILE", file.as_str()));
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("boss@example.com", PW).admin());
        db.insert(&user("dev@example.com", PW).locked(30));
        let go = |args: &[&str], stdin: Option<&str>| db.run_with(args, stdin, &cheap);
        go(&["verify", "dev@example.com", "--password-stdin"], Some(PW)).expect_code(6);
        go(&["unlock", "dev@example.com", "--yes"], None).expect_code(0);
        go(&["verify", "dev@example.com", "--password-stdin"], Some(PW)).expect_code(0);
        go(
            &[
                "reset",
                "dev@example.com",
                "--password-stdin",
                "--yes",
                "--no-must-change",
            ],
            Some(NEW),
        )
        .expect_code(0);
        let stored = match &db.row("dev@example.com")["password_hash"] {
            Value::Text(hash) => hash.clone(),
            other => panic!("{other:?}"),
        };
        assert!(library_accepts(NEW, &stored), "{engine:?}");
        go(&["promote", "dev@example.com", "--yes"], None).expect_code(0);
        assert!(is_true(&db.row("dev@example.com")["is_admin"]));
        go(&["promote", "dev@example.com", "--demote", "--yes"], None).expect_code(0);
        go(&["allow-reset", "dev@example.com", "--yes"], None).expect_code(7);
        go(
            &[
                "create-admin",
                "second@example.com",
                "--password-stdin",
                "--yes",
                "--no-must-change",
            ],
            Some("Harbor-Lantern-Quill-Cobalt-42!"),
        )
        .expect_code(0);
        go(
            &["verify", "second@example.com", "--password-stdin"],
            Some("Harbor-Lantern-Quill-Cobalt-42!"),
        )
        .expect_code(0);
        let listed = go(&["list-admins", "-o", "json"], None);
        listed.expect_code(0);
        let json = listed.json();
        let mut emails: Vec<&str> = json
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|admin| admin["email"].as_str())
            .collect();
        emails.sort();
        assert_eq!(
            emails,
            ["boss@example.com", "second@example.com"],
            "{engine:?}"
        );
    }
}

/// Prisma maps `enum Role { admin user }` to a PostgreSQL enum type: read as its label,
/// compared and written through a cast.
#[test]
fn a_postgres_enum_role_column_works() {
    if server_url(Engine::Postgres).is_none() {
        return;
    }
    let db = TestDb::empty(Engine::Postgres);
    db.script(
        "CREATE TYPE \"Role\" AS ENUM ('admin', 'user'); \
         CREATE TABLE \"User\" (id TEXT NOT NULL PRIMARY KEY, email TEXT NOT NULL UNIQUE, password TEXT NOT NULL, \
         role \"Role\" NOT NULL DEFAULT 'user', \"requirePasswordChange\" BOOLEAN NOT NULL DEFAULT false, \
         \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, \"updatedAt\" TIMESTAMP(3) NOT NULL)",
    );
    run(&db, "prisma-portal", &["profile", "check"], None).expect_code(0);
    run(
        &db,
        "prisma-portal",
        &[
            "create-admin",
            "root@example.com",
            "--password-stdin",
            "--yes",
        ],
        Some(PW),
    )
    .expect_code(0);
    run(
        &db,
        "prisma-portal",
        &[
            "create-admin",
            "two@example.com",
            "--password-stdin",
            "--yes",
        ],
        Some(PW),
    )
    .expect_code(0);
    assert_eq!(
        admins(&db, &PRISMA),
        ["root@example.com", "two@example.com"]
    );
    run(
        &db,
        "prisma-portal",
        &["promote", "two@example.com", "--demote", "--yes"],
        None,
    )
    .expect_code(0);
    assert_eq!(admins(&db, &PRISMA), ["root@example.com"]);
    let roles = texts(&db.rows("SELECT role::text FROM \"User\" ORDER BY email"));
    assert_eq!(roles, [["admin"], ["user"]].map(|r| r.map(str::to_owned)));
    run(
        &db,
        "prisma-portal",
        &["verify", "root@example.com", "--password-stdin"],
        Some(PW),
    )
    .expect_code(0);
}

#[test]
fn doctor_reports_what_each_profile_defines() {
    if !python_libraries() {
        return;
    }
    for engine in engines() {
        for app in [&ADMINUSER, &FLAG_RESET, &PRISMA] {
            let db = app_db(app, engine);
            let context = format!("{} on {engine:?}", app.profile);
            let doctor = run(&db, app.profile, &["doctor", "-o", "json"], None);
            doctor.expect_code(0);
            let report = doctor.json();
            // No gateway settings, no release: only what the profile defines.
            assert_eq!(report["settings"], serde_json::json!({}), "{context}");
            assert_eq!(report["release"], serde_json::Value::Null, "{context}");
            let mut listed: Vec<String> = report["admins"]
                .as_array()
                .expect("admins")
                .iter()
                .map(|a| a["email"].as_str().unwrap_or_default().to_owned())
                .collect();
            listed.sort();
            assert_eq!(listed, admins(&db, app), "{context}");
            // Each admin's verdict agrees with verify's answer to its password: every
            // active admin here can log in with PW; adminuser's second row is inactive.
            for entry in report["admins"].as_array().expect("admins") {
                let key = entry["email"].as_str().unwrap_or_default();
                let verify = run(
                    &db,
                    app.profile,
                    &["verify", key, "--password-stdin"],
                    Some(PW),
                );
                assert_eq!(
                    entry["can_log_in"] == true,
                    verify.code == 0,
                    "{context}: {entry} vs verify {}",
                    verify.code
                );
            }
            let text = run(&db, app.profile, &["doctor"], None);
            assert!(
                !text.stdout.contains("PLATFORM_ADMIN") && !text.stdout.contains("TOKEN_EXPIRY"),
                "{context}: gateway settings shown for another application: {}",
                text.stdout
            );
        }
    }
}

#[test]
fn built_in_profile_names_ignore_case_from_the_flag_and_the_variable() {
    let db = TestDb::empty(Engine::Sqlite);
    let flag = db.run(&["--profile", "GitLab", "profile", "show"]);
    flag.expect_code(0);
    assert!(flag.stdout.contains("name = \"gitlab\""), "{}", flag.stdout);
    let variable = db.run_with(
        &["profile", "show"],
        None,
        &[("BREAKGLASS_PROFILE", "DJANGO")],
    );
    variable.expect_code(0);
    assert!(
        variable.stdout.contains("name = \"django\""),
        "{}",
        variable.stdout
    );
}
