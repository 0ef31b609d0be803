//! `hash-password`: an Argon2id PHC string the gateway accepts as is. Checks no policy:
//! it is a building block; the commands that write enforce the policy.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::{HashFormat, HashPasswordArgs, OutputFormat};
use crate::exit::SUCCESS;
use crate::output;
use crate::password::hash::Argon2Config;
use crate::password::input::{self, Purpose};

pub fn run(context: &Context, args: &HashPasswordArgs) -> Result<u8> {
    let config = argon2_config(context, args)?;
    let password = input::read(&args.password.source(), Purpose::Set)?;
    let hash = config.hash(&password)?;
    let format = args.format.unwrap_or(match context.output {
        OutputFormat::Json => HashFormat::Json,
        OutputFormat::Table | OutputFormat::Csv => HashFormat::Raw,
    });
    match format {
        HashFormat::Raw => output::print(&format!("{hash}\n"))?,
        // Single quotes: neither a shell nor a .env reader expands the `$` inside.
        HashFormat::Env => output::print(&format!("PASSWORD_HASH='{hash}'\n"))?,
        // docker-compose reads `$argon2id` as a variable; `$$` is its escape for `$`.
        HashFormat::Compose => output::print(&format!("{}\n", hash.replace('$', "$$")))?,
        HashFormat::Json => output::print_json(&json!({
            "hash": hash,
            "algorithm": "argon2id",
            "time_cost": config.time_cost,
            "memory_cost": config.memory_cost_kib,
            "parallelism": config.parallelism,
        }))?,
    }
    Ok(SUCCESS)
}

fn argon2_config(context: &Context, args: &HashPasswordArgs) -> Result<Argon2Config> {
    super::argon2_config(
        &context.settings,
        [
            args.time_cost.as_deref(),
            args.memory_cost.as_deref(),
            args.parallelism.as_deref(),
        ],
    )
}
