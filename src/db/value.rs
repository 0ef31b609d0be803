//! One cell, the same on every engine. Each driver decodes into it and binds from it,
//! so commands and the schema layer never see a sqlx type.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Timestamp(DateTime<Utc>),
}

impl Value {
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(number) => Some(*number),
            Value::Bool(flag) => Some(i64::from(*flag)),
            Value::Float(number) if number.fract() == 0.0 => Some(*number as i64),
            Value::Text(text) => text.trim().parse().ok(),
            _ => None,
        }
    }
}

/// Now, to the microsecond: what every engine (and the gateway's SQLite format) keeps,
/// so a written timestamp reads back equal.
pub fn now() -> DateTime<Utc> {
    use chrono::{DurationRound, TimeDelta};
    let now = Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(now)
}

/// How SQLite text timestamps are written by the gateway (UTC, no offset).
pub const SQLITE_TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M:%S%.6f";

/// Reads a timestamp stored as text: the gateway's own format, SQLite's
/// `CURRENT_TIMESTAMP`, or ISO 8601 with `T` and an offset. Naive values are UTC.
pub fn parse_text_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Some(naive) = parse_plain_timestamp(text) {
        return Some(naive.and_utc());
    }
    if let Ok(aware) = DateTime::parse_from_rfc3339(text) {
        return Some(aware.with_timezone(&Utc));
    }
    if let Ok(aware) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z") {
        return Some(aware.with_timezone(&Utc));
    }
    [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|date| date.and_hms_opt(0, 0, 0))
    })
    .map(|naive| naive.and_utc())
}

/// The form nearly every row holds, `YYYY-MM-DD HH:MM:SS[.fraction]` (or with `T`), read
/// without chrono's pattern parser: a million-row listing parses millions of these. Anything
/// else (an offset, a short form) is left to the general parser.
fn parse_plain_timestamp(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes.get(range)?.iter().try_fold(0u32, |total, &byte| {
            byte.is_ascii_digit()
                .then(|| total * 10 + u32::from(byte - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if bytes.len() < 19
        || !matches!(bytes[10], b' ' | b'T')
        || separators.iter().any(|&(at, byte)| bytes[at] != byte)
    {
        return None;
    }
    let nanos = match &bytes[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            number(20..bytes.len())? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    chrono::NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?
        .and_hms_nano_opt(number(11..13)?, number(14..16)?, number(17..19)?, nanos)
}

/// How an application reads text found in a boolean column (SQLite keeps whatever was
/// written there), as its profile's `text_booleans` says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextBooleans {
    /// Python's `bool()` of the text (SQLAlchemy and Django on SQLite): any non-empty text,
    /// 'false' and '0' included, is true.
    Python,
    /// The words frameworks cast (ActiveRecord, PHP, Go's ParseBool): '', '0', 'f', 'false',
    /// 'n', 'no' and 'off' in any case are false, any other text true.
    #[default]
    Words,
}

impl TextBooleans {
    pub fn read(self, text: &str) -> bool {
        match self {
            TextBooleans::Python => !text.is_empty(),
            TextBooleans::Words => !matches!(
                text.trim().to_ascii_lowercase().as_str(),
                "" | "0" | "f" | "false" | "n" | "no" | "off"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn text_timestamps_in_every_form_the_gateway_or_sqlite_writes() {
        let expected = Utc
            .with_ymd_and_hms(2026, 11, 22, 3, 4, 5)
            .single()
            .expect("valid");
        for text in [
            "2026-11-22 03:04:05",
            "2026-11-22 03:04:05.000000",
            "2026-11-22T03:04:05Z",
            "2026-11-22T04:04:05+01:00",
            "2026-11-22 03:04:05+00:00",
        ] {
            assert_eq!(parse_text_timestamp(text), Some(expected), "{text}");
        }
        let micros = parse_text_timestamp("2026-11-22 03:04:05.123456").expect("micros");
        assert_eq!(
            micros.format(SQLITE_TIMESTAMP_FORMAT).to_string(),
            "2026-11-22 03:04:05.123456"
        );
        assert_eq!(parse_text_timestamp("soon"), None);
        assert_eq!(parse_text_timestamp("2026-13-22 03:04:05"), None);
        assert_eq!(parse_text_timestamp("2026-11-22 03:04:5x"), None);
        assert_eq!(parse_text_timestamp(""), None);
    }

    #[test]
    fn the_plain_form_reads_as_chrono_reads_it() {
        for text in [
            "2026-11-22 03:04:05",
            "2026-11-22T03:04:05",
            "2026-11-22 03:04:05.1",
            "2026-11-22 03:04:05.123456",
            "2026-11-22 03:04:05.123456789",
            "2024-02-29 23:59:59.999999",
        ] {
            let general =
                NaiveDateTime::parse_from_str(&text.replace('T', " "), "%Y-%m-%d %H:%M:%S%.f")
                    .expect("chrono reads it");
            assert_eq!(parse_plain_timestamp(text), Some(general), "{text}");
        }
        for text in [
            "2026-11-22 03:04:05Z",
            "2026-11-22 03:04:05+01:00",
            "2026-11-22 03:04:05.",
            "2026-11-22 03:04:05.1234567890",
            "2026-11-22 03:04",
            "2025-02-29 00:00:00",
            "2026-11-22 24:00:00",
        ] {
            assert_eq!(parse_plain_timestamp(text), None, "{text}");
        }
    }

    #[test]
    fn integers_are_read_from_any_numeric_cell() {
        assert_eq!(Value::Int(5).int(), Some(5));
        assert_eq!(Value::Text(" 7 ".into()).int(), Some(7));
        assert_eq!(Value::Float(2.0).int(), Some(2));
        assert_eq!(Value::Float(2.5).int(), None);
        assert_eq!(Value::Null.int(), None);
    }
}
