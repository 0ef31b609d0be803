//! Recognising the application from the tables in its database, when no profile is named:
//! every built-in profile that asks to be recognised is matched against the catalog, and the
//! most specific match wins (Sentry's auth_user, with its is_password_expired, over Django's).

use std::collections::BTreeSet;

use anyhow::Result;

use super::Profile;
use super::profile::Need;
use crate::db::Database;

/// The marks of `profile` found in the database, or None when one is missing.
async fn evidence(db: &mut Database, profile: &Profile) -> Result<Option<BTreeSet<String>>> {
    let Some(detect) = &profile.detect else {
        return Ok(None);
    };
    let columns = db.columns(&profile.table).await?;
    if columns.is_empty() {
        return Ok(None);
    }
    let has = |name: &str| {
        columns
            .iter()
            .any(|info| info.name.eq_ignore_ascii_case(name))
    };
    let required = profile
        .columns
        .iter()
        .filter(|spec| spec.need == Need::Required)
        .map(|spec| spec.column.as_str());
    let mut found = BTreeSet::from([format!("table {}", profile.table)]);
    for column in required.chain(detect.columns.iter().map(String::as_str)) {
        if !has(column) {
            return Ok(None);
        }
        found.insert(format!("column {}.{column}", profile.table));
    }
    for table in &detect.tables {
        if !db.has_table(table).await? {
            return Ok(None);
        }
        found.insert(format!("table {table}"));
    }
    Ok(Some(found))
}

/// The profiles whose marks are all present, less any whose marks another match includes.
pub async fn candidates(db: &mut Database, profiles: Vec<Profile>) -> Result<Vec<Profile>> {
    let mut matched = Vec::new();
    for profile in profiles {
        if let Some(found) = evidence(db, &profile).await? {
            matched.push((profile, found));
        }
    }
    let specific: Vec<Profile> = matched
        .iter()
        .filter(|(_, found)| {
            !matched
                .iter()
                .any(|(_, other)| other.len() > found.len() && other.is_superset(found))
        })
        .map(|(profile, _)| profile.clone())
        .collect();
    Ok(specific)
}
