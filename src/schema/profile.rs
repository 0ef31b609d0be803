//! A schema profile: one application's users table, named column by column.
//! ContextForge's `email_users` is built in; other applications become new profiles.

/// The concepts the commands need, whatever each application calls its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
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
    UpdatedAt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Without it breakglass cannot work on the table at all.
    Required,
    /// Read when present; a command that needs it says so.
    Optional,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec {
    pub field: Field,
    pub column: String,
    pub need: Need,
}

/// Users with an active global role of this name are admins too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminRole {
    pub roles_table: String,
    pub user_roles_table: String,
    pub role_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub table: String,
    pub columns: Vec<ColumnSpec>,
    pub admin_role: Option<AdminRole>,
    /// Holds the application's schema revision (Alembic), shown in the banner.
    pub revision_table: Option<String>,
    /// The application's own audit trail, where committed changes are recorded too.
    pub events_table: Option<String>,
    /// Earlier password hashes, checked against reuse and appended to on reset.
    pub history_table: Option<String>,
}

impl Profile {
    /// The ContextForge MCP gateway (`mcp-contextforge-gateway`), as its Alembic chain creates it.
    pub fn contextforge() -> Profile {
        use Field::*;
        use Need::*;
        let columns = [
            (Id, "id", Optional),
            (Email, "email", Required),
            (PasswordHash, "password_hash", Required),
            (FullName, "full_name", Optional),
            (IsAdmin, "is_admin", Required),
            (IsActive, "is_active", Required),
            (FailedAttempts, "failed_login_attempts", Optional),
            (LockedUntil, "locked_until", Optional),
            (ChangeRequired, "password_change_required", Optional),
            (PasswordChangedAt, "password_changed_at", Optional),
            (LastLogin, "last_login", Optional),
            (HashType, "password_hash_type", Optional),
            (AuthProvider, "auth_provider", Optional),
            (UpdatedAt, "updated_at", Optional),
        ]
        .into_iter()
        .map(|(field, column, need)| ColumnSpec {
            field,
            column: column.to_owned(),
            need,
        })
        .collect();
        Profile {
            name: "contextforge".to_owned(),
            table: "email_users".to_owned(),
            columns,
            admin_role: Some(AdminRole {
                roles_table: "roles".to_owned(),
                user_roles_table: "user_roles".to_owned(),
                role_name: "platform_admin".to_owned(),
            }),
            revision_table: Some("alembic_version".to_owned()),
            events_table: Some("email_auth_events".to_owned()),
            history_table: Some("password_history".to_owned()),
        }
    }

    /// `--table` renames the users table and keeps every column.
    pub fn with_table(mut self, table: Option<&str>) -> Profile {
        if let Some(table) = table {
            self.table = table.to_owned();
        }
        self
    }

    pub fn column(&self, field: Field) -> Option<&str> {
        self.columns
            .iter()
            .find(|spec| spec.field == field)
            .map(|spec| spec.column.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
