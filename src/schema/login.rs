//! The gateway's login decision, predicted without touching the database:
//! the row, its settings and the result of the password check go in; every reason
//! the login would be refused comes out, each with the command that fixes it.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::{LoginRules, User};
use crate::db::Dialect;
use crate::password::hash::Check;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Refusal {
    /// The stored hash can never match (NULL, `password_hash_type='none'`, another scheme).
    HashUnusable {
        detail: String,
    },
    /// The stored email is not lower-case and trimmed: the gateway's lookup never finds it.
    EmailNotNormalized {
        stored: String,
    },
    /// `EMAIL_AUTH_ENABLED=false`: the gateway has no password login.
    EmailAuthDisabled,
    Inactive,
    /// Inactive by the value that is the application's own lock (Redmine's status 3), which
    /// `unlock` lifts without touching the password.
    LockedState,
    Locked {
        until: DateTime<Utc>,
    },
    /// Locked out by rows in the profile's lockout table (django-axes' attempts), until they are deleted.
    LockedOut {
        failures: i64,
    },
    /// A release that fails every login on SQLite while `locked_until` is set, even past it.
    LockNotCleared {
        until: DateTime<Utc>,
        release: String,
    },
    ChangeRequiredFlag,
    PasswordTooOld {
        changed_at: DateTime<Utc>,
        max_age_days: i64,
    },
    DefaultPassword,
}

impl Refusal {
    /// The refusal in words, the application's own where its profile gives them.
    pub fn explain(&self, settings: &LoginRules) -> String {
        let (app, answers) = (&settings.app, &settings.answers);
        match self {
            Refusal::HashUnusable { detail } => format!("no password can log in: {detail}"),
            Refusal::EmailNotNormalized { stored } => format!(
                "the stored email '{stored}' is not lower-case and trimmed; {app} looks logins up by \
                 the lower-cased address, so it never finds this row"
            ),
            Refusal::EmailAuthDisabled => answers.password_login_off.clone().unwrap_or_else(|| {
                format!("password login is turned off in {app}'s settings: it offers no password login at all")
            }),
            Refusal::Inactive => answers
                .inactive
                .clone()
                .unwrap_or_else(|| format!("the account is inactive: {app} refuses its login")),
            Refusal::LockedState => {
                format!("the account is locked: {app} refuses its login until it is unlocked")
            }
            Refusal::LockNotCleared { until, release } => format!(
                "locked_until is set ({}); {release} on SQLite fails every login of this user while it is \
                 set, even after that time (\"can't compare offset-naive and offset-aware datetimes\")",
                until.to_rfc3339()
            ),
            Refusal::Locked { until } => answers
                .locked
                .as_deref()
                .unwrap_or("the account is locked until {until}")
                .replace("{until}", &until.to_rfc3339()),
            Refusal::LockedOut { failures } => format!(
                "the account is locked out: {failures} failed attempts are recorded in the application's \
                 lockout table, which refuses every login until they are removed"
            ),
            Refusal::ChangeRequiredFlag => answers.must_change.clone().unwrap_or_else(|| {
                format!(
                    "the account must change its password: {app} asks for a new one at the login"
                )
            }),
            Refusal::PasswordTooOld {
                changed_at,
                max_age_days,
            } => answers
                .password_too_old
                .as_deref()
                .unwrap_or("the password was changed {changed_at}, more than {days} days ago: a new one is asked for at the login")
                .replace("{changed_at}", &changed_at.to_rfc3339())
                .replace("{days}", &max_age_days.to_string()),
            Refusal::DefaultPassword => answers.default_password.clone().unwrap_or_else(|| {
                format!("the password is {app}'s default one: a new one is asked for at the login")
            }),
        }
    }

