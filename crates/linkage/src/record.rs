//! The input record and its prepared, interned form.

use rustc_hash::FxHashMap;

use crate::fields::{self, PartialDate};

/// Sex as recorded on the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Sex {
    Male,
    Female,
}

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
        &self.strings[id as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }
}

/// The keys of one record, still as strings (computed in parallel).
#[derive(Debug, Default)]
pub(crate) struct Keys {
    pub family: String,
    pub family_key: String,
    pub given: String,
    pub given_key: String,
    pub given_group: String,
    pub patronymic: String,
    pub father_key: String,
    pub place: String,
}

impl Keys {
    pub(crate) fn of(r: &Record) -> Keys {
        let given_key = fields::name_key(&r.given_name);
        let given_group = fields::given_name_group(&r.given_name).unwrap_or_else(|| {
            if given_key.is_empty() {
                String::new()
            } else {
                format!("~{given_key}")
            }
        });
        Keys {
            family: fields::romanized(&r.family_name),
            family_key: fields::surname_key(&r.family_name),
            given: fields::romanized(&r.given_name),
            given_key,
            given_group,
            patronymic: fields::romanized(&r.patronymic),
            father_key: fields::patronymic_father_key(&r.patronymic),
            place: fields::place_key(&r.birth_place),
        }
    }
}

/// A record reduced to what comparison and blocking need: interned keys,
/// sex and date. 40 bytes, `Copy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prepared {
    /// Romanised, normalised family name (exact level).
    pub family: Sym,
    /// Surname key: phonetic, gendered endings folded.
    pub family_key: Sym,
    pub given: Sym,
    pub given_key: Sym,
    /// Equivalence group (Ukrainian/Russian forms, diminutives); falls back to the key.
    pub given_group: Sym,
    pub patronymic: Sym,
    pub father_key: Sym,
    pub place: Sym,
    /// 0 missing, 1 male, 2 female.
    pub sex: u8,
    pub date: Option<PartialDate>,
}

impl Prepared {
    pub(crate) fn new(keys: &Keys, r: &Record, mut intern: impl FnMut(&str) -> Sym) -> Prepared {
        Prepared {
            family: intern(&keys.family),
            family_key: intern(&keys.family_key),
            given: intern(&keys.given),
            given_key: intern(&keys.given_key),
            given_group: intern(&keys.given_group),
            patronymic: intern(&keys.patronymic),
            father_key: intern(&keys.father_key),
            place: intern(&keys.place),
            sex: match r.sex {
                None => 0,
                Some(Sex::Male) => 1,
                Some(Sex::Female) => 2,
            },
            date: r.birth_date,
        }
    }
}

/// Prepares every record of both lists with one shared interner.
pub(crate) fn prepare_lists(
    lists: &[&[Record]],
    interner: &mut Interner,
    progress: &dyn Fn(usize),
) -> Vec<Vec<Prepared>> {
    use rayon::prelude::*;
    let mut out = Vec::new();
    for list in lists {
        let mut prepared = Vec::with_capacity(list.len());
        for chunk in list.chunks(16 * 1024) {
            let keys: Vec<Keys> = chunk.par_iter().map(Keys::of).collect();
            for (k, r) in keys.iter().zip(chunk) {
                prepared.push(Prepared::new(k, r, |s| interner.intern(s)));
            }
            progress(chunk.len());
        }
        out.push(prepared);
    }
    out
}
