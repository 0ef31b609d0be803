//! bcryptjs itself as the judge of the Prisma portal (profiles/prisma-portal.toml): hashes
//! breakglass writes through `reset` and `create-admin` pass `bcrypt.compare` on every engine,
//! and a row holding a bcryptjs hash verifies and counts in reset's reuse check
//! (tests/judges/bcryptjs_judge.js, bcryptjs from npm as .ci/run installs it).

use std::process::Command;

use breakglass::db::Value;

use crate::profiles::{PRISMA, app_db, run, stored_hash};
use crate::support::*;

const OLD: &str = "Harbor-Lantern-Quill-42!";
const NEW: &str = "Meadow-Copper-Violet-77?";
const BCRYPTJS: &str = "/var/cache/breakglass/bcryptjs/node_modules/bcryptjs";

fn bcryptjs_installed() -> bool {
    let found = Command::new("node")
        .args(["-e", &format!("require({BCRYPTJS:?})")])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool(&format!("node with bcryptjs in {BCRYPTJS}"), found)
}

fn bcryptjs(db: &TestDb, args: &[&str], password: &str) -> String {
    run_judge("node", "bcryptjs_judge.js", db, args, &[], password)
}

#[test]
fn bcryptjs_judges_the_prisma_portals_hashes_both_ways() {
    if !bcryptjs_installed() {
        return;
    }
    for engine in engines() {
        let db = app_db(&PRISMA, engine);
        let made = bcryptjs(&db, &["hash", "12"], OLD);
        assert!(made.starts_with("$2b$12$"), "{made}");
        let d = db.dialect();
        db.execute(
            &format!(
                "UPDATE {} SET {} = {} WHERE {} = 'root@example.com'",
                d.quote("User"),
                d.quote("password"),
                d.placeholder(1),
                d.quote("email")
            ),
            &[Value::Text(made)],
        );
        // The bcryptjs hash verifies, and reset's reuse rule recognises the current password.
        run(
            &db,
            "prisma-portal",
            &["verify", "root@example.com", "--password-stdin"],
            Some(OLD),
        )
        .expect_code(0);
        run(
            &db,
            "prisma-portal",
            &["verify", "root@example.com", "--password-stdin"],
            Some(NEW),
        )
        .expect_code(5);
        run(
            &db,
            "prisma-portal",
            &["reset", "root@example.com", "--password-stdin", "--yes"],
            Some(OLD),
        )
        .expect_code(8);

        run(
            &db,
            "prisma-portal",
            &["reset", "root@example.com", "--password-stdin", "--yes"],
            Some(NEW),
        )
        .expect_code(0);
        run(
            &db,
            "prisma-portal",
            &[
                "create-admin",
                "ops@example.com",
                "--password-stdin",
                "--yes",
            ],
            Some(NEW),
        )
        .expect_code(0);
        for key in ["root@example.com", "ops@example.com"] {
            let stored = stored_hash(&db, &PRISMA, key);
            assert!(stored.starts_with("$2b$12$"), "{stored}");
            assert_eq!(
                bcryptjs(&db, &["compare", &stored], NEW),
                "true",
                "{engine:?} {key}"
            );
            assert_eq!(
                bcryptjs(&db, &["compare", &stored], OLD),
                "false",
                "{engine:?} {key}"
            );
        }
    }
}
