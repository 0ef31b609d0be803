//! werkzeug's `generate_password_hash` formats, which Flask-AppBuilder (Airflow 2, Superset)
//! stores: `scrypt:N:r:p$SALT$HEX` (its default) and `pbkdf2:HASH:ITERATIONS$SALT$HEX`.
//! `check_password_hash` reads the method and its parameters from the string, derives again
//! and compares the hex.

use super::Secret;
use super::hash::{
    Check, MAX_PBKDF2_ITERATIONS, ScryptCost, constant_time_eq, hex, random_alphanumeric,
};
use super::scheme::{Form, Given, Params, Scheme};

/// werkzeug 3.1's `DEFAULT_PBKDF2_ITERATIONS`, used for `pbkdf2` and `pbkdf2:HASH` without a count.
pub const DEFAULT_PBKDF2_ITERATIONS: u32 = 1_000_000;

/// werkzeug's scrypt default: `scrypt:32768:8:1`.
pub const DEFAULT_SCRYPT: ScryptCost = ScryptCost {
    log_n: 15,
    r: 8,
    p: 1,
};

/// `gen_salt(16)` as Flask-AppBuilder asks for it: 16 letters and digits.
const SALT_LENGTH: usize = 16;

/// The werkzeug method of the string (`scrypt`, `pbkdf2`), when it is in one of its formats.
fn method(stored: &str) -> Option<&'static str> {
    let method = stored.split('$').next().unwrap_or_default();
    let name = method.split(':').next().unwrap_or_default();
    if !method.contains(':') {
        return None;
    }
    ["scrypt", "pbkdf2"]
        .into_iter()
        .find(|known| *known == name)
}

/// A werkzeug form: `written` when its method is the one `writes`.
fn form(stored: &str, writes: &str) -> Option<Form> {
    let method = method(stored)?;
    let name = format!("werkzeug {method}");
    if method == writes {
        Form::written(name)
    } else {
        Form::read(name)
    }
}

pub fn verify(password: &Secret, stored: &str) -> Check {
    let parts: Vec<&str> = stored.splitn(3, '$').collect();
    let [method, salt, hash] = parts[..] else {
        return garbled(stored, "it needs method, salt and hash separated by '$'");
    };
    let mut args = method.split(':');
    let name = args.next().unwrap_or_default();
    let args: Vec<&str> = args.collect();
    let (again, expected_len) = match name {
        "scrypt" => {
            let cost = match args[..] {
                [] => DEFAULT_SCRYPT,
                [n, r, p] => match ScryptCost::parse(n, r, p) {
                    Ok(cost) => cost,
                    Err(Check::Unusable(why)) => {
                        return Check::Unusable(format!("werkzeug scrypt: {why}"));
                    }
                    Err(check) => return check,
                },
                _ => return garbled(stored, "scrypt takes N, r and p"),
            };
            if !is_hex(hash, 64) {
                return garbled(stored, "the hash part is not 128 hex digits");
            }
            match cost.derive(password, salt, 64) {
                Some(key) => (hex(&key), 128),
                None => return garbled(stored, "its parameters are outside what scrypt accepts"),
            }
        }
        "pbkdf2" => {
            let (digest, iterations) = match args[..] {
                [] => ("sha256", DEFAULT_PBKDF2_ITERATIONS),
                [digest] => (digest, DEFAULT_PBKDF2_ITERATIONS),
                [digest, iterations] => match iterations.parse::<u32>() {
                    Ok(iterations) => (digest, iterations),
                    Err(_) => {
                        return garbled(
                            stored,
                            &format!(
                                "the iteration count '{iterations}' is not a number breakglass can run"
                            ),
                        );
                    }
                },
                _ => return garbled(stored, "pbkdf2 takes a hash name and an iteration count"),
            };
            if iterations == 0 || iterations > MAX_PBKDF2_ITERATIONS {
                return super::hash::too_costly(&format!(
                    "werkzeug pbkdf2 hash asks for {iterations} iterations, more than breakglass runs \
                     (1 to {MAX_PBKDF2_ITERATIONS})"
                ));
            }
            let bytes = password.expose().as_bytes();
            let salt = salt.as_bytes();
            let key = match digest {
                "sha256" => derive(Digest::Sha256, bytes, salt, iterations),
                "sha512" => derive(Digest::Sha512, bytes, salt, iterations),
                "sha1" => derive(Digest::Sha1, bytes, salt, iterations),
                other => {
                    return Check::Unusable(format!(
                        "the stored werkzeug pbkdf2 hash uses the digest '{other}', which breakglass \
                         does not run (sha256, sha512, sha1)"
                    ));
                }
            };
            if !is_hex(hash, key.len()) {
                return garbled(
                    stored,
                    &format!("the hash part is not {} hex digits", key.len() * 2),
                );
            }
            let length = key.len() * 2;
            (hex(&key), length)
        }
        other => {
            return Check::Unusable(format!(
                "the stored value names the werkzeug method '{other}', which breakglass does not know"
            ));
        }
    };
    debug_assert_eq!(again.len(), expected_len);
    if constant_time_eq(again.as_bytes(), hash.as_bytes()) {
        Check::Match
    } else {
        Check::Mismatch
    }
}

