//! What every command that writes shares: the audit record around the whole invocation,
//! the last-admin guard, the confirmation, and one locked transaction on one row that is
//! read back and checked before it is committed — or rolled back, leaving nothing behind.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Context, Workspace};
use crate::access::cache::{CacheOutcome, GatewayCache};
use crate::access::{Cut, CutDone};
use crate::audit::{Actor, AuditLog, AuditRecord, FieldChange, event_details_with};
use crate::cli::OutputFormat;
use crate::db::{Database, Dialect, Value};
use crate::exit::{DECLINED, Failure, REFUSED, SUCCESS, USER_NOT_FOUND, code_for};
use crate::output;
use crate::password::Secret;
use crate::password::hash::Hashed;
use crate::schema::login::{Judgement, admin_can_log_in, predict_right_password};
use crate::schema::user::new_id;
use crate::schema::{Field, LoginRules, User, UsersTable};

/// The audit record of one invocation, filled in as the command goes and written at the end,
/// whatever the outcome.
pub struct Recorder {
    log: AuditLog,
    actor: Actor,
    pub record: AuditRecord,
    /// A generated password's line, printed after everything else (never recorded).
    shown_last: Option<Secret>,
}

impl Recorder {
    /// Opens the audit log first: if it cannot be written, nothing else happens.
    pub fn begin(context: &Context, command: &str, target: &str) -> Result<Recorder> {
        let log = AuditLog::open(context.safety.audit_log.as_deref())?;
        let actor = Actor::current();
        let mut flags = Vec::new();
        if context.safety.force {
            flags.push("force".to_owned());
        }
        if !context.safety.app_audit {
            flags.push("no-app-audit".to_owned());
        }
        let recorder = Recorder {
            log,
            record: AuditRecord {
                time: crate::output::rfc3339(crate::db::value::now()),
                actor: actor.clone(),
                command: command.to_owned(),
                target: target.to_owned(),
                database: context.target.describe(),
                changed: BTreeMap::new(),
                access: None,
                reason: context.safety.reason.clone(),
                flags,
                dry_run: context.safety.dry_run,
                result: String::new(),
                error: None,
                exit_code: 0,
            },
            actor,
            shown_last: None,
        };
        recorder.log.arm(&recorder.record);
        Ok(recorder)
    }

