//! The users table as found in one database: which profile columns exist, and the
//! queries every command shares (select, look up one user, count).

use anyhow::Result;

use super::profile::Need;
use super::user::normalize_email;
use super::{Field, Profile, User};
use crate::db::{Database, Dialect, Value};
use crate::exit::{AMBIGUOUS, DATABASE, Failure, USER_NOT_FOUND};

/// What kind of column a field needs, when the declared type plainly is something else.
/// Generous on purpose: SQLite declares almost anything, and only a clear mismatch is refused.
fn type_mismatch(field: Field, declared: &str) -> Option<&'static str> {
    let words: Vec<&str> = declared
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let integer = |w: &&str| {
        matches!(
            *w,
            "int"
                | "integer"
                | "tinyint"
                | "smallint"
                | "mediumint"
                | "bigint"
                | "int2"
                | "int4"
                | "int8"
                | "numeric"
                | "decimal"
                | "number"
                | "serial"
                | "bigserial"
        )
    };
    let fits = |test: &dyn Fn(&&str) -> bool| words.is_empty() || words.iter().any(test);
    let (fits, expected) = match field {
        Field::IsAdmin | Field::IsActive | Field::ChangeRequired => (
            fits(&|w| w.starts_with("bool") || *w == "bit" || integer(w)),
            "a boolean",
        ),
        Field::FailedAttempts => (fits(&integer), "an integer"),
        Field::LockedUntil | Field::PasswordChangedAt | Field::LastLogin | Field::UpdatedAt => (
            fits(&|w| {
                w.contains("time") || w.contains("date") || w.contains("char") || w.contains("text")
            }),
            "a timestamp",
        ),
        Field::Id
        | Field::Email
        | Field::PasswordHash
        | Field::FullName
        | Field::HashType
        | Field::AuthProvider => (
            fits(&|w| {
                w.contains("char")
                    || w.contains("text")
                    || matches!(*w, "clob" | "string" | "uuid")
                    || integer(w)
            }),
            "text",
        ),
    };
    (!fits).then_some(expected)
}

pub struct UsersTable {
    pub profile: Profile,
    dialect: Dialect,
    /// The profile's columns that exist, in SELECT order.
    fields: Vec<(Field, String)>,
}

impl UsersTable {
    /// Checks the table and its required columns exist (exit 7 naming what is missing).
    pub async fn bind(db: &mut Database, profile: Profile) -> Result<UsersTable> {
        let existing = db.columns(&profile.table).await?;
        if existing.is_empty() {
            let place = db.describe().await?;
            return Err(Failure::error(
                DATABASE,
                format!(
                    "table {} does not exist in {place}; is this the gateway's database? \
                     If its users live in a table of another name, pass --table NAME",
                    profile.table
                ),
            ));
        }
        let has = |column: &str| {
            existing
                .iter()
                .any(|info| info.name.eq_ignore_ascii_case(column))
        };
        let missing: Vec<&str> = profile
            .columns
            .iter()
            .filter(|spec| spec.need == Need::Required && !has(&spec.column))
            .map(|spec| spec.column.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(Failure::error(
                DATABASE,
                format!(
                    "table {} has no column {}, which breakglass needs; it does not look like the gateway's \
                     users table (pass --table NAME if the users live elsewhere)",
                    profile.table,
                    missing.join(", ")
                ),
            ));
        }
        let fields: Vec<(Field, String)> = profile
            .columns
            .iter()
            .filter(|spec| has(&spec.column))
            .map(|spec| (spec.field, spec.column.clone()))
            .collect();
        for (field, column) in &fields {
            let declared = existing
                .iter()
                .find(|info| info.name.eq_ignore_ascii_case(column))
                .map(|info| info.declared_type.to_ascii_lowercase())
                .unwrap_or_default();
            if let Some(expected) = type_mismatch(*field, &declared) {
                return Err(Failure::error(
                    DATABASE,
                    format!(
                        "column {}.{column} is {declared}, where the gateway keeps {expected}; it does not look like \
                         the gateway's users table (pass --table NAME if the users live elsewhere)",
                        profile.table
                    ),
                ));
            }
        }
        Ok(UsersTable {
            dialect: db.dialect(),
            profile,
            fields,
        })
    }

    pub fn fields(&self) -> &[(Field, String)] {
        &self.fields
    }

    pub fn table_sql(&self) -> String {
        self.dialect.quote(&self.profile.table)
    }

