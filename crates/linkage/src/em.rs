//! Expectation–maximisation for the Fellegi–Sunter parameters, run on the
//! histogram of comparison patterns of the candidate pairs (a few thousand
//! distinct patterns however many pairs there are), so it costs nothing
//! next to comparing.
//!
//! Three choices go beyond textbook EM:
//! - `u` is measured on random pairs and then held fixed, and the prior is
//!   that of any pair (not any candidate) being a match; see [`estimate`].
//!   `m` starts from a generic shape and the prior from "half the records
//!   of the smaller list have a match".
//! - A pair whose given names are two different known names (not the same
//!   key, group or a near spelling; a name outside the table is more likely
//!   a typing accident and only weighs against) is held to be a non-match
//!   during estimation. Siblings
//!   and twins agree on everything else (family, patronymic, place and, for
//!   twins, date); under the independence assumption that agreement would
//!   outweigh one disagreeing field, and EM would happily learn "same
//!   family" instead of "same child". The constraint gives the given-name
//!   `differ` level a fixed `m` of [`GIVEN_DIFFER_M`], i.e. a veto.
//! - The family name and the patronymic are not independent among matches:
//!   a child renamed on adoption often gets a new patronymic with the new
//!   family name. Under independence a pair differing on both would seem
//!   twenty times less likely than it is, and such children (same given
//!   name, date and town) would be lost once the lists are large. EM
//!   therefore also fits their interaction ([`Parameters::joint`]); the
//!   explanation shows it in the patronymic's weight.

use crate::compare::{Comparison, FIELDS, Field, PATTERNS, level};

/// Buckets of a pair's total term-frequency adjustment (the fields of
/// [`crate::model::TF_FIELDS`], each within
/// ±[`crate::model::MAX_TF_ADJUSTMENT`]), one per whole bit.
pub(crate) const TF_BUCKETS: usize = 2 * TF_OFFSET as usize + 1;

const TF_OFFSET: f64 = crate::model::TF_FIELDS.len() as f64 * crate::model::MAX_TF_ADJUSTMENT;

/// The bucket of a total term-frequency adjustment in bits.
pub(crate) fn tf_bucket(bits: f64) -> usize {
    (bits + TF_OFFSET)
        .round()
        .clamp(0.0, (TF_BUCKETS - 1) as f64) as usize
}

/// `m` of the given-name `differ` level: about −20 bits, a veto in practice.
pub const GIVEN_DIFFER_M: f64 = 1e-6;

/// Fellegi–Sunter parameters. `m[f][l]`/`u[f][l]` for each field and level;
/// the `missing` level has `m = u = 1` (no evidence either way).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Parameters {
    /// Probability that a candidate pair is a match.
    pub prior: f64,
    pub m: Vec<Vec<f64>>,
    pub u: Vec<Vec<f64>>,
    /// `joint[family level][patronymic level]`: how much more (or less)
    /// often a match shows the two levels together than their `m`s alone
    /// say (1 where either is missing). See [`estimate`].
    pub joint: Vec<Vec<f64>>,
    /// `m` of two different known given names in a renamed child's pair
    /// ([`Comparison::renamed`]): the share of matches with a new family
    /// name whose given name was replaced too.
    #[serde(default = "default_renamed_given_m")]
    pub renamed_given_m: f64,
    pub iterations: usize,
    /// Rounds of re-estimation on the one-to-one posteriors after EM
    /// (see `LinkOptions::refit_rounds`).
    #[serde(default)]
    pub refits: usize,
}

fn default_renamed_given_m() -> f64 {
    crate::model::RENAMED_GIVEN_M
}

/// Levels of the family name and the patronymic, without "missing".
const FAMILY_LEVELS: usize = 4;
const PATRONYMIC_LEVELS: usize = 4;

fn no_interaction() -> Vec<Vec<f64>> {
    vec![vec![1.0; PATRONYMIC_LEVELS + 1]; FAMILY_LEVELS + 1]
}

/// The interaction of the family name and the patronymic among matches,
/// from the expected match counts per pair of levels: the joint share over
/// the product of its margins, smoothed and kept within [1/64, 64].
fn interaction(counts: &[Vec<f64>]) -> Vec<Vec<f64>> {
    const PSEUDO: f64 = 1.0;
    let mut joint = no_interaction();
    let cell = |f: usize, p: usize| counts[f][p] + PSEUDO;
    let total: f64 = (0..FAMILY_LEVELS)
        .flat_map(|f| (0..PATRONYMIC_LEVELS).map(move |p| (f, p)))
        .map(|(f, p)| cell(f, p))
        .sum();
    for (f, line) in joint.iter_mut().enumerate().take(FAMILY_LEVELS) {
        let row: f64 = (0..PATRONYMIC_LEVELS).map(|p| cell(f, p)).sum::<f64>() / total;
        for (p, x) in line.iter_mut().enumerate().take(PATRONYMIC_LEVELS) {
            let col: f64 = (0..FAMILY_LEVELS).map(|g| cell(g, p)).sum::<f64>() / total;
            *x = (cell(f, p) / total / (row * col)).clamp(1.0 / 64.0, 64.0);
        }
    }
    joint
}