    /// Sets the outcome so far (committed, dry-run, unchanged) and the fields changed.
    pub fn settle(&mut self, result: &str, changed: BTreeMap<String, FieldChange>) {
        self.record.result = result.to_owned();
        self.record.changed = changed;
        self.log.arm(&self.record);
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn flag(&mut self, flag: &str) {
        self.record.flags.push(flag.to_owned());
    }

    /// Prints `line` on stdout last, after the audit line, whatever else happens once the
    /// change is committed: a generated password must reach the operator.
    pub fn show_last(&mut self, line: Secret) {
        self.shown_last = Some(line);
    }

    pub fn audit_log_path(&self) -> Option<String> {
        self.log.path().map(|path| path.display().to_string())
    }

    /// Writes the record and the stderr summary, then hands the outcome on.
    pub fn finish(mut self, context: &Context, outcome: Result<u8>) -> Result<u8> {
        let code = match &outcome {
            Ok(code) => *code,
            Err(error) => code_for(error),
        };
        self.record.exit_code = code;
        if let Err(error) = &outcome {
            // A failure after the commit (say, printing) leaves "committed" standing.
            if self.record.result != "committed" {
                self.record.result = match code {
                    REFUSED => "refused",
                    DECLINED => "declined",
                    _ => "failed",
                }
                .to_owned();
            }
            self.record.error = Some(crate::exit::describe(error));
        }
        // On a terminal, with the record in a file, one short line says where it is.
        let line = match self.log.path() {
            Some(path) if std::io::stderr().is_terminal() && !context.verbose => format!(
                "audit: {} (exit {}), recorded in {}",
                self.record.result,
                code,
                path.display()
            ),
            _ => self.record.summary(),
        };
        context.info(&line);
        let appended = self.log.append(&self.record);
        if let Some(line) = self.shown_last.take() {
            // The outcome's error, if any, is printed after this by the caller.
            let _ = output::print(line.expose());
        }
        if let Err(error) = appended {
            let committed = self.record.result == "committed";
            return Err(error.context(if committed {
                "the change WAS committed, but its audit record could not be written"
            } else {
                "the audit record could not be written"
            }));
        }
        outcome
    }
}

/// A change to one user's row.
pub struct Edit {
    /// Columns to set; fields the table does not have are skipped.
    pub set: Vec<(Field, Value)>,
    /// A new password: checked against the stored hash before commit and kept in the history.
    pub new_password: Option<(Secret, Hashed)>,
    /// The event type the gateway's own audit trail records for it.
    pub event_type: &'static str,
    /// Access taken away in the same transaction (tokens, reset links).
    pub cut: Cut,
}

pub struct Applied {
    /// Every column before and after, as shown (hashes masked): the dry run prints them all.
    pub rows: Vec<(String, serde_json::Value, serde_json::Value)>,
    pub fields: BTreeMap<String, FieldChange>,
    pub changed: bool,
    pub app_event: bool,
    pub cut: CutDone,
    /// The user's login as the change leaves the row (read back before the commit); None
    /// where the change is not one row's (unlock --all, revoke-tokens).
    pub login: Option<LoginAfter>,
}

/// The login with the right password of a row as a change leaves it, judged as verify,
/// doctor and list-admins judge it.
pub struct LoginAfter {
    pub judgement: Judgement,
    /// What refuses it, in the application's words.
    pub reasons: Vec<String>,
}

impl LoginAfter {
    /// `password_is_default` says whether the password the row now holds is the
    /// application's default one (a reset to it), which some releases make a change demand.
    pub fn judge(
        rules: &LoginRules,
        dialect: Dialect,
        now: DateTime<Utc>,
        user: &User,
        password_is_default: bool,
    ) -> LoginAfter {
        let prediction = predict_right_password(user, password_is_default, rules, dialect, now);
        LoginAfter {
            reasons: prediction
                .blocking()
                .map(|refusal| refusal.explain(rules))
                .collect(),
            judgement: prediction.judgement(),
        }
    }
}

/// The row's values after `edit`, read the way the gateway will read them.
fn expected_after(table: &UsersTable, user: &User, edit: &Edit) -> User {
    let mut after = user.clone();
    for (field, value) in &edit.set {
        if let Some(column) = table.profile.column(*field) {
            after.apply(*field, column, value, table.profile.reading());
        }
    }
    if let Some(admin) = membership_change(table, user, edit) {
        after.is_admin = admin;
    }
    if let Some(active) = marker_change(table, user, edit) {
        after.is_active = active;
    }
    after.oddities.clear();
    after
}

/// With admin by membership, the admin right to grant (true) or revoke (false), when the
/// edit changes it: the edit sets the admin concept, which then lives in a join table.
fn membership_change(table: &UsersTable, user: &User, edit: &Edit) -> Option<bool> {
    table.profile.membership.as_ref()?;
    if table.profile.column(Field::IsAdmin).is_some() {
        return None;
    }
    edit.set
        .iter()
        .find_map(|(field, value)| match (field, value) {
            (Field::IsAdmin, Value::Bool(admin)) if *admin != user.is_admin => Some(*admin),
            _ => None,
        })
}

/// With inactive = a row in another table, whether to remove the mark (true) or write it
/// (false), when the edit changes the active concept.
fn marker_change(table: &UsersTable, user: &User, edit: &Edit) -> Option<bool> {
    table.profile.inactive_row.as_ref()?;
    if table.profile.column(Field::IsActive).is_some() {
        return None;
    }
    edit.set
        .iter()
        .find_map(|(field, value)| match (field, value) {
            (Field::IsActive, Value::Bool(active)) if *active != user.is_active => Some(*active),
            _ => None,
        })
}

/// How writing or removing the inactive mark is shown and recorded.
fn marker_field(marker: &crate::schema::inactive_row::InactiveRow, active: bool) -> FieldChange {
    let (old, new) = if active {
        (json!(marker.describe()), serde_json::Value::Null)
    } else {
        (serde_json::Value::Null, json!(marker.describe()))
    };
    FieldChange { old, new }
}

/// Every column before and after; no `before` for a row that did not exist.
pub fn side_by_side(
    table: &UsersTable,
    before: Option<&User>,
    after: &User,
) -> Vec<(String, serde_json::Value, serde_json::Value)> {
    // Both sides as read from the row (the dry run reads it back inside its transaction).
    table
        .fields()
        .iter()
        .enumerate()
        .map(|(index, (field, column))| {
            (
                column.clone(),
                before.map_or(serde_json::Value::Null, |user| {
                    table.stored_flag(index, user, user.display(*field), false)
                }),
                table.stored_flag(index, after, after.display(*field), false),
            )
        })
        .collect()
}

fn differences(table: &UsersTable, before: &User, after: &User) -> BTreeMap<String, FieldChange> {
    table
        .fields()
        .iter()
        .enumerate()
        .filter_map(|(index, (field, column))| {
            let (old, new) = (before.display(*field), after.display(*field));
            let hash_replaced =
                *field == Field::PasswordHash && before.password_hash != after.password_hash;
            (old != new || hash_replaced).then(|| {
                let old = table.stored_flag(index, before, old, false);
                let new = table.stored_flag(index, after, new, true);
                (column.clone(), FieldChange { old, new })
            })
        })
        .collect()
}

/// How a write that went through ends: committed, or rolled back by --dry-run.
pub fn write_result(context: &Context) -> &'static str {
    if context.safety.dry_run {
        "dry-run"
    } else {
        "committed"
    }
}

