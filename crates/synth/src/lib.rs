//! Synthetic lists of separated children, for tests, benchmarks and the demo.
//!
//! [`gen_lists`] makes what the mediator receives: party A's list of children
//! it is looking for (mostly Ukrainian Cyrillic), party B's list of children
//! it holds (mostly Russian Cyrillic), and the truth — which records are the
//! same child. [`demo_children`] makes the children of the demo world.
//!
//! # Why the generator has its own spellings
//!
//! This crate does not depend on `homeward-linkage`. Its transliterations
//! (`translit.rs`), Ukrainian↔Russian name equivalents and diminutives
//! (`data/given_*.txt`), surname Russification and typos are written
//! independently of the engine's tables; a benchmark whose data came from the
//! engine's own tables would only measure the engine against itself.
//!
//! # The world
//!
//! * Family names: ~440 Ukrainian and ~180 Russian names ranked by frequency
//!   with Zipf-like weights (1/(rank+8) and 1/(rank+5)), plus a long tail of
//!   ~600 rarer names built from stems and endings (-енко, -ук, -чук, -ак,
//!   -ишин, -ович, -ський, -ів) drawn uniformly: 65 % / 15 % / 20 %. Feminine
//!   forms follow the grammar (-ська/-ская, -ова, -іна; -енко, -ук unchanged).
//! * Given names: ~125 boys' and ~115 girls' names with their Russian
//!   equivalents (Олександр/Александр, Ганна/Анна, Микита/Никита), diminutives
//!   on both sides, and conventional English spellings; weights 1/(rank+2)^1.1.
//! * Patronymics from the father's name with the grammar of each language
//!   (Андрійович/Андріївна ↔ Андреевич/Андреевна; Ілліч ↔ Ильич).
//! * Birth dates uniform over 2005–2022; ~130 birthplaces weighted towards the
//!   regions near the front line, with Russian names and former names
//!   (Бахмут/Артемовск, Дніпро/Днепропетровск, Кадіївка/Стаханов).
//! * Families: 12 % of party A's children have a brother or sister on the
//!   same list.
//!
//! # The noise model
//!
//! Both parties' records depart from the truth, party B's more (its records
//! were made far from the child's papers). Rates are per record unless noted;
//! [`NoiseModel::PARTY_A`] and [`NoiseModel::PARTY_B`] hold the exact values,
//! and the unit tests check that generated lists show them.
//!
//! | departure                                        | party A | party B |
//! |--------------------------------------------------|--------:|--------:|
//! | record in Latin letters (passport)               |   10 %  |   12 %  |
//! | record in the other party's Cyrillic             |    5 %  |    8 %  |
//! | renamed on adoption (new family name; half also a new patronymic, a fifth a new given name) | 0 | 5 % |
//! | diminutive instead of the given name             |    2 %  |    3 %  |
//! | typo, per name field (15 % of those get a second) |    3 %  |    5 %  |
//! | patronymic missing (Cyrillic; Latin: 85 %)       |    8 %  |    6 %  |
//! | given and family name swapped                    |  0.5 %  |    1 %  |
//! | girl under the masculine family name             |    1 %  |    2 %  |
//! | sex missing / wrong                              | 1 / 0.2 % | 3 / 0.5 % |
//! | birth date missing                               |    2 %  |    3 %  |
//! | year only / year and month only                  | 3 / 2 % | 5 / 4 % |
//! | year estimated from an age (±1 half the time)    |    1 %  |    3 %  |
//! | day and month swapped (when that is a date)      |    1 %  |    3 %  |
//! | one digit of the date mistyped                   |    1 %  |    3 %  |
//! | year off by one                                  |  0.5 %  |    2 %  |
//! | birthplace missing / another town                | 5 / 1 % | 10 / 4 % |
//! | former town name, where there is one             |   15 %  |   50 %  |
//!
//! Within the script, party B writes the Russian equivalent of the given name
//! 90 % of the time (else the Ukrainian name in Russian letters: «Андрий»);
//! Ukrainian family names are Russified (Олійник → Олейник, і → и, -ський →
//! -ский) 88 % of the time, spelt by ear (Кириленко → Кырыленко) 7 %, left in
//! Ukrainian letters 5 % (party A's Russian-Cyrillic records: 90/5/5); Russian
//! family names are written the Russian way. «ё» becomes «е» in 85 % of
//! Russian-Cyrillic records. Latin records come from
//! the Ukrainian form (party A 90 %, party B 50 %) under Ukraine's 2010
//! system (65 %), the y-style of older passports (20 %), German (3 %) or
//! informal habits (12 %: Olexandr, Sergiy, Yulia, Andriy), or from the
//! Russian form under ICAO 2013 (45 %), the 1997 passport system (30 %),
//! BGN/PCGN (5 %), French (3 %) or informal (17 %: Alexandr, Dmitry, Mihail);
//! 10 % use the conventional English given name (Alexander, Julia), and half
//! are in capitals. Cyrillic records are in capitals 3 % of the time, and
//! the Ukrainian apostrophe comes as ', ’ or ʼ.
//!
//! Party A writes full dates as DD.MM.YYYY 70 % of the time (else ISO),
//! party B 40 %.
//!
//! # Hard non-matches
//!
//! Party B's list holds children party A is not looking for ("distractors"),
//! and many look like A's children: 20 % are brothers and sisters of one of
//! A's children (same family name, patronymic, usually birthplace; another
//! given name, born 1–10 years apart), 6 % twins (the same birth date), 10 %
//! cousins (same family name, another father, born within four years, often
//! the same town), 14 % namesakes (same given and family name, another
//! family; a fifth born the same year), and 50 % unrelated children.

mod data;
mod date;
mod demo;
mod people;
mod render;
mod translit;
mod typo;

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

