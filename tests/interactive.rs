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
        screen.contains("New password: \r\n")
            && screen.contains("declined (exit 11)")
            && screen.contains("no password entered: nothing was changed")
            && !screen.contains("error:"),
        "{screen:?}"
    );
    assert_eq!(db.snapshot(), snapshot);
}

/// Where `needle` first shows on the screen, failing with the screen when it does not.
fn position(screen: &str, needle: &str) -> usize {
    screen
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not on the screen: {screen}"))
}

#[test]
fn a_refused_password_on_a_terminal_can_be_typed_again() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9"));
    let before = db.row("a@example.com")["password_hash"].clone();
    let (code, screen) = on_terminal(
        &db,
        &["reset", "a@example.com", "--yes"],
        &[
            "weak\n",
            "Fresh-Mango-Lantern-4\n",
            "Fresh-Mango-Lantern-4\n",
        ],
    );
    assert_eq!(code, 0, "{screen}");
    let rule = position(&screen, "the password: at least 12 characters");
    let first_prompt = position(&screen, "New password:");
    let refused = position(&screen, "Password must be at least 12 characters long");
    let again = position(
        &screen,
        "try again (2 tries left), or Ctrl-C and use --generate",
    );
    let retype = position(&screen, "Retype new password:");
    assert!(
        rule < first_prompt && first_prompt < refused && refused < again && again < retype,
        "{screen}"
    );
    assert_eq!(
        screen.matches("Retype new password:").count(),
        1,
        "{screen}"
    );
    assert!(
        !screen.contains("weak") && !screen.contains("Fresh-Mango"),
        "the password is not echoed: {screen}"
    );
    assert_ne!(db.row("a@example.com")["password_hash"], before);
}

#[test]
fn three_refused_passwords_end_the_command_and_write_nothing() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9"));
    let snapshot = db.snapshot();
    // Weak, then the current password (refused before it is retyped), then weak again.
    let (code, screen) = on_terminal(
        &db,
        &["reset", "a@example.com", "--yes"],
        &["weak\n", "Right-Horse-Battery-9\n", "weak\n"],
    );
    assert_eq!(code, 8, "{screen}");
    assert!(
        screen.contains("try again (2 tries left)")
            && screen.contains("New password must be different from current password")
            && screen.contains("try again (1 try left)")
            && screen.contains(
                "the password policy refuses this password: Password must be at least 12 characters \
                 long (user account)"
            )
            && screen.contains("nothing was changed (choose another, use --generate")
            && !screen.contains("Retype new password:")
            && !screen.contains("Right-Horse"),
        "{screen}"
    );
    assert_eq!(screen.matches("New password:").count(), 3, "{screen}");
    assert_eq!(db.snapshot(), snapshot);
}

#[test]
fn a_mistyped_retype_starts_again_at_the_first_prompt() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9"));
    let before = db.row("a@example.com")["password_hash"].clone();
    let (code, screen) = on_terminal(
        &db,
        &["reset", "a@example.com", "--yes"],
        &[
            "Fresh-Mango-Lantern-4\n",
            "Fresh-Mango-Lantren-4\n",
            "Fresh-Mango-Lantern-4\n",
            "Fresh-Mango-Lantern-4\n",
        ],
    );
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains("the two passwords differ\r\ntry again (2 tries left)"),
        "{screen:?}"
    );
    assert_eq!(screen.matches("New password:").count(), 2, "{screen}");
    assert_ne!(db.row("a@example.com")["password_hash"], before);
}

#[test]
fn the_rule_shown_first_follows_the_users_role_and_skip_policy_shows_none() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9"));
    db.insert(&user("root@example.com", "Right-Horse-Battery-9-Admin").admin());
    let snapshot = db.snapshot();
    let rule_for = |email: &str, extra: &[&str]| {
        let mut args = vec!["reset", email];
        args.extend_from_slice(extra);
        let line = format!(
            "PASSWORD_MIN_LENGTH_USER=14 PASSWORD_MIN_LENGTH_PRIVILEGED=26 {}",
            quoted(&args)
        );
        // Ctrl-D at the first prompt: the rule has been shown by then.
        let (code, screen) = run_script(&db, &line, &["\u{4}"]);
        assert_eq!(code, 11, "{screen}");
        assert!(screen.contains("New password:"), "{screen}");
        screen
    };
    let user_screen = rule_for("a@example.com", &[]);
    assert!(
        user_screen.contains("the password: at least 14 characters (not an admin), 3 of"),
        "{user_screen}"
    );
    let admin_screen = rule_for("root@example.com", &[]);
    assert!(
        admin_screen.contains("the password: at least 26 characters (an admin), 3 of"),
        "{admin_screen}"
    );
    let skipped = rule_for("root@example.com", &["--skip-policy"]);
    assert!(!skipped.contains("the password:"), "{skipped}");
    assert_eq!(db.snapshot(), snapshot);
}

/// After a confirmed plan: one result line, the login judged, a short audit line; -v gives the
/// columns again and the whole record.
#[test]
fn a_confirmed_change_says_it_once_and_verbose_says_more() {
    let db = TestDb::new(Engine::Sqlite);
    db.insert(&user("a@example.com", "Right-Horse-Battery-9").locked(30));
    let audit = db.dir.path().join("audit.jsonl");
    let audit = audit.display().to_string();
    let (code, screen) = on_terminal(
        &db,
        &["unlock", "a@example.com", "--audit-log", &audit],
        &["y\n"],
    );
    assert_eq!(code, 0, "{screen}");
    let result = screen
        .split("unlock a@example.com: committed")
        .nth(1)
        .expect("committed");
    assert!(
        result.contains("login: logs in")
            && !result.contains("failed_login_attempts")
            && result.contains(&format!("audit: committed (exit 0), recorded in {audit}")),
        "{screen}"
    );
    db.execute("UPDATE email_users SET failed_login_attempts = 5", &[]);
    let (code, screen) = on_terminal(
        &db,
        &["unlock", "a@example.com", "--audit-log", &audit, "-v"],
        &["y\n"],
    );
    assert_eq!(code, 0, "{screen}");
    let result = screen
        .split("unlock a@example.com: committed")
        .nth(1)
        .expect("committed");
    assert!(
        result.contains("failed_login_attempts: 5 -> 0")
            && result.contains("unlock a@example.com on SQLite"),
        "{screen}"
    );
}
