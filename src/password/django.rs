//! Django's password formats (`django.contrib.auth.hashers`): `algorithm$...` strings, checked
//! the way Django checks them: the stored string is encoded again from the password and its
//! own salt and parameters, and the two strings compared.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use super::Secret;
use super::hash::{
    Argon2Config, Check, MAX_PBKDF2_ITERATIONS, ScryptCost, constant_time_eq, random_alphanumeric,
};
use super::scheme::{Form, Given, Params, Scheme};

/// The PBKDF2 iteration count each Django release writes (`PBKDF2PasswordHasher.iterations`).
pub const RELEASE_ITERATIONS: &[(&str, u32)] = &[
    ("4.2", 600_000),
    ("5.0", 720_000),
    ("5.1", 870_000),
    ("5.2", 1_000_000),
    ("6.0", 1_200_000),
    ("6.1", 1_500_000),
];

/// The release breakglass writes for when a profile names none: Django 5.2 LTS.
pub const DEFAULT_RELEASE: &str = "5.2";
pub const DEFAULT_ITERATIONS: u32 = 1_000_000;

/// `Argon2PasswordHasher`'s parameters (time_cost 2, memory_cost 102400, parallelism 8).
pub const ARGON2: Argon2Config = Argon2Config {
    time_cost: 2,
    memory_cost_kib: 102_400,
    parallelism: 8,
};

/// `BCryptSHA256PasswordHasher.rounds`.
pub const BCRYPT_ROUNDS: u32 = 12;

/// Django's salts: `get_random_string(22)` from letters and digits (128 bits).
const SALT_LENGTH: usize = 22;

/// The iteration count for a release name ("5.2"); None for a release breakglass does not know.
pub fn iterations_for(release: &str) -> Option<u32> {
    RELEASE_ITERATIONS
        .iter()
        .find(|(name, _)| *name == release.trim())
        .map(|(_, iterations)| *iterations)
}

/// The algorithm part of a Django string (`pbkdf2_sha256`, `argon2`, ...), when it is one.
pub fn algorithm(stored: &str) -> Option<&'static str> {
    let (algorithm, _) = stored.split_once('$')?;
    [
        "pbkdf2_sha256",
        "pbkdf2_sha1",
        "argon2",
        "bcrypt_sha256",
        "bcrypt",
        "scrypt",
    ]
    .into_iter()
    .find(|known| *known == algorithm)
}

/// Django's marker for "no usable password" (`set_unusable_password`): `!` and 40 characters.
pub fn is_unusable(stored: &str) -> bool {
    stored.starts_with('!')
}

pub fn verify(password: &Secret, stored: &str) -> Check {
    if is_unusable(stored) {
        return Check::Unusable(
            "no usable password: Django's set_unusable_password() marker ('!' and 40 characters)"
                .to_owned(),
        );
    }
    let Some((algorithm, rest)) = stored.split_once('$') else {
        return garbled("", "it has no '$'");
    };
    match algorithm {
        "pbkdf2_sha256" => verify_pbkdf2(password, stored, rest, "pbkdf2_sha256"),
        "pbkdf2_sha1" => verify_pbkdf2(password, stored, rest, "pbkdf2_sha1"),
        // "argon2" followed by argon2-cffi's own string, which begins with '$'.
        "argon2" => match super::hash::verify_argon2(password, &stored["argon2".len()..]) {
            Check::Unusable(why) => Check::Unusable(format!("Django argon2: {why}")),
            check => check,
        },
        "bcrypt_sha256" => {
            let digest = Sha256::digest(password.expose().as_bytes());
            let hex = Secret::new(super::hash::hex(&digest));
            prefixed(super::hash::verify_bcrypt(&hex, rest), "bcrypt_sha256")
        }
        "bcrypt" => prefixed(super::hash::verify_bcrypt(password, rest), "bcrypt"),
        "scrypt" => verify_scrypt(password, stored, rest),
        other => Check::Unusable(format!(
            "the stored value looks like Django's but names the algorithm '{other}', which breakglass \
             does not know"
        )),
    }
}

fn prefixed(check: Check, algorithm: &str) -> Check {
    match check {
        Check::Unusable(why) => Check::Unusable(format!("Django {algorithm}: {why}")),
        check => check,
    }
}

fn garbled(algorithm: &str, why: &str) -> Check {
    Check::Unusable(format!(
        "the stored Django {algorithm} hash is truncated or garbled ({why}); no password can match it: \
         set a new one with breakglass reset"
    ))
}

