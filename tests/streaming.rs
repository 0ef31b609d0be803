//! Listings many times larger than the output buffer: every row arrives whole and in order on
//! every engine, in JSON and in CSV (read back by Python's csv module), and a reader that
//! stops early (`| head`) ends the command quietly with exit 0.

use crate::support::*;

/// About 300 KiB of JSON: the 64 KiB output buffer fills and is written several times.
const ADMINS: usize = 1200;

/// Names that need CSV quoting, formula guarding or more than one byte per character,
/// so a row cut at a buffer boundary would show.
fn full_name(index: usize) -> String {
    match index % 4 {
        0 => format!("Doe, Jane {index}"),
        1 => format!("say \"hi\" {index}"),
        2 => format!("=SUM(A{index})"),
        _ => format!("Zoë Ünïcode ✓ {index}"),
    }
}

/// ADMINS admins, inserted in a few statements; returns (email, full name) in email order.
fn fill(db: &TestDb) -> Vec<(String, String)> {
    let people: Vec<(String, String)> = (0..ADMINS)
        .map(|index| (format!("admin{index:05}@example.com"), full_name(index)))
        .collect();
    for batch in people.chunks(300) {
        let rows: Vec<String> = batch
            .iter()
            .map(|(email, name)| {
                format!(
                    "('{email}', '{email}', 'x', '{}', TRUE, TRUE, 0, FALSE, 'argon2id', 'local', \
                     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                    name.replace('\'', "''")
                )
            })
            .collect();
        db.execute(
            &format!(
                "INSERT INTO email_users (id, email, password_hash, full_name, is_admin, is_active, \
                 failed_login_attempts, password_change_required, password_hash_type, auth_provider, \
                 created_at, updated_at) VALUES {}",
                rows.join(", ")
            ),
            &[],
        );
    }
    people
}

fn python_csv_rows(csv: &str) -> Vec<Vec<String>> {
    let rows = python(
        "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))",
        csv,
    );
    serde_json::from_str(&rows).expect("rows as JSON")
}

#[test]
fn large_listings_arrive_whole_in_json_and_csv_on_every_engine() {
    for engine in engines() {
        let db = TestDb::new(engine);
        let people = fill(&db);

        let run = db.run(&["-q", "list-admins", "-o", "json"]);
        run.expect_code(0);
        assert!(
            run.stdout.len() > 4 * 64 * 1024,
            "{engine:?}: output too small to test"
        );
        let listed: Vec<(String, String)> = run
            .json()
            .as_array()
            .expect("array")
            .iter()
            .map(|admin| {
                (
                    admin["email"].as_str().expect("email").to_owned(),
                    admin["full_name"].as_str().expect("full_name").to_owned(),
                )
            })
            .collect();
        assert_eq!(listed, people, "{engine:?}: JSON");

        let run = db.run(&["-q", "list-admins", "-o", "csv"]);
        run.expect_code(0);
        let rows = python_csv_rows(&run.stdout);
        assert_eq!(
            rows.len(),
            ADMINS + 1,
            "{engine:?}: header and one line per admin"
        );
        assert_eq!(rows[0][0], "email", "{engine:?}");
        for (row, (email, name)) in rows[1..].iter().zip(&people) {
            let shown_name = if name.starts_with('=') {
                format!("'{name}")
            } else {
                name.clone()
            };
            assert_eq!((&row[0], &row[1]), (email, &shown_name), "{engine:?}: CSV");
            assert_eq!(row.len(), 10, "{engine:?}: {row:?}");
        }
    }
}

#[test]
fn json_through_a_closed_pipe_exits_quietly() {
    let db = TestDb::new(Engine::Sqlite);
    fill(&db);
    // head reads 100 bytes and exits; breakglass is still writing (about 300 KiB).
    let script = format!("{BIN} -q list-admins -o json | head -c 100 > /dev/null");
    let output = std::process::Command::new("bash")
        .args(["-o", "pipefail", "-c", &script])
        .current_dir(db.dir.path())
        .env("DATABASE_URL", db.url())
        .output()
        .expect("bash");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "", "nothing on stderr");
}
