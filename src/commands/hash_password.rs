//! `hash-password`: an Argon2id PHC string the gateway accepts as is. Checks no policy:
//! it is a building block; the commands that write enforce the policy.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::{HashFormat, HashPasswordArgs, OutputFormat};
use crate::exit::{Failure, SUCCESS, USAGE};
use crate::output;
use crate::password::hash::{Argon2Config, CostInput};
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

/// Flags first, then the gateway's own ARGON2ID_* settings, then its defaults.
fn argon2_config(context: &Context, args: &HashPasswordArgs) -> Result<Argon2Config> {
    let pick = |flag: &'static str,
                value: &Option<String>,
                variable: &'static str|
     -> Option<(String, String)> {
        match value {
            Some(value) => Some((value.clone(), flag.to_owned())),
            None => context
                .settings
                .get(variable)
                .map(|value| (value.to_owned(), variable.to_owned())),
        }
    };
    let time = pick("--time-cost", &args.time_cost, "ARGON2ID_TIME_COST");
    let memory = pick("--memory-cost", &args.memory_cost, "ARGON2ID_MEMORY_COST");
    let lanes = pick("--parallelism", &args.parallelism, "ARGON2ID_PARALLELISM");
    Argon2Config::from_inputs(cost_input(&time), cost_input(&memory), cost_input(&lanes))
        .map_err(|message| Failure::error(USAGE, message))
}

fn cost_input(picked: &Option<(String, String)>) -> Option<CostInput<'_>> {
    picked.as_ref().map(|(value, origin)| CostInput {
        value: value.as_str(),
        origin: origin.as_str(),
    })
}
