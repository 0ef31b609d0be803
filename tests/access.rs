//! Taking access away: tokens, revoke-tokens, lockdown, reset links voided by reset and
//! deactivate, the re-activation guard and the gateway's Redis cache, on every engine.

use breakglass::db::Value;
use chrono::{TimeDelta, Utc};

use crate::servers::{TestCa, TlsRedis};
use crate::support::*;

const PW: &str = "Right-Horse-Battery-9";
const NEW: &str = "Quartz-Falcon-Rain-Maple-Lake";
/// A Redis database of these tests' own on the local server.
const REDIS_DB: &str = "13";

fn add_token(db: &TestDb, email: &str, name: &str, jti: &str, expires_in_days: Option<i64>) {
    let d = db.dialect();
    let expires = expires_in_days.map_or(Value::Null, |days| {
        Value::Timestamp(breakglass::db::value::now() + TimeDelta::days(days))
    });
    db.execute(
        &format!(
            "INSERT INTO email_api_tokens (id, user_email, name, jti, token_hash, created_at, expires_at, is_active) \
             VALUES ({})",
            d.placeholders(0, 8)
        ),
        &[
            Value::Text(format!("id-{jti}")),
            Value::Text(email.into()),
            Value::Text(name.into()),
            Value::Text(jti.into()),
            Value::Text(format!("secret-token-hash-{jti}")),
            Value::Timestamp(breakglass::db::value::now()),
            expires,
            Value::Bool(true),
        ],
    );
}

fn add_reset_link(db: &TestDb, email: &str, id: &str) {
    let d = db.dialect();
    let now = breakglass::db::value::now();
    db.execute(
        &format!(
            "INSERT INTO password_reset_tokens (id, user_email, token_hash, expires_at, created_at) VALUES ({})",
            d.placeholders(0, 5)
        ),
        &[
            Value::Text(id.into()),
            Value::Text(email.into()),
            Value::Text(format!("{id:0>64}")),
            Value::Timestamp(now + TimeDelta::hours(1)),
            Value::Timestamp(now),
        ],
    );
}

fn unused_links(db: &TestDb, email: &str) -> usize {
    db.rows(&format!(
        "SELECT id FROM password_reset_tokens WHERE user_email = '{email}' AND used_at IS NULL"
    ))
    .len()
}

fn revoked_jtis(db: &TestDb) -> Vec<String> {
    let mut jtis: Vec<String> = texts(&db.rows("SELECT jti FROM token_revocations"))
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    jtis.sort();
    jtis
}

/// Every table a change here may touch, for "nothing changed" checks.
fn everything(db: &TestDb) -> Vec<Vec<String>> {
    let mut all = db.snapshot();
    for table in [
        "email_api_tokens",
        "token_revocations",
        "password_reset_tokens",
    ] {
        all.push(db.dump(table));
    }
    all
}

fn gateway(db: &TestDb) {
    db.insert(&user("root@example.com", PW).admin());
    db.insert(&user("admin@example.com", PW).admin());
    db.insert(&user("eve@example.com", PW).admin());
    db.insert(&user("ann@example.com", PW));
    add_token(db, "eve@example.com", "ci", "jti-eve-ci", Some(30));
    add_token(db, "eve@example.com", "old", "jti-eve-old", Some(-1));
    add_token(db, "eve@example.com", "forever", "jti-eve-forever", None);
    add_token(db, "ann@example.com", "ann", "jti-ann", Some(30));
    add_reset_link(db, "eve@example.com", "link-eve");
    add_reset_link(db, "ann@example.com", "link-ann");
}

