//! Every clap type, and nothing else. Commands receive validated values built from these.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "breakglass",
    version,
    about = "Get admins back into an application whose users live in a SQL table",
    long_about = "Get admins back into an application whose users live in a SQL table.\n\n\
        Talks straight to the database (SQLite, PostgreSQL, MySQL/MariaDB), because in a lock-out \
        the application's own UI and API are what is unusable. Built for the ContextForge MCP \
        gateway's email_users table.",
    after_help = "Exit codes: 0 ok, 1 unexpected, 2 usage, 3 user not found, 4 ambiguous email, \
        5 password mismatch, 6 login would be refused, 7 database unreachable or wrong schema, \
        8 refused, 9 database busy (safe to retry), 10 doctor: no admin can log in."
)]
pub struct Cli {
    #[command(flatten)]
    pub connect: ConnectOpts,

    #[command(flatten)]
    pub output: OutputOpts,

    #[command(flatten)]
    pub safety: SafetyOpts,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an Argon2id hash of a password, with the gateway's parameters
    HashPassword(HashPasswordArgs),
    /// Check a user's password and predict the gateway's login answer; changes nothing
    Verify(VerifyArgs),
    /// List the admins (by every rule the gateway uses) and their login state
    ListAdmins(ListAdminsArgs),
    /// Set a new password (typed, piped or generated), clear the lockout, and verify it before committing
    Reset(ResetArgs),
    /// Clear failed login attempts and the lockout of one user, or of every user with --all
    Unlock(UnlockArgs),
    /// Stop the gateway from demanding a password change at the next login
    ClearChangeFlag(ClearChangeFlagArgs),
    /// Refuse every future login of a user (for a departed account; see lockdown for a compromised one)
    Deactivate(DeactivateArgs),
    /// List API tokens of a user (or of everyone with --all) and whether each still works; changes nothing
    Tokens(TokensArgs),
    /// Revoke a user's API tokens the way the gateway's own revoke does
    RevokeTokens(RevokeTokensArgs),
    /// Cut every way into a compromised account: deactivate, revoke its tokens, void its reset links, replace its password
    Lockdown(LockdownArgs),
    /// Let a user reset their own password without logging in (the flag-reset flow); --revoke clears it
    AllowReset(AllowResetArgs),
    /// Make an existing user an admin by the profile's rule; --demote takes it away
    Promote(PromoteArgs),
    /// Insert a new admin (the answer to "no admins exist"), password typed, piped or generated
    CreateAdmin(CreateAdminArgs),
    /// Can any admin log in right now, and if not, what to type: settings, release, every admin; reads only
    Doctor,
    /// Show the schema profile in effect, or check it against the database
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Create the gateway's tables with sample users in a new database, to try breakglass on
    Sandbox,
}

/// Where the database is and how long to wait for it.
#[derive(Debug, Args)]
pub struct ConnectOpts {
    /// Database URL, in the gateway's own spelling [default: sqlite:///./mcp.db]
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        global = true,
        value_name = "URL"
    )]
    pub database_url: Option<String>,

    /// Read the gateway's settings from this file instead of ./.env
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        conflicts_with = "no_env_file"
    )]
    pub env_file: Option<PathBuf>,

    /// Read no .env file, only the environment
    #[arg(long, global = true)]
    pub no_env_file: bool,

    /// The users table, when it is not the profile's (the gateway's email_users)
    #[arg(long, global = true, value_name = "NAME")]
    pub table: Option<String>,

    /// A schema profile (TOML) for another application's users table [default: ContextForge]
    #[arg(long, global = true, value_name = "PATH", env = "BREAKGLASS_PROFILE")]
    pub profile_file: Option<PathBuf>,

    /// A built-in profile by name (django, netbox, sentry, ...; see 'profile list'); also
    /// BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Seconds to wait for a database server to answer
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 10)]
    pub connect_timeout: u64,

    /// Seconds to wait for a lock held by someone else before giving up (exit 9)
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 5)]
    pub lock_timeout: u64,
}

#[derive(Debug, Args)]
pub struct OutputOpts {
    /// Output format of the result on stdout
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Print no informational lines on stderr (and skip the work behind them)
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Csv,
}

/// What protects a change: confirmation, dry run, the guard and the audit trail.
#[derive(Debug, Args)]
pub struct SafetyOpts {
    /// Do not ask for confirmation (for scripts)
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,

    /// Do everything but commit: show the row before and after, write nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// Why this change is made; kept in the audit record and the gateway's event
    #[arg(long, global = true, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Allow a change that leaves no admin able to log in
    #[arg(long, global = true)]
    pub force: bool,