    /// What to type next.
    pub fn fix(&self, email: &str, settings: &LoginRules) -> String {
        match self {
            Refusal::HashUnusable { .. } | Refusal::DefaultPassword => {
                format!("breakglass reset {email}")
            }
            Refusal::EmailNotNormalized { .. } => {
                "lower-case the stored email in the application; \
                 breakglass never changes emails because every foreign key points at them"
                    .to_owned()
            }
            Refusal::EmailAuthDisabled => settings
                .answers
                .turn_password_login_on
                .clone()
                .unwrap_or_else(|| {
                    format!(
                        "turn password login back on in {}'s settings and restart it",
                        settings.app
                    )
                }),
            Refusal::Inactive => format!("breakglass reset {email} --activate"),
            Refusal::Locked { .. }
            | Refusal::LockedState
            | Refusal::LockedOut { .. }
            | Refusal::LockNotCleared { .. } => {
                format!("breakglass unlock {email}")
            }
            Refusal::ChangeRequiredFlag => format!("breakglass clear-change-flag {email}"),
            Refusal::PasswordTooOld { .. } => {
                format!("breakglass clear-change-flag {email} --touch")
            }
        }
    }
}

impl Refusal {
    /// The gateway still lets the user in to set a new password (403 with
    /// `X-Password-Change-Required`): the UI completes it, so it does not block.
    pub fn demands_change(&self) -> bool {
        matches!(
            self,
            Refusal::ChangeRequiredFlag | Refusal::PasswordTooOld { .. } | Refusal::DefaultPassword
        )
    }

    /// The reason's name, as `-o json` shows it.
    pub fn reason(&self) -> &'static str {
        match self {
            Refusal::HashUnusable { .. } => "hash_unusable",
            Refusal::EmailNotNormalized { .. } => "email_not_normalized",
            Refusal::EmailAuthDisabled => "email_auth_disabled",
            Refusal::Inactive => "inactive",
            Refusal::Locked { .. } | Refusal::LockedState => "locked",
            Refusal::LockNotCleared { .. } => "lock_not_cleared",
            Refusal::LockedOut { .. } => "locked_out",
            Refusal::ChangeRequiredFlag => "change_required_flag",
            Refusal::PasswordTooOld { .. } => "password_too_old",
            Refusal::DefaultPassword => "default_password",
        }
    }

    /// Whether only a database edit can lift it: no admin screen of the application can.
    pub fn beyond_the_ui(&self) -> bool {
        matches!(
            self,
            Refusal::HashUnusable { .. }
                | Refusal::EmailNotNormalized { .. }
                | Refusal::LockNotCleared { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordVerdict {
    Matches,
    DoesNotMatch,
    /// The stored hash can never match; see the HashUnusable refusal.
    Unusable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prediction {
    pub password: PasswordVerdict,
    pub refusals: Vec<Refusal>,
    /// True facts that do not refuse the login (an exempt lock, an unusual hash).
    pub notes: Vec<String>,
}

impl Prediction {
    /// Gets in without being asked for anything: no refusal at all, not even a change demand.
    /// Kept for `verify -o json`'s `login_would_succeed`, an alias of one release.
    pub fn login_succeeds(&self) -> bool {
        self.password == PasswordVerdict::Matches && self.refusals.is_empty()
    }

    /// The refusals that keep the login out; a change demand lets it in to change the password.
    pub fn blocking(&self) -> impl Iterator<Item = &Refusal> {
        self.refusals
            .iter()
            .filter(|refusal| !refusal.demands_change())
    }

    /// The one judgement every command prints: logs in, logs in and must change the
    /// password there, or refused.
    pub fn judgement(&self) -> Judgement {
        let mut blocked_by: Vec<&'static str> = self.blocking().map(Refusal::reason).collect();
        if self.password == PasswordVerdict::DoesNotMatch {
            blocked_by.insert(0, "wrong_password");
        }
        let change_required = self.refusals.iter().any(Refusal::demands_change);
        let login = match (blocked_by.is_empty(), change_required) {
            (false, _) => Login::Refused,
            (true, true) => Login::MustChangePassword,
            (true, false) => Login::LogsIn,
        };
        Judgement {
            login,
            can_log_in: login != Login::Refused,
            change_required,
            blocked_by,
        }
    }
}

/// What the login answers, in the three states an operator acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Login {
    LogsIn,
    /// The login gets in to choose a new password (the gateway's 403 that its UI completes).
    MustChangePassword,
    Refused,
}

impl Login {
    /// The same words in verify, doctor, list-admins and every change's result.
    pub fn words(self) -> &'static str {
        match self {
            Login::LogsIn => "logs in",
            Login::MustChangePassword => "logs in, and must choose a new password there",
            Login::Refused => "refused",
        }
    }

    /// As `-o json` and `-o csv` spell it.
    pub fn key(self) -> &'static str {
        match self {
            Login::LogsIn => "logs_in",
            Login::MustChangePassword => "must_change_password",
            Login::Refused => "refused",
        }
    }

    /// For a table cell.
    pub fn short(self) -> &'static str {
        match self {
            Login::LogsIn => "yes",
            Login::MustChangePassword => "yes, new password",
            Login::Refused => "no",
        }
    }
}

