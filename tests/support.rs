//! Test databases and a handle on the binary. PostgreSQL and MariaDB come from
//! BREAKGLASS_TEST_POSTGRES_URL and BREAKGLASS_TEST_MYSQL_URL; under CI both are required.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use breakglass::db::url::parse;
use breakglass::db::{ConnectSettings, Database, Dialect, Opening, UrlSource, Value};
use breakglass::password::Secret;
use breakglass::password::hash::Argon2Config;

pub const BIN: &str = env!("CARGO_BIN_EXE_breakglass");

/// Cheap Argon2 parameters (the gateway's variables) for tests that hash many passwords; the
/// gateway's own are checked in reset_leaves_the_row_exactly_as_the_gateway_expects.
pub const CHEAP_HASH: &[(&str, &str)] = &[
    ("ARGON2ID_MEMORY_COST", "1024"),
    ("ARGON2ID_TIME_COST", "1"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
    MySql,
}

pub fn server_url(engine: Engine) -> Option<String> {
    let variable = match engine {
        Engine::Sqlite => return None,
        Engine::Postgres => "BREAKGLASS_TEST_POSTGRES_URL",
        Engine::MySql => "BREAKGLASS_TEST_MYSQL_URL",
    };
    match std::env::var(variable) {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => panic!("{variable} must be set under CI"),
        _ => {
            eprintln!("skipping {engine:?}: {variable} is not set");
            None
        }
    }
}

/// SQLite always; the servers when their URLs are set (always under CI).
pub fn engines() -> Vec<Engine> {
    let mut engines = vec![Engine::Sqlite];
    for engine in [Engine::Postgres, Engine::MySql] {
        if server_url(engine).is_some() {
            engines.push(engine);
        }
    }
    engines
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

pub fn block_on<F: Future>(future: F) -> F::Output {
    runtime().block_on(future)
}

fn unique_name() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "bg_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    )
}

fn settings() -> ConnectSettings {
    ConnectSettings {
        connect_timeout: std::time::Duration::from_secs(10),
        lock_timeout: std::time::Duration::from_secs(5),
        url_source: UrlSource::flag(),
        // The tests' own connections wait silently.
        announce_waits: false,
    }
}

pub const USER_COLUMNS: [&str; 17] = [
    "email",
    "password_hash",
    "full_name",
    "is_admin",
    "is_active",
    "email_verified_at",
    "auth_provider",
    "password_hash_type",
    "failed_login_attempts",
    "locked_until",
    "created_at",
    "updated_at",
    "last_login",
    "password_change_required",
    "password_changed_at",
    "admin_origin",
    "id",
];

/// A user row to insert; everything not set is the gateway's healthy default.
#[derive(Debug, Clone)]
pub struct UserSpec {
    pub email: String,
    pub password: String,
    pub is_admin: bool,
    pub is_active: bool,
    pub must_change: bool,
    pub failed: i64,
    pub locked_minutes: Option<i64>,
    pub changed_days_ago: i64,
    pub hash_type: String,
    pub full_name: Option<String>,
}

pub fn user(email: &str, password: &str) -> UserSpec {
    UserSpec {
        email: email.to_owned(),
        password: password.to_owned(),
        is_admin: false,
        is_active: true,
        must_change: false,
        failed: 0,
        locked_minutes: None,
        changed_days_ago: 1,
        hash_type: "argon2id".to_owned(),
        full_name: None,
    }
}

impl UserSpec {
    pub fn admin(mut self) -> Self {
        self.is_admin = true;
        self
    }
    pub fn inactive(mut self) -> Self {
        self.is_active = false;
        self
    }
    pub fn must_change(mut self) -> Self {
        self.must_change = true;
        self
    }
    pub fn locked(mut self, minutes: i64) -> Self {
        self.locked_minutes = Some(minutes);
        self.failed = 5;
        self
    }
}

/// One isolated database with the gateway's schema: a SQLite file, a PostgreSQL schema
/// or a MariaDB database, dropped afterwards.
pub struct TestDb {
    pub engine: Engine,
    pub dir: tempfile::TempDir,
    url: String,
    cleanup: Option<(String, String)>,
}

impl TestDb {
    /// A database with the gateway's tables.
    pub fn new(engine: Engine) -> TestDb {
        let db = TestDb::empty(engine);
        db.script(breakglass::contextforge::sandbox::reference_schema(
            db.dialect(),
        ));
        db
    }

    /// A database (or schema) with no tables at all.
    pub fn empty(engine: Engine) -> TestDb {
        let dir = tempfile::tempdir().expect("tempdir");
        let name = unique_name();
        let (url, cleanup) = match engine {
            Engine::Sqlite => {
                let path = dir.path().join("mcp.db");
                std::fs::write(&path, b"").expect("create sqlite file");
                (format!("sqlite:///{}", path.display()), None)
            }
            Engine::Postgres => {
                let base = server_url(engine).expect("postgres url");
                run_on(&base, &format!("CREATE SCHEMA {name}"));
                let separator = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{separator}options=-c%20search_path%3D{name}");
                (url, Some((base, format!("DROP SCHEMA {name} CASCADE"))))
            }
            Engine::MySql => {
                let base = server_url(engine).expect("mysql url");
                run_on(&base, &format!("CREATE DATABASE {name}"));
                let (server, _) = base.rsplit_once('/').expect("mysql url has a database");
                (
                    format!("{server}/{name}"),
                    Some((base, format!("DROP DATABASE {name}"))),
                )
            }
        };
        TestDb {
            engine,
            dir,
            url,
            cleanup,
        }
    }

    /// A PostgreSQL database of its own (not a schema) on the server at `admin_url`, for
    /// connections that cannot carry a search_path (PgBouncer) or a server the test owns.
    pub fn postgres_database(admin_url: &str) -> TestDb {
        let db = TestDb::empty_postgres_database(admin_url);
        db.script(breakglass::contextforge::sandbox::reference_schema(
            Dialect::Postgres,
        ));
        db
    }

    /// An empty PostgreSQL database of its own, for an application that owns the whole
    /// database (its dump names the `public` schema).
    pub fn empty_postgres_database(admin_url: &str) -> TestDb {
        let name = unique_name();
        run_on(admin_url, &format!("CREATE DATABASE {name}"));
        let (server, _) = admin_url.rsplit_once('/').expect("url has a database");
        TestDb {
            engine: Engine::Postgres,
            dir: temp_dir(),
            url: format!("{server}/{name}"),
            cleanup: Some((
                admin_url.to_owned(),
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            )),
        }
    }

    /// The database's name on its server.
    pub fn name(&self) -> &str {
        self.url
            .rsplit('/')
            .next()
            .and_then(|tail| tail.split('?').next())
            .unwrap_or_default()
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Starts the binary in the background, as [`TestDb::run_with`] would run it.
    pub fn spawn_with_env(
        &self,
        args: &[&str],
        stdin: Option<&str>,
        env: &[(&str, &str)],
    ) -> std::process::Child {
        let mut all_env = vec![("DATABASE_URL", self.url.as_str())];
        all_env.extend_from_slice(env);
        let mut command = command_in(self.dir.path(), args, &all_env);
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn breakglass");
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(input) = stdin {
            use std::io::Write;
            pipe.write_all(input.as_bytes()).expect("write stdin");
        }
        drop(pipe);
        child
    }

    pub fn dialect(&self) -> Dialect {
        match self.engine {
            Engine::Sqlite => Dialect::Sqlite,
            Engine::Postgres => Dialect::Postgres,
            Engine::MySql => Dialect::MySql,
        }
    }

    async fn open(&self) -> Database {
        connect(&self.url).await.expect("open test database")
    }

    pub fn script(&self, sql: &str) {
        block_on(async {
            let mut db = self.open().await;
            db.execute_script(sql).await.expect("script");
            db.close().await.expect("close");
        });
    }

    pub fn execute(&self, sql: &str, params: &[Value]) -> u64 {
        block_on(async {
            let mut db = self.open().await;
            let changed = db.execute(sql, params).await.expect("execute");
            db.close().await.expect("close");
            changed
        })
    }

    pub fn rows(&self, sql: &str) -> Vec<Vec<Value>> {
        query_url(&self.url, sql)
    }

    /// Inserts a user with a hash of its password (cheap Argon2id parameters: the
    /// gateway verifies with the parameters stored in the hash).
    pub fn insert(&self, spec: &UserSpec) -> String {
        let config = Argon2Config {
            time_cost: 1,
            memory_cost_kib: 64,
            parallelism: 1,
        };
        let hash = config
            .hash(&Secret::new(spec.password.clone()))
            .expect("hash");
        self.insert_with_hash(spec, &hash)
    }

    pub fn insert_with_hash(&self, spec: &UserSpec, hash: &str) -> String {
        let now = chrono::Utc::now();
        let id = unique_name();
        let d = self.dialect();
        let columns = [
            "id",
            "email",
            "password_hash",
            "full_name",
            "is_admin",
            "is_active",
            "failed_login_attempts",
            "locked_until",
            "password_change_required",
            "password_changed_at",
            "password_hash_type",
            "created_at",
            "updated_at",
        ];
        let sql = format!(
            "INSERT INTO email_users ({}) VALUES ({})",
            columns.join(", "),
            d.placeholders(0, columns.len())
        );
        let values = [
            Value::Text(id.clone()),
            Value::Text(spec.email.clone()),
            Value::Text(hash.to_owned()),
            spec.full_name
                .clone()
                .map(Value::Text)
                .unwrap_or(Value::Null),
            Value::Bool(spec.is_admin),
            Value::Bool(spec.is_active),
            Value::Int(spec.failed),
            match spec.locked_minutes {
                Some(minutes) => Value::Timestamp(now + chrono::Duration::minutes(minutes)),
                None => Value::Null,
            },
            Value::Bool(spec.must_change),
            Value::Timestamp(now - chrono::Duration::days(spec.changed_days_ago)),
            Value::Text(spec.hash_type.clone()),
            Value::Timestamp(now),
            Value::Timestamp(now),
        ];
        self.execute(&sql, &values);
        id
    }

    /// Grants the gateway's global platform_admin role (created on first use).
    pub fn grant_platform_admin(&self, email: &str, grant_active: bool) {
        let d = self.dialect();
        let now = Value::Timestamp(chrono::Utc::now());
        let role_id = "role-platform-admin".to_owned();
        let existing = self.rows(&format!("SELECT id FROM roles WHERE id = '{role_id}'"));
        let role_sql = format!(
            "INSERT INTO roles (id, name, scope, permissions, created_by, is_system_role, is_active, created_at, updated_at) \
             VALUES ({}, '[\"*\"]', {})",
            d.placeholders(0, 3),
            d.placeholders(3, 5)
        );
        if existing.is_empty() {
            self.execute(
                &role_sql,
                &[
                    Value::Text(role_id.clone()),
                    Value::Text("platform_admin".into()),
                    Value::Text("global".into()),
                    Value::Text("system".into()),
                    Value::Bool(true),
                    Value::Bool(true),
                    now.clone(),
                    now.clone(),
                ],
            );
        }
        let grant_sql = format!(
            "INSERT INTO user_roles (id, user_email, role_id, scope, granted_by, granted_at, is_active) VALUES ({})",
            d.placeholders(0, 7)
        );
        self.execute(
            &grant_sql,
            &[
                Value::Text(unique_name()),
                Value::Text(email.into()),
                Value::Text(role_id),
                Value::Text("global".into()),
                Value::Text("system".into()),
                now,
                Value::Bool(grant_active),
            ],
        );
    }

    /// Runs the binary with this database's URL in DATABASE_URL, from the temp directory.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None, &[])
    }

    pub fn run_with(&self, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
        let mut all_env = vec![("DATABASE_URL", self.url.as_str())];
        all_env.extend_from_slice(env);
        run_in(self.dir.path(), args, stdin, &all_env)
    }

    /// One user's row, column by column.
    pub fn row(&self, email: &str) -> std::collections::BTreeMap<String, Value> {
        let sql = format!(
            "SELECT {} FROM email_users WHERE email = {}",
            USER_COLUMNS.join(", "),
            self.dialect().placeholder(1)
        );
        let rows = block_on(async {
            let mut db = self.open().await;
            let rows = db
                .fetch_all(&sql, &[Value::Text(email.to_owned())])
                .await
                .expect("row");
            db.close().await.expect("close");
            rows
        });
        let row = rows
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no row for {email}"));
        USER_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .zip(row)
            .collect()
    }

    /// Rows of the whole database that a change may touch, for "nothing changed" checks.
    pub fn snapshot(&self) -> Vec<Vec<String>> {
        ["email_users", "email_auth_events", "password_history"]
            .iter()
            .map(|table| self.dump(table))
            .collect()
    }

    /// Every row of a table rendered as text, ordered, for before/after comparisons.
    pub fn dump(&self, table: &str) -> Vec<String> {
        let mut rows: Vec<String> = self
            .rows(&format!("SELECT * FROM {table}"))
            .into_iter()
            .map(|row| format!("{row:?}"))
            .collect();
        rows.sort();
        rows
    }
}

/// A connection of the test's own, for fixtures and for holding locks.
pub async fn connect(url: &str) -> anyhow::Result<Database> {
    let target = parse(url, Path::new("/"))?;
    Database::open(target, &settings(), Opening::Existing).await
}

/// Every row of a query, on any database URL.
pub fn query_url(url: &str, sql: &str) -> Vec<Vec<Value>> {
    block_on(async {
        let mut db = connect(url).await.expect("open");
        let rows = db.fetch_all(sql, &[]).await.expect(sql);
        db.close().await.expect("close");
        rows
    })
}

/// Cells as plain text, for compact assertions.
pub fn texts(rows: &[Vec<Value>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Value::Null => "NULL".to_owned(),
                    Value::Text(text) => text.clone(),
                    Value::Int(number) => number.to_string(),
                    Value::Bool(flag) => flag.to_string(),
                    Value::Float(number) => number.to_string(),
                    Value::Timestamp(at) => at.to_rfc3339(),
                })
                .collect()
        })
        .collect()
}

