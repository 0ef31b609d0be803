//! DATABASE_URL spellings -> what to connect to. Pure: no I/O, unit-tested.
//!
//! The gateway's operators hold SQLAlchemy URLs, so SQLAlchemy's meaning wins
//! where it differs from sqlx's (`sqlite:///rel.db` is relative,
//! `sqlite:////abs.db` absolute; driver suffixes like `+psycopg` are accepted).
//! Error messages never repeat the URL: it may carry a password.

use std::fmt;
use std::path::{Path, PathBuf};

use url::Url;

use crate::password::Secret;

/// Where the gateway keeps its database when DATABASE_URL is not set.
pub const GATEWAY_DEFAULT_URL: &str = "sqlite:///./mcp.db";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Sqlite { path: PathBuf },
    Postgres(ServerTarget),
    MySql(ServerTarget),
}

#[derive(Clone, PartialEq, Eq)]
pub struct ServerTarget {
    pub host: String,
    pub port: u16,
    /// A Unix socket directory (PostgreSQL `?host=/run/postgresql`).
    pub socket: Option<PathBuf>,
    pub database: Option<String>,
    pub user: Option<String>,
    pub password: Option<Secret>,
    /// PostgreSQL settings from `?options=-c name=value ...` (the gateway's `search_path`, and any other).
    pub settings: Vec<(String, String)>,
    pub ssl_mode: Option<SslMode>,
    pub ssl_root_cert: Option<PathBuf>,
}

impl fmt::Debug for ServerTarget {
    // Hand-written so the password can never reach Debug output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = format!("{:?}", DebugFields(self));
        f.write_str(&self.redact(shown))
    }
}

/// The fields as derived Debug would show them, the password left out.
struct DebugFields<'a>(&'a ServerTarget);

impl fmt::Debug for DebugFields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DebugFields(target) = self;
        f.debug_struct("ServerTarget")
            .field("host", &target.host)
            .field("port", &target.port)
            .field("socket", &target.socket)
            .field("database", &target.database)
            .field("user", &target.user)
            .field("password", &target.password.as_ref().map(|_| MASK))
            .field("settings", &target.settings)
            .field("ssl_mode", &target.ssl_mode)
            .field("ssl_root_cert", &target.ssl_root_cert)
            .finish()
    }
}

/// libpq's sslmode values; MySQL's ssl-mode values map onto the same ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(value: &str) -> Option<Self> {
        Some(
            match value.to_ascii_lowercase().replace('_', "-").as_str() {
                "disable" | "disabled" => Self::Disable,
                "allow" => Self::Allow,
                "prefer" | "preferred" => Self::Prefer,
                "require" | "required" => Self::Require,
                "verify-ca" => Self::VerifyCa,
                "verify-full" | "verify-identity" => Self::VerifyFull,
                _ => return None,
            },
        )
    }
}

impl Target {
    /// What the banner and error messages call this database (never a password).
    pub fn describe(&self) -> String {
        match self {
            Target::Sqlite { path } => format!("SQLite {}", path.display()),
            Target::Postgres(server) => format!("PostgreSQL {}", server.describe()),
            Target::MySql(server) => format!("MySQL/MariaDB {}", server.describe()),
        }
    }
}

impl ServerTarget {
    /// The schema the gateway's URL selects, if any.
    #[cfg(test)]
    fn search_path(&self) -> Option<&str> {
        self.settings
            .iter()
            .rev()
            .find(|(name, _)| name == "search_path")
            .map(|(_, value)| value.as_str())
    }

    pub fn address(&self) -> String {
        self.redact(match &self.socket {
            Some(dir) => format!("socket {}", dir.display()),
            None => format!("{}:{}", self.host, self.port),
        })
    }

    /// Masks the password wherever else the URL repeated it (a URL pasted twice puts it in
    /// the database name). Passwords under four characters are left alone: masking them
    /// would garble every message, and they would be guessed anyway. The mask is shorter
    /// than any masked password, and if masking formed the password anew (found by fuzzing:
    /// a password that is part of the mask, or of what surrounds it) nothing is shown.
    pub(super) fn redact(&self, text: String) -> String {
        match &self.password {
            Some(password) if password.expose().len() >= 4 => {
                let masked = text.replace(password.expose(), MASK);
                if masked.contains(password.expose()) {
                    MASK.to_owned()
                } else {
                    masked
                }
            }
            _ => text,
        }
    }

    fn describe(&self) -> String {
        let mut text = self.address();
        if let Some(database) = &self.database {
            text.push('/');
            text.push_str(database);
        }
        if let Some(user) = &self.user {
            text.push_str(" as ");
            text.push_str(user);
        }
        self.redact(text)
    }
}

