//! Clustering duplicates within one list.
//!
//! Plain connected components over links chain: A–B and B–C above the
//! threshold put A and C together even when A and C are plainly different
//! children (two siblings each confused with a third record). Instead,
//! links are merged strongest first, and two clusters are joined only when
//! the *average* match probability over all pairs across them is at least
//! the threshold (average linkage). Pairs across the two clusters that were
//! never candidates are scored on the spot, so a blocking gap does not
//! count as a disagreement.

use rustc_hash::FxHashMap;

use crate::Link;
use crate::assign::sort_strongest_first;

/// Largest number of cross pairs examined for one merge; bigger merges are
/// refused (a cluster of that size is not one child).
const MAX_CROSS_PAIRS: usize = 4096;

pub(crate) fn average_linkage(
    n: usize,
    mut links: Vec<Link>,
    threshold: f64,
    score: &dyn Fn(usize, usize) -> f64,
) -> Vec<u32> {
    sort_strongest_first(&mut links);
    let known: FxHashMap<(usize, usize), f64> = links
        .iter()
        .map(|l| ((l.left.min(l.right), l.left.max(l.right)), l.probability))
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for link in &links {
        let (ra, rb) = (find(&mut parent, link.left), find(&mut parent, link.right));
        if ra == rb {
            continue;
        }
        let a = members.get(&ra).cloned().unwrap_or_else(|| vec![ra]);
        let b = members.get(&rb).cloned().unwrap_or_else(|| vec![rb]);
        if a.len() * b.len() > MAX_CROSS_PAIRS {
            continue;
        }
        let mut sum = 0.0;
        for &x in &a {
            for &y in &b {
                let key = (x.min(y), x.max(y));
                sum += known.get(&key).copied().unwrap_or_else(|| score(x, y));
            }
        }
        if sum / (a.len() * b.len()) as f64 >= threshold {
            parent[rb] = ra;
            members.remove(&rb);
            let mut all = a;
            all.extend(b);
            members.insert(ra, all);
        }
    }
    let mut root_id: FxHashMap<usize, u32> = FxHashMap::default();
    (0..n)
        .map(|i| {
            let r = find(&mut parent, i);
            let next = root_id.len() as u32 + 1;
            *root_id.entry(r).or_insert(next)
        })
        .collect()
}
