//! Cyrillic → Latin transliteration by the official tables, and the
//! script-independent phonetic key under which the spellings of one name
//! meet.
//!
//! # Romanization
//!
//! [`romanize`] implements the tables that produced the Latin spellings our
//! records actually contain:
//!
//! | [`System`] | where it is found | notable rules |
//! |---|---|---|
//! | `Ukrainian2010` | Ukrainian passports since 2010 (Cabinet of Ministers resolution No. 55 of 27.01.2010) | г→h, ґ→g, и→y, і→i, х→kh, щ→shch; є ї й ю я → ye yi y yu ya at the start of a word, ie i i iu ia elsewhere; зг→zgh; ь and apostrophe omitted |
//! | `RussianIcao2013` | Russian passports since 2013 (FMS order 320, ICAO Doc 9303) | ё→e, й→i, ц→ts, ъ→ie, ы→y, ь omitted, ю→iu, я→ia |
//! | `RussianGost52535` | Russian passports 2010–2013 (GOST R 52535.1-2006) | as ICAO but ц→tc and ъ omitted |
//! | `RussianMvd1997` | Russian passports 1997–2010 (MVD order 310) | е, ё → ye after a vowel, ъ or ь, else e; й→y; ь→'; ъ omitted; ю→yu, я→ya |
//! | `BgnPcgnUk` | English-language maps and press before 2019 (BGN/PCGN 1965) | г→h, є→ye, ї→yi, й→y, ю→yu, я→ya everywhere, ь→’, apostrophe→”, зг→z·h |
//! | `BgnPcgnRu` | English-language maps and press (BGN/PCGN 1947) | е→ye and ё→yë word-initially and after vowels, й, ъ, ь; ъ→”, ь→’, й→y; the optional `·` is written only after й/ы before а у ы э, where `ya yu` would mislead (тс and шч stay `ts`, `shch` as on the maps: Yakutsk) |
//! | `Gost779B` | Russian bibliographic and technical records (GOST 7.79-2000 system B) | х→x, й→j, ц→cz before i e y j else c, щ→shh, ы→y', э→e', ь→\`, ъ→\`\`, ё→yo, ю→yu, я→ya; for Ukrainian и→y', ґ→g\`, є→ye, ї→yi, apostrophe→'' ; for Belarusian ў→u\` |
//! | `BelarusianNational` | Belarusian national system (2000, revised 2007, UN-adopted) | г→h, х→ch, ц→c, ч→č, ш→š, ж→ž, ў→ŭ, й→j; е ё ю я → je jo ju ja word-initially and after vowels, ў, apostrophe and ь, ie io iu ia after consonants; ь marks the consonant before it (ź ĺ ń ś ć) |
//!
//! Letters that a table does not cover (a Russian `ы` given to the Ukrainian
//! table, a Ukrainian `ї` given to a Russian one) are romanized the way the
//! nearest official rule would do it, so every system accepts any East
//! Slavic Cyrillic text; those extensions are marked in the code. Case is
//! kept: a capital letter gives `Kh`, or `KH` when the word is in capitals.
//! Characters that are not Cyrillic pass through unchanged.
//!
//! The positional rules follow the tables: "start of a word" means the
//! previous character is not a letter; after a Ukrainian apostrophe a vowel
//! is *not* word-initial (`Знам'янка` → `Znamianka`).
//!
//! The tables were checked against the published texts of the resolution
//! and the orders and against their own examples, which are the tests in
//! `tests/fields_translit.rs`.
//!
//! # The phonetic key
//!
//! [`name_key`] and [`name_key_variants`] live in [`key`]; see its docs for
//! the table of letter classes.

pub mod key;

pub use key::{name_key, name_key_variants};

/// An official romanization table; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum System {
    Ukrainian2010,
    RussianIcao2013,
    RussianGost52535,
    RussianMvd1997,
    BgnPcgnUk,
    BgnPcgnRu,
    Gost779B,
    BelarusianNational,
}

