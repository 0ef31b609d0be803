//! A schema profile: one application's users table, named concept by concept, read from
//! TOML. ContextForge's is built in (the same file as `profiles/contextforge.toml`); another
//! application's comes from `--profile-file PATH` or `BREAKGLASS_PROFILE`.

use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::membership::{GroupMembership, Membership};
use crate::exit::{Failure, USAGE};
use crate::password::scheme::{self as schemes, Columns, Given, Hasher, Scheme, Schemes};

/// The built-in profile, kept as a file so that it can be copied and adapted.
pub const CONTEXTFORGE_TOML: &str = include_str!("../../profiles/contextforge.toml");

/// The concepts the commands need, whatever each application calls its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    /// The key users are looked up by: an email or a username.
    Email,
    PasswordHash,
    FullName,
    IsAdmin,
    IsActive,
    FailedAttempts,
    LockedUntil,
    ChangeRequired,
    PasswordChangedAt,
    LastLogin,
    HashType,
    AuthProvider,
    CreatedAt,
    UpdatedAt,
    ResetAllowed,
    /// A flag set together with the admin right (Django's `is_staff` beside `is_superuser`).
    AdminAlso,
    /// Devise's `unlock_token`: the digest of an unlock link, void once the user is unlocked.
    UnlockToken,
    /// A lower-cased copy of the key the application looks logins up by (Nextcloud's `uid_lower`).
    KeyLowercase,
    /// The salt kept beside the hash (Gitea's and Grafana's `salt`), written with it.
    Salt,
    /// The algorithm kept beside the hash (Gitea's `passwd_hash_algo`), written with it.
    HashAlgorithm,
    /// The user's email where the key is something else (a username); users may be named by either.
    ContactEmail,
    /// Columns holding the key as typed beside the normalised key (Gitea's `name` beside `lower_name`).
    KeyAlso,
}

impl Field {
    const ALL: [Field; 23] = [
        Field::Id,
        Field::Email,
        Field::PasswordHash,
        Field::FullName,
        Field::IsAdmin,
        Field::IsActive,
        Field::FailedAttempts,
        Field::LockedUntil,
        Field::ChangeRequired,
        Field::PasswordChangedAt,
        Field::LastLogin,
        Field::HashType,
        Field::AuthProvider,
        Field::CreatedAt,
        Field::UpdatedAt,
        Field::ResetAllowed,
        Field::AdminAlso,
        Field::UnlockToken,
        Field::KeyLowercase,
        Field::Salt,
        Field::HashAlgorithm,
        Field::ContactEmail,
        Field::KeyAlso,
    ];

    /// The concept a profile file names.
    pub fn named(concept: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|field| field.concept() == concept.trim())
    }

    /// The concept's name in a profile file.
    pub fn concept(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Email => "key",
            Field::PasswordHash => "hash",
            Field::FullName => "full_name",
            Field::IsAdmin => "admin",
            Field::IsActive => "active",
            Field::FailedAttempts => "failed_attempts",
            Field::LockedUntil => "locked_until",
            Field::ChangeRequired => "must_change",
            Field::PasswordChangedAt => "password_changed_at",
            Field::LastLogin => "last_login",
            Field::HashType => "hash.type_column",
            Field::AuthProvider => "auth_provider",
            Field::CreatedAt => "created_at",
            Field::UpdatedAt => "updated_at",
            Field::ResetAllowed => "reset_allowed",
            Field::AdminAlso => "admin.also",
            Field::UnlockToken => "unlock_token",
            Field::KeyLowercase => "key.lowercase_column",
            Field::Salt => "hash.salt_column",
            Field::HashAlgorithm => "hash.algorithm_column",
            Field::ContactEmail => "email",
            Field::KeyAlso => "key.also",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Without it breakglass cannot work on the table at all.
    Required,
    /// Read when present; a command that needs it says so.
    Optional,
}

/// A flag kept as "this column equals a value" instead of a boolean column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagValues {
    /// The value that means true.
    pub on: String,
    /// What breakglass writes for false; without it the flag cannot be cleared.
    pub off: Option<String>,
    /// [[active]]: the inactive value that is a lock, which `unlock` lifts by writing `on`
    /// (Redmine's status 3; its 2, registered, is inactive but not locked).
    pub locked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec {
    pub field: Field,
    pub column: String,
    pub need: Need,
    pub values: Option<FlagValues>,
    /// A boolean column that says the opposite (Gitea's `prohibit_login`, Grafana's `is_disabled`).
    pub inverted: bool,
}

/// A lock kept as the time it began (Devise's `locked_at`): the user is locked from then on,
/// until `unlock_in_minutes` have passed when the application unlocks by time, else until
/// someone unlocks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockStart {
    pub unlock_in_minutes: Option<u32>,
}

impl LockStart {
    /// When a lock that began at `locked_at` ends (never: the far future).
    pub fn ends(self, locked_at: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
        match self.unlock_in_minutes {
            Some(minutes) => locked_at + chrono::Duration::minutes(i64::from(minutes)),
            None => chrono::DateTime::<chrono::Utc>::MAX_UTC,
        }
    }
}

/// Users with an active global role of this name are admins too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminRole {
    pub roles_table: String,
    pub user_roles_table: String,
    pub role_name: String,
}

/// Whose rules beyond the columns apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Application {
    /// The ContextForge gateway's settings, login decision, events and history.
    Contextforge,
    /// Only what the profile says.
    #[default]
    Generic,
}

