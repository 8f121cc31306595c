//! The engine's single point of contact with the field functions
//! (normalisation, transliteration, name keys, places, dates). Keeping the
//! calls here lets the rest of the engine stay independent of their exact
//! signatures.

use crate::stand_in as f;

pub use f::{DateLevel, PartialDate};

/// Normalised, romanised form: equal strings mean "the same spelling, up to script".
pub(crate) fn romanized(s: &str) -> String {
    f::romanize(s)
}

pub(crate) fn name_key(s: &str) -> String {
    f::name_key(s)
}

pub(crate) fn surname_key(s: &str) -> String {
    f::surname_key(s)
}

/// Canonical label of the given name's equivalence group, if it has one.
pub(crate) fn given_name_group(s: &str) -> Option<String> {
    f::given_name_group(s).map(|g| g.to_string())
}

pub(crate) fn patronymic_father_key(s: &str) -> String {
    f::patronymic_father_key(s)
}

pub(crate) fn place_key(s: &str) -> String {
    f::place_key(s)
}

pub(crate) fn compare_dates(a: Option<&PartialDate>, b: Option<&PartialDate>) -> DateLevel {
    f::compare_dates(a, b)
}

/// Year, month and day of a date, each if known.
pub(crate) fn date_parts(d: &PartialDate) -> (u16, Option<u8>, Option<u8>) {
    (d.year, d.month, d.day)
}

pub fn parse_date(s: &str) -> Result<PartialDate, String> {
    PartialDate::parse(s)
}
