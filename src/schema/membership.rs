//! Admin by membership through join tables (Flask-AppBuilder's `ab_user_role` to the role named
//! by `AUTH_ROLE_ADMIN`, and FAB 5's groups): who the members are, and granting or revoking
//! the link row. Used by any profile whose [admin] names a membership.

use std::collections::BTreeSet;

use anyhow::{Context as _, Result};

use super::user::text_of;
use crate::db::{Database, Dialect, Value};
use crate::exit::{DATABASE, Failure};

/// Users who hold `role` are admins: `table(user_column, role_column)` links users to
/// `roles_table(id, name_column)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub table: String,
    pub user_column: String,
    pub role_column: String,
    /// PostgreSQL: the link row's id comes from this sequence when it exists.
    pub id_sequence: Option<String>,
    /// None: `role_column` holds the role's name itself (Nextcloud's `oc_group_user.gid`).
    pub roles_table: Option<String>,
    pub role_name_column: String,
    pub role: String,
    pub groups: Option<GroupMembership>,
    /// The role is a column of the user's row (`table` is the users table).
    pub on_user_row: bool,
    /// Roles with this bit in this column are admin roles too.
    pub permission: Option<(String, i64)>,
    /// Only the link rows with these values count (WordPress's `meta_key = 'wp_capabilities'`).
    pub matching: Vec<(String, String)>,
    pub role_format: RoleFormat,
    /// Rows written beside the role (WordPress's `wp_user_level`).
    pub companions: Vec<Companion>,
}

/// How the role column holds the roles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoleFormat {
    /// One role per link row.
    #[default]
    Plain,
    /// One row per user whose value is a PHP-serialized array keyed by role (WordPress).
    PhpArrayKeys,
}

/// A row of the link table kept in step with the role: `granted` while the user holds it,
/// `revoked` after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Companion {
    pub matching: Vec<(String, String)>,
    pub granted: String,
    pub revoked: String,
}

/// Roles held through a group: `table(user_column, group_column)` and
/// `roles_table(group_column, role_column)`; counted when both tables exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMembership {
    pub table: String,
    pub user_column: String,
    pub group_column: String,
    pub roles_table: String,
    pub role_column: String,
}

impl Membership {
    /// What the admin right is, for messages: "role Admin (ab_user_role)".
    pub fn describe(&self) -> String {
        format!("role {} ({})", self.role, self.table)
    }

    /// ` AND column = $n ...` for `matching`, its parameters appended to `params`.
    fn matching_sql(d: Dialect, matching: &[(String, String)], params: &mut Vec<Value>) -> String {
        let mut sql = String::new();
        for (column, value) in matching {
            params.push(Value::Text(value.clone()));
            sql.push_str(&format!(
                " AND {} = {}",
                d.quote(column),
                d.placeholder(params.len())
            ));
        }
        sql
    }

