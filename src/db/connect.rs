//! Opening a database: never creating one by accident, bounded in time, and saying
//! plainly which database could not be opened and what to try next.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use sqlx::ConnectOptions;
use sqlx::mysql::{MySqlConnectOptions, MySqlSslMode};
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use sqlx::sqlite::SqliteConnectOptions;

use super::url::{ServerTarget, SslMode, Target};
use super::{Conn, Database};
use crate::exit::{DATABASE, Failure};

#[derive(Debug, Clone, Copy)]
pub struct ConnectSettings {
    /// How long to wait for a server to accept the connection.
    pub connect_timeout: Duration,
    /// How long to wait for a lock someone else holds (SQLite's busy timeout).
    pub lock_timeout: Duration,
}

/// Whether opening may create a SQLite file. Only `sandbox` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    Existing,
    MayCreateSqlite,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

const WHERE_THE_GATEWAY_KEEPS_IT: &str = "the gateway's default DATABASE_URL is sqlite:///./mcp.db, \
     the file mcp.db in the directory the gateway runs in; run breakglass there, \
     or pass --database-url sqlite:////absolute/path/to/mcp.db (or the gateway's own DATABASE_URL)";

impl Database {
    pub async fn open(
        target: Target,
        settings: &ConnectSettings,
        opening: Opening,
    ) -> Result<Database> {
        let conn = match &target {
            Target::Sqlite { path } => Conn::Sqlite(open_sqlite(path, settings, opening).await?),
            Target::Postgres(server) => Conn::Postgres(open_postgres(server, settings).await?),
            Target::MySql(server) => Conn::MySql(open_mysql(server, settings).await?),
        };
        Ok(Database {
            conn,
            target,
            reading: false,
        })
    }
}

fn cannot_open(message: String) -> anyhow::Error {
    Failure::error(DATABASE, message)
}

/// Refuses anything but an existing SQLite file before SQLite itself can create one.
fn check_sqlite_file(path: &Path, opening: Opening) -> Result<()> {
    let shown = path.display();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            if opening == Opening::MayCreateSqlite {
                return match path.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
                        Err(cannot_open(format!(
                            "cannot create {shown}: the folder {} does not exist",
                            parent.display()
                        )))
                    }
                    _ => Ok(()),
                };
            }
            return Err(cannot_open(format!(
                "no SQLite database at {shown} (nothing was created); {WHERE_THE_GATEWAY_KEEPS_IT}"
            )));
        }
        Err(error) => return Err(cannot_open(format!("cannot read {shown}: {error}"))),
    };
    if metadata.is_dir() {
        return Err(cannot_open(format!(
            "{shown} is a directory, not a SQLite database; {WHERE_THE_GATEWAY_KEEPS_IT}"
        )));
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut file| {
        use std::io::Read;
        let mut filled = 0;
        while filled < header.len() {
            match file.read(&mut header[filled..])? {
                0 => break,
                n => filled += n,
            }
        }
        Ok(filled)
    });
    match read {
        // An empty file is a valid, empty SQLite database; the table check reports it.
        Ok(0) => Ok(()),
        Ok(_) if &header == SQLITE_HEADER => Ok(()),
        Ok(_) => Err(cannot_open(format!(
            "{shown} is not a SQLite database; {WHERE_THE_GATEWAY_KEEPS_IT}"
        ))),
        Err(error) => Err(cannot_open(format!("cannot read {shown}: {error}"))),
    }
}

async fn open_sqlite(
    path: &Path,
    settings: &ConnectSettings,
    opening: Opening,
) -> Result<sqlx::SqliteConnection> {
    check_sqlite_file(path, opening)?;
    // journal_mode is left as the file has it: the gateway runs SQLite in WAL mode.
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(opening == Opening::MayCreateSqlite)
        .busy_timeout(settings.lock_timeout)
        .foreign_keys(true);
    options.connect().await.map_err(|error| {
        cannot_open(format!(
            "cannot open the SQLite database {}: {error}",
            path.display()
        ))
    })
}

async fn with_timeout<C>(
    engine: &str,
    server: &ServerTarget,
    settings: &ConnectSettings,
    connecting: impl Future<Output = Result<C, sqlx::Error>>,
) -> Result<C> {
    let address = server.address();
    let seconds = settings.connect_timeout.as_secs();
    match tokio::time::timeout(settings.connect_timeout, connecting).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(error)) => Err(cannot_open(format!(
            "cannot connect to {engine} at {address}: {error}; {}",
            what_to_check(&error, server)
        ))),
        Err(_) => Err(cannot_open(format!(
            "{engine} at {address} did not answer within {seconds}s; check the host and port in DATABASE_URL \
             and that the server is running (raise --connect-timeout if it is slow)"
        ))),
    }
}

