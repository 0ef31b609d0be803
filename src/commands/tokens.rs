//! `tokens [EMAIL | --all]`: the credentials the profile names (`[[credentials]]`) and whether
//! each still works. Read-only; never shows a secret or its hash.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::{Context, Workspace};
use crate::access::rows::{Owner, Section, Users};
use crate::access::{State, TokenTables};
use crate::cli::TokensArgs;
use crate::exit::{DATABASE, Failure, SUCCESS};
use crate::output::{Column, Listing, Tone, short_time};
use crate::schema::Field;

/// The email and the jti are what revoke-tokens takes; the state is the answer. The rest
/// drops on a narrow terminal, in the order numbered.
const COLUMNS: &[Column] = &[
    Column::key("email"),
    Column::dropped("name", 5),
    Column::key("jti"),
    Column::dropped("team", 1),
    Column::dropped("created", 2),
    Column::dropped("expires", 4),
    Column::dropped("last used", 3),
    Column::kept("state").toned(state_tone),
];

/// Any profile's credentials: whose, what kind, where, and the state; the rest drops first.
const CREDENTIAL_COLUMNS: &[Column] = &[
    Column::key("user"),
    Column::key("kind"),
    Column::dropped("table", 1),
    Column::key("id"),
    Column::dropped("name", 5),
    Column::dropped("created", 2),
    Column::dropped("expires", 4),
    Column::dropped("last used", 3),
    Column::kept("state").toned(state_tone),
];

pub async fn run(context: &Context, args: &TokensArgs) -> Result<u8> {
    let workspace = Workspace::open(context).await?;
    match TokenTables::declared(&workspace.table.profile.access) {
        Some(tables) => revoked_by_row(context, args, workspace, tables).await,
        None => credentials(context, args, workspace).await,
    }
}

fn time(at: Option<DateTime<Utc>>) -> String {
    at.map(short_time).unwrap_or_default()
}

/// Tokens revoked by a revocation row (ContextForge keeps them so): with their team and revocation.
async fn revoked_by_row(
    context: &Context,
    args: &TokensArgs,
    mut workspace: Workspace,
    tables: TokenTables,
) -> Result<u8> {
    tables.require(&mut workspace.db).await?;
    let email = match &args.email {
        Some(email) => Some(workspace.table.find(&mut workspace.db, email).await?.email),
        None => None,
    };
    // Printed as they are read, so memory does not grow with the number of tokens.
    let mut listing = Listing::with_columns(context.output, COLUMNS)?;
    let now = workspace.now;
    tables
        .for_each(&mut workspace.db, email.as_deref(), now, |token| {
            if args.active && token.state != State::Active {
                return Ok(());
            }
            listing.push_with(&token, || {
                vec![
                    token.email.clone(),
                    token.name.clone(),
                    token.jti.clone(),
                    token.team_id.clone().unwrap_or_default(),
                    time(token.created_at),
                    token
                        .expires_at
                        .map_or_else(|| "never".to_owned(), short_time),
                    time(token.last_used),
                    token.state_text(),
                ]
            })?;
            Ok(())
        })
        .await?;
    let shown = listing.finish()?;
    workspace.close().await?;
    if shown == 0 {
        context.info(match (&email, args.active) {
            (Some(_), false) => "no API tokens",
            (Some(_), true) => "no API token that still works",
            (None, false) => "no API tokens in this database",
            (None, true) => "no API token that still works in this database",
        });
    }
    Ok(SUCCESS)
}

/// Every profile's credentials, section by section, printed as they are read.
async fn credentials(context: &Context, args: &TokensArgs, mut workspace: Workspace) -> Result<u8> {
    let profile = workspace.table.profile.clone();
    let sections: Vec<_> = profile
        .access
        .credentials
        .iter()
        .filter(|credential| credential.table.is_some())
        .collect();
    if sections.is_empty() {
        return Err(Failure::error(
            DATABASE,
            format!(
                "the {} profile names no sessions, tokens or reset links ([[credentials]]); \
                 there is nothing to list or revoke",
                profile.name
            ),
        ));
    }
    let user = match &args.email {
        Some(key) => Some(workspace.table.find(&mut workspace.db, key).await?),
        None => None,
    };
    let user_id = user
        .as_ref()
        .and_then(|user| user.id.as_deref())
        .map(|id| workspace.table.id_value(id));
    let owner = user.as_ref().map(|user| Owner {
        key: &user.email,
        id: user_id.as_ref(),
    });
    let users = Users {
        table_sql: workspace.table.table_sql(),
        id_sql: workspace.table.column_sql(Field::Id),
        key_sql: workspace.table.column_sql(Field::Email).unwrap_or_default(),
    };
    let mut listing = Listing::with_columns(context.output, CREDENTIAL_COLUMNS)?;
    let now = workspace.now;
    let mut missing = Vec::new();
    for credential in sections {
        if !crate::access::present(&mut workspace.db, credential).await? {
            missing.push(credential.table_name().to_owned());
            continue;
        }
        Section(credential)
            .for_each(&mut workspace.db, (&users, owner), now, &mut |row| {
                if args.active && row.state != State::Active {
                    return Ok(());
                }
                listing.push_with(&row, || {
                    vec![
                        row.user.clone(),
                        row.kind.name().to_owned(),
                        row.table.clone(),
                        row.id.clone(),
                        row.name.clone().unwrap_or_default(),
                        time(row.created_at),
                        row.expires_at
                            .map_or_else(|| "never".to_owned(), short_time),
                        time(row.last_used),
                        format!("{:?}", row.state).to_lowercase(),
                    ]
                })?;
                Ok(())
            })
            .await?;
    }
    let shown = listing.finish()?;
    workspace.close().await?;
    for table in missing {
        context.info(&format!("table {table} is missing: nothing listed from it"));
    }
    if shown == 0 {
        context.info(if args.active {
            "no credential that still works"
        } else {
            "no credentials"
        });
    }
    Ok(SUCCESS)
}

/// Green for a token that still works, red for one revoked, yellow for one expired.
fn state_tone(cell: &str) -> Tone {
    match cell.split(' ').next() {
        Some("active") => Tone::Good,
        Some("expired") => Tone::Caution,
        _ => Tone::Bad,
    }
}
