//! Argon2 and bcrypt: the PHC strings argon2-cffi writes with the gateway's parameters, plain
//! bcrypt, and what every scheme shares (costs, limits, the check's answer).

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params as Argon2Params, Version};

use super::Secret;
use super::scheme::{Form, Given, Params, Scheme, verify_any};

/// argon2-cffi's `PasswordHasher` defaults (ContextForge uses them unchanged).
pub const ARGON2_TIME_COST: u32 = 3;
pub const ARGON2_MEMORY_COST_KIB: u32 = 65536;
pub const ARGON2_PARALLELISM: u32 = 1;
pub const HASH_LEN: usize = 32;

/// Upper bounds that catch a typo (an extra zero) before it costs minutes or gigabytes.
const MAX_TIME_COST: u32 = 64;
const MAX_MEMORY_COST_KIB: u32 = 1024 * 1024;
const MAX_PARALLELISM: u32 = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Argon2Config {
    pub time_cost: u32,
    pub memory_cost_kib: u32,
    pub parallelism: u32,
}

impl Default for Argon2Config {
    fn default() -> Self {
        Argon2Config {
            time_cost: ARGON2_TIME_COST,
            memory_cost_kib: ARGON2_MEMORY_COST_KIB,
            parallelism: ARGON2_PARALLELISM,
        }
    }
}

/// One Argon2 cost as given, with the flag or variable it came from, for the error message.
pub struct CostInput<'a> {
    pub value: &'a str,
    pub origin: &'a str,
}

impl Argon2Config {
    /// Builds the configuration from text values (flags or the gateway's variables);
    /// a missing value keeps the gateway's default. Errors name where the value came from.
    pub fn from_inputs(
        time_cost: Option<CostInput<'_>>,
        memory_cost: Option<CostInput<'_>>,
        parallelism: Option<CostInput<'_>>,
    ) -> Result<Self, String> {
        let defaults = Argon2Config::default();
        let config = Argon2Config {
            time_cost: parse_cost(time_cost, 1, MAX_TIME_COST)?.unwrap_or(defaults.time_cost),
            memory_cost_kib: parse_cost(memory_cost, 8, MAX_MEMORY_COST_KIB)?
                .unwrap_or(defaults.memory_cost_kib),
            parallelism: parse_cost(parallelism, 1, MAX_PARALLELISM)?
                .unwrap_or(defaults.parallelism),
        };
        let work = u64::from(config.memory_cost_kib) * u64::from(config.time_cost);
        if work > MAX_VERIFY_WORK {
            return Err(format!(
                "the Argon2 memory cost ({} KiB) times the time cost ({}) is {work}; at most {MAX_VERIFY_WORK} \
                 keeps a check of the hash to seconds",
                config.memory_cost_kib, config.time_cost
            ));
        }
        if config.memory_cost_kib < 8 * config.parallelism {
            return Err(format!(
                "the Argon2 memory cost ({} KiB) must be at least 8 KiB per lane of parallelism ({})",
                config.memory_cost_kib, config.parallelism
            ));
        }
        Ok(config)
    }

    fn hasher(&self) -> Argon2<'static> {
        // The bounds in from_inputs are inside argon2's own, so this cannot fail.
        let params = Argon2Params::new(
            self.memory_cost_kib,
            self.time_cost,
            self.parallelism,
            Some(HASH_LEN),
        )
        .unwrap_or_default();
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// A PHC string (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`) with a fresh 16-byte salt
    /// from the operating system's CSPRNG.
    pub fn hash(&self, password: &Secret) -> anyhow::Result<String> {
        let hash = self
            .hasher()
            .hash_password(password.expose().as_bytes())
            .map_err(|error| anyhow::anyhow!("hashing the password failed: {error}"))?;
        Ok(hash.to_string())
    }

