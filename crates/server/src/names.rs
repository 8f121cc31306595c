//! Names as the pages and exports show them beside their own script.

use homeward_linkage::translit::{System, romanize};

/// A name in Latin letters by the official table of its language: the
/// Ukrainian 2010 table for `uk`, ICAO 9303 (2013) for `ru`; a name already
/// in Latin letters is kept.
pub fn latin(name: &str, lang: &str) -> String {
    let primary = lang.split('-').next().unwrap_or("");
    if lang.ends_with("-Latn") || !name.chars().any(is_cyrillic) {
        return name.to_owned();
    }
    let system = match primary {
        "ru" => System::RussianIcao2013,
        _ => System::Ukrainian2010,
    };
    romanize(name, system)
}

pub fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}