    /// The quoted column for a field, if the table has it.
    pub fn column_sql(&self, field: Field) -> Option<String> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, column)| self.dialect.quote(column))
    }

    fn email_sql(&self) -> String {
        // Email is a required column, so bind() guarantees it is present.
        self.column_sql(Field::Email).unwrap_or_default()
    }

    /// `SELECT <every present column> FROM <table>` followed by `tail` (WHERE, ORDER BY).
    pub fn select_sql(&self, tail: &str) -> String {
        let columns: Vec<String> = self
            .fields
            .iter()
            .map(|(_, c)| self.dialect.quote(c))
            .collect();
        format!(
            "SELECT {} FROM {} {tail}",
            columns.join(", "),
            self.table_sql()
        )
    }

    pub fn decode(&self, row: Vec<Value>) -> User {
        User::decode(&self.fields, row)
    }

    /// Finds the one user an operator means: the input normalised as the gateway does,
    /// compared with stored emails ignoring case and surrounding spaces.
    pub async fn find(&self, db: &mut Database, email: &str) -> Result<User> {
        let wanted = normalize_email(email);
        if wanted.is_empty() {
            return Err(Failure::error(
                USER_NOT_FOUND,
                "the email is empty; name the user, e.g. admin@example.com",
            ));
        }
        let sql = self.select_sql(&format!(
            "WHERE LOWER(TRIM({})) = {} ORDER BY {}",
            self.email_sql(),
            self.dialect.placeholder(1),
            self.email_sql()
        ));
        let rows = db.fetch_all(&sql, &[Value::Text(wanted.clone())]).await?;
        let mut users: Vec<User> = rows.into_iter().map(|row| self.decode(row)).collect();
        match users.len() {
            0 => Err(Failure::error(
                USER_NOT_FOUND,
                format!(
                    "no user {wanted} in table {}; list the admins with 'breakglass list-admins' \
                     or every user with 'breakglass list-admins --all-users'",
                    self.profile.table
                ),
            )),
            1 => Ok(users.remove(0)),
            _ => {
                let listed: Vec<String> = users
                    .iter()
                    .map(|user| {
                        format!(
                            "'{}' (id {})",
                            user.email,
                            user.id.as_deref().unwrap_or("?")
                        )
                    })
                    .collect();
                Err(Failure::error(
                    AMBIGUOUS,
                    format!(
                        "{} rows match {wanted} once case and spaces are ignored: {}; the gateway can only log in \
                         the one stored exactly as '{wanted}'. Resolve the duplicates in the application first",
                        users.len(),
                        listed.join(", ")
                    ),
                ))
            }
        }
    }

    pub async fn count(
        &self,
        db: &mut Database,
        condition: Option<(&str, &[Value])>,
    ) -> Result<i64> {
        let (tail, params) = match condition {
            Some((condition, params)) => (format!("WHERE {condition}"), params),
            None => (String::new(), &[][..]),
        };
        let sql = format!("SELECT COUNT(*) FROM {} {tail}", self.table_sql());
        Ok(db
            .fetch_scalar(&sql, params)
            .await?
            .and_then(|v| v.int())
            .unwrap_or(0))
    }

    /// The application's schema revision, when it records one.
    pub async fn revision(&self, db: &mut Database) -> Result<Option<String>> {
        let Some(table) = &self.profile.revision_table else {
            return Ok(None);
        };
        if !db.has_table(table).await? {
            return Ok(None);
        }
        let sql = format!("SELECT version_num FROM {}", self.dialect.quote(table));
        Ok(db
            .fetch_scalar(&sql, &[])
            .await?
            .and_then(|v| v.text().map(str::to_owned)))
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_type_mismatches_are_refused() {
        for (field, declared) in [
            (Field::IsAdmin, "boolean"),
            (Field::IsAdmin, "tinyint"),
            (Field::IsAdmin, ""),
            (Field::LockedUntil, "timestamp with time zone"),
            (Field::LockedUntil, "datetime"),
            (Field::Email, "character varying"),
            (Field::FailedAttempts, "integer"),
        ] {
            assert_eq!(type_mismatch(field, declared), None, "{field:?} {declared}");
        }
        assert_eq!(type_mismatch(Field::IsAdmin, "point"), Some("a boolean"));
        assert_eq!(
            type_mismatch(Field::LockedUntil, "boolean"),
            Some("a timestamp")
        );
        assert_eq!(type_mismatch(Field::Email, "bytea"), Some("text"));
    }
}
