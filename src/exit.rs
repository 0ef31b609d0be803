//! Exit codes: stable, documented in the README, asserted by the tests.
//! Scripts branch on these numbers, so they never change meaning.

use std::fmt;
use std::io::{self, Write};

pub const SUCCESS: u8 = 0;
/// Anything we did not foresee; the message says what happened.
pub const UNEXPECTED: u8 = 1;
/// Bad command line (clap uses 2 as well).
pub const USAGE: u8 = 2;
pub const USER_NOT_FOUND: u8 = 3;
/// Several rows match the email once case and spaces are ignored.
pub const AMBIGUOUS: u8 = 4;
/// verify: the password does not match the stored hash.
pub const PASSWORD_MISMATCH: u8 = 5;
/// verify: the password matches but the gateway would refuse the login,
/// or the stored hash can never match.
pub const LOGIN_REFUSED: u8 = 6;
/// The database cannot be reached or opened, or is not the expected schema.
pub const DATABASE: u8 = 7;
/// Refused: policy, no terminal for a prompt, a guard.
pub const REFUSED: u8 = 8;
/// A lock was not granted in time; nothing was changed and it is safe to retry.
pub const BUSY: u8 = 9;
/// doctor: no admin can log in (every one is locked, inactive, without a usable password,
/// or password login is off); the report says what to type.
pub const NO_ADMIN_CAN_LOG_IN: u8 = 10;
/// The operator said no: declined the confirmation, or ended input (Ctrl-D) at a prompt.
/// Nothing was changed; not an error, so it is said without "error:".
pub const DECLINED: u8 = 11;

/// Every code above with a few words for the help's summary, in order; a new code goes here too
/// (a test checks that the list runs from 0 to the last code without a gap).
pub const MEANINGS: &[(u8, &str)] = &[
    (SUCCESS, "ok"),
    (UNEXPECTED, "unexpected"),
    (USAGE, "usage"),
    (USER_NOT_FOUND, "user not found"),
    (AMBIGUOUS, "ambiguous email"),
    (PASSWORD_MISMATCH, "password mismatch"),
    (LOGIN_REFUSED, "login would be refused"),
    (DATABASE, "database unreachable or wrong schema"),
    (REFUSED, "refused"),
    (BUSY, "database busy (safe to retry)"),
    (NO_ADMIN_CAN_LOG_IN, "doctor: no admin can log in"),
    (DECLINED, "declined, nothing changed"),
];

/// An error whose exit code matters to the caller. Anything else exits 1.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn error(code: u8, message: impl Into<String>) -> anyhow::Error {
        anyhow::Error::new(Failure {
            code,
            message: message.into(),
        })
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The exit code an error chain asks for: the first typed [`Failure`] in it,
/// success for a reader that closed our stdout (`| head`), otherwise 1.
pub fn code_for(error: &anyhow::Error) -> u8 {
    // Finds a Failure attached as context at any depth, as well as a root one.
    if let Some(failure) = error.downcast_ref::<Failure>() {
        return failure.code;
    }
    for cause in error.chain() {
        if let Some(failure) = cause.downcast_ref::<Failure>() {
            return failure.code;
        }
        if let Some(io) = cause.downcast_ref::<io::Error>()
            && io.kind() == io::ErrorKind::BrokenPipe
        {
            return SUCCESS;
        }
    }
    UNEXPECTED
}

/// Prints an error once, with its cause chain, and returns the exit code.
pub fn report(outcome: anyhow::Result<u8>) -> u8 {
    match outcome {
        Ok(code) => code,
        Err(error) => {
            let code = code_for(&error);
            // Nothing sensible is left to do if stderr itself is gone.
            match code {
                SUCCESS => {}
                DECLINED => {
                    let _ = writeln!(io::stderr().lock(), "{}", describe(&error));
                }
                _ => {
                    let error_label = crate::output::label("error:", crate::output::Tone::Bad);
                    let _ = writeln!(io::stderr().lock(), "{error_label} {}", describe(&error));
                }
            }
            code
        }
    }
}

/// The cause chain in one line, each cause once: drivers often repeat their source's
/// text in their own message, and a repeated sentence only slows a reader down.
pub fn describe(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if part.is_empty() || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn typed_failure_survives_added_context() {
        let err = Err::<(), _>(Failure::error(AMBIGUOUS, "two rows"))
            .context("looking up alice")
            .expect_err("fails");
        assert_eq!(code_for(&err), AMBIGUOUS);
    }

    #[test]
    fn repeated_causes_are_printed_once() {
        let inner = anyhow::anyhow!("lock wait timeout");
        let error = inner
            .context("updating: lock wait timeout")
            .context("unlock");
        assert_eq!(describe(&error), "unlock: updating: lock wait timeout");
    }

    #[test]
    fn every_exit_code_has_a_meaning_in_order() {
        let codes: Vec<u8> = MEANINGS.iter().map(|(code, _)| *code).collect();
        let expected: Vec<u8> = (SUCCESS..=DECLINED).collect();
        assert_eq!(codes, expected);
    }

    #[test]
    fn broken_pipe_is_success_and_other_errors_are_unexpected() {
        let pipe = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(code_for(&pipe), SUCCESS);
        assert_eq!(code_for(&anyhow::anyhow!("boom")), UNEXPECTED);
    }
}
