//! Django itself as the judge: a database whose tables Django's `migrate` made, users Django
//! made, breakglass's changes checked with Django's own `authenticate()` and queries
//! (tests/judges/django_judge.py, in the virtualenv .ci/run keeps at DJANGO_VENV).

use std::process::Command;

use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";

/// Where .ci/run installs Django 5.2, argon2-cffi, bcrypt, psycopg and django-axes.
pub const DJANGO_VENV: &str = "/var/cache/breakglass/django-venv";

fn judge_python() -> Option<String> {
    let python = format!("{DJANGO_VENV}/bin/python");
    let found = Command::new(&python)
        .args(["-c", "import django, argon2, bcrypt, psycopg, axes"])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool(&format!("Django 5.2 in {DJANGO_VENV}"), found).then_some(python)
}

/// Runs Django's judge on the test database; stdin is handed over as is.
fn judge(python: &str, db: &TestDb, args: &[&str], stdin: &str, axes: bool) -> String {
    let axes = if axes { "1" } else { "0" };
    run_judge(
        python,
        "django_judge.py",
        db,
        args,
        &[("JUDGE_AXES", axes)],
        stdin,
    )
}

/// Engines with a Django driver that installs without a compiler (psycopg[binary]).
fn django_engines() -> Vec<Engine> {
    engines()
        .into_iter()
        .filter(|engine| *engine != Engine::MySql)
        .collect()
}

fn bg(db: &TestDb, profile: &str, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["--profile", profile];
    all.extend_from_slice(args);
    db.run_with(&all, stdin, &[])
}

