//! A user row as the application sees it, decoded once, here.

use chrono::{DateTime, Utc};

use super::Field;
use crate::db::Value;
pub use crate::db::value::TextBooleans;
use crate::db::value::parse_text_timestamp;

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Option<String>,
    pub email: String,
    pub password_hash: Option<String>,
    pub full_name: Option<String>,
    pub is_admin: bool,
    pub is_active: bool,
    /// An active column holds the profile's value for a lock (Redmine's status 3).
    pub locked_state: bool,
    pub failed_login_attempts: i64,
    pub locked_until: Option<DateTime<Utc>>,
    pub password_change_required: bool,
    pub password_changed_at: Option<DateTime<Utc>>,
    pub last_login: Option<DateTime<Utc>>,
    pub password_hash_type: Option<String>,
    pub auth_provider: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub reset_allowed: bool,
    /// The flag set together with the admin right (Django's `is_staff`).
    pub admin_also: bool,
    /// Whether an unlock link is pending (Devise's `unlock_token`; its value is never shown).
    pub unlock_token_set: bool,
    /// The lower-cased copy of the key (Nextcloud's `uid_lower`).
    pub key_lowercase: Option<String>,
    /// The salt and algorithm columns of a hash that spans several (Gitea, Grafana); the
    /// users table folds them into `password_hash`.
    pub salt: Option<String>,
    pub hash_algorithm: Option<String>,
    /// The email, where the key is a username.
    pub contact_email: Option<String>,
    /// Failures counted in the profile's lockout table, when they lock the user out.
    pub lockout_failures: Option<i64>,
    /// Whether the stored key is what the application's lookup produces (a mixed-case
    /// email is never found by a gateway that lower-cases logins).
    pub key_normalized: bool,
    /// Values stored in a way the application reads differently than one would expect.
    pub oddities: Vec<String>,
}

impl User {
    /// Sets one field from a stored value, read the way the gateway reads it.
    pub fn apply(&mut self, field: Field, column: &str, value: &Value, reading: Reading) {
        let oddities = &mut self.oddities;
        match field {
            Field::Id => self.id = text_of(value),
            Field::Email => self.email = text_of(value).unwrap_or_default(),
            Field::PasswordHash => self.password_hash = text_of(value),
            Field::FullName => self.full_name = text_of(value),
            Field::IsAdmin => self.is_admin = decode_flag(column, value, reading, oddities),
            Field::IsActive => self.is_active = decode_flag(column, value, reading, oddities),
            Field::FailedAttempts => self.failed_login_attempts = value.int().unwrap_or(0),
            Field::LockedUntil => self.locked_until = decode_time(column, value, oddities),
            Field::ChangeRequired => {
                self.password_change_required = decode_flag(column, value, reading, oddities)
            }
            Field::PasswordChangedAt => {
                self.password_changed_at = decode_time(column, value, oddities)
            }
            Field::LastLogin => self.last_login = decode_time(column, value, oddities),
            Field::HashType => self.password_hash_type = text_of(value),
            Field::AuthProvider => self.auth_provider = text_of(value),
            Field::CreatedAt => self.created_at = decode_time(column, value, oddities),
            Field::UpdatedAt => self.updated_at = decode_time(column, value, oddities),
            Field::ResetAllowed => {
                self.reset_allowed = decode_flag(column, value, reading, oddities)
            }
            Field::AdminAlso => self.admin_also = decode_flag(column, value, reading, oddities),
            Field::UnlockToken => self.unlock_token_set = !matches!(value, Value::Null),
            Field::KeyLowercase => self.key_lowercase = text_of(value),
            Field::Salt => self.salt = text_of(value),
            Field::HashAlgorithm => self.hash_algorithm = text_of(value),
            Field::ContactEmail => self.contact_email = text_of(value),
            // The key as typed is the key: nothing more to read.
            Field::KeyAlso => {}
        }
    }

    /// Like [`User::apply`], moving a text value into its field instead of copying it:
    /// decoding a million-row listing would otherwise copy every string twice.
    pub fn take(&mut self, field: Field, column: &str, value: Value, reading: Reading) {
        let slot = match field {
            Field::Id => &mut self.id,
            Field::PasswordHash => &mut self.password_hash,
            Field::FullName => &mut self.full_name,
            Field::HashType => &mut self.password_hash_type,
            Field::AuthProvider => &mut self.auth_provider,
            Field::KeyLowercase => &mut self.key_lowercase,
            Field::Salt => &mut self.salt,
            Field::HashAlgorithm => &mut self.hash_algorithm,
            Field::ContactEmail => &mut self.contact_email,
            Field::Email => {
                self.email = into_text(value).unwrap_or_default();
                return;
            }
            _ => return self.apply(field, column, &value, reading),
        };
        *slot = into_text(value);
    }

