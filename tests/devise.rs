//! Devise itself as the judge (GitLab, generic Devise): hashes breakglass writes through
//! `reset` and `create-admin` pass `Devise::Encryptor.compare` (tests/judges/devise_judge.rb,
//! Debian ruby-devise), peppered and not, and hashes Devise made verify in breakglass; the
//! lockable columns, admin and state rows are checked column by column on every engine.

use std::process::Command;

use breakglass::db::Value;

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";
const PEPPER: &str = "a-pepper-from-the-app's-secrets";

fn ruby_with_devise() -> bool {
    let found = Command::new("ruby")
        .args(["-e", "require 'devise'"])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool("ruby with Devise (Debian ruby-devise)", found)
}

/// Runs Devise's judge; `pepper` is the application's config.pepper.
fn devise(db: &TestDb, args: &[&str], password: &str, pepper: Option<&str>) -> String {
    let env: Vec<(&str, &str)> = pepper.map(|p| ("JUDGE_PEPPER", p)).into_iter().collect();
    run_judge("ruby", "devise_judge.rb", db, args, &env, password)
}

/// GitLab's `users` columns breakglass touches and the NOT NULL ones around them
/// (db/structure.sql), in SQL for the engine.
pub fn gitlab_users_sql(engine: Engine) -> String {
    let (id, time, flag_false, flag_true) = match engine {
        Engine::Sqlite => (
            "id INTEGER PRIMARY KEY AUTOINCREMENT",
            "timestamp",
            "0",
            "1",
        ),
        Engine::Postgres => (
            "id serial PRIMARY KEY",
            "timestamp without time zone",
            "false",
            "true",
        ),
        Engine::MySql => ("id int AUTO_INCREMENT PRIMARY KEY", "datetime(6)", "0", "1"),
    };
    format!(
        "CREATE TABLE users ({id}, email varchar(255) DEFAULT '' NOT NULL, \
         encrypted_password varchar(255) DEFAULT '' NOT NULL, reset_password_token varchar(255), \
         reset_password_sent_at {time}, sign_in_count integer DEFAULT 0, last_sign_in_at {time}, \
         created_at {time}, updated_at {time}, name varchar(255), \
         admin boolean DEFAULT {flag_false} NOT NULL, projects_limit integer NOT NULL, \
         failed_attempts integer DEFAULT 0, locked_at {time}, username varchar(255), \
         can_create_group boolean DEFAULT {flag_true} NOT NULL, state varchar(255), \
         unlock_token varchar(255), confirmed_at {time});"
    )
}

/// A user as GitLab's own seed would leave it, with a hash Devise made.
fn insert(db: &TestDb, username: &str, hash: &str, admin: bool) {
    let p = |n| db.dialect().placeholder(n);
    db.execute(
        &format!(
            "INSERT INTO users (email, encrypted_password, name, admin, projects_limit, username, state, \
             created_at, updated_at) VALUES ({}, {}, {}, {}, 100000, {}, 'active', {}, {})",
            p(1),
            p(2),
            p(3),
            p(4),
            p(5),
            p(6),
            p(7)
        ),
        &[
            Value::Text(format!("{username}@example.com")),
            Value::Text(hash.to_owned()),
            Value::Text(username.to_owned()),
            Value::Bool(admin),
            Value::Text(username.to_owned()),
            Value::Timestamp(breakglass::db::value::now()),
            Value::Timestamp(breakglass::db::value::now()),
        ],
    );
}

fn column(db: &TestDb, key_column: &str, key: &str, columns: &str) -> Vec<String> {
    texts(&db.rows(&format!(
        "SELECT {columns} FROM users WHERE {key_column} = '{key}'"
    )))
    .into_iter()
    .next()
    .unwrap_or_else(|| panic!("no row {key}"))
}

fn bg(
    db: &TestDb,
    profile: &[&str],
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
) -> Run {
    let mut all = profile.to_vec();
    all.extend_from_slice(args);
    db.run_with(&all, stdin, env)
}

