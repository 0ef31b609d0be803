//! Nextcloud's `oc_users.password` (lib/private/Security/Hasher.php): a version, `|`, and a
//! PHP `password_hash` string. Nextcloud writes `3|` + argon2id with PHP's defaults (64 MiB,
//! 4 passes, 1 lane); it verifies `3|` (argon2id), `2|` (argon2i) and `1|` (bcrypt `$2y$`)
//! with `password_verify`. Unprefixed values are ownCloud's legacy forms, which Nextcloud
//! upgrades at the next login and breakglass refuses to judge.

use super::Secret;
use super::hash::{Argon2Config, Check, Hashed, is_bcrypt, verify_argon2, verify_bcrypt};
use super::scheme::{Form, Given, Params, Scheme};

/// PHP's PASSWORD_ARGON2_DEFAULT_* (memory in KiB, passes, threads), Nextcloud's defaults.
pub const ARGON2: Argon2Config = Argon2Config {
    time_cost: 4,
    memory_cost_kib: 65536,
    parallelism: 1,
};

/// The version prefix Nextcloud reads: digits before the first `|`, as PHP's `(int)` takes a
/// number > 0; None when the value has no such prefix.
fn split(stored: &str) -> Option<(u64, &str)> {
    let (version, hash) = stored.split_once('|')?;
    let digits: String = version.chars().take_while(char::is_ascii_digit).collect();
    let version = digits.parse::<u64>().ok().filter(|v| *v > 0)?;
    Some((version, hash))
}

