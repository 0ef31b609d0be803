//! `revoke-tokens EMAIL [--kind KIND] [--id ID]`: the user's credentials (`[[credentials]]`)
//! revoked the way the application itself revokes each, in one transaction; for tokens in the
//! gateway's form, the gateway's Redis cache told afterwards.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result};
use serde_json::json;

use super::change::{self, Applied, Recorder};
use super::{Context, Workspace};
use crate::access::cache::GatewayCache;
use crate::access::rows::{Held, Owner, Section};
use crate::access::{CutDone, DEFAULT_REASON, Revocation, State, TokenTables, planned, present};
use crate::cli::RevokeTokensArgs;
use crate::exit::{DATABASE, Failure, USAGE, USER_NOT_FOUND, code_for};
use crate::schema::User;
use crate::schema::credentials::{Credential, Kind};

pub async fn run(context: &Context, args: &RevokeTokensArgs) -> Result<u8> {
    let mut recorder = Recorder::begin(
        context,
        "revoke-tokens",
        &context.normalize_key(&args.email),
    )?;
    let outcome = match TokenTables::declared(&context.profile()?.access) {
        Some(tables) => revoked_by_row(context, args, &mut recorder, tables).await,
        None => credentials(context, args, &mut recorder).await,
    };
    recorder.finish(context, outcome)
}

