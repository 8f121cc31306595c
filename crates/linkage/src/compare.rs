//! Comparison vectors: for each field, the level at which two prepared
//! records agree. A vector is packed into one `u16` "pattern" so that EM can
//! run on a histogram of patterns instead of on every pair.

use crate::fields::{self, DateLevel};
use crate::record::{MISSING, Prepared, Resolve, Sym};

/// The compared fields, in pattern order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FamilyName,
    GivenName,
    Patronymic,
    Sex,
    BirthDate,
    BirthPlace,
}

pub const FIELDS: [Field; 6] = [
    Field::FamilyName,
    Field::GivenName,
    Field::Patronymic,
    Field::Sex,
    Field::BirthDate,
    Field::BirthPlace,
];

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::FamilyName => "family_name",
            Field::GivenName => "given_name",
            Field::Patronymic => "patronymic",
            Field::Sex => "sex",
            Field::BirthDate => "birth_date",
            Field::BirthPlace => "birth_place",
        }
    }

    /// Level names, strongest agreement first; the last one is always "missing".
    pub fn levels(self) -> &'static [&'static str] {
        match self {
            Field::FamilyName => &["exact", "key", "similar", "differ", "missing"],
            Field::GivenName => &[
                "exact", "key", "group", "similar", "unknown", "differ", "missing",
            ],
            Field::Patronymic => &["exact", "key", "similar", "differ", "missing"],
            Field::Sex => &["agree", "differ", "missing"],
            Field::BirthDate => &[
                "exact",
                "day_month_swap",
                "one_digit_typo",
                "two_digits",
                "year_month",
                "year",
                "year_off_1",
                "mismatch",
                "missing",
            ],
            Field::BirthPlace => &["exact", "near", "differ", "missing"],
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn missing_level(self) -> u8 {
        (self.levels().len() - 1) as u8
    }
}

/// Level indices shared by the name-like fields.
pub(crate) mod level {
    pub const EXACT: u8 = 0;
    pub const FAMILY_KEY: u8 = 1;
    pub const FAMILY_SIMILAR: u8 = 2;
    pub const FAMILY_DIFFER: u8 = 3;
    pub const GIVEN_KEY: u8 = 1;
    pub const GIVEN_GROUP: u8 = 2;
    pub const GIVEN_SIMILAR: u8 = 3;
    /// Not alike, and at least one is not a name the table knows (a typo?).
    pub const GIVEN_UNKNOWN: u8 = 4;
    /// Two different known names: siblings, not spelling.
    pub const GIVEN_DIFFER: u8 = 5;
}

/// The per-field levels of one pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Comparison {
    pub levels: [u8; 6],
}

const RADIX: [u16; 6] = [5, 7, 5, 3, 9, 4];

/// Number of distinct patterns.
pub(crate) const PATTERNS: usize = 5 * 7 * 5 * 3 * 9 * 4;

impl Comparison {
    pub(crate) fn pattern(self) -> u16 {
        let mut p = 0u16;
        for (l, r) in self.levels.iter().zip(RADIX) {
            p = p * r + *l as u16;
        }
        p
    }

    pub(crate) fn from_pattern(mut p: u16) -> Comparison {
        let mut levels = [0u8; 6];
        for i in (0..6).rev() {
            levels[i] = (p % RADIX[i]) as u8;
            p /= RADIX[i];
        }
        Comparison { levels }
    }

    pub fn level(&self, f: Field) -> u8 {
        self.levels[f.index()]
    }