#[derive(Clone, Copy)]
enum Digest {
    Sha256,
    Sha512,
    Sha1,
}

/// PBKDF2-HMAC with the digest's own output length (hashlib's default dklen).
fn derive(
    digest: Digest,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
) -> zeroize::Zeroizing<Vec<u8>> {
    let length = match digest {
        Digest::Sha256 => 32,
        Digest::Sha512 => 64,
        Digest::Sha1 => 20,
    };
    let mut key = zeroize::Zeroizing::new(vec![0u8; length]);
    match digest {
        Digest::Sha256 => super::hash::pbkdf2_sha2(false, password, salt, iterations, &mut key),
        Digest::Sha512 => super::hash::pbkdf2_sha2(true, password, salt, iterations, &mut key),
        Digest::Sha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, iterations, &mut key),
    }
    key
}

fn is_hex(text: &str, bytes: usize) -> bool {
    text.len() == bytes * 2 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn garbled(stored: &str, why: &str) -> Check {
    let method = stored.split('$').next().unwrap_or_default();
    Check::Unusable(format!(
        "the stored werkzeug {method} hash is truncated or garbled ({why}); no password can match it: \
         set a new one with breakglass reset"
    ))
}

/// `scrypt:N:r:p$SALT$HEX`, as `generate_password_hash(password, "scrypt", 16)` writes it.
pub fn hash_scrypt(password: &Secret, cost: ScryptCost) -> anyhow::Result<String> {
    let salt = random_alphanumeric(SALT_LENGTH);
    let key = cost
        .derive(password, &salt, 64)
        .ok_or_else(|| anyhow::anyhow!("the scrypt parameters are outside what scrypt accepts"))?;
    Ok(format!(
        "scrypt:{}:{}:{}${salt}${}",
        cost.n(),
        cost.r,
        cost.p,
        hex(&key)
    ))
}

/// `pbkdf2:sha256:ITERATIONS$SALT$HEX`.
pub fn hash_pbkdf2(password: &Secret, iterations: u32) -> String {
    let salt = random_alphanumeric(SALT_LENGTH);
    let key = derive(
        Digest::Sha256,
        password.expose().as_bytes(),
        salt.as_bytes(),
        iterations,
    );
    format!("pbkdf2:sha256:{iterations}${salt}${}", hex(&key))
}

/// werkzeug's scrypt (Flask-AppBuilder's default); reads werkzeug's pbkdf2 too, as
/// `check_password_hash` does.
pub struct Scrypt;

impl Scheme for Scrypt {
    fn name(&self) -> &'static str {
        "werkzeug-scrypt"
    }

    fn about(&self) -> &'static str {
        "werkzeug's scrypt:N:r:p$... (Flask-AppBuilder's default; [hash] work_factor, block_size, parallelism)"
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["work_factor", "block_size", "parallelism"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        let cost = ScryptCost::new(
            given.work_factor.unwrap_or(DEFAULT_SCRYPT.n()),
            u64::from(given.block_size.unwrap_or(DEFAULT_SCRYPT.r)),
            u64::from(given.parallelism.unwrap_or(DEFAULT_SCRYPT.p)),
        )
        .map_err(|_| {
            "[hash] work_factor must be a power of two above 1, block_size and parallelism at least 1, \
             and 128 * work_factor * block_size at most 1 GiB"
                .to_owned()
        })?;
        Ok(Params::Scrypt(cost))
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        hash_scrypt(password, params.scrypt(self.name())?)
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        form(stored, "scrypt")
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify(password, stored)
    }
}