fn is_legacy_sha1(stored: &str) -> bool {
    stored.len() == 40 && stored.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The PHP hash inside a prefixed value (what `password_verify` gets), or the value itself.
pub fn inner(stored: &str) -> &str {
    split(stored).map_or(stored, |(_, hash)| hash)
}

/// `3|` + argon2id, as Nextcloud's Hasher writes it with PHP's argon2id.
pub fn prefixed(phc: &str) -> String {
    format!("3|{phc}")
}

/// Checks a Nextcloud value the way Hasher.php does after splitting off the version.
pub fn verify(password: &Secret, stored: &str) -> Check {
    match split(stored) {
        // Hasher.php hands versions 1 to 3 alike to password_verify, which reads the
        // algorithm from the hash itself: bcrypt, argon2i or argon2id.
        Some((1..=3, hash)) if is_bcrypt(hash) => verify_bcrypt(password, hash),
        Some((1..=3, hash))
            if hash.starts_with("$argon2id$") || hash.starts_with("$argon2i$") =>
        {
            verify_argon2(password, hash)
        }
        Some((version @ 1..=3, _)) => Check::Unusable(format!(
                "the stored value has Nextcloud's version prefix {version}| but no PHP password hash \
                 (bcrypt, argon2i, argon2id) after it; the row looks corrupt: set a new password with \
                 breakglass reset"
        )),
        Some((version, _)) => Check::Unusable(format!(
            "the stored value has the version prefix {version}|, which Nextcloud's Hasher does not know \
             (it reads 1| bcrypt, 2| argon2i and 3| argon2id); no password logs in with it: set a new one \
             with breakglass reset"
        )),
        // Nextcloud's legacy path: a bare bcrypt of the password matches; one that does not may
        // be ownCloud's salted form, which breakglass cannot judge.
        None if is_bcrypt(stored) => match verify_bcrypt(password, stored) {
            Check::Mismatch => Check::Unusable(LEGACY_SALTED.to_owned()),
            other => other,
        },
        None => Check::Unusable(
            "the stored value is ownCloud's legacy SHA1 form (40 hex characters, no version prefix); \
             Nextcloud still accepts it and upgrades it at the next login, but breakglass does not judge \
             legacy hashes: set a new password with breakglass reset"
                .to_owned(),
        ),
    }
}

/// Why an unprefixed bcrypt value that does not match the password is not judged: Nextcloud
/// first tries it as ownCloud's legacy bcrypt of the password plus the instance's salt.
pub const LEGACY_SALTED: &str = "the stored value is an unprefixed bcrypt hash that does not match the password as \
     is; Nextcloud also tries it as ownCloud's legacy salted form (bcrypt of the password plus config.php's \
     passwordsalt), which breakglass does not judge: set a new password with breakglass reset";

/// Nextcloud's Hasher: writes `3|` + argon2id; reads `2|` argon2i, `1|` bcrypt and
/// ownCloud's unprefixed legacy forms.
pub struct Nextcloud;

impl Scheme for Nextcloud {
    fn name(&self) -> &'static str {
        "nextcloud"
    }

    fn about(&self) -> &'static str {
        "Nextcloud's 3|$argon2id$... (reads 2|, 1| and ownCloud's legacy forms)"
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["time_cost", "memory_cost", "parallelism"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        super::hash::argon2_from(given, ARGON2)
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        Ok(prefixed(&params.argon2(self.name())?.hash(password)?))
    }

    fn hash_with_proof(&self, params: Params, password: &Secret) -> anyhow::Result<Hashed> {
        let mut hashed = params.argon2(self.name())?.hash_with_proof(password)?;
        hashed.phc = prefixed(&hashed.phc);
        Ok(hashed)
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        if let Some((version, _)) = split(stored) {
            return match version {
                3 => Form::written("nextcloud argon2id"),
                2 => Form::read("nextcloud argon2i"),
                1 => Form::read("nextcloud bcrypt"),
                _ => Form::read("nextcloud unknown version"),
            };
        }
        if is_bcrypt(stored) {
            return Form::read("nextcloud legacy bcrypt");
        }
        is_legacy_sha1(stored).then(|| Form::read("nextcloud legacy sha1"))?
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify(password, stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::scheme::verify_any;

    /// The corpus seeds PHP made (password_hash with Nextcloud's prefixes, cheap costs).
    #[test]
    fn values_php_made_verify() {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/stored_hash");
        let password = Secret::new("Correct-Horse-9".into());
        for seed in [
            "seed-nextcloud-argon2id",
            "seed-nextcloud-argon2i",
            "seed-nextcloud-bcrypt",
        ] {
            let stored = std::fs::read_to_string(corpus.join(seed)).expect("seed");
            assert_eq!(verify_any(&password, &stored), Check::Match, "{seed}");
            assert_eq!(
                verify_any(&Secret::new("wrong".into()), &stored),
                Check::Mismatch,
                "{seed}"
            );
        }
        let sha1 =
            std::fs::read_to_string(corpus.join("seed-nextcloud-legacy-sha1")).expect("seed");
        assert!(
            matches!(verify_any(&password, &sha1), Check::Unusable(why) if why.contains("SHA1"))
        );
    }

    #[test]
    fn prefixes_are_recognised_and_unknown_ones_refused() {
        for (stored, name) in [
            ("3|$argon2id$v=19$x", "nextcloud argon2id"),
            ("2|$argon2i$v=19$x", "nextcloud argon2i"),
            ("1|$2y$10$x", "nextcloud bcrypt"),
            ("7|$2y$10$x", "nextcloud unknown version"),
            (
                "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8",
                "nextcloud legacy sha1",
            ),
            ("$2y$10$x", "nextcloud legacy bcrypt"),
        ] {
            assert_eq!(Nextcloud.recognise(stored).expect(stored).name, name);
        }
        let password = Secret::new("a".into());
        for stored in [
            "7|$2y$10$abcdefghijklmnopqrstuuJ0Mkrsh5yPqk1u9zmE6OsCh0xGgXJ5u",
            "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8",
            "3|not a hash",
            "1|$argon2d$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        ] {
            assert!(
                matches!(verify_any(&password, stored), Check::Unusable(_)),
                "{stored}"
            );
        }
    }

    #[test]
    fn written_hashes_are_prefixed_argon2id_with_phps_defaults_and_verify() {
        let password = Secret::new("Correct-Horse-9".into());
        let hashed = Nextcloud
            .hash_with_proof(Params::Argon2(ARGON2), &password)
            .expect("hash");
        assert!(
            hashed.phc.starts_with("3|$argon2id$v=19$m=65536,t=4,p=1$"),
            "{}",
            hashed.phc
        );
        assert!(hashed.verifies(&password, &hashed.phc));
        assert_eq!(verify_any(&password, &hashed.phc), Check::Match);
        assert_eq!(
            verify_any(&Secret::new("other".into()), &hashed.phc),
            Check::Mismatch
        );
        // Versions 1 to 3 go alike to password_verify, whatever the hash inside.
        let cross = format!("1|{}", inner(&hashed.phc));
        assert_eq!(verify_any(&password, &cross), Check::Match);
        let bcrypt = super::super::hash::Bcrypt
            .hash(Params::Cost(4), &password)
            .expect("bcrypt");
        let php = format!("1|{}", bcrypt.replacen("$2b$", "$2y$", 1));
        assert_eq!(verify_any(&password, &php), Check::Match);
    }
}
