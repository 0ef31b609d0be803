//! ContextForge's extras: the gateway settings that change who is an admin and how a login is
//! decided, read from its own variables with its own defaults, and its words for them.

pub mod sandbox;

use anyhow::Result;
use chrono::{DateTime, Duration, Utc};

use crate::db::Dialect;
use crate::schema::Profile;
use crate::schema::login_rules::LoginRules;
use crate::schema::release::{self, Release};
use crate::settings::Settings;

/// ContextForge's extras: its settings (PLATFORM_ADMIN_EMAIL, PROTECT_ALL_ADMINS, PASSWORD_*,
/// TOKEN_EXPIRY, ...), its releases, its Redis cache, its ARGON2ID_* settings and its sandbox.
pub struct Contextforge;

pub static CONTEXTFORGE: Contextforge = Contextforge;

impl crate::schema::extras::Extras for Contextforge {
    fn login_rules(
        &self,
        profile: &Profile,
        settings: &Settings,
        release: Option<Release>,
    ) -> Result<LoginRules> {
        LoginRules::from_release(settings, release, profile)
    }

    fn releases(&self) -> &'static [Release] {
        release::CONTEXTFORGE
    }

    fn cache(&self, settings: &Settings) -> Result<Option<crate::access::cache::GatewayCache>> {
        crate::access::cache::GatewayCache::from_settings(settings).map(Some)
    }

    fn argon2_from_environment(&self) -> bool {
        true
    }

    fn sandbox(&self) -> Option<&'static crate::schema::extras::Sandbox> {
        Some(&sandbox::SANDBOX)
    }

    fn password_policy(&self) -> Option<fn(&Settings) -> Result<crate::password::policy::Policy>> {
        Some(crate::password::policy::Policy::from_settings)
    }
}

/// The shortest JWT_SECRET_KEY and AUTH_ENCRYPTION_SECRET the gateway starts with (1.0.8).
const STRONG_SECRET_LENGTH: i64 = 32;

/// Seconds the gateway's workers may keep a user or a token revocation cached in process.
pub const AUTH_CACHE_SECONDS: i64 = 30;

impl LoginRules {
    /// What stays valid after a password change or a deactivation, for the application's
    /// own advice; None where the profile knows nothing of its sessions.
    pub fn sessions_note(&self) -> Option<String> {
        let minutes = self.token_expiry_minutes?;
        Some(format!(
            "sessions the gateway already issued stay valid until their tokens expire \
             ({}, TOKEN_EXPIRY); rotate JWT_SECRET_KEY to end them all",
            crate::output::counted(minutes, "minute")
        ))
    }
}

impl LoginRules {
    /// What becomes of sessions when an account is made inactive at `since` (the commit), for
    /// deactivate and lockdown alike: refused at once, but signed until the time the
    /// re-activation guard also uses. None where the profile knows nothing of its sessions.
    pub fn inactive_sessions_note(&self, since: DateTime<Utc>) -> Option<String> {
        let until = crate::output::rfc3339(self.sessions_valid_until(since)?);
        Some(format!(
            "sessions issued before now are refused while the account is inactive (every gateway \
             worker within {AUTH_CACHE_SECONDS} s), but stay signed until {until}: breakglass \
             refuses to make the account active before then, which would bring them back. \
             Rotating JWT_SECRET_KEY (and restarting the gateway) ends every session of every user"
        ))
    }

    /// What a session's lifetime is made of, in the words of the settings that set it.
    pub fn sessions_lifetime(&self) -> String {
        format!(
            "TOKEN_EXPIRY {} + {AUTH_CACHE_SECONDS}s cache",
            crate::output::counted(self.token_expiry_minutes.unwrap_or_default(), "minute")
        )
    }

    /// What ends every session at once, whatever its lifetime.
    pub fn sessions_end_when(&self) -> &'static str {
        "JWT_SECRET_KEY has been rotated, which ends those sessions"
    }

    /// Until when a session issued before `since` can still be accepted: its token's lifetime
    /// (TOKEN_EXPIRY) and the workers' auth cache. None where the profile knows no sessions.
    pub fn sessions_valid_until(&self, since: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let minutes = self.token_expiry_minutes?;
        Some(since + Duration::minutes(minutes) + Duration::seconds(AUTH_CACHE_SECONDS))
    }
}