    /// A field as shown in output and the audit record. Hashes are never shown.
    pub fn display(&self, field: Field) -> serde_json::Value {
        use serde_json::Value as J;
        let time = |at: Option<DateTime<Utc>>| {
            at.map_or(J::Null, |at| J::String(crate::output::rfc3339(at)))
        };
        let text = |value: &Option<String>| value.clone().map_or(J::Null, J::String);
        match field {
            Field::Id => text(&self.id),
            Field::Email => J::String(self.email.clone()),
            Field::PasswordHash => match &self.password_hash {
                Some(hash) => {
                    J::String(format!("<{} hash>", crate::password::scheme::name_of(hash)))
                }
                None => J::Null,
            },
            Field::FullName => text(&self.full_name),
            Field::IsAdmin => J::Bool(self.is_admin),
            Field::IsActive => J::Bool(self.is_active),
            Field::FailedAttempts => J::from(self.failed_login_attempts),
            Field::LockedUntil => time(self.locked_until),
            Field::ChangeRequired => J::Bool(self.password_change_required),
            Field::PasswordChangedAt => time(self.password_changed_at),
            Field::LastLogin => time(self.last_login),
            Field::HashType => text(&self.password_hash_type),
            Field::AuthProvider => text(&self.auth_provider),
            Field::CreatedAt => time(self.created_at),
            Field::UpdatedAt => time(self.updated_at),
            Field::ResetAllowed => J::Bool(self.reset_allowed),
            Field::AdminAlso => J::Bool(self.admin_also),
            Field::UnlockToken => J::Bool(self.unlock_token_set),
            Field::KeyLowercase => text(&self.key_lowercase),
            // Part of the hash, never shown; the algorithm is shown like a hash type.
            Field::Salt | Field::KeyAlso => J::Null,
            Field::HashAlgorithm => text(&self.hash_algorithm),
            Field::ContactEmail => text(&self.contact_email),
        }
    }

    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|until| until > now) || self.lockout_failures.is_some()
    }

    /// The gateway looks users up by `email.lower().strip()`; anything else never matches.
    pub fn email_is_normalized(&self) -> bool {
        self.key_normalized
    }

    /// The gateway asks privileged accounts for longer passwords.
    pub fn is_privileged(&self) -> bool {
        self.is_admin
            || self
                .auth_provider
                .as_deref()
                .is_some_and(|provider| provider != "local")
    }
}

impl Default for User {
    /// What the gateway assumes for a column a table does not have.
    fn default() -> Self {
        User {
            id: None,
            email: String::new(),
            password_hash: None,
            full_name: None,
            is_admin: false,
            is_active: true,
            locked_state: false,
            failed_login_attempts: 0,
            locked_until: None,
            password_change_required: false,
            password_changed_at: None,
            last_login: None,
            password_hash_type: None,
            auth_provider: None,
            created_at: None,
            updated_at: None,
            reset_allowed: false,
            admin_also: false,
            unlock_token_set: false,
            key_lowercase: None,
            salt: None,
            hash_algorithm: None,
            contact_email: None,
            lockout_failures: None,
            key_normalized: true,
            oddities: Vec::new(),
        }
    }
}

/// A random (version 4) UUID from the OS CSPRNG: the gateway's form for row ids.
pub fn new_id() -> String {
    use rand::RngExt;
    let mut bytes: [u8; 16] = rand::rand_core::UnwrapErr(rand::rngs::SysRng).random();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// An id in the form of Prisma's `cuid()`: 'c', the time in base 36, then random base-36
/// characters from the OS CSPRNG; 25 characters, sortable by creation time.
pub fn new_cuid() -> String {
    use rand::RngExt;
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut millis = u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0);
    let mut time = Vec::new();
    while millis > 0 {
        time.push(DIGITS[usize::try_from(millis % 36).unwrap_or(0)]);
        millis /= 36;
    }
    time.reverse();
    let mut rng = rand::rand_core::UnwrapErr(rand::rngs::SysRng);
    let mut id = String::from("c");
    id.extend(time.iter().map(|&b| char::from(b)));
    while id.len() < 25 {
        id.push(char::from(DIGITS[rng.random_range(0..36)]));
    }
    id
}

/// The gateway's normalisation of a login email: `lower().strip()`.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// [`text_of`], keeping a text value's own string.
pub fn into_text(value: Value) -> Option<String> {
    match value {
        Value::Text(text) => Some(text),
        other => text_of(&other),
    }
}

pub fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Text(text) => Some(text.clone()),
        Value::Int(number) => Some(number.to_string()),
        Value::Float(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Timestamp(at) => Some(at.to_rfc3339()),
    }
}

/// How a row's booleans are read: the application's rule for text, and its name for the notes.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    pub text: TextBooleans,
    pub app: &'a str,
}

/// Reads a boolean as the application does. Text or a timestamp where a boolean belongs is
/// noted, never silently "fixed".
pub fn decode_flag(
    column: &str,
    value: &Value,
    reading: Reading,
    oddities: &mut Vec<String>,
) -> bool {
    let app = reading.app;
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Int(number) => *number != 0,
        Value::Float(number) => *number != 0.0,
        Value::Text(text) => {
            let read_as = reading.text.read(text);
            oddities.push(format!(
                "{column} is stored as the text '{text}', which {app} reads as {read_as}; \
                 a boolean belongs there"
            ));
            read_as
        }
        Value::Timestamp(_) => {
            oddities.push(format!(
                "{column} holds a timestamp where a boolean belongs; {app} reads it as true"
            ));
            true
        }
    }
}