impl Serialize for Login {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// One judgement of a login, with the keys `-o json` shows wherever a command judges one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Judgement {
    pub login: Login,
    /// It gets in: `login` is `logs_in` or `must_change_password`.
    pub can_log_in: bool,
    /// The login demands a new password (the flag, the password's age, the default password).
    pub change_required: bool,
    /// What refuses it, each by name (see [`Refusal::reason`]); `wrong_password` first when
    /// the password given does not match.
    pub blocked_by: Vec<&'static str>,
}

/// Whether an admin can log in at all, whatever the password: active, not locked out
/// (or exempt by PROTECT_ALL_ADMINS) and with a hash some password can match.
/// A pending password change does not count against it: the login still gets in to change it.
pub fn admin_can_log_in(user: &User, settings: &LoginRules, now: DateTime<Utc>) -> bool {
    let locked_out = user.is_locked(now) && !(user.is_admin && settings.protect_all_admins);
    let usable_hash = user
        .password_hash
        .as_deref()
        .is_some_and(|hash| settings.schemes.identify(hash).accepted())
        && !(hash_type_none(user) && local_password_optional(settings));
    user.is_active && !locked_out && usable_hash && user.email_is_normalized()
}

fn hash_type_none(user: &User) -> bool {
    user.password_hash_type
        .as_deref()
        .is_some_and(|kind| kind.eq_ignore_ascii_case("none"))
}

/// Whether the release refuses local login for `password_hash_type='none'` (1.1 does, 1.0.7
/// ignores the column); an unknown release is taken to refuse, the safer prediction.
fn local_password_optional(settings: &LoginRules) -> bool {
    settings
        .release
        .is_none_or(|release| release.local_password_optional)
}

/// Predicts the login of a user who types the right password (`doctor`): whether the stored
/// hash is one the application verifies stands in for the password check, and
/// `password_is_default` says whether that password is DEFAULT_USER_PASSWORD.
pub fn predict_right_password(
    user: &User,
    password_is_default: bool,
    settings: &LoginRules,
    dialect: Dialect,
    now: DateTime<Utc>,
) -> Prediction {
    let check = match &user.password_hash {
        None => Check::Unusable(null_hash(settings)),
        Some(stored) => {
            let found = settings.schemes.identify(stored);
            if found.accepted() {
                Check::Match
            } else if found.listed() {
                // A marker with its own reason: "no usable password".
                found.verify(&crate::password::Secret::new(String::new()), stored)
            } else {
                Check::Unusable(format!(
                    "the stored hash is {}, which {} does not verify: it expects {}",
                    found.name(),
                    settings.app,
                    settings.schemes.writer().name()
                ))
            }
        }
    };
    predict(user, &check, password_is_default, settings, dialect, now)
}

fn null_hash(settings: &LoginRules) -> String {
    format!(
        "the password hash is NULL: {} has no password to check, so it refuses every login",
        settings.app
    )
}

/// Checks a password against the row's stored hash, whatever its scheme; a NULL hash, or
/// one of a scheme the application does not verify, can never match.
pub fn check_stored(
    user: &User,
    password: &crate::password::Secret,
    settings: &LoginRules,
) -> Check {
    let Some(stored) = &user.password_hash else {
        return Check::Unusable(null_hash(settings));
    };
    // Identified only among the application's schemes; a marker (Django's unusable password)
    // carries its own reason, and a value no scheme knows is refused naming the listed ones.
    let found = settings.schemes.identify(stored);
    let check = found.verify(password, stored);
    if found.listed() || !found.known() {
        return check;
    }
    let matched = match check {
        Check::Match => " (the password matches it)".to_owned(),
        Check::Mismatch => " (the password does not match it either)".to_owned(),
        Check::Unusable(why) => format!(" ({why})"),
    };
    Check::Unusable(format!(
        "the stored hash is {}{matched}, which {} does not verify: it expects {}",
        found.name(),
        settings.app,
        settings.schemes.writer().name()
    ))
}

