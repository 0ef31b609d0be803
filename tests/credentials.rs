//! `[[credentials]]` at work: `tokens`, `revoke-tokens` and `lockdown` on the credential tables
//! of each application, made by SQL as the application's migrations make them (Grafana, Gitea,
//! Nextcloud) or by the application itself (Redmine). Rows are checked column by column and
//! other users' rows stay as they were; bad input leaves every table unchanged.

use serde_json::json;

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";

fn serial(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
        Engine::Postgres => "BIGSERIAL PRIMARY KEY NOT NULL",
        Engine::MySql => "BIGINT PRIMARY KEY AUTO_INCREMENT NOT NULL",
    }
}

fn with_profile(db: &TestDb, profile: &str, args: &[&str]) -> Run {
    let mut all = vec!["--profile", profile];
    all.extend_from_slice(args);
    db.run_with(&all, None, &[("BREAKGLASS_ARGON2_TIME_COST", "1")])
}

/// The rows of `table` whose `column` is `value`, rendered whole.
fn rows_where(db: &TestDb, table: &str, column: &str, value: &str) -> Vec<String> {
    let mut rows: Vec<String> = db
        .rows(&format!("SELECT * FROM {table} WHERE {column} = '{value}'"))
        .iter()
        .map(|row| format!("{row:?}"))
        .collect();
    rows.sort();
    rows
}

fn first_text(db: &TestDb, sql: &str) -> String {
    texts(&db.rows(sql))[0][0].clone()
}

/// Grafana's `user_auth_token` as pkg/services/sqlstore/migrations/user_auth_token_mig.go
/// makes it (times in Unix seconds), two sessions of `admin` (id 1), one of `viewer` (id 2).
fn grafana_sessions(db: &TestDb) {
    let boolean = if db.engine == Engine::Postgres {
        "BOOL"
    } else {
        "INTEGER"
    };
    db.script(&format!(
        "CREATE TABLE user_auth_token (id {}, user_id BIGINT NOT NULL, \
         auth_token VARCHAR(100) NOT NULL, prev_auth_token VARCHAR(100) NOT NULL, \
         user_agent VARCHAR(255) NOT NULL, client_ip VARCHAR(255) NOT NULL, \
         auth_token_seen {boolean} NOT NULL, seen_at INTEGER NULL, rotated_at INTEGER NOT NULL, \
         created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, revoked_at INTEGER NULL)",
        serial(db.engine)
    ));
    let seen = if db.engine == Engine::Postgres {
        "TRUE"
    } else {
        "1"
    };
    for (user, token, agent) in [
        (1, "secret-admin-1", "Firefox"),
        (1, "secret-admin-2", "curl"),
        (2, "secret-viewer-1", "Safari"),
    ] {
        db.script(&format!(
            "INSERT INTO user_auth_token (user_id, auth_token, prev_auth_token, user_agent, \
             client_ip, auth_token_seen, seen_at, rotated_at, created_at, updated_at, revoked_at) \
             VALUES ({user}, '{token}', '{token}', '{agent}', '10.0.0.1', {seen}, 1764000000, \
             1764000000, 1763000000, 1764000000, 0)"
        ));
    }
}

#[test]
fn grafana_sessions_are_listed_without_secrets_and_deleted_for_that_user_only() {
    for engine in engines() {
        let db = crate::grafana::grafana_db(engine);
        grafana_sessions(&db);
        let viewers = rows_where(&db, "user_auth_token", "user_id", "2");

        let listed = with_profile(&db, "grafana", &["tokens", "admin", "-o", "json", "-q"]);
        listed.expect_code(0);
        assert!(!listed.stdout.contains("secret-"), "{}", listed.stdout);
        let listed = listed.json();
        let listed = listed.as_array().expect("array");
        assert_eq!(listed.len(), 2, "{engine:?}: {listed:?}");
        assert_eq!(listed[0]["kind"], "session");
        assert_eq!(listed[0]["user"], "admin");
        assert_eq!(listed[0]["name"], "Firefox");
        assert_eq!(listed[0]["last_used"], "2025-11-24T16:00:00Z", "{engine:?}");
        let all = with_profile(&db, "grafana", &["tokens", "--all", "-o", "json", "-q"]);
        assert_eq!(all.json().as_array().map(Vec::len), Some(3), "{engine:?}");

        // The viewer's session id given for the admin: refused, nothing deleted.
        let viewer_session = first_text(&db, "SELECT id FROM user_auth_token WHERE user_id = 2");
        let before = db.dump("user_auth_token");
        with_profile(
            &db,
            "grafana",
            &["revoke-tokens", "admin", "--id", &viewer_session, "--yes"],
        )
        .expect_code(3);
        assert_eq!(db.dump("user_auth_token"), before, "{engine:?}");

        let revoked = with_profile(
            &db,
            "grafana",
            &[
                "revoke-tokens",
                "admin",
                "--kind",
                "session",
                "--yes",
                "-o",
                "json",
            ],
        );
        revoked.expect_code(0);
        assert_eq!(revoked.json()["revoked_by_kind"], json!({"session": 2}));
        assert!(rows_where(&db, "user_auth_token", "user_id", "1").is_empty());
        assert_eq!(rows_where(&db, "user_auth_token", "user_id", "2"), viewers);
    }
}

