//! The profiles shipped in `profiles/`, embedded in the binary: a static binary copied into a
//! container needs no file beside it. The only place that knows applications by name.

use super::Profile;

/// Every shipped profile: its name and its TOML, as in `profiles/NAME.toml`.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "contextforge",
        include_str!("../../profiles/contextforge.toml"),
    ),
    ("django", include_str!("../../profiles/django.toml")),
    ("netbox", include_str!("../../profiles/netbox.toml")),
    ("sentry", include_str!("../../profiles/sentry.toml")),
    (
        "flask-appbuilder",
        include_str!("../../profiles/flask-appbuilder.toml"),
    ),
    ("airflow", include_str!("../../profiles/airflow.toml")),
    ("superset", include_str!("../../profiles/superset.toml")),
    ("adminuser", include_str!("../../profiles/adminuser.toml")),
    ("flag-reset", include_str!("../../profiles/flag-reset.toml")),
    (
        "prisma-portal",
        include_str!("../../profiles/prisma-portal.toml"),
    ),
    ("devise", include_str!("../../profiles/devise.toml")),
    ("gitlab", include_str!("../../profiles/gitlab.toml")),
    ("nextcloud", include_str!("../../profiles/nextcloud.toml")),
    ("mastodon", include_str!("../../profiles/mastodon.toml")),
    ("gitea", include_str!("../../profiles/gitea.toml")),
    ("grafana", include_str!("../../profiles/grafana.toml")),
    ("redmine", include_str!("../../profiles/redmine.toml")),
    ("wordpress", include_str!("../../profiles/wordpress.toml")),
    ("mlflow", include_str!("../../profiles/mlflow.toml")),
];

/// The extras of an application that has some beyond its profile.
pub fn extras(application: super::profile::Application) -> &'static dyn super::extras::Extras {
    match application {
        super::profile::Application::Contextforge => &crate::contextforge::CONTEXTFORGE,
        super::profile::Application::Generic => &super::extras::NONE,
    }
}

/// The built-in profile of this name (checked by a unit test, so a release cannot ship a broken one).
pub fn find(name: &str) -> Option<Profile> {
    BUILT_IN
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name.trim()))
        .and_then(|(_, text)| Profile::from_toml(text).ok())
}

pub fn names() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(name, _)| *name)
}

/// The database URL an application's own environment holds (AIRFLOW__DATABASE__SQL_ALCHEMY_CONN
/// inside Airflow's container): the named profile's variables, or with none named, every
/// built-in's. The first one set, with its name.
pub fn database_url<'a>(
    named: Option<&str>,
    get: impl Fn(&str) -> Option<&'a str>,
) -> Option<(String, &'a str)> {
    all()
        .into_iter()
        .filter(|profile| named.is_none_or(|name| profile.name == name))
        .flat_map(|profile| profile.database_url_env)
        .find_map(|variable| get(&variable).map(|url| (variable.clone(), url)))
}

/// Every built-in profile, parsed.
pub fn all() -> Vec<Profile> {
    names().filter_map(find).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_parses_names_itself_and_matches_its_file() {
        for (name, text) in BUILT_IN {
            let profile =
                Profile::from_toml(text).unwrap_or_else(|error| panic!("{name}: {error}"));
            assert_eq!(profile.name, *name);
            assert!(
                !profile.description.is_empty() && !profile.judged_by.is_empty(),
                "{name} has a description and says what judges it"
            );
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("profiles")
                .join(format!("{name}.toml"));
            assert_eq!(Profile::load(&path).expect("file"), profile);
        }
        let files =
            std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles"))
                .expect("profiles/")
                .count();
        assert_eq!(files, BUILT_IN.len(), "every file in profiles/ is built in");
        assert_eq!(find("nope"), None);
    }
}
