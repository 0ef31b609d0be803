//! Rendering results on stdout as a table, JSON or CSV. Rows are written as they come into
//! one buffer that reaches stdout when full and at the end, so memory does not grow with the
//! result; a reader that closes the pipe ends us quietly.

use std::io::{self, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::OutputFormat;

/// A table is drawn this many rows at a time, so a huge listing never sits in memory.
const TABLE_BATCH_ROWS: usize = 1000;

/// Bytes of output gathered before each write to stdout: a million-row listing takes about
/// 3,000 writes instead of 25,000 with the standard 8 KiB.
const OUTPUT_BUFFER_BYTES: usize = 64 * 1024;

/// A stream of records, each given both as a serializable value (JSON) and as cells (table, CSV).
pub struct Listing {
    format: OutputFormat,
    headers: &'static [&'static str],
    out: io::BufWriter<io::Stdout>,
    pending: Vec<Vec<String>>,
    written: usize,
}

impl Listing {
    pub fn new(format: OutputFormat, headers: &'static [&'static str]) -> io::Result<Listing> {
        let mut listing = Listing {
            format,
            headers,
            out: buffered_stdout(),
            pending: Vec::new(),
            written: 0,
        };
        match format {
            OutputFormat::Json => listing.out.write_all(b"[")?,
            OutputFormat::Csv => write_csv_line(&mut listing.out, headers.iter().copied())?,
            OutputFormat::Table => {}
        }
        Ok(listing)
    }

    pub fn push<T: Serialize>(&mut self, record: &T, cells: Vec<String>) -> io::Result<()> {
        self.push_with(record, || cells)
    }

    /// Like [`Listing::push`], building the cells only for a table or CSV: JSON needs none.
    pub fn push_with<T: Serialize>(
        &mut self,
        record: &T,
        cells: impl FnOnce() -> Vec<String>,
    ) -> io::Result<()> {
        match self.format {
            OutputFormat::Json => {
                if self.written > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(b"\n  ")?;
                serde_json::to_writer(&mut self.out, record)?;
            }
            OutputFormat::Csv => write_csv_line(&mut self.out, cells().iter().map(String::as_str))?,
            OutputFormat::Table => {
                self.pending.push(cells());
                if self.pending.len() == TABLE_BATCH_ROWS {
                    self.draw_pending()?;
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    fn draw_pending(&mut self) -> io::Result<()> {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(self.headers.iter().copied());
        for row in self.pending.drain(..) {
            table.add_row(row);
        }
        writeln!(self.out, "{table}")
    }

    /// Closes the listing; returns how many records were written.
    pub fn finish(mut self) -> io::Result<usize> {
        match self.format {
            OutputFormat::Json if self.written > 0 => self.out.write_all(b"\n]\n")?,
            OutputFormat::Json => self.out.write_all(b"]\n")?,
            OutputFormat::Table if !self.pending.is_empty() => self.draw_pending()?,
            OutputFormat::Table | OutputFormat::Csv => {}
        }
        self.out.flush()?;
        Ok(self.written)
    }
}

fn write_csv_line<'a>(
    out: &mut impl Write,
    cells: impl Iterator<Item = &'a str>,
) -> io::Result<()> {
    for (index, cell) in cells.enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        write_csv_field(out, cell)?;
    }
    out.write_all(b"\n")
}

/// RFC 4180 quoting, plus a leading quote mark against spreadsheet formula injection.
fn write_csv_field(out: &mut impl Write, cell: &str) -> io::Result<()> {
    let guard: &[u8] = if cell.starts_with(['=', '+', '-', '@']) && !cell.starts_with("--") {
        b"'"
    } else {
        b""
    };
    if cell.contains([',', '"', '\n', '\r']) {
        out.write_all(b"\"")?;
        out.write_all(guard)?;
        for (index, part) in cell.split('"').enumerate() {
            if index > 0 {
                out.write_all(b"\"\"")?;
            }
            out.write_all(part.as_bytes())?;
        }
        out.write_all(b"\"")
    } else {
        out.write_all(guard)?;
        out.write_all(cell.as_bytes())
    }
}

/// stdout behind the same buffer the listings use, for output written in pieces.
pub fn buffered_stdout() -> io::BufWriter<io::Stdout> {
    io::BufWriter::with_capacity(OUTPUT_BUFFER_BYTES, io::stdout())
}

/// Writes one JSON document and a newline to stdout.
pub fn print_json<T: Serialize>(value: &T) -> io::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)
}

/// Adds the fields of `part` (a struct) to the JSON object `document`, at its end.
pub fn extend_object<T: Serialize>(document: &mut serde_json::Value, part: &T) {
    if let (Some(document), Ok(serde_json::Value::Object(fields))) =
        (document.as_object_mut(), serde_json::to_value(part))
    {
        document.extend(fields);
    }
}

/// Writes text to stdout as is.
pub fn print(text: &str) -> io::Result<()> {
    print_bytes(text.as_bytes())
}

pub fn print_bytes(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// RFC 3339 in UTC, as the JSON output documents it.
pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A short human form for tables: `2026-11-22 03:05 UTC`. Written field by field, as
/// `format("%Y-%m-%d %H:%M UTC")` would, without parsing that pattern again for every cell.
pub fn short_time(at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    if !(0..=9999).contains(&at.year()) {
        return at.format("%Y-%m-%d %H:%M UTC").to_string();
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

pub fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

/// "1 user", "3 users": a count with its noun (English plurals in -s).
pub fn counted<N: std::fmt::Display + PartialEq + From<u8>>(n: N, noun: &str) -> String {
    if n == N::from(1) {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(counted(1_i64, "user"), "1 user");
        assert_eq!(counted(0_u64, "user"), "0 users");
        assert_eq!(counted(20_usize, "minute"), "20 minutes");
    }

    fn csv_field(cell: &str) -> String {
        let mut out = Vec::new();
        write_csv_field(&mut out, cell).expect("write to a Vec");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn csv_fields_are_quoted_and_guarded() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("Doe, Jane"), "\"Doe, Jane\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
        assert_eq!(csv_field("=a,\"b\""), "\"'=a,\"\"b\"\"\"");
        assert_eq!(csv_field("--flag"), "--flag");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn short_time_matches_the_strftime_form() {
        let at = DateTime::parse_from_rfc3339("0987-01-02T03:04:59.9+00:00")
            .expect("valid")
            .with_timezone(&Utc);
        assert_eq!(short_time(at), at.format("%Y-%m-%d %H:%M UTC").to_string());
    }

    #[test]
    fn timestamps_are_utc_rfc3339() {
        let at = DateTime::parse_from_rfc3339("2026-11-22T04:05:06+01:00")
            .expect("valid")
            .with_timezone(&Utc);
        assert_eq!(rfc3339(at), "2026-11-22T03:05:06Z");
        assert_eq!(short_time(at), "2026-11-22 03:05 UTC");
    }
}