    /// Hashes, and on a second thread derives the same key independently, so that a stored
    /// copy of the hash can be verified later without a second Argon2 run on the clock.
    pub fn hash_with_proof(&self, password: &Secret) -> anyhow::Result<Hashed> {
        let salt = argon2::password_hash::try_generate_salt().map_err(|error| {
            anyhow::anyhow!("the operating system gave no random salt: {error}")
        })?;
        let hasher = self.hasher();
        let bytes = password.expose().as_bytes();
        let (hash, proof) = std::thread::scope(|scope| {
            let proof = scope.spawn(|| {
                let mut key = zeroize::Zeroizing::new([0u8; HASH_LEN]);
                hasher
                    .hash_password_into(bytes, &salt, key.as_mut())
                    .map(|()| key)
            });
            let hash = hasher.hash_password_with_salt(bytes, &salt);
            (hash, proof.join())
        });
        let hash = hash.map_err(|error| anyhow::anyhow!("hashing the password failed: {error}"))?;
        let proof = proof
            .map_err(|_| anyhow::anyhow!("the verifying thread panicked"))?
            .map_err(|error| anyhow::anyhow!("hashing the password failed: {error}"))?;
        Ok(Hashed {
            phc: hash.to_string(),
            proof: Some(proof),
            pepper: None,
        })
    }
}

/// A new hash with an independently derived key (see [`Argon2Config::hash_with_proof`]).
pub struct Hashed {
    pub phc: String,
    /// The Argon2 key derived alongside; bcrypt has none and is verified in full.
    proof: Option<zeroize::Zeroizing<[u8; HASH_LEN]>>,
    /// The pepper the hashed password carried (Devise), applied again when verifying.
    pepper: Option<super::pepper::Pepper>,
}

impl Hashed {
    /// A hash verified in full when read back (no key derived alongside).
    pub fn unproven(phc: String) -> Hashed {
        Hashed {
            phc,
            proof: None,
            pepper: None,
        }
    }

    /// The same hash, of a password that carried `pepper`.
    pub fn with_pepper(self, pepper: Option<super::pepper::Pepper>) -> Hashed {
        Hashed { pepper, ..self }
    }

    /// Whether `stored` verifies `password`: when `stored` is this hash, by the key already
    /// derived alongside it; otherwise by a full Argon2 verification.
    pub fn verifies(&self, password: &Secret, stored: &str) -> bool {
        let proven = stored == self.phc
            && self.proof.as_ref().is_some_and(|proof| {
                PasswordHash::new(super::nextcloud::inner(stored))
                    .ok()
                    .and_then(|parsed| parsed.hash)
                    .is_some_and(|output| output.as_bytes() == proof.as_slice())
            });
        proven
            || verify_any(
                &super::pepper::seasoned(password, self.pepper.as_ref()),
                stored,
            ) == Check::Match
    }
}

