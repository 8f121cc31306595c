//! Choosing links among scored pairs.

use crate::Link;

/// Greedy one-to-one assignment: the strongest pair first, then each next
/// pair whose two records are both still free. Ties are broken by record
/// order so the result is deterministic.
pub(crate) fn one_to_one(mut pairs: Vec<Link>, n_left: usize, n_right: usize) -> Vec<Link> {
    sort_strongest_first(&mut pairs);
    let mut left_taken = vec![false; n_left];
    let mut right_taken = vec![false; n_right];
    let mut out = Vec::new();
    for p in pairs {
        if !left_taken[p.left] && !right_taken[p.right] {
            left_taken[p.left] = true;
            right_taken[p.right] = true;
            out.push(p);
        }
    }
    out.sort_by_key(|p| (p.left, p.right));
    out
}

pub(crate) fn sort_strongest_first(pairs: &mut [Link]) {
    pairs.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
}