/// Gitea's `access_token` as models/auth/access_token.go's xorm struct makes it.
fn gitea_tokens(db: &TestDb) {
    let text = if db.engine == Engine::Sqlite {
        "TEXT"
    } else {
        "VARCHAR(255)"
    };
    db.script(&format!(
        "CREATE TABLE access_token (id {}, uid BIGINT NULL, name {text} NULL, \
         token_hash {text} NULL, token_salt {text} NULL, token_last_eight {text} NULL, \
         scope {text} NULL, created_unix BIGINT NULL, updated_unix BIGINT NULL)",
        serial(db.engine)
    ));
    for (uid, name) in [(1, "ci"), (1, "deploy"), (2, "bob-cli")] {
        db.script(&format!(
            "INSERT INTO access_token (uid, name, token_hash, token_salt, token_last_eight, \
             scope, created_unix, updated_unix) VALUES ({uid}, '{name}', 'secret-hash-{name}', \
             'salt', 'last8888', 'all', 1763000000, 1764000000)"
        ));
    }
}

#[test]
fn gitea_access_tokens_are_deleted_as_gitea_deletes_them() {
    for engine in engines() {
        if !crate::gitea::python_kdfs() {
            return;
        }
        let db = TestDb::empty(engine);
        db.script(&crate::gitea::gitea_schema(engine));
        crate::gitea::insert_gitea_user(&db, "alice", OLD, ("pbkdf2", "aB3dE5gH7j"), true);
        crate::gitea::insert_gitea_user(&db, "bob", OLD, ("pbkdf2", "aB3dE5gH7k"), false);
        gitea_tokens(&db);
        let bobs = rows_where(&db, "access_token", "uid", "2");
        let deploy = first_text(&db, "SELECT id FROM access_token WHERE name = 'deploy'");

        let listed = with_profile(&db, "gitea", &["tokens", "alice", "-q"]);
        listed.expect_code(0);
        assert!(
            listed.stdout.contains("api_token") && listed.stdout.contains("deploy"),
            "{}",
            listed.stdout
        );
        assert!(!listed.stdout.contains("secret-hash"), "{}", listed.stdout);

        let one = with_profile(
            &db,
            "gitea",
            &[
                "revoke-tokens",
                "alice",
                "--id",
                &deploy,
                "--yes",
                "-o",
                "json",
            ],
        );
        one.expect_code(0);
        assert_eq!(one.json()["revoked"], json!([deploy]), "{engine:?}");
        assert_eq!(
            texts(&db.rows("SELECT name FROM access_token WHERE uid = 1")),
            [["ci"]]
        );
        assert_eq!(rows_where(&db, "access_token", "uid", "2"), bobs);
    }
}

/// Nextcloud's `oc_authtoken` (core/Migrations/Version*): type 0 a session, 1 an app password.
fn nextcloud_tokens(db: &TestDb) {
    db.script(&format!(
        "CREATE TABLE oc_authtoken (id {}, uid VARCHAR(64) DEFAULT '' NOT NULL, \
         login_name VARCHAR(255) DEFAULT '' NOT NULL, password TEXT NULL, \
         name TEXT NOT NULL, token VARCHAR(200) DEFAULT '' NOT NULL, \
         type SMALLINT DEFAULT 0, remember SMALLINT DEFAULT 0, last_activity INTEGER DEFAULT 0, \
         last_check INTEGER DEFAULT 0, scope TEXT NULL, expires INTEGER NULL, \
         private_key TEXT NULL, public_key TEXT NULL, version SMALLINT DEFAULT 1 NOT NULL, \
         password_invalid BOOLEAN DEFAULT FALSE, password_hash VARCHAR(255) NULL)",
        serial(db.engine)
    ));
    for (uid, name, kind) in [
        ("alice", "Firefox on Linux", 0),
        ("alice", "DAVx5", 1),
        ("bob", "Thunderbird", 1),
    ] {
        db.script(&format!(
            "INSERT INTO oc_authtoken (uid, login_name, name, token, type, last_activity) \
             VALUES ('{uid}', '{uid}', '{name}', 'secret-{uid}-{kind}', {kind}, 1764000000)"
        ));
    }
}

