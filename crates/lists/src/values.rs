//! Reading one cell's value: dates, sex codes, relationships.

use crate::source::Cell;
use homeward_domain::{BirthDate, Relationship, Sex, days_in_month};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// Folds a header or a code word so spellings that differ only in case,
/// separators, apostrophes, `ё`/`е` or a parenthesised hint compare equal:
/// `Ім’я (як у паспорті)` and `ім'я` both give `ім'я`.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.nfc().flat_map(char::to_lowercase) {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            'ё' => out.push('е'),
            '’' | 'ʼ' | '`' | '‘' | '′' | 'ʹ' => out.push('\''),
            '_' | '-' | '.' | '/' | ':' | '*' | '\u{feff}' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a birth date cell was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not in one of the accepted forms.
    Format,
    /// In an accepted form, but no such day or month (`1945-04-93`).
    NoSuchDay,
    /// Outside 1900–2100.
    YearOutOfRange,
    /// A number that is not a plausible year: a date typed as a number?
    Number,
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateProblem::Format => "not a date (write YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY)",
            DateProblem::NoSuchDay => "not a date",
            DateProblem::YearOutOfRange => "not a date (the year must be between 1900 and 2100)",
            DateProblem::Number => "not a date (a number; format the cell as a date)",
        })
    }
}

/// Reads a birth date: `YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY-MM`, `YYYY` (day
/// and month may have one digit, the year has four), or an Excel date cell.
pub(crate) fn birth_date(cell: &Cell) -> Result<BirthDate, DateProblem> {
    match cell {
        Cell::Date { year, month, day } => check(*year, Some(*month as u32), Some(*day as u32)),
        Cell::Number(n) if n.fract() == 0.0 && (1000.0..10000.0).contains(n) => {
            check(*n as i32, None, None)
        }
        Cell::Number(_) => Err(DateProblem::Number),
        Cell::Text(s) => parse_date(s),
        Cell::Error(_) => Err(DateProblem::Format),
    }
}

pub(crate) fn parse_date(s: &str) -> Result<BirthDate, DateProblem> {
    let s = s.trim();
    let digits = |p: &str, min: usize, max: usize| -> Result<u32, DateProblem> {
        if (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().map_err(|_| DateProblem::Format)
        } else {
            Err(DateProblem::Format)
        }
    };
    let dashed: Vec<&str> = s.split('-').collect();
    let dotted: Vec<&str> = s.split('.').collect();
    let (y, m, d) = match (dashed.as_slice(), dotted.as_slice()) {
        ([y, m, d], [_]) => (
            digits(y, 4, 4)?,
            Some(digits(m, 1, 2)?),
            Some(digits(d, 1, 2)?),
        ),
        ([y, m], [_]) => (digits(y, 4, 4)?, Some(digits(m, 1, 2)?), None),
        ([_], [d, m, y]) => (
            digits(y, 4, 4)?,
            Some(digits(m, 1, 2)?),
            Some(digits(d, 1, 2)?),
        ),
        ([y], [_]) => (digits(y, 4, 4)?, None, None),
        _ => return Err(DateProblem::Format),
    };
    check(y as i32, m, d)
}

fn check(year: i32, month: Option<u32>, day: Option<u32>) -> Result<BirthDate, DateProblem> {
    if !(1900..=2100).contains(&year) {
        return Err(DateProblem::YearOutOfRange);
    }
    let Some(month) = month else {
        return Ok(BirthDate::Year { year });
    };
    if !(1..=12).contains(&month) {
        return Err(DateProblem::NoSuchDay);
    }
    let month = month as u8;
    let Some(day) = day else {
        return Ok(BirthDate::Month { year, month });
    };
    if day < 1 || day > days_in_month(year, month) as u32 {
        return Err(DateProblem::NoSuchDay);
    }
    Ok(BirthDate::Day {
        year,
        month,
        day: day as u8,
    })
}

/// Sex codes in English, Ukrainian and Russian, folded.
pub(crate) const MALE: &[&str] = &[
    "m",
    "male",
    "man",
    "boy",
    "ч",
    "чол",
    "чоловіча",
    "чоловічий",
    "чоловік",
    "хлопчик",
    "м",
    "муж",
    "мужской",
    "мужчина",
    "мальчик",
];
pub(crate) const FEMALE: &[&str] = &[
    "f",
    "female",
    "woman",
    "girl",
    "ж",
    "жін",
    "жіноча",
    "жіночий",
    "жінка",
    "дівчинка",
    "жен",
    "женский",
    "женщина",
    "девочка",
];

pub(crate) fn sex(s: &str) -> Option<Sex> {
    let s = fold(s);
    if MALE.contains(&s.as_str()) {
        Some(Sex::M)
    } else if FEMALE.contains(&s.as_str()) {
        Some(Sex::F)
    } else {
        None
    }
}

