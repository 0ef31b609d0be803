//! Prompts on a real terminal: `script` gives the binary a pseudo-terminal and we type.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::*;

fn quoted(args: &[&str]) -> String {
    std::iter::once(BIN)
        .chain(args.iter().copied())
        .map(|word| format!("'{}'", word.replace('\'', "'\\''")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs breakglass on a pseudo-terminal, typing each answer after a pause.
pub(crate) fn on_terminal(db: &TestDb, args: &[&str], answers: &[&str]) -> (i32, String) {
    run_script(db, &quoted(args), answers)
}

/// Runs a shell command line on a pseudo-terminal, typing each answer after a pause.
fn run_script(db: &TestDb, command_line: &str, answers: &[&str]) -> (i32, String) {
    let mut child = Command::new("script")
        .args(["-qec", command_line, "/dev/null"])
        .current_dir(db.dir.path())
        .env("DATABASE_URL", db.url())
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) must be installed");
    let mut stdin = child.stdin.take().expect("stdin");
    for answer in answers {
        std::thread::sleep(Duration::from_millis(700));
        stdin.write_all(answer.as_bytes()).expect("type");
        stdin.flush().expect("flush");
    }
    std::thread::sleep(Duration::from_millis(300));
    drop(stdin);
    let output = child.wait_with_output().expect("wait");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn a_change_on_a_terminal_asks_first_and_defaults_to_no() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9").locked(30));
    let snapshot = db.snapshot();
    for declined in ["n\n", "\n"] {
        let (code, screen) = on_terminal(&db, &["unlock", "a@example.com"], &[declined]);
        assert_eq!(code, 11, "{screen}");
        assert!(
            screen.contains("Apply this change to a@example.com?")
                && screen.contains("not confirmed: nothing was changed")
                && !screen.contains("error:"),
            "{screen}"
        );
        assert_eq!(db.snapshot(), snapshot);
    }
    let (code, screen) = on_terminal(&db, &["unlock", "a@example.com"], &["y\n"]);
    assert_eq!(code, 0, "{screen}");
    assert_eq!(
        db.row("a@example.com")["locked_until"],
        breakglass::db::Value::Null
    );
}

#[test]
fn passwords_are_asked_hidden_twice_when_set_once_when_checked() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9"));
    let (code, screen) = on_terminal(
        &db,
        &["verify", "a@example.com"],
        &["Right-Horse-Battery-9\n"],
    );
    assert_eq!(code, 0, "{screen}");
    assert!(
        !screen.contains("Right-Horse-Battery-9"),
        "the password is not echoed: {screen}"
    );

    let (code, screen) = on_terminal(
        &db,
        &["hash-password"],
        &["Typed-Pass-Word-1\n", "Typed-Pass-Word-2\n"],
    );
    assert_eq!(code, 8, "{screen}");
    assert!(screen.contains("the two passwords differ"), "{screen}");
    let (code, screen) = on_terminal(
        &db,
        &["hash-password"],
        &["Typed-Pass-Word-1\n", "Typed-Pass-Word-1\n"],
    );
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("$argon2id$v=19$"), "{screen}");

    // On a terminal a generated password is shown once, on stdout.
    let (code, screen) = on_terminal(&db, &["reset", "a@example.com", "--generate", "--yes"], &[]);
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains("new password for a@example.com (shown once): "),
        "{screen}"
    );
}

#[test]
fn ctrl_c_at_a_prompt_restores_the_terminal_and_changes_nothing() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9").locked(30));
    let snapshot = db.snapshot();
    for args in [
        vec!["verify", "a@example.com"],
        vec!["unlock", "a@example.com"],
        vec!["hash-password"],
    ] {
        // The shell survives the ^C (it has a handler), then shows the terminal's echo setting.
        let line = format!(
            "trap 'true' INT; {}; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -x -e echo -e -echo",
            quoted(&args)
        );
        let (_, screen) = run_script(&db, &line, &["\u{3}"]);
        assert!(screen.contains("exit=130"), "{args:?}: {screen}");
        assert!(screen.contains("interrupted"), "{args:?}: {screen}");
        let echo = screen
            .lines()
            .map(str::trim)
            .rfind(|l| *l == "echo" || *l == "-echo");
        assert_eq!(
            echo,
            Some("echo"),
            "{args:?}: the terminal must echo again: {screen}"
        );
        assert_eq!(db.snapshot(), snapshot);
    }
}

#[test]
fn a_piped_password_is_confirmed_on_the_terminal_and_ctrl_d_backs_out() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9"));
    let snapshot = db.snapshot();
    // The password comes through a pipe; the confirmation is read from the terminal.
    let piped = format!(
        "printf 'Fresh-Mango-Lantern-4' | {}",
        quoted(&[
            "reset",
            "a@example.com",
            "--password-stdin",
            "--no-must-change"
        ])
    );
    let (code, screen) = run_script(&db, &piped, &["n\n"]);
    assert_eq!(code, 11, "{screen}");
    assert!(screen.contains("Apply this change"), "{screen}");
    assert_eq!(db.snapshot(), snapshot);
    let (code, screen) = run_script(&db, &piped, &["y\n"]);
    assert_eq!(code, 0, "{screen}");
    assert_ne!(db.snapshot(), snapshot);

    // Ctrl-D at the password prompt: a clean "no", on a line of its own.
    let snapshot = db.snapshot();
    let (code, screen) = on_terminal(&db, &["reset", "a@example.com"], &["\u{4}"]);
    assert_eq!(code, 11, "{screen}");
    assert!(
        screen.contains("Password: \r\n")
            && screen.contains("declined (exit 11)")
            && screen.contains("no password entered: nothing was changed")
            && !screen.contains("error:"),
        "{screen:?}"
    );
    assert_eq!(db.snapshot(), snapshot);
}
