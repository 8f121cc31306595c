//! Birth dates with partial precision, their comparison, and sex.
//!
//! Records give a birth date as a full date, a month (`03.2014`), a year, an
//! age, or nothing. A [`PartialDate`] keeps exactly what was given: a year
//! and, optionally, a month and a day (a day only with a month).
//!
//! [`compare_dates`] sorts a pair into one [`DateLevel`]. The levels are
//! ordered from the strongest evidence that two records are the same child
//! to the weakest; the engine learns a weight for each level from the data,
//! so the order matters for explanation and for monotonicity checks, not for
//! arithmetic:
//!
//! | level | meaning |
//! |---|---|
//! | `Exact` | both full dates, equal |
//! | `DayMonthSwap` | both full, same year, day and month exchanged (only possible when both are ≤ 12 and differ) |
//! | `OneDigitTypo` | both full, exactly one digit differs in the `DDMMYYYY` rendering |
//! | `TwoDigits` | both full, exactly two digits differ: two neighbours transposed (12 ↔ 21, 2014 ↔ 2041) or two typing errors |
//! | `YearMonthOnly` | year and month agree, at least one side has no day |
//! | `YearOnly` | years agree, at least one side has no month |
//! | `YearOff1` | years differ by one; month and day agree where both have them (age estimates, a birthday not yet reached) |
//! | `Mismatch` | anything else, including two full dates in the same year that differ in more than one digit |
//! | `Missing` | at least one side has no date: no evidence either way |
//!
//! A full date and a partial one agree "to the available precision": `2014`
//! and `2014-03-05` are `YearOnly`, `03.2014` and `2014-03-05` are
//! `YearMonthOnly`.
//!
//! Text that is no date may still say something: a [`DateError`] keeps the
//! year and month of a day that does not exist (`1945-04-93`) and the year
//! of a month that does not exist, and [`DateError::readable_part`] gives
//! them back, so a caller that tolerates messy lists compares such a value
//! to the precision that survived instead of dropping it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use crate::names::Sex;

/// A date known to year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Years accepted by [`parse`]; outside them a value is a typing error.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Why a birth-date text is not a date. The messages quote the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("'{input}' is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY or MM.YYYY")]
    Format { input: String },
    #[error("'{input}' is not a date: month {month} is not between 1 and 12")]
    Month {
        input: String,
        year: i32,
        month: u32,
    },
    #[error("'{input}' is not a date: {month_name} has {days} days in {year}")]
    Day {
        input: String,
        month_name: &'static str,
        days: u8,
        year: i32,
        month: u8,
    },
    #[error("'{input}' is not a date: day 0 does not exist")]
    DayZero { input: String, year: i32, month: u8 },
    #[error("'{input}' is not a birth date: year {year} is outside 1900–2100")]
    Year { input: String, year: i32 },
}

