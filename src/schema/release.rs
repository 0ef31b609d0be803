//! The application's releases, recognised by their schema revision (Alembic head), and what
//! each one does differently at login. Data, not code: the login prediction, the notes and the
//! settings' defaults read it. Measured on the real releases (see the release matrix in
//! docs/gateway-releases.md).

use serde::Serialize;

/// What one release of an application does that breakglass must know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Release {
    /// "1.1.0"; for an unknown revision, [`NEWER`].
    pub name: &'static str,
    /// The Alembic head its migrations end at.
    pub revision: &'static str,
    /// Whether `PROTECT_ALL_ADMINS` exists (admins by the `is_admin` column never locked out).
    pub protect_all_admins: bool,
    /// `TOKEN_EXPIRY`'s default, in minutes: how long a login session lives.
    pub token_expiry_default: i64,
    /// A NULL `password_hash` or `password_hash_type='none'` refuses local login (1.1).
    pub local_password_optional: bool,
    /// The login endpoint answers its own 401/403 as `HTTP 500 "Authentication service error"`.
    pub login_refusals_as_500: bool,
    /// On SQLite, any `locked_until` value fails every login of the user until it is cleared
    /// ("can't compare offset-naive and offset-aware datetimes"), even after it has passed.
    pub sqlite_lock_fails_until_cleared: bool,
    /// A login can be told to change the password: 403 for `password_change_required`, an old
    /// password or DEFAULT_USER_PASSWORD. Before 0.9.0 no change demand exists at all.
    pub change_demand: bool,
    /// Start-up refuses a weak or short `PLATFORM_ADMIN_PASSWORD` / `DEFAULT_USER_PASSWORD`,
    /// and the change demand is set again at each login while they are equal (1.1).
    pub strict_bootstrap_password: bool,
}

/// The name shown for a revision breakglass does not know.
pub const NEWER: &str = "newer than breakglass knows";

const fn release(name: &'static str, revision: &'static str) -> Release {
    Release {
        name,
        revision,
        protect_all_admins: true,
        token_expiry_default: 20,
        local_password_optional: false,
        login_refusals_as_500: false,
        sqlite_lock_fails_until_cleared: false,
        change_demand: true,
        strict_bootstrap_password: false,
    }
}

/// Before 1.0: no PROTECT_ALL_ADMINS, sessions of 7 days, refusals as 500, the SQLite lock trap.
const fn before_1_0(name: &'static str, revision: &'static str) -> Release {
    Release {
        protect_all_admins: false,
        token_expiry_default: 10080,
        login_refusals_as_500: true,
        sqlite_lock_fails_until_cleared: true,
        ..release(name, revision)
    }
}

/// The ContextForge gateway's releases, newest first.
pub const CONTEXTFORGE: &[Release] = &[
    Release {
        local_password_optional: true,
        strict_bootstrap_password: true,
        ..release("1.1.0", "c7e91a2b4d60")
    },
    release("1.0.7", "7ab59991e017"),
    release("1.0.4", "6c0e5f8a9b1d"),
    release("1.0.0", "aa1b2c3d4e5f"),
    before_1_0("0.9.0", "l6f7g8h9i0j1"),
    Release {
        change_demand: false,
        ..before_1_0("0.8.0", "3c89a45f32e5")
    },
    Release {
        change_demand: false,
        ..before_1_0("0.7.0", "e182847d89e6")
    },
];

/// The releases breakglass knows of an application, newest first.
/// The release a revision names, among an application's `releases` (newest first).
/// An unknown revision is taken to be newer than all of them: it behaves like the newest,
/// under the name [`NEWER`]; breakglass then goes only by the columns it finds.
pub fn recognise(releases: &[Release], revision: &str) -> Option<Release> {
    if let Some(known) = releases.iter().find(|r| r.revision == revision) {
        return Some(*known);
    }
    releases.first().map(|newest| Release {
        name: NEWER,
        revision: "",
        ..*newest
    })
}

impl Release {
    pub fn is_known(&self) -> bool {
        self.name != NEWER
    }

    /// How the banner and messages name it: "gateway 1.1.0", or the unknown case.
    pub fn label(&self, app: &str) -> String {
        if self.is_known() {
            format!("{app} {}", self.name)
        } else {
            format!("{NEWER}; going only by the columns found")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_name_their_release_and_unknown_ones_are_newer() {
        let found = recognise(CONTEXTFORGE, "c7e91a2b4d60").expect("known");
        assert_eq!(found.name, "1.1.0");
        assert!(found.local_password_optional && found.protect_all_admins);
        let old = recognise(CONTEXTFORGE, "l6f7g8h9i0j1").expect("known");
        assert_eq!((old.name, old.protect_all_admins), ("0.9.0", false));
        assert_eq!(old.token_expiry_default, 10080);
        let unknown = recognise(CONTEXTFORGE, "ffffffffffff").expect("newer");
        assert!(!unknown.is_known());
        assert!(unknown.local_password_optional, "behaves like the newest");
        assert!(unknown.label("gateway").contains(NEWER));
        assert_eq!(recognise(&[], "x"), None);
    }

    #[test]
    fn every_revision_is_listed_once() {
        for (i, a) in CONTEXTFORGE.iter().enumerate() {
            for b in &CONTEXTFORGE[i + 1..] {
                assert_ne!(a.revision, b.revision);
                assert_ne!(a.name, b.name);
            }
        }
    }
}
