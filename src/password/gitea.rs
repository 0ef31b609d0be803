//! Gitea's passwords, kept in three columns of its `user` table: `passwd` (lower-case hex of
//! the key, or a bcrypt string), `salt` (hex of 16 random bytes; 10 raw characters on old
//! accounts) and `passwd_hash_algo` (the algorithm and its parameters, `pbkdf2$50000$50`).
//!
//! Inside breakglass the three travel as one stored form, `gitea:ALGO:SALT:PASSWD`, so that
//! every command handles them like any other stored hash; the users table splits it back into
//! its columns when writing (see [`split`]). The salt sits between the first and the last `:`
//! because it is the one part that is not limited to letters, digits and `$`.

use argon2::{Algorithm, Argon2, Params, Version};

use super::Secret;
use super::hash::{
    Argon2Config, Check, CostInput, MAX_PBKDF2_ITERATIONS, ScryptCost, constant_time_eq, hex,
    pbkdf2_sha2, too_costly, verify_bcrypt,
};
use super::salted::Parts;
use super::scheme::{Columns, Form, Scheme};

pub const PREFIX: &str = "gitea:";

/// What Gitea writes by default (`PASSWORD_HASH_ALGO = pbkdf2`, de-aliased to `pbkdf2_v2`).
pub const DEFAULT_ALGORITHM: &str = "pbkdf2$50000$50";
const DEFAULT_ITERATIONS: u32 = 50_000;
const KEY_LENGTH: usize = 50;
/// Gitea's new salts: 16 random bytes, stored as 32 hex digits.
const SALT_BYTES: usize = 16;
/// A salt of exactly this many characters is an old account's, used as raw bytes.
const LEGACY_SALT_LENGTH: usize = 10;
/// The longest key breakglass derives from a stored algorithm (Gitea writes 50 bytes).
const MAX_KEY_LENGTH: usize = 1024;

/// The three columns as one stored form.
pub fn compose(algorithm: &str, salt: &str, passwd: &str) -> String {
    format!("{PREFIX}{algorithm}:{salt}:{passwd}")
}

/// The columns of a stored form: (passwd_hash_algo, salt, passwd).
pub fn split(stored: &str) -> Option<(&str, &str, &str)> {
    let rest = stored.strip_prefix(PREFIX)?;
    let (algorithm, rest) = rest.split_once(':')?;
    let (salt, passwd) = rest.rsplit_once(':')?;
    Some((algorithm, salt, passwd))
}

/// The algorithm named in a stored form, for `verify` ("pbkdf2$50000$50").
pub fn algorithm(stored: &str) -> Option<&str> {
    split(stored).map(|(algorithm, _, _)| algorithm)
}

/// A new hash as Gitea writes it by default, with a fresh salt from the OS CSPRNG.
pub fn hash(password: &Secret) -> String {
    use rand::RngExt;
    let salt: [u8; SALT_BYTES] = rand::rand_core::UnwrapErr(rand::rngs::SysRng).random();
    let mut key = zeroize::Zeroizing::new([0u8; KEY_LENGTH]);
    pbkdf2_sha2(
        false,
        password.expose().as_bytes(),
        &salt,
        DEFAULT_ITERATIONS,
        key.as_mut(),
    );
    compose(DEFAULT_ALGORITHM, &hex(&salt), &hex(key.as_ref()))
}

/// Checks a password as Gitea's `ValidatePassword` does: the algorithm column chooses the
/// function and its parameters, the salt column is hex-decoded (10 characters: used as is).
pub fn verify(password: &Secret, stored: &str) -> Check {
    let Some((spec, salt, passwd)) = split(stored) else {
        return Check::Unusable(
            "the stored Gitea hash is not ALGORITHM:SALT:PASSWD; the row is garbled: set a new \
             password with breakglass reset"
                .to_owned(),
        );
    };
    // Early Gitea left the column empty, meaning the original pbkdf2 (10000 rounds, 50 bytes).
    let spec = if spec.is_empty() { "pbkdf2" } else { spec };
    let (name, config) = spec.split_once('$').unwrap_or((spec, ""));
    if name == "bcrypt" {
        // Gitea's bcrypt keeps its own salt and cost inside passwd and ignores the salt column.
        return verify_bcrypt(password, passwd);
    }
    let kdf = match Kdf::parse(name, config) {
        Ok(kdf) => kdf,
        Err(check) => return check,
    };
    let Some(salt) = salt_bytes(salt) else {
        return Check::Unusable(format!(
            "the stored Gitea salt '{salt}' is neither 10 characters nor hex (Gitea cannot check it \
             either); set a new password with breakglass reset"
        ));
    };
    let length = kdf.key_length();
    if passwd.len() != length * 2
        || !passwd
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Check::Unusable(format!(
            "the stored Gitea passwd is not {} lower-case hex digits as {spec} writes; no password can \
             match it: set a new one with breakglass reset",
            length * 2
        ));
    }
    match kdf.derive(password, &salt) {
        Ok(key) if constant_time_eq(hex(&key).as_bytes(), passwd.as_bytes()) => Check::Match,
        Ok(_) => Check::Mismatch,
        Err(check) => check,
    }
}

