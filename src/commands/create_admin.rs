//! `create-admin KEY`: inserts a new admin row for a key that does not exist yet — the
//! answer to "no admins exist". Every concept the profile names gets the value a new admin
//! needs; any other NOT NULL column without a default gets a neutral value of its type. The
//! row is read back and checked (an admin, active, the password verifies) before the commit.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result};
use serde_json::json;

use super::change::{self, Applied, LoginAfter, Recorder, confirm, record_event, side_by_side};
use super::new_password::NewPassword;
use super::{Context, Workspace, hasher};
use crate::audit::FieldChange;
use crate::cli::CreateAdminArgs;
use crate::db::Value;
use crate::exit::{AMBIGUOUS, Failure, REFUSED, USAGE, USER_NOT_FOUND, code_for};
use crate::password::policy::Policy;
use crate::schema::Field;
use crate::schema::login::admin_can_log_in;
use crate::schema::profile::IdGenerate;
use crate::schema::table::Assignment;
use crate::schema::user::{new_cuid, new_id};

pub async fn run(context: &Context, args: &CreateAdminArgs) -> Result<u8> {
    let mut recorder =
        Recorder::begin(context, "create-admin", &context.normalize_key(&args.email))?;
    let outcome = create(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn create(context: &Context, args: &CreateAdminArgs, recorder: &mut Recorder) -> Result<u8> {
    let delivery = NewPassword::plan(&args.new)?;
    let profile = context.profile()?;
    let policy = Policy::for_profile(&profile, &context.settings)?;
    let hasher = hasher(context, &profile, [None; 3])?;
    let pepper = super::pepper(&profile)?;
    let mut workspace = Workspace::open(context).await?;
    let key = workspace.table.normalize(&args.email);
    if key.trim().is_empty() {
        return Err(Failure::error(
            USAGE,
            "the new admin's key is empty; name it, e.g. breakglass create-admin ops@example.com",
        ));
    }
    if let Some(membership) = workspace.table.profile.membership.clone() {
        // The role must exist before anything is written (exit 7 naming it otherwise).
        membership.role_id(&mut workspace.db).await?;
    } else if !workspace.table.profile.every_user_admin {
        workspace
            .table
            .require(Field::IsAdmin, "an admin column", "create-admin")?;
    }
    refuse_existing(&mut workspace, &args.email).await?;
    if let Some(scope) = &workspace.table.profile.scope
        && workspace
            .table
            .key_taken(&mut workspace.db, &args.email)
            .await?
    {
        return Err(Failure::error(
            REFUSED,
            format!(
                "{} is taken in {} by a row that is not a user ({} is not {}); \
                 nothing was changed. Choose another name",
                key, workspace.table.profile.table, scope.column, scope.equals
            ),
        ));
    }
    let address = contact_email(&workspace, args.address.as_deref())?;
    if let Some(address) = &address {
        refuse_existing(&mut workspace, address).await?;
    }

    let mut new = NewPassword::obtain(
        context,
        &mut workspace,
        &args.new,
        delivery,
        (&policy, &key, true),
        // A new user has no earlier password to repeat.
        |_| Ok(()),
    )
    .await?;
    if args.new.skip_policy {
        recorder.flag("skip-policy");
    }
    let hashed = hasher.hash_peppered(&new.password, pepper.as_ref())?;
    let now = crate::db::value::now();
    let must_change = !args.new.no_must_change;
    let table = &workspace.table;
    let id = match table.profile.id_generate {
        IdGenerate::Uuid => Some(Value::Text(new_id())),
        IdGenerate::Cuid => Some(Value::Text(new_cuid())),
        IdGenerate::Database => {
            let sequence = table.profile.id_sequence.clone();
            crate::schema::membership::next_id(&mut workspace.db, sequence.as_deref()).await?
        }
        // The key column written below is the id.
        IdGenerate::Key => None,
    };
    let table = &workspace.table;
    let mut concepts = vec![
        (Field::Email, Value::Text(key.clone())),
        (Field::KeyLowercase, Value::Text(key.to_lowercase())),
        (Field::PasswordHash, Value::Text(hashed.phc.clone())),
        (Field::HashType, Value::Text(hasher.name().to_owned())),
        (Field::IsAdmin, Value::Bool(true)),
        (Field::AdminAlso, Value::Bool(true)),
        (Field::IsActive, Value::Bool(true)),
        (Field::FailedAttempts, Value::Int(0)),
        (Field::ChangeRequired, Value::Bool(must_change)),
        (Field::PasswordChangedAt, Value::Timestamp(now)),
        (Field::CreatedAt, Value::Timestamp(now)),
        (Field::UpdatedAt, Value::Timestamp(now)),
        (Field::ResetAllowed, Value::Bool(false)),
    ];
    if let Some(id) = id {
        concepts.push((Field::Id, id));
    }
    if let Some(name) = &args.full_name {
        concepts.push((Field::FullName, Value::Text(name.clone())));
    }
    if let Some(address) = &address {
        concepts.push((Field::ContactEmail, Value::Text(address.clone())));
    }
    concepts.push((Field::KeyAlso, Value::Text(args.email.trim().to_owned())));
    let mut columns = Vec::new();
    for (field, value) in &concepts {
        columns.extend(table.assignments(*field, value)?);
    }
    let mut notes: Vec<String> = workspace
        .change_demand_note(args.new.must_change, must_change)?
        .into_iter()
        .collect();
    let demand_stored = table.column_sql(Field::ChangeRequired).is_some();
    let scope = table
        .profile
        .scope
        .iter()
        .map(|scope| (&scope.column, &scope.equals));
    for (column, literal) in table.profile.create.set.iter().chain(scope) {
        let quoted = table.dialect().quote(column);
        if table.has_column(column) && !columns.iter().any(|a| a.column == quoted) {
            columns.push(Assignment::plain(quoted, literal.value()));
        }
    }
    for column in table.columns_needing_values() {
        let quoted = table.dialect().quote(&column.name);
        if columns.iter().any(|assignment| assignment.column == quoted) {
            continue;
        }
        let value = neutral_value(&column.declared_type, now);
        notes.push(format!(
            "column {} (NOT NULL, no default) set to {}",
            column.name,
            shown(&value)
        ));
        columns.push(Assignment::plain(quoted, value));
    }

    let mut details = vec![
        format!("database: {}", workspace.db.describe().await?),
        format!("new admin: {key}"),
    ];
    details.extend(notes.iter().map(|note| format!("  {note}")));
    confirm(
        context,
        &mut workspace.db,
        &format!("Create the admin {key}?"),
        &details,
    )
    .await?;

    new.write_secret_file(context)?;
    workspace
        .db
        .begin_write(context.connect.lock_timeout)
        .await?;
    let written = insert_checked(
        context,
        &mut workspace,
        recorder,
        &columns,
        (&key, address.as_deref()),
        &new,
        &hashed,
    )
    .await;
    let applied = match workspace
        .db
        .finish_write(written, !context.safety.dry_run)
        .await
    {
        Ok(applied) => applied,
        Err(error) => {
            new.discard();
            return Err(error);
        }
    };
    let result = change::write_result(context);
    recorder.settle(result, applied.fields.clone());
    workspace.close().await?;
    if must_change && demand_stored {
        notes.push("the new admin must choose a new password at the first login (--no-must-change to skip)".to_owned());
    }
    let shown = new.show(context, recorder, &key, &mut notes)?;
    let extra: Vec<_> = shown
        .map(|password| ("password", json!(password.expose())))
        .into_iter()
        .collect();
    change::print_applied(context, recorder, &applied, &notes, &extra)
}

/// The email for the profile's email column: required where the table keeps one beside a
/// username key (NOT NULL and unique in Gitea, Grafana and Flask-AppBuilder), refused where
/// the key is the email already. Exit 2 either way, before anything is written.
fn contact_email(workspace: &Workspace, address: Option<&str>) -> Result<Option<String>> {
    let table = &workspace.table;
    // Where the email lives: a column of the users table, or a row create-admin adds
    // (Redmine's email_addresses).
    let column = table
        .profile
        .column(Field::ContactEmail)
        .filter(|_| table.column_sql(Field::ContactEmail).is_some())
        .map(|column| format!("{}.{column}", table.profile.table))
        .or_else(|| {
            table
                .profile
                .create
                .rows
                .iter()
                .find_map(|row| Some(format!("{}.{}", row.table, row.email.as_ref()?)))
        });
    match (column, address) {
        (Some(_), Some(address)) if address.contains('@') && !address.trim().is_empty() => {
            Ok(Some(address.trim().to_lowercase()))
        }
        (Some(column), Some(address)) => Err(Failure::error(
            USAGE,
            format!("--email '{address}' is not an email address ({column}); nothing was changed"),
        )),
        (Some(column), None) => Err(Failure::error(
            USAGE,
            format!(
                "{column} needs the new admin's email; pass --email ADDRESS; nothing was changed"
            ),
        )),
        (None, Some(_)) => Err(Failure::error(
            USAGE,
            format!(
                "--email is for a table that keeps an email beside a username key; {} has none \
                 (its key {} is the one to give); nothing was changed",
                table.profile.table,
                table.profile.column(Field::Email).unwrap_or_default()
            ),
        )),
        (None, None) => Ok(None),
    }
}

/// The key must be new: an existing user is reset or promoted, never overwritten (exit 8).
async fn refuse_existing(workspace: &mut Workspace, key: &str) -> Result<()> {
    match workspace.table.find(&mut workspace.db, key).await {
        Err(error) if code_for(&error) == USER_NOT_FOUND => Ok(()),
        Err(error) if code_for(&error) != AMBIGUOUS => Err(error),
        found => {
            let existing = found
                .map(|user| user.email)
                .unwrap_or_else(|_| key.to_owned());
            Err(Failure::error(
                REFUSED,
                format!(
                    "{existing} already exists in {}; nothing was changed. Make it an admin with \
                     breakglass promote {existing}, or give it a new password with breakglass reset {existing}",
                    workspace.table.profile.table
                ),
            ))
        }
    }
}

async fn insert_checked(
    context: &Context,
    workspace: &mut Workspace,
    recorder: &Recorder,
    columns: &[Assignment],
    (key, address): (&str, Option<&str>),
    new: &NewPassword,
    hashed: &crate::password::hash::Hashed,
) -> Result<Applied> {
    let Workspace {
        db,
        table,
        admins,
        rules,
        now,
        ..
    } = workspace;
    let d = table.dialect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.table_sql(),
        columns
            .iter()
            .map(|assignment| assignment.column.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        columns
            .iter()
            .enumerate()
            .map(|(i, assignment)| assignment.placeholder(d, i + 1))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let values: Vec<Value> = columns
        .iter()
        .map(|assignment| assignment.value.clone())
        .collect();
    db.execute(&sql, &values).await?;
    let mut created = table.find(db, key).await?;
    if let Some(membership) = table.profile.membership.clone() {
        let id = created
            .id
            .clone()
            .context("the new row has no id to link to the admin role; rolled back")?;
        membership.grant(db, table.id_value(&id)).await?;
        table.load_members(db).await?;
        created = table.find(db, key).await?;
    }
    let mut linked = Vec::new();
    for row in &table.profile.create.rows {
        let id = created
            .id
            .clone()
            .context("the new row has no id to link other rows to; rolled back")?;
        if let Some(written) = row.insert(db, (table.id_value(&id), address), *now).await? {
            linked.push((row.table.clone(), written));
        }
    }
    let stored = created.password_hash.as_deref().unwrap_or_default();
    if admins.via(&created).is_empty()
        || !admin_can_log_in(&created, rules, *now)
        || !hashed.verifies(&new.password, stored)
    {
        anyhow::bail!(
            "the new row does not read back as a usable admin with this password; rolled back, nothing was changed"
        );
    }
    let app_event = context.safety.app_audit
        && record_event(
            db,
            table,
            &created.email,
            "registration",
            recorder,
            context,
            None,
        )
        .await?;
    let rows = side_by_side(table, None, &created);
    let mut fields = rows
        .iter()
        .map(|(column, _, new)| {
            (
                column.clone(),
                FieldChange {
                    old: serde_json::Value::Null,
                    new: new.clone(),
                },
            )
        })
        .collect::<BTreeMap<_, _>>();
    for (linked_table, written) in linked {
        fields.insert(
            linked_table,
            FieldChange {
                old: serde_json::Value::Null,
                new: json!(written),
            },
        );
    }
    if let Some(membership) = &table.profile.membership {
        fields.insert(
            membership.table.clone(),
            FieldChange {
                old: serde_json::Value::Null,
                new: json!(membership.describe()),
            },
        );
    }
    Ok(Applied {
        rows,
        fields,
        changed: true,
        app_event,
        cut: Default::default(),
        login: Some(LoginAfter::judge(rules, d, *now, &created, false)),
    })
}

/// A value of the column's type that means "nothing": the empty string, zero, false, or now
/// for a timestamp (a NULL would be refused).
fn neutral_value(declared: &str, now: chrono::DateTime<chrono::Utc>) -> Value {
    let declared = declared.to_ascii_lowercase();
    if declared.contains("bool") || declared == "bit" || declared == "tinyint(1)" {
        Value::Bool(false)
    } else if declared.contains("time") || declared.contains("date") {
        Value::Timestamp(now)
    } else if declared.contains("int")
        || declared.contains("numeric")
        || declared.contains("decimal")
        || declared.contains("real")
        || declared.contains("double")
        || declared.contains("float")
    {
        Value::Int(0)
    } else {
        Value::Text(String::new())
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::Text(text) => format!("'{text}'"),
        Value::Bool(flag) => flag.to_string(),
        Value::Int(number) => number.to_string(),
        Value::Timestamp(_) => "now".to_owned(),
        other => format!("{other:?}"),
    }
}
