//! `unlock EMAIL` / `unlock --all`: clears failed login attempts and the lockout, or lifts a
//! lock kept as a value of the active column (Redmine's status 3) by writing the active one.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result};
use serde_json::json;

use super::change::{self, Edit, Recorder, confirm};
use super::{Context, Workspace};
use crate::audit::{FieldChange, event_details};
use crate::cli::{OutputFormat, UnlockArgs};
use crate::db::Value;
use crate::exit::{DATABASE, Failure, SUCCESS, USAGE};
use crate::output;
use crate::schema::Field;

/// How many unlocked users `--all` names; the count is always exact.
const LISTED: usize = 20;

const EVENT: &str = "ACCOUNT_UNLOCKED";

pub async fn run(context: &Context, args: &UnlockArgs) -> Result<u8> {
    let target = match &args.email {
        Some(email) => context.normalize_key(email),
        None => "--all".to_owned(),
    };
    let mut recorder = Recorder::begin(context, "unlock", &target)?;
    let outcome = match &args.email {
        Some(email) => unlock_one(context, email, &mut recorder).await,
        None => unlock_all(context, &mut recorder).await,
    };
    recorder.finish(context, outcome)
}

fn cleared() -> Vec<(Field, Value)> {
    vec![
        (Field::FailedAttempts, Value::Int(0)),
        (Field::LockedUntil, Value::Null),
        (Field::UnlockToken, Value::Null),
        (Field::UpdatedAt, Value::Timestamp(crate::db::value::now())),
    ]
}

async fn unlock_one(context: &Context, email: &str, recorder: &mut Recorder) -> Result<u8> {
    let mut workspace = Workspace::open(context).await?;
    let lockout = workspace.table.profile.lockout.clone();
    let no_columns = workspace.table.column_sql(Field::FailedAttempts).is_none()
        && workspace.table.column_sql(Field::LockedUntil).is_none();
    if let Some(lockout) = lockout
        && no_columns
        && workspace.db.has_table(&lockout.table).await?
    {
        return unlock_rows(context, workspace, &lockout, email, recorder).await;
    }
    let lock_state = workspace.table.profile.lock_state().is_some();
    if workspace.table.column_sql(Field::FailedAttempts).is_none() && !lock_state {
        workspace.table.require(
            Field::LockedUntil,
            "a failed-attempt or locked-until column",
            "unlock",
        )?;
    }
    let user = workspace.table.find(&mut workspace.db, email).await?;
    let mut set = cleared();
    // Only a lock is lifted: another inactive value (Redmine's registered, 2) stays.
    if user.locked_state {
        set.push((Field::IsActive, Value::Bool(true)));
    }
    let edit = Edit {
        set,
        new_password: None,
        event_type: EVENT,
        cut: Default::default(),
    };
    let applied = change::apply(context, &mut workspace, recorder, &user, edit).await?;
    workspace.close().await?;
    change::print_applied(context, recorder, &applied, &[], &[])
}

/// Deletes the user's rows from the lockout table (django-axes' way to end a lockout).
async fn unlock_rows(
    context: &Context,
    mut workspace: Workspace,
    lockout: &crate::schema::profile::LockoutTable,
    email: &str,
    recorder: &mut Recorder,
) -> Result<u8> {
    let user = workspace.table.find(&mut workspace.db, email).await?;
    let d = workspace.table.dialect();
    // Attempts are recorded under what was typed: the key, or the email where users may use it.
    let mut key = vec![Value::Text(user.email.clone())];
    key.extend(user.contact_email.clone().map(Value::Text));
    let condition = format!(
        "FROM {} WHERE {} IN ({})",
        d.quote(&lockout.table),
        d.quote(&lockout.key_column),
        d.placeholders(0, key.len())
    );
    let count = workspace
        .db
        .fetch_scalar(&format!("SELECT COUNT(*) {condition}"), &key)
        .await?
        .and_then(|value| value.int())
        .unwrap_or(0);
    let mut applied = change::Applied {
        rows: Vec::new(),
        fields: BTreeMap::new(),
        changed: false,
        app_event: false,
        cut: Default::default(),
        login: None,
    };
    if count == 0 {
        recorder.settle("unchanged", BTreeMap::new());
        workspace.close().await?;
        return change::print_applied(context, recorder, &applied, &[], &[]);
    }
    let details = vec![
        format!("user: {}", user.email),
        format!(
            "  {}: {} -> 0",
            lockout.table,
            crate::output::counted(count, "attempt row")
        ),
    ];
    confirm(
        context,
        &mut workspace.db,
        &format!("Remove {}'s failed attempts?", user.email),
        &details,
    )
    .await?;
    workspace
        .db
        .begin_write(context.connect.lock_timeout)
        .await?;
    let deleted = workspace
        .db
        .execute(&format!("DELETE {condition}"), &key)
        .await
        .with_context(|| format!("removing the attempts from {}", lockout.table));
    let deleted = workspace
        .db
        .finish_write(deleted, !context.safety.dry_run)
        .await?;
    applied.changed = true;
    applied.fields.insert(
        lockout.table.clone(),
        FieldChange {
            old: json!(format!("{deleted} attempt rows")),
            new: json!("0 attempt rows"),
        },
    );
    let result = change::write_result(context);
    recorder.settle(result, applied.fields.clone());
    workspace.close().await?;
    change::print_applied(context, recorder, &applied, &[], &[])
}

