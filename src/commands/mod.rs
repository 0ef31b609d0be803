//! One file per subcommand. Each takes validated values and returns its exit code;
//! this module holds what they share: the invocation context and the opened workspace.

pub mod allow_reset;
mod change;
pub mod clear_change_flag;
pub mod create_admin;
pub mod deactivate;
pub mod doctor;
pub mod hash_password;
pub mod list_admins;
pub mod lockdown;
mod new_password;
pub mod profile;
pub mod promote;
pub mod reset;
pub mod revoke_tokens;
pub mod sandbox;
pub mod tokens;
pub mod unlock;
pub mod verify;

use std::cell::OnceCell;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};

use crate::attach::{Process, Request};
use crate::cli::{Cli, OutputFormat, PasswordOpts, SafetyOpts};
use crate::db::url::{self, GATEWAY_DEFAULT_URL};
use crate::db::{ConnectSettings, Database, Opening, Target, UrlSource};
use crate::exit::{DATABASE, Failure, USAGE};
use crate::password::hash::{Argon2Config, CostInput};
use crate::password::input::Source;
use crate::password::scheme::{Hasher, Params, Scheme as _};
use crate::schema::admins::AdminRule;
use crate::schema::{Field, LoginRules, Profile, UsersTable, release};
use crate::settings::{EnvFile, Settings};

/// Everything a command needs from the command line and the environment, validated.
pub struct Context {
    pub settings: Settings,
    pub target: Target,
    pub connect: ConnectSettings,
    pub table: Option<String>,
    /// `--profile-file` or `BREAKGLASS_PROFILE` (environment or .env) naming a file.
    pub profile_file: Option<PathBuf>,
    /// `--profile NAME` or `BREAKGLASS_PROFILE` naming a built-in profile. Neither this nor a
    /// file: ContextForge.
    pub profile_name: Option<String>,
    /// The profile file's value was a bare word (`BREAKGLASS_PROFILE=gittea`): when no such
    /// file exists, it is reported as an unknown built-in name.
    profile_value_is_a_name: bool,
    /// The profile once read: the audit target, the hasher and the workspace all need it.
    profile: OnceCell<Profile>,
    /// The profile breakglass recognised from the tables, when none was named.
    recognised: OnceCell<String>,
    /// Why the database could not be opened while recognising (exit code, message): the
    /// command reports it without waiting for the server a second time.
    unopened: OnceCell<(u8, String)>,
    pub output: OutputFormat,
    pub quiet: bool,
    /// -v: the whole audit record on stderr, a change's columns after its confirmation.
    pub verbose: bool,
    pub safety: Safety,
    /// `--attach`: the process whose settings these are, with its executable.
    pub attached: Option<String>,
}

/// The validated safety options of a change.
#[derive(Debug, Clone)]
pub struct Safety {
    pub yes: bool,
    pub dry_run: bool,
    pub reason: Option<String>,
    pub force: bool,
    pub audit_log: Option<std::path::PathBuf>,
    pub app_audit: bool,
}

