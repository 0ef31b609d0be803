//! What `doctor` concludes about one admin, without a password: whether its next login with
//! the right password gets in, what blocks it, and the one breakglass command that lifts it.
//! Pure: the row, the settings and the prediction go in.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::login::{Judgement, Prediction, Refusal, predict_right_password};
use super::{LoginRules, User};
use crate::db::Dialect;

/// Days ahead within which a password expiring by age is worth a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 14;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The login with the right password, judged as every command judges it.
    #[serde(flatten)]
    pub judgement: Judgement,
    /// The command line that lifts every block, as printed; None when nothing blocks or when
    /// no breakglass command can (a setting, an email to lower-case).
    pub fix: Option<String>,
    /// The login answer expected once `fix` has run: 200, or 403 where a change is demanded.
    pub after_fix: Option<u16>,
    /// What the fix costs, where it is more than a row: sessions it brings back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix_note: Option<String>,
}

/// When an inactive account was made inactive, and until when sessions issued before then can
/// still be valid: re-activating it before then brings them back, so breakglass asks for --force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReactivationWindow {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// Judges one admin's next login with the right password; returns the verdict and the
/// prediction it rests on (each refusal and note, which the verdict only names).
/// `demand_column` says whether the table can store a change demand (a reset's default);
/// `window` is set for an inactive account whose old sessions a re-activation would revive.
pub fn diagnose(
    user: &User,
    password_is_default: bool,
    settings: &LoginRules,
    dialect: Dialect,
    now: DateTime<Utc>,
    demand_column: bool,
    window: Option<ReactivationWindow>,
) -> (Verdict, Prediction) {
    let prediction = predict_right_password(user, password_is_default, settings, dialect, now);
    let blocking: Vec<&Refusal> = prediction.blocking().collect();
    let judgement = prediction.judgement();
    let (fix, after_fix) = fix_for(
        &blocking,
        &user.email,
        judgement.change_required,
        demand_column,
    );
    let mut verdict = Verdict {
        judgement,
        fix,
        after_fix,
        fix_note: None,
    };
    if let Some(window) = window {
        verdict.within_reactivation_window(window);
    }
    (verdict, prediction)
}

impl Verdict {
    /// The account was made inactive within `window`: a fix that re-activates it needs
    /// --force, and says which sessions that brings back. Separate from [`diagnose`] because
    /// the window takes a query that `doctor` makes only once every admin row is read.
    pub fn within_reactivation_window(&mut self, window: ReactivationWindow) {
        let Some(command) = self.fix.as_mut().filter(|fix| fix.ends_with(" --activate")) else {
            return;
        };
        command.push_str(" --force");
        self.fix_note = Some(format!(
            "it was made inactive at {}: sessions issued before then can be valid until {} and come \
             back with --force (without it breakglass refuses until then); if the account may be \
             compromised, rotate JWT_SECRET_KEY first",
            crate::output::rfc3339(window.since),
            crate::output::rfc3339(window.until)
        ));
    }
}

/// One command for every block: a reset (which also clears a lock) where the password or the
/// active flag must change, else an unlock. None where no breakglass command helps.
fn fix_for(
    blocking: &[&Refusal],
    email: &str,
    change_required: bool,
    demand_column: bool,
) -> (Option<String>, Option<u16>) {
    if blocking.is_empty() {
        return (None, None);
    }
    let has = |wanted: fn(&Refusal) -> bool| blocking.iter().any(|refusal| wanted(refusal));
    if has(|r| {
        matches!(
            r,
            Refusal::EmailAuthDisabled | Refusal::EmailNotNormalized { .. }
        )
    }) {
        return (None, None);
    }
    let unusable = has(|r| matches!(r, Refusal::HashUnusable { .. }));
    // The application's own lock is an unlock, unless a reset is due anyway.
    let inactive = has(|r| matches!(r, Refusal::Inactive))
        || unusable && has(|r| matches!(r, Refusal::LockedState));
    if inactive || unusable {
        let activate = if inactive { " --activate" } else { "" };
        // A reset demands a change at the next login by default, where the table can say so.
        let after = if demand_column { 403 } else { 200 };
        return (
            Some(format!("breakglass reset {email}{activate}")),
            Some(after),
        );
    }
    // Only locks are left.
    let after = if change_required { 403 } else { 200 };
    (Some(format!("breakglass unlock {email}")), Some(after))
}

