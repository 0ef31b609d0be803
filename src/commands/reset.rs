//! `reset EMAIL`: a new password (typed, piped or generated) that the gateway's policy
//! accepts, the lockout cleared, verified against the stored hash before commit.

use anyhow::Result;

use crate::access::Cut;
use serde_json::json;

use super::change::{self, Edit, Recorder};
use super::new_password::NewPassword;
use super::{Context, Workspace, hasher};
use crate::cli::ResetArgs;
use crate::db::Value;
use crate::password::Secret;
use crate::password::hash::Check;
use crate::password::input::Rejection;
use crate::password::policy::Policy;
use crate::password::scheme::verify_any as verify;
use crate::schema::{Field, User};

pub async fn run(context: &Context, args: &ResetArgs) -> Result<u8> {
    let mut recorder = Recorder::begin(context, "reset", &context.normalize_key(&args.email))?;
    let outcome = reset(context, args, &mut recorder).await;
    recorder.finish(context, outcome)
}

async fn reset(context: &Context, args: &ResetArgs, recorder: &mut Recorder) -> Result<u8> {
    let delivery = NewPassword::plan(&args.new)?;
    let profile = context.profile()?;
    let policy = Policy::for_profile(&profile, &context.settings)?;
    let hasher = hasher(context, &profile, [None; 3])?;
    let pepper = super::pepper(&profile)?;
    let mut workspace = Workspace::open(context).await?;
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let privileged = user.is_privileged();

    // Read before the prompt, so a reused password is refused before it is typed twice.
    let earlier = if args.new.skip_policy {
        EarlierPasswords::default()
    } else {
        EarlierPasswords::read(&mut workspace, &policy, &user).await?
    };
    let mut new = NewPassword::obtain(
        context,
        &mut workspace,
        &args.new,
        delivery,
        (&policy, &user.email, privileged),
        |password| {
            earlier.refuse_reuse(&crate::password::pepper::seasoned(
                password,
                pepper.as_ref(),
            ))
        },
    )
    .await?;
    if args.new.skip_policy {
        recorder.flag("skip-policy");
    }

    let hashed = hasher.hash_peppered(&new.password, pepper.as_ref())?;
    let now = crate::db::value::now();
    let must_change = !args.new.no_must_change;
    let mut set = vec![
        (Field::PasswordHash, Value::Text(hashed.phc.clone())),
        (Field::HashType, Value::Text(hasher.name().to_owned())),
        (Field::FailedAttempts, Value::Int(0)),
        (Field::LockedUntil, Value::Null),
        (Field::UnlockToken, Value::Null),
        (Field::ChangeRequired, Value::Bool(must_change)),
        (Field::PasswordChangedAt, Value::Timestamp(now)),
        (Field::UpdatedAt, Value::Timestamp(now)),
        // The flag-reset flow ends with a successful reset.
        (Field::ResetAllowed, Value::Bool(false)),
    ];
    // An inactive account's sessions are refused already: the note is for an active one.
    let mut notes: Vec<String> = workspace
        .rules
        .sessions_note()
        .filter(|_| user.is_active)
        .into_iter()
        .collect();
    notes.extend(workspace.change_demand_note(args.new.must_change, must_change)?);
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
    if must_change && workspace.table.column_sql(Field::ChangeRequired).is_some() {
        notes.push(
            "the application will ask for a new password at the first login (--no-must-change to skip)"
                .to_owned(),
        );
    }

    new.write_secret_file(context)?;
    let edit = Edit {
        set,
        new_password: Some((new.password.clone(), hashed)),
        event_type: "PASSWORD_RESET_COMPLETED",
        // A pending reset link would undo this reset.
        cut: Cut {
            void_reset_links: true,
            end_sessions: true,
            ..Cut::default()
        },
    };
    let applied = match change::apply(context, &mut workspace, recorder, &user, edit).await {
        Ok(applied) => applied,
        Err(error) => {
            new.discard();
            return Err(error);
        }
    };
    workspace.close().await?;
    let shown = new.show(context, recorder, &user.email, &mut notes)?;
    let mut extra: Vec<_> = applied
        .cut
        .sessions_ended
        .map(|ended| ("sessions_ended", json!(ended)))
        .into_iter()
        .collect();
    extra.extend(shown.map(|password| ("password", json!(password.expose()))));
    change::print_applied(context, recorder, &applied, &notes, &extra)
}

/// The current password and the last PASSWORD_HISTORY_COUNT ones, which a reset may not set
/// again (all empty with --skip-policy).
#[derive(Default)]
struct EarlierPasswords {
    current: Option<String>,
    recent: Vec<String>,
    history_count: i64,
}

impl EarlierPasswords {
    async fn read(
        workspace: &mut Workspace,
        policy: &Policy,
        user: &User,
    ) -> Result<EarlierPasswords> {
        let mut earlier = EarlierPasswords {
            current: user.password_hash.clone(),
            recent: Vec::new(),
            history_count: policy.history_count,
        };
        let Some(history) = workspace.table.profile.history_table.clone() else {
            return Ok(earlier);
        };
        if policy.history_count == 0 || !workspace.db.has_table(&history).await? {
            return Ok(earlier);
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
        earlier.recent = rows
            .iter()
            .take(usize::try_from(policy.history_count).unwrap_or(0))
            .filter_map(|row| row.first().and_then(Value::text))
            .map(str::to_owned)
            .collect();
        Ok(earlier)
    }

    /// `password` is the one the application hashes (peppered where it peppers).
    fn refuse_reuse(&self, password: &Secret) -> Result<(), Rejection> {
        let matches = |hash: &String| verify(password, hash) == Check::Match;
        if self.current.as_ref().is_some_and(matches) {
            return Err(Rejection {
                reason: "New password must be different from current password".to_owned(),
                advice: "",
            });
        }
        if self.recent.iter().any(matches) {
            return Err(Rejection {
                reason: format!(
                    "Password was used recently. Please choose a different password \
                     (last {} passwords cannot be reused)",
                    self.history_count
                ),
                advice: "",
            });
        }
        Ok(())
    }
}