/// Refuses (exit 8) a change after which no admin could log in, unless --force.
async fn guard_last_admin(
    context: &Context,
    workspace: &mut Workspace,
    user: &User,
    after: &User,
) -> Result<()> {
    let (rules, now) = (&workspace.rules, workspace.now);
    let usable_admin = |someone: &User| {
        !workspace.admins.via(someone).is_empty() && admin_can_log_in(someone, rules, now)
    };
    // Only a change that takes away a usable admin (its login or its admin right) can leave none.
    if !usable_admin(user) || usable_admin(after) {
        return Ok(());
    }
    let (condition, params) = workspace.admins.condition(&workspace.table, 0);
    let sql = workspace.table.select_sql(&format!("WHERE {condition}"));
    let mut others = 0usize;
    let table = &workspace.table;
    workspace
        .db
        .for_each_row(&sql, &params, |row| {
            let admin = table.decode(row);
            if admin.email != user.email && admin_can_log_in(&admin, rules, now) {
                others += 1;
            }
            Ok(())
        })
        .await?;
    if others > 0 {
        return Ok(());
    }
    if context.safety.force {
        context.warn(&format!(
            "{} is the last admin able to log in; going on because of --force",
            user.email
        ));
        return Ok(());
    }
    Err(Failure::error(
        REFUSED,
        format!(
            "{} is the last admin able to log in; after this change nobody could administer {}. \
             Nothing was changed. Make another admin usable first (breakglass list-admins; \
             breakglass create-admin NEW-ADMIN-EMAIL makes a new one), or pass --force",
            user.email, workspace.rules.app
        ),
    ))
}

/// Refuses (exit 8) to make active again, without --force, an account made inactive so recently
/// that sessions issued before could still be valid: re-activation would bring them back.
async fn guard_reactivation(
    context: &Context,
    workspace: &mut Workspace,
    user: &User,
    after: &User,
) -> Result<()> {
    if workspace.rules.token_expiry_minutes.is_none() || user.is_active || !after.is_active {
        return Ok(());
    }
    let since = match last_lockout_event(workspace, &user.email).await? {
        Some(at) => Some(at),
        None => user.updated_at,
    };
    let Some(since) = since else {
        return Ok(());
    };
    let Some(until) = workspace
        .rules
        .sessions_valid_until(since)
        .filter(|until| *until > workspace.now)
    else {
        return Ok(());
    };
    let until = crate::output::rfc3339(until);
    if context.safety.force {
        context.warn(&format!(
            "sessions of {} issued before it was made inactive can be valid until {until}; \
             they come back with it; going on because of --force",
            user.email
        ));
        return Ok(());
    }
    Err(Failure::error(
        REFUSED,
        format!(
            "{} was made inactive at {}; sessions issued before then can still be valid until {until} \
             ({}), and making it active now would bring them back. \
             Nothing was changed. Wait until then, or pass --force (safe once {})",
            user.email,
            crate::output::rfc3339(since),
            workspace.rules.sessions_lifetime(),
            workspace.rules.sessions_end_when(),
        ),
    ))
}