/// A requester's relationship to the child, in English, Ukrainian and
/// Russian, folded.
const RELATIONSHIPS: &[(Relationship, &[&str])] = &[
    (
        Relationship::Mother,
        &["mother", "mom", "mum", "мати", "мама", "матір", "мать"],
    ),
    (
        Relationship::Father,
        &["father", "dad", "батько", "тато", "отец", "папа"],
    ),
    (
        Relationship::Grandparent,
        &[
            "grandparent",
            "grandmother",
            "grandfather",
            "бабуся",
            "баба",
            "бабця",
            "дідусь",
            "дід",
            "бабушка",
            "дедушка",
            "дед",
        ],
    ),
    (
        Relationship::Sibling,
        &["sibling", "brother", "sister", "брат", "сестра"],
    ),
    (
        Relationship::AuntOrUncle,
        &[
            "aunt or uncle",
            "aunt",
            "uncle",
            "тітка",
            "дядько",
            "тетя",
            "дядя",
        ],
    ),
    (
        Relationship::LegalGuardian,
        &[
            "legal guardian",
            "guardian",
            "опікун",
            "опікунка",
            "опекун",
            "опекунша",
        ],
    ),
    (
        Relationship::Other,
        &[
            "other",
            "інше",
            "інший",
            "інша",
            "другое",
            "другой",
            "иное",
            "иной",
        ],
    ),
];

pub(crate) fn relationship(s: &str) -> Option<Relationship> {
    let s = fold(s);
    RELATIONSHIPS
        .iter()
        .find(|(_, words)| words.contains(&s.as_str()))
        .map(|(r, _)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_date(input: &str, expect: Result<BirthDate, DateProblem>) {
        assert_eq!(parse_date(input), expect, "{input}");
    }

    #[test]
    fn dates() {
        use BirthDate::*;
        check_date(
            "2014-03-05",
            Ok(Day {
                year: 2014,
                month: 3,
                day: 5,
            }),
        );
        check_date(
            "2014-3-5",
            Ok(Day {
                year: 2014,
                month: 3,
                day: 5,
            }),
        );
        check_date(
            "05.03.2014",
            Ok(Day {
                year: 2014,
                month: 3,
                day: 5,
            }),
        );
        check_date(
            "5.3.2014",
            Ok(Day {
                year: 2014,
                month: 3,
                day: 5,
            }),
        );
        check_date(
            " 2014-03 ",
            Ok(Month {
                year: 2014,
                month: 3,
            }),
        );
        check_date("2014", Ok(Year { year: 2014 }));
        check_date(
            "2016-02-29",
            Ok(Day {
                year: 2016,
                month: 2,
                day: 29,
            }),
        );
        check_date("2015-02-29", Err(DateProblem::NoSuchDay));
        check_date("1945-04-93", Err(DateProblem::NoSuchDay));
        check_date("2014-13", Err(DateProblem::NoSuchDay));
        check_date("31.04.2014", Err(DateProblem::NoSuchDay));
        check_date("1899", Err(DateProblem::YearOutOfRange));
        check_date("14-03-05", Err(DateProblem::Format));
        check_date("05.03.14", Err(DateProblem::Format));
        check_date("03.2014", Err(DateProblem::Format));
        check_date("2014/03/05", Err(DateProblem::Format));
        check_date("2014-03-05T00:00", Err(DateProblem::Format));
        check_date("about 2014", Err(DateProblem::Format));
        check_date("", Err(DateProblem::Format));
    }

    #[test]
    fn date_cells() {
        let d = Cell::Date {
            year: 2013,
            month: 7,
            day: 1,
        };
        assert_eq!(
            birth_date(&d),
            Ok(BirthDate::Day {
                year: 2013,
                month: 7,
                day: 1
            })
        );
        assert_eq!(
            birth_date(&Cell::Number(2013.0)),
            Ok(BirthDate::Year { year: 2013 })
        );
        assert_eq!(birth_date(&Cell::Number(41456.0)), Err(DateProblem::Number));
    }

    #[test]
    fn sex_codes() {
        for m in [
            "M",
            "m",
            "male",
            "Ч",
            "ч.",
            "чоловіча",
            "М",
            "муж.",
            "мужской",
        ] {
            assert_eq!(sex(m), Some(Sex::M), "{m}");
        }
        for f in ["F", "Female", "Ж", "ж.", "жіноча", "жен", "женский", "Girl"] {
            assert_eq!(sex(f), Some(Sex::F), "{f}");
        }
        for x in ["", "x", "1", "unknown", "чж"] {
            assert_eq!(sex(x), None, "{x}");
        }
    }

    #[test]
    fn relationships() {
        assert_eq!(relationship("Мати"), Some(Relationship::Mother));
        assert_eq!(relationship("бабушка"), Some(Relationship::Grandparent));
        assert_eq!(relationship("Тётя"), Some(Relationship::AuntOrUncle));
        assert_eq!(
            relationship("legal_guardian"),
            Some(Relationship::LegalGuardian)
        );
        assert_eq!(relationship("neighbour"), None);
    }

    #[test]
    fn folding() {
        assert_eq!(fold("  Ім’я (як у паспорті) "), "ім'я");
        assert_eq!(fold("Дата_народження:"), "дата народження");
        assert_eq!(fold("По-батькові"), "по батькові");
        assert_eq!(fold("Отчество ребёнка"), "отчество ребенка");
        assert_eq!(fold("\u{feff}family_name"), "family name");
    }
}
