//! The application's releases, recognised by their schema revision (Alembic), and what each
//! one does differently at login. Data, not code: the login prediction, the notes and the
//! settings' defaults read it. Read from each release's wheel on PyPI (its Alembic versions,
//! its login code, its settings' defaults) and measured on the real releases the release matrix
//! in docs/gateway-releases.md names.
//!
//! A revision breakglass does not know is placed by the users table's columns: at the newest
//! release whose additions to that table are all there. It is called newer than breakglass
//! knows only when the table has a column no known release has; a revision alone cannot say
//! whether it comes after the newest known head (no later chain can be read), and a database
//! with no new column behaves, as far as breakglass reads it, like the release it is placed at.

use crate::db::ColumnInfo;

/// How a release names its application: "gateway 1.1.0".
const APP: &str = "gateway";

/// What one release of an application does that breakglass must know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Release {
    /// "1.1.0"; releases that share every revision are named together ("1.0.9 or 1.0.10").
    pub name: &'static str,
    /// The Alembic revisions this release brought: its head first, then those its migrations
    /// pass through on the way there (a database stopped at one is part-way to this release).
    pub revisions: &'static [&'static str],
    /// What this release brought to the users table, by which a revision breakglass does not
    /// know is placed.
    pub brought: &'static [Sign],
    /// How breakglass found this release in the database.
    pub placed: Placed,
    /// Whether `PROTECT_ALL_ADMINS` exists (admins by the `is_admin` column never locked out).
    pub protect_all_admins: bool,
    /// `TOKEN_EXPIRY`'s default, in minutes: how long a login session lives.
    pub token_expiry_default: i64,
    /// `ACCOUNT_LOCKOUT_DURATION_MINUTES`'s default: how long the gateway's own lock lasts.
    pub lockout_minutes_default: i64,
    /// A NULL `password_hash` or `password_hash_type='none'` refuses local login (1.0.11).
    pub local_password_optional: bool,
    /// The login endpoint answers its own 401/403 as `HTTP 500 "Authentication service error"`.
    pub login_refusals_as_500: bool,
    /// On SQLite, any `locked_until` value fails every login of the user until it is cleared
    /// ("can't compare offset-naive and offset-aware datetimes"), even after it has passed.
    pub sqlite_lock_fails_until_cleared: bool,
    /// A login can be told to change the password: 403 for `password_change_required`, an old
    /// password or DEFAULT_USER_PASSWORD. Before 0.9.0 no change demand exists at all.
    pub change_demand: bool,
    /// Start-up refuses a `JWT_SECRET_KEY` or `AUTH_ENCRYPTION_SECRET` that is unset, shorter
    /// than 32 characters, weak or of low entropy (1.0.8).
    pub strict_secrets: bool,
    /// Start-up refuses a `PLATFORM_ADMIN_PASSWORD` / `DEFAULT_USER_PASSWORD` shorter than
    /// `PASSWORD_MIN_LENGTH_USER` or weak (1.0.10; 1.0.9 does not, but ends at the same
    /// revision, so the warning is given for both).
    pub strict_bootstrap_password: bool,
}

/// Something a release brought to the users table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// The table has this column.
    Column(&'static str),
    /// This column may be left NULL (it was NOT NULL before).
    Nullable(&'static str),
}

/// How breakglass found a database's release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// The database's revision is one this release's migrations end at or pass through.
    ByRevision,
    /// The revision is one breakglass does not know; the users table has what the releases
    /// from `since` to this one brought, and not what the next one brought.
    ByColumns { since: &'static str },
    /// The revision is one breakglass does not know, and the users table has a column no
    /// release breakglass knows has; this release's rules are followed, with the columns found.
    Newer,
}

const fn release(
    name: &'static str,
    revisions: &'static [&'static str],
    brought: &'static [Sign],
) -> Release {
    Release {
        name,
        revisions,
        brought,
        placed: Placed::ByRevision,
        protect_all_admins: true,
        token_expiry_default: 20,
        lockout_minutes_default: 60,
        local_password_optional: false,
        login_refusals_as_500: false,
        sqlite_lock_fails_until_cleared: false,
        change_demand: true,
        strict_secrets: false,
        strict_bootstrap_password: false,
    }
}

/// From 1.0.8: the secrets must be strong to start.
const fn from_1_0_8(
    name: &'static str,
    revisions: &'static [&'static str],
    brought: &'static [Sign],
) -> Release {
    Release {
        strict_secrets: true,
        ..release(name, revisions, brought)
    }
}

