//! The replay image `ledger verify` compares the live tables with: every
//! projection table in memory, each row packed into one allocation.

use super::{RowOp, Value};
use crate::schema::{self, TableSpec};
use std::collections::BTreeMap;

/// The projection tables held in memory: each table's rows in key order,
/// the key and the whole row each packed into one allocation (see
/// [`Packed`]).
#[derive(Debug, Default)]
pub struct Image {
    pub tables: BTreeMap<&'static str, BTreeMap<Packed, Packed>>,
}

impl Image {
    pub fn new() -> Image {
        let mut tables = BTreeMap::new();
        for t in schema::PROJECTIONS {
            tables.insert(t.name, BTreeMap::new());
        }
        Image { tables }
    }

    /// Applies one operation; an error means the ledger itself is inconsistent
    /// (an event refers to a row that does not exist, or inserts one twice).
    pub fn apply(&mut self, seq: u64, op: ImageOp) -> Result<(), String> {
        match op {
            ImageOp::Insert { table, key, row } => {
                let rows = self.tables.get_mut(table).expect("known table");
                if rows.insert(key, row).is_some() {
                    return Err(format!(
                        "entry {seq} inserts a row into {table} that already exists"
                    ));
                }
            }
            ImageOp::Update { table, filter, set } => {
                let spec = schema::spec(table);
                let rows = self.tables.get_mut(table).expect("known table");
                let by_key = filter.len() == spec.key
                    && filter
                        .iter()
                        .enumerate()
                        .all(|(i, (c, _))| spec.column_index(c) == i);
                let set: Vec<(usize, Value)> = set
                    .into_iter()
                    .map(|(c, v)| (spec.column_index(c), v))
                    .collect();
                if by_key {
                    let key: Vec<Value> = filter.into_iter().map(|(_, v)| v).collect();
                    let row = rows.get_mut(&Packed::pack(&key)).ok_or_else(|| {
                        format!("entry {seq} updates a row of {table} that does not exist")
                    })?;
                    let mut values = row.unpack();
                    for (i, v) in set {
                        values[i] = v;
                    }
                    *row = Packed::pack(&values);
                } else {
                    let filter: Vec<(usize, &Value)> = filter
                        .iter()
                        .map(|(c, v)| (spec.column_index(c), v))
                        .collect();
                    for row in rows.values_mut() {
                        let cells: Vec<Cell<'_>> = row.cells().collect();
                        if filter.iter().all(|(i, v)| cells[*i] == Cell::from(*v)) {
                            let mut values = row.unpack();
                            for (i, v) in &set {
                                values[*i] = v.clone();
                            }
                            *row = Packed::pack(&values);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// A row operation ready for [`Image::apply`]: an insert packed where the
/// event was parsed (on a parser thread during `ledger verify`), so that
/// applying it only moves two allocations into the image.
pub enum ImageOp {
    Insert {
        table: &'static str,
        key: Packed,
        row: Packed,
    },
    Update {
        table: &'static str,
        filter: Vec<(&'static str, Value)>,
        set: Vec<(&'static str, Value)>,
    },
}

impl From<RowOp> for ImageOp {
    fn from(op: RowOp) -> ImageOp {
        match op {
            RowOp::Insert { table, values } => {
                let spec = schema::spec(table);
                let row = ordered_values(spec, values);
                ImageOp::Insert {
                    table,
                    key: Packed::pack(&row[..spec.key]),
                    row: Packed::pack(&row),
                }
            }
            RowOp::Update { table, filter, set } => ImageOp::Update { table, filter, set },
        }
    }
}

/// A value borrowed from where it is held: a packed row of the image, or
/// a row of a live table. `Other` is a live value of a type no projection
/// column holds (a hand-written float or blob); it equals nothing the
/// replay produces. A text is compared by its bytes, as [`Value`] orders
/// texts and SQLite sorts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Text(&'a [u8]),
    Other,
}

impl<'a> From<&'a Value> for Cell<'a> {
    fn from(v: &'a Value) -> Cell<'a> {
        match v {
            Value::Null => Cell::Null,
            Value::Int(i) => Cell::Int(*i),
            Value::Text(s) => Cell::Text(s.as_bytes()),
        }
    }
}

/// Values packed into one allocation: for each, a tag byte, then eight
/// bytes of an integer or four bytes of length and the text. A replay of a
/// million entries holds a million rows; packed, a row costs two
/// allocations instead of one per text, and about half the memory, which
/// the kernel must otherwise zero page by page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed(Box<[u8]>);

const NULL: u8 = 0;
const INT: u8 = 1;
const TEXT: u8 = 2;

impl Packed {
    pub fn pack(values: &[Value]) -> Packed {
        let size = values
            .iter()
            .map(|v| match v {
                Value::Null => 1,
                Value::Int(_) => 9,
                Value::Text(s) => 5 + s.len(),
            })
            .sum();
        let mut bytes = Vec::with_capacity(size);
        for v in values {
            match v {
                Value::Null => bytes.push(NULL),
                Value::Int(i) => {
                    bytes.push(INT);
                    bytes.extend_from_slice(&i.to_le_bytes());
                }
                Value::Text(s) => {
                    let len = u32::try_from(s.len()).expect("a projected text is under 4 GiB");
                    bytes.push(TEXT);
                    bytes.extend_from_slice(&len.to_le_bytes());
                    bytes.extend_from_slice(s.as_bytes());
                }
            }
        }
        Packed(bytes.into_boxed_slice())
    }

    pub fn cells(&self) -> impl Iterator<Item = Cell<'_>> {
        let mut rest: &[u8] = &self.0;
        std::iter::from_fn(move || {
            let (&tag, tail) = rest.split_first()?;
            let (cell, tail) = match tag {
                NULL => (Cell::Null, tail),
                INT => {
                    let (int, tail) = tail.split_first_chunk::<8>().expect("packed integer");
                    (Cell::Int(i64::from_le_bytes(*int)), tail)
                }
                _ => {
                    let (len, tail) = tail.split_first_chunk::<4>().expect("packed length");
                    let (text, tail) = tail.split_at(u32::from_le_bytes(*len) as usize);
                    (Cell::Text(text), tail)
                }
            };
            rest = tail;
            Some(cell)
        })
    }

    pub fn unpack(&self) -> Vec<Value> {
        self.cells()
            .map(|c| match c {
                Cell::Null | Cell::Other => Value::Null,
                Cell::Int(i) => Value::Int(i),
                Cell::Text(s) => {
                    Value::Text(String::from_utf8(s.to_vec()).expect("packed from a String"))
                }
            })
            .collect()
    }
}

impl Ord for Packed {
    fn cmp(&self, other: &Packed) -> std::cmp::Ordering {
        self.cells().cmp(other.cells())
    }
}

impl PartialOrd for Packed {
    fn partial_cmp(&self, other: &Packed) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// [`ordered_row`] taking the insert's values.
fn ordered_values(spec: &TableSpec, mut values: Vec<(&'static str, Value)>) -> Vec<Value> {
    assert_eq!(
        values.len(),
        spec.columns.len(),
        "insert into {} must name every column",
        spec.name
    );
    // Projections list their columns in the table's order; sort only if not.
    if !values
        .iter()
        .zip(spec.columns)
        .all(|((n, _), (c, _))| n == c)
    {
        values.sort_by_key(|(n, _)| spec.column_index(n));
        assert!(
            values
                .iter()
                .zip(spec.columns)
                .all(|((n, _), (c, _))| n == c),
            "insert into {} must name each column once",
            spec.name
        );
    }
    values.into_iter().map(|(_, v)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<i64>().prop_map(Value::Int),
            // Short texts from a small alphabet, so that prefixes and equal
            // texts are common; NUL and non-ASCII included.
            "[ab\u{0}я]{0,4}".prop_map(Value::Text),
        ]
    }

    proptest! {
        /// The image sorts packed keys as the tables sort theirs.
        #[test]
        fn packed_keys_sort_as_values(
            a in prop::collection::vec(value(), 0..4),
            b in prop::collection::vec(value(), 0..4),
        ) {
            prop_assert_eq!(Packed::pack(&a).cmp(&Packed::pack(&b)), a.cmp(&b));
            prop_assert_eq!(Packed::pack(&a) == Packed::pack(&b), a == b);
        }

        #[test]
        fn packed_rows_give_back_their_values(a in prop::collection::vec(value(), 0..8)) {
            let packed = Packed::pack(&a);
            prop_assert_eq!(packed.unpack(), a.clone());
            let cells: Vec<Cell<'_>> = packed.cells().collect();
            let expected: Vec<Cell<'_>> = a.iter().map(Cell::from).collect();
            prop_assert_eq!(cells, expected);
        }
    }
}