pub use data::Sex;
pub use demo::{Circumstance, CustodyKind, DemoChild, NameParts, demo_children};
pub use render::{NoiseModel, Party};

use people::{Person, Pools};
use render::{Trace, render};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenConfig {
    pub seed: u64,
    /// Children on party A's list.
    pub left: usize,
    /// How many of them are also on party B's list (at most `left`).
    pub matches: usize,
    /// Children on party B's list who are not on party A's.
    pub distractors: usize,
}

/// A configuration that cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "--matches ({matches}) cannot exceed --left ({left}): every match is a child on the left list"
    )]
    MoreMatchesThanLeft { matches: usize, left: usize },
}

impl GenConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.matches > self.left {
            return Err(ConfigError::MoreMatchesThanLeft {
                matches: self.matches,
                left: self.left,
            });
        }
        Ok(())
    }
}

/// One record as it appears in a list, in the CSV columns of `homeward link`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub id: String,
    pub family_name: String,
    pub given_name: String,
    pub patronymic: String,
    /// `M`, `F` or empty.
    pub sex: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD.MM.YYYY` or empty.
    pub birth_date: String,
    pub birth_place: String,
}

/// Party A's list, party B's list, and the pairs that are the same child.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedLists {
    pub left: Vec<Row>,
    pub right: Vec<Row>,
    /// `(left id, right id)`, in left-id order.
    pub truth: Vec<(String, String)>,
}

/// What a right-hand record is, for the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Match,
    Sibling,
    Twin,
    Cousin,
    Namesake,
    Unrelated,
}

pub(crate) struct Traced {
    pub lists: GeneratedLists,
    /// Party A's records' traces, in `lists.left` order.
    #[cfg_attr(not(test), allow(dead_code, reason = "the tests count the noise"))]
    pub left: Vec<Trace>,
    /// Party B's records' kinds and traces, in `lists.right` order.
    #[cfg_attr(not(test), allow(dead_code, reason = "the tests count the noise"))]
    pub right: Vec<(Kind, Trace)>,
}

/// Generates the two parties' lists and the truth; the same config gives
/// the same lists. `matches` above `left` is treated as `left` (see
/// [`GenConfig::validate`]).
pub fn gen_lists(cfg: &GenConfig) -> GeneratedLists {
    gen_traced(cfg).lists
}

pub(crate) fn gen_traced(cfg: &GenConfig) -> Traced {
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let pools = Pools::new();

    let mut people: Vec<Person> = Vec::with_capacity(cfg.left);
    while people.len() < cfg.left {
        let child = Person::new(&mut rng, &pools);
        let sibling = rng
            .random_bool(0.12)
            .then(|| child.sibling(&mut rng, &pools));
        people.push(child);
        if let Some(s) = sibling.filter(|_| people.len() < cfg.left) {
            people.push(s);
        }
    }
    people.shuffle(&mut rng);

    let mut left = Vec::with_capacity(cfg.left);
    let mut left_traces = Vec::with_capacity(cfg.left);
    for (i, person) in people.iter().enumerate() {
        let (mut row, trace) = render(&mut rng, &pools, person, Party::A);
        row.id = format!("A-{:06}", i + 1);
        left.push(row);
        left_traces.push(trace);
    }

    let mut chosen: Vec<usize> = (0..people.len()).collect();
    chosen.shuffle(&mut rng);
    chosen.truncate(cfg.matches.min(cfg.left));

    // (row, left index if a match, kind, trace)
    let mut right: Vec<(Row, Option<usize>, Kind, Trace)> =
        Vec::with_capacity(chosen.len() + cfg.distractors);
    for &i in &chosen {
        let (row, trace) = render(&mut rng, &pools, &people[i], Party::B);
        right.push((row, Some(i), Kind::Match, trace));
    }
    for _ in 0..cfg.distractors {
        let (kind, person) = distractor(&mut rng, &pools, &people);
        let (row, trace) = render(&mut rng, &pools, &person, Party::B);
        right.push((row, None, kind, trace));
    }
    right.shuffle(&mut rng);

    let mut used = std::collections::HashSet::with_capacity(right.len());
    let mut truth = Vec::with_capacity(chosen.len());
    let mut right_rows = Vec::with_capacity(right.len());
    let mut right_traces = Vec::with_capacity(right.len());
    for (mut row, left_index, kind, trace) in right {
        row.id = loop {
            let id = format!("B-{:08x}", rng.random::<u32>());
            if used.insert(id.clone()) {
                break id;
            }
        };
        if let Some(i) = left_index {
            truth.push((left[i].id.clone(), row.id.clone()));
        }
        right_rows.push(row);
        right_traces.push((kind, trace));
    }
    truth.sort();

    Traced {
        lists: GeneratedLists {
            left,
            right: right_rows,
            truth,
        },
        left: left_traces,
        right: right_traces,
    }
}

fn distractor(rng: &mut ChaCha8Rng, pools: &Pools, people: &[Person]) -> (Kind, Person) {
    if people.is_empty() {
        return (Kind::Unrelated, Person::new(rng, pools));
    }
    let anchor = &people[rng.random_range(0..people.len())];
    let x: f64 = rng.random();
    match x {
        x if x < 0.20 => (Kind::Sibling, anchor.sibling(rng, pools)),
        x if x < 0.26 => (Kind::Twin, anchor.twin(rng, pools)),
        x if x < 0.36 => (Kind::Cousin, anchor.cousin(rng, pools)),
        x if x < 0.50 => (Kind::Namesake, anchor.namesake(rng, pools)),
        _ => (Kind::Unrelated, Person::new(rng, pools)),
    }
}

#[cfg(test)]
mod tests;