/// When the password expires by age, if the gateway enforces the age here and that is within
/// [`EXPIRY_WARNING_DAYS`] from `now` (and not already past: that is a change demand now).
pub fn expires_soon(
    user: &User,
    settings: &LoginRules,
    dialect: Dialect,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if dialect != Dialect::Postgres || settings.password_max_age_days <= 0 {
        return None;
    }
    let expires = user.password_changed_at? + Duration::days(settings.password_max_age_days);
    (expires > now && expires <= now + Duration::days(EXPIRY_WARNING_DAYS)).then_some(expires)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::release::{CONTEXTFORGE, recognise};

    /// As LoginRules::for_release makes them with no variables set.
    fn settings(release: &str) -> LoginRules {
        let release = recognise(CONTEXTFORGE, release, &[]);
        LoginRules {
            platform_admin_email: "admin@example.com".into(),
            protect_all_admins: release.is_some_and(|r| r.protect_all_admins),
            password_max_age_days: 90,
            default_user_password: "changeme".into(),
            schemes: crate::schema::Profile::contextforge().schemes(),
            app: "the gateway".into(),
            answers: crate::schema::Profile::contextforge().answers,
            token_expiry_minutes: Some(20),
            release,
            email_auth_enabled: true,
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-29T12:00:00Z")
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn admin() -> User {
        User {
            email: "ops@example.com".into(),
            password_hash: Some("$argon2id$v=19$m=65536,t=3,p=1$x$y".into()),
            password_hash_type: Some("argon2id".into()),
            password_changed_at: Some(now() - Duration::days(10)),
            is_admin: true,
            ..User::default()
        }
    }

    const V107: &str = "7ab59991e017";
    const V110: &str = "c7e91a2b4d60";
    const V090: &str = "l6f7g8h9i0j1";

    fn judge(user: &User, release: &str, dialect: Dialect) -> Verdict {
        diagnose(user, false, &settings(release), dialect, now(), true, None).0
    }

    #[test]
    fn healthy_and_change_demanded_admins_can_log_in() {
        let verdict = judge(&admin(), V107, Dialect::Sqlite);
        assert!(
            verdict.judgement.can_log_in
                && !verdict.judgement.change_required
                && verdict.fix.is_none()
        );
        let mut must = admin();
        must.password_change_required = true;
        let verdict = judge(&must, V107, Dialect::Sqlite);
        assert!(
            verdict.judgement.can_log_in && verdict.judgement.change_required,
            "{verdict:?}"
        );
        assert_eq!(verdict.fix, None);
    }

    #[test]
    fn locks_count_by_release() {
        let mut locked = admin();
        locked.locked_until = Some(now() + Duration::minutes(30));
        // 1.0.7 exempts is_admin users (PROTECT_ALL_ADMINS defaults to true)...
        assert!(judge(&locked, V107, Dialect::Sqlite).judgement.can_log_in);
        // ...0.9.0 has no such setting.
        let verdict = judge(&locked, V090, Dialect::Postgres);
        assert_eq!(verdict.judgement.blocked_by, vec!["locked"]);
        assert_eq!(
            verdict.fix.as_deref(),
            Some("breakglass unlock ops@example.com")
        );
        assert_eq!(verdict.after_fix, Some(200));
        // On SQLite 0.9.0 fails even on a lock that has passed, until it is cleared.
        locked.locked_until = Some(now() - Duration::days(3));
        assert!(judge(&locked, V107, Dialect::Sqlite).judgement.can_log_in);
        let (verdict, prediction) = diagnose(
            &locked,
            false,
            &settings(V090),
            Dialect::Sqlite,
            now(),
            true,
            None,
        );
        assert_eq!(verdict.judgement.blocked_by, vec!["lock_not_cleared"]);
        assert!(prediction.notes.iter().any(|n| n.contains("500")));
    }

    #[test]
    fn no_local_password_blocks_on_1_1_only() {
        let mut none = admin();
        none.password_hash_type = Some("none".into());
        assert!(judge(&none, V107, Dialect::Sqlite).judgement.can_log_in);
        let verdict = judge(&none, V110, Dialect::Sqlite);
        assert_eq!(verdict.judgement.blocked_by, vec!["hash_unusable"]);
        assert_eq!(
            verdict.fix.as_deref(),
            Some("breakglass reset ops@example.com")
        );
        assert_eq!(verdict.after_fix, Some(403));
        none.password_hash = None;
        none.is_active = false;
        let judge = |window| {
            diagnose(
                &none,
                false,
                &settings(V110),
                Dialect::Sqlite,
                now(),
                false,
                window,
            )
            .0
        };
        let verdict = judge(None);
        assert_eq!(
            verdict.fix.as_deref(),
            Some("breakglass reset ops@example.com --activate")
        );
        assert_eq!(
            verdict.after_fix,
            Some(200),
            "no column to demand a change in"
        );
        // Made inactive a minute ago: old sessions would come back, and the fix says so.
        let verdict = judge(Some(ReactivationWindow {
            since: now() - Duration::minutes(1),
            until: now() + Duration::minutes(19),
        }));
        assert_eq!(
            verdict.fix.as_deref(),
            Some("breakglass reset ops@example.com --activate --force")
        );
        assert!(
            verdict
                .fix_note
                .as_deref()
                .is_some_and(|note| note.contains("come back"))
        );
    }

    #[test]
    fn the_default_password_demands_a_change_from_0_9_on() {
        let demanded = |release| {
            diagnose(
                &admin(),
                true,
                &settings(release),
                Dialect::Sqlite,
                now(),
                true,
                None,
            )
            .0
            .judgement
            .change_required
        };
        assert!(demanded(V107) && demanded(V090));
        assert!(!demanded("3c89a45f32e5"), "0.8.0 has no change demand");
    }

    #[test]
    fn settings_and_emails_are_not_breakglass_fixes() {
        let mut off = settings(V107);
        off.email_auth_enabled = false;
        let (verdict, _) = diagnose(&admin(), false, &off, Dialect::Sqlite, now(), true, None);
        assert!(!verdict.judgement.can_log_in);
        assert_eq!(verdict.judgement.blocked_by, vec!["email_auth_disabled"]);
        assert_eq!(verdict.fix, None);
    }

    #[test]
    fn age_expiry_is_a_change_demand_and_warned_two_weeks_ahead() {
        let mut old = admin();
        old.password_changed_at = Some(now() - Duration::days(91));
        let verdict = judge(&old, V107, Dialect::Postgres);
        assert!(verdict.judgement.can_log_in && verdict.judgement.change_required);
        assert!(!judge(&old, V107, Dialect::Sqlite).judgement.change_required);
        old.password_changed_at = Some(now() - Duration::days(80));
        let soon = expires_soon(&old, &settings(V107), Dialect::Postgres, now());
        assert_eq!(soon, Some(now() + Duration::days(10)));
        assert_eq!(
            expires_soon(&old, &settings(V107), Dialect::Sqlite, now()),
            None
        );
        old.password_changed_at = Some(now() - Duration::days(30));
        assert_eq!(
            expires_soon(&old, &settings(V107), Dialect::Postgres, now()),
            None
        );
    }
}
