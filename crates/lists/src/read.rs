//! Reading a whole list: finding the header, mapping its columns, and
//! validating every row.

use crate::columns::{HxlTag, Mapping, field_of_header, is_hxl_row};
use crate::error::{ColumnError, ColumnProblem, ListError, ReadError, RowError, RowProblem};
use crate::fields::{Field, ListKind};
use crate::rows::{ChildFields, ChildRow, Records, TracingRow};
use crate::source::{Cell, Delimiter, Encoding, Format, Grid, SourceRow, read_grid};
use crate::values;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What to do with a column that is neither a known header, a known HXL
/// tag, nor in the mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownColumns {
    /// Leave it out, and list it in [`Detected`] as ignored.
    #[default]
    Ignore,
    /// Report it as a [`ColumnError`]; a mapping can still mark it ignored.
    Reject,
}

/// How to read a file.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions<'a> {
    pub kind: ListKind,
    pub mapping: Option<&'a Mapping>,
    pub unknown_columns: UnknownColumns,
    /// Overrides the sniffed delimiter of a CSV file.
    pub delimiter: Option<Delimiter>,
    /// How many data rows [`ReadList::preview`] holds.
    pub preview_rows: usize,
}

impl ReadOptions<'_> {
    /// No mapping, unknown columns ignored, the delimiter sniffed, a
    /// preview of five rows.
    pub fn new(kind: ListKind) -> ReadOptions<'static> {
        ReadOptions {
            kind,
            mapping: None,
            unknown_columns: UnknownColumns::Ignore,
            delimiter: None,
            preview_rows: 5,
        }
    }
}

/// How a column was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    /// By the mapping file's line.
    Mapping { line: usize },
    /// By its HXL tag.
    Hxl,
    /// By its header name.
    Header,
    /// Marked ignored by the mapping file's line.
    Ignored { line: usize },
    /// Neither header, tag nor mapping names it.
    Unknown,
    /// Its header or tag names a field of the other kind of list.
    OtherKind(Field),
}

/// One column of the file and what it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedColumn {
    /// Position in the file, from 0.
    pub index: usize,
    /// The name errors use: the header as written, else the HXL tag, else
    /// the position in parentheses, `(7)`.
    pub name: String,
    /// The header as written (empty when the file has only HXL tags).
    pub header: String,
    /// The HXL tag as written, if the file has a hashtag row.
    pub hxl: Option<String>,
    /// The field it gives; `None` when it is left out.
    pub field: Option<Field>,
    pub matched: Matched,
}

/// What the reader found, to show the person importing before they commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub kind: ListKind,
    pub format: Format,
    /// CSV only.
    pub encoding: Option<Encoding>,
    /// CSV only.
    pub delimiter: Option<Delimiter>,
    /// XLSX only: the sheet read (always the first).
    pub sheet: Option<String>,
    /// The line of the header row (rows above it, such as a title, are
    /// skipped).
    pub header_line: usize,
    /// The line of the HXL hashtag row, if there is one.
    pub hxl_line: Option<usize>,
    pub columns: Vec<DetectedColumn>,
    /// Data rows, blank rows not counted.
    pub data_rows: usize,
}

impl Detected {
    /// Each field read and the column it comes from, in file order.
    pub fn mapped(&self) -> impl Iterator<Item = (Field, &DetectedColumn)> {
        self.columns.iter().filter_map(|c| c.field.map(|f| (f, c)))
    }

    /// The columns left out.
    pub fn ignored(&self) -> impl Iterator<Item = &DetectedColumn> {
        self.columns.iter().filter(|c| c.field.is_none())
    }

    /// The column a field comes from.
    pub fn column(&self, field: Field) -> Option<&DetectedColumn> {
        self.columns.iter().find(|c| c.field == Some(field))
    }
}

/// A data row as the file has it, for the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    pub row: usize,
    pub line: usize,
    /// One text per column of [`Detected::columns`].
    pub cells: Vec<String>,
}

/// A file read and validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadList {
    /// SHA-256 of the file's bytes as received.
    pub sha256: [u8; 32],
    pub detected: Detected,
    pub preview: Vec<PreviewRow>,
    /// The rows without errors.
    pub records: Records,
    /// Every problem found: the header's, or else every row's, in file
    /// order.
    pub errors: Vec<ListError>,
}