impl DateError {
    /// What the text still says about the birth date: the year and month
    /// of a day that does not exist (`1945-04-93` is April 1945), the year
    /// of a month that does not exist (`1945-13-01` is 1945); nothing when
    /// the text is no date at all or its year is out of range. Against a
    /// full date of that month, [`compare_dates`] gives `YearMonthOnly`.
    pub fn readable_part(&self) -> Option<PartialDate> {
        match *self {
            DateError::Day { year, month, .. } | DateError::DayZero { year, month, .. } => {
                Some(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            DateError::Month { year, .. } => Some(PartialDate {
                year,
                month: None,
                day: None,
            }),
            DateError::Format { .. } | DateError::Year { .. } => None,
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parse a birth date: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD.MM.YYYY` or
/// `MM.YYYY` (day and month may have one digit). Empty or blank text is
/// `Ok(None)`.
pub fn parse(s: &str) -> Result<Option<PartialDate>, DateError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let format = || DateError::Format {
        input: t.to_string(),
    };
    let num = |p: &str, min: usize, max: usize| -> Result<u32, DateError> {
        if p.len() < min || p.len() > max || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format());
        }
        p.parse().map_err(|_| format())
    };
    let (year, month, day) = if t.contains('-') {
        let parts: Vec<&str> = t.split('-').collect();
        match parts.as_slice() {
            [y, m, d] => (num(y, 4, 4)?, Some(num(m, 1, 2)?), Some(num(d, 1, 2)?)),
            [y, m] => (num(y, 4, 4)?, Some(num(m, 1, 2)?), None),
            _ => return Err(format()),
        }
    } else if t.contains('.') {
        let parts: Vec<&str> = t.split('.').collect();
        match parts.as_slice() {
            [d, m, y] => (num(y, 4, 4)?, Some(num(m, 1, 2)?), Some(num(d, 1, 2)?)),
            [m, y] => (num(y, 4, 4)?, Some(num(m, 1, 2)?), None),
            _ => return Err(format()),
        }
    } else {
        (num(t, 4, 4)?, None, None)
    };
    let year = year as i32;
    if !YEAR_RANGE.contains(&year) {
        return Err(DateError::Year {
            input: t.to_string(),
            year,
        });
    }
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(DateError::Month {
            input: t.to_string(),
            year,
            month: m,
        });
    }
    let month = month.map(|m| m as u8);
    if let (Some(d), Some(m)) = (day, month) {
        if d == 0 {
            return Err(DateError::DayZero {
                input: t.to_string(),
                year,
                month: m,
            });
        }
        let days = days_in_month(year, m);
        if d > u32::from(days) {
            return Err(DateError::Day {
                input: t.to_string(),
                month_name: MONTH_NAMES[usize::from(m) - 1],
                days,
                year,
                month: m,
            });
        }
    }
    Ok(Some(PartialDate {
        year,
        month,
        day: day.map(|d| d as u8),
    }))
}

impl PartialDate {
    /// A year-precision estimate from an age in whole years on a given day
    /// (`(year, month, day)`): the child was born in `year - age` or, if the
    /// birthday had not come yet, the year before; the estimate is the
    /// former, and [`compare_dates`] gives `YearOff1` for the latter.
    pub fn from_age(age_years: u32, on: (i32, u8, u8)) -> PartialDate {
        PartialDate {
            year: on.0 - age_years as i32,
            month: None,
            day: None,
        }
    }

    /// The digits of `DDMMYYYY`, for full dates only (no allocation: this
    /// runs for every compared pair).
    fn digits(&self) -> Option<[u8; 8]> {
        let (d, m, y) = (self.day?, self.month?, self.year.rem_euclid(10_000) as u16);
        Some([
            d / 10,
            d % 10,
            m / 10,
            m % 10,
            (y / 1000) as u8,
            (y / 100 % 10) as u8,
            (y / 10 % 10) as u8,
            (y % 10) as u8,
        ])
    }
}

impl std::fmt::Display for PartialDate {
    /// ISO-like: `2014-03-05`, `2014-03`, `2014`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Agreement levels of two birth dates, strongest evidence first; see the
/// module docs. `Missing` is last: it is no evidence at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DateLevel {
    Exact,
    DayMonthSwap,
    OneDigitTypo,
    TwoDigits,
    YearMonthOnly,
    YearOnly,
    YearOff1,
    Mismatch,
    Missing,
}

impl DateLevel {
    pub const ALL: [DateLevel; 9] = [
        DateLevel::Exact,
        DateLevel::DayMonthSwap,
        DateLevel::OneDigitTypo,
        DateLevel::TwoDigits,
        DateLevel::YearMonthOnly,
        DateLevel::YearOnly,
        DateLevel::YearOff1,
        DateLevel::Mismatch,
        DateLevel::Missing,
    ];
}

/// Compare two birth dates; symmetric in its arguments.
pub fn compare_dates(a: Option<&PartialDate>, b: Option<&PartialDate>) -> DateLevel {
    let (Some(a), Some(b)) = (a, b) else {
        return DateLevel::Missing;
    };
    if let (Some(da), Some(db)) = (a.digits(), b.digits()) {
        if da == db {
            return DateLevel::Exact;
        }
        let (ad, am, bd, bm) = (a.day, a.month, b.day, b.month);
        if a.year == b.year && ad == bm && am == bd && ad != am && ad.is_some_and(|d| d <= 12) {
            return DateLevel::DayMonthSwap;
        }
        let differing = da.iter().zip(db.iter()).filter(|(x, y)| x != y).count();
        if differing == 1 {
            return DateLevel::OneDigitTypo;
        }
        // 2019 → 2020 is two digits but one error: `YearOff1` below.
        let year_off_1 = ad == bd && am == bm && (a.year - b.year).abs() == 1;
        if differing == 2 && !year_off_1 {
            return DateLevel::TwoDigits;
        }
    }
    let months_agree = match (a.month, b.month) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let days_agree = match (a.day, b.day) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let both_months = a.month.is_some() && b.month.is_some();
    if a.year == b.year {
        if both_months && months_agree {
            // Full dates that reach here differ in the day: not agreement.
            if a.day.is_none() || b.day.is_none() {
                return DateLevel::YearMonthOnly;
            }
            return DateLevel::Mismatch;
        }
        if !both_months {
            return DateLevel::YearOnly;
        }
        return DateLevel::Mismatch;
    }
    if (a.year - b.year).abs() == 1 && months_agree && days_agree {
        return DateLevel::YearOff1;
    }
    DateLevel::Mismatch
}

/// Agreement of two recorded sexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SexLevel {
    Agree,
    Disagree,
    /// At least one side is empty. Not evidence: lists often leave sex out.
    Missing,
}

/// Compare two recorded sexes (`M`, `F`, or unknown). A disagreement is
/// strong evidence against a match, but recording errors happen, so it is
/// a level for the engine to weigh and not a veto.
pub fn compare_sex(a: Option<Sex>, b: Option<Sex>) -> SexLevel {
    match (a, b) {
        (Some(x), Some(y)) if x == y => SexLevel::Agree,
        (Some(_), Some(_)) => SexLevel::Disagree,
        _ => SexLevel::Missing,
    }
}
