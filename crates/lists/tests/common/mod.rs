//! Builds real files in memory: CSV text in each encoding, and XLSX
//! workbooks written with rust_xlsxwriter. All data is synthetic.
#![allow(dead_code)]

use homeward_lists::{ListError, ListKind, ReadList, ReadOptions, read_list};

/// The text of a CSV file, each cell quoted only when it must be.
pub fn csv(rows: &[&[&str]], delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(*row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

pub fn utf8_bom(text: &str) -> Vec<u8> {
    [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()
}

pub fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

pub fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

pub fn windows1251(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!unmappable, "{text} has characters Windows-1251 lacks");
    bytes.into_owned()
}

/// A cell of a workbook built for a test.
pub enum X<'a> {
    S(&'a str),
    N(f64),
    /// A date cell, formatted as a date.
    D(u16, u8, u8),
    /// A formula whose cached result is an error.
    NA,
    Blank,
}

/// An XLSX workbook whose first sheet holds `rows` from row `first_row`
/// (0-based) on; a second sheet that must never be read.
pub fn xlsx(first_row: u32, rows: &[Vec<X<'_>>]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Діти").unwrap();
    for (r, row) in rows.iter().enumerate() {
        let r = first_row + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                X::S(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                X::N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                X::D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet.write_datetime_with_format(r, c, &dt, &date).unwrap();
                }
                X::NA => {
                    sheet
                        .write_formula(
                            r,
                            c,
                            rust_xlsxwriter::Formula::new("=NA()").set_result("#N/A"),
                        )
                        .unwrap();
                }
                X::Blank => {}
            }
        }
    }
    let other = book.add_worksheet();
    other.set_name("Other").unwrap();
    other.write_string(0, 0, "not this sheet").unwrap();
    book.save_to_buffer().unwrap()
}

pub fn read(bytes: &[u8], kind: ListKind) -> ReadList {
    read_list(bytes, &ReadOptions::new(kind)).expect("a readable file")
}

pub fn messages(list: &ReadList) -> Vec<String> {
    list.errors.iter().map(ListError::to_string).collect()
}

/// A list of `n` children with the linkage contract's header, ids `C001`…
pub fn children(n: usize) -> Vec<Vec<String>> {
    let mut rows = vec![
        [
            "id",
            "family_name",
            "given_name",
            "patronymic",
            "sex",
            "birth_date",
            "birth_place",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let family = ["Коваленко", "Шевчук", "Бондаренко", "Ткаченко", "Мельник"];
    let given = ["Олена", "Богдан", "Ірина", "Тарас", "Дарина"];
    for i in 1..=n {
        rows.push(vec![
            format!("C{i:03}"),
            family[i % 5].to_owned(),
            given[i % 5].to_owned(),
            String::new(),
            if i % 2 == 0 { "ж" } else { "ч" }.to_owned(),
            format!("2012-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            "Херсон".to_owned(),
        ]);
    }
    rows
}

pub fn as_refs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect()
}