/// When breakglass last made the user inactive (lockdown or deactivate), from the gateway's events.
pub(super) async fn last_lockout_event(
    workspace: &mut Workspace,
    email: &str,
) -> Result<Option<DateTime<chrono::Utc>>> {
    let Some(events) = workspace.table.profile.events_table.clone() else {
        return Ok(None);
    };
    if !workspace.db.has_table(&events).await? {
        return Ok(None);
    }
    let d = workspace.table.dialect();
    let sql = format!(
        "SELECT MAX({ts}) FROM {} WHERE user_email = {} AND event_type = {} AND user_agent LIKE {}",
        d.quote(&events),
        d.placeholder(1),
        d.placeholder(2),
        d.placeholder(3),
        ts = d.quote("timestamp"),
    );
    let value = workspace
        .db
        .fetch_scalar(
            &sql,
            &[
                Value::Text(email.to_owned()),
                Value::Text(LOCKOUT_EVENT.to_owned()),
                Value::Text("breakglass/%".to_owned()),
            ],
        )
        .await?;
    Ok(match value {
        Some(Value::Timestamp(at)) => Some(at),
        Some(Value::Text(text)) => crate::db::value::parse_text_timestamp(&text),
        _ => None,
    })
}

/// The gateway's event type for an account made unusable; breakglass writes it for
/// deactivate and lockdown.
pub const LOCKOUT_EVENT: &str = "ACCOUNT_LOCKED";

/// The first lines of a plan: the database, where the banner did not name it (-q).
pub async fn plan_start(context: &Context, db: &mut Database) -> Result<Vec<String>> {
    Ok(if context.quiet {
        vec![format!("database: {}", db.describe().await?)]
    } else {
        Vec::new()
    })
}

/// Asks on the terminal (default No) unless --yes or --dry-run; without a terminal, refuses.
/// No transaction stays open on `db` while the question waits.
pub async fn confirm(
    context: &Context,
    db: &mut Database,
    question: &str,
    details: &[String],
) -> Result<()> {
    if context.safety.yes || context.safety.dry_run {
        return Ok(());
    }
    db.end_reads().await?;
    // With the password piped in on stdin, the answer is read from the terminal itself.
    let answerable = std::io::stdin().is_terminal()
        || std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok();
    if !(answerable && std::io::stderr().is_terminal()) {
        return Err(Failure::error(
            REFUSED,
            "this changes the database and there is no terminal to confirm on; nothing was changed. \
             Pass --yes to go ahead, or --dry-run to see the change first",
        ));
    }
    for line in details {
        eprintln!("{line}");
    }
    let accepted = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .inspect_err(|dialoguer::Error::IO(error)| crate::terminal::yield_to_interrupt(error))
        .context("reading the confirmation")?;
    if accepted {
        Ok(())
    } else {
        Err(Failure::error(
            DECLINED,
            "not confirmed: nothing was changed",
        ))
    }
}

/// The row key: the primary key where the table has one, else the stored email.
fn key_of(table: &UsersTable, user: &User) -> (String, Value) {
    match (table.column_sql(Field::Id), &user.id) {
        (Some(column), Some(id)) => (column, table.id_value(id)),
        _ => (
            table.column_sql(Field::Email).unwrap_or_default(),
            Value::Text(user.email.clone()),
        ),
    }
}

async fn select_by_key(
    db: &mut Database,
    table: &UsersTable,
    key: &(String, Value),
    lock: bool,
) -> Result<Option<User>> {
    let dialect = table.dialect();
    let lock = if lock { dialect.lock_rows() } else { "" };
    let sql = table.select_sql(&format!(
        "WHERE {} = {}{lock}",
        key.0,
        dialect.placeholder(1)
    ));
    let rows = db.fetch_all(&sql, std::slice::from_ref(&key.1)).await?;
    Ok(rows.into_iter().next().map(|row| table.decode(row)))
}