impl ReadList {
    pub fn sha256_hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// True when every row was read without a problem.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Reads a list from a file's bytes (CSV or XLSX, told apart by content)
/// and validates every row. `Err` only when the bytes are not a readable
/// table; problems of columns and rows are in [`ReadList::errors`].
pub fn read_list(bytes: &[u8], options: &ReadOptions<'_>) -> Result<ReadList, ReadError> {
    let sha256: [u8; 32] = Sha256::digest(bytes).into();
    let grid = read_grid(bytes, options.delimiter)?;
    let layout = find_header(&grid, options.mapping).ok_or(ReadError::NoHeader)?;
    let (columns, column_errors) = resolve_columns(&grid, &layout, options);
    let data: Vec<&SourceRow> = grid.rows[layout.data_start..]
        .iter()
        .filter(|r| !r.is_blank())
        .collect();
    let width = columns.len();
    let preview = data
        .iter()
        .take(options.preview_rows)
        .enumerate()
        .map(|(i, r)| PreviewRow {
            row: i + 1,
            line: r.line,
            cells: (0..width)
                .map(|c| r.cells.get(c).map(Cell::text).unwrap_or_default())
                .collect(),
        })
        .collect();
    let (records, errors) = if column_errors.is_empty() {
        validate(&data, &columns, options.kind)
    } else {
        let none = match options.kind {
            ListKind::Children => Records::Children(Vec::new()),
            ListKind::TracingRequests => Records::TracingRequests(Vec::new()),
        };
        let errors = column_errors.into_iter().map(ListError::Column).collect();
        (none, errors)
    };
    let detected = Detected {
        kind: options.kind,
        format: grid.format,
        encoding: grid.encoding,
        delimiter: grid.delimiter,
        sheet: grid.sheet.clone(),
        header_line: layout.header_line,
        hxl_line: layout.tags.map(|t| grid.rows[t].line),
        columns,
        data_rows: data.len(),
    };
    Ok(ReadList {
        sha256,
        detected,
        preview,
        records,
        errors,
    })
}

/// Where the header, the hashtag row and the data are (indices into the
/// grid's rows).
struct Layout {
    header: Option<usize>,
    tags: Option<usize>,
    header_line: usize,
    data_start: usize,
}

/// How many of the first rows may stand above the header (titles, notes).
const HEADER_SEARCH: usize = 10;

/// The header is the row, among the first ten that are not blank, with the
/// most cells read as fields (the first such row; the first row when none
/// names a field). A hashtag row is the header's next row, or the header
/// itself when the file has tags only.
fn find_header(grid: &Grid, mapping: Option<&Mapping>) -> Option<Layout> {
    let nonblank: Vec<usize> = (0..grid.rows.len())
        .filter(|&i| !grid.rows[i].is_blank())
        .collect();
    let recognised = |i: usize| {
        grid.rows[i]
            .cells
            .iter()
            .filter(|c| {
                let text = c.text();
                let tag = HxlTag::parse(&text);
                mapping.is_some_and(|m| m.lookup(&text, tag.as_ref()).is_some())
                    || tag.is_some_and(|t| t.field().is_some())
                    || field_of_header(&text).is_some()
            })
            .count()
    };
    let mut best = (*nonblank.first()?, 0);
    for &i in nonblank.iter().take(HEADER_SEARCH) {
        let n = recognised(i);
        if n > best.1 {
            best = (i, n);
        }
    }
    let picked = best.0;
    let pos = nonblank.iter().position(|&i| i == picked)?;
    let (header, tags) = if is_hxl_row(&grid.rows[picked].cells) {
        let above = pos
            .checked_sub(1)
            .map(|p| nonblank[p])
            .filter(|&p| grid.rows[p].line + 1 == grid.rows[picked].line);
        (above, Some(picked))
    } else {
        let below = nonblank
            .get(pos + 1)
            .copied()
            .filter(|&n| is_hxl_row(&grid.rows[n].cells));
        (Some(picked), below)
    };
    let last = tags.into_iter().chain(header).max()?;
    let first = header.into_iter().chain(tags).min()?;
    Some(Layout {
        header,
        tags,
        header_line: grid.rows[first].line,
        data_start: last + 1,
    })
}

fn resolve_columns(
    grid: &Grid,
    layout: &Layout,
    options: &ReadOptions<'_>,
) -> (Vec<DetectedColumn>, Vec<ColumnError>) {
    let cells = |row: Option<usize>| row.map(|r| grid.rows[r].cells.as_slice()).unwrap_or(&[]);
    let (header, tags) = (cells(layout.header), cells(layout.tags));
    let text = |cells: &[Cell], i: usize| cells.get(i).map(Cell::text).unwrap_or_default();
    let width = (0..header.len().max(tags.len()))
        .rev()
        .find(|&i| !text(header, i).is_empty() || !text(tags, i).is_empty())
        .map_or(0, |i| i + 1);
    let line = layout.header_line;
    // Each error with its column's position, to report them in file order.
    let mut errors: Vec<(usize, ColumnError)> = Vec::new();
    let mut columns = Vec::with_capacity(width);
    for index in 0..width {
        let header = text(header, index);
        let tag_text = text(tags, index);
        let tag = HxlTag::parse(&tag_text);
        let name = if !header.is_empty() {
            header.clone()
        } else if !tag_text.is_empty() {
            tag_text.clone()
        } else {
            format!("({})", index + 1)
        };
        let (mut field, mut matched) = match options
            .mapping
            .and_then(|m| m.lookup(&header, tag.as_ref()))
        {
            Some(e) => match e.field {
                Some(f) => (Some(f), Matched::Mapping { line: e.line }),
                None => (None, Matched::Ignored { line: e.line }),
            },
            None => match tag.as_ref().and_then(HxlTag::field) {
                Some(f) => (Some(f), Matched::Hxl),
                None => match field_of_header(&header) {
                    Some(f) => (Some(f), Matched::Header),
                    None => (None, Matched::Unknown),
                },
            },
        };
        if let Some(f) = field.filter(|f| !options.kind.has(*f)) {
            if let Matched::Mapping { .. } = matched {
                let problem = ColumnProblem::OtherKind {
                    field: f,
                    kind: options.kind,
                };
                errors.push((index, column_error(line, Some(&name), problem)));
            }
            field = None;
            matched = Matched::OtherKind(f);
        }
        columns.push(DetectedColumn {
            index,
            name,
            header,
            hxl: (!tag_text.is_empty()).then_some(tag_text),
            field,
            matched,
        });
    }
    if options.unknown_columns == UnknownColumns::Reject {
        let has_data = |i: usize| {
            grid.rows[layout.data_start..]
                .iter()
                .any(|r| r.cells.get(i).is_some_and(|c| !c.is_blank()))
        };
        for c in &columns {
            let problem = match c.matched {
                Matched::Unknown
                    if !c.header.is_empty() || c.hxl.is_some() || has_data(c.index) =>
                {
                    ColumnProblem::Unknown
                }
                Matched::OtherKind(field) => ColumnProblem::OtherKind {
                    field,
                    kind: options.kind,
                },
                _ => continue,
            };
            errors.push((c.index, column_error(line, Some(&c.name), problem)));
        }
    }
    let mut first: HashMap<Field, &DetectedColumn> = HashMap::new();
    for c in &columns {
        let Some(field) = c.field else { continue };
        match first.get(&field) {
            Some(f) => {
                let problem = ColumnProblem::Ambiguous {
                    field,
                    first: f.name.clone(),
                };
                errors.push((c.index, column_error(line, Some(&c.name), problem)));
            }
            None => {
                first.insert(field, c);
            }
        }
    }
    let mut required: Vec<&[Field]> = vec![&[Field::Id], &[Field::FamilyName, Field::GivenName]];
    if options.kind == ListKind::TracingRequests {
        required.push(&[Field::RequesterFamilyName, Field::RequesterGivenName]);
    }
    for any_of in required {
        if !any_of.iter().any(|f| first.contains_key(f)) {
            let problem = ColumnProblem::Missing(any_of.to_vec());
            errors.push((usize::MAX, column_error(line, None, problem)));
        }
    }
    errors.sort_by_key(|(index, _)| *index);
    (columns, errors.into_iter().map(|(_, e)| e).collect())
}

fn column_error(line: usize, column: Option<&str>, problem: ColumnProblem) -> ColumnError {
    ColumnError {
        line,
        column: column.map(str::to_owned),
        problem,
    }
}

enum Record {
    Child(ChildRow),
    Request(TracingRow),
}

/// One row being validated: its cells by field, and its errors so far, each
/// with its column's position.
struct RowCheck<'a> {
    row: usize,
    source: &'a SourceRow,
    columns: &'a HashMap<Field, &'a DetectedColumn>,
    errors: Vec<(usize, RowError)>,
}

