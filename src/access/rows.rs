//! One `[[credentials]]` section at work: the user's rows that still let someone in, cut the
//! way the section says the application revokes them, and listed for `tokens`. Sections in
//! the gateway's form (`revocation_row`) go through [`TokenTables`].

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Revocation, State, TokenTables, rfc3339_opt, text, time};
use crate::db::{Database, Dialect, Value};
use crate::schema::credentials::{Credential, Kind, Revoke, Scalar, UserBy};

/// Whose credentials: the login key and the row's id, as a section's link column holds one.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub key: &'a str,
    pub id: Option<&'a Value>,
}

/// One of the user's credentials that still works: its id as the table holds it, and a name.
#[derive(Debug, Clone)]
pub struct Held {
    pub id: Value,
    pub shown_id: String,
    pub name: Option<String>,
}

/// The users table as a listing joins it, to show whose a row is when it links by id.
#[derive(Debug, Clone)]
pub struct Users {
    pub table_sql: String,
    pub id_sql: Option<String>,
    pub key_sql: String,
}

/// One credential as `tokens` shows it; never its secret.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub user: String,
    pub kind: Kind,
    pub table: String,
    pub id: String,
    pub name: Option<String>,
    #[serde(serialize_with = "rfc3339_opt")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "rfc3339_opt")]
    pub last_used: Option<DateTime<Utc>>,
    #[serde(serialize_with = "rfc3339_opt")]
    pub expires_at: Option<DateTime<Utc>>,
    pub state: State,
}

fn column(name: &Option<String>) -> &str {
    name.as_deref().unwrap_or_default()
}

/// A checked section with a table (not a `remains` sentence).
pub struct Section<'a>(pub &'a Credential);