/// Applies `edit` to `user` in one transaction: guard, confirm, lock, update, read back,
/// check, record the history and the gateway's event, then commit (or roll back on a dry run).
pub async fn apply(
    context: &Context,
    workspace: &mut Workspace,
    recorder: &mut Recorder,
    user: &User,
    edit: Edit,
) -> Result<Applied> {
    let table = &workspace.table;
    let expected = expected_after(table, user, &edit);
    let mut planned = differences(table, user, &expected);
    if let (Some(admin), Some(membership)) = (
        membership_change(table, user, &edit),
        &table.profile.membership,
    ) {
        planned.insert(
            membership.table.clone(),
            membership_field(membership, admin),
        );
    }
    let marker = marker_change(table, user, &edit);
    if let (Some(active), Some(row)) = (marker, &table.profile.inactive_row) {
        planned.insert(row.table.clone(), marker_field(row, active));
    }
    let updated_at = table.profile.column(Field::UpdatedAt);
    // Revoking tokens is worth a write even when the row already is as asked.
    if edit.cut.revoke_tokens.is_none()
        && planned
            .keys()
            .all(|column| Some(column.as_str()) == updated_at)
        && membership_change(table, user, &edit).is_none()
        && marker.is_none()
    {
        recorder.settle("unchanged", BTreeMap::new());
        return Ok(Applied {
            rows: side_by_side(table, Some(user), user),
            fields: BTreeMap::new(),
            changed: false,
            app_event: false,
            cut: CutDone::default(),
            login: Some(LoginAfter::judge(
                &workspace.rules,
                table.dialect(),
                workspace.now,
                user,
                false,
            )),
        });
    }
    guard_last_admin(context, workspace, user, &expected).await?;
    guard_reactivation(context, workspace, user, &expected).await?;
    let mut details = plan_start(context, &mut workspace.db).await?;
    details.push(format!("user: {}", user.email));
    details.extend(planned.iter().map(|(column, change)| {
        format!(
            "  {column}: {} -> {}",
            shown(&change.old),
            shown(&change.new)
        )
    }));
    if edit.cut.takes_anything() && !context.safety.yes && !context.safety.dry_run {
        let table = &workspace.table;
        let user_id = user.id.as_deref().map(|id| table.id_value(id));
        details.extend(
            edit.cut
                .preview(
                    &mut workspace.db,
                    &table.profile.access,
                    (&user.email, user_id.as_ref()),
                    workspace.now,
                )
                .await?,
        );
    }
    confirm(
        context,
        &mut workspace.db,
        &format!("Apply this change to {}?", user.email),
        &details,
    )
    .await?;

    workspace
        .db
        .begin_write(context.connect.lock_timeout)
        .await?;
    let written = write_locked(context, workspace, recorder, user, &edit, &expected).await;
    let applied = workspace
        .db
        .finish_write(written, !context.safety.dry_run)
        .await?;
    let result = write_result(context);
    recorder.settle(result, applied.fields.clone());
    if edit.cut.takes_anything() {
        recorder.record.access = Some(json!(applied.cut));
    }
    Ok(applied)
}

