//! Password schemes as one registry. A scheme names itself, parses its own parameters, hashes,
//! verifies, recognises the stored forms its application's check reads, and says which columns
//! its stored form spans. A profile lists the schemes its application accepts, the first of
//! which writes; a stored value is identified only among them (as Django's PASSWORD_HASHERS
//! matches a stored value only against its list).
//!
//! A new scheme is one file (or one struct in its family's file) and one line in [`REGISTRY`].

use std::fmt;

use super::Secret;
use super::hash::{Argon2Config, Check, Hashed, ScryptCost};
use super::salted::Parts;

/// The columns a scheme's stored form spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    Hash,
    HashSalt,
    HashSaltAlgorithm,
}

/// A scheme's parameters as a profile's `[hash]` section gives them, before the scheme checks
/// them. Every field is optional: an empty `Given` asks for the scheme's own defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct Given<'a> {
    pub time_cost: Option<u32>,
    pub memory_cost: Option<u32>,
    pub parallelism: Option<u32>,
    pub cost: Option<u32>,
    pub iterations: Option<u32>,
    pub release: Option<&'a str>,
    pub work_factor: Option<u64>,
    pub block_size: Option<u32>,
    pub pepper_env: Option<&'a str>,
}

impl Given<'_> {
    /// The keys given, by their profile names.
    fn keys(&self) -> Vec<&'static str> {
        [
            ("time_cost", self.time_cost.is_some()),
            ("memory_cost", self.memory_cost.is_some()),
            ("parallelism", self.parallelism.is_some()),
            ("cost", self.cost.is_some()),
            ("iterations", self.iterations.is_some()),
            ("release", self.release.is_some()),
            ("work_factor", self.work_factor.is_some()),
            ("block_size", self.block_size.is_some()),
            ("pepper_env", self.pepper_env.is_some()),
        ]
        .into_iter()
        .filter(|(_, given)| *given)
        .map(|(name, _)| name)
        .collect()
    }
}

/// The parameters a scheme writes with, in one of the shapes schemes share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Params {
    /// Fixed by the application: nothing to choose.
    Fixed,
    Argon2(Argon2Config),
    /// bcrypt's cost (log2 of the rounds).
    Cost(u32),
    /// PBKDF2's iterations.
    Iterations(u32),
    Scrypt(ScryptCost),
}

impl Params {
    /// The parameters as `hash-password -o json` prints them.
    pub fn json(self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Params::Fixed => json!({}),
            Params::Argon2(config) => json!({
                "time_cost": config.time_cost,
                "memory_cost": config.memory_cost_kib,
                "parallelism": config.parallelism,
            }),
            Params::Cost(cost) => json!({"cost": cost}),
            Params::Iterations(iterations) => json!({"iterations": iterations}),
            Params::Scrypt(cost) => json!({"n": cost.n(), "r": cost.r, "p": cost.p}),
        }
    }

    fn mismatch(self, scheme: &str) -> anyhow::Error {
        anyhow::anyhow!("the {scheme} scheme was given parameters of another shape ({self:?})")
    }

    pub fn argon2(self, scheme: &str) -> anyhow::Result<Argon2Config> {
        match self {
            Params::Argon2(config) => Ok(config),
            other => Err(other.mismatch(scheme)),
        }
    }

    pub fn cost(self, scheme: &str) -> anyhow::Result<u32> {
        match self {
            Params::Cost(cost) => Ok(cost),
            other => Err(other.mismatch(scheme)),
        }
    }

    pub fn iterations(self, scheme: &str) -> anyhow::Result<u32> {
        match self {
            Params::Iterations(iterations) => Ok(iterations),
            other => Err(other.mismatch(scheme)),
        }
    }

    pub fn scrypt(self, scheme: &str) -> anyhow::Result<ScryptCost> {
        match self {
            Params::Scrypt(cost) => Ok(cost),
            other => Err(other.mismatch(scheme)),
        }
    }
}

/// A stored form a scheme recognises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// What `verify` calls it ("django pbkdf2_sha1", "gitea pbkdf2$50000$50").
    pub name: String,
    /// Whether this is the form the scheme writes (not only one its application still reads).
    pub written: bool,
    /// False for a marker no password can match (Django's unusable password).
    pub usable: bool,
}

impl Form {
    pub fn written(name: impl Into<String>) -> Option<Form> {
        Some(Form {
            name: name.into(),
            written: true,
            usable: true,
        })
    }

    pub fn read(name: impl Into<String>) -> Option<Form> {
        Some(Form {
            name: name.into(),
            written: false,
            usable: true,
        })
    }
}

