//! `deactivate EMAIL`: the gateway refuses every future login of the user.

use anyhow::Result;

use serde_json::json;

use crate::access::Cut;
use crate::access::cache::GatewayCache;

use super::change::{self, Edit, Recorder};
use super::{Context, Workspace};
use crate::cli::DeactivateArgs;
use crate::db::Value;
use crate::schema::Field;

pub async fn run(context: &Context, args: &DeactivateArgs) -> Result<u8> {
    let mut recorder = Recorder::begin(context, "deactivate", &context.normalize_key(&args.email))?;
    let outcome = deactivate(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn deactivate(
    context: &Context,
    args: &DeactivateArgs,
    recorder: &mut Recorder,
) -> Result<u8> {
    // A garbled REDIS_URL is found before anything is changed.
    let cache = GatewayCache::for_profile(&context.profile()?, &context.settings)?;
    let mut workspace = Workspace::open(context).await?;
    workspace.table.require_active("deactivate")?;
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let edit = Edit {
        set: vec![
            (Field::IsActive, Value::Bool(false)),
            (Field::UpdatedAt, Value::Timestamp(crate::db::value::now())),
        ],
        new_password: None,
        // The gateway has no event of its own for this; it shows as a locked account.
        event_type: change::LOCKOUT_EVENT,
        // A pending reset link would let its holder back in.
        cut: Cut {
            void_reset_links: true,
            end_sessions: true,
            ..Cut::default()
        },
    };
    let applied = change::apply(context, &mut workspace, recorder, &user, edit).await?;
    // After the commit: the guard counts from the change's own time, never earlier.
    let committed_at = chrono::Utc::now();
    let mut notes: Vec<String> = workspace
        .rules
        .inactive_sessions_note(committed_at)
        .into_iter()
        .collect();
    let after = workspace
        .rules
        .sessions_valid_until(committed_at)
        .map(|until| format!(" (after {})", crate::output::rfc3339(until)))
        .unwrap_or_default();
    // Where deactivating is the application's own lock, unlock is its way back.
    let back = match workspace.table.profile.lock_state() {
        Some(_) => format!("breakglass unlock {}", user.email),
        None => format!("breakglass reset {} --activate{after}", user.email),
    };
    workspace.close().await?;
    notes.push(format!("{back} brings the account back"));
    let committed = recorder.record.result == "committed";
    let redis = change::tell_cache(
        context,
        cache.as_ref(),
        args.cache.no_redis,
        committed && applied.changed,
        (&[], std::slice::from_ref(&user.email)),
        &mut notes,
    )
    .await;
    let mut extra = vec![
        ("reset_links_voided", json!(applied.cut.reset_links_voided)),
        ("redis", json!(redis.as_str())),
    ];
    extra.extend(
        applied
            .cut
            .sessions_ended
            .map(|ended| ("sessions_ended", json!(ended))),
    );
    change::print_applied(context, recorder, &applied, &notes, &extra)
}
