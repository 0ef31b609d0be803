//! Rendering results on stdout as a table, JSON or CSV. Rows are written as they come into
//! one buffer that reaches stdout when full and at the end, so memory does not grow with the
//! result; a reader that closes the pipe ends us quietly.
//!
//! Tables fit the terminal: a key (an email, a jti) is never wrapped, the columns a command
//! ranks lowest are dropped first, and below [`MIN_TABLE_WIDTH`] each row becomes a block of
//! `column | value` lines. Borders are ASCII where the locale or TERM cannot show box
//! drawing; states and warnings are coloured only on a terminal (see [`colors`]).

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::sync::OnceLock;

use chrono::{DateTime, SecondsFormat, Utc};
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::{ColorChoice, OutputFormat};

/// A table is drawn this many rows at a time, so a huge listing never sits in memory.
const TABLE_BATCH_ROWS: usize = 1000;

/// Bytes of output gathered before each write to stdout: a million-row listing takes about
/// 3,000 writes instead of 25,000 with the standard 8 KiB.
const OUTPUT_BUFFER_BYTES: usize = 64 * 1024;

/// Narrower than this, a table has room for two or three short columns at best; one record
/// per block shows every field instead.
const MIN_TABLE_WIDTH: usize = 72;

/// How a state reads at a glance, coloured only where colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Caution,
    Bad,
}

impl Tone {
    /// Standard ANSI colours, which every terminal theme keeps legible.
    fn sgr(self) -> Option<&'static str> {
        match self {
            Tone::Plain => None,
            Tone::Good => Some("\x1b[32m"),
            Tone::Caution => Some("\x1b[33m"),
            Tone::Bad => Some("\x1b[31m"),
        }
    }

    fn table_color(self) -> Option<Color> {
        match self {
            Tone::Plain => None,
            Tone::Good => Some(Color::DarkGreen),
            Tone::Caution => Some(Color::DarkYellow),
            Tone::Bad => Some(Color::DarkRed),
        }
    }
}

/// What a narrow terminal may do to a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// The value an operator copies into the next command: never wrapped, never dropped.
    Key,
    /// Never dropped; wrapped at spaces when it must be.
    Kept,
    /// Dropped when the table does not fit, the lowest number first.
    Dropped(u8),
}

/// One column of a listing: its header, what a narrow terminal may do to it, and how its
/// cells are coloured. Commands declare these next to their cells; the renderer applies them.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    fit: Fit,
    tone: Option<fn(&str) -> Tone>,
}

impl Column {
    pub const fn key(header: &'static str) -> Column {
        Column::new(header, Fit::Key)
    }

    pub const fn kept(header: &'static str) -> Column {
        Column::new(header, Fit::Kept)
    }

    /// Dropped `order`-th when the terminal is too narrow (1 goes first).
    pub const fn dropped(header: &'static str, order: u8) -> Column {
        Column::new(header, Fit::Dropped(order))
    }

    /// Colours each cell by what it says.
    pub const fn toned(mut self, tone: fn(&str) -> Tone) -> Column {
        self.tone = Some(tone);
        self
    }

    const fn new(header: &'static str, fit: Fit) -> Column {
        Column {
            header,
            fit,
            tone: None,
        }
    }

    fn tone_of(&self, cell: &str) -> Tone {
        self.tone.map_or(Tone::Plain, |tone| tone(cell))
    }
}

/// How tables look on this run, decided once from the terminal and the environment.
#[derive(Debug, Clone, Copy)]
struct Screen {
    /// None: stdout is not a terminal and COLUMNS is unset; the table is drawn whole.
    width: Option<usize>,
    ascii: bool,
    color: bool,
}

impl Screen {
    fn detect() -> Screen {
        Screen {
            width: terminal_width(),
            ascii: !box_drawing_shows(&locale_variables(), std::env::var("TERM").ok().as_deref()),
            color: colors(Stream::Stdout),
        }
    }
}

/// A stream of records, each given both as a serializable value (JSON) and as cells (table, CSV).
pub struct Listing {
    format: OutputFormat,
    columns: Vec<Column>,
    screen: Screen,
    out: io::BufWriter<io::Stdout>,
    pending: Vec<Vec<String>>,
    /// One JSON record, serialized here and written whole: serde_json writes every key,
    /// quote and value separately, cheaper into a Vec than through the writer's io::Result.
    record: Vec<u8>,
    written: usize,
    drawn: usize,
}

