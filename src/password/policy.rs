//! The gateway's password policy (`PASSWORD_POLICY_ENABLED`, on by default), checked
//! before breakglass writes a password, with the gateway's own messages. Pure.

use anyhow::Result;

use crate::schema::profile::{CharClass, PolicySpec, Profile};
use crate::settings::Settings;

/// The gateway's fixed list of refused passwords, compared lower-cased.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "password01",
    "password123",
    "password01@",
    "admin@123",
    "admin",
    "admin123",
    "administrator",
    "root",
    "toor",
    "welcome",
    "welcome123",
    "changeme",
    "letmein",
    "qwerty",
    "123456",
    "12345678",
    "password1",
    "abc123",
    "monkey",
    "1234567890",
    "password!",
    "password1!",
    "admin!",
    "admin1",
    "p@ssw0rd",
    "p@ssword",
    "passw0rd",
    "password@123",
    "admin@1234",
    "password01@!",
    "admin@pass!x",
    "welcome@pass",
];

/// Only these count as special characters for the gateway (`/` does not).
pub const SPECIAL_CHARACTERS: &str = "!@#$%^&*(),.?\":{}|<>-_=+[]\\;'`~";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub enabled: bool,
    pub min_length_user: usize,
    pub min_length_privileged: usize,
    /// How many earlier passwords may not be reused.
    pub history_count: i64,
    /// Character classes a password must each contain (a profile's rule).
    pub required: Vec<CharClass>,
    /// Strength rules beyond length (ContextForge's): 3 of 4 classes, no common password, not
    /// the username, no sequences.
    pub strength_rules: bool,
}

impl Policy {
    /// The application's own settings where the profile says so (its extras read them);
    /// else the profile's rules.
    pub fn for_profile(profile: &Profile, settings: &Settings) -> Result<Policy> {
        match &profile.policy {
            // Checked to exist when the profile was read.
            PolicySpec::FromApplication => match profile.extras().password_policy() {
                Some(read) => read(settings),
                None => anyhow::bail!("profile {} has no password settings", profile.name),
            },
            PolicySpec::Rules {
                min_length,
                min_length_admin,
                require,
            } => Ok(Policy {
                enabled: true,
                min_length_user: *min_length,
                min_length_privileged: *min_length_admin,
                history_count: 0,
                required: require.clone(),
                strength_rules: false,
            }),
        }
    }

    pub fn from_settings(settings: &Settings) -> Result<Policy> {
        let length = |name, default| -> Result<usize> {
            let value = settings.number(name, default)?;
            usize::try_from(value).map_err(|_| {
                crate::exit::Failure::error(
                    crate::exit::USAGE,
                    format!("{name}={value} must not be negative"),
                )
            })
        };
        Ok(Policy {
            enabled: settings.flag("PASSWORD_POLICY_ENABLED", true)?,
            min_length_user: length("PASSWORD_MIN_LENGTH_USER", 12)?,
            min_length_privileged: length("PASSWORD_MIN_LENGTH_PRIVILEGED", 22)?,
            history_count: settings.number("PASSWORD_HISTORY_COUNT", 5)?.max(0),
            required: Vec::new(),
            strength_rules: true,
        })
    }

    pub fn min_length(&self, privileged: bool) -> usize {
        if privileged {
            self.min_length_privileged
        } else {
            self.min_length_user
        }
    }

