//! breakglass: get admins back into an application whose users live in a SQL table.
//! `run` dispatches a parsed command line to one command; everything else lives below.

pub mod audit;
pub mod build_info;
pub mod cli;
pub mod commands;
pub mod db;
pub mod exit;
pub mod output;
pub mod password;
pub mod schema;
pub mod settings;
pub mod terminal;

use anyhow::{Context as _, Result};

use cli::{Cli, Command};
use commands::Context;

/// Runs one invocation and returns its exit code (errors carry theirs, see [`exit`]).
pub fn run(cli: Cli) -> Result<u8> {
    terminal::install();
    let context = Context::from_cli(&cli)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
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
            Command::AllowReset(args) => commands::allow_reset::run(&context, args).await,
            Command::Promote(args) => commands::promote::run(&context, args).await,
            Command::CreateAdmin(args) => commands::create_admin::run(&context, args).await,
            Command::Profile(command) => commands::profile::run(&context, command).await,
            Command::Sandbox => commands::sandbox::run(&context).await,
            Command::Completions { shell } => {
                output::print_bytes(&cli::completion(*shell))?;
                Ok(exit::SUCCESS)
            }
        }
    })
}
