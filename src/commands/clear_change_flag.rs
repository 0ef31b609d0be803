//! `clear-change-flag EMAIL`: the gateway stops demanding a password change at login,
//! and says so when the gateway would still demand one for another reason.

use anyhow::Result;

use super::change::{self, Edit, Recorder};
use super::{Context, Workspace};
use crate::cli::ClearChangeFlagArgs;
use crate::db::Value;
use crate::password::Secret;
use crate::password::hash::Check;
use crate::password::scheme::verify_any as verify;
use crate::schema::Field;
use crate::schema::login::{Refusal, predict_right_password};

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
    // What the login would still demand once the flag is cleared (and, with --touch, the age
    // restarted): the application's own reasons, as the login judgement words them.
    let mut after = user.clone();
    after.password_change_required = false;
    if args.touch {
        after.password_changed_at = Some(now);
    }
    let default = Secret::new(workspace.rules.default_user_password.clone());
    let is_default = !default.expose().is_empty()
        && user
            .password_hash
            .as_deref()
            .is_some_and(|hash| verify(&default, hash) == Check::Match);
    let rules = &workspace.rules;
    let still = predict_right_password(&after, is_default, rules, workspace.table.dialect(), now);
    let notes: Vec<String> = still
        .refusals
        .iter()
        .filter_map(|refusal| {
            let next = match refusal {
                Refusal::PasswordTooOld { .. } => {
                    "run again with --touch to restart its age".to_owned()
                }
                Refusal::DefaultPassword => {
                    format!("set a real one with breakglass reset {}", user.email)
                }
                _ => return None,
            };
            Some(format!("{}; {next}", refusal.explain(rules)))
        })
        .collect();
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