/// One password scheme. See the module documentation.
pub trait Scheme: Sync {
    /// The name a profile's `[hash] scheme` and `hash-password --scheme` use.
    fn name(&self) -> &'static str;
    /// One line for `hash-password --help`: what it writes.
    fn about(&self) -> &'static str;
    /// How its output is meant to be stored, when that is more than the one printed value in
    /// one column (a salt column, a pepper).
    fn storage(&self) -> Option<&'static str> {
        None
    }
    fn columns(&self) -> Columns {
        Columns::Hash
    }
    /// The `[hash]` keys it takes (none: its application fixes every parameter).
    fn parameters(&self) -> &'static [&'static str] {
        &[]
    }
    /// Its parameters from the profile's values (the keys are already checked against
    /// [`Scheme::parameters`]); errors name the `[hash]` key.
    fn configure(&self, _given: &Given<'_>) -> Result<Params, String> {
        Ok(Params::Fixed)
    }
    /// The parameters written, for `hash-password -o json`.
    fn describe(&self, params: Params) -> serde_json::Value {
        params.json()
    }
    /// A hash of `password`, as the stored form (several columns folded, see [`Scheme::unfold`]).
    /// A password bcrypt would silently truncate is refused (exit 8).
    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String>;
    /// A hash with what is needed to check a stored copy cheaply.
    fn hash_with_proof(&self, params: Params, password: &Secret) -> anyhow::Result<Hashed> {
        Ok(Hashed::unproven(self.hash(params, password)?))
    }
    /// The form of `stored`, when it is one this scheme's application reads.
    fn recognise(&self, stored: &str) -> Option<Form>;
    /// Checks a password against a stored value this scheme recognises; the parameters come
    /// from the stored value, within breakglass's work limits.
    fn verify(&self, password: &Secret, stored: &str) -> Check;
    /// One stored form from a row's columns (only schemes spanning several override it).
    fn fold(&self, hash: &str, _salt: &str, _algorithm: &str) -> String {
        hash.to_owned()
    }
    /// The columns of a stored form this scheme folded; None for a one-column form.
    fn unfold<'a>(&self, _stored: &'a str) -> Option<Parts<'a>> {
        None
    }
}

impl PartialEq for dyn Scheme {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for dyn Scheme {}

impl fmt::Debug for dyn Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every scheme breakglass knows. The order decides only how a stored value that none of a
/// profile's schemes recognises is named (the shared forms first: a bare bcrypt is "bcrypt").
pub static REGISTRY: &[&dyn Scheme] = &[
    &super::hash::Argon2id,
    &super::hash::Bcrypt,
    &super::django::Pbkdf2Sha256Hasher,
    &super::django::Argon2Hasher,
    &super::django::BcryptSha256Hasher,
    &super::werkzeug::Scrypt,
    &super::werkzeug::Pbkdf2,
    &super::devise::DeviseBcrypt,
    &super::nextcloud::Nextcloud,
    &super::gitea::Gitea,
    &super::grafana::Grafana,
    &super::redmine::Redmine,
    &super::wordpress::WordPress,
];

/// The scheme of that name.
pub fn named(name: &str) -> Option<&'static dyn Scheme> {
    let name = name.trim().to_ascii_lowercase();
    REGISTRY
        .iter()
        .copied()
        .find(|scheme| scheme.name() == name)
}

