//! `doctor`: can anybody administer this application right now, and if not, what to type.
//! Reads only: the database, the release its revision names, the settings that shape a
//! login, and for every admin the answer its next login with the right password would get.

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, json};

use super::{Context, Workspace};
use crate::cli::OutputFormat;
use crate::exit::{NO_ADMIN_CAN_LOG_IN, SUCCESS};
use crate::output;
use crate::password::Secret;
use crate::password::hash::{Check, verify};
use crate::schema::admins::AdminVia;
use crate::schema::diagnosis::{ReactivationWindow, Verdict, diagnose, expires_soon};
use crate::schema::{Field, User};

#[derive(Debug, Serialize)]
struct AdminReport {
    email: String,
    admin_via: Vec<AdminVia>,
    #[serde(flatten)]
    verdict: Verdict,
    /// Every reason, explained, and the facts that do not refuse (an exempt lock).
    reasons: Vec<String>,
    notes: Vec<String>,
}

pub async fn run(context: &Context) -> Result<u8> {
    let mut workspace = Workspace::open_with_banner(context, false).await?;
    let banner = workspace.banner().await?;
    let database = workspace.db.describe().await?;
    let dialect = workspace.table.dialect();
    let table = &workspace.table;
    let settings = workspace.gateway.login_settings(
        &context.settings,
        dialect,
        table.column_sql(Field::PasswordChangedAt).is_some(),
    )?;
    let demand_column = table.column_sql(Field::ChangeRequired).is_some();
    let (condition, params) = workspace.admins.condition(table, 0);
    let order = table.column_sql(Field::Email).unwrap_or_default();
    let sql = table.select_sql(&format!("WHERE {condition} ORDER BY {order}"));
    let rows = workspace.db.fetch_all(&sql, &params).await?;
    let users: Vec<User> = rows.into_iter().map(|row| table.decode(row)).collect();
    let (gateway, now) = (workspace.gateway.clone(), workspace.now);
    let admins: Vec<(User, Vec<AdminVia>)> = users
        .into_iter()
        .map(|user| {
            let via = workspace.admins.via(&user);
            (user, via)
        })
        .collect();
    // An inactive admin made so recently that its old sessions could still be valid: the
    // re-activation guard asks for --force, and the fix must say so.
    let mut windows = Vec::new();
    for (user, _) in &admins {
        let mut window = None;
        if !user.is_active {
            let since = match super::change::last_lockout_event(&mut workspace, &user.email).await?
            {
                Some(at) => Some(at),
                None => user.updated_at,
            };
            window = since
                .and_then(|since| Some((since, gateway.sessions_valid_until(since)?)))
                .filter(|(_, until)| *until > now)
                .map(|(since, until)| ReactivationWindow { since, until });
        }
        windows.push(window);
    }
    let revision = workspace.revision.clone();
    workspace.close().await?;

    let default_password = Secret::new(gateway.default_user_password.clone());
    let mut reports = Vec::new();
    let mut warnings = Vec::new();
    for ((user, via), window) in admins.iter().zip(windows) {
        // The right password may be DEFAULT_USER_PASSWORD itself: the gateway then demands a change.
        let is_default = !gateway.default_user_password.is_empty()
            && user
                .password_hash
                .as_deref()
                .is_some_and(|hash| verify(&default_password, hash) == Check::Match);
        let verdict = diagnose(
            user,
            is_default,
            &gateway,
            dialect,
            now,
            demand_column,
            window,
        );
        for refusal in &verdict.prediction.refusals {
            if refusal.beyond_the_ui() {
                let fix = refusal.fix(&user.email);
                warnings.push(format!(
                    "{}: {}; the gateway's UI cannot fix this: {fix}",
                    user.email,
                    refusal.explain()
                ));
            }
        }
        if let Some(expires) = expires_soon(user, &gateway, dialect, now) {
            warnings.push(format!(
                "{}'s password expires by age on {} (PASSWORD_MAX_AGE_DAYS={}); from then the gateway \
                 demands a change at login; breakglass clear-change-flag {} --touch postpones it",
                user.email,
                output::short_time(expires),
                gateway.password_max_age_days,
                user.email
            ));
        }
        for oddity in &user.oddities {
            warnings.push(format!("{}: {oddity}", user.email));
        }
        reports.push(AdminReport {
            email: user.email.clone(),
            admin_via: via.clone(),
            reasons: verdict
                .prediction
                .refusals
                .iter()
                .map(|refusal| refusal.explain())
                .collect(),
            notes: verdict.prediction.notes.clone(),
            verdict,
        });
    }

    let usable: Vec<&str> = reports
        .iter()
        .filter(|report| report.verdict.can_log_in)
        .map(|report| report.email.as_str())
        .collect();
    if !gateway.email_auth_enabled {
        warnings.push(
            "EMAIL_AUTH_ENABLED is false: nobody can log in with a password at all; set \
             EMAIL_AUTH_ENABLED=true in the gateway's environment or .env and restart it"
                .to_owned(),
        );
    }
    match (reports.len(), usable.len()) {
        (0, _) => warnings.push(
            "no admin exists by any of the application's rules: breakglass create-admin EMAIL"
                .to_owned(),
        ),
        (_, 0) => warnings.push(
            "no admin can log in (every one is locked, inactive or has no usable password): \
             run the fix printed for one of them"
                .to_owned(),
        ),
        (_, 1) => warnings.push(format!(
            "only one admin can log in ({}); a second one guards against the next lock-out: \
             breakglass create-admin EMAIL",
            usable[0]
        )),
        _ => {}
    }
    let platform = &gateway.platform_admin_email;
    if !platform.is_empty() && !admins.iter().any(|(user, _)| &user.email == platform) {
        let password = if context.settings.get("PLATFORM_ADMIN_PASSWORD").is_some() {
            "PLATFORM_ADMIN_PASSWORD as set"
        } else {
            "PLATFORM_ADMIN_PASSWORD's default, changeme"
        };
        warnings.push(format!(
            "no row has PLATFORM_ADMIN_EMAIL={platform}: the gateway's next restart creates it with {password}"
        ));
    }
    warnings.extend(gateway.startup_warnings(&context.settings));
    if let Some(release) = gateway.release.filter(|release| !release.is_known()) {
        warnings.push(format!(
            "revision {} is {}: predictions follow the newest release breakglass knows, with the columns found",
            revision.as_deref().unwrap_or_default(),
            release.name
        ));
    }

    let code = if usable.is_empty() {
        NO_ADMIN_CAN_LOG_IN
    } else {
        SUCCESS
    };
    let healthy = code == SUCCESS
        && warnings.is_empty()
        && reports.iter().all(|report| report.verdict.fix.is_none());
    // -q: a healthy report is not printed (a monitoring check); JSON is data asked for, always.
    if context.quiet && healthy && context.output != OutputFormat::Json {
        return Ok(code);
    }
    if context.output == OutputFormat::Json {
        let mut named = Map::new();
        for setting in &settings {
            named.insert(setting.name.to_owned(), json!(setting));
        }
        output::print_json(&json!({
            "database": database,
            "release": gateway.release.map(|release| release.name),
            "revision": revision,
            "settings": named,
            "admins": reports,
            "warnings": warnings,
            "exit_code": code,
        }))?;
        return Ok(code);
    }
    let mut text = format!("{banner}\n");
    match (gateway.release, &revision) {
        (Some(release), _) => text.push_str(&format!("release: {}\n", release.label("gateway"))),
        (None, Some(_)) => {}
        (None, None) if !settings.is_empty() => {
            text.push_str("release: not recorded (no Alembic revision); 1.0.7's rules assumed\n");
        }
        (None, None) => {}
    }
    if !settings.is_empty() {
        text.push_str("settings that shape a login:\n");
        for setting in &settings {
            let value = match &setting.value {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let note = setting
                .note
                .as_deref()
                .map(|note| format!("; {note}"))
                .unwrap_or_default();
            text.push_str(&format!(
                "  {:<34} {value} ({}{note})\n",
                setting.name, setting.source
            ));
        }
    }
    text.push_str("admins:\n");
    for report in &reports {
        let via: Vec<&str> = report.admin_via.iter().map(|via| via.label()).collect();
        let verdict = &report.verdict;
        let state = match (verdict.can_log_in, verdict.change_required) {
            (true, false) => "can log in",
            (true, true) => {
                "can log in, and must choose a new password there (403 demanding a change)"
            }
            (false, _) => "cannot log in",
        };
        text.push_str(&format!(
            "  {} [{}]: {state}\n",
            report.email,
            via.join(", ")
        ));
        for reason in &report.reasons {
            text.push_str(&format!("    - {reason}\n"));
        }
        for note in &report.notes {
            text.push_str(&format!("    note: {note}\n"));
        }
        if let Some(fix) = &verdict.fix {
            let then = match verdict.after_fix {
                Some(403) => {
                    "then the login answers 403 until a new password is chosen there".to_owned()
                }
                Some(status) => format!("then the login answers {status}"),
                None => String::new(),
            };
            text.push_str(&format!("    fix: {fix}   ({then})\n"));
            if let Some(note) = &verdict.fix_note {
                text.push_str(&format!("    note: {note}\n"));
            }
        }
    }
    if reports.is_empty() {
        text.push_str("  (none)\n");
    }
    for warning in &warnings {
        text.push_str(&format!("warning: {warning}\n"));
    }
    text.push_str(&format!(
        "{} of {} admins can log in\n",
        usable.len(),
        reports.len()
    ));
    output::print(&text)?;
    Ok(code)
}