impl RowCheck<'_> {
    /// Reports a problem with a field's value. Only fields the file has a
    /// column for have values: the header's check guarantees one for each
    /// required field.
    fn error(&mut self, field: Field, value: String, problem: RowProblem) {
        let column = self.columns[&field];
        self.push(column.index, column.name.clone(), value, problem);
    }

    fn push(&mut self, index: usize, column: String, value: String, problem: RowProblem) {
        let error = RowError {
            row: self.row,
            line: self.source.line,
            column,
            value,
            problem,
        };
        self.errors.push((index, error));
    }

    /// The field's cell, a spreadsheet error reported and read as blank.
    fn cell(&mut self, field: Field) -> Cell {
        let Some(col) = self.columns.get(&field) else {
            return Cell::Text(String::new());
        };
        match self.source.cells.get(col.index) {
            Some(Cell::Error(e)) => {
                let e = e.clone();
                self.error(field, e, RowProblem::CellError);
                Cell::Text(String::new())
            }
            Some(c) => c.clone(),
            None => Cell::Text(String::new()),
        }
    }

    fn text(&mut self, field: Field) -> String {
        self.cell(field).text()
    }

    fn optional(&mut self, field: Field) -> Option<String> {
        Some(self.text(field)).filter(|t| !t.is_empty())
    }

    /// Both names read; a problem reported on the first of the two columns
    /// the file has when both are blank.
    fn names(&mut self, family: Field, given: Field, requester: bool) -> (String, String) {
        let (f, g) = (self.text(family), self.text(given));
        if f.is_empty() && g.is_empty() {
            let at = if self.columns.contains_key(&family) {
                family
            } else {
                given
            };
            self.error(at, String::new(), RowProblem::MissingName { requester });
        }
        (f, g)
    }

    fn request(&mut self, id: String, child: ChildFields) -> TracingRow {
        let (requester_family_name, requester_given_name) =
            self.names(Field::RequesterFamilyName, Field::RequesterGivenName, true);
        let requester_patronymic = self.optional(Field::RequesterPatronymic);
        let requester_relationship = self.optional(Field::RequesterRelationship).and_then(|r| {
            let rel = values::relationship(&r);
            if rel.is_none() {
                self.error(
                    Field::RequesterRelationship,
                    r,
                    RowProblem::NotARelationship,
                );
            }
            rel
        });
        TracingRow {
            row: self.row,
            line: self.source.line,
            id,
            child,
            last_seen: self.optional(Field::LastSeen),
            requester_family_name,
            requester_given_name,
            requester_patronymic,
            requester_relationship,
            requester_contact: self.optional(Field::RequesterContact),
        }
    }

    fn child(&mut self) -> ChildFields {
        let (family_name, given_name) = self.names(Field::FamilyName, Field::GivenName, false);
        let patronymic = self.optional(Field::Patronymic);
        let sex = self.optional(Field::Sex).and_then(|s| {
            let sex = values::sex(&s);
            if sex.is_none() {
                self.error(Field::Sex, s, RowProblem::NotASex);
            }
            sex
        });
        let date_cell = self.cell(Field::BirthDate);
        let birth_date = if date_cell.is_blank() {
            None
        } else {
            match values::birth_date(&date_cell) {
                Ok(d) => Some(d),
                Err(p) => {
                    self.error(Field::BirthDate, date_cell.text(), RowProblem::NotADate(p));
                    None
                }
            }
        };
        let birth_place = self.optional(Field::BirthPlace);
        ChildFields {
            family_name,
            given_name,
            patronymic,
            sex,
            birth_date,
            birth_place,
        }
    }
}