fn initial_m(f: Field) -> Vec<f64> {
    let shape: &[f64] = match f {
        Field::FamilyName => &[0.7, 0.1, 0.1, 0.1],
        Field::GivenName => &[0.6, 0.15, 0.15, 0.05, 0.05, GIVEN_DIFFER_M],
        Field::Patronymic => &[0.7, 0.1, 0.1, 0.1],
        Field::Sex => &[0.95, 0.05],
        Field::BirthDate => &[0.7, 0.04, 0.04, 0.02, 0.04, 0.04, 0.04, 0.1],
        Field::BirthPlace => &[0.8, 0.05, 0.15],
    };
    let mut v = shape.to_vec();
    v.push(1.0);
    v
}

fn normalise(counts: &[f64], floor: f64) -> Vec<f64> {
    let n = counts.len() - 1; // the missing level is not estimated
    let total: f64 = counts[..n].iter().sum::<f64>() + floor * n as f64;
    let mut v: Vec<f64> = counts[..n].iter().map(|c| (c + floor) / total).collect();
    v.push(1.0);
    v
}

/// `u` from the level counts of random pairs (Laplace smoothed).
pub(crate) fn u_from_counts(counts: &[Vec<f64>]) -> Vec<Vec<f64>> {
    counts.iter().map(|c| normalise(c, 1.0)).collect()
}

/// Runs EM on a pattern histogram (`hist[p]` = number of candidate pairs
/// with pattern `p`) out of `total_pairs` possible pairs.
///
/// `u` stays at its random-pair value: it describes non-matching pairs in
/// general, and the candidates' excess agreement is explained by their
/// comparison vector itself (a pair is a candidate *because* some fields
/// agree). The prior is therefore that of any pair being a match, and the
/// pairs that are not candidates are taken to be non-matches. Only `m` and
/// the prior are re-estimated. This is what keeps EM from learning "shares
/// a block" (same surname and father: siblings) instead of "same child".
pub(crate) fn estimate(
    hist: &[u32],
    u: Vec<Vec<f64>>,
    total_pairs: f64,
    prior0: f64,
    max_iter: usize,
) -> Parameters {
    assert_eq!(hist.len(), PATTERNS * TF_BUCKETS);
    // (comparison, term-frequency adjustment in bits, number of pairs)
    let patterns: Vec<(Comparison, f64, f64)> = hist
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(i, c)| {
            let (p, b) = (i / TF_BUCKETS, i % TF_BUCKETS);
            (
                Comparison::from_pattern(p as u16),
                b as f64 - TF_OFFSET,
                *c as f64,
            )
        })
        .collect();
    let total_pairs = total_pairs.max(1.0);
    let mut m: Vec<Vec<f64>> = FIELDS.iter().map(|f| initial_m(*f)).collect();
    let mut prior = prior0.clamp(1e-12, 0.5);
    let mut iterations = 0;
    if patterns.is_empty() {
        return Parameters {
            prior,
            m,
            u,
            joint: no_interaction(),
            renamed_given_m: default_renamed_given_m(),
            iterations,
            refits: 0,
        };
    }
    let given = Field::GivenName.index();
    // A term-frequency adjustment of t bits divides `u` by 2^t.
    let log_u: Vec<(Comparison, f64, f64)> = patterns
        .iter()
        .map(|(c, tf, n)| {
            (
                *c,
                *n,
                (0..FIELDS.len())
                    .map(|f| u[f][c.levels[f] as usize].ln())
                    .sum::<f64>()
                    - tf * std::f64::consts::LN_2,
            )
        })
        .collect();
    let mut joint = no_interaction();
    for _ in 0..max_iter {
        iterations += 1;
        let mut counts = MatchCounts::new();
        for (c, n, lu) in &log_u {
            if c.levels[given] == level::GIVEN_DIFFER {
                continue;
            }
            let mut lm = prior.ln() + joint_factor(&joint, *c).ln();
            for (f, mf) in m.iter().enumerate() {
                lm += mf[c.levels[f] as usize].ln();
            }
            let g = 1.0 / (1.0 + ((1.0 - prior).ln() + lu - lm).exp());
            counts.add(*c, n * g);
        }
        let new_prior = (counts.matches / total_pairs).clamp(1e-12, 0.5);
        let (new_m, new_joint) = m_step(&counts);
        joint = new_joint;
        let delta = ((new_prior - prior) / prior)
            .abs()
            .max(max_delta(&m, &new_m));
        prior = new_prior;
        m = new_m;
        if delta < 1e-6 {
            break;
        }
    }
    Parameters {
        prior,
        m,
        u,
        joint,
        renamed_given_m: default_renamed_given_m(),
        iterations,
        refits: 0,
    }
}

