//! The policy checker on any password and email: a list of violations, never a panic.
#![no_main]

use breakglass::password::policy::Policy;
use breakglass::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, bool)| {
    let (password, email, privileged) = input;
    let policy = Policy::from_settings(&Settings::default()).expect("default policy");
    let violations = policy.violations(password, email, privileged);
    if password.chars().count() < policy.min_length(privileged) {
        assert!(!violations.is_empty(), "a short password passed");
    }
});
