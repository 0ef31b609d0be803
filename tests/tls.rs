//! PostgreSQL over TLS with a certificate authority the test made: encryption without
//! checks, full verification, and a certificate that does not name the host.

use crate::servers::{ScratchPostgres, TestCa, can_start_servers};
use crate::support::*;

#[test]
fn tls_modes_against_a_server_with_a_test_ca() {
    if server_url(Engine::Postgres).is_none() || !can_start_servers(false) {
        return;
    }
    // The certificate names localhost only, so 127.0.0.1 does not match it.
    let ca = TestCa::new("localhost");
    let server = ScratchPostgres::start(Some(&ca));
    let db = TestDb::postgres_database(&server.url("127.0.0.1", "postgres", "sslmode=disable"));
    db.insert(&user("boss@example.com", "Right-Horse-Battery-9").admin());
    let root = format!("sslrootcert={}", ca.ca_cert().display());
    let list = |host: &str, query: &str| {
        let url = server.url(host, db.name(), query);
        db.run(&["list-admins", "-o", "json", "--database-url", &url])
    };

    for (host, query) in [
        ("127.0.0.1", "sslmode=require".to_owned()),
        ("localhost", format!("sslmode=verify-full&{root}")),
        ("127.0.0.1", format!("sslmode=verify-ca&{root}")),
    ] {
        let run = list(host, &query);
        run.expect_code(0);
        assert_eq!(run.json()[0]["email"], "boss@example.com", "{host} {query}");
    }
    // The connection really was encrypted.
    let ssl = query_url(
        &server.url(
            "localhost",
            db.name(),
            &format!("sslmode=verify-full&{root}"),
        ),
        "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    );
    assert_eq!(texts(&ssl), [["true"]]);

    // A certificate that does not name the host: refused, naming the host.
    let mismatch = list("127.0.0.1", &format!("sslmode=verify-full&{root}"));
    mismatch.expect_code(7);
    assert!(mismatch.stderr.contains("127.0.0.1"), "{}", mismatch.stderr);
    assert!(
        mismatch.stderr.contains("must name 127.0.0.1"),
        "{}",
        mismatch.stderr
    );
    assert!(!mismatch.stderr.contains("panicked"));

    // A CA the client does not trust (no sslrootcert: the built-in roots).
    let untrusted = list("localhost", "sslmode=verify-full");
    untrusted.expect_code(7);
    assert!(
        untrusted
            .stderr
            .contains("TLS connection to localhost failed"),
        "{}",
        untrusted.stderr
    );
}

#[test]
fn tls_demanded_from_a_server_without_it_is_refused() {
    if server_url(Engine::Postgres).is_none() || !can_start_servers(false) {
        return;
    }
    let server = ScratchPostgres::start(None);
    let db = TestDb::postgres_database(&server.url("127.0.0.1", "postgres", ""));
    let run = db.run(&[
        "list-admins",
        "--database-url",
        &server.url("127.0.0.1", db.name(), "sslmode=require"),
    ]);
    run.expect_code(7);
    assert!(run.stderr.contains("TLS"), "{}", run.stderr);
    db.run(&[
        "list-admins",
        "--database-url",
        &server.url("127.0.0.1", db.name(), "sslmode=prefer"),
    ])
    .expect_code(0);
}