impl Safety {
    fn from_opts(opts: &SafetyOpts) -> Safety {
        Safety {
            yes: opts.yes,
            dry_run: opts.dry_run,
            reason: opts
                .reason
                .clone()
                .filter(|reason| !reason.trim().is_empty()),
            force: opts.force,
            audit_log: opts
                .audit_log
                .clone()
                .filter(|path| !path.as_os_str().is_empty()),
            app_audit: !opts.no_app_audit,
        }
    }
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Result<Context> {
        let cwd = std::env::current_dir().context("reading the current directory")?;
        let env_file = match (&cli.connect.env_file, cli.connect.no_env_file) {
            (Some(path), _) => EnvFile::Path(path.clone()),
            (None, true) => EnvFile::None,
            (None, false) => EnvFile::Default,
        };
        let attached = match &cli.connect.attach {
            Some(raw) => Some(attach(
                Request::parse(raw)?,
                &env_file,
                cli.connect.profile.as_deref(),
            )?),
            None => None,
        };
        let settings = match &attached {
            Some(process) => Settings::of_process(process, &env_file)?,
            None => Settings::load(&env_file, &cwd)?,
        };
        // The flag and the process environment come as given (through clap); .env is read
        // relative to the current directory (the application's, when attached).
        let settings_dir = attached
            .as_ref()
            .map_or_else(|| cwd.clone(), |process| process.through_root(&process.cwd));
        let chosen = cli.connect.profile_file.clone().or_else(|| {
            settings
                .get("BREAKGLASS_PROFILE")
                .map(|path| settings_dir.join(path))
        });
        // No / and no .toml: what was meant is a built-in's name, even when no built-in has it.
        let profile_value_is_a_name = cli
            .connect
            .profile_file
            .as_ref()
            .map(|path| path.to_string_lossy().into_owned())
            .or_else(|| settings.get("BREAKGLASS_PROFILE").map(str::to_owned))
            .is_some_and(|value| !value.contains('/') && !value.ends_with(".toml"));
        // A value naming a built-in profile means it, unless a file of that name is here.
        let (profile_name, profile_file) = match (&cli.connect.profile, chosen) {
            (Some(name), _) => (Some(name.clone()), None),
            (None, Some(path)) if !path.is_file() && builtin_name(&path).is_some() => {
                (builtin_name(&path), None)
            }
            (None, path) => (None, path),
        };
        // The flag and the process environment (through clap) come first, then .env, then
        // the application's own variable (AIRFLOW__DATABASE__SQL_ALCHEMY_CONN in its container).
        let app_url = match &profile_file {
            Some(_) => None,
            None => crate::schema::builtin::database_url(profile_name.as_deref(), |name| {
                settings.get(name)
            }),
        };
        let variable = |name: &str| UrlSource {
            name: name.to_owned(),
            place: settings.place(name),
        };
        // clap fills the flag from DATABASE_URL too; the flag wins when both are given. When
        // attached, this shell's DATABASE_URL is not the application's: only the flag counts.
        let from_shell = |url: &String| std::env::var("DATABASE_URL").is_ok_and(|set| &set == url);
        let flag = cli
            .connect
            .database_url
            .as_ref()
            .filter(|url| attached.is_none() || !from_shell(url));
        let (raw_url, url_source) = match (flag, &app_url) {
            (Some(url), _) if from_shell(url) => (url.as_str(), variable("DATABASE_URL")),
            (Some(url), _) => (url.as_str(), UrlSource::flag()),
            (None, _) if settings.get("DATABASE_URL").is_some() => (
                settings.get("DATABASE_URL").unwrap_or_default(),
                variable("DATABASE_URL"),
            ),
            (None, Some((name, url))) => (*url, variable(name)),
            (None, None) => (
                GATEWAY_DEFAULT_URL,
                UrlSource {
                    name: format!("the default URL {GATEWAY_DEFAULT_URL} (no DATABASE_URL is set)"),
                    place: None,
                },
            ),
        };
        // The application's own URL names its files as it sees them: from its working
        // directory, in its root.
        let through = attached
            .as_ref()
            .filter(|_| url_source != UrlSource::flag());
        let target = url::parse(raw_url, through.map_or(&cwd, |process| &process.cwd))
            .map_err(|error| Failure::error(DATABASE, format!("{} ({url_source})", error.0)))?;
        let target = match (target, through) {
            (Target::Sqlite { path }, Some(process)) => Target::Sqlite {
                path: process.sqlite_file(&path)?,
            },
            (target, _) => target,
        };
        let attached = attached.map(|process| process.described());
        Ok(Context {
            settings,
            target,
            connect: ConnectSettings {
                connect_timeout: Duration::from_secs(cli.connect.connect_timeout),
                lock_timeout: Duration::from_secs(cli.connect.lock_timeout),
                url_source,
                announce_waits: !cli.output.quiet,
            },
            table: cli.connect.table.clone(),
            profile_file,
            profile_name,
            profile_value_is_a_name,
            profile: OnceCell::new(),
            recognised: OnceCell::new(),
            unopened: OnceCell::new(),
            output: cli.output.output,
            quiet: cli.output.quiet,
            verbose: cli.output.verbose,
            safety: Safety::from_opts(&cli.safety),
            attached,
        })
    }

