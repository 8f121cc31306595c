//! The fitted model: Fellegi–Sunter parameters, term-frequency tables and
//! the weights and explanations derived from them.

use crate::block::RuleReport;
use crate::compare::{Comparison, FIELDS, Field, PATTERNS, level};
use crate::em::Parameters;
use crate::record::{Interner, Prepared, Sym};

/// Largest term-frequency adjustment in bits, either way. Very rare values
/// are mostly typing accidents, so their rarity is capped as evidence.
pub const MAX_TF_ADJUSTMENT: f64 = 4.0;

/// `m` of two different known given names when the pair is otherwise a
/// renamed child ([`Comparison::renamed`]) before it is estimated: about
/// one true pair in a hundred has its given name replaced on adoption.
/// EM cannot learn it, because siblings and twins look the same on the
/// given name; they do not look the same on the family name, which is why
/// the exception needs both names to differ. The refit on the one-to-one
/// posteriors then estimates it among the pairs that could be renamed
/// children ([`crate::em::Parameters::renamed_given_m`]): on the
/// generator's lists about a tenth of them have a new given name.
pub const RENAMED_GIVEN_M: f64 = 0.01;

/// `log2(S / p(v))` per interned value, where `p(v)` is the value's share of
/// non-empty values and `S = Σ p²` the chance that two random records share
/// a value: a value as common as average adjusts by 0 bits, a rare one
/// adds, a very common one subtracts.
#[derive(Clone, Debug, Default)]
pub(crate) struct TfTable {
    adjust: Vec<f32>,
}

impl TfTable {
    pub(crate) fn build(n_strings: usize, values: impl Iterator<Item = Sym>) -> TfTable {
        let mut counts = vec![0u32; n_strings];
        let mut total = 0u64;
        for v in values {
            if v != 0 {
                counts[v as usize] += 1;
                total += 1;
            }
        }
        if total == 0 {
            return TfTable {
                adjust: vec![0.0; n_strings],
            };
        }
        let t = total as f64;
        let s: f64 = counts.iter().map(|&c| (c as f64 / t).powi(2)).sum();
        let adjust = counts
            .iter()
            .map(|&c| {
                let p = (c.max(1) as f64) / t;
                (s / p).log2().clamp(-MAX_TF_ADJUSTMENT, MAX_TF_ADJUSTMENT) as f32
            })
            .collect();
        TfTable { adjust }
    }

    fn get(&self, v: Sym) -> f64 {
        self.adjust
            .get(v as usize)
            .copied()
            .unwrap_or(MAX_TF_ADJUSTMENT as f32) as f64
    }
}

/// The smallest group both names belong to (so the choice is symmetric).
fn shared_group(a: [u32; 2], b: [u32; 2]) -> u32 {
    a.iter()
        .filter(|g| **g != 0 && b.contains(g))
        .copied()
        .min()
        .unwrap_or(0)
}

/// The fields with a term-frequency adjustment, in the order of
/// [`crate::Link::tf`].
pub const TF_FIELDS: [Field; 4] = [
    Field::FamilyName,
    Field::GivenName,
    Field::Patronymic,
    Field::BirthPlace,
];

/// Term-frequency adjustments in bits, one per field of [`TF_FIELDS`].
pub type TfAdjustments = [f32; TF_FIELDS.len()];

#[derive(Clone, Debug, Default)]
pub(crate) struct TfTables {
    pub family: TfTable,
    pub family_key: TfTable,
    pub given: TfTable,
    pub given_key: TfTable,
    pub given_group: TfTable,
    /// The father's name in the patronymic: fathers' names are as skewed
    /// as children's, so sharing «Олександрович» says less than sharing
    /// «Мирославович».
    pub father: TfTable,
    /// Places of birth: a list holds many children of a big city and few
    /// of each village, so sharing a village is far stronger evidence.
    pub place: TfTable,
}

impl TfTables {
    pub(crate) fn build(n: usize, lists: &[&[Prepared]]) -> TfTables {
        let all = || lists.iter().flat_map(|l| l.iter());
        TfTables {
            family: TfTable::build(n, all().map(|p| p.family)),
            family_key: TfTable::build(n, all().map(|p| p.family_key)),
            given: TfTable::build(n, all().map(|p| p.given)),
            given_key: TfTable::build(n, all().map(|p| p.given_key)),
            given_group: TfTable::build(1 << 16 | 1, all().map(|p| p.given_groups[0])),
            father: TfTable::build(n, all().map(|p| p.father_key)),
            place: TfTable::build(n, all().map(|p| p.place)),
        }
    }

