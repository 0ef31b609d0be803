//! WordPress's `wp_users.user_pass`, checked as WordPress 6.8's `wp_check_password`
//! (wp-includes/pluggable.php) does:
//!
//! - `$wp` + bcrypt: what 6.8 writes, bcrypt of base64(HMAC-SHA384(key `wp-sha384`, password)),
//!   so that bcrypt's 72-byte limit does not cut long passwords;
//! - `$P$`: phpass's portable hash (wp-includes/class-phpass.php), what 2.5 to 6.7 wrote;
//! - bare bcrypt, through PHP's `password_verify` with the password as is;
//! - any value of at most 32 bytes: the MD5 hex of the password, from before 2.5.
//!
//! breakglass writes a bare `$2y$` bcrypt: every release accepts it (before 6.8 phpass's
//! `CheckPassword` falls back to PHP's `crypt()`), and 6.8 rewrites it as `$wp$` at the next
//! login (`wp_password_needs_rehash`).

use std::ops::RangeInclusive;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit as _, Mac as _};
use md5::{Digest as _, Md5};
use sha2::Sha384;

use super::Secret;
use super::hash::{
    Check, bcrypt_cost, bcrypt_hash, constant_time_eq, hex, is_bcrypt, too_costly, verify_bcrypt,
};
use super::scheme::{self, Given, Params, Scheme};

/// What 6.8 puts before its pre-hashed bcrypt; `wp_check_password` tests only these 3 bytes.
const WP_PREFIX: &str = "$wp";
/// The HMAC key 6.8 pre-hashes with, to keep these hashes apart from other uses of SHA-384.
const HMAC_KEY: &[u8] = b"wp-sha384";
/// `wp_check_password` and phpass fail longer passwords outright; the MD5 branch has no limit.
const MAX_PASSWORD_BYTES: usize = 4096;
/// phpass's alphabet, for the round count, the salt and the encoded hash.
const ITOA64: &[u8; 64] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// `$P$`, the count character, 8 of salt, 22 of hash.
const PHPASS_LENGTH: usize = 34;
/// The log2 round counts phpass's `crypt_private` accepts.
const PHPASS_LOG2: RangeInclusive<usize> = 7..=30;
/// The most rounds breakglass runs for one check, 2^24 MD5s (seconds): 2048 times what
/// WordPress writes (`$P$B`, 2^13). phpass allows 2^30, which would take minutes; a stored
/// value asking for more than 2^24 is treated as a corrupt row.
const MAX_PHPASS_LOG2: usize = 24;
/// What PHP's `trim()` strips from both ends.
const PHP_TRIMMED: &[u8] = b" \t\n\r\0\x0b";

#[derive(Clone, Copy)]
enum Form {
    /// `$wp$2y$...`
    Sha384Bcrypt,
    Bcrypt,
    /// `$P$` or `$H$`, 34 characters.
    Phpass,
    /// 32 hex digits.
    Md5,
    Unknown,
}

fn is_phpass(stored: &str) -> bool {
    stored.starts_with("$P$") || stored.starts_with("$H$")
}

fn form(stored: &str) -> Form {
    if stored.strip_prefix(WP_PREFIX).is_some_and(is_bcrypt) {
        Form::Sha384Bcrypt
    } else if is_bcrypt(stored) {
        Form::Bcrypt
    } else if is_phpass(stored) && stored.len() == PHPASS_LENGTH {
        Form::Phpass
    } else if stored.len() == 32 && stored.bytes().all(|b| b.is_ascii_hexdigit()) {
        Form::Md5
    } else {
        Form::Unknown
    }
}

/// Checks a password as WordPress 6.8's `wp_check_password` does.
pub fn verify(password: &Secret, stored: &str) -> Check {
    let form = form(stored);
    let too_long = password.expose().len() > MAX_PASSWORD_BYTES;
    match form {
        Form::Md5 => verify_md5(password, stored),
        Form::Sha384Bcrypt | Form::Bcrypt | Form::Phpass if too_long => Check::Mismatch,
        // 64 base64 characters: under bcrypt's 72 bytes, so nothing of the password is lost.
        Form::Sha384Bcrypt => verify_bcrypt(&prehashed(password), &stored[WP_PREFIX.len()..]),
        // password_verify with the password as is: bcrypt reads its first 72 bytes.
        Form::Bcrypt => verify_bcrypt(password, stored),
        Form::Phpass => verify_phpass(password, stored),
        Form::Unknown => unknown(stored),
    }
}

