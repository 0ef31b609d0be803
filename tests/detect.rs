//! With no profile named, the application is recognised from its tables: each recognised
//! schema, two applications in one database (exit 4), and none (exit 7).

use crate::support::*;

/// Django's auth_user as `migrate` makes it, in SQL every engine reads; `table` renames it.
pub fn django_users_sql(table: &str, extra: &str) -> String {
    format!(
        "CREATE TABLE {table} (id integer PRIMARY KEY, password varchar(128) NOT NULL, \
         last_login timestamp NULL, is_superuser boolean NOT NULL, username varchar(150) NOT NULL UNIQUE, \
         first_name varchar(150) NOT NULL, last_name varchar(150) NOT NULL, email varchar(254) NOT NULL, \
         is_staff boolean NOT NULL, is_active boolean NOT NULL, date_joined timestamp NOT NULL{extra});"
    )
}

fn recognised(db: &TestDb) -> Run {
    db.run(&["list-admins", "-o", "json"])
}

#[test]
fn each_recognised_schema_names_its_profile_in_the_banner() {
    for engine in engines() {
        for (sql, profile) in [
            (django_users_sql("auth_user", ""), "django"),
            (django_users_sql("users_user", ""), "netbox"),
            (
                django_users_sql(
                    "auth_user",
                    ", is_password_expired boolean NOT NULL, is_managed boolean NOT NULL",
                ),
                "sentry",
            ),
        ] {
            let db = TestDb::empty(engine);
            db.script(&sql);
            let run = recognised(&db);
            run.expect_code(0);
            assert!(
                run.stderr
                    .contains(&format!("profile {profile} (recognised from table")),
                "{engine:?} {profile}: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn two_applications_in_one_database_is_ambiguous_and_none_is_exit_7() {
    let db = TestDb::empty(Engine::Sqlite);
    db.script(&django_users_sql("auth_user", ""));
    db.script(&django_users_sql("users_user", ""));
    let run = recognised(&db);
    run.expect_code(4);
    assert!(
        run.stderr.contains("django")
            && run.stderr.contains("netbox")
            && run.stderr.contains("--profile"),
        "{}",
        run.stderr
    );
    // Naming one settles it.
    db.run(&["list-admins", "--profile", "netbox"])
        .expect_code(0);

    let none = TestDb::empty(Engine::Sqlite);
    none.script("CREATE TABLE notes (id integer PRIMARY KEY, body text);");
    let run = recognised(&none);
    run.expect_code(7);
    assert!(run.stderr.contains("--profile NAME"), "{}", run.stderr);

    // The gateway's own table keeps ContextForge, whatever else is there.
    let gateway = TestDb::new(Engine::Sqlite);
    gateway.script(&django_users_sql("auth_user", ""));
    let run = recognised(&gateway);
    run.expect_code(0);
    assert!(!run.stderr.contains("recognised"), "{}", run.stderr);
}
