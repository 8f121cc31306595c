//! The engine's single point of contact with the field functions
//! (`normalize`, `translit`, `names`, `places`, `dates`). Keeping the calls
//! here lets the rest of the engine stay independent of their exact
//! signatures.

use crate::{dates, names, normalize, places, translit};

pub use dates::{DateError, DateLevel, PartialDate};
pub use names::Sex;

/// Canonical spelling (same script, case and apostrophes folded): equal
/// strings are the "exact" level.
pub(crate) fn canonical(s: &str) -> String {
    normalize::normalize(s)
}

/// Script-independent phonetic key.
pub(crate) fn name_key(s: &str) -> String {
    translit::name_key(s)
}

/// Phonetic key with gendered surname endings folded.
pub(crate) fn surname_key(s: &str) -> String {
    names::surname_key(s)
}

/// Up to two given-name equivalence groups (1-based ids), most likely first.
/// A name the table does not know takes the groups of the known names one
/// typing error away, so that a mistyped name still meets its other forms
/// and still differs from a sibling's name.
pub(crate) fn given_name_groups(s: &str) -> [u32; 2] {
    let mut g = names::given_name_groups(s);
    if g.is_empty() {
        g = names::near_given_name_groups(s);
    }
    [
        g.first().map_or(0, |g| g.0 as u32 + 1),
        g.get(1).map_or(0, |g| g.0 as u32 + 1),
    ]
}

/// The first given-name group of a value only if it is a given name as
/// written (no typo allowance), 0 otherwise: for a family name, whether
/// it is a given name in the wrong field.
pub(crate) fn given_name_group_exact(s: &str) -> u32 {
    names::given_name_groups(s)
        .first()
        .map_or(0, |g| g.0 as u32 + 1)
}

/// The father's name behind a patronymic, comparable across scripts and
/// languages; the patronymic's own key when it has no patronymic ending.
pub(crate) fn patronymic_father_key(s: &str) -> String {
    names::patronymic_father_key(s).unwrap_or_else(|| translit::name_key(s))
}

/// Place key (a known place under any of its names, else the phonetic key
/// of the name) and, for known places, their region.
pub(crate) fn place_keys(s: &str) -> [String; 2] {
    let region = places::place_id(s).map(|id| places::place_oblast(id).to_string());
    [places::place_key(s), region.unwrap_or_default()]
}

pub(crate) fn compare_dates(a: Option<&PartialDate>, b: Option<&PartialDate>) -> DateLevel {
    match (a, b) {
        (Some(x), Some(y)) if x == y && x.day.is_some() => DateLevel::Exact,
        _ => dates::compare_dates(a, b),
    }
}

/// Year, month and day of a date, each if known.
pub(crate) fn date_parts(d: &PartialDate) -> (i32, Option<u8>, Option<u8>) {
    (d.year, d.month, d.day)
}

/// Parses a birth date as lists write it; empty text is `Ok(None)`.
pub fn parse_date(s: &str) -> Result<Option<PartialDate>, DateError> {
    dates::parse(s)
}

/// Parses a recorded sex (`M`, `F` and common spellings); `None` if unknown.
pub fn parse_sex(s: &str) -> Option<Sex> {
    Sex::parse(s)
}
