//! Temporary stand-ins for the field functions (normalize, romanize, keys,
//! dates) until the real modules land. Deliberately crude; to be deleted.

use unicode_normalization::UnicodeNormalization;

pub fn normalize(s: &str) -> String {
    let s: String = s.nfkc().collect::<String>().to_lowercase();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\'' | '’' | 'ʼ' | '`' | '‘' => {}
            '-' | '‐' | '–' | '—' => out.push('-'),
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn romanize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in normalize(s).chars() {
        let r = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "h",
            'ґ' => "g",
            'д' => "d",
            'е' => "e",
            'є' => "ie",
            'ё' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "y",
            'і' => "i",
            'ї' => "i",
            'й' => "i",
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
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "iu",
            'я' => "ia",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(r);
    }
    out
}

/// Consonant skeleton of the romanised name: crude, script independent.
pub fn name_key(s: &str) -> String {
    let r = romanize(s)
        .replace("tch", "ch")
        .replace('x', "ks")
        .replace("kh", "h")
        .replace('g', "h")
        .replace('w', "v");
    let mut out = String::new();
    let mut last = ' ';
    for c in r.chars() {
        if !c.is_ascii_alphabetic() || "aeiouy".contains(c) {
            continue;
        }
        if c != last {
            out.push(c);
        }
        last = c;
    }
    out
}

pub fn surname_key(s: &str) -> String {
    let r = romanize(s);
    for suf in [
        "ska", "skaia", "skaya", "skyi", "skii", "sky", "skiy", "ova", "eva", "ina",
    ] {
        if let Some(b) = r.strip_suffix(suf) {
            let mut s = b.to_string();
            if suf.starts_with("sk") {
                s.push_str("sk");
            } else if suf == "ina" {
                s.push_str("in");
            } else {
                s.push_str(&suf[..2]);
            }
            return name_key(&s);
        }
    }
    name_key(&r)
}

pub fn given_name_group(_s: &str) -> Option<u32> {
    None
}

pub fn patronymic_father_key(s: &str) -> String {
    let r = romanize(s);
    for suf in [
        "ovych", "ovich", "evych", "evich", "ivna", "ovna", "evna", "ich", "ych",
    ] {
        if let Some(b) = r.strip_suffix(suf) {
            return name_key(b);
        }
    }
    name_key(&r)
}

pub fn place_key(s: &str) -> String {
    name_key(s)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateLevel {
    Exact,
    DayMonthSwap,
    OneDigitTypo,
    YearMonthOnly,
    YearOnly,
    YearOff1,
    Mismatch,
    Missing,
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let s = s.trim();
        let bad = || format!("'{s}' is not a date");
        let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
        let parts: Vec<&str>;
        let (y, m, d) = if s.contains('.') {
            parts = s.split('.').collect();
            if parts.len() != 3 {
                return Err(bad());
            }
            (num(parts[2])?, Some(num(parts[1])?), Some(num(parts[0])?))
        } else {
            parts = s.split('-').collect();
            match parts.len() {
                1 => (num(parts[0])?, None, None),
                2 => (num(parts[0])?, Some(num(parts[1])?), None),
                3 => (num(parts[0])?, Some(num(parts[1])?), Some(num(parts[2])?)),
                _ => return Err(bad()),
            }
        };
        if !(1000..=2999).contains(&y) || m.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(bad());
        }
        if let (Some(m), Some(d)) = (m, d) {
            let dim = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1];
            if d == 0 || d > dim {
                return Err(bad());
            }
        }
        Ok(PartialDate {
            year: y as u16,
            month: m.map(|m| m as u8),
            day: d.map(|d| d as u8),
        })
    }
}

pub fn compare_dates(a: Option<&PartialDate>, b: Option<&PartialDate>) -> DateLevel {
    let (Some(a), Some(b)) = (a, b) else {
        return DateLevel::Missing;
    };
    if a == b && a.day.is_some() {
        return DateLevel::Exact;
    }
    if a.year == b.year {
        match (a.month, b.month, a.day, b.day) {
            (Some(am), Some(bm), Some(ad), Some(bd)) => {
                if am == bd && ad == bm {
                    return DateLevel::DayMonthSwap;
                }
                if am == bm && (ad % 10 == bd % 10 || ad / 10 == bd / 10) {
                    return DateLevel::OneDigitTypo;
                }
                if am == bm {
                    return DateLevel::YearMonthOnly;
                }
                return DateLevel::YearOnly;
            }
            (Some(am), Some(bm), _, _) if am == bm => return DateLevel::YearMonthOnly,
            _ => return DateLevel::YearOnly,
        }
    }
    if a.year.abs_diff(b.year) == 1 && a.month == b.month && a.day == b.day {
        return DateLevel::YearOff1;
    }
    DateLevel::Mismatch
}