    /// The user's one row whose value holds the roles, if any.
    async fn role_value(
        &self,
        db: &mut Database,
        matching: &[(String, String)],
        user_id: &Value,
    ) -> Result<Option<String>> {
        let d = db.dialect();
        let mut params = vec![user_id.clone()];
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = {}{}",
            d.quote(&self.role_column),
            d.quote(&self.table),
            d.quote(&self.user_column),
            d.placeholder(1),
            Self::matching_sql(d, matching, &mut params)
        );
        let rows = db.fetch_all(&sql, &params).await?;
        Ok(rows
            .into_iter()
            .next()
            .and_then(|row| row.into_iter().next())
            .as_ref()
            .and_then(text_of))
    }

    /// Sets the user's value in the row `matching` selects, adding the row where it is missing.
    async fn store_value(
        &self,
        db: &mut Database,
        matching: &[(String, String)],
        user_id: &Value,
        value: String,
    ) -> Result<()> {
        let d = db.dialect();
        let mut params = vec![Value::Text(value.clone()), user_id.clone()];
        let sql = format!(
            "UPDATE {} SET {} = {} WHERE {} = {}{}",
            d.quote(&self.table),
            d.quote(&self.role_column),
            d.placeholder(1),
            d.quote(&self.user_column),
            d.placeholder(2),
            Self::matching_sql(d, matching, &mut params)
        );
        if db.execute(&sql, &params).await? > 0 {
            return Ok(());
        }
        let mut columns = vec![self.user_column.as_str(), self.role_column.as_str()];
        let mut values = vec![user_id.clone(), Value::Text(value)];
        for (column, value) in matching {
            columns.push(column);
            values.push(Value::Text(value.clone()));
        }
        db.execute(&d.insert_sql(&self.table, &columns), &values)
            .await
            .map(|_| ())
    }

    /// The roles in the user's row, or exit 7 naming the profile key when the value is not
    /// what the profile says.
    async fn role_keys(
        &self,
        db: &mut Database,
        user_id: &Value,
    ) -> Result<super::php_serialized::KeySet> {
        let Some(text) = self.role_value(db, &self.matching, user_id).await? else {
            return Ok(super::php_serialized::KeySet::empty());
        };
        super::php_serialized::KeySet::parse(&text).map_err(|why| {
            Failure::error(
                DATABASE,
                format!(
                    "the user's {}.{} is not a serialized PHP array ({why}), which the profile's \
                     [admin.membership] role_format = \"php-array-keys\" expects; nothing was changed. \
                     Look at the row before repairing it by hand",
                    self.table, self.role_column
                ),
            )
        })
    }

    /// Writes each companion row's value for a user who holds (or no longer holds) the role.
    async fn store_companions(&self, db: &mut Database, user_id: &Value, held: bool) -> Result<()> {
        for companion in &self.companions {
            let value = if held {
                &companion.granted
            } else {
                &companion.revoked
            };
            self.store_value(db, &companion.matching, user_id, value.clone())
                .await
                .with_context(|| format!("writing the row beside {}", self.describe()))?;
        }
        Ok(())
    }

    /// The admin role's id (its name, with no roles table), or exit 7 naming the role or the
    /// link table when it is not there.
    pub async fn role_id(&self, db: &mut Database) -> Result<Value> {
        let Some(roles_table) = self
            .roles_table
            .as_ref()
            .filter(|_| self.role_format == RoleFormat::Plain)
        else {
            if !db.has_table(&self.table).await? {
                return Err(Failure::error(
                    DATABASE,
                    format!(
                        "table {} does not exist, which makes admins here ({}); nothing was changed. \
                         Is this the application's database, with its table prefix as in the profile?",
                        self.table,
                        self.describe()
                    ),
                ));
            }
            return Ok(Value::Text(self.role.clone()));
        };
        let d = db.dialect();
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = {}",
            d.quote("id"),
            d.quote(roles_table),
            d.quote(&self.role_name_column),
            d.placeholder(1)
        );
        db.fetch_scalar(&sql, &[Value::Text(self.role.clone())])
            .await?
            .ok_or_else(|| {
                Failure::error(
                    DATABASE,
                    format!(
                        "there is no role named '{}' in {}, which makes admins here; nothing was changed. \
                         Start the application once so that it creates its roles, or set the role's name \
                         in the profile ([admin.membership] role, as the application's AUTH_ROLE_ADMIN)",
                        self.role, roles_table
                    ),
                )
            })
    }

    /// The ids (as text) of every user holding the role, directly or through a group.
    pub async fn members(&self, db: &mut Database) -> Result<BTreeSet<String>> {
        let d = db.dialect();
        let mut ids = BTreeSet::new();
        if !db.has_table(&self.table).await? {
            return Ok(ids);
        }
        if self.role_format == RoleFormat::PhpArrayKeys {
            let mut params = Vec::new();
            let sql = format!(
                "SELECT {}, {} FROM {} WHERE 1 = 1{}",
                d.quote(&self.user_column),
                d.quote(&self.role_column),
                d.quote(&self.table),
                Self::matching_sql(d, &self.matching, &mut params)
            );
            for row in db.fetch_all(&sql, &params).await? {
                let mut cells = row.iter().map(text_of);
                if let (Some(Some(id)), Some(Some(value))) = (cells.next(), cells.next())
                    // An unreadable value holds no role, as the application's unserialize reads it.
                    && super::php_serialized::KeySet::parse(&value)
                        .is_ok_and(|roles| roles.contains(&self.role))
                {
                    ids.insert(id);
                }
            }
            return Ok(ids);
        }
        let role = match &self.roles_table {
            Some(roles) if db.has_table(roles).await? => format!(
                "SELECT {id} FROM {roles} WHERE {name} = {p}{bit}",
                id = d.quote("id"),
                roles = d.quote(roles),
                name = d.quote(&self.role_name_column),
                p = d.placeholder(1),
                bit = self
                    .permission
                    .as_ref()
                    .map(|(column, bit)| format!(" OR ({} & {bit}) = {bit}", d.quote(column)))
                    .unwrap_or_default(),
            ),
            Some(_) => return Ok(ids),
            None => d.placeholder(1),
        };
        let direct = format!(
            "SELECT {user} FROM {link} WHERE {role_col} IN ({role})",
            user = d.quote(&self.user_column),
            link = d.quote(&self.table),
            role_col = d.quote(&self.role_column),
        );
        let mut queries = vec![direct];
        if let Some(groups) = &self.groups
            && db.has_table(&groups.table).await?
            && db.has_table(&groups.roles_table).await?
        {
            queries.push(format!(
                "SELECT ug.{user} FROM {user_groups} ug JOIN {group_roles} gr ON gr.{group} = ug.{group} \
                 WHERE gr.{role_col} IN ({role})",
                user = d.quote(&groups.user_column),
                user_groups = d.quote(&groups.table),
                group_roles = d.quote(&groups.roles_table),
                group = d.quote(&groups.group_column),
                role_col = d.quote(&groups.role_column),
            ));
        }
        for sql in queries {
            for row in db
                .fetch_all(&sql, &[Value::Text(self.role.clone())])
                .await?
            {
                if let Some(id) = row.into_iter().next().as_ref().and_then(text_of) {
                    ids.insert(id);
                }
            }
        }
        Ok(ids)
    }

    /// Links the user to the role (one row); the caller holds the transaction.
    pub async fn grant(&self, db: &mut Database, user_id: Value) -> Result<()> {
        let role_id = self.role_id(db).await?;
        let d = db.dialect();
        if self.role_format == RoleFormat::PhpArrayKeys {
            let mut roles = self.role_keys(db, &user_id).await?;
            roles.insert(&self.role);
            self.store_value(db, &self.matching, &user_id, roles.serialize())
                .await
                .with_context(|| format!("giving the user {}", self.describe()))?;
            return self.store_companions(db, &user_id, true).await;
        }
        if self.on_user_row {
            let sql = format!(
                "UPDATE {} SET {} = {} WHERE {} = {}",
                d.quote(&self.table),
                d.quote(&self.role_column),
                d.placeholder(1),
                d.quote(&self.user_column),
                d.placeholder(2)
            );
            db.execute(&sql, &[role_id, user_id])
                .await
                .with_context(|| format!("giving the user {}", self.describe()))?;
            return Ok(());
        }
        let mut columns = vec![self.user_column.as_str(), self.role_column.as_str()];
        let mut values = vec![user_id, role_id];
        if let Some(id) = next_id(db, self.id_sequence.as_deref()).await? {
            columns.push("id");
            values.push(id);
        }
        let sql = d.insert_sql(&self.table, &columns);
        db.execute(&sql, &values)
            .await
            .with_context(|| format!("adding the user to {}", self.describe()))?;
        Ok(())
    }

    /// Removes the user's direct link to the role; returns how many rows went.
    pub async fn revoke(&self, db: &mut Database, user_id: Value) -> Result<u64> {
        let d = db.dialect();
        if self.role_format == RoleFormat::PhpArrayKeys {
            let mut roles = self.role_keys(db, &user_id).await?;
            if !roles.contains(&self.role) {
                return Ok(0);
            }
            roles.remove(&self.role);
            self.store_value(db, &self.matching, &user_id, roles.serialize())
                .await
                .with_context(|| format!("taking {} from the user", self.describe()))?;
            self.store_companions(db, &user_id, false).await?;
            return Ok(1);
        }
        if self.on_user_row {
            let sql = format!(
                "UPDATE {} SET {} = NULL WHERE {} = {}",
                d.quote(&self.table),
                d.quote(&self.role_column),
                d.quote(&self.user_column),
                d.placeholder(1)
            );
            return db
                .execute(&sql, &[user_id])
                .await
                .with_context(|| format!("taking {} from the user", self.describe()));
        }
        let role_id = self.role_id(db).await?;
        let sql = format!(
            "DELETE FROM {} WHERE {} = {} AND {} = {}",
            d.quote(&self.table),
            d.quote(&self.user_column),
            d.placeholder(1),
            d.quote(&self.role_column),
            d.placeholder(2)
        );
        db.execute(&sql, &[user_id, role_id])
            .await
            .with_context(|| format!("removing the user from {}", self.describe()))
    }
}

