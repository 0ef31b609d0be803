//! Every clap type, and nothing else. Commands receive validated values built from these.

use std::path::PathBuf;

use clap::builder::styling::Styles;
use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::exit;

#[derive(Debug, Parser)]
#[command(
    name = "breakglass",
    version,
    about = "Get admins back into an application whose users live in a SQL table",
    long_about = "Get admins back into an application whose users live in a SQL table.\n\n\
        Talks straight to the database (SQLite, PostgreSQL, MySQL/MariaDB), because in a lock-out \
        the application's own UI and API are what is unusable. Built for the ContextForge MCP \
        gateway's email_users table.",
    after_long_help = exit_code_summary(),
    lay_out_help()
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

// The variants are in the order of COMMAND_GROUPS, which completions and man pages follow too.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Can any admin log in right now, and if not, what to type: settings, release, every admin; reads only
    #[command(after_help = examples(&[
        ("Start here, with the gateway's .env in this directory", "breakglass doctor"),
        ("A database elsewhere", "breakglass doctor --database-url postgresql://gw@db/mcp"),
        ("For a script or a ticket", "breakglass doctor -o json"),
    ]))]
    Doctor,
    /// List the admins (by every rule the gateway uses) and their login state
    #[command(after_help = examples(&[
        ("", "breakglass list-admins"),
        ("Only those locked out now", "breakglass list-admins --locked"),
        ("Every user, for a spreadsheet", "breakglass list-admins --all-users -o csv"),
    ]))]
    ListAdmins(ListAdminsArgs),
    /// Check a user's password and predict the gateway's login answer; changes nothing
    #[command(after_help = examples(&[
        ("Asks for the password on the terminal", "breakglass verify ops@example.com"),
        ("The password from a variable",
         "breakglass verify ops@example.com --password-env PW"),
    ]))]
    Verify(VerifyArgs),
    /// Set a new password (typed, piped or generated), clear the lockout, and verify it before committing
    #[command(after_help = examples(&[
        ("A random password, shown once, changed at the next login",
         "breakglass reset ops@example.com --generate"),
        ("Typed at a hidden prompt; re-activates the account too",
         "breakglass reset ops@example.com --activate"),
        ("From a file, for a script: no question asked",
         "breakglass reset ops@example.com --password-file pw -y"),
    ]))]
    Reset(ResetArgs),
    /// Clear failed login attempts and the lockout of one user, or of every user with --all
    #[command(after_help = examples(&[
        ("", "breakglass unlock ops@example.com"),
        ("See who would be unlocked, change nothing", "breakglass unlock --all --dry-run"),
    ]))]
    Unlock(UnlockArgs),
    /// Stop the gateway from demanding a password change at the next login
    #[command(after_help = examples(&[
        ("", "breakglass clear-change-flag ops@example.com"),
        ("Also when the password is older than its maximum age",
         "breakglass clear-change-flag ops@example.com --touch"),
    ]))]
    ClearChangeFlag(ClearChangeFlagArgs),
    /// Insert a new admin (the answer to "no admins exist"), password typed, piped or generated
    #[command(after_help = examples(&[
        ("A random password, shown once", "breakglass create-admin ops@example.com --generate"),
        ("Show the row it would insert, write nothing",
         "breakglass create-admin ops@example.com --dry-run"),
        ("Where the key is a username (Gitea, Grafana)",
         "breakglass create-admin ops --email ops@example.com"),
    ]))]
    CreateAdmin(CreateAdminArgs),
    /// Make an existing user an admin by the profile's rule; --demote takes it away
    #[command(after_help = examples(&[
        ("", "breakglass promote ops@example.com"),
        ("Take the right away again", "breakglass promote ops@example.com --demote"),
    ]))]
    Promote(PromoteArgs),
    /// Let a user reset their own password without logging in (the flag-reset flow); --revoke clears it
    #[command(after_help = examples(&[
        ("", "breakglass allow-reset ops@example.com"),
        ("Take the permission back", "breakglass allow-reset ops@example.com --revoke"),
    ]))]
    AllowReset(AllowResetArgs),
    /// Refuse every future login of a user (for a departed account; see lockdown for a compromised one)
    #[command(after_help = examples(&[
        ("", "breakglass deactivate ex@example.com --reason offboarding"),
        ("Show what would change, write nothing",
         "breakglass deactivate ex@example.com --dry-run"),
    ]))]
    Deactivate(DeactivateArgs),
    /// Cut every way into a compromised account: deactivate, revoke its tokens, void its reset links, replace its password
    #[command(after_help = examples(&[
        ("", "breakglass lockdown ops@example.com --reason INC-7"),
        ("Keep the password (to look at it later)",
         "breakglass lockdown ops@example.com --keep-password"),
    ]))]
    Lockdown(LockdownArgs),
    /// Revoke a user's API tokens the way the gateway's own revoke does
    #[command(after_help = examples(&[
        ("Every token of the user", "breakglass revoke-tokens ops@example.com"),
        ("One token, by the jti that 'tokens' shows",
         "breakglass revoke-tokens ops@example.com --jti 5c1f9a"),
    ]))]
    RevokeTokens(RevokeTokensArgs),
    /// List API tokens of a user (or of everyone with --all) and whether each still works; changes nothing
    #[command(after_help = examples(&[
        ("", "breakglass tokens ops@example.com"),
        ("Every token that still works", "breakglass tokens --all --active"),
    ]))]
    Tokens(TokensArgs),
    /// Print an Argon2id hash of a password, with the gateway's parameters
    #[command(after_help = examples(&[
        ("Asks for the password on the terminal", "breakglass hash-password"),
        ("A line for the gateway's .env", "breakglass hash-password --format env"),
        ("A bcrypt hash", "breakglass hash-password --scheme bcrypt --cost 12"),
    ]))]
    HashPassword(HashPasswordArgs),
    /// Show the schema profile in effect, or check it against the database
    #[command(subcommand, after_help = examples(&[
        ("", "breakglass profile list"),
        ("Does this database match Django's tables?",
         "breakglass profile check --profile django"),
        ("Start a profile of your own", "breakglass profile show --profile django"),
    ]))]
    Profile(ProfileCommand),
    /// Create the gateway's tables with sample users in a new database, to try breakglass on
    #[command(after_help = examples(&[
        ("A new SQLite file", "breakglass sandbox --database-url sqlite:///./try.db"),
        ("Then look at it", "breakglass doctor --database-url sqlite:///./try.db"),
    ]))]
    Sandbox,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(after_help = examples(&[
        ("bash-completion reads this file at start",
         "breakglass completions bash >> ~/.bash_completion"),
        ("zsh, with ~/.zfunc in $fpath",
         "breakglass completions zsh > ~/.zfunc/_breakglass"),
    ]))]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// The top-level help lists the commands under these headings, in this order. A test checks