#[test]
fn django_judges_reset_create_admin_promote_deactivate_and_list_admins() {
    let Some(python) = judge_python() else { return };
    for engine in django_engines() {
        let db = TestDb::empty(engine);
        let j = |args: &[&str], stdin: &str| judge(&python, &db, args, stdin, false);
        j(&["migrate"], "");
        j(&["create-user", "alice", OLD, "superuser"], "");
        j(&["create-user", "bob", OLD], "");

        // list-admins shows exactly Django's superusers, with the gateway's JSON keys.
        let listed = bg(&db, "django", &["list-admins", "-o", "json"], None);
        listed.expect_code(0);
        let names = listed_keys(&listed);
        let django: Vec<String> = serde_json::from_str(&j(&["superusers"], "")).expect("json");
        assert_eq!(names, django, "{engine:?}");
        assert_eq!(django, ["alice"]);
        let first = &listed.json()[0];
        for key in [
            "email",
            "full_name",
            "is_active",
            "is_admin",
            "admin_via",
            "locked",
            "warnings",
        ] {
            assert!(first.get(key).is_some(), "{key} in {first}");
        }
        assert!(listed.stderr.contains("auth_user"), "{}", listed.stderr);

        // verify agrees with Django on the hash Django made, and names the scheme.
        let verified = bg(
            &db,
            "django",
            &["verify", "alice", "--password-stdin"],
            Some(OLD),
        );
        verified.expect_code(0);
        assert!(
            verified.stdout.contains("django pbkdf2_sha256"),
            "{}",
            verified.stdout
        );

        // reset: Django accepts the new password and refuses the old one.
        bg(
            &db,
            "django",
            &["reset", "alice", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        assert_eq!(j(&["authenticate", "alice", NEW], ""), "ok", "{engine:?}");
        assert_eq!(
            j(&["authenticate", "alice", OLD], ""),
            "refused",
            "{engine:?}"
        );
        let stored = db.rows("SELECT password FROM auth_user WHERE username = 'alice'");
        let stored = texts(&stored)[0][0].clone();
        assert!(stored.starts_with("pbkdf2_sha256$1000000$"), "{stored}");

        // create-admin: a superuser with is_staff that Django logs in.
        bg(
            &db,
            "django",
            &["create-admin", "carol", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        let carol: serde_json::Value =
            serde_json::from_str(&j(&["user", "carol"], "")).expect("json");
        assert_eq!(carol["is_superuser"], true);
        assert_eq!(carol["is_staff"], true);
        assert_eq!(carol["is_active"], true);
        assert_eq!(j(&["authenticate", "carol", NEW], ""), "ok");

        // promote sets is_superuser and is_staff; --demote takes the superuser away.
        bg(&db, "django", &["promote", "bob", "--yes"], None).expect_code(0);
        let bob: serde_json::Value = serde_json::from_str(&j(&["user", "bob"], "")).expect("json");
        assert_eq!(
            (bob["is_superuser"].clone(), bob["is_staff"].clone()),
            (true.into(), true.into())
        );
        bg(
            &db,
            "django",
            &["promote", "bob", "--demote", "--yes"],
            None,
        )
        .expect_code(0);
        let bob: serde_json::Value = serde_json::from_str(&j(&["user", "bob"], "")).expect("json");
        assert_eq!(bob["is_superuser"], false);

        // deactivate: Django refuses the login.
        bg(&db, "django", &["deactivate", "carol", "--yes"], None).expect_code(0);
        assert_eq!(j(&["authenticate", "carol", NEW], ""), "refused");

        let listed = bg(&db, "django", &["list-admins", "-o", "json"], None);
        let names = listed_keys(&listed);
        let django: Vec<String> = serde_json::from_str(&j(&["superusers"], "")).expect("json");
        assert_eq!(names, django, "{engine:?}");
    }
}

#[test]
fn verify_agrees_with_django_on_every_hasher() {
    let Some(python) = judge_python() else { return };
    let db = TestDb::empty(Engine::Sqlite);
    let j = |args: &[&str], stdin: &str| judge(&python, &db, args, stdin, false);
    j(&["migrate"], "");
    j(&["create-user", "dora", OLD], "");
    for (algorithm, scheme) in [
        ("pbkdf2_sha256", "django pbkdf2_sha256"),
        ("pbkdf2_sha1", "django pbkdf2_sha1"),
        ("argon2", "django argon2"),
        ("bcrypt_sha256", "django bcrypt_sha256"),
        ("bcrypt", "django bcrypt"),
        ("scrypt", "django scrypt"),
    ] {
        let encoded = j(&["make-password", algorithm], OLD);
        j(&["set-hash", "dora"], &encoded);
        // Django's check, not authenticate(): a login would upgrade the hash to pbkdf2_sha256.
        for (password, code, django) in [(OLD, 0, "true"), (NEW, 5, "false")] {
            let run = bg(
                &db,
                "django",
                &["verify", "dora", "--password-stdin"],
                Some(password),
            );
            run.expect_code(code);
            assert!(run.stdout.contains(scheme), "{algorithm}: {}", run.stdout);
            assert_eq!(
                j(&["check-password", &encoded], password),
                django,
                "{algorithm}"
            );
        }
    }
    // Django's unusable password: reported as such, and Django agrees no password works.
    let encoded = j(&["make-password", "pbkdf2_sha256"], OLD);
    j(&["set-hash", "dora"], &format!("!{}", &encoded[..40]));
    let run = bg(
        &db,
        "django",
        &["verify", "dora", "--password-stdin"],
        Some(OLD),
    );
    run.expect_code(6);
    assert!(run.stdout.contains("no usable password"), "{}", run.stdout);
    let dora: serde_json::Value = serde_json::from_str(&j(&["user", "dora"], "")).expect("json");
    assert_eq!(dora["usable"], false);
    let listed = bg(
        &db,
        "django",
        &["list-admins", "--all-users", "-o", "json"],
        None,
    );
    let warnings = listed.json()[0]["warnings"].to_string();
    assert!(warnings.contains("no usable password"), "{warnings}");
}

#[test]
fn hash_password_prints_what_django_stores_and_django_checks_it() {
    let Some(python) = judge_python() else { return };
    let db = TestDb::empty(Engine::Sqlite);
    for (args, prefix) in [
        (&["--profile", "django"][..], "pbkdf2_sha256$1000000$"),
        (
            &["--profile", "django", "--scheme", "django-argon2"][..],
            "argon2$argon2id$v=19$m=102400,t=2,p=8$",
        ),
        (
            &["--profile", "django", "--scheme", "django-bcrypt-sha256"][..],
            "bcrypt_sha256$$2b$12$",
        ),
    ] {
        let mut all = vec!["hash-password", "--password-stdin"];
        all.extend_from_slice(args);
        let run = db.run_with(&all, Some(NEW), &[]);
        run.expect_code(0);
        let encoded = run.stdout.trim();
        assert!(encoded.starts_with(prefix), "{encoded}");
        assert_eq!(
            judge(&python, &db, &["check-password", encoded], NEW, false),
            "true"
        );
        assert_eq!(
            judge(&python, &db, &["check-password", encoded], OLD, false),
            "false"
        );
    }
}

#[test]
fn built_in_profiles_are_listed_and_chosen_by_name() {
    let db = TestDb::empty(Engine::Sqlite);
    let listed = db.run(&["profile", "list"]);
    listed.expect_code(0);
    for name in ["contextforge", "django", "netbox", "sentry"] {
        assert!(listed.stdout.contains(name), "{name}: {}", listed.stdout);
    }
    let json = db.run(&["profile", "list", "-o", "json"]);
    assert!(
        json.json()
            .as_array()
            .expect("array")
            .iter()
            .any(|p| p["table"] == "auth_user")
    );
    // By flag and by BREAKGLASS_PROFILE (environment or .env), without any file beside the binary.
    let shown = db.run(&["profile", "show", "--profile", "netbox"]);
    shown.expect_code(0);
    assert!(shown.stdout.contains("users_user"), "{}", shown.stdout);
    let by_env = db.run_with(
        &["profile", "show"],
        None,
        &[("BREAKGLASS_PROFILE", "sentry")],
    );
    assert!(
        by_env.stdout.contains("is_password_expired"),
        "{}",
        by_env.stdout
    );
    std::fs::write(db.dir.path().join(".env"), "BREAKGLASS_PROFILE=django\n").expect(".env");
    let by_dotenv = db.run(&["profile", "show"]);
    assert!(
        by_dotenv.stdout.contains("name = \"django\""),
        "{}",
        by_dotenv.stdout
    );
}

#[test]
fn unlock_ends_a_django_axes_lockout_and_axes_agrees() {
    let Some(python) = judge_python() else { return };
    for engine in django_engines() {
        let db = TestDb::empty(engine);
        let j = |args: &[&str], stdin: &str| judge(&python, &db, args, stdin, true);
        j(&["migrate"], "");
        j(&["create-user", "hank", OLD, "superuser"], "");
        j(&["create-user", "ivy", OLD, "superuser"], "");
        j(&["lock", "hank"], "");
        assert_eq!(j(&["axes-locked", "hank"], ""), "locked");
        assert_eq!(
            j(&["authenticate", "hank", OLD], ""),
            "refused",
            "{engine:?}"
        );

        // verify and list-admins report the lockout axes keeps.
        let run = bg(
            &db,
            "django",
            &["verify", "hank", "--password-stdin"],
            Some(OLD),
        );
        run.expect_code(6);
        assert!(run.stdout.contains("locked out"), "{}", run.stdout);
        assert!(
            run.stdout.contains("breakglass unlock hank"),
            "{}",
            run.stdout
        );
        let listed = bg(&db, "django", &["list-admins", "-o", "json"], None);
        let hank = listed
            .json()
            .as_array()
            .expect("array")
            .iter()
            .find(|admin| admin["email"] == "hank")
            .cloned()
            .expect("hank listed");
        assert_eq!(hank["locked"], true);
        let locked = bg(
            &db,
            "django",
            &["list-admins", "--locked", "-o", "json"],
            None,
        );
        let locked = listed_keys(&locked);
        assert_eq!(locked, ["hank"]);

        // A dry run deletes nothing; unlock does, and axes lets hank in again.
        bg(&db, "django", &["unlock", "hank", "--dry-run"], None).expect_code(0);
        assert_eq!(j(&["axes-locked", "hank"], ""), "locked");
        let unlocked = bg(&db, "django", &["unlock", "hank", "--yes"], None);
        unlocked.expect_code(0);
        assert!(
            unlocked.stdout.contains("axes_accessattempt"),
            "{}",
            unlocked.stdout
        );
        assert_eq!(j(&["axes-locked", "hank"], ""), "free");
        assert_eq!(j(&["authenticate", "hank", OLD], ""), "ok", "{engine:?}");
        bg(
            &db,
            "django",
            &["verify", "hank", "--password-stdin"],
            Some(OLD),
        )
        .expect_code(0);
    }
}