/// Tokens revoked by a revocation row naming who revoked (ContextForge keeps them so), then the application's cache told.
async fn revoked_by_row(
    context: &Context,
    args: &RevokeTokensArgs,
    recorder: &mut Recorder,
    tables: TokenTables,
) -> Result<u8> {
    if let Some(kind) = args
        .kind
        .as_deref()
        .filter(|kind| *kind != Kind::ApiToken.name())
    {
        return Err(Failure::error(
            USAGE,
            format!(
                "--kind {kind}: revoke-tokens revokes this profile's API tokens only; \
                 lockdown also voids its reset links. Nothing was changed"
            ),
        ));
    }
    // A garbled REDIS_URL is found before anything is changed.
    let cache = GatewayCache::for_profile(&context.profile()?, &context.settings)?;
    let mut workspace = Workspace::open(context).await?;
    tables.require(&mut workspace.db).await?;
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
        .id
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
        token.state != State::Revoked && (args.id.is_empty() || args.id.contains(&token.jti))
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
        recorder.settle(change::write_result(context), BTreeMap::new());
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

/// Any profile's credentials, as `[[credentials]]` says the application revokes each.
async fn credentials(
    context: &Context,
    args: &RevokeTokensArgs,
    recorder: &mut Recorder,
) -> Result<u8> {
    if args.by.is_some() {
        return Err(Failure::error(
            USAGE,
            "--by names the revoker in a revocation row, which this profile's application does \
             not keep; drop it (the audit log records who ran breakglass). Nothing was changed",
        ));
    }
    let mut workspace = Workspace::open(context).await?;
    let profile = workspace.table.profile.clone();
    let sections = chosen(
        &profile.access.credentials,
        args.kind.as_deref(),
        &profile.name,
    )?;
    for credential in &sections {
        if !present(&mut workspace.db, credential).await? {
            return Err(Failure::error(
                DATABASE,
                format!(
                    "table {} is missing: this database keeps no {}s where the {} profile \
                     says; nothing was changed",
                    credential.table_name(),
                    credential.kind.noun(),
                    profile.name
                ),
            ));
        }
    }
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let user_id = user.id.as_deref().map(|id| workspace.table.id_value(id));
    let owner = Owner {
        key: &user.email,
        id: user_id.as_ref(),
    };
    let mut plan: Vec<(&Credential, Vec<Held>)> = Vec::new();
    for credential in sections {
        let held = Section(credential)
            .live(&mut workspace.db, owner, workspace.now)
            .await?;
        plan.push((credential, held));
    }
    if let Some(unknown) = args.id.iter().find(|id| {
        !plan
            .iter()
            .any(|(_, held)| held.iter().any(|row| &row.shown_id == *id))
    }) {
        return Err(Failure::error(
            USER_NOT_FOUND,
            format!(
                "{} has no credential with id {unknown} that still works; nothing was changed. \
                 See them with: breakglass tokens {}",
                user.email, user.email
            ),
        ));
    }
    for (_, held) in &mut plan {
        held.retain(|row| args.id.is_empty() || args.id.contains(&row.shown_id));
    }
    plan.retain(|(_, held)| !held.is_empty());
    let remains: Vec<String> = profile
        .access
        .credentials
        .iter()
        .filter_map(|credential| credential.remains.clone())
        .collect();
    let mut notes = remains.clone();
    let done = if plan.is_empty() {
        recorder.settle("unchanged", BTreeMap::new());
        notes.push(format!("{} has nothing to revoke", user.email));
        CutDone::default()
    } else {
        let total: usize = plan.iter().map(|(_, held)| held.len()).sum();
        let details: Vec<String> = std::iter::once(format!("user: {}", user.email))
            .chain(
                plan.iter()
                    .map(|(credential, held)| planned(credential, held)),
            )
            .chain(remains.iter().map(|line| format!("  remains: {line}")))
            .collect();
        change::confirm(
            context,
            &mut workspace.db,
            &format!("Revoke {total} credential(s) of {}?", user.email),
            &details,
        )
        .await?;
        workspace
            .db
            .begin_write(context.connect.lock_timeout)
            .await?;
        let revocation = Revocation {
            by: user.email.clone(),
            reason: DEFAULT_REASON.to_owned(),
        };
        let written = async {
            let mut done = CutDone::default();
            let now = crate::db::value::now();
            for (credential, held) in &plan {
                let ids = Section(credential)
                    .cut(&mut workspace.db, owner, held, &revocation, now)
                    .await?;
                done.add(credential, ids);
            }
            anyhow::Ok(done)
        }
        .await;
        let done = workspace
            .db
            .finish_write(written, !context.safety.dry_run)
            .await?;
        recorder.settle(change::write_result(context), BTreeMap::new());
        recorder.record.access = Some(json!(done));
        done
    };
    workspace.close().await?;
    notes.extend(done.in_words().map(|words| format!("cut: {words}")));
    let applied = Applied {
        rows: Vec::new(),
        fields: BTreeMap::new(),
        changed: !done.revoked_by_kind.is_empty(),
        app_event: false,
        cut: done.clone(),
        login: None,
    };
    let extra = [
        ("revoked", json!(done.revoked)),
        ("revoked_by_kind", json!(done.revoked_by_kind)),
        ("remains", json!(remains)),
    ];
    change::print_applied(context, recorder, &applied, &notes, &extra)
}

/// The sections `--kind` names (all with a table when none), or exit 2 saying what there is.
fn chosen<'a>(
    credentials: &'a [Credential],
    kind: Option<&str>,
    profile: &str,
) -> Result<Vec<&'a Credential>> {
    let cut: Vec<&Credential> = credentials
        .iter()
        .filter(|credential| credential.table.is_some())
        .collect();
    if cut.is_empty() {
        return Err(Failure::error(
            DATABASE,
            format!(
                "the {profile} profile names no sessions, tokens or reset links \
                 ([[credentials]]); there is nothing to revoke"
            ),
        ));
    }
    let Some(kind) = kind.map(|name| Kind::named(name).context("--kind was checked by clap"))
    else {
        return Ok(cut);
    };
    let kind = kind?;
    let of_kind: Vec<&Credential> = cut
        .iter()
        .copied()
        .filter(|credential| credential.kind == kind)
        .collect();
    if of_kind.is_empty() {
        let kept: std::collections::BTreeSet<&str> = cut
            .iter()
            .map(|credential| credential.kind.name())
            .collect();
        return Err(Failure::error(
            USAGE,
            format!(
                "--kind {}: the {profile} profile keeps no such credential; it keeps {}. \
                 Nothing was changed",
                kind.name(),
                kept.into_iter().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    Ok(of_kind)
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
