//! Places of birth under their Ukrainian, Russian, Latin and former names.
//!
//! A child born in Bakhmut may be recorded as «Бахмут», «Артемовск»,
//! «Artemivsk» or «м. Бахмут, Донецька обл.». Phonetic keys cannot bridge a
//! renaming or the Ukrainian/Russian vowel shifts in place names (Харків /
//! Харьков, Львів / Львов), so places come from a table,
//! `data/places.tsv` (format and sources in `data/README.md`): the oblast
//! centres, Kyiv and Sevastopol, and about 160 towns, with an emphasis on
//! the east, the south and Crimea, each under its Ukrainian and Russian
//! names, former names and foreign spellings. Every Cyrillic name is also
//! indexed under the key of each official romanization, so `Kharkiv`,
//! `Kharkov`, `KHARKOV` and `Charkiw` need not all be listed.
//!
//! [`place_id`] strips the settlement-type prefix (`м.`, `г.`, `смт`, `с.`,
//! `місто`, `город`, `city of`, ...) and anything after a comma or in
//! parentheses (`Бахмут, Донецька обл.`), then looks the name up exactly,
//! then by [`name_key`]. A few names exist in two oblasts (Первомайськ); the
//! table lists the larger town first and that one is returned.
//! [`place_key`] is what the engine compares: the place id if the name is
//! known, else the phonetic key of the cleaned name.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::normalize::{Script, detect_script, normalize};
use crate::translit::{System, name_key, romanize};

/// A row of `data/places.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PlaceId(pub u16);

struct Place {
    oblast: &'static str,
    names: Vec<&'static str>,
}

struct Places {
    places: Vec<Place>,
    by_spelling: FxHashMap<String, PlaceId>,
    by_key: FxHashMap<String, PlaceId>,
}

const PLACES_TSV: &str = include_str!("../data/places.tsv");

static PLACES: LazyLock<Places> = LazyLock::new(|| load(PLACES_TSV));

fn load(tsv: &'static str) -> Places {
    let mut places = Vec::new();
    let mut by_spelling = FxHashMap::default();
    let mut by_key = FxHashMap::default();
    for (n, line) in tsv.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        assert!(
            cols.len() >= 3,
            "places.tsv line {}: expected oblast, Ukrainian and Russian names",
            n + 1
        );
        let names: Vec<&'static str> = cols[1..]
            .iter()
            .flat_map(|c| c.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let id = PlaceId(places.len() as u16);
        for name in &names {
            // First listed wins: a bigger town is listed before a namesake.
            by_spelling.entry(normalize(name)).or_insert(id);
            by_key.entry(name_key(name)).or_insert(id);
            if detect_script(name) == Script::Cyrillic {
                for sys in System::ALL {
                    by_key.entry(name_key(&romanize(name, sys))).or_insert(id);
                }
            }
        }
        places.push(Place {
            oblast: cols[0],
            names,
        });
    }
    Places {
        places,
        by_spelling,
        by_key,
    }
}

/// Settlement-type words that precede a name, after normalization.
const PREFIXES: [&str; 22] = [
    "м.",
    "м",
    "місто",
    "г.",
    "г",
    "гор.",
    "город",
    "смт.",
    "смт",
    "пгт.",
    "пгт",
    "с.",
    "село",
    "селище",
    "пос.",
    "посёлок",
    "поселок",
    "city of",
    "town of",
    "city",
    "town",
    "village",
];

/// The bare place name: no settlement-type prefix, nothing after a comma or
/// inside parentheses.
fn clean(s: &str) -> String {
    let n = normalize(s);
    let head = n
        .split([',', '(', ';', '/'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let mut rest = head.as_str();
    loop {
        let before = rest;
        for p in PREFIXES {
            if let Some(r) = rest.strip_prefix(p) {
                // A prefix is a whole word: followed by a space, or a dot
                // prefix glued to the name ("м.Київ").
                if p.ends_with('.') || r.starts_with(' ') {
                    rest = r.trim_start();
                    break;
                }
            }
        }
        if rest == before {
            break;
        }
    }
    rest.to_string()
}

/// The place a name refers to, in any language, spelling or former name.
pub fn place_id(s: &str) -> Option<PlaceId> {
    let t = &*PLACES;
    let name = clean(s);
    if name.is_empty() {
        return None;
    }
    if let Some(id) = t.by_spelling.get(&name) {
        return Some(*id);
    }
    t.by_key.get(&name_key(&name)).copied()
}

/// What the engine compares: `p<n>` for a known place, else the phonetic
/// key of the cleaned name (empty for an empty name). The two kinds cannot
/// collide: phonetic keys have no digits.
pub fn place_key(s: &str) -> String {
    match place_id(s) {
        Some(id) => format!("p{}", id.0),
        None => name_key(&clean(s)),
    }
}

/// The official Ukrainian name of a place.
pub fn place_name(id: PlaceId) -> &'static str {
    PLACES.places[usize::from(id.0)].names[0]
}

/// All names of a place as listed in the table, Ukrainian first, then
/// Russian, then the others.
pub fn place_names(id: PlaceId) -> &'static [&'static str] {
    &PLACES.places[usize::from(id.0)].names
}

/// The oblast (or city with special status, or Crimea) a place is in.
pub fn place_oblast(id: PlaceId) -> &'static str {
    PLACES.places[usize::from(id.0)].oblast
}

/// Number of places in the table.
pub fn place_count() -> usize {
    PLACES.places.len()
}
