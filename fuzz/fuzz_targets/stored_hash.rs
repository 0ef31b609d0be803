//! Whatever sits in password_hash (Argon2, bcrypt, Django's, werkzeug's, Nextcloud's and
//! Devise's formats, and the `gitea:ALGO:SALT:PASSWD` / `grafana:SALT:PASSWORD` forms that carry
//! a salt and algorithm column): classified, verified or called unusable, never a panic and never
//! unbounded work.
#![no_main]

use breakglass::password::Secret;
use breakglass::password::hash::{Scheme, verify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|stored: &str| {
    let _ = Scheme::of(stored).name();
    let _ = verify(&Secret::new("fuzz-password".to_owned()), stored);
});