/// The next step for a refused connection, by what refused it.
fn what_to_check(error: &sqlx::Error, server: &ServerTarget) -> String {
    let text = error.to_string();
    if text.contains("unsupported startup parameter") {
        // PgBouncer (and other poolers) pass on only the parameters they know.
        return "a connection pooler (PgBouncer) refused a startup parameter: remove options= from \
                DATABASE_URL, or add the parameter to the pooler's ignore_startup_parameters"
            .to_owned();
    }
    if text.contains("does not support TLS") || text.contains("does not support SSL") {
        return format!(
            "{} does not offer TLS: enable it on the server, or, on a network you trust, lower \
             sslmode to prefer (or disable) in DATABASE_URL",
            server.host
        );
    }
    if matches!(error, sqlx::Error::Tls(_))
        || text.contains("certificate")
        || text.contains("TLS")
        || text.contains("SSL")
    {
        return format!(
            "the TLS connection to {host} failed: check sslmode and sslrootcert in DATABASE_URL (with \
             sslmode=verify-full the server's certificate must name {host}; sslmode=require encrypts \
             without checking it)",
            host = server.host
        );
    }
    "check the host, port, user and password in DATABASE_URL".to_owned()
}

async fn open_postgres(
    server: &ServerTarget,
    settings: &ConnectSettings,
) -> Result<sqlx::PgConnection> {
    let mut options = PgConnectOptions::new()
        .host(&server.host)
        .port(server.port)
        .application_name("breakglass")
        // PgBouncer refuses startup parameters it does not know, and this one is only
        // about float output, which breakglass never reads.
        .extra_float_digits(None);
    if let Some(socket) = &server.socket {
        options = options.socket(socket);
    }
    if let Some(user) = &server.user {
        options = options.username(user);
    }
    if let Some(password) = &server.password {
        options = options.password(password.expose());
    }
    if let Some(database) = &server.database {
        options = options.database(database);
    }
    if let Some(mode) = server.ssl_mode {
        options = options.ssl_mode(match mode {
            SslMode::Disable => PgSslMode::Disable,
            SslMode::Allow => PgSslMode::Allow,
            SslMode::Prefer => PgSslMode::Prefer,
            SslMode::Require => PgSslMode::Require,
            SslMode::VerifyCa => PgSslMode::VerifyCa,
            SslMode::VerifyFull => PgSslMode::VerifyFull,
        });
    }
    if let Some(cert) = &server.ssl_root_cert {
        options = options.ssl_root_cert(cert);
    }
    if !server.settings.is_empty() {
        options = options.options(
            server
                .settings
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        );
    }
    with_timeout("PostgreSQL", server, settings, options.connect()).await
}

async fn open_mysql(
    server: &ServerTarget,
    settings: &ConnectSettings,
) -> Result<sqlx::MySqlConnection> {
    let mut options = MySqlConnectOptions::new()
        .host(&server.host)
        .port(server.port);
    if let Some(socket) = &server.socket {
        options = options.socket(socket);
    }
    if let Some(user) = &server.user {
        options = options.username(user);
    }
    if let Some(password) = &server.password {
        options = options.password(password.expose());
    }
    if let Some(database) = &server.database {
        options = options.database(database);
    }
    if let Some(mode) = server.ssl_mode {
        options = options.ssl_mode(match mode {
            SslMode::Disable => MySqlSslMode::Disabled,
            SslMode::Allow | SslMode::Prefer => MySqlSslMode::Preferred,
            SslMode::Require => MySqlSslMode::Required,
            SslMode::VerifyCa => MySqlSslMode::VerifyCa,
            SslMode::VerifyFull => MySqlSslMode::VerifyIdentity,
        });
    }
    if let Some(cert) = &server.ssl_root_cert {
        options = options.ssl_ca(cert);
    }
    with_timeout("MySQL/MariaDB", server, settings, options.connect()).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::code_for;

    #[test]
    fn only_existing_sqlite_files_pass() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("mcp.db");
        let error = check_sqlite_file(&missing, Opening::Existing).expect_err("missing");
        assert_eq!(code_for(&error), DATABASE);
        assert!(error.to_string().contains(&missing.display().to_string()));
        assert!(check_sqlite_file(&missing, Opening::MayCreateSqlite).is_ok());
        assert!(
            check_sqlite_file(&dir.path().join("no/such/dir.db"), Opening::MayCreateSqlite)
                .is_err()
        );

        assert!(
            check_sqlite_file(dir.path(), Opening::Existing)
                .expect_err("dir")
                .to_string()
                .contains("directory")
        );
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello, this is not a database").expect("write");
        assert!(
            check_sqlite_file(&text, Opening::Existing)
                .expect_err("text")
                .to_string()
                .contains("not a SQLite")
        );
        std::fs::write(&text, SQLITE_HEADER).expect("write");
        assert!(check_sqlite_file(&text, Opening::Existing).is_ok());
        // Nothing may be left behind by a refusal.
        assert!(!missing.exists());
    }
}