    /// Append one JSON line per invocation to this file (created with mode 0600)
    #[arg(
        long,
        global = true,
        env = "BREAKGLASS_AUDIT_LOG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub audit_log: Option<PathBuf>,

    /// Do not add an event to the gateway's own audit trail (email_auth_events)
    #[arg(long, global = true)]
    pub no_app_audit: bool,
}

/// Where the password comes from. Without one of these, a hidden prompt on the terminal.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct PasswordOpts {
    /// Read the password from standard input (one trailing newline is removed)
    #[arg(long)]
    pub password_stdin: bool,

    /// Read the password from a file ('-' for standard input; one trailing newline is removed)
    #[arg(long, value_name = "PATH")]
    pub password_file: Option<PathBuf>,

    /// Read the password from this environment variable
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

#[derive(Debug, Args)]
pub struct HashPasswordArgs {
    #[command(flatten)]
    pub password: PasswordOpts,

    /// Argon2 iterations [default: ARGON2ID_TIME_COST or 3]
    #[arg(long, value_name = "N")]
    pub time_cost: Option<String>,

    /// Argon2 memory in KiB [default: ARGON2ID_MEMORY_COST or 65536]
    #[arg(long, value_name = "KIB")]
    pub memory_cost: Option<String>,

    /// Argon2 lanes [default: ARGON2ID_PARALLELISM or 1]
    #[arg(long, value_name = "N")]
    pub parallelism: Option<String>,

    /// The hash scheme [default: the profile's, argon2id for ContextForge]
    #[arg(long, value_enum)]
    pub scheme: Option<SchemeArg>,

    /// bcrypt's cost, 4 to 16 [default: the profile's, else 12]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(4..=16))]
    pub cost: Option<u32>,

    /// How to print the hash: raw, a shell/.env assignment, docker-compose ($ doubled) or JSON
    #[arg(long, value_enum)]
    pub format: Option<HashFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemeArg {
    Argon2id,
    Bcrypt,
    /// Django's default, pbkdf2_sha256$...
    DjangoPbkdf2Sha256,
    /// Django's argon2$argon2id$...
    DjangoArgon2,
    /// Django's bcrypt_sha256$$2b$...
    DjangoBcryptSha256,
    /// werkzeug's scrypt:N:r:p$... (Flask-AppBuilder's default)
    WerkzeugScrypt,
    /// werkzeug's pbkdf2:sha256:N$...
    WerkzeugPbkdf2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HashFormat {
    Raw,
    Env,
    Compose,
    Json,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The user's email (matched as the gateway does: case and surrounding spaces ignored)
    pub email: String,

    #[command(flatten)]
    pub password: PasswordOpts,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// The user's email (matched as the gateway does: case and surrounding spaces ignored)
    pub email: String,

    #[command(flatten)]
    pub new: NewPasswordArgs,

    /// Also make an inactive user active again
    #[arg(long)]
    pub activate: bool,
}

/// Where a new password comes from and what the user must do with it.
#[derive(Debug, Args)]
pub struct NewPasswordArgs {
    #[command(flatten)]
    pub password: PasswordOpts,

    /// Generate a random password from the OS CSPRNG instead of reading one
    #[arg(long, conflicts_with_all = ["password_stdin", "password_file", "password_env"])]
    pub generate: bool,

    /// Length of the generated password [default: 24]
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u16).range(16..=128))]
    pub length: Option<u16>,

    /// Write the generated password to this new file (mode 0600) instead of printing it
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,

    /// Print the generated password on stdout even when it is not a terminal
    #[arg(long, conflicts_with = "secret_file")]
    pub reveal: bool,

    /// Make the user change the password at the next login (the default)
    #[arg(long, overrides_with = "no_must_change")]
    pub must_change: bool,

    /// Let the user keep this password
    #[arg(long, overrides_with = "must_change")]
    pub no_must_change: bool,

    /// Set the password even if the application's password policy would refuse it (recorded in the audit)
    #[arg(long)]
    pub skip_policy: bool,
}

#[derive(Debug, Args)]
pub struct CreateAdminArgs {
    /// The new admin's key (email or username, as the profile says); it must not exist yet
    pub email: String,

    #[command(flatten)]
    pub new: NewPasswordArgs,

    /// The full name, where the table has a column for it
    #[arg(long, value_name = "NAME")]
    pub full_name: Option<String>,

    /// The new admin's email, where the key is a username and the table keeps an email too
    /// (Gitea, Grafana, Flask-AppBuilder)
    #[arg(long = "email", value_name = "ADDRESS")]
    pub address: Option<String>,
}