async fn unlock_all(context: &Context, recorder: &mut Recorder) -> Result<u8> {
    let mut workspace = Workspace::open(context).await?;
    let table = &workspace.table;
    let updated = table.column_sql(Field::UpdatedAt);
    let d = table.dialect();
    // Which rows hold a lock, and what lifts it.
    let mut locks = Vec::new();
    let mut assignments = Vec::new();
    let mut cleared_fields = Vec::new();
    if let (Some(failed), Some(locked)) = (
        table.column_sql(Field::FailedAttempts),
        table.column_sql(Field::LockedUntil),
    ) {
        locks.push(format!("{failed} > 0 OR {locked} IS NOT NULL"));
        assignments.extend([format!("{failed} = 0"), format!("{locked} = NULL")]);
        cleared_fields.extend([
            (table.profile.column(Field::FailedAttempts), json!(0)),
            (table.profile.column(Field::LockedUntil), json!(null)),
        ]);
    }
    // A lock kept as the active column's value is also how accounts are switched off on
    // purpose: lifting every one would reopen them all.
    if let (true, Some((column, locked, _))) = (locks.is_empty(), table.profile.lock_state()) {
        return Err(Failure::error(
            USAGE,
            format!(
                "{} locks an account with {column} = {locked}, which is also how accounts are \
                 switched off on purpose; unlock --all would reopen every one, so nothing was \
                 changed. Unlock one user at a time: breakglass unlock USER",
                table.profile.called
            ),
        ));
    }
    let Some(email) = table.column_sql(Field::Email).filter(|_| !locks.is_empty()) else {
        return Err(Failure::error(
            DATABASE,
            format!(
                "table {} has no failed-attempt or locked-until column to clear",
                table.profile.table
            ),
        ));
    };
    let cleared_fields: BTreeMap<String, serde_json::Value> = cleared_fields
        .into_iter()
        .filter_map(|(column, value)| Some((column?.to_owned(), value)))
        .collect();
    let condition = format!("({})", locks.join(" OR "));
    let count = table
        .count(&mut workspace.db, Some((&condition, &[])))
        .await?;
    let listed_sql = format!(
        "SELECT {email} FROM {} WHERE {condition} ORDER BY {email} LIMIT {}",
        table.table_sql(),
        LISTED
    );
    let listed: Vec<String> = workspace
        .db
        .fetch_all(&listed_sql, &[])
        .await?
        .into_iter()
        .filter_map(|row| {
            row.into_iter()
                .next()
                .and_then(|v| v.text().map(str::to_owned))
        })
        .collect();
    if count == 0 {
        recorder.settle("unchanged", BTreeMap::new());
        workspace.close().await?;
        let none = All {
            unlocked: 0,
            listed: &[],
            fields: &cleared_fields,
            app_event: false,
        };
        return print_all(context, recorder, &none);
    }
    let mut details = change::plan_start(context, &mut workspace.db).await?;
    details.push(format!(
        "{} failed attempts or a lock: {}",
        match count {
            1 => "1 user has".to_owned(),
            n => format!("{n} users have"),
        },
        listed.join(", ")
    ));
    confirm(
        context,
        &mut workspace.db,
        &if count == 1 {
            "Unlock it?".to_owned()
        } else {
            format!("Unlock all {count} of them?")
        },
        &details,
    )
    .await?;

    let mut params = Vec::new();
    if let Some(updated) = updated {
        params.push(Value::Timestamp(crate::db::value::now()));
        assignments.push(format!("{updated} = {}", d.placeholder(1)));
    }
    let update = format!(
        "UPDATE {} SET {} WHERE {condition}",
        table.table_sql(),
        assignments.join(", ")
    );
    let events = match (&table.profile.events_table, context.safety.app_audit) {
        (Some(events), true) if workspace.db.has_table(events).await? => Some(format!(
            "INSERT INTO {} ({}, user_email, event_type, success, user_agent, details) \
             SELECT {}, {email}, {}, {}, {}, {} FROM {} WHERE {condition}",
            d.quote(events),
            d.quote("timestamp"),
            d.placeholder(1),
            d.placeholder(2),
            d.placeholder(3),
            d.placeholder(4),
            d.placeholder(5),
            table.table_sql(),
        )),
        _ => None,
    };
    let event_params = [
        Value::Timestamp(crate::db::value::now()),
        Value::Text(EVENT.to_owned()),
        Value::Bool(true),
        Value::Text(format!("breakglass/{}", env!("CARGO_PKG_VERSION"))),
        Value::Text(event_details(
            "unlock --all",
            context.safety.reason.as_deref(),
            recorder.actor(),
        )),
    ];

    let app = workspace.table.profile.called.clone();
    let db = &mut workspace.db;
    db.begin_write(context.connect.lock_timeout).await?;
    let written = async {
        if let Some(events) = &events {
            db.execute(events, &event_params)
                .await
                .with_context(|| format!("adding the events to {app}'s audit trail"))?;
        }
        db.execute(&update, &params)
            .await
            .context("unlocking the users")
    }
    .await;
    let unlocked = db.finish_write(written, !context.safety.dry_run).await?;
    let result = change::write_result(context);
    let changed = FieldChange {
        old: json!(format!("{unlocked} users locked or counting")),
        new: json!(
            cleared_fields
                .values()
                .map(|value| match value {
                    serde_json::Value::Null => "NULL".to_owned(),
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let columns = cleared_fields
        .keys()
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    recorder.settle(result, BTreeMap::from([(columns, changed)]));
    workspace.close().await?;
    let all = All {
        unlocked,
        listed: &listed,
        fields: &cleared_fields,
        app_event: events.is_some(),
    };
    print_all(context, recorder, &all)
}

/// What `unlock --all` did, for its report.
struct All<'a> {
    unlocked: u64,
    listed: &'a [String],
    /// Column -> the value written.
    fields: &'a BTreeMap<String, serde_json::Value>,
    app_event: bool,
}

fn print_all(context: &Context, recorder: &Recorder, all: &All) -> Result<u8> {
    let All {
        unlocked,
        listed,
        fields,
        app_event,
    } = *all;
    let dry_run = context.safety.dry_run;
    if context.output == OutputFormat::Json {
        output::print_json(&json!({
            "command": "unlock",
            "target": "--all",
            "changed": unlocked > 0,
            "count": unlocked,
            "users": listed,
            "fields": fields
                .iter()
                .map(|(column, value)| (column.clone(), json!({"new": value})))
                .collect::<serde_json::Map<_, _>>(),
            "dry_run": dry_run,
            "audit": {"log": recorder.audit_log_path(), "app_event": app_event},
        }))?;
        return Ok(SUCCESS);
    }
    let mut text = match (unlocked, dry_run) {
        (0, _) => {
            "unlock --all: nothing to do, no user is locked or has failed attempts\n".to_owned()
        }
        (n, true) => {
            format!(
                "unlock --all: dry run, would unlock {}; nothing was written\n",
                crate::output::counted(n, "user")
            )
        }
        (n, false) => format!(
            "unlock --all: unlocked {}\n",
            crate::output::counted(n, "user")
        ),
    };
    let more = usize::try_from(unlocked)
        .unwrap_or(usize::MAX)
        .saturating_sub(listed.len());
    if unlocked > 0 {
        text.push_str(&format!("  {}", listed.join("\n  ")));
        if more > 0 {
            text.push_str(&format!("\n  … and {more} more"));
        }
        text.push('\n');
    }
    output::print(&text)?;
    Ok(SUCCESS)
}
