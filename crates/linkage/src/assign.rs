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
//! matching prior). A second round weighs each rival by its chance of not
//! being matched elsewhere (one minus its other pairs' posteriors);
//! interactions further away are ignored. A pair with no
//! rival gains `−log2((1−π_L)(1−π_R))` bits whatever the lists' size (at
//! most 3.2 bits: π is capped at [`MAX_MATCHED_SHARE`]); a pair with a rival as strong
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
/// against its rivals: at most `log2 9` ≈ 3.2 bits of gain for a pair
/// without rivals on either side. With the share itself (near 1 when
/// every record has a match), a lone candidate would be linked on almost
/// no evidence — a twin added to a list of matched children, or a renamed
/// child with no date. Up to two thirds the share is used as measured
/// (it was capped at a half, and the generator's lists, 58 % matched,
/// gave away 0.4 bits to every pair without rivals: pairs at a posterior
/// of 0.4–0.5 left unlinked were 57 % true at 1M).
pub const MAX_MATCHED_SHARE: f64 = 2.0 / 3.0;

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
    let update = |p: &mut Link, sum_l: &[f64], sum_r: &[f64], own_l: f64, own_r: f64| {
        let a = ((sum_l[p.left] - own_l).max(0.0)) / (1.0 - pi_l);
        let b = ((sum_r[p.right] - own_r).max(0.0)) / (1.0 - pi_r);
        let q = odds(p.weight) / ((1.0 - pi_l) * (1.0 - pi_r)) / ((1.0 + a) * (1.0 + b));
        p.probability = if q.is_finite() { q / (1.0 + q) } else { 1.0 };
    };
    pairs.par_iter_mut().for_each(|p| {
        let r = odds(p.weight);
        update(p, &sum_l, &sum_r, r, r);
    });
    // One more round: a rival that is itself matched elsewhere is not a
    // rival. Record c's chance of being matched to someone other than a
    // is the sum of its other pairs' posteriors; a's rival c counts by
    // the rest, `1 − (Σ_{a'} p(a',c) − p(a,c))`. Without it, a child
    // whose namesake on the other list is plainly someone else's match
    // (same name and town, a full date that agrees with that one) is held
    // back by that namesake.
    let mut taken_l = vec![0.0f64; n_left];
    let mut taken_r = vec![0.0f64; n_right];
    for p in pairs.iter() {
        taken_l[p.left] += p.probability;
        taken_r[p.right] += p.probability;
    }
    // (this pair as a's rival term, as b's rival term)
    let free = |p: &Link| {
        let r = odds(p.weight);
        (
            r * (1.0 - (taken_r[p.right] - p.probability)).clamp(0.0, 1.0),
            r * (1.0 - (taken_l[p.left] - p.probability)).clamp(0.0, 1.0),
        )
    };
    sum_l.iter_mut().for_each(|x| *x = 0.0);
    sum_r.iter_mut().for_each(|x| *x = 0.0);
    let terms: Vec<(f64, f64)> = pairs.par_iter().map(free).collect();
    for (p, (tl, tr)) in pairs.iter().zip(&terms) {
        sum_l[p.left] += tl;
        sum_r[p.right] += tr;
    }
    pairs
        .par_iter_mut()
        .zip(terms.par_iter())
        .for_each(|(p, (tl, tr))| update(p, &sum_l, &sum_r, *tl, *tr));
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
    fn a_rival_matched_elsewhere_does_not_count() {
        // Left 0 has two candidates of equal weight, but right 1 is
        // plainly left 1's match: left 0 ↔ right 0 keeps nearly the gain
        // of a pair without rivals (0.8 with half of each list matched),
        // where counting right 1 as a full rival would give 4/7.
        let mut links = vec![pair(0, 0, 0.0), pair(0, 1, 0.0), pair(1, 1, 12.0)];
        posterior(&mut links, 10, 10, 5.0);
        assert!(
            links[0].probability > 0.79 && links[0].probability < 0.8,
            "{}",
            links[0].probability
        );
        assert!(links[1].probability < 0.01, "{}", links[1].probability);
        assert!(links[2].probability > 0.999, "{}", links[2].probability);
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