#[test]
fn tokens_lists_states_and_never_a_hash() {
    for engine in engines() {
        let db = TestDb::new(engine);
        gateway(&db);
        let all = db.run(&["tokens", "--all", "-o", "json", "-q"]);
        all.expect_code(0);
        let tokens = all.json();
        let tokens = tokens.as_array().expect("array");
        assert_eq!(tokens.len(), 4, "{engine:?}");
        let keys: Vec<&String> = tokens[0].as_object().expect("object").keys().collect();
        for key in [
            "email",
            "name",
            "jti",
            "team_id",
            "created_at",
            "expires_at",
            "last_used",
            "state",
            "revoked_at",
            "revoked_by",
            "reason",
        ] {
            assert!(
                keys.iter().any(|k| *k == key),
                "{engine:?}: {key} in {keys:?}"
            );
        }
        assert!(!all.stdout.contains("secret-token-hash"), "{}", all.stdout);
        let state = |jti: &str| {
            tokens
                .iter()
                .find(|t| t["jti"] == jti)
                .map(|t| t["state"].clone())
        };
        assert_eq!(state("jti-eve-old"), Some("expired".into()), "{engine:?}");
        assert_eq!(
            state("jti-eve-forever"),
            Some("active".into()),
            "{engine:?}"
        );

        let active = db.run(&["tokens", "Eve@Example.com", "--active", "-o", "csv", "-q"]);
        active.expect_code(0);
        assert_eq!(
            active.stdout.lines().count(),
            3,
            "{engine:?}: {}",
            active.stdout
        );
        assert!(!active.stdout.contains("jti-eve-old") && !active.stdout.contains("jti-ann"));

        let table = db.run(&["tokens", "eve@example.com", "-q"]);
        table.expect_code(0);
        for header in [
            "email",
            "name",
            "jti",
            "team",
            "created",
            "expires",
            "last used",
            "state",
        ] {
            assert!(
                table.stdout.contains(header),
                "{engine:?}: {}",
                table.stdout
            );
        }
    }
}

#[test]
fn revoke_tokens_writes_what_the_gateways_own_revoke_writes() {
    for engine in engines() {
        let db = TestDb::new(engine);
        gateway(&db);
        // One token by jti; the platform admin (admin@example.com, the default) signs it.
        let one = db.run(&[
            "revoke-tokens",
            "eve@example.com",
            "--jti",
            "jti-eve-ci",
            "--yes",
            "-o",
            "json",
        ]);
        one.expect_code(0);
        let result = one.json();
        assert_eq!(result["changed"], true, "{engine:?}");
        assert_eq!(result["revoked"], serde_json::json!(["jti-eve-ci"]));
        assert_eq!(result["redis"], "not configured");
        assert!(result["fields"].is_object());
        let row = db.rows(
            "SELECT revoked_by, reason, token_expiry, revoked_at FROM token_revocations WHERE jti = 'jti-eve-ci'",
        );
        assert_eq!(texts(&row)[0][0], "admin@example.com", "{engine:?}");
        assert_eq!(texts(&row)[0][1], "revoked with breakglass");
        assert!(
            !matches!(row[0][2], Value::Null),
            "token_expiry is the token's expiry"
        );
        assert!(is_recent(&row[0][3], 60), "{engine:?}: {:?}", row[0][3]);
        let inactive = db.rows("SELECT is_active FROM email_api_tokens WHERE jti = 'jti-eve-ci'");
        assert!(is_false(&inactive[0][0]), "{engine:?}");
        let events = texts(&db.rows(
            "SELECT event_type, details FROM email_auth_events WHERE user_email = 'eve@example.com'",
        ));
        assert_eq!(events.len(), 1, "{engine:?}");
        assert_eq!(events[0][0], "TOKENS_REVOKED");
        assert!(events[0][1].contains("jti-eve-ci"), "{}", events[0][1]);

        // The rest, by another signer and reason; the revoked one is not revoked twice.
        let rest = db.run(&[
            "revoke-tokens",
            "eve@example.com",
            "--by",
            "Root@Example.com",
            "--reason",
            "ticket 42",
            "--yes",
            "-o",
            "json",
        ]);
        rest.expect_code(0);
        let mut second: Vec<String> = rest.json()["revoked"]
            .as_array()
            .expect("revoked")
            .iter()
            .map(|jti| jti.as_str().unwrap_or_default().to_owned())
            .collect();
        second.sort();
        assert_eq!(second, ["jti-eve-forever", "jti-eve-old"], "{engine:?}");
        assert_eq!(
            revoked_jtis(&db),
            ["jti-eve-ci", "jti-eve-forever", "jti-eve-old"],
            "{engine:?}"
        );
        let signer = texts(&db.rows(
            "SELECT revoked_by, reason FROM token_revocations WHERE jti = 'jti-eve-forever'",
        ));
        assert_eq!(signer[0], ["root@example.com", "ticket 42"], "{engine:?}");
        // ann's token is untouched.
        assert!(!revoked_jtis(&db).contains(&"jti-ann".to_owned()));

        // Nothing left to revoke: exit 0, changed false, no new event.
        let again = db.run(&["revoke-tokens", "eve@example.com", "--yes", "-o", "json"]);
        again.expect_code(0);
        assert_eq!(again.json()["changed"], false, "{engine:?}");

        // A dry run writes nothing.
        let before = everything(&db);
        let dry = db.run(&[
            "revoke-tokens",
            "ann@example.com",
            "--dry-run",
            "-o",
            "json",
        ]);
        dry.expect_code(0);
        assert_eq!(dry.json()["dry_run"], true);
        assert_eq!(dry.json()["revoked"], serde_json::json!(["jti-ann"]));
        assert_eq!(everything(&db), before, "{engine:?}: the dry run wrote");
    }
}