#[test]
fn nextcloud_app_passwords_and_sessions_are_cut_by_kind_and_lockdown_disables() {
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&crate::nextcloud::nextcloud_sql("oc_"));
        crate::nextcloud::insert_user(&db, "oc_", "alice", "1|$2y$10$abc", true);
        crate::nextcloud::insert_user(&db, "oc_", "bob", "1|$2y$10$abc", true);
        nextcloud_tokens(&db);
        let bobs = rows_where(&db, "oc_authtoken", "uid", "bob");

        let apps = with_profile(
            &db,
            "nextcloud",
            &[
                "revoke-tokens",
                "alice",
                "--kind",
                "app_password",
                "--yes",
                "-o",
                "json",
            ],
        );
        apps.expect_code(0);
        assert_eq!(apps.json()["revoked_by_kind"], json!({"app_password": 1}));
        assert_eq!(
            texts(&db.rows("SELECT name FROM oc_authtoken WHERE uid = 'alice'")),
            [["Firefox on Linux"]],
            "{engine:?}"
        );

        let lockdown = with_profile(
            &db,
            "nextcloud",
            &["lockdown", "alice", "--yes", "-o", "json"],
        );
        lockdown.expect_code(0);
        let result = lockdown.json();
        assert_eq!(result["revoked_by_kind"], json!({"session": 1}), "{result}");
        assert!(
            db.rows("SELECT id FROM oc_authtoken WHERE uid = 'alice'")
                .is_empty()
        );
        assert_eq!(rows_where(&db, "oc_authtoken", "uid", "bob"), bobs);
        // Disabled the way Nextcloud keeps it: a preferences row, not a column.
        assert_eq!(
            texts(&db.rows(
                "SELECT configvalue FROM oc_preferences WHERE userid = 'alice' \
                 AND appid = 'core' AND configkey = 'enabled'"
            )),
            [["false"]],
            "{engine:?}"
        );
    }
}

#[test]
fn bad_input_leaves_every_table_unchanged() {
    let db = crate::grafana::grafana_db(Engine::Sqlite);
    // No token table yet: revoke-tokens says which table is missing.
    let missing = with_profile(&db, "grafana", &["revoke-tokens", "admin", "--yes"]);
    missing.expect_code(7);
    assert!(
        missing.stderr.contains("user_auth_token is missing"),
        "{}",
        missing.stderr
    );
    grafana_sessions(&db);
    let before = (db.dump("user_auth_token"), db.dump("\"user\""));
    for (args, code) in [
        (
            vec!["revoke-tokens", "admin", "--kind", "cookie", "--yes"],
            2,
        ),
        (
            vec!["revoke-tokens", "admin", "--kind", "api_token", "--yes"],
            2,
        ),
        (vec!["revoke-tokens", "admin", "--id", "999", "--yes"], 3),
        (vec!["revoke-tokens", "nobody", "--yes"], 3),
        (vec!["revoke-tokens", "admin", "--by", "viewer", "--yes"], 2),
    ] {
        let run = with_profile(&db, "grafana", &args);
        run.expect_code(code);
        assert!(!run.stderr.contains("secret-"), "{}", run.stderr);
    }
    assert_eq!((db.dump("user_auth_token"), db.dump("\"user\"")), before);
}

