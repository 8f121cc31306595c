//! Blocking: which pairs are compared at all.
//!
//! Each rule maps a record to a key built from a few prepared fields; two
//! records are candidates under the rule when their keys are equal. Rules are
//! chosen so that every kind of error the lists contain leaves at least one
//! rule intact (a renamed child still shares given name and date; a swapped
//! date still shares surname and given name; ...). The union of the rules'
//! pairs is produced without a global set: a pair found by rule k is skipped
//! when an earlier rule already produced it, which is checked by comparing
//! the earlier rules' keys of the two records. A rule may be *anchored*:
//! it then pairs two records only when one of them is an anchor (e.g. has
//! no full date), so a loose key serves the few records that need it.
//!
//! No block is dropped. A block whose pair count exceeds the cap (a fixed
//! one, or a loose rule's budget) is *walked*: its records are sorted by a
//! further key and each is compared with its next few neighbours of the
//! other list (a sorted neighbourhood, [`WALK_WINDOW`]). Its records' keys
//! for that rule are cleared, so that later rules still produce the pairs
//! the walk did not, and a pair both walked and produced later is kept
//! once. The report says, per rule, how many pairs came from whole blocks
//! and how many from walks.

use rayon::prelude::*;

use crate::compare::{Comparison, compare};
use crate::fields;
use crate::record::{Interner, MISSING, Prepared, Sym};

/// A named blocking rule.
#[derive(Clone, Copy)]
pub struct BlockingRule {
    pub name: &'static str,
    key: fn(&Prepared) -> Option<u64>,
    /// When set, the rule pairs two records only if at least one of them
    /// satisfies it: a loose key is affordable for the few records that
    /// need it (those without a full date) but not for everyone.
    anchor: Option<fn(&Prepared) -> bool>,
    /// A loose rule: its blocks are taken smallest first while their pairs
    /// stay within this many per record of both lists; the larger blocks
    /// are skipped as over the cap. Small lists can afford such a rule
    /// whole, large ones its most specific blocks, so the cost stays
    /// linear in the input.
    budget: Option<u64>,
    /// The order in which an oversized block of this rule is walked (see
    /// [`WALK_WINDOW`]): a key the rule's own key does not already hold,
    /// so that neighbours in the walk agree on one more field.
    walk: fn(&Interner, &Prepared) -> u64,
}

/// An oversized block is not dropped: its records are sorted by the rule's
/// walk order and each is paired with the other list's records among the
/// next `WALK_WINDOW - 1` in that order (a sorted neighbourhood), so the
/// block costs a number of pairs linear in its size.
pub const WALK_WINDOW: usize = 6;

/// Walk order for rules keyed on names: the birth date, then the father.
fn by_date(_: &Interner, p: &Prepared) -> u64 {
    let date = p.date.as_ref().map_or(0, |d| {
        let (y, m, d) = fields::date_parts(d);
        (y as u64) << 9 | (m.unwrap_or(0) as u64) << 5 | d.unwrap_or(0) as u64
    });
    date << 32 | p.father_key as u64
}

