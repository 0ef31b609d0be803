//! `doctor`: can anybody administer this application right now, and if not, what to type.
//! Reads only: the database, the release its revision names, the settings that shape a
//! login, and for every admin the answer its next login with the right password would get.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value, json};

use super::{Context, Workspace};
use crate::cli::OutputFormat;
use crate::db::Dialect;
use crate::exit::{NO_ADMIN_CAN_LOG_IN, SUCCESS};
use crate::output::{self, Tone};
use crate::password::Secret;
use crate::password::hash::Check;
use crate::password::scheme::verify_any as verify;
use crate::schema::admins::AdminVia;
use crate::schema::diagnosis::{ReactivationWindow, Verdict, diagnose, expires_soon};
use crate::schema::login::{Login, Refusal};
use crate::schema::{Field, LoginRules, User};

/// What the report keeps of one admin: neither its row nor the prediction behind the verdict,
/// so that memory stays small however many admins there are.
#[derive(Debug, Serialize)]
struct AdminReport {
    email: Box<str>,
    admin_via: Box<[AdminVia]>,
    #[serde(flatten)]
    verdict: Verdict,
    /// Every reason, explained, and the facts that do not refuse (an exempt lock).
    reasons: Box<[String]>,
    notes: Box<[String]>,
}

/// An inactive admin, whose re-activation window is looked up once the admin rows are read
/// (the row stream holds the connection).
struct Inactive {
    report: usize,
    updated_at: Option<DateTime<Utc>>,
}

/// Judges one admin row at a time, as the rows arrive.
struct Examiner<'a> {
    rules: &'a LoginRules,
    default_password: Secret,
    dialect: Dialect,
    now: DateTime<Utc>,
    demand_column: bool,
}

impl Examiner<'_> {
    /// The admin's report without its re-activation window; its warnings go to `warnings`.
    fn examine(&self, user: &User, via: Vec<AdminVia>, warnings: &mut Vec<String>) -> AdminReport {
        let rules = self.rules;
        // The right password may be DEFAULT_USER_PASSWORD itself: the gateway then demands a change.
        let is_default = !rules.default_user_password.is_empty()
            && user
                .password_hash
                .as_deref()
                .is_some_and(|hash| verify(&self.default_password, hash) == Check::Match);
        let (verdict, prediction) = diagnose(
            user,
            is_default,
            rules,
            self.dialect,
            self.now,
            self.demand_column,
            None,
        );
        for refusal in &prediction.refusals {
            if refusal.beyond_the_ui() {
                let fix = refusal.fix(&user.email, rules);
                warnings.push(format!(
                    "{}: {}; {}'s UI cannot fix this: {fix}",
                    user.email,
                    refusal.explain(rules),
                    rules.app
                ));
            }
        }
        if let Some(expires) = expires_soon(user, rules, self.dialect, self.now) {
            warnings.push(rules.expiry_warning(&user.email, &output::short_time(expires)));
        }
        for oddity in &user.oddities {
            warnings.push(format!("{}: {oddity}", user.email));
        }
        AdminReport {
            email: user.email.as_str().into(),
            admin_via: via.into_boxed_slice(),
            reasons: prediction
                .refusals
                .iter()
                .map(|refusal| refusal.explain(rules))
                .collect(),
            notes: prediction.notes.into_boxed_slice(),
            verdict,
        }
    }
}