pub fn run_on(url: &str, sql: &str) {
    block_on(async {
        let mut db = connect(url).await.expect("connect to test server");
        db.execute_script(sql).await.expect(sql);
        db.close().await.expect("close");
    });
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, sql)) = &self.cleanup {
            run_on(base, sql);
        }
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }

    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// Runs the binary in `dir` with a clean environment: no DATABASE_URL or gateway
/// settings leak in from the machine running the tests.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let mut command = command_in(dir, args, env);
    command.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("spawn breakglass");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin");
        // A refusal may close stdin early; that is the binary's business.
        let _ = pipe.write_all(input.as_bytes());
    }
    finished(child)
}

/// Waits for a child started by [`run_in`] or [`TestDb::spawn`] and collects its output.
pub fn finished(child: std::process::Child) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("wait");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

fn command_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).current_dir(dir).env_clear();
    for keep in ["PATH", "HOME", "LANG"] {
        if let Some(value) = std::env::var_os(keep) {
            command.env(keep, value);
        }
    }
    command.envs(env.iter().copied());
    command
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// True for the engine's spelling of a true boolean (SQLite stores integers).
pub fn is_true(value: &Value) -> bool {
    matches!(value, Value::Bool(true) | Value::Int(1))
}

pub fn is_false(value: &Value) -> bool {
    matches!(value, Value::Bool(false) | Value::Int(0))
}