/// The salt as Gitea uses it: exactly 10 characters as raw bytes, anything else hex-decoded
/// (upper or lower case, as Go's `hex.DecodeString`).
fn salt_bytes(salt: &str) -> Option<Vec<u8>> {
    if salt.len() == LEGACY_SALT_LENGTH {
        return Some(salt.as_bytes().to_vec());
    }
    if !salt.len().is_multiple_of(2) {
        return None;
    }
    let digit = |byte: u8| char::from(byte).to_digit(16);
    salt.as_bytes()
        .chunks(2)
        .map(|pair| u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok())
        .collect()
}

/// The key derivations Gitea names in `passwd_hash_algo` (bcrypt aside).
enum Kdf {
    Pbkdf2 { iterations: u32, length: usize },
    Argon2 { config: Argon2Config, length: usize },
    Scrypt { cost: ScryptCost, length: usize },
}

impl Kdf {
    /// From the algorithm's name and its `$`-separated parameters; empty parameters are the
    /// algorithm's original defaults, as Gitea's hashers read them.
    fn parse(name: &str, config: &str) -> Result<Kdf, Check> {
        let numbers: Vec<&str> = if config.is_empty() {
            Vec::new()
        } else {
            config.split('$').collect()
        };
        let garbled = |expected: &str| {
            Check::Unusable(format!(
                "the stored Gitea algorithm '{name}${config}' is garbled ({name} takes {expected}); \
                 no password can match it: set a new one with breakglass reset"
            ))
        };
        let length = |text: &str| -> Result<usize, Check> {
            match text.parse::<usize>() {
                Ok(length) if (1..=MAX_KEY_LENGTH).contains(&length) => Ok(length),
                _ => Err(garbled(&format!("a key length from 1 to {MAX_KEY_LENGTH}"))),
            }
        };
        match (name, numbers.as_slice()) {
            ("pbkdf2", []) => Ok(Kdf::Pbkdf2 {
                iterations: 10_000,
                length: KEY_LENGTH,
            }),
            ("pbkdf2", [iterations, key]) => {
                let iterations = iterations
                    .parse::<u32>()
                    .map_err(|_| garbled("ITERATIONS$KEYLEN"))?;
                if iterations == 0 || iterations > MAX_PBKDF2_ITERATIONS {
                    return Err(too_costly(&format!(
                        "Gitea pbkdf2 hash asks for {iterations} iterations, more than breakglass runs \
                         (1 to {MAX_PBKDF2_ITERATIONS})"
                    )));
                }
                Ok(Kdf::Pbkdf2 {
                    iterations,
                    length: length(key)?,
                })
            }
            ("pbkdf2", _) => Err(garbled("ITERATIONS$KEYLEN")),
            ("argon2", []) => Ok(Kdf::Argon2 {
                config: Argon2Config {
                    time_cost: 2,
                    memory_cost_kib: 65536,
                    parallelism: 8,
                },
                length: KEY_LENGTH,
            }),
            ("argon2", [time, memory, threads, key]) => {
                let input = |value, origin| Some(CostInput { value, origin });
                let config = Argon2Config::from_inputs(
                    input(time, "its time"),
                    input(memory, "its memory (KiB)"),
                    input(threads, "its threads"),
                )
                .map_err(|why| {
                    too_costly(&format!(
                        "Gitea argon2 hash '{name}${config}' is outside what breakglass runs: {why}"
                    ))
                })?;
                let length = length(key)?;
                if length < 4 {
                    return Err(garbled("a key length of at least 4"));
                }
                Ok(Kdf::Argon2 { config, length })
            }
            ("argon2", _) => Err(garbled("TIME$MEMORY$THREADS$KEYLEN")),
            ("scrypt", []) => Ok(Kdf::Scrypt {
                cost: ScryptCost {
                    log_n: 16,
                    r: 16,
                    p: 2,
                },
                length: KEY_LENGTH,
            }),
            ("scrypt", [n, r, p, key]) => Ok(Kdf::Scrypt {
                cost: ScryptCost::parse(n, r, p).map_err(|check| match check {
                    Check::Unusable(why) => Check::Unusable(format!("Gitea scrypt: {why}")),
                    other => other,
                })?,
                length: length(key)?,
            }),
            ("scrypt", _) => Err(garbled("N$R$P$KEYLEN")),
            _ => Err(Check::Unusable(format!(
                "the stored passwd_hash_algo '{name}{}{config}' is not an algorithm Gitea or breakglass \
                 knows (pbkdf2, argon2, scrypt, bcrypt); Gitea refuses this login too: set a new password \
                 with breakglass reset",
                if config.is_empty() { "" } else { "$" }
            ))),
        }
    }

