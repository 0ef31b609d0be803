//! breakglass: get admins back into an application whose users live in a SQL table.
//! `run` dispatches a parsed command line to one command; everything else lives below.

pub mod access;
pub mod attach;
pub mod audit;
pub mod build_info;
pub mod cli;
pub mod commands;
pub mod contextforge;
pub mod db;
pub mod exit;
pub mod output;
pub mod password;
pub mod schema;
pub mod settings;
pub mod suggest;
pub mod terminal;

use anyhow::{Context as _, Result};

use cli::{Cli, Command};
use commands::Context;

/// Runs one invocation and returns its exit code (errors carry theirs, see [`exit`]).
pub fn run(cli: Cli) -> Result<u8> {
    terminal::install();
    output::set_color_choice(cli.output.color);
    let context = Context::from_cli(&cli)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        // Commands that read the database learn the application from it when none is named.
        let reads_database = !matches!(
            &cli.command,
            Command::HashPassword(_)
                | Command::Completions { .. }
                | Command::Sandbox
                | Command::Profile(cli::ProfileCommand::List)
        );
        if reads_database && let Err(error) = context.recognise().await {
            // Two applications' tables: say so before anything else. A database that cannot
            // be read is the command's to report (a change records its failed attempt).
            if exit::code_for(&error) == exit::AMBIGUOUS {
                return Err(error);
            }
        }
        match &cli.command {
            Command::HashPassword(args) => commands::hash_password::run(&context, args),
            Command::Verify(args) => commands::verify::run(&context, args).await,
            Command::ListAdmins(args) => commands::list_admins::run(&context, args).await,
            Command::Reset(args) => commands::reset::run(&context, args).await,
            Command::Unlock(args) => commands::unlock::run(&context, args).await,
            Command::ClearChangeFlag(args) => {
                commands::clear_change_flag::run(&context, args).await
            }
            Command::Deactivate(args) => commands::deactivate::run(&context, args).await,
            Command::Tokens(args) => commands::tokens::run(&context, args).await,
            Command::RevokeTokens(args) => commands::revoke_tokens::run(&context, args).await,
            Command::Lockdown(args) => commands::lockdown::run(&context, args).await,
            Command::AllowReset(args) => commands::allow_reset::run(&context, args).await,
            Command::Promote(args) => commands::promote::run(&context, args).await,
            Command::CreateAdmin(args) => commands::create_admin::run(&context, args).await,
            Command::Profile(command) => commands::profile::run(&context, command).await,
            Command::Sandbox => commands::sandbox::run(&context).await,
            Command::Doctor => commands::doctor::run(&context).await,
            Command::Completions { shell } => {
                output::print_bytes(&cli::completion(*shell))?;
                Ok(exit::SUCCESS)
            }
        }
    })
}
