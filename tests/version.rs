//! `--version` is one line; `--version --verbose` says which binary this is (issue #15).

use std::process::Command;

use crate::support::{run_in, temp_dir};

/// (name, version) pairs of the packages locked in Cargo.lock, read independently of build.rs.
fn locked(name: &str) -> Vec<String> {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock");
    let needle = format!("name = \"{name}\"\nversion = \"");
    lock.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &lock[at + needle.len()..];
            rest.split('"').next().map(str::to_owned)
        })
        .collect()
}

#[test]
fn plain_version_is_one_line() {
    let dir = temp_dir();
    for flag in ["--version", "-V"] {
        let run = run_in(dir.path(), &[flag], None, &[]);
        run.expect_code(0);
        assert_eq!(
            run.stdout,
            concat!("breakglass ", env!("CARGO_PKG_VERSION"), "\n")
        );
    }
}

#[test]
fn verbose_version_names_commit_target_engines_and_dependencies() {
    let dir = temp_dir();
    let run = run_in(dir.path(), &["--version", "--verbose"], None, &[]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], concat!("breakglass ", env!("CARGO_PKG_VERSION")));
    let field = |key: &str| {
        lines
            .iter()
            .find_map(|line| line.strip_prefix(&format!("{key}: ")))
            .unwrap_or_else(|| panic!("no {key} line in:\n{}", run.stdout))
            .to_owned()
    };

    let commit = field("commit");
    let head = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned());
    match head {
        Some(head) => assert_eq!(commit, head),
        None => assert_eq!(commit, "unknown"),
    }

    let target = field("target");
    assert!(
        target.starts_with(std::env::consts::ARCH) && target.contains(std::env::consts::OS),
        "target {target}"
    );
    assert_eq!(field("engines"), "sqlite, postgres, mysql");

    let dependencies = field("dependencies");
    for name in ["sqlx", "argon2"] {
        let versions = locked(name);
        assert!(!versions.is_empty(), "{name} is not in Cargo.lock");
        assert!(
            dependencies.contains(&format!("{name} {}", versions.join(" + "))),
            "{name} {versions:?} not in: {dependencies}"
        );
    }

    let short = run_in(dir.path(), &["-V", "-v"], None, &[]);
    short.expect_code(0);
    assert_eq!(short.stdout, run.stdout);
    let reversed = run_in(dir.path(), &["--verbose", "--version"], None, &[]);
    assert_eq!(reversed.stdout, run.stdout);
}

#[test]
fn verbose_alone_or_with_a_command_is_not_the_version() {
    let dir = temp_dir();
    run_in(dir.path(), &["--verbose"], None, &[]).expect_code(2);
    let run = run_in(
        dir.path(),
        &["--version", "--verbose", "sandbox"],
        None,
        &[],
    );
    assert!(!run.stdout.contains("commit:"), "{}", run.stdout);
}
