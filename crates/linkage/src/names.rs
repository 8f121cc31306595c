//! Given names, surnames and patronymics.
//!
//! **Given names** are matched through a table of equivalence groups
//! (`data/given_names.tsv`, format and sources in `data/README.md`): one
//! group holds the Ukrainian, Russian and Belarusian forms of a name, the
//! Latin spellings that the official tables do not already produce, and the
//! common diminutives (Олександр, Александр, Аляксандр, Alexander, Саша,
//! Сашко, Шура, ...). Two given names are equivalent when they share a
//! group. A spelling is looked up first exactly (after
//! [`normalize`](crate::normalize::normalize)), then by every
//! [`name_key_variants`] key, so `Oleksandr`, `OLEKSANDR`, `Aleksandr` and
//! `Alexandr` all find the group without being listed. Diminutives can
//! belong to several groups (Саша: Олександр and Олександра; Слава:
//! Ярослав, Владислав, В'ячеслав, ...); [`given_name_groups`] returns them
//! all, in table order.
//!
//! **Surnames** have no table: their frequencies come from the data, which
//! the engine estimates. [`surname_key`] is the [`name_key`] with the
//! gendered and national endings folded, so the masculine and feminine forms
//! and the Ukrainian and Russian forms of one family name meet: -ов/-ова/
//! -ев/-ёв/-ів (Ukrainian possessive), -ин/-іна/-ина, -ський/-ська/-ский/
//! -ская/-ski/-ska, -цький/-цкий/-cki, and the adjectival -ий/-ый/-ой/
//! -ая/-а. Folding -ів into -ов also merges a few genuinely different
//! Western Ukrainian surnames (Петрів) with Russian ones (Петров); the
//! other fields separate them.
//!
//! **Patronymics** are reduced to the father's given name:
//! [`patronymic_father_key`] strips -ович/-евич/-йович/-ич (male) or
//! -івна/-ївна/-овна/-евна/-ична (female), in any script, and looks the
//! stem up among the given names.

use std::sync::LazyLock;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::normalize::normalize;
use crate::translit::{System, name_key, name_key_variants, romanize};

/// Recorded sex of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// `M`/`F` as in the import format; also the Ukrainian and Russian
    /// initials (`Ч`, `Ж`, `М`) and the English words. Anything else,
    /// including empty text, is unknown.
    pub fn parse(s: &str) -> Option<Sex> {
        match normalize(s).as_str() {
            "m" | "male" | "ч" | "чол" | "чоловіча" | "м" | "муж" | "мужской" => {
                Some(Sex::Male)
            }
            "f" | "female" | "ж" | "жін" | "жіноча" | "жен" | "женский" => {
                Some(Sex::Female)
            }
            _ => None,
        }
    }
}

/// A group of equivalent given names (a row of `data/given_names.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GroupId(pub u16);

struct Group {
    sex: Sex,
    forms: Vec<&'static str>,
    diminutives: Vec<&'static str>,
}

struct GivenNames {
    groups: Vec<Group>,
    by_spelling: FxHashMap<String, Vec<GroupId>>,
    by_key: FxHashMap<String, Vec<GroupId>>,
    /// Keys of full forms only, for patronymic stems (a diminutive such as
    /// Алекс must not capture Олексійович).
    by_form_key: FxHashMap<String, Vec<GroupId>>,
    /// Every key of `by_key` and spelling of `by_spelling` with one letter deleted (and the key itself),
    /// to the keys it came from: the index behind [`near_given_name_groups`].
    by_deletion: FxHashMap<String, Vec<String>>,
}

const GIVEN_NAMES_TSV: &str = include_str!("../data/given_names.tsv");

static GIVEN_NAMES: LazyLock<GivenNames> = LazyLock::new(|| load_given_names(GIVEN_NAMES_TSV));

fn push_unique(map: &mut FxHashMap<String, Vec<GroupId>>, k: String, g: GroupId) {
    if k.is_empty() {
        return;
    }
    let v = map.entry(k).or_default();
    if !v.contains(&g) {
        v.push(g);
    }
}

