//! The input record and its prepared, interned form.
//!
//! Preparing a record means computing its keys (canonical spellings,
//! phonetic keys, given-name groups, the father's key, the place key). The
//! field functions are not cheap, but lists repeat themselves: a million
//! children carry perhaps a few hundred thousand distinct family names and
//! a few thousand distinct given names. So keys are computed once per
//! distinct raw value (in parallel) and records only look them up.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::fields::{self, PartialDate, Sex};

/// One child as it appears on a list. Empty strings mean "not recorded".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub family_name: String,
    pub given_name: String,
    pub patronymic: String,
    pub sex: Option<Sex>,
    pub birth_date: Option<PartialDate>,
    pub birth_place: String,
}

/// Interned id of a string; 0 means "missing".
pub(crate) type Sym = u32;
pub(crate) const MISSING: Sym = 0;

/// Strings to dense u32 ids, shared by both lists of a run so that equality
/// of any key is an integer comparison.
#[derive(Clone, Debug)]
pub struct Interner {
    ids: FxHashMap<Box<str>, Sym>,
    strings: Vec<Box<str>>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner {
            ids: FxHashMap::default(),
            strings: vec!["".into()],
        }
    }
}

impl Interner {
    pub(crate) fn intern(&mut self, s: &str) -> Sym {
        if s.is_empty() {
            return MISSING;
        }
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as Sym;
        self.strings.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    pub(crate) fn get(&self, s: &str) -> Option<Sym> {
        if s.is_empty() {
            Some(MISSING)
        } else {
            self.ids.get(s).copied()
        }
    }

    pub(crate) fn resolve(&self, id: Sym) -> &str {
        self.strings.get(id as usize).map_or("", |s| s)
    }

    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }
}

/// Something that turns symbols back into strings.
pub(crate) trait Resolve: Sync {
    fn resolve(&self, id: Sym) -> &str;
}

impl Resolve for Interner {
    fn resolve(&self, id: Sym) -> &str {
        Interner::resolve(self, id)
    }
}

/// An interner extended by a few strings it had not seen ([`prepare_one`]).
pub(crate) struct Extended<'a> {
    pub base: &'a Interner,
    pub extra: Interner,
}

impl Resolve for Extended<'_> {
    fn resolve(&self, id: Sym) -> &str {
        let n = self.base.len() as Sym;
        if id < n {
            self.base.resolve(id)
        } else {
            self.extra.resolve(id - n)
        }
    }
}

/// The first letters of a phonetic key (of its first word): most typos
/// leave them intact, so loose blocking rules use them.
fn key_prefix(key: &str) -> String {
    const LETTERS: usize = 3;
    let word = key.split(' ').next().unwrap_or("");
    let prefix: String = word.chars().take(LETTERS).collect();
    // A one-letter prefix is no key at all.
    if prefix.chars().count() < 2 {
        String::new()
    } else {
        prefix
    }
}

/// Keys of a family name: canonical spelling, phonetic key, surname key,
/// prefix of the phonetic key; and the given-name group of the value, if
/// it is a given name (written in the wrong field).
pub(crate) fn family_keys(s: &str) -> ([String; 4], u32) {
    let key = fields::name_key(s);
    let prefix = key_prefix(&key);
    (
        [fields::canonical(s), key, fields::surname_key(s), prefix],
        fields::given_name_group_exact(s),
    )
}

/// Keys of a given name: canonical spelling, phonetic key, its prefix and
/// the value's surname key (for a family name written in this field);
/// the given-name groups, and the first group only if the value is a
/// given name as written.
pub(crate) fn given_keys(s: &str) -> ([String; 4], [u32; 2], u32) {
    let key = fields::name_key(s);
    let prefix = key_prefix(&key);
    (
        [fields::canonical(s), key, prefix, fields::surname_key(s)],
        fields::given_name_groups(s),
        fields::given_name_group_exact(s),
    )
}

/// Keys of a patronymic: canonical spelling, phonetic key, father's key.
pub(crate) fn patronymic_keys(s: &str) -> [String; 3] {
    [
        fields::canonical(s),
        fields::name_key(s),
        fields::patronymic_father_key(s),
    ]
}