pub async fn run(context: &Context) -> Result<u8> {
    let mut workspace = Workspace::open_with_banner(context, false).await?;
    let banner = workspace.banner().await?;
    // The text report starts with it; as data (JSON, CSV) it goes to stderr, as for every command.
    if context.output != OutputFormat::Table {
        context.info(&banner);
    }
    let database = workspace.db.describe().await?;
    let dialect = workspace.table.dialect();
    let table = &workspace.table;
    let settings = workspace.rules.reported_settings(
        &context.settings,
        dialect,
        table.column_sql(Field::PasswordChangedAt).is_some(),
    )?;
    let demand_column = table.column_sql(Field::ChangeRequired).is_some();
    let (condition, params) = workspace.admins.condition(table, 0);
    let order = table.column_sql(Field::Email).unwrap_or_default();
    let sql = table.select_sql(&format!("WHERE {condition} ORDER BY {order}"));
    let rules = workspace.rules.clone();
    let now = workspace.now;
    let examiner = Examiner {
        rules: &rules,
        default_password: Secret::new(rules.default_user_password.clone()),
        dialect,
        now,
        demand_column,
    };
    let mut reports = Vec::new();
    let mut warnings = Vec::new();
    let mut inactive = Vec::new();
    let Workspace {
        db, table, admins, ..
    } = &mut workspace;
    db.for_each_row(&sql, &params, |row| {
        let user = table.decode(row);
        if !user.is_active {
            inactive.push(Inactive {
                report: reports.len(),
                updated_at: user.updated_at,
            });
        }
        let via = admins.via(&user);
        reports.push(examiner.examine(&user, via, &mut warnings));
        Ok(())
    })
    .await?;
    // An inactive admin made so recently that its old sessions could still be valid: the
    // re-activation guard asks for --force, and the fix must say so.
    for Inactive { report, updated_at } in inactive {
        let email = reports[report].email.to_string();
        let since = match super::change::last_lockout_event(&mut workspace, &email).await? {
            Some(at) => Some(at),
            None => updated_at,
        };
        let window = since
            .and_then(|since| Some((since, rules.sessions_valid_until(since)?)))
            .filter(|(_, until)| *until > now)
            .map(|(since, until)| ReactivationWindow { since, until });
        if let Some(window) = window {
            reports[report].verdict.within_reactivation_window(window);
        }
    }
    let revision = workspace.revision.clone();
    workspace.close().await?;

    let usable: Vec<&str> = reports
        .iter()
        .filter(|report| report.verdict.judgement.can_log_in)
        .map(|report| &*report.email)
        .collect();
    if !rules.email_auth_enabled {
        let off = Refusal::EmailAuthDisabled;
        warnings.push(format!("{}; {}", off.explain(&rules), off.fix("", &rules)));
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
    let admins: Vec<&str> = reports.iter().map(|report| &*report.email).collect();
    warnings.extend(rules.setup_warnings(&context.settings, &admins, revision.as_deref()));

    let code = if usable.is_empty() {
        NO_ADMIN_CAN_LOG_IN
    } else {
        SUCCESS
    };
    let healthy = code == SUCCESS
        && warnings.is_empty()
        && reports.iter().all(|report| report.verdict.fix.is_none());
    // -q: a healthy report is not printed (a monitoring check); JSON and CSV are data asked for, always.
    if context.quiet && healthy && context.output == OutputFormat::Table {
        return Ok(code);
    }
    if context.output == OutputFormat::Json {
        let mut named = Map::new();
        for setting in &settings {
            named.insert(setting.name.to_owned(), json!(setting));
        }
        let mut fields = Map::new();
        for (key, value) in [
            ("database", json!(database)),
            (
                "release",
                json!(rules.release.map(|release| release.reported_name())),
            ),
            ("revision", json!(revision)),
            ("settings", json!(named)),
            ("admins", Value::Null),
            ("warnings", json!(warnings)),
            ("exit_code", json!(code)),
        ] {
            fields.insert(key.to_owned(), value);
        }
        let mut out = output::buffered_stdout();
        serde_json::to_writer_pretty(
            &mut out,
            &JsonReport {
                fields: &fields,
                admins: &reports,
            },
        )?;
        writeln!(out)?;
        out.flush()?;
        return Ok(code);
    }
    if context.output == OutputFormat::Csv {
        return print_csv(context, &reports, &warnings).map(|()| code);
    }
    let mut out = output::buffered_stdout();
    writeln!(out, "{banner}")?;
    match (rules.release, &revision) {
        (Some(release), _) => writeln!(out, "release: {}", release.describe())?,
        (None, Some(_)) => {}
        (None, None) if !settings.is_empty() => {
            writeln!(
                out,
                "release: not recorded (no Alembic revision); 1.0.7's rules assumed"
            )?;
        }
        (None, None) => {}
    }
    if !settings.is_empty() {
        writeln!(out, "settings that shape a login:")?;
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
            writeln!(
                out,
                "  {:<34} {value} ({}{note})",
                setting.name, setting.source
            )?;
        }
    }
    let color = context.colors_stdout();
    writeln!(out, "admins:")?;
    for report in &reports {
        let via: Vec<&str> = report.admin_via.iter().map(|via| via.label()).collect();
        let verdict = &report.verdict;
        writeln!(
            out,
            "  {} [{}]: {}",
            report.email,
            via.join(", "),
            output::paint(
                verdict.judgement.login.words(),
                login_tone(verdict.judgement.login),
                color
            )
        )?;
        for reason in &report.reasons {
            writeln!(out, "    - {reason}")?;
        }
        for note in &report.notes {
            writeln!(out, "    note: {note}")?;
        }
        if let Some(fix) = &verdict.fix {
            let then = match verdict.after_fix {
                Some(403) => "then it logs in and must choose a new password there",
                Some(_) => "then it logs in",
                None => "",
            };
            writeln!(out, "    fix: {fix}   ({then})")?;
            if let Some(note) = &verdict.fix_note {
                writeln!(out, "    note: {note}")?;
            }
        }
    }
    if reports.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for warning in &warnings {
        let label = output::paint("warning:", Tone::Caution, color);
        writeln!(out, "{label} {warning}")?;
    }
    writeln!(
        out,
        "{} of {} admins can log in",
        usable.len(),
        reports.len()
    )?;
    out.flush()?;
    Ok(code)
}

