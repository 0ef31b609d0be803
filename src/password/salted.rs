//! Stored forms that span columns (Gitea's passwd + salt + passwd_hash_algo, Grafana's
//! password + salt). Commands handle one stored string per user; the users table folds the
//! columns into it when reading ([`stored_form`]) and splits it when writing ([`parts`]).

use super::hash::Hasher;
use super::{gitea, grafana, redmine};

/// A stored form's columns.
pub struct Parts<'a> {
    pub hash: &'a str,
    pub salt: &'a str,
    /// Gitea's algorithm; None for Grafana, which has no such column.
    pub algorithm: Option<&'a str>,
}

/// The columns a stored form is written to; None for a form that lives in one column.
pub fn parts(stored: &str) -> Option<Parts<'_>> {
    if let Some((algorithm, salt, hash)) = gitea::split(stored) {
        return Some(Parts {
            hash,
            salt,
            algorithm: Some(algorithm),
        });
    }
    grafana::split(stored)
        .or_else(|| redmine::split(stored))
        .map(|(salt, hash)| Parts {
            hash,
            salt,
            algorithm: None,
        })
}

/// One stored string from a row's columns, as the profile's scheme keeps them. A NULL hash is
/// no password; a NULL salt or algorithm reads as empty, as Gitea's and Grafana's ORMs read it.
pub fn stored_form(
    hasher: Hasher,
    hash: Option<&str>,
    salt: Option<&str>,
    algorithm: Option<&str>,
) -> Option<String> {
    let hash = hash?;
    let salt = salt.unwrap_or_default();
    Some(match hasher {
        Hasher::Gitea => gitea::compose(algorithm.unwrap_or_default(), salt, hash),
        Hasher::Grafana => grafana::compose(salt, hash),
        Hasher::Redmine => redmine::compose(salt, hash),
        _ => hash.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fold_and_split_back() {
        let stored =
            stored_form(Hasher::Gitea, Some("ab"), None, Some("pbkdf2$50000$50")).expect("a hash");
        assert_eq!(stored, "gitea:pbkdf2$50000$50::ab");
        let split = parts(&stored).expect("parts");
        assert_eq!(
            (split.hash, split.salt, split.algorithm),
            ("ab", "", Some("pbkdf2$50000$50"))
        );
        let stored = stored_form(Hasher::Grafana, Some("cd"), Some("s"), None).expect("a hash");
        let split = parts(&stored).expect("parts");
        assert_eq!((split.hash, split.salt, split.algorithm), ("cd", "s", None));
        assert_eq!(stored_form(Hasher::Grafana, None, Some("s"), None), None);
        assert!(parts("$2b$12$abc").is_none());
        assert_eq!(
            stored_form(Hasher::Bcrypt { cost: 12 }, Some("$2b$x"), Some("s"), None).as_deref(),
            Some("$2b$x")
        );
    }
}