/// How the application turns what a user types into the stored key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Normalize {
    /// Trimmed and lower-cased (`email.lower().strip()`).
    Lowercase,
    /// Trimmed only.
    Trim,
    /// As typed.
    Exact,
    /// Trimmed and compared ignoring case, with the stored key in any case (Redmine's and
    /// Grafana's logins): a stored `Alice` is found by `alice` and logs in.
    IgnoreCase,
}

impl Normalize {
    pub fn apply(self, key: &str) -> String {
        match self {
            Normalize::Lowercase | Normalize::IgnoreCase => key.trim().to_lowercase(),
            Normalize::Trim => key.trim().to_owned(),
            Normalize::Exact => key.to_owned(),
        }
    }

    /// Whether the application's lookup finds this stored key at all (the gateway's
    /// `email.lower().strip()` never matches a stored `Bob@…`).
    pub fn finds(self, stored: &str) -> bool {
        self == Normalize::IgnoreCase || self.apply(stored) == stored
    }
}

/// Where a new row's id comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdGenerate {
    /// A random UUID (version 4), as text.
    Uuid,
    /// A collision-resistant id in the form of Prisma's `cuid()`.
    Cuid,
    /// The database assigns it (an identity or auto-increment column).
    Database,
    /// The key is the id (Nextcloud's `uid`): link tables hold it.
    Key,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CharClass {
    Upper,
    Lower,
    Digit,
    Special,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicySpec {
    /// The application's own settings (ContextForge's PASSWORD_*), read by its extras.
    FromApplication,
    Rules {
        min_length: usize,
        min_length_admin: usize,
        require: Vec<CharClass>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub application: Application,
    pub table: String,
    pub columns: Vec<ColumnSpec>,
    pub normalize: Normalize,
    pub id_generate: IdGenerate,
    /// The scheme that writes, with its parameters.
    pub hash: Hasher,
    /// Schemes whose stored forms the application verifies besides the one it writes.
    pub accepts: Vec<&'static dyn Scheme>,
    pub policy: PolicySpec,
    /// Every row of the table is an admin (a table of administrators only).
    pub every_user_admin: bool,
    pub admin_role: Option<AdminRole>,
    /// Admin by holding a role through join tables.
    pub membership: Option<Membership>,
    /// PostgreSQL: a new row's id comes from this sequence when it exists.
    pub id_sequence: Option<String>,
    /// Holds the application's schema revision (Alembic), shown in the banner.
    pub revision_table: Option<String>,
    /// The application's own audit trail, where committed changes are recorded too.
    pub events_table: Option<String>,
    /// Earlier password hashes, checked against reuse and appended to on reset.
    pub history_table: Option<String>,
    /// Where access that outlives a password change is kept (API tokens, reset links).
    pub access: AccessTables,
    /// The environment variable holding the application's pepper (Devise's `config.pepper`).
    pub pepper_env: Option<String>,
    /// The locked-until column holds when the lock began (Devise's `locked_at`).
    pub lock_start: Option<LockStart>,
    /// Inactive = a row in another table, its name with the table prefix.
    pub inactive_row: Option<super::inactive_row::InactiveRow>,
    /// What the application lacks, in its own words (`[lacks]`).
    pub lacks: Vec<(Field, String)>,
    /// How messages name the application.
    pub called: String,
    pub answers: Answers,
    /// How the application reads text found in a boolean column.
    pub text_booleans: super::user::TextBooleans,
    pub description: String,
    /// What judges the profile in CI (`profile list`).
    pub judged_by: String,
    /// Only rows with this value are users (Redmine's `type = 'User'`).
    pub scope: Option<ScopeFile>,
    /// A lockout kept as rows in another table, its name with the table prefix.
    pub lockout: Option<LockoutTable>,
    /// What create-admin writes besides the concepts, linked tables with the table prefix.
    pub create: CreateFile,
    /// How to recognise the application's database with no profile named.
    pub detect: Option<DetectFile>,
    /// Variables holding the application's own database URL, first set wins.
    pub database_url_env: Vec<String>,
    /// The profile as written, for `profile show`; commands read the fields above.
    file: ProfileFile,
}

impl Profile {
    /// The schemes the application accepts, the one that writes first: a stored value is
    /// identified only among them.
    pub fn schemes(&self) -> Schemes {
        Schemes::new(self.hash.scheme, &self.accepts)
    }

    /// The profile used when none is named, and the one `contextforge()` reads.
    pub const DEFAULT_NAME: &str = "contextforge";

    /// The ContextForge MCP gateway (`mcp-contextforge-gateway`), as its Alembic chain creates it.
    pub fn contextforge() -> Profile {
        // The embedded file is checked by a unit test, so this cannot fail in a release.
        Profile::from_toml(CONTEXTFORGE_TOML)
            .unwrap_or_else(|error| unreachable!("the built-in profile is valid: {error}"))
    }

    /// Whether this is the profile breakglass uses when none is named.
    pub fn is_default(&self) -> bool {
        self.name == Profile::DEFAULT_NAME
    }

    /// Reads a profile file; a missing or invalid one is a usage error naming the file.
    pub fn load(path: &Path) -> Result<Profile> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            Failure::error(
                USAGE,
                format!(
                    "cannot read the profile {}: {error}; a built-in one needs no file: \
                     --profile NAME (breakglass profile list)",
                    path.display()
                ),
            )
        })?;
        Profile::from_toml(&text).map_err(|message| {
            Failure::error(USAGE, format!("profile {}: {message}", path.display()))
        })
    }

    pub fn from_toml(text: &str) -> std::result::Result<Profile, String> {
        let file: ProfileFile = toml::from_str(text).map_err(|error| error.to_string())?;
        file.build()
    }

    /// `--table` renames the users table and keeps every column.
    pub fn with_table(mut self, table: Option<&str>) -> Profile {
        if let Some(table) = table {
            self.table = unquote(table);
            self.file.table = self.table.clone();
        }
        self
    }

    /// The first column holding `field`.
    pub fn column(&self, field: Field) -> Option<&str> {
        self.spec(field).map(|spec| spec.column.as_str())
    }

    pub fn spec(&self, field: Field) -> Option<&ColumnSpec> {
        self.columns.iter().find(|spec| spec.field == field)
    }

    /// The active column whose value can be a lock (`[[active]] locked`): its column, the
    /// locked value and the active one `unlock` writes.
    pub fn lock_state(&self) -> Option<(&str, &str, &str)> {
        self.columns.iter().find_map(|spec| {
            let values = spec
                .values
                .as_ref()
                .filter(|_| spec.field == Field::IsActive)?;
            Some((
                spec.column.as_str(),
                values.locked.as_deref()?,
                values.on.as_str(),
            ))
        })
    }

    /// What the application has beyond its users table.
    /// How a row's booleans are read.
    pub fn reading(&self) -> super::user::Reading<'_> {
        super::user::Reading {
            text: self.text_booleans,
            app: &self.called,
        }
    }

    pub fn extras(&self) -> &'static dyn super::extras::Extras {
        super::builtin::extras(self.application)
    }

    /// The profile as TOML, as `profile show` prints it.
    pub fn to_toml(&self) -> String {
        toml::to_string(&self.file).unwrap_or_default()
    }
}