/// `-o csv`: one line per admin, the verdict's fields; the warnings on stderr.
fn print_csv(context: &Context, reports: &[AdminReport], warnings: &[String]) -> Result<()> {
    const HEADERS: &[&str] = &[
        "email",
        "admin via",
        "login",
        "can log in",
        "change required",
        "blocked by",
        "fix",
    ];
    let mut listing = output::Listing::new(OutputFormat::Csv, HEADERS)?;
    for report in reports {
        let verdict = &report.verdict;
        let judgement = &verdict.judgement;
        let via: Vec<&str> = report.admin_via.iter().map(|via| via.label()).collect();
        listing.push(
            report,
            vec![
                report.email.to_string(),
                via.join(" "),
                judgement.login.key().to_owned(),
                judgement.can_log_in.to_string(),
                judgement.change_required.to_string(),
                judgement.blocked_by.join(" "),
                verdict.fix.clone().unwrap_or_default(),
            ],
        )?;
    }
    listing.finish()?;
    for warning in warnings {
        context.warn(warning);
    }
    Ok(())
}

/// Green for an admin that logs in, yellow for one that must choose a new password, red for
/// one refused.
fn login_tone(login: Login) -> Tone {
    match login {
        Login::LogsIn => Tone::Good,
        Login::MustChangePassword => Tone::Caution,
        Login::Refused => Tone::Bad,
    }
}

/// The `-o json` document: `fields` in the map's own key order, with the admins written one
/// report at a time where "admins" stands, so that no second copy of them is built. Each report
/// goes through a `Value` to keep the key order a `Value` always gave it.
struct JsonReport<'a> {
    fields: &'a Map<String, Value>,
    admins: &'a [AdminReport],
}

impl Serialize for JsonReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.fields.len()))?;
        for (key, value) in self.fields {
            if key == "admins" {
                map.serialize_entry(key, &EachAsValue(self.admins))?;
            } else {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

struct EachAsValue<'a>(&'a [AdminReport]);

impl Serialize for EachAsValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for report in self.0 {
            let value = serde_json::to_value(report).map_err(S::Error::custom)?;
            seq.serialize_element(&value)?;
        }
        seq.end()
    }
}