/// From 1.0.10 (1.0.9 shares its revisions): the bootstrap passwords must be strong to start.
const fn from_1_0_10(
    name: &'static str,
    revisions: &'static [&'static str],
    brought: &'static [Sign],
) -> Release {
    Release {
        strict_bootstrap_password: true,
        ..from_1_0_8(name, revisions, brought)
    }
}

/// From 1.0.11: no local login without a local password.
const fn from_1_0_11(
    name: &'static str,
    revisions: &'static [&'static str],
    brought: &'static [Sign],
) -> Release {
    Release {
        local_password_optional: true,
        ..from_1_0_10(name, revisions, brought)
    }
}

/// Before 1.0: no PROTECT_ALL_ADMINS, sessions of 7 days, locks of 30 minutes, refusals as 500,
/// the SQLite lock trap.
const fn before_1_0(
    name: &'static str,
    revisions: &'static [&'static str],
    brought: &'static [Sign],
) -> Release {
    Release {
        protect_all_admins: false,
        token_expiry_default: 10080,
        lockout_minutes_default: 30,
        login_refusals_as_500: true,
        sqlite_lock_fails_until_cleared: true,
        ..release(name, revisions, brought)
    }
}

/// Before 0.9.0: no change demand either.
const fn before_0_9(
    name: &'static str,
    revisions: &'static [&'static str],
    brought: &'static [Sign],
) -> Release {
    Release {
        change_demand: false,
        ..before_1_0(name, revisions, brought)
    }
}

use Sign::{Column, Nullable};

/// The ContextForge gateway's releases on PyPI from 0.7.0, newest first. 1.0.7.post20260921
/// is 1.0.7 with the same revisions; 1.0.9 and 1.0.10 end at the same head.
pub const CONTEXTFORGE: &[Release] = &[
    from_1_0_11("1.1.0", &["c7e91a2b4d60"], &[]),
    from_1_0_11("1.0.11", &["5e211ec89cad"], &[Nullable("password_hash")]),
    from_1_0_10("1.0.9 or 1.0.10", V109, &[]),
    from_1_0_8("1.0.8", &["e4f5a6b7c8d9"], &[]),
    release("1.0.7", V107, &[]),
    release("1.0.6", V106, &[]),
    release("1.0.5", V105, &[]),
    release("1.0.4", &["6c0e5f8a9b1d"], &[]),
    release("1.0.3", &["0a089912b5f0"], &[Column("id")]),
    release("1.0.2", V102, &[]),
    release("1.0.1", V101, &[]),
    release(
        "1.0.0",
        V100,
        &[Column("admin_origin"), Column("password_changed_at")],
    ),
    before_1_0("0.9.0", V090, &[Column("password_change_required")]),
    before_0_9("0.8.0", V080, &[]),
    before_0_9("0.7.0", V070, USERS_0_7_0),
];

/// The users table of 0.7.0, the oldest release breakglass knows.
const USERS_0_7_0: &[Sign] = &[
    Column("email"),
    Column("password_hash"),
    Column("full_name"),
    Column("is_admin"),
    Column("is_active"),
    Column("email_verified_at"),
    Column("auth_provider"),
    Column("password_hash_type"),
    Column("failed_login_attempts"),
    Column("locked_until"),
    Column("created_at"),
    Column("updated_at"),
    Column("last_login"),
];

