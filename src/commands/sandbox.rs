//! `sandbox`: an application's tables plus a few sample users, in a database that does not
//! have them yet, where the application's extras ship them. The one command that may create a
//! (SQLite) database.

use anyhow::{Context as _, Result};

use super::Context;
use crate::db::Opening;
use crate::exit::{Failure, REFUSED, SUCCESS};
use crate::output;

pub async fn run(context: &Context) -> Result<u8> {
    let mut db = context.open(Opening::MayCreateSqlite).await?;
    let place = db.describe().await?;
    let profile = context.profile()?;
    let Some(sandbox) = profile.extras().sandbox() else {
        return Err(Failure::error(
            crate::exit::USAGE,
            format!(
                "profile {} has no sandbox: breakglass builds sample tables only for an application \
                 that ships them (the default profile, {})",
                profile.name,
                crate::schema::Profile::DEFAULT_NAME
            ),
        ));
    };
    let table = profile.table;
    if db.has_table(&table).await? {
        db.close().await?;
        return Err(Failure::error(
            REFUSED,
            format!(
                "{place} already has a {table} table; sandbox only fills a database that does not have one. \
                 Try it on a new file: breakglass sandbox --database-url sqlite:///./sandbox.db"
            ),
        ));
    }
    if table != sandbox.table {
        context.warn(&format!(
            "--table is ignored by sandbox: it creates {}, with {}",
            sandbox.what, sandbox.table
        ));
    }
    let created = (sandbox.populate)(&mut db).await;
    if created.is_err() {
        // SQLite and PostgreSQL roll the whole script back; MySQL commits DDL as it goes.
        let _ = db.rollback().await;
    }
    created.with_context(|| format!("creating the sandbox in {place}"))?;
    db.close().await?;

    context.info(&format!(
        "sandbox: created {} and {} in {place}",
        sandbox.what,
        crate::output::counted(sandbox.samples.len(), "user")
    ));
    let mut text =
        String::from("Sample users (sample passwords, shown so you can try verify and reset):\n");
    for sample in sandbox.samples {
        text.push_str(&format!(
            "  {:<26} {:<24} {}\n",
            sample.email, sample.password, sample.story
        ));
    }
    text.push_str("Next: breakglass list-admins (with the same --database-url)\n");
    output::print(&text)?;
    Ok(SUCCESS)
}
