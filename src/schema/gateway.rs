//! The gateway settings that change who is an admin and how a login is decided,
//! read from its own variables with its own defaults.

use anyhow::Result;

use super::Profile;
use crate::password::hash::Scheme;
use crate::settings::Settings;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewaySettings {
    pub platform_admin_email: String,
    /// Admins (by the `is_admin` column) are never locked out.
    pub protect_all_admins: bool,
    /// Enforced on PostgreSQL only, as the gateway does.
    pub password_max_age_days: i64,
    /// A login with this password is told to change it.
    pub default_user_password: String,
    /// The scheme the application verifies (Argon2id also accepts argon2i and argon2d).
    pub expected_scheme: Scheme,
    /// How messages name the application.
    pub app: String,
    /// Minutes a login session (a JWT) lives: `TOKEN_EXPIRY`. None where the application's
    /// sessions are not bearer tokens breakglass knows about.
    pub token_expiry_minutes: Option<i64>,
}

/// Seconds the gateway's workers may keep a user or a token revocation cached in process.
pub const AUTH_CACHE_SECONDS: i64 = 30;

impl GatewaySettings {
    /// What stays valid after a password change or a deactivation, for the application's
    /// own advice; None where the profile knows nothing of its sessions.
    pub fn sessions_note(&self) -> Option<String> {
        let minutes = self.token_expiry_minutes?;
        Some(format!(
            "sessions the gateway already issued stay valid until their tokens expire \
             ({minutes} minutes, TOKEN_EXPIRY); rotate JWT_SECRET_KEY to end them all"
        ))
    }
}

impl GatewaySettings {
    /// ContextForge reads its settings; another application has only its profile's rules.
    pub fn for_profile(profile: &Profile, settings: &Settings) -> Result<Self> {
        let expected_scheme = profile.hash.scheme();
        if profile.is_contextforge() {
            return Ok(GatewaySettings {
                expected_scheme,
                ..GatewaySettings::from_settings(settings)?
            });
        }
        Ok(GatewaySettings {
            platform_admin_email: String::new(),
            protect_all_admins: false,
            password_max_age_days: 0,
            default_user_password: String::new(),
            expected_scheme,
            app: format!("the {} application", profile.name),
            token_expiry_minutes: None,
        })
    }

    pub fn from_settings(settings: &Settings) -> Result<Self> {
        Ok(GatewaySettings {
            platform_admin_email: settings
                .get("PLATFORM_ADMIN_EMAIL")
                .unwrap_or("admin@example.com")
                .to_owned(),
            protect_all_admins: settings.flag("PROTECT_ALL_ADMINS", true)?,
            password_max_age_days: settings.number("PASSWORD_MAX_AGE_DAYS", 90)?,
            default_user_password: settings
                .get("DEFAULT_USER_PASSWORD")
                .unwrap_or("changeme")
                .to_owned(),
            expected_scheme: Scheme::Argon2id,
            app: "the gateway".to_owned(),
            token_expiry_minutes: Some(settings.number("TOKEN_EXPIRY", 20)?),
        })
    }
}
