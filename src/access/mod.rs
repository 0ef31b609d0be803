//! Access that outlives a password change: the profile's `[[credentials]]` (sessions, API
//! tokens, app passwords, reset links) cut the way the application itself revokes each, and
//! the gateway's cache of them (see [`cache`]). Everything here works inside the caller's
//! transaction; nothing commits on its own.

pub mod cache;
pub mod rows;

use std::collections::BTreeMap;

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::value::parse_text_timestamp;
use crate::db::{Database, Value};
use crate::exit::{DATABASE, Failure};
use crate::schema::credentials::{Credential, Kind, Revoke};
use crate::schema::profile::AccessTables;
use rows::{Held, Owner, Section};

/// The token tables, checked to exist: API tokens and their revocations.
#[derive(Debug, Clone)]
pub struct TokenTables {
    tokens: String,
    revocations: String,
}

impl TokenTables {
    /// The tables of a `revocation_row` credential (the gateway's form), None for any other.
    pub fn of(credential: &Credential) -> Option<TokenTables> {
        match &credential.revoke {
            Some(Revoke::RevocationRow { table, .. }) => Some(TokenTables {
                tokens: credential.table_name().to_owned(),
                revocations: table.clone(),
            }),
            _ => None,
        }
    }

    /// The profile's tokens kept in the gateway's form, if it has them.
    pub fn declared(access: &AccessTables) -> Option<TokenTables> {
        access.credentials.iter().find_map(TokenTables::of)
    }

