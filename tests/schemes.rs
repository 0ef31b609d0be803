//! Password schemes as one registry: a stored value is named only among the schemes the
//! profile lists, `hash-password --scheme` offers every scheme, and a profile naming a scheme
//! breakglass lacks is refused by its key before anything is read or written.

use crate::support::{Engine, TestDb, run_in, temp_dir};

const PW: &str = "Correct-Horse-9";
/// SHA-1 of "admin": ownCloud's legacy form, and what a one-column SHA-1 looks like anywhere.
const ADMIN_SHA1: &str = "d033e22ae348aeb5660fc2140aec35850c4da997";

/// A one-table application whose profile names `scheme` (and `extra` [hash] lines).
fn profile(dir: &std::path::Path, name: &str, scheme: &str, extra: &str) -> String {
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(
        &path,
        format!(
            "name = \"{name}\"\ntable = \"accounts\"\n[key]\ncolumn = \"email\"\n[hash]\ncolumn = \"pw\"\n\
             scheme = \"{scheme}\"\n{extra}"
        ),
    )
    .expect("write profile");
    path.display().to_string()
}

/// A bare `$2y$` bcrypt of PW, as PHP writes it.
fn bare_bcrypt() -> String {
    let dir = temp_dir();
    let made = run_in(
        dir.path(),
        &[
            "hash-password",
            "--password-stdin",
            "--scheme",
            "bcrypt",
            "--cost",
            "4",
        ],
        Some(PW),
        &[],
    );
    made.expect_code(0);
    made.stdout.trim().replacen("$2b$", "$2y$", 1)
}

fn accounts_db() -> TestDb {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&format!(
        "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL, pw TEXT); \
         INSERT INTO accounts (email, pw) VALUES ('sha1@example.com', '{ADMIN_SHA1}'), \
         ('bare@example.com', '{}'), ('plain@example.com', 'plaintext');",
        bare_bcrypt()
    ));
    db
}

/// What `verify` says of `email`'s stored hash under the profile file, and its exit code.
fn stored_hash(db: &TestDb, profile: &str, email: &str, password: &str) -> (String, i32) {
    let run = db.run_with(
        &[
            "--profile-file",
            profile,
            "-o",
            "json",
            "verify",
            email,
            "--password-stdin",
        ],
        Some(password),
        &[],
    );
    let scheme = run.json()["scheme"].as_str().unwrap_or_default().to_owned();
    (scheme, run.code)
}