impl System {
    pub const ALL: [System; 8] = [
        System::Ukrainian2010,
        System::RussianIcao2013,
        System::RussianGost52535,
        System::RussianMvd1997,
        System::BgnPcgnUk,
        System::BgnPcgnRu,
        System::Gost779B,
        System::BelarusianNational,
    ];
}

/// The language of a Cyrillic word, as far as GOST 7.79 needs to know it
/// (it spells `и` and `г` differently for Ukrainian).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Russian,
    Ukrainian,
    Belarusian,
}

fn guess_lang(word: &[char]) -> Lang {
    let lower = |c: &char| c.to_lowercase().next().unwrap_or(*c);
    if word.iter().map(lower).any(|c| c == 'ў') {
        Lang::Belarusian
    } else if word
        .iter()
        .map(lower)
        .any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ'))
    {
        if word.iter().map(lower).any(|c| c == 'и') {
            Lang::Ukrainian
        } else if word.iter().map(lower).any(|c| matches!(c, 'ы' | 'э' | 'ё')) {
            Lang::Belarusian
        } else {
            Lang::Ukrainian
        }
    } else {
        Lang::Russian
    }
}

fn is_cyr_letter(c: char) -> bool {
    // The main Cyrillic blocks are letters but for U+0482..U+0489 (a sign
    // and combining marks); answering them directly avoids the slow
    // Unicode table lookup, which was most of the time spent loading the
    // given-name table.
    match c {
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => true,
        _ => crate::normalize::is_cyrillic(c) && c.is_alphabetic(),
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`')
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'і' | 'ї' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'є'
    )
}

/// Romanize `s` by `system`; see the module docs for the tables.
pub fn romanize(s: &str, system: System) -> String {
    let chars: Vec<char> = s.chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let lc = lower[i];
        let is_apos_in_word = is_apostrophe(c)
            && i > 0
            && is_cyr_letter(chars[i - 1])
            && chars.get(i + 1).is_some_and(|&n| is_cyr_letter(n));
        if !is_cyr_letter(c) && !is_apos_in_word {
            out.push(c);
            i += 1;
            continue;
        }
        // The word around position i, for case and language decisions.
        let start = (0..i)
            .rev()
            .take_while(|&j| is_cyr_letter(chars[j]) || is_apostrophe(chars[j]))
            .last()
            .unwrap_or(i);
        let end = (i..chars.len())
            .take_while(|&j| is_cyr_letter(chars[j]) || is_apostrophe(chars[j]))
            .last()
            .map_or(i + 1, |j| j + 1);
        let word = &chars[start..end];
        let letters: Vec<char> = word.iter().copied().filter(|c| c.is_alphabetic()).collect();
        let word_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
        let ctx = Ctx {
            prev: if i == 0 { None } else { Some(lower[i - 1]) },
            next: lower.get(i + 1).copied(),
            initial: i == 0 || !(is_cyr_letter(chars[i - 1]) || is_apostrophe(chars[i - 1])),
            lang: guess_lang(word),
        };
        let latin = romanize_char(lc, &ctx, system, &lower, i);
        if system == System::BelarusianNational && lc == 'ь' {
            soften_last(&mut out);
        } else {
            push_cased(&mut out, &latin, c.is_uppercase(), word_caps);
        }
        i += 1;
    }
    out
}

struct Ctx {
    prev: Option<char>,
    next: Option<char>,
    initial: bool,
    lang: Lang,
}

fn push_cased(out: &mut String, latin: &str, upper: bool, word_caps: bool) {
    if !upper {
        out.push_str(latin);
    } else if word_caps {
        out.extend(latin.chars().flat_map(char::to_uppercase));
    } else {
        let mut it = latin.chars();
        if let Some(first) = it.next() {
            out.extend(first.to_uppercase());
            out.extend(it);
        }
    }
}

/// Belarusian national system: the soft sign is written as an acute on the
/// consonant before it (зь ль нь сь ць, and дзь → dź), otherwise omitted.
fn soften_last(out: &mut String) {
    let Some(last) = out.chars().last() else {
        return;
    };
    let soft = match last {
        'z' => 'ź',
        'l' => 'ĺ',
        'n' => 'ń',
        's' => 'ś',
        'c' => 'ć',
        'Z' => 'Ź',
        'L' => 'Ĺ',
        'N' => 'Ń',
        'S' => 'Ś',
        'C' => 'Ć',
        _ => return,
    };
    out.pop();
    out.push(soft);
}

fn romanize_char(c: char, ctx: &Ctx, system: System, lower: &[char], i: usize) -> String {
    let s: &str = match system {
        System::Ukrainian2010 => ukrainian_2010(c, ctx),
        System::RussianIcao2013 => icao(c, false),
        System::RussianGost52535 => icao(c, true),
        System::RussianMvd1997 => mvd_1997(c, ctx),
        System::BgnPcgnUk => bgn_uk(c, ctx),
        System::BgnPcgnRu => return bgn_ru(c, ctx),
        System::Gost779B => return gost_779b(c, ctx, lower, i),
        System::BelarusianNational => belarusian(c, ctx),
    };
    s.to_string()
}

/// The letters every table writes the same way.
fn common(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'д' => "d",
        'е' => "e",
        'ж' => "zh",
        'з' => "z",
        'і' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'э' => "e",
        'ґ' => "g",
        'ў' => "u",
        _ => "",
    }
}

fn ukrainian_2010(c: char, ctx: &Ctx) -> &'static str {
    let init = ctx.initial;
    match c {
        'г' if ctx.prev == Some('з') => "gh",
        'г' => "h",
        'и' => "y",
        'є' => {
            if init {
                "ye"
            } else {
                "ie"
            }
        }
        'ї' => {
            if init {
                "yi"
            } else {
                "i"
            }
        }
        'й' => {
            if init {
                "y"
            } else {
                "i"
            }
        }
        'ю' => {
            if init {
                "yu"
            } else {
                "iu"
            }
        }
        'я' => {
            if init {
                "ya"
            } else {
                "ia"
            }
        }
        'ь' | '\'' | '’' | 'ʼ' | '‘' | '`' | 'ъ' => "",
        // Extension for Russian letters, by the same positional logic.
        'ё' => {
            if init {
                "yo"
            } else {
                "io"
            }
        }
        c => common(c),
    }
}

