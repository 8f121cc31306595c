//! Unicode clean-up of names before any comparison.
//!
//! Lists arrive from spreadsheets typed on Ukrainian, Russian and Latin
//! keyboards, pasted from PDFs and passports. The same name then differs in
//! ways that carry no information: letter case, composed or decomposed
//! accents, five kinds of apostrophe, four kinds of dash, doubled spaces,
//! stress marks, and Latin letters typed in the middle of a Cyrillic word
//! because they look the same (`Oлена` with a Latin `O`). [`normalize`]
//! removes exactly these differences and nothing else, so its output can
//! still be shown to a person.
//!
//! Choices, in the order they are applied:
//!
//! 1. Apostrophe variants (`’ ‘ ʼ ʹ ʺ ‛ ´ ′ ″` and the back-tick) become the
//!    ASCII apostrophe `'`. It is *kept*, not removed: in Ukrainian it
//!    separates a consonant from an iotated vowel (`Дар'я`), and keeping it
//!    keeps [`normalize`] information-preserving. Phonetic keys
//!    ([`crate::translit::name_key`]) drop it. This happens before NFKC,
//!    because NFKC turns `´` into a space and a combining accent.
//! 2. Dash variants (U+2010–U+2015, the minus sign, small and full-width
//!    hyphen-minus) become `-`; the soft hyphen and zero-width characters
//!    are removed.
//! 3. NFKC, then lower case (`ß` becomes `ss`, as in full case folding).
//! 4. Accents are stripped from Latin letters (`é` → `e`, `ë` → `e`,
//!    `ł` → `l`), with one exception: the caron letters of Slavic Latin
//!    spellings become the English digraphs, `č` → `ch`, `š` → `sh`,
//!    `ž` → `zh`, so that `Ševčenko` meets `Shevchenko`. On Cyrillic letters
//!    only the breve and the diaeresis survive, because they make different
//!    letters (`й ё ї ў`); stress marks are dropped. `й ї ё` stay distinct
//!    from `и і е` here; merging them is the phonetic key's business.
//! 5. Look-alike repair: inside one word that mixes Cyrillic and Latin
//!    letters, if every Latin letter has a Cyrillic twin (`a c e i k m o p t x y`
//!    and the lower-cased `b h`), the word is re-spelled in Cyrillic; else if
//!    every Cyrillic letter has a Latin twin, it is re-spelled in Latin.
//!    Otherwise it is left mixed, and [`detect_script`] says so.
//! 6. Whitespace of any kind becomes one space; the result is trimmed.
//!
//! [`normalize`] is idempotent (a property test checks it): the steps are
//! repeated until the text no longer changes.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The writing system of a string, judged by its letters only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Cyrillic,
    Latin,
    /// Letters of more than one script.
    Mixed,
    /// Letters, but neither Cyrillic nor Latin (e.g. Arabic).
    Other,
    /// No letters at all.
    Empty,
}

