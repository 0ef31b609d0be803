//! The rules an application applies at login beyond the row itself: its settings (a bootstrap
//! admin, lockout exemptions, password age, a default password, session lifetime, whether
//! password login exists), the schemes it verifies and its words for a refusal. An
//! application's extras fill them (ContextForge's from its environment, see
//! [`crate::contextforge`]); every other application has only its profile's.

use anyhow::Result;

use super::Profile;
use super::release::Release;
use crate::password::scheme::Schemes;
use crate::settings::Settings;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginRules {
    pub platform_admin_email: String,
    /// Admins (by the `is_admin` column) are never locked out.
    pub protect_all_admins: bool,
    /// Enforced on PostgreSQL only, as the gateway does.
    pub password_max_age_days: i64,
    /// A login with this password is told to change it.
    pub default_user_password: String,
    /// The schemes the application verifies, the one it writes first; stored values are
    /// identified only among them.
    pub schemes: Schemes,
    /// How messages name the application.
    pub app: String,
    /// The application's own words for a refused login.
    pub answers: super::profile::Answers,
    /// Minutes a login session (a JWT) lives: `TOKEN_EXPIRY`. None where the application's
    /// sessions are not bearer tokens breakglass knows about.
    pub token_expiry_minutes: Option<i64>,
    /// The release the schema revision names, where the application records one.
    pub release: Option<Release>,
    /// `EMAIL_AUTH_ENABLED`: false means no password login exists at all.
    pub email_auth_enabled: bool,
}

impl LoginRules {
    /// The application's login settings, as its extras read them (ContextForge's from its
    /// environment; another application has only its profile's rules).
    pub fn for_profile(profile: &Profile, settings: &Settings) -> Result<Self> {
        LoginRules::for_release(profile, settings, None)
    }

    /// As [`LoginRules::for_profile`], with the defaults and rules of the release the
    /// database's revision names (None: the release is not known; 1.0.7's rules apply).
    pub fn for_release(
        profile: &Profile,
        settings: &Settings,
        release: Option<Release>,
    ) -> Result<Self> {
        profile.extras().login_rules(profile, settings, release)
    }

    /// An application with only its profile's rules: no settings of its own.
    pub fn plain(profile: &Profile) -> Self {
        LoginRules {
            platform_admin_email: String::new(),
            protect_all_admins: false,
            password_max_age_days: 0,
            default_user_password: String::new(),
            schemes: profile.schemes(),
            app: profile.called.clone(),
            answers: profile.answers.clone(),
            token_expiry_minutes: None,
            release: None,
            email_auth_enabled: true,
        }
    }
}