impl Listing {
    /// A listing whose columns are all kept and wrapped when they must be.
    pub fn new(format: OutputFormat, headers: &'static [&'static str]) -> io::Result<Listing> {
        let columns = headers.iter().map(|header| Column::kept(header)).collect();
        Listing::start(format, columns)
    }

    /// A listing whose command says which columns are keys and which may be dropped.
    pub fn with_columns(format: OutputFormat, columns: &[Column]) -> io::Result<Listing> {
        Listing::start(format, columns.to_vec())
    }

    fn start(format: OutputFormat, columns: Vec<Column>) -> io::Result<Listing> {
        let screen = match format {
            OutputFormat::Table => Screen::detect(),
            OutputFormat::Json | OutputFormat::Csv => Screen {
                width: None,
                ascii: false,
                color: false,
            },
        };
        let mut listing = Listing {
            format,
            columns,
            screen,
            out: buffered_stdout(),
            pending: Vec::new(),
            record: Vec::new(),
            written: 0,
            drawn: 0,
        };
        match format {
            OutputFormat::Json => listing.out.write_all(b"[")?,
            OutputFormat::Csv => write_csv_line(
                &mut listing.out,
                listing.columns.iter().map(|column| column.header),
            )?,
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
                self.record.clear();
                serde_json::to_writer(&mut self.record, record)?;
                self.out.write_all(&self.record)?;
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
        let layout = match self.screen.width {
            None => Layout::Table(vec![true; self.columns.len()]),
            Some(width) => choose_layout(&measure(&self.columns, &self.pending), width),
        };
        match layout {
            Layout::Table(shown) => self.draw_table(&shown),
            Layout::Records => self.draw_records(),
        }
    }

    fn draw_table(&mut self, shown: &[bool]) -> io::Result<()> {
        let color = self.screen.color;
        let mut table = Table::new();
        // Width and styling are decided here, not guessed again by comfy-table.
        table
            .force_no_tty()
            .load_style(if self.screen.ascii {
                presets::ASCII_FULL_CONDENSED
            } else {
                presets::UTF8_FULL_CONDENSED
            })
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(self.columns.iter().map(|column| {
                let cell = Cell::new(column.header);
                if color {
                    cell.add_attribute(Attribute::Bold)
                } else {
                    cell
                }
            }));
        if let Some(width) = self.screen.width {
            table.set_width(u16::try_from(width).unwrap_or(u16::MAX));
        }
        if color {
            table.enforce_styling();
        }
        for (index, (column, shown)) in self.columns.iter().zip(shown).enumerate() {
            let constraint = match (shown, column.fit) {
                (false, _) => ColumnConstraint::Hidden,
                (true, Fit::Key) => ColumnConstraint::ContentWidth,
                (true, Fit::Kept | Fit::Dropped(_)) => continue,
            };
            if let Some(column) = table.column_mut(index) {
                column.set_constraint(constraint);
            }
        }
        for row in self.pending.drain(..) {
            table.add_row(row.into_iter().zip(&self.columns).map(|(text, column)| {
                let tone = if color {
                    column.tone_of(&text).table_color()
                } else {
                    None
                };
                match tone {
                    Some(tone) => Cell::new(text).fg(tone),
                    None => Cell::new(text),
                }
            }));
        }
        writeln!(self.out, "{table}")
    }

    /// `-[ RECORD n ]-` and one `column | value` line per field, as `psql \x` prints them.
    fn draw_records(&mut self) -> io::Result<()> {
        let width = self.screen.width.unwrap_or(usize::MAX);
        let label_width = self
            .columns
            .iter()
            .map(|column| text_width(column.header))
            .max()
            .unwrap_or(0);
        let value_width = width.saturating_sub(label_width + 3).max(1);
        // One rule width for the batch, so the blocks line up.
        let widest = self
            .pending
            .iter()
            .flatten()
            .map(|cell| text_width(cell))
            .max()
            .unwrap_or(0);
        let rule_width = (label_width + 3 + widest).min(width);
        for row in self.pending.drain(..) {
            self.drawn += 1;
            writeln!(
                self.out,
                "{}",
                record_rule(self.drawn, label_width, rule_width)
            )?;
            for (column, value) in self.columns.iter().zip(&row) {
                let lines = if column.fit == Fit::Key {
                    vec![value.as_str()]
                } else {
                    wrap_words(value, value_width)
                };
                let tone = if self.screen.color {
                    column.tone_of(value)
                } else {
                    Tone::Plain
                };
                for (index, line) in lines.iter().enumerate() {
                    let label = if index == 0 { column.header } else { "" };
                    if line.is_empty() {
                        writeln!(self.out, "{label:<label_width$} |")?;
                    } else {
                        writeln!(
                            self.out,
                            "{label:<label_width$} | {}",
                            paint(line, tone, true)
                        )?;
                    }
                }
            }
        }
        Ok(())
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

/// What a batch of rows needs of each column: its width unwrapped, and the narrowest it can be.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Measure {
    fit: Fit,
    natural: usize,
    narrowest: usize,
}

fn measure(columns: &[Column], rows: &[Vec<String>]) -> Vec<Measure> {
    columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let cells = std::iter::once(column.header).chain(
                rows.iter()
                    .filter_map(|row| row.get(index).map(String::as_str)),
            );
            let mut natural = 0;
            let mut longest_word = 0;
            for cell in cells {
                natural = natural.max(text_width(cell));
                longest_word = longest_word.max(cell.split(' ').map(text_width).max().unwrap_or(0));
            }
            Measure {
                fit: column.fit,
                natural,
                narrowest: if column.fit == Fit::Key {
                    natural
                } else {
                    longest_word
                },
            }
        })
        .collect()
}