    /// The key as the profile's application stores it (for the audit record's target);
    /// trimmed only when the profile cannot be read, which the command reports itself.
    pub fn normalize_key(&self, key: &str) -> String {
        self.profile()
            .map(|profile| profile.normalize.apply(key))
            .unwrap_or_else(|_| key.trim().to_owned())
    }

    /// The schema profile in effect, `--table` applied.
    pub fn profile(&self) -> Result<Profile> {
        if let Some(profile) = self.profile.get() {
            return Ok(profile.clone());
        }
        let profile = match (&self.profile_name, &self.profile_file) {
            (Some(name), _) => crate::schema::builtin::find(name)
                .ok_or_else(|| no_such_profile(name, "--profile-file PATH for your own"))?,
            // BREAKGLASS_PROFILE=gittea: a name mistyped, not a file to look for.
            (None, Some(path)) if !path.exists() && self.profile_value_is_a_name => {
                let name = path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .unwrap_or("");
                return Err(no_such_profile(
                    name,
                    "BREAKGLASS_PROFILE=PATH (with a / or .toml) for your own file",
                ));
            }
            (None, Some(path)) => Profile::load(path)?,
            (None, None) => Profile::contextforge(),
        };
        let profile = profile.with_table(self.table.as_deref());
        Ok(self.profile.get_or_init(|| profile).clone())
    }

    /// With no profile named and no ContextForge users table, recognises the application from
    /// its tables among the built-in profiles. Two matches: exit 4 naming both; none: the
    /// ContextForge profile stays, and its missing table is reported as before (exit 7).
    pub async fn recognise(&self) -> Result<()> {
        if self.profile_name.is_some()
            || self.profile_file.is_some()
            || self.table.is_some()
            || self.profile.get().is_some()
        {
            return Ok(());
        }
        let mut db = match self.open(Opening::Existing).await {
            Ok(db) => db,
            Err(error) => {
                let _ = self
                    .unopened
                    .set((crate::exit::code_for(&error), crate::exit::describe(&error)));
                return Err(error);
            }
        };
        let default = Profile::contextforge();
        if db.has_table(&default.table).await? {
            return db.close().await;
        }
        let found =
            crate::schema::detect::candidates(&mut db, crate::schema::builtin::all()).await?;
        db.close().await?;
        match found.as_slice() {
            [] => Ok(()),
            [one] => {
                let _ = self.recognised.set(format!(
                    "profile {} (recognised from table {}; --profile NAME to choose another)",
                    one.name, one.table
                ));
                let _ = self.profile.set(one.clone());
                Ok(())
            }
            several => {
                let names: Vec<String> = several
                    .iter()
                    .map(|profile| format!("{} (table {})", profile.name, profile.table))
                    .collect();
                Err(Failure::error(
                    crate::exit::AMBIGUOUS,
                    format!(
                        "this database holds the tables of more than one application: {}; \
                         say which with --profile {} (or BREAKGLASS_PROFILE)",
                        names.join(" and "),
                        several[0].name
                    ),
                ))
            }
        }
    }

    pub async fn open(&self, opening: Opening) -> Result<Database> {
        if let (Opening::Existing, Some((code, message))) = (&opening, self.unopened.get()) {
            return Err(Failure::error(*code, message.clone()));
        }
        Database::open(self.target.clone(), &self.connect, opening).await
    }

    /// An informational line on stderr; `-q` silences it.
    pub fn info(&self, line: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }
    }

    /// A warning on stderr; never silenced.
    pub fn warn(&self, line: &str) {
        let warning = crate::output::label("warning:", crate::output::Tone::Caution);
        let _ = writeln!(std::io::stderr().lock(), "{warning} {line}");
    }

    /// Whether this command's text on stdout may be coloured: a table on a terminal, never
    /// JSON or CSV.
    pub fn colors_stdout(&self) -> bool {
        self.output == OutputFormat::Table && crate::output::colors(crate::output::Stream::Stdout)
    }
}