#[test]
fn a_bad_credentials_section_is_exit_2_naming_the_key() {
    let db = TestDb::empty(Engine::Sqlite);
    let builtin = include_str!("../profiles/grafana.toml");
    for (broken, named) in [
        (
            builtin.replace("kind = \"session\"", "kind = \"cookie\""),
            "cookie",
        ),
        (
            builtin.replace("mode = \"delete\"", "mode = \"shred\""),
            "shred",
        ),
        (
            builtin.replace("id_column = \"id\"\nname_column", "name_column"),
            "id_column",
        ),
        (
            builtin.replace("\nrevoke = { mode = \"delete\" }", ""),
            "revoke",
        ),
    ] {
        let path = db.dir.path().join("broken.toml");
        std::fs::write(&path, &broken).expect("write profile");
        let run = db.run(&[
            "--profile-file",
            path.to_str().expect("utf-8"),
            "tokens",
            "--all",
        ]);
        run.expect_code(2);
        assert!(run.stderr.contains(named), "{named}: {}", run.stderr);
    }
}

/// The plan before the confirmation, declined: what it would cut and what it cannot.
fn lockdown_plan(db: &TestDb, flag: &str, profile: &str, user: &str) -> String {
    let (code, screen) =
        crate::interactive::on_terminal(db, &[flag, profile, "lockdown", user], &["n\n"]);
    assert_eq!(code, 11, "{screen}");
    screen
}

#[test]
fn lockdowns_plan_names_each_cut_and_a_profile_without_credentials_says_so() {
    let db = crate::grafana::grafana_db(Engine::Sqlite);
    grafana_sessions(&db);
    let before = db.dump("user_auth_token");
    let plan = lockdown_plan(&db, "--profile", "grafana", "viewer");
    assert!(
        plan.contains("user_auth_token: 1 session (Safari) -> deleted"),
        "{plan}"
    );
    assert_eq!(db.dump("user_auth_token"), before);

    // The same profile without its [[credentials]]: the plan says nothing is cut.
    let bare = include_str!("../profiles/grafana.toml");
    let bare = &bare[..bare.find("[[credentials]]").expect("credentials")];
    let path = db.dir.path().join("bare.toml");
    std::fs::write(&path, bare).expect("write profile");
    let plan = lockdown_plan(
        &db,
        "--profile-file",
        path.to_str().expect("utf-8"),
        "viewer",
    );
    assert!(plan.contains("nothing to cut"), "{plan}");
    assert_eq!(db.dump("user_auth_token"), before);

    let nextcloud = TestDb::empty(Engine::Sqlite);
    nextcloud.script(&crate::nextcloud::nextcloud_sql("oc_"));
    crate::nextcloud::insert_user(&nextcloud, "oc_", "alice", "1|$2y$10$abc", true);
    crate::nextcloud::insert_user(&nextcloud, "oc_", "bob", "1|$2y$10$abc", true);
    let plan = lockdown_plan(&nextcloud, "--profile", "nextcloud", "alice");
    assert!(
        plan.contains("remains: session: table oc_authtoken is missing"),
        "{plan}"
    );
}

#[test]
fn redmine_refuses_a_revoked_api_key_and_lockdown_deletes_every_token() {
    if !crate::redmine::redmine_installed() {
        return;
    }
    let db = crate::redmine::redmine_db(Engine::Sqlite);
    let made = crate::redmine::judge(
        &db,
        &[
            json!({"op": "make_tokens", "login": "alice"}),
            json!({"op": "make_tokens", "login": "bob"}),
        ],
    );
    let alice_key = made[0]["api_key"].as_str().expect("api key").to_owned();
    let bob_key = made[1]["api_key"].as_str().expect("api key").to_owned();
    let bob = first_text(&db, "SELECT id FROM users WHERE login = 'bob'");
    let bobs = rows_where(&db, "tokens", "user_id", &bob);

    let revoked = with_profile(
        &db,
        "redmine",
        &[
            "revoke-tokens",
            "alice",
            "--kind",
            "api_token",
            "--yes",
            "-o",
            "json",
        ],
    );
    revoked.expect_code(0);
    assert!(!revoked.stdout.contains(&alice_key));
    assert_eq!(revoked.json()["revoked_by_kind"], json!({"api_token": 2}));
    let answers = crate::redmine::judge(
        &db,
        &[
            json!({"op": "by_api_key", "key": alice_key}),
            json!({"op": "by_api_key", "key": bob_key}),
            json!({"op": "tokens", "login": "alice"}),
            json!({"op": "user", "login": "alice"}),
        ],
    );
    assert_eq!(answers[0]["found"], false, "{answers:?}");
    assert_eq!(answers[1]["found"], true, "{answers:?}");
    assert_eq!(
        answers[2]["actions"],
        json!(["autologin", "recovery", "session"])
    );
    assert_eq!(answers[3]["active"], true);
    assert_eq!(rows_where(&db, "tokens", "user_id", &bob), bobs);

    // Lockdown of bob: every token of his deleted, alice's left as they were.
    let alice = first_text(&db, "SELECT id FROM users WHERE login = 'alice'");
    let alices = rows_where(&db, "tokens", "user_id", &alice);
    let lockdown = with_profile(&db, "redmine", &["lockdown", "bob", "--yes", "-o", "json"]);
    lockdown.expect_code(0);
    assert!(!lockdown.stdout.contains(&bob_key));
    assert_eq!(
        lockdown.json()["revoked_by_kind"],
        json!({"session": 2, "api_token": 2, "reset_link": 1})
    );
    let answers = crate::redmine::judge(
        &db,
        &[
            json!({"op": "tokens", "login": "bob"}),
            json!({"op": "user", "login": "bob"}),
            json!({"op": "by_api_key", "key": bob_key}),
        ],
    );
    assert_eq!(answers[0]["actions"], json!([]), "{answers:?}");
    assert_eq!(answers[1]["active"], false);
    assert_eq!(answers[2]["found"], false);
    assert_eq!(rows_where(&db, "tokens", "user_id", &alice), alices);
}

