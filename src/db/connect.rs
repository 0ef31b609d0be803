//! Opening a database: never creating one by accident, bounded in time, and saying
//! plainly which database could not be opened and what to try next.

use std::cell::RefCell;
use std::fmt;
use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use sqlx::ConnectOptions;
use sqlx::mysql::{MySqlConnectOptions, MySqlSslMode};
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use sqlx::sqlite::SqliteConnectOptions;

use super::cpu::ReaderCpu;

use super::probe::{Protocol, Stage, probe};
use super::url::{ServerTarget, SslMode, Target};
use super::{Conn, Database};
use crate::exit::{DATABASE, Failure};

#[derive(Debug, Clone)]
pub struct ConnectSettings {
    /// How long to wait for a server to accept the connection.
    pub connect_timeout: Duration,
    /// How long to wait for a lock someone else holds (SQLite's busy timeout).
    pub lock_timeout: Duration,
    /// Where the URL came from, named in every message that asks to check it.
    pub url_source: UrlSource,
    /// Say on stderr what a wait of more than a second is waiting for (off under --quiet).
    pub announce_waits: bool,
}

/// Where the database URL came from: `--database-url`, `DATABASE_URL from ./.env line 3`,
/// `DATABASE_URL from the environment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlSource {
    /// The flag or variable that held it.
    pub name: String,
    /// Where that variable was set (`the environment`, `./.env line 3`); None for the flag.
    pub place: Option<String>,
}

impl UrlSource {
    pub fn flag() -> UrlSource {
        UrlSource {
            name: "--database-url".to_owned(),
            place: None,
        }
    }
}

impl fmt::Display for UrlSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{} from {place}", self.name),
            None => f.write_str(&self.name),
        }
    }
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
        let mut reader_cpu = None;
        let conn = match &target {
            Target::Sqlite { path } => {
                let (conn, cpu) = open_sqlite(path, settings, opening).await?;
                reader_cpu = cpu;
                Conn::Sqlite(conn)
            }
            Target::Postgres(server) => Conn::Postgres(open_postgres(server, settings).await?),
            Target::MySql(server) => Conn::MySql(open_mysql(server, settings).await?),
        };
        Ok(Database {
            conn,
            reader_cpu,
            target,
            reading: false,
            writing: false,
            lock_timeout: settings.lock_timeout,
            announce_waits: settings.announce_waits,
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
) -> Result<(sqlx::SqliteConnection, Option<ReaderCpu>)> {
    check_sqlite_file(path, opening)?;
    // journal_mode is left as the file has it: the gateway runs SQLite in WAL mode.
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(opening == Opening::MayCreateSqlite)
        .busy_timeout(settings.lock_timeout)
        .foreign_keys(true);
    let reader_cpu = ReaderCpu::hold();
    let opened = options.connect().await;
    if let Some(cpu) = &reader_cpu {
        cpu.release();
    }
    let conn = opened.map_err(|error| {
        cannot_open(format!(
            "cannot open the SQLite database {}: {error}",
            path.display()
        ))
    })?;
    Ok((conn, reader_cpu))
}

/// Waits for the driver's connection, with a probe of the address beside it (see
/// [`probe`](super::probe)): something that answers in another protocol fails at once, and a
/// failure says which step failed (the name, the connection, the protocol, the login).
async fn with_timeout<C>(
    protocol: Protocol,
    server: &ServerTarget,
    settings: &ConnectSettings,
    connecting: impl Future<Output = Result<C, sqlx::Error>>,
) -> Result<C> {
    let engine = engine_name(protocol);
    let address = server.address();
    let stage = RefCell::new(Stage::default());
    let probing = async {
        match &server.socket {
            // A socket is a file: it exists or not, and the driver says which.
            Some(_) => std::future::pending().await,
            None => probe(protocol, &server.host, server.port, &stage).await,
        }
    };
    let notice = settings.announce_waits.then(|| {
        format!(
            "waiting for {engine} at {address} to answer (up to {}; --connect-timeout)...",
            seconds(settings.connect_timeout)
        )
    });
    let connecting = super::announcing(
        notice,
        tokio::time::timeout(settings.connect_timeout, connecting),
    );
    tokio::pin!(connecting, probing);
    let mut probed = false;
    let outcome = loop {
        tokio::select! {
            outcome = &mut connecting => break outcome,
            found = &mut probing, if !probed => {
                probed = true;
                if let Stage::Other(what) = found {
                    return Err(cannot_open(server.redact(wrong_protocol(protocol, server, settings, what))));
                }
            }
        }
    };
    let message = match outcome {
        Ok(Ok(conn)) => return Ok(conn),
        Ok(Err(error)) => {
            // The probe has usually finished by now; give it a moment to say what answered.
            if !probed {
                let _ = tokio::time::timeout(Duration::from_secs(2), &mut probing).await;
            }
            let found = stage.borrow().clone();
            refused(protocol, server, settings, &error, found)
        }
        Err(_) => {
            let found = stage.borrow().clone();
            timed_out(protocol, server, settings, found)
        }
    };
    Err(cannot_open(server.redact(message)))
}

fn engine_name(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Postgres => "PostgreSQL",
        Protocol::MySql => "MySQL/MariaDB",
    }
}

/// "10 s", "1 s".
fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs())
}

fn wrong_protocol(
    protocol: Protocol,
    server: &ServerTarget,
    settings: &ConnectSettings,
    what: Option<&str>,
) -> String {
    let looks_like = what.map_or_else(String::new, |what| format!(" (it answered like {what})"));
    format!(
        "something answered at {address} but it is not a {kind}{looks_like}: check the port in {source} \
         ({engine} usually listens on {usual})",
        address = server.address(),
        kind = protocol.server(),
        source = settings.url_source,
        engine = engine_name(protocol),
        usual = protocol.usual_port(),
    )
}

