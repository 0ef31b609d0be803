//! `allow-reset KEY`: sets the profile's reset-allowed flag, after which the user may reset
//! their own password without logging in (the flag-reset flow); `--revoke` clears it.
//! A successful `reset` clears it too.

use anyhow::Result;

use super::change::{self, Edit, Recorder};
use super::{Context, Workspace};
use crate::cli::AllowResetArgs;
use crate::db::Value;
use crate::schema::Field;

pub async fn run(context: &Context, args: &AllowResetArgs) -> Result<u8> {
    let command = if args.revoke {
        "allow-reset --revoke"
    } else {
        "allow-reset"
    };
    let mut recorder = Recorder::begin(context, command, &context.normalize_key(&args.email))?;
    let outcome = allow_reset(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn allow_reset(
    context: &Context,
    args: &AllowResetArgs,
    recorder: &mut Recorder,
) -> Result<u8> {
    let mut workspace = Workspace::open(context).await?;
    workspace
        .table
        .require(Field::ResetAllowed, "a reset-allowed column", "allow-reset")?;
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let edit = Edit {
        set: vec![
            (Field::ResetAllowed, Value::Bool(!args.revoke)),
            (Field::UpdatedAt, Value::Timestamp(crate::db::value::now())),
        ],
        new_password: None,
        event_type: if args.revoke {
            "PASSWORD_RESET_REVOKED"
        } else {
            "PASSWORD_RESET_ALLOWED"
        },
        cut: Default::default(),
    };
    let applied = change::apply(context, &mut workspace, recorder, &user, edit).await?;
    workspace.close().await?;
    let notes = if args.revoke {
        vec![]
    } else {
        vec![format!(
            "{} may now reset their own password without logging in; the flag clears after the reset \
             (breakglass allow-reset {} --revoke withdraws it)",
            user.email, user.email
        )]
    };
    change::print_applied(context, recorder, &applied, &notes, &[])
}
