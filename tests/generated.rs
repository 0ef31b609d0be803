//! completions/ and man/ are generated from the clap definition and checked in.
//! This fails when they are stale; BREAKGLASS_UPDATE_GENERATED=1 rewrites them.

use std::path::Path;

use clap_complete::{Generator, Shell};

use crate::support::*;

fn check_or_update(path: &Path, fresh: &[u8], stale: &mut Vec<String>) {
    let current = std::fs::read(path).unwrap_or_default();
    if current == fresh {
        return;
    }
    if std::env::var_os("BREAKGLASS_UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, fresh).expect("write generated file");
    } else {
        stale.push(path.display().to_string());
    }
}

#[test]
fn completions_and_man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let path = root.join("completions").join(shell.file_name("breakglass"));
        check_or_update(&path, &breakglass::cli::completion(shell), &mut stale);
    }
    for (name, page) in breakglass::cli::man_pages().expect("render man pages") {
        check_or_update(&root.join("man").join(name), &page, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "generated files are stale: {stale:?}; please run BREAKGLASS_UPDATE_GENERATED=1 cargo nextest run generated"
    );
}

#[test]
fn the_completions_subcommand_prints_the_checked_in_script() {
    let dir = temp_dir();
    let run = run_in(dir.path(), &["completions", "bash"], None, &[]);
    run.expect_code(0);
    let checked_in = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/breakglass.bash"),
    )
    .expect("completions/breakglass.bash");
    assert_eq!(run.stdout, checked_in);
    assert!(run.stdout.contains("clear-change-flag"));
    run_in(dir.path(), &["completions", "tcsh"], None, &[]).expect_code(2);
}