fn unresolved(server: &ServerTarget, settings: &ConnectSettings, reason: &str) -> String {
    let host = &server.host;
    let source = &settings.url_source;
    // One label ("db", "postgres"): a name only a compose network or a cluster's DNS knows.
    let advice = if !host.contains('.') && !host.contains(':') {
        format!(
            "'{host}' looks like a compose or Kubernetes service name, which resolves only inside \
             that network; run breakglass where that name resolves (docker compose exec, kubectl exec), \
             or pass --database-url with an address reachable from here"
        )
    } else {
        "check the host name, or pass --database-url with an address reachable from here".to_owned()
    };
    format!("could not resolve host '{host}' ({source}): {reason}; {advice}")
}

fn timed_out(
    protocol: Protocol,
    server: &ServerTarget,
    settings: &ConnectSettings,
    found: Stage,
) -> String {
    let engine = engine_name(protocol);
    let address = server.address();
    let source = &settings.url_source;
    let waited = seconds(settings.connect_timeout);
    match found {
        Stage::Other(what) => wrong_protocol(protocol, server, settings, what),
        Stage::Unresolved(reason) => unresolved(server, settings, &reason),
        Stage::Accepted | Stage::Silent => format!(
            "{engine} at {address} did not answer within {waited}: something accepted the connection \
             but never answered as a {kind} would; check the port in {source} ({engine} usually \
             listens on {usual}), or raise --connect-timeout if the server is only slow",
            kind = protocol.server(),
            usual = protocol.usual_port(),
        ),
        Stage::Engine => format!(
            "{engine} at {address} answered but did not finish the login within {waited}; the server \
             may be overloaded or out of connections: try again, or raise --connect-timeout"
        ),
        Stage::Resolving if server.socket.is_none() => format!(
            "{engine} at {address} did not answer within {waited}: the host name '{host}' is still \
             being looked up; check the host in {source}, or raise --connect-timeout",
            host = server.host,
        ),
        Stage::Resolving | Stage::Connecting | Stage::NotAccepted(_) => format!(
            "{engine} at {address} did not answer within {waited}: nothing accepted the connection (a \
             host that is down, or a firewall dropping it); check the host and port in {source} and \
             that the server is running, or raise --connect-timeout if it is slow"
        ),
    }
}

/// The message for a connection the driver gave up on, by what refused it.
fn refused(
    protocol: Protocol,
    server: &ServerTarget,
    settings: &ConnectSettings,
    error: &sqlx::Error,
    found: Stage,
) -> String {
    let engine = engine_name(protocol);
    let address = server.address();
    let source = &settings.url_source;
    match found {
        Stage::Other(what) => return wrong_protocol(protocol, server, settings, what),
        Stage::Unresolved(reason) => return unresolved(server, settings, &reason),
        Stage::NotAccepted(reason) => {
            return format!(
                "nothing accepts connections at {address} ({reason}): check the host and port in \
                 {source} and that {engine} is running there"
            );
        }
        _ => {}
    }
    if let sqlx::Error::Database(db) = error {
        let said = super::database_text(db.as_ref());
        let code = db.code().unwrap_or_default();
        let mysql = db
            .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
            .map(|mysql| mysql.number());
        if code == "3D000" || mysql == Some(1049) {
            let name = server.database.as_deref().unwrap_or("");
            let listing = match protocol {
                Protocol::Postgres => "psql -l lists the server's databases",
                Protocol::MySql => "SHOW DATABASES lists the server's databases",
            };
            return format!(
                "cannot connect to {engine} at {address}: there is no database '{name}' on this \
                 server; check the database name (the end of the URL) in {source} ({listing})"
            );
        }
        if matches!(code.as_ref(), "28P01" | "28000") || matches!(mysql, Some(1044 | 1045 | 1698)) {
            return format!(
                "cannot connect to {engine} at {address}: the server refused the login: {said}; check \
                 the user and password in {source}"
            );
        }
        if said.contains("unsupported startup parameter") {
            // PgBouncer (and other poolers) pass on only the parameters they know.
            return format!(
                "cannot connect to {engine} at {address}: {said}; a connection pooler (PgBouncer) \
                 refused a startup parameter: remove options= from {source}, or add the parameter to \
                 the pooler's ignore_startup_parameters"
            );
        }
        return format!(
            "cannot connect to {engine} at {address}: {said}; check the host, port, user and password \
             in {source}"
        );
    }
    let said = super::driver_text(error);
    if let sqlx::Error::Io(io) = error
        && io.kind() == std::io::ErrorKind::ConnectionRefused
    {
        return format!(
            "nothing accepts connections at {address} (connection refused): check the host and port \
             in {source} and that {engine} is running there"
        );
    }
    if said.contains("does not support TLS") || said.contains("does not support SSL") {
        return format!(
            "cannot connect to {engine} at {address}: {said}; {host} does not offer TLS: enable it on \
             the server, or, on a network you trust, lower sslmode to prefer (or disable) in {source}",
            host = server.host
        );
    }
    if matches!(error, sqlx::Error::Tls(_))
        || said.contains("certificate")
        || said.contains("TLS")
        || said.contains("SSL")
    {
        return format!(
            "cannot connect to {engine} at {address}: {said}; the TLS connection to {host} failed: \
             check sslmode and sslrootcert in {source} (with sslmode=verify-full the server's \
             certificate must name {host}; sslmode=require encrypts without checking it)",
            host = server.host
        );
    }
    format!(
        "cannot connect to {engine} at {address}: {said}; check the host, port, user and password in \
         {source}"
    )
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
    with_timeout(Protocol::Postgres, server, settings, options.connect()).await
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
    with_timeout(Protocol::MySql, server, settings, options.connect()).await
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