/// GitLab's `personal_access_tokens` as db/structure.sql declares it, two tokens of root (one
/// already revoked) and one of ann.
fn gitlab_tokens(db: &TestDb) {
    let (flag, time, yes, no) = match db.engine {
        Engine::Postgres => ("boolean", "timestamp without time zone", "true", "false"),
        Engine::MySql => ("tinyint(1)", "datetime(6)", "1", "0"),
        Engine::Sqlite => ("boolean", "timestamp", "1", "0"),
    };
    db.script(&format!(
        "CREATE TABLE personal_access_tokens (id {}, user_id BIGINT NOT NULL, \
         token_digest VARCHAR(255), name VARCHAR(255) NOT NULL, revoked {flag} DEFAULT {no}, \
         expires_at DATE, created_at {time} NOT NULL, updated_at {time} NOT NULL, \
         scopes VARCHAR(255) DEFAULT '--- []' NOT NULL, impersonation {flag} DEFAULT {no} NOT NULL, \
         last_used_at {time})",
        serial(db.engine)
    ));
    for (user, name, revoked) in [
        ("root", "ci", no),
        ("root", "old", yes),
        ("ann", "laptop", no),
    ] {
        db.script(&format!(
            "INSERT INTO personal_access_tokens (user_id, token_digest, name, revoked, expires_at, \
             created_at, updated_at) SELECT id, 'secret-digest-{name}', '{name}', {revoked}, \
             '2030-01-01', '2025-01-01 00:00:00', '2025-01-01 00:00:00' FROM users \
             WHERE username = '{user}'"
        ));
    }
}

/// One token's columns in order (`revoked` fifth), the date read as text.
fn token_row(db: &TestDb, name: &str) -> Vec<String> {
    let date = if db.engine == Engine::MySql {
        "CHAR"
    } else {
        "TEXT"
    };
    texts(&db.rows(&format!(
        "SELECT id, user_id, token_digest, name, revoked, CAST(expires_at AS {date}), \
         created_at, updated_at, scopes, impersonation, last_used_at \
         FROM personal_access_tokens WHERE name = '{name}'"
    )))
    .remove(0)
}