fn icao(c: char, gost_52535: bool) -> &'static str {
    match c {
        'г' => "g",
        'ё' => "e",
        'и' | 'й' => "i",
        'ц' if gost_52535 => "tc",
        'ъ' if gost_52535 => "",
        'ъ' => "ie",
        'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        // Ukrainian and Belarusian letters, as in ICAO Doc 9303 part 3.
        'є' => "ie",
        'ї' => "i",
        '\'' | '’' | 'ʼ' | '‘' | '`' => "",
        c => common(c),
    }
}

fn after_vowel_or_sign(ctx: &Ctx) -> bool {
    ctx.prev
        .is_some_and(|p| is_vowel(p) || matches!(p, 'ъ' | 'ь' | 'й'))
}

fn mvd_1997(c: char, ctx: &Ctx) -> &'static str {
    match c {
        'г' => "g",
        'е' | 'ё' => {
            if ctx
                .prev
                .is_some_and(|p| is_vowel(p) || matches!(p, 'ъ' | 'ь'))
            {
                "ye"
            } else {
                "e"
            }
        }
        'и' => "i",
        'й' => "y",
        'ъ' => "",
        'ь' => "'",
        'ю' => "yu",
        'я' => "ya",
        // Ukrainian letters (extension).
        'є' => "ye",
        'ї' => "yi",
        '\'' | '’' | 'ʼ' | '‘' | '`' => "",
        c => common(c),
    }
}

fn bgn_uk(c: char, ctx: &Ctx) -> &'static str {
    match c {
        'г' if ctx.prev == Some('з') => "·h",
        'г' => "h",
        'и' => "y",
        'є' => "ye",
        'ї' => "yi",
        'й' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ь' => "’",
        '\'' | '’' | 'ʼ' | '‘' | '`' => "”",
        // Russian letters (extension, as BGN/PCGN Russian).
        'ё' => "yë",
        'ъ' => "”",
        c => common(c),
    }
}