const V109: &[&str] = &[
    "12d4a0c7789c",
    "d8d7939e73e9",
    "db41939315aa",
    "9935d863930b",
];
const V107: &[&str] = &[
    "7ab59991e017",
    "c9f8e7d6a4b3",
    "e1a2b3c4d5f6",
    "d21698ae4a19",
];
const V106: &[&str] = &["b6c7d8e9f0a1", "279184dfd71d"];
const V105: &[&str] = &["e198602c3c1e", "e28cd485ad3c"];
const V102: &[&str] = &[
    "e28566875fa4",
    "b29af8761e97",
    "59028d2263b1",
    "90cc4b5a96e7",
    "94f64b8e282f",
];
const V101: &[&str] = &[
    "351b43e1d273",
    "w7x8y9z0a1b2",
    "9fb98535724d",
    "926d3e07d098",
    "9c45d2e63bc0",
    "4842b831d24e",
    "f9a8b7c6d5e4",
];
const V100: &[&str] = &[
    "aa1b2c3d4e5f",
    "bb43712cae28",
    "b2c3d4e5f6g7",
    "a1b2c3d4e5f6",
    "d2b501bf4262",
    "ffe4494639d3",
    "8f2e1c9b0d3a",
    "3f7e9d1a2b4c",
    "d3e4f5a6b7c8",
    "1a02944e2671",
    "592625561893",
    "cbedf4e580e0",
    "a7f3c9e1b2d4",
    "225bde88217e",
    "615af4ab94b4",
    "20a0e0538ac5",
    "abf8ac3b6008",
    "64acf94cb7f2",
    "a3c38b6c2437",
    "e1f2a3b4c5d6",
    "d9e0f1a2b3c4",
    "b2d9c6e4f1a7",
    "a4f1c7d8e9b0",
    "9f5d93ced2b3",
    "y8i9j0k1l2m3",
    "x7h8i9j0k1l2",
    "w6g7h8i9j0k1",
    "8a16a77260f0",
    "ba202ac1665f",
    "a31c6ffc2239",
    "207d8bbddd61",
    "c1c2c3c4c5c6",
    "v1a2b3c4d5e6",
    "04cda6733305",
    "b1b2b3b4b5b6",
    "4e6273136e56",
    "f1a2b3c4d5e6",
    "ee288b094280",
    "43c07ed25a24",
    "b9e496e91e71",
    "a8f3b2c1d4e5",
    "u5f6g7h8i9j0",
    "77243f5bfce5",
    "5f3c681b05e1",
    "s3c4d5e6f7g8",
    "t4d5e6f7g8h9",
    "r2b3c4d5e6f7",
    "c96c11c111b4",
    "4f07c116f917",
    "q1b2c3d4e5f6",
    "p0a1b2c3d4e5",
    "o9i0j1k2l3m4",
    "n8h9i0j1k2l3",
    "m7g8h9i0j1k2",
];
const V090: &[&str] = &[
    "l6f7g8h9i0j1",
    "k5e6f7g8h9i0",
    "356a2d4eed6f",
    "9e028ecf59c4",
    "add_toolops_test_cases_table",
    "z1a2b3c4d5e6",
    "191a2def08d7",
    "f3a3a3d901b8",
    "aac21d6f9522",
    "f9101f3b00e3",
    "j4d5e6f7g8h9",
    "a706a3320c56",
    "i3c4d5e6f7g8",
    "h2b3c4d5e6f7",
    "a23a08d61eb0",
];
const V080: &[&str] = &[
    "3c89a45f32e5",
    "g1a2b3c4d5e6",
    "e5a59c16e041",
    "8a2934be50c0",
    "9aaa90ad26d9",
    "9c99ec6872ed",
    "2f67b12600b4",
    "61ee11c482d6",
    "0f81d4a5efe0",
    "14ac971cee42",
];
const V070: &[&str] = &[
    "e182847d89e6",
    "cfc3d6aa0fb2",
    "733159a4fa74",
    "1fc1795f6983",
    "add_a2a_agents_and_metrics",
    "c9dd86c0aac9",
    "add_oauth_tokens_table",
    "f8c9d3e2a1b4",
    "34492f99a0c4",
    "eb17fd368f9d",
    "3b17fdc40a8d",
    "cc7b95fec5d9",
    "e75490e949b1",
    "e4fc04d1a442",
    "b77ca9d2de7e",
];

/// The release a database at `revision` is, among an application's `releases` (newest first),
/// its users table having `columns`. An unknown revision is placed by the columns (see the
/// module's documentation). None only when the application has no releases.
pub fn recognise(releases: &[Release], revision: &str, columns: &[ColumnInfo]) -> Option<Release> {
    if let Some(known) = releases.iter().find(|r| r.revisions.contains(&revision)) {
        return Some(*known);
    }
    let has = |name: &str| {
        columns
            .iter()
            .find(|info| info.name.eq_ignore_ascii_case(name))
    };
    let holds = |sign: &Sign| match *sign {
        Column(name) => has(name).is_some(),
        Nullable(name) => has(name).is_some_and(|info| !info.needs_value),
    };
    // Oldest first: each release is reached while what it brought is there.
    let mut oldest_first = releases.iter().rev();
    let mut placed = *oldest_first.next()?;
    let mut since = placed.name;
    for release in oldest_first.take_while(|release| release.brought.iter().all(holds)) {
        if !release.brought.is_empty() {
            since = release.name;
        }
        placed = *release;
    }
    let known = |name: &str| {
        releases
            .iter()
            .flat_map(|release| release.brought)
            .any(|sign| matches!(sign, Column(known) if known.eq_ignore_ascii_case(name)))
    };
    let newer = columns.iter().any(|info| !known(&info.name));
    Some(Release {
        placed: if newer {
            Placed::Newer
        } else {
            Placed::ByColumns { since }
        },
        ..placed
    })
}

