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
        })
    }
}