#[test]
fn devise_judges_gitlab_reset_create_admin_unlock_promote_and_deactivate() {
    if !ruby_with_devise() {
        return;
    }
    let gitlab = ["--profile", "gitlab"];
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&gitlab_users_sql(engine));
        let made = devise(&db, &["digest", "10"], OLD, None);
        assert!(made.starts_with("$2a$10$"), "{made}");
        insert(&db, "root", &made, true);
        insert(&db, "alice", &made, false);
        db.execute(
            &format!(
                "UPDATE users SET failed_attempts = 10, locked_at = {}, unlock_token = 'digest-of-a-link' \
                 WHERE username = 'alice'",
                db.dialect().placeholder(1)
            ),
            &[Value::Timestamp(breakglass::db::value::now())],
        );

        // list-admins: GitLab's admins; alice shows as locked.
        let listed = bg(&db, &gitlab, &["list-admins", "-o", "json"], None, &[]);
        listed.expect_code(0);
        assert_eq!(listed_keys(&listed), ["root"], "{engine:?}");
        let locked = bg(
            &db,
            &gitlab,
            &["list-admins", "--all-users", "--locked", "-o", "json"],
            None,
            &[],
        );
        locked.expect_code(0);
        assert_eq!(listed_keys(&locked), ["alice"], "{engine:?}");

        // verify: the hash Devise made, right and wrong password.
        bg(
            &db,
            &gitlab,
            &["verify", "root", "--password-stdin"],
            Some(OLD),
            &[],
        )
        .expect_code(0);
        bg(
            &db,
            &gitlab,
            &["verify", "root", "--password-stdin"],
            Some(NEW),
            &[],
        )
        .expect_code(5);
        // GitLab signs in by username or email (find_for_database_authentication): so does
        // breakglass, and a Rails boolean stored as the text 'f' is false to it.
        bg(
            &db,
            &gitlab,
            &["verify", "Root@Example.com", "--password-stdin"],
            Some(OLD),
            &[],
        )
        .expect_code(0);
        if engine == Engine::Sqlite {
            db.execute("UPDATE users SET admin = 'f' WHERE username = 'alice'", &[]);
            let listed = bg(&db, &gitlab, &["list-admins", "-o", "json"], None, &[]);
            assert_eq!(listed_keys(&listed), ["root"], "{engine:?}");
        }

        // unlock clears what Devise's unlock_access! clears.
        bg(&db, &gitlab, &["unlock", "alice", "--yes"], None, &[]).expect_code(0);
        assert_eq!(
            column(
                &db,
                "username",
                "alice",
                "failed_attempts, locked_at, unlock_token"
            ),
            ["0", "NULL", "NULL"],
            "{engine:?}"
        );

        // reset: Devise accepts the new password at stretches 10 and refuses the old one.
        bg(
            &db,
            &gitlab,
            &["reset", "root", "--password-stdin", "--yes"],
            Some(NEW),
            &[],
        )
        .expect_code(0);
        let stored = column(&db, "username", "root", "encrypted_password")[0].clone();
        assert!(
            stored.starts_with("$2a$10$") && stored.len() == 60,
            "{stored}"
        );
        assert_eq!(devise(&db, &["compare", &stored], NEW, None), "true");
        assert_eq!(devise(&db, &["compare", &stored], OLD, None), "false");
        // The row's old password is checked by reset's reuse rule: the same one is refused.
        bg(
            &db,
            &gitlab,
            &["reset", "root", "--password-stdin", "--yes"],
            Some(NEW),
            &[],
        )
        .expect_code(8);

        // create-admin: admin, active, Devise logs in; GitLab's NOT NULL projects_limit filled.
        bg(
            &db,
            &gitlab,
            &[
                "create-admin",
                "carol",
                "--email",
                "Carol@Example.com",
                "--full-name",
                "Carol Ops",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
            &[],
        )
        .expect_code(0);
        let carol = column(
            &db,
            "username",
            "carol",
            "admin, state, name, failed_attempts, locked_at, unlock_token, encrypted_password, email",
        );
        assert!(matches!(carol[0].as_str(), "true" | "1"), "{carol:?}");
        assert_eq!(
            carol[1..6],
            ["active", "Carol Ops", "0", "NULL", "NULL"],
            "{engine:?}"
        );
        assert_eq!(devise(&db, &["compare", &carol[6]], NEW, None), "true");
        assert_eq!(carol[7], "carol@example.com", "{engine:?}");
        // GitLab signs in by username or email: so does breakglass find the user.
        bg(
            &db,
            &gitlab,
            &["verify", "Carol@Example.com", "--password-stdin"],
            Some(NEW),
            &[],
        )
        .expect_code(0);

        // promote / --demote toggle users.admin.
        bg(&db, &gitlab, &["promote", "alice", "--yes"], None, &[]).expect_code(0);
        assert!(matches!(
            column(&db, "username", "alice", "admin")[0].as_str(),
            "true" | "1"
        ));
        bg(
            &db,
            &gitlab,
            &["promote", "alice", "--demote", "--yes"],
            None,
            &[],
        )
        .expect_code(0);
        assert!(matches!(
            column(&db, "username", "alice", "admin")[0].as_str(),
            "false" | "0"
        ));

        // deactivate blocks as GitLab does; reset --activate makes the user active again.
        bg(&db, &gitlab, &["deactivate", "alice", "--yes"], None, &[]).expect_code(0);
        assert_eq!(column(&db, "username", "alice", "state"), ["blocked"]);
        bg(
            &db,
            &gitlab,
            &["verify", "alice", "--password-stdin"],
            Some(OLD),
            &[],
        )
        .expect_code(6);
        bg(
            &db,
            &gitlab,
            &["reset", "alice", "--activate", "--password-stdin", "--yes"],
            Some(NEW),
            &[],
        )
        .expect_code(0);
        assert_eq!(column(&db, "username", "alice", "state"), ["active"]);

        let listed = bg(&db, &gitlab, &["list-admins", "-o", "json"], None, &[]);
        assert_eq!(listed_keys(&listed), ["carol", "root"], "{engine:?}");
    }
}