/// that it names every command once, so a new command cannot go missing from the help.
const COMMAND_GROUPS: &[(&str, &[&str])] = &[
    ("Start here", &["doctor", "list-admins", "verify"]),
    (
        "Get back in",
        &[
            "reset",
            "unlock",
            "clear-change-flag",
            "create-admin",
            "promote",
            "allow-reset",
        ],
    ),
    (
        "Take access away",
        &["deactivate", "lockdown", "revoke-tokens", "tokens"],
    ),
    (
        "Tools",
        &["hash-password", "profile", "sandbox", "completions"],
    ),
];

// The headings of the options every command accepts (they are `global`).
const CONNECTION: &str = "Connection options";
const APPLICATION: &str = "Application options";
const OUTPUT: &str = "Output options";
const SAFETY: &str = "Safety options";

const READS: &[&str] = &[CONNECTION, APPLICATION, OUTPUT];
const CHANGES: &[&str] = &[CONNECTION, APPLICATION, OUTPUT, SAFETY];

/// Which of those headings each command's help shows. The options under the others are still
/// accepted (scripts put `--yes` before or after any command), only not offered where they
/// change nothing. A test checks that every command is named.
const HEADINGS_SHOWN: &[(&str, &[&str])] = &[
    ("doctor", READS),
    ("list-admins", READS),
    ("verify", READS),
    ("reset", CHANGES),
    ("unlock", CHANGES),
    ("clear-change-flag", CHANGES),
    ("create-admin", CHANGES),
    ("promote", CHANGES),
    ("allow-reset", CHANGES),
    ("deactivate", CHANGES),
    ("lockdown", CHANGES),
    ("revoke-tokens", CHANGES),
    ("tokens", READS),
    // Reads the gateway's settings and the profile's scheme, never the database.
    ("hash-password", &[APPLICATION, OUTPUT]),
    ("profile", READS),
    ("sandbox", READS),
    ("completions", &[]),
];

