//! Access that outlives a password change: API tokens (revoked the way the application's own
//! revoke does it), one-time reset links, and the gateway's cache of both (see [`cache`]).
//! Everything here works inside the caller's transaction; nothing commits on its own.

pub mod cache;

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::value::parse_text_timestamp;
use crate::db::{Database, Dialect, Value};
use crate::exit::{DATABASE, Failure};
use crate::schema::profile::AccessTables;

/// The token tables, checked to exist: API tokens and their revocations.
#[derive(Debug, Clone)]
pub struct TokenTables {
    tokens: String,
    revocations: String,
}

impl TokenTables {
    /// Both tables, or exit 7 naming the one that is missing.
    pub async fn require(db: &mut Database, access: &AccessTables) -> Result<TokenTables> {
        let (Some(tokens), Some(revocations)) = (&access.api_tokens, &access.revocations) else {
            return Err(Failure::error(
                DATABASE,
                "this application's profile names no API token tables; there are no tokens to list or revoke",
            ));
        };
        for table in [tokens, revocations] {
            if !db.has_table(table).await? {
                return Err(Failure::error(
                    DATABASE,
                    format!(
                        "table {table} is missing: this database has no API tokens to work on \
                         (a gateway release older than API tokens, or another application)"
                    ),
                ));
            }
        }
        Ok(TokenTables {
            tokens: tokens.clone(),
            revocations: revocations.clone(),
        })
    }

    /// Both tables when the profile names them and the database has them, None otherwise;
    /// a database that cannot be read is an error, never "no tables".
    pub async fn find(db: &mut Database, access: &AccessTables) -> Result<Option<TokenTables>> {
        let (Some(tokens), Some(revocations)) = (&access.api_tokens, &access.revocations) else {
            return Ok(None);
        };
        if !(db.has_table(tokens).await? && db.has_table(revocations).await?) {
            return Ok(None);
        }
        Ok(Some(TokenTables {
            tokens: tokens.clone(),
            revocations: revocations.clone(),
        }))
    }

    /// Every token of `email` (or of everyone), with its revocation if there is one,
    /// oldest first per user. Never the token's hash.
    pub async fn list(
        &self,
        db: &mut Database,
        email: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Token>> {
        let mut tokens = Vec::new();
        self.for_each(db, email, now, |token| {
            tokens.push(token);
            Ok(())
        })
        .await?;
        Ok(tokens)
    }

    /// [`TokenTables::list`] one token at a time, so memory does not grow with the tables.
    pub async fn for_each(
        &self,
        db: &mut Database,
        email: Option<&str>,
        now: DateTime<Utc>,
        mut each: impl FnMut(Token) -> Result<()>,
    ) -> Result<()> {
        let d = db.dialect();
        let filter = if email.is_some() {
            format!("WHERE t.user_email = {}", d.placeholder(1))
        } else {
            String::new()
        };
        let sql = format!(
            "SELECT t.user_email, t.name, t.jti, t.team_id, t.created_at, t.expires_at, t.last_used, \
             r.jti, r.revoked_at, r.revoked_by, r.reason \
             FROM {} t LEFT JOIN {} r ON r.jti = t.jti {filter} ORDER BY t.user_email, t.created_at, t.jti",
            d.quote(&self.tokens),
            d.quote(&self.revocations)
        );
        let params: Vec<Value> = email
            .map(|e| Value::Text(e.to_owned()))
            .into_iter()
            .collect();
        db.for_each_row(&sql, &params, |row| each(Token::decode(row, now)))
            .await
            .with_context(|| format!("reading {}", self.tokens))
    }

    /// Revokes `tokens` as the application's own revoke does: the token row made inactive and
    /// its jti added to the revocations, which is what every request checks.
    pub async fn revoke(
        &self,
        db: &mut Database,
        tokens: &[Token],
        revocation: &Revocation,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let d = db.dialect();
        let deactivate = format!(
            "UPDATE {} SET is_active = {} WHERE jti = {}",
            d.quote(&self.tokens),
            d.placeholder(1),
            d.placeholder(2)
        );
        let insert = format!(
            "INSERT INTO {} (jti, revoked_at, revoked_by, reason, token_expiry) VALUES ({})",
            d.quote(&self.revocations),
            d.placeholders(0, 5)
        );
        let mut revoked = Vec::new();
        for token in tokens.iter().filter(|token| token.state != State::Revoked) {
            db.execute(
                &deactivate,
                &[Value::Bool(false), Value::Text(token.jti.clone())],
            )
            .await
            .context("marking the token inactive")?;
            let expiry = token.expires_at.map_or(Value::Null, Value::Timestamp);
            db.execute(
                &insert,
                &[
                    Value::Text(token.jti.clone()),
                    Value::Timestamp(now),
                    Value::Text(revocation.by.clone()),
                    Value::Text(revocation.reason.clone()),
                    expiry,
                ],
            )
            .await
            .context("adding the token's revocation")?;
            revoked.push(token.jti.clone());
        }
        Ok(revoked)
    }
}

/// " (a, b, c and 2 more)", or nothing for no names.
fn named(names: &[String]) -> String {
    const SHOWN: usize = 5;
    match names.len() {
        0 => String::new(),
        n if n <= SHOWN => format!(" ({})", names.join(", ")),
        n => format!(" ({} and {} more)", names[..SHOWN].join(", "), n - SHOWN),
    }
}

/// Who revokes and why, as the revocation row records it.
#[derive(Debug, Clone)]
pub struct Revocation {
    pub by: String,
    pub reason: String,
}

pub const DEFAULT_REASON: &str = "revoked with breakglass";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Active,
    Expired,
    Revoked,
}

