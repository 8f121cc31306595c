//! End-to-end quality of `link` and `dedupe` on generated lists: a floor
//! that catches regressions (the full-size measurements are in README.md).

use std::collections::HashSet;

use homeward_linkage::{LinkOptions, Record, dedupe, link, parse_date, parse_sex};
use homeward_synth::{GenConfig, Row, gen_lists};

fn record(r: &Row) -> Record {
    Record {
        id: r.id.clone(),
        family_name: r.family_name.clone(),
        given_name: r.given_name.clone(),
        patronymic: r.patronymic.clone(),
        sex: parse_sex(&r.sex),
        birth_date: parse_date(&r.birth_date).unwrap(),
        birth_place: r.birth_place.clone(),
    }
}

#[test]
fn link_generated_lists() {
    let lists = gen_lists(&GenConfig {
        seed: 3,
        left: 4000,
        matches: 2400,
        distractors: 1600,
    });
    let left: Vec<Record> = lists.left.iter().map(record).collect();
    let right: Vec<Record> = lists.right.iter().map(record).collect();
    let result = link(&left, &right, &LinkOptions::default(), &|_| {});
    let truth: HashSet<(&str, &str)> = lists
        .truth
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let tp = result
        .links
        .iter()
        .filter(|l| truth.contains(&(&left[l.left].id, &right[l.right].id)))
        .count();
    let precision = tp as f64 / result.links.len() as f64;
    let recall = tp as f64 / truth.len() as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    assert!(
        f1 > 0.9,
        "precision {precision:.3} recall {recall:.3} F1 {f1:.3}"
    );
    // One-to-one: no record is used twice.
    let lefts: HashSet<usize> = result.links.iter().map(|l| l.left).collect();
    let rights: HashSet<usize> = result.links.iter().map(|l| l.right).collect();
    assert_eq!(lefts.len(), result.links.len());
    assert_eq!(rights.len(), result.links.len());
}

#[test]
fn dedupe_finds_the_same_child_twice_in_one_list() {
    // Both parties' records in one list: true pairs should share a cluster,
    // and clusters should stay small (no chaining of siblings).
    let lists = gen_lists(&GenConfig {
        seed: 5,
        left: 2000,
        matches: 1200,
        distractors: 800,
    });
    let records: Vec<Record> = lists.left.iter().chain(&lists.right).map(record).collect();
    let index: std::collections::HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let result = dedupe(&records, &LinkOptions::default(), &|_| {});
    let together = lists
        .truth
        .iter()
        .filter(|(a, b)| result.clusters[index[a.as_str()]] == result.clusters[index[b.as_str()]])
        .count();
    let recall = together as f64 / lists.truth.len() as f64;
    let mut sizes = std::collections::HashMap::new();
    for c in &result.clusters {
        *sizes.entry(*c).or_insert(0usize) += 1;
    }
    let largest = sizes.values().copied().max().unwrap_or(0);
    assert!(recall > 0.85, "pair recall {recall:.3}");
    assert!(largest <= 4, "largest cluster {largest}");
}
