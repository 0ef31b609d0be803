//! `reset EMAIL`: a new password (typed, piped or generated) that the gateway's policy
//! accepts, the lockout cleared, verified against the stored hash before commit.

use std::fs::OpenOptions;
use std::io::{IsTerminal, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::json;

use super::change::{self, Edit, Recorder};
use super::{Context, Workspace, argon2_config};
use crate::cli::{OutputFormat, ResetArgs};
use crate::db::Value;
use crate::exit::{Failure, REFUSED, USAGE};
use crate::output;
use crate::password::Secret;
use crate::password::generate::{DEFAULT_LENGTH, generate};
use crate::password::hash::{Check, verify};
use crate::password::input::{self, Purpose};
use crate::password::policy::Policy;
use crate::schema::user::normalize_email;
use crate::schema::{Field, User};

pub const SESSIONS_NOTE: &str = "sessions the gateway already issued stay valid until their tokens expire \
    (20 minutes by default); rotate JWT_SECRET_KEY to end them all";

/// Where a generated password is shown, decided before anything is changed.
enum Delivery {
    Terminal,
    Reveal,
    File(PathBuf),
}

impl Delivery {
    fn choose(args: &ResetArgs) -> Result<Delivery> {
        if let Some(path) = &args.secret_file {
            if path.exists() {
                return Err(Failure::error(
                    REFUSED,
                    format!(
                        "{} already exists and was left untouched; name a new file for --secret-file",
                        path.display()
                    ),
                ));
            }
            return Ok(Delivery::File(path.clone()));
        }
        if args.reveal {
            return Ok(Delivery::Reveal);
        }
        if std::io::stdout().is_terminal() {
            return Ok(Delivery::Terminal);
        }
        Err(Failure::error(
            REFUSED,
            "the generated password would go to a pipe or file; nothing was changed. Pass --secret-file PATH \
             (a new file, mode 0600) or --reveal to print it anyway",
        ))
    }
}

pub async fn run(context: &Context, args: &ResetArgs) -> Result<u8> {
    let mut recorder = Recorder::begin(context, "reset", &normalize_email(&args.email))?;
    let outcome = reset(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn reset(context: &Context, args: &ResetArgs, recorder: &mut Recorder) -> Result<u8> {
    // clap counts a flag's default as present, so `requires = "generate"` cannot say this.
    if !args.generate && (args.length.is_some() || args.secret_file.is_some() || args.reveal) {
        return Err(Failure::error(
            USAGE,
            "--length, --secret-file and --reveal go with --generate; nothing was changed",
        ));
    }
    let policy = Policy::from_settings(&context.settings)?;
    let hasher = argon2_config(&context.settings, [None; 3])?;
    let delivery = if args.generate {
        Some(Delivery::choose(args)?)
    } else {
        None
    };
    let mut workspace = Workspace::open(context).await?;
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let privileged = user.is_privileged();

    let password = if args.generate {
        let length = args.length.map_or(DEFAULT_LENGTH, usize::from);
        let minimum = policy.min_length(privileged);
        if policy.enabled && !args.skip_policy && length < minimum {
            let kind = if privileged {
                "a privileged account"
            } else {
                "a user account"
            };
            return Err(Failure::error(
                REFUSED,
                format!(
                    "--length {length} is below the {minimum} characters the gateway's policy asks of {kind}; nothing was changed"
                ),
            ));
        }
        generate(length, |candidate| {
            args.skip_policy
                || policy
                    .violations(candidate, &user.email, privileged)
                    .is_empty()
        })
    } else {
        workspace.db.end_reads().await?;
        input::read(&args.password.source(), Purpose::Set)?
    };
    if args.skip_policy {
        recorder.flag("skip-policy");
        context.warn("--skip-policy: the gateway's password policy and history were not checked");
    } else {
        check_policy(&policy, &password, &user, privileged)?;
        check_history(&mut workspace, &policy, &password, &user).await?;
    }

    let hashed = hasher.hash_with_proof(&password)?;
    let now = crate::db::value::now();
    let must_change = !args.no_must_change;
    let mut set = vec![
        (Field::PasswordHash, Value::Text(hashed.phc.clone())),
        (Field::HashType, Value::Text("argon2id".to_owned())),
        (Field::FailedAttempts, Value::Int(0)),
        (Field::LockedUntil, Value::Null),
        (Field::ChangeRequired, Value::Bool(must_change)),
        (Field::PasswordChangedAt, Value::Timestamp(now)),
        (Field::UpdatedAt, Value::Timestamp(now)),
    ];
    let mut notes = vec![SESSIONS_NOTE.to_owned()];
    if args.activate {
        set.push((Field::IsActive, Value::Bool(true)));
    } else if !user.is_active {
        let warning = format!(
            "{} is inactive: the new password will not log in until it is active again \
             (breakglass reset {} --activate)",
            user.email, user.email
        );
        context.warn(&warning);
        notes.push(warning);
    }
    if must_change {
        notes.push(
            "the gateway will ask for a new password at the first login (--no-must-change to skip)"
                .to_owned(),
        );
    }

    // The secret file exists before the commit, so a committed password is never lost.
    let secret_file = match (&delivery, context.safety.dry_run) {
        (Some(Delivery::File(path)), false) => Some(write_secret_file(path, &password)?),
        _ => None,
    };
    let edit = Edit {
        set,
        new_password: Some((password.clone(), hashed)),
        event_type: "PASSWORD_RESET_COMPLETED",
    };
    let applied = match change::apply(context, &mut workspace, recorder, &user, edit).await {
        Ok(applied) => applied,
        Err(error) => {
            if let Some(path) = &secret_file {
                let _ = std::fs::remove_file(path);
            }
            return Err(error);
        }
    };
    workspace.close().await?;

    let shown = match (&delivery, context.safety.dry_run) {
        (Some(Delivery::File(path)), false) => {
            notes.push(format!(
                "the new password is in {} (mode 0600), and nowhere else",
                path.display()
            ));
            None
        }
        (Some(Delivery::Terminal | Delivery::Reveal), false) => Some(password),
        _ => None,
    };
    if let Some(password) = &shown
        && context.output != OutputFormat::Json
    {
        output::print(&format!(
            "new password for {} (shown once): {}\n",
            user.email,
            password.expose()
        ))?;
    }
    let extra = shown
        .as_ref()
        .map(|password| ("password", json!(password.expose())));
    change::print_applied(context, recorder, &applied, &notes, extra)
}

fn check_policy(policy: &Policy, password: &Secret, user: &User, privileged: bool) -> Result<()> {
    let violations = policy.violations(password.expose(), &user.email, privileged);
    if violations.is_empty() {
        return Ok(());
    }
    Err(Failure::error(
        REFUSED,
        format!(
            "the gateway's password policy refuses this password: {}; nothing was changed \
             (choose another, use --generate, or --skip-policy in a true emergency)",
            violations.join("; ")
        ),
    ))
}

/// The current password and the last PASSWORD_HISTORY_COUNT ones may not be reused.
async fn check_history(
    workspace: &mut Workspace,
    policy: &Policy,
    password: &Secret,
    user: &User,
) -> Result<()> {
    if user
        .password_hash
        .as_deref()
        .is_some_and(|hash| verify(password, hash) == Check::Match)
    {
        return Err(Failure::error(
            REFUSED,
            "New password must be different from current password; nothing was changed",
        ));
    }
    let Some(history) = workspace.table.profile.history_table.clone() else {
        return Ok(());
    };
    if policy.history_count == 0 || !workspace.db.has_table(&history).await? {
        return Ok(());
    }
    let d = workspace.table.dialect();
    let sql = format!(
        "SELECT password_hash FROM {} WHERE user_email = {} ORDER BY changed_at DESC",
        d.quote(&history),
        d.placeholder(1)
    );
    let rows = workspace
        .db
        .fetch_all(&sql, &[Value::Text(user.email.clone())])
        .await?;
    let reused = rows
        .iter()
        .take(usize::try_from(policy.history_count).unwrap_or(0))
        .filter_map(|row| row.first().and_then(Value::text))
        .any(|hash| verify(password, hash) == Check::Match);
    if reused {
        return Err(Failure::error(
            REFUSED,
            format!(
                "Password was used recently. Please choose a different password (last {} passwords cannot be reused); \
                 nothing was changed",
                policy.history_count
            ),
        ));
    }
    Ok(())
}

fn write_secret_file(path: &Path, password: &Secret) -> Result<PathBuf> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|error| {
            Failure::error(
                REFUSED,
                format!(
                    "cannot create the secret file {}: {error}; nothing was changed",
                    path.display()
                ),
            )
        })?;
    let written = file
        .write_all(format!("{}\n", password.expose()).as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(error) = written {
        let _ = std::fs::remove_file(path);
        return Err(Failure::error(
            REFUSED,
            format!(
                "cannot write the secret file {}: {error}; nothing was changed",
                path.display()
            ),
        ));
    }
    Ok(path.to_path_buf())
}
