//! Blocking: which pairs are compared at all.
//!
//! Each rule maps a record to a key built from a few prepared fields; two
//! records are candidates under the rule when their keys are equal. Rules are
//! chosen so that every kind of error the lists contain leaves at least one
//! rule intact (a renamed child still shares given name and date; a swapped
//! date still shares surname and given name; ...). The union of the rules'
//! pairs is produced without a global set: a pair found by rule k is skipped
//! when an earlier rule already produced it, which is checked by comparing
//! the earlier rules' keys of the two records. A block whose pair count
//! exceeds the cap is dropped and reported; its records' keys for that rule
//! are cleared so that later rules still produce those pairs.

use rayon::prelude::*;

use crate::compare::{Comparison, compare};
use crate::fields;
use crate::record::{Interner, MISSING, Prepared, Sym};

/// A named blocking rule.
#[derive(Clone, Copy)]
pub struct BlockingRule {
    pub name: &'static str,
    key: fn(&Prepared) -> Option<u64>,
}

fn mix(mut h: u64, v: u64) -> u64 {
    // splitmix64 finaliser over a running combination.
    h ^= v
        .wrapping_add(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(h << 6)
        .wrapping_add(h >> 2);
    let mut z = h;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn key(rule: u64, parts: &[Option<u64>]) -> Option<u64> {
    let mut h = mix(0, rule);
    for p in parts {
        h = mix(h, (*p)?);
    }
    Some(h | 1)
}

fn sym(s: Sym) -> Option<u64> {
    (s != MISSING).then_some(s as u64)
}

/// Full birth date with day and month in canonical order, so a swapped
/// day and month still falls in the same block.
fn date_swap_key(p: &Prepared) -> Option<u64> {
    let (y, m, d) = fields::date_parts(p.date.as_ref()?);
    let (m, d) = (m?, d?);
    let (a, b) = if m <= d { (m, d) } else { (d, m) };
    Some((y as u64) << 16 | (a as u64) << 8 | b as u64)
}

fn year(p: &Prepared) -> Option<u64> {
    Some(fields::date_parts(p.date.as_ref()?).0 as u64)
}

/// Both name keys, in either order (family and given name swapped).
fn unordered_names(p: &Prepared) -> Option<u64> {
    let (a, b) = (sym(p.family_name_key)?, sym(p.given_key)?);
    Some(a.min(b) << 32 | a.max(b))
}

pub const RULES: &[BlockingRule] = &[
    BlockingRule {
        name: "family_key+given_group",
        key: |p| key(1, &[sym(p.family_key), p.given_block()]),
    },
    BlockingRule {
        name: "given_group+birth_date",
        key: |p| key(2, &[p.given_block(), date_swap_key(p)]),
    },
    BlockingRule {
        name: "family_key+birth_date",
        key: |p| key(3, &[sym(p.family_key), date_swap_key(p)]),
    },
    BlockingRule {
        name: "given_group+father_key+birth_year",
        key: |p| key(4, &[p.given_block(), sym(p.father_key), year(p)]),
    },
    BlockingRule {
        name: "family_key+father_key",
        key: |p| key(5, &[sym(p.family_key), sym(p.father_key)]),
    },
    BlockingRule {
        name: "birth_date+birth_place",
        key: |p| key(6, &[date_swap_key(p), sym(p.place)]),
    },
    BlockingRule {
        name: "name_keys_either_order",
        key: |p| key(7, &[unordered_names(p)]),
    },
    BlockingRule {
        name: "given_group+birth_place+birth_year",
        key: |p| key(8, &[p.given_block(), sym(p.place), year(p)]),
    },
];

const R: usize = 8;

/// What one rule produced.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct RuleReport {
    pub rule: &'static str,
    pub blocks: u64,
    /// New pairs (not produced by an earlier rule).
    pub pairs: u64,
    pub capped_blocks: u64,
    /// Pairs left out because their block was over the cap.
    pub capped_pairs: u64,
}

/// A compared candidate pair.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub l: u32,
    pub r: u32,
    pub pattern: u16,
}

fn record_keys(records: &[Prepared]) -> Vec<[u64; R]> {
    records
        .par_iter()
        .map(|p| {
            let mut k = [0u64; R];
            for (slot, rule) in k.iter_mut().zip(RULES) {
                *slot = (rule.key)(p).unwrap_or(0);
            }
            k
        })
        .collect()
}

