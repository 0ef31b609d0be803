//! Rows a new admin needs in another table (Grafana's `org_user`: membership of the main
//! organisation, with its role), written by create-admin in the same transaction as the user.

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::db::{Database, Value};

/// One row to add for a new user: `user_column` = the new id, and the fixed values given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkedRow {
    pub table: String,
    pub user_column: String,
    /// Whole numbers and booleans (`org_id = 1`, `is_default = true`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub set: std::collections::BTreeMap<String, crate::schema::profile::Literal>,
    /// Text values (`role = "Admin"`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub text: std::collections::BTreeMap<String, String>,
    /// Columns set to the time of the change (`created`, `updated`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub now: Vec<String>,
    /// The column that gets the new user's email (Redmine's `email_addresses.address`):
    /// create-admin then needs --email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl LinkedRow {
    /// Inserts the row where its table exists; returns what was written, for the audit record.
    pub async fn insert(
        &self,
        db: &mut Database,
        (user_id, address): (Value, Option<&str>),
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        if !db.has_table(&self.table).await? {
            return Ok(None);
        }
        let mut columns = vec![self.user_column.as_str()];
        let mut values = vec![user_id];
        let mut shown = Vec::new();
        for (column, literal) in &self.set {
            columns.push(column);
            values.push(literal.value());
            shown.push(format!("{column}={literal}"));
        }
        for (column, text) in &self.text {
            columns.push(column);
            values.push(Value::Text(text.clone()));
            shown.push(format!("{column}={text}"));
        }
        if let (Some(column), Some(address)) = (&self.email, address) {
            columns.push(column);
            values.push(Value::Text(address.to_owned()));
            shown.push(format!("{column}={address}"));
        }
        for column in &self.now {
            columns.push(column);
            values.push(Value::Timestamp(now));
        }
        let sql = db.dialect().insert_sql(&self.table, &columns);
        db.execute(&sql, &values)
            .await
            .with_context(|| format!("adding the new user's row to {}", self.table))?;
        Ok(Some(shown.join(" ")))
    }
}
