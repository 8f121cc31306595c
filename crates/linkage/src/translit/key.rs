//! The phonetic key: one spelling-independent skeleton per name.
//!
//! A key is written in a reduced alphabet of 24 class letters. Cyrillic text
//! is mapped letter by letter, Latin text by its digraphs, into the same
//! classes; then a few rules on the class string undo the differences that
//! the official tables and informal habits introduce. Two spellings meet when
//! their keys are equal. The classes are deliberately coarse where the
//! romanizations disagree, and no coarser:
//!
//! | class | Cyrillic | Latin | why |
//! |---|---|---|---|
//! | `a` | а | a | |
//! | `o` | о | o | |
//! | `u` | у ў | u, ŭ | |
//! | `i` | е є ё э и і ї ы й | e i y j | `и` is `i` in Russian tables and `y` in Ukrainian ones; `й` is `i`, `y` or `j`; `є я ю` are `ye`/`ie`/`je`; Ukrainian `і` stands for Russian `е` and `и` (Світлана/Светлана, Віктор/Виктор, Олійник/Олейник); so all front vowels and the glide are one class, and runs of it collapse: Андрій = Андрей = Andriy = Andrii = Andrey = Andrej |
//! | `e` | е є э at the start of a word | e ye je ie at the start | the one place where all tables keep е/є apart from и/і: Єгор ≠ Ігор, Євген = Евгений = Yevhen = Ievhen |
//! | `b v f` | б в ф | b; v w; f ph | German and Polish write `в` as `w` |
//! | `g` | г ґ | g h gh | Ukrainian `г` is `h`, Russian `g` (Олег/Oleh/Oleg); `зг` is `zgh` |
//! | `x` | х, and the cluster кс | kh x, ks | GOST 7.79 writes `х` as `x`, everybody else writes `кс` as `x` (Alexandr, Oxana, Maxim); merging `х` with `кс` serves both and costs little |
//! | `k` | к | k q | |
//! | `d t l m n p r s z` | д т л м н п р с з | same | |
//! | `j` | ж | zh ž | |
//! | `c` | ц, and the cluster тс | ts tc tz c cz | ICAO `ts`, GOST R `tc`, GOST 7.79 `c`/`cz`, German `tz`; `тс` sounds and is written like `ц` (Bratsk) |
//! | `q` | ч | ch tch tsch č | English/official, French, German, Czech |
//! | `w` | ш щ | sh shch sch sz szcz shh š | `щ` is written `shch`, `sch`, `shh`, `szcz`, and often simply `sh`; merging it with `ш` is the robust choice |
//! | — | ь ъ ’ | ' ` ʹ · | soft and hard signs and apostrophes carry no phonetic contrast that spellings preserve |
//!
//! Rules on the class string, in order: doubled classes collapse (Ганна =
//! Hanna = Гана); `ts`→`c`, `ks`→`x`, `kx`→`x`, `tq`→`q`, `wq`→`w`; an `o` after
//! `i` is dropped, because `ё` and `йо` are `e`, `yo`, `io` or `jo`
//! depending on the table (Фёдор = Fedor = Fyodor, Йосип = Yosyp);
//! finally a word-initial `olix`/`olis` becomes `alix`/`alis`, because
//! Ukrainian writes `Оле-` where Russian writes `Але-` in the Greek names
//! (Олександр = Александр, Олексій = Алексей, Олеся = Алеся) and nowhere
//! else systematically.
//!
//! Deliberately *not* merged, left to the given-name equivalence table
//! ([`crate::names`]): different name forms (Дмитро/Дмитрий, Микола/Николай,
//! Ганна/Анна), and the masculine and feminine forms (Олександр ≠
//! Олександра, Іван ≠ Іванна): sex is evidence the engine weighs separately.
//!
//! Three Latin letter groups are read differently by different languages;
//! the key takes the reading of the official tables and [`name_key_variants`]
//! adds the others:
//! - `ch` is `ч` in English-based tables but `х` in German, Polish, Czech and
//!   the Belarusian national system. The key reads `х` only when the word
//!   shows Central-European spelling (a `w`, a `j` before a vowel, or a
//!   letter with caron or acute such as `č ł ś`), or in a word-initial
//!   `chr` (Christina). A Belarusian romanization without such a letter
//!   (`Prochor` for Прохор) therefore meets its Cyrillic only through
//!   [`name_key_variants`].
//! - `cz` is `ц` in GOST 7.79 but `ч` in Polish; read as `ч` with the same
//!   evidence.
//! - a bare `c` is `ц` in GOST 7.79 and Slavic Latin spellings but `к` in
//!   English-style ones (Victor, Nicolai); the key reads `ц`.
//!
//! Multi-part names give one key per part, joined by a space
//! (`Анна-Марія` → `ana maria`).

