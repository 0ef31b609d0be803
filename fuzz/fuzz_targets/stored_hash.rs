//! Whatever sits in password_hash (Argon2, bcrypt, Django's, werkzeug's, Nextcloud's and
//! Devise's formats, and the `gitea:ALGO:SALT:PASSWD` / `grafana:SALT:PASSWORD` forms that carry
//! a salt and algorithm column): identified by each scheme of the registry, verified or called
//! unusable, never a panic and never unbounded work.
#![no_main]

use breakglass::password::Secret;
use breakglass::password::scheme::{REGISTRY, Schemes, name_of, verify_any};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|stored: &str| {
    let _ = name_of(stored);
    for scheme in REGISTRY {
        let _ = Schemes::new(*scheme, &[]).identify(stored).name();
    }
    let _ = verify_any(&Secret::new("fuzz-password".to_owned()), stored);
});