#[test]
fn lockdown_cuts_every_way_in_at_once() {
    for engine in engines() {
        let db = TestDb::new(engine);
        gateway(&db);
        let hash_before = db.row("eve@example.com")["password_hash"].clone();
        let audit = db.dir.path().join("audit.jsonl");
        let audit_arg = audit.display().to_string();
        let run = db.run_with(
            &[
                "lockdown",
                "eve@example.com",
                "--yes",
                "-o",
                "json",
                "--audit-log",
                &audit_arg,
            ],
            None,
            CHEAP_HASH,
        );
        run.expect_code(0);
        let result = run.json();
        let row = db.row("eve@example.com");
        assert!(is_false(&row["is_active"]), "{engine:?}");
        assert!(is_true(&row["password_change_required"]), "{engine:?}");
        assert_ne!(row["password_hash"], hash_before, "{engine:?}");
        assert_eq!(
            revoked_jtis(&db),
            ["jti-eve-ci", "jti-eve-forever", "jti-eve-old"],
            "{engine:?}"
        );
        assert_eq!(unused_links(&db, "eve@example.com"), 0, "{engine:?}");
        assert_eq!(unused_links(&db, "ann@example.com"), 1, "{engine:?}");
        assert_eq!(result["reset_links_voided"], 1);
        assert_eq!(result["revoked"].as_array().map(Vec::len), Some(3));
        assert_eq!(result["redis"], "not configured");
        // now + TOKEN_EXPIRY (20) minutes + the 30 s cache
        let until = chrono::DateTime::parse_from_rfc3339(
            result["sessions_valid_until"].as_str().expect("until"),
        )
        .expect("rfc3339");
        let from_now = until.with_timezone(&Utc) - Utc::now();
        assert!(
            from_now > TimeDelta::seconds(20 * 60) && from_now <= TimeDelta::seconds(20 * 60 + 31),
            "{engine:?}: {from_now:?}"
        );
        let notes = result["notes"].to_string();
        assert!(notes.contains("JWT_SECRET_KEY"), "{notes}");
        // Nobody learns the new password: not the output, not the audit record.
        assert!(!run.stdout.contains("\"password\""), "{}", run.stdout);
        let record = std::fs::read_to_string(&audit).expect("audit");
        assert!(
            record.contains("\"revoked\"") && record.contains("jti-eve-ci"),
            "{record}"
        );
        assert!(!record.contains("$argon2"), "{record}");
        // Secrets: neither the new hash nor any token hash appears anywhere we write.
        let new_hash = texts(
            &db.rows("SELECT password_hash FROM email_users WHERE email = 'eve@example.com'"),
        )[0][0]
            .clone();
        let events_text = db.dump("email_auth_events").join("\n");
        for (place, text) in [
            ("stdout", run.stdout.as_str()),
            ("stderr", run.stderr.as_str()),
            ("audit", record.as_str()),
            ("events", events_text.as_str()),
        ] {
            assert!(
                !text.contains(&new_hash),
                "{engine:?}: the new hash in {place}"
            );
            assert!(
                !text.contains("secret-token-hash"),
                "{engine:?}: a token hash in {place}"
            );
        }
        let event = texts(&db.rows(
            "SELECT event_type, details FROM email_auth_events WHERE user_email = 'eve@example.com'",
        ));
        assert_eq!(event[0][0], "ACCOUNT_LOCKED", "{engine:?}");
        assert!(
            event[0][1].contains("\"reset_links_voided\":1"),
            "{}",
            event[0][1]
        );
        // The old password no longer verifies.
        let verify = db.run_with(
            &["verify", "eve@example.com", "--password-stdin", "-q"],
            Some(PW),
            &[],
        );
        assert_eq!(verify.code, 5, "{engine:?}: {}", verify.stderr);

        // Right after, re-activation would revive old sessions: refused, nothing written.
        let before = everything(&db);
        let revive = db.run_with(
            &[
                "reset",
                "eve@example.com",
                "--password-stdin",
                "--activate",
                "--yes",
            ],
            Some(NEW),
            CHEAP_HASH,
        );
        assert_eq!(revive.code, 8, "{engine:?}: {}", revive.stderr);
        assert!(
            revive.stderr.contains("bring them back"),
            "{}",
            revive.stderr
        );
        assert_eq!(everything(&db), before, "{engine:?}");
        // --force overrides, and says so in the audit record.
        db.run_with(
            &[
                "reset",
                "eve@example.com",
                "--password-stdin",
                "--activate",
                "--yes",
                "--force",
            ],
            Some(NEW),
            CHEAP_HASH,
        )
        .expect_code(0);
        assert!(
            is_true(&db.row("eve@example.com")["is_active"]),
            "{engine:?}"
        );

        // --keep-password leaves the hash alone.
        let ann_hash = db.row("ann@example.com")["password_hash"].clone();
        db.run(&[
            "lockdown",
            "ann@example.com",
            "--keep-password",
            "--yes",
            "-q",
        ])
        .expect_code(0);
        assert_eq!(
            db.row("ann@example.com")["password_hash"],
            ann_hash,
            "{engine:?}"
        );
        assert!(is_false(&db.row("ann@example.com")["is_active"]));
    }
}