/// Where the database is and how long to wait for it.
#[derive(Debug, Args)]
pub struct ConnectOpts {
    /// Database URL, in the gateway's own spelling [default: sqlite:///./mcp.db]
    #[arg(
        help_heading = CONNECTION,
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        global = true,
        value_name = "URL"
    )]
    pub database_url: Option<String>,

    /// Read the settings of the running application instead: its environment, the .env in its
    /// working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)
    #[arg(
        help_heading = APPLICATION,
        long,
        global = true,
        value_name = "PID|auto",
        env = "BREAKGLASS_ATTACH",
        hide_env_values = true
    )]
    pub attach: Option<String>,

    /// Read the gateway's settings from this file instead of ./.env
    #[arg(
        help_heading = APPLICATION,
        long,
        global = true,
        value_name = "PATH",
        conflicts_with = "no_env_file"
    )]
    pub env_file: Option<PathBuf>,

    /// Read no .env file, only the environment
    #[arg(help_heading = APPLICATION, long, global = true)]
    pub no_env_file: bool,

    /// The users table, when it is not the profile's (the gateway's email_users)
    #[arg(help_heading = APPLICATION, long, global = true, value_name = "NAME")]
    pub table: Option<String>,

    /// A schema profile (TOML) for another application's users table [default: ContextForge]
    #[arg(
        help_heading = APPLICATION,
        long,
        global = true,
        value_name = "PATH",
        env = "BREAKGLASS_PROFILE",
        hide_env_values = true
    )]
    pub profile_file: Option<PathBuf>,

    /// A built-in profile by name (django, netbox, sentry, ...; see 'profile list'); also
    /// BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]
    #[arg(help_heading = APPLICATION, long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Seconds to wait for a database server to answer
    #[arg(
        help_heading = CONNECTION,
        long,
        global = true,
        value_name = "SECONDS",
        default_value_t = 10
    )]
    pub connect_timeout: u64,

    /// Seconds to wait for a lock held by someone else before giving up (exit 9)
    #[arg(
        help_heading = CONNECTION,
        long,
        global = true,
        value_name = "SECONDS",
        default_value_t = 5
    )]
    pub lock_timeout: u64,
}

#[derive(Debug, Args)]
pub struct OutputOpts {
    /// Output format of the result on stdout
    #[arg(
        help_heading = OUTPUT,
        short = 'o',
        long,
        global = true,
        value_enum,
        default_value_t = OutputFormat::Table
    )]
    pub output: OutputFormat,

    /// Print no informational lines on stderr (and skip the work behind them)
    #[arg(help_heading = OUTPUT, short, long, global = true)]
    pub quiet: bool,

    /// Print more: the whole audit record on stderr, and a change's columns again after its
    /// confirmation
    #[arg(help_heading = OUTPUT, short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins
    /// over NO_COLOR. JSON and CSV are never coloured
    #[arg(
        help_heading = OUTPUT,
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorChoice::Auto
    )]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
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
    #[arg(help_heading = SAFETY, short = 'y', long, global = true)]
    pub yes: bool,

    /// Do everything but commit: show the row before and after, write nothing
    #[arg(help_heading = SAFETY, long, global = true)]
    pub dry_run: bool,

    /// Why this change is made; kept in the audit record and the gateway's event
    #[arg(help_heading = SAFETY, long, global = true, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Allow a change that leaves no admin able to log in
    #[arg(help_heading = SAFETY, long, global = true)]
    pub force: bool,

    /// Append one JSON line per invocation to this file (created with mode 0600)
    #[arg(
        help_heading = SAFETY,
        long,
        global = true,
        env = "BREAKGLASS_AUDIT_LOG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub audit_log: Option<PathBuf>,

    /// Do not add an event to the gateway's own audit trail (email_auth_events)
    #[arg(help_heading = SAFETY, long, global = true)]
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
    #[arg(long, value_parser = scheme_values())]
    pub scheme: Option<String>,

    /// bcrypt's cost, 4 to 16 [default: the profile's, else 12]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(4..=16))]
    pub cost: Option<u32>,

    /// How to print the hash: raw, a shell/.env assignment, docker-compose ($ doubled) or JSON
    #[arg(long, value_enum)]
    pub format: Option<HashFormat>,
}

/// Every scheme of the registry, with what it writes and how its output is stored.
fn scheme_values() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::password::scheme::REGISTRY.iter().map(
        |scheme| {
            let help = match scheme.storage() {
                Some(storage) => format!("{}; {storage}", scheme.about()),
                None => scheme.about().to_owned(),
            };
            clap::builder::PossibleValue::new(scheme.name()).help(help)
        },
    ))
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

    /// Only this credential (its id as `tokens` shows it; the gateway's jti); repeat for several
    #[arg(long, value_name = "ID", visible_alias = "jti")]
    pub id: Vec<String>,

    /// Only credentials of this kind
    #[arg(long, value_name = "KIND", value_parser = ["session", "api_token", "app_password", "reset_link"])]
    pub kind: Option<String>,

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