    /// Adjustments ([`TF_FIELDS`]) for a pair at comparison `c`.
    pub(crate) fn adjust(&self, a: &Prepared, b: &Prepared, c: Comparison) -> TfAdjustments {
        // Two different known given names and not a renamed child: another
        // child of the same family, if anything. Siblings and twins share
        // the family name, the father and the town by birth, so how rare
        // those are says nothing about whether the two are one child.
        if c.level(Field::GivenName) == level::GIVEN_DIFFER && !c.renamed() {
            return [0.0; TF_FIELDS.len()];
        }
        let family = match c.level(Field::FamilyName) {
            level::EXACT => self.family.get(a.family),
            level::FAMILY_KEY => self.family_key.get(a.family_key),
            _ => 0.0,
        };
        let given = match c.level(Field::GivenName) {
            level::EXACT => self.given.get(a.given),
            level::GIVEN_KEY => self.given_key.get(a.given_key),
            level::GIVEN_GROUP => self
                .given_group
                .get(shared_group(a.given_groups, b.given_groups)),
            _ => 0.0,
        };
        // Exact or the same father's name; the father's key is what agrees.
        let father = match c.level(Field::Patronymic) {
            0 | 1 if a.father_key != crate::record::MISSING && a.father_key == b.father_key => {
                self.father.get(a.father_key)
            }
            _ => 0.0,
        };
        let place = match c.level(Field::BirthPlace) {
            0 => self.place.get(a.place),
            _ => 0.0,
        };
        [family as f32, given as f32, father as f32, place as f32]
    }
}

/// A fitted linkage model. Produced by [`crate::link`] or [`crate::dedupe`];
/// explains any pair with [`crate::explain`].
#[derive(Clone, Debug)]
pub struct Model {
    pub parameters: Parameters,
    /// Match probability at or above which a pair is linked.
    pub threshold: f64,
    /// Candidate pairs compared.
    pub candidates: u64,
    pub blocking: Vec<RuleReport>,
    pub(crate) strings: Interner,
    pub(crate) tf: TfTables,
    /// Prior plus field weights, per pattern, in bits.
    pub(crate) pattern_weight: Vec<f32>,
}

/// One field's contribution to a pair's score.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FieldWeight {
    pub field: Field,
    pub level: &'static str,
    /// `log2(m/u)` of the level, in bits.
    pub weight: f64,
    /// Term-frequency adjustment in bits (exact and key agreement on names).
    pub tf_adjustment: f64,
}

/// Why a pair scored what it did: prior plus one line per field.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Explanation {
    /// `log2(prior / (1 - prior))`.
    pub prior_weight: f64,
    pub fields: Vec<FieldWeight>,
    /// Total match weight in bits.
    pub weight: f64,
    pub probability: f64,
}

pub(crate) fn probability(weight: f64) -> f64 {
    1.0 / (1.0 + (-weight * std::f64::consts::LN_2).exp())
}

impl Model {
    pub(crate) fn new(
        parameters: Parameters,
        threshold: f64,
        candidates: u64,
        blocking: Vec<RuleReport>,
        strings: Interner,
        tf: TfTables,
    ) -> Model {
        let mut model = Model {
            parameters,
            threshold,
            candidates,
            blocking,
            strings,
            tf,
            pattern_weight: Vec::new(),
        };
        model.set_parameters(model.parameters.clone());
        model
    }

    /// Replaces the parameters and the weights derived from them.
    pub(crate) fn set_parameters(&mut self, parameters: Parameters) {
        self.parameters = parameters;
        self.pattern_weight = (0..PATTERNS)
            .map(|p| {
                let c = Comparison::from_pattern(p as u16);
                (self.prior_weight() + FIELDS.iter().map(|f| self.field_weight(*f, c)).sum::<f64>())
                    as f32
            })
            .collect();
    }

    pub fn prior_weight(&self) -> f64 {
        let p = self.parameters.prior;
        (p / (1.0 - p)).log2()
    }

    /// `log2(m/u)` of field `f` at the level in `c`; the patronymic's
    /// includes its interaction with the family name's level.
    pub fn field_weight(&self, f: Field, c: Comparison) -> f64 {
        let l = c.level(f) as usize;
        let m = if f == Field::GivenName && l == level::GIVEN_DIFFER as usize && c.renamed() {
            self.parameters.renamed_given_m
        } else {
            self.parameters.m[f.index()][l]
        };
        let interaction = if f == Field::Patronymic {
            self.parameters.joint[c.level(Field::FamilyName) as usize][l]
        } else {
            1.0
        };
        (m / self.parameters.u[f.index()][l] * interaction).log2()
    }

    /// Total weight in bits of a pair at comparison `c` with TF adjustments `tf`.
    pub(crate) fn weight(&self, c: Comparison, tf: TfAdjustments) -> f64 {
        self.pattern_weight[c.pattern() as usize] as f64 + tf.iter().map(|&t| t as f64).sum::<f64>()
    }

    pub(crate) fn breakdown(&self, c: Comparison, tf: TfAdjustments) -> Explanation {
        let fields: Vec<FieldWeight> = FIELDS
            .iter()
            .map(|&f| FieldWeight {
                field: f,
                level: c.level_name(f),
                weight: self.field_weight(f, c),
                tf_adjustment: TF_FIELDS
                    .iter()
                    .position(|t| *t == f)
                    .map_or(0.0, |i| tf[i] as f64),
            })
            .collect();
        let weight = self.prior_weight()
            + fields
                .iter()
                .map(|f| f.weight + f.tf_adjustment)
                .sum::<f64>();
        Explanation {
            prior_weight: self.prior_weight(),
            fields,
            weight,
            probability: probability(weight),
        }
    }
}
