//! What can be wrong with a file, a column or a row.
//!
//! Messages quote the file's own column names and values so the person who
//! uploaded it can find and fix them. They hold personal data: show them to
//! that person, never log them. Each problem is an enum, so a user interface
//! can say the same in the reader's language.

use crate::fields::{Field, ListKind};
use crate::source::Encoding;
use crate::values::DateProblem;
use std::fmt;

/// The file cannot be read as a list at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("this is an old binary Excel workbook (.xls); save it as .xlsx or CSV")]
    OldExcel,
    #[error("the file is not valid {0} text")]
    BadText(Encoding),
    #[error(
        "the file holds NUL bytes: UTF-16 without a byte-order mark? Save it as UTF-8 or with a byte-order mark"
    )]
    NulBytes,
    #[error("line {line}: {why}")]
    Csv { line: usize, why: String },
    #[error("not a readable .xlsx workbook: {0}")]
    Xlsx(String),
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("the file has no header row")]
    NoHeader,
}

/// A problem with a row's value, found while validating every row.
///
/// Displayed as `row N (line M), column C: value 'V' — why`: `row` counts
/// data rows from 1 (blank rows are skipped and not counted), `line` is the
/// physical line of a CSV file or the sheet row of a workbook, and `column`
/// is the header as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub line: usize,
    pub column: String,
    pub value: String,
    pub problem: RowProblem,
}

/// Longest value quoted in full by [`RowError`]'s `Display`; line breaks and
/// tabs in it are shown as `\n`, `\r`, `\t`.
const QUOTED: usize = 80;

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, however long the value or whatever line breaks it holds.
        let mut value = String::new();
        for (i, c) in self.value.chars().enumerate() {
            if i == QUOTED {
                value.push('…');
                break;
            }
            match c {
                '\n' => value.push_str("\\n"),
                '\r' => value.push_str("\\r"),
                '\t' => value.push_str("\\t"),
                c => value.push(c),
            }
        }
        write!(
            f,
            "row {} (line {}), column {}: value '{}' — {}",
            self.row, self.line, self.column, value, self.problem
        )
    }
}

impl std::error::Error for RowError {}

/// Why a row's value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The id is empty.
    MissingId,
    /// Another row of the file has the same id.
    DuplicateId {
        first_row: usize,
        first_line: usize,
    },
    /// Neither a family name nor a given name (of the child, or of the
    /// person asking when `requester`).
    MissingName {
        requester: bool,
    },
    NotADate(DateProblem),
    NotASex,
    NotARelationship,
    /// The cell holds a spreadsheet error such as `#N/A`.
    CellError,
    /// A value beyond the header's last column: a delimiter inside an
    /// unquoted value shifts every later value of its row.
    BeyondHeader,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::MissingId => f.write_str("every row needs an id"),
            RowProblem::DuplicateId {
                first_row,
                first_line,
            } => write!(f, "the same id as row {first_row} (line {first_line})"),
            RowProblem::MissingName { requester: false } => {
                f.write_str("the child needs a family name or a given name")
            }
            RowProblem::MissingName { requester: true } => {
                f.write_str("the person asking needs a family name or a given name")
            }
            RowProblem::NotADate(p) => p.fmt(f),
            RowProblem::NotASex => {
                f.write_str("not a sex (write m or f; ч or ж; м or ж; male or female)")
            }
            RowProblem::NotARelationship => f.write_str(
                "not a relationship (mother, father, grandparent, sibling, aunt or uncle, legal guardian, other)",
            ),
            RowProblem::CellError => f.write_str("the cell holds a spreadsheet error"),
            RowProblem::BeyondHeader => f.write_str(
                "a value beyond the header's last column (a delimiter inside a value?)",
            ),
        }
    }
}

/// A problem with the header: a column that cannot be read with confidence,
/// or a required field with no column. While there is one, rows are not
/// validated (their errors would only repeat it).
///
/// Displayed as `header (line M), column C: why`, or `header (line M): why`
/// when no one column is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnError {
    pub line: usize,
    pub column: Option<String>,
    pub problem: ColumnProblem,
}

impl fmt::Display for ColumnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(
                f,
                "header (line {}), column {}: {}",
                self.line, c, self.problem
            ),
            None => write!(f, "header (line {}): {}", self.line, self.problem),
        }
    }
}

impl std::error::Error for ColumnError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnProblem {
    /// Not a header name, tag or mapped column (only an error when unknown
    /// columns are rejected).
    Unknown,
    /// A field of the other kind of list, e.g. a requester's name in a list
    /// of children.
    OtherKind { field: Field, kind: ListKind },
    /// A second column read as a field another column already gives.
    Ambiguous { field: Field, first: String },
    /// None of these fields has a column; one is required.
    Missing(Vec<Field>),
}

impl fmt::Display for ColumnProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnProblem::Unknown => f.write_str(
                "not a known column (name it in a mapping file, or mark it there as ignored)",
            ),
            ColumnProblem::OtherKind { field, kind } => {
                write!(
                    f,
                    "{field} is not a field of a list of {}",
                    kind_words(*kind)
                )
            }
            ColumnProblem::Ambiguous { field, first } => {
                write!(f, "read as {field}, which column {first} already gives")
            }
            ColumnProblem::Missing(fields) => {
                f.write_str("no column for ")?;
                for (i, field) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    field.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

fn kind_words(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Children => "children",
        ListKind::TracingRequests => "tracing requests",
    }
}

/// Any problem found in a readable file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    Column(ColumnError),
    Row(RowError),
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListError::Column(e) => e.fmt(f),
            ListError::Row(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ListError {}
