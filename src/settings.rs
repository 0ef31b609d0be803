//! The application's settings as the application itself would see them: the process
//! environment over a `.env` file, names matched without regard to case (pydantic-settings).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::attach::Process;
use crate::exit::{Failure, USAGE};

/// Which `.env` file to read besides the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvFile {
    /// `.env` in the current directory, if there is one (as the gateway does).
    Default,
    /// A file the operator named; it must exist.
    Path(PathBuf),
    None,
}

#[derive(Debug, Clone, Default)]
pub struct Settings {
    values: HashMap<String, String>,
    /// Which layer each value came from.
    origins: HashMap<String, Origin>,
    /// The settings file as the operator would name it (`./.env`, or the --env-file path).
    file: Option<String>,
    /// The line of that file each of its values is on (the last, when a name repeats).
    lines: HashMap<String, usize>,
    /// The process whose environment this is, when not breakglass's own (`--attach`).
    process: Option<String>,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Environment,
    EnvFile,
}

impl Origin {
    pub fn label(self) -> &'static str {
        match self {
            Origin::Environment => "environment",
            Origin::EnvFile => ".env",
        }
    }
}

impl Settings {
    pub fn load(env_file: &EnvFile, cwd: &Path) -> Result<Self> {
        let process = std::env::vars_os()
            .filter_map(|(key, value)| Some((key.into_string().ok()?, value.into_string().ok()?)));
        Settings::read(
            env_file,
            &cwd.join(".env"),
            "./.env".to_owned(),
            process,
            None,
        )
    }

    /// The settings a running application sees (`--attach`): its environment over the `.env`
    /// in its working directory, each placed in that process.
    pub fn of_process(process: &Process, env_file: &EnvFile) -> Result<Self> {
        let shown = format!(
            "the .env of {}, {}",
            process.label(),
            process.cwd.join(".env").display()
        );
        Settings::read(
            env_file,
            &process.env_file(),
            shown,
            process.environ.clone(),
            Some(process.label()),
        )
    }

    /// `default_env` is the `.env` read unless the operator named another or none, shown as
    /// `shown`; `process` is the environment, of the process called `label` when not this one.
    fn read(
        env_file: &EnvFile,
        default_env: &Path,
        shown: String,
        process: impl IntoIterator<Item = (String, String)>,
        label: Option<String>,
    ) -> Result<Self> {
        let (file_pairs, file) = match env_file {
            EnvFile::None => (Vec::new(), None),
            EnvFile::Default if default_env.is_file() => (
                read_env_file(default_env)?,
                Some((shown, default_env.to_owned())),
            ),
            EnvFile::Default => (Vec::new(), None),
            EnvFile::Path(path) => (
                read_env_file(path)?,
                Some((path.display().to_string(), path.clone())),
            ),
        };
        let mut settings = Settings::from_layers(file_pairs, process);
        if let Some((shown, path)) = file {
            // Read a second time only for line numbers: dotenvy does not report them.
            settings.lines = std::fs::read_to_string(&path)
                .map(|text| line_numbers(&text))
                .unwrap_or_default();
            settings.file = Some(shown);
        }
        settings.process = label;
        Ok(settings)
    }

    /// Where a setting was found, for messages: `the environment`, or `./.env line 3`
    /// (`gateway.env line 3` with --env-file; `process 7 (...)` and `the .env of process 7
    /// (...), /app/.env line 3` with --attach). None when it is not set.
    pub fn place(&self, name: &str) -> Option<String> {
        match self.origin(name)? {
            Origin::Environment => Some(
                self.process
                    .clone()
                    .unwrap_or_else(|| "the environment".to_owned()),
            ),
            Origin::EnvFile => {
                let file = self.file.as_deref().unwrap_or("./.env");
                Some(match self.lines.get(name) {
                    Some(line) => format!("{file} line {line}"),
                    None => file.to_owned(),
                })
            }
        }
    }

    /// Later layers win; this is the only place precedence is decided.
    pub fn from_layers(
        file: impl IntoIterator<Item = (String, String)>,
        process: impl IntoIterator<Item = (String, String)>,
    ) -> Self {
        let mut values = HashMap::new();
        let mut origins = HashMap::new();
        let file = file.into_iter().map(|pair| (pair, Origin::EnvFile));
        let process = process.into_iter().map(|pair| (pair, Origin::Environment));
        for ((key, value), origin) in file.chain(process) {
            let key = key.to_ascii_uppercase();
            origins.insert(key.clone(), origin);
            values.insert(key, value);
        }
        Settings {
            values,
            origins,
            file: None,
            lines: HashMap::new(),
            process: None,
        }
    }

