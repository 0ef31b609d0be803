//! Where a password comes from: a hidden prompt, stdin, a file or a variable.
//! Never the command line. The same checks apply to every source.

use std::io::{self, IsTerminal, Read};
use std::path::PathBuf;

use anyhow::Result;
use zeroize::Zeroizing;

use super::Secret;
use crate::exit::{DECLINED, Failure, REFUSED};

/// Longer than any real password; the cap keeps a runaway pipe from eating memory.
pub const MAX_PASSWORD_BYTES: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Ask on the terminal (only when stdin and stderr are both terminals).
    Prompt,
    Stdin,
    File(PathBuf),
    Env(String),
}

/// Whether the password is being set (asked twice) or checked (asked once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Set,
    Check,
}

pub fn read(source: &Source, purpose: Purpose) -> Result<Secret> {
    let raw = match source {
        Source::Prompt => return prompt(purpose),
        Source::Stdin => read_capped(io::stdin().lock(), "standard input")?,
        Source::File(path) if path.as_os_str() == "-" => {
            read_capped(io::stdin().lock(), "standard input")?
        }
        Source::File(path) => {
            let file = std::fs::File::open(path).map_err(|error| {
                Failure::error(
                    REFUSED,
                    format!("cannot read the password file {}: {error}", path.display()),
                )
            })?;
            read_capped(file, &format!("the password file {}", path.display()))?
        }
        Source::Env(name) => match std::env::var_os(name) {
            Some(value) => Zeroizing::new(value.into_encoded_bytes()),
            None => {
                return Err(Failure::error(
                    REFUSED,
                    format!("the environment variable {name} named by --password-env is not set"),
                ));
            }
        },
    };
    let trimmed = strip_one_newline(&raw);
    validate(trimmed)
}

fn read_capped(reader: impl Read, what: &str) -> Result<Zeroizing<Vec<u8>>> {
    let mut buffer = Zeroizing::new(Vec::new());
    reader
        .take(MAX_PASSWORD_BYTES as u64 + 2)
        .read_to_end(&mut buffer)
        .map_err(|error| {
            Failure::error(
                REFUSED,
                format!("cannot read the password from {what}: {error}"),
            )
        })?;
    Ok(buffer)
}

/// `echo pw |` and files written by editors end in one newline that is not part of it.
fn strip_one_newline(raw: &[u8]) -> &[u8] {
    let without_lf = raw.strip_suffix(b"\n").unwrap_or(raw);
    if without_lf.len() < raw.len() {
        without_lf.strip_suffix(b"\r").unwrap_or(without_lf)
    } else {
        raw
    }
}

/// The checks every password passes before any policy: they hold even with a policy skipped.
pub fn validate(bytes: &[u8]) -> Result<Secret> {
    let refuse = |why: &str| Err(Failure::error(REFUSED, format!("the password {why}")));
    if bytes.is_empty() {
        return refuse("is empty");
    }
    if bytes.len() > MAX_PASSWORD_BYTES {
        return refuse(&format!("is longer than {MAX_PASSWORD_BYTES} bytes"));
    }
    if bytes.contains(&0) {
        return refuse("contains a NUL byte, which no login form can carry");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Secret::new(text.to_owned())),
        Err(_) => refuse("is not valid UTF-8 text"),
    }
}

/// One hidden entry; Ctrl-D on it is the operator backing out (exit 11), said on a line of its
/// own rather than after the prompt.
fn ask(label: &str) -> Result<String> {
    rpassword::prompt_password(label)
        .inspect_err(crate::terminal::yield_to_interrupt)
        .map_err(|error| {
            if error.kind() == io::ErrorKind::UnexpectedEof {
                eprintln!();
                Failure::error(DECLINED, "no password entered: nothing was changed")
            } else {
                anyhow::Error::new(error).context("reading the password")
            }
        })
}

fn require_terminal() -> Result<()> {
    if io::stdin().is_terminal() && io::stderr().is_terminal() {
        return Ok(());
    }
    Err(Failure::error(
        REFUSED,
        "no terminal to ask for the password on; pass it with --password-stdin, \
         --password-file PATH or --password-env VAR",
    ))
}