impl LoginRules {
    pub fn from_settings(settings: &Settings) -> Result<Self> {
        LoginRules::from_release(settings, None, &Profile::contextforge())
    }

    fn from_release(
        settings: &Settings,
        release: Option<Release>,
        profile: &Profile,
    ) -> Result<Self> {
        // A release without PROTECT_ALL_ADMINS locks admins out like anyone, whatever is set.
        let protect_all_admins = match release {
            Some(release) if !release.protect_all_admins => false,
            _ => settings.flag("PROTECT_ALL_ADMINS", true)?,
        };
        let token_expiry_default = release.map_or(20, |release| release.token_expiry_default);
        Ok(LoginRules {
            platform_admin_email: settings
                .get("PLATFORM_ADMIN_EMAIL")
                .unwrap_or("admin@example.com")
                .to_owned(),
            protect_all_admins,
            password_max_age_days: settings.number("PASSWORD_MAX_AGE_DAYS", 90)?,
            default_user_password: settings
                .get("DEFAULT_USER_PASSWORD")
                .unwrap_or("changeme")
                .to_owned(),
            schemes: profile.schemes(),
            app: profile.called.clone(),
            answers: profile.answers.clone(),
            token_expiry_minutes: Some(settings.number("TOKEN_EXPIRY", token_expiry_default)?),
            release,
            email_auth_enabled: settings.flag("EMAIL_AUTH_ENABLED", true)?,
        })
    }
}

/// One setting that shapes a login, as the application would read it, and where it came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportedSetting {
    #[serde(skip)]
    pub name: &'static str,
    pub value: serde_json::Value,
    /// "environment", ".env" or "default".
    pub source: &'static str,
    /// What the value means here, where that is not plain (not enforced, no such setting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl LoginRules {
    /// Settings with which the release refuses to start, so that nobody logs in: from 1.0.8 a
    /// JWT_SECRET_KEY or AUTH_ENCRYPTION_SECRET unset or shorter than 32 characters; from
    /// 1.0.10 also a bootstrap or default password shorter than PASSWORD_MIN_LENGTH_USER.
    /// Only length and presence are checked here; the gateway also refuses weak values.
    pub fn startup_warnings(&self, settings: &Settings) -> Vec<String> {
        let Some(release) = self.release else {
            return Vec::new();
        };
        let label = release.label();
        let mut checked = Vec::new();
        if release.strict_bootstrap_password {
            let minimum = settings
                .number("PASSWORD_MIN_LENGTH_USER", 12)
                .unwrap_or(12);
            checked.extend(
                ["PLATFORM_ADMIN_PASSWORD", "DEFAULT_USER_PASSWORD"]
                    .map(|name| (name, minimum, " (its default, changeme, is weak)")),
            );
        }
        if release.strict_secrets {
            checked.extend(
                ["JWT_SECRET_KEY", "AUTH_ENCRYPTION_SECRET"]
                    .map(|name| (name, STRONG_SECRET_LENGTH, "")),
            );
        }
        checked
            .into_iter()
            .filter_map(|(name, minimum, default)| {
                let what = match settings.get(name) {
                    None => format!("not set{default}"),
                    Some(value) if i64::try_from(value.chars().count()).unwrap_or(0) < minimum => {
                        format!("shorter than {minimum} characters")
                    }
                    Some(_) => return None,
                };
                Some(format!(
                    "{name} is {what}: {label} refuses to start with that, if this is the gateway's own environment"
                ))
            })
            .collect()
    }

    /// The settings that shape a login, for `doctor`; empty for an application whose profile
    /// has none. `password_age_column` says whether the table keeps `password_changed_at`.
    /// A value the application could not read is an error naming it (exit 2).
    pub fn reported_settings(
        &self,
        settings: &Settings,
        dialect: Dialect,
        password_age_column: bool,
    ) -> Result<Vec<ReportedSetting>> {
        if self.token_expiry_minutes.is_none() {
            return Ok(Vec::new());
        }
        use serde_json::json;
        let release = self.release;
        let named = release.map_or_else(|| "the gateway".to_owned(), |release| release.label());
        let entry =
            |name: &'static str, value: serde_json::Value, note: Option<String>| ReportedSetting {
                name,
                value,
                source: settings
                    .origin(name)
                    .map_or("default", |origin| origin.label()),
                note,
            };
        let age_note = if !password_age_column {
            Some(format!(
                "not enforced: {named} keeps no password_changed_at"
            ))
        } else if dialect == Dialect::Postgres {
            Some("enforced (PostgreSQL)".to_owned())
        } else {
            Some(format!(
                "not enforced: the gateway checks it on PostgreSQL only, this is {}",
                dialect.engine()
            ))
        };
        let protect_note = match release {
            Some(release) if !release.protect_all_admins => Some(format!(
                "{named} has no such setting: admins are locked out like anyone"
            )),
            _ => None,
        };
        let email_auth_note = (!self.email_auth_enabled)
            .then(|| "nobody can log in with a password at all".to_owned());
        let password_set = settings.get("PLATFORM_ADMIN_PASSWORD").is_some();
        Ok(vec![
            entry(
                "PLATFORM_ADMIN_EMAIL",
                json!(self.platform_admin_email),
                None,
            ),
            entry(
                "PROTECT_ALL_ADMINS",
                json!(self.protect_all_admins),
                protect_note,
            ),
            entry(
                "MAX_FAILED_LOGIN_ATTEMPTS",
                json!(settings.number("MAX_FAILED_LOGIN_ATTEMPTS", 5)?),
                None,
            ),
            entry(
                "ACCOUNT_LOCKOUT_DURATION_MINUTES",
                json!(settings.number(
                    "ACCOUNT_LOCKOUT_DURATION_MINUTES",
                    release.map_or(60, |release| release.lockout_minutes_default)
                )?),
                None,
            ),
            entry(
                "PASSWORD_MAX_AGE_DAYS",
                json!(self.password_max_age_days),
                age_note,
            ),
            entry(
                "PASSWORD_POLICY_ENABLED",
                json!(settings.flag("PASSWORD_POLICY_ENABLED", true)?),
                None,
            ),
            entry("TOKEN_EXPIRY", json!(self.token_expiry_minutes), None),
            entry(
                "CACHE_TYPE",
                json!(settings.get("CACHE_TYPE").unwrap_or("database")),
                None,
            ),
            entry(
                "EMAIL_AUTH_ENABLED",
                json!(self.email_auth_enabled),
                email_auth_note,
            ),
            entry(
                "SSO_ENABLED",
                json!(settings.flag("SSO_ENABLED", false)?),
                None,
            ),
            // Never the value: only whether it is set.
            entry(
                "PLATFORM_ADMIN_PASSWORD",
                json!(if password_set { "set" } else { "not set" }),
                (!password_set).then(|| "the gateway's default, changeme".to_owned()),
            ),
        ])
    }
}

