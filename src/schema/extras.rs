//! What one application has beyond its users table (its settings and login rules, its
//! releases, its cache, its sandbox schema), behind one interface: shared code asks the
//! profile's extras and never which application it is. ContextForge's are in
//! [`super::gateway`]; every other application has [`NONE`] today.

use anyhow::Result;

use super::Profile;
use super::gateway::GatewaySettings;
use super::release::Release;
use crate::access::cache::GatewayCache;
use crate::password::policy::Policy;
use crate::settings::Settings;

pub trait Extras: Sync {
    /// The settings that shape a login, read from the application's environment and `.env`
    /// where it keeps them, for the release its schema revision names.
    fn login_settings(
        &self,
        profile: &Profile,
        settings: &Settings,
        release: Option<Release>,
    ) -> Result<GatewaySettings>;

    /// The releases the schema revision can name, newest first.
    fn releases(&self) -> &'static [Release] {
        &[]
    }

    /// The application's shared cache of users and revocations, where it keeps one.
    fn cache(&self, _settings: &Settings) -> Result<Option<GatewayCache>> {
        Ok(None)
    }

    /// Whether new Argon2 hashes take their parameters from the application's environment.
    fn argon2_from_environment(&self) -> bool {
        false
    }

    /// Whether `sandbox` can build this application's schema.
    fn has_sandbox(&self) -> bool {
        false
    }

    /// How the application's own settings define its password policy, where they do
    /// (`[policy] source`); None: the profile's rules are all there is.
    fn password_policy(&self) -> Option<fn(&Settings) -> Result<Policy>> {
        None
    }
}

/// An application known only through its profile.
pub struct NoExtras;

pub static NONE: NoExtras = NoExtras;

impl Extras for NoExtras {
    fn login_settings(
        &self,
        profile: &Profile,
        _settings: &Settings,
        _release: Option<Release>,
    ) -> Result<GatewaySettings> {
        Ok(GatewaySettings::plain(profile))
    }
}
