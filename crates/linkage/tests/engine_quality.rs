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

/// The generator's lists for `(seed, left, matches, distractors)`, and
/// both lists read as records.
fn generated(
    seed: u64,
    left: usize,
    matches: usize,
    distractors: usize,
) -> (homeward_synth::GeneratedLists, Vec<Record>, Vec<Record>) {
    let lists = gen_lists(&GenConfig {
        seed,
        left,
        matches,
        distractors,
    });
    let l = lists.left.iter().map(record).collect();
    let r = lists.right.iter().map(record).collect();
    (lists, l, r)
}

#[test]
fn link_generated_lists() {
    let (lists, left, right) = generated(3, 4000, 2400, 1600);
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

/// Precision, recall and F1 of `links` against the generator's truth.
fn truth_scores(
    lists: &homeward_synth::GeneratedLists,
    left: &[Record],
    right: &[Record],
    links: &[homeward_linkage::Link],
) -> (f64, f64, usize) {
    let truth: HashSet<(&str, &str)> = lists
        .truth
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let tp = links
        .iter()
        .filter(|l| truth.contains(&(&left[l.left].id, &right[l.right].id)))
        .count();
    (
        tp as f64 / links.len().max(1) as f64,
        tp as f64 / truth.len() as f64,
        truth.len(),
    )
}

#[test]
fn expected_figures_match_the_truth() {
    // The model's own precision, recall and match count, from its
    // probabilities alone, against the truth. It is optimistic: it cannot
    // count true pairs that look like strangers (renamed and re-patronymed
    // with no date), and when two thirds of the right list are hard
    // non-matches (siblings, twins, namesakes; the second list) its
    // precision is 3 points too high.
    let configs = [
        GenConfig {
            seed: 3,
            left: 4000,
            matches: 2400,
            distractors: 1600,
        },
        GenConfig {
            seed: 8,
            left: 6000,
            matches: 2000,
            distractors: 4000,
        },
    ];
    for cfg in configs {
        let (lists, left, right) = generated(cfg.seed, cfg.left, cfg.matches, cfg.distractors);
        let result = link(&left, &right, &LinkOptions::default(), &|_| {});
        let (precision, recall, matches) = truth_scores(&lists, &left, &right, &result.links);
        let e = result.expected;
        let why = format!(
            "{cfg:?}: expected {e:?}, truth precision {precision:.4} recall {recall:.4} matches {matches}"
        );
        assert_eq!(e.links, result.links.len(), "{why}");
        assert!((e.precision - precision).abs() < 0.04, "{why}");
        assert!(
            e.recall >= recall - 0.01 && e.recall - recall < 0.04,
            "{why}"
        );
        assert!((e.matches / matches as f64 - 1.0).abs() < 0.05, "{why}");
    }
}

#[test]
fn oversized_blocks_are_walked_not_dropped() {
    // With a tiny cap every large block is over it; the walk still
    // compares each record with its neighbours, so the links survive.
    let (lists, left, right) = generated(4, 3000, 1800, 1200);
    let capped = LinkOptions {
        max_block_pairs: 4,
        ..LinkOptions::default()
    };
    let result = link(&left, &right, &capped, &|_| {});
    let walked: u64 = result.model.blocking.iter().map(|r| r.walked_pairs).sum();
    let oversized: u64 = result.model.blocking.iter().map(|r| r.capped_blocks).sum();
    assert!(
        oversized > 100 && walked > 1000,
        "{:?}",
        result.model.blocking
    );
    let listed: u64 = result
        .model
        .blocking
        .iter()
        .map(|r| r.pairs + r.walked_pairs)
        .sum();
    assert_eq!(
        listed, result.model.candidates,
        "every pair is counted once"
    );
    let (precision, recall, _) = truth_scores(&lists, &left, &right, &result.links);
    assert!(
        precision > 0.95 && recall > 0.85,
        "precision {precision:.3} recall {recall:.3}"
    );
}

#[test]
fn a_kept_model_links_new_records_against_a_stored_list_as_a_refit_would() {
    // Fit on the lists without the right list's last 400 records, keep the
    // model (through JSON, as the store keeps it), then link those 400
    // against the whole left list with it: nearly every true pair among
    // them is found, no worse than a run that refits on everything.
    let (lists, left, right) = generated(5, 4000, 2400, 1600);
    let (stored, new) = right.split_at(right.len() - 400);
    let first = link(&left, stored, &LinkOptions::default(), &|_| {});
    let json = serde_json::to_string(&first.model.fit()).unwrap();
    let kept: homeward_linkage::Fit = serde_json::from_str(&json).unwrap();
    // JSON keeps every figure to within a unit in the last place.
    let fit = first.model.fit();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs());
    assert!(
        close(kept.threshold, fit.threshold) && close(kept.parameters.prior, fit.parameters.prior)
    );
    for (a, b) in [
        (&kept.parameters.m, &fit.parameters.m),
        (&kept.parameters.u, &fit.parameters.u),
    ] {
        assert!(
            a.iter()
                .flatten()
                .zip(b.iter().flatten())
                .all(|(x, y)| close(*x, *y))
        );
    }

    let truth: HashSet<(&str, &str)> = lists
        .truth
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let new_ids: HashSet<&str> = new.iter().map(|r| r.id.as_str()).collect();
    let true_new = truth.iter().filter(|(_, b)| new_ids.contains(b)).count();
    assert!(
        true_new > 100,
        "{true_new} true pairs among the new records"
    );

    let opts = LinkOptions::default();
    let incremental = homeward_linkage::link_with(&kept, new, &left, &opts, &|_| {});
    assert_eq!(incremental.model.threshold, kept.threshold);
    assert_eq!(incremental.model.parameters, kept.parameters);
    let found = |links: &[homeward_linkage::Link], l: &[Record], r: &[Record], new_left: bool| {
        links
            .iter()
            .map(|k| (l[k.left].id.as_str(), r[k.right].id.as_str()))
            .map(|(a, b)| if new_left { (b, a) } else { (a, b) })
            .filter(|(_, b)| new_ids.contains(b))
            .fold((0usize, 0usize), |(tp, n), p| {
                (tp + truth.contains(&p) as usize, n + 1)
            })
    };
    let (tp, n) = found(&incremental.links, new, &left, true);
    let refit = link(&left, &right, &opts, &|_| {});
    let (tp_refit, n_refit) = found(&refit.links, &left, &right, false);
    let recall = tp as f64 / true_new as f64;
    let precision = tp as f64 / n as f64;
    assert!(
        recall > 0.9 && precision > 0.95,
        "kept model: {tp} of {true_new} true pairs in {n} links"
    );
    assert!(
        tp + 8 >= tp_refit,
        "kept model found {tp} ({n} links), a refit {tp_refit} ({n_refit} links)"
    );
}

