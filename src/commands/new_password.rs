//! A new password for `reset` and `create-admin`: typed, piped or generated, checked
//! against the profile's policy, and shown once after the commit (or written to a new
//! 0600 file before it, so a committed password is never lost).

use std::fs::OpenOptions;
use std::io::{IsTerminal, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::change::Recorder;
use super::{Context, Workspace};
use crate::cli::{NewPasswordArgs, OutputFormat};
use crate::exit::{Failure, REFUSED, USAGE};

use crate::password::Secret;
use crate::password::generate::{DEFAULT_LENGTH, generate};
use crate::password::input::{self, Rejection};
use crate::password::policy::Policy;

/// Where a generated password is shown, decided before anything is changed.
pub enum Delivery {
    Terminal,
    Reveal,
    File(PathBuf),
}

impl Delivery {
    fn choose(args: &NewPasswordArgs) -> Result<Delivery> {
        if let Some(path) = &args.secret_file {
            if path.exists() {
                return Err(Failure::error(
                    REFUSED,
                    format!(
                        "{} already exists and was left untouched; name a new file for --secret-file",
                        path.display()
                    ),
                ));
            }
            return Ok(Delivery::File(path.clone()));
        }
        if args.reveal {
            return Ok(Delivery::Reveal);
        }
        if std::io::stdout().is_terminal() {
            return Ok(Delivery::Terminal);
        }
        Err(Failure::error(
            REFUSED,
            "the generated password would go to a pipe or file; nothing was changed. Pass --secret-file PATH \
             (a new file, mode 0600) or --reveal to print it anyway",
        ))
    }
}

/// The password, where it will be shown, and the secret file written before the commit.
pub struct NewPassword {
    pub password: Secret,
    delivery: Option<Delivery>,
    secret_file: Option<PathBuf>,
}

impl NewPassword {
    /// Checks the flags and where a generated password would go, before anything else.
    pub fn plan(args: &NewPasswordArgs) -> Result<Option<Delivery>> {
        // clap counts a flag's default as present, so `requires = "generate"` cannot say this.
        if !args.generate && (args.length.is_some() || args.secret_file.is_some() || args.reveal) {
            return Err(Failure::error(
                USAGE,
                "--length, --secret-file and --reveal go with --generate; nothing was changed",
            ));
        }
        if args.generate {
            Delivery::choose(args).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Generates a password the policy accepts, or reads one and checks it against the
    /// policy and `not_reused` (both skipped with --skip-policy). On a terminal the rule is
    /// shown first and a refused password can be typed again. No transaction stays open on
    /// the workspace while a prompt waits.
    pub async fn obtain(
        context: &Context,
        workspace: &mut Workspace,
        args: &NewPasswordArgs,
        delivery: Option<Delivery>,
        (policy, key, privileged): (&Policy, &str, bool),
        not_reused: impl Fn(&Secret) -> Result<(), Rejection>,
    ) -> Result<NewPassword> {
        let accept = |password: &Secret| {
            if args.skip_policy {
                return Ok(());
            }
            check_policy(policy, password, key, privileged)?;
            not_reused(password)
        };
        let password = if args.generate {
            let length = args.length.map_or(DEFAULT_LENGTH, usize::from);
            let minimum = policy.min_length(privileged);
            if policy.enabled && !args.skip_policy && length < minimum {
                let kind = if privileged {
                    "a privileged account"
                } else {
                    "a user account"
                };
                return Err(Failure::error(
                    REFUSED,
                    format!(
                        "--length {length} is below the {minimum} characters the password policy asks of {kind}; nothing was changed"
                    ),
                ));
            }
            let password = generate(length, |candidate| {
                args.skip_policy || policy.violations(candidate, key, privileged).is_empty()
            });
            accept(&password).map_err(Rejection::into_error)?;
            password
        } else {
            workspace.db.end_reads().await?;
            let rule = if args.skip_policy {
                None
            } else {
                policy.describe(key, privileged)
            };
            input::read_new(&args.password.source(), rule.as_deref(), accept)?
        };
        if args.skip_policy {
            context.warn("--skip-policy: the password policy and history were not checked");
        }
        Ok(NewPassword {
            password,
            delivery,
            secret_file: None,
        })
    }

    /// Writes the secret file, if that is where the password goes (not on a dry run).
    pub fn write_secret_file(&mut self, context: &Context) -> Result<()> {
        if let (Some(Delivery::File(path)), false) = (&self.delivery, context.safety.dry_run) {
            self.secret_file = Some(write_secret_file(path, &self.password)?);
        }
        Ok(())
    }

    /// After a failed change: a secret file for a password that was never stored goes away.
    pub fn discard(&self) {
        if let Some(path) = &self.secret_file {
            let _ = std::fs::remove_file(path);
        }
    }

    /// After the commit: a generated password is shown once, on the last line (text output;
    /// `recorder` prints it), or the file is noted. Returns the password for the JSON result
    /// when it is shown.
    pub fn show(
        &self,
        context: &Context,
        recorder: &mut Recorder,
        key: &str,
        notes: &mut Vec<String>,
    ) -> Result<Option<&Secret>> {
        if context.safety.dry_run {
            return Ok(None);
        }
        match &self.delivery {
            Some(Delivery::File(path)) => {
                notes.push(format!(
                    "the new password is in {} (mode 0600), and nowhere else",
                    path.display()
                ));
                Ok(None)
            }
            Some(Delivery::Terminal | Delivery::Reveal) => {
                if context.output != OutputFormat::Json {
                    recorder.show_last(Secret::new(format!(
                        "new password for {key} (shown once): {}\n",
                        self.password.expose()
                    )));
                }
                Ok(Some(&self.password))
            }
            None => Ok(None),
        }
    }
}

fn check_policy(
    policy: &Policy,
    password: &Secret,
    key: &str,
    privileged: bool,
) -> Result<(), Rejection> {
    let violations = policy.violations(password.expose(), key, privileged);
    if violations.is_empty() {
        return Ok(());
    }
    Err(Rejection {
        reason: format!(
            "the password policy refuses this password: {}",
            violations.join("; ")
        ),
        advice: " (choose another, use --generate, or --skip-policy in a true emergency)",
    })
}

fn write_secret_file(path: &Path, password: &Secret) -> Result<PathBuf> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|error| {
            Failure::error(
                REFUSED,
                format!(
                    "cannot create the secret file {}: {error}; nothing was changed",
                    path.display()
                ),
            )
        })?;
    let written = file
        .write_all(format!("{}\n", password.expose()).as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(error) = written {
        let _ = std::fs::remove_file(path);
        return Err(Failure::error(
            REFUSED,
            format!(
                "cannot write the secret file {}: {error}; nothing was changed",
                path.display()
            ),
        ));
    }
    Ok(path.to_path_buf())
}
