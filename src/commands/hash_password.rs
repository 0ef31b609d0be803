//! `hash-password`: an Argon2id PHC string the gateway accepts as is, or a bcrypt hash. Checks no policy:
//! it is a building block; the commands that write enforce the policy.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::{HashFormat, HashPasswordArgs, OutputFormat, SchemeArg};
use crate::exit::{Failure, SUCCESS, USAGE};
use crate::output;
use crate::password::devise;
use crate::password::hash::{Hasher, Scheme};
use crate::password::input::{self, Purpose};

pub fn run(context: &Context, args: &HashPasswordArgs) -> Result<u8> {
    let hasher = choose(context, args)?;
    // Devise's hashes carry the application's pepper (read before the password is asked for).
    let pepper = match hasher {
        Hasher::DeviseBcrypt { .. } => super::pepper(&context.profile()?)?,
        _ => None,
    };
    let password = input::read(&args.password.source(), Purpose::Set)?;
    let hash = hasher.hash(&devise::seasoned(&password, pepper.as_ref()))?;
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
            let mut value = json!({"hash": hash, "algorithm": hasher.scheme().name()});
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

/// `--scheme` and its parameters; without it, the profile's scheme.
fn choose(context: &Context, args: &HashPasswordArgs) -> Result<Hasher> {
    let argon2_flags = [
        args.time_cost.as_deref(),
        args.memory_cost.as_deref(),
        args.parallelism.as_deref(),
    ];
    let profile = context.profile()?;
    let scheme = match args.scheme {
        Some(SchemeArg::Argon2id) => Scheme::Argon2id,
        Some(SchemeArg::Bcrypt) => Scheme::Bcrypt,
        Some(SchemeArg::DjangoPbkdf2Sha256) => Scheme::DjangoPbkdf2Sha256,
        Some(SchemeArg::DjangoArgon2) => Scheme::DjangoArgon2,
        Some(SchemeArg::DjangoBcryptSha256) => Scheme::DjangoBcryptSha256,
        Some(SchemeArg::WerkzeugScrypt) => Scheme::WerkzeugScrypt,
        Some(SchemeArg::WerkzeugPbkdf2) => Scheme::WerkzeugPbkdf2,
        None => profile.hash.scheme(),
    };
    let bcrypt_cost = matches!(scheme, Scheme::Bcrypt | Scheme::DjangoBcryptSha256);
    let argon2 = scheme == Scheme::Argon2id;
    if !argon2 && argon2_flags.iter().any(Option::is_some) {
        return Err(Failure::error(
            USAGE,
            format!(
                "--time-cost, --memory-cost and --parallelism are Argon2's; {} takes {}",
                scheme.name(),
                if bcrypt_cost {
                    "--cost"
                } else {
                    "its parameters from the profile ([hash] in the TOML)"
                }
            ),
        ));
    }
    if !bcrypt_cost && args.cost.is_some() {
        return Err(Failure::error(
            USAGE,
            format!(
                "--cost is bcrypt's; {} takes {}",
                scheme.name(),
                if argon2 {
                    "--time-cost, --memory-cost and --parallelism"
                } else {
                    "its parameters from the profile ([hash] in the TOML)"
                }
            ),
        ));
    }
    // The profile's own scheme keeps its parameters; another scheme gets its application's defaults.
    let base = if profile.hash.scheme() == scheme {
        profile.hash
    } else {
        default_hasher(scheme)
    };
    Ok(match base {
        Hasher::Bcrypt { cost } => Hasher::Bcrypt {
            cost: args.cost.unwrap_or(cost),
        },
        Hasher::DjangoBcryptSha256 { cost } => Hasher::DjangoBcryptSha256 {
            cost: args.cost.unwrap_or(cost),
        },
        Hasher::DeviseBcrypt { cost } => Hasher::DeviseBcrypt {
            cost: args.cost.unwrap_or(cost),
        },
        Hasher::Argon2id(_) if profile.hash.scheme() == Scheme::Argon2id => {
            super::hasher(context, &profile, argon2_flags)?
        }
        // A bcrypt application's profile has no Argon2 parameters: the gateway's defaults.
        Hasher::Argon2id(_) => {
            Hasher::Argon2id(super::argon2_config(&context.settings, argon2_flags)?)
        }
        other => other,
    })
}

/// Each scheme's own application's default parameters.
fn default_hasher(scheme: Scheme) -> Hasher {
    use crate::password::{django, werkzeug};
    match scheme {
        Scheme::Bcrypt => Hasher::Bcrypt {
            cost: DEFAULT_BCRYPT_COST,
        },
        Scheme::DjangoPbkdf2Sha256 => Hasher::DjangoPbkdf2Sha256 {
            iterations: django::DEFAULT_ITERATIONS,
        },
        Scheme::DjangoArgon2 => Hasher::DjangoArgon2(django::ARGON2),
        Scheme::DjangoBcryptSha256 => Hasher::DjangoBcryptSha256 {
            cost: django::BCRYPT_ROUNDS,
        },
        Scheme::WerkzeugScrypt => Hasher::WerkzeugScrypt(werkzeug::DEFAULT_SCRYPT),
        Scheme::WerkzeugPbkdf2 => Hasher::WerkzeugPbkdf2 {
            iterations: werkzeug::DEFAULT_PBKDF2_ITERATIONS,
        },
        _ => Hasher::Argon2id(crate::password::hash::Argon2Config::default()),
    }
}

/// What the Node and Python bcrypt libraries' users most often choose.
const DEFAULT_BCRYPT_COST: u32 = 12;