#[test]
fn lockdowns_plan_names_what_it_cuts_before_the_confirmation() {
    let db = TestDb::new(Engine::Sqlite);
    gateway(&db);
    let before = everything(&db);
    // Declined: the plan was on the screen, nothing changed.
    let (code, screen) =
        crate::interactive::on_terminal(&db, &["lockdown", "eve@example.com"], &["n\n"]);
    assert_eq!(code, 11, "{screen}");
    let plan = screen
        .split("Apply this change")
        .next()
        .expect("the plan comes first");
    assert!(
        plan.contains("email_api_tokens: 3 API tokens (ci, old, forever) -> revoked")
            && plan.contains("password_reset_tokens: 1 unused reset link -> voided")
            && plan.contains("is_active: true -> false"),
        "{screen}"
    );
    assert_eq!(everything(&db), before);
    // Accepted: one result line, the cut not listed twice, the login judged refused.
    let (code, screen) =
        crate::interactive::on_terminal(&db, &["lockdown", "eve@example.com"], &["y\n"]);
    assert_eq!(code, 0, "{screen}");
    let result = screen
        .split("lockdown eve@example.com: committed")
        .nth(1)
        .expect("committed");
    assert!(
        result.contains("login: refused") && !result.contains("is_active:"),
        "{screen}"
    );
    // Without the confirmation (a script), the result says what was cut.
    db.run(&[
        "reset",
        "ann@example.com",
        "--generate",
        "--reveal",
        "--yes",
        "-q",
    ])
    .expect_code(0);
    let scripted = db.run_with(&["lockdown", "ann@example.com", "--yes"], None, CHEAP_HASH);
    scripted.expect_code(0);
    assert!(
        scripted.stdout.contains("  1 API token revoked\n")
            && scripted.stdout.contains("  is_active: true -> false\n"),
        "{}",
        scripted.stdout
    );
}

