//! `[[credentials]]`: what lets a user in besides the password (sessions, API tokens, app
//! passwords, reset links): the table it is kept in, how a row belongs to the user, and how the
//! application itself revokes it. `tokens`, `revoke-tokens`, `lockdown`, and the cuts of
//! `reset` and `deactivate` read only this.

use serde::{Deserialize, Serialize};

use crate::db::Value;

/// What a credential is to the person using it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Session,
    ApiToken,
    AppPassword,
    ResetLink,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Session,
        Kind::ApiToken,
        Kind::AppPassword,
        Kind::ResetLink,
    ];

    /// As `--kind` takes it and JSON shows it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Session => "session",
            Kind::ApiToken => "api_token",
            Kind::AppPassword => "app_password",
            Kind::ResetLink => "reset_link",
        }
    }

    /// As a sentence counts it ("2 API tokens").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Session => "session",
            Kind::ApiToken => "API token",
            Kind::AppPassword => "app password",
            Kind::ResetLink => "unused reset link",
        }
    }

    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// Which of the user's values the link column holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserBy {
    /// The users table's id column (Redmine's `tokens.user_id`).
    #[default]
    Id,
    /// The login key (Nextcloud's `oc_authtoken.uid`, ContextForge's `user_email`).
    Key,
}

/// A value as a profile writes it; the database compares it by the column's own type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Text(String),
}

impl Scalar {
    pub fn value(&self) -> Value {
        match self {
            Scalar::Bool(flag) => Value::Bool(*flag),
            Scalar::Int(number) => Value::Int(*number),
            Scalar::Text(text) => Value::Text(text.clone()),
        }
    }
}

/// Only the table's rows that are this credential: exactly one of `in`, `not_in` or `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    pub column: String,
    #[serde(default, rename = "in", skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<Scalar>,
    /// Neither of these (and not NULL): WordPress's empty `user_activation_key` is no link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_in: Vec<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub null: Option<bool>,
}

/// How the application itself takes the credential away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Revoke {
    /// The row is deleted (Redmine, Grafana, Gitea, Nextcloud, WordPress usermeta).
    Delete {},
    /// A column is set to a value (GitLab's `revoked = true`, WordPress's empty activation key).
    Set { column: String, value: Scalar },
    /// A column is set to the current time (Mastodon's `revoked_at`).
    SetNow { column: String },
    /// The row is marked inactive and its id added to a revocations table that every request
    /// checks (ContextForge's `token_revocations`).
    RevocationRow {
        active_column: String,
        table: String,
    },
}

/// One `[[credentials]]` section. Either a table breakglass can cut, or (`remains`) a sentence
/// naming what breakglass cannot reach and what ends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_column: Option<String>,
    #[serde(default)]
    pub user_by: UserBy,
    /// The row's id: what `revoke-tokens --id` takes and the result lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_column: Option<String>,
    /// A name the application shows (never the secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Filter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke: Option<Revoke>,
    /// The application itself ends these when the password changes or the account is
    /// deactivated, so `reset` and `deactivate` end them too (Redmine's session tokens).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ends_with_password: bool,
    /// What breakglass cannot reach, and what ends it; shown in every plan as what remains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remains: Option<String>,
}

impl Credential {
    /// Checked, its tables named with the profile's table prefix; the error names the key.
    pub fn checked(&self, index: usize, prefix: &str) -> Result<Credential, String> {
        let at = format!("[[credentials]] #{} ({})", index + 1, self.kind.name());
        let Some(table) = &self.table else {
            return match &self.remains {
                Some(_) => Ok(self.clone()),
                None => Err(format!(
                    "{at}: needs `table` (where the application keeps it) or `remains` (a \
                     sentence naming what breakglass cannot reach)"
                )),
            };
        };
        if self.remains.is_some() {
            return Err(format!(
                "{at}: `remains` is for what breakglass cannot reach; a section with `table` \
                 is cut, drop one of the two"
            ));
        }
        for (key, value) in [
            ("user_column", &self.user_column),
            ("id_column", &self.id_column),
        ] {
            if value.is_none() {
                return Err(format!("{at}: `{key}` is missing"));
            }
        }
        let Some(revoke) = &self.revoke else {
            return Err(format!(
                "{at}: `revoke` is missing: mode = \"delete\", \"set\", \"set_now\" or \
                 \"revocation_row\""
            ));
        };
        if let Some(filter) = &self.filter {
            let tests = usize::from(!filter.one_of.is_empty())
                + usize::from(!filter.not_in.is_empty())
                + usize::from(filter.null.is_some());
            if tests != 1 {
                return Err(format!(
                    "{at}: `filter` on {} needs exactly one of `in`, `not_in` or `null`",
                    filter.column
                ));
            }
        }
        let revoke = match revoke {
            Revoke::RevocationRow {
                active_column,
                table,
            } => Revoke::RevocationRow {
                active_column: active_column.clone(),
                table: format!("{prefix}{table}"),
            },
            other => other.clone(),
        };
        Ok(Credential {
            table: Some(format!("{prefix}{table}")),
            revoke: Some(revoke),
            ..self.clone()
        })
    }

    /// `table`, for sections that have one (checked ones that are not `remains`).
    pub fn table_name(&self) -> &str {
        self.table.as_deref().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Credential {
        toml::from_str(text).expect("parses")
    }

    #[test]
    fn a_section_needs_a_table_or_what_remains() {
        let bare = parse("kind = \"session\"");
        assert!(
            bare.checked(0, "")
                .expect_err("no table")
                .contains("`table`")
        );
        let remains = parse("kind = \"session\"\nremains = \"signed cookies\"");
        assert!(remains.checked(0, "").is_ok());
    }

    #[test]
    fn a_filter_tests_one_thing() {
        let both = parse(
            "kind = \"session\"\ntable = \"t\"\nuser_column = \"u\"\nid_column = \"id\"\n\
             revoke = { mode = \"delete\" }\nfilter = { column = \"c\", in = [\"a\"], null = true }",
        );
        assert!(both.checked(1, "").expect_err("two tests").contains("#2"));
    }

    #[test]
    fn unknown_modes_and_kinds_are_refused_by_name() {
        for text in [
            "kind = \"cookie\"",
            "kind = \"session\"\nrevoke = { mode = \"shred\" }",
            "kind = \"session\"\nrevoke = { mode = \"delete\", column = \"x\" }",
        ] {
            assert!(toml::from_str::<Credential>(text).is_err(), "{text}");
        }
    }
}