/// What stands for a password in what is shown.
const MASK: &str = "***";

/// Why a URL was refused. The message names the problem and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlError(pub String);

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UrlError {}

fn refuse<T>(message: impl Into<String>) -> Result<T, UrlError> {
    Err(UrlError(message.into()))
}

/// Translates a DATABASE_URL; relative SQLite paths resolve against `cwd`.
pub fn parse(raw: &str, cwd: &Path) -> Result<Target, UrlError> {
    let raw = raw.trim();
    let Some((scheme, rest)) = raw.split_once(':') else {
        return refuse(
            "the database URL has no scheme; write it as sqlite:///./mcp.db, \
             postgresql://USER@HOST:5432/DB or mysql://USER@HOST:3306/DB",
        );
    };
    let scheme = scheme.to_ascii_lowercase();
    // SQLAlchemy names the Python driver after a '+'; we bring our own.
    let dialect = scheme.split('+').next().unwrap_or_default();
    match dialect {
        "sqlite" => parse_sqlite(rest, cwd),
        "postgresql" | "postgres" | "pgsql" => {
            parse_server(raw, &scheme, 5432).map(Target::Postgres)
        }
        "mysql" | "mariadb" => parse_server(raw, &scheme, 3306).map(Target::MySql),
        _ => refuse(format!(
            "unsupported database scheme '{scheme}': breakglass speaks SQLite (sqlite:///path), \
             PostgreSQL (postgresql://...) and MySQL/MariaDB (mysql://...)"
        )),
    }
}

fn parse_sqlite(rest: &str, cwd: &Path) -> Result<Target, UrlError> {
    let (location, query) = match rest.split_once('?') {
        Some((location, query)) => (location, Some(query)),
        None => (rest, None),
    };
    let in_memory = "an in-memory SQLite database holds no users of the gateway; \
                     point at its file, e.g. sqlite:///./mcp.db or sqlite:////data/mcp.db";
    if let Some(query) = query {
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if key == "mode" && value == "memory" {
                return refuse(in_memory);
            }
        }
    }
    // SQLAlchemy: sqlite:// + "/" + path, so "///rel" is relative and "////abs" absolute.
    // sqlx's "sqlite:rel.db" (no slashes) is relative too.
    let path = match location.strip_prefix("//") {
        Some(after_authority) => match after_authority.strip_prefix('/') {
            Some(path) => path,
            None if after_authority.is_empty() => "",
            None => {
                return refuse(format!(
                    "sqlite://{after_authority} is ambiguous; write sqlite:///{after_authority} \
                     for a path relative to this directory or sqlite:////absolute/path.db"
                ));
            }
        },
        None => location,
    };
    let path = percent_decode(path)?;
    if path.is_empty() || path == ":memory:" || path.starts_with("file::memory:") {
        return refuse(in_memory);
    }
    Ok(Target::Sqlite {
        path: absolute(cwd, Path::new(&path)),
    })
}

/// Joins and removes `.` segments without touching the file system.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = cwd.join(path);
    joined
        .components()
        .filter(|part| !matches!(part, std::path::Component::CurDir))
        .collect()
}

fn parse_server(raw: &str, scheme: &str, default_port: u16) -> Result<ServerTarget, UrlError> {
    let engine = if default_port == 5432 {
        "PostgreSQL"
    } else {
        "MySQL"
    };
    let url = Url::parse(raw).map_err(|error| {
        UrlError(format!(
            "the {engine} URL is malformed ({error}); expected {scheme}://USER:PASSWORD@HOST:PORT/DATABASE \
             with special characters in the password percent-encoded (e.g. @ as %40)"
        ))
    })?;
    let mut target = ServerTarget {
        host: url.host_str().unwrap_or_default().to_owned(),
        port: url.port().unwrap_or(default_port),
        socket: None,
        database: None,
        user: None,
        password: None,
        settings: Vec::new(),
        ssl_mode: None,
        ssl_root_cert: None,
    };
    if !url.username().is_empty() {
        target.user = Some(percent_decode(url.username())?);
    }
    if let Some(password) = url.password() {
        target.password = Some(Secret::new(percent_decode(password)?));
    }
    let database = url.path().trim_start_matches('/');
    if !database.is_empty() {
        target.database = Some(percent_decode(database)?);
    }
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "options" if engine == "PostgreSQL" => {
                target.settings = settings_from_options(&value)?;
            }
            "sslmode" | "ssl_mode" | "ssl-mode" => {
                target.ssl_mode = Some(SslMode::parse(&value).ok_or_else(|| {
                    UrlError(format!(
                        "unknown sslmode '{value}'; use disable, prefer, require, verify-ca or verify-full"
                    ))
                })?);
            }
            "sslrootcert" | "ssl_ca" | "ssl-ca" => {
                target.ssl_root_cert = Some(value.as_ref().into())
            }
            "host" if value.starts_with('/') => target.socket = Some(value.as_ref().into()),
            "host" => target.host = value.into_owned(),
            "port" => {
                target.port = value.parse().map_err(|_| {
                    UrlError(format!(
                        "the port '{value}' in the database URL is not a number"
                    ))
                })?;
            }
            "user" => target.user = Some(value.into_owned()),
            // Settings of the Python drivers that mean nothing to us.
            _ => {}
        }
    }
    if target.host.is_empty() && target.socket.is_none() {
        target.host = "localhost".to_owned();
    }
    Ok(target)
}

