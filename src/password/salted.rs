//! Stored forms that span columns (Gitea's passwd + salt + passwd_hash_algo, Grafana's
//! password + salt, Redmine's hashed_password + salt). Commands handle one stored string per
//! user; the users table folds the columns into it when reading ([`stored_form`], through the
//! profile's scheme) and splits it when writing ([`parts`], through the scheme that folded it).

use super::scheme::{Hasher, REGISTRY};

/// A stored form's columns.
pub struct Parts<'a> {
    pub hash: &'a str,
    pub salt: &'a str,
    /// The algorithm column's value; None for a scheme without one.
    pub algorithm: Option<&'a str>,
}

/// A hash and its salt column as one stored string: `PREFIX` (`grafana:`), the salt, `:`, the
/// hash. The hash never holds a colon, so the last one splits them.
pub fn fold_salt(prefix: &str, salt: &str, hash: &str) -> String {
    format!("{prefix}{salt}:{hash}")
}

/// The (salt, hash) of a form [`fold_salt`] made with `prefix`.
pub fn split_salt<'a>(prefix: &str, stored: &'a str) -> Option<(&'a str, &'a str)> {
    stored.strip_prefix(prefix)?.rsplit_once(':')
}

/// The columns a stored form is written to; None for a form that lives in one column.
pub fn parts(stored: &str) -> Option<Parts<'_>> {
    REGISTRY.iter().find_map(|scheme| scheme.unfold(stored))
}

/// One stored string from a row's columns, as the profile's scheme keeps them. A NULL hash is
/// no password; a NULL salt or algorithm reads as empty, as Gitea's and Grafana's ORMs read it.
pub fn stored_form(
    hasher: Hasher,
    hash: Option<&str>,
    salt: Option<&str>,
    algorithm: Option<&str>,
) -> Option<String> {
    Some(hasher.scheme.fold(
        hash?,
        salt.unwrap_or_default(),
        algorithm.unwrap_or_default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::scheme::{Params, named};

    fn fixed(name: &str) -> Hasher {
        Hasher {
            scheme: named(name).expect(name),
            params: Params::Fixed,
        }
    }

    #[test]
    fn columns_fold_and_split_back() {
        let stored =
            stored_form(fixed("gitea"), Some("ab"), None, Some("pbkdf2$50000$50")).expect("a hash");
        assert_eq!(stored, "gitea:pbkdf2$50000$50::ab");
        let split = parts(&stored).expect("parts");
        assert_eq!(
            (split.hash, split.salt, split.algorithm),
            ("ab", "", Some("pbkdf2$50000$50"))
        );
        let stored = stored_form(fixed("grafana"), Some("cd"), Some("s"), None).expect("a hash");
        let split = parts(&stored).expect("parts");
        assert_eq!((split.hash, split.salt, split.algorithm), ("cd", "s", None));
        assert_eq!(stored_form(fixed("grafana"), None, Some("s"), None), None);
        assert!(parts("$2b$12$abc").is_none());
        let bcrypt = Hasher {
            scheme: named("bcrypt").expect("bcrypt"),
            params: Params::Cost(12),
        };
        assert_eq!(
            stored_form(bcrypt, Some("$2b$x"), Some("s"), None).as_deref(),
            Some("$2b$x")
        );
    }
}