/// A timestamp cell within `seconds` of now (text on SQLite, in the gateway's format).
pub fn is_recent(value: &Value, seconds: i64) -> bool {
    let at = match value {
        Value::Timestamp(at) => *at,
        Value::Text(text) => chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.6f")
            .unwrap_or_else(|_| panic!("not the gateway's SQLite timestamp format: {text}"))
            .and_utc(),
        other => panic!("not a timestamp: {other:?}"),
    };
    (chrono::Utc::now() - at).num_seconds().abs() <= seconds
}

pub fn python_has_argon2() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import argon2"])
        .output()
        .is_ok_and(|out| out.status.success());
    required_tool("python3 with argon2-cffi", found)
}

/// Whether a tool a test needs is here: under CI it must be (.ci/run installs it); elsewhere
/// the test is skipped with a note.
pub fn required_tool(what: &str, found: bool) -> bool {
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{what} is required under CI (.ci/run installs it)");
        }
        eprintln!("skipping: {what} is not installed");
    }
    found
}

/// One statement on a fresh connection; errors are returned, not fatal (for load generators).
pub fn try_execute(url: &str, sql: &str) -> anyhow::Result<u64> {
    block_on(async {
        let mut db = connect(url).await?;
        let changed = db.execute(sql, &[]).await?;
        db.close().await?;
        Ok(changed)
    })
}