impl Release {
    pub fn is_known(&self) -> bool {
        self.placed == Placed::ByRevision
    }

    /// How sentences name it, as their subject or object: "gateway 1.1.0", "the gateway at a
    /// revision breakglass does not know", "a gateway newer than breakglass knows".
    pub fn label(&self) -> String {
        let app = APP;
        match self.placed {
            Placed::ByRevision => format!("{app} {}", self.name),
            Placed::ByColumns { .. } => format!("the {app} at a revision breakglass does not know"),
            Placed::Newer => format!("a {app} newer than breakglass knows"),
        }
    }

    /// For a release found by its columns, what breakglass goes by: "going by the columns
    /// found, its users table is that of gateway 1.0.3 to 1.0.9 or 1.0.10, whose rules apply".
    /// None for a known revision.
    pub fn placement(&self) -> Option<String> {
        let app = APP;
        let name = self.name;
        match self.placed {
            Placed::ByRevision => None,
            Placed::ByColumns { since } if since == name => Some(format!(
                "going by the columns found, its users table is that of {app} {name}, whose rules apply"
            )),
            Placed::ByColumns { since } => Some(format!(
                "going by the columns found, its users table is that of {app} {since} to {name}, \
                 whose rules apply"
            )),
            Placed::Newer => Some(format!(
                "its users table has columns no release breakglass knows has; going by the \
                 columns found and {app} {name}'s rules"
            )),
        }
    }

    /// The label, with the placement where the revision is unknown (for the banner).
    pub fn describe(&self) -> String {
        match self.placement() {
            Some(placement) => format!("{}; {placement}", self.label()),
            None => self.label(),
        }
    }

