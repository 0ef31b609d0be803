//! ContextForge's sandbox: the gateway's reference schema (migrations/) and a few sample
//! users, each in a state an operator meets in an incident.

use anyhow::Result;
use chrono::Duration;

use crate::db::{Database, Dialect, Value};
use crate::password::Secret;
use crate::password::hash::Argon2Config;
use crate::schema::extras::{Sample, Sandbox};
use crate::schema::user::new_id;

pub static SANDBOX: Sandbox = Sandbox {
    what: "the gateway's tables",
    table: "email_users",
    samples: SAMPLES,
    populate: |db| Box::pin(populate(db)),
};

/// The gateway's reference schema, per engine (see migrations/).
pub fn reference_schema(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => include_str!("../../migrations/sqlite/0001_contextforge.sql"),
        Dialect::Postgres => include_str!("../../migrations/postgres/0001_contextforge.sql"),
        Dialect::MySql => include_str!("../../migrations/mysql/0001_contextforge.sql"),
    }
}

const SAMPLES: &[Sample] = &[
    Sample {
        email: "admin@example.com",
        full_name: "Platform Administrator",
        password: "changeme",
        is_admin: true,
        is_active: true,
        must_change: true,
        locked: false,
        story: "the gateway's bootstrap admin; must change its password",
    },
    Sample {
        email: "ops.lead@example.com",
        full_name: "Ops Lead",
        password: "Sandbox-Ops-Lead-2026!",
        is_admin: true,
        is_active: true,
        must_change: false,
        locked: true,
        story: "admin, locked after 5 failed logins (exempt while PROTECT_ALL_ADMINS=true)",
    },
    Sample {
        email: "dev@example.com",
        full_name: "Dev User",
        password: "Sandbox-Dev-7",
        is_admin: false,
        is_active: true,
        must_change: false,
        locked: true,
        story: "locked after 5 failed logins",
    },
    Sample {
        email: "former.staff@example.com",
        full_name: "Former Staff",
        password: "Sandbox-Former-9",
        is_admin: false,
        is_active: false,
        must_change: false,
        locked: false,
        story: "inactive",
    },
];

async fn populate(db: &mut Database) -> Result<()> {
    let dialect = db.dialect();
    db.execute_script("BEGIN").await?;
    db.execute_script(reference_schema(dialect)).await?;
    let hasher = Argon2Config::default();
    let now = crate::db::value::now();
    let columns = [
        "id",
        "email",
        "password_hash",
        "full_name",
        "is_admin",
        "is_active",
        "auth_provider",
        "password_hash_type",
        "failed_login_attempts",
        "locked_until",
        "created_at",
        "updated_at",
        "password_change_required",
        "password_changed_at",
        "admin_origin",
        "email_verified_at",
    ];
    let insert = dialect.insert_sql("email_users", &columns);
    for sample in SAMPLES {
        let hash = hasher.hash(&Secret::new(sample.password.to_owned()))?;
        let at = |offset: Duration| Value::Timestamp(now + offset);
        let row = [
            Value::Text(new_id()),
            Value::Text(sample.email.to_owned()),
            Value::Text(hash),
            Value::Text(sample.full_name.to_owned()),
            Value::Bool(sample.is_admin),
            Value::Bool(sample.is_active),
            Value::Text("local".to_owned()),
            Value::Text("argon2id".to_owned()),
            Value::Int(if sample.locked { 5 } else { 0 }),
            if sample.locked {
                at(Duration::minutes(60))
            } else {
                Value::Null
            },
            at(-Duration::days(30)),
            at(Duration::zero()),
            Value::Bool(sample.must_change),
            at(-Duration::days(30)),
            if sample.is_admin {
                Value::Text("bootstrap".to_owned())
            } else {
                Value::Null
            },
            at(-Duration::days(30)),
        ];
        db.execute(&insert, &row).await?;
    }
    db.commit().await?;
    Ok(())
}
