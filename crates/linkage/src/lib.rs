//! homeward-linkage: record linkage across scripts. No IO.
//!
//! # Design
//!
//! The same child appears as «Олександр Шевченко», «Александр Шевченко»,
//! «Oleksandr Shevchenko» or, after an adoption, «Александр Иванов»; his
//! birth date may be partial or have a swapped day and month. The engine
//! finds such pairs between two lists ([`link`]) or within one
//! ([`dedupe`]) in five steps:
//!
//! 1. **Prepare.** Each [`Record`] is reduced once to an 80-byte `Prepared`
//!    form: romanised names, script-independent name keys, the given-name
//!    equivalence group (Ukrainian/Russian forms and diminutives), the
//!    father's key from the patronymic, a place key, sex and the partial
//!    date. Strings are interned to `u32` ids shared by both lists, so every
//!    equality test afterwards is an integer comparison and a million
//!    records cost tens of megabytes. The field functions live in the
//!    `normalize`, `translit`, `names`, `places` and `dates` modules; the
//!    engine calls them only through `fields`.
//! 2. **Block** ([`block`]). Several rules (surname key + given group
//!    with the year, the place, the father or the day and month; given
//!    group + date; surname key + date; date + place; ...) each put records
//!    with equal keys in a block; only pairs sharing a block are compared,
//!    so cost grows with the number of true candidates, not with |L|·|R|.
//!    Each rule is robust to a different error (renamed child, swapped
//!    date, variant spelling). Records with two errors at once (a mistyped
//!    family name *and* a partial date; renamed *and* no date) slip through
//!    such rules, so six *loose* rules follow (name-key prefixes, family +
//!    given name alone, date alone, ...), each within a budget of pairs per
//!    record, smallest blocks first: small lists get them whole, a million
//!    records their most specific blocks whole. Larger blocks are not
//!    dropped but walked in a sorted neighbourhood (each record meets its
//!    next few neighbours by a further key), and reported.
//! 3. **Compare** ([`compare`]). Each candidate gets a level per field
//!    (family: exact / same surname key / similar / differ; given: exact /
//!    key / equivalence group / similar / unknown / differ; date: exact /
//!    day-month swap / one digit / two digits / year-month / year / year±1
//!    / mismatch; ...), packed into a 16-bit pattern. A given name the table
//!    does not know takes the group of a known name one typo away.
//! 4. **Estimate** ([`em`]). Fellegi–Sunter `m` and `u` per field level and
//!    the prior are fitted without labels: `u` on random pairs, `m` and the
//!    prior by EM on the histogram of the candidates' patterns, each with
//!    its term-frequency adjustment in whole bits (so that the many
//!    namesakes with common names a large list holds do not pass for
//!    matches); the loose rules' pairs are scored but not fitted on. A
//!    family-name disagreement is only evidence, never a veto (adoptions
//!    rename children); two different known given names are a veto,
//!    because siblings and twins agree on everything else — unless the
//!    family name differs too while patronymic, full date and place agree
//!    (a child renamed on adoption, [`Comparison::renamed`]): that pair is
//!    weighed, not vetoed, and flagged for review. Exact and key agreement
//!    on family and given names, on the father's name in the patronymic
//!    and on the place of birth gets a term-frequency adjustment
//!    ([`model::TfTable`]): a common surname, father's name or city is
//!    weaker evidence than a rare one (none when the given names say
//!    another child of the same family). EM weighs each pair by the
//!    pairwise prior, which falls with the lists' size; so, after the
//!    first one-to-one posteriors (step 5), `m`, the interaction and the
//!    renamed children's share of new given names are estimated again
//!    from those posteriors, a few rounds (`refit_on_posteriors`).
//! 5. **Decide.** Weight (bits) → pairwise odds. For one-to-one links
//!    (the default) each pair is then weighed against the other
//!    candidates of both its records, so that the decision does not decay
//!    as the pairwise prior falls with the lists' size (`assign`); pairs
//!    are linked most probable first, down to the threshold where the
//!    model's expected F1 peaks. The model reports its expected match
//!    count, precision and recall ([`Expected`]), and keeps a review band
//!    of pairs just below the threshold and of renamed children
//!    ([`LinkResult::review`]). With several links per record allowed,
//!    the pairwise probability and 0.5 decide. Deduplication
//!    clusters with average linkage rather than connected components, so
//!    one weak bridge cannot chain two children together ([`cluster`]).
//!
//! Every link carries its comparison levels and TF adjustments, and
//! [`explain`] gives the field-by-field breakdown of any pair.

