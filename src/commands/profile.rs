//! `profile show` prints the schema profile in effect; `profile check` compares it with the
//! database and reports every mismatch at once (exit 7 if a required column is unusable).

use anyhow::Result;
use serde::Serialize;

use super::Context;
use crate::cli::{OutputFormat, ProfileCommand};
use crate::db::Opening;
use crate::exit::{DATABASE, SUCCESS};
use crate::output::{self, Listing};
use crate::schema::profile::Need;
use crate::schema::table::type_mismatch;

pub async fn run(context: &Context, command: &ProfileCommand) -> Result<u8> {
    match command {
        ProfileCommand::List => list(context),
        ProfileCommand::Show => show(context),
        ProfileCommand::Check => check(context).await,
    }
}

/// One line per built-in profile: its name, table and description.
fn list(context: &Context) -> Result<u8> {
    let mut listing = Listing::new(
        context.output,
        &["name", "table", "description", "judged by"],
    )?;
    for profile in crate::schema::builtin::all() {
        let description = profile.description.clone();
        let judged_by = profile.judged_by.clone();
        let record = serde_json::json!({
            "name": profile.name,
            "table": profile.table,
            "description": description,
            "judged_by": judged_by,
        });
        listing.push(
            &record,
            vec![
                profile.name.clone(),
                profile.table.clone(),
                description,
                judged_by,
            ],
        )?;
    }
    listing.finish()?;
    Ok(SUCCESS)
}

fn show(context: &Context) -> Result<u8> {
    let profile = context.profile()?;
    // Named, recognised from the tables, or the default: all are built in.
    let origin = match (&context.profile_name, &context.profile_file) {
        (None, Some(path)) => format!("# from {}", path.display()),
        _ => format!(
            "# built in: {0} (the same as profiles/{0}.toml)",
            profile.name
        ),
    };
    output::print(&format!("{origin}\n{}", profile.to_toml()))?;
    Ok(SUCCESS)
}

#[derive(Debug, Serialize)]
struct Finding {
    concept: &'static str,
    column: String,
    required: bool,
    /// ok, missing, or the kind of column expected instead of the declared type.
    status: String,
    declared_type: Option<String>,
}

async fn check(context: &Context) -> Result<u8> {
    let profile = context.profile()?;
    let mut db = context.open(Opening::Existing).await?;
    let place = db.describe().await?;
    let existing = db.columns(&profile.table).await?;
    let mut findings = Vec::new();
    if existing.is_empty() {
        findings.push(Finding {
            concept: "table",
            column: profile.table.clone(),
            required: true,
            status: "missing".to_owned(),
            declared_type: None,
        });
    }
    for spec in &profile.columns {
        let found = existing
            .iter()
            .find(|info| info.name.eq_ignore_ascii_case(&spec.column));
        let status = match found {
            None => "missing".to_owned(),
            // A flag kept as a value is compared as text, whatever the column's type.
            Some(_) if spec.values.is_some() => "ok".to_owned(),
            Some(info) => match type_mismatch(spec.field, &info.declared_type.to_ascii_lowercase())
            {
                Some(expected) => format!("expected {expected}"),
                None => "ok".to_owned(),
            },
        };
        findings.push(Finding {
            concept: spec.field.concept(),
            column: spec.column.clone(),
            required: spec.need == Need::Required,
            status,
            declared_type: found.map(|info| info.declared_type.clone()),
        });
    }
    for (concept, table) in [
        ("events_table", &profile.events_table),
        ("history_table", &profile.history_table),
        ("revision_table", &profile.revision_table),
        (
            "roles_table",
            &profile
                .admin_role
                .as_ref()
                .map(|role| role.roles_table.clone())
                .or_else(|| {
                    profile
                        .membership
                        .as_ref()
                        .and_then(|membership| membership.roles_table.clone())
                }),
        ),
        (
            "admin.membership",
            &profile
                .membership
                .as_ref()
                .map(|membership| membership.table.clone()),
        ),
        (
            "lockout",
            &profile
                .lockout
                .as_ref()
                .map(|lockout| lockout.table.clone()),
        ),
    ] {
        if let Some(table) = table {
            let present = db.has_table(table).await?;
            findings.push(Finding {
                concept,
                column: table.clone(),
                required: false,
                status: if present { "ok" } else { "missing" }.to_owned(),
                declared_type: None,
            });
        }
    }
    db.close().await?;

    let broken = findings
        .iter()
        .filter(|finding| finding.required && finding.status != "ok")
        .count();
    if context.output == OutputFormat::Json {
        output::print_json(&serde_json::json!({
            "profile": profile.name,
            "table": profile.table,
            "database": place,
            "ok": broken == 0,
            "checks": findings,
        }))?;
    } else {
        let mut listing = Listing::new(
            context.output,
            &["concept", "column", "required", "status", "declared type"],
        )?;
        for finding in &findings {
            listing.push(
                finding,
                vec![
                    finding.concept.to_owned(),
                    finding.column.clone(),
                    if finding.required { "yes" } else { "no" }.to_owned(),
                    finding.status.clone(),
                    finding.declared_type.clone().unwrap_or_default(),
                ],
            )?;
        }
        listing.finish()?;
        context.info(&format!(
            "profile {} against table {} in {place}: {}",
            profile.name,
            profile.table,
            if broken == 0 {
                "usable (an optional concept that is missing is reported by the command that needs it)"
                    .to_owned()
            } else {
                format!("{broken} required column(s) unusable")
            }
        ));
    }
    Ok(if broken == 0 { SUCCESS } else { DATABASE })
}
