//! homeward-lists: reading and validating the lists the parties send, and
//! writing tables back out, with no IO beyond the bytes and writers passed
//! in.
//!
//! Each party keeps its lists in its own spreadsheets, in its own language
//! and encoding. Rather than ask them to reshape their files, the reader
//! meets them where they are: CSV in UTF-8 (with or without a byte-order
//! mark), UTF-16 with a mark, or Windows-1251, separated by commas,
//! semicolons or tabs; or the first sheet of an XLSX workbook. Columns are
//! recognised by English, Ukrainian and Russian header names, by HXL
//! hashtags, or by a party's mapping file (see `LISTS.md` beside this crate
//! for every accepted name, tag and code).
//!
//! Nothing is committed on a guess: [`read_list`] returns what it
//! [`Detected`] (which column became which field, which were left out, the
//! encoding, the delimiter), a preview of the first rows, the valid rows,
//! and *every* problem it found, each naming the data row, the physical
//! line, the column as written and the value. The caller shows all of that
//! to the person importing, who fixes the file or commits it.
//!
//! The writer side ([`write_csv`], [`write_xlsx`]) produces files that are
//! safe to open: cells that a spreadsheet program would take for a formula
//! are neutralised (see [`export`]).

mod columns;
mod error;
pub mod export;
mod fields;
mod import;
#[cfg(test)]
mod lists_md;
mod read;
mod rows;
mod source;
mod values;

pub use columns::{HEADER_NAMES, HxlTag, Mapping, MappingEntry, MappingError, field_of_header};
pub use error::{ColumnError, ColumnProblem, ListError, ReadError, RowError, RowProblem};
pub use export::{ExportError, Table, neutralise, unneutralise, write_csv, write_xlsx};
pub use fields::{Field, ListKind};
pub use import::{NAME_LANGS, NameLang, listed_field};
pub use read::{
    Detected, DetectedColumn, Matched, PreviewRow, ReadList, ReadOptions, UnknownColumns, read_list,
};
pub use rows::{ChildFields, ChildRow, Records, TracingRow};
pub use source::{Delimiter, Encoding, Format};
pub use values::DateProblem;
