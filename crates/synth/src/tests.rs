//! Determinism, shape, and the documented noise rates.

use super::*;
use people::{Person, Pools};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use render::Trace;

fn cfg(seed: u64, left: usize, matches: usize, distractors: usize) -> GenConfig {
    GenConfig {
        seed,
        left,
        matches,
        distractors,
    }
}

#[test]
fn same_seed_same_lists_other_seed_other_lists() {
    let a = gen_lists(&cfg(42, 300, 200, 100));
    assert_eq!(a, gen_lists(&cfg(42, 300, 200, 100)));
    assert_ne!(a, gen_lists(&cfg(43, 300, 200, 100)));
}

#[test]
fn counts_and_truth_are_consistent() {
    let g = gen_lists(&cfg(1, 500, 300, 250));
    assert_eq!(g.left.len(), 500);
    assert_eq!(g.right.len(), 550);
    assert_eq!(g.truth.len(), 300);
    let left: std::collections::HashSet<_> = g.left.iter().map(|r| r.id.as_str()).collect();
    let right: std::collections::HashSet<_> = g.right.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(left.len(), 500, "left ids are unique");
    assert_eq!(right.len(), 550, "right ids are unique");
    for (l, r) in &g.truth {
        assert!(left.contains(l.as_str()) && right.contains(r.as_str()));
    }
    let truth_left: std::collections::HashSet<_> = g.truth.iter().map(|(l, _)| l).collect();
    let truth_right: std::collections::HashSet<_> = g.truth.iter().map(|(_, r)| r).collect();
    assert_eq!(
        (truth_left.len(), truth_right.len()),
        (300, 300),
        "truth is one-to-one"
    );
}

#[test]
fn edge_sizes() {
    assert_eq!(gen_lists(&cfg(1, 0, 0, 5)).right.len(), 5);
    let all = gen_lists(&cfg(1, 10, 10, 0));
    assert_eq!(
        (all.left.len(), all.right.len(), all.truth.len()),
        (10, 10, 10)
    );
    assert!(cfg(1, 3, 4, 0).validate().is_err());
    assert!(cfg(1, 3, 3, 0).validate().is_ok());
}

