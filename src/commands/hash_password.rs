//! `hash-password`: a hash in any scheme of the registry (the profile's by default), printed
//! for the operator to store. Checks no policy: it is a building block; the commands that
//! write enforce the policy.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::{HashFormat, HashPasswordArgs, OutputFormat};
use crate::exit::{Failure, SUCCESS, USAGE};
use crate::output;
use crate::password::input::{self, Purpose};
use crate::password::pepper;
use crate::password::scheme::{self, Hasher, Params, Scheme as _};

pub fn run(context: &Context, args: &HashPasswordArgs) -> Result<u8> {
    let hasher = choose(context, args)?;
    // A peppered scheme's hashes carry the application's pepper (read before the password is
    // asked for).
    let pepper = if hasher.scheme.parameters().contains(&"pepper_env") {
        super::pepper(&context.profile()?)?
    } else {
        None
    };
    let password = input::read(&args.password.source(), Purpose::Set)?;
    let hash = hasher.hash(&pepper::seasoned(&password, pepper.as_ref()))?;
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
        HashFormat::Json => {
            let mut value = json!({"hash": hash, "algorithm": hasher.name()});
            if let Some(storage) = hasher.scheme.storage() {
                value["stored"] = json!(storage);
            }
            if let (Some(object), serde_json::Value::Object(parameters)) =
                (value.as_object_mut(), hasher.parameters())
            {
                object.extend(parameters);
            }
            output::print_json(&value)?
        }
    }
    Ok(SUCCESS)
}

/// `--scheme` and its parameters; without it, the profile's scheme. The profile's own scheme
/// keeps its parameters; another scheme gets its application's defaults.
fn choose(context: &Context, args: &HashPasswordArgs) -> Result<Hasher> {
    let argon2_flags = [
        args.time_cost.as_deref(),
        args.memory_cost.as_deref(),
        args.parallelism.as_deref(),
    ];
    let profile = context.profile()?;
    let scheme = match args.scheme.as_deref() {
        // The value parser allows only registry names.
        Some(name) => scheme::named(name)
            .ok_or_else(|| Failure::error(USAGE, format!("no scheme is called '{name}'")))?,
        None => profile.hash.scheme,
    };
    let argon2 = scheme.name() == crate::password::hash::Argon2id.name();
    let takes_cost = scheme.parameters().contains(&"cost");
    let elsewhere = "its parameters from the profile ([hash] in the TOML)";
    if !argon2 && argon2_flags.iter().any(Option::is_some) {
        return Err(Failure::error(
            USAGE,
            format!(
                "--time-cost, --memory-cost and --parallelism are Argon2's; {} takes {}",
                scheme.name(),
                if takes_cost { "--cost" } else { elsewhere }
            ),
        ));
    }
    if !takes_cost && args.cost.is_some() {
        return Err(Failure::error(
            USAGE,
            format!(
                "--cost is bcrypt's; {} takes {}",
                scheme.name(),
                if argon2 {
                    "--time-cost, --memory-cost and --parallelism"
                } else {
                    elsewhere
                }
            ),
        ));
    }
    let hasher = if scheme == profile.hash.scheme {
        super::hasher(context, &profile, argon2_flags)?
    } else if argon2 {
        // A bcrypt application's profile has no Argon2 parameters: the gateway's defaults.
        Hasher {
            scheme,
            params: Params::Argon2(super::argon2_config(&context.settings, argon2_flags)?),
        }
    } else {
        Hasher::defaults(scheme).map_err(|message| Failure::error(USAGE, message))?
    };
    Ok(match args.cost {
        Some(cost) => Hasher {
            params: Params::Cost(cost),
            ..hasher
        },
        None => hasher,
    })
}
