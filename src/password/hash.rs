//! Argon2id hashing with the gateway's parameters, and checking a stored hash.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use super::Secret;

/// argon2-cffi's `PasswordHasher` defaults, which the gateway uses unchanged.
pub const GATEWAY_TIME_COST: u32 = 3;
pub const GATEWAY_MEMORY_COST_KIB: u32 = 65536;
pub const GATEWAY_PARALLELISM: u32 = 1;
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
            time_cost: GATEWAY_TIME_COST,
            memory_cost_kib: GATEWAY_MEMORY_COST_KIB,
            parallelism: GATEWAY_PARALLELISM,
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
        let params = Params::new(
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
        })
    }
}

/// A new hash with an independently derived key (see [`Argon2Config::hash_with_proof`]).
pub struct Hashed {
    pub phc: String,
    /// The Argon2 key derived alongside; bcrypt has none and is verified in full.
    proof: Option<zeroize::Zeroizing<[u8; HASH_LEN]>>,
}

impl Hashed {
    /// Whether `stored` verifies `password`: when `stored` is this hash, by the key already
    /// derived alongside it; otherwise by a full Argon2 verification.
    pub fn verifies(&self, password: &Secret, stored: &str) -> bool {
        let proven = stored == self.phc
            && self.proof.as_ref().is_some_and(|proof| {
                PasswordHash::new(stored)
                    .ok()
                    .and_then(|parsed| parsed.hash)
                    .is_some_and(|output| output.as_bytes() == proof.as_slice())
            });
        proven || verify(password, stored) == Check::Match
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

/// The hash scheme a stored value uses, read from its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Argon2id,
    Argon2i,
    Argon2d,
    Bcrypt,
    Unknown,
}

impl Scheme {
    pub fn of(stored: &str) -> Scheme {
        let id = stored
            .strip_prefix('$')
            .and_then(|rest| rest.split('$').next());
        match id {
            Some("argon2id") => Scheme::Argon2id,
            Some("argon2i") => Scheme::Argon2i,
            Some("argon2d") => Scheme::Argon2d,
            Some("2a" | "2b" | "2y") => Scheme::Bcrypt,
            _ => Scheme::Unknown,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Scheme::Argon2id => "argon2id",
            Scheme::Argon2i => "argon2i",
            Scheme::Argon2d => "argon2d",
            Scheme::Bcrypt => "bcrypt",
            Scheme::Unknown => "unknown",
        }
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
pub fn verify(password: &Secret, stored: &str) -> Check {
    match Scheme::of(stored) {
        Scheme::Argon2id | Scheme::Argon2i | Scheme::Argon2d => {}
        Scheme::Bcrypt => return verify_bcrypt(password, stored),
        Scheme::Unknown => {
            return Check::Unusable(
                "the stored value is neither an Argon2 PHC string nor a bcrypt hash".into(),
            );
        }
    }
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

fn verify_bcrypt(password: &Secret, stored: &str) -> Check {
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

/// How new passwords are hashed: the profile's scheme and parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hasher {
    Argon2id(Argon2Config),
    Bcrypt { cost: u32 },
}

impl Hasher {
    pub fn scheme(self) -> Scheme {
        match self {
            Hasher::Argon2id(_) => Scheme::Argon2id,
            Hasher::Bcrypt { .. } => Scheme::Bcrypt,
        }
    }

    /// A hash of `password`, with what is needed to check a stored copy cheaply.
    /// A password bcrypt would silently truncate is refused (exit 8).
    pub fn hash_with_proof(self, password: &Secret) -> anyhow::Result<Hashed> {
        match self {
            Hasher::Argon2id(config) => config.hash_with_proof(password),
            Hasher::Bcrypt { cost } => {
                let bytes = password.expose().as_bytes();
                if bytes.len() > BCRYPT_MAX_BYTES {
                    return Err(crate::exit::Failure::error(
                        crate::exit::REFUSED,
                        format!(
                            "the password is {} bytes; bcrypt uses only the first {BCRYPT_MAX_BYTES}, so \
                             the application would accept any password sharing them. Nothing was changed; \
                             choose a shorter one",
                            bytes.len()
                        ),
                    ));
                }
                let phc = bcrypt::hash_with_result(bytes, cost)
                    .map_err(|error| anyhow::anyhow!("hashing the password failed: {error}"))?
                    .format_for_version(bcrypt::Version::TwoB);
                Ok(Hashed { phc, proof: None })
            }
        }
    }

    pub fn hash(self, password: &Secret) -> anyhow::Result<String> {
        Ok(self.hash_with_proof(password)?.phc)
    }
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
        assert_eq!(verify(&password, &hash), Check::Match);
        assert_eq!(
            verify(&Secret::new("correct-horse-9".into()), &hash),
            Check::Mismatch
        );
        assert!(matches!(
            verify(&password, "$2b$12$abcdefghijklmnopqrstuv"),
            Check::Unusable(_)
        ));
        let bcrypt = Hasher::Bcrypt { cost: 4 }.hash(&password).expect("bcrypt");
        assert!(
            bcrypt.starts_with("$2b$04$") && bcrypt.len() == 60,
            "{bcrypt}"
        );
        assert_eq!(verify(&password, &bcrypt), Check::Match);
        assert_eq!(
            verify(&Secret::new("nope".into()), &bcrypt),
            Check::Mismatch
        );
        for version in ["$2a$", "$2y$"] {
            let other = bcrypt.replacen("$2b$", version, 1);
            assert_eq!(verify(&password, &other), Check::Match, "{version}");
        }
        let absurd = bcrypt.replacen("$04$", "$31$", 1);
        let started = std::time::Instant::now();
        assert!(
            matches!(verify(&password, &absurd), Check::Unusable(why) if why.contains("cost 31"))
        );
        assert!(started.elapsed() < std::time::Duration::from_millis(100));
        let long = Secret::new("x".repeat(73));
        let refused = Hasher::Bcrypt { cost: 4 }
            .hash(&long)
            .expect_err("too long");
        assert_eq!(crate::exit::code_for(&refused), crate::exit::REFUSED);
        assert!(matches!(verify(&password, "plaintext"), Check::Unusable(_)));
        assert!(matches!(
            verify(&password, "$argon2id$v=19$m=65536,t=3,p=1$!!$??"),
            Check::Unusable(_)
        ));
    }

    #[test]
    fn argon2i_and_argon2d_hashes_verify_too() {
        let password = Secret::new("Correct-Horse-9".into());
        for algorithm in [Algorithm::Argon2i, Algorithm::Argon2d] {
            let params = Params::new(64, 1, 1, Some(HASH_LEN)).expect("params");
            let hash = Argon2::new(algorithm, Version::V0x13, params)
                .hash_password(password.expose().as_bytes())
                .expect("hash")
                .to_string();
            assert_eq!(verify(&password, &hash), Check::Match, "{hash}");
            assert_eq!(verify(&Secret::new("other".into()), &hash), Check::Mismatch);
        }
    }

    #[test]
    fn a_stored_hash_asking_for_unbounded_work_is_not_attempted() {
        let password = Secret::new("Correct-Horse-9".into());
        let salt_and_hash = "Kdzv+XNtqKPFHkSYwsRHMQ$QX3MaIQdPNvP6rNzWnP+sXZ0O0tBpKlwGanXOCdJpDI";
        for params in ["m=4294967295,t=1,p=1", "m=65536,t=4000000,p=1"] {
            let started = std::time::Instant::now();
            let check = verify(
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
            verify(&Secret::new("Correct-Horse-9".into()), stored),
            Check::Match
        );
        assert_eq!(
            verify(&Secret::new("Correct-Horse-8".into()), stored),
            Check::Mismatch
        );
    }

    #[test]
    fn a_proof_verifies_its_own_hash_and_nothing_else() {
        let password = Secret::new("Correct-Horse-9".into());
        let hashed = cheap().hash_with_proof(&password).expect("hash");
        assert_eq!(verify(&password, &hashed.phc), Check::Match);
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

    #[test]
    fn schemes_are_recognised_by_prefix() {
        assert_eq!(Scheme::of("$argon2id$v=19$..."), Scheme::Argon2id);
        assert_eq!(Scheme::of("$argon2i$v=19$..."), Scheme::Argon2i);
        assert_eq!(Scheme::of("$2y$10$..."), Scheme::Bcrypt);
        assert_eq!(Scheme::of(""), Scheme::Unknown);
    }
}