#[test]
fn verify_names_a_stored_value_only_among_the_profiles_schemes() {
    let db = accounts_db();
    let dir = temp_dir();
    let nextcloud = profile(dir.path(), "cloud", "nextcloud", "");
    let wordpress = profile(dir.path(), "blog", "wordpress", "");
    let bcrypt = profile(dir.path(), "portal", "bcrypt", "");
    let both = profile(dir.path(), "both", "bcrypt", "accepts = [\"nextcloud\"]\n");

    // A 40-hex SHA-1 is ownCloud's legacy form to Nextcloud (which breakglass does not judge);
    // to a bcrypt application it is a value none of its schemes reads.
    assert_eq!(
        stored_hash(&db, &nextcloud, "sha1@example.com", "admin"),
        ("nextcloud legacy sha1".to_owned(), 6)
    );
    assert_eq!(
        stored_hash(&db, &bcrypt, "sha1@example.com", "admin"),
        (
            "nextcloud legacy sha1 (none of the profile's schemes: bcrypt)".to_owned(),
            6
        )
    );
    // Listed as accepted, the same value is named as its scheme names it.
    assert_eq!(
        stored_hash(&db, &both, "sha1@example.com", "admin").0,
        "nextcloud legacy sha1"
    );

    // A bare bcrypt is WordPress's own; to Nextcloud it is its legacy path, where a password
    // that does not match may be ownCloud's salted form (not judged, exit 6).
    assert_eq!(
        stored_hash(&db, &wordpress, "bare@example.com", PW),
        ("bcrypt".to_owned(), 0)
    );
    assert_eq!(
        stored_hash(&db, &wordpress, "bare@example.com", "wrong"),
        ("bcrypt".to_owned(), 5)
    );
    assert_eq!(
        stored_hash(&db, &nextcloud, "bare@example.com", PW),
        ("nextcloud legacy bcrypt".to_owned(), 0)
    );
    assert_eq!(
        stored_hash(&db, &nextcloud, "bare@example.com", "wrong"),
        ("nextcloud legacy bcrypt".to_owned(), 6)
    );

    // A value no scheme knows: the answer names the schemes the profile lists.
    let (scheme, code) = stored_hash(&db, &both, "plain@example.com", PW);
    assert_eq!(
        scheme,
        "unknown (none of the profile's schemes recognises it: bcrypt, nextcloud)"
    );
    assert_eq!(code, 6);
    let text = db.run_with(
        &[
            "--profile-file",
            &both,
            "verify",
            "plain@example.com",
            "--password-stdin",
        ],
        Some(PW),
        &[],
    );
    text.expect_code(6);
    assert!(
        text.stdout
            .contains("no form of the profile's schemes (bcrypt, nextcloud)"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_profile_naming_a_scheme_breakglass_lacks_is_refused_by_its_key() {
    let db = accounts_db();
    let before = db.dump("accounts");
    let dir = temp_dir();
    for (name, scheme, extra, says) in [
        ("unknown", "sha1", "", "[hash] scheme 'sha1'"),
        (
            "accepts",
            "bcrypt",
            "accepts = [\"md5crypt\"]\n",
            "[hash] accepts names 'md5crypt'",
        ),
        (
            "columns",
            "bcrypt",
            "salt_column = \"salt\"\n",
            "[hash] salt_column",
        ),
        (
            "salt",
            "redmine",
            "",
            "[hash] scheme redmine keeps its hash in several columns: name salt_column",
        ),
        (
            "foreign",
            "argon2id",
            "cost = 12\n",
            "[hash] cost is not argon2id's",
        ),
    ] {
        let path = profile(dir.path(), name, scheme, extra);
        let run = db.run_with(
            &[
                "--profile-file",
                &path,
                "reset",
                "bare@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some("Another-Horse-7"),
            &[],
        );
        run.expect_code(2);
        assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{name}.toml")),
            "{}",
            run.stderr
        );
    }
    assert_eq!(db.dump("accounts"), before);
    // The family names of earlier releases still read as the scheme that reads the family.
    let old = profile(
        dir.path(),
        "families",
        "bcrypt",
        "accepts = [\"argon2\", \"django\", \"werkzeug\"]\n",
    );
    db.run_with(&["--profile-file", &old, "profile", "show"], None, &[])
        .expect_code(0);
}

#[test]
fn hash_password_offers_every_scheme_and_says_how_salted_ones_are_stored() {
    let dir = temp_dir();
    let help = run_in(dir.path(), &["hash-password", "--help"], None, &[]);
    help.expect_code(0);
    for name in [
        "argon2id",
        "bcrypt",
        "django-pbkdf2-sha256",
        "django-argon2",
        "django-bcrypt-sha256",
        "werkzeug-scrypt",
        "werkzeug-pbkdf2",
        "devise-bcrypt",
        "nextcloud",
        "gitea",
        "grafana",
        "redmine",
        "wordpress",
    ] {
        assert!(
            help.stdout.contains(&format!("{name}:")),
            "{name}: {}",
            help.stdout
        );
    }
    assert!(
        help.stdout.contains("salt and hashed_password columns"),
        "{}",
        help.stdout
    );
    assert!(help.stdout.contains("pepper"), "{}", help.stdout);
    // A scheme outside the profile's own gets its application's defaults and says where it goes.
    let made = run_in(
        dir.path(),
        &[
            "-o",
            "json",
            "hash-password",
            "--password-stdin",
            "--scheme",
            "redmine",
        ],
        Some(PW),
        &[],
    );
    made.expect_code(0);
    let value = made.json();
    assert_eq!(value["algorithm"], "redmine");
    assert_eq!(value["salt_bytes"], 16);
    assert!(
        value["stored"].as_str().is_some_and(|s| s.contains("salt")),
        "{value}"
    );
    assert!(
        value["hash"]
            .as_str()
            .is_some_and(|h| h.starts_with("redmine:"))
    );
}

#[test]
fn a_condition_on_a_missing_column_or_with_two_writers_is_refused_by_its_key() {
    let db = accounts_db();
    let before = db.dump("accounts");
    let dir = temp_dir();
    let missing = profile(
        dir.path(),
        "missing",
        "bcrypt",
        "[admin]\ncolumn = \"is_admin\"\n",
    );
    let two = profile(
        dir.path(),
        "two",
        "bcrypt",
        "[admin]\ncolumn = \"is_admin\"\n[admin.membership]\ntable = \"roles\"\n\
         user_column = \"account_id\"\nrole_column = \"role\"\nrole = \"admin\"\n",
    );
    for (path, code, says) in [
        (&missing, 7, "no column is_admin (the profile's admin)"),
        (
            &two,
            2,
            "[admin] column = \"is_admin\" and [admin.membership] are two writers for admin",
        ),
    ] {
        let run = db.run_with(
            &[
                "--profile-file",
                path,
                "promote",
                "bare@example.com",
                "--yes",
            ],
            None,
            &[],
        );
        run.expect_code(code);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    assert_eq!(db.dump("accounts"), before);
}
