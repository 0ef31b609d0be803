//! Which binary this is: `breakglass --version --verbose`, for an operator looking into a pod.
//! The facts come from `build.rs` (git commit, target, engines, locked dependency versions).

use std::ffi::OsString;

/// True when the arguments after the program name are `--version` and `--verbose` in any
/// order (or `-V`, `-v`, `-Vv`), and nothing else. Plain `--version` stays clap's one line.
pub fn wants_verbose_version(args: impl IntoIterator<Item = OsString>) -> bool {
    let (mut version, mut verbose, mut any) = (false, false, false);
    for arg in args {
        any = true;
        match arg.to_str() {
            Some("--version" | "-V") => version = true,
            Some("--verbose" | "-v") => verbose = true,
            Some("-Vv" | "-vV") => (version, verbose) = (true, true),
            _ => return false,
        }
    }
    any && version && verbose
}

/// The verbose version: the first line is plain `--version`'s, then one fact per line.
pub fn verbose_version() -> String {
    format!(
        "breakglass {}\ncommit: {}\ntarget: {}\nengines: {}\ndependencies: {}\n",
        env!("CARGO_PKG_VERSION"),
        env!("BREAKGLASS_COMMIT"),
        env!("BREAKGLASS_TARGET"),
        env!("BREAKGLASS_ENGINES"),
        env!("BREAKGLASS_DEPENDENCIES"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asks(args: &[&str]) -> bool {
        wants_verbose_version(args.iter().map(OsString::from))
    }

    #[test]
    fn verbose_version_needs_both_flags_and_nothing_else() {
        assert!(asks(&["--version", "--verbose"]));
        assert!(asks(&["--verbose", "--version"]));
        assert!(asks(&["-V", "-v"]));
        assert!(asks(&["-Vv"]));
        assert!(!asks(&[]));
        assert!(!asks(&["--version"]));
        assert!(!asks(&["--verbose"]));
        assert!(!asks(&["--version", "--verbose", "list-admins"]));
        assert!(!asks(&["list-admins", "-v", "-V"]));
    }

    #[test]
    fn verbose_version_starts_with_the_plain_line() {
        let text = verbose_version();
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(first, concat!("breakglass ", env!("CARGO_PKG_VERSION")));
        assert!(text.contains("sqlx "), "{text}");
        assert!(text.contains("argon2 "), "{text}");
    }
}