fn bgn_ru(c: char, ctx: &Ctx) -> String {
    let iotated_pos = ctx.initial || after_vowel_or_sign(ctx);
    let s = match c {
        'г' => "g",
        'е' if iotated_pos => "ye",
        'ё' if iotated_pos => "yë",
        'ё' => "ë",
        'и' => "i",
        'й' | 'ы' => {
            if ctx.next.is_some_and(|n| matches!(n, 'а' | 'у' | 'ы' | 'э')) {
                return "y·".to_string();
            }
            "y"
        }
        'ъ' => "”",
        'ь' => "’",
        'ю' => "yu",
        'я' => "ya",
        // Ukrainian letters (extension, as BGN/PCGN Ukrainian).
        'є' => "ye",
        'ї' => "yi",
        '\'' | '’' | 'ʼ' | '‘' | '`' => "”",
        c => common(c),
    };
    s.to_string()
}

fn gost_779b(c: char, ctx: &Ctx, lower: &[char], i: usize) -> String {
    let s = match (c, ctx.lang) {
        ('г', _) => "g",
        ('ґ', _) => "g`",
        ('ё', _) => "yo",
        ('и', Lang::Ukrainian) => "y'",
        ('и', _) => "i",
        ('й', _) => "j",
        ('х', _) => "x",
        ('ц', _) => {
            // cz before i, e, y, j; c elsewhere (judged on the Latin that follows).
            let next_latin = lower
                .get(i + 1)
                .filter(|n| is_cyr_letter(**n))
                .map(|&n| gost_779b_first_letter(n, ctx.lang));
            return if matches!(next_latin, Some('i' | 'e' | 'y' | 'j')) {
                "cz".to_string()
            } else {
                "c".to_string()
            };
        }
        ('щ', _) => "shh",
        ('ъ', _) => "``",
        ('ы', _) => "y'",
        ('ь', _) => "`",
        ('э', _) => "e'",
        ('ю', _) => "yu",
        ('я', _) => "ya",
        ('є', _) => "ye",
        ('ї', _) => "yi",
        ('ў', _) => "u`",
        ('\'' | '’' | 'ʼ' | '‘' | '`', _) => "''",
        (c, _) => common(c),
    };
    s.to_string()
}

fn gost_779b_first_letter(c: char, lang: Lang) -> char {
    match (c, lang) {
        ('и', Lang::Ukrainian) => 'y',
        ('и' | 'і', _) => 'i',
        ('е' | 'э', _) => 'e',
        ('й', _) => 'j',
        ('ы' | 'ю' | 'я' | 'є' | 'ї' | 'ё', _) => 'y',
        _ => '-',
    }
}

fn belarusian(c: char, ctx: &Ctx) -> &'static str {
    let iotated_pos = ctx.initial
        || ctx
            .prev
            .is_some_and(|p| is_vowel(p) || matches!(p, 'ў' | 'ь' | '\'' | '’' | 'ʼ' | 'ъ'));
    match c {
        'г' => "h",
        'е' if iotated_pos => "je",
        'е' => "ie",
        'ё' if iotated_pos => "jo",
        'ё' => "io",
        'ю' if iotated_pos => "ju",
        'ю' => "iu",
        'я' if iotated_pos => "ja",
        'я' => "ia",
        'ж' => "ž",
        'й' => "j",
        'х' => "ch",
        'ц' => "c",
        'ч' => "č",
        'ш' => "š",
        'ў' => "ŭ",
        '\'' | '’' | 'ʼ' | '‘' | '`' => "",
        // Letters Belarusian does not have (extension): и as і, щ as шч,
        // є ї as iotated е і, ъ as the apostrophe.
        'и' => "i",
        'щ' => "šč",
        'є' if iotated_pos => "je",
        'є' => "ie",
        'ї' if iotated_pos => "ji",
        'ї' => "i",
        'ъ' => "",
        c => common(c),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cyrillic_letter_fast_path_agrees_with_unicode() {
        for c in '\u{0400}'..='\u{052F}' {
            assert_eq!(
                super::is_cyr_letter(c),
                crate::normalize::is_cyrillic(c) && c.is_alphabetic(),
                "{c:?}"
            );
        }
    }
}
