//! "Disabled = a row in another table": Nextcloud keeps a disabled user as the
//! `oc_preferences` row (userid, appid 'core', configkey 'enabled', configvalue 'false').
//! Used by any profile with an `[inactive_row]`: who is marked, and writing or removing the
//! mark inside the caller's transaction.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

use super::user::text_of;
use crate::db::{Database, Value};
use crate::exit::{DATABASE, Failure};

/// `table(key_column, matching..., value_column)`: a user is inactive while a row for its
/// key with the `matching` values has `value` in `value_column`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InactiveRow {
    pub table: String,
    pub key_column: String,
    /// Further columns that single out the setting (`appid = "core"`, `configkey = "enabled"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub matching: BTreeMap<String, String>,
    pub value_column: String,
    /// The value that means inactive (`"false"`).
    pub value: String,
}

impl InactiveRow {
    /// For messages and the audit record: "oc_preferences core/enabled = false".
    pub fn describe(&self) -> String {
        let setting: Vec<&str> = self.matching.values().map(String::as_str).collect();
        format!("{} {} = {}", self.table, setting.join("/"), self.value)
    }

    /// `key = ? AND matching... = ?`, with its values, placeholders from 1.
    fn setting(&self, db: &Database, key: &str) -> (String, Vec<Value>) {
        let d = db.dialect();
        let mut conditions = vec![format!(
            "{} = {}",
            d.quote(&self.key_column),
            d.placeholder(1)
        )];
        let mut values = vec![Value::Text(key.to_owned())];
        for (column, value) in &self.matching {
            values.push(Value::Text(value.clone()));
            conditions.push(format!(
                "{} = {}",
                d.quote(column),
                d.placeholder(values.len())
            ));
        }
        (conditions.join(" AND "), values)
    }

    /// The keys of the users marked inactive (none when the table is not there).
    pub async fn inactive_keys(&self, db: &mut Database) -> Result<BTreeSet<String>> {
        if !db.has_table(&self.table).await? {
            return Ok(BTreeSet::new());
        }
        let d = db.dialect();
        let mut conditions = vec![format!(
            "{} = {}",
            d.quote(&self.value_column),
            d.placeholder(1)
        )];
        let mut values = vec![Value::Text(self.value.clone())];
        for (column, value) in &self.matching {
            values.push(Value::Text(value.clone()));
            conditions.push(format!(
                "{} = {}",
                d.quote(column),
                d.placeholder(values.len())
            ));
        }
        let sql = format!(
            "SELECT {} FROM {} WHERE {}",
            d.quote(&self.key_column),
            d.quote(&self.table),
            conditions.join(" AND ")
        );
        let rows = db.fetch_all(&sql, &values).await?;
        Ok(rows
            .iter()
            .filter_map(|row| row.first().and_then(text_of))
            .collect())
    }

    /// Marks the user inactive (replacing any row of the setting); the caller holds the transaction.
    pub async fn mark(&self, db: &mut Database, key: &str) -> Result<()> {
        if !db.has_table(&self.table).await? {
            return Err(Failure::error(
                DATABASE,
                format!(
                    "table {} does not exist, where this application marks a user inactive ({}); \
                     rolled back, nothing was changed. Is the profile's table prefix the application's?",
                    self.table,
                    self.describe()
                ),
            ));
        }
        self.clear(db, key).await?;
        let mut columns = vec![self.key_column.as_str()];
        let mut values = vec![Value::Text(key.to_owned())];
        for (column, value) in &self.matching {
            columns.push(column);
            values.push(Value::Text(value.clone()));
        }
        columns.push(&self.value_column);
        values.push(Value::Text(self.value.clone()));
        let sql = db.dialect().insert_sql(&self.table, &columns);
        db.execute(&sql, &values)
            .await
            .with_context(|| format!("marking the user inactive in {}", self.table))?;
        Ok(())
    }

    /// Removes the user's row of the setting; returns how many went.
    pub async fn clear(&self, db: &mut Database, key: &str) -> Result<u64> {
        if !db.has_table(&self.table).await? {
            return Ok(0);
        }
        let (condition, values) = self.setting(db, key);
        let sql = format!(
            "DELETE FROM {} WHERE {condition}",
            db.dialect().quote(&self.table)
        );
        db.execute(&sql, &values)
            .await
            .with_context(|| format!("removing the inactive mark from {}", self.table))
    }
}