/// Doctor's words about the gateway's own setup, beside its verdicts on the admins.
impl LoginRules {
    /// A password that expires by age soon (`expires`, already formatted for the reader).
    pub fn expiry_warning(&self, email: &str, expires: &str) -> String {
        format!(
            "{email}'s password expires by age on {expires} (PASSWORD_MAX_AGE_DAYS={}); from then the gateway \
             demands a change at login; breakglass clear-change-flag {email} --touch postpones it",
            self.password_max_age_days
        )
    }

    /// What the next restart or the schema revision will do that the admins' rows do not
    /// show: a bootstrap admin it would create, settings it refuses to start with, a revision
    /// breakglass cannot place. `admins` are the admins found, `revision` the schema's.
    pub fn setup_warnings(
        &self,
        settings: &Settings,
        admins: &[&str],
        revision: Option<&str>,
    ) -> Vec<String> {
        let mut warnings = Vec::new();
        let platform = self.platform_admin_email.as_str();
        if !platform.is_empty() && !admins.contains(&platform) {
            let password = if settings.get("PLATFORM_ADMIN_PASSWORD").is_some() {
                "PLATFORM_ADMIN_PASSWORD as set"
            } else {
                "PLATFORM_ADMIN_PASSWORD's default, changeme"
            };
            warnings.push(format!(
                "no row has PLATFORM_ADMIN_EMAIL={platform}: the gateway's next restart creates it with {password}"
            ));
        }
        warnings.extend(self.startup_warnings(settings));
        if let Some(release) = self.release
            && let Some(placement) = release.placement()
        {
            let what = if release.placed == release::Placed::Newer {
                "newer than breakglass knows"
            } else {
                "not one breakglass knows"
            };
            warnings.push(format!(
                "revision {} is {what}: {placement}; the predictions cannot account for what that revision changed",
                revision.unwrap_or_default(),
            ));
        }
        warnings
    }
}
