//! `hash-password`: an Argon2id PHC string the gateway accepts as is, or a bcrypt hash. Checks no policy:
//! it is a building block; the commands that write enforce the policy.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::{HashFormat, HashPasswordArgs, OutputFormat, SchemeArg};
use crate::exit::{Failure, SUCCESS, USAGE};
use crate::output;
use crate::password::hash::Hasher;
use crate::password::input::{self, Purpose};

pub fn run(context: &Context, args: &HashPasswordArgs) -> Result<u8> {
    let hasher = choose(context, args)?;
    let password = input::read(&args.password.source(), Purpose::Set)?;
    let hash = hasher.hash(&password)?;
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
        HashFormat::Json => output::print_json(&match hasher {
            Hasher::Argon2id(config) => json!({
                "hash": hash,
                "algorithm": "argon2id",
                "time_cost": config.time_cost,
                "memory_cost": config.memory_cost_kib,
                "parallelism": config.parallelism,
            }),
            Hasher::Bcrypt { cost } => json!({
                "hash": hash,
                "algorithm": "bcrypt",
                "cost": cost,
            }),
        })?,
    }
    Ok(SUCCESS)
}

/// `--scheme` and its parameters; without it, the profile's scheme.
fn choose(context: &Context, args: &HashPasswordArgs) -> Result<Hasher> {
    let argon2_flags = [
        args.time_cost.as_deref(),
        args.memory_cost.as_deref(),
        args.parallelism.as_deref(),
    ];
    let profile = context.profile()?;
    let bcrypt = match args.scheme {
        Some(scheme) => scheme == SchemeArg::Bcrypt,
        None => matches!(profile.hash, Hasher::Bcrypt { .. }),
    };
    if bcrypt {
        if argon2_flags.iter().any(Option::is_some) {
            return Err(Failure::error(
                USAGE,
                "--time-cost, --memory-cost and --parallelism are Argon2's; bcrypt takes --cost",
            ));
        }
        let profiles = match profile.hash {
            Hasher::Bcrypt { cost } => cost,
            Hasher::Argon2id(_) => DEFAULT_BCRYPT_COST,
        };
        return Ok(Hasher::Bcrypt {
            cost: args.cost.unwrap_or(profiles),
        });
    }
    if args.cost.is_some() {
        return Err(Failure::error(
            USAGE,
            "--cost is bcrypt's; Argon2id takes --time-cost, --memory-cost and --parallelism",
        ));
    }
    match profile.hash {
        Hasher::Argon2id(_) => super::hasher(context, &profile, argon2_flags),
        // A bcrypt application's profile has no Argon2 parameters: the gateway's defaults.
        Hasher::Bcrypt { .. } => Ok(Hasher::Argon2id(super::argon2_config(
            &context.settings,
            argon2_flags,
        )?)),
    }
}

/// What the Node and Python bcrypt libraries' users most often choose.
const DEFAULT_BCRYPT_COST: u32 = 12;