/// The process `--attach` names, or with auto the one whose environment or .env sets a
/// variable the application reads its database URL from (the named profile's, or any
/// built-in's, and DATABASE_URL).
fn attach(request: Request, env_file: &EnvFile, profile: Option<&str>) -> Result<Process> {
    if let Request::Pid(pid) = request {
        return Process::read(pid);
    }
    let mut variables = vec!["DATABASE_URL".to_owned()];
    for builtin in crate::schema::builtin::all() {
        if profile.is_none_or(|name| builtin.name == name) {
            for variable in builtin.database_url_env {
                if !variables.contains(&variable) {
                    variables.push(variable);
                }
            }
        }
    }
    // A file named with --env-file is breakglass's, the same for every process: not a sign.
    let scanned = match env_file {
        EnvFile::Path(_) => &EnvFile::Default,
        other => other,
    };
    let carries = |process: &Process| {
        Settings::of_process(process, scanned).is_ok_and(|settings| {
            variables
                .iter()
                .any(|variable| settings.get(variable).is_some())
        })
    };
    crate::attach::find(carries, &variables.join(" or "))
}

/// The built-in profile a BREAKGLASS_PROFILE value names (its last path part, for a value
/// from .env joined to the current directory).
/// Exit 2 for a profile name breakglass does not have, with the nearest and every name.
fn no_such_profile(name: &str, own: &str) -> anyhow::Error {
    let names: Vec<&str> = crate::schema::builtin::names().collect();
    let near = crate::suggest::did_you_mean(&crate::suggest::nearest(name, names.iter().copied()))
        .map(|question| format!(" ({question})"))
        .unwrap_or_default();
    Failure::error(
        USAGE,
        format!(
            "there is no built-in profile '{name}'{near}; the built-in ones are {} \
             (breakglass profile list), or pass {own}",
            names.join(", ")
        ),
    )
}

fn builtin_name(path: &std::path::Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    crate::schema::builtin::find(name).map(|_| name.to_owned())
}

impl PasswordOpts {
    pub fn source(&self) -> Source {
        if self.password_stdin {
            Source::Stdin
        } else if let Some(path) = &self.password_file {
            Source::File(path.clone())
        } else if let Some(name) = &self.password_env {
            Source::Env(name.clone())
        } else {
            Source::Prompt
        }
    }
}

/// An open database with its users table found and the gateway's rules loaded.
pub struct Workspace {
    pub db: Database,
    pub table: UsersTable,
    pub rules: LoginRules,
    pub admins: AdminRule,
    pub now: DateTime<Utc>,
    /// The application's schema revision, where it records one.
    pub revision: Option<String>,
    /// The profile recognised from the tables, when none was named (for the banner).
    pub recognised: Option<String>,
    /// `--attach`: the process and where the URL came from (for the banner).
    pub attached: Option<String>,
}

impl Workspace {
    /// Opens the database, checks the users table and says on stderr which database this is.
    pub async fn open(context: &Context) -> Result<Workspace> {
        Workspace::open_with_banner(context, !context.quiet).await
    }

    /// As [`Workspace::open`]; the banner on stderr only when `banner` is true.
    pub async fn open_with_banner(context: &Context, banner: bool) -> Result<Workspace> {
        let profile = context.profile()?;
        // Settings the application cannot read are refused before the database is opened.
        LoginRules::for_profile(&profile, &context.settings)?;
        let mut db = context.open(Opening::Existing).await?;
        let mut table = UsersTable::bind(&mut db, profile).await?;
        let revision = table.revision(&mut db).await?;
        let release = revision.as_deref().and_then(|revision| {
            release::recognise(table.profile.extras().releases(), revision, table.columns())
        });
        if let (Some(release), Some(revision)) = (release, &revision) {
            table.set_release(format!("{}, revision {revision}", release.label()));
        }
        let rules = LoginRules::for_release(&table.profile, &context.settings, release)?;
        let now = crate::db::value::now();
        let admins = AdminRule::load(&mut db, &table, &rules, now).await?;
        let mut workspace = Workspace {
            db,
            table,
            rules,
            admins,
            now,
            revision,
            recognised: context.recognised.get().cloned(),
            attached: context
                .attached
                .as_ref()
                .map(|process| format!("attached to {process}; {}", context.connect.url_source)),
        };
        if banner {
            let banner = workspace.banner().await?;
            context.info(&banner);
        }
        Ok(workspace)
    }

    /// The revision and the release it names: "revision c7e91a2b4d60 (gateway 1.1.0)".
    pub fn revision_label(&self) -> Option<String> {
        let revision = self.revision.as_deref()?;
        Some(match self.rules.release {
            Some(release) => format!("revision {revision} ({})", release.describe()),
            None => format!("revision {revision}"),
        })
    }