    pub fn level_name(&self, f: Field) -> &'static str {
        f.levels()[self.level(f) as usize]
    }

    /// Both names differ, but the patronymic (or the father's name in it),
    /// the full birth date and the birth place agree: a child renamed on
    /// adoption, given name and all. Such a pair is not vetoed for its
    /// given names (see [`crate::model::RENAMED_GIVEN_M`]) and is flagged
    /// for review.
    pub fn renamed(&self) -> bool {
        use level::*;
        self.could_be_renamed()
            && matches!(self.level(Field::GivenName), GIVEN_UNKNOWN | GIVEN_DIFFER)
    }

    /// A new family name, but the patronymic (or the father's name in it),
    /// the full birth date and the birth place agree: what a renamed
    /// child's pair shows whatever became of the given name.
    pub(crate) fn could_be_renamed(&self) -> bool {
        self.level(Field::FamilyName) == level::FAMILY_DIFFER
            && self.level(Field::GivenName) != Field::GivenName.missing_level()
            && self.level(Field::Patronymic) <= 1
            && self.level(Field::BirthDate) == 0
            && self.level(Field::BirthPlace) == 0
    }
}

/// Jaro–Winkler similarity on bytes (romanised forms are ASCII in practice;
/// any remaining multi-byte letters still compare consistently).
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    // Ordering the pair canonically keeps the greedy matching symmetric.
    let (s, l) = if (a.len(), a) <= (b.len(), b) {
        (a, b)
    } else {
        (b, a)
    };
    let window = (l.len() / 2).saturating_sub(1);
    let mut l_used = [false; 64];
    let mut s_match = [0u8; 64];
    if l.len() > 64 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let mut m = 0usize;
    for (i, &c) in s.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(l.len());
        for j in lo..hi {
            if !l_used[j] && l[j] == c {
                l_used[j] = true;
                s_match[m] = c;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let mut t = 0usize;
    let mut k = 0usize;
    for (j, &c) in l.iter().enumerate() {
        if l_used[j] {
            if c != s_match[k] {
                t += 1;
            }
            k += 1;
        }
    }
    let m = m as f64;
    let jaro = (m / s.len() as f64 + m / l.len() as f64 + (m - (t / 2) as f64) / m) / 3.0;
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// Jaro–Winkler at or above which two keys are "similar".
pub const SIMILAR_JW: f64 = 0.88;

/// At most one insertion, deletion, substitution or transposition of
/// adjacent letters turns `a` into `b` (both at least 4 letters).
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    const MAX: usize = 32;
    if a.is_ascii() && b.is_ascii() {
        // Romanised keys: compare the bytes in place.
        return one_edit_slices(a.as_bytes(), b.as_bytes());
    }
    let (mut x, mut y) = (['\0'; MAX], ['\0'; MAX]);
    let (mut n, mut m) = (0, 0);
    for c in a.chars() {
        if n == MAX {
            return false;
        }
        x[n] = c;
        n += 1;
    }
    for c in b.chars() {
        if m == MAX {
            return false;
        }
        y[m] = c;
        m += 1;
    }
    one_edit_slices(&x[..n], &y[..m])
}

fn one_edit_slices<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (n, m) = (a.len(), b.len());
    if n.min(m) < 3 || n.abs_diff(m) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if p == n && p == m {
        return true;
    }
    let (ra, rb) = (&a[p..], &b[p..]);
    if ra.len() == rb.len() {
        // substitution, or transposition of the first differing pair
        ra[1..] == rb[1..]
            || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
    } else if ra.len() > rb.len() {
        ra[1..] == *rb
    } else {
        rb[1..] == *ra
    }
}

/// `jaro_winkler(a, b) >= t`, usually decided without computing it: the
/// letters of each string that occur at all in the other bound the number
/// of matching letters, and that bounds the similarity from above. Most
/// compared names share few letters, and this runs for every pair.
pub fn jaro_winkler_at_least(a: &str, b: &str, t: f64) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let mask = |s: &[u8]| s.iter().fold(0u64, |m, &c| m | 1 << (c & 63));
    let (mx, my) = (mask(x), mask(y));
    let present = |s: &[u8], m: u64| s.iter().filter(|&&c| m >> (c & 63) & 1 == 1).count();
    let matches = present(x, my).min(present(y, mx)) as f64;
    let jaro_max = if matches == 0.0 {
        0.0
    } else {
        (matches / x.len() as f64 + matches / y.len() as f64 + 1.0) / 3.0
    };
    let prefix = x.iter().zip(y).take(4).take_while(|(p, q)| p == q).count() as f64;
    let bound = jaro_max + prefix * 0.1 * (1.0 - jaro_max);
    bound >= t - 1e-9 && jaro_winkler(a, b) >= t
}