    /// The rule in one line, for the operator to read before typing; `None` when there is
    /// no rule to follow. Built from the same fields `violations` checks.
    pub fn describe(&self, email: &str, privileged: bool) -> Option<String> {
        if !self.enabled {
            return None;
        }
        let mut parts = Vec::new();
        let min = self.min_length(privileged);
        if min > 0 {
            let whose = match (
                self.min_length_user == self.min_length_privileged,
                privileged,
            ) {
                (true, _) => "",
                (false, true) => " (an admin)",
                (false, false) => " (not an admin)",
            };
            parts.push(format!("at least {min} characters{whose}"));
        }
        parts.extend(self.required.iter().map(|class| {
            match class {
                CharClass::Upper => "an upper-case letter",
                CharClass::Lower => "a lower-case letter",
                CharClass::Digit => "a digit",
                CharClass::Special => "a symbol",
            }
            .to_owned()
        }));
        if self.strength_rules {
            parts.push("3 of lower/upper/digit/symbol".to_owned());
            parts.push("no runs like abc or 321".to_owned());
            let local_part = username(email);
            if local_part.chars().count() >= 3 {
                parts.push(format!("not containing \"{local_part}\""));
            }
            // Long minimums already rule out every common password; say it only when it can bite.
            if COMMON_PASSWORDS
                .iter()
                .any(|common| common.chars().count() >= min)
            {
                parts.push("not a common password".to_owned());
            }
        }
        (!parts.is_empty()).then(|| format!("the password: {}", parts.join(", ")))
    }

    /// Every rule the password breaks, in the gateway's words; empty when it passes
    /// (or when the policy is disabled).
    pub fn violations(&self, password: &str, email: &str, privileged: bool) -> Vec<String> {
        if !self.enabled {
            return Vec::new();
        }
        let mut found = Vec::new();
        let min = self.min_length(privileged);
        if password.chars().count() < min {
            let kind = if privileged {
                "privileged account"
            } else {
                "user account"
            };
            found.push(format!(
                "Password must be at least {min} characters long ({kind})"
            ));
        }
        for class in &self.required {
            let (present, name) = match class {
                CharClass::Upper => (
                    password.chars().any(|c| c.is_uppercase()),
                    "an upper-case letter",
                ),
                CharClass::Lower => (
                    password.chars().any(|c| c.is_lowercase()),
                    "a lower-case letter",
                ),
                CharClass::Digit => (password.chars().any(|c| c.is_ascii_digit()), "a digit"),
                CharClass::Special => (
                    password
                        .chars()
                        .any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
                    "a special character",
                ),
            };
            if !present {
                found.push(format!("Password must contain {name}"));
            }
        }
        if !self.strength_rules {
            return found;
        }
        if character_classes(password) < 3 {
            found.push(
                "Password must contain at least 3 of the following: lowercase letters, uppercase letters, \
                 numbers, special characters"
                    .to_owned(),
            );
        }
        let lowered = password.to_lowercase();
        if COMMON_PASSWORDS.contains(&lowered.as_str()) {
            found.push("Password is too common or easily guessable".to_owned());
        }
        let local_part = username(email);
        if local_part.chars().count() >= 3 && lowered.contains(&local_part) {
            found.push("Password must not be based on your username".to_owned());
        }
        if has_sequence(password) {
            found.push("Password contains too many sequential characters".to_owned());
        }
        found
    }
}

/// What the gateway calls the username: the email's local part, lower-cased.
fn username(email: &str) -> String {
    email.split('@').next().unwrap_or_default().to_lowercase()
}

fn character_classes(password: &str) -> usize {
    [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| SPECIAL_CHARACTERS.contains(c)),
    ]
    .iter()
    .filter(|present| **present)
    .count()
}