/// One API token as `tokens` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Token {
    pub email: String,
    pub name: String,
    pub jti: String,
    pub team_id: Option<String>,
    #[serde(serialize_with = "rfc3339_opt")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "rfc3339_opt")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "rfc3339_opt")]
    pub last_used: Option<DateTime<Utc>>,
    pub state: State,
    #[serde(serialize_with = "rfc3339_opt")]
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<String>,
    pub reason: Option<String>,
}

fn rfc3339_opt<S: serde::Serializer>(
    at: &Option<DateTime<Utc>>,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    match at {
        Some(at) => serializer.serialize_str(&crate::output::rfc3339(*at)),
        None => serializer.serialize_none(),
    }
}

fn time(value: &Value) -> Option<DateTime<Utc>> {
    match value {
        Value::Timestamp(at) => Some(*at),
        Value::Text(text) => parse_text_timestamp(text),
        _ => None,
    }
}

fn text(value: &Value) -> Option<String> {
    crate::schema::user::text_of(value)
}

impl Token {
    fn decode(row: Vec<Value>, now: DateTime<Utc>) -> Token {
        let cell = |index: usize| row.get(index).unwrap_or(&Value::Null);
        let expires_at = time(cell(5));
        let revoked = !matches!(cell(7), Value::Null);
        let state = if revoked {
            State::Revoked
        } else if expires_at.is_some_and(|at| at <= now) {
            State::Expired
        } else {
            State::Active
        };
        Token {
            email: text(cell(0)).unwrap_or_default(),
            name: text(cell(1)).unwrap_or_default(),
            jti: text(cell(2)).unwrap_or_default(),
            team_id: text(cell(3)),
            created_at: time(cell(4)),
            expires_at,
            last_used: time(cell(6)),
            state,
            revoked_at: time(cell(8)),
            revoked_by: text(cell(9)),
            reason: text(cell(10)),
        }
    }

    /// The state as the table shows it: `revoked <when> by <who>: <reason>` for a revoked one.
    pub fn state_text(&self) -> String {
        match self.state {
            State::Active => "active".to_owned(),
            State::Expired => "expired".to_owned(),
            State::Revoked => {
                let mut text = "revoked".to_owned();
                if let Some(at) = self.revoked_at {
                    text.push(' ');
                    text.push_str(&crate::output::short_time(at));
                }
                if let Some(by) = &self.revoked_by {
                    text.push_str(" by ");
                    text.push_str(by);
                }
                if let Some(reason) = &self.reason {
                    text.push_str(": ");
                    text.push_str(reason);
                }
                text
            }
        }
    }
}

/// Voids every unused reset link of `email` (as the gateway voids the others when one is used);
/// returns how many. Nothing to do where the database has no such table.
pub async fn void_reset_links(
    db: &mut Database,
    access: &AccessTables,
    email: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let Some(table) = &access.reset_links else {
        return Ok(0);
    };
    if !db.has_table(table).await? {
        return Ok(0);
    }
    let d: Dialect = db.dialect();
    let sql = format!(
        "UPDATE {} SET used_at = {} {}",
        d.quote(table),
        d.placeholder(1),
        unused_links_of(d, 2)
    );
    db.execute(
        &sql,
        &[Value::Timestamp(now), Value::Text(email.to_owned())],
    )
    .await
    .context("voiding the user's unused password reset links")
}

/// The user's reset links nobody has used yet; the email is parameter `at`.
fn unused_links_of(d: Dialect, at: usize) -> String {
    format!(
        "WHERE user_email = {} AND used_at IS NULL",
        d.placeholder(at)
    )
}

/// How many unused reset links `email` has (0 where the database has no such table).
async fn count_reset_links(db: &mut Database, access: &AccessTables, email: &str) -> Result<u64> {
    let Some(table) = &access.reset_links else {
        return Ok(0);
    };
    if !db.has_table(table).await? {
        return Ok(0);
    }
    let d = db.dialect();
    let sql = format!(
        "SELECT COUNT(*) FROM {} {}",
        d.quote(table),
        unused_links_of(d, 1)
    );
    count(db, &sql, &[Value::Text(email.to_owned())]).await
}

async fn count(db: &mut Database, sql: &str, params: &[Value]) -> Result<u64> {
    let found = db.fetch_scalar(sql, params).await?;
    Ok(found
        .and_then(|value| value.int())
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(0))
}

/// Rows that let a user back in without the password (Redmine's `tokens` of action session,
/// autologin and recovery), which the application deletes itself when the password changes or
/// the account stops being active; reset, deactivate and lockdown delete them the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionRows {
    pub table: String,
    /// The column holding the user's id.
    pub user_column: String,
    /// Only rows whose `column` holds one of `values` (other rows of the table are kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

