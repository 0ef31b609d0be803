//! Bad input for the Django and Flask-AppBuilder profiles, in one table: truncated, garbled and
//! absurdly costly stored hashes, unknown profile names, a role table without the Admin role,
//! bad profile files. Each ends with its exit code and a message naming the problem, quickly,
//! and leaves the database exactly as it was. Tables made by SQL here (the judges' tests use
//! the frameworks' own); no judge needed.

use std::time::{Duration, Instant};

use breakglass::db::Value;

use crate::detect::django_users_sql;
use crate::support::*;

const PW: &str = "Right-Horse-Battery-9";

/// Stored hashes that can never match, with what the refusal says.
const BROKEN: &[(&str, &str, &str)] = &[
    (
        "trunc",
        "pbkdf2_sha256$1000000$R8aTsmifQSdYIoqJNvv8he$euHWUw5M1NSJpbejvP+KjveM14",
        "truncated or garbled",
    ),
    (
        "garbled",
        "pbkdf2_sha256$1000000$R8aTsmifQSdYIoqJNvv8he$!!!!UvOBmAJi9lq1Eo0aUYmU/pPkPH+gtQzJDsA4Bnb0=",
        "truncated or garbled",
    ),
    ("noparts", "pbkdf2_sha256$1000000", "truncated or garbled"),
    (
        "iterword",
        "pbkdf2_sha256$many$salt$euHWUw5M1NSJpbejvP+KjveM14mgBIJ5cUgW/rYEM84=",
        "not a number",
    ),
    (
        "absurd",
        "pbkdf2_sha256$4000000000$salt$euHWUw5M1NSJpbejvP+KjveM14mgBIJ5cUgW/rYEM84=",
        "more than breakglass runs",
    ),
    (
        "argonmem",
        "argon2$argon2id$v=19$m=4194304000,t=2,p=8$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "more than breakglass spends",
    ),
    (
        "bcrypt31",
        "bcrypt_sha256$$2b$31$PuwTxaURvGSmpZ12Lln8wupvKNA1d8T6qaCqVlixPd1L9Aydn71Cy",
        "cost 31",
    ),
    (
        "unusable",
        "!tPPgTpK9ZpEWKWvxZ55r09A9rstG5fhKP370ZkNe",
        "no usable password",
    ),
    (
        "scryptN",
        "scrypt:1073741824:8:1$salt$00",
        "more than breakglass spends",
    ),
    ("scryptpow", "scrypt:30000:8:1$salt$00", "power of two"),
    (
        "scrypthex",
        "scrypt:32768:8:1$QhSStrAMkjANjyH7$a4a216b4bc",
        "truncated or garbled",
    ),
    ("pbkdf2md5", "pbkdf2:md5:1000$salt$00", "'md5'"),
    (
        "wkabsurd",
        "pbkdf2:sha256:99999999$salt$00",
        "more than breakglass runs",
    ),
    ("md5", "md5$salt$hash", "no form of the profile's schemes"),
];

fn fab_sql() -> &'static str {
    "CREATE TABLE ab_role (id integer PRIMARY KEY, name varchar(64) NOT NULL UNIQUE);
     CREATE TABLE ab_user (id integer PRIMARY KEY, first_name varchar(256) NOT NULL, last_name varchar(256) NOT NULL,
       username varchar(256) NOT NULL UNIQUE, password varchar(256), active boolean, email varchar(320) NOT NULL UNIQUE,
       last_login timestamp, login_count integer, fail_login_count integer, created_on timestamp, changed_on timestamp,
       created_by_fk integer, changed_by_fk integer);
     CREATE TABLE ab_user_role (id integer PRIMARY KEY, user_id integer, role_id integer);
     INSERT INTO ab_role (id, name) VALUES (2, 'Public');"
}

fn snapshot(db: &TestDb, tables: &[&str]) -> Vec<Vec<String>> {
    tables.iter().map(|table| db.dump(table)).collect()
}

#[test]
fn broken_django_and_werkzeug_hashes_are_refused_quickly_and_change_nothing() {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&django_users_sql("auth_user", ""));
    for (i, (name, hash, _)) in BROKEN.iter().enumerate() {
        db.execute(
            "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, \
             is_staff, is_active, date_joined) VALUES (?, ?, 1, ?, '', '', '', 1, 1, '2026-01-01 00:00:00')",
            &[Value::Int(i as i64 + 1), Value::Text((*hash).to_owned()), Value::Text((*name).to_owned())],
        );
    }
    let before = snapshot(&db, &["auth_user"]);
    for (name, _, says) in BROKEN {
        let started = Instant::now();
        let run = db.run_with(
            &["--profile", "django", "verify", name, "--password-stdin"],
            Some(PW),
            &[],
        );
        run.expect_code(6);
        assert!(run.stdout.contains(says), "{name}: {}", run.stdout);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{name} took {:?}",
            started.elapsed()
        );
    }
    assert_eq!(snapshot(&db, &["auth_user"]), before);
}

