//! `tokens [EMAIL | --all]`: the API tokens and whether each still works. Read-only; never
//! shows a token's hash.

use anyhow::Result;

use super::{Context, Workspace};
use crate::access::{State, TokenTables};
use crate::cli::TokensArgs;
use crate::exit::SUCCESS;
use crate::output::{Column, Listing, Tone, short_time};

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

pub async fn run(context: &Context, args: &TokensArgs) -> Result<u8> {
    let mut workspace = Workspace::open(context).await?;
    let tables =
        TokenTables::require(&mut workspace.db, &workspace.table.profile.access.clone()).await?;
    let email = match &args.email {
        Some(email) => Some(workspace.table.find(&mut workspace.db, email).await?.email),
        None => None,
    };
    let time = |at: Option<chrono::DateTime<chrono::Utc>>| at.map(short_time).unwrap_or_default();
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

/// Green for a token that still works, red for one revoked, yellow for one expired.
fn state_tone(cell: &str) -> Tone {
    match cell.split(' ').next() {
        Some("active") => Tone::Good,
        Some("expired") => Tone::Caution,
        _ => Tone::Bad,
    }
}