#[test]
fn lockdown_of_the_last_usable_admin_is_refused_and_suggests_create_admin() {
    for engine in engines() {
        let db = TestDb::new(engine);
        db.insert(&user("solo@example.com", PW).admin());
        add_token(&db, "solo@example.com", "ci", "jti-solo", Some(1));
        let before = everything(&db);
        let run = db.run(&["lockdown", "solo@example.com", "--yes"]);
        assert_eq!(run.code, 8, "{engine:?}: {}", run.stderr);
        assert!(run.stderr.contains("create-admin"), "{}", run.stderr);
        assert_eq!(everything(&db), before, "{engine:?}");
        let forced = db.run_with(
            &[
                "lockdown",
                "solo@example.com",
                "--yes",
                "--force",
                "-o",
                "json",
            ],
            None,
            CHEAP_HASH,
        );
        forced.expect_code(0);
        assert_eq!(revoked_jtis(&db), ["jti-solo"], "{engine:?}");
    }
}

#[test]
fn reset_and_deactivate_void_pending_reset_links() {
    for engine in engines() {
        let db = TestDb::new(engine);
        gateway(&db);
        add_reset_link(&db, "eve@example.com", "link-eve-2");
        db.run_with(
            &[
                "reset",
                "eve@example.com",
                "--password-stdin",
                "--yes",
                "-q",
            ],
            Some(NEW),
            CHEAP_HASH,
        )
        .expect_code(0);
        assert_eq!(unused_links(&db, "eve@example.com"), 0, "{engine:?}");
        assert_eq!(unused_links(&db, "ann@example.com"), 1, "{engine:?}");
        // Tokens survive a reset (that is what revoke-tokens is for).
        assert!(revoked_jtis(&db).is_empty(), "{engine:?}");

        add_reset_link(&db, "ann@example.com", "link-ann-2");
        let run = db.run(&["deactivate", "ann@example.com", "--yes", "-o", "json"]);
        run.expect_code(0);
        assert_eq!(run.json()["reset_links_voided"], 2, "{engine:?}");
        assert_eq!(unused_links(&db, "ann@example.com"), 0, "{engine:?}");
        // Re-activating within TOKEN_EXPIRY of the deactivation is refused.
        let revive = db.run_with(
            &[
                "reset",
                "ann@example.com",
                "--password-stdin",
                "--activate",
                "--yes",
            ],
            Some(PW.replace('9', "8").as_str()),
            CHEAP_HASH,
        );
        assert_eq!(revive.code, 8, "{engine:?}: {}", revive.stderr);
        // With TOKEN_EXPIRY=0 only the 30 s cache remains; a deactivation from an hour ago
        // (told by updated_at when breakglass left no event) is long past.
        db.execute(
            &format!(
                "UPDATE email_users SET updated_at = {} WHERE email = 'ann@example.com'",
                db.dialect().placeholder(1)
            ),
            &[Value::Timestamp(
                breakglass::db::value::now() - TimeDelta::hours(1),
            )],
        );
        db.execute("DELETE FROM email_auth_events", &[]);
        db.run_with(
            &[
                "reset",
                "ann@example.com",
                "--password-stdin",
                "--activate",
                "--yes",
                "-q",
            ],
            Some(PW.replace('9', "8").as_str()),
            CHEAP_HASH,
        )
        .expect_code(0);
    }
}