use crate::normalize::{is_cyrillic, normalize};
use unicode_normalization::UnicodeNormalization;

// Private-use stand-ins for Slavic Latin letters whose plain forms are
// ambiguous; `normalize` leaves them alone.
const P_CH: char = '\u{E000}'; // č
const P_SH: char = '\u{E001}'; // š
const P_ZH: char = '\u{E002}'; // ž ż
const P_TS: char = '\u{E003}'; // ć
const P_S: char = '\u{E004}'; // ś
const P_Z: char = '\u{E005}'; // ź
const P_N: char = '\u{E006}'; // ń
const P_L: char = '\u{E007}'; // ĺ ł
const P_U: char = '\u{E008}'; // ŭ

fn is_private(c: char) -> bool {
    ('\u{E000}'..='\u{E008}').contains(&c)
}

fn premap(s: &str) -> String {
    s.nfc()
        .map(|c| match c {
            'č' | 'Č' => P_CH,
            'š' | 'Š' => P_SH,
            'ž' | 'Ž' | 'ż' | 'Ż' => P_ZH,
            'ć' | 'Ć' => P_TS,
            'ś' | 'Ś' => P_S,
            'ź' | 'Ź' => P_Z,
            'ń' | 'Ń' => P_N,
            'ĺ' | 'Ĺ' | 'ł' | 'Ł' => P_L,
            'ŭ' | 'Ŭ' => P_U,
            c => c,
        })
        .collect()
}

/// How to read the ambiguous Latin groups; see the module docs.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Reading {
    ch_as_kh: bool,
    cz_as_ch: bool,
    c_as_k: bool,
}