/// The next value of a sequence, where the profile names one and the database has it
/// (Flask-AppBuilder's tables take their ids from sequences, with no column default, on
/// PostgreSQL and on MariaDB, which has sequences too). Elsewhere the database assigns the id.
pub async fn next_id(db: &mut Database, sequence: Option<&str>) -> Result<Option<Value>> {
    let Some(sequence) = sequence else {
        return Ok(None);
    };
    let name = [Value::Text(sequence.to_owned())];
    match db.dialect() {
        Dialect::Postgres => {
            let exists = db
                .fetch_scalar("SELECT to_regclass($1)::text", &name)
                .await?;
            if matches!(exists, None | Some(Value::Null)) {
                return Ok(None);
            }
            db.fetch_scalar("SELECT nextval($1::regclass)", &name).await
        }
        Dialect::MySql => {
            let exists = db
                .fetch_scalar(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() \
                     AND table_name = ? AND table_type = 'SEQUENCE'",
                    &name,
                )
                .await?
                .and_then(|count| count.int())
                .unwrap_or(0);
            if exists == 0 {
                return Ok(None);
            }
            let sql = format!("SELECT NEXTVAL({})", db.dialect().quote(sequence));
            db.fetch_scalar(&sql, &[]).await
        }
        Dialect::Sqlite => Ok(None),
    }
}