#[test]
fn gitlab_personal_access_tokens_are_marked_revoked_and_kept() {
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&crate::devise::gitlab_users_sql(engine));
        let admin = if engine == Engine::Postgres {
            "true"
        } else {
            "1"
        };
        for (user, is_admin) in [("root", admin), ("ann", admin)] {
            db.script(&format!(
                "INSERT INTO users (email, encrypted_password, name, admin, projects_limit, \
                 username, state) VALUES ('{user}@example.com', '$2a$10$unused', '{user}', \
                 {is_admin}, 100000, '{user}', 'active')"
            ));
        }
        gitlab_tokens(&db);
        let anns = token_row(&db, "laptop");
        let old = token_row(&db, "old");
        let ci_before = token_row(&db, "ci");

        let listed = with_profile(&db, "gitlab", &["tokens", "root", "-o", "json", "-q"]);
        listed.expect_code(0);
        assert!(
            !listed.stdout.contains("secret-digest"),
            "{}",
            listed.stdout
        );
        let states: Vec<(String, String)> = listed
            .json()
            .as_array()
            .expect("array")
            .iter()
            .map(|t| (t["name"].to_string(), t["state"].to_string()))
            .collect();
        assert_eq!(
            states,
            [
                ("\"ci\"".to_owned(), "\"active\"".to_owned()),
                ("\"old\"".to_owned(), "\"revoked\"".to_owned())
            ],
            "{engine:?}"
        );

        let revoked = with_profile(
            &db,
            "gitlab",
            &["revoke-tokens", "root", "--yes", "-o", "json"],
        );
        revoked.expect_code(0);
        assert_eq!(revoked.json()["revoked_by_kind"], json!({"api_token": 1}));
        // The row stays, only `revoked` changed, as GitLab's revoke! leaves it.
        let ci_after = token_row(&db, "ci");
        assert_eq!(ci_after[..4], ci_before[..4], "{engine:?}");
        assert_eq!(ci_after[5..], ci_before[5..], "{engine:?}");
        assert_eq!(
            first_text(
                &db,
                "SELECT token_digest FROM personal_access_tokens WHERE name = 'ci'"
            ),
            "secret-digest-ci"
        );
        assert!(is_true(
            &db.rows("SELECT revoked FROM personal_access_tokens WHERE name = 'ci'")[0][0]
        ));
        assert_eq!(token_row(&db, "old"), old);
        assert_eq!(token_row(&db, "laptop"), anns);
        // Nothing left to revoke: exit 0, nothing changed.
        let again = with_profile(
            &db,
            "gitlab",
            &["revoke-tokens", "root", "--yes", "-o", "json"],
        );
        again.expect_code(0);
        assert_eq!(again.json()["changed"], false);
    }
}

#[test]
fn wordpress_refuses_cut_sessions_and_lockdown_removes_the_role_it_cannot_disable() {
    if !crate::wordpress::wordpress_installed() {
        return;
    }
    let db = crate::wordpress::site("6.8");
    let wp = |ops: &[serde_json::Value]| crate::wordpress::batch("6.8", &db, ops);
    let made = wp(&[
        json!({"op": "create", "login": "boss", "password": OLD, "role": "administrator",
               "email": "boss@example.com"}),
        json!({"op": "sessions", "login": "boss"}),
        json!({"op": "sessions", "login": "ed"}),
        json!({"op": "sessions", "login": "admin"}),
    ]);
    let (boss, ed, admin) = (&made[1]["token"], &made[2]["token"], &made[3]["token"]);
    db.script("UPDATE wp_users SET user_activation_key = '1764000000:$P$pending' WHERE user_login = 'boss'");

    // revoke-tokens alone: ed's session refused, everyone else's kept, ed still active.
    let revoked = with_profile(
        &db,
        "wordpress",
        &[
            "revoke-tokens",
            "ed",
            "--kind",
            "session",
            "--yes",
            "-o",
            "json",
        ],
    );
    revoked.expect_code(0);
    assert_eq!(revoked.json()["revoked_by_kind"], json!({"session": 1}));
    let answers = wp(&[
        json!({"op": "session_valid", "login": "ed", "token": ed}),
        json!({"op": "session_valid", "login": "boss", "token": boss}),
        json!({"op": "login", "login": "ed", "password": OLD}),
    ]);
    assert_eq!(answers[0]["ok"], false, "{answers:?}");
    assert_eq!(answers[1]["ok"], true, "{answers:?}");
    assert_eq!(answers[2]["ok"], true, "{answers:?}");

    // lockdown: WordPress has no disabled state, so the role goes; session and link cut.
    let lockdown = with_profile(
        &db,
        "wordpress",
        &["lockdown", "boss", "--yes", "-o", "json"],
    );
    lockdown.expect_code(0);
    let result = lockdown.json();
    assert_eq!(
        result["revoked_by_kind"],
        json!({"session": 1, "reset_link": 1}),
        "{result}"
    );
    assert!(
        result["notes"].to_string().contains("cannot be disabled"),
        "{result}"
    );
    let answers = wp(&[
        json!({"op": "session_valid", "login": "boss", "token": boss}),
        json!({"op": "session_valid", "login": "admin", "token": admin}),
        json!({"op": "login", "login": "boss", "password": OLD}),
        json!({"op": "user", "login": "boss"}),
    ]);
    assert_eq!(answers[0]["ok"], false, "{answers:?}");
    assert_eq!(answers[1]["ok"], true, "{answers:?}");
    assert_eq!(answers[2]["ok"], false, "{answers:?}");
    assert_eq!(answers[3]["admin"], false, "{answers:?}");
    assert_eq!(
        first_text(
            &db,
            "SELECT user_activation_key FROM wp_users WHERE user_login = 'boss'"
        ),
        ""
    );
}