#[test]
fn dates_are_in_the_cli_formats() {
    let g = gen_lists(&cfg(3, 2000, 1500, 500));
    for row in g.left.iter().chain(&g.right) {
        let d = &row.birth_date;
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        let ok = d.is_empty()
            || (d.len() == 4 && digits(d))
            || (d.len() == 7 && digits(&d[..4]) && &d[4..5] == "-" && digits(&d[5..]))
            || (d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-')
            || (d.len() == 10 && d.as_bytes()[2] == b'.' && d.as_bytes()[5] == b'.');
        assert!(ok, "{d:?}");
        assert!(["M", "F", ""].contains(&row.sex.as_str()));
    }
}

#[test]
fn ids_say_nothing_about_the_truth() {
    let g = gen_lists(&cfg(5, 1000, 600, 400));
    assert!(g.left.iter().all(|r| r.id.starts_with("A-")));
    assert!(
        g.right
            .iter()
            .all(|r| r.id.starts_with("B-") && r.id.len() == 10)
    );
    // Matches are spread through the right list, not bunched at the top.
    let matched: std::collections::HashSet<_> = g.truth.iter().map(|(_, r)| r.as_str()).collect();
    let first_half = g.right[..500]
        .iter()
        .filter(|r| matched.contains(r.id.as_str()))
        .count();
    assert!(
        (250..=350).contains(&first_half),
        "{first_half} matches in the first half"
    );
}

/// Observed rate of `flag` among `traces` is within `tolerance` of `rate`,
/// widened to four standard deviations of the binomial count.
fn check_rate(
    name: &str,
    traces: &[Trace],
    flag: impl Fn(&Trace) -> bool,
    rate: f64,
    tolerance: f64,
) {
    let n = traces.len() as f64;
    let tolerance = tolerance.max(4.0 * (rate * (1.0 - rate) / n).sqrt());
    let observed = traces.iter().filter(|t| flag(t)).count() as f64 / n;
    assert!(
        (observed - rate).abs() <= tolerance,
        "{name}: observed {observed:.4}, documented {rate:.4}"
    );
}

#[test]
fn noise_rates_are_the_documented_ones() {
    let g = gen_traced(&cfg(11, 20_000, 20_000, 0));
    let b = NoiseModel::PARTY_B;
    let right: Vec<Trace> = g.right.iter().map(|(_, t)| *t).collect();
    let tol = 0.003;
    check_rate("latin", &right, |t| t.latin, b.latin, tol);
    check_rate(
        "other cyrillic",
        &right,
        |t| t.other_cyrillic,
        b.other_cyrillic,
        tol,
    );
    check_rate("renamed", &right, |t| t.renamed, b.renamed, tol);
    check_rate(
        "names swapped",
        &right,
        |t| t.names_swapped,
        b.names_swapped,
        0.003,
    );
    check_rate(
        "family typo",
        &right,
        |t| t.typo_family,
        b.typo_per_field,
        tol,
    );
    check_rate(
        "given typo",
        &right,
        |t| t.typo_given,
        b.typo_per_field,
        tol,
    );
    check_rate("sex missing", &right, |t| t.sex_missing, b.sex_missing, tol);
    check_rate(
        "date missing",
        &right,
        |t| t.date_missing,
        b.date_missing,
        tol,
    );
    check_rate(
        "year only",
        &right,
        |t| t.date_year_only,
        b.date_year_only,
        tol,
    );
    check_rate(
        "month-year",
        &right,
        |t| t.date_month_year,
        b.date_month_year,
        tol,
    );
    check_rate(
        "from age",
        &right,
        |t| t.date_from_age,
        b.date_from_age,
        tol,
    );
    check_rate(
        "place missing",
        &right,
        |t| t.place_missing,
        b.place_missing,
        tol,
    );
    // Wrong place is drawn only when the place is there.
    check_rate(
        "place wrong",
        &right,
        |t| t.place_wrong,
        b.place_wrong * (1.0 - b.place_missing),
        tol,
    );
    // Digit typos apply to full dates only.
    let full = 1.0 - b.date_missing - b.date_year_only - b.date_month_year - b.date_from_age;
    check_rate(
        "date digit typo",
        &right,
        |t| t.date_digit_typo,
        b.date_digit_typo * full,
        tol,
    );
    // Diminutives: all names in the tables have one.
    check_rate("diminutive", &right, |t| t.diminutive, b.diminutive, tol);

    let a = NoiseModel::PARTY_A;
    check_rate("A latin", &g.left, |t| t.latin, a.latin, tol);
    check_rate("A renamed", &g.left, |t| t.renamed, 0.0, 0.0);
    check_rate(
        "A family typo",
        &g.left,
        |t| t.typo_family,
        a.typo_per_field,
        tol,
    );
}

#[test]
fn observable_rates_in_the_rows() {
    // What a reader of right.csv sees: Latin given names and empty dates.
    let g = gen_lists(&cfg(12, 20_000, 20_000, 0));
    let n = g.right.len() as f64;
    let latin = g.right.iter().filter(|r| r.given_name.is_ascii()).count() as f64 / n;
    assert!(
        (latin - NoiseModel::PARTY_B.latin).abs() < 0.01,
        "latin {latin}"
    );
    let empty = g.right.iter().filter(|r| r.birth_date.is_empty()).count() as f64 / n;
    assert!(
        (empty - NoiseModel::PARTY_B.date_missing).abs() < 0.005,
        "empty dates {empty}"
    );
}

#[test]
fn hard_non_matches_are_present() {
    let g = gen_traced(&cfg(21, 2000, 1000, 2000));
    let count = |k: Kind| g.right.iter().filter(|(kind, _)| *kind == k).count();
    assert_eq!(count(Kind::Match), 1000);
    for (kind, share) in [
        (Kind::Sibling, 0.20),
        (Kind::Twin, 0.06),
        (Kind::Cousin, 0.10),
        (Kind::Namesake, 0.14),
        (Kind::Unrelated, 0.50),
    ] {
        let observed = count(kind) as f64 / 2000.0;
        assert!((observed - share).abs() < 0.03, "{kind:?}: {observed}");
    }
}

#[test]
fn twins_share_family_and_birth_date_but_not_the_given_name() {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let pools = Pools::new();
    for _ in 0..200 {
        let child = Person::new(&mut rng, &pools);
        let twin = child.twin(&mut rng, &pools);
        assert_eq!(
            (twin.birth_date, twin.surname, twin.father, twin.place),
            (child.birth_date, child.surname, child.father, child.place)
        );
        assert!(twin.sex != child.sex || twin.given != child.given);
        let sibling = child.sibling(&mut rng, &pools);
        assert_eq!(
            (sibling.surname, sibling.father),
            (child.surname, child.father)
        );
        assert_ne!(sibling.birth_date.year, child.birth_date.year);
        assert!(sibling.birth_date.year >= people::BIRTH_YEARS.0);
        assert!(sibling.birth_date.year <= people::BIRTH_YEARS.1);
    }
}

#[test]
fn party_b_writes_mostly_russian_forms() {
    // «Олександр» on the left becomes «Александр» on the right.
    let g = gen_lists(&cfg(31, 5000, 5000, 0));
    let left: std::collections::HashMap<_, _> = g.left.iter().map(|r| (r.id.as_str(), r)).collect();
    let right: std::collections::HashMap<_, _> =
        g.right.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut pairs = 0;
    let mut russified = 0;
    for (l, r) in &g.truth {
        if left[l.as_str()].given_name == "Олександр" {
            pairs += 1;
            russified += usize::from(right[r.as_str()].given_name == "Александр");
        }
    }
    assert!(pairs > 50, "{pairs} Олександр on the left");
    let share = russified as f64 / pairs as f64;
    assert!(
        share > 0.5 && share < 0.85,
        "Александр on the right {share}"
    );
}

#[test]
fn demo_children_are_deterministic_and_complete() {
    let a = demo_children(7, 60);
    assert_eq!(a, demo_children(7, 60));
    assert_eq!(a.len(), 60);
    for c in &a {
        assert!(!c.uk.family_name.is_empty() && !c.ru.given_name.is_empty());
        assert!(c.latin.given_name.is_ascii() && !c.latin.given_name.is_empty());
        assert!(!c.birth_place_uk.is_empty() && !c.custody_place_ru.is_empty());
        assert!(c.mother.given_name.chars().all(|ch| !ch.is_ascii()));
    }
    assert!(a.iter().any(|c| c.circumstance.is_some()));
    assert!(a.iter().any(|c| c.father.is_none()));
    assert!(a.iter().any(|c| c.custody == CustodyKind::AdoptiveFamily));
}

#[test]
fn an_example_child_in_both_lists() {
    // Shows the kind of pair the engine must link: print a few on failure.
    let g = gen_lists(&cfg(2, 50, 50, 0));
    let left: std::collections::HashMap<_, _> = g.left.iter().map(|r| (r.id.as_str(), r)).collect();
    let right: std::collections::HashMap<_, _> =
        g.right.iter().map(|r| (r.id.as_str(), r)).collect();
    let (l, r) = &g.truth[0];
    let (l, r) = (left[l.as_str()], right[r.as_str()]);
    assert!(
        !l.family_name.is_empty() || !r.family_name.is_empty(),
        "{l:?} {r:?}"
    );
}
