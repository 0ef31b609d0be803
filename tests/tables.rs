//! Tables that fit the terminal (#23 item 3): list-admins on the sandbox's users at 60, 80 and
//! 160 columns never breaks an email, never draws a line wider than COLUMNS, and turns into one
//! record per block when narrow; ASCII under LC_ALL=C; colour only when asked or on a terminal,
//! and JSON unchanged by any of it. Rendering does not depend on the engine: SQLite only.

use std::path::Path;

use crate::support::*;

const URL: &str = "sqlite:///./mcp.db";
const UTF8: (&str, &str) = ("LANG", "C.UTF-8");
const EMAILS: [&str; 4] = [
    "admin@example.com",
    "dev@example.com",
    "former.staff@example.com",
    "ops.lead@example.com",
];

fn sandbox() -> tempfile::TempDir {
    let dir = temp_dir();
    run_in(dir.path(), &["sandbox", "--database-url", URL], None, &[]).expect_code(0);
    dir
}

fn list(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Run {
    let mut args = vec!["list-admins", "--all-users", "--database-url", URL];
    args.extend_from_slice(extra);
    let run = run_in(dir, &args, None, env);
    run.expect_code(0);
    run
}

fn widest_line(text: &str) -> usize {
    text.lines()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn emails_stay_whole_and_lines_fit_at_60_80_and_160_columns() {
    let dir = sandbox();
    for columns in ["60", "80", "160"] {
        let run = list(dir.path(), &[], &[("COLUMNS", columns), UTF8]);
        let width: usize = columns.parse().expect("number");
        assert!(
            widest_line(&run.stdout) <= width,
            "COLUMNS={columns}:\n{}",
            run.stdout
        );
        for email in EMAILS {
            assert!(
                run.stdout.lines().any(|line| line.contains(email)),
                "COLUMNS={columns}: {email} is not whole on one line:\n{}",
                run.stdout
            );
        }
        assert!(
            run.stdout.contains("can log in"),
            "COLUMNS={columns}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn sixty_columns_give_one_record_per_block_with_every_field() {
    let dir = sandbox();
    let run = list(dir.path(), &[], &[("COLUMNS", "60"), UTF8]);
    let rules = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("-[ RECORD "))
        .count();
    assert_eq!(rules, EMAILS.len(), "{}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .any(|line| line == "email            | ops.lead@example.com"),
        "{}",
        run.stdout
    );
    // Records drop nothing: the details a table would drop first are all there.
    for label in [
        "full name",
        "failed attempts",
        "password changed",
        "can log in",
    ] {
        assert!(
            run.stdout
                .lines()
                .any(|line| line.starts_with(label) && line.contains(" |")),
            "{label}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn narrower_tables_drop_the_details_first() {
    let dir = sandbox();
    let wide = list(dir.path(), &[], &[("COLUMNS", "160"), UTF8]);
    let header = wide.stdout.lines().nth(1).expect("header line");
    for kept in ["email", "active", "admin via", "locked until", "can log in"] {
        assert!(header.contains(kept), "{kept}: {header}");
    }
    for dropped in [
        "full name",
        "failed attempts",
        "last login",
        "password changed",
    ] {
        assert!(!header.contains(dropped), "{dropped}: {header}");
    }

    let narrow = list(dir.path(), &[], &[("COLUMNS", "80"), UTF8]);
    assert!(!narrow.stdout.contains("RECORD"), "{}", narrow.stdout);
    let header = narrow.stdout.lines().nth(1).expect("header line");
    for kept in ["email", "can log in"] {
        assert!(header.contains(kept), "{kept}: {header}");
    }
    assert!(!header.contains("full name"), "{header}");
}

#[test]
fn a_pipe_without_columns_keeps_the_whole_table() {
    let dir = sandbox();
    let run = list(dir.path(), &[], &[UTF8]);
    let header = run.stdout.lines().nth(1).expect("header line");
    for column in [
        "full name",
        "failed attempts",
        "password changed",
        "can log in",
    ] {
        assert!(header.contains(column), "{column}: {header}");
    }
    assert!(widest_line(&run.stdout) > 160, "{}", run.stdout);
}

#[test]
fn the_c_locale_and_dumb_terminals_get_ascii_borders() {
    let dir = sandbox();
    let is_box_drawing = |c: char| ('\u{2500}'..='\u{257f}').contains(&c);
    for env in [
        vec![("LC_ALL", "C"), UTF8, ("COLUMNS", "160")],
        vec![UTF8, ("TERM", "dumb"), ("COLUMNS", "160")],
        vec![UTF8, ("TERM", "linux")],
    ] {
        let run = list(dir.path(), &[], &env);
        assert!(run.stdout.is_ascii(), "{env:?}:\n{}", run.stdout);
        assert!(run.stdout.starts_with("+-"), "{env:?}:\n{}", run.stdout);
    }
    let utf8 = list(dir.path(), &[], &[UTF8, ("COLUMNS", "160")]);
    assert!(utf8.stdout.contains(is_box_drawing), "{}", utf8.stdout);
}

/// NO_COLOR turns colour off where breakglass would choose it (auto); an explicit
/// `--color always` wins, as it does in most tools that honour NO_COLOR.
#[test]
fn color_comes_when_asked_and_never_by_default_on_a_pipe() {
    let dir = sandbox();
    let escape = "\x1b[";
    for columns in ["60", "160"] {
        let always = list(
            dir.path(),
            &["--color", "always"],
            &[UTF8, ("COLUMNS", columns)],
        );
        assert!(always.stdout.contains(escape), "{}", always.stdout);
        let with_no_color = list(
            dir.path(),
            &["--color", "always"],
            &[UTF8, ("COLUMNS", columns), ("NO_COLOR", "1")],
        );
        assert!(with_no_color.stdout.contains(escape));
        // The emails are never coloured, so they copy cleanly.
        for email in EMAILS {
            assert!(
                always
                    .stdout
                    .lines()
                    .any(|line| line.contains(&format!(" {email} "))
                        || line.ends_with(&format!(" {email}"))),
                "{email}:\n{}",
                always.stdout
            );
        }
    }
    let auto = list(dir.path(), &[], &[UTF8, ("COLUMNS", "160")]);
    let never = list(
        dir.path(),
        &["--color", "never"],
        &[UTF8, ("COLUMNS", "160")],
    );
    assert!(!auto.stdout.contains(escape) && !auto.stderr.contains(escape));
    assert_eq!(auto.stdout, never.stdout);

    let csv = list(dir.path(), &["--color", "always", "-o", "csv"], &[UTF8]);
    assert!(!csv.stdout.contains(escape), "{}", csv.stdout);

    let doctor = run_in(
        dir.path(),
        &["doctor", "--database-url", URL, "--color", "always"],
        None,
        &[UTF8],
    );
    assert!(
        doctor.stdout.contains("\x1b[32mlogs in\x1b[0m"),
        "{}",
        doctor.stdout
    );
    let missing = run_in(
        dir.path(),
        &[
            "verify",
            "nobody@example.com",
            "--database-url",
            URL,
            "--color",
            "always",
        ],
        Some("x\n"),
        &[UTF8],
    );
    assert!(
        missing
            .stderr
            .contains("\x1b[1m\x1b[31merror:\x1b[0m no user"),
        "{}",
        missing.stderr
    );
}

#[test]
fn json_is_the_same_whatever_the_terminal_and_colour() {
    let dir = sandbox();
    let plain = list(dir.path(), &["-o", "json"], &[]);
    for env in [
        vec![("COLUMNS", "60"), UTF8],
        vec![("COLUMNS", "160"), ("LC_ALL", "C")],
    ] {
        let styled = list(dir.path(), &["-o", "json", "--color", "always"], &env);
        assert_eq!(plain.stdout, styled.stdout, "{env:?}");
    }
}