/// Canonical form of a name for comparison and display; see the module docs.
pub fn normalize(s: &str) -> String {
    let mut current = normalize_once(s);
    // Each pass is close to idempotent already; iterating to a fixed point
    // makes it exactly so for odd inputs (e.g. case mappings that produce
    // characters NFKC would change again).
    for _ in 0..4 {
        let next = normalize_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn normalize_once(s: &str) -> String {
    // Steps 1 and 2 on the raw text.
    let mut pre = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if is_apostrophe(c) => pre.push('\''),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' | '\u{2043}' => {
                pre.push('-')
            }
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c => pre.push(c),
        }
    }
    // Step 3.
    let mut lower = String::with_capacity(pre.len());
    for c in pre.nfkc() {
        match c {
            'ß' | 'ẞ' => lower.push_str("ss"),
            c => lower.extend(c.to_lowercase()),
        }
    }
    // Step 4 on the decomposed text.
    let mut stripped = String::with_capacity(lower.len());
    let mut base_is_cyrillic = false;
    let mut last_base: Option<char> = None;
    for c in lower.nfd() {
        if is_combining_mark(c) {
            if base_is_cyrillic && (c == '\u{0306}' || c == '\u{0308}') {
                stripped.push(c);
            } else if c == '\u{030C}' && matches!(last_base, Some('c' | 's' | 'z')) {
                stripped.push('h');
            }
            continue;
        }
        base_is_cyrillic = is_cyrillic(c);
        last_base = Some(c);
        match c {
            'ł' => stripped.push('l'),
            'đ' => stripped.push('d'),
            'ø' => stripped.push('o'),
            'æ' => stripped.push_str("ae"),
            'œ' => stripped.push_str("oe"),
            'ı' => stripped.push('i'),
            c => stripped.push(c),
        }
    }
    let composed: String = stripped.nfc().collect();
    // Steps 5 and 6, word by word.
    let mut out = String::with_capacity(composed.len());
    for word in composed.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&repair_lookalikes(word));
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}'
            | '\u{2018}'
            | '\u{02BC}'
            | '\u{02B9}'
            | '\u{02BA}'
            | '\u{201B}'
            | '\u{00B4}'
            | '\u{2032}'
            | '\u{2033}'
            | '`'
            | '\u{FF07}'
    )
}

pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

pub(crate) fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && c != '\u{00D7}'
            && c != '\u{00F7}'
}

fn latin_twin_of_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'в' => 'b',
        'е' => 'e',
        'і' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'ѕ' => 's',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        _ => return None,
    })
}

fn cyrillic_twin_of_latin(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'h' => 'н',
        'i' => 'і',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        _ => return None,
    })
}

fn repair_lookalikes(word: &str) -> String {
    let cyr = word.chars().filter(|&c| is_cyrillic(c)).count();
    let lat = word.chars().filter(|&c| is_latin(c)).count();
    if cyr == 0 || lat == 0 {
        return word.to_string();
    }
    let latin_all_twins = word
        .chars()
        .filter(|&c| is_latin(c))
        .all(|c| cyrillic_twin_of_latin(c).is_some());
    let cyrillic_all_twins = word
        .chars()
        .filter(|&c| is_cyrillic(c))
        .all(|c| latin_twin_of_cyrillic(c).is_some());
    let to_cyrillic = if latin_all_twins && cyrillic_all_twins {
        cyr >= lat
    } else {
        latin_all_twins
    };
    if to_cyrillic {
        word.chars()
            .map(|c| {
                cyrillic_twin_of_latin(c)
                    .filter(|_| is_latin(c))
                    .unwrap_or(c)
            })
            .collect()
    } else if cyrillic_all_twins {
        word.chars()
            .map(|c| latin_twin_of_cyrillic(c).unwrap_or(c))
            .collect()
    } else {
        word.to_string()
    }
}

/// Which script the letters of `s` are written in. Digits, spaces and
/// punctuation are ignored; combining marks count with their letter.
pub fn detect_script(s: &str) -> Script {
    let (mut cyr, mut lat, mut other) = (false, false, false);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if is_cyrillic(c) {
            cyr = true;
        } else if is_latin(c) {
            lat = true;
        } else {
            other = true;
        }
    }
    match (cyr, lat, other) {
        (false, false, false) => Script::Empty,
        (true, false, false) => Script::Cyrillic,
        (false, true, false) => Script::Latin,
        (false, false, true) => Script::Other,
        _ => Script::Mixed,
    }
}

/// The parts of a (possibly multi-part) name, normalized: split on spaces,
/// hyphens and punctuation, so that `Анна-Марія` gives `["анна", "марія"]`
/// and `Petrenko-Kovalenko` gives both surnames. Apostrophes inside a word
/// are kept (`дар'я`); apostrophes at its edges are dropped.
pub fn tokens(s: &str) -> Vec<String> {
    normalize(s)
        .split(|c: char| c.is_whitespace() || (c != '\'' && !c.is_alphanumeric()))
        .map(|t| t.trim_matches('\''))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}
