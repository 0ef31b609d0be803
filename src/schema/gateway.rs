//! The gateway settings that change who is an admin and how a login is decided,
//! read from its own variables with its own defaults.

use anyhow::Result;

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
}

impl GatewaySettings {
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
        })
    }
}