    fn key_length(&self) -> usize {
        match self {
            Kdf::Pbkdf2 { length, .. }
            | Kdf::Argon2 { length, .. }
            | Kdf::Scrypt { length, .. } => *length,
        }
    }

    fn derive(&self, password: &Secret, salt: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, Check> {
        let bytes = password.expose().as_bytes();
        let mut key = zeroize::Zeroizing::new(vec![0u8; self.key_length()]);
        match self {
            Kdf::Pbkdf2 { iterations, .. } => {
                pbkdf2_sha2(false, bytes, salt, *iterations, &mut key)
            }
            Kdf::Argon2 { config, length } => {
                let params = Params::new(
                    config.memory_cost_kib,
                    config.time_cost,
                    config.parallelism,
                    Some(*length),
                )
                .map_err(|error| refused("argon2", error))?;
                Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
                    .hash_password_into(bytes, salt, &mut key)
                    .map_err(|error| refused("argon2", error))?;
            }
            Kdf::Scrypt { cost, .. } => {
                let params = scrypt::Params::new(cost.log_n, cost.r, cost.p)
                    .map_err(|error| refused("scrypt", error))?;
                scrypt::scrypt(bytes, salt, &params, &mut key)
                    .map_err(|error| refused("scrypt", error))?;
            }
        }
        Ok(key)
    }
}

fn refused(what: &str, error: impl std::fmt::Display) -> Check {
    Check::Unusable(format!(
        "breakglass cannot check this Gitea {what} hash ({error}); Gitea itself may still accept it"
    ))
}

/// Gitea's `passwd` + `salt` + `passwd_hash_algo`: writes its default pbkdf2, reads every
/// algorithm Gitea has written.
pub struct Gitea;

impl Scheme for Gitea {
    fn name(&self) -> &'static str {
        "gitea"
    }

