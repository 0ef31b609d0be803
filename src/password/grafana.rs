//! Grafana's passwords: `user.password` is the lower-case hex of PBKDF2-HMAC-SHA256(password,
//! salt, 10000 iterations, 50 bytes), `user.salt` 10 letters and digits (`util.EncodePassword`).
//!
//! Inside breakglass the two columns travel as one stored form, `grafana:SALT:PASSWORD`; the
//! users table splits it back into its columns when writing (see [`split`]).

use super::Secret;
use super::hash::{Check, constant_time_eq, hex, pbkdf2_sha2, random_alphanumeric};
use super::salted::Parts;
use super::scheme::{Columns, Form, Params, Scheme};

pub const PREFIX: &str = "grafana:";
const ITERATIONS: u32 = 10_000;
const KEY_LENGTH: usize = 50;
/// `util.GetRandomString(10)`, which Grafana uses for new salts.
const SALT_LENGTH: usize = 10;

pub fn compose(salt: &str, password: &str) -> String {
    super::salted::fold_salt(PREFIX, salt, password)
}

/// The columns of a stored form: (salt, password).
pub fn split(stored: &str) -> Option<(&str, &str)> {
    super::salted::split_salt(PREFIX, stored)
}

fn derive(password: &Secret, salt: &str) -> String {
    let mut key = zeroize::Zeroizing::new([0u8; KEY_LENGTH]);
    pbkdf2_sha2(
        false,
        password.expose().as_bytes(),
        salt.as_bytes(),
        ITERATIONS,
        key.as_mut(),
    );
    hex(key.as_ref())
}

/// A new hash with a fresh 10-character salt from the OS CSPRNG.
pub fn hash(password: &Secret) -> String {
    let salt = random_alphanumeric(SALT_LENGTH);
    let encoded = derive(password, &salt);
    compose(&salt, &encoded)
}

pub fn verify(password: &Secret, stored: &str) -> Check {
    let Some((salt, encoded)) = split(stored) else {
        return Check::Unusable(
            "the stored Grafana hash is not SALT:PASSWORD; the row is garbled: set a new password \
             with breakglass reset"
                .to_owned(),
        );
    };
    if encoded.len() != KEY_LENGTH * 2
        || !encoded
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Check::Unusable(format!(
            "the stored Grafana password is not {} lower-case hex digits; no password can match it: \
             set a new one with breakglass reset",
            KEY_LENGTH * 2
        ));
    }
    if constant_time_eq(derive(password, salt).as_bytes(), encoded.as_bytes()) {
        Check::Match
    } else {
        Check::Mismatch
    }
}

/// Grafana's `password` + `salt`.
pub struct Grafana;

impl Scheme for Grafana {
    fn name(&self) -> &'static str {
        "grafana"
    }

    fn about(&self) -> &'static str {
        "Grafana's PBKDF2-SHA256 10000/50"
    }

    fn storage(&self) -> Option<&'static str> {
        Some("printed as grafana:SALT:HASH for the salt and password columns")
    }

    fn columns(&self) -> Columns {
        Columns::HashSalt
    }

    fn describe(&self, _params: Params) -> serde_json::Value {
        serde_json::json!({"iterations": ITERATIONS, "key_length": KEY_LENGTH})
    }

    fn hash(&self, _params: Params, password: &Secret) -> anyhow::Result<String> {
        Ok(hash(password))
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        stored
            .starts_with(PREFIX)
            .then(|| Form::written("grafana"))?
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

    /// Grafana's own vector (`pkg/util/encoding_test.go`): `EncodePassword("iamgod", "pepper")`.
    const VECTOR: &str = "e59c568621e57756495a468f47c74e07c911b037084dd464bb2ed72410970dc849cabd71b48c394faf08a5405dae53741ce9";

    #[test]
    fn grafanas_published_vector_verifies() {
        let stored = compose("pepper", VECTOR);
        assert_eq!(verify(&Secret::new("iamgod".into()), &stored), Check::Match);
        assert_eq!(
            verify(&Secret::new("iamgoD".into()), &stored),
            Check::Mismatch
        );
        assert_eq!(
            super::super::scheme::verify_any(&Secret::new("iamgod".into()), &stored),
            Check::Match
        );
    }

    #[test]
    fn writes_a_ten_character_salt_and_100_hex_digits() {
        let password = Secret::new("Correct-Horse-9".into());
        let stored = hash(&password);
        let (salt, encoded) = split(&stored).expect("two parts");
        assert_eq!(salt.len(), 10);
        assert!(salt.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_eq!(encoded.len(), 100);
        assert_eq!(verify(&password, &stored), Check::Match);
        for garbled in [
            compose("pepper", &VECTOR[..99]),
            compose("pepper", &VECTOR.to_uppercase()),
            "grafana:".to_owned(),
        ] {
            assert!(
                matches!(verify(&password, &garbled), Check::Unusable(_)),
                "{garbled}"
            );
        }
    }
}