fn verify_pbkdf2(password: &Secret, stored: &str, rest: &str, algorithm: &str) -> Check {
    let parts: Vec<&str> = rest.splitn(3, '$').collect();
    let [iterations, salt, hash] = parts[..] else {
        return garbled(
            algorithm,
            "it needs iterations, salt and hash separated by '$'",
        );
    };
    let Ok(iterations) = iterations.parse::<u32>() else {
        return garbled(
            algorithm,
            &format!("the iteration count '{iterations}' is not a number breakglass can run"),
        );
    };
    if iterations == 0 || iterations > MAX_PBKDF2_ITERATIONS {
        return super::hash::too_costly(&format!(
            "Django {algorithm} hash asks for {iterations} iterations, more than breakglass runs \
             (1 to {MAX_PBKDF2_ITERATIONS})"
        ));
    }
    let sha1 = algorithm == "pbkdf2_sha1";
    let length = if sha1 { 20 } else { 32 };
    if STANDARD.decode(hash).map(|bytes| bytes.len()) != Ok(length) {
        return garbled(
            algorithm,
            &format!("the hash part is not the base64 of {length} bytes"),
        );
    }
    let mut key = zeroize::Zeroizing::new(vec![0u8; length]);
    let (bytes, salt_bytes) = (password.expose().as_bytes(), salt.as_bytes());
    if sha1 {
        pbkdf2::pbkdf2_hmac::<sha1::Sha1>(bytes, salt_bytes, iterations, &mut key);
    } else {
        super::hash::pbkdf2_sha2(false, bytes, salt_bytes, iterations, &mut key);
    }
    let again = format!(
        "{algorithm}${iterations}${salt}${}",
        STANDARD.encode(key.as_slice())
    );
    if constant_time_eq(again.as_bytes(), stored.as_bytes()) {
        Check::Match
    } else {
        Check::Mismatch
    }
}

fn verify_scrypt(password: &Secret, stored: &str, rest: &str) -> Check {
    // scrypt$N$SALT$r$p$HASH (ScryptPasswordHasher.decode).
    let parts: Vec<&str> = rest.splitn(5, '$').collect();
    let [n, salt, r, p, hash] = parts[..] else {
        return garbled("scrypt", "it needs N, salt, r, p and hash separated by '$'");
    };
    let cost = match ScryptCost::parse(n, r, p) {
        Ok(cost) => cost,
        Err(check) => return prefixed(check, "scrypt"),
    };
    if STANDARD.decode(hash).map(|bytes| bytes.len()) != Ok(64) {
        return garbled("scrypt", "the hash part is not the base64 of 64 bytes");
    }
    let Some(key) = cost.derive(password, salt, 64) else {
        return garbled("scrypt", "its parameters are outside what scrypt accepts");
    };
    let again = format!(
        "scrypt${}${salt}${}${}${}",
        cost.n(),
        cost.r,
        cost.p,
        STANDARD.encode(key.as_slice())
    );
    if constant_time_eq(again.as_bytes(), stored.as_bytes()) {
        Check::Match
    } else {
        Check::Mismatch
    }
}

/// `pbkdf2_sha256$ITERATIONS$SALT$HASH`, as `PBKDF2PasswordHasher.encode` writes it.
pub fn hash_pbkdf2_sha256(password: &Secret, iterations: u32) -> String {
    let salt = random_alphanumeric(SALT_LENGTH);
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    super::hash::pbkdf2_sha2(
        false,
        password.expose().as_bytes(),
        salt.as_bytes(),
        iterations,
        key.as_mut(),
    );
    format!(
        "pbkdf2_sha256${iterations}${salt}${}",
        STANDARD.encode(key.as_slice())
    )
}

/// `argon2$argon2id$v=19$m=...,t=...,p=...$SALT$HASH`, as `Argon2PasswordHasher` writes it.
pub fn hash_argon2(password: &Secret, config: &Argon2Config) -> anyhow::Result<String> {
    Ok(format!("argon2{}", config.hash(password)?))
}

/// `bcrypt_sha256$$2b$COST$...`: bcrypt over the hex SHA-256 of the password, so length
/// does not matter.
pub fn hash_bcrypt_sha256(password: &Secret, cost: u32) -> anyhow::Result<String> {
    let digest = Sha256::digest(password.expose().as_bytes());
    let hex = zeroize::Zeroizing::new(super::hash::hex(&digest));
    let inner = bcrypt::hash_with_result(hex.as_bytes(), cost)
        .map_err(|error| anyhow::anyhow!("hashing the password failed: {error}"))?
        .format_for_version(bcrypt::Version::TwoB);
    Ok(format!("bcrypt_sha256${inner}"))
}