fn parse_cost(input: Option<CostInput<'_>>, min: u32, max: u32) -> Result<Option<u32>, String> {
    let Some(CostInput { value, origin }) = input else {
        return Ok(None);
    };
    match value.trim().parse::<u32>() {
        Ok(number) if (min..=max).contains(&number) => Ok(Some(number)),
        Ok(number) => Err(format!(
            "{origin} is {number}; it must be between {min} and {max}"
        )),
        Err(_) => Err(format!(
            "{origin} must be a whole number between {min} and {max}, not '{value}'"
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Match,
    Mismatch,
    /// The stored value can never match any password; the text says why.
    Unusable(String),
}

/// The most memory one check of a stored hash may take. The parameters come from the
/// database, and a corrupt or hostile row must not exhaust the machine or hang the command.
const MAX_VERIFY_MEMORY_KIB: u64 = 4 * 1024 * 1024;
/// The most work (memory in KiB times passes) one check may take: about 85 times the
/// gateway's defaults, some seconds here.
const MAX_VERIFY_WORK: u64 = 1 << 24;

/// Checks a password the way argon2-cffi does: the parameters come from the stored string.
pub(crate) fn verify_argon2(password: &Secret, stored: &str) -> Check {
    let parsed = match PasswordHash::new(stored) {
        Ok(parsed) => parsed,
        Err(error) => {
            return Check::Unusable(format!("the stored Argon2 hash is malformed ({error})"));
        }
    };
    let cost = |name: &str| parsed.params.get_decimal(name).map(u64::from);
    if let (Some(memory), Some(passes)) = (cost("m"), cost("t"))
        && (memory > MAX_VERIFY_MEMORY_KIB || memory.saturating_mul(passes) > MAX_VERIFY_WORK)
    {
        return Check::Unusable(format!(
            "the stored Argon2 hash asks for {memory} KiB and {passes} passes, more than breakglass \
             spends on one check (at most {} MiB, and memory times passes at most {MAX_VERIFY_WORK}); \
             the row looks corrupt: set a new password with breakglass reset",
            MAX_VERIFY_MEMORY_KIB / 1024
        ));
    }
    match Argon2::default().verify_password(password.expose().as_bytes(), &parsed) {
        Ok(()) => Check::Match,
        Err(argon2::password_hash::Error::PasswordInvalid) => Check::Mismatch,
        Err(error) => Check::Unusable(format!(
            "the stored Argon2 hash cannot be checked ({error})"
        )),
    }
}

/// The highest bcrypt cost breakglass checks or writes: each step doubles the work, and 16
/// already takes seconds. A stored hash asking for more is treated like an absurd Argon2 one.
pub const MAX_BCRYPT_COST: u32 = 16;

pub(crate) fn verify_bcrypt(password: &Secret, stored: &str) -> Check {
    let cost = stored
        .get(4..6)
        .and_then(|digits| digits.parse::<u32>().ok());
    if let Some(cost) = cost.filter(|cost| *cost > MAX_BCRYPT_COST) {
        return Check::Unusable(format!(
            "the stored bcrypt hash asks for cost {cost}, more than breakglass spends on one check \
             (at most {MAX_BCRYPT_COST}); the row looks corrupt: set a new password with breakglass reset"
        ));
    }
    // $2a$, $2b$ and $2y$ differ only in how old implementations handled long or 8-bit
    // passwords; the crate reads all three.
    match bcrypt::verify(password.expose().as_bytes(), stored) {
        Ok(true) => Check::Match,
        Ok(false) => Check::Mismatch,
        Err(error) => Check::Unusable(format!("the stored bcrypt hash is malformed ({error})")),
    }
}

/// bcrypt reads at most 72 bytes; Python's bcrypt refuses longer passwords outright.
pub const BCRYPT_MAX_BYTES: usize = 72;

/// Whether `stored` is a bcrypt string (`$2a$`, `$2b$` or `$2y$`), however garbled after it.
pub(crate) fn is_bcrypt(stored: &str) -> bool {
    ["$2a$", "$2b$", "$2y$"]
        .iter()
        .any(|prefix| stored.starts_with(prefix))
}

/// Argon2 costs from a profile's `[hash]` values over `defaults`, through the same bounds as
/// the gateway's ARGON2ID_* settings; errors name the key.
pub(crate) fn argon2_from(given: &Given<'_>, defaults: Argon2Config) -> Result<Params, String> {
    let text = [
        given.time_cost.unwrap_or(defaults.time_cost),
        given.memory_cost.unwrap_or(defaults.memory_cost_kib),
        given.parallelism.unwrap_or(defaults.parallelism),
    ]
    .map(|number| number.to_string());
    let input = |i: usize, origin| {
        Some(CostInput {
            value: &text[i],
            origin,
        })
    };
    Ok(Params::Argon2(Argon2Config::from_inputs(
        input(0, "[hash] time_cost"),
        input(1, "[hash] memory_cost"),
        input(2, "[hash] parallelism"),
    )?))
}

/// A bcrypt cost a profile gives (or `default`), within what breakglass writes.
pub(crate) fn bcrypt_cost(given: &Given<'_>, default: u32) -> Result<Params, String> {
    let cost = given.cost.unwrap_or(default);
    if (4..=MAX_BCRYPT_COST).contains(&cost) {
        Ok(Params::Cost(cost))
    } else {
        Err(format!(
            "[hash] cost is {cost}; breakglass writes bcrypt with a cost between 4 and {MAX_BCRYPT_COST}"
        ))
    }
}

/// PBKDF2 iterations a profile gives, within what breakglass writes.
pub(crate) fn pbkdf2_iterations(iterations: u32) -> Result<Params, String> {
    if (1000..=MAX_PBKDF2_ITERATIONS).contains(&iterations) {
        Ok(Params::Iterations(iterations))
    } else {
        Err(format!(
            "[hash] iterations is {iterations}; breakglass writes PBKDF2 with 1000 to {MAX_PBKDF2_ITERATIONS}"
        ))
    }
}

const ARGON2_PARAMETERS: &[&str] = &["time_cost", "memory_cost", "parallelism"];

/// argon2-cffi's PHC strings: writes argon2id, reads every variant.
pub struct Argon2id;

impl Scheme for Argon2id {
    fn name(&self) -> &'static str {
        "argon2id"
    }

    fn about(&self) -> &'static str {
        "Argon2id PHC string $argon2id$v=19$... (argon2-cffi; reads argon2i and argon2d too)"
    }

    fn parameters(&self) -> &'static [&'static str] {
        ARGON2_PARAMETERS
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        argon2_from(given, Argon2Config::default())
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        params.argon2(self.name())?.hash(password)
    }

    fn hash_with_proof(&self, params: Params, password: &Secret) -> anyhow::Result<Hashed> {
        params.argon2(self.name())?.hash_with_proof(password)
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        let variant = stored.strip_prefix('$')?.split('$').next()?;
        match variant {
            "argon2id" => Form::written(variant),
            "argon2i" | "argon2d" => Form::read(variant),
            _ => None,
        }
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify_argon2(password, stored)
    }
}