    /// Where a setting was found; None when it is not set (the application's default applies).
    pub fn origin(&self, name: &str) -> Option<Origin> {
        self.origins.get(name).copied()
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// A boolean the way pydantic reads one; anything else is a usage error naming the variable.
    pub fn flag(&self, name: &str, default: bool) -> Result<bool> {
        let Some(raw) = self.get(name) else {
            return Ok(default);
        };
        match raw.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "t" | "yes" | "y" | "on" => Ok(true),
            "0" | "false" | "f" | "no" | "n" | "off" => Ok(false),
            _ => Err(Failure::error(
                USAGE,
                format!("{name}='{raw}' is not a boolean; use true or false"),
            )),
        }
    }

    pub fn number(&self, name: &str, default: i64) -> Result<i64> {
        match self.get(name) {
            None => Ok(default),
            Some(raw) => raw.trim().parse().map_err(|_| {
                Failure::error(USAGE, format!("{name}='{raw}' is not a whole number"))
            }),
        }
    }
}

/// The line each name is set on, names upper-cased like the values' (the last line wins,
/// as the last value does). A line inside a quoted multi-line value that looks like an
/// assignment would be counted too; .env files that do that are rare enough.
fn line_numbers(text: &str) -> HashMap<String, usize> {
    let mut lines = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        if line.starts_with('#') {
            continue;
        }
        if let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && !name.contains(char::is_whitespace) {
                lines.insert(name.to_ascii_uppercase(), index + 1);
            }
        }
    }
    lines
}

fn read_env_file(path: &Path) -> Result<Vec<(String, String)>> {
    let unreadable = |error: &dyn std::fmt::Display| {
        Failure::error(
            USAGE,
            format!(
                "cannot read the settings file {}: {error}; name another with --env-file PATH or skip it with --no-env-file",
                path.display()
            ),
        )
    };
    let pairs = dotenvy::from_path_iter(path).map_err(|error| unreadable(&error))?;
    pairs
        .map(|pair| pair.map_err(|error| unreadable(&error)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn process_environment_wins_and_names_ignore_case() {
        let settings = Settings::from_layers(
            pairs(&[
                ("database_url", "sqlite:///file.db"),
                ("PROTECT_ALL_ADMINS", "false"),
            ]),
            pairs(&[("DATABASE_URL", "sqlite:///env.db")]),
        );
        assert_eq!(settings.get("DATABASE_URL"), Some("sqlite:///env.db"));
        assert!(!settings.flag("PROTECT_ALL_ADMINS", true).expect("bool"));
        assert_eq!(settings.origin("DATABASE_URL"), Some(Origin::Environment));
        assert_eq!(settings.origin("PROTECT_ALL_ADMINS"), Some(Origin::EnvFile));
        assert_eq!(settings.origin("TOKEN_EXPIRY"), None);
    }

    #[test]
    fn booleans_and_numbers_are_checked() {
        let settings =
            Settings::from_layers(pairs(&[("A", "Yes"), ("B", "maybe"), ("N", "x")]), vec![]);
        assert!(settings.flag("A", false).expect("yes"));
        assert!(settings.flag("MISSING", true).expect("default"));
        assert!(
            settings
                .flag("B", true)
                .expect_err("maybe")
                .to_string()
                .contains("B='maybe'")
        );
        assert_eq!(settings.number("MISSING", 90).expect("default"), 90);
        assert!(settings.number("N", 1).is_err());
    }

    #[test]
    fn env_file_is_parsed_with_quotes_and_comments() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join(".env"),
            "# gateway\nexport DATABASE_URL=\"postgresql://u:p@h/db\"\nPLATFORM_ADMIN_EMAIL='root@corp.example'\n",
        )
        .expect("write");
        let file = read_env_file(&dir.path().join(".env")).expect("parse");
        let settings = Settings::from_layers(file, vec![]);
        assert_eq!(settings.get("DATABASE_URL"), Some("postgresql://u:p@h/db"));
        assert_eq!(
            settings.get("PLATFORM_ADMIN_EMAIL"),
            Some("root@corp.example")
        );
        assert!(read_env_file(&dir.path().join("missing.env")).is_err());
    }

    #[test]
    fn a_value_from_the_file_is_placed_by_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join(".env"),
            "# gateway\n\nexport database_url=postgresql://u@db/mcp\n# DATABASE_URL=old\nHOST=x\n",
        )
        .expect("write");
        let settings = Settings::load(&EnvFile::Default, dir.path()).expect("load");
        // The process environment may set DATABASE_URL itself while the tests run.
        if settings.origin("DATABASE_URL") == Some(Origin::EnvFile) {
            assert_eq!(
                settings.place("DATABASE_URL").as_deref(),
                Some("./.env line 3")
            );
        }
        assert_eq!(settings.place("NO_SUCH_SETTING_HERE"), None);
        let lines = line_numbers("A=1\nA=2\n  export B = 3\n");
        assert_eq!(lines.get("A"), Some(&2));
        assert_eq!(lines.get("B"), Some(&3));
    }
}