/// What 6.8 hands to bcrypt: base64 (standard, padded) of HMAC-SHA384(`wp-sha384`, password).
fn prehashed(password: &Secret) -> Secret {
    let mut mac = Hmac::<Sha384>::new_from_slice(HMAC_KEY).expect("HMAC takes a key of any length");
    mac.update(password.expose().as_bytes());
    Secret::new(STANDARD.encode(mac.finalize().into_bytes()))
}

fn verify_md5(password: &Secret, stored: &str) -> Check {
    // hash_equals($hash, md5($password)): md5() writes lower-case hex, compared byte for byte.
    if stored.bytes().any(|b| b.is_ascii_uppercase()) {
        return Check::Unusable(
            "the stored WordPress MD5 has upper-case hex digits; WordPress compares it byte for byte \
             with PHP's lower-case md5(), so no password matches it: set a new one with breakglass reset"
                .to_owned(),
        );
    }
    let computed = hex(&Md5::digest(password.expose().as_bytes()));
    if constant_time_eq(computed.as_bytes(), stored.as_bytes()) {
        Check::Match
    } else {
        Check::Mismatch
    }
}

fn verify_phpass(password: &Secret, stored: &str) -> Check {
    let setting = stored.as_bytes();
    let log2 = ITOA64.iter().position(|&c| c == setting[3]);
    let Some(log2) = log2.filter(|log2| PHPASS_LOG2.contains(log2)) else {
        return Check::Unusable(
            "the stored phpass hash's fourth character is no round count phpass accepts (2^7 to \
             2^30), so phpass refuses it and no password matches: set a new one with breakglass reset"
                .to_owned(),
        );
    };
    if log2 > MAX_PHPASS_LOG2 {
        return too_costly(&format!(
            "phpass hash asks for 2^{log2} rounds of MD5, more than breakglass spends on one check \
             (at most 2^{MAX_PHPASS_LOG2}; WordPress writes 2^13)"
        ));
    }
    if !setting[12..].iter().all(|c| ITOA64.contains(c)) {
        return Check::Unusable(
            "the stored phpass hash has characters outside phpass's alphabet after its salt, so no \
             password matches it: set a new one with breakglass reset"
                .to_owned(),
        );
    }
    let matches = constant_time_eq(&phpass(password, &setting[..12], log2), setting);
    if stored.starts_with("$H$") {
        // 6.8 sends only $P$ to phpass; $H$ goes to password_verify, which knows no phpass.
        return Check::Unusable(format!(
            "the stored value is phpass's $H$ spelling: WordPress 6.8 and later check only $P$ with \
             phpass and reject every password against $H$ (earlier releases accept it, and this \
             password {} there): set a new one with breakglass reset",
            if matches {
                "matches it"
            } else {
                "does not match it either"
            }
        ));
    }
    if matches {
        Check::Match
    } else {
        Check::Mismatch
    }
}

/// phpass's portable hash of `password` with `setting` (`$P$`, count character, 8 of salt):
/// MD5(salt + password), then 2^log2 times MD5(previous + password), encoded after the setting.
fn phpass(password: &Secret, setting: &[u8], log2: usize) -> Vec<u8> {
    let password = password.expose().as_bytes();
    let mut digest = Md5::new()
        .chain_update(&setting[4..12])
        .chain_update(password)
        .finalize();
    for _ in 0..1u64 << log2 {
        digest = Md5::new()
            .chain_update(digest)
            .chain_update(password)
            .finalize();
    }
    let mut out = setting.to_vec();
    out.extend(encode64(&digest));
    out
}

/// phpass's `encode64`: each group of up to 3 bytes, read little-endian, gives one character
/// more than it has bytes, 6 bits at a time from the lowest.
fn encode64(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 4 / 3 + 1);
    for group in bytes.chunks(3) {
        let value = group
            .iter()
            .rev()
            .fold(0usize, |value, &byte| (value << 8) | usize::from(byte));
        out.extend((0..=group.len()).map(|i| ITOA64[(value >> (6 * i)) & 0x3f]));
    }
    out
}