/// A record reduced to what comparison and blocking need: interned keys,
/// sex and date. `Copy`, 80 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prepared {
    /// Canonical family name (exact level).
    pub family: Sym,
    /// Phonetic key of the family name (for swapped names).
    pub family_name_key: Sym,
    /// Surname key: phonetic, gendered endings folded.
    pub family_key: Sym,
    /// First letters of the family name's phonetic key (loose blocking).
    pub family_prefix: Sym,
    /// The first given-name group of the family name's value when it is a
    /// given name (0 otherwise): family and given name written the other
    /// way round.
    pub family_as_given: u32,
    pub given: Sym,
    pub given_key: Sym,
    /// First letters of the given name's phonetic key (loose blocking).
    pub given_prefix: Sym,
    /// Surname key of the given name's value (for a family name written
    /// in the given name's field).
    pub given_as_family: Sym,
    /// Given-name equivalence groups (Ukrainian/Russian forms, diminutives),
    /// 1-based, 0 = none.
    pub given_groups: [u32; 2],
    /// The first group only if the value is a given name as written (no
    /// typo allowance), 0 otherwise.
    pub given_exact_group: u32,
    pub patronymic: Sym,
    pub patronymic_key: Sym,
    pub father_key: Sym,
    pub place: Sym,
    /// Region (oblast) of a known place; MISSING for unknown places.
    pub place_region: Sym,
    /// 0 missing, 1 male, 2 female.
    pub sex: u8,
    pub date: Option<PartialDate>,
}

impl Prepared {
    /// The given name for blocking: its first group, else its key.
    pub(crate) fn given_block(&self) -> Option<u64> {
        if self.given_groups[0] != 0 {
            Some(1 << 40 | self.given_groups[0] as u64)
        } else {
            (self.given_key != MISSING).then_some(self.given_key as u64)
        }
    }
}

fn sex_code(s: Option<Sex>) -> u8 {
    match s {
        None => 0,
        Some(Sex::Male) => 1,
        Some(Sex::Female) => 2,
    }
}

/// Distinct values of one field across all lists, and each record's slot.
struct Distinct<'a> {
    values: Vec<&'a str>,
    slots: Vec<u32>,
}

fn distinct<'a>(lists: &[&'a [Record]], field: impl Fn(&'a Record) -> &'a str) -> Distinct<'a> {
    let mut index: FxHashMap<&'a str, u32> = FxHashMap::default();
    let mut values = Vec::new();
    let mut slots = Vec::with_capacity(lists.iter().map(|l| l.len()).sum());
    for list in lists {
        for r in list.iter() {
            let v = field(r).trim();
            let slot = *index.entry(v).or_insert_with(|| {
                values.push(v);
                values.len() as u32 - 1
            });
            slots.push(slot);
        }
    }
    Distinct { values, slots }
}