fn produced_earlier(a: &[u64; R], b: &[u64; R], rule: usize) -> bool {
    (0..rule).any(|r| a[r] != 0 && a[r] == b[r])
}

/// Candidate pairs, each already compared. With `right == None` the pairs
/// are within `left` (deduplication) and always have `l < r`.
pub(crate) fn candidates(
    strings: &Interner,
    left: &[Prepared],
    right: Option<&[Prepared]>,
    max_block_pairs: u64,
    progress: &dyn Fn(usize),
) -> (Vec<Candidate>, Vec<RuleReport>) {
    const RIGHT: u32 = 1 << 31;
    let dedupe = right.is_none();
    let right_records = right.unwrap_or(left);
    let mut keys_l = record_keys(left);
    let mut keys_r = if dedupe {
        Vec::new()
    } else {
        record_keys(right_records)
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut reports = Vec::new();
    for (k, rule) in RULES.iter().enumerate() {
        let mut entries: Vec<(u64, u32)> = keys_l
            .iter()
            .enumerate()
            .filter(|(_, key)| key[k] != 0)
            .map(|(i, key)| (key[k], i as u32))
            .collect();
        if !dedupe {
            entries.extend(
                keys_r
                    .iter()
                    .enumerate()
                    .filter(|(_, key)| key[k] != 0)
                    .map(|(i, key)| (key[k], i as u32 | RIGHT)),
            );
        }
        entries.par_sort_unstable();
        // Blocks as (start, split, end): left entries in start..split, right in split..end.
        let mut blocks = Vec::new();
        let mut report = RuleReport {
            rule: rule.name,
            ..Default::default()
        };
        let mut i = 0;
        while i < entries.len() {
            let key = entries[i].0;
            let mut j = i;
            while j < entries.len() && entries[j].0 == key {
                j += 1;
            }
            let split = if dedupe {
                j
            } else {
                i + entries[i..j].partition_point(|e| e.1 & RIGHT == 0)
            };
            let pairs = if dedupe {
                let n = (j - i) as u64;
                n * (n - 1) / 2
            } else {
                (split - i) as u64 * (j - split) as u64
            };
            if pairs > max_block_pairs {
                report.capped_blocks += 1;
                report.capped_pairs += pairs;
                for e in &entries[i..j] {
                    if e.1 & RIGHT == 0 {
                        keys_l[e.1 as usize][k] = 0;
                    } else {
                        keys_r[(e.1 & !RIGHT) as usize][k] = 0;
                    }
                }
            } else if pairs > 0 {
                blocks.push((i, split, j));
            }
            i = j;
        }
        report.blocks = blocks.len() as u64;
        let keys_r_ref = if dedupe { &keys_l } else { &keys_r };
        let found: Vec<Candidate> = blocks
            .par_iter()
            .fold(Vec::new, |mut acc, &(start, split, end)| {
                let block = &entries[start..end];
                if dedupe {
                    for a in 0..block.len() {
                        for b in a + 1..block.len() {
                            let (x, y) = (block[a].1 as usize, block[b].1 as usize);
                            if produced_earlier(&keys_l[x], &keys_l[y], k) {
                                continue;
                            }
                            let c: Comparison = compare(strings, &left[x], &left[y]);
                            acc.push(Candidate {
                                l: x as u32,
                                r: y as u32,
                                pattern: c.pattern(),
                            });
                        }
                    }
                } else {
                    let (ls, rs) = (&entries[start..split], &entries[split..end]);
                    for &(_, x) in ls {
                        let x = x as usize;
                        for &(_, y) in rs {
                            let y = (y & !RIGHT) as usize;
                            if produced_earlier(&keys_l[x], &keys_r_ref[y], k) {
                                continue;
                            }
                            let c = compare(strings, &left[x], &right_records[y]);
                            acc.push(Candidate {
                                l: x as u32,
                                r: y as u32,
                                pattern: c.pattern(),
                            });
                        }
                    }
                }
                acc
            })
            .reduce(Vec::new, |mut a, mut b| {
                if a.len() < b.len() {
                    std::mem::swap(&mut a, &mut b);
                }
                a.extend_from_slice(&b);
                a
            });
        report.pairs = found.len() as u64;
        out.extend_from_slice(&found);
        reports.push(report);
        progress(1);
    }
    (out, reports)
}
