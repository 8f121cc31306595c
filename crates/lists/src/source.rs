//! From a file's bytes to a grid of cells, each row with its physical line.
//!
//! CSV: the encoding is read from a byte-order mark, else UTF-8 if the bytes
//! are valid UTF-8, else Windows-1251; the delimiter is sniffed from the
//! first records (or taken from an Excel `sep=` first line). XLSX: the first
//! sheet, with calamine; a row's line is its row number in the sheet.

use crate::error::ReadError;
use crate::export::unneutralise;
use calamine::{Data, Reader, Xlsx};
use std::fmt;
use std::io::Cursor;

/// The file formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// Tells the format from the bytes, not from a file name: a ZIP archive
    /// is taken for an XLSX workbook, anything else for CSV text. An old
    /// binary `.xls` workbook is refused with a sentence saying what to do.
    pub fn sniff(bytes: &[u8]) -> Result<Format, ReadError> {
        if bytes.starts_with(b"PK\x03\x04") {
            Ok(Format::Xlsx)
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            Err(ReadError::OldExcel)
        } else {
            Ok(Format::Csv)
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Csv => "CSV",
            Format::Xlsx => "XLSX",
        })
    }
}

/// The text encoding a CSV file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark (what spreadsheet programs write).
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Chosen when the bytes are not valid UTF-8 and carry no byte-order mark.
    Windows1251,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with byte-order mark",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1251 => "Windows-1251",
        })
    }
}

/// The field separator of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    fn from_char(c: char) -> Option<Delimiter> {
        match c {
            ',' => Some(Delimiter::Comma),
            ';' => Some(Delimiter::Semicolon),
            '\t' => Some(Delimiter::Tab),
            _ => None,
        }
    }
}

impl fmt::Display for Delimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
        })
    }
}

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    /// A cell Excel formats as a date.
    Date {
        year: i32,
        month: u8,
        day: u8,
    },
    /// A spreadsheet error such as `#N/A`.
    Error(String),
}

impl Cell {
    /// The cell as text, trimmed; numbers without a fractional part are
    /// written as integers and dates as `YYYY-MM-DD`.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) => number_text(*n),
            Cell::Date { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
            Cell::Error(e) => e.clone(),
        }
    }

    pub(crate) fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(s) if s.trim().is_empty())
    }
}

/// The values spreadsheet programs show for a formula that failed; a CSV
/// export writes them as text.
const SPREADSHEET_ERRORS: [&str; 8] = [
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!",
];

/// A text cell, with the apostrophe of a neutralised export removed; the
/// text of a spreadsheet error is read as that error.
fn text_cell(s: &str) -> Cell {
    if SPREADSHEET_ERRORS.contains(&s.trim()) {
        Cell::Error(s.trim().to_owned())
    } else {
        Cell::Text(unneutralise(s).into_owned())
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A row of the file with the physical line (CSV) or sheet row (XLSX) it
/// starts on, 1-based.
#[derive(Debug, Clone)]
pub(crate) struct SourceRow {
    pub line: usize,
    pub cells: Vec<Cell>,
}

impl SourceRow {
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// A file read into rows, and how it was read.
pub(crate) struct Grid {
    pub format: Format,
    pub encoding: Option<Encoding>,
    pub delimiter: Option<Delimiter>,
    pub sheet: Option<String>,
    pub rows: Vec<SourceRow>,
}

pub(crate) fn read_grid(bytes: &[u8], delimiter: Option<Delimiter>) -> Result<Grid, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    match Format::sniff(bytes)? {
        Format::Xlsx => read_xlsx(bytes),
        Format::Csv => read_csv(bytes, delimiter),
    }
}

/// Decodes CSV bytes to text, dropping any byte-order mark.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Encoding), ReadError> {
    let utf16 = |enc: &'static encoding_rs::Encoding, which: Encoding, body: &[u8]| {
        enc.decode_without_bom_handling_and_without_replacement(body)
            .map(|t| (t.into_owned(), which))
            .ok_or(ReadError::BadText(which))
    };
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(body)
            .map(|t| (t.to_owned(), Encoding::Utf8Bom))
            .map_err(|_| ReadError::BadText(Encoding::Utf8Bom));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(encoding_rs::UTF_16LE, Encoding::Utf16Le, body);
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(encoding_rs::UTF_16BE, Encoding::Utf16Be, body);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), Encoding::Utf8));
    }
    if bytes.contains(&0) {
        // Windows-1251 text never holds NUL; UTF-16 without a mark does.
        return Err(ReadError::NulBytes);
    }
    encoding_rs::WINDOWS_1251
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| (t.into_owned(), Encoding::Windows1251))
        .ok_or(ReadError::BadText(Encoding::Windows1251))
}