pub fn decode_time(
    column: &str,
    value: &Value,
    oddities: &mut Vec<String>,
) -> Option<DateTime<Utc>> {
    match value {
        Value::Null => None,
        Value::Timestamp(at) => Some(*at),
        Value::Text(text) => {
            let parsed = parse_text_timestamp(text);
            if parsed.is_none() {
                oddities.push(format!("{column} holds '{text}', which is not a timestamp"));
            }
            parsed
        }
        other => {
            oddities.push(format!(
                "{column} holds {other:?}, which is not a timestamp"
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PYTHON: Reading = Reading {
        text: TextBooleans::Python,
        app: "the application",
    };

    fn flag(value: Value) -> (bool, usize) {
        let mut oddities = Vec::new();
        let read = decode_flag("is_admin", &value, PYTHON, &mut oddities);
        (read, oddities.len())
    }

    #[test]
    fn text_is_read_by_the_applications_rule_and_noted() {
        let words = Reading {
            text: TextBooleans::Words,
            app: "Redmine",
        };
        for (text, read) in [
            ("f", false),
            ("FALSE", false),
            ("0", false),
            ("", false),
            ("t", true),
            ("yes", true),
        ] {
            let mut oddities = Vec::new();
            assert_eq!(
                decode_flag("admin", &Value::Text(text.into()), words, &mut oddities),
                read,
                "{text}"
            );
            assert_eq!(
                oddities,
                [format!(
                    "admin is stored as the text '{text}', which Redmine reads as {read}; a boolean belongs there"
                )]
            );
        }
    }

    #[test]
    fn booleans_read_as_python_reads_them() {
        assert_eq!(flag(Value::Int(0)), (false, 0));
        assert_eq!(flag(Value::Int(1)), (true, 0));
        assert_eq!(flag(Value::Bool(false)), (false, 0));
        assert_eq!(flag(Value::Null), (false, 0));
        // The trap in the real SQLite DDL: DEFAULT 'false' is true to the gateway.
        assert_eq!(flag(Value::Text("false".into())), (true, 1));
        assert_eq!(flag(Value::Text(String::new())), (false, 1));
    }

    #[test]
    fn timestamps_decode_or_are_flagged() {
        let mut oddities = Vec::new();
        let at = decode_time(
            "locked_until",
            &Value::Text("2026-01-02 03:04:05.000006".into()),
            &mut oddities,
        );
        assert_eq!(
            at.map(|t| t.to_rfc3339()),
            Some("2026-01-02T03:04:05.000006+00:00".into())
        );
        assert_eq!(
            decode_time(
                "locked_until",
                &Value::Text("tomorrow".into()),
                &mut oddities
            ),
            None
        );
        assert_eq!(oddities.len(), 1);
    }

    #[test]
    fn ids_are_version_4_uuids() {
        let id = new_id();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert_ne!(id, new_id());
    }

    #[test]
    fn values_apply_by_field() {
        let mut user = User::default();
        user.apply(Field::IsAdmin, "is_admin", &Value::Int(1), PYTHON);
        user.apply(
            Field::Email,
            "email",
            &Value::Text("Ann@x.io".into()),
            PYTHON,
        );
        user.apply(
            Field::FailedAttempts,
            "failed_login_attempts",
            &Value::Int(4),
            PYTHON,
        );
        user.apply(
            Field::ResetAllowed,
            "allow_password_reset",
            &Value::Bool(true),
            PYTHON,
        );
        assert!(user.is_admin && user.is_active && user.reset_allowed);
        assert_eq!(user.email, "Ann@x.io");
        assert_eq!(user.failed_login_attempts, 4);
        assert_eq!(normalize_email("  Ann@X.io\t"), "ann@x.io");
    }

    #[test]
    fn taking_a_value_sets_what_applying_it_sets() {
        let values = [
            (Field::Id, Value::Int(7)),
            (Field::Email, Value::Text("ann@x.io".into())),
            (Field::Email, Value::Null),
            (Field::PasswordHash, Value::Text("$argon2id$x".into())),
            (Field::FullName, Value::Null),
            (Field::HashType, Value::Text("argon2".into())),
            (Field::IsAdmin, Value::Text("false".into())),
            (
                Field::LockedUntil,
                Value::Text("2026-01-02 03:04:05".into()),
            ),
            (Field::FailedAttempts, Value::Int(3)),
        ];
        let (mut applied, mut taken) = (User::default(), User::default());
        for (field, value) in values {
            applied.apply(field, "column", &value, PYTHON);
            taken.take(field, "column", value, PYTHON);
            assert_eq!(applied, taken, "{field:?}");
        }
    }

    #[test]
    fn cuids_look_like_prismas_and_differ() {
        let id = new_cuid();
        assert_eq!(id.len(), 25, "{id}");
        assert!(id.starts_with('c'));
        assert!(
            id.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        );
        assert_ne!(id, new_cuid());
    }
}