impl SessionRows {
    /// Deletes the user's rows where the table exists; how many went.
    async fn end(&self, db: &mut Database, user_id: &Value) -> Result<u64> {
        if !db.has_table(&self.table).await? {
            return Ok(0);
        }
        let (condition, params) = self.of_user(db.dialect(), user_id);
        let sql = format!(
            "DELETE FROM {} {condition}",
            db.dialect().quote(&self.table)
        );
        db.execute(&sql, &params)
            .await
            .with_context(|| format!("deleting the user's sessions from {}", self.table))
    }

    /// How many rows [`SessionRows::end`] would delete.
    async fn count(&self, db: &mut Database, user_id: &Value) -> Result<u64> {
        if !db.has_table(&self.table).await? {
            return Ok(0);
        }
        let (condition, params) = self.of_user(db.dialect(), user_id);
        let sql = format!(
            "SELECT COUNT(*) FROM {} {condition}",
            db.dialect().quote(&self.table)
        );
        count(db, &sql, &params).await
    }

    /// The WHERE clause for the user's rows, and its parameters.
    fn of_user(&self, d: Dialect, user_id: &Value) -> (String, Vec<Value>) {
        let mut params = vec![user_id.clone()];
        let mut condition = format!(
            "WHERE {} = {}",
            d.quote(&self.user_column),
            d.placeholder(1)
        );
        if let Some(column) = &self.column {
            condition.push_str(&format!(
                " AND {} IN ({})",
                d.quote(column),
                d.placeholders(1, self.values.len())
            ));
            params.extend(self.values.iter().cloned().map(Value::Text));
        }
        (condition, params)
    }

    /// The rows in words: "sessions (session, autologin)".
    fn described(&self) -> String {
        if self.values.is_empty() {
            "sessions".to_owned()
        } else {
            format!("sessions ({})", self.values.join(", "))
        }
    }
}

/// What a change takes away besides the row itself, done in the same transaction.
#[derive(Debug, Clone, Default)]
pub struct Cut {
    /// Revoke every token of the user not yet revoked, recorded with this.
    pub revoke_tokens: Option<Revocation>,
    pub void_reset_links: bool,
    /// Delete the rows the profile names as sessions (`[[sessions]]`).
    pub end_sessions: bool,
}

/// What a [`Cut`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CutDone {
    /// The jtis revoked.
    pub revoked: Vec<String>,
    pub reset_links_voided: u64,
    /// Session rows deleted; absent where the profile names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions_ended: Option<u64>,
}

impl Cut {
    /// True when applying it could take anything away.
    pub fn takes_anything(&self) -> bool {
        self.revoke_tokens.is_some() || self.void_reset_links || self.end_sessions
    }

    /// What [`Cut::apply`] would take away, as lines of the plan shown before the
    /// confirmation: counts, and the names of the tokens. Reads only.
    pub async fn preview(
        &self,
        db: &mut Database,
        access: &AccessTables,
        (email, user_id): (&str, Option<&Value>),
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        if self.end_sessions
            && let Some(user_id) = user_id
        {
            for rows in &access.sessions {
                let found = rows.count(db, user_id).await?;
                lines.push(format!(
                    "  {}: {found} of the user's {} -> deleted",
                    rows.table,
                    rows.described()
                ));
            }
        }
        if self.revoke_tokens.is_some()
            && let Some(tables) = TokenTables::find(db, access).await?
        {
            let live: Vec<String> = tables
                .list(db, Some(email), now)
                .await?
                .into_iter()
                .filter(|token| token.state != State::Revoked)
                .map(|token| token.name)
                .collect();
            lines.push(format!(
                "  {}: {}{} -> revoked",
                tables.tokens,
                crate::output::counted(live.len(), "API token"),
                named(&live)
            ));
        }
        if self.void_reset_links
            && let Some(table) = &access.reset_links
        {
            let unused = count_reset_links(db, access, email).await?;
            lines.push(format!(
                "  {table}: {} -> voided",
                crate::output::counted(unused, "unused reset link")
            ));
        }
        Ok(lines)
    }

    pub async fn apply(
        &self,
        db: &mut Database,
        access: &AccessTables,
        (email, user_id): (&str, Option<&Value>),
        now: DateTime<Utc>,
    ) -> Result<CutDone> {
        let mut done = CutDone::default();
        if self.end_sessions && !access.sessions.is_empty() {
            let user_id = user_id.context("the row has no id to find its sessions by")?;
            let mut ended = 0;
            for rows in &access.sessions {
                ended += rows.end(db, user_id).await?;
            }
            done.sessions_ended = Some(ended);
        }
        if let Some(revocation) = &self.revoke_tokens
            && let Some(tables) = TokenTables::find(db, access).await?
        {
            let tokens = tables.list(db, Some(email), now).await?;
            done.revoked = tables.revoke(db, &tokens, revocation, now).await?;
        }
        if self.void_reset_links {
            done.reset_links_voided = void_reset_links(db, access, email, now).await?;
        }
        Ok(done)
    }
}