pub mod dates;
pub mod names;
pub mod normalize;
pub mod places;
pub mod translit;

mod assign;
pub mod block;
mod cluster;
pub mod compare;
pub mod em;
mod fields;
pub mod model;
mod record;

use rayon::prelude::*;

pub use block::{RuleReport, WALK_WINDOW};
pub use compare::{Comparison, FIELDS, Field, jaro_winkler};
pub use fields::{DateError, DateLevel, PartialDate, Sex, parse_date, parse_sex};
pub use model::{Explanation, FieldWeight, Model};
pub use record::{Interner, Record};

use compare::compare;
use record::{Prepared, prepare_lists};

/// Options for [`link`] and [`dedupe`].
#[derive(Clone, Debug)]
pub struct LinkOptions {
    /// Match probability at or above which a pair is linked; `None` lets
    /// the model choose: for one-to-one links the threshold that maximises
    /// its expected F1 (see `assign`), otherwise its own decision point, 0.5.
    pub threshold: Option<f64>,
    /// Pairs at or above this probability but below the threshold are kept
    /// in [`LinkResult::review`]; `None` keeps only the renamed children.
    pub review_threshold: Option<f64>,
    /// Each record links to at most one on the other side (ignored by dedupe).
    pub one_to_one: bool,
    /// Blocks with more pairs than this are walked in a sorted
    /// neighbourhood rather than compared whole (and reported).
    pub max_block_pairs: u64,
    pub max_em_iterations: usize,
    /// Random pairs drawn to seed `u`.
    pub random_pairs: usize,
    /// Rounds of re-estimating the model on the one-to-one posteriors
    /// after EM (see `refit_on_posteriors`); 0 keeps EM's estimate. Not
    /// used with a kept model ([`link_with`]) or by [`dedupe`].
    pub refit_rounds: usize,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            threshold: None,
            review_threshold: None,
            one_to_one: true,
            max_block_pairs: 50_000,
            max_em_iterations: 200,
            random_pairs: 200_000,
            refit_rounds: REFIT_ROUNDS,
        }
    }
}

pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Pipeline stage reported to the progress callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Prepare,
    Block,
    Estimate,
    Score,
    Cluster,
}

/// Progress within a stage: `done` of `total` units.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

/// A predicted link (indices into the input slices).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    pub left: usize,
    pub right: usize,
    pub probability: f64,
    /// Match weight in bits.
    pub weight: f64,
    pub comparison: Comparison,
    /// Term-frequency adjustments in bits, per field of
    /// [`model::TF_FIELDS`] (family name, given name, patronymic, place).
    pub tf: model::TfAdjustments,
}

impl Link {
    /// Field-by-field breakdown of this link's score.
    pub fn explain(&self, model: &Model) -> Explanation {
        model.breakdown(self.comparison, self.tf)
    }

    /// Both names differ but patronymic, full date and place agree: a child
    /// renamed on adoption, to be checked by a person.
    pub fn renamed(&self) -> bool {
        self.comparison.renamed()
    }
}

/// What the model expects of its own links, from the probabilities alone.
/// The tests compare these with the truth on generated lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Expected {
    /// True pairs among the candidates: the sum of their probabilities.
    pub matches: f64,
    pub links: usize,
    /// True pairs among the links: the sum of their probabilities.
    pub true_links: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Expected {
    fn new(matches: f64, links: &[Link]) -> Expected {
        let true_links: f64 = links.iter().map(|l| l.probability).sum();
        let precision = if links.is_empty() {
            1.0
        } else {
            true_links / links.len() as f64
        };
        let recall = if matches > 0.0 {
            (true_links / matches).min(1.0)
        } else {
            1.0
        };
        Expected {
            matches,
            links: links.len(),
            true_links,
            precision,
            recall,
            f1: if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            },
        }
    }
}