/// Expected match counts per field level and per family × patronymic
/// level pair, for an M-step.
pub(crate) struct MatchCounts {
    pub levels: Vec<Vec<f64>>,
    pub joint: Vec<Vec<f64>>,
    /// Their total: the expected number of matches.
    pub matches: f64,
    /// Expected matches that could be renamed children (new family name;
    /// patronymic, full date and place agree), and those of them whose
    /// given name is another known name.
    pub renamed: f64,
    pub renamed_given_differ: f64,
}

impl MatchCounts {
    pub(crate) fn new() -> MatchCounts {
        MatchCounts {
            levels: FIELDS.iter().map(|f| vec![0.0; f.levels().len()]).collect(),
            joint: vec![vec![0.0; PATRONYMIC_LEVELS + 1]; FAMILY_LEVELS + 1],
            matches: 0.0,
            renamed: 0.0,
            renamed_given_differ: 0.0,
        }
    }

    /// Adds `weight` expected matches at comparison `c`. A pair whose
    /// given names are two different known names is not counted: that
    /// level's `m` is the fixed veto.
    pub(crate) fn add(&mut self, c: Comparison, weight: f64) {
        if c.could_be_renamed() {
            self.renamed += weight;
            if c.level(Field::GivenName) == level::GIVEN_DIFFER {
                self.renamed_given_differ += weight;
            }
        }
        if c.level(Field::GivenName) == level::GIVEN_DIFFER {
            return;
        }
        for (f, counts) in self.levels.iter_mut().enumerate() {
            counts[c.levels[f] as usize] += weight;
        }
        let (fl, pl) = (
            c.level(Field::FamilyName) as usize,
            c.level(Field::Patronymic) as usize,
        );
        self.joint[fl][pl] += weight;
        self.matches += weight;
    }

    /// The share of possible renamed children whose given name is another
    /// known name (smoothed towards [`crate::model::RENAMED_GIVEN_M`]).
    pub(crate) fn renamed_given_m(&self) -> f64 {
        const PSEUDO: f64 = 1.0;
        ((self.renamed_given_differ + PSEUDO * crate::model::RENAMED_GIVEN_M)
            / (self.renamed + PSEUDO))
            .clamp(MIN_M, 0.5)
    }

    pub(crate) fn merge(mut self, other: MatchCounts) -> MatchCounts {
        let add = |a: &mut Vec<Vec<f64>>, b: &[Vec<f64>]| {
            for (x, y) in a.iter_mut().flatten().zip(b.iter().flatten()) {
                *x += y;
            }
        };
        add(&mut self.levels, &other.levels);
        add(&mut self.joint, &other.joint);
        self.matches += other.matches;
        self.renamed += other.renamed;
        self.renamed_given_differ += other.renamed_given_differ;
        self
    }
}

/// `m` per field and the family × patronymic interaction from expected
/// match counts (see [`MatchCounts`]), floored at [`MIN_M`], with the
/// given-name veto kept exact.
pub(crate) fn m_step(counts: &MatchCounts) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let given = Field::GivenName.index();
    let m = counts
        .levels
        .iter()
        .enumerate()
        .map(|(f, c)| {
            let mut v = floored(normalise(c, 1e-3));
            if f == given {
                // Keep the veto exact: re-normalise the other levels.
                let d = level::GIVEN_DIFFER as usize;
                let rest: f64 = (0..v.len() - 1).filter(|&l| l != d).map(|l| v[l]).sum();
                for (l, x) in v.iter_mut().enumerate().take(c.len() - 1) {
                    *x = if l == d {
                        GIVEN_DIFFER_M
                    } else {
                        *x / rest * (1.0 - GIVEN_DIFFER_M)
                    };
                }
            }
            v
        })
        .collect();
    (m, interaction(&counts.joint))
}

/// The family × patronymic interaction factor at comparison `c`.
fn joint_factor(joint: &[Vec<f64>], c: Comparison) -> f64 {
    joint[c.level(Field::FamilyName) as usize][c.level(Field::Patronymic) as usize]
}

/// Smallest `m` of any level (about −10 bits against a disagreement that
/// random pairs show every time): clean training lists must not turn one
/// unseen kind of error (a first renamed child) into a veto. It was 0.005
/// (−7.6 bits), above what the lists show for a wholly different birth
/// date (0.002 among the generator's true pairs, 0.003 as fitted): the
/// floor, not the data, then set that level, and a namesake in the same
/// town born on another day kept 1.3 bits it had not earned.
pub const MIN_M: f64 = 0.001;

fn floored(mut m: Vec<f64>) -> Vec<f64> {
    let n = m.len() - 1;
    for x in &mut m[..n] {
        *x = x.max(MIN_M);
    }
    let total: f64 = m[..n].iter().sum();
    for x in &mut m[..n] {
        *x /= total;
    }
    m
}

fn max_delta(a: &[Vec<f64>], b: &[Vec<f64>]) -> f64 {
    a.iter()
        .flatten()
        .zip(b.iter().flatten())
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}