/// The phonetic key of a name in any script; see the module docs.
pub fn name_key(s: &str) -> String {
    let words = key_words(s);
    words
        .iter()
        .map(|w| word_key(w, evidence_reading(w)))
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`name_key`] first, then the keys under the other readings of `ch`,
/// `cz` and bare `c` when the name contains them (at most four, no
/// duplicates). Two names are a phonetic match when their variant lists
/// share a key.
pub fn name_key_variants(s: &str) -> Vec<String> {
    let words = key_words(s);
    let join = |f: &dyn Fn(Reading) -> Reading| {
        words
            .iter()
            .map(|w| word_key(w, f(evidence_reading(w))))
            .filter(|k| !k.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = vec![join(&|r| r)];
    let alternatives: [&dyn Fn(Reading) -> Reading; 3] = [
        &|r| Reading {
            ch_as_kh: !r.ch_as_kh,
            ..r
        },
        &|r| Reading { c_as_k: true, ..r },
        &|r| Reading {
            cz_as_ch: !r.cz_as_ch,
            ..r
        },
    ];
    for alt in alternatives {
        let k = join(alt);
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out.truncate(4);
    out
}

fn key_words(s: &str) -> Vec<Vec<char>> {
    let n = normalize(&premap(s));
    n.split(|c: char| {
        // BGN/PCGN writes ъ and the Ukrainian apostrophe as a closing
        // double quote; like the apostrophe it stays inside the word.
        !(c.is_alphabetic()
            || is_private(c)
            || matches!(c, '\'' | '·' | '\u{0306}' | '”' | '“' | '"'))
    })
    .filter(|w| !w.is_empty())
    .map(|w| w.chars().collect())
    .collect()
}

fn evidence_reading(word: &[char]) -> Reading {
    // A `j` before a vowel is German, Polish, Czech or Belarusian spelling
    // (Juchim, Jana); the English-based tables write `y` there and GOST 7.79
    // writes `j` only for `й`, which rarely precedes a vowel.
    let j_vowel = word
        .windows(2)
        .any(|p| p[0] == 'j' && matches!(p[1], 'a' | 'e' | 'o' | 'u'));
    let central = j_vowel || word.iter().any(|&c| c == 'w' || is_private(c));
    Reading {
        ch_as_kh: central,
        cz_as_ch: central,
        c_as_k: false,
    }
}

/// Key of one word (no spaces inside).
fn word_key(word: &[char], reading: Reading) -> String {
    let mut raw: Vec<u8> = Vec::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        if is_cyrillic(c) {
            raw.extend_from_slice(cyrillic_class(c).as_bytes());
            i += 1;
        } else if is_private(c) {
            raw.push(match c {
                P_CH => b'q',
                P_SH => b'w',
                P_ZH => b'j',
                P_TS => b'c',
                P_S => b's',
                P_Z => b'z',
                P_N => b'n',
                P_L => b'l',
                _ => b'u',
            });
            i += 1;
        } else if c.is_ascii_alphabetic() {
            let (class, used) = latin_class(&word[i..], i == 0, reading);
            raw.extend_from_slice(class.as_bytes());
            i += used;
        } else {
            i += 1;
        }
    }
    reduce(raw)
}

fn cyrillic_class(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'є' | 'ё' | 'э' => "e",
        'и' | 'і' | 'ї' | 'ы' | 'й' | 'ј' => "i",
        'ж' => "j",
        'з' => "z",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "x",
        'ц' => "c",
        'ч' => "q",
        'ш' | 'щ' => "w",
        'ю' => "iu",
        'я' => "ia",
        _ => "",
    }
}

/// Class of the Latin letter group at the start of `w`, and its length.
fn latin_class(w: &[char], word_start: bool, r: Reading) -> (&'static str, usize) {
    let at = |k: usize| w.get(k).copied().unwrap_or(' ');
    let starts = |p: &str| p.chars().enumerate().all(|(k, c)| at(k) == c);
    // No `ck`: it is ц+к in GOST 7.79 and Polish (Biletskyi = Beleckij =
    // Bielecki); the English `ck` reaches `k` through the `c`→`k` variant.
    const GROUPS: [(&str, &str); 13] = [
        ("shch", "w"),
        ("szcz", "w"),
        ("tsch", "q"),
        ("shh", "w"),
        ("sch", "w"),
        ("tch", "q"),
        ("sh", "w"),
        ("sz", "w"),
        ("zh", "j"),
        ("kh", "x"),
        ("gh", "g"),
        ("tz", "c"),
        ("ph", "f"),
    ];
    for (pat, class) in GROUPS {
        if starts(pat) {
            return (class, pat.chars().count());
        }
    }
    if starts("ch") {
        let kh = r.ch_as_kh || (word_start && at(2) == 'r');
        return (if kh { "x" } else { "q" }, 2);
    }
    if starts("cz") {
        return (if r.cz_as_ch { "q" } else { "c" }, 2);
    }
    if starts("tc") || starts("th") {
        return (if at(1) == 'c' { "c" } else { "t" }, 2);
    }
    let class = match at(0) {
        'a' => "a",
        'b' => "b",
        'c' if r.c_as_k => "k",
        'c' => "c",
        'd' => "d",
        'e' => "e",
        'i' | 'j' | 'y' => "i",
        'f' => "f",
        'g' | 'h' => "g",
        'k' | 'q' => "k",
        'l' => "l",
        'm' => "m",
        'n' => "n",
        'o' => "o",
        'p' => "p",
        'r' => "r",
        's' => "s",
        't' => "t",
        'u' => "u",
        'v' | 'w' => "v",
        'x' => "x",
        'z' => "z",
        _ => "",
    };
    (class, 1)
}

fn collapse(v: &mut Vec<u8>) {
    v.dedup();
}

/// The rules on the class string; see the module docs.
fn reduce(mut v: Vec<u8>) -> String {
    // Word-initial front vowels: `e` if the run has an e-letter (Є, Е, Э,
    // ye, je, ie, e), else `i` (І, И, Ї, Й, i, y, yi). Everywhere else the
    // two are one class.
    let run = v.iter().take_while(|c| matches!(c, b'i' | b'e')).count();
    if run > 0 {
        let initial = if v[..run].contains(&b'e') { b'e' } else { b'i' };
        v.splice(..run, [initial]);
    }
    for c in v.iter_mut().skip(1) {
        if *c == b'e' {
            *c = b'i';
        }
    }
    collapse(&mut v);
    let mut merged = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        let pair = (v[i], v.get(i + 1).copied().unwrap_or(0));
        let replacement = match pair {
            (b't', b's') => Some(b'c'),
            (b'k', b's') | (b'k', b'x') => Some(b'x'),
            (b't', b'q') => Some(b'q'),
            (b'w', b'q') => Some(b'w'),
            _ => None,
        };
        match replacement {
            Some(r) => {
                merged.push(r);
                i += 2;
            }
            None => {
                merged.push(v[i]);
                i += 1;
            }
        }
    }
    collapse(&mut merged);
    let mut out: Vec<u8> = Vec::with_capacity(merged.len());
    for &c in &merged {
        if c == b'o' && out.last() == Some(&b'i') {
            continue;
        }
        out.push(c);
    }
    collapse(&mut out);
    if out.len() >= 4 && out.starts_with(b"oli") && matches!(out[3], b'x' | b's') {
        out[0] = b'a';
    }
    String::from_utf8(out).unwrap_or_default()
}