#[derive(Debug, PartialEq)]
enum Layout {
    /// Which columns the table shows.
    Table(Vec<bool>),
    Records,
}

/// The columns that fit in `width`, dropping the lowest ranked first; records when even the
/// columns that are never dropped cannot fit, or the terminal is narrower than a table needs.
fn choose_layout(measures: &[Measure], width: usize) -> Layout {
    let mut shown = vec![true; measures.len()];
    let total = |shown: &[bool], size: fn(&Measure) -> usize| {
        table_width(
            measures
                .iter()
                .zip(shown)
                .filter(|(_, shown)| **shown)
                .map(|(measure, _)| size(measure)),
        )
    };
    if total(&shown, |measure| measure.natural) <= width {
        return Layout::Table(shown);
    }
    if width < MIN_TABLE_WIDTH {
        return Layout::Records;
    }
    let mut droppable: Vec<(u8, usize)> = measures
        .iter()
        .enumerate()
        .filter_map(|(index, measure)| match measure.fit {
            Fit::Dropped(order) => Some((order, index)),
            Fit::Key | Fit::Kept => None,
        })
        .collect();
    droppable.sort_unstable();
    for (_, index) in droppable {
        if total(&shown, |measure| measure.natural) <= width {
            break;
        }
        shown[index] = false;
    }
    if total(&shown, |measure| measure.narrowest) <= width {
        Layout::Table(shown)
    } else {
        Layout::Records
    }
}

/// The width of a table with one space of padding each side and a border between columns.
fn table_width(columns: impl Iterator<Item = usize>) -> usize {
    let mut width = 1;
    for column in columns {
        width += column + 3;
    }
    width
}

/// `-[ RECORD 3 ]-----+------`: the `+` stands over the bar between labels and values.
fn record_rule(number: usize, label_width: usize, width: usize) -> String {
    let mut rule = format!("-[ RECORD {number} ]");
    let bar = label_width + 1;
    if rule.len() < bar {
        rule.push_str(&"-".repeat(bar - rule.len()));
        rule.push('+');
    }
    if rule.len() < width {
        rule.push_str(&"-".repeat(width - rule.len()));
    }
    rule
}

/// Breaks at spaces so that lines are at most `width` wide; a longer word keeps its own line.
fn wrap_words(text: &str, width: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while text_width(rest) > width {
        let cut = rest
            .char_indices()
            .filter(|(_, char)| *char == ' ')
            .map(|(at, _)| at)
            .take_while(|at| text_width(&rest[..*at]) <= width)
            .last()
            .or_else(|| rest.find(' '));
        let Some(cut) = cut else { break };
        lines.push(&rest[..cut]);
        rest = &rest[cut + 1..];
    }
    lines.push(rest);
    lines
}

