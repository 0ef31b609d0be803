//! Ctrl-C and SIGTERM at any moment leave the terminal usable and the database as it was.
//!
//! A hidden password prompt turns the terminal's echo off and the confirmation hides the
//! cursor; the default action of SIGINT would end the process with both still in effect.
//! This handler puts the terminal back and exits 130 (143 for SIGTERM). An open transaction
//! was never committed: the server rolls it back when the connection drops, and SQLite's
//! journal does when the file is next opened.

use std::fs::File;
use std::io::Write;
use std::sync::Mutex;

use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// The controlling terminal as it was before breakglass touched it.
static SAVED: Mutex<Option<(File, Termios)>> = Mutex::new(None);

/// Remembers the terminal's settings and handles SIGINT and SIGTERM from now on.
pub fn install() {
    if let Ok(tty) = File::options().read(true).write(true).open("/dev/tty")
        && let Ok(settings) = tcgetattr(&tty)
        && let Ok(mut saved) = SAVED.lock()
    {
        *saved = Some((tty, settings));
    }
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            let code = 128 + signal;
            let name = if signal == SIGINT {
                "SIGINT"
            } else {
                "SIGTERM"
            };
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(
                stderr,
                "\ninterrupted; whatever this command had not committed is rolled back by the database"
            );
            if let Some(summary) =
                crate::audit::record_interruption(name, u8::try_from(code).unwrap_or(u8::MAX))
            {
                let _ = writeln!(stderr, "{summary}");
            }
            std::process::exit(code);
        }
    });
}

/// A prompt's read came back with EINTR: the signal thread is ending the process with the
/// right exit code and message; let it, instead of reporting a second error.
pub fn yield_to_interrupt(error: &std::io::Error) {
    if error.kind() == std::io::ErrorKind::Interrupted {
        std::thread::sleep(std::time::Duration::from_secs(5));
    }
}

fn restore() {
    if let Ok(saved) = SAVED.lock()
        && let Some((tty, settings)) = saved.as_ref()
    {
        let _ = tcsetattr(tty, OptionalActions::Now, settings);
        // Show the cursor again (the confirmation prompt hides it).
        let mut tty = tty;
        let _ = tty.write_all(b"\x1b[?25h");
    }
}