/// Every scheme's name, for error messages.
pub fn names() -> String {
    REGISTRY
        .iter()
        .map(|scheme| scheme.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first scheme of the registry that recognises `stored`, with its form.
fn any(stored: &str) -> Option<(&'static dyn Scheme, Form)> {
    REGISTRY
        .iter()
        .find_map(|scheme| Some((*scheme, scheme.recognise(stored)?)))
}

/// What a stored value looks like to any scheme breakglass knows ("unknown" to none), for
/// output that has no profile's list at hand.
pub fn name_of(stored: &str) -> String {
    any(stored).map_or_else(|| "unknown".to_owned(), |(_, form)| form.name)
}

/// Checks a password against a stored value of any scheme breakglass knows (the first of the
/// registry that recognises it).
pub fn verify_any(password: &Secret, stored: &str) -> Check {
    match any(stored) {
        Some((scheme, _)) => scheme.verify(password, stored),
        None => Check::Unusable(format!(
            "the stored value is no form of any scheme breakglass knows ({})",
            names()
        )),
    }
}

/// Configures `scheme` from a profile's values: keys of another scheme are refused by name.
pub fn configure(scheme: &'static dyn Scheme, given: &Given<'_>) -> Result<Hasher, String> {
    let foreign: Vec<&str> = given
        .keys()
        .into_iter()
        .filter(|key| !scheme.parameters().contains(key))
        .collect();
    if !foreign.is_empty() {
        let name = scheme.name();
        return Err(format!(
            "[hash] {} {} not {name}'s; {name} takes {}",
            foreign.join(", "),
            if foreign.len() == 1 { "is" } else { "are" },
            if scheme.parameters().is_empty() {
                "no parameters".to_owned()
            } else {
                scheme.parameters().join(", ")
            }
        ));
    }
    Ok(Hasher {
        scheme,
        params: scheme.configure(given)?,
    })
}

/// How new passwords are hashed: a scheme and its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hasher {
    pub scheme: &'static dyn Scheme,
    pub params: Params,
}

impl Hasher {
    /// The scheme with its own application's default parameters.
    pub fn defaults(scheme: &'static dyn Scheme) -> Result<Hasher, String> {
        configure(scheme, &Given::default())
    }

    pub fn name(self) -> &'static str {
        self.scheme.name()
    }

    /// The parameters written, for `hash-password -o json`.
    pub fn parameters(self) -> serde_json::Value {
        self.scheme.describe(self.params)
    }

    /// A hash of `password`, derived once: for output only (`hash-password`).
    pub fn hash(self, password: &Secret) -> anyhow::Result<String> {
        self.scheme.hash(self.params, password)
    }

    /// A hash of `password`, with what is needed to check a stored copy cheaply.
    pub fn hash_with_proof(self, password: &Secret) -> anyhow::Result<Hashed> {
        self.scheme.hash_with_proof(self.params, password)
    }

    /// As [`Hasher::hash_with_proof`], of the password with the application's pepper appended
    /// (Devise's `config.pepper`); the result verifies the unpeppered password.
    pub fn hash_peppered(
        self,
        password: &Secret,
        pepper: Option<&super::pepper::Pepper>,
    ) -> anyhow::Result<Hashed> {
        let hashed = self.hash_with_proof(&super::pepper::seasoned(password, pepper))?;
        Ok(hashed.with_pepper(pepper.cloned()))
    }
}

/// The schemes a profile's application accepts; the first writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schemes(Vec<&'static dyn Scheme>);