/// The help's layout, applied to the derived definition by `lay_out_help()` on [`Cli`], so
/// that `Cli::command()` (parsing, tests, man pages, completions) is always the finished one.
trait HelpLayout {
    fn lay_out_help(self) -> Self;
}

impl HelpLayout for clap::Command {
    fn lay_out_help(self) -> Self {
        // clap has no subcommand groups, so the top-level help is a template around two
        // pieces clap renders itself (aligned and wrapped to this terminal). The template
        // reads `{` as a tag, so their text must have none (a test checks).
        let template = format!(
            "{{before-help}}{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n\
             {}\n{}{{after-help}}",
            grouped_commands(&self),
            global_options(&self),
        );
        let options: Vec<clap::Arg> = self.get_arguments().cloned().collect();
        self.help_template(template).mut_subcommands(|command| {
            let shown = headings_shown(command.get_name());
            // A hidden copy of an option stops clap from propagating the visible one here;
            // it is still global, so it is parsed and reaches the top level as before.
            let hidden = options.iter().filter(|option| {
                option.is_global_set()
                    && option
                        .get_help_heading()
                        .is_some_and(|heading| !shown.contains(&heading))
            });
            command.args(hidden.map(|option| option.clone().hide(true)))
        })
    }
}

fn headings_shown(command: &str) -> &'static [&'static str] {
    HEADINGS_SHOWN
        .iter()
        .find(|(name, _)| *name == command)
        .map_or(&[], |(_, headings)| headings)
}

