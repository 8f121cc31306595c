//! Exports: formula injection neutralised, and what is written read back
//! unchanged, by an independent reader (calamine, csv) and by our own.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use homeward_lists::*;
use proptest::prelude::*;
use std::io::Cursor;

const DANGEROUS: [&str; 8] = [
    "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "+380 00 000 0000",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "'=already quoted",
    "Коваленко",
];

fn table() -> Table {
    let mut t = Table::new(["id", "family_name", "given_name", "requester_contact"]);
    for (i, d) in DANGEROUS.iter().enumerate() {
        t.push([
            format!("E{i}"),
            d.to_string(),
            "Олена".into(),
            d.to_string(),
        ]);
    }
    t.push(["=1+1", "Шевчук", "Богдан", ""].map(String::from));
    t
}

#[test]
fn xlsx_cells_are_neutralised_strings() {
    let table = table();
    let bytes = write_xlsx(&table, "Діти").unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Діти"]);
    let range = book.worksheet_range("Діти").unwrap();
    let formulas = book.worksheet_formula("Діти").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    for (r, row) in std::iter::once(&table.header)
        .chain(&table.rows)
        .enumerate()
    {
        for (c, text) in row.iter().enumerate() {
            let cell = range.get((r, c)).cloned().unwrap_or(Data::Empty);
            let expect = if text.is_empty() {
                Data::Empty
            } else {
                Data::String(neutralise(text).into_owned())
            };
            assert_eq!(cell, expect, "row {r} column {c}");
            if let Data::String(s) = cell {
                assert!(!s.starts_with(['=', '+', '-', '@', '\t', '\r']), "{s:?}");
            }
        }
    }

    // Read back as a list, every value is the one exported.
    let options = ReadOptions {
        preview_rows: 100,
        ..ReadOptions::new(ListKind::TracingRequests)
    };
    let list = read_list(&bytes, &options).unwrap();
    assert_eq!(list.preview.len(), DANGEROUS.len() + 1);
    let ids: Vec<String> = list.preview.iter().map(|p| p.cells[0].clone()).collect();
    assert_eq!(
        ids,
        ["E0", "E1", "E2", "E3", "E4", "E5", "E6", "E7", "=1+1"]
    );
    for (p, expect) in list.preview.iter().zip(DANGEROUS) {
        assert_eq!(p.cells[1], expect.trim(), "row {}", p.row);
    }
}

#[test]
fn csv_cells_are_neutralised_and_utf8_with_bom() {
    let table = table();
    let mut out = Vec::new();
    write_csv(&mut out, &table).unwrap();
    assert!(out.starts_with(b"\xEF\xBB\xBFid,family_name,given_name,requester_contact\r\n"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&out[3..]);
    let read: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    for (got, row) in read
        .iter()
        .zip(std::iter::once(&table.header).chain(&table.rows))
    {
        let expect: Vec<String> = row.iter().map(|c| neutralise(c).into_owned()).collect();
        assert_eq!(got, &expect);
        for cell in got {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    assert_eq!(read[1][1], "'=HYPERLINK(\"http://example.invalid\",\"x\")");
    assert_eq!(read[7][1], "''=already quoted");

    let list = read_list(
        &out,
        &ReadOptions {
            preview_rows: 100,
            ..ReadOptions::new(ListKind::TracingRequests)
        },
    )
    .unwrap();
    assert_eq!(list.detected.encoding, Some(Encoding::Utf8Bom));
    for (p, expect) in list.preview.iter().zip(DANGEROUS) {
        assert_eq!(p.cells[3], expect.trim(), "row {}", p.row);
    }
}

#[test]
fn rows_must_match_the_header() {
    let mut t = Table::new(["id", "family_name"]);
    t.push(["A1"]);
    let e = write_xlsx(&t, "x").unwrap_err();
    assert_eq!(e.to_string(), "row 1 has 1 values where the header has 2");
    assert!(write_csv(Vec::new(), &t).is_err());
    assert!(matches!(
        write_xlsx(&Table::new(["id"]), "bad[name]"),
        Err(ExportError::Xlsx(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any text survives export and import, and no exported cell starts
    /// like a formula.
    #[test]
    fn csv_round_trip(cells in prop::collection::vec("['=+@\\t\\r, \"a-zа-я\\-]{0,8}", 1..6)) {
        let mut t = Table::new(cells.iter().enumerate().map(|(i, _)| format!("c{i}")));
        t.push(cells.clone());
        let mut out = Vec::new();
        write_csv(&mut out, &t).unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(&out[3..]);
        let row = reader.records().next().unwrap().unwrap();
        for (written, original) in row.iter().zip(&cells) {
            prop_assert!(!written.starts_with(['=', '+', '-', '@', '\t', '\r']));
            prop_assert_eq!(unneutralise(written), original.as_str());
        }
    }

    #[test]
    fn dates_read_the_same_in_both_forms(y in 1900i32..=2100, m in 1u8..=12, d in 1u8..=28) {
        let text = format!(
            "id,family_name,birth_date\nA,X,{y:04}-{m:02}-{d:02}\nB,X,{d}.{m}.{y}\n"
        );
        let list = read(text.as_bytes(), ListKind::Children);
        let Records::Children(rows) = &list.records else { panic!() };
        prop_assert_eq!(rows.len(), 2);
        prop_assert_eq!(rows[0].child.birth_date, rows[1].child.birth_date);
        prop_assert_eq!(
            rows[0].child.birth_date.map(|b| b.to_string()),
            Some(format!("{y:04}-{m:02}-{d:02}"))
        );
    }
}