/// A table name of the profile with its `table_prefix` in front.
fn prefixed(prefix: &str, name: &str) -> String {
    format!("{prefix}{}", unquote(name))
}

/// Accepts `"User"` as well as `User`: identifiers are always quoted when used.
fn unquote(name: &str) -> String {
    let name = name.trim();
    for quote in ['"', '`'] {
        if let Some(inner) = name
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner.to_owned();
        }
    }
    name.to_owned()
}

// The file format. Unknown keys are refused so that a typo does not silently drop a rule.

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What checks the profile in breakglass's CI: the real application, its framework, or
    /// tables from upstream definitions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judged_by: Option<String>,
    /// How messages name the application ("the gateway"); default "the NAME application".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub called: Option<String>,
    /// How the application answers a refused login, in its own words (see [`Answers`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<Answers>,
    /// How the application reads text in a boolean column: "python" (any non-empty text is
    /// true) or "words" ('f', 'false', '0', 'no', 'off' are false; the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_booleans: Option<super::user::TextBooleans>,
    #[serde(default)]
    pub application: Application,
    /// Put before every table name of the profile (Nextcloud's `dbtableprefix`, `oc_`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_prefix: Option<String>,
    pub table: String,
    pub key: KeyFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<IdFile>,
    pub hash: HashFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<FlagFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub active: Vec<FlagFile>,
    #[serde(default)]
    pub columns: ColumnsFile,
    #[serde(default)]
    pub policy: PolicyFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contextforge: Option<ContextforgeFile>,
    /// Present when breakglass may recognise the application from its tables, with no profile
    /// named: its users table and required columns, and these further marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detect: Option<DetectFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect: Option<ConnectFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lockout: Option<LockoutTable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_at: Option<LockedAtFile>,
    /// Inactive = a row in another table (Nextcloud's oc_preferences core/enabled = false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inactive_row: Option<super::inactive_row::InactiveRow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<CreateFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeFile>,
    /// What lets a user in besides the password, and how the application revokes it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credentials: Vec<super::credentials::Credential>,
    /// Concepts the application does not have, each with the sentence a command that needs it
    /// prints (WordPress core: no inactive state, no lockout).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub lacks: std::collections::BTreeMap<String, String>,
}

/// `[locked_at]`: the column holding when a lock began (Devise's lockable), and Devise's
/// `unlock_in` when the application unlocks by time (`unlock_strategy` :time or :both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedAtFile {
    pub column: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock_in_minutes: Option<u32>,
}

/// Which rows of a shared table are users (Gitea keeps organisations in `user`, `type` 1):
/// others are never found by key, and create-admin writes the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeFile {
    pub column: String,
    pub equals: Literal,
}

/// `[answers]`: the application's own words for a refused login, each replacing breakglass's
/// plain sentence; `{until}` in `locked` stands for the lock's end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inactive: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_change: Option<String>,
    /// Password login is turned off in the application's settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_login_off: Option<String>,
    /// What turns it back on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn_password_login_on: Option<String>,
    /// `{changed_at}` and `{days}` stand for when the password changed and the age limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_too_old: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_password: Option<String>,
    /// The row's hash-type column says it has no local password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_local_password: Option<String>,
}

/// A value a profile writes or compares as it is: a boolean, a whole number (`type = 0`) or
/// text (`type = "User"`), bound with the type it was written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    Text(String),
}

impl Literal {
    pub fn value(&self) -> crate::db::Value {
        match self {
            Literal::Bool(flag) => crate::db::Value::Bool(*flag),
            Literal::Int(number) => crate::db::Value::Int(*number),
            Literal::Text(text) => crate::db::Value::Text(text.clone()),
        }
    }
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Bool(flag) => write!(f, "{flag}"),
            Literal::Int(number) => write!(f, "{number}"),
            Literal::Text(text) => write!(f, "'{text}'"),
        }
    }
}

/// What `create-admin` writes beyond the concepts: fixed values the application needs in a new
/// row (Grafana's `org_id`, the main organisation; Redmine's first and last name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateFile {
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub set: std::collections::BTreeMap<String, Literal>,
    /// Rows the new user needs in other tables, added where those tables exist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<super::linked::LinkedRow>,
}