#[derive(Clone, Debug)]
pub struct LinkResult {
    /// The links, by left then right record. With one-to-one links each
    /// `probability` is the pair's posterior against the other candidates
    /// of both its records (see `assign`); `explain` gives the pairwise one.
    pub links: Vec<Link>,
    /// The 'possible' band: pairs not linked whose probability is at least
    /// `LinkOptions::review_threshold`, and renamed children
    /// ([`Link::renamed`]) whose records are not linked otherwise; most
    /// probable first.
    pub review: Vec<Link>,
    /// The model's expectation of its precision, recall and match count.
    pub expected: Expected,
    pub model: Model,
}

/// Cluster number of a record after deduplication (1-based, dense).
pub type ClusterId = u32;

#[derive(Clone, Debug)]
pub struct DedupeResult {
    /// One cluster id per input record, numbered in order of first appearance.
    pub clusters: Vec<ClusterId>,
    pub model: Model,
}

struct Tracker<'a> {
    progress: &'a dyn Fn(Progress),
}

impl Tracker<'_> {
    fn stage(&self, stage: Stage, total: u64) -> impl Fn(usize) + '_ {
        let done = std::cell::Cell::new(0u64);
        (self.progress)(Progress {
            stage,
            done: 0,
            total,
        });
        move |n| {
            done.set(done.get() + n as u64);
            (self.progress)(Progress {
                stage,
                done: done.get(),
                total,
            });
        }
    }
}

/// Level counts per field over pseudo-random pairs, for seeding `u`.
fn random_level_counts(
    strings: &Interner,
    a: &[Prepared],
    b: &[Prepared],
    n: usize,
) -> Vec<Vec<f64>> {
    let mut counts: Vec<Vec<f64>> = FIELDS.iter().map(|f| vec![0.0; f.levels().len()]).collect();
    if a.is_empty() || b.is_empty() {
        return counts;
    }
    let comparisons: Vec<Comparison> = (0..n as u64)
        .into_par_iter()
        .map(|k| {
            let mut z = k.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            let i = (z as u32 as usize) % a.len();
            let j = ((z >> 32) as usize) % b.len();
            compare(strings, &a[i], &b[j])
        })
        .collect();
    for c in comparisons {
        for f in FIELDS {
            counts[f.index()][c.level(f) as usize] += 1.0;
        }
    }
    counts
}

struct Fitted {
    model: Model,
    candidates: Vec<block::Candidate>,
}