    /// The name doctor's report gives it: the release, "unknown" or "newer".
    pub fn reported_name(&self) -> &'static str {
        match self.placed {
            Placed::ByRevision => self.name,
            Placed::ByColumns { .. } => "unknown",
            Placed::Newer => "newer",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A users table with these columns, `password_hash` NOT NULL unless `nullable_hash`.
    fn table(columns: &[&str], nullable_hash: bool) -> Vec<ColumnInfo> {
        columns
            .iter()
            .map(|name| ColumnInfo {
                name: (*name).to_owned(),
                declared_type: "VARCHAR(255)".to_owned(),
                needs_value: *name == "password_hash" && !nullable_hash,
            })
            .collect()
    }

    const USERS_1_0_7: &[&str] = &[
        "id",
        "email",
        "password_hash",
        "full_name",
        "is_admin",
        "admin_origin",
        "is_active",
        "email_verified_at",
        "auth_provider",
        "password_hash_type",
        "failed_login_attempts",
        "locked_until",
        "password_change_required",
        "password_changed_at",
        "created_at",
        "updated_at",
        "last_login",
    ];

    fn without(columns: &[&'static str], gone: &[&str]) -> Vec<&'static str> {
        columns
            .iter()
            .copied()
            .filter(|name| !gone.contains(name))
            .collect()
    }

    #[test]
    fn every_listed_revision_names_its_release() {
        let columns = table(USERS_1_0_7, false);
        let mut count = 0;
        for release in CONTEXTFORGE {
            for revision in release.revisions {
                let found = recognise(CONTEXTFORGE, revision, &columns).expect("known");
                assert_eq!(found, *release, "{revision}");
                assert!(found.is_known());
                assert_eq!(found.label(), format!("gateway {}", release.name));
                assert_eq!(found.describe(), found.label());
                count += 1;
            }
        }
        // Every revision of 1.1.0's chain, and the three 1.0.2 renamed (0.7.0's and 0.9.0's).
        assert_eq!(count, 123);
        assert_eq!(recognise(&[], "x", &columns), None);
    }

    #[test]
    fn every_revision_and_release_is_listed_once() {
        let revisions: Vec<&str> = CONTEXTFORGE
            .iter()
            .flat_map(|release| release.revisions.iter().copied())
            .collect();
        let mut unique = revisions.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), revisions.len());
        for (i, a) in CONTEXTFORGE.iter().enumerate() {
            assert!(!a.revisions.is_empty(), "{}", a.name);
            for b in &CONTEXTFORGE[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn what_each_release_does_at_login() {
        let by_name = |name: &str| {
            *CONTEXTFORGE
                .iter()
                .find(|release| release.name == name)
                .expect(name)
        };
        for name in ["1.1.0", "1.0.11"] {
            let release = by_name(name);
            assert!(release.local_password_optional && release.strict_bootstrap_password);
            assert!(
                release.strict_secrets && release.protect_all_admins,
                "{name}"
            );
        }
        let release = by_name("1.0.9 or 1.0.10");
        assert!(release.strict_secrets && release.strict_bootstrap_password);
        assert!(!release.local_password_optional);
        let release = by_name("1.0.8");
        assert!(release.strict_secrets && !release.strict_bootstrap_password);
        assert!(!release.local_password_optional);
        for name in [
            "1.0.7", "1.0.6", "1.0.5", "1.0.3", "1.0.2", "1.0.1", "1.0.0",
        ] {
            let release = by_name(name);
            assert!(
                release.protect_all_admins && release.change_demand,
                "{name}"
            );
            assert!(
                !release.strict_secrets && !release.login_refusals_as_500,
                "{name}"
            );
            assert_eq!(release.token_expiry_default, 20, "{name}");
            assert_eq!(release.lockout_minutes_default, 60, "{name}");
        }
        let old = by_name("0.9.0");
        assert!(!old.protect_all_admins && old.change_demand && old.login_refusals_as_500);
        assert_eq!(
            (old.token_expiry_default, old.lockout_minutes_default),
            (10080, 30)
        );
        assert!(!by_name("0.8.0").change_demand && !by_name("0.7.0").change_demand);
    }

    #[test]
    fn an_unknown_revision_is_placed_by_its_columns_and_not_called_newer() {
        let place = |columns: &[&str], nullable: bool| {
            let found =
                recognise(CONTEXTFORGE, "0123abcd9999", &table(columns, nullable)).expect("placed");
            assert!(!found.is_known());
            found
        };
        // 1.0.7's table: 1.0.3 brought the last of it, nothing after 1.0.10 changed it.
        let found = place(USERS_1_0_7, false);
        assert_eq!(found.name, "1.0.9 or 1.0.10");
        assert_eq!(found.placed, Placed::ByColumns { since: "1.0.3" });
        assert!(!found.local_password_optional);
        assert_eq!(
            found.label(),
            "the gateway at a revision breakglass does not know"
        );
        let described = found.describe();
        assert!(
            described.contains("users table is that of gateway 1.0.3 to 1.0.9 or 1.0.10"),
            "{described}"
        );
        assert!(!described.contains("newer"), "{described}");
        assert_eq!(found.reported_name(), "unknown");

        // A nullable password_hash is 1.0.11's.
        let found = place(USERS_1_0_7, true);
        assert_eq!(
            (found.name, found.placed),
            ("1.1.0", Placed::ByColumns { since: "1.0.11" })
        );
        assert!(found.local_password_optional);

        // Without id: 1.0.0 to 1.0.2; without admin_origin: 0.9.0; without the change flag: 0.8.0.
        let found = place(&without(USERS_1_0_7, &["id"]), false);
        assert_eq!(
            (found.name, found.placed),
            ("1.0.2", Placed::ByColumns { since: "1.0.0" })
        );
        let found = place(&without(USERS_1_0_7, &["id", "admin_origin"]), false);
        assert_eq!(found.name, "0.9.0");
        assert!(!found.protect_all_admins && found.login_refusals_as_500);
        let found = place(
            &without(
                USERS_1_0_7,
                &[
                    "id",
                    "admin_origin",
                    "password_changed_at",
                    "password_change_required",
                ],
            ),
            false,
        );
        assert_eq!(
            (found.name, found.placed),
            ("0.8.0", Placed::ByColumns { since: "0.7.0" })
        );
        assert!(!found.change_demand);
    }

    #[test]
    fn newer_only_with_a_column_no_known_release_has() {
        let mut columns = USERS_1_0_7.to_vec();
        columns.push("passkey_id");
        let found =
            recognise(CONTEXTFORGE, "ffffffffffff", &table(&columns, true)).expect("placed");
        assert_eq!((found.name, found.placed), ("1.1.0", Placed::Newer));
        assert_eq!(found.label(), "a gateway newer than breakglass knows");
        assert_eq!(found.reported_name(), "newer");
        let described = found.describe();
        assert!(described.contains("gateway 1.1.0's rules"), "{described}");
    }
}