#[test]
fn refusals_of_the_new_profiles_change_nothing() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("release.toml"),
        "name = \"x\"\ntable = \"auth_user\"\n[key]\ncolumn = \"username\"\n[hash]\ncolumn = \"password\"\nscheme = \"django-pbkdf2-sha256\"\nrelease = \"9.9\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("iterations.toml"),
        "name = \"x\"\ntable = \"auth_user\"\n[key]\ncolumn = \"username\"\n[hash]\ncolumn = \"password\"\nscheme = \"werkzeug-pbkdf2\"\niterations = 4000000000\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("scrypt.toml"),
        "name = \"x\"\ntable = \"auth_user\"\n[key]\ncolumn = \"username\"\n[hash]\ncolumn = \"password\"\nscheme = \"werkzeug-scrypt\"\nwork_factor = 1000\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("foreign.toml"),
        "name = \"x\"\ntable = \"auth_user\"\n[key]\ncolumn = \"username\"\n[hash]\ncolumn = \"password\"\nscheme = \"django-pbkdf2-sha256\"\ncost = 12\n",
    )
    .expect("write");
    let path = |name: &str| dir.path().join(name).display().to_string();

    let db = TestDb::empty(Engine::Sqlite);
    db.script(&django_users_sql("auth_user", ""));
    db.script(&django_users_sql("users_user", ""));
    db.script(fab_sql());
    db.execute(
        "INSERT INTO ab_user (id, first_name, last_name, username, password, active, email) \
         VALUES (1, 'a', 'b', 'olga', 'x', 1, 'olga@example.com')",
        &[],
    );
    let tables = [
        "auth_user",
        "users_user",
        "ab_user",
        "ab_user_role",
        "ab_role",
    ];
    let before = snapshot(&db, &tables);
    let cases: Vec<(Vec<String>, Option<&str>, i32, &str)> = vec![
        (
            vec!["--profile".into(), "nosuch".into(), "list-admins".into()],
            None,
            2,
            "no built-in profile 'nosuch'",
        ),
        (
            vec![
                "--profile".into(),
                "Django".into(),
                "verify".into(),
                "x".into(),
                "--password-stdin".into(),
            ],
            Some(PW),
            // Profile names ignore case: Django is django, which has no user x.
            3,
            "no user x in table auth_user",
        ),
        // Three applications' tables and no profile named.
        (vec!["list-admins".into()], None, 4, "--profile"),
        (
            vec![
                "--profile".into(),
                "flask-appbuilder".into(),
                "promote".into(),
                "olga".into(),
                "--yes".into(),
            ],
            None,
            7,
            "no role named 'Admin' in ab_role",
        ),
        (
            vec![
                "--profile".into(),
                "flask-appbuilder".into(),
                "create-admin".into(),
                "pat".into(),
                "--password-stdin".into(),
                "--yes".into(),
            ],
            Some(PW),
            7,
            "no role named 'Admin'",
        ),
        (
            vec![
                "--profile".into(),
                "django".into(),
                "reset".into(),
                "nobody".into(),
                "--password-stdin".into(),
                "--yes".into(),
            ],
            Some(PW),
            3,
            "no user nobody",
        ),
        (
            vec![
                "--profile".into(),
                "django".into(),
                "hash-password".into(),
                "--cost".into(),
                "10".into(),
                "--password-stdin".into(),
            ],
            Some(PW),
            2,
            "--cost is bcrypt's",
        ),
        (
            vec![
                "--profile".into(),
                "flask-appbuilder".into(),
                "hash-password".into(),
                "--time-cost".into(),
                "3".into(),
                "--password-stdin".into(),
            ],
            Some(PW),
            2,
            "Argon2's",
        ),
        (
            vec![
                "--profile-file".into(),
                path("release.toml"),
                "list-admins".into(),
            ],
            None,
            2,
            "release '9.9'",
        ),
        (
            vec![
                "--profile-file".into(),
                path("iterations.toml"),
                "list-admins".into(),
            ],
            None,
            2,
            "iterations is 4000000000",
        ),
        (
            vec![
                "--profile-file".into(),
                path("scrypt.toml"),
                "list-admins".into(),
            ],
            None,
            2,
            "power of two",
        ),
        (
            vec![
                "--profile-file".into(),
                path("foreign.toml"),
                "list-admins".into(),
            ],
            None,
            2,
            "cost is not django-pbkdf2-sha256's",
        ),
    ];
    for (args, stdin, code, says) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        let run = db.run_with(&args, *stdin, &[]);
        run.expect_code(*code);
        assert!(
            run.stderr.contains(says),
            "{args:?} should say {says:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{args:?}");
        assert!(started.elapsed() < Duration::from_secs(10), "{args:?}");
        assert_eq!(
            snapshot(&db, &tables),
            before,
            "{args:?} changed the database"
        );
    }
}