/// Prepares every record of the lists with one shared interner; `progress`
/// gets the number of distinct values done as they complete.
pub(crate) fn prepare_lists(
    lists: &[&[Record]],
    interner: &mut Interner,
    progress: &dyn Fn(usize),
) -> Vec<Vec<Prepared>> {
    let family = distinct(lists, |r| r.family_name.as_str());
    let given = distinct(lists, |r| r.given_name.as_str());
    let patronymic = distinct(lists, |r| r.patronymic.as_str());
    let place = distinct(lists, |r| r.birth_place.as_str());
    let mut intern_all = |keys: Vec<Vec<String>>| -> Vec<Vec<Sym>> {
        keys.iter()
            .map(|k| k.iter().map(|s| interner.intern(s)).collect())
            .collect()
    };
    let family_keys: Vec<([String; 4], u32)> =
        family.values.par_iter().map(|s| family_keys(s)).collect();
    let family_as_given: Vec<u32> = family_keys.iter().map(|f| f.1).collect();
    let family_syms = intern_all(family_keys.into_iter().map(|f| f.0.to_vec()).collect());
    progress(family.values.len());
    let given_keys: Vec<([String; 4], [u32; 2], u32)> =
        given.values.par_iter().map(|s| given_keys(s)).collect();
    let given_groups: Vec<[u32; 2]> = given_keys.iter().map(|g| g.1).collect();
    let given_exact: Vec<u32> = given_keys.iter().map(|g| g.2).collect();
    let given_syms = intern_all(given_keys.into_iter().map(|g| g.0.to_vec()).collect());
    progress(given.values.len());
    let patronymic_syms = intern_all(
        patronymic
            .values
            .par_iter()
            .map(|s| patronymic_keys(s).to_vec())
            .collect(),
    );
    progress(patronymic.values.len());
    let place_syms = intern_all(
        place
            .values
            .par_iter()
            .map(|s| fields::place_keys(s).to_vec())
            .collect(),
    );
    progress(place.values.len());

    let mut out = Vec::with_capacity(lists.len());
    let mut k = 0;
    for list in lists {
        let mut prepared = Vec::with_capacity(list.len());
        for r in list.iter() {
            let (f, g, p) = (
                &family_syms[family.slots[k] as usize],
                &given_syms[given.slots[k] as usize],
                &patronymic_syms[patronymic.slots[k] as usize],
            );
            prepared.push(Prepared {
                family: f[0],
                family_name_key: f[1],
                family_key: f[2],
                family_prefix: f[3],
                family_as_given: family_as_given[family.slots[k] as usize],
                given: g[0],
                given_key: g[1],
                given_prefix: g[2],
                given_as_family: g[3],
                given_groups: given_groups[given.slots[k] as usize],
                given_exact_group: given_exact[given.slots[k] as usize],
                patronymic: p[0],
                patronymic_key: p[1],
                father_key: p[2],
                place: place_syms[place.slots[k] as usize][0],
                place_region: place_syms[place.slots[k] as usize][1],
                sex: sex_code(r.sex),
                date: r.birth_date,
            });
            k += 1;
        }
        out.push(prepared);
    }
    out
}

/// Prepares one record against an existing interner without changing it:
/// strings it has not seen get fresh ids in `extra`.
pub(crate) fn prepare_one(r: &Record, base: &Interner, extra: &mut Interner) -> Prepared {
    let offset = base.len() as Sym;
    let mut sym = |s: &str| base.get(s).unwrap_or_else(|| offset + extra.intern(s));
    let (f, family_as_given) = family_keys(&r.family_name);
    let (g, groups, given_exact_group) = given_keys(&r.given_name);
    let p = patronymic_keys(&r.patronymic);
    let pl = fields::place_keys(&r.birth_place);
    Prepared {
        family: sym(&f[0]),
        family_name_key: sym(&f[1]),
        family_key: sym(&f[2]),
        family_prefix: sym(&f[3]),
        family_as_given,
        given: sym(&g[0]),
        given_key: sym(&g[1]),
        given_prefix: sym(&g[2]),
        given_as_family: sym(&g[3]),
        given_groups: groups,
        given_exact_group,
        patronymic: sym(&p[0]),
        patronymic_key: sym(&p[1]),
        father_key: sym(&p[2]),
        place: sym(&pl[0]),
        place_region: sym(&pl[1]),
        sex: sex_code(r.sex),
        date: r.birth_date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prepared_record_stays_small() {
        // A million records on each side are held in memory twice over
        // (the lists and their blocks' entries point into them).
        assert_eq!(std::mem::size_of::<Prepared>(), 80);
    }

    #[test]
    fn swapped_names_keep_what_each_value_is() {
        let (family, family_as_given) = family_keys("Дарина");
        assert_ne!(family_as_given, 0, "{family:?}");
        assert_eq!(family_keys("Кравчук").1, 0);
        let (given, groups, exact) = given_keys("Кравчук");
        assert_eq!(exact, 0, "{given:?} {groups:?}");
        assert_eq!(given[3], fields::surname_key("Кравчук"));
        // The Ukrainian and Russian forms share the group.
        assert_eq!(given_keys("Дарья").2, family_as_given);
    }
}