/// Characters, not bytes: names and emails may hold accented letters.
fn text_width(text: &str) -> usize {
    text.lines()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0)
}

/// The terminal's width: COLUMNS when set (so tests and scripts can choose it), else the
/// terminal's own size when stdout is one.
fn terminal_width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|columns| *columns > 0)
    {
        return Some(columns);
    }
    let stdout = io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    rustix::termios::tcgetwinsize(&stdout)
        .ok()
        .map(|size| usize::from(size.ws_col))
        .filter(|columns| *columns > 0)
}

/// LC_ALL, LC_CTYPE and LANG, in the order that decides the character set.
fn locale_variables() -> [Option<String>; 3] {
    ["LC_ALL", "LC_CTYPE", "LANG"].map(|name| std::env::var(name).ok())
}

/// Box drawing needs a UTF-8 locale (the first of LC_ALL, LC_CTYPE, LANG that is set; none
/// means the C locale) and a terminal other than `dumb` or the Linux console.
fn box_drawing_shows(locale: &[Option<String>], term: Option<&str>) -> bool {
    let charset = locale
        .iter()
        .flatten()
        .find(|value| !value.is_empty())
        .map(|value| value.to_ascii_lowercase());
    let utf8 = charset.is_some_and(|value| value.contains("utf-8") || value.contains("utf8"));
    utf8 && !matches!(term, Some("dumb" | "linux"))
}

/// Where a line is written: colour is decided for each stream by whether it is a terminal.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

static COLOR_CHOICE: OnceLock<ColorChoice> = OnceLock::new();

/// Records `--color`; called once, before anything is printed.
pub fn set_color_choice(choice: ColorChoice) {
    let _ = COLOR_CHOICE.set(choice);
}

/// Whether text written to `stream` is coloured.
pub fn colors(stream: Stream) -> bool {
    let is_terminal = match stream {
        Stream::Stdout => io::stdout().is_terminal(),
        Stream::Stderr => io::stderr().is_terminal(),
    };
    colors_wanted(
        COLOR_CHOICE.get().copied().unwrap_or(ColorChoice::Auto),
        std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
        is_terminal,
        std::env::var("TERM").ok().as_deref(),
    )
}

/// `--color always` wins over NO_COLOR: an explicit flag says more about this one run than an
/// environment variable set for every program. `auto` colours a terminal unless NO_COLOR is
/// set or TERM is `dumb`.
fn colors_wanted(
    choice: ColorChoice,
    no_color: bool,
    is_terminal: bool,
    term: Option<&str>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && is_terminal && term != Some("dumb"),
    }
}

/// `text` in the tone's colour when `on`; as is otherwise.
pub fn paint(text: &str, tone: Tone, on: bool) -> Cow<'_, str> {
    match tone.sgr() {
        Some(sgr) if on => Cow::Owned(format!("{sgr}{text}\x1b[0m")),
        _ => Cow::Borrowed(text),
    }
}

