//! `clear-change-flag EMAIL`: the gateway stops demanding a password change at login,
//! and says so when the gateway would still demand one for another reason.

use anyhow::Result;
use chrono::Duration;

use super::change::{self, Edit, Recorder};
use super::{Context, Workspace};
use crate::cli::ClearChangeFlagArgs;
use crate::db::{Dialect, Value};
use crate::password::Secret;
use crate::password::hash::Check;
use crate::password::scheme::verify_any as verify;
use crate::schema::Field;

pub async fn run(context: &Context, args: &ClearChangeFlagArgs) -> Result<u8> {
    let mut recorder = Recorder::begin(
        context,
        "clear-change-flag",
        &context.normalize_key(&args.email),
    )?;
    let outcome = clear(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn clear(
    context: &Context,
    args: &ClearChangeFlagArgs,
    recorder: &mut Recorder,
) -> Result<u8> {
    let mut workspace = Workspace::open(context).await?;
    workspace.table.require(
        Field::ChangeRequired,
        "a must-change column",
        "clear-change-flag",
    )?;
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let now = crate::db::value::now();
    let mut set = vec![
        (Field::ChangeRequired, Value::Bool(false)),
        (Field::UpdatedAt, Value::Timestamp(now)),
    ];
    if args.touch {
        workspace.table.require(
            Field::PasswordChangedAt,
            "a password-changed-at column to restart the password's age",
            "clear-change-flag --touch",
        )?;
        set.push((Field::PasswordChangedAt, Value::Timestamp(now)));
    }
    let mut notes = Vec::new();
    let max_age = workspace.gateway.password_max_age_days;
    let too_old = workspace.table.dialect() == Dialect::Postgres
        && max_age > 0
        && user
            .password_changed_at
            .is_some_and(|at| now - at > Duration::days(max_age));
    if too_old && !args.touch {
        notes.push(format!(
            "the password is older than PASSWORD_MAX_AGE_DAYS={max_age}, so the gateway will still demand a change; \
             run again with --touch to restart its age"
        ));
    }
    let default = Secret::new(workspace.gateway.default_user_password.clone());
    if user
        .password_hash
        .as_deref()
        .is_some_and(|hash| verify(&default, hash) == Check::Match)
    {
        notes.push(format!(
            "the password is DEFAULT_USER_PASSWORD, so the gateway will still demand a change; \
             set a real one with breakglass reset {}",
            user.email
        ));
    }
    for note in &notes {
        context.warn(note);
    }
    let edit = Edit {
        set,
        new_password: None,
        event_type: "password_change",
        cut: Default::default(),
    };
    let applied = change::apply(context, &mut workspace, recorder, &user, edit).await?;
    workspace.close().await?;
    change::print_applied(context, recorder, &applied, &notes, &[])
}