fn fit(
    strings: Interner,
    left: &[Prepared],
    right: Option<&[Prepared]>,
    opts: &LinkOptions,
    tracker: &Tracker,
) -> Fitted {
    let other = right.unwrap_or(left);
    let step = tracker.stage(Stage::Block, block::RULES.len() as u64);
    let (candidates, blocking) =
        block::candidates(&strings, left, right, opts.max_block_pairs, &step);
    let step = tracker.stage(Stage::Estimate, 1);
    let lists: Vec<&[Prepared]> = if right.is_some() {
        vec![left, other]
    } else {
        vec![left]
    };
    let tf = model::TfTables::build(strings.len(), &lists);
    // EM sees what scoring sees: each pattern with its pairs' term-frequency
    // adjustment, rounded to whole bits. Without it, the many namesakes
    // with common names (same name and town, another date) that a large
    // list holds look like matches, and EM learns that a wholly different
    // birth date is weak evidence.
    let cells = compare::PATTERNS * em::TF_BUCKETS;
    // One histogram per large chunk: a histogram per rayon split would
    // zero a megabyte for every few thousand pairs.
    let hist = candidates
        .par_chunks(1 << 20)
        .map(|chunk| {
            let mut h = vec![0u32; cells];
            for c in chunk.iter().filter(|c| !c.loose) {
                let cmp = Comparison::from_pattern(c.pattern);
                let adj = tf.adjust(&left[c.l as usize], &other[c.r as usize], cmp);
                let cell = c.pattern as usize * em::TF_BUCKETS
                    + em::tf_bucket(adj.iter().map(|&t| t as f64).sum());
                h[cell] += 1;
            }
            h
        })
        .reduce(
            || vec![0u32; cells],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    let u0 = em::u_from_counts(&random_level_counts(
        &strings,
        left,
        other,
        opts.random_pairs,
    ));
    let (n, k) = (left.len() as f64, other.len() as f64);
    let total_pairs = if right.is_none() {
        n * (n - 1.0) / 2.0
    } else {
        n * k
    };
    let expected_matches = n.min(k) * if right.is_none() { 0.1 } else { 0.5 };
    let prior0 = expected_matches / total_pairs.max(1.0);
    let parameters = em::estimate(&hist, u0, total_pairs, prior0, opts.max_em_iterations);
    step(1);
    let threshold = opts.threshold.unwrap_or(DEFAULT_THRESHOLD);
    let model = Model::new(
        parameters,
        threshold,
        candidates.len() as u64,
        blocking,
        strings,
        tf,
    );
    Fitted { model, candidates }
}

/// Pairwise odds below which a pair is neither a link nor a rival worth
/// counting (2^-14: it moves no posterior by more than 0.01 %).
const RIVAL_FLOOR_BITS: f64 = -14.0;

/// One-to-one posterior below which a pair is not considered for a link.
const POSTERIOR_FLOOR: f64 = 0.05;

/// One-to-one posterior below which a pair is left out of the refit
/// rounds (and so of the links and the review band, which need 100 000
/// times more).
const REFIT_FLOOR: f64 = 1e-6;

/// Rounds of re-estimating `m` from the one-to-one posteriors (see
/// [`refit_on_posteriors`]) by default; the F1 moves by under 0.0001
/// after the third.
pub const REFIT_ROUNDS: usize = 3;

/// One round of EM whose expectation step is the one-to-one posterior:
/// `m`, the family × patronymic interaction, the prior and the share of
/// renamed children with a new given name are re-estimated from the
/// posteriors of the scored pairs, the pairs are weighed again, and their
/// posteriors recomputed. `u` stays as measured on random pairs.
///
/// EM on the pattern histogram weighs each pair by the pairwise prior
/// alone. On a million records that prior is 2⁻²¹, and a renamed child
/// (given name, date and town agree; a new family name and patronymic)
/// scores 2⁻⁴ — so EM counted such pairs as strangers' coincidences and
/// learnt that a new family name with a new patronymic is rarer among
/// matches than it is (an interaction of ×2.9 at 1M where 200k found
/// ×11.7). The posterior knows what blocking found: a pair without
/// rivals is likelier than its prior says, a namesake beside the true
/// pair less. Counting matches by it, the interaction is ×11 at every
/// size, and the fitted `m` of a wholly different date falls to what
/// the truth shows.
fn refit_on_posteriors(model: &mut Model, scored: &mut [Link], n_left: usize, n_right: usize) {
    let counts = scored
        .par_iter()
        .fold(em::MatchCounts::new, |mut c, l| {
            c.add(l.comparison, l.probability);
            c
        })
        .reduce(em::MatchCounts::new, em::MatchCounts::merge);
    let (m, joint) = em::m_step(&counts);
    let total_pairs = (n_left as f64 * n_right as f64).max(1.0);
    let parameters = em::Parameters {
        prior: (counts.matches / total_pairs).clamp(1e-12, 0.5),
        m,
        joint,
        renamed_given_m: counts.renamed_given_m(),
        refits: model.parameters.refits + 1,
        ..model.parameters.clone()
    };
    model.set_parameters(parameters);
    scored
        .par_iter_mut()
        .for_each(|l| l.weight = model.weight(l.comparison, l.tf));
    let matches = model.parameters.prior * n_left as f64 * n_right as f64;
    assign::posterior(scored, n_left, n_right, matches);
}

fn score_candidates(
    model: &Model,
    left: &[Prepared],
    right: &[Prepared],
    cands: &[block::Candidate],
    threshold: f64,
) -> Vec<Link> {
    cands
        .par_iter()
        .filter_map(|c| {
            let cmp = Comparison::from_pattern(c.pattern);
            let tf = model
                .tf
                .adjust(&left[c.l as usize], &right[c.r as usize], cmp);
            let weight = model.weight(cmp, tf);
            let probability = model::probability(weight);
            (probability >= threshold).then_some(Link {
                left: c.l as usize,
                right: c.r as usize,
                probability,
                weight,
                comparison: cmp,
                tf,
            })
        })
        .collect()
}

/// Both lists prepared, their strings interned together.
fn prepare_pair(
    left: &[Record],
    right: &[Record],
    tracker: &Tracker,
) -> (Interner, Vec<Prepared>, Vec<Prepared>) {
    let mut strings = Interner::default();
    let step = tracker.stage(Stage::Prepare, (left.len() + right.len()) as u64);
    let mut prepared = prepare_lists(&[left, right], &mut strings, &step);
    let right_p = prepared.pop().unwrap_or_default();
    let left_p = prepared.pop().unwrap_or_default();
    (strings, left_p, right_p)
}

/// Links two lists. Returns the predicted links (one-to-one unless
/// `opts.one_to_one` is false) and the fitted model.
pub fn link(
    left: &[Record],
    right: &[Record],
    opts: &LinkOptions,
    progress: &dyn Fn(Progress),
) -> LinkResult {
    let tracker = Tracker { progress };
    let (strings, left_p, right_p) = prepare_pair(left, right, &tracker);
    let Fitted { model, candidates } = fit(strings, &left_p, Some(&right_p), opts, &tracker);
    decide(model, &left_p, &right_p, candidates, opts, &tracker)
}

/// What a fitted model keeps for later runs over the same lists: its
/// parameters and the threshold it chose. See [`link_with`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fit {
    pub parameters: em::Parameters,
    pub threshold: f64,
}