/// The share of true pairs at each level of the birth date, as EM counts
/// them (given names not two different known names).
fn true_share_of_date_mismatch(
    lists: &homeward_synth::GeneratedLists,
    model: &homeward_linkage::Model,
    left: &[Record],
    right: &[Record],
) -> f64 {
    let index = |records: &[Record]| -> std::collections::HashMap<String, usize> {
        records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect()
    };
    let (li, ri) = (index(left), index(right));
    let (mut mismatch, mut counted) = (0usize, 0usize);
    for (a, b) in &lists.truth {
        let e = homeward_linkage::explain(model, &left[li[a]], &right[ri[b]]);
        let level = |name: &str| {
            e.fields
                .iter()
                .find(|f| f.field.name() == name)
                .unwrap()
                .level
        };
        if level("given_name") == "differ" || level("birth_date") == "missing" {
            continue;
        }
        counted += 1;
        mismatch += (level("birth_date") == "mismatch") as usize;
    }
    mismatch as f64 / counted as f64
}

#[test]
fn refitting_on_the_posteriors_learns_what_the_pairwise_prior_hides() {
    // Twice as many children on the right list who are not on the left
    // (siblings, twins, namesakes, strangers) as children who are: the
    // pairwise prior is small, and EM alone counts namesakes born on
    // another day as matches (a wholly different date looks common among
    // matches). Re-estimating on the one-to-one posteriors, which weigh
    // each pair against its rivals, brings that share towards the truth
    // and the links with it.
    let (lists, left, right) = generated(6, 4000, 2400, 8000);
    let em_only = LinkOptions {
        refit_rounds: 0,
        ..LinkOptions::default()
    };
    let before = link(&left, &right, &em_only, &|_| {});
    let after = link(&left, &right, &LinkOptions::default(), &|_| {});
    assert!(LinkOptions::default().refit_rounds > 0);
    let f1 = |links: &[homeward_linkage::Link]| {
        let (p, r, _) = truth_scores(&lists, &left, &right, links);
        2.0 * p * r / (p + r)
    };
    let (f1_before, f1_after) = (f1(&before.links), f1(&after.links));
    assert!(
        f1_after > f1_before + 0.003,
        "F1 {f1_before:.4} with EM alone, {f1_after:.4} refitted"
    );
    let date = homeward_linkage::Field::BirthDate.index();
    let mismatch = |m: &homeward_linkage::Model| m.parameters.m[date][7];
    let truth = true_share_of_date_mismatch(&lists, &after.model, &left, &right);
    let (em, refitted) = (mismatch(&before.model), mismatch(&after.model));
    assert!(
        (refitted - truth).abs() < 0.7 * (em - truth).abs(),
        "m(date mismatch): truth {truth:.4}, EM {em:.4}, refitted {refitted:.4}"
    );
}
