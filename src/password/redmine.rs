//! Redmine's passwords (app/models/user.rb): `users.hashed_password` is the hex SHA-1 of the
//! salt followed by the hex SHA-1 of the password, `users.salt` 32 hex digits
//! (`SecureRandom.hex(16)`). A row with an empty salt is an account from before salts, checked
//! as the plain hex SHA-1 of the password, as Redmine's `check_password?` does.
//!
//! Inside breakglass the two columns travel as one stored form, `redmine:SALT:HASH`; the users
//! table splits it back into its columns when writing (see [`split`]).

use sha1::{Digest as _, Sha1};

use super::Secret;
use super::hash::{Check, constant_time_eq, hex};
use super::salted::Parts;
use super::scheme::{Columns, Form, Params, Scheme};

pub const PREFIX: &str = "redmine:";
const SALT_BYTES: usize = 16;

pub fn compose(salt: &str, hash: &str) -> String {
    super::salted::fold_salt(PREFIX, salt, hash)
}

/// The columns of a stored form: (salt, hashed_password).
pub fn split(stored: &str) -> Option<(&str, &str)> {
    super::salted::split_salt(PREFIX, stored)
}

fn sha1_hex(bytes: &[u8]) -> String {
    hex(&Sha1::digest(bytes))
}

fn derive(password: &Secret, salt: &str) -> String {
    let inner = zeroize::Zeroizing::new(sha1_hex(password.expose().as_bytes()));
    if salt.is_empty() {
        return inner.to_string();
    }
    sha1_hex(format!("{salt}{}", inner.as_str()).as_bytes())
}

/// A new hash with a fresh salt of 16 bytes from the OS CSPRNG, as hex.
pub fn hash(password: &Secret) -> String {
    use rand::RngExt;
    let salt: [u8; SALT_BYTES] = rand::rand_core::UnwrapErr(rand::rngs::SysRng).random();
    let salt = hex(&salt);
    let hashed = derive(password, &salt);
    compose(&salt, &hashed)
}

pub fn verify(password: &Secret, stored: &str) -> Check {
    let Some((salt, hashed)) = split(stored) else {
        return Check::Unusable(
            "the stored Redmine hash is not SALT:HASH; the row is garbled: set a new password with \
             breakglass reset"
                .to_owned(),
        );
    };
    if hashed.len() != 40 || !hashed.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Check::Unusable(
            "the stored Redmine hashed_password is not 40 hex digits; no password can match it: set \
             a new one with breakglass reset"
                .to_owned(),
        );
    }
    // Redmine compares the hex strings as written (lower case).
    if constant_time_eq(derive(password, salt).as_bytes(), hashed.as_bytes()) {
        Check::Match
    } else {
        Check::Mismatch
    }
}

/// Redmine's `hashed_password` + `salt`.
pub struct Redmine;

impl Scheme for Redmine {
    fn name(&self) -> &'static str {
        "redmine"
    }

    fn about(&self) -> &'static str {
        "Redmine's SHA-1 of salt + SHA-1(password)"
    }

    fn storage(&self) -> Option<&'static str> {
        Some("printed as redmine:SALT:HASH for the salt and hashed_password columns")
    }

    fn columns(&self) -> Columns {
        Columns::HashSalt
    }

    fn describe(&self, _params: Params) -> serde_json::Value {
        serde_json::json!({"salt_bytes": SALT_BYTES})
    }

    fn hash(&self, _params: Params, password: &Secret) -> anyhow::Result<String> {
        Ok(hash(password))
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        stored
            .starts_with(PREFIX)
            .then(|| Form::written("redmine sha1"))?
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify(password, stored)
    }

    fn fold(&self, hash: &str, salt: &str, _algorithm: &str) -> String {
        compose(salt, hash)
    }

    fn unfold<'a>(&self, stored: &'a str) -> Option<Parts<'a>> {
        split(stored).map(|(salt, hash)| Parts {
            hash,
            salt,
            algorithm: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA1("admin") is a well-known digest; Redmine's salted form hashes salt + that hex.
    const ADMIN_SHA1: &str = "d033e22ae348aeb5660fc2140aec35850c4da997";

    #[test]
    fn unsalted_legacy_rows_are_the_plain_sha1() {
        let stored = compose("", ADMIN_SHA1);
        assert_eq!(verify(&Secret::new("admin".into()), &stored), Check::Match);
        assert_eq!(
            verify(&Secret::new("Admin".into()), &stored),
            Check::Mismatch
        );
    }

    #[test]
    fn salted_form_is_sha1_of_salt_then_hex_digest() {
        let salt = "0123456789abcdef0123456789abcdef";
        let expected = sha1_hex(format!("{salt}{ADMIN_SHA1}").as_bytes());
        let stored = compose(salt, &expected);
        assert_eq!(verify(&Secret::new("admin".into()), &stored), Check::Match);
        assert_eq!(
            super::super::scheme::verify_any(&Secret::new("admin".into()), &stored),
            Check::Match
        );
    }

    #[test]
    fn writes_a_32_hex_salt_and_40_hex_digits() {
        let password = Secret::new("Correct-Horse-9".into());
        let stored = hash(&password);
        let (salt, hashed) = split(&stored).expect("two parts");
        assert_eq!(salt.len(), 32);
        assert!(salt.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(hashed.len(), 40);
        assert_eq!(verify(&password, &stored), Check::Match);
        for garbled in [
            compose(salt, &hashed[..39]),
            "redmine:".to_owned(),
            compose(salt, &"z".repeat(40)),
        ] {
            assert!(
                matches!(verify(&password, &garbled), Check::Unusable(_)),
                "{garbled}"
            );
        }
    }
}