/// Predicts `POST /auth/email/login` for this row and password.
pub fn predict(
    user: &User,
    check: &Check,
    password_is_default: bool,
    settings: &LoginRules,
    dialect: Dialect,
    now: DateTime<Utc>,
) -> Prediction {
    let mut refusals = Vec::new();
    let mut notes = Vec::new();
    let password = match check {
        Check::Match => PasswordVerdict::Matches,
        Check::Mismatch => PasswordVerdict::DoesNotMatch,
        Check::Unusable(detail) => {
            refusals.push(Refusal::HashUnusable {
                detail: detail.clone(),
            });
            PasswordVerdict::Unusable
        }
    };
    // A NULL hash arrives as Check::Unusable (see `check_stored`).
    match (
        user.password_hash.as_deref(),
        user.password_hash_type.as_deref(),
    ) {
        (None, _) => {}
        (_, Some(_)) if hash_type_none(user) && local_password_optional(settings) => {
            refusals.push(Refusal::HashUnusable {
                detail: settings
                    .answers
                    .no_local_password
                    .clone()
                    .unwrap_or_else(|| {
                        format!(
                            "the row says it has no local password, which {} refuses",
                            settings.app
                        )
                    }),
            })
        }
        (Some(hash), _) => {
            let found = settings.schemes.identify(hash);
            if password != PasswordVerdict::Unusable && !found.is_written_form() {
                notes.push(format!(
                    "the stored hash is {}, not {}'s {}",
                    found.name(),
                    settings.app,
                    settings.schemes.writer().name()
                ));
            }
        }
    }
    if !user.email_is_normalized() {
        refusals.push(Refusal::EmailNotNormalized {
            stored: user.email.clone(),
        });
    }
    if !settings.email_auth_enabled {
        refusals.push(Refusal::EmailAuthDisabled);
    }
    if user.locked_state {
        refusals.push(Refusal::LockedState);
    } else if !user.is_active {
        refusals.push(Refusal::Inactive);
    }
    let release = settings.release;
    let lock_trap = dialect == Dialect::Sqlite
        && release.is_some_and(|release| release.sqlite_lock_fails_until_cleared);
    if lock_trap && let (Some(until), Some(release)) = (user.locked_until, release) {
        refusals.push(Refusal::LockNotCleared {
            until,
            release: release.label(),
        });
    } else if let Some(until) = user.locked_until.filter(|until| *until > now) {
        if user.is_admin && settings.protect_all_admins {
            notes.push(format!(
                "locked_until is {} but PROTECT_ALL_ADMINS exempts admins (is_admin is true) from lockout",
                until.to_rfc3339()
            ));
        } else {
            refusals.push(Refusal::Locked { until });
        }
    }
    if let Some(failures) = user.lockout_failures {
        refusals.push(Refusal::LockedOut { failures });
    }
    if user.password_change_required {
        refusals.push(Refusal::ChangeRequiredFlag);
    }
    // The gateway only enforces the password age on PostgreSQL.
    if dialect == Dialect::Postgres
        && settings.password_max_age_days > 0
        && let Some(changed_at) = user.password_changed_at
        && now - changed_at > Duration::days(settings.password_max_age_days)
    {
        refusals.push(Refusal::PasswordTooOld {
            changed_at,
            max_age_days: settings.password_max_age_days,
        });
    }
    let change_demand = release.is_none_or(|release| release.change_demand);
    if password_is_default && password == PasswordVerdict::Matches && change_demand {
        refusals.push(Refusal::DefaultPassword);
    }
    if let Some(release) = release.filter(|release| release.login_refusals_as_500)
        && !refusals.is_empty()
    {
        notes.push(format!(
            "{} answers a refused login as HTTP 500 \"Authentication service error\"; its log shows the real answer",
            release.label()
        ));
    }
    Prediction {
        password,
        refusals,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> LoginRules {
        LoginRules {
            platform_admin_email: "admin@example.com".into(),
            protect_all_admins: true,
            password_max_age_days: 90,
            default_user_password: "changeme".into(),
            schemes: crate::schema::Profile::contextforge().schemes(),
            app: "the gateway".into(),
            answers: crate::schema::Profile::contextforge().answers,
            token_expiry_minutes: Some(20),
            release: None,
            email_auth_enabled: true,
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T03:00:00Z")
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn user() -> User {
        User {
            id: Some("1".into()),
            email: "ann@example.com".into(),
            password_hash: Some("$argon2id$v=19$m=65536,t=3,p=1$x$y".into()),
            password_changed_at: Some(now() - Duration::days(10)),
            password_hash_type: Some("argon2id".into()),
            auth_provider: Some("local".into()),
            ..User::default()
        }
    }

    fn refusals(user: &User, check: Check, dialect: Dialect) -> Vec<Refusal> {
        predict(user, &check, false, &settings(), dialect, now()).refusals
    }

    #[test]
    fn a_healthy_row_logs_in() {
        let prediction = predict(
            &user(),
            &Check::Match,
            false,
            &settings(),
            Dialect::Sqlite,
            now(),
        );
        assert!(prediction.login_succeeds(), "{prediction:?}");
        assert!(
            !predict(
                &user(),
                &Check::Mismatch,
                false,
                &settings(),
                Dialect::Sqlite,
                now()
            )
            .login_succeeds()
        );
    }

    #[test]
    fn every_reason_is_reported_at_once() {
        let mut row = user();
        row.is_active = false;
        row.locked_until = Some(now() + Duration::minutes(30));
        row.password_change_required = true;
        row.email = "Ann@Example.com".into();
        // What UsersTable::decode finds for it under the gateway's lower-casing.
        row.key_normalized = false;
        let found = refusals(&row, Check::Match, Dialect::Sqlite);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found.contains(&Refusal::Inactive));
        assert!(found.contains(&Refusal::ChangeRequiredFlag));
        assert_eq!(
            Refusal::Inactive.fix("ann@example.com", &settings()),
            "breakglass reset ann@example.com --activate"
        );
    }

    #[test]
    fn protected_admins_are_not_locked_out_but_expired_locks_do_nothing() {
        let mut row = user();
        row.locked_until = Some(now() + Duration::minutes(30));
        row.is_admin = true;
        let prediction = predict(
            &row,
            &Check::Match,
            false,
            &settings(),
            Dialect::Sqlite,
            now(),
        );
        assert!(prediction.login_succeeds());
        assert_eq!(prediction.notes.len(), 1);
        let unprotected = LoginRules {
            protect_all_admins: false,
            ..settings()
        };
        assert!(
            !predict(
                &row,
                &Check::Match,
                false,
                &unprotected,
                Dialect::Sqlite,
                now()
            )
            .login_succeeds()
        );
        row.is_admin = false;
        row.locked_until = Some(now() - Duration::minutes(1));
        assert!(refusals(&row, Check::Match, Dialect::Sqlite).is_empty());
    }

    #[test]
    fn password_age_counts_on_postgres_only() {
        let mut row = user();
        row.password_changed_at = Some(now() - Duration::days(91));
        assert!(refusals(&row, Check::Match, Dialect::Sqlite).is_empty());
        assert!(matches!(
            refusals(&row, Check::Match, Dialect::Postgres)[..],
            [Refusal::PasswordTooOld { .. }]
        ));
    }

    #[test]
    fn unusable_hashes_and_the_default_password() {
        let mut row = user();
        row.password_hash_type = Some("none".into());
        assert!(matches!(
            refusals(&row, Check::Match, Dialect::Sqlite)[..],
            [Refusal::HashUnusable { .. }]
        ));
        row.password_hash = None;
        row.password_hash_type = None;
        let check = check_stored(
            &row,
            &crate::password::Secret::new("anything".into()),
            &settings(),
        );
        assert_eq!(refusals(&row, check, Dialect::Sqlite).len(), 1);
        let default = predict(
            &user(),
            &Check::Match,
            true,
            &settings(),
            Dialect::Sqlite,
            now(),
        );
        assert_eq!(default.refusals, vec![Refusal::DefaultPassword]);
        let unusable = predict(
            &user(),
            &Check::Unusable("bcrypt".into()),
            false,
            &settings(),
            Dialect::Sqlite,
            now(),
        );
        assert_eq!(unusable.password, PasswordVerdict::Unusable);
    }
}
