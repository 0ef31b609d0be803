//! Who the application treats as an admin, and why.

use std::collections::BTreeSet;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::user::{decode_flag, decode_time};
use super::{Field, LoginRules, User, UsersTable};
use crate::db::{Database, Value};

/// One reason a user is an admin; a user may have several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminVia {
    /// The `is_admin` column is true.
    IsAdmin,
    /// The email is the gateway's `PLATFORM_ADMIN_EMAIL`.
    PlatformAdminEmail,
    /// An active, unexpired global `platform_admin` role.
    PlatformAdminRole,
    /// The profile's admin column holds its admin value (a `role = 'admin'`).
    AdminValue,
    /// The table holds administrators only.
    EveryUser,
    /// Holds the admin role through the profile's join table (or a group).
    RoleMembership,
}

impl AdminVia {
    pub fn label(self) -> &'static str {
        match self {
            AdminVia::IsAdmin => "is_admin",
            AdminVia::PlatformAdminEmail => "platform_admin_email",
            AdminVia::PlatformAdminRole => "platform_admin_role",
            AdminVia::AdminValue => "admin_value",
            AdminVia::EveryUser => "every_user",
            AdminVia::RoleMembership => "role_membership",
        }
    }
}

pub struct AdminRule {
    platform_email: String,
    role_holders: BTreeSet<String>,
    /// How the admin column says so: the column itself, or a value in it.
    column_via: AdminVia,
    every_user: bool,
}

impl AdminRule {
    pub async fn load(
        db: &mut Database,
        table: &UsersTable,
        rules: &LoginRules,
        now: DateTime<Utc>,
    ) -> Result<AdminRule> {
        let mut role_holders = BTreeSet::new();
        if let Some(role) = &table.profile.admin_role
            && db.has_table(&role.roles_table).await?
            && db.has_table(&role.user_roles_table).await?
        {
            let d = table.dialect();
            let sql = format!(
                "SELECT ur.{email}, ur.{active}, ur.{expires}, r.{active} FROM {user_roles} ur \
                 JOIN {roles} r ON r.{id} = ur.{role_id} WHERE r.{name} = {p1} AND ur.{scope} = {p2}",
                email = d.quote("user_email"),
                active = d.quote("is_active"),
                expires = d.quote("expires_at"),
                user_roles = d.quote(&role.user_roles_table),
                roles = d.quote(&role.roles_table),
                id = d.quote("id"),
                role_id = d.quote("role_id"),
                name = d.quote("name"),
                scope = d.quote("scope"),
                p1 = d.placeholder(1),
                p2 = d.placeholder(2),
            );
            let params = [
                Value::Text(role.role_name.clone()),
                Value::Text("global".into()),
            ];
            let mut ignored = Vec::new();
            let reading = table.profile.reading();
            db.for_each_row(&sql, &params, |row| {
                let [email, grant_active, expires, role_active] = row.as_slice() else {
                    return Ok(());
                };
                let unexpired =
                    decode_time("expires_at", expires, &mut ignored).is_none_or(|at| at > now);
                if decode_flag("is_active", grant_active, reading, &mut ignored)
                    && decode_flag("is_active", role_active, reading, &mut ignored)
                    && unexpired
                    && let Some(email) = email.text()
                {
                    role_holders.insert(email.to_owned());
                }
                Ok(())
            })
            .await?;
        }
        // The gateway compares emails exactly (utils/admin_check.py: `user_email == platform_admin_email`).
        let by_value = table
            .profile
            .spec(Field::IsAdmin)
            .is_some_and(|spec| spec.values.is_some());
        Ok(AdminRule {
            platform_email: rules.platform_admin_email.clone(),
            role_holders,
            column_via: if table.profile.membership.is_some() && !by_value {
                AdminVia::RoleMembership
            } else if by_value {
                AdminVia::AdminValue
            } else {
                AdminVia::IsAdmin
            },
            every_user: table.profile.every_user_admin,
        })
    }

    pub fn via(&self, user: &User) -> Vec<AdminVia> {
        let email = &user.email;
        let mut via = Vec::new();
        if self.every_user {
            via.push(AdminVia::EveryUser);
        }
        if user.is_admin {
            via.push(self.column_via);
        }
        if !self.platform_email.is_empty() && *email == self.platform_email {
            via.push(AdminVia::PlatformAdminEmail);
        }
        if self.role_holders.contains(email) {
            via.push(AdminVia::PlatformAdminRole);
        }
        via
    }

    /// A WHERE condition selecting every admin, with its bound values (numbered after `bound`).
    pub fn condition(&self, table: &UsersTable, bound: usize) -> (String, Vec<Value>) {
        let d = table.dialect();
        let mut emails: Vec<Value> = self.role_holders.iter().cloned().map(Value::Text).collect();
        if !self.platform_email.is_empty() {
            emails.push(Value::Text(self.platform_email.clone()));
        }
        if self.every_user {
            return ("1 = 1".to_owned(), Vec::new());
        }
        let mut condition = table
            .flag_sql(Field::IsAdmin)
            .unwrap_or_else(|| "1 = 0".to_owned());
        let mut bound_values = Vec::new();
        if let Some((members, ids)) = table.members_sql(bound) {
            condition = format!("({condition} OR {members})");
            bound_values = ids;
        }
        let bound = bound + bound_values.len();
        if let (false, Some(email)) = (emails.is_empty(), table.column_sql(Field::Email)) {
            condition = format!(
                "({condition} OR {email} IN ({}))",
                d.placeholders(bound, emails.len())
            );
        }
        bound_values.extend(emails);
        (condition, bound_values)
    }
}
