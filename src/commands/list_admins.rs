//! `list-admins`: every admin by the gateway's rules, with why each is one and whether
//! each can log in. Streams rows, so memory does not grow with the table.

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Context, Workspace};
use crate::cli::ListAdminsArgs;
use crate::exit::SUCCESS;
use crate::output::{self, Column, Listing, Tone};
use crate::password::scheme::Schemes;
use crate::schema::Field;
use crate::schema::admins::AdminVia;
use crate::schema::login::{Judgement, Login, Prediction, Refusal, predict_right_password};

/// The table's columns. On a narrow terminal the email (what the next command needs) and
/// whether each can log in stay; the details drop first, in the order numbered.
const COLUMNS: &[Column] = &[
    Column::key("email"),
    Column::dropped("full name", 4),
    Column::dropped("active", 8).toned(active_tone),
    Column::dropped("admin via", 7),
    Column::dropped("failed attempts", 3),
    Column::dropped("locked until", 6),
    Column::dropped("change required", 5),
    Column::dropped("last login", 2),
    Column::dropped("password changed", 1),
    // Last, so that CSV read by position keeps its columns.
    Column::kept("can log in").toned(login_tone),
];

/// One object of `list-admins -o json`; docs/reference.md (JSON output) documents these keys.
#[derive(Debug, Serialize)]
struct AdminRecord<'a> {
    email: &'a str,
    full_name: Option<&'a str>,
    is_active: bool,
    is_admin: bool,
    admin_via: Vec<AdminVia>,
    failed_login_attempts: i64,
    locked_until: Option<String>,
    locked: bool,
    /// Locked, but an `is_admin` user while PROTECT_ALL_ADMINS is on: the gateway lets it in.
    lockout_exempt: bool,
    /// The stored flag; `change_required` is the judgement (kept for one release).
    password_change_required: bool,
    /// The login with the right password, judged as verify and doctor judge it (without
    /// trying DEFAULT_USER_PASSWORD, which doctor does).
    #[serde(flatten)]
    judgement: Judgement,
    last_login: Option<String>,
    password_changed_at: Option<String>,
    warnings: Vec<String>,
}

pub async fn run(context: &Context, args: &ListAdminsArgs) -> Result<u8> {
    let mut workspace = Workspace::open(context).await?;
    workspace.table.read_for_listing();
    let now = workspace.now;
    let table = &workspace.table;
    let mut conditions = Vec::new();
    let mut params = Vec::new();
    if !args.all_users {
        let (condition, admin_params) = workspace.admins.condition(table, 0);
        conditions.push(condition);
        params = admin_params;
    }
    if args.locked {
        match table.column_sql(Field::LockedUntil) {
            Some(column) => conditions.push(format!("{column} IS NOT NULL")),
            // A lockout kept in another table is filtered row by row below.
            None if table.profile.lockout.is_some() => {}
            None => conditions.push("1 = 0".to_owned()),
        }
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let order = table.column_sql(Field::Email).unwrap_or_default();
    let sql = table.select_sql(&format!("{filter} ORDER BY {order}"));

    let mut listing = Listing::with_columns(context.output, COLUMNS)?;
    let mut odd_rows = 0usize;
    let Workspace {
        db,
        table,
        admins,
        rules,
        ..
    } = &mut workspace;
    let protect_admins = rules.protect_all_admins;
    let dialect = table.dialect();
    db.for_each_row(&sql, &params, |row| {
        let user = table.decode(row);
        let locked = user.is_locked(now);
        if args.locked && !locked {
            return Ok(());
        }
        if !user.oddities.is_empty() {
            odd_rows += 1;
        }
        let prediction = predict_right_password(&user, false, rules, dialect, now);
        let record = AdminRecord {
            admin_via: admins.via(&user),
            locked_until: user.locked_until.map(output::rfc3339),
            last_login: user.last_login.map(output::rfc3339),
            password_changed_at: user.password_changed_at.map(output::rfc3339),
            locked,
            lockout_exempt: locked && user.is_admin && protect_admins,
            email: &user.email,
            full_name: user.full_name.as_deref(),
            is_active: user.is_active,
            is_admin: user.is_admin,
            failed_login_attempts: user.failed_login_attempts,
            password_change_required: user.password_change_required,
            judgement: prediction.judgement(),
            warnings: warnings(&user, &prediction, &rules.schemes),
        };
        listing.push_with(&record, || {
            vec![
                user.email.clone(),
                user.full_name.clone().unwrap_or_default(),
                output::yes_no(user.is_active),
                record
                    .admin_via
                    .iter()
                    .map(|via| via.label())
                    .collect::<Vec<_>>()
                    .join(", "),
                user.failed_login_attempts.to_string(),
                match user.lockout_failures {
                    Some(failures) => format!("locked out ({failures} failures)"),
                    None => locked_cell(user.locked_until, now, record.lockout_exempt),
                },
                output::yes_no(user.password_change_required),
                user.last_login.map(output::short_time).unwrap_or_default(),
                user.password_changed_at
                    .map(output::short_time)
                    .unwrap_or_default(),
                login_cell(&record.judgement),
            ]
        })?;
        Ok(())
    })
    .await?;
    let shown = listing.finish()?;
    let app = workspace.table.profile.called.clone();
    workspace.close().await?;

    if odd_rows > 0 {
        context.warn(&format!(
            "{odd_rows} row(s) store values {app} reads unexpectedly; see 'warnings' in -o json"
        ));
    }
    if shown == 0 {
        let what = match (args.all_users, args.locked) {
            (_, true) => "no locked user matches".to_owned(),
            (true, false) => "the users table is empty".to_owned(),
            (false, false) => format!("no admin exists by any of {app}'s rules"),
        };
        context.warn(&what);
    }
    Ok(SUCCESS)
}

/// The row's oddities, and a stored value no password can match although one of the
/// application's schemes recognises it: a marker such as Django's unusable password.
fn warnings(user: &crate::schema::User, prediction: &Prediction, schemes: &Schemes) -> Vec<String> {
    let mut warnings = user.oddities.clone();
    let unusable = prediction
        .refusals
        .iter()
        .find_map(|refusal| match refusal {
            Refusal::HashUnusable { detail } => Some(detail),
            _ => None,
        });
    if let (Some(detail), Some(stored)) = (unusable, user.password_hash.as_deref()) {
        let found = schemes.identify(stored);
        if found.listed() && !found.accepted() {
            warnings.push(format!(
                "{detail}; set a password with breakglass reset {}",
                user.email
            ));
        }
    }
    warnings
}

/// "yes", "yes, new password", or "no" with what refuses it first.
fn login_cell(judgement: &Judgement) -> String {
    match (judgement.login, judgement.blocked_by.first()) {
        (Login::Refused, Some(reason)) => format!("no ({})", reason.replace('_', " ")),
        (login, _) => login.short().to_owned(),
    }
}

/// The words of [`login_cell`], coloured by the answer.
fn login_tone(cell: &str) -> Tone {
    if cell == Login::LogsIn.short() {
        Tone::Good
    } else if cell == Login::MustChangePassword.short() {
        Tone::Caution
    } else {
        Tone::Bad
    }
}

fn active_tone(cell: &str) -> Tone {
    if cell == "no" { Tone::Bad } else { Tone::Plain }
}

fn locked_cell(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>, exempt: bool) -> String {
    match locked_until {
        None => String::new(),
        Some(until) if until <= now => format!("{} (expired)", output::short_time(until)),
        Some(until) if exempt => format!("{} (admin, exempt)", output::short_time(until)),
        Some(until) => output::short_time(until),
    }
}