impl Schemes {
    /// The writer first, then the accepted ones in order, each once.
    pub fn new(writer: &'static dyn Scheme, accepted: &[&'static dyn Scheme]) -> Schemes {
        let mut list = vec![writer];
        for scheme in accepted {
            if !list.contains(scheme) {
                list.push(*scheme);
            }
        }
        Schemes(list)
    }

    pub fn writer(&self) -> &'static dyn Scheme {
        self.0[0]
    }

    /// The names, comma-separated, for messages.
    pub fn names(&self) -> String {
        self.0
            .iter()
            .map(|scheme| scheme.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Which of these schemes `stored` is a form of: the first that recognises it.
    pub fn identify(&self, stored: &str) -> Identified {
        for (position, scheme) in self.0.iter().enumerate() {
            if let Some(form) = scheme.recognise(stored) {
                return Identified::Listed {
                    scheme: *scheme,
                    form,
                    writer: position == 0,
                };
            }
        }
        Identified::Unlisted {
            looks_like: any(stored),
            listed: self.names(),
        }
    }
}

/// What a stored value is among a profile's schemes.
#[derive(Debug, Clone)]
pub enum Identified {
    Listed {
        scheme: &'static dyn Scheme,
        form: Form,
        writer: bool,
    },
    /// None of the profile's schemes recognises it; `looks_like` is what another scheme of
    /// the registry would call it.
    Unlisted {
        looks_like: Option<(&'static dyn Scheme, Form)>,
        listed: String,
    },
}

impl Identified {
    /// The form's name; for a value no listed scheme recognises, what it looks like and the
    /// schemes the profile lists.
    pub fn name(&self) -> String {
        match self {
            Identified::Listed { form, .. } => form.name.clone(),
            Identified::Unlisted {
                looks_like: Some((_, form)),
                listed,
            } => format!("{} (none of the profile's schemes: {listed})", form.name),
            Identified::Unlisted {
                looks_like: None,
                listed,
            } => format!("unknown (none of the profile's schemes recognises it: {listed})"),
        }
    }

    /// Whether the application verifies it: a form of a listed scheme that is not a marker.
    pub fn accepted(&self) -> bool {
        matches!(self, Identified::Listed { form, .. } if form.usable)
    }

    /// Whether a listed scheme recognises it (accepted, or a marker with its own reason).
    pub fn listed(&self) -> bool {
        matches!(self, Identified::Listed { .. })
    }

    /// Whether any scheme of the registry recognises it.
    pub fn known(&self) -> bool {
        !matches!(
            self,
            Identified::Unlisted {
                looks_like: None,
                ..
            }
        )
    }

    /// Whether it is the very form the profile's first scheme writes.
    pub fn is_written_form(&self) -> bool {
        matches!(self, Identified::Listed { form, writer: true, .. } if form.written)
    }

    /// Checks the password with the scheme that recognised the value; a value no listed
    /// scheme recognises is checked as the registry would (for the detail), and one no scheme
    /// knows at all can never match.
    pub fn verify(&self, password: &Secret, stored: &str) -> Check {
        match self {
            Identified::Listed { scheme, .. }
            | Identified::Unlisted {
                looks_like: Some((scheme, _)),
                ..
            } => scheme.verify(password, stored),
            Identified::Unlisted {
                looks_like: None,
                listed,
            } => Check::Unusable(format!(
                "the stored value is no form of the profile's schemes ({listed}) nor of any other \
                 breakglass knows"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_unique_and_found() {
        let mut seen = std::collections::HashSet::new();
        for scheme in REGISTRY {
            assert!(seen.insert(scheme.name()), "{} twice", scheme.name());
            assert_eq!(named(scheme.name()), Some(*scheme));
            assert!(!scheme.about().is_empty());
        }
        assert_eq!(named("sha1"), None);
    }

    /// Cheap parameters of each scheme's shape, so that the round trip runs in milliseconds.
    fn cheap(hasher: Hasher) -> Hasher {
        let params = match hasher.params {
            Params::Argon2(_) => Params::Argon2(Argon2Config {
                time_cost: 1,
                memory_cost_kib: 64,
                parallelism: 1,
            }),
            Params::Cost(_) => Params::Cost(4),
            Params::Iterations(_) => Params::Iterations(1000),
            Params::Scrypt(_) => Params::Scrypt(ScryptCost {
                log_n: 4,
                r: 8,
                p: 1,
            }),
            Params::Fixed => Params::Fixed,
        };
        Hasher { params, ..hasher }
    }

    #[test]
    fn each_scheme_recognises_and_verifies_what_it_hashes() {
        let password = Secret::new("Correct-Horse-9".into());
        for scheme in REGISTRY {
            let hasher = cheap(Hasher::defaults(*scheme).expect("defaults"));
            let stored = hasher.hash(&password).expect("hash");
            let form = scheme.recognise(&stored).expect("recognised");
            assert!(form.written && form.usable, "{}: {form:?}", scheme.name());
            assert_eq!(scheme.verify(&password, &stored), Check::Match, "{stored}");
            assert_eq!(
                scheme.verify(&Secret::new("other".into()), &stored),
                Check::Mismatch,
                "{stored}"
            );
            let identified = Schemes::new(*scheme, &[]).identify(&stored);
            assert!(identified.is_written_form(), "{}", scheme.name());
            // What it folds from its columns it splits back into them.
            if let Some(parts) = scheme.unfold(&stored) {
                assert_ne!(scheme.columns(), Columns::Hash);
                let algorithm = parts.algorithm.unwrap_or_default();
                assert_eq!(scheme.fold(parts.hash, parts.salt, algorithm), stored);
            } else {
                assert_eq!(scheme.columns(), Columns::Hash, "{}", scheme.name());
            }
        }
    }

    #[test]
    fn identification_is_among_the_profiles_schemes_only() {
        let sha1 = "d033e22ae348aeb5660fc2140aec35850c4da997";
        let nextcloud = named("nextcloud").expect("nextcloud");
        let bcrypt = named("bcrypt").expect("bcrypt");
        assert_eq!(
            Schemes::new(nextcloud, &[]).identify(sha1).name(),
            "nextcloud legacy sha1"
        );
        let elsewhere = Schemes::new(bcrypt, &[]).identify(sha1);
        assert!(!elsewhere.listed());
        assert_eq!(
            elsewhere.name(),
            "nextcloud legacy sha1 (none of the profile's schemes: bcrypt)"
        );
        assert!(matches!(
            elsewhere.verify(&Secret::new("admin".into()), sha1),
            Check::Unusable(_)
        ));
        let nothing = Schemes::new(bcrypt, &[nextcloud]).identify("plaintext");
        assert_eq!(
            nothing.name(),
            "unknown (none of the profile's schemes recognises it: bcrypt, nextcloud)"
        );
        assert!(
            matches!(nothing.verify(&Secret::new("x".into()), "plaintext"), Check::Unusable(why) if why.contains("bcrypt, nextcloud"))
        );
    }

    #[test]
    fn parameters_of_another_scheme_are_refused_by_key() {
        let given = Given {
            cost: Some(12),
            iterations: Some(1000),
            ..Given::default()
        };
        let error = configure(named("argon2id").expect("argon2id"), &given).expect_err("foreign");
        assert!(
            error.contains("cost, iterations are not argon2id's"),
            "{error}"
        );
        let error = configure(named("gitea").expect("gitea"), &given).expect_err("none");
        assert!(error.contains("no parameters"), "{error}");
    }
}
