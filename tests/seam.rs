//! The application seam: shared code does not name an application. An application is data (its
//! profile, plus a scheme file for a new hash family); only the built-in profile list, the
//! scheme files and ContextForge's extras know applications by name. This reads the source:
//! code lines only (comments and unit tests may name what they describe).

use std::collections::BTreeMap;
use std::path::Path;

/// Where an application's name belongs.
const APPLICATION_SIDE: &[&str] = &[
    // The built-in profiles, embedded by name.
    "src/schema/builtin.rs",
    // ContextForge's extras: its settings and words, its sandbox, its release table, its cache.
    "src/contextforge/",
    "src/schema/release.rs",
    "src/access/cache.rs",
    // Each scheme's file may carry the name of the format it writes; the registry lists them,
    // one line each, and the module list declares them.
    "src/password/devise.rs",
    "src/password/django.rs",
    "src/password/gitea.rs",
    "src/password/grafana.rs",
    "src/password/nextcloud.rs",
    "src/password/redmine.rs",
    "src/password/salted.rs",
    "src/password/werkzeug.rs",
    "src/password/wordpress.rs",
    "src/password/scheme.rs",
    "src/password/mod.rs",
    // The crate's module list declares the extras module.
    "src/lib.rs",
];

/// Shared code that still names an application, and why. This list only shrinks: the test
/// fails for a name anywhere else, and for an entry here that no longer names one.
const NOT_YET: &[(&str, &str)] = &[
    (
        "src/schema/detect.rs",
        "HashSet::is_superset, a method, not the Superset application",
    ),
    (
        "src/cli.rs",
        "help examples name real applications so an operator recognises theirs",
    ),
    (
        "src/schema/profile.rs",
        "the default profile and the [contextforge] extras section are parsed here",
    ),
    (
        "src/commands/mod.rs",
        "the default profile and its default URL are chosen before any profile is read",
    ),
    (
        "src/db/url.rs",
        "the default URL, sqlite:///./mcp.db, is the default profile's",
    ),
    (
        "src/db/connect.rs",
        "a missing SQLite file is explained with the default profile's default URL",
    ),
    (
        "src/db/drivers.rs",
        "a driver error asks whether this is the default profile's users table",
    ),
    (
        "src/db/mod.rs",
        "a read-only SQLite file is explained in the default profile's words",
    ),
    (
        "src/password/hash.rs",
        "the Argon2 proof strips Nextcloud's '3|' prefix before comparing",
    ),
    (
        "src/access/mod.rs",
        "the token tables' missing-table error names the gateway",
    ),
];

/// The names to look for: every shipped profile, the words its application goes by, and the
/// frameworks the profiles are written for.
fn application_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("profiles")
        .expect("profiles/")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "toml").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    names.extend(
        ["gateway", "contextforge", "sqlalchemy", "rails", "flask"]
            .iter()
            .map(|name| (*name).to_owned()),
    );
    names
}

/// Whether `word` occurs in `line` as a word of its own: identifiers are split at `_` and
/// `::`, so `GATEWAY_DEFAULT_URL` names the gateway and `gatewayed` does not.
fn says(line: &str, word: &str) -> bool {
    let line = line.to_ascii_lowercase();
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn rust_files(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn shared_code_names_no_application() {
    let names = application_names();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut naming: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        if APPLICATION_SIDE
            .iter()
            .any(|side| file == side || (side.ends_with('/') && file.starts_with(side)))
        {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("readable");
        for (number, line) in text.lines().enumerate() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(name) = names.iter().find(|name| says(line, name)) {
                naming.entry(file.clone()).or_default().push(format!(
                    "{}: {name}: {}",
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    let unexpected: Vec<String> = naming
        .iter()
        .filter(|(file, _)| !NOT_YET.iter().any(|(known, _)| known == file))
        .flat_map(|(file, lines)| lines.iter().map(move |line| format!("{file}:{line}")))
        .collect();
    assert!(
        unexpected.is_empty(),
        "shared code names an application; put the words or the rule in the application's \
         profile, its scheme file or its extras:\n{}",
        unexpected.join("\n")
    );
    let cleared: Vec<&str> = NOT_YET
        .iter()
        .map(|(file, _)| *file)
        .filter(|file| !naming.contains_key(*file))
        .collect();
    assert!(
        cleared.is_empty(),
        "these files no longer name an application: take them off NOT_YET: {cleared:?}"
    );
}

#[test]
fn the_word_test_splits_identifiers() {
    assert!(says("use crate::db::url::GATEWAY_DEFAULT_URL;", "gateway"));
    assert!(says("the gateway's tables", "gateway"));
    assert!(!says("a gatewayed thing", "gateway"));
    assert!(says("Profile::contextforge()", "contextforge"));
}