/// Walk order for rules keyed on dates or places: the family name's key,
/// then the given name's, in alphabetical order, so that neighbours in the
/// walk are names that begin alike (a typo or a spelling further on, in
/// both names at once, still meets its record). Interned ids would order
/// them by first appearance, which puts no two similar names together.
fn by_name(strings: &Interner, p: &Prepared) -> u64 {
    let bytes = |s: Sym, n: usize| {
        let text = if s == MISSING { "" } else { strings.resolve(s) };
        let mut v = 0u64;
        for i in 0..n {
            v = v << 8 | *text.as_bytes().get(i).unwrap_or(&0) as u64;
        }
        v
    };
    bytes(p.family_key, 5) << 24 | bytes(p.given_key, 3)
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

/// Both names in either order (family and given name swapped), each
/// value reduced the same way whichever field holds it: a given name as
/// written by its equivalence group (so «Дарина» in the family name's
/// field meets «Дарья» in the given name's), anything else by its
/// surname key (so «Лозовий» meets «Лозовой»).
fn unordered_names(p: &Prepared) -> Option<u64> {
    const GROUP: u64 = 1 << 40;
    let family = if p.family_as_given != 0 {
        GROUP | p.family_as_given as u64
    } else {
        sym(p.family_key)?
    };
    let given = if p.given_exact_group != 0 {
        GROUP | p.given_exact_group as u64
    } else {
        sym(p.given_as_family)?
    };
    key(0, &[Some(family.min(given)), Some(family.max(given))])
}

fn year_month(p: &Prepared) -> Option<u64> {
    let (y, m, _) = fields::date_parts(p.date.as_ref()?);
    Some((y as u64) << 8 | m? as u64)
}

/// Day and month without the year, in canonical order.
fn day_month(p: &Prepared) -> Option<u64> {
    let (_, m, d) = fields::date_parts(p.date.as_ref()?);
    let (m, d) = (m?, d?);
    Some((m.min(d) as u64) << 8 | m.max(d) as u64)
}

/// Each rule survives a different kind of error; the comment says which
/// records only it can bring together.
pub const RULES: &[BlockingRule] = &[
    // A date missing or partial on one side.
    BlockingRule {
        name: "family_key+given_group (no full date)",
        anchor: Some(|p| p.date.is_none_or(|d| d.day.is_none())),
        walk: by_date,
        budget: None,
        key: |p| key(10, &[sym(p.family_key), p.given_block()]),
    },
    // Most true pairs: wrong day or month, missing patronymic or place.
    BlockingRule {
        name: "family_key+given_group+birth_year",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| key(1, &[sym(p.family_key), p.given_block(), year(p)]),
    },
    // Any date error, even a wholly different date, in the same town.
    BlockingRule {
        name: "family_key+given_group+birth_place",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| key(11, &[sym(p.family_key), p.given_block(), sym(p.place)]),
    },
    // Renamed after adoption, or a family name mistyped.
    BlockingRule {
        name: "given_group+birth_date",
        anchor: None,
        walk: by_name,
        budget: None,
        key: |p| key(2, &[p.given_block(), date_swap_key(p)]),
    },
    // A given name outside the equivalence table, or mistyped.
    BlockingRule {
        name: "family_key+birth_date",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| key(3, &[sym(p.family_key), date_swap_key(p)]),
    },
    // New family name and a wrong day.
    BlockingRule {
        name: "given_group+father_key+birth_year",
        anchor: None,
        walk: by_name,
        budget: None,
        key: |p| key(4, &[p.given_block(), sym(p.father_key), year(p)]),
    },
    // Wrong or estimated year.
    BlockingRule {
        name: "family_key+given_group+father_key",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| key(5, &[sym(p.family_key), p.given_block(), sym(p.father_key)]),
    },
    // Wrong year, no patronymic (Latin-script records).
    BlockingRule {
        name: "family_key+given_group+day_month",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| key(6, &[sym(p.family_key), p.given_block(), day_month(p)]),
    },
    // Renamed and re-patronymed: only date and place are left.
    BlockingRule {
        name: "birth_date+birth_place",
        anchor: None,
        walk: by_name,
        budget: None,
        key: |p| key(7, &[date_swap_key(p), sym(p.place)]),
    },
    // Family and given name swapped.
    BlockingRule {
        name: "name_keys_either_order+birth_year",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| key(8, &[unordered_names(p), year(p)]),
    },
    // Family and given name swapped, and the year wrong.
    BlockingRule {
        name: "name_keys_either_order+birth_place",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| key(20, &[unordered_names(p), sym(p.place)]),
    },
    // Family and given name swapped, and the date missing or partial.
    BlockingRule {
        name: "name_keys_either_order (no full date)",
        anchor: Some(|p| p.date.is_none_or(|d| d.day.is_none())),
        walk: by_date,
        budget: None,
        key: |p| key(21, &[unordered_names(p)]),
    },
    // New family name, no patronymic, wrong day.
    BlockingRule {
        name: "given_group+birth_place+birth_month",
        anchor: None,
        walk: by_name,
        budget: None,
        key: |p| key(9, &[p.given_block(), sym(p.place), year_month(p)]),
    },
    // Given name mistyped (or replaced) and the date missing or partial.
    BlockingRule {
        name: "family_key+father_key+birth_place",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| key(12, &[sym(p.family_key), sym(p.father_key), sym(p.place)]),
    },
    // Both names mistyped or spelt another way (their keys differ, their
    // first letters do not), and the date wrong too.
    BlockingRule {
        name: "family_prefix+given_prefix+birth_place",
        anchor: None,
        walk: by_date,
        budget: None,
        key: |p| {
            key(
                19,
                &[sym(p.family_prefix), sym(p.given_prefix), sym(p.place)],
            )
        },
    },
    // The loose rules below bring together records with two errors at
    // once; each is budgeted (see `BlockingRule::budget`).
    // Family name mistyped and given name mistyped or the date partial:
    // the first letters of both name keys survive most typos.
    BlockingRule {
        name: "family_prefix+given_prefix (loose)",
        anchor: None,
        walk: by_date,
        budget: Some(LOOSE_BUDGET),
        key: |p| key(13, &[sym(p.family_prefix), sym(p.given_prefix)]),
    },
    // Names agree, but the date and the place are both wrong or missing.
    BlockingRule {
        name: "family_key+given_group (loose)",
        anchor: None,
        walk: by_date,
        budget: Some(LOOSE_BUDGET),
        key: |p| key(14, &[sym(p.family_key), p.given_block()]),
    },
    // Renamed, and the date partial or its day wrong.
    BlockingRule {
        name: "given_group+birth_place+birth_year (loose)",
        anchor: None,
        walk: by_name,
        budget: Some(LOOSE_BUDGET),
        key: |p| key(15, &[p.given_block(), sym(p.place), year(p)]),
    },
    // Renamed, and no date at all.
    BlockingRule {
        name: "given_group+father_key+birth_place (loose)",
        anchor: None,
        walk: by_name,
        budget: Some(LOOSE_BUDGET),
        key: |p| key(16, &[p.given_block(), sym(p.father_key), sym(p.place)]),
    },
    // Both names changed or swapped and the place misspelt: only the date.
    BlockingRule {
        name: "birth_date (loose)",
        anchor: None,
        walk: by_name,
        budget: Some(LOOSE_BUDGET),
        key: |p| key(17, &[date_swap_key(p)]),
    },
    // Given name replaced and the date missing.
    BlockingRule {
        name: "family_key+birth_place (loose)",
        anchor: None,
        walk: by_date,
        budget: Some(LOOSE_BUDGET),
        key: |p| key(18, &[sym(p.family_key), sym(p.place)]),
    },
];

/// Pairs per record (of both lists together) that each loose rule may add.
pub const LOOSE_BUDGET: u64 = 2;

const R: usize = 21;

/// What one rule produced.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct RuleReport {
    pub rule: &'static str,
    pub blocks: u64,
    /// New pairs (not produced by an earlier rule).
    pub pairs: u64,
    /// Blocks over the cap, walked in a sorted neighbourhood instead of
    /// compared whole (none is dropped).
    pub capped_blocks: u64,
    /// Pairs those blocks hold in all.
    pub capped_pairs: u64,
    /// New pairs the walks of those blocks produced (not in `pairs`).
    pub walked_pairs: u64,
}

