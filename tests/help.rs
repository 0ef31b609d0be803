//! The help an operator reads in an incident: a bare invocation points at doctor, the commands
//! come in groups, each command shows its own options first and only the global ones that apply.

use crate::support::*;

fn help(args: &[&str]) -> String {
    let dir = temp_dir();
    let run = run_in(dir.path(), args, None, &[]);
    run.expect_code(0);
    run.stdout
}

#[test]
fn a_bare_invocation_prints_a_short_overview_that_starts_with_doctor() {
    let dir = temp_dir();
    let run = run_in(dir.path(), &[], None, &[]);
    // As before: clap's exit for a missing command, on stderr.
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let overview = &run.stderr;
    assert!(
        overview.starts_with("Start here: breakglass doctor"),
        "{overview}"
    );
    assert!(overview.lines().count() < 25, "{overview}");
    assert!(overview.contains("breakglass help COMMAND"), "{overview}");
    for group in ["Start here", "Get back in", "Take access away", "Tools"] {
        assert!(overview.contains(group), "{group}: {overview}");
    }
}

#[test]
fn global_options_without_a_command_are_still_a_usage_error() {
    let dir = temp_dir();
    let run = run_in(dir.path(), &["--yes"], None, &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("Usage:"), "{}", run.stderr);
}

#[test]
fn the_top_level_help_shows_the_groups_in_order() {
    let text = help(&["--help"]);
    let positions: Vec<usize> = [
        "Start here:",
        "Get back in:",
        "Take access away:",
        "Tools:",
        "Connection options:",
        "Safety options:",
        "Exit codes:",
    ]
    .iter()
    .map(|heading| {
        text.find(heading)
            .unwrap_or_else(|| panic!("{heading}:\n{text}"))
    })
    .collect();
    assert!(positions.is_sorted(), "{positions:?}\n{text}");
    assert!(!text.contains("\nCommands:"), "{text}");
    let doctor = text.find("  doctor ").expect("doctor listed");
    assert!(doctor < text.find("  reset ").expect("reset listed"));
    assert_eq!(help(&["help"]), text, "'help' is the long help too");
}

#[test]
fn read_only_commands_do_not_offer_the_safety_options() {
    for command in ["doctor", "list-admins", "verify", "tokens", "hash-password"] {
        let text = help(&[command, "--help"]);
        for flag in [
            "--yes",
            "--dry-run",
            "--force",
            "--reason",
            "--no-app-audit",
            "--audit-log",
        ] {
            assert!(!text.contains(flag), "{command} offers {flag}:\n{text}");
        }
        assert!(text.contains("Examples:"), "{command}:\n{text}");
    }
    let completions = help(&["completions", "--help"]);
    assert!(!completions.contains("--database-url"), "{completions}");
}

#[test]
fn hidden_options_are_still_accepted_before_and_after_the_command() {
    let dir = temp_dir();
    for args in [
        &["--yes", "--dry-run", "profile", "list"][..],
        &["profile", "list", "--yes", "--force", "--reason", "x"],
        &["completions", "bash", "--no-app-audit", "-q"],
    ] {
        run_in(dir.path(), args, None, &[]).expect_code(0);
    }
}

#[test]
fn reset_help_lists_its_own_options_first_then_the_global_ones_and_examples() {
    let text = help(&["reset", "--help"]);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle}:\n{text}"))
    };
    assert!(at("--generate") < at("Connection options:"), "{text}");
    assert!(at("--activate") < at("Connection options:"), "{text}");
    assert!(at("Safety options:") < at("--yes"), "{text}");
    assert!(at("--yes") < at("Examples:"), "{text}");
    assert!(
        text.contains("breakglass reset ops@example.com --generate"),
        "{text}"
    );
}

#[test]
fn an_unset_environment_variable_shows_no_empty_value() {
    let text = help(&["doctor", "--help"]);
    assert!(text.contains("[env: BREAKGLASS_PROFILE]"), "{text}");
    assert!(!text.contains("=]"), "{text}");
    let dir = temp_dir();
    let set = run_in(
        dir.path(),
        &["doctor", "--help"],
        None,
        &[("BREAKGLASS_PROFILE", "/secret/place.toml")],
    );
    assert!(!set.stdout.contains("/secret/place.toml"), "{}", set.stdout);
}
