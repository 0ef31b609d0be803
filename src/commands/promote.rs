//! `promote KEY`: makes an existing user an admin by the profile's admin rule (the admin
//! column set, or its admin value); `--demote` takes it away, under the last-admin guard.

use anyhow::Result;

use super::change::{self, Edit, Recorder};
use super::{Context, Workspace};
use crate::cli::PromoteArgs;
use crate::db::Value;
use crate::exit::{DATABASE, Failure};
use crate::schema::{Field, User};

pub async fn run(context: &Context, args: &PromoteArgs) -> Result<u8> {
    let command = if args.demote {
        "promote --demote"
    } else {
        "promote"
    };
    let mut recorder = Recorder::begin(context, command, &context.normalize_key(&args.email))?;
    let outcome = promote(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn promote(context: &Context, args: &PromoteArgs, recorder: &mut Recorder) -> Result<u8> {
    let mut workspace = Workspace::open(context).await?;
    let table = &workspace.table;
    if table.profile.every_user_admin {
        return Err(Failure::error(
            DATABASE,
            format!(
                "every row of {} is an admin (profile {}), so there is nothing to promote or demote; \
                 use create-admin for a new admin, deactivate to take one away",
                table.profile.table, table.profile.name
            ),
        ));
    }
    table.require(Field::IsAdmin, "an admin column", "promote")?;
    let user = table.find(&mut workspace.db, &args.email).await?;
    let edit = Edit {
        set: vec![
            (Field::IsAdmin, Value::Bool(!args.demote)),
            (Field::UpdatedAt, Value::Timestamp(crate::db::value::now())),
        ],
        new_password: None,
        event_type: if args.demote {
            "ADMIN_REVOKED"
        } else {
            "ADMIN_GRANTED"
        },
        cut: Default::default(),
    };
    let applied = change::apply(context, &mut workspace, recorder, &user, edit).await?;
    let mut notes = Vec::new();
    let still_admin_via: Vec<&str> = workspace
        .admins
        .via(&User {
            is_admin: !args.demote,
            ..user.clone()
        })
        .iter()
        .map(|via| via.label())
        .collect();
    if args.demote && !still_admin_via.is_empty() {
        notes.push(format!(
            "{} is still an admin by {}, which breakglass does not change",
            user.email,
            still_admin_via.join(", ")
        ));
    }
    workspace.close().await?;
    change::print_applied(context, recorder, &applied, &notes, &[])
}