/// A copy of the generic devise profile that names a pepper variable.
fn peppered_profile(db: &TestDb) -> String {
    let shown = db.run(&["--profile", "devise", "profile", "show"]);
    shown.expect_code(0);
    let text = shown.stdout.replace(
        "scheme = \"devise-bcrypt\"",
        "scheme = \"devise-bcrypt\"\npepper_env = \"APP_DEVISE_PEPPER\"",
    );
    assert!(text.contains("pepper_env"), "{text}");
    let path = db.dir.path().join("devise-peppered.toml");
    std::fs::write(&path, text).expect("profile");
    path.display().to_string()
}

#[test]
fn devise_judges_peppered_hashes_both_ways_and_a_missing_pepper_changes_nothing() {
    if !ruby_with_devise() {
        return;
    }
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&gitlab_users_sql(engine));
        let made = devise(&db, &["digest", "4"], OLD, Some(PEPPER));
        insert(&db, "dora", &made, true);
        let path = peppered_profile(&db);
        let profile = ["--profile-file", path.as_str()];
        let pepper = [("APP_DEVISE_PEPPER", PEPPER)];

        // The generic profile's admin column, lock and unlock.
        insert(&db, "gus", &made, false);
        db.execute(
            &format!(
                "UPDATE users SET failed_attempts = 5, locked_at = {}, unlock_token = 'digest' WHERE username = 'gus'",
                db.dialect().placeholder(1)
            ),
            &[Value::Timestamp(breakglass::db::value::now())],
        );
        let listed = bg(&db, &profile, &["list-admins", "-o", "json"], None, &pepper);
        listed.expect_code(0);
        assert_eq!(listed_keys(&listed), ["dora@example.com"], "{engine:?}");
        let locked = bg(
            &db,
            &profile,
            &["list-admins", "--all-users", "--locked", "-o", "json"],
            None,
            &pepper,
        );
        assert_eq!(listed_keys(&locked), ["gus@example.com"], "{engine:?}");
        bg(
            &db,
            &profile,
            &["unlock", "gus@example.com", "--yes"],
            None,
            &pepper,
        )
        .expect_code(0);
        assert_eq!(
            column(
                &db,
                "email",
                "gus@example.com",
                "failed_attempts, locked_at, unlock_token"
            ),
            ["0", "NULL", "NULL"]
        );
        bg(
            &db,
            &profile,
            &["promote", "gus@example.com", "--yes"],
            None,
            &pepper,
        )
        .expect_code(0);
        assert!(matches!(
            column(&db, "email", "gus@example.com", "admin")[0].as_str(),
            "true" | "1"
        ));
        bg(
            &db,
            &profile,
            &["promote", "gus@example.com", "--demote", "--yes"],
            None,
            &pepper,
        )
        .expect_code(0);
        assert!(matches!(
            column(&db, "email", "gus@example.com", "admin")[0].as_str(),
            "false" | "0"
        ));

        // Devise's peppered hash verifies with the pepper, and not without it.
        bg(
            &db,
            &profile,
            &["verify", "dora@example.com", "--password-stdin"],
            Some(OLD),
            &pepper,
        )
        .expect_code(0);
        bg(
            &db,
            &profile,
            &["verify", "dora@example.com", "--password-stdin"],
            Some(OLD),
            &[("APP_DEVISE_PEPPER", "another-pepper")],
        )
        .expect_code(5);

        // Without the variable: a refusal naming it, exit 2, nothing written, the value never shown.
        let before = db.dump("users");
        let refused = bg(
            &db,
            &profile,
            &["reset", "dora@example.com", "--password-stdin", "--yes"],
            Some(NEW),
            &[],
        );
        refused.expect_code(2);
        assert!(
            refused.stderr.contains("APP_DEVISE_PEPPER"),
            "{}",
            refused.stderr
        );
        assert_eq!(db.dump("users"), before, "{engine:?}");

        // reset and create-admin with the pepper: Devise accepts them only with its pepper.
        bg(
            &db,
            &profile,
            &["reset", "dora@example.com", "--password-stdin", "--yes"],
            Some(NEW),
            &pepper,
        )
        .expect_code(0);
        bg(
            &db,
            &profile,
            &[
                "create-admin",
                "erin@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
            &pepper,
        )
        .expect_code(0);
        // hash-password prints what Devise stores, peppered.
        let printed = bg(
            &db,
            &profile,
            &["hash-password", "--password-stdin"],
            Some(NEW),
            &pepper,
        );
        printed.expect_code(0);
        let printed = printed.stdout.trim();
        assert!(printed.starts_with("$2a$12$"), "{printed}");
        assert_eq!(
            devise(&db, &["compare", printed], NEW, Some(PEPPER)),
            "true"
        );
        for key in ["dora@example.com", "erin@example.com"] {
            let stored = column(&db, "email", key, "encrypted_password")[0].clone();
            assert!(stored.starts_with("$2a$12$"), "{stored}");
            assert_eq!(
                devise(&db, &["compare", &stored], NEW, Some(PEPPER)),
                "true",
                "{key}"
            );
            assert_eq!(
                devise(&db, &["compare", &stored], NEW, None),
                "false",
                "{key}"
            );
            assert!(!db.dump("users").concat().contains(PEPPER));
        }
    }
}