/// The form of a Django string: `written` when its algorithm is the one `writes`; Django's
/// unusable-password marker is a form no password matches.
fn form(stored: &str, writes: &str) -> Option<Form> {
    if is_unusable(stored) {
        return Some(Form {
            name: "django unusable".to_owned(),
            written: false,
            usable: false,
        });
    }
    let algorithm = algorithm(stored)?;
    let name = format!("django {algorithm}");
    if algorithm == writes {
        Form::written(name)
    } else {
        Form::read(name)
    }
}

/// `PBKDF2PasswordHasher`, Django's default: `pbkdf2_sha256$ITERATIONS$SALT$HASH`. Like the
/// other Django schemes it reads every form `django.contrib.auth` ships.
pub struct Pbkdf2Sha256Hasher;

impl Scheme for Pbkdf2Sha256Hasher {
    fn name(&self) -> &'static str {
        "django-pbkdf2-sha256"
    }

    fn about(&self) -> &'static str {
        "Django's default, pbkdf2_sha256$... ([hash] iterations or release)"
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["iterations", "release"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        let iterations = match (given.iterations, given.release) {
            (Some(_), Some(_)) => {
                return Err("[hash] takes iterations or release, not both".to_owned());
            }
            (Some(iterations), None) => iterations,
            (None, Some(release)) => iterations_for(release).ok_or_else(|| {
                let known: Vec<&str> = RELEASE_ITERATIONS.iter().map(|(name, _)| *name).collect();
                format!(
                    "[hash] release '{release}' is not a Django release breakglass knows ({}); \
                     give iterations = N instead",
                    known.join(", ")
                )
            })?,
            (None, None) => DEFAULT_ITERATIONS,
        };
        super::hash::pbkdf2_iterations(iterations)
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        Ok(hash_pbkdf2_sha256(
            password,
            params.iterations(self.name())?,
        ))
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        form(stored, "pbkdf2_sha256")
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify(password, stored)
    }
}

/// `Argon2PasswordHasher`: `argon2$argon2id$...`.
pub struct Argon2Hasher;

impl Scheme for Argon2Hasher {
    fn name(&self) -> &'static str {
        "django-argon2"
    }

    fn about(&self) -> &'static str {
        "Django's argon2$argon2id$..."
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["time_cost", "memory_cost", "parallelism"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        super::hash::argon2_from(given, ARGON2)
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        hash_argon2(password, &params.argon2(self.name())?)
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        form(stored, "argon2")
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify(password, stored)
    }
}

/// `BCryptSHA256PasswordHasher`: `bcrypt_sha256$$2b$COST$...`.
pub struct BcryptSha256Hasher;