fn validate(
    data: &[&SourceRow],
    columns: &[DetectedColumn],
    kind: ListKind,
) -> (Records, Vec<ListError>) {
    let by_field: HashMap<Field, &DetectedColumn> = columns
        .iter()
        .filter_map(|c| c.field.map(|f| (f, c)))
        .collect();
    let width = columns.len();
    let mut ids: HashMap<String, (usize, usize)> = HashMap::new();
    let mut children = Vec::new();
    let mut requests = Vec::new();
    let mut errors = Vec::new();
    for (i, source) in data.iter().enumerate() {
        let mut check = RowCheck {
            row: i + 1,
            source,
            columns: &by_field,
            errors: Vec::new(),
        };
        let id = check.text(Field::Id);
        if id.is_empty() {
            check.error(Field::Id, id.clone(), RowProblem::MissingId);
        } else if let Some(&(first_row, first_line)) = ids.get(&id) {
            check.error(
                Field::Id,
                id.clone(),
                RowProblem::DuplicateId {
                    first_row,
                    first_line,
                },
            );
        } else {
            ids.insert(id.clone(), (check.row, source.line));
        }
        let child = check.child();
        let record = match kind {
            ListKind::Children => Record::Child(ChildRow {
                row: check.row,
                line: source.line,
                id,
                child,
            }),
            ListKind::TracingRequests => Record::Request(check.request(id, child)),
        };
        if let Some((j, extra)) = source
            .cells
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, c)| !c.is_blank())
        {
            check.push(
                j,
                format!("({})", j + 1),
                extra.text(),
                RowProblem::BeyondHeader,
            );
        }
        if !check.errors.is_empty() {
            check.errors.sort_by_key(|(index, _)| *index);
            errors.extend(check.errors.into_iter().map(|(_, e)| ListError::Row(e)));
            continue;
        }
        match record {
            Record::Child(c) => children.push(c),
            Record::Request(r) => requests.push(r),
        }
    }
    let records = match kind {
        ListKind::Children => Records::Children(children),
        ListKind::TracingRequests => Records::TracingRequests(requests),
    };
    (records, errors)
}