/// A compared candidate pair.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub l: u32,
    pub r: u32,
    pub pattern: u16,
    /// Found only by a loose (budgeted) rule: scored, but left out of
    /// estimation (see `crate::em`).
    pub loose: bool,
}

/// A record's key under every rule, and the rules for which it is an anchor.
#[derive(Clone, Copy)]
struct RecordKeys {
    keys: [u64; R],
    anchors: u32,
}

impl RecordKeys {
    /// Whether rule `r` pairs these two records.
    fn pairs_under(&self, other: &RecordKeys, r: usize) -> bool {
        self.keys[r] != 0
            && self.keys[r] == other.keys[r]
            && (self.anchors | other.anchors) >> r & 1 == 1
    }
}

fn record_keys(records: &[Prepared]) -> Vec<RecordKeys> {
    records
        .par_iter()
        .map(|p| {
            let mut k = RecordKeys {
                keys: [0; R],
                anchors: 0,
            };
            for (r, rule) in RULES.iter().enumerate() {
                k.keys[r] = (rule.key)(p).unwrap_or(0);
                if rule.anchor.is_none_or(|a| a(p)) {
                    k.anchors |= 1 << r;
                }
            }
            k
        })
        .collect()
}

/// The largest block size (in pairs) such that all blocks of at most that
/// size together stay within `budget` pairs.
fn budget_cap(blocks: &[(usize, usize, usize, u64)], budget: u64) -> u64 {
    let mut sizes: Vec<u64> = blocks.iter().map(|b| b.3).collect();
    sizes.sort_unstable();
    let mut total = 0u64;
    let mut cap = 0u64;
    let mut i = 0;
    while i < sizes.len() {
        let size = sizes[i];
        let mut j = i;
        while j < sizes.len() && sizes[j] == size {
            total += size;
            j += 1;
        }
        if total > budget {
            break;
        }
        cap = size;
        i = j;
    }
    cap
}