async fn write_locked(
    context: &Context,
    workspace: &mut Workspace,
    recorder: &Recorder,
    user: &User,
    edit: &Edit,
    expected: &User,
) -> Result<Applied> {
    let Workspace { db, table, .. } = workspace;
    let key = key_of(table, user);
    let Some(before) = select_by_key(db, table, &key, true).await? else {
        return Err(Failure::error(
            USER_NOT_FOUND,
            format!(
                "{} disappeared while breakglass was working; nothing was changed",
                user.email
            ),
        ));
    };
    let dialect = table.dialect();
    let mut assignments = Vec::new();
    let mut params = Vec::new();
    for (field, value) in &edit.set {
        for assignment in table.assignments(*field, value)? {
            params.push(assignment.value.clone());
            assignments.push(format!(
                "{} = {}",
                assignment.column,
                assignment.placeholder(dialect, params.len())
            ));
        }
    }
    params.push(key.1.clone());
    let sql = format!(
        "UPDATE {} SET {} WHERE {} = {}",
        table.table_sql(),
        assignments.join(", "),
        key.0,
        dialect.placeholder(params.len())
    );
    // Only the admin role changes where the table has no column to set alongside it.
    if !assignments.is_empty() {
        let rows = db
            .execute(&sql, &params)
            .await
            .context("updating the user")?;
        if rows != 1 {
            anyhow::bail!(
                "the update matched {rows} rows instead of 1; rolled back, nothing was changed"
            );
        }
    }
    let granted = membership_change(table, &before, edit);
    if let (Some(admin), Some(membership)) = (granted, table.profile.membership.clone()) {
        let id = before
            .id
            .clone()
            .context("the row has no id to link to the admin role; rolled back")?;
        if admin {
            membership.grant(db, table.id_value(&id)).await?;
        } else {
            membership.revoke(db, table.id_value(&id)).await?;
        }
        table.load_members(db).await?;
    }
    if let (Some(active), Some(marker)) = (
        marker_change(table, &before, edit),
        table.profile.inactive_row.clone(),
    ) {
        if active {
            marker.clear(db, &before.email).await?;
        } else {
            marker.mark(db, &before.email).await?;
        }
        table.load_inactive(db).await?;
    }
    let after = select_by_key(db, table, &key, false)
        .await?
        .context("the row could not be read back; rolled back")?;
    check_read_back(table, expected, &after, edit)?;
    let cut = edit
        .cut
        .apply(
            db,
            &table.profile.access,
            (
                &after.email,
                after.id.as_deref().map(|id| table.id_value(id)).as_ref(),
            ),
            crate::db::value::now(),
        )
        .await?;
    if let Some((_, hashed)) = &edit.new_password {
        let keep = crate::password::policy::Policy::for_profile(&table.profile, &context.settings)?
            .history_count;
        record_history(db, table, &after.email, &hashed.phc, keep).await?;
    }
    if let (Some(admin), Some(membership)) = (granted, &table.profile.membership)
        && after.is_admin != admin
    {
        anyhow::bail!(
            "after the change {} still reads as {}an admin by {}; rolled back, nothing was changed",
            after.email,
            if after.is_admin { "" } else { "not " },
            membership.describe()
        );
    }
    let access = edit.cut.takes_anything().then(|| json!(cut));
    let app_event = context.safety.app_audit
        && record_event(
            db,
            table,
            &after.email,
            edit.event_type,
            recorder,
            context,
            access.as_ref(),
        )
        .await?;
    let mut fields = differences(table, &before, &after);
    if let (Some(admin), Some(membership)) = (granted, &table.profile.membership) {
        fields.insert(
            membership.table.clone(),
            membership_field(membership, admin),
        );
    }
    if let (Some(active), Some(marker)) = (
        marker_change(table, &before, edit),
        &table.profile.inactive_row,
    ) {
        fields.insert(marker.table.clone(), marker_field(marker, active));
    }
    let password_is_default = edit.new_password.as_ref().is_some_and(|(password, _)| {
        !workspace.rules.default_user_password.is_empty()
            && password.expose() == workspace.rules.default_user_password
    });
    Ok(Applied {
        rows: side_by_side(&workspace.table, Some(&before), &after),
        fields,
        changed: true,
        app_event,
        cut,
        login: Some(LoginAfter::judge(
            &workspace.rules,
            workspace.table.dialect(),
            workspace.now,
            &after,
            password_is_default,
        )),
    })
}

/// How a grant or revoke of the admin role is shown and recorded.
fn membership_field(
    membership: &crate::schema::membership::Membership,
    admin: bool,
) -> FieldChange {
    let role = json!(membership.describe());
    if admin {
        FieldChange {
            old: serde_json::Value::Null,
            new: role,
        }
    } else {
        FieldChange {
            old: role,
            new: serde_json::Value::Null,
        }
    }
}

