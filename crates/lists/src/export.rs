//! Writing tables for people to open in spreadsheet programs.
//!
//! **Formula injection.** A cell whose text starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return would be taken for a formula by a spreadsheet
//! program opening a CSV file. Both writers prefix such a cell with an
//! apostrophe (`=1+1` is written `'=1+1`), in CSV and in XLSX alike: in
//! XLSX every cell is a string anyway and never a formula, but a workbook
//! re-saved as CSV by whoever receives it would bring the formula back on
//! the next open. A text that already starts with apostrophes before one of
//! those characters gets one more, so the reader ([`unneutralise`], applied
//! to every cell it reads) gives back exactly the text that was exported.
//!
//! CSV files are UTF-8 with a byte-order mark (so spreadsheet programs show
//! Cyrillic and Arabic), comma-separated, with CRLF line ends.

use std::borrow::Cow;
use std::io::Write;

/// A header and rows of text, each row as long as the header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Table {
        Table {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push<S: Into<String>>(&mut self, row: impl IntoIterator<Item = S>) {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }

    fn check(&self) -> Result<(), ExportError> {
        match self.rows.iter().position(|r| r.len() != self.header.len()) {
            Some(i) => Err(ExportError::RowLength {
                row: i + 1,
                len: self.rows[i].len(),
                expected: self.header.len(),
            }),
            None => Ok(()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("row {row} has {len} values where the header has {expected}")]
    RowLength {
        row: usize,
        len: usize,
        expected: usize,
    },
    #[error("cannot write the CSV file: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
}

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn looks_like_formula(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// The text as written to a cell: prefixed with an apostrophe if a
/// spreadsheet program could take it for a formula.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if looks_like_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Undoes [`neutralise`]: drops the apostrophe it adds, and nothing else.
pub fn unneutralise(s: &str) -> Cow<'_, str> {
    match s.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(s),
    }
}

/// Writes the table as CSV: UTF-8 with a byte-order mark, every cell
/// neutralised.
pub fn write_csv<W: Write>(mut out: W, table: &Table) -> Result<(), ExportError> {
    table.check()?;
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    for row in std::iter::once(&table.header).chain(&table.rows) {
        writer
            .write_record(row.iter().map(|c| neutralise(c).into_owned()))
            .map_err(csv_io)?;
    }
    writer.flush()?;
    Ok(())
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Writes the table as an XLSX workbook with one sheet: the header in bold
/// and frozen, every cell a neutralised string (ids such as `007` keep their
/// zeros, nothing is a formula or a number).
pub fn write_xlsx(table: &Table, sheet_name: &str) -> Result<Vec<u8>, ExportError> {
    table.check()?;
    let xlsx = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(xlsx)?;
    for (c, text) in table.header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col(c)?, neutralise(text), &bold)
            .map_err(xlsx)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| ExportError::Xlsx("too many rows".into()))?;
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(r, col(c)?, neutralise(text))
                    .map_err(xlsx)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    sheet.autofit();
    book.save_to_buffer().map_err(xlsx)
}

fn col(c: usize) -> Result<u16, ExportError> {
    u16::try_from(c).map_err(|_| ExportError::Xlsx("too many columns".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralised_cells() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+380 44 000 0000", "'+380 44 000 0000"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("Коваленко", "Коваленко"),
            ("'t Hooft", "'t Hooft"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (input, written) in cases {
            assert_eq!(neutralise(input), written, "{input:?}");
            assert_eq!(unneutralise(written), input, "{written:?}");
        }
    }
}