fn produced_earlier(a: &RecordKeys, b: &RecordKeys, rule: usize) -> bool {
    (0..rule).any(|r| a.pairs_under(b, r))
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
    let mut walked: Vec<(Candidate, u8)> = Vec::new();
    let mut reports = Vec::new();
    for (k, rule) in RULES.iter().enumerate() {
        let bit = 1u32 << k;
        let mut entries: Vec<(u64, u32)> = keys_l
            .iter()
            .enumerate()
            .filter(|(_, key)| key.keys[k] != 0)
            .map(|(i, key)| (key.keys[k], i as u32))
            .collect();
        if !dedupe {
            entries.extend(
                keys_r
                    .iter()
                    .enumerate()
                    .filter(|(_, key)| key.keys[k] != 0)
                    .map(|(i, key)| (key.keys[k], i as u32 | RIGHT)),
            );
        }
        entries.par_sort_unstable();
        // Blocks as (start, split, end): left entries in start..split, right in split..end.
        let mut blocks = Vec::new();
        let mut sized: Vec<(usize, usize, usize, u64)> = Vec::new();
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
            let is_anchor = |e: &(u64, u32)| {
                let keys = if e.1 & RIGHT == 0 {
                    &keys_l[e.1 as usize]
                } else {
                    &keys_r[(e.1 & !RIGHT) as usize]
                };
                keys.anchors & bit != 0
            };
            let pairs = if dedupe {
                let (n, a) = (
                    (j - i) as u64,
                    entries[i..j].iter().filter(|e| is_anchor(e)).count() as u64,
                );
                n * (n - 1) / 2 - (n - a) * (n - a).saturating_sub(1) / 2
            } else {
                let (nl, nr) = ((split - i) as u64, (j - split) as u64);
                let al = entries[i..split].iter().filter(|e| is_anchor(e)).count() as u64;
                let ar = entries[split..j].iter().filter(|e| is_anchor(e)).count() as u64;
                nl * nr - (nl - al) * (nr - ar)
            };
            if pairs > 0 {
                sized.push((i, split, j, pairs));
            }
            i = j;
        }
        let cap = match rule.budget {
            Some(per_record) => budget_cap(
                &sized,
                per_record * (left.len() + right.map_or(0, |r| r.len())) as u64,
            )
            .min(max_block_pairs),
            None => max_block_pairs,
        };
        let mut oversized = Vec::new();
        for &(i, split, j, pairs) in &sized {
            if pairs > cap {
                report.capped_blocks += 1;
                report.capped_pairs += pairs;
                oversized.push((i, j));
                for e in &entries[i..j] {
                    if e.1 & RIGHT == 0 {
                        keys_l[e.1 as usize].keys[k] = 0;
                    } else {
                        keys_r[(e.1 & !RIGHT) as usize].keys[k] = 0;
                    }
                }
            } else {
                blocks.push((i, split, j));
            }
        }
        report.blocks = blocks.len() as u64;
        let keys_r_ref = if dedupe { &keys_l } else { &keys_r };
        let found: Vec<Candidate> = blocks
            .par_iter()
            .fold(Vec::new, |mut acc, &(start, split, end)| {
                let mut emit = |x: usize, y: usize, kx: &RecordKeys, ky: &RecordKeys| {
                    if (kx.anchors | ky.anchors) & bit == 0 || produced_earlier(kx, ky, k) {
                        return;
                    }
                    let c: Comparison = compare(strings, &left[x], &right_records[y]);
                    acc.push(Candidate {
                        l: x as u32,
                        r: y as u32,
                        pattern: c.pattern(),
                        loose: rule.budget.is_some(),
                    });
                };
                if dedupe {
                    let block = &entries[start..end];
                    for a in 0..block.len() {
                        for b in a + 1..block.len() {
                            let (x, y) = (block[a].1 as usize, block[b].1 as usize);
                            emit(x, y, &keys_l[x], &keys_l[y]);
                        }
                    }
                } else {
                    let (ls, rs) = (&entries[start..split], &entries[split..end]);
                    // Only pairs with an anchor, when the rule has
                    // anchors: a left anchor meets every right record, any
                    // other left record only the right anchors (a block
                    // of records with full dates costs nothing then).
                    let anchored = rule.anchor.is_some();
                    let right_anchors: Vec<usize> = rs
                        .iter()
                        .map(|&(_, y)| (y & !RIGHT) as usize)
                        .filter(|&y| anchored && keys_r_ref[y].anchors & bit != 0)
                        .collect();
                    for &(_, x) in ls {
                        let x = x as usize;
                        if !anchored || keys_l[x].anchors & bit != 0 {
                            for &(_, y) in rs {
                                let y = (y & !RIGHT) as usize;
                                emit(x, y, &keys_l[x], &keys_r_ref[y]);
                            }
                        } else {
                            for &y in &right_anchors {
                                emit(x, y, &keys_l[x], &keys_r_ref[y]);
                            }
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
        // Oversized blocks are walked, not dropped.
        let walked_here: Vec<(Candidate, u8)> = oversized
            .par_iter()
            .fold(Vec::new, |mut acc, &(start, end)| {
                let side = |e: u32| e & RIGHT != 0;
                let index = |e: u32| (e & !RIGHT) as usize;
                let record = |e: u32| {
                    if side(e) {
                        &right_records[index(e)]
                    } else {
                        &left[index(e)]
                    }
                };
                let mut block: Vec<(u64, u32)> = entries[start..end]
                    .iter()
                    .map(|&(_, e)| ((rule.walk)(strings, record(e)), e))
                    .collect();
                block.sort_unstable();
                for a in 0..block.len() {
                    for b in a + 1..(a + WALK_WINDOW).min(block.len()) {
                        let (x, y) = (block[a].1, block[b].1);
                        if !dedupe && side(x) == side(y) {
                            continue;
                        }
                        let (x, y) = if dedupe || !side(x) { (x, y) } else { (y, x) };
                        let (x, y) = if dedupe && x > y { (y, x) } else { (x, y) };
                        let (x, y) = (index(x), index(y));
                        let (kx, ky) = (&keys_l[x], if dedupe { &keys_l[y] } else { &keys_r[y] });
                        if (kx.anchors | ky.anchors) & bit == 0 || produced_earlier(kx, ky, k) {
                            continue;
                        }
                        let c = compare(strings, &left[x], &right_records[y]);
                        acc.push((
                            Candidate {
                                l: x as u32,
                                r: y as u32,
                                pattern: c.pattern(),
                                loose: true,
                            },
                            k as u8,
                        ));
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
        walked.extend(walked_here);
        reports.push(report);
        progress(1);
    }
    // A walked pair may also be produced by a later rule (its keys for the
    // walked rule were cleared, so later rules do not know it was
    // produced) or by two walks: keep one of each.
    let keys_r_ref = if dedupe { &keys_l } else { &keys_r };
    walked.retain(|(c, _)| {
        let (a, b) = (&keys_l[c.l as usize], &keys_r_ref[c.r as usize]);
        !(0..R).any(|r| a.pairs_under(b, r))
    });
    walked.par_sort_unstable_by_key(|(c, rule)| (c.l, c.r, *rule));
    walked.dedup_by_key(|(c, _)| (c.l, c.r));
    for (c, rule) in walked {
        reports[rule as usize].walked_pairs += 1;
        out.push(c);
    }
    (out, reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_by_name_put_names_that_begin_alike_together() {
        // Interned in an order unrelated to the alphabet: the walk order
        // must not follow it.
        let mut strings = Interner::default();
        let names = [
            "shevchenko",
            "kovalenko",
            "bondarenko",
            "kovalenkko",
            "kovalchuk",
        ];
        let ids: Vec<Sym> = names.iter().map(|n| strings.intern(n)).collect();
        let given = strings.intern("oleksandr");
        let record = |family: Sym| Prepared {
            family_key: family,
            given_key: given,
            ..Prepared::default()
        };
        let mut order: Vec<(u64, &str)> = ids
            .iter()
            .zip(names)
            .map(|(&id, name)| (by_name(&strings, &record(id)), name))
            .collect();
        order.sort();
        let sorted: Vec<&str> = order.iter().map(|(_, n)| *n).collect();
        assert_eq!(
            sorted,
            [
                "bondarenko",
                "kovalchuk",
                "kovalenkko",
                "kovalenko",
                "shevchenko"
            ]
        );
        // The given name orders records of one family name.
        let other = strings.intern("andrii");
        let a = Prepared {
            given_key: other,
            ..record(ids[1])
        };
        assert!(by_name(&strings, &a) < by_name(&strings, &record(ids[1])));
        // A record without names sorts first rather than failing.
        assert_eq!(by_name(&strings, &Prepared::default()), 0);
    }

    #[test]
    fn budget_cap_takes_the_smallest_blocks_first() {
        let check = |sizes: &[u64], budget: u64, want: u64| {
            let blocks: Vec<_> = sizes.iter().map(|&s| (0, 0, 0, s)).collect();
            assert_eq!(
                budget_cap(&blocks, budget),
                want,
                "{sizes:?} within {budget}"
            );
        };
        check(&[], 10, 0);
        check(&[1, 1, 1], 10, 1);
        check(&[5, 1, 2, 100], 10, 5);
        check(&[5, 1, 2, 100], 7, 2);
        // Blocks of equal size are taken all or none, so the cut is stable.
        check(&[3, 3, 3], 8, 0);
        check(&[1, 3, 3, 3], 8, 1);
    }
}
