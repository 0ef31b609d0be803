//! What differs between SQLite, PostgreSQL and MySQL/MariaDB in the SQL we write.
//! Pure: SQL text in, SQL text out.

use super::value::TextBooleans;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
    MySql,
}

impl Dialect {
    pub fn engine(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SQLite",
            Dialect::Postgres => "PostgreSQL",
            Dialect::MySql => "MySQL/MariaDB",
        }
    }

    pub fn quote(self, identifier: &str) -> String {
        match self {
            Dialect::MySql => format!("`{}`", identifier.replace('`', "``")),
            Dialect::Sqlite | Dialect::Postgres => {
                format!("\"{}\"", identifier.replace('"', "\"\""))
            }
        }
    }

    /// The placeholder for the `index`-th (1-based) bound value.
    pub fn placeholder(self, index: usize) -> String {
        match self {
            Dialect::Postgres => format!("${index}"),
            Dialect::Sqlite | Dialect::MySql => "?".to_owned(),
        }
    }

    /// `n` placeholders starting after `already_bound`, comma separated.
    pub fn placeholders(self, already_bound: usize, n: usize) -> String {
        (1..=n)
            .map(|i| self.placeholder(already_bound + i))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `INSERT INTO table (columns) VALUES (placeholders)`, naming both as given (unquoted).
    pub fn insert_sql(self, table: &str, columns: &[&str]) -> String {
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.quote(table),
            columns
                .iter()
                .map(|column| self.quote(column))
                .collect::<Vec<_>>()
                .join(", "),
            self.placeholders(0, columns.len())
        )
    }

    /// A condition that is true where the application reads `column` as true. SQLite keeps
    /// whatever was written, so text there is read by the application's rule (`text`): with
    /// Python's `bool()` (SQLAlchemy) only NULL, 0 and '' are false; by the words frameworks
    /// cast, 'f', 'false', 'no' and the like are false too, as [`TextBooleans::read`] says.
    pub fn truthy(self, column: &str, text: TextBooleans) -> String {
        match (self, text) {
            (Dialect::Sqlite, TextBooleans::Python) => {
                format!("({column} IS NOT NULL AND {column} NOT IN (0, ''))")
            }
            (Dialect::Sqlite, TextBooleans::Words) => format!(
                "({column} IS NOT NULL AND {column} NOT IN (0, '') AND LOWER(TRIM({column})) \
                 NOT IN ('0', 'f', 'false', 'n', 'no', 'off'))"
            ),
            // In a WHERE clause NULL already counts as false. A COALESCE here would hide the
            // column from PostgreSQL's statistics and turn a 1% filter into a full index scan.
            (Dialect::Postgres, _) => column.to_owned(),
            (Dialect::MySql, _) => format!("{column} <> 0"),
        }
    }

    /// Statements that open a write transaction which waits at most `lock_timeout`
    /// for locks others hold. SQLite takes the write lock at BEGIN IMMEDIATE (its busy
    /// timeout is set when connecting); the servers lock rows with `FOR UPDATE`.
    pub fn begin_write(self, lock_timeout: std::time::Duration) -> Vec<String> {
        match self {
            Dialect::Sqlite => vec!["BEGIN IMMEDIATE".to_owned()],
            Dialect::Postgres => vec![
                "BEGIN".to_owned(),
                format!(
                    "SET LOCAL lock_timeout = '{}ms'",
                    lock_timeout.as_millis().max(1)
                ),
            ],
            Dialect::MySql => vec![
                format!(
                    "SET SESSION innodb_lock_wait_timeout = {}",
                    lock_timeout.as_secs().max(1)
                ),
                "START TRANSACTION".to_owned(),
            ],
        }
    }

    /// Whether reads must run inside a transaction to stay on one server connection.
    /// A PostgreSQL pooler in transaction mode (PgBouncer) hands each statement outside a
    /// transaction to any server connection, and sqlx parses and executes a statement in
    /// two round trips: the second could run on a server holding someone else's statement.
    pub fn pins_reads(self) -> bool {
        matches!(self, Dialect::Postgres)
    }

    /// True when this session cannot write: a hot standby, `default_transaction_read_only`,
    /// or a MySQL server set `read_only`.
    pub fn read_only_query(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some(
                "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'",
            ),
            Dialect::MySql => Some("SELECT @@global.read_only <> 0"),
        }
    }

    /// Appended to a SELECT inside a write transaction to lock the rows it reads.
    pub fn lock_rows(self) -> &'static str {
        match self {
            Dialect::Sqlite => "",
            Dialect::Postgres | Dialect::MySql => " FOR UPDATE",
        }
    }

    /// Lists a table's columns as (name, declared type); no rows means no such table.
    /// Takes the table name as its only bound value.
    pub fn columns_query(self) -> &'static str {
        match self {
            // The third column: NOT NULL with no default, so an INSERT must give a value (an
            // INTEGER PRIMARY KEY is SQLite's rowid and fills itself).
            Dialect::Sqlite => {
                "SELECT name, type, (\"notnull\" = 1 AND dflt_value IS NULL \
                 AND NOT (pk > 0 AND upper(type) = 'INTEGER')) FROM pragma_table_info(?) ORDER BY cid"
            }
            // pg_catalog, not information_schema: the latter costs tens of milliseconds a lookup.
            // to_regclass follows search_path, as the unqualified names in our queries do.
            Dialect::Postgres => {
                "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), \
                 a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '' \
                 FROM pg_catalog.pg_attribute a WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attnum > 0 AND NOT a.attisdropped \
                 ORDER BY a.attnum"
            }
            Dialect::MySql => {
                "SELECT CAST(column_name AS CHAR), CAST(data_type AS CHAR), \
                 is_nullable = 'NO' AND column_default IS NULL AND extra NOT LIKE '%auto_increment%' \
                 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position"
            }
        }
    }

    /// The schema (PostgreSQL) or database (MySQL) that unqualified names resolve to.
    pub fn current_schema_query(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some("SELECT current_schema()::text"),
            Dialect::MySql => Some("SELECT CAST(DATABASE() AS CHAR)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_and_escaped() {
        assert_eq!(Dialect::Postgres.quote("User"), "\"User\"");
        assert_eq!(Dialect::Sqlite.quote("we\"ird"), "\"we\"\"ird\"");
        assert_eq!(Dialect::MySql.quote("a`b"), "`a``b`");
    }

    #[test]
    fn placeholders_follow_the_engine() {
        assert_eq!(Dialect::Postgres.placeholders(2, 3), "$3, $4, $5");
        assert_eq!(Dialect::MySql.placeholders(2, 2), "?, ?");
        assert_eq!(Dialect::Sqlite.placeholders(0, 0), "");
    }
}