/// A lockout kept as rows in another table (django-axes' `axes_accessattempt`): the user is
/// locked out while a row for its key counts `limit` failures or more; unlocking deletes them.
/// Without a failures column every row is one failure (Grafana's `login_attempt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockoutTable {
    pub table: String,
    /// The column holding the user's key (its username).
    pub key_column: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failures_column: Option<String>,
    /// The application's failure limit (django-axes' AXES_FAILURE_LIMIT, default 3).
    pub limit: i64,
}

/// Where the application keeps its own database URL, used when DATABASE_URL is not set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectFile {
    /// Environment variables (or .env entries) holding the URL, first set wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub database_url_env: Vec<String>,
}

/// What besides its users table marks the application's database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectFile {
    /// Other tables that exist in its database.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<String>,
    /// Columns of the users table that its schema adds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    pub column: String,
    #[serde(default = "lowercase")]
    pub normalize: Normalize,
    /// A column holding the key lower-cased, written with a new user (Nextcloud's `uid_lower`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lowercase_column: Option<String>,
    /// Columns that hold the key as typed (Gitea's `name`), set by create-admin.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

fn lowercase() -> Normalize {
    Normalize::Lowercase
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdFile {
    pub column: String,
    pub generate: IdGenerate,
    /// PostgreSQL: the sequence the application takes ids from (`generate = "database"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<String>,
}

impl MembershipFile {
    fn build(&self, prefix: &str) -> Membership {
        let matching = |values: &std::collections::BTreeMap<String, String>| {
            values
                .iter()
                .map(|(column, value)| (column.clone(), value.replace("{table_prefix}", prefix)))
                .collect::<Vec<_>>()
        };
        Membership {
            matching: matching(&self.matching),
            role_format: self.role_format,
            companions: self
                .companions
                .iter()
                .map(|companion| super::membership::Companion {
                    matching: matching(&companion.matching),
                    granted: companion.granted.clone(),
                    revoked: companion.revoked.clone(),
                })
                .collect(),
            table: prefixed(prefix, &self.table),
            user_column: self.user_column.clone(),
            role_column: self.role_column.clone(),
            id_sequence: self.id_sequence.clone(),
            roles_table: self
                .roles_table
                .as_deref()
                .map(|table| prefixed(prefix, table)),
            role_name_column: self.role_name_column.clone(),
            role: self.role.clone(),
            groups: self.groups.as_ref().map(|groups| GroupMembership {
                table: prefixed(prefix, &groups.table),
                user_column: groups.user_column.clone(),
                group_column: groups.group_column.clone(),
                roles_table: prefixed(prefix, &groups.roles_table),
                role_column: groups.role_column.clone(),
            }),
            on_user_row: self.on_user_row,
            permission: self.permission_column.clone().zip(self.permission_bit),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashFile {
    pub column: String,
    pub scheme: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_cost: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_cost: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<u32>,
    /// PBKDF2 iterations (Django's pbkdf2_sha256, werkzeug's pbkdf2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u32>,
    /// The Django release whose PBKDF2 iteration count to write ("5.2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// scrypt's N (werkzeug's scrypt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_factor: Option<u64>,
    /// scrypt's r (werkzeug's scrypt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_size: Option<u32>,
    /// Other families of stored hashes the application verifies besides its own, by name
    /// (Nextcloud's legacy path checks a bare bcrypt: `accepts = ["bcrypt"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepts: Vec<String>,
    /// A column naming the scheme of each row's hash (written on reset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_column: Option<String>,
    /// The environment variable holding the application's pepper (devise-bcrypt); when named,
    /// it must be set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pepper_env: Option<String>,
    /// The salt's column, for schemes that keep it beside the hash (gitea, grafana).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt_column: Option<String>,
    /// The algorithm's column, for schemes that name it beside the hash (gitea).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm_column: Option<String>,
}

/// A boolean column, or a column equal to a value; or, for admins, every row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<String>,
    /// [[active]]: the value that means locked, lifted by `unlock` (see [`FlagValues::locked`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub every_user: bool,
    /// [[active]]: a boolean column whose true means the opposite (Gitea's `prohibit_login`,
    /// Mastodon's `disabled`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inverted: bool,
    /// Boolean columns set true with the admin right (create-admin, promote), where the table
    /// has them; demoting leaves them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Admin = holding a role through a join table instead of (or besides) a column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<MembershipFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipFile {
    /// The link table (`ab_user_role`).
    pub table: String,
    pub user_column: String,
    pub role_column: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_sequence: Option<String>,
    /// The roles (`ab_role`, with an `id`). Without it, `role_column` holds the role's (or
    /// group's) name itself (Nextcloud's `oc_group_user.gid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles_table: Option<String>,
    #[serde(default = "name_column")]
    pub role_name_column: String,
    /// The admin role's name (the application's `AUTH_ROLE_ADMIN`).
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<GroupsFile>,
    /// The role is a column of the user's own row (Mastodon's `users.role_id`): `table` is the
    /// users table, promote sets the column to the role's id and --demote empties it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_user_row: bool,
    /// Any role whose `permission_column` has `permission_bit` set is an admin role too
    /// (Mastodon's `user_roles.permissions`, administrator = 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_bit: Option<i64>,
    /// How `role_column` holds roles; `php-array-keys`: one row per user, a serialized PHP
    /// array whose keys are the roles (WordPress's `wp_capabilities`).
    #[serde(default, skip_serializing_if = "is_plain")]
    pub role_format: super::membership::RoleFormat,
    /// With php-array-keys: the values that pick the user's row (`meta_key`); `{table_prefix}`
    /// stands for the profile's prefix.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub matching: std::collections::BTreeMap<String, String>,
    /// With php-array-keys: rows kept in step with the role (WordPress's `wp_user_level`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companions: Vec<CompanionFile>,
}

fn is_plain(format: &super::membership::RoleFormat) -> bool {
    *format == super::membership::RoleFormat::Plain
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanionFile {
    pub matching: std::collections::BTreeMap<String, String>,
    /// The value while the user holds the role, and after it is taken.
    pub granted: String,
    pub revoked: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupsFile {
    pub table: String,
    pub user_column: String,
    pub group_column: String,
    pub roles_table: String,
    pub role_column: String,
}

fn name_column() -> String {
    "name".to_owned()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnsFile {
    /// The email, where the key is a username: create-admin --email sets it, users are found by either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_change: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_attempts: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_changed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_allowed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock_token: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Application>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length_admin: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<CharClass>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextforgeFile {
    pub admin_role: Option<String>,
    #[serde(default = "roles")]
    pub roles_table: String,
    #[serde(default = "user_roles")]
    pub user_roles_table: String,
    pub events_table: Option<String>,
    pub history_table: Option<String>,
    pub revision_table: Option<String>,
}

/// What lets a user in besides the password (`[[credentials]]`), checked, tables prefixed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessTables {
    pub credentials: Vec<super::credentials::Credential>,
}

impl AccessTables {
    /// Whether any section names a table to cut (not only what remains out of reach).
    pub fn cuts_anything(&self) -> bool {
        self.credentials
            .iter()
            .any(|credential| credential.table.is_some())
    }
}

fn roles() -> String {
    "roles".to_owned()
}

fn user_roles() -> String {
    "user_roles".to_owned()
}

/// Below this a password is no protection; above it no person types it.
const POLICY_LENGTHS: std::ops::RangeInclusive<usize> = 8..=128;

impl ProfileFile {
    fn build(&self) -> std::result::Result<Profile, String> {
        use Field::*;
        let mut columns = Vec::new();
        let mut add = |field, column: &str, need, values| {
            columns.push(ColumnSpec {
                field,
                column: unquote(column),
                need,
                values,
                inverted: false,
            });
        };
        if let Some(id) = &self.id {
            add(Id, &id.column, Need::Optional, None);
        }
        add(Email, &self.key.column, Need::Required, None);
        if let Some(lowercase) = &self.key.lowercase_column {
            add(KeyLowercase, lowercase, Need::Optional, None);
        }
        add(PasswordHash, &self.hash.column, Need::Required, None);
        // A hash that spans columns cannot be checked or written without the others.
        for (field, column) in [
            (Salt, &self.hash.salt_column),
            (HashAlgorithm, &self.hash.algorithm_column),
        ] {
            if let Some(column) = column {
                add(field, column, Need::Required, None);
            }
        }
        for also in &self.key.also {
            add(KeyAlso, also, Need::Optional, None);
        }
        let mut every_user_admin = false;
        let mut inverted = Vec::new();
        if let Some(admin) = &self.admin {
            if admin.inverted {
                return Err("inverted belongs to [[active]], not [admin]".to_owned());
            }
            if let Some(membership) = &admin.membership {
                let keyed = membership.role_format == super::membership::RoleFormat::PhpArrayKeys;
                if !keyed && (!membership.matching.is_empty() || !membership.companions.is_empty())
                {
                    return Err(
                        "[admin.membership] matching and companions need role_format = \"php-array-keys\" \
                         (one row per user holding its roles)"
                            .to_owned(),
                    );
                }
                if keyed && (membership.roles_table.is_some() || membership.on_user_row) {
                    return Err(
                        "[admin.membership] role_format = \"php-array-keys\" keeps role names in the row; \
                         it takes no roles_table or on_user_row"
                            .to_owned(),
                    );
                }
            }
            match (admin.every_user, &admin.column) {
                (true, None) if admin.membership.is_none() => every_user_admin = true,
                (false, None) if admin.membership.is_some() => {}
                (false, Some(column)) if admin.membership.is_some() => {
                    return Err(format!(
                        "[admin] column = \"{column}\" and [admin.membership] are two writers for admin: \
                         promote could not know which one the application reads; keep one"
                    ));
                }
                (false, Some(column)) => {
                    add(IsAdmin, column, Need::Required, admin.values("admin")?);
                    for also in &admin.also {
                        add(AdminAlso, also, Need::Optional, None);
                    }
                }
                _ => {
                    return Err(
                        "[admin] takes column (with equals and otherwise for a value), membership, or every_user = true"
                            .to_owned(),
                    );
                }
            }
        }
        for active in &self.active {
            let Some(column) = &active.column else {
                return Err("every [[active]] entry needs a column".to_owned());
            };
            if active.every_user || !active.also.is_empty() || active.membership.is_some() {
                return Err(
                    "every_user, also and membership belong to [admin], not [[active]]".to_owned(),
                );
            }
            if active.inverted && active.equals.is_some() {
                return Err(
                    "[[active]] takes equals (a value) or inverted (a boolean), not both"
                        .to_owned(),
                );
            }
            add(IsActive, column, Need::Required, active.values("active")?);
            if active.inverted {
                inverted.push(unquote(column));
            }
        }
        let optional = [
            (ContactEmail, &self.columns.email),
            (FullName, &self.columns.full_name),
            (FailedAttempts, &self.columns.failed_attempts),
            (LockedUntil, &self.columns.locked_until),
            (ChangeRequired, &self.columns.must_change),
            (PasswordChangedAt, &self.columns.password_changed_at),
            (LastLogin, &self.columns.last_login),
            (HashType, &self.hash.type_column),
            (AuthProvider, &self.columns.auth_provider),
            (CreatedAt, &self.columns.created_at),
            (UpdatedAt, &self.columns.updated_at),
            (ResetAllowed, &self.columns.reset_allowed),
            (UnlockToken, &self.columns.unlock_token),
            (
                LockedUntil,
                &self.locked_at.as_ref().map(|locked| locked.column.clone()),
            ),
        ];
        if self.locked_at.is_some() && self.columns.locked_until.is_some() {
            return Err(
                "[locked_at] and [columns] locked_until both name the lock; keep the one the table has"
                    .to_owned(),
            );
        }
        for (field, column) in optional {
            if let Some(column) = column {
                add(field, column, Need::Optional, None);
            }
        }
        for spec in &mut columns {
            spec.inverted = spec.field == IsActive && inverted.contains(&spec.column);
        }
        let mut seen = std::collections::BTreeSet::new();
        // An id that is the key names the key's column again.
        let key_is_id = self
            .id
            .as_ref()
            .is_some_and(|id| id.generate == IdGenerate::Key);
        if key_is_id
            && self.id.as_ref().map(|id| unquote(&id.column)) != Some(unquote(&self.key.column))
        {
            return Err(
                "[id] generate = \"key\" needs the key's column as the id column".to_owned(),
            );
        }
        for spec in columns
            .iter()
            .filter(|spec| !(key_is_id && spec.field == Id))
        {
            if !seen.insert(spec.column.to_lowercase()) {
                return Err(format!("column {} is named for two concepts", spec.column));
            }
        }
        let contextforge = self.contextforge.clone();
        let prefix = self.table_prefix.as_deref().unwrap_or_default();
        Ok(Profile {
            name: self.name.clone(),
            application: self.application,
            table: prefixed(
                self.table_prefix.as_deref().unwrap_or_default(),
                &self.table,
            ),
            columns,
            normalize: self.key.normalize,
            id_generate: self
                .id
                .as_ref()
                .map_or(IdGenerate::Database, |id| id.generate),
            hash: self.hash.scheme()?,
            accepts: self.hash.accepted()?,
            policy: self.policy.spec(self.application)?,
            every_user_admin,
            membership: self
                .admin
                .as_ref()
                .and_then(|admin| admin.membership.as_ref())
                .map(|membership| {
                    membership.build(self.table_prefix.as_deref().unwrap_or_default())
                }),
            id_sequence: self.id.as_ref().and_then(|id| id.sequence.clone()),
            admin_role: contextforge.as_ref().and_then(|extras| {
                Some(AdminRole {
                    roles_table: extras.roles_table.clone(),
                    user_roles_table: extras.user_roles_table.clone(),
                    role_name: extras.admin_role.clone()?,
                })
            }),
            revision_table: contextforge
                .as_ref()
                .and_then(|extras| extras.revision_table.clone()),
            events_table: contextforge
                .as_ref()
                .and_then(|extras| extras.events_table.clone()),
            history_table: contextforge
                .as_ref()
                .and_then(|extras| extras.history_table.clone()),
            access: AccessTables {
                credentials: self
                    .credentials
                    .iter()
                    .enumerate()
                    .map(|(index, credential)| credential.checked(index, prefix))
                    .collect::<std::result::Result<_, _>>()?,
            },
            pepper_env: self.hash.pepper_env.clone(),
            inactive_row: self
                .inactive_row
                .clone()
                .map(|row| super::inactive_row::InactiveRow {
                    table: prefixed(self.table_prefix.as_deref().unwrap_or_default(), &row.table),
                    ..row
                }),
            lock_start: self.locked_at.as_ref().map(|locked| LockStart {
                unlock_in_minutes: locked.unlock_in_minutes,
            }),
            text_booleans: self.text_booleans.unwrap_or_default(),
            called: self
                .called
                .clone()
                .unwrap_or_else(|| format!("the {} application", self.name)),
            answers: self.answers.clone().unwrap_or_default(),
            lacks: self
                .lacks
                .iter()
                .map(|(concept, sentence)| {
                    Field::named(concept)
                        .map(|field| (field, sentence.clone()))
                        .ok_or_else(|| {
                            format!(
                                "[lacks] names '{concept}', which is not a concept of a profile \
                                 (active, locked_until, failed_attempts, must_change, ...)"
                            )
                        })
                })
                .collect::<std::result::Result<_, _>>()?,
            description: self.description.clone().unwrap_or_default(),
            judged_by: self.judged_by.clone().unwrap_or_default(),
            scope: self.scope.clone(),
            lockout: self.lockout.clone().map(|lockout| LockoutTable {
                table: prefixed(prefix, &lockout.table),
                ..lockout
            }),
            create: CreateFile {
                set: self
                    .create
                    .as_ref()
                    .map(|create| create.set.clone())
                    .unwrap_or_default(),
                rows: self
                    .create
                    .iter()
                    .flat_map(|create| &create.rows)
                    .map(|row| super::linked::LinkedRow {
                        table: prefixed(prefix, &row.table),
                        ..row.clone()
                    })
                    .collect(),
            },
            detect: self.detect.clone(),
            database_url_env: self
                .connect
                .as_ref()
                .map(|connect| connect.database_url_env.clone())
                .unwrap_or_default(),
            file: self.clone(),
        })
    }
}

impl FlagFile {
    fn values(&self, what: &str) -> std::result::Result<Option<FlagValues>, String> {
        match (&self.equals, &self.otherwise) {
            _ if self.locked.is_some() && (what != "active" || self.equals.is_none()) => {
                Err(format!(
                    "[{what}] locked names the value of a lock that unlock lifts; it belongs to an \
                     [[active]] entry with equals"
                ))
            }
            (None, None) => Ok(None),
            (Some(on), off) => Ok(Some(FlagValues {
                on: on.clone(),
                off: off.clone(),
                locked: self.locked.clone(),
            })),
            (None, Some(_)) => Err(format!(
                "[{what}] has otherwise but no equals: name the value that means {what}"
            )),
        }
    }
}

/// Names `[hash] accepts` took before schemes were one registry: a family, now the scheme
/// whose check reads the whole family.
const FAMILY_NAMES: &[(&str, &str)] = &[
    ("argon2", "argon2id"),
    ("django", "django-pbkdf2-sha256"),
    ("werkzeug", "werkzeug-scrypt"),
];

impl HashFile {
    /// The scheme that writes, with the parameters it parses from this section.
    fn scheme(&self) -> std::result::Result<Hasher, String> {
        let scheme = schemes::named(&self.scheme).ok_or_else(|| {
            format!(
                "[hash] scheme '{}' is not one breakglass knows; use one of {}",
                self.scheme,
                schemes::names()
            )
        })?;
        self.check_columns(scheme)?;
        schemes::configure(
            scheme,
            &Given {
                time_cost: self.time_cost,
                memory_cost: self.memory_cost,
                parallelism: self.parallelism,
                cost: self.cost,
                iterations: self.iterations,
                release: self.release.as_deref(),
                work_factor: self.work_factor,
                block_size: self.block_size,
                pepper_env: self.pepper_env.as_deref(),
            },
        )
    }

    /// The salt and algorithm columns the scheme's stored form spans, and no others.
    fn check_columns(&self, scheme: &dyn Scheme) -> std::result::Result<(), String> {
        let name = scheme.name();
        match (
            scheme.columns(),
            self.salt_column.is_some(),
            self.algorithm_column.is_some(),
        ) {
            (Columns::Hash, false, false)
            | (Columns::HashSalt, true, false)
            | (Columns::HashSaltAlgorithm, true, true) => Ok(()),
            (Columns::Hash, ..) => Err(format!(
                "[hash] salt_column and algorithm_column belong to schemes that keep their hash in several \
                 columns; {name} keeps everything in its one column"
            )),
            (Columns::HashSalt, ..) => Err(format!(
                "[hash] scheme {name} keeps its hash in several columns: name salt_column, and no \
                 algorithm_column"
            )),
            (Columns::HashSaltAlgorithm, ..) => Err(format!(
                "[hash] scheme {name} keeps its hash in several columns: name salt_column and \
                 algorithm_column"
            )),
        }
    }

    /// The schemes named in `accepts`, by their names or the family names of earlier releases.
    fn accepted(&self) -> std::result::Result<Vec<&'static dyn Scheme>, String> {
        self.accepts
            .iter()
            .map(|name| {
                let trimmed = name.trim().to_ascii_lowercase();
                let canonical = FAMILY_NAMES
                    .iter()
                    .find(|(family, _)| *family == trimmed)
                    .map_or(trimmed.as_str(), |(_, scheme)| scheme);
                schemes::named(canonical).ok_or_else(|| {
                    format!(
                        "[hash] accepts names '{name}', which is not a scheme breakglass knows ({})",
                        schemes::names()
                    )
                })
            })
            .collect()
    }
}

impl PolicyFile {
    /// `application`: the profile's own, whose extras read the settings a `source` names.
    fn spec(&self, application: Application) -> std::result::Result<PolicySpec, String> {
        if let Some(source) = self.source {
            if source != application || super::builtin::extras(source).password_policy().is_none() {
                return Err(
                    "[policy] source names no password settings of this profile's \
                     application; give min_length, min_length_admin and require instead"
                        .to_owned(),
                );
            }
            if self.min_length.is_some()
                || self.min_length_admin.is_some()
                || !self.require.is_empty()
            {
                return Err(
                    "[policy] source takes its rules from the application's settings; \
                     remove min_length, min_length_admin and require"
                        .to_owned(),
                );
            }
            return Ok(PolicySpec::FromApplication);
        }
        let min_length = self.min_length.unwrap_or(12);
        let min_length_admin = self.min_length_admin.unwrap_or(min_length);
        for (name, value) in [
            ("min_length", min_length),
            ("min_length_admin", min_length_admin),
        ] {
            if !POLICY_LENGTHS.contains(&value) {
                return Err(format!(
                    "[policy] {name} is {value}; it must be between {} and {}",
                    POLICY_LENGTHS.start(),
                    POLICY_LENGTHS.end()
                ));
            }
        }
        Ok(PolicySpec::Rules {
            min_length,
            min_length_admin,
            require: self.require.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(name: &str) -> Profile {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("profiles")
            .join(format!("{name}.toml"));
        Profile::load(&path).unwrap_or_else(|error| panic!("{name}: {error:#}"))
    }

    #[test]
    fn contextforge_names_every_concept_once() {
        let profile = Profile::contextforge();
        assert_eq!(profile.column(Field::Email), Some("email"));
        assert_eq!(
            profile.column(Field::ChangeRequired),
            Some("password_change_required")
        );
        let mut fields: Vec<_> = profile.columns.iter().map(|spec| spec.field).collect();
        let before = fields.len();
        fields.dedup();
        assert_eq!(fields.len(), before);
        assert_eq!(profile.with_table(Some("users")).table, "users");
    }

    /// The gateway's schema and rules, concept by concept, as they were before profiles
    /// were files: the built-in must not drift from them.
    #[test]
    fn the_built_in_profile_is_the_gateways_schema() {
        let profile = Profile::contextforge();
        let required: Vec<(Field, &str)> = profile
            .columns
            .iter()
            .filter(|spec| spec.need == Need::Required)
            .map(|spec| (spec.field, spec.column.as_str()))
            .collect();
        assert_eq!(
            required,
            [
                (Field::Email, "email"),
                (Field::PasswordHash, "password_hash"),
                (Field::IsAdmin, "is_admin"),
                (Field::IsActive, "is_active"),
            ]
        );
        assert!(profile.columns.iter().all(|spec| spec.values.is_none()));
        assert_eq!(
            profile.hash,
            Hasher::defaults(schemes::named("argon2id").expect("argon2id")).expect("defaults")
        );
        assert_eq!(profile.policy, PolicySpec::FromApplication);
        assert_eq!(profile.normalize, Normalize::Lowercase);
        assert_eq!(profile.id_generate, IdGenerate::Uuid);
        // The default profile carries the gateway's extras (its sandbox among them).
        assert!(
            profile.is_default()
                && profile.extras().sandbox().is_some()
                && !profile.every_user_admin
        );
        assert_eq!(
            profile.admin_role.as_ref().map(|r| r.role_name.as_str()),
            Some("platform_admin")
        );
        assert_eq!(profile.events_table.as_deref(), Some("email_auth_events"));
        assert_eq!(profile.history_table.as_deref(), Some("password_history"));
        assert_eq!(profile.revision_table.as_deref(), Some("alembic_version"));
        assert_eq!(shipped("contextforge"), profile);
    }

    #[test]
    fn shipped_profiles_load_and_show_round_trips() {
        for name in [
            "contextforge",
            "adminuser",
            "flag-reset",
            "prisma-portal",
            "devise",
            "gitlab",
            "nextcloud",
            "mastodon",
            "gitea",
            "grafana",
        ] {
            let profile = shipped(name);
            assert_eq!(profile.name, name);
            let again = Profile::from_toml(&profile.to_toml()).expect("shown profile parses");
            assert_eq!(again, profile, "{name}");
        }
        let prisma = shipped("prisma-portal");
        assert_eq!(prisma.table, "User");
        assert_eq!(
            (prisma.hash.name(), prisma.hash.params),
            ("bcrypt", crate::password::scheme::Params::Cost(12))
        );
        assert_eq!(
            prisma.spec(Field::IsAdmin).and_then(|s| s.values.clone()),
            Some(FlagValues {
                on: "admin".into(),
                off: Some("user".into()),
                locked: None,
            })
        );
        assert!(shipped("adminuser").every_user_admin);
        let gitea = shipped("gitea");
        assert_eq!(gitea.hash.name(), "gitea");
        assert_eq!(gitea.column(Field::HashAlgorithm), Some("passwd_hash_algo"));
        assert!(
            gitea
                .columns
                .iter()
                .any(|spec| spec.column == "prohibit_login" && spec.inverted)
        );
        let grafana = shipped("grafana");
        assert_eq!(grafana.hash.name(), "grafana");
        assert_eq!(grafana.column(Field::Salt), Some("salt"));
        assert_eq!(grafana.column(Field::HashAlgorithm), None);
        assert_eq!(shipped("flag-reset").normalize, Normalize::Exact);
    }

    #[test]
    fn mistakes_in_a_profile_are_named() {
        let base = "name = \"x\"\ntable = \"t\"\n[key]\ncolumn = \"email\"\n";
        let refused = |rest: &str| Profile::from_toml(&format!("{base}{rest}")).expect_err(rest);
        assert!(refused("[hash]\ncolumn = \"h\"\nscheme = \"md5\"\n").contains("md5"));
        assert!(
            refused("[hash]\ncolumn = \"h\"\nscheme = \"bcrypt\"\ncost = 40\n")
                .contains("between 4 and 16")
        );
        assert!(
            refused("[hash]\ncolumn = \"h\"\nscheme = \"bcrypt\"\ntime_cost = 2\n")
                .contains("time_cost is not bcrypt's; bcrypt takes cost")
        );
        assert!(
            refused("[hash]\ncolumn = \"h\"\nscheme = \"argon2id\"\nmemory_cost = 0\n")
                .contains("memory_cost")
        );
        assert!(
            refused("[hash]\ncolumn = \"h\"\nscheme = \"bcrypt\"\n[columns]\ncolour = \"c\"\n")
                .contains("colour")
        );
        assert!(
            refused("[hash]\ncolumn = \"email\"\nscheme = \"bcrypt\"\n").contains("two concepts")
        );
        assert!(refused("[hash]\ncolumn = \"h\"\nscheme = \"bcrypt\"\n[admin]\notherwise = \"user\"\ncolumn = \"role\"\n").contains("no equals"));
        // A lock value belongs to an active column that says which value is active.
        for misplaced in [
            "[admin]\ncolumn = \"role\"\nequals = \"admin\"\nlocked = \"x\"\n",
            "[[active]]\ncolumn = \"status\"\nlocked = \"3\"\n",
        ] {
            let error = refused(&format!(
                "[hash]\ncolumn = \"h\"\nscheme = \"bcrypt\"\n{misplaced}"
            ));
            assert!(
                error.contains("locked names the value of a lock"),
                "{error}"
            );
        }
        assert!(
            refused("[hash]\ncolumn = \"h\"\nscheme = \"bcrypt\"\n[policy]\nmin_length = 3\n")
                .contains("between 8 and 128")
        );
        let quoted = Profile::from_toml(&format!(
            "{}[hash]\ncolumn = \"h\"\nscheme = \"bcrypt\"\n",
            base.replace("\"t\"", "'\"User\"'")
        ))
        .expect("quoted table");
        assert_eq!(quoted.table, "User");
    }
}
