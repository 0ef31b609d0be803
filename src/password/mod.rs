//! Passwords: reading them, hashing them, checking them. Pure except `input`.

pub mod devise;
pub mod django;
pub mod generate;
pub mod gitea;
pub mod grafana;
pub mod hash;
pub mod input;
pub mod nextcloud;
pub mod pepper;
pub mod policy;
pub mod redmine;
pub mod salted;
pub mod scheme;
pub mod werkzeug;
pub mod wordpress;

use std::fmt;

use zeroize::Zeroizing;

/// A password or other secret: wiped from memory on drop, never printed by Debug.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(Zeroizing::new(value))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        assert_eq!(
            format!("{:?}", Secret::new("hunter2".into())),
            "Secret(<redacted>)"
        );
    }
}
