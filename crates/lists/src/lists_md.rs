//! Keeps `LISTS.md` true: its tables of header names and sex codes are the
//! code's.

use crate::columns::HEADER_NAMES;
use crate::values::{FEMALE, MALE};

const DOC: &str = include_str!("../LISTS.md");

fn between<'a>(marker: &str) -> &'a str {
    let open = format!("<!-- {marker} -->");
    let close = format!("<!-- /{marker} -->");
    let start = DOC.find(&open).expect("opening marker") + open.len();
    let end = DOC.find(&close).expect("closing marker");
    &DOC[start..end]
}

#[test]
fn header_names_table() {
    let documented: Vec<(String, Vec<String>)> = between("header-names")
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let field = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            let names = cells.get(2)?.split(';').map(|n| n.trim().to_owned());
            Some((field.to_owned(), names.collect()))
        })
        .collect();
    let code: Vec<(String, Vec<String>)> = HEADER_NAMES
        .iter()
        .map(|(f, names)| {
            (
                f.as_str().to_owned(),
                names.iter().map(|n| n.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(documented, code);
}

#[test]
fn sex_codes() {
    let text = between("sex-codes");
    let list = |after: &str| -> Vec<String> {
        let start = text.find(after).expect(after) + after.len();
        let rest = &text[start..];
        let end = rest.find('`').expect("closing backtick");
        rest[..end].split(", ").map(str::to_owned).collect()
    };
    assert_eq!(list("male `"), MALE);
    assert_eq!(list("female `"), FEMALE);
}
