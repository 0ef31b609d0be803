//! Booleans and timestamps as a database may hold them: read by each application's rule,
//! oddities noted, never a panic.
#![no_main]

use breakglass::db::Value;
use breakglass::db::value::parse_text_timestamp;
use breakglass::schema::user::{Reading, TextBooleans, decode_flag, decode_time};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, i64)| {
    let (text, number) = input;
    let mut oddities = Vec::new();
    let as_text = Value::Text(text.to_owned());
    for rule in [TextBooleans::Python, TextBooleans::Words] {
        let reading = Reading {
            text: rule,
            app: "the application",
        };
        // Text by the rule (Python's bool(): true unless empty); a number is true unless 0.
        assert_eq!(
            decode_flag("is_admin", &as_text, reading, &mut oddities),
            rule.read(text)
        );
        assert_eq!(
            decode_flag("is_admin", &Value::Int(number), reading, &mut oddities),
            number != 0
        );
    }
    assert_eq!(TextBooleans::Python.read(text), !text.is_empty());
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