impl Model {
    /// The parameters and threshold to link later records with
    /// ([`link_with`]).
    pub fn fit(&self) -> Fit {
        Fit {
            parameters: self.parameters.clone(),
            threshold: self.threshold,
        }
    }
}

/// Links two lists with a model fitted earlier (by [`link`] or
/// [`dedupe`] over the lists these records join): no estimation, the
/// kept threshold. This is how a few new records meet a large stored list
/// without refitting on it: blocking, comparison and the one-to-one
/// decision run as in [`link`], over the pairs of `left` and `right` only.
/// Term frequencies come from the two lists given.
pub fn link_with(
    kept: &Fit,
    left: &[Record],
    right: &[Record],
    opts: &LinkOptions,
    progress: &dyn Fn(Progress),
) -> LinkResult {
    let tracker = Tracker { progress };
    let (strings, left_p, right_p) = prepare_pair(left, right, &tracker);
    let step = tracker.stage(Stage::Block, block::RULES.len() as u64);
    let (candidates, blocking) = block::candidates(
        &strings,
        &left_p,
        Some(&right_p),
        opts.max_block_pairs,
        &step,
    );
    let tf = model::TfTables::build(strings.len(), &[&left_p, &right_p]);
    let model = Model::new(
        kept.parameters.clone(),
        kept.threshold,
        candidates.len() as u64,
        blocking,
        strings,
        tf,
    );
    // The kept model is used as it is: no refit on these pairs alone.
    let opts = LinkOptions {
        threshold: Some(opts.threshold.unwrap_or(kept.threshold)),
        refit_rounds: 0,
        ..opts.clone()
    };
    decide(model, &left_p, &right_p, candidates, &opts, &tracker)
}

