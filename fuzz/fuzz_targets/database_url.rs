//! Any DATABASE_URL: parsed or refused with a message, never a panic, and never a
//! password in what breakglass prints about the target.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(target) = breakglass::db::url::parse(text, std::path::Path::new("/srv/gateway")) else {
        return;
    };
    let shown = target.describe();
    if let breakglass::db::Target::Postgres(server) | breakglass::db::Target::MySql(server) =
        &target
        && let Some(password) = &server.password
        && password.expose().len() >= 4
    {
        // What follows the engine's name comes from the URL ("ostgr" is in "PostgreSQL").
        let from_url = shown.split_once(' ').map_or("", |(_, rest)| rest);
        assert!(
            !from_url.contains(password.expose()),
            "password shown: {shown}"
        );
        assert!(
            !format!("{server:?}").contains(password.expose()),
            "password in Debug"
        );
        assert!(
            !server.address().contains(password.expose()),
            "password in the address"
        );
    }
});