/// The subcommand list as clap lays it out, with a heading before each group's first command.
fn grouped_commands(cli: &clap::Command) -> String {
    let in_order = COMMAND_GROUPS
        .iter()
        .flat_map(|(_, names)| names.iter())
        .filter_map(|name| cli.find_subcommand(name))
        .map(|command| {
            clap::Command::new(command.get_name().to_owned())
                .about(command.get_about().cloned().unwrap_or_default())
        });
    let listing = clap::Command::new("groups")
        .styles(Styles::plain())
        .disable_help_subcommand(true)
        .help_template("{subcommands}")
        .subcommands(in_order)
        .render_help()
        .to_string();
    let styles = cli.get_styles();
    let (header, literal) = (styles.get_header(), styles.get_literal());
    let mut text = String::new();
    for line in listing.lines() {
        // An entry starts with two spaces and its name; a wrapped line with more spaces.
        let entry = line
            .strip_prefix("  ")
            .and_then(|rest| rest.split(' ').next())
            .filter(|name| !name.is_empty());
        if let Some(name) = entry {
            if let Some((title, _)) = COMMAND_GROUPS.iter().find(|(_, names)| names[0] == name) {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&format!("{header}{title}:{header:#}\n"));
            }
            let rest = &line[2 + name.len()..];
            text.push_str(&format!("  {literal}{name}{literal:#}{rest}\n"));
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// The options every command accepts, under their headings, as clap lays them out.
fn global_options(cli: &clap::Command) -> String {
    let mut options = clap::Command::new(cli.get_name().to_owned())
        .disable_help_subcommand(true)
        .help_template("{all-args}")
        .args(cli.get_arguments().cloned());
    if let Some(version) = cli.get_version() {
        options = options.version(version.to_owned());
    }
    // The template's {after-help} brings its own blank line.
    options
        .render_help()
        .ansi()
        .to_string()
        .trim_end()
        .to_owned()
}

/// The after-help text of a command: a comment line and a command line per example.
fn examples(examples: &[(&str, &str)]) -> String {
    let header = Styles::default().get_header().to_owned();
    let mut text = format!("{header}Examples:{header:#}");
    for (comment, line) in examples {
        if !comment.is_empty() {
            text.push_str(&format!("\n  # {comment}"));
        }
        text.push_str(&format!("\n  {line}\n"));
    }
    text.trim_end().to_owned()
}

fn exit_code_summary() -> String {
    let codes: Vec<String> = exit::MEANINGS
        .iter()
        .map(|(code, meaning)| format!("{code} {meaning}"))
        .collect();
    format!("Exit codes: {}.", codes.join(", "))
}

/// What a bare `breakglass` prints: where to start, the groups, where to read on. Short on
/// purpose, and at most 60 columns wide, for a small terminal in the middle of an incident.
pub fn overview() -> String {
    const LABEL: usize = 18;
    const WIDTH: usize = 60;
    let mut text = String::from(
        "Start here: breakglass doctor\n  \
         can any admin log in, and what to type if not\n\n",
    );
    for (title, names) in COMMAND_GROUPS {
        let mut line = format!("{title:LABEL$}");
        for (index, name) in names.iter().enumerate() {
            let word = if index + 1 < names.len() {
                format!("{name}, ")
            } else {
                (*name).to_owned()
            };
            if line.trim_end().len() + 1 + word.trim_end().len() > WIDTH {
                text.push_str(line.trim_end());
                text.push('\n');
                line = " ".repeat(LABEL);
            }
            line.push_str(&word);
        }
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(
        "\nbreakglass help COMMAND   what it does, options, examples\n\
         breakglass --help         every command and option\n",
    );
    text
}

/// The parsed command line. Help and version print and exit 0, a mistake exits 2, as clap does;
/// a bare `breakglass` prints [`overview`] instead of the whole help (still on stderr, exit 2).
pub fn parse() -> Cli {
    Cli::try_parse().unwrap_or_else(|error| {
        if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            eprint!("{}", overview());
            std::process::exit(exit::USAGE.into());
        }
        error.exit()
    })
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

    fn command_names() -> Vec<String> {
        Cli::command()
            .get_subcommands()
            .map(|command| command.get_name().to_owned())
            .collect()
    }

    #[test]
    fn the_groups_name_every_command_once_in_the_order_of_the_definition() {
        let grouped: Vec<String> = COMMAND_GROUPS
            .iter()
            .flat_map(|(_, names)| names.iter().map(|name| (*name).to_owned()))
            .collect();
        assert_eq!(grouped, command_names());
    }

    #[test]
    fn every_command_says_which_global_options_it_shows() {
        let named: Vec<String> = HEADINGS_SHOWN
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
        assert_eq!(named, command_names());
        let cli = Cli::command();
        let headings: Vec<&str> = cli
            .get_arguments()
            .filter_map(|option| option.get_help_heading())
            .collect();
        for (name, shown) in HEADINGS_SHOWN {
            for heading in *shown {
                assert!(
                    headings.contains(heading),
                    "{name}: no options under {heading}"
                );
            }
        }
    }

    /// The example command lines in a command's help, without a trailing redirection.
    fn example_lines(command: &clap::Command) -> Vec<String> {
        let text = command
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        text.lines()
            .map(str::trim)
            .filter(|line| line.starts_with("breakglass "))
            .map(|line| line.split(" >").next().unwrap_or(line).to_owned())
            .collect()
    }

    #[test]
    fn every_command_has_examples_that_parse_and_fit_a_small_terminal() {
        for command in Cli::command().get_subcommands() {
            let name = command.get_name();
            let lines = example_lines(command);
            assert!((2..=3).contains(&lines.len()), "{name}: {lines:?}");
            let text = command.get_after_help().expect("examples").to_string();
            for line in text.lines() {
                assert!(line.len() <= 60, "{name}: too wide for 60 columns: {line}");
            }
            for line in lines {
                assert!(
                    !line.contains(['\'', '"', '$', '|', '<']),
                    "{name}: the test splits on spaces, keep shell syntax out: {line}"
                );
                if let Err(error) = Cli::try_parse_from(line.split_whitespace()) {
                    panic!("{name}: example does not parse: {line}\n{error}");
                }
            }
        }
    }

    #[test]
    fn the_top_level_help_shows_the_groups_in_order_and_every_option() {
        let help = Cli::command().render_long_help().to_string();
        let mut from = 0;
        for (title, names) in COMMAND_GROUPS {
            let at = help[from..]
                .find(&format!("{title}:"))
                .unwrap_or_else(|| panic!("{title} missing or out of order:\n{help}"));
            from += at;
            for name in *names {
                assert!(help.contains(&format!("  {name} ")), "{name}:\n{help}");
            }
        }
        for option in Cli::command().get_arguments() {
            let long = format!("--{}", option.get_long().expect("every option is long"));
            assert!(help.contains(&long), "{long}:\n{help}");
        }
        assert!(help.contains("11 declined"), "{help}");
        let cli = Cli::command();
        for piece in [grouped_commands(&cli), global_options(&cli)] {
            assert!(
                !piece.contains('{'),
                "the help template would eat this: {piece}"
            );
        }
    }

    #[test]
    fn the_overview_is_short_narrow_and_starts_with_doctor() {
        let overview = overview();
        assert!(overview.starts_with("Start here: breakglass doctor\n"));
        assert!(overview.lines().count() < 25, "{overview}");
        for line in overview.lines() {
            assert!(line.len() <= 60, "{line}");
        }
        for name in command_names() {
            assert!(overview.contains(&name), "{name}");
        }
        assert!(overview.contains("breakglass help COMMAND"));
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
