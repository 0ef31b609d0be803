//! Rendering results on stdout as a table, JSON or CSV. Rows are written as they come,
//! so memory does not grow with the result; a reader that closes the pipe ends us quietly.

use std::io::{self, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::OutputFormat;

/// A table is drawn this many rows at a time, so a huge listing never sits in memory.
const TABLE_BATCH_ROWS: usize = 1000;

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
            out: io::BufWriter::new(io::stdout()),
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
        match self.format {
            OutputFormat::Json => {
                if self.written > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(b"\n  ")?;
                serde_json::to_writer(&mut self.out, record)?;
            }
            OutputFormat::Csv => write_csv_line(&mut self.out, cells.iter().map(String::as_str))?,
            OutputFormat::Table => {
                self.pending.push(cells);
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
    let line: Vec<String> = cells.map(csv_field).collect();
    writeln!(out, "{}", line.join(","))
}

/// RFC 4180 quoting, plus a leading quote mark against spreadsheet formula injection.
fn csv_field(cell: &str) -> String {
    let guarded = if cell.starts_with(['=', '+', '-', '@']) && !cell.starts_with("--") {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Writes one JSON document and a newline to stdout.
pub fn print_json<T: Serialize>(value: &T) -> io::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)
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

/// A short human form for tables.
pub fn short_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_guarded() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("Doe, Jane"), "\"Doe, Jane\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
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