fn similar(strings: &impl Resolve, a: Sym, b: Sym) -> bool {
    if a == MISSING || b == MISSING {
        return false;
    }
    let (x, y) = (strings.resolve(a), strings.resolve(b));
    one_edit_apart(x, y) || jaro_winkler_at_least(x, y, SIMILAR_JW)
}

fn family_level(strings: &impl Resolve, a: &Prepared, b: &Prepared) -> u8 {
    use level::*;
    if a.family == b.family {
        EXACT
    } else if a.family_key == b.family_key && a.family_key != MISSING {
        FAMILY_KEY
    } else if similar(strings, a.family_key, b.family_key) {
        FAMILY_SIMILAR
    } else {
        FAMILY_DIFFER
    }
}

fn groups_meet(a: [u32; 2], b: [u32; 2]) -> bool {
    a[0] != 0 && (a[0] == b[0] || a[0] == b[1] || (a[1] != 0 && (a[1] == b[0] || a[1] == b[1])))
}

fn given_level(strings: &impl Resolve, a: &Prepared, b: &Prepared) -> u8 {
    use level::*;
    if a.given == b.given {
        EXACT
    } else if a.given_key == b.given_key && a.given_key != MISSING {
        GIVEN_KEY
    } else if groups_meet(a.given_groups, b.given_groups) {
        GIVEN_GROUP
    } else if similar(strings, a.given_key, b.given_key)
        || one_edit_apart(strings.resolve(a.given), strings.resolve(b.given))
    {
        GIVEN_SIMILAR
    } else if a.given_groups[0] == 0 || b.given_groups[0] == 0 {
        GIVEN_UNKNOWN
    } else {
        GIVEN_DIFFER
    }
}

/// Family and given name written the other way round on one side: the
/// levels the two names then agree at, crosswise. Keys that meet exactly
/// or by spelling give `similar` for both; one side's family name field
/// holding a given name of the other's group while its given name field
/// holds the other's surname key is as good as the names agreeing in
/// place (`key` and `group`), in either language.
fn names_swapped(strings: &impl Resolve, a: &Prepared, b: &Prepared) -> Option<(u8, u8)> {
    use level::*;
    let meet = |x: Sym, y: Sym| x != MISSING && (x == y || similar(strings, x, y));
    // `x` is written the other way round, `y` is not.
    let swapped = |x: &Prepared, y: &Prepared| {
        groups_meet([x.family_as_given, 0], y.given_groups)
            && x.given_as_family != MISSING
            && x.given_as_family == y.family_key
    };
    if swapped(a, b) || swapped(b, a) {
        Some((FAMILY_KEY, GIVEN_GROUP))
    } else if meet(a.family_name_key, b.given_key) && meet(a.given_key, b.family_name_key) {
        Some((FAMILY_SIMILAR, GIVEN_SIMILAR))
    } else {
        None
    }
}