/// Scores the candidates with `model` and decides the links and the
/// review band, re-estimating the model on the one-to-one posteriors
/// first for `opts.refit_rounds` rounds.
fn decide(
    mut model: Model,
    left_p: &[Prepared],
    right_p: &[Prepared],
    candidates: Vec<block::Candidate>,
    opts: &LinkOptions,
    tracker: &Tracker,
) -> LinkResult {
    let (n_left, n_right) = (left_p.len(), right_p.len());
    let step = tracker.stage(Stage::Score, 1);
    let em_matches = model.parameters.prior * n_left as f64 * n_right as f64;
    let (mut links, mut review, expected) = if opts.one_to_one {
        let mut scored = score_candidates(
            &model,
            left_p,
            right_p,
            &candidates,
            model::probability(RIVAL_FLOOR_BITS),
        );
        drop(candidates);
        assign::posterior(&mut scored, n_left, n_right, em_matches);
        if opts.refit_rounds > 0 {
            // A pair this improbable neither counts in the estimate nor
            // holds back a rival; dropping it halves the pairs each
            // round weighs again.
            scored.retain(|l| l.probability >= REFIT_FLOOR || l.renamed());
            for _ in 0..opts.refit_rounds {
                refit_on_posteriors(&mut model, &mut scored, n_left, n_right);
            }
        }
        let matches: f64 = scored.iter().map(|l| l.probability).sum();
        // The expected-F1 optimum lies where p = F1/2, far above this
        // floor; pairs below it can be neither links nor (unless renamed
        // or asked for) in the review band, and need not be sorted.
        let floor = POSTERIOR_FLOOR
            .min(opts.threshold.unwrap_or(1.0))
            .min(opts.review_threshold.unwrap_or(1.0));
        scored.retain(|l| l.probability >= floor || l.renamed());
        let mut chosen = assign::one_to_one(&mut scored, n_left, n_right);
        let threshold = opts
            .threshold
            .unwrap_or_else(|| assign::choose_threshold(&chosen, matches).0);
        model.threshold = threshold;
        let cut = chosen.partition_point(|l| l.probability >= threshold);
        chosen.truncate(cut);
        let expected = Expected::new(matches, &chosen);
        let review = review_band(scored, &chosen, n_left, n_right, opts, threshold);
        (chosen, review, expected)
    } else {
        let threshold = opts.threshold.unwrap_or(DEFAULT_THRESHOLD);
        let floor = threshold.min(opts.review_threshold.unwrap_or(1.0));
        let scored = score_candidates(&model, left_p, right_p, &candidates, floor);
        drop(candidates);
        let (links, rest): (Vec<Link>, Vec<Link>) =
            scored.into_iter().partition(|l| l.probability >= threshold);
        let review = review_band(rest, &links, n_left, n_right, opts, threshold);
        let expected = Expected::new(em_matches, &links);
        (links, review, expected)
    };
    links.par_sort_unstable_by_key(|l| (l.left, l.right));
    assign::sort_most_probable_first(&mut review);
    step(1);
    LinkResult {
        links,
        review,
        expected,
        model,
    }
}

/// The pairs a person should look at: not linked, probable enough, or a
/// renamed child whose two records are linked to nothing else.
fn review_band(
    scored: Vec<Link>,
    links: &[Link],
    n_left: usize,
    n_right: usize,
    opts: &LinkOptions,
    threshold: f64,
) -> Vec<Link> {
    let mut left_linked = vec![false; n_left];
    let mut right_linked = vec![false; n_right];
    let mut linked = rustc_hash::FxHashSet::default();
    for l in links {
        left_linked[l.left] = true;
        right_linked[l.right] = true;
        linked.insert((l.left, l.right));
    }
    let lower = opts.review_threshold.unwrap_or(f64::INFINITY);
    scored
        .into_iter()
        .filter(|l| !linked.contains(&(l.left, l.right)))
        .filter(|l| {
            (l.probability >= lower && l.probability < threshold)
                || (l.renamed() && !left_linked[l.left] && !right_linked[l.right])
        })
        .collect()
}

/// Finds duplicates within one list and clusters them.
pub fn dedupe(records: &[Record], opts: &LinkOptions, progress: &dyn Fn(Progress)) -> DedupeResult {
    let tracker = Tracker { progress };
    let mut strings = Interner::default();
    let step = tracker.stage(Stage::Prepare, records.len() as u64);
    let prepared = prepare_lists(&[records], &mut strings, &step)
        .pop()
        .unwrap_or_default();
    let Fitted { model, candidates } = fit(strings, &prepared, None, opts, &tracker);
    let step = tracker.stage(Stage::Cluster, 1);
    let scored = score_candidates(&model, &prepared, &prepared, &candidates, model.threshold);
    drop(candidates);
    let score = |i: usize, j: usize| {
        let c = compare(&model.strings, &prepared[i], &prepared[j]);
        model::probability(model.weight(c, model.tf.adjust(&prepared[i], &prepared[j], c)))
    };
    let clusters = cluster::average_linkage(records.len(), scored, model.threshold, &score);
    step(1);
    DedupeResult { clusters, model }
}

/// Field-by-field explanation of how `model` scores the pair `(l, r)`.
pub fn explain(model: &Model, l: &Record, r: &Record) -> Explanation {
    let mut strings = record::Extended {
        base: &model.strings,
        extra: Interner::default(),
    };
    let a = record::prepare_one(l, &model.strings, &mut strings.extra);
    let b = record::prepare_one(r, &model.strings, &mut strings.extra);
    let c = compare(&strings, &a, &b);
    model.breakdown(c, model.tf.adjust(&a, &b, c))
}
