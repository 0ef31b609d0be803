//! A pepper: a secret of the application's configuration appended to every password before
//! it is hashed, so a hash alone cannot be checked without it.

use super::Secret;
use crate::exit::{Failure, USAGE};

/// A secret the application appends to every password before hashing it (Devise's
/// `config.pepper`), read from the environment variable the profile names (`pepper_env`).
#[derive(Clone)]
pub struct Pepper {
    value: Secret,
}

impl Pepper {
    #[cfg(test)]
    pub fn new(value: &str) -> Pepper {
        Pepper {
            value: Secret::new(value.to_owned()),
        }
    }

    /// The pepper from `variable`; unset or empty is a usage error naming the variable (never
    /// its value), raised before anything is read or written.
    pub fn from_env(variable: &str) -> anyhow::Result<Pepper> {
        match std::env::var(variable) {
            Ok(value) if !value.is_empty() => Ok(Pepper {
                value: Secret::new(value),
            }),
            _ => Err(Failure::error(
                USAGE,
                format!(
                    "the profile says the application peppers its passwords with the environment \
                     variable {variable}, which is not set (or empty); nothing was changed. Export it with \
                     the application's value, e.g. read from its secrets, and run \
                     the command again"
                ),
            )),
        }
    }

    /// What the application hands to its hash: the password with the pepper appended.
    pub fn apply(&self, password: &Secret) -> Secret {
        Secret::new(format!("{}{}", password.expose(), self.value.expose()))
    }
}

/// The password as the application's check sees it: peppered when there is a pepper.
pub fn seasoned(password: &Secret, pepper: Option<&Pepper>) -> Secret {
    match pepper {
        Some(pepper) => pepper.apply(password),
        None => password.clone(),
    }
}

impl std::fmt::Debug for Pepper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pepper(<redacted>)")
    }
}