fn read_csv(bytes: &[u8], forced: Option<Delimiter>) -> Result<Grid, ReadError> {
    let (text, encoding) = decode(bytes)?;
    // Excel writes `sep=;` as a first line to name the delimiter.
    let (body, line_offset, declared) = match split_sep_line(&text) {
        Some((d, rest)) => (rest, 1, Some(d)),
        None => (text.as_str(), 0, None),
    };
    let delimiter = forced.or(declared).unwrap_or_else(|| sniff_delimiter(body));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(body.as_bytes());
    let lines = LineIndex::new(body);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let start = e.position().map_or(0, |p| p.byte() as usize);
                let line = lines.line_at(start) + line_offset;
                return Err(ReadError::Csv {
                    line,
                    why: e.to_string(),
                });
            }
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let line = lines.line_at(start) + line_offset;
        let cells = record.iter().map(text_cell).collect();
        rows.push(SourceRow { line, cells });
    }
    Ok(Grid {
        format: Format::Csv,
        encoding: Some(encoding),
        delimiter: Some(delimiter),
        sheet: None,
        rows,
    })
}

/// Physical lines of a text: a line ends at CRLF, LF or a lone CR.
///
/// The csv crate's own line count is not used: it counts CRLF and skipped
/// blank lines differently from what an editor shows.
struct LineIndex<'a> {
    text: &'a [u8],
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let text = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                b'\r' if text.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 2;
                    continue;
                }
                b'\r' | b'\n' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { text, starts }
    }

    /// The line, from 1, of a record the csv reader says starts at `byte`:
    /// it starts reading at the end of the previous record, so the line
    /// ends and blank lines before the record are skipped first.
    fn line_at(&self, byte: usize) -> usize {
        let mut at = byte;
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        self.starts.partition_point(|&s| s <= at)
    }
}

fn split_sep_line(text: &str) -> Option<(Delimiter, &str)> {
    let rest = text.strip_prefix("sep=")?;
    let mut chars = rest.chars();
    let d = Delimiter::from_char(chars.next()?)?;
    let after = chars.as_str();
    let after = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))?;
    Some((d, after))
}

/// Picks the delimiter under which the first records most often have as many
/// fields as the first one, preferring more than one field, then more
/// fields; comma wins ties, then semicolon.
fn sniff_delimiter(text: &str) -> Delimiter {
    const SAMPLE: usize = 100;
    let mut best = (Delimiter::Comma, (false, 0usize, 0usize));
    for d in [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d.byte())
            .from_reader(text.as_bytes());
        let lens: Vec<usize> = reader
            .records()
            .take(SAMPLE)
            .map_while(Result::ok)
            .map(|r| r.len())
            .collect();
        let Some(&first) = lens.first() else { continue };
        let same = lens.iter().filter(|&&n| n == first).count();
        let score = (first > 1, same, first);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn read_xlsx(bytes: &[u8]) -> Result<Grid, ReadError> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let sheet = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or(ReadError::NoSheet)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| SourceRow {
            line: first_row + i + 1,
            cells: cells.iter().map(cell_of).collect(),
        })
        .collect();
    Ok(Grid {
        format: Format::Xlsx,
        encoding: None,
        delimiter: None,
        sheet: Some(sheet),
        rows,
    })
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) => text_cell(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            Cell::Date {
                year: year.into(),
                month,
                day,
            }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        // An ISO date cell: the date is what precedes any time part.
        Data::DateTimeIso(s) => Cell::Text(s.split('T').next().unwrap_or("").to_owned()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
