//! The dialect seam: one connection type for every engine. Commands and the schema
//! layer speak [`Value`]s and dialect-built SQL; only this module knows sqlx.

mod connect;
mod cpu;
pub mod dialect;
mod drivers;
mod probe;
pub mod url;
pub mod value;

use std::io::Write as _;

use anyhow::{Context, Result};
use futures_util::TryStreamExt;
use sqlx::{AssertSqlSafe, Executor};

pub use connect::{ConnectSettings, Opening, UrlSource};
pub use dialect::Dialect;
use drivers::Driver;
pub use url::Target;
pub use value::Value;

use crate::exit::{BUSY, DATABASE, Failure};

enum Conn {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
    MySql(sqlx::MySqlConnection),
}

/// An open database: its connection, its dialect and what to call it in messages.
pub struct Database {
    conn: Conn,
    target: Target,
    /// A transaction this handle opened for reads (see [`Dialect::pins_reads`]).
    reading: bool,
    /// A write transaction is open: a slow statement is waiting for a lock.
    writing: bool,
    /// How long a lock is waited for, to say so when a wait is announced.
    lock_timeout: std::time::Duration,
    /// Say on stderr what a wait of more than a second is waiting for.
    announce_waits: bool,
    /// SQLite: the CPU sqlx reads on, which reads run beside (see [`cpu`]).
    reader_cpu: Option<cpu::ReaderCpu>,
}

/// A column as the catalog declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnInfo {
    pub name: String,
    pub declared_type: String,
    /// NOT NULL with no default or identity: an INSERT must give it a value.
    pub needs_value: bool,
}

/// Runs `$body` with `$conn` bound to the concrete connection and `D` to its driver.
macro_rules! with_driver {
    ($db:expr, $conn:ident => $body:expr) => {
        match &mut $db.conn {
            Conn::Sqlite($conn) => {
                #[allow(dead_code)]
                type D = sqlx::Sqlite;
                $body
            }
            Conn::Postgres($conn) => {
                #[allow(dead_code)]
                type D = sqlx::Postgres;
                $body
            }
            Conn::MySql($conn) => {
                #[allow(dead_code)]
                type D = sqlx::MySql;
                $body
            }
        }
    };
}

impl Database {
    pub fn dialect(&self) -> Dialect {
        match self.conn {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
            Conn::MySql(_) => Dialect::MySql,
        }
    }

    /// Which database this is, for the banner and errors: engine, place, user and the
    /// schema unqualified names resolve to. Never a password.
    pub async fn describe(&mut self) -> Result<String> {
        let mut text = self.target.describe();
        if let Some(sql) = self.dialect().current_schema_query()
            && let Some(schema) = self
                .fetch_scalar(sql, &[])
                .await?
                .and_then(|v| v.text().map(str::to_owned))
        {
            text.push_str(", schema ");
            text.push_str(&schema);
        }
        Ok(text)
    }

    /// Calls `each` for every row as it arrives, so memory does not grow with the result.
    pub async fn for_each_row(
        &mut self,
        sql: &str,
        params: &[Value],
        mut each: impl FnMut(Vec<Value>) -> Result<()>,
    ) -> Result<()> {
        self.pin_reads().await?;
        let notice = self.row_lock_notice();
        let _beside = self.reader_cpu.as_ref().map(cpu::ReaderCpu::beside);
        announcing(notice, async {
            with_driver!(self, conn => stream_rows::<D>(conn, sql, params, &mut each).await)
        })
        .await
    }

    pub async fn fetch_all(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>> {
        let mut rows = Vec::new();
        self.for_each_row(sql, params, |row| {
            rows.push(row);
            Ok(())
        })
        .await?;
        Ok(rows)
    }

    /// The first column of the first row, if any.
    pub async fn fetch_scalar(&mut self, sql: &str, params: &[Value]) -> Result<Option<Value>> {
        Ok(self
            .fetch_all(sql, params)
            .await?
            .into_iter()
            .next()
            .and_then(|row| row.into_iter().next()))
    }

    /// Runs one statement; returns how many rows it changed.
    pub async fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        self.pin_reads().await?;
        let notice = self.row_lock_notice();
        announcing(notice, async {
            with_driver!(self, conn => {
                let query = bound_query::<D>(sql, params);
                query.execute(&mut *conn).await.map(|done| done.rows_affected()).map_err(classify)
            })
        })
        .await
    }