/// Mastodon's `oauth_access_tokens` and `session_activations` as db/schema.rb declares them
/// (inet as text), one token and one session each for users 1 and 2.
fn mastodon_credentials(db: &TestDb) {
    let time = match db.engine {
        Engine::Postgres => "timestamp(6) without time zone",
        Engine::MySql => "datetime(6)",
        Engine::Sqlite => "timestamp",
    };
    db.script(&format!(
        "CREATE TABLE oauth_access_tokens (id {serial}, token VARCHAR(255) NOT NULL, \
         refresh_token VARCHAR(255), expires_in INTEGER, revoked_at {time}, \
         created_at {time} NOT NULL, scopes VARCHAR(255), application_id BIGINT, \
         resource_owner_id BIGINT, last_used_at {time}, last_used_ip VARCHAR(64)); \
         CREATE TABLE session_activations (id {serial}, session_id VARCHAR(255) NOT NULL, \
         created_at {time} NOT NULL, updated_at {time} NOT NULL, \
         user_agent VARCHAR(255) DEFAULT '' NOT NULL, ip VARCHAR(64), access_token_id BIGINT, \
         user_id BIGINT NOT NULL, web_push_subscription_id BIGINT);",
        serial = serial(db.engine)
    ));
    for user in [1, 2] {
        db.script(&format!(
            "INSERT INTO oauth_access_tokens (token, scopes, application_id, resource_owner_id, \
             created_at) VALUES ('secret-token-{user}', 'read write', 1, {user}, \
             '2025-01-01 00:00:00'); \
             INSERT INTO session_activations (session_id, created_at, updated_at, user_agent, \
             user_id) VALUES ('secret-session-{user}', '2025-01-01 00:00:00', \
             '2025-01-02 00:00:00', 'Firefox', {user});"
        ));
    }
}

#[test]
fn mastodon_tokens_get_revoked_at_and_sessions_are_deleted() {
    for engine in engines() {
        let db = TestDb::empty(engine);
        db.script(&crate::devise::mastodon_sql(engine));
        for (user, account) in [("ann", 1), ("bob", 2)] {
            db.script(&format!(
                "INSERT INTO users (email, encrypted_password, account_id, role_id) \
                 VALUES ('{user}@example.com', '$2a$10$unused', {account}, 3)"
            ));
        }
        mastodon_credentials(&db);
        let bobs = (
            rows_where(&db, "oauth_access_tokens", "resource_owner_id", "2"),
            rows_where(&db, "session_activations", "user_id", "2"),
        );
        let token = |db: &TestDb| {
            texts(&db.rows(
                "SELECT token, scopes, application_id, created_at FROM oauth_access_tokens \
                 WHERE resource_owner_id = 1",
            ))
        };
        let before = token(&db);

        let tokens = with_profile(
            &db,
            "mastodon",
            &[
                "revoke-tokens",
                "ann@example.com",
                "--kind",
                "api_token",
                "--yes",
                "-o",
                "json",
            ],
        );
        tokens.expect_code(0);
        assert_eq!(tokens.json()["revoked_by_kind"], json!({"api_token": 1}));
        assert_eq!(token(&db), before, "{engine:?}");
        assert!(is_recent(
            &db.rows("SELECT revoked_at FROM oauth_access_tokens WHERE resource_owner_id = 1")[0]
                [0],
            60
        ));
        let sessions = with_profile(
            &db,
            "mastodon",
            &[
                "revoke-tokens",
                "ann@example.com",
                "--kind",
                "session",
                "--yes",
                "-o",
                "json",
            ],
        );
        sessions.expect_code(0);
        assert!(
            db.rows("SELECT id FROM session_activations WHERE user_id = 1")
                .is_empty()
        );
        assert_eq!(
            (
                rows_where(&db, "oauth_access_tokens", "resource_owner_id", "2"),
                rows_where(&db, "session_activations", "user_id", "2"),
            ),
            bobs,
            "{engine:?}"
        );
    }
}
