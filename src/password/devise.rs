//! Ruby's Devise (GitLab, Mastodon): `encrypted_password` is bcrypt of the password with the
//! application's pepper appended, at the application's `stretches` as the cost, written as
//! Ruby's bcrypt gem writes it (`$2a$`). The pepper is a secret of the application's
//! configuration: breakglass reads it from an environment variable the profile names.

use super::Secret;
use super::hash::{Check, bcrypt_cost, bcrypt_hash, is_bcrypt, verify_bcrypt};
use super::scheme::{Form, Given, Params, Scheme};

/// Devise's `config.stretches = Rails.env.test? ? 1 : 12` (the generated initializer).
const DEVISE_STRETCHES: u32 = 12;

/// Devise's bcrypt (`$2a$`, as Ruby's bcrypt gem writes it) at the application's `stretches`,
/// of the password with the application's pepper appended.
pub struct DeviseBcrypt;

impl Scheme for DeviseBcrypt {
    fn name(&self) -> &'static str {
        "devise-bcrypt"
    }

    fn about(&self) -> &'static str {
        "Devise's bcrypt $2a$COST$... ([hash] cost = stretches)"
    }

    fn storage(&self) -> Option<&'static str> {
        Some(
            "of the password with the application's pepper appended, when [hash] pepper_env names it",
        )
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["cost", "pepper_env"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        bcrypt_cost(given, DEVISE_STRETCHES)
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        bcrypt_hash(password, params.cost(self.name())?, bcrypt::Version::TwoA)
    }

    fn recognise(&self, stored: &str) -> Option<Form> {
        is_bcrypt(stored).then(|| Form::written("bcrypt"))?
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify_bcrypt(password, stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::pepper::Pepper;
    use crate::password::scheme::{Hasher, verify_any as verify};

    #[test]
    fn a_peppered_hash_verifies_only_with_the_pepper() {
        let password = Secret::new("Correct-Horse-9".into());
        let pepper = Pepper::new("s3cret-pepper");
        let hashed = Hasher {
            scheme: &DeviseBcrypt,
            params: Params::Cost(4),
        }
        .hash_peppered(&password, Some(&pepper))
        .expect("hash");
        assert!(hashed.phc.starts_with("$2a$04$"), "{}", hashed.phc);
        assert_eq!(verify(&password, &hashed.phc), Check::Mismatch);
        assert_eq!(verify(&pepper.apply(&password), &hashed.phc), Check::Match);
        assert!(hashed.verifies(&password, &hashed.phc));
        assert!(!hashed.verifies(&Secret::new("other".into()), &hashed.phc));
        assert_eq!(format!("{pepper:?}"), "Pepper(<redacted>)");
    }

    #[test]
    fn verifies_a_hash_made_by_devise() {
        // Devise::Encryptor.digest with stretches 4 and pepper "pep" (ruby-devise 4.8.1);
        // CI also checks fresh ones both ways (tests/devise.rs).
        let stored = "$2a$04$LjQCJhGFXdmCAB0BP/PswuR5w7dHhrFcCFCcMjPRD6Ie65JRwbrce";
        let pepper = Pepper::new("pep");
        let password = Secret::new("Correct-Horse-9".into());
        assert_eq!(verify(&pepper.apply(&password), stored), Check::Match);
        assert_eq!(verify(&password, stored), Check::Mismatch);
    }
}