/// Every written field must read back as written, and a new password must verify.
fn check_read_back(table: &UsersTable, expected: &User, after: &User, edit: &Edit) -> Result<()> {
    for (field, _) in &edit.set {
        if table.column_sql(*field).is_none() || *field == Field::PasswordHash {
            continue;
        }
        let (want, got) = (expected.display(*field), after.display(*field));
        let same = match (&want, &got) {
            // Some columns keep whole seconds only.
            (serde_json::Value::String(a), serde_json::Value::String(b))
                if field_is_time(*field) =>
            {
                seconds_apart(a, b).is_some_and(|apart| apart <= 1)
            }
            _ => want == got,
        };
        if !same {
            anyhow::bail!(
                "{} read back as {got} instead of {want}; rolled back, nothing was changed",
                table.profile.column(*field).unwrap_or_default()
            );
        }
    }
    if let Some((password, hashed)) = &edit.new_password {
        let stored = after.password_hash.as_deref().unwrap_or_default();
        if !hashed.verifies(password, stored) {
            anyhow::bail!(
                "the new password does not verify against the stored hash; rolled back, nothing was changed"
            );
        }
    }
    Ok(())
}

fn field_is_time(field: Field) -> bool {
    matches!(
        field,
        Field::LockedUntil | Field::PasswordChangedAt | Field::LastLogin | Field::UpdatedAt
    )
}

fn seconds_apart(a: &str, b: &str) -> Option<i64> {
    let parse = |text: &str| DateTime::parse_from_rfc3339(text).ok();
    Some((parse(a)? - parse(b)?).num_seconds().abs())
}

/// Adds the new hash to the history and keeps only the newest `keep`, as the gateway does.
async fn record_history(
    db: &mut Database,
    table: &UsersTable,
    email: &str,
    hash: &str,
    keep: i64,
) -> Result<()> {
    let Some(history) = &table.profile.history_table else {
        return Ok(());
    };
    if !db.has_table(history).await? {
        return Ok(());
    }
    let d = table.dialect();
    let history_sql = d.quote(history);
    let insert = format!(
        "INSERT INTO {history_sql} (id, user_email, password_hash, changed_at) VALUES ({})",
        d.placeholders(0, 4)
    );
    let params = [
        Value::Text(new_id()),
        Value::Text(email.to_owned()),
        Value::Text(hash.to_owned()),
        Value::Timestamp(crate::db::value::now()),
    ];
    db.execute(&insert, &params)
        .await
        .context("adding the password to password_history")?;
    let ids = db
        .fetch_all(
            &format!(
                "SELECT id FROM {history_sql} WHERE user_email = {} ORDER BY changed_at DESC",
                d.placeholder(1)
            ),
            &[Value::Text(email.to_owned())],
        )
        .await?;
    for id in ids
        .into_iter()
        .skip(usize::try_from(keep).unwrap_or(0))
        .filter_map(|row| row.into_iter().next())
    {
        db.execute(
            &format!("DELETE FROM {history_sql} WHERE id = {}", d.placeholder(1)),
            &[id],
        )
        .await?;
    }
    Ok(())
}

/// Adds the change to the gateway's own audit trail; false when it has none.
pub async fn record_event(
    db: &mut Database,
    table: &UsersTable,
    email: &str,
    event_type: &str,
    recorder: &Recorder,
    context: &Context,
    access: Option<&serde_json::Value>,
) -> Result<bool> {
    let Some(events) = &table.profile.events_table else {
        return Ok(false);
    };
    if !db.has_table(events).await? {
        return Ok(false);
    }
    let d = table.dialect();
    let sql = format!(
        "INSERT INTO {} ({}, user_email, event_type, success, user_agent, details) VALUES ({})",
        d.quote(events),
        d.quote("timestamp"),
        d.placeholders(0, 6)
    );
    let details = event_details_with(
        &recorder.record.command,
        context.safety.reason.as_deref(),
        recorder.actor(),
        access,
    );
    let params = [
        Value::Timestamp(crate::db::value::now()),
        Value::Text(email.to_owned()),
        Value::Text(event_type.to_owned()),
        Value::Bool(true),
        Value::Text(format!("breakglass/{}", env!("CARGO_PKG_VERSION"))),
        Value::Text(details),
    ];
    db.execute(&sql, &params)
        .await
        .with_context(|| format!("adding the event to {}'s audit trail", table.profile.called))?;
    Ok(true)
}

