//! Random passwords from the operating system's CSPRNG.

use rand::RngExt;
use rand::rngs::SysRng;

use super::Secret;

pub const DEFAULT_LENGTH: usize = 24;
pub const MIN_LENGTH: usize = 16;
pub const MAX_LENGTH: usize = 128;

const LOWER: &str = "abcdefghijkmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &str = "23456789";
/// Special characters the gateway counts that need no quoting in a shell.
const SPECIAL: &str = "-_.,+=@%";

/// A password of `length` characters with every class present, drawn until `acceptable`
/// (the policy the password will be checked against) says yes.
pub fn generate(length: usize, acceptable: impl Fn(&str) -> bool) -> Secret {
    let alphabet: Vec<char> = [LOWER, UPPER, DIGITS, SPECIAL].concat().chars().collect();
    let mut rng = rand::rand_core::UnwrapErr(SysRng);
    loop {
        let candidate: String = (0..length)
            .map(|_| alphabet[rng.random_range(0..alphabet.len())])
            .collect();
        let every_class = [LOWER, UPPER, DIGITS, SPECIAL]
            .iter()
            .all(|class| candidate.chars().any(|c| class.contains(c)));
        if every_class && acceptable(&candidate) {
            return Secret::new(candidate);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::policy::Policy;

    #[test]
    fn generated_passwords_pass_the_policy_and_differ() {
        let policy = Policy {
            enabled: true,
            min_length_user: 12,
            min_length_privileged: 22,
            history_count: 5,
            required: Vec::new(),
            strength_rules: true,
        };
        let accept = |p: &str| policy.violations(p, "admin@example.com", true).is_empty();
        let first = generate(DEFAULT_LENGTH, accept);
        let second = generate(DEFAULT_LENGTH, accept);
        assert_eq!(first.expose().chars().count(), DEFAULT_LENGTH);
        assert!(accept(first.expose()));
        assert_ne!(first, second);
        let long = generate(MAX_LENGTH, |_| true);
        assert_eq!(long.expose().len(), MAX_LENGTH);
    }

    #[test]
    fn generated_passwords_need_no_shell_quoting() {
        let password = generate(MAX_LENGTH, |_| true);
        assert!(
            password
                .expose()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || SPECIAL.contains(c))
        );
    }
}