fn unknown(stored: &str) -> Check {
    let what = if is_phpass(stored) {
        format!(
            "the stored phpass hash is {} bytes, not {PHPASS_LENGTH}, so no password matches it",
            stored.len()
        )
    } else if stored.starts_with(WP_PREFIX) {
        "the stored value starts with $wp but no bcrypt hash follows; WordPress writes $wp$2y$... \
         and breakglass judges nothing else after $wp"
            .to_owned()
    } else {
        "the stored value is none of the forms WordPress checks: $wp$2y$... (bcrypt of \
         HMAC-SHA384, 6.8 and later), bare bcrypt $2y$..., phpass $P$... (34 characters) and MD5 \
         (32 lower-case hex digits)"
            .to_owned()
    };
    Check::Unusable(format!("{what}: set a new password with breakglass reset"))
}

/// A bare `$2y$` bcrypt at `cost`, which WordPress accepts from every release on. Refused
/// (exit 8): a password over bcrypt's 72 bytes, and one starting or ending with whitespace,
/// which WordPress's login (`wp_authenticate`) trims away before checking.
pub fn hash(password: &Secret, cost: u32) -> anyhow::Result<String> {
    let bytes = password.expose().as_bytes();
    let trimmed = |byte: Option<&u8>| byte.is_some_and(|b| PHP_TRIMMED.contains(b));
    if trimmed(bytes.first()) || trimmed(bytes.last()) {
        return Err(crate::exit::Failure::error(
            crate::exit::REFUSED,
            "the password starts or ends with a space, tab, line break or NUL; WordPress's login \
             (wp_authenticate) strips those before checking, so it could never be typed in. Nothing \
             was changed; choose another",
        ));
    }
    // The bcrypt breakglass writes everywhere, with its 72-byte refusal, in PHP's spelling.
    bcrypt_hash(password, cost, bcrypt::Version::TwoY)
}

/// WordPress 6.8's `wp_hash_password`: PASSWORD_BCRYPT at PHP's default cost.
const BCRYPT_COST: u32 = 10;

/// WordPress: writes a bare `$2y$` bcrypt, reads every form `wp_check_password` reads.
pub struct WordPress;