/// werkzeug's pbkdf2:sha256; reads werkzeug's scrypt too.
pub struct Pbkdf2;

impl Scheme for Pbkdf2 {
    fn name(&self) -> &'static str {
        "werkzeug-pbkdf2"
    }

    fn about(&self) -> &'static str {
        "werkzeug's pbkdf2:sha256:N$... ([hash] iterations)"
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["iterations"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        super::hash::pbkdf2_iterations(given.iterations.unwrap_or(DEFAULT_PBKDF2_ITERATIONS))
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        Ok(hash_pbkdf2(password, params.iterations(self.name())?))
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        form(stored, "pbkdf2")
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify(password, stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(text: &str) -> Secret {
        Secret::new(text.to_owned())
    }

    /// Made by werkzeug 3.1.9's `generate_password_hash('lètmein', method)` (Flask-AppBuilder
    /// 5.3.0's environment); CI checks fresh ones against Flask-AppBuilder itself.
    pub const WERKZEUG_MADE: &[&str] = &[
        "scrypt:32768:8:1$QhSStrAMkjANjyH7$a4a216b4bcb9b1df699c173e1c297fd4e904e4485c7768df96c9924b3c4465593758c31d210bf9881a99e4314ead4d3e07524a280d04ed8033e716945bfe74ec",
        "pbkdf2:sha256:1000000$4lRJHQyjSp2vSm4s$f921169c9271c250eae75a8a7a89a3e82debe1da04d9a118f05593c3521f4c0b",
        "pbkdf2:sha512:1000$SVtZYreOTuX6RhJ7$2ac3eba3808c9f085e7947958b22c7c07b32c43297aed9d8a0b033cda493c24f26c717627c203f67500b759b919763e41c1822d7fb834f985c794265fdc89334",
    ];

    #[test]
    fn verifies_hashes_werkzeug_made() {
        for stored in WERKZEUG_MADE {
            assert!(Scrypt.recognise(stored).is_some() && Pbkdf2.recognise(stored).is_some());
            assert_eq!(verify(&secret("lètmein"), stored), Check::Match, "{stored}");
            assert_eq!(
                verify(&secret("letmein"), stored),
                Check::Mismatch,
                "{stored}"
            );
            assert_eq!(
                super::super::scheme::verify_any(&secret("lètmein"), stored),
                Check::Match
            );
        }
    }

    #[test]
    fn writes_what_werkzeug_writes() {
        let password = secret("Correct-Horse-9");
        let cheap = ScryptCost {
            log_n: 10,
            r: 8,
            p: 1,
        };
        let stored = hash_scrypt(&password, cheap).expect("hash");
        let parts: Vec<&str> = stored.split('$').collect();
        assert_eq!(parts[0], "scrypt:1024:8:1");
        assert_eq!(parts[1].len(), 16);
        assert_eq!(parts[2].len(), 128);
        assert_eq!(verify(&password, &stored), Check::Match);
        assert_eq!(verify(&secret("other"), &stored), Check::Mismatch);
        let stored = hash_pbkdf2(&password, 1000);
        assert!(stored.starts_with("pbkdf2:sha256:1000$"), "{stored}");
        assert_eq!(verify(&password, &stored), Check::Match);
    }

    #[test]
    fn broken_and_costly_strings_are_unusable_never_run() {
        let password = secret("Correct-Horse-9");
        let good = WERKZEUG_MADE[0];
        let broken = [
            "scrypt:32768:8:1",
            "scrypt:32768:8:1$salt",
            &good[..good.len() - 1],
            "scrypt:32768:8$salt$00",
            "scrypt:30000:8:1$salt$00",
            "scrypt:1073741824:8:1$salt$00",
            "scrypt:32768:8:100000$salt$00",
            "scrypt:x:8:1$salt$00",
            "pbkdf2:sha256:99999999999$salt$00",
            "pbkdf2:sha256:4000000000$salt$00",
            "pbkdf2:md5:1000$salt$00",
            "pbkdf2:sha256:1000$salt$zz",
        ];
        for stored in broken {
            let started = std::time::Instant::now();
            let check = super::super::scheme::verify_any(&password, stored);
            assert!(matches!(check, Check::Unusable(_)), "{stored}: {check:?}");
            assert!(
                started.elapsed() < std::time::Duration::from_millis(200),
                "{stored}"
            );
        }
    }
}