/// Compares two prepared records field by field. Symmetric by construction.
pub(crate) fn compare(strings: &impl Resolve, a: &Prepared, b: &Prepared) -> Comparison {
    use level::*;
    let names_missing =
        a.family == MISSING || b.family == MISSING || a.given == MISSING || b.given == MISSING;
    let mut family = if a.family == MISSING || b.family == MISSING {
        Field::FamilyName.missing_level()
    } else {
        family_level(strings, a, b)
    };
    let mut given = if a.given == MISSING || b.given == MISSING {
        Field::GivenName.missing_level()
    } else {
        given_level(strings, a, b)
    };
    if !names_missing
        && family == FAMILY_DIFFER
        && given >= GIVEN_UNKNOWN
        && let Some((f, g)) = names_swapped(strings, a, b)
    {
        (family, given) = (f, g);
    }
    let patronymic = if a.patronymic == MISSING || b.patronymic == MISSING {
        Field::Patronymic.missing_level()
    } else if a.patronymic == b.patronymic {
        EXACT
    } else if a.father_key == b.father_key && a.father_key != MISSING {
        1
    } else if similar(strings, a.patronymic_key, b.patronymic_key) {
        2
    } else {
        3
    };
    // A given name says the sex: when the given names agree, the sexes
    // agree too, match or not, and counting both would give every namesake
    // a bit it has not earned (EM then explains the excess of namesakes
    // by raising `m` of a mismatching date).
    let sex = match (a.sex, b.sex) {
        (0, _) | (_, 0) => 2,
        _ if given <= GIVEN_SIMILAR => 2,
        (x, y) if x == y => 0,
        _ => 1,
    };
    let date = match fields::compare_dates(a.date.as_ref(), b.date.as_ref()) {
        DateLevel::Exact => 0,
        DateLevel::DayMonthSwap => 1,
        DateLevel::OneDigitTypo => 2,
        DateLevel::TwoDigits => 3,
        DateLevel::YearMonthOnly => 4,
        DateLevel::YearOnly => 5,
        DateLevel::YearOff1 => 6,
        DateLevel::Mismatch => 7,
        DateLevel::Missing => 8,
    };
    let place = if a.place == MISSING || b.place == MISSING {
        3
    } else if a.place == b.place {
        0
    } else if (a.place_region != MISSING && a.place_region == b.place_region)
        || (a.place_region == MISSING
            && b.place_region == MISSING
            && similar(strings, a.place, b.place))
    {
        1
    } else {
        2
    };
    Comparison {
        levels: [family, given, patronymic, sex, date, place],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_round_trips() {
        for p in [0u16, 1, 77, (PATTERNS - 1) as u16] {
            assert_eq!(Comparison::from_pattern(p).pattern(), p);
        }
    }

    #[test]
    fn jaro_winkler_known_values() {
        let check = |a: &str, b: &str, want: f64| {
            let got = jaro_winkler(a, b);
            assert!((got - want).abs() < 0.005, "{a} {b}: {got} != {want}");
            assert_eq!(got, jaro_winkler(b, a));
        };
        check("martha", "marhta", 0.961);
        check("dwayne", "duane", 0.84);
        check("dixon", "dicksonx", 0.813);
        check("abc", "abc", 1.0);
        check("abc", "xyz", 0.0);
    }

    #[test]
    fn the_bound_never_changes_the_answer() {
        let words = [
            "martha",
            "marhta",
            "dwayne",
            "duane",
            "dixon",
            "dicksonx",
            "oleksandr",
            "aleksandr",
            "alixandr",
            "maxim",
            "maisim",
            "qiwqinko",
            "wiwqinko",
            "ivan",
            "iva",
            "a",
            "ab",
            "ba",
            "kovalinko",
            "kovalciuk",
            "харків",
            "харьков",
            "xyz",
        ];
        for a in words {
            for b in words {
                for t in [0.7, 0.8, SIMILAR_JW, 0.95] {
                    assert_eq!(
                        jaro_winkler_at_least(a, b, t),
                        jaro_winkler(a, b) >= t,
                        "{a} {b} {t}"
                    );
                }
            }
        }
    }

    #[test]
    fn one_edit() {
        let check = |a: &str, b: &str, want: bool| {
            assert_eq!(one_edit_apart(a, b), want, "{a} {b}");
            assert_eq!(one_edit_apart(b, a), want, "{b} {a}");
        };
        check("bogdan", "bogjan", true);
        check("sofia", "sopfia", true);
        check("sofia", "sofai", true);
        check("sofia", "sofia", true);
        check("sofia", "sofiaaa", false);
        check("valeria", "vaeiria", false);
        check("ivan", "iva", true);
        check("уляна", "ульна", true);
        check("ян", "яна", false);
    }
}