    /// Both tables, or exit 7 naming the one that is missing.
    pub async fn require(&self, db: &mut Database) -> Result<()> {
        for table in [&self.tokens, &self.revocations] {
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
        Ok(())
    }

    /// Whether the database has both tables; a database that cannot be read is an error.
    pub async fn present(&self, db: &mut Database) -> Result<bool> {
        Ok(db.has_table(&self.tokens).await? && db.has_table(&self.revocations).await?)
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

/// A time as the column holds it; an integer is Unix seconds (Grafana, Gitea, Nextcloud), 0
/// meaning never.
fn time(value: &Value) -> Option<DateTime<Utc>> {
    match value {
        Value::Timestamp(at) => Some(*at),
        Value::Text(text) => parse_text_timestamp(text),
        Value::Int(seconds) if *seconds > 0 => DateTime::from_timestamp(*seconds, 0),
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

/// What a change takes away besides the row itself, done in the same transaction.
#[derive(Debug, Clone, Default)]
pub struct Cut {
    /// Cut every credential the profile names (lockdown); revocation rows record this.
    pub revoke_tokens: Option<Revocation>,
    /// Cut every reset link: a pending one would undo the change.
    pub void_reset_links: bool,
    /// Cut what the application itself ends with the password (`ends_with_password`).
    pub end_sessions: bool,
}

/// What a [`Cut`] did. `revoked`, `reset_links_voided` and `sessions_ended` keep their
/// meaning from before `[[credentials]]`; `revoked_by_kind` counts everything by kind.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CutDone {
    /// The ids of the API tokens and app passwords cut.
    pub revoked: Vec<String>,
    /// Reset links cut, besides those the application ends with the password.
    pub reset_links_voided: u64,
    /// Rows the application ends with the password, cut; absent where the profile names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions_ended: Option<u64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub revoked_by_kind: BTreeMap<Kind, u64>,
    /// What this cut could not reach, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remains: Vec<String>,
}

impl CutDone {
    pub fn add(&mut self, credential: &Credential, ids: Vec<String>) {
        let n = ids.len() as u64;
        if n > 0 {
            *self.revoked_by_kind.entry(credential.kind).or_default() += n;
        }
        if credential.ends_with_password {
            *self.sessions_ended.get_or_insert(0) += n;
        } else if credential.kind == Kind::ResetLink {
            self.reset_links_voided += n;
        } else {
            self.revoked.extend(ids);
        }
    }

    /// "2 sessions, 1 API token", or None when nothing was cut.
    pub fn in_words(&self) -> Option<String> {
        let parts: Vec<String> = self
            .revoked_by_kind
            .iter()
            .map(|(kind, n)| crate::output::counted(*n, kind.noun()))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

impl Cut {
    /// True when applying it could take anything away.
    pub fn takes_anything(&self) -> bool {
        self.revoke_tokens.is_some() || self.void_reset_links || self.end_sessions
    }

    fn takes(&self, credential: &Credential) -> bool {
        self.revoke_tokens.is_some()
            || (self.end_sessions && credential.ends_with_password)
            || (self.void_reset_links && credential.kind == Kind::ResetLink)
    }

    /// The sections this cut takes from, and in words what it cannot reach: the profile's
    /// `remains` sentences (when cutting everything) and tables the database lacks.
    async fn reach<'a>(
        &self,
        db: &mut Database,
        access: &'a AccessTables,
    ) -> Result<(Vec<&'a Credential>, Vec<String>)> {
        let mut sections = Vec::new();
        let mut remains = Vec::new();
        for credential in access.credentials.iter().filter(|c| self.takes(c)) {
            match &credential.remains {
                Some(sentence) => remains.push(format!("{}: {sentence}", credential.kind.name())),
                None if !present(db, credential).await? => remains.push(format!(
                    "{}: table {} is missing, nothing there was cut",
                    credential.kind.name(),
                    credential.table_name()
                )),
                None => sections.push(credential),
            }
        }
        Ok((sections, remains))
    }

    /// What [`Cut::apply`] would take away, as lines of the plan shown before the
    /// confirmation: counts and names per table, then what remains. Reads only.
    pub async fn preview(
        &self,
        db: &mut Database,
        access: &AccessTables,
        (key, user_id): (&str, Option<&Value>),
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let owner = Owner { key, id: user_id };
        let (sections, remains) = self.reach(db, access).await?;
        let mut lines = Vec::new();
        for credential in &sections {
            let held = Section(credential).live(db, owner, now).await?;
            lines.push(planned(credential, &held));
        }
        if self.revoke_tokens.is_some() && !access.cuts_anything() {
            lines.push(
                "  nothing to cut: the profile names no sessions, tokens or reset links \
                 ([[credentials]])"
                    .to_owned(),
            );
        }
        lines.extend(remains.iter().map(|line| format!("  remains: {line}")));
        Ok(lines)
    }

    pub async fn apply(
        &self,
        db: &mut Database,
        access: &AccessTables,
        (key, user_id): (&str, Option<&Value>),
        now: DateTime<Utc>,
    ) -> Result<CutDone> {
        let owner = Owner { key, id: user_id };
        let revocation = self.revoke_tokens.clone().unwrap_or_else(|| Revocation {
            by: key.to_owned(),
            reason: DEFAULT_REASON.to_owned(),
        });
        let (sections, remains) = self.reach(db, access).await?;
        let mut done = CutDone {
            remains,
            ..CutDone::default()
        };
        for credential in sections {
            let section = Section(credential);
            let held = section.live(db, owner, now).await?;
            let ids = section.cut(db, owner, &held, &revocation, now).await?;
            done.add(credential, ids);
        }
        Ok(done)
    }
}

/// Whether the section's tables exist in this database.
pub async fn present(db: &mut Database, credential: &Credential) -> Result<bool> {
    match TokenTables::of(credential) {
        Some(tables) => tables.present(db).await,
        None => db.has_table(credential.table_name()).await,
    }
}

/// One line of a plan: "  tokens: 2 sessions (session, autologin) -> deleted".
pub fn planned(credential: &Credential, held: &[Held]) -> String {
    let names: Vec<String> = held.iter().filter_map(|row| row.name.clone()).collect();
    let verb = match (&credential.revoke, credential.kind) {
        (Some(Revoke::Delete {}), _) => "deleted",
        (_, Kind::ResetLink) => "voided",
        _ => "revoked",
    };
    format!(
        "  {}: {}{} -> {verb}",
        credential.table_name(),
        crate::output::counted(held.len(), credential.kind.noun()),
        named(&names)
    )
}
