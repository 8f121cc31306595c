//! Choosing links among scored pairs.
//!
//! # Why a pair's probability depends on its rivals
//!
//! The Fellegi–Sunter weight of a pair uses the prior of *any* pair being
//! a match, `M / (|L|·|R|)`, which falls as the lists grow: the same
//! agreement is worth less among a million records than among twenty
//! thousand, because more strangers could share it by chance. But blocking
//! has already looked for those strangers. When a record has one strong
//! candidate and no rival, the strangers it feared are not there, and the
//! record's match — if it has one, which a `M / |L|` share of records do —
//! is almost surely that candidate.
//!
//! [`posterior`] therefore scores each pair against the candidate sets of
//! both its records. With `r` the pair's odds under the pairwise model, the
//! other candidates' odds summed per record, and `π_L = M/|L|`,
//! `π_R = M/|R|` the share of records that have a match:
//!
//! ```text
//! odds(a↔b) = r_ab / ((1−π_L)(1−π_R)) / ((1 + A)(1 + B))
//! A = Σ_{c≠b} r_ac / (1−π_L),   B = Σ_{d≠a} r_db / (1−π_R)
//! ```
//!
//! i.e. the pair against "a unmatched or matched elsewhere" times "b
//! unmatched or matched elsewhere" (a two-record view of the bipartite
//! matching prior; interactions further away are ignored). A pair with no
//! rival gains `−log2((1−π_L)(1−π_R))` bits whatever the lists' size (at
//! most 2 bits: π is capped at [`MAX_MATCHED_SHARE`]); a pair with a rival as strong
//! as itself loses at least one bit. This is what keeps the decision from
//! decaying with size: the prior falls with `|L|·|R|`, and the evidence of
//! absent rivals grows with it.
//!
//! The threshold is then chosen where the model's own expected F1 is
//! highest ([`choose_threshold`]), from the expected number of matches
//! (the sum of the posteriors) and the expected true links among the
//! chosen (the sum of their posteriors).

use rayon::prelude::*;

use crate::Link;

/// The largest share of a list taken to have a match when weighing a pair
/// against its rivals: at most 2 bits of gain for a pair without rivals on
/// either side. With the share itself (near 1 when every record has a
/// match), a lone candidate would be linked on almost no evidence — a twin
/// added to a list of matched children, or a renamed child with no date.
pub const MAX_MATCHED_SHARE: f64 = 0.5;

/// Replaces each pair's `probability` by its one-to-one posterior (see the
/// module docs). `matches` is the expected number of true pairs.
pub(crate) fn posterior(pairs: &mut [Link], n_left: usize, n_right: usize, matches: f64) {
    let pi_l = (matches / n_left.max(1) as f64).clamp(0.0, MAX_MATCHED_SHARE);
    let pi_r = (matches / n_right.max(1) as f64).clamp(0.0, MAX_MATCHED_SHARE);
    let odds = |w: f64| w.exp2();
    let mut sum_l = vec![0.0f64; n_left];
    let mut sum_r = vec![0.0f64; n_right];
    for p in pairs.iter() {
        let r = odds(p.weight);
        sum_l[p.left] += r;
        sum_r[p.right] += r;
    }
    pairs.par_iter_mut().for_each(|p| {
        let r = odds(p.weight);
        let a = ((sum_l[p.left] - r).max(0.0)) / (1.0 - pi_l);
        let b = ((sum_r[p.right] - r).max(0.0)) / (1.0 - pi_r);
        let q = r / ((1.0 - pi_l) * (1.0 - pi_r)) / ((1.0 + a) * (1.0 + b));
        p.probability = if q.is_finite() { q / (1.0 + q) } else { 1.0 };
    });
}

/// Greedy one-to-one assignment: the most probable pair first, then each
/// next pair whose two records are both still free. Ties are broken by
/// weight, then by record order, so the result is deterministic.
/// `pairs` are left sorted most probable first.
pub(crate) fn one_to_one(pairs: &mut [Link], n_left: usize, n_right: usize) -> Vec<Link> {
    sort_most_probable_first(pairs);
    let mut left_taken = vec![false; n_left];
    let mut right_taken = vec![false; n_right];
    let mut out = Vec::new();
    for &p in pairs.iter() {
        if !left_taken[p.left] && !right_taken[p.right] {
            left_taken[p.left] = true;
            right_taken[p.right] = true;
            out.push(p);
        }
    }
    out
}

pub(crate) fn sort_most_probable_first(pairs: &mut [Link]) {
    // The order is total (ties end on the record indices), so an unstable
    // parallel sort is deterministic.
    pairs.par_sort_unstable_by(|a, b| {
        b.probability
            .total_cmp(&a.probability)
            .then(b.weight.total_cmp(&a.weight))
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
}

/// Strongest weight first (deduplication's order).
pub(crate) fn sort_strongest_first(pairs: &mut [Link]) {
    pairs.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
}

/// The probability at or above which linking the `chosen` pairs (sorted
/// most probable first) maximises the expected F1,
/// `2·Σp / (links + matches)`, and that expected F1.
pub(crate) fn choose_threshold(chosen: &[Link], matches: f64) -> (f64, f64) {
    let (mut best, mut at) = (0.0, 1.0);
    let mut tp = 0.0;
    for (i, l) in chosen.iter().enumerate() {
        tp += l.probability;
        let f1 = 2.0 * tp / ((i + 1) as f64 + matches);
        if f1 > best {
            (best, at) = (f1, l.probability);
        }
    }
    (at, best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Comparison;

    fn pair(left: usize, right: usize, weight: f64) -> Link {
        Link {
            left,
            right,
            probability: 0.0,
            weight,
            comparison: Comparison { levels: [0; 6] },
            tf: [0.0; 4],
        }
    }

    #[test]
    fn a_pair_without_rivals_gains_and_rivals_cost() {
        // (pairs, matches, which pair, expected posterior)
        let check = |pairs: &[(usize, usize, f64)], matches: f64, want: &[f64]| {
            let mut links: Vec<Link> = pairs.iter().map(|&(l, r, w)| pair(l, r, w)).collect();
            posterior(&mut links, 10, 10, matches);
            for (l, w) in links.iter().zip(want) {
                assert!(
                    (l.probability - w).abs() < 1e-3,
                    "{pairs:?} {matches}: {} != {w}",
                    l.probability
                );
            }
        };
        // No one matched: the pairwise probability stays.
        check(&[(0, 0, 0.0)], 0.0, &[0.5]);
        // Half of each list matched, no rival: odds ×4.
        check(&[(0, 0, 0.0)], 5.0, &[0.8]);
        // An equally strong rival of the left record: odds 4 / (1 + 2).
        check(&[(0, 0, 0.0), (0, 1, 0.0)], 5.0, &[4.0 / 7.0, 4.0 / 7.0]);
        // A weak rival costs little.
        check(&[(0, 0, 0.0), (0, 1, -10.0)], 5.0, &[0.7997, 0.0013]);
    }

    #[test]
    fn threshold_maximises_expected_f1() {
        let check = |probs: &[f64], matches: f64, want: f64| {
            let links: Vec<Link> = probs
                .iter()
                .map(|&p| Link {
                    probability: p,
                    ..pair(0, 0, 0.0)
                })
                .collect();
            assert_eq!(choose_threshold(&links, matches).0, want, "{probs:?}");
        };
        check(&[0.99, 0.9, 0.6, 0.2], 3.0, 0.6);
        check(&[0.99, 0.9, 0.3, 0.1], 2.5, 0.9);
        check(&[], 1.0, 1.0);
    }
}