fn split_names(col: Option<&&'static str>) -> Vec<&'static str> {
    col.map(|c| {
        c.split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// A spelling's entries in the index: its normalized form and its keys.
fn spelling_keys(form: &str) -> (String, Vec<String>) {
    let mut keys = name_key_variants(form);
    // The official romanizations are covered by name_key, except where a
    // table's Latin is ambiguous; index them to be sure.
    if crate::normalize::detect_script(form) == crate::normalize::Script::Cyrillic {
        for sys in System::ALL {
            keys.push(name_key(&romanize(form, sys)));
        }
    }
    (normalize(form), keys)
}

fn load_given_names(tsv: &'static str) -> GivenNames {
    let mut groups = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let sex = match cols.first() {
            Some(&"M") => Sex::Male,
            Some(&"F") => Sex::Female,
            _ => panic!("given_names.tsv line {}: sex must be M or F", n + 1),
        };
        let forms = split_names(cols.get(1));
        assert!(
            !forms.is_empty(),
            "given_names.tsv line {}: no names",
            n + 1
        );
        let diminutives = split_names(cols.get(2));
        groups.push(Group {
            sex,
            forms,
            diminutives,
        });
    }
    // Full forms first, so that a spelling that is a name in one group and
    // a diminutive in another finds the former first. The keys are computed
    // in parallel: building the table is most of a small run's time.
    let spellings: Vec<(GroupId, bool, &str)> = groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| g.forms.iter().map(move |f| (GroupId(i as u16), true, *f)))
        .chain(groups.iter().enumerate().flat_map(|(i, g)| {
            g.diminutives
                .iter()
                .map(move |f| (GroupId(i as u16), false, *f))
        }))
        .collect();
    let keyed: Vec<(String, Vec<String>)> = spellings
        .par_iter()
        .map(|(_, _, f)| spelling_keys(f))
        .collect();
    let mut by_spelling = FxHashMap::default();
    let mut by_key = FxHashMap::default();
    let mut by_form_key = FxHashMap::default();
    for ((id, full_form, _), (spelling, keys)) in spellings.iter().zip(keyed) {
        push_unique(&mut by_spelling, spelling, *id);
        for k in keys {
            if *full_form {
                push_unique(&mut by_form_key, k.clone(), *id);
            }
            push_unique(&mut by_key, k, *id);
        }
    }
    let mut by_deletion: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for k in by_key.keys().chain(by_spelling.keys()) {
        for d in deletions(k) {
            let v = by_deletion.entry(d).or_default();
            if !v.contains(k) {
                v.push(k.clone());
            }
        }
    }
    GivenNames {
        groups,
        by_spelling,
        by_key,
        by_form_key,
        by_deletion,
    }
}

/// All groups a given name may belong to, most likely first: exact spelling
/// matches if there are any, else matches by phonetic key. Empty when the
/// name is unknown.
pub fn given_name_groups(s: &str) -> Vec<GroupId> {
    let t = &*GIVEN_NAMES;
    if let Some(v) = t.by_spelling.get(&normalize(s)) {
        return v.clone();
    }
    let mut out = Vec::new();
    for k in name_key_variants(s) {
        for g in t.by_key.get(&k).into_iter().flatten() {
            if !out.contains(g) {
                out.push(*g);
            }
        }
    }
    out
}

/// Shortest key for which [`near_given_name_groups`] looks for a near
/// spelling: shorter names are too close to each other (Ян, Яна, Іна).
pub const NEAR_MIN_LETTERS: usize = 5;

/// A key and the keys with one of its letters deleted.
fn deletions(k: &str) -> Vec<String> {
    let chars: Vec<char> = k.chars().collect();
    let mut out = vec![k.to_string()];
    for i in 0..chars.len() {
        let d: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// The groups of the table's names within one typing error (a letter
/// inserted, deleted, replaced, or two neighbours swapped) of `s`, for a
/// name the table does not know: «Маесим» is Максим mistyped, «Ниикта»
/// Никита. Names of fewer than [`NEAR_MIN_LETTERS`] letters get none.
/// Most likely first (table order), without duplicates.
pub fn near_given_name_groups(s: &str) -> Vec<GroupId> {
    let t = &*GIVEN_NAMES;
    let mut out: Vec<GroupId> = Vec::new();
    // The error may be clearer in the spelling (Маесим for Максим) or in
    // the key (a Latin spelling of a Cyrillic name).
    for (probe, table) in [(normalize(s), &t.by_spelling), (name_key(s), &t.by_key)] {
        if probe.contains(' ') || probe.chars().count() < NEAR_MIN_LETTERS {
            continue;
        }
        for d in deletions(&probe) {
            for k in t.by_deletion.get(&d).into_iter().flatten() {
                if !crate::compare::one_edit_apart(&probe, k) {
                    continue;
                }
                for g in table.get(k).into_iter().flatten() {
                    if !out.contains(g) {
                        out.push(*g);
                    }
                }
            }
        }
    }
    out.sort();
    out
}

/// The group of a given name in any script or spelling; for names in
/// several groups (diminutives, key collisions), the first in table order.
pub fn given_name_group(s: &str) -> Option<GroupId> {
    given_name_groups(s).first().copied()
}

/// True when the two given names share a group.
pub fn given_names_equivalent(a: &str, b: &str) -> bool {
    let ga = given_name_groups(a);
    !ga.is_empty() && given_name_groups(b).iter().any(|g| ga.contains(g))
}

/// The sex a given name implies, when all its groups agree.
pub fn given_name_sex(s: &str) -> Option<Sex> {
    let groups = given_name_groups(s);
    let first = group_sex(*groups.first()?);
    groups
        .iter()
        .all(|g| group_sex(*g) == first)
        .then_some(first)
}

pub fn group_sex(g: GroupId) -> Sex {
    GIVEN_NAMES.groups[usize::from(g.0)].sex
}

/// The group's forms as listed in the table; the first is the Ukrainian
/// form, the canonical name of the group.
pub fn group_forms(g: GroupId) -> &'static [&'static str] {
    &GIVEN_NAMES.groups[usize::from(g.0)].forms
}

/// The group's diminutives as listed in the table.
pub fn group_diminutives(g: GroupId) -> &'static [&'static str] {
    &GIVEN_NAMES.groups[usize::from(g.0)].diminutives
}

pub fn group_name(g: GroupId) -> &'static str {
    group_forms(g)[0]
}

/// Number of given-name groups in the table.
pub fn group_count() -> usize {
    GIVEN_NAMES.groups.len()
}

/// Endings stripped by [`surname_key`], longest first within each kind.
const ADJECTIVAL: [&str; 4] = ["aia", "oi", "i", "a"];

fn fold_surname_word(k: &str) -> String {
    let mut k = k.to_string();
    if k.len() >= 4 {
        for suf in ADJECTIVAL {
            if k.ends_with(suf) && k.len() - suf.len() >= 3 {
                k.truncate(k.len() - suf.len());
                break;
            }
        }
    }
    if k.len() >= 4 && (k.ends_with("iv") || k.ends_with("of")) {
        k.truncate(k.len() - 2);
        k.push_str("ov");
    }
    k
}

/// Phonetic key of a surname with gendered and national endings folded:
/// Іванов = Іванова = Иванов = Ivanova = Iwanow; Ковальський = Ковальська =
/// Ковальский = Kovalskyi = Kowalski; Лісовий = Лесовой = Лісова.
/// Double surnames give one key per part.
pub fn surname_key(s: &str) -> String {
    name_key(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(fold_surname_word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Patronymic endings on the key, each with the endings to try on the stem
/// to rebuild the father's name: -евич/-йович and -івна/-ївна/-евна follow a
/// stem that lost a final -ій/-ей/-ь (Андрій → Андрійович, Андрей →
/// Андреевич, Игорь → Игоревич), -ович/-овна a bare or -о stem (Петро →
/// Петрович), -ич/-ична a stem in -а/-я (Кузьма → Кузьмич, Ілля → Ілліч).
const PATRONYMIC_ENDINGS: [(&str, &[&str]); 6] = [
    ("oviq", &["", "o", "a", "i"]),
    ("iviq", &["i", "", "o", "a"]),
    ("ovna", &["", "o", "a", "i"]),
    ("ivna", &["i", "", "o", "a"]),
    ("iqna", &["a", "ia", "", "i"]),
    ("iq", &["a", "ia", "", "i"]),
];

/// The father's given name behind a patronymic, as a comparable key:
/// `g<n>` for a known given-name group (Олександрович, Aleksandrovich,
/// Олександрівна and Александровна all give the group of Олександр), else
/// the phonetic key of the stem. `None` when `s` has no patronymic ending.
pub fn patronymic_father_key(s: &str) -> Option<String> {
    let key = name_key(s);
    let word = key.split(' ').next_back()?;
    let (ending, tries) = PATRONYMIC_ENDINGS
        .iter()
        .find(|(e, _)| word.len() > e.len() + 1 && word.ends_with(e))?;
    let stem = &word[..word.len() - ending.len()];
    let t = &*GIVEN_NAMES;
    for suffix in *tries {
        let candidate = format!("{stem}{suffix}");
        if let Some(groups) = t.by_form_key.get(&candidate)
            && let Some(g) = groups.iter().find(|g| group_sex(**g) == Sex::Male)
        {
            return Some(format!("g{}", g.0));
        }
    }
    Some(stem.to_string())
}