fn redis_cli(args: &[&str]) -> Option<String> {
    let output = std::process::Command::new("redis-cli")
        .args(["-h", "127.0.0.1", "-p", "6379", "-n", REDIS_DB])
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

#[test]
fn the_gateways_redis_cache_is_told_after_the_commit() {
    let reachable = redis_cli(&["PING"]).as_deref() == Some("PONG");
    if !required_tool("Redis at 127.0.0.1:6379 and redis-cli", reachable) {
        return;
    }
    redis_cli(&["FLUSHDB"]).expect("flush");
    let db = TestDb::new(Engine::Sqlite);
    gateway(&db);
    let prefix = "bgtest:";
    // What the gateway's workers cached for eve and for a session of hers.
    for key in [
        "auth:user:eve@example.com",
        "auth:team:eve@example.com",
        "auth:ctx:eve@example.com:jti-session-1",
        "auth:ctx:eve@example.com:jti-eve-ci",
        "auth:membership:eve@example.com:t1",
        "auth:user:ann@example.com",
    ] {
        redis_cli(&["SET", &format!("{prefix}{key}"), "cached"]).expect("set");
    }
    let redis_url = format!("redis://127.0.0.1:6379/{REDIS_DB}");
    let env = [
        ("CACHE_TYPE", "redis"),
        ("REDIS_URL", redis_url.as_str()),
        ("CACHE_PREFIX", prefix),
    ];
    let revoke = db.run_with(
        &[
            "revoke-tokens",
            "eve@example.com",
            "--jti",
            "jti-eve-ci",
            "--yes",
            "-o",
            "json",
        ],
        None,
        &env,
    );
    revoke.expect_code(0);
    assert_eq!(revoke.json()["redis"], "done", "{}", revoke.stderr);
    assert_eq!(
        redis_cli(&["GET", &format!("{prefix}auth:revoke:jti-eve-ci")]).as_deref(),
        Some("1")
    );
    let ttl: i64 = redis_cli(&["TTL", &format!("{prefix}auth:revoke:jti-eve-ci")])
        .and_then(|t| t.parse().ok())
        .expect("ttl");
    assert!(ttl > 86_000 && ttl <= 86_400, "{ttl}");
    assert_eq!(
        redis_cli(&["SISMEMBER", "mcpgw:auth:revoked_tokens", "jti-eve-ci"]).as_deref(),
        Some("1")
    );
    assert_eq!(
        redis_cli(&[
            "EXISTS",
            &format!("{prefix}auth:ctx:eve@example.com:jti-eve-ci")
        ])
        .as_deref(),
        Some("0")
    );
    assert_eq!(
        redis_cli(&["EXISTS", &format!("{prefix}auth:user:eve@example.com")]).as_deref(),
        Some("1"),
        "a token revocation leaves the cached user"
    );

    let mut env_lockdown = env.to_vec();
    env_lockdown.extend_from_slice(CHEAP_HASH);
    let lockdown = db.run_with(
        &["lockdown", "eve@example.com", "--yes", "-o", "json"],
        None,
        &env_lockdown,
    );
    lockdown.expect_code(0);
    assert_eq!(lockdown.json()["redis"], "done", "{}", lockdown.stderr);
    for gone in [
        "auth:user:eve@example.com",
        "auth:team:eve@example.com",
        "auth:ctx:eve@example.com:jti-session-1",
        "auth:membership:eve@example.com:t1",
    ] {
        assert_eq!(
            redis_cli(&["EXISTS", &format!("{prefix}{gone}")]).as_deref(),
            Some("0"),
            "{gone}"
        );
    }
    assert_eq!(
        redis_cli(&["EXISTS", &format!("{prefix}auth:user:ann@example.com")]).as_deref(),
        Some("1"),
        "another user's cache is untouched"
    );
    assert_eq!(
        redis_cli(&["SISMEMBER", "mcpgw:auth:revoked_tokens", "jti-eve-forever"]).as_deref(),
        Some("1")
    );

    // Redis unreachable after the commit: the change stands, exit 0, a warning, "failed".
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let dead = format!("redis://127.0.0.1:{closed_port}/0");
    let deactivate = db.run_with(
        &["deactivate", "ann@example.com", "--yes", "-o", "json"],
        None,
        &[("CACHE_TYPE", "redis"), ("REDIS_URL", dead.as_str())],
    );
    deactivate.expect_code(0);
    assert_eq!(deactivate.json()["redis"], "failed");
    assert!(
        deactivate.stderr.contains("within 30 seconds"),
        "{}",
        deactivate.stderr
    );
    assert!(is_false(&db.row("ann@example.com")["is_active"]));
    // --no-redis leaves it alone.
    let skipped = db.run_with(
        &[
            "revoke-tokens",
            "ann@example.com",
            "--yes",
            "--no-redis",
            "-o",
            "json",
        ],
        None,
        &[("CACHE_TYPE", "redis"), ("REDIS_URL", dead.as_str())],
    );
    skipped.expect_code(0);
    assert_eq!(skipped.json()["redis"], "skipped");
    redis_cli(&["FLUSHDB"]).expect("flush");
}

/// Arguments, environment, the exit code and what the message must say.
type BadCase<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, i32, &'a str);

#[test]
fn bad_input_for_access_commands_changes_nothing() {
    let db = TestDb::new(Engine::Sqlite);
    gateway(&db);
    let garbage_redis = [
        ("CACHE_TYPE", "redis"),
        ("REDIS_URL", "htp://u:Secret-77@x"),
    ];
    let cases: Vec<BadCase> = vec![
        (
            vec!["revoke-tokens", "eve@example.com", "--jti", "nope", "--yes"],
            vec![],
            3,
            "no API token with jti nope",
        ),
        (
            vec![
                "revoke-tokens",
                "eve@example.com",
                "--jti",
                "jti-ann",
                "--yes",
            ],
            vec![],
            3,
            "no API token with jti jti-ann",
        ),
        (
            vec![
                "revoke-tokens",
                "eve@example.com",
                "--by",
                "ghost@example.com",
                "--yes",
            ],
            vec![],
            3,
            "--by ghost@example.com",
        ),
        (
            vec!["revoke-tokens", "ghost@example.com", "--yes"],
            vec![],
            3,
            "no user ghost@example.com",
        ),
        (
            vec!["revoke-tokens", "", "--yes"],
            vec![],
            3,
            "the email is empty",
        ),
        (
            vec!["revoke-tokens", "eve@example.com"],
            vec![],
            8,
            "no terminal to confirm",
        ),
        (
            vec!["revoke-tokens", "eve@example.com", "--yes"],
            garbage_redis.to_vec(),
            2,
            "REDIS_URL is not a Redis URL",
        ),
        (
            vec!["lockdown", "eve@example.com", "--yes"],
            garbage_redis.to_vec(),
            2,
            "REDIS_URL is not a Redis URL",
        ),
        (
            vec!["deactivate", "eve@example.com", "--yes"],
            garbage_redis.to_vec(),
            2,
            "REDIS_URL is not a Redis URL",
        ),
        (
            vec!["lockdown", "ghost@example.com", "--yes"],
            vec![],
            3,
            "no user ghost@example.com",
        ),
        (
            vec![
                "lockdown",
                "eve@example.com",
                "--by",
                "nobody@example.com",
                "--yes",
            ],
            vec![],
            3,
            "--by nobody@example.com",
        ),
        (
            vec!["lockdown", "eve@example.com"],
            vec![],
            8,
            "no terminal to confirm",
        ),
        (
            vec![
                "lockdown",
                "eve@example.com",
                "--yes",
                "--table",
                "no_such_table",
            ],
            vec![],
            7,
            "no_such_table",
        ),
        (vec!["tokens"], vec![], 2, "required"),
        (
            vec!["tokens", "eve@example.com", "--all"],
            vec![],
            2,
            "cannot be used with",
        ),
        (
            vec!["tokens", "ghost@example.com"],
            vec![],
            3,
            "no user ghost@example.com",
        ),
        (
            vec!["revoke-tokens", "eve@example.com", "--jti"],
            vec![],
            2,
            "a value is required",
        ),
        (
            vec![
                "lockdown",
                "eve@example.com",
                "--yes",
                "--keep-password",
                "--generate",
            ],
            vec![],
            2,
            "unexpected argument",
        ),
    ];
    for (args, env, code, says) in &cases {
        let before = everything(&db);
        let run = db.run_with(args, None, env);
        assert_eq!(run.code, *code, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(says),
            "{args:?} should say {says:?}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("Secret-77") && !run.stderr.contains("panicked"),
            "{}",
            run.stderr
        );
        assert_eq!(everything(&db), before, "{args:?} changed the database");
    }

    // Without the token tables (an older gateway, another application): exit 7 naming them.
    let old = TestDb::new(Engine::Sqlite);
    old.insert(&user("eve@example.com", PW).admin());
    old.script("DROP TABLE email_api_tokens");
    for args in [
        vec!["tokens", "--all"],
        vec!["revoke-tokens", "eve@example.com", "--yes"],
    ] {
        let before = old.snapshot();
        let run = old.run(&args);
        assert_eq!(run.code, 7, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("email_api_tokens is missing"),
            "{}",
            run.stderr
        );
        assert_eq!(old.snapshot(), before);
    }
    eprintln!("bad inputs for access commands: {}", cases.len() + 2);
}

#[test]
fn rediss_urls_speak_tls_and_trust_the_systems_roots() {
    let tools = ["redis-server", "redis-cli", "openssl"].iter().all(|tool| {
        std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok()
    });
    if !required_tool("redis-server, redis-cli and openssl", tools) {
        return;
    }
    let ca = TestCa::new("localhost");
    let redis = TlsRedis::start(&ca);
    let db = TestDb::new(Engine::Sqlite);
    gateway(&db);
    let url = format!("rediss://localhost:{}/0", redis.port);
    let ca_file = ca.ca_cert().display().to_string();
    let env = [
        ("CACHE_TYPE", "redis"),
        ("REDIS_URL", url.as_str()),
        // rustls reads the trusted roots from the system, or from here.
        ("SSL_CERT_FILE", ca_file.as_str()),
    ];
    let run = db.run_with(
        &["revoke-tokens", "ann@example.com", "--yes", "-o", "json"],
        None,
        &env,
    );
    run.expect_code(0);
    assert_eq!(run.json()["redis"], "done", "{}", run.stderr);
    let marker = std::process::Command::new("redis-cli")
        .args(["--tls", "--cacert", &ca_file, "-h", "localhost"])
        .args([
            "-p",
            &redis.port.to_string(),
            "GET",
            "mcpgw:auth:revoke:jti-ann",
        ])
        .output()
        .expect("redis-cli");
    assert_eq!(String::from_utf8_lossy(&marker.stdout).trim(), "1");

    // A server whose certificate is not trusted: the change stands, Redis "failed".
    let untrusted = db.run_with(
        &["deactivate", "ann@example.com", "--yes", "-o", "json"],
        None,
        &[("CACHE_TYPE", "redis"), ("REDIS_URL", url.as_str())],
    );
    untrusted.expect_code(0);
    assert_eq!(untrusted.json()["redis"], "failed", "{}", untrusted.stderr);
    assert!(
        untrusted.stderr.contains("certificate"),
        "{}",
        untrusted.stderr
    );
}