/// Three digits or three letters (ignoring case) in a row, ascending or descending.
fn has_sequence(password: &str) -> bool {
    let chars: Vec<char> = password.chars().collect();
    chars.windows(3).any(|window| {
        let all_digits = window.iter().all(char::is_ascii_digit);
        let all_letters = window.iter().all(|c| c.is_alphabetic());
        if !(all_digits || all_letters) {
            return false;
        }
        let codes: Vec<i64> = window
            .iter()
            .map(|c| {
                c.to_lowercase()
                    .next()
                    .map_or(i64::from(u32::from(*c)), |l| i64::from(u32::from(l)))
            })
            .collect();
        let step = codes[1] - codes[0];
        (step == 1 || step == -1) && codes[2] - codes[1] == step
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            enabled: true,
            min_length_user: 12,
            min_length_privileged: 22,
            history_count: 5,
            required: Vec::new(),
            strength_rules: true,
        }
    }

    fn check(password: &str) -> Vec<String> {
        policy().violations(password, "alice@example.com", false)
    }

    #[test]
    fn a_good_password_passes() {
        assert!(check("Tr0mbone-Lizard-Quay").is_empty());
        assert!(
            policy()
                .violations("Tr0mbone-Lizard-Quay-Hum", "root@example.com", true)
                .is_empty()
        );
    }

    #[test]
    fn each_rule_uses_the_gateways_message() {
        assert_eq!(
            check("Short-1x"),
            ["Password must be at least 12 characters long (user account)"]
        );
        assert_eq!(
            policy().violations("Tr0mbone-Lizard-Quay", "a@b.c", true),
            ["Password must be at least 22 characters long (privileged account)"]
        );
        assert!(check("onlylowercaseletters")[0].starts_with("Password must contain at least 3"));
        assert_eq!(
            policy().violations("Password01@!", "x@y.z", false),
            ["Password is too common or easily guessable"]
        );
        assert_eq!(
            check("Alice-Garage-Wolf9"),
            ["Password must not be based on your username"]
        );
        assert_eq!(
            check("Tr0mbone-Lizard-789"),
            ["Password contains too many sequential characters"]
        );
    }

    #[test]
    fn the_rule_reads_as_one_line_from_the_policys_fields() {
        assert_eq!(
            policy().describe("ops.lead@example.com", true).as_deref(),
            Some(
                "the password: at least 22 characters (an admin), 3 of lower/upper/digit/symbol, \
                 no runs like abc or 321, not containing \"ops.lead\""
            )
        );
        let user_rule = policy().describe("al@example.com", false).expect("a rule");
        assert!(user_rule.starts_with("the password: at least 12 characters (not an admin), 3 of"));
        // A short local part is not checked, so it is not mentioned; at 12 characters some
        // common passwords still fit, so that rule is.
        assert!(!user_rule.contains("containing"), "{user_rule}");
        assert!(user_rule.ends_with("not a common password"), "{user_rule}");
        let same_lengths = Policy {
            min_length_user: 30,
            min_length_privileged: 30,
            ..policy()
        };
        assert!(
            same_lengths
                .describe("ops.lead@example.com", false)
                .expect("a rule")
                .starts_with("the password: at least 30 characters, 3 of")
        );
    }

    #[test]
    fn a_profiles_rule_names_its_classes_and_no_rule_says_nothing() {
        let profile_rule = Policy {
            min_length_user: 8,
            min_length_privileged: 8,
            history_count: 0,
            required: vec![CharClass::Upper, CharClass::Digit],
            strength_rules: false,
            ..policy()
        };
        assert_eq!(
            profile_rule
                .describe("ops.lead@example.com", true)
                .as_deref(),
            Some("the password: at least 8 characters, an upper-case letter, a digit")
        );
        let off = Policy {
            enabled: false,
            ..policy()
        };
        assert_eq!(off.describe("ops.lead@example.com", true), None);
        let empty = Policy {
            min_length_user: 0,
            min_length_privileged: 0,
            strength_rules: false,
            ..profile_rule
        };
        assert_eq!(
            Policy {
                required: Vec::new(),
                ..empty
            }
            .describe("a@b.c", false),
            None
        );
    }

    #[test]
    fn sequences_run_both_ways_and_ignore_case() {
        for sequence in ["123", "987", "abc", "CBA", "xYz"] {
            assert!(has_sequence(&format!("Qq-{sequence}-Ww")), "{sequence}");
        }
        for harmless in ["135", "aab", "a1b2c3", "12-3", "zyw"] {
            assert!(!has_sequence(harmless), "{harmless}");
        }
    }

    #[test]
    fn only_the_gateways_special_characters_count() {
        // '/' is not special for the gateway: lowercase + '/' is one class short.
        assert_eq!(character_classes("abc/def"), 1);
        assert_eq!(character_classes("aB1-"), 4);
    }

    #[test]
    fn a_short_local_part_is_not_checked_and_disabled_means_disabled() {
        assert!(
            policy()
                .violations("Tr0mbone-Lizard-Quay-Al", "al@example.com", false)
                .is_empty()
        );
        let off = Policy {
            enabled: false,
            ..policy()
        };
        assert!(off.violations("x", "alice@example.com", true).is_empty());
    }
}