impl Section<'_> {
    fn link(&self, owner: Owner) -> Result<Value> {
        match self.0.user_by {
            UserBy::Key => Ok(Value::Text(owner.key.to_owned())),
            UserBy::Id => owner.id.cloned().with_context(|| {
                format!(
                    "the user's row has no id to find its {} by",
                    self.0.table_name()
                )
            }),
        }
    }

    /// The filter's test on alias `t`, its values appended to `params`.
    fn filter(&self, d: Dialect, params: &mut Vec<Value>) -> Option<String> {
        let filter = self.0.filter.as_ref()?;
        let column = format!("t.{}", d.quote(&filter.column));
        if let Some(null) = filter.null {
            return Some(format!(
                "{column} IS {}NULL",
                if null { "" } else { "NOT " }
            ));
        }
        let (values, test) = if filter.one_of.is_empty() {
            (&filter.not_in, "NOT IN")
        } else {
            (&filter.one_of, "IN")
        };
        let list = d.placeholders(params.len(), values.len());
        params.extend(values.iter().map(Scalar::value));
        Some(format!("{column} {test} ({list})"))
    }

    /// True (SQL) for a row the application already treats as revoked.
    fn revoked(&self, d: Dialect, params: &mut Vec<Value>) -> Option<String> {
        match self.0.revoke.as_ref()? {
            Revoke::Set { column, value } => {
                params.push(value.value());
                Some(format!(
                    "t.{} = {}",
                    d.quote(column),
                    d.placeholder(params.len())
                ))
            }
            Revoke::SetNow { column } => Some(format!("t.{} IS NOT NULL", d.quote(column))),
            Revoke::Delete {} | Revoke::RevocationRow { .. } => None,
        }
    }

    /// `WHERE` for the user's rows of this section that still work, and its parameters.
    fn live_of(&self, d: Dialect, owner: Owner) -> Result<(String, Vec<Value>)> {
        let mut params = vec![self.link(owner)?];
        let mut conditions = vec![format!(
            "t.{} = {}",
            d.quote(column(&self.0.user_column)),
            d.placeholder(1)
        )];
        conditions.extend(self.filter(d, &mut params));
        if let Some(revoked) = self.revoked(d, &mut params) {
            conditions.push(format!("({revoked}) IS NOT TRUE"));
        }
        Ok((format!("WHERE {}", conditions.join(" AND ")), params))
    }

    fn table_sql(&self, d: Dialect) -> String {
        format!("{} t", d.quote(self.0.table_name()))
    }

    /// The user's rows that still work, oldest id first.
    pub async fn live(
        &self,
        db: &mut Database,
        owner: Owner<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Held>> {
        if let Some(tables) = TokenTables::of(self.0) {
            let tokens = tables.list(db, Some(owner.key), now).await?;
            return Ok(tokens
                .into_iter()
                .filter(|token| token.state != State::Revoked)
                .map(|token| Held {
                    id: Value::Text(token.jti.clone()),
                    shown_id: token.jti,
                    name: Some(token.name),
                })
                .collect());
        }
        let d = db.dialect();
        let (condition, params) = self.live_of(d, owner)?;
        let id = d.quote(column(&self.0.id_column));
        let name = self
            .0
            .name_column
            .as_ref()
            .map_or_else(|| "NULL".to_owned(), |name| format!("t.{}", d.quote(name)));
        let sql = format!(
            "SELECT t.{id}, {name} FROM {} {condition} ORDER BY t.{id}",
            self.table_sql(d)
        );
        let rows = db
            .fetch_all(&sql, &params)
            .await
            .with_context(|| format!("reading the user's rows of {}", self.0.table_name()))?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let id = row.first().cloned().unwrap_or(Value::Null);
                Held {
                    shown_id: text(&id).unwrap_or_default(),
                    id,
                    name: row.get(1).and_then(text),
                }
            })
            .collect())
    }

    /// Cuts `held` (rows [`Section::live`] returned for the same owner) the way the
    /// application revokes them; returns the ids cut. Only rows of the owner are touched.
    pub async fn cut(
        &self,
        db: &mut Database,
        owner: Owner<'_>,
        held: &[Held],
        revocation: &Revocation,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        if let Some(tables) = TokenTables::of(self.0) {
            let mut tokens = tables.list(db, Some(owner.key), now).await?;
            tokens.retain(|token| held.iter().any(|held| held.shown_id == token.jti));
            return tables.revoke(db, &tokens, revocation, now).await;
        }
        let d = db.dialect();
        let table = d.quote(self.0.table_name());
        let (write, mut params) = match self.0.revoke.as_ref() {
            Some(Revoke::Set { column, value }) => (
                format!(
                    "UPDATE {table} SET {} = {}",
                    d.quote(column),
                    d.placeholder(1)
                ),
                vec![value.value()],
            ),
            Some(Revoke::SetNow { column }) => (
                format!(
                    "UPDATE {table} SET {} = {}",
                    d.quote(column),
                    d.placeholder(1)
                ),
                vec![Value::Timestamp(now)],
            ),
            _ => (format!("DELETE FROM {table}"), Vec::new()),
        };
        params.push(self.link(owner)?);
        let sql = format!(
            "{write} WHERE {} = {} AND {} = {}",
            d.quote(column(&self.0.user_column)),
            d.placeholder(params.len()),
            d.quote(column(&self.0.id_column)),
            d.placeholder(params.len() + 1)
        );
        let mut cut = Vec::new();
        for row in held {
            let mut bound = params.clone();
            bound.push(row.id.clone());
            db.execute(&sql, &bound)
                .await
                .with_context(|| format!("revoking a row of {}", self.0.table_name()))?;
            cut.push(row.shown_id.clone());
        }
        Ok(cut)
    }

    /// Every row of this section (of `owner`, or everyone's), revoked ones too, one at a time.
    pub async fn for_each(
        &self,
        db: &mut Database,
        (users, owner): (&Users, Option<Owner<'_>>),
        now: DateTime<Utc>,
        each: &mut impl FnMut(Listed) -> Result<()>,
    ) -> Result<()> {
        let d = db.dialect();
        let mut params = Vec::new();
        let mut conditions = Vec::new();
        let link = format!("t.{}", d.quote(column(&self.0.user_column)));
        if let Some(owner) = owner {
            params.push(self.link(owner)?);
            conditions.push(format!("{link} = {}", d.placeholder(1)));
        }
        conditions.extend(self.filter(d, &mut params));
        let revoked = self
            .revoked(d, &mut params)
            .map_or_else(|| "NULL".to_owned(), |test| format!("({test})"));
        let (user, join) = match (self.0.user_by, &users.id_sql) {
            (UserBy::Id, Some(id)) => (
                format!("u.{}", users.key_sql),
                format!(" LEFT JOIN {} u ON u.{id} = {link}", users.table_sql),
            ),
            _ => (link, String::new()),
        };
        let optional = |column: &Option<String>| {
            column
                .as_ref()
                .map_or_else(|| "NULL".to_owned(), |name| format!("t.{}", d.quote(name)))
        };
        // A DATE (GitLab's expires_at) is read as its text: the drivers read times, not dates.
        let dates: Vec<String> = db
            .columns(self.0.table_name())
            .await?
            .into_iter()
            .filter(|info| info.declared_type.eq_ignore_ascii_case("date"))
            .map(|info| info.name.to_lowercase())
            .collect();
        let moment = |name: &Option<String>| match name {
            Some(name) if dates.contains(&name.to_lowercase()) => format!(
                "CAST(t.{} AS {})",
                d.quote(name),
                if d == Dialect::MySql { "CHAR" } else { "TEXT" }
            ),
            other => optional(other),
        };
        let id = format!("t.{}", d.quote(column(&self.0.id_column)));
        let sql = format!(
            "SELECT {user}, {id}, {}, {}, {}, {}, {revoked} FROM {}{join}{} ORDER BY 1, {id}",
            optional(&self.0.name_column),
            moment(&self.0.created_column),
            moment(&self.0.last_used_column),
            moment(&self.0.expires_column),
            self.table_sql(d),
            if conditions.is_empty() {
                String::new()
            } else {
                format!(" WHERE {}", conditions.join(" AND "))
            }
        );
        db.for_each_row(&sql, &params, |row| {
            let cell = |index: usize| row.get(index).unwrap_or(&Value::Null);
            let expires_at = time(cell(5));
            let state = if cell(6).int().is_some_and(|flag| flag != 0) {
                State::Revoked
            } else if expires_at.is_some_and(|at| at <= now) {
                State::Expired
            } else {
                State::Active
            };
            each(Listed {
                user: text(cell(0)).unwrap_or_default(),
                kind: self.0.kind,
                table: self.0.table_name().to_owned(),
                id: text(cell(1)).unwrap_or_default(),
                name: text(cell(2)),
                created_at: time(cell(3)),
                last_used: time(cell(4)),
                expires_at,
                state,
            })
        })
        .await
        .with_context(|| format!("reading {}", self.0.table_name()))
    }
}