/// bcrypt as the Node and Python libraries write it (`$2b$`); reads `$2a$` and `$2y$` too.
pub struct Bcrypt;

/// What the Node and Python bcrypt libraries' users most often choose.
const DEFAULT_BCRYPT_COST: u32 = 12;

impl Scheme for Bcrypt {
    fn name(&self) -> &'static str {
        "bcrypt"
    }

    fn about(&self) -> &'static str {
        "bcrypt $2b$COST$... (reads $2a$ and $2y$ too)"
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["cost"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        bcrypt_cost(given, DEFAULT_BCRYPT_COST)
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        bcrypt_hash(password, params.cost(self.name())?, bcrypt::Version::TwoB)
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        is_bcrypt(stored).then(|| Form::written("bcrypt"))?
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify_bcrypt(password, stored)
    }
}

/// bcrypt in the given version's spelling. A password bcrypt would silently truncate is
/// refused (exit 8).
pub(crate) fn bcrypt_hash(
    password: &Secret,
    cost: u32,
    version: bcrypt::Version,
) -> anyhow::Result<String> {
    let bytes = password.expose().as_bytes();
    if bytes.len() > BCRYPT_MAX_BYTES {
        return Err(crate::exit::Failure::error(
            crate::exit::REFUSED,
            format!(
                "the password (with the application's pepper, if any) is {} bytes; bcrypt uses only the \
                 first {BCRYPT_MAX_BYTES}, so the application would accept any password sharing them. Nothing \
                 was changed; choose a shorter one",
                bytes.len()
            ),
        ));
    }
    Ok(bcrypt::hash_with_result(bytes, cost)
        .map_err(|error| anyhow::anyhow!("hashing the password failed: {error}"))?
        .format_for_version(version))
}

/// The most PBKDF2 iterations one check runs: ten times Django 5.2's 1,000,000 (about
/// seconds); a stored hash asking for more is treated like an absurd Argon2 one.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// scrypt's limits for one check: memory (128 * N * r bytes) at most 1 GiB, and N * r * p at
/// most 2^24 (64 times werkzeug's default, some seconds).
const MAX_SCRYPT_NR: u64 = 1 << 23;
const MAX_SCRYPT_WORK: u64 = 1 << 24;

/// scrypt's cost parameters: N = 2^log_n, block size r, parallelism p.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScryptCost {
    pub log_n: u8,
    pub r: u32,
    pub p: u32,
}

impl ScryptCost {
    pub fn n(self) -> u64 {
        1u64 << self.log_n
    }

    /// From a stored string's decimal N, r and p; garbled or too costly ones are unusable.
    pub fn parse(n: &str, r: &str, p: &str) -> Result<ScryptCost, Check> {
        let number = |text: &str| text.parse::<u64>().ok();
        let (Some(n), Some(r), Some(p)) = (number(n), number(r), number(p)) else {
            return Err(Check::Unusable(format!(
                "the stored scrypt parameters N={n}, r={r}, p={p} are not whole numbers; the hash is \
                 garbled: set a new password with breakglass reset"
            )));
        };
        ScryptCost::new(n, r, p).map_err(Check::Unusable)
    }