impl Scheme for WordPress {
    fn name(&self) -> &'static str {
        "wordpress"
    }

    fn about(&self) -> &'static str {
        "a bare $2y$ bcrypt every WordPress release accepts (reads $wp$, phpass and MD5 too; [hash] cost)"
    }

    fn parameters(&self) -> &'static [&'static str] {
        &["cost"]
    }

    fn configure(&self, given: &Given<'_>) -> Result<Params, String> {
        bcrypt_cost(given, BCRYPT_COST)
    }

    fn hash(&self, params: Params, password: &Secret) -> anyhow::Result<String> {
        hash(password, params.cost(self.name())?)
    }

    /// By prefix or shape, so that a garbled WordPress form still reaches [`verify`] and its
    /// explanation.
    fn recognise(&self, stored: &str) -> Option<scheme::Form> {
        if stored.starts_with(WP_PREFIX) {
            scheme::Form::read("wordpress bcrypt-sha384")
        } else if is_phpass(stored) {
            scheme::Form::read("wordpress phpass")
        } else if stored.len() == 32 && stored.bytes().all(|b| b.is_ascii_hexdigit()) {
            scheme::Form::read("wordpress md5")
        } else if is_bcrypt(stored) {
            scheme::Form::written("bcrypt")
        } else {
            None
        }
    }

    fn verify(&self, password: &Secret, stored: &str) -> Check {
        verify(password, stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWORD: &str = "Correct-Horse-9";

    // Every vector below was made by PHP 8.2.36 running WordPress 6.8.12's own
    // wp-includes/pluggable.php and class-phpass.php (with apply_filters stubbed to return its
    // value, i.e. no plugin filters), and each outcome asserted here is what that
    // wp_check_password returned for it.

    /// `(new PasswordHash(8, true))->HashPassword('Correct-Horse-9')`.
    const PHPASS: &str = "$P$BH6NXEeNIauruqgITPhFOqYAkAeCO5.";
    /// `(new PasswordHash(8, true))->HashPassword("Grüße-Ω-9")` (UTF-8).
    const PHPASS_UTF8: &str = "$P$BaNUOdmYWCa/aVVHvfhiMznez1QGsN/";
    /// `wp_hash_password('Correct-Horse-9')`, i.e. `'$wp' . password_hash(base64_encode(
    /// hash_hmac('sha384', $password, 'wp-sha384', true)), PASSWORD_BCRYPT)`.
    const WP: &str = "$wp$2y$10$0TqytbSnAX03w2kYa694ZegGbgf5KuVN4wdZaru1M9OEBiXFjTHDe";
    /// `wp_hash_password(str_repeat('0123456789', 10))`, a 100-byte password.
    const WP_LONG: &str = "$wp$2y$10$MkHf6A2E.vk2E9yZDPB.2eS0/GsMSGapHrfDDTlTBQzxmt2uxcV1K";
    /// `password_hash('Correct-Horse-9', PASSWORD_BCRYPT)`.
    const BARE: &str = "$2y$10$3EHOoa2iFPtHprTkPAoUH.qBMY5UTKHDJMem9avRTqGjIigMKuk1i";
    /// `password_hash(str_repeat('a', 5000), PASSWORD_BCRYPT, ['cost' => 4])`.
    const BARE_LONG: &str = "$2y$04$DAHMQdbbY7dsdkLA873iD.H9lrPiLaeyhKeywEnKG2E.Sc/Jirysy";
    /// `md5('Correct-Horse-9')`.
    const MD5: &str = "bd347294ce11cf3839ca8dc32f59d481";
    /// `md5(str_repeat('a', 5000))`.
    const MD5_LONG: &str = "7aaa7dec709fa4fa82f3746abfd80bdb";

    fn check(password: &str, stored: &str) -> Check {
        verify(&Secret::new(password.to_owned()), stored)
    }

    fn unusable(check: &Check) -> bool {
        matches!(check, Check::Unusable(_))
    }

    #[test]
    fn phpass_made_by_wordpress_verifies() {
        assert_eq!(check(PASSWORD, PHPASS), Check::Match);
        assert_eq!(check("correct-horse-9", PHPASS), Check::Mismatch);
        assert_eq!(check("Grüße-Ω-9", PHPASS_UTF8), Check::Match);
        assert_eq!(check("Grusse-Ω-9", PHPASS_UTF8), Check::Mismatch);
        // phpass's CheckPassword fails passwords over 4096 bytes.
        assert_eq!(check(&"a".repeat(4097), PHPASS), Check::Mismatch);
    }

    #[test]
    fn the_h_spelling_is_refused_as_wordpress_6_8_refuses_it() {
        // 6.8's wp_check_password returned false for the right password; 6.1's returned true.
        let stored = PHPASS.replacen("$P$", "$H$", 1);
        let right = check(PASSWORD, &stored);
        assert!(
            matches!(&right, Check::Unusable(why) if why.contains("password matches it there")),
            "{right:?}"
        );
        let wrong = check("correct-horse-9", &stored);
        assert!(
            matches!(&wrong, Check::Unusable(why) if why.contains("does not match it either")),
            "{wrong:?}"
        );
    }

    #[test]
    fn wp_prefixed_bcrypt_of_the_hmac_verifies() {
        assert_eq!(check(PASSWORD, WP), Check::Match);
        assert_eq!(check("Correct-Horse-8", WP), Check::Mismatch);
        // wp_check_password does not trim (its login does, see hash()).
        assert_eq!(check("Correct-Horse-9 ", WP), Check::Mismatch);
        // Without its prefix it is a bare bcrypt of the raw password, which this is not.
        assert_eq!(check(PASSWORD, &WP[3..]), Check::Mismatch);
        // The HMAC keeps what bcrypt alone would drop: bytes after the 72nd count.
        let long = "0123456789".repeat(10);
        assert_eq!(check(&long, WP_LONG), Check::Match);
        let same_first_72 = format!("{}{}", &long[..72], "x".repeat(28));
        assert_eq!(check(&same_first_72, WP_LONG), Check::Mismatch);
    }

    #[test]
    fn bare_bcrypt_uses_the_password_as_is() {
        assert_eq!(check(PASSWORD, BARE), Check::Match);
        assert_eq!(check("Correct-Horse-8", BARE), Check::Mismatch);
        for version in ["$2a$", "$2b$"] {
            assert_eq!(
                check(PASSWORD, &BARE.replacen("$2y$", version, 1)),
                Check::Match
            );
        }
        // PHP's bcrypt reads 72 bytes; wp_check_password fails anything over 4096 first.
        assert_eq!(check(&"a".repeat(72), BARE_LONG), Check::Match);
        assert_eq!(check(&"a".repeat(100), BARE_LONG), Check::Match);
        assert_eq!(check(&"a".repeat(5000), BARE_LONG), Check::Mismatch);
    }

    #[test]
    fn md5_is_compared_as_lower_case_hex_without_a_length_limit() {
        assert_eq!(check(PASSWORD, MD5), Check::Match);
        assert_eq!(check("Correct-Horse-8", MD5), Check::Mismatch);
        assert_eq!(check(&"a".repeat(5000), MD5_LONG), Check::Match);
        assert!(unusable(&check(PASSWORD, &MD5.to_uppercase())));
    }

    #[test]
    fn garbled_values_are_unusable() {
        for stored in [
            "",
            "*",
            "plaintext",
            &PHPASS[..33],
            &format!("{PHPASS}x"),
            &PHPASS.replacen("CO5.", "CO5!", 1),
            &format!("{}g", &MD5[..31]),
            &WP[..32],
            "$wp$argon2id$v=19$m=65536,t=4,p=1$c2FsdHNhbHQ$aGFzaA",
            "$2y$10$short",
            &BARE.replacen("$10$", "$31$", 1),
        ] {
            assert!(unusable(&check(PASSWORD, stored)), "{stored}");
        }
    }

    #[test]
    fn phpass_counts_outside_the_bounds_are_not_attempted() {
        // Counts by ITOA64 index: '4' 6 and 'T' 31 are outside phpass's 7..=30; 'S' 30 is
        // inside it but over breakglass's 2^24.
        for count in ['4', 'T', 'S', 'z', '$'] {
            let stored = format!("$P${count}{}", &PHPASS[4..]);
            let started = std::time::Instant::now();
            let result = check(PASSWORD, &stored);
            assert!(unusable(&result), "{stored}: {result:?}");
            assert!(started.elapsed() < std::time::Duration::from_millis(100));
        }
        assert!(
            matches!(check(PASSWORD, &format!("$P$S{}", &PHPASS[4..])), Check::Unusable(why) if why.contains("2^30"))
        );
        // '5' is 2^7, the least phpass accepts: checked, and another count gives another hash.
        assert_eq!(
            check(PASSWORD, &format!("$P$5{}", &PHPASS[4..])),
            Check::Mismatch
        );
    }

    #[test]
    fn each_form_is_recognised_and_named() {
        let h = PHPASS.replacen("$P$", "$H$", 1);
        for (stored, expected) in [
            (WP, "wordpress bcrypt-sha384"),
            (BARE, "bcrypt"),
            (&BARE.replacen("$2y$", "$2b$", 1), "bcrypt"),
            (&BARE.replacen("$2y$", "$2a$", 1), "bcrypt"),
            (PHPASS, "wordpress phpass"),
            (&h, "wordpress phpass"),
            (&PHPASS[..33], "wordpress phpass"),
            (MD5, "wordpress md5"),
            ("$wp$argon2id$x", "wordpress bcrypt-sha384"),
        ] {
            let form = WordPress.recognise(stored).expect(stored);
            assert_eq!(form.name, expected, "{stored}");
        }
        for stored in ["", "plaintext", &MD5[..31]] {
            assert_eq!(WordPress.recognise(stored), None, "{stored}");
        }
    }

    #[test]
    fn written_hashes_are_2y_bcrypt_that_verify() {
        let password = Secret::new(PASSWORD.to_owned());
        let stored = hash(&password, 4).expect("hash");
        assert!(
            stored.starts_with("$2y$04$") && stored.len() == 60,
            "{stored}"
        );
        assert_eq!(crate::password::scheme::name_of(&stored), "bcrypt");
        assert_eq!(verify(&password, &stored), Check::Match);
        assert_eq!(check("Correct-Horse-8", &stored), Check::Mismatch);
        assert!(hash(&Secret::new("x".repeat(72)), 4).is_ok());
        for refused in [
            "x".repeat(73),
            format!(" {PASSWORD}"),
            format!("{PASSWORD}\n"),
        ] {
            let error = hash(&Secret::new(refused.clone()), 4).expect_err("refused");
            assert_eq!(
                crate::exit::code_for(&error),
                crate::exit::REFUSED,
                "{refused:?}"
            );
        }
    }

    #[test]
    fn encode64_is_phpass_s() {
        // The hash part of PHPASS is encode64 of the MD5 chain; here the layout alone: one byte
        // gives two characters, three give four, low bits first.
        assert_eq!(encode64(&[0x00]), b"..");
        assert_eq!(encode64(&[0x3f]), b"z.");
        assert_eq!(encode64(&[0xff, 0xff, 0xff]), b"zzzz");
        assert_eq!(encode64(&[0x40, 0x00, 0x00]), b"./..");
    }
}
