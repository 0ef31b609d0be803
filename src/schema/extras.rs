//! What one application has beyond its users table (its settings and login rules, its
//! releases, its cache, its sandbox schema), behind one interface: shared code asks the
//! profile's extras and never which application it is. ContextForge's are in
//! [`crate::contextforge`]; every other application has [`NONE`] today.

use std::future::Future;
use std::pin::Pin;

use anyhow::Result;

use super::Profile;
use super::login_rules::LoginRules;
use super::release::Release;
use crate::access::cache::GatewayCache;
use crate::db::Database;
use crate::password::policy::Policy;
use crate::settings::Settings;

pub trait Extras: Sync {
    /// The settings that shape a login, read from the application's environment and `.env`
    /// where it keeps them, for the release its schema revision names.
    fn login_rules(
        &self,
        profile: &Profile,
        settings: &Settings,
        release: Option<Release>,
    ) -> Result<LoginRules>;

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

    /// The sample tables `sandbox` builds, where the application ships them.
    fn sandbox(&self) -> Option<&'static Sandbox> {
        None
    }

    /// How the application's own settings define its password policy, where they do
    /// (`[policy] source`); None: the profile's rules are all there is.
    fn password_policy(&self) -> Option<fn(&Settings) -> Result<Policy>> {
        None
    }
}

/// Fills a database with an application's sample tables and users.
pub type Populate = for<'a> fn(&'a mut Database) -> Pin<Box<dyn Future<Output = Result<()>> + 'a>>;

/// An application's sample database: its tables and users in the states an incident meets.
pub struct Sandbox {
    /// What it creates, in the application's words ("the gateway's tables").
    pub what: &'static str,
    /// The users table it creates.
    pub table: &'static str,
    pub samples: &'static [Sample],
    /// Creates the tables and the samples in one transaction where the engine allows.
    pub populate: Populate,
}

/// A sample user, shown with its password so an operator can try verify and reset.
pub struct Sample {
    pub email: &'static str,
    pub full_name: &'static str,
    pub password: &'static str,
    pub is_admin: bool,
    pub is_active: bool,
    pub must_change: bool,
    pub locked: bool,
    /// Its state in words.
    pub story: &'static str,
}

/// An application known only through its profile.
pub struct NoExtras;

pub static NONE: NoExtras = NoExtras;

impl Extras for NoExtras {
    fn login_rules(
        &self,
        profile: &Profile,
        _settings: &Settings,
        _release: Option<Release>,
    ) -> Result<LoginRules> {
        Ok(LoginRules::plain(profile))
    }
}