/// `warning:` or `error:` before a diagnostic on stderr, bold and coloured on a terminal.
pub fn label(text: &'static str, tone: Tone) -> Cow<'static, str> {
    match tone.sgr() {
        Some(sgr) if colors(Stream::Stderr) => Cow::Owned(format!("\x1b[1m{sgr}{text}\x1b[0m")),
        _ => Cow::Borrowed(text),
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

/// RFC 3339 in UTC, as the JSON output documents it: `2026-11-22T03:04:05Z`, with 3, 6 or 9
/// fraction digits when the sub-second part needs them (chrono's `SecondsFormat::AutoSi`).
/// Written digit by digit: chrono's formatter went through `fmt` machinery for every field,
/// and a million-row listing formats millions of these. Years outside 0..=9999 and leap
/// seconds, which need signs or a 60th second, are left to chrono.
pub fn rfc3339(at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let nanos = at.nanosecond();
    if !(0..=9999).contains(&at.year()) || nanos >= 1_000_000_000 {
        return at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    }
    let mut text = String::with_capacity(30);
    push_digits(&mut text, at.year().unsigned_abs(), 4);
    text.push('-');
    push_digits(&mut text, at.month(), 2);
    text.push('-');
    push_digits(&mut text, at.day(), 2);
    text.push('T');
    push_digits(&mut text, at.hour(), 2);
    text.push(':');
    push_digits(&mut text, at.minute(), 2);
    text.push(':');
    push_digits(&mut text, at.second(), 2);
    match nanos {
        0 => {}
        _ if nanos.is_multiple_of(1_000_000) => push_fraction(&mut text, nanos / 1_000_000, 3),
        _ if nanos.is_multiple_of(1_000) => push_fraction(&mut text, nanos / 1_000, 6),
        _ => push_fraction(&mut text, nanos, 9),
    }
    text.push('Z');
    text
}

/// `number` in exactly `width` decimal digits, zero-padded (it must fit).
fn push_digits(text: &mut String, number: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = number / 10u32.pow(place) % 10;
        text.push(char::from(b'0' + digit as u8));
    }
}

fn push_fraction(text: &mut String, digits: u32, width: u32) {
    text.push('.');
    push_digits(text, digits, width);
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
    fn rfc3339_matches_chronos_form() {
        use chrono::TimeZone;
        let mut checked = 0;
        // Leap days, the ends of years and days, and every fraction width AutoSi picks.
        let days = [
            (2024, 2, 29),
            (2000, 2, 29),
            (1900, 2, 28),
            (2026, 12, 31),
            (1970, 1, 1),
            (0, 1, 1),
            (9999, 12, 31),
            (2099, 1, 1),
        ];
        let times = [(0, 0, 0), (23, 59, 59), (3, 4, 5), (12, 30, 9)];
        let nanos = [
            0,
            1,
            999_999_999,
            5_000_000,
            120_000_000,
            123_456_000,
            1_000,
            999_000,
            123_456_789,
            100_000_000,
        ];
        for (year, month, day) in days {
            for (hour, minute, second) in times {
                for nano in nanos {
                    let at = Utc
                        .with_ymd_and_hms(year, month, day, hour, minute, second)
                        .single()
                        .expect("valid")
                        + chrono::TimeDelta::nanoseconds(nano);
                    let expected = at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
                    assert_eq!(rfc3339(at), expected);
                    checked += 1;
                }
            }
        }
        // A spread of instants across the fast path's range, with microseconds as stored.
        let mut seconds: i64 = -62_167_219_200; // 0000-01-01
        while seconds < 253_402_300_799 {
            let at =
                DateTime::from_timestamp(seconds, (seconds.rem_euclid(1_000_000) * 1000) as u32)
                    .expect("in range");
            assert_eq!(rfc3339(at), at.to_rfc3339_opts(SecondsFormat::AutoSi, true));
            seconds += 7_919_993;
            checked += 1;
        }
        // Outside it, chrono answers: negative and five-digit years, a leap second.
        for at in [
            Utc.with_ymd_and_hms(-1, 1, 1, 0, 0, 0)
                .single()
                .expect("valid"),
            Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0)
                .single()
                .expect("valid"),
            chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
                .and_then(|day| day.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
                .expect("a leap second")
                .and_utc(),
        ] {
            assert_eq!(rfc3339(at), at.to_rfc3339_opts(SecondsFormat::AutoSi, true));
        }
        assert!(checked > 10_000);
    }

    #[test]
    fn short_time_matches_the_strftime_form() {
        let at = DateTime::parse_from_rfc3339("0987-01-02T03:04:59.9+00:00")
            .expect("valid")
            .with_timezone(&Utc);
        assert_eq!(short_time(at), at.format("%Y-%m-%d %H:%M UTC").to_string());
    }

    /// The list-admins columns in miniature: a key, a kept state, and three details.
    const COLUMNS: &[Column] = &[
        Column::key("email"),
        Column::dropped("full name", 1),
        Column::dropped("admin via", 3),
        Column::dropped("last login", 2),
        Column::kept("can log in"),
    ];

    fn rows() -> Vec<Vec<String>> {
        [[
            "ops.lead@example.com",
            "Ops Lead of the Night Shift",
            "is_admin, platform_admin_email",
            "2026-11-22 03:05 UTC",
            "yes, new password",
        ]]
        .iter()
        .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
        .collect()
    }

    fn layout_at(width: usize) -> Layout {
        choose_layout(&measure(COLUMNS, &rows()), width)
    }

    #[test]
    fn a_table_that_fits_keeps_every_column() {
        // 20 + 27 + 30 + 20 + 17 content, 3 per column and 1 for the last border.
        assert_eq!(layout_at(130), Layout::Table(vec![true; 5]));
        assert_eq!(layout_at(200), Layout::Table(vec![true; 5]));
    }

    #[test]
    fn columns_drop_in_their_order_until_the_table_fits() {
        assert_eq!(
            layout_at(129),
            Layout::Table(vec![true, false, true, true, true])
        );
        assert_eq!(
            layout_at(100),
            Layout::Table(vec![true, false, true, true, true])
        );
        assert_eq!(
            layout_at(99),
            Layout::Table(vec![true, false, true, false, true])
        );
        // Key and kept column alone: 20 + 17 + 7.
        assert_eq!(
            layout_at(76),
            Layout::Table(vec![true, false, false, false, true])
        );
    }

    #[test]
    fn narrow_terminals_get_one_record_per_block() {
        assert_eq!(layout_at(MIN_TABLE_WIDTH - 1), Layout::Records);
        assert_eq!(layout_at(20), Layout::Records);
    }

    #[test]
    fn records_when_the_key_alone_is_too_wide() {
        let long = "a.very.long.mailbox.name.that.goes.on@subdomain.example.com".repeat(2);
        let rows = vec![vec![
            long,
            String::new(),
            String::new(),
            String::new(),
            "yes".to_owned(),
        ]];
        assert_eq!(
            choose_layout(&measure(COLUMNS, &rows), 100),
            Layout::Records
        );
    }

    #[test]
    fn kept_columns_may_wrap_to_their_longest_word() {
        let columns = &[Column::key("email"), Column::kept("description")];
        let rows = vec![vec![
            "a@example.com".to_owned(),
            "word ".repeat(30).trim_end().to_owned(),
        ]];
        assert_eq!(
            choose_layout(&measure(columns, &rows), 80),
            Layout::Table(vec![true, true])
        );
    }

    #[test]
    fn words_wrap_at_spaces_and_long_words_stay_whole() {
        assert_eq!(
            wrap_words("is_admin, platform_admin_email", 12),
            ["is_admin,", "platform_admin_email"]
        );
        assert_eq!(wrap_words("a b c d", 3), ["a b", "c d"]);
        assert_eq!(wrap_words("short", 10), ["short"]);
        assert_eq!(wrap_words("", 10), [""]);
    }

    #[test]
    fn the_record_rule_marks_the_bar() {
        assert_eq!(record_rule(1, 16, 30), "-[ RECORD 1 ]----+------------");
        assert_eq!(record_rule(12345, 4, 20), "-[ RECORD 12345 ]---");
    }

    fn locale(lc_all: &str, lc_ctype: &str, lang: &str) -> [Option<String>; 3] {
        [lc_all, lc_ctype, lang].map(|value| Some(value.to_owned()).filter(|v| !v.is_empty()))
    }

    #[test]
    fn box_drawing_needs_a_utf8_locale_and_a_capable_terminal() {
        let utf8 = locale("", "", "en_US.UTF-8");
        assert!(box_drawing_shows(&utf8, Some("xterm-256color")));
        assert!(box_drawing_shows(&locale("", "C.utf8", "C"), None));
        assert!(!box_drawing_shows(&locale("C", "", "en_US.UTF-8"), None));
        assert!(!box_drawing_shows(&locale("", "", ""), None));
        assert!(!box_drawing_shows(&utf8, Some("dumb")));
        assert!(!box_drawing_shows(&utf8, Some("linux")));
    }

    #[test]
    fn colour_follows_the_flag_then_no_color_then_the_terminal() {
        use ColorChoice::{Always, Auto, Never};
        assert!(colors_wanted(Always, true, false, Some("dumb")));
        assert!(!colors_wanted(Never, false, true, Some("xterm")));
        assert!(colors_wanted(Auto, false, true, Some("xterm")));
        assert!(!colors_wanted(Auto, true, true, Some("xterm")));
        assert!(!colors_wanted(Auto, false, false, Some("xterm")));
        assert!(!colors_wanted(Auto, false, true, Some("dumb")));
    }

    #[test]
    fn paint_wraps_only_when_on() {
        assert_eq!(paint("refused", Tone::Bad, true), "\x1b[31mrefused\x1b[0m");
        assert_eq!(paint("refused", Tone::Bad, false), "refused");
        assert_eq!(paint("a@example.com", Tone::Plain, true), "a@example.com");
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