    /// The reason a change demand cannot be stored, when the table has no column for it:
    /// an error (exit 7) when `--must-change` was asked for explicitly, otherwise a note.
    pub fn change_demand_note(&self, explicit: bool, wanted: bool) -> Result<Option<String>> {
        if !wanted || self.table.column_sql(Field::ChangeRequired).is_some() {
            return Ok(None);
        }
        let Some(release) = self.rules.release else {
            return Ok(None);
        };
        let column = self
            .table
            .profile
            .column(Field::ChangeRequired)
            .unwrap_or("password_change_required");
        let what = format!(
            "{} has no {column} column: {} cannot be told to demand a password change, \
             so the user keeps this password",
            release.label(),
            self.rules.app
        );
        if explicit {
            return Err(Failure::error(
                DATABASE,
                format!(
                    "--must-change cannot work: {what}; run again without --must-change (nothing was changed)"
                ),
            ));
        }
        Ok(Some(what))
    }

    async fn banner(&mut self) -> Result<String> {
        let mut line = format!("database: {}", self.db.describe().await?);
        if let Some(revision) = self.revision_label() {
            line.push_str(&format!(", {revision}"));
        }
        let users = self.table.count(&mut self.db, None).await?;
        let (condition, params) = self.admins.condition(&self.table, 0);
        let admins = self
            .table
            .count(&mut self.db, Some((&condition, &params)))
            .await?;
        line.push_str(&format!(
            "; {} in {}, {}",
            crate::output::counted(users, "user"),
            self.table.profile.table,
            crate::output::counted(admins, "admin")
        ));
        if let Some(recognised) = &self.recognised {
            line.push_str(&format!("; {recognised}"));
        }
        if let Some(attached) = &self.attached {
            line.push_str(&format!("; {attached}"));
        }
        Ok(line)
    }

    pub async fn close(self) -> Result<()> {
        self.db.close().await
    }
}

/// How new passwords are hashed for `profile`. ContextForge's Argon2 parameters come from
/// `flags`, then the gateway's ARGON2ID_* settings; another application's from `flags`, then
/// its profile.
pub fn hasher(context: &Context, profile: &Profile, flags: [Option<&str>; 3]) -> Result<Hasher> {
    let hasher = profile.hash;
    // Other schemes' parameters come from the profile alone.
    if hasher.name() != crate::password::hash::Argon2id.name() {
        return Ok(hasher);
    }
    let config = if profile.extras().argon2_from_environment() {
        argon2_config(&context.settings, flags)?
    } else if flags.iter().all(Option::is_none) {
        return Ok(hasher);
    } else {
        argon2_config(&Settings::default(), flags)?
    };
    Ok(Hasher {
        params: Params::Argon2(config),
        ..hasher
    })
}

/// The application's pepper when the profile names one (Devise's `config.pepper`): read
/// before anything is asked or written, so that a missing variable changes nothing.
pub fn pepper(profile: &Profile) -> Result<Option<crate::password::pepper::Pepper>> {
    profile
        .pepper_env
        .as_deref()
        .map(crate::password::pepper::Pepper::from_env)
        .transpose()
}

/// Argon2 parameters: flags (time, memory, parallelism) first, then the gateway's own
/// ARGON2ID_* settings, then its defaults. Bad values are usage errors naming their source.
pub fn argon2_config(settings: &Settings, flags: [Option<&str>; 3]) -> Result<Argon2Config> {
    let names = [
        ("--time-cost", "ARGON2ID_TIME_COST"),
        ("--memory-cost", "ARGON2ID_MEMORY_COST"),
        ("--parallelism", "ARGON2ID_PARALLELISM"),
    ];
    let [time, memory, lanes] = std::array::from_fn(|i| {
        let (flag, variable) = names[i];
        match flags[i] {
            Some(value) => Some(CostInput {
                value,
                origin: flag,
            }),
            None => settings.get(variable).map(|value| CostInput {
                value,
                origin: variable,
            }),
        }
    });
    Argon2Config::from_inputs(time, memory, lanes).map_err(|message| Failure::error(USAGE, message))
}