fn prompt(purpose: Purpose) -> Result<Secret> {
    require_terminal()?;
    let first = Zeroizing::new(ask("Password: ")?);
    let secret = validate(first.as_bytes())?;
    if purpose == Purpose::Set {
        let again = Zeroizing::new(ask("Repeat password: ")?);
        if again.as_str() != secret.expose() {
            return Err(mismatch());
        }
    }
    Ok(secret)
}

/// How many times a terminal prompt asks for a new password before giving up, as passwd does.
pub const TRIES: usize = 3;

/// Why a new password is not taken: `reason` is shown before another try on a terminal;
/// when no try is left (or the password came from a pipe, file or variable) the command
/// ends with the reason, "nothing was changed" and `advice`.
#[derive(Debug)]
pub struct Rejection {
    pub reason: String,
    pub advice: &'static str,
}

impl Rejection {
    pub fn into_error(self) -> anyhow::Error {
        Failure::error(
            REFUSED,
            format!("{}; nothing was changed{}", self.reason, self.advice),
        )
    }
}

/// A new password, taken only once `accept` agrees. On a terminal the operator sees `rule`
/// first and gets `TRIES` tries, a refused or mistyped entry costing one; any other source
/// is read once and refused at once.
pub fn read_new(
    source: &Source,
    rule: Option<&str>,
    accept: impl Fn(&Secret) -> Result<(), Rejection>,
) -> Result<Secret> {
    if *source != Source::Prompt {
        let secret = read(source, Purpose::Set)?;
        accept(&secret).map_err(Rejection::into_error)?;
        return Ok(secret);
    }
    require_terminal()?;
    if let Some(rule) = rule {
        eprintln!("{rule}");
    }
    let mut tries_left = TRIES;
    loop {
        tries_left -= 1;
        let last = tries_left == 0;
        let first = Zeroizing::new(ask("New password: ")?);
        let refusal = match validate(first.as_bytes()) {
            Err(error) if last => return Err(error),
            Err(error) => error.to_string(),
            Ok(secret) => match accept(&secret) {
                Err(rejection) if last => return Err(rejection.into_error()),
                Err(rejection) => rejection.reason,
                Ok(()) => {
                    let again = Zeroizing::new(ask("Retype new password: ")?);
                    if again.as_str() == secret.expose() {
                        return Ok(secret);
                    }
                    if last {
                        return Err(mismatch());
                    }
                    "the two passwords differ".to_owned()
                }
            },
        };
        let tries = if tries_left == 1 { "try" } else { "tries" };
        eprintln!("{refusal}");
        eprintln!("try again ({tries_left} {tries} left), or Ctrl-C and use --generate");
    }
}

fn mismatch() -> anyhow::Error {
    Failure::error(
        REFUSED,
        "the two passwords differ; nothing was changed, run the command again",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::code_for;

    fn refused(bytes: &[u8]) -> String {
        let error = validate(bytes).expect_err("should be refused");
        assert_eq!(code_for(&error), REFUSED);
        error.to_string()
    }

    #[test]
    fn exactly_one_trailing_newline_is_stripped() {
        assert_eq!(strip_one_newline(b"pw\n"), b"pw");
        assert_eq!(strip_one_newline(b"pw\r\n"), b"pw");
        assert_eq!(strip_one_newline(b"pw\n\n"), b"pw\n");
        assert_eq!(strip_one_newline(b"pw\r"), b"pw\r");
        assert_eq!(strip_one_newline(b"pw"), b"pw");
    }

    #[test]
    fn unusable_passwords_are_refused_with_the_reason() {
        assert!(refused(b"").contains("empty"));
        assert!(refused(b"a\0b").contains("NUL"));
        assert!(refused(&[0xff, 0xfe]).contains("UTF-8"));
        assert!(refused(&vec![b'a'; MAX_PASSWORD_BYTES + 1]).contains("longer"));
        assert_eq!(
            validate("Grüße-aus-Köln".as_bytes())
                .expect("valid")
                .expose(),
            "Grüße-aus-Köln"
        );
    }

    #[test]
    fn refusals_never_echo_the_password() {
        assert!(!refused(b"hunter2\0").contains("hunter2"));
    }
}