#[derive(Debug, Args)]
pub struct AllowResetArgs {
    /// The user's key (email or username)
    pub email: String,

    /// Clear the flag instead of setting it
    #[arg(long)]
    pub revoke: bool,
}

#[derive(Debug, Args)]
pub struct PromoteArgs {
    /// The user's key (email or username)
    pub email: String,

    /// Take the admin right away instead (refused for the last usable admin without --force)
    #[arg(long)]
    pub demote: bool,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// List the built-in profiles, one line each
    List,
    /// Print the profile in effect (--profile, --profile-file or BREAKGLASS_PROFILE) as TOML
    Show,
    /// Check the profile against the database: the table and every column, with usable types
    Check,
}

#[derive(Debug, Args)]
#[group(id = "who", required = true, multiple = false, args = ["email", "all"])]
pub struct UnlockArgs {
    /// The user's email
    pub email: Option<String>,

    /// Every user that is locked or has failed attempts counted
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ClearChangeFlagArgs {
    /// The user's email
    pub email: String,

    /// Also set password_changed_at to now (for a password older than PASSWORD_MAX_AGE_DAYS)
    #[arg(long)]
    pub touch: bool,
}

#[derive(Debug, Args)]
pub struct DeactivateArgs {
    /// The user's email
    pub email: String,

    #[command(flatten)]
    pub cache: CacheOpts,
}

/// The gateway's cache in Redis (CACHE_TYPE=redis, REDIS_URL, CACHE_PREFIX in its settings).
#[derive(Debug, Args)]
pub struct CacheOpts {
    /// Leave the gateway's Redis cache alone (the change then holds within 30 seconds)
    #[arg(long)]
    pub no_redis: bool,
}

#[derive(Debug, Args)]
pub struct TokensArgs {
    /// The user whose tokens to list
    #[arg(required_unless_present = "all")]
    pub email: Option<String>,

    /// Every user's tokens
    #[arg(long, conflicts_with = "email")]
    pub all: bool,

    /// Only tokens that still work (neither revoked nor expired)
    #[arg(long)]
    pub active: bool,
}

#[derive(Debug, Args)]
pub struct RevokeTokensArgs {
    /// The user whose tokens to revoke
    pub email: String,

    /// Only this token (its jti, as `tokens` shows it); repeat for several
    #[arg(long, value_name = "JTI")]
    pub jti: Vec<String>,

    /// Who the revocation names [default: PLATFORM_ADMIN_EMAIL if that user exists, else the user]
    #[arg(long, value_name = "EMAIL")]
    pub by: Option<String>,

    #[command(flatten)]
    pub cache: CacheOpts,
}

#[derive(Debug, Args)]
pub struct LockdownArgs {
    /// The compromised user's email
    pub email: String,

    /// Keep the current password (by default it is replaced by a random one nobody is told)
    #[arg(long)]
    pub keep_password: bool,

    /// Who the token revocations name [default: PLATFORM_ADMIN_EMAIL if that user exists, else the user]
    #[arg(long, value_name = "EMAIL")]
    pub by: Option<String>,

    #[command(flatten)]
    pub cache: CacheOpts,
}

#[derive(Debug, Args)]
pub struct ListAdminsArgs {
    /// Only users that are locked out now
    #[arg(long)]
    pub locked: bool,

    /// Every user, not only admins
    #[arg(long)]
    pub all_users: bool,
}

/// The completion script for `shell`, generated from the definition above.
pub fn completion(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "breakglass", &mut script);
    script
}

/// Man pages: `breakglass.1` and one `breakglass-SUBCOMMAND.1` per subcommand.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let command = Cli::command();
    let mut pages = Vec::new();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    pages.push(("breakglass.1".to_owned(), page));
    for sub in command.get_subcommands() {
        let name = format!("breakglass-{}", sub.get_name());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub.clone().name(name.clone())).render(&mut page)?;
        pages.push((format!("{name}.1"), page));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_work_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "breakglass",
            "list-admins",
            "--database-url",
            "sqlite:///x.db",
            "-o",
            "json",
            "-q",
        ])
        .expect("parses");
        assert_eq!(cli.connect.database_url.as_deref(), Some("sqlite:///x.db"));
        assert_eq!(cli.output.output, OutputFormat::Json);
        assert!(cli.output.quiet);
    }

    #[test]
    fn password_sources_exclude_each_other() {
        let parsed = Cli::try_parse_from([
            "breakglass",
            "verify",
            "a@b.c",
            "--password-stdin",
            "--password-env",
            "X",
        ]);
        assert!(parsed.is_err());
    }
}
