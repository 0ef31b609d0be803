//! Build facts for `breakglass --version --verbose`: the git commit, the target triple, the
//! database engines compiled in and the versions of the dependencies that decide behaviour.
//! Nothing here depends on the time or on the build directory, so two builds of one commit
//! stay byte-identical.

use std::path::Path;
use std::process::Command;

/// Dependencies whose version an operator may need to name (from Cargo.lock).
const DEPENDENCIES: &[&str] = &["sqlx", "argon2", "bcrypt", "libsqlite3-sys", "rustls"];

/// The sqlx driver crates, and the engine each one means.
const ENGINES: &[(&str, &str)] = &[
    ("sqlx-sqlite", "sqlite"),
    ("sqlx-postgres", "postgres"),
    ("sqlx-mysql", "mysql"),
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-env-changed=BREAKGLASS_COMMIT");

    let commit = std::env::var("BREAKGLASS_COMMIT")
        .ok()
        .filter(|commit| !commit.is_empty())
        .or_else(git_commit)
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=BREAKGLASS_COMMIT={commit}");

    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".to_owned());
    println!("cargo:rustc-env=BREAKGLASS_TARGET={target}");

    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let packages = locked_packages(&lock);
    let engines: Vec<&str> = ENGINES
        .iter()
        .filter(|(krate, _)| packages.iter().any(|(name, _)| name == krate))
        .map(|(_, engine)| *engine)
        .collect();
    println!("cargo:rustc-env=BREAKGLASS_ENGINES={}", engines.join(", "));

    let dependencies: Vec<String> = DEPENDENCIES
        .iter()
        .map(|wanted| {
            let versions: Vec<&str> = packages
                .iter()
                .filter(|(name, _)| name == wanted)
                .map(|(_, version)| version.as_str())
                .collect();
            if versions.is_empty() {
                format!("{wanted} (not locked)")
            } else {
                format!("{wanted} {}", versions.join(" + "))
            }
        })
        .collect();
    println!(
        "cargo:rustc-env=BREAKGLASS_DEPENDENCIES={}",
        dependencies.join(", ")
    );
}

/// `git rev-parse --short HEAD`, and tells cargo to look again when HEAD moves.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git").args(args).output().ok()?;
        if !output.status.success() {
            return None;
        }
        let text = String::from_utf8(output.stdout).ok()?;
        Some(text.trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short", "HEAD"])?;
    // HEAD names a branch whose ref file (or packed-refs) changes on commit; a worktree keeps
    // its HEAD in its own git directory, so ask git for the paths.
    for path in ["HEAD", "packed-refs"] {
        if let Some(file) = git(&["rev-parse", "--git-path", path]) {
            rerun_if_exists(&file);
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(file) = git(&["rev-parse", "--git-path", &branch])
    {
        rerun_if_exists(&file);
    }
    Some(commit)
}

fn rerun_if_exists(file: &str) {
    if Path::new(file).exists() {
        println!("cargo:rerun-if-changed={file}");
    }
}

/// (name, version) of every `[[package]]` in a Cargo.lock.
fn locked_packages(lock: &str) -> Vec<(String, String)> {
    let mut packages = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|line| {
                let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
                Some(value.trim().trim_matches('"').to_owned())
            })
        };
        if let (Some(name), Some(version)) = (field("name"), field("version")) {
            packages.push((name, version));
        }
    }
    packages
}
