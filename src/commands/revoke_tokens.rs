//! `revoke-tokens EMAIL`: the user's API tokens revoked the way the gateway's own revoke does,
//! in one transaction, then the gateway's Redis cache told.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::json;

use super::change::{self, Applied, Recorder};
use super::{Context, Workspace};
use crate::access::cache::GatewayCache;
use crate::access::{CutDone, DEFAULT_REASON, Revocation, State, TokenTables};
use crate::cli::RevokeTokensArgs;
use crate::exit::{Failure, USER_NOT_FOUND, code_for};
use crate::schema::User;

pub async fn run(context: &Context, args: &RevokeTokensArgs) -> Result<u8> {
    let mut recorder = Recorder::begin(
        context,
        "revoke-tokens",
        &context.normalize_key(&args.email),
    )?;
    let outcome = revoke_tokens(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn revoke_tokens(
    context: &Context,
    args: &RevokeTokensArgs,
    recorder: &mut Recorder,
) -> Result<u8> {
    // A garbled REDIS_URL is found before anything is changed.
    let cache = GatewayCache::for_profile(&context.profile()?, &context.settings)?;
    let mut workspace = Workspace::open(context).await?;
    let tables =
        TokenTables::require(&mut workspace.db, &workspace.table.profile.access.clone()).await?;
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let revocation = Revocation {
        by: revoked_by(&mut workspace, args.by.as_deref(), &user).await?,
        reason: context
            .safety
            .reason
            .clone()
            .unwrap_or_else(|| DEFAULT_REASON.to_owned()),
    };
    let mut tokens = tables
        .list(&mut workspace.db, Some(&user.email), workspace.now)
        .await?;
    if let Some(unknown) = args
        .jti
        .iter()
        .find(|jti| !tokens.iter().any(|token| &token.jti == *jti))
    {
        return Err(Failure::error(
            USER_NOT_FOUND,
            format!(
                "{} has no API token with jti {unknown}; nothing was changed. \
                 See them with: breakglass tokens {}",
                user.email, user.email
            ),
        ));
    }
    tokens.retain(|token| {
        token.state != State::Revoked && (args.jti.is_empty() || args.jti.contains(&token.jti))
    });
    let mut notes = Vec::new();
    let (done, app_event) = if tokens.is_empty() {
        recorder.settle("unchanged", BTreeMap::new());
        (CutDone::default(), false)
    } else {
        let details: Vec<String> = std::iter::once(format!("user: {}", user.email))
            .chain(tokens.iter().map(|token| {
                format!(
                    "  revoke {} ({}, {})",
                    token.jti,
                    token.name,
                    token.state_text()
                )
            }))
            .collect();
        change::confirm(
            context,
            &mut workspace.db,
            &format!("Revoke {} API token(s) of {}?", tokens.len(), user.email),
            &details,
        )
        .await?;
        workspace
            .db
            .begin_write(context.connect.lock_timeout)
            .await?;
        let written = async {
            let revoked = tables
                .revoke(
                    &mut workspace.db,
                    &tokens,
                    &revocation,
                    crate::db::value::now(),
                )
                .await?;
            let done = CutDone {
                revoked,
                ..CutDone::default()
            };
            let app_event = context.safety.app_audit
                && change::record_event(
                    &mut workspace.db,
                    &workspace.table,
                    &user.email,
                    TOKENS_REVOKED_EVENT,
                    recorder,
                    context,
                    Some(&json!(done)),
                )
                .await?;
            anyhow::Ok((done, app_event))
        }
        .await;
        let (done, app_event) = workspace
            .db
            .finish_write(written, !context.safety.dry_run)
            .await?;
        recorder.settle(
            if context.safety.dry_run {
                "dry-run"
            } else {
                "committed"
            },
            BTreeMap::new(),
        );
        recorder.record.access = Some(json!(done));
        (done, app_event)
    };
    workspace.close().await?;
    let committed = recorder.record.result == "committed";
    let redis = change::tell_cache(
        context,
        cache.as_ref(),
        args.cache.no_redis,
        committed,
        (&done.revoked, &[]),
        &mut notes,
    )
    .await;
    if let Some(access) = &mut recorder.record.access {
        access["redis"] = json!(redis.as_str());
    }
    let applied = Applied {
        rows: Vec::new(),
        fields: BTreeMap::new(),
        changed: !done.revoked.is_empty(),
        app_event,
        cut: done.clone(),
        login: None,
    };
    let extra = [
        ("revoked", json!(done.revoked)),
        ("redis", json!(redis.as_str())),
    ];
    change::print_applied(context, recorder, &applied, &notes, &extra)
}

/// The gateway has no event type of its own for an administrative revoke.
const TOKENS_REVOKED_EVENT: &str = "TOKENS_REVOKED";

/// Who a revocation names: `--by` (an existing user), else the platform admin when that row
/// exists, else the user.
pub(super) async fn revoked_by(
    workspace: &mut Workspace,
    by: Option<&str>,
    user: &User,
) -> Result<String> {
    if let Some(by) = by {
        return match workspace.table.find(&mut workspace.db, by).await {
            Ok(author) => Ok(author.email),
            Err(error) if code_for(&error) == USER_NOT_FOUND => Err(Failure::error(
                USER_NOT_FOUND,
                format!(
                    "--by {by}: no such user; the revocation must name an existing user. Nothing was changed"
                ),
            )),
            Err(error) => Err(error),
        };
    }
    let platform_admin = workspace.rules.platform_admin_email.clone();
    if platform_admin.is_empty() {
        return Ok(user.email.clone());
    }
    match workspace
        .table
        .find(&mut workspace.db, &platform_admin)
        .await
    {
        Ok(admin) => Ok(admin.email),
        Err(error) if code_for(&error) == USER_NOT_FOUND => Ok(user.email.clone()),
        Err(error) => Err(error),
    }
}
