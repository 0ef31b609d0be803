//! Booleans and timestamps as a database may hold them: read the way the gateway reads
//! them, oddities noted, never a panic.
#![no_main]

use breakglass::db::Value;
use breakglass::db::value::parse_text_timestamp;
use breakglass::schema::user::{decode_flag, decode_time};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, i64)| {
    let (text, number) = input;
    let mut oddities = Vec::new();
    let as_text = Value::Text(text.to_owned());
    // Python's bool() of a string: true unless empty.
    assert_eq!(
        decode_flag("is_admin", &as_text, &mut oddities),
        !text.is_empty()
    );
    assert_eq!(
        decode_flag("is_admin", &Value::Int(number), &mut oddities),
        number != 0
    );
    let parsed = parse_text_timestamp(text);
    assert_eq!(
        decode_time("locked_until", &as_text, &mut oddities).is_some(),
        parsed.is_some()
    );
    if let Some(at) = parsed {
        // What breakglass writes back for SQLite reads back as the same instant.
        let written = at
            .format(breakglass::db::value::SQLITE_TIMESTAMP_FORMAT)
            .to_string();
        let again = parse_text_timestamp(&written).expect("own format parses");
        assert_eq!(
            again.timestamp_micros(),
            at.timestamp_micros(),
            "{text} -> {written}"
        );
    }
});
