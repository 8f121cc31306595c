//! Reading XLSX workbooks written in the test with rust_xlsxwriter.

mod common;

use common::X::*;
use common::*;
use homeward_domain::{BirthDate, Sex};
use homeward_lists::*;

fn child_rows(list: &ReadList) -> &[ChildRow] {
    match &list.records {
        Records::Children(rows) => rows,
        other => panic!("not children: {other:?}"),
    }
}

#[test]
fn date_cells_numbers_and_the_first_sheet() {
    let rows = vec![
        vec![
            S("Ід"),
            S("Прізвище"),
            S("Ім'я"),
            S("Стать"),
            S("Дата народження"),
        ],
        vec![N(17.0), S("Коваленко"), S("Олена"), S("ж"), D(2014, 3, 5)],
        vec![S("007"), S("Шевчук"), S("Богдан"), S("Ч"), N(2013.0)],
        vec![Blank, Blank, Blank, Blank, Blank],
        vec![S("A9"), S(" Мельник "), S("Дарина"), Blank, S("14.02.2012")],
    ];
    let list = read(&xlsx(0, &rows), ListKind::Children);
    assert!(list.is_clean(), "{:?}", messages(&list));
    assert_eq!(list.detected.format, Format::Xlsx);
    assert_eq!(list.detected.sheet.as_deref(), Some("Діти"));
    assert_eq!(
        (list.detected.encoding, list.detected.delimiter),
        (None, None)
    );
    let got = child_rows(&list);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].id, "17", "a whole number is read without a fraction");
    assert_eq!(
        got[0].child.birth_date,
        Some(BirthDate::Day {
            year: 2014,
            month: 3,
            day: 5
        })
    );
    assert_eq!(got[1].id, "007", "a text id keeps its zeros");
    assert_eq!(got[1].child.sex, Some(Sex::M));
    assert_eq!(
        got[1].child.birth_date,
        Some(BirthDate::Year { year: 2013 })
    );
    assert_eq!(got[2].child.family_name, "Мельник");
    assert_eq!(
        (got[2].row, got[2].line),
        (3, 5),
        "the blank sheet row is skipped"
    );
}

/// The sheet's own row numbers are the lines, wherever the table starts.
#[test]
fn one_bad_date_in_data_row_17_of_a_workbook() {
    let mut rows = vec![vec![
        S("id"),
        S("family_name"),
        S("given_name"),
        S("birth_date"),
    ]];
    let ids: Vec<String> = (1..=20).map(|i| format!("W{i}")).collect();
    for (i, id) in ids.iter().enumerate() {
        let date = if i + 1 == 17 {
            S("1945-04-93")
        } else {
            D(2010, 1 + (i % 12) as u8, 1)
        };
        rows.push(vec![S(id), S("Бондаренко"), S("Ірина"), date]);
    }
    let list = read(&xlsx(0, &rows), ListKind::Children);
    assert_eq!(
        messages(&list),
        ["row 17 (line 18), column birth_date: value '1945-04-93' — not a date"]
    );

    // The same table starting at sheet row 3 under a title.
    let mut titled = vec![vec![S("Список дітей")], vec![]];
    titled.extend(rows);
    let list = read(&xlsx(0, &titled), ListKind::Children);
    assert_eq!(list.detected.header_line, 3);
    assert_eq!(
        messages(&list),
        ["row 17 (line 20), column birth_date: value '1945-04-93' — not a date"]
    );
}

#[test]
fn a_table_that_does_not_start_in_a1() {
    let rows = vec![
        vec![S("id"), S("family_name"), S("given_name")],
        vec![S("B1"), S("Ткаченко"), Blank],
        vec![S("B2"), Blank, Blank],
    ];
    let list = read(&xlsx(4, &rows), ListKind::Children);
    assert_eq!(list.detected.header_line, 5);
    assert_eq!(
        messages(&list),
        [
            "row 2 (line 7), column family_name: value '' — the child needs a family name or a given name"
        ]
    );
}

#[test]
fn hxl_tags_and_spreadsheet_errors_in_a_workbook() {
    let rows = vec![
        vec![S("Код"), S("Прізвище"), S("Ім'я"), S("Дата")],
        vec![
            S("#affected+id"),
            S("#affected+name+last"),
            S("#affected+name+first"),
            S("#affected+dob"),
        ],
        vec![S("X1"), S("Коваленко"), S("Олена"), NA],
        vec![S("X2"), S("Шевчук"), S("Богдан"), N(41456.0)],
    ];
    let list = read(&xlsx(0, &rows), ListKind::Children);
    assert_eq!(list.detected.hxl_line, Some(2));
    assert_eq!(
        messages(&list),
        [
            "row 1 (line 3), column Дата: value '#N/A' — the cell holds a spreadsheet error",
            "row 2 (line 4), column Дата: value '41456' — not a date (a number; format the cell as a date)",
        ]
    );
}
