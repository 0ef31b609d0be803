//! `lockdown EMAIL`: a compromised account cut off in one transaction: made inactive, every
//! credential the profile names (`[[credentials]]`: sessions, API tokens, app passwords, reset
//! links) cut the way the application revokes it, the password replaced by one nobody is told; then the gateway's Redis cache told, and the operator told what can remain and until when.

use anyhow::Result;
use serde_json::json;

use super::change::{self, Edit, Recorder};
use super::revoke_tokens::revoked_by;
use super::{Context, Workspace, hasher};
use crate::access::cache::GatewayCache;
use crate::access::{Cut, DEFAULT_REASON, Revocation};
use crate::cli::LockdownArgs;
use crate::db::Value;
use crate::password::generate::generate;
use crate::schema::Field;

/// Long enough that nobody guesses it; nobody is ever told it.
const THROWAWAY_LENGTH: usize = 48;

pub async fn run(context: &Context, args: &LockdownArgs) -> Result<u8> {
    let mut recorder = Recorder::begin(context, "lockdown", &context.normalize_key(&args.email))?;
    let outcome = lockdown(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn lockdown(context: &Context, args: &LockdownArgs, recorder: &mut Recorder) -> Result<u8> {
    let profile = context.profile()?;
    // A garbled REDIS_URL is found before anything is changed.
    let cache = GatewayCache::for_profile(&profile, &context.settings)?;
    let hasher = hasher(context, &profile, [None; 3])?;
    let mut workspace = Workspace::open(context).await?;
    // Where the application has no inactive state (WordPress core), the admin role goes
    // instead, and the result says the account itself stays enabled.
    let cannot_disable = match workspace.table.require_active("lockdown") {
        Ok(()) => None,
        Err(refusal) => Some(
            profile
                .lacks
                .iter()
                .find(|(field, _)| *field == Field::IsActive)
                .map(|(_, sentence)| sentence.clone())
                .ok_or(refusal)?,
        ),
    };
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let revocation = Revocation {
        by: revoked_by(&mut workspace, args.by.as_deref(), &user).await?,
        reason: context
            .safety
            .reason
            .clone()
            .unwrap_or_else(|| DEFAULT_REASON.to_owned()),
    };
    let now = crate::db::value::now();
    let mut set = vec![
        match cannot_disable {
            None => (Field::IsActive, Value::Bool(false)),
            Some(_) => (Field::IsAdmin, Value::Bool(false)),
        },
        (Field::UpdatedAt, Value::Timestamp(now)),
    ];
    let new_password = if args.keep_password {
        recorder.flag("keep-password");
        None
    } else {
        let throwaway = generate(THROWAWAY_LENGTH, |_| true);
        let hashed = hasher.hash_with_proof(&throwaway)?;
        set.extend([
            (Field::PasswordHash, Value::Text(hashed.phc.clone())),
            (Field::HashType, Value::Text(hasher.name().to_owned())),
            (Field::ChangeRequired, Value::Bool(true)),
            (Field::PasswordChangedAt, Value::Timestamp(now)),
        ]);
        Some((throwaway, hashed))
    };
    let edit = Edit {
        set,
        new_password,
        event_type: change::LOCKOUT_EVENT,
        cut: Cut {
            revoke_tokens: Some(revocation),
            void_reset_links: true,
            end_sessions: true,
        },
    };
    let applied = change::apply(context, &mut workspace, recorder, &user, edit).await?;
    // After the commit: the guard counts from the change's own time, never earlier.
    let committed_at = chrono::Utc::now();
    let names_no_credentials = !workspace.table.profile.access.cuts_anything();
    let sessions_note = workspace.rules.inactive_sessions_note(committed_at);
    let valid_until = workspace
        .rules
        .sessions_valid_until(committed_at)
        .map(crate::output::rfc3339);
    workspace.close().await?;

    let committed = recorder.record.result == "committed";
    let mut notes = Vec::new();
    let redis = change::tell_cache(
        context,
        cache.as_ref(),
        args.cache.no_redis,
        committed,
        (&applied.cut.revoked, std::slice::from_ref(&user.email)),
        &mut notes,
    )
    .await;
    if let Some(access) = &mut recorder.record.access {
        access["redis"] = json!(redis.as_str());
    }
    notes.extend(sessions_note);
    if names_no_credentials {
        notes.push(
            "nothing besides the account was cut: the profile names no sessions, tokens or \
             reset links ([[credentials]])"
                .to_owned(),
        );
    }
    notes.extend(cannot_disable.map(|sentence| {
        format!("the account itself cannot be disabled, so its admin role was removed: {sentence}")
    }));
    notes.extend(applied.cut.in_words().map(|words| format!("cut: {words}")));
    notes.extend(
        applied
            .cut
            .remains
            .iter()
            .map(|line| format!("remains: {line}")),
    );
    if !args.keep_password {
        notes.push("the password was replaced by a random one nobody was told".to_owned());
    }
    notes.push(format!(
        "to give the account back after the incident: breakglass reset {} --activate{}",
        user.email,
        valid_until
            .as_deref()
            .map(|until| format!(" (after {until})"))
            .unwrap_or_default()
    ));
    let mut extra = vec![
        ("revoked", json!(applied.cut.revoked)),
        ("reset_links_voided", json!(applied.cut.reset_links_voided)),
        ("sessions_valid_until", json!(valid_until)),
        ("redis", json!(redis.as_str())),
        ("revoked_by_kind", json!(applied.cut.revoked_by_kind)),
        ("remains", json!(applied.cut.remains)),
    ];
    extra.extend(
        applied
            .cut
            .sessions_ended
            .map(|ended| ("sessions_ended", json!(ended))),
    );
    change::print_applied(context, recorder, &applied, &notes, &extra)
}