/// After a committed change, does in the gateway's Redis cache what the gateway itself would
/// (revoked jtis, forgotten users), and says how soon the change holds everywhere.
pub async fn tell_cache(
    context: &Context,
    cache: Option<&GatewayCache>,
    no_redis: bool,
    committed: bool,
    (revoked, users): (&[String], &[String]),
    notes: &mut Vec<String>,
) -> CacheOutcome {
    let Some(cache) = cache else {
        return CacheOutcome::NotConfigured;
    };
    if !committed || no_redis {
        if committed {
            notes.push(CacheOutcome::Skipped.note());
        }
        return CacheOutcome::Skipped;
    }
    let outcome = cache
        .invalidate(revoked, users, context.connect.connect_timeout)
        .await;
    match &outcome {
        CacheOutcome::Failed(_) => context.warn(&outcome.note()),
        CacheOutcome::Done | CacheOutcome::NotConfigured => notes.push(outcome.note()),
        CacheOutcome::Skipped => {}
    }
    outcome
}

/// Prints the result of a one-row change: text or `-o json`
/// ({command, target, changed, fields, dry_run, audit}, plus `extra`).
pub fn print_applied(
    context: &Context,
    recorder: &Recorder,
    applied: &Applied,
    notes: &[String],
    extra: &[(&str, serde_json::Value)],
) -> Result<u8> {
    let dry_run = context.safety.dry_run;
    if context.output == OutputFormat::Json {
        let mut value = json!({
            "command": recorder.record.command,
            "target": recorder.record.target,
            "changed": applied.changed,
            "fields": applied.fields,
            "dry_run": dry_run,
            "audit": {"log": recorder.audit_log_path(), "app_event": applied.app_event},
            "notes": notes,
        });
        if let Some(login) = &applied.login {
            output::extend_object(&mut value, &login.judgement);
        }
        for (key, extra) in extra {
            value[*key] = extra.clone();
        }
        if dry_run {
            let row = |pick: fn(
                &(String, serde_json::Value, serde_json::Value),
            ) -> &serde_json::Value| {
                applied
                    .rows
                    .iter()
                    .map(|r| (r.0.clone(), pick(r).clone()))
                    .collect::<serde_json::Map<_, _>>()
            };
            value["before"] = serde_json::Value::Object(row(|r| &r.1));
            value["after"] = serde_json::Value::Object(row(|r| &r.2));
        }
        output::print_json(&value)?;
        return Ok(SUCCESS);
    }
    let state = match (applied.changed, dry_run) {
        (false, _) => "nothing to do, the row already is as asked",
        (true, true) => "dry run, rolled back: nothing was written",
        (true, false) => "committed",
    };
    let mut text = format!(
        "{} {}: {state}\n",
        recorder.record.command, recorder.record.target
    );
    // The confirmation showed these changes a moment ago: the result does not repeat them.
    let plan_was_shown = applied.changed && !dry_run && !context.safety.yes;
    if !plan_was_shown || context.verbose {
        for (column, change) in &applied.fields {
            text.push_str(&format!(
                "  {column}: {} -> {}\n",
                shown(&change.old),
                shown(&change.new)
            ));
        }
        let cut = &applied.cut;
        if !cut.revoked.is_empty() {
            text.push_str(&format!(
                "  {} revoked\n",
                output::counted(cut.revoked.len(), "API token")
            ));
        }
        if cut.reset_links_voided > 0 {
            text.push_str(&format!(
                "  {} voided\n",
                output::counted(cut.reset_links_voided, "unused reset link")
            ));
        }
        if let Some(ended) = cut.sessions_ended.filter(|ended| *ended > 0) {
            text.push_str(&format!(
                "  {} deleted\n",
                output::counted(ended, "session row")
            ));
        }
    }
    if let Some(login) = &applied.login {
        text.push_str(&format!("login: {}\n", login.judgement.login.words()));
        for reason in &login.reasons {
            text.push_str(&format!("  - {reason}\n"));
        }
    }
    for note in notes {
        text.push_str(&format!("note: {note}\n"));
    }
    output::print(&text)?;
    Ok(SUCCESS)
}

/// A value for people: strings without quotes, NULL for null.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => "NULL".to_owned(),
        other => other.to_string(),
    }
}