    /// Checked against scrypt's rules and breakglass's work limits.
    pub fn new(n: u64, r: u64, p: u64) -> Result<ScryptCost, String> {
        if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
            return Err(format!(
                "scrypt needs N a power of two above 1 and r, p at least 1, not N={n}, r={r}, p={p}; \
                 the hash is garbled: set a new password with breakglass reset"
            ));
        }
        let nr = n.saturating_mul(r);
        if nr > MAX_SCRYPT_NR || nr.saturating_mul(p) > MAX_SCRYPT_WORK {
            return Err(format!(
                "the stored scrypt hash asks for N={n}, r={r}, p={p}, more than breakglass spends on one \
                 check (128*N*r at most 1 GiB, N*r*p at most {MAX_SCRYPT_WORK}); the row looks corrupt: \
                 set a new password with breakglass reset"
            ));
        }
        Ok(ScryptCost {
            log_n: u8::try_from(n.trailing_zeros()).unwrap_or(u8::MAX),
            r: u32::try_from(r).unwrap_or(u32::MAX),
            p: u32::try_from(p).unwrap_or(u32::MAX),
        })
    }

    /// The scrypt key of `length` bytes; None when scrypt refuses the parameters.
    pub fn derive(
        self,
        password: &Secret,
        salt: &str,
        length: usize,
    ) -> Option<zeroize::Zeroizing<Vec<u8>>> {
        let params = scrypt::Params::new(self.log_n, self.r, self.p).ok()?;
        let mut key = zeroize::Zeroizing::new(vec![0u8; length]);
        scrypt::scrypt(
            password.expose().as_bytes(),
            salt.as_bytes(),
            &params,
            &mut key,
        )
        .ok()?;
        Some(key)
    }
}

/// PBKDF2-HMAC-SHA256 or -SHA512 into `out`. Through the crate's non-generic entry point when
/// it can (1000 rounds or more), so that the rounds run as optimised code in every build.
pub(crate) fn pbkdf2_sha2(sha512: bool, password: &[u8], salt: &[u8], rounds: u32, out: &mut [u8]) {
    let algorithm = if sha512 {
        pbkdf2::Algorithm::Pbkdf2Sha512
    } else {
        pbkdf2::Algorithm::Pbkdf2Sha256
    };
    match pbkdf2::Params::new(rounds) {
        Ok(params) => pbkdf2::pbkdf2_hmac_with_params(password, salt, algorithm, params, out),
        Err(_) if sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, rounds, out),
        Err(_) => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, out),
    }
}

/// The refusal for a stored hash whose parameters would take minutes or gigabytes.
pub(crate) fn too_costly(what: &str) -> Check {
    Check::Unusable(format!(
        "the stored {what}; the row looks corrupt: set a new password with breakglass reset"
    ))
}

