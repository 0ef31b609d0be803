//! A user row as the application sees it, decoded once, here.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::Field;
use crate::db::Value;
use crate::db::value::parse_text_timestamp;

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Option<String>,
    pub email: String,
    pub password_hash: Option<String>,
    pub full_name: Option<String>,
    pub is_admin: bool,
    pub is_active: bool,
    pub failed_login_attempts: i64,
    pub locked_until: Option<DateTime<Utc>>,
    pub password_change_required: bool,
    pub password_changed_at: Option<DateTime<Utc>>,
    pub last_login: Option<DateTime<Utc>>,
    pub password_hash_type: Option<String>,
    pub auth_provider: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
    /// Values stored in a way the application reads differently than one would expect.
    pub oddities: Vec<String>,
}

impl User {
    /// Decodes a row whose cells come in the order of `fields`.
    pub fn decode(fields: &[(Field, String)], row: Vec<Value>) -> User {
        let cells: HashMap<Field, (&str, Value)> = fields
            .iter()
            .zip(row)
            .map(|((field, column), value)| (*field, (column.as_str(), value)))
            .collect();
        let mut oddities = Vec::new();
        let mut flag = |field, default| match cells.get(&field) {
            Some((column, value)) => decode_flag(column, value, &mut oddities),
            None => default,
        };
        let is_admin = flag(Field::IsAdmin, false);
        let is_active = flag(Field::IsActive, true);
        let password_change_required = flag(Field::ChangeRequired, false);
        let mut time = |field| {
            cells
                .get(&field)
                .and_then(|(column, value)| decode_time(column, value, &mut oddities))
        };
        let locked_until = time(Field::LockedUntil);
        let password_changed_at = time(Field::PasswordChangedAt);
        let last_login = time(Field::LastLogin);
        let updated_at = time(Field::UpdatedAt);
        let text = |field| cells.get(&field).and_then(|(_, value)| text_of(value));
        User {
            id: text(Field::Id),
            email: text(Field::Email).unwrap_or_default(),
            password_hash: text(Field::PasswordHash),
            full_name: text(Field::FullName),
            is_admin,
            is_active,
            failed_login_attempts: cells
                .get(&Field::FailedAttempts)
                .and_then(|(_, value)| value.int())
                .unwrap_or(0),
            locked_until,
            password_change_required,
            password_changed_at,
            last_login,
            password_hash_type: text(Field::HashType),
            auth_provider: text(Field::AuthProvider),
            updated_at,
            oddities,
        }
    }

    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }

    /// The gateway looks users up by `email.lower().strip()`; anything else never matches.
    pub fn email_is_normalized(&self) -> bool {
        normalize_email(&self.email) == self.email
    }
}

/// The gateway's normalisation of a login email: `lower().strip()`.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Text(text) => Some(text.clone()),
        Value::Int(number) => Some(number.to_string()),
        Value::Float(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Timestamp(at) => Some(at.to_rfc3339()),
    }
}

/// Reads a boolean as SQLAlchemy does: Python's `bool()` of what SQLite returns,
/// so the text 'false' is true. Such values are noted, never silently "fixed".
pub fn decode_flag(column: &str, value: &Value, oddities: &mut Vec<String>) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Int(number) => *number != 0,
        Value::Float(number) => *number != 0.0,
        Value::Text(text) => {
            let read_as = !text.is_empty();
            oddities.push(format!(
                "{column} is stored as the text '{text}', which the gateway reads as {read_as}; \
                 it writes booleans as 0 or 1"
            ));
            read_as
        }
        Value::Timestamp(_) => {
            oddities.push(format!(
                "{column} holds a timestamp where a boolean belongs; the gateway reads it as true"
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

    fn flag(value: Value) -> (bool, usize) {
        let mut oddities = Vec::new();
        let read = decode_flag("is_admin", &value, &mut oddities);
        (read, oddities.len())
    }

    #[test]
    fn booleans_read_as_the_gateway_reads_them() {
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
    fn a_row_decodes_by_field_not_position() {
        let fields = vec![
            (Field::IsAdmin, "is_admin".to_owned()),
            (Field::Email, "email".to_owned()),
            (Field::FailedAttempts, "failed_login_attempts".to_owned()),
        ];
        let user = User::decode(
            &fields,
            vec![Value::Int(1), Value::Text("Ann@x.io".into()), Value::Int(4)],
        );
        assert!(user.is_admin && user.is_active);
        assert_eq!(user.email, "Ann@x.io");
        assert_eq!(user.failed_login_attempts, 4);
        assert!(!user.email_is_normalized());
        assert_eq!(normalize_email("  Ann@X.io\t"), "ann@x.io");
    }
}