/// Reads libpq's `options` (`-c search_path=a,b`, `-csearch_path=a`, `--search-path=a`) into settings.
fn settings_from_options(options: &str) -> Result<Vec<(String, String)>, UrlError> {
    let mut words = options.split_whitespace();
    let mut settings = Vec::new();
    while let Some(word) = words.next() {
        let setting = match word.strip_prefix("-c") {
            Some("") => words.next().unwrap_or_default(),
            Some(inline) => inline,
            None => word.strip_prefix("--").unwrap_or(word),
        };
        if let Some((name, value)) = setting.split_once('=') {
            let name = name.replace('-', "_");
            if name == "search_path" && value.is_empty() {
                return refuse("the search_path in the URL's options is empty; name a schema");
            }
            settings.push((name, value.to_owned()));
        }
    }
    Ok(settings)
}

fn percent_decode(text: &str) -> Result<String, UrlError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3).unwrap_or_default();
            let byte = u8::from_str_radix(hex, 16).map_err(|_| {
                UrlError("the database URL has a '%' that is not followed by two hex digits".into())
            })?;
            out.push(byte);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out)
        .map_err(|_| UrlError("a percent-encoded part of the database URL is not UTF-8".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cwd() -> PathBuf {
        PathBuf::from("/srv/gateway")
    }

    fn sqlite(raw: &str) -> PathBuf {
        match parse(raw, &cwd()) {
            Ok(Target::Sqlite { path }) => path,
            other => panic!("{raw}: {other:?}"),
        }
    }

    fn server(raw: &str) -> ServerTarget {
        match parse(raw, &cwd()) {
            Ok(Target::Postgres(server) | Target::MySql(server)) => server,
            other => panic!("{raw}: {other:?}"),
        }
    }

    fn refused(raw: &str) -> String {
        match parse(raw, &cwd()) {
            Err(UrlError(message)) => message,
            Ok(target) => panic!("{raw} was accepted as {target:?}"),
        }
    }

    /// Found by the database_url fuzz target: a URL pasted twice carries the password in
    /// the database name too.
    #[test]
    fn a_password_repeated_elsewhere_in_the_url_is_masked_there_too() {
        let url = "postgresql://user:p%40ss1@pg/postgresql://user:p%40ss1@db/x";
        let target = parse(url, &cwd()).expect("parses");
        let shown = format!("{} {target:?}", target.describe());
        assert!(!shown.contains("p@ss1"), "{shown}");
        assert!(shown.contains("***"), "{shown}");
        // Found by fuzzing: a password inside the mask's old text, "<redacted>".
        let inside = parse("postgresql://u:redac@h/redac", &cwd()).expect("parses");
        assert!(!format!("{} {inside:?}", inside.describe()).contains("redac"));
    }

    #[test]
    fn sqlite_spellings_follow_sqlalchemy() {
        assert_eq!(
            sqlite("sqlite:///./mcp.db"),
            PathBuf::from("/srv/gateway/mcp.db")
        );
        assert_eq!(
            sqlite("sqlite:///data/mcp.db"),
            PathBuf::from("/srv/gateway/data/mcp.db")
        );
        assert_eq!(
            sqlite("sqlite:////var/lib/mcp.db"),
            PathBuf::from("/var/lib/mcp.db")
        );
        assert_eq!(
            sqlite("sqlite:mcp.db"),
            PathBuf::from("/srv/gateway/mcp.db")
        );
        assert_eq!(
            sqlite("SQLITE+pysqlite:///mcp.db?timeout=5"),
            PathBuf::from("/srv/gateway/mcp.db")
        );
        assert_eq!(
            sqlite("sqlite:///my%20db.sqlite"),
            PathBuf::from("/srv/gateway/my db.sqlite")
        );
        assert_eq!(
            sqlite("  sqlite:///mcp.db\n"),
            PathBuf::from("/srv/gateway/mcp.db")
        );
    }

    #[test]
    fn in_memory_sqlite_is_refused() {
        for raw in [
            "sqlite://",
            "sqlite:///:memory:",
            "sqlite::memory:",
            "sqlite:///x.db?mode=memory",
            "sqlite:",
        ] {
            assert!(refused(raw).contains("in-memory"), "{raw}");
        }
    }

    #[test]
    fn sqlite_with_a_host_is_ambiguous() {
        assert!(refused("sqlite://mcp.db").contains("sqlite:///mcp.db"));
    }

    #[test]
    fn postgres_spellings_all_mean_postgres() {
        for scheme in [
            "postgresql",
            "postgres",
            "postgresql+psycopg",
            "postgresql+psycopg2",
            "postgresql+asyncpg",
        ] {
            let raw = format!("{scheme}://app:s3cr%40t@db.internal:6432/mcp");
            let Ok(Target::Postgres(target)) = parse(&raw, &cwd()) else {
                panic!("{raw}");
            };
            assert_eq!(target.host, "db.internal");
            assert_eq!(target.port, 6432);
            assert_eq!(target.database.as_deref(), Some("mcp"));
            assert_eq!(target.user.as_deref(), Some("app"));
            assert_eq!(target.password.as_ref().map(|p| p.expose()), Some("s3cr@t"));
        }
    }

    #[test]
    fn postgres_defaults_and_search_path() {
        let target = server("postgresql://pg/mcp?options=-c%20search_path%3Dmcpgw");
        assert_eq!(target.port, 5432);
        assert_eq!(target.search_path(), Some("mcpgw"));
        assert_eq!(
            server("postgres://h/d?options=-csearch_path%3Da,public").search_path(),
            Some("a,public")
        );
        assert_eq!(
            server("postgres://h/d?options=--search_path%3Dx").search_path(),
            Some("x")
        );
        assert_eq!(
            server("postgres:///d?host=/run/postgresql").socket,
            Some(PathBuf::from("/run/postgresql"))
        );
        assert_eq!(server("postgres:///d").host, "localhost");
        assert!(refused("postgres://h/d?options=-c%20search_path%3D").contains("search_path"));
    }

    #[test]
    fn tls_settings_are_read() {
        let target = server("postgresql://h/d?sslmode=verify-full&sslrootcert=/etc/ca.pem");
        assert_eq!(target.ssl_mode, Some(SslMode::VerifyFull));
        assert_eq!(target.ssl_root_cert, Some(PathBuf::from("/etc/ca.pem")));
        assert_eq!(
            server("mysql://h/d?ssl-mode=REQUIRED").ssl_mode,
            Some(SslMode::Require)
        );
        assert!(refused("postgresql://h/d?sslmode=sometimes").contains("sslmode"));
    }

    #[test]
    fn mysql_spellings_all_mean_mysql() {
        for scheme in [
            "mysql",
            "mysql+pymysql",
            "mariadb",
            "mariadb+mariadbconnector",
        ] {
            let raw = format!("{scheme}://root@127.0.0.1/test");
            assert!(
                matches!(
                    parse(&raw, &cwd()),
                    Ok(Target::MySql(ServerTarget { port: 3306, .. }))
                ),
                "{raw}"
            );
        }
    }

    #[test]
    fn bad_urls_are_refused_without_echoing_the_password() {
        assert!(refused("mcp.db").contains("no scheme"));
        assert!(refused("oracle://scott:tiger@h/orcl").contains("unsupported"));
        let message = refused("postgresql://app:hunter2@[bad/mcp");
        assert!(
            message.contains("malformed") && !message.contains("hunter2"),
            "{message}"
        );
        assert!(refused("postgresql://h:99999/d").contains("malformed"));
        assert!(refused("sqlite:///bad%zz.db").contains("hex"));
    }

    #[test]
    fn debug_output_redacts_the_password() {
        let debug = format!("{:?}", server("postgresql://app:hunter2@h/d"));
        assert!(!debug.contains("hunter2") && debug.contains("***"));
    }

    #[test]
    fn describe_never_shows_the_password() {
        let target = parse("mysql://root:pw@127.0.0.1:3306/test", &cwd()).expect("valid");
        assert_eq!(
            target.describe(),
            "MySQL/MariaDB 127.0.0.1:3306/test as root"
        );
    }
}