/// Lower-case hex, as Python's `bytes.hex()` and `hexdigest()` write it.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Compares two byte strings in time that depends on their length only.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A salt of letters and digits from the OS CSPRNG (Django's `get_random_string`, werkzeug's
/// `gen_salt`).
pub(crate) fn random_alphanumeric(length: usize) -> String {
    use rand::RngExt;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut rng = rand::rand_core::UnwrapErr(rand::rngs::SysRng);
    (0..length)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> Argon2Config {
        Argon2Config {
            time_cost: 1,
            memory_cost_kib: 64,
            parallelism: 1,
        }
    }

    fn input<'a>(value: &'a str, origin: &'a str) -> Option<CostInput<'a>> {
        Some(CostInput { value, origin })
    }

    #[test]
    fn defaults_are_the_gateways() {
        let config = Argon2Config::from_inputs(None, None, None).expect("defaults");
        assert_eq!(
            config,
            Argon2Config {
                time_cost: 3,
                memory_cost_kib: 65536,
                parallelism: 1
            }
        );
        let hash = config
            .hash(&Secret::new("Correct-Horse-9".into()))
            .expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"),
            "{hash}"
        );
        let parts: Vec<&str> = hash.split('$').collect();
        // 16-byte salt and 32-byte hash, unpadded base64.
        assert_eq!(parts[4].len(), 22);
        assert_eq!(parts[5].len(), 43);
    }

    #[test]
    fn bad_costs_name_their_origin() {
        let error = Argon2Config::from_inputs(input("0", "ARGON2ID_TIME_COST"), None, None)
            .expect_err("zero");
        assert!(error.contains("ARGON2ID_TIME_COST"), "{error}");
        let error = Argon2Config::from_inputs(None, input("lots", "--memory-cost"), None)
            .expect_err("text");
        assert!(
            error.contains("--memory-cost") && error.contains("lots"),
            "{error}"
        );
        let error =
            Argon2Config::from_inputs(None, input("99999999999", "ARGON2ID_MEMORY_COST"), None)
                .expect_err("huge");
        assert!(error.contains("ARGON2ID_MEMORY_COST"), "{error}");
        let error =
            Argon2Config::from_inputs(None, input("8", "m"), input("4", "p")).expect_err("lanes");
        assert!(error.contains("per lane"), "{error}");
    }

    #[test]
    fn verify_round_trips_and_tells_mismatch_from_unusable() {
        let password = Secret::new("Correct-Horse-9".into());
        let hash = cheap().hash(&password).expect("hash");
        assert_eq!(verify_any(&password, &hash), Check::Match);
        assert_eq!(
            verify_any(&Secret::new("correct-horse-9".into()), &hash),
            Check::Mismatch
        );
        assert!(matches!(
            verify_any(&password, "$2b$12$abcdefghijklmnopqrstuv"),
            Check::Unusable(_)
        ));
        let bcrypt = Bcrypt.hash(Params::Cost(4), &password).expect("bcrypt");
        assert!(
            bcrypt.starts_with("$2b$04$") && bcrypt.len() == 60,
            "{bcrypt}"
        );
        assert_eq!(verify_any(&password, &bcrypt), Check::Match);
        assert_eq!(
            verify_any(&Secret::new("nope".into()), &bcrypt),
            Check::Mismatch
        );
        for version in ["$2a$", "$2y$"] {
            let other = bcrypt.replacen("$2b$", version, 1);
            assert_eq!(verify_any(&password, &other), Check::Match, "{version}");
        }
        let absurd = bcrypt.replacen("$04$", "$31$", 1);
        let started = std::time::Instant::now();
        assert!(
            matches!(verify_any(&password, &absurd), Check::Unusable(why) if why.contains("cost 31"))
        );
        assert!(started.elapsed() < std::time::Duration::from_millis(100));
        let long = Secret::new("x".repeat(73));
        let refused = Bcrypt.hash(Params::Cost(4), &long).expect_err("too long");
        assert_eq!(crate::exit::code_for(&refused), crate::exit::REFUSED);
        assert!(matches!(
            verify_any(&password, "plaintext"),
            Check::Unusable(_)
        ));
        assert!(matches!(
            verify_any(&password, "$argon2id$v=19$m=65536,t=3,p=1$!!$??"),
            Check::Unusable(_)
        ));
    }

    #[test]
    fn argon2i_and_argon2d_hashes_verify_too() {
        let password = Secret::new("Correct-Horse-9".into());
        for algorithm in [Algorithm::Argon2i, Algorithm::Argon2d] {
            let params = Argon2Params::new(64, 1, 1, Some(HASH_LEN)).expect("params");
            let hash = Argon2::new(algorithm, Version::V0x13, params)
                .hash_password(password.expose().as_bytes())
                .expect("hash")
                .to_string();
            assert_eq!(verify_any(&password, &hash), Check::Match, "{hash}");
            assert_eq!(
                verify_any(&Secret::new("other".into()), &hash),
                Check::Mismatch
            );
        }
    }

    #[test]
    fn a_stored_hash_asking_for_unbounded_work_is_not_attempted() {
        let password = Secret::new("Correct-Horse-9".into());
        let salt_and_hash = "Kdzv+XNtqKPFHkSYwsRHMQ$QX3MaIQdPNvP6rNzWnP+sXZ0O0tBpKlwGanXOCdJpDI";
        for params in ["m=4294967295,t=1,p=1", "m=65536,t=4000000,p=1"] {
            let started = std::time::Instant::now();
            let check = verify_any(
                &password,
                &format!("$argon2id$v=19${params}${salt_and_hash}"),
            );
            assert!(
                matches!(&check, Check::Unusable(why) if why.contains("more than breakglass spends")),
                "{params}: {check:?}"
            );
            assert!(started.elapsed() < std::time::Duration::from_millis(100));
        }
    }

    #[test]
    fn verifies_a_hash_made_by_argon2_cffi() {
        // Made by argon2-cffi with the gateway's PasswordHasher settings; CI also checks fresh ones.
        let stored = "$argon2id$v=19$m=65536,t=3,p=1$Kdzv+XNtqKPFHkSYwsRHMQ$QX3MaIQdPNvP6rNzWnP+sXZ0O0tBpKlwGanXOCdJpDI";
        assert_eq!(
            verify_any(&Secret::new("Correct-Horse-9".into()), stored),
            Check::Match
        );
        assert_eq!(
            verify_any(&Secret::new("Correct-Horse-8".into()), stored),
            Check::Mismatch
        );
    }

    #[test]
    fn a_proof_verifies_its_own_hash_and_nothing_else() {
        let password = Secret::new("Correct-Horse-9".into());
        let hashed = cheap().hash_with_proof(&password).expect("hash");
        assert_eq!(verify_any(&password, &hashed.phc), Check::Match);
        assert!(hashed.verifies(&password, &hashed.phc));
        // Another stored value is checked the slow way: a different hash of the same password
        // verifies, a hash of another password does not.
        assert!(hashed.verifies(&password, &cheap().hash(&password).expect("hash")));
        let other = cheap()
            .hash(&Secret::new("Other-Horse-9".into()))
            .expect("hash");
        assert!(!hashed.verifies(&password, &other));
        // A tampered output with the same salt and parameters is caught.
        let mut tampered = hashed.phc.clone();
        let last = tampered.pop().expect("char");
        tampered.push(if last == 'A' { 'B' } else { 'A' });
        assert!(!hashed.verifies(&password, &tampered));
    }

    /// What the stored_hash fuzz target checks, deterministically over the new formats' seeds:
    /// every truncation and single-character change is classified and checked without a panic
    /// and without unbounded work.
    #[test]
    fn mutated_stored_forms_of_the_app_families_never_panic_or_run_long() {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/stored_hash");
        let password = Secret::new("fuzz-password".to_owned());
        let mut checked = 0;
        for entry in std::fs::read_dir(corpus).expect("corpus") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if ![
                "django",
                "werkzeug",
                "nextcloud",
                "devise",
                "gitea",
                "grafana",
            ]
            .iter()
            .any(|family| name.contains(family))
            {
                continue;
            }
            let seed = std::fs::read_to_string(&path).expect("seed");
            let mut inputs: Vec<String> = (0..seed.len())
                .filter(|&end| seed.is_char_boundary(end))
                .map(|end| seed[..end].to_owned())
                .collect();
            for (i, _) in seed.char_indices() {
                for replacement in ['$', ':', '9', '!', 'A', '0'] {
                    let mut mutated = seed.clone();
                    mutated.replace_range(i..i + 1, &replacement.to_string());
                    inputs.push(mutated);
                }
            }
            for input in inputs {
                let started = std::time::Instant::now();
                let _ = crate::password::scheme::name_of(&input);
                let _ = verify_any(&password, &input);
                assert!(
                    started.elapsed() < std::time::Duration::from_secs(10),
                    "{input} took {:?}",
                    started.elapsed()
                );
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn schemes_are_recognised_by_prefix() {
        use crate::password::scheme::name_of;
        for (stored, name) in [
            ("pbkdf2_sha256$1$s$h", "django pbkdf2_sha256"),
            ("argon2$argon2id$v=19$x", "django argon2"),
            ("bcrypt_sha256$$2b$12$x", "django bcrypt_sha256"),
            ("scrypt$16384$s$8$5$h", "django scrypt"),
            ("!abc", "django unusable"),
            ("scrypt:32768:8:1$s$h", "werkzeug scrypt"),
            ("pbkdf2:sha256:1000000$s$h", "werkzeug pbkdf2"),
            ("sha1$s$h", "unknown"),
            ("$argon2id$v=19$...", "argon2id"),
            ("$argon2i$v=19$...", "argon2i"),
            ("$2y$10$...", "bcrypt"),
            ("", "unknown"),
        ] {
            assert_eq!(name_of(stored), name, "{stored}");
        }
    }
}