    /// Inside a write transaction on a server, a statement that takes more than a second is
    /// waiting for a row lock (FOR UPDATE, UPDATE) someone else holds: say so.
    fn row_lock_notice(&self) -> Option<String> {
        (self.writing && self.announce_waits && self.dialect() != Dialect::Sqlite).then(|| {
            format!(
                "waiting for {}: another session probably holds a lock on these rows (up to {} s; \
                 --lock-timeout)...",
                self.dialect().engine(),
                self.lock_timeout.as_secs()
            )
        })
    }

    /// Opens a write transaction (see [`Dialect::begin_write`]).
    /// Refuses (exit 7) a read-only server before anything is written.
    pub async fn begin_write(&mut self, lock_timeout: std::time::Duration) -> Result<()> {
        self.end_reads().await?;
        for statement in self.dialect().begin_write(lock_timeout) {
            // SQLite takes its write lock here and waits inside the library (its busy
            // timeout), where the wait cannot be seen: a timer beside it says what it is.
            let notice = (self.announce_waits && self.dialect() == Dialect::Sqlite).then(|| {
                format!(
                    "waiting for the database lock held by another writer (up to {} s; \
                     --lock-timeout)...",
                    lock_timeout.as_secs()
                )
            });
            announcing(notice, self.execute_script(&statement)).await?;
        }
        self.writing = true;
        if let Some(query) = self.dialect().read_only_query() {
            let read_only = self.fetch_scalar(query, &[]).await?;
            if matches!(read_only, Some(Value::Bool(true) | Value::Int(1))) {
                self.rollback().await?;
                return Err(Failure::error(
                    DATABASE,
                    format!(
                        "{} is read-only (a replica or hot standby, or default_transaction_read_only is on); \
                         nothing was changed. Point DATABASE_URL at the primary",
                        self.target.describe()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Ends a write transaction: commits when the work succeeded and `commit` is set (false
    /// for a dry run), otherwise rolls back. The work's own error wins over a failed rollback.
    pub async fn finish_write<T>(&mut self, work: Result<T>, commit: bool) -> Result<T> {
        match work {
            Ok(value) if commit => self.commit().await.map(|()| value),
            Ok(value) => self.rollback().await.map(|()| value),
            Err(error) => {
                let _ = self.rollback().await;
                Err(error)
            }
        }
    }

    pub async fn commit(&mut self) -> Result<()> {
        let writing = !self.reading;
        self.reading = false;
        self.writing = false;
        match self.run_script("COMMIT").await {
            Ok(()) => Ok(()),
            // The server answered: it did not commit, and rolled back.
            Err(error @ sqlx::Error::Database(_)) => Err(classify(error)),
            // The server may have committed before the connection dropped: say so, not
            // "nothing was changed".
            Err(error) if writing => Err(anyhow::Error::new(error).context(Failure {
                code: DATABASE,
                message: "the connection failed while committing, so whether the change was saved is \
                          unknown; look at the row (breakglass list-admins, breakglass verify) before \
                          running the command again"
                    .to_owned(),
            })),
            Err(error) => Err(classify(error)),
        }
    }

    /// Rolls back; used on every path that must leave the database as it was.
    pub async fn rollback(&mut self) -> Result<()> {
        self.reading = false;
        self.writing = false;
        self.execute_script("ROLLBACK").await
    }

    /// Where the dialect needs it, opens a transaction before the first statement outside one.
    async fn pin_reads(&mut self) -> Result<()> {
        if self.dialect().pins_reads() && !self.in_transaction() {
            self.execute_script("BEGIN").await?;
            self.reading = true;
        }
        Ok(())
    }

    /// Ends the transaction opened for reads, if any. Called before waiting on a person
    /// (a prompt), so no transaction stays open while nobody is working in it.
    pub async fn end_reads(&mut self) -> Result<()> {
        if self.reading {
            self.commit().await?;
        }
        Ok(())
    }

    fn in_transaction(&mut self) -> bool {
        use sqlx::Connection;
        with_driver!(self, conn => conn.is_in_transaction())
    }

    /// Runs several statements at once (schema scripts); no parameters.
    pub async fn execute_script(&mut self, sql: &str) -> Result<()> {
        self.run_script(sql).await.map_err(classify)
    }

    async fn run_script(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        let script = sqlx::raw_sql(AssertSqlSafe(sql.to_owned()));
        with_driver!(self, conn => conn.execute(script).await.map(drop))
    }

    /// The table's columns in the current schema; empty when the table does not exist.
    pub async fn columns(&mut self, table: &str) -> Result<Vec<ColumnInfo>> {
        let rows = self
            .fetch_all(
                self.dialect().columns_query(),
                &[Value::Text(table.to_owned())],
            )
            .await
            .with_context(|| format!("reading the columns of table {table}"))?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let mut cells = row.into_iter();
                let name = cells.next()?.text()?.to_owned();
                let declared_type = cells
                    .next()
                    .and_then(|v| v.text().map(str::to_owned))
                    .unwrap_or_default();
                let needs_value = matches!(cells.next(), Some(Value::Bool(true) | Value::Int(1)));
                Some(ColumnInfo {
                    name,
                    declared_type,
                    needs_value,
                })
            })
            .collect())
    }

    pub async fn has_table(&mut self, table: &str) -> Result<bool> {
        Ok(!self.columns(table).await?.is_empty())
    }

    /// Closes the connection cleanly (SQLite then removes its -wal and -shm files).
    pub async fn close(mut self) -> Result<()> {
        use sqlx::Connection;
        self.end_reads().await?;
        match self.conn {
            Conn::Sqlite(conn) => conn.close().await,
            Conn::Postgres(conn) => conn.close().await,
            Conn::MySql(conn) => conn.close().await,
        }
        .map_err(classify)
    }
}

/// Statements are not kept prepared on the server: each runs once per invocation, and a
/// named statement left behind would collide on a pooled server connection (PgBouncer).
fn bound_query<'q, D: Driver>(sql: &str, params: &[Value]) -> drivers::Bound<'q, D> {
    params.iter().fold(
        sqlx::query::<D>(AssertSqlSafe(sql.to_owned())).persistent(false),
        D::bind,
    )
}

async fn stream_rows<D: Driver>(
    conn: &mut D::Connection,
    sql: &str,
    params: &[Value],
    each: &mut dyn FnMut(Vec<Value>) -> Result<()>,
) -> Result<()>
where
    for<'c> &'c mut D::Connection: Executor<'c, Database = D>,
    usize: sqlx::ColumnIndex<D::Row>,
{
    let mut rows = bound_query::<D>(sql, params).fetch(&mut *conn);
    while let Some(row) = rows.try_next().await.map_err(classify)? {
        each(drivers::decode_row::<D>(&row)?)?;
    }
    Ok(())
}

const LOST: &str = "lost the connection to the database; the open transaction was rolled back \
     and nothing was changed. Check that the server is up, then run the command again";

/// Gives connection and lock failures their exit codes; other errors stay unexpected.
fn classify(error: sqlx::Error) -> anyhow::Error {
    let failure = |code, message: &str| Failure {
        code,
        message: message.to_owned(),
    };
    let context = match &error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut => Some(failure(DATABASE, LOST)),
        sqlx::Error::Database(db) => {
            // MySQL reports lock waits by error number; its code() is only the SQLSTATE.
            let mysql_lock = db
                .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
                .is_some_and(|mysql| matches!(mysql.number(), 1205 | 1213));
            let code = db.code().unwrap_or_default();
            // The server ended the session: PostgreSQL's shutdown and connection classes
            // (57P01 terminated by an administrator, 57P02, 57P03, 08xxx); MySQL's killed
            // connection, server gone away and lost connection.
            let lost = code.starts_with("57P")
                || code.starts_with("08")
                || db
                    .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
                    .is_some_and(|mysql| matches!(mysql.number(), 1927 | 2006 | 2013));
            // PostgreSQL lock_not_available and deadlock; SQLite BUSY, LOCKED and their variants.
            let lock_error = mysql_lock
                || matches!(
                    code.as_ref(),
                    "55P03" | "40P01" | "5" | "6" | "261" | "262" | "517"
                )
                || db.message().contains("database is locked");
            // SQLite cannot write the file (or its folder, for the journal).
            let read_only_file = code.as_ref() == "8" || db.message().contains("readonly database");
            if lost {
                Some(failure(DATABASE, LOST))
            } else if lock_error {
                Some(failure(
                    BUSY,
                    "the database is busy: another session holds a lock this command needs; \
                     nothing was changed and it is safe to retry (raise --lock-timeout to wait longer)",
                ))
            } else if read_only_file {
                Some(failure(
                    DATABASE,
                    "the database file (or its folder) is read-only for this user; nothing was changed. \
                     Run breakglass as the user the gateway runs as",
                ))
            } else {
                None
            }
        }
        _ => None,
    };
    let error = match &error {
        sqlx::Error::Database(db) => {
            anyhow::anyhow!(
                "error returned from database: {}",
                database_text(db.as_ref())
            )
        }
        _ => anyhow::anyhow!(driver_text(&error)),
    };
    match context {
        Some(failure) => error.context(failure),
        None => error,
    }
}

/// What the server said, without the internals: PostgreSQL's errors end with the server's
/// own source line ("at line 948" in sqlx's text), and MySQL's start with an error number;
/// keep the message, PostgreSQL's detail and hint.
fn database_text(db: &dyn sqlx::error::DatabaseError) -> String {
    let mut text = db.message().to_owned();
    if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        for extra in [pg.detail(), pg.hint()].into_iter().flatten() {
            text.push_str(&format!(" ({extra})"));
        }
    }
    text
}

/// A driver's error without the internals: sqlx ends protocol errors with the module and
/// line that raised them ("(sqlx_postgres::connection::tls:95)"), and I/O errors with
/// "(os error 111)".
fn driver_text(error: &sqlx::Error) -> String {
    if let sqlx::Error::Database(db) = error {
        return database_text(db.as_ref());
    }
    let mut text = error.to_string();
    for marker in [" (sqlx", " (os error"] {
        while let Some(start) = text.find(marker) {
            let end = text[start..]
                .find(')')
                .map_or(text.len(), |end| start + end + 1);
            text.replace_range(start..end, "");
        }
    }
    text
}

/// How long a wait lasts before it is announced.
const NOTICE_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// Runs `work`; when it takes more than a second, prints `notice` on stderr once, so a
/// wait says what it waits for. Printed whether or not stderr is a terminal, as cargo's
/// "Blocking waiting for file lock" is: one line, not a progress meter, and as useful in a
/// captured log. None (under --quiet): silent.
async fn announcing<T>(notice: Option<String>, work: impl Future<Output = T>) -> T {
    let Some(notice) = notice else {
        return work.await;
    };
    tokio::pin!(work);
    tokio::select! {
        done = &mut work => return done,
        () = tokio::time::sleep(NOTICE_AFTER) => {}
    }
    let _ = writeln!(std::io::stderr().lock(), "{notice}");
    work.await
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn driver_internals_are_left_out() {
        let error = sqlx::Error::Protocol(
            "unexpected response from SSLRequest: 0x64 (sqlx_postgres::connection::tls:95)".into(),
        );
        assert_eq!(
            driver_text(&error),
            "encountered unexpected or invalid data: unexpected response from SSLRequest: 0x64"
        );
        let io = sqlx::Error::Io(std::io::Error::from_raw_os_error(111));
        assert!(
            !driver_text(&io).contains("os error"),
            "{}",
            driver_text(&io)
        );
    }
}