/// Runs an application's own code as a judge: `tests/judges/SCRIPT` under `python`, on the
/// test database, with `stdin` handed over as is. Its stdout, trimmed; a failing judge fails the test.
pub fn run_judge(
    python: &str,
    script: &str,
    db: &TestDb,
    args: &[&str],
    env: &[(&str, &str)],
    stdin: &str,
) -> String {
    let script = format!("{}/tests/judges/{script}", env!("CARGO_MANIFEST_DIR"));
    let mut command = Command::new(python);
    command
        .arg(script)
        .arg(db.url())
        .args(args)
        .envs(env.iter().copied());
    piped(command, stdin, &format!("judge {args:?}"))
}

/// Runs `command` with `stdin` piped in; its stdout, trimmed. Fails the test, with the
/// program's stderr, when it fails.
pub fn piped(mut command: Command, stdin: &str, what: &str) -> String {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{what}: {error}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect(what);
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The keys (`email`) of a `list-admins -o json` result, in its order.
pub fn listed_keys(run: &Run) -> Vec<String> {
    run.json()
        .as_array()
        .expect("array")
        .iter()
        .map(|admin| admin["email"].as_str().expect("key").to_owned())
        .collect()
}

/// Runs a Python snippet with `stdin` piped in; its stdout, trimmed. Fails the test, with
/// Python's stderr, when the snippet fails.
pub fn python(code: &str, stdin: &str) -> String {
    let mut command = Command::new("python3");
    command.args(["-c", code]);
    piped(command, stdin, "python")
}