#[test]
fn gitlab_and_devise_schemas_are_recognised() {
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&gitlab_users_sql(engine));
        let run = db.run(&["list-admins", "-o", "json"]);
        run.expect_code(0);
        assert!(
            run.stderr.contains("profile gitlab (recognised from table"),
            "{engine:?}: {}",
            run.stderr
        );
        let plain = TestDb::empty(engine);
        plain.script(
            &gitlab_users_sql(engine)
                .replace(", projects_limit integer NOT NULL", "")
                .replace(", username varchar(255)", ""),
        );
        let run = plain.run(&["list-admins", "-o", "json"]);
        run.expect_code(0);
        assert!(
            run.stderr.contains("profile devise (recognised from table"),
            "{engine:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn devise_bad_input_changes_nothing() {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&gitlab_users_sql(Engine::Sqlite));
    // bcrypt of OLD at cost 4 (any bcrypt will do: nothing below may write).
    let stored = "$2a$04$LjQCJhGFXdmCAB0BP/PswuR5w7dHhrFcCFCcMjPRD6Ie65JRwbrce";
    insert(&db, "root", stored, true);
    let before = db.dump("users");
    let path = peppered_profile(&db);
    let profile = ["--profile-file", path.as_str()];

    // An empty pepper variable is as missing as an unset one.
    let run = bg(
        &db,
        &profile,
        &[
            "create-admin",
            "ops@example.com",
            "--password-stdin",
            "--yes",
        ],
        Some(NEW),
        &[("APP_DEVISE_PEPPER", "")],
    );
    run.expect_code(2);
    assert!(run.stderr.contains("APP_DEVISE_PEPPER"), "{}", run.stderr);
    // verify needs the pepper too.
    bg(
        &db,
        &profile,
        &["verify", "root@example.com", "--password-stdin"],
        Some(OLD),
        &[],
    )
    .expect_code(2);
    // Password and pepper beyond bcrypt's 72 bytes: refused, not truncated.
    let long_pepper = "p".repeat(60);
    let run = bg(
        &db,
        &profile,
        &["reset", "root@example.com", "--password-stdin", "--yes"],
        Some(NEW),
        &[("APP_DEVISE_PEPPER", &long_pepper)],
    );
    run.expect_code(8);
    assert!(!run.stderr.contains(&long_pepper), "{}", run.stderr);
    // A stored hash asking for an absurd cost is not attempted.
    db.execute(
        "UPDATE users SET encrypted_password = ? WHERE username = 'root'",
        &[Value::Text(stored.replacen("$04$", "$31$", 1))],
    );
    let before_absurd = db.dump("users");
    let run = bg(
        &db,
        &["--profile", "gitlab"],
        &["verify", "root", "--password-stdin"],
        Some(OLD),
        &[],
    );
    run.expect_code(6);
    assert!(run.stdout.contains("cost 31"), "{}", run.stdout);
    assert_eq!(db.dump("users"), before_absurd);
    db.execute(
        "UPDATE users SET encrypted_password = ? WHERE username = 'root'",
        &[Value::Text(stored.to_owned())],
    );
    assert_eq!(db.dump("users"), before);

    // Profile mistakes are named before anything is opened.
    for (from, to, named) in [
        ("cost = 12", "cost = 40", "between 4 and 16"),
        (
            "scheme = \"devise-bcrypt\"",
            "scheme = \"bcrypt\"",
            "pepper_env",
        ),
    ] {
        let text = std::fs::read_to_string(&path)
            .expect("profile")
            .replace(from, to);
        let bad = db.dir.path().join("bad.toml");
        std::fs::write(&bad, text).expect("write");
        let run = db.run_with(
            &[
                "--profile-file",
                bad.to_str().expect("path"),
                "reset",
                "root@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
            &[("APP_DEVISE_PEPPER", PEPPER)],
        );
        run.expect_code(2);
        assert!(run.stderr.contains(named), "{named}: {}", run.stderr);
    }
    assert_eq!(db.dump("users"), before);
}

/// Mastodon's `users` and `user_roles` (db/schema.rb), with its seeded roles.
pub(crate) fn mastodon_sql(engine: Engine) -> String {
    let (id, time, no, yes) = match engine {
        Engine::Sqlite => (
            "id INTEGER PRIMARY KEY AUTOINCREMENT",
            "timestamp",
            "0",
            "1",
        ),
        Engine::Postgres => (
            "id bigserial PRIMARY KEY",
            "timestamp(6) without time zone",
            "false",
            "true",
        ),
        Engine::MySql => (
            "id bigint AUTO_INCREMENT PRIMARY KEY",
            "datetime(6)",
            "0",
            "1",
        ),
    };
    format!(
        "CREATE TABLE user_roles ({id}, name varchar(255) DEFAULT '' NOT NULL, color varchar(255) DEFAULT '' NOT NULL, \
         position integer DEFAULT 0 NOT NULL, permissions bigint DEFAULT 0 NOT NULL, \
         highlighted boolean DEFAULT {no} NOT NULL, created_at {time} NULL, updated_at {time} NULL); \
         INSERT INTO user_roles (name, position, permissions) VALUES ('Moderator', 10, 1308), \
         ('Admin', 100, 983036), ('Owner', 1000, 1); \
         CREATE TABLE users ({id}, email varchar(255) DEFAULT '' NOT NULL, created_at {time} NULL, \
         updated_at {time} NULL, encrypted_password varchar(255) DEFAULT '' NOT NULL, \
         reset_password_token varchar(255), sign_in_count integer DEFAULT 0 NOT NULL, \
         last_sign_in_at {time}, confirmed_at {time}, account_id bigint NOT NULL, \
         disabled boolean DEFAULT {no} NOT NULL, approved boolean DEFAULT {yes} NOT NULL, role_id bigint);"
    )
}

fn role_of(db: &TestDb, email: &str) -> String {
    column(
        db,
        "email",
        email,
        "(SELECT name FROM user_roles WHERE user_roles.id = users.role_id)",
    )[0]
    .clone()
}

#[test]
fn devise_judges_mastodon_reset_promote_deactivate_and_owner_rule() {
    if !ruby_with_devise() {
        return;
    }
    let mastodon = ["--profile", "mastodon"];
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&mastodon_sql(engine));
        let made = devise(&db, &["digest", "10"], OLD, None);
        let p = |n| db.dialect().placeholder(n);
        for (n, (email, role)) in [
            ("owner@example.com", Some("Owner")),
            ("mod@example.com", Some("Moderator")),
            ("alice@example.com", None),
        ]
        .into_iter()
        .enumerate()
        {
            db.execute(
                &format!(
                    "INSERT INTO users (email, encrypted_password, account_id, role_id) VALUES ({}, {}, {}, \
                     (SELECT id FROM user_roles WHERE name = {}))",
                    p(1),
                    p(2),
                    p(3),
                    p(4)
                ),
                &[
                    Value::Text(email.into()),
                    Value::Text(made.clone()),
                    Value::Int(i64::try_from(n).expect("small") + 1),
                    role.map_or(Value::Null, |r| Value::Text(r.into())),
                ],
            );
        }
        // Only the role with the administrator permission makes an admin.
        let listed = bg(&db, &mastodon, &["list-admins", "-o", "json"], None, &[]);
        listed.expect_code(0);
        assert_eq!(listed_keys(&listed), ["owner@example.com"], "{engine:?}");

        bg(
            &db,
            &mastodon,
            &["verify", "owner@example.com", "--password-stdin"],
            Some(OLD),
            &[],
        )
        .expect_code(0);
        bg(
            &db,
            &mastodon,
            &["reset", "owner@example.com", "--password-stdin", "--yes"],
            Some(NEW),
            &[],
        )
        .expect_code(0);
        let stored = column(&db, "email", "owner@example.com", "encrypted_password")[0].clone();
        assert!(stored.starts_with("$2a$10$"), "{stored}");
        assert_eq!(devise(&db, &["compare", &stored], NEW, None), "true");
        assert_eq!(devise(&db, &["compare", &stored], OLD, None), "false");

        // promote gives the Owner role; --demote empties role_id.
        bg(
            &db,
            &mastodon,
            &["promote", "alice@example.com", "--yes"],
            None,
            &[],
        )
        .expect_code(0);
        assert_eq!(role_of(&db, "alice@example.com"), "Owner", "{engine:?}");
        bg(
            &db,
            &mastodon,
            &["promote", "alice@example.com", "--demote", "--yes"],
            None,
            &[],
        )
        .expect_code(0);
        assert_eq!(
            column(&db, "email", "alice@example.com", "role_id"),
            ["NULL"]
        );

        // deactivate sets disabled; reset --activate clears it.
        bg(
            &db,
            &mastodon,
            &["deactivate", "alice@example.com", "--yes"],
            None,
            &[],
        )
        .expect_code(0);
        assert!(matches!(
            column(&db, "email", "alice@example.com", "disabled")[0].as_str(),
            "true" | "1"
        ));
        bg(
            &db,
            &mastodon,
            &["verify", "alice@example.com", "--password-stdin"],
            Some(OLD),
            &[],
        )
        .expect_code(6);
        bg(
            &db,
            &mastodon,
            &[
                "reset",
                "alice@example.com",
                "--activate",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
            &[],
        )
        .expect_code(0);
        assert!(matches!(
            column(&db, "email", "alice@example.com", "disabled")[0].as_str(),
            "false" | "0"
        ));

        // The last owner is not demoted.
        bg(
            &db,
            &mastodon,
            &["promote", "owner@example.com", "--demote", "--yes"],
            None,
            &[],
        )
        .expect_code(8);
        assert_eq!(role_of(&db, "owner@example.com"), "Owner");

        let run = db.run(&["list-admins", "-o", "json"]);
        run.expect_code(0);
        assert!(
            run.stderr
                .contains("profile mastodon (recognised from table"),
            "{}",
            run.stderr
        );
    }
}