    fn about(&self) -> &'static str {
        "Gitea's pbkdf2$50000$50"
    }

    fn storage(&self) -> Option<&'static str> {
        Some("printed as ALGORITHM:SALT:HASH for the passwd_hash_algo, salt and passwd columns")
    }

    fn columns(&self) -> Columns {
        Columns::HashSaltAlgorithm
    }

    fn describe(&self, _params: super::scheme::Params) -> serde_json::Value {
        serde_json::json!({"algorithm": DEFAULT_ALGORITHM})
    }

    fn hash(&self, _params: super::scheme::Params, password: &Secret) -> anyhow::Result<String> {
        Ok(hash(password))
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        match algorithm(stored)? {
            "" => Form::written("gitea pbkdf2 (empty passwd_hash_algo)"),
            algorithm => Form::written(format!("gitea {algorithm}")),
        }
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify(password, stored)
    }

    fn fold(&self, hash: &str, salt: &str, algorithm: &str) -> String {
        compose(algorithm, salt, hash)
    }

    fn unfold<'a>(&self, stored: &'a str) -> Option<Parts<'a>> {
        split(stored).map(|(algorithm, salt, hash)| Parts {
            hash,
            salt,
            algorithm: Some(algorithm),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(text: &str) -> Secret {
        Secret::new(text.to_owned())
    }

    /// Gitea's own vectors (`modules/auth/password/hash/hash_test.go`): password "abcdef",
    /// salt "aaaaaaaaaa" (10 characters: raw bytes) or hex "01020304". The argon2 vector with
    /// the 4-byte salt is left out: RustCrypto's argon2 refuses salts under 8 bytes (real Gitea
    /// salts are 10 or 16); argon2 with such salts is cross-checked against argon2-cffi in
    /// tests/gitea.rs.
    const VECTORS: &[(&[&str], &str, &str)] = &[
        (
            &["bcrypt", "bcrypt$10"],
            "aaaaaaaaaa",
            "$2a$10$fjtm8BsQ2crym01/piJroenO3oSVUBhSLKaGdTYJ4tG0ePVCrU0G2",
        ),
        (
            &["scrypt", "scrypt$65536$16$2$50"],
            "aaaaaaaaaa",
            "3b571d0c07c62d42b7bad3dbf18fb0cd67d4d8cd4ad4c6928e1090e5b2a4a84437c6fd2627d897c0e7e65025ca62b67a0002",
        ),
        (
            &["argon2", "argon2$2$65536$8$50"],
            "aaaaaaaaaa",
            "551f089f570f989975b6f7c6a8ff3cf89bc486dd7bbe87ed4d80ad4362f8ee599ec8dda78dac196301b98456402bcda775dc",
        ),
        (
            &["pbkdf2", "pbkdf2$10000$50", ""],
            "aaaaaaaaaa",
            "ab48d5471b7e6ed42d10001db88c852ff7303c788e49da5c3c7b63d5adf96360303724b74b679223a3dea8a242d10abb1913",
        ),
        (
            &["bcrypt", "bcrypt$10"],
            "01020304",
            "$2a$10$qhgm32w9ZpqLygugWJsLjey8xRGcaq9iXAfmCeNBXxddgyoaOC3Gq",
        ),
        (
            &["scrypt", "scrypt$65536$16$2$50"],
            "01020304",
            "25fe5f66b43fa4eb7b6717905317cd2223cf841092dc8e0a1e8c75720ad4846cb5d9387303e14bc3c69faa3b1c51ef4b7de1",
        ),
        (
            &["pbkdf2", "pbkdf2$10000$50"],
            "01020304",
            "45d6cdc843d65cf0eda7b90ab41435762a282f7df013477a1c5b212ba81dbdca2edf1ecc4b5cb05956bb9e0c37ab29315d78",
        ),
        (
            &["pbkdf2$320000$50"],
            "01020304",
            "84e233114499e8721da80e85568e5b7b5900b3e49a30845fcda9d1e1756da4547d70f8740ac2b4a5d82f88cebcd27f21bfe2",
        ),
    ];

    #[test]
    fn giteas_published_vectors_verify() {
        for (algorithms, salt, passwd) in VECTORS {
            for algorithm in *algorithms {
                let stored = compose(algorithm, salt, passwd);
                assert_eq!(verify(&secret("abcdef"), &stored), Check::Match, "{stored}");
                assert_eq!(
                    verify(&secret("abcdeg"), &stored),
                    Check::Mismatch,
                    "{stored}"
                );
                assert_eq!(
                    super::super::scheme::verify_any(&secret("abcdef"), &stored),
                    Check::Match
                );
            }
        }
    }

    #[test]
    fn writes_giteas_default_with_a_fresh_hex_salt() {
        let password = secret("Correct-Horse-9");
        let stored = hash(&password);
        let (algorithm, salt, passwd) = split(&stored).expect("three parts");
        assert_eq!(algorithm, "pbkdf2$50000$50");
        assert_eq!(salt.len(), 32);
        assert!(salt.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(passwd.len(), 100);
        assert_eq!(verify(&password, &stored), Check::Match);
        assert_eq!(verify(&secret("other"), &stored), Check::Mismatch);
        assert_ne!(split(&hash(&password)).map(|p| p.1), Some(salt));
    }

    #[test]
    fn odd_rows_are_unusable_and_named() {
        let password = secret("abcdef");
        let good = VECTORS[6].2;
        let cases = [
            (compose("md5", "01020304", good), "'md5'"),
            (compose("pbkdf2_hi", "01020304", good), "'pbkdf2_hi'"),
            (compose("pbkdf2", "0102030", good), "neither"),
            (compose("pbkdf2", "zz020304", good), "neither"),
            (compose("pbkdf2", "01020304", &good[..98]), "hex digits"),
            (
                compose("pbkdf2", "01020304", &good.to_uppercase()),
                "lower-case",
            ),
            (
                compose("pbkdf2$99999999999$50", "01020304", good),
                "garbled",
            ),
            (
                compose("pbkdf2$4000000000$50", "01020304", good),
                "iterations",
            ),
            (compose("pbkdf2$1000$0", "01020304", good), "key length"),
            (compose("pbkdf2$1000", "01020304", good), "garbled"),
            (
                compose("argon2$2$99999999$8$50", "aaaaaaaaaa", good),
                "outside",
            ),
            (
                compose("scrypt$1048576$64$64$50", "aaaaaaaaaa", good),
                "more than",
            ),
            (
                compose("scrypt$1000$8$1$50", "aaaaaaaaaa", good),
                "power of two",
            ),
            ("gitea:nothing".to_owned(), "garbled"),
        ];
        for (stored, expected) in cases {
            let started = std::time::Instant::now();
            let check = verify(&password, &stored);
            assert!(
                matches!(&check, Check::Unusable(why) if why.contains(expected)),
                "{stored}: {check:?}"
            );
            assert!(
                started.elapsed() < std::time::Duration::from_millis(200),
                "{stored}"
            );
        }
    }

    #[test]
    fn the_stored_form_splits_back_into_its_columns() {
        let stored = compose("bcrypt$10", "a:b", "$2a$10$x");
        assert_eq!(split(&stored), Some(("bcrypt$10", "a:b", "$2a$10$x")));
        assert_eq!(algorithm(&stored), Some("bcrypt$10"));
        assert_eq!(split("pbkdf2$1$2"), None);
    }
}