impl Scheme for BcryptSha256Hasher {
    fn name(&self) -> &'static str {
        "django-bcrypt-sha256"
    }

    fn about(&self) -> &'static str {
        "Django's bcrypt_sha256$$2b$... ([hash] cost)"
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["cost"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        super::hash::bcrypt_cost(given, BCRYPT_ROUNDS)
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        hash_bcrypt_sha256(password, params.cost(self.name())?)
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        form(stored, "bcrypt_sha256")
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

    /// Made by Django 5.2.19's `make_password('lètmein', None, algorithm)` (sha1: a cheaper one);
    /// CI checks fresh ones
    /// against Django itself (tests/django.rs).
    pub const DJANGO_MADE: &[&str] = &[
        "pbkdf2_sha256$1000000$R8aTsmifQSdYIoqJNvv8he$euHWUw5M1NSJpbejvP+KjveM14mgBIJ5cUgW/rYEM84=",
        // PBKDF2SHA1PasswordHasher().encode("lètmein", "seasaltseasaltseasalt1", 1000)
        "pbkdf2_sha1$1000$seasaltseasaltseasalt1$yT/H49wWGgd4CFZw6J/qiyXyeAQ=",
        "argon2$argon2id$v=19$m=102400,t=2,p=8$TkdhOFJrOE5jeXZHa1pFSzFsV1VIVg$KuQxSMWxeDVm4542sIikCxNbWNeiHploTpLLdDZBeNw",
        "bcrypt_sha256$$2b$12$PuwTxaURvGSmpZ12Lln8wupvKNA1d8T6qaCqVlixPd1L9Aydn71Cy",
        "bcrypt$$2b$12$b76oOd6tOHHzyRpbxvecw.chMBcJ7GycRVgb1NApwb1JC.3N4tOVC",
        "scrypt$16384$jV6mWL0lb7fxkaX7qx9Blj$8$5$uctdep2KT7IjbaSW+e9NBsuzddEt4jAFUCNu2gXlCnypt8+V547SuvUw5YCySbzkaVbGniR6CNTudEtID8F4bg==",
    ];

    #[test]
    fn verifies_hashes_django_made() {
        for stored in DJANGO_MADE {
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
    fn pbkdf2_round_trips_and_has_djangos_shape() {
        let password = secret("Correct-Horse-9");
        let stored = hash_pbkdf2_sha256(&password, 1000);
        let parts: Vec<&str> = stored.split('$').collect();
        assert_eq!(parts[0], "pbkdf2_sha256");
        assert_eq!(parts[1], "1000");
        assert_eq!(parts[2].len(), 22);
        assert!(parts[2].chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(parts[3].len(), 44);
        assert_eq!(verify(&password, &stored), Check::Match);
        assert_eq!(verify(&secret("correct-horse-9"), &stored), Check::Mismatch);
    }

    #[test]
    fn known_pbkdf2_sha256_output() {
        // RFC 7914 section 11 gives PBKDF2-HMAC-SHA256("passwd", "salt", 1, 64); its first 32
        // bytes, base64-encoded, are what Django would store for 1 iteration.
        let stored = "pbkdf2_sha256$1$salt$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=";
        assert_eq!(verify(&secret("passwd"), stored), Check::Match);
        assert_eq!(verify(&secret("passwe"), stored), Check::Mismatch);
    }

    #[test]
    fn bcrypt_sha256_and_argon2_round_trip() {
        let password = secret(&"long-password-".repeat(8));
        let stored = hash_bcrypt_sha256(&password, 4).expect("hash");
        assert!(stored.starts_with("bcrypt_sha256$$2b$04$"), "{stored}");
        assert_eq!(verify(&password, &stored), Check::Match);
        // Past 72 bytes the plain bcrypt would not tell these apart; bcrypt_sha256 does.
        let mut other = password.expose().to_owned();
        other.push('x');
        assert_eq!(verify(&secret(&other), &stored), Check::Mismatch);
        let cheap = Argon2Config {
            time_cost: 1,
            memory_cost_kib: 64,
            parallelism: 1,
        };
        let stored = hash_argon2(&password, &cheap).expect("hash");
        assert!(stored.starts_with("argon2$argon2id$v=19$m=64,t=1,p=1$"));
        assert_eq!(verify(&password, &stored), Check::Match);
        assert_eq!(verify(&secret("nope"), &stored), Check::Mismatch);
    }

    #[test]
    fn broken_and_unusable_strings_are_unusable_never_run() {
        let password = secret("Correct-Horse-9");
        let good = hash_pbkdf2_sha256(&password, 1000);
        let broken = [
            "!",
            "!abcdefghijklmnopqrstuvwxyz0123456789ABCD",
            "pbkdf2_sha256$",
            "pbkdf2_sha256$1000$salt",
            "pbkdf2_sha256$lots$salt$hash",
            "pbkdf2_sha256$-1$salt$hash",
            "pbkdf2_sha256$4294967295$salt$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
            "pbkdf2_sha256$0$salt$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=",
            &good[..good.len() - 4],
            "argon2$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
            "bcrypt_sha256$$2b$31$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
            "scrypt$16384$salt$8$5$short",
            "scrypt$1073741824$salt$8$1$aGFzaA==",
            "scrypt$1000$salt$8$1$aGFzaA==",
            "md5$salt$hash",
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
        assert!(matches!(
            verify(&password, "!x"),
            Check::Unusable(why) if why.starts_with("no usable password")
        ));
    }

    #[test]
    fn releases_name_their_iterations() {
        assert_eq!(iterations_for(DEFAULT_RELEASE), Some(DEFAULT_ITERATIONS));
        assert_eq!(iterations_for("6.0"), Some(1_200_000));
        // Read from PBKDF2PasswordHasher.iterations in Django 6.1.2, which NetBox 4.7 pins.
        assert_eq!(iterations_for("6.1"), Some(1_500_000));
        assert_eq!(iterations_for("1.0"), None);
    }
}
