//! Quality at scale on generated lists, through the same entry point as
//! `homeward link` (`homeward_linkage::link` with the CLI's options).
//!
//! `cargo run --release -p homeward-linkage --example quality -- SEED LEFT [MATCHES] [DISTRACTORS]`
//!
//! The lists are those of `homeward gen --seed SEED --left LEFT --matches
//! MATCHES --distractors DISTRACTORS` (defaults: 60 % of LEFT match, 40 %
//! distractors), read as `homeward link` reads them. Prints precision,
//! recall, F1, time (and per stage) and the model's expected figures. `QUALITY_THRESHOLD=p`
//! fixes the threshold (`homeward link --threshold p`); `QUALITY_REFIT_ROUNDS=n`
//! the rounds of refitting on the posteriors (0: EM's estimate alone);
//! `QUALITY_REVIEW=p`
//! the review band's floor (default 0.1; the registry's queue uses 0.05);
//! `QUALITY_DIAG=1`
//! adds the missed true pairs and the false links by comparison pattern,
//! the missed pairs that were never compared (with a few synthetic
//! examples), the fitted `m` beside the truth's, the calibration by
//! pattern, the best threshold knowing the truth and the calibration of
//! the posteriors (`QUALITY_DIAG_ROWS=n` patterns listed, default 40;
//! `QUALITY_SHOW_FALSE=prefix` prints false links whose pattern starts
//! so). `QUALITY_ORACLE=s1,s2,...` adds the F1 of a decision that knows the
//! truth's odds for each kind of evidence, learnt on lists of the same size
//! from those seeds (see `oracle`).

use std::collections::HashSet;
use std::time::Instant;

use homeward_linkage::{FIELDS, LinkOptions, Record, explain, link, parse_date, parse_sex};
use homeward_synth::{GenConfig, Row, gen_lists};

fn record(r: &Row) -> Record {
    let t = |s: &str| s.trim().to_string();
    Record {
        id: t(&r.id),
        family_name: t(&r.family_name),
        given_name: t(&r.given_name),
        patronymic: t(&r.patronymic),
        sex: match r.sex.trim() {
            "" => None,
            s => parse_sex(s),
        },
        // As `homeward link` reads a date that does not exist: by its readable part.
        birth_date: parse_date(r.birth_date.trim()).unwrap_or_else(|e| e.readable_part()),
        birth_place: t(&r.birth_place),
    }
}

/// User plus system CPU time of this process so far (Linux), for timing
/// on a shared machine where wall time depends on the neighbours.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, s)| s);
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // Fields 14 and 15 of stat (utime, stime), in clock ticks of 1/100 s.
    f.get(11)
        .zip(f.get(12))
        .map_or(0.0, |(u, s)| (u + s) / 100.0)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| {
            a.parse()
                .expect("numbers: SEED LEFT [MATCHES] [DISTRACTORS]")
        })
        .collect();
    let seed = args.first().copied().unwrap_or(1) as u64;
    let left_n = args.get(1).copied().unwrap_or(20_000);
    let matches = args.get(2).copied().unwrap_or(left_n * 3 / 5);
    let distractors = args.get(3).copied().unwrap_or(left_n * 2 / 5);
    let cfg = GenConfig {
        seed,
        left: left_n,
        matches,
        distractors,
    };
    cfg.validate().expect("valid sizes");
    let t0 = Instant::now();
    let lists = gen_lists(&cfg);
    let left: Vec<Record> = lists.left.iter().map(record).collect();
    let right: Vec<Record> = lists.right.iter().map(record).collect();
    let truth: HashSet<(String, String)> = lists.truth.iter().cloned().collect();
    drop(lists);
    let gen_s = t0.elapsed().as_secs_f64();
    let opts = LinkOptions {
        review_threshold: Some(
            std::env::var("QUALITY_REVIEW")
                .ok()
                .and_then(|v| v.parse().ok())
                // The oracle weighs every scored pair.
                .unwrap_or(if std::env::var_os("QUALITY_ORACLE").is_some() {
                    0.0
                } else {
                    0.1
                }),
        ),
        threshold: std::env::var("QUALITY_THRESHOLD")
            .ok()
            .and_then(|v| v.parse().ok()),
        refit_rounds: std::env::var("QUALITY_REFIT_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(homeward_linkage::REFIT_ROUNDS),
        ..Default::default()
    };
    let (t1, cpu1) = (Instant::now(), cpu_seconds());
    // When each stage began, for the time per stage.
    let stages = std::cell::RefCell::new(Vec::<(homeward_linkage::Stage, f64)>::new());
    let result = link(&left, &right, &opts, &|p| {
        let mut s = stages.borrow_mut();
        if s.last().is_none_or(|(stage, _)| *stage != p.stage) {
            s.push((p.stage, t1.elapsed().as_secs_f64()));
        }
    });
    let link_s = t1.elapsed().as_secs_f64();
    let stages = stages.into_inner();
    let per_stage: Vec<String> = stages
        .iter()
        .enumerate()
        .map(|(i, (stage, at))| {
            let end = stages.get(i + 1).map_or(link_s, |s| s.1);
            format!("{stage:?} {:.1}s", end - at)
        })
        .collect();
    let link_cpu = cpu_seconds() - cpu1;
    let tp = result
        .links
        .iter()
        .filter(|l| truth.contains(&(left[l.left].id.clone(), right[l.right].id.clone())))
        .count();
    let precision = tp as f64 / result.links.len().max(1) as f64;
    let recall = tp as f64 / truth.len().max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    let review_true = result
        .review
        .iter()
        .filter(|l| truth.contains(&(left[l.left].id.clone(), right[l.right].id.clone())))
        .count();
    let renamed: Vec<_> = result.links.iter().filter(|l| l.renamed()).collect();
    let renamed_true = renamed
        .iter()
        .filter(|l| truth.contains(&(left[l.left].id.clone(), right[l.right].id.clone())))
        .count();
    let e = &result.expected;
    println!(
        "seed {seed} {left_n}x{matches}+{distractors}: links {} tp {tp} truth {} | P {precision:.4} R {recall:.4} F1 {f1:.4} | link {link_s:.1}s, CPU {link_cpu:.1}s (gen {gen_s:.1}s) | candidates {} threshold {:.4}",
        result.links.len(),
        truth.len(),
        result.model.candidates,
        result.model.threshold
    );
    println!(
        "expected: matches {:.0} links {} true {:.0} P {:.4} R {:.4} F1 {:.4} | review {} ({} true; candidate recall {:.4}, {:.2} per true pair) | renamed linked {} ({} true)",
        e.matches,
        e.links,
        e.true_links,
        e.precision,
        e.recall,
        e.f1,
        result.review.len(),
        review_true,
        (tp + review_true) as f64 / truth.len().max(1) as f64,
        (result.links.len() + result.review.len()) as f64 / truth.len().max(1) as f64,
        renamed.len(),
        renamed_true
    );
    println!("stages: {}", per_stage.join(", "));
    if std::env::var_os("QUALITY_DIAG").is_some() {
        diagnose(&left, &right, &truth, &result);
    }
    if let Ok(seeds) = std::env::var("QUALITY_ORACLE") {
        let seeds: Vec<u64> = seeds
            .split(',')
            .map(|s| {
                s.trim()
                    .parse()
                    .expect("QUALITY_ORACLE: seeds, comma-separated")
            })
            .collect();
        oracle(&cfg, &seeds, &opts, &left, &right, &truth, &result);
    }
}

/// What a pair's evidence is, for the oracle: its comparison pattern, its
/// term-frequency adjustment (whole bits), and for each of its records
/// how its strongest rival compares (none; 4+ bits weaker; weaker; as
/// strong or stronger; 4+ bits stronger).
type OracleKey = (u32, i8, u8, u8);

fn oracle_keys(pairs: &[&homeward_linkage::Link]) -> Vec<OracleKey> {
    use std::collections::HashMap;
    // The two best pairwise weights of each record.
    let mut best_l: HashMap<usize, [f64; 2]> = HashMap::new();
    let mut best_r: HashMap<usize, [f64; 2]> = HashMap::new();
    let push = |b: &mut [f64; 2], w: f64| {
        if w > b[0] {
            b[1] = b[0];
            b[0] = w;
        } else if w > b[1] {
            b[1] = w;
        }
    };
    for l in pairs {
        push(
            best_l.entry(l.left).or_insert([f64::NEG_INFINITY; 2]),
            l.weight,
        );
        push(
            best_r.entry(l.right).or_insert([f64::NEG_INFINITY; 2]),
            l.weight,
        );
    }
    let rival = |b: &[f64; 2], w: f64| {
        // The best weight among the record's other pairs.
        let other = if b[0] == w { b[1] } else { b[0] };
        match other - w {
            x if x == f64::NEG_INFINITY => 0,
            x if x < -4.0 => 1,
            x if x < 0.0 => 2,
            x if x < 4.0 => 3,
            _ => 4,
        }
    };
    pairs
        .iter()
        .map(|l| {
            let pattern = l
                .comparison
                .levels
                .iter()
                .fold(0u32, |p, x| p * 10 + *x as u32);
            let tf: f32 = l.tf.iter().sum();
            (
                pattern,
                tf.round().clamp(-20.0, 20.0) as i8,
                rival(&best_l[&l.left], l.weight),
                rival(&best_r[&l.right], l.weight),
            )
        })
        .collect()
}

/// An upper bound for any decision on the evidence the engine compares:
/// each scored pair gets the share of true pairs among the pairs with the
/// same [`OracleKey`] in lists generated from other seeds at the same
/// size (backing off to the pattern with its rivals, then the pattern,
/// where a key was seen fewer than 20 times), and the links are chosen
/// one to one, most probable first, at the threshold that gives the best
/// F1 knowing the truth. Where this falls with size as the engine does,
/// the fall is in the evidence, not in the decision.
fn oracle(
    cfg: &GenConfig,
    seeds: &[u64],
    opts: &LinkOptions,
    left: &[Record],
    right: &[Record],
    truth: &HashSet<(String, String)>,
    result: &homeward_linkage::LinkResult,
) {
    use std::collections::HashMap;
    type Counts = HashMap<OracleKey, (u32, u32)>;
    let (mut full, mut rivals, mut pattern): (Counts, Counts, Counts) = Default::default();
    let opts = LinkOptions {
        review_threshold: Some(0.0),
        ..opts.clone()
    };
    for &seed in seeds {
        let lists = gen_lists(&GenConfig { seed, ..*cfg });
        let l: Vec<Record> = lists.left.iter().map(record).collect();
        let r: Vec<Record> = lists.right.iter().map(record).collect();
        let t: HashSet<(String, String)> = lists.truth.iter().cloned().collect();
        drop(lists);
        let res = link(&l, &r, &opts, &|_| {});
        let pairs: Vec<_> = res.links.iter().chain(&res.review).collect();
        for (p, k) in pairs.iter().zip(oracle_keys(&pairs)) {
            let is_true = t.contains(&(l[p.left].id.clone(), r[p.right].id.clone()));
            for (map, key) in [
                (&mut full, k),
                (&mut rivals, (k.0, 0, k.2, k.3)),
                (&mut pattern, (k.0, 0, 0, 0)),
            ] {
                let c = map.entry(key).or_default();
                c.0 += is_true as u32;
                c.1 += 1;
            }
        }
        eprintln!("oracle: learnt from seed {seed}");
    }
    let pairs: Vec<_> = result.links.iter().chain(&result.review).collect();
    let keys = oracle_keys(&pairs);
    let mut scored: Vec<(f64, usize, usize, bool)> = pairs
        .iter()
        .zip(&keys)
        .map(|(p, k)| {
            let share = [
                full.get(k),
                rivals.get(&(k.0, 0, k.2, k.3)),
                pattern.get(&(k.0, 0, 0, 0)),
            ]
            .into_iter()
            .flatten()
            .find(|c| c.1 >= 20)
            .map_or(p.probability, |c| c.0 as f64 / c.1 as f64);
            let is_true = truth.contains(&(left[p.left].id.clone(), right[p.right].id.clone()));
            (share, p.left, p.right, is_true)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut taken_l, mut taken_r) = (HashSet::new(), HashSet::new());
    let (mut n, mut tp, mut best) = (0usize, 0usize, (0.0f64, 1.0f64, 0usize, 0usize));
    for (share, l, r, is_true) in scored {
        if taken_l.contains(&l) || taken_r.contains(&r) {
            continue;
        }
        taken_l.insert(l);
        taken_r.insert(r);
        n += 1;
        tp += is_true as usize;
        let f1 = 2.0 * tp as f64 / (n + truth.len()) as f64;
        if f1 > best.0 {
            best = (f1, share, n, tp);
        }
    }
    let (f1, at, n, tp) = best;
    println!(
        "oracle ({} seeds, {} keys): F1 {f1:.4} (P {:.4} R {:.4}) at share {at:.3}, {n} links",
        seeds.len(),
        full.len(),
        tp as f64 / n.max(1) as f64,
        tp as f64 / truth.len().max(1) as f64
    );
}

/// Where the errors are: missed true pairs and false links by pattern
/// (family, given, patronymic, sex, date, place levels), and calibration.
fn diagnose(
    left: &[Record],
    right: &[Record],
    truth: &HashSet<(String, String)>,
    result: &homeward_linkage::LinkResult,
) {
    use std::collections::HashMap;
    let li: HashMap<&str, usize> = left
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let ri: HashMap<&str, usize> = right
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let linked: HashSet<(usize, usize)> = result.links.iter().map(|l| (l.left, l.right)).collect();
    let left_linked: HashSet<usize> = result.links.iter().map(|l| l.left).collect();
    let right_linked: HashSet<usize> = result.links.iter().map(|l| l.right).collect();
    let pat = |levels: Vec<&'static str>| levels.join(" ");
    // missed: pattern -> (count, rival-lost count, sum of pairwise prob)
    let mut missed: HashMap<String, (usize, usize, f64)> = HashMap::new();
    let mut n_missed = 0;
    for (a, b) in truth {
        let (i, j) = (li[a.as_str()], ri[b.as_str()]);
        if linked.contains(&(i, j)) {
            continue;
        }
        n_missed += 1;
        let e = explain(&result.model, &left[i], &right[j]);
        let key = pat(e.fields.iter().map(|f| f.level).collect());
        let x = missed.entry(key).or_default();
        x.0 += 1;
        if left_linked.contains(&i) || right_linked.contains(&j) {
            x.1 += 1;
        }
        x.2 += e.probability;
    }
    // Missed pairs by pairwise probability, split by whether the pair is
    // in the review band (so it was scored) or not (not scored, or its
    // posterior fell under the band's floor).
    let in_review: HashSet<(usize, usize)> =
        result.review.iter().map(|l| (l.left, l.right)).collect();
    let mut by_p = [(0usize, 0usize, 0usize); 10];
    let mut unseen: HashMap<String, usize> = HashMap::new();
    let mut examples: Vec<(usize, usize)> = Vec::new();
    for (a, b) in truth {
        let (i, j) = (li[a.as_str()], ri[b.as_str()]);
        if linked.contains(&(i, j)) {
            continue;
        }
        let e = explain(&result.model, &left[i], &right[j]);
        let k = ((e.probability * 10.0) as usize).min(9);
        if in_review.contains(&(i, j)) {
            by_p[k].0 += 1;
        } else if left_linked.contains(&i) || right_linked.contains(&j) {
            by_p[k].1 += 1;
        } else {
            by_p[k].2 += 1;
            if e.probability >= 0.5 && examples.len() < 12 {
                examples.push((i, j));
            }
            if e.probability >= 0.1 {
                *unseen
                    .entry(pat(e.fields.iter().map(|f| f.level).collect()))
                    .or_default() += 1;
            }
        }
    }
    println!(
        "missed by pairwise p: in review | not, a record linked elsewhere | not, neither linked"
    );
    for (k, (r, o, n)) in by_p.iter().enumerate() {
        println!(
            "  {:.1}-{:.1}: {r:7} {o:7} {n:7}",
            k as f64 / 10.0,
            (k + 1) as f64 / 10.0
        );
    }
    println!("missed, not in review, neither linked, pairwise p >= 0.1, by pattern:");
    let mut v: Vec<_> = unseen.iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(*b.1));
    for (k, n) in v.iter().take(15) {
        println!("  {k:60} {n:6}");
    }
    println!("examples (synthetic records), pairwise p >= 0.5, neither linked, not in review:");
    let show = |r: &Record| {
        format!(
            "{} {} {} {:?} {}",
            r.family_name, r.given_name, r.patronymic, r.birth_date, r.birth_place
        )
    };
    for (i, j) in &examples {
        println!("  {}  |  {}", show(&left[*i]), show(&right[*j]));
    }
    let mut false_links: HashMap<String, usize> = HashMap::new();
    let mut true_links: HashMap<String, usize> = HashMap::new();
    if std::env::var_os("QUALITY_SHOW_FALSE").is_some() {
        let want = std::env::var("QUALITY_SHOW_FALSE").unwrap_or_default();
        let mut shown = 0;
        for l in &result.links {
            let key = pat(FIELDS.iter().map(|f| l.comparison.level_name(*f)).collect());
            if !key.starts_with(want.as_str())
                || truth.contains(&(left[l.left].id.clone(), right[l.right].id.clone()))
            {
                continue;
            }
            let (a, b) = (&left[l.left], &right[l.right]);
            println!(
                "  false {key}: {} {} {} | {} {} {}",
                a.family_name,
                a.given_name,
                a.patronymic,
                b.family_name,
                b.given_name,
                b.patronymic
            );
            shown += 1;
            if shown == 15 {
                break;
            }
        }
    }
    let mut calib = [(0usize, 0usize); 10];
    for l in &result.links {
        let key = pat(FIELDS.iter().map(|f| l.comparison.level_name(*f)).collect());
        let t = truth.contains(&(left[l.left].id.clone(), right[l.right].id.clone()));
        if t {
            *true_links.entry(key).or_default() += 1;
        } else {
            *false_links.entry(key).or_default() += 1;
        }
        let b = ((l.probability * 10.0) as usize).min(9);
        calib[b].0 += 1;
        calib[b].1 += t as usize;
    }
    let mut calib_r = [(0usize, 0usize); 10];
    for l in &result.review {
        let t = truth.contains(&(left[l.left].id.clone(), right[l.right].id.clone()));
        let b = ((l.probability * 10.0) as usize).min(9);
        calib_r[b].0 += 1;
        calib_r[b].1 += t as usize;
    }
    println!(
        "missed {n_missed}: pattern (family given patronymic sex date place): missed, of them a record linked elsewhere, mean pairwise p | true links, false links"
    );
    let mut v: Vec<_> = missed.iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1.0));
    let rows = std::env::var("QUALITY_DIAG_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    for (k, (n, r, p)) in v.iter().take(rows) {
        println!(
            "  {k:60} {n:6} {r:6} {:.3} | {:6} {:6}",
            p / *n as f64,
            true_links.get(*k).copied().unwrap_or(0),
            false_links.get(*k).copied().unwrap_or(0)
        );
    }
    println!("false links by pattern:");
    let mut v: Vec<_> = false_links.iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(*b.1));
    for (k, n) in v.iter().take(20) {
        println!(
            "  {k:60} {n:6} | true {:6}",
            true_links.get(*k).copied().unwrap_or(0)
        );
    }
    let params = &result.model.parameters;
    println!("fitted m / u per level (prior {:.3e}):", params.prior);
    for f in FIELDS {
        let levels: Vec<String> = f
            .levels()
            .iter()
            .enumerate()
            .map(|(l, name)| {
                format!(
                    "{name} {:.4}/{:.4}",
                    params.m[f.index()][l],
                    params.u[f.index()][l]
                )
            })
            .collect();
        println!("  {:12} {}", f.name(), levels.join("  "));
    }
    println!("  family x patronymic: {:.2?}", params.joint);
    println!(
        "  renamed: given name replaced {:.4}",
        params.renamed_given_m
    );
    // The same shares among the true pairs (given names not two different
    // known names, as EM counts them).
    let mut true_m: Vec<Vec<f64>> = FIELDS.iter().map(|f| vec![0.0; f.levels().len()]).collect();
    for (a, b) in truth {
        let e = explain(&result.model, &left[li[a.as_str()]], &right[ri[b.as_str()]]);
        if e.fields[1].level == "differ" {
            continue;
        }
        for (f, fw) in e.fields.iter().enumerate() {
            let l = FIELDS[f]
                .levels()
                .iter()
                .position(|x| *x == fw.level)
                .unwrap_or(0);
            true_m[f][l] += 1.0;
        }
    }
    println!("true m per level:");
    for f in FIELDS {
        let c = &true_m[f.index()];
        let n: f64 = c[..c.len() - 1].iter().sum();
        let levels: Vec<String> = f.levels()[..c.len() - 1]
            .iter()
            .enumerate()
            .map(|(l, name)| format!("{name} {:.4}", c[l] / n.max(1.0)))
            .collect();
        println!("  {:12} {}", f.name(), levels.join("  "));
    }
    // Calibration by pattern over the links and the review band: where
    // the true pairs outnumber the sum of the posteriors, the model
    // under-rates the pattern (and the other way round).
    let mut by_pattern: HashMap<String, (usize, f64, usize)> = HashMap::new();
    for l in result.links.iter().chain(&result.review) {
        let key = pat(FIELDS.iter().map(|f| l.comparison.level_name(*f)).collect());
        let x = by_pattern.entry(key).or_default();
        x.0 += 1;
        x.1 += l.probability;
        x.2 += truth.contains(&(left[l.left].id.clone(), right[l.right].id.clone())) as usize;
    }
    let mut v: Vec<_> = by_pattern.iter().collect();
    v.sort_by(|a, b| {
        let gap = |x: &(usize, f64, usize)| (x.2 as f64 - x.1).abs();
        gap(b.1).total_cmp(&gap(a.1))
    });
    println!("calibration by pattern (links and review): pairs, sum of posteriors, true");
    for (k, (n, p, t)) in v.iter().take(25) {
        println!("  {k:60} {n:7} {p:9.1} {t:7}");
    }
    // The best F1 any threshold on these posteriors could give, knowing
    // the truth: the links and the review band, most probable first, one
    // to one. Far above the F1 reached, the threshold is the loss; near
    // it, the scores are.
    let mut all: Vec<&homeward_linkage::Link> = result.links.iter().chain(&result.review).collect();
    all.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    let (mut taken_l, mut taken_r) = (HashSet::new(), HashSet::new());
    let (mut n, mut tp, mut best) = (0usize, 0usize, (0.0f64, 1.0f64));
    for l in all {
        // Both free, or neither is taken.
        if taken_l.contains(&l.left) || taken_r.contains(&l.right) {
            continue;
        }
        taken_l.insert(l.left);
        taken_r.insert(l.right);
        n += 1;
        tp += truth.contains(&(left[l.left].id.clone(), right[l.right].id.clone())) as usize;
        let f1 = 2.0 * tp as f64 / (n + truth.len()) as f64;
        if f1 > best.0 {
            best = (f1, l.probability);
        }
    }
    println!(
        "best threshold knowing the truth: {:.4} gives F1 {:.4} (model's threshold {:.4})",
        best.1, best.0, result.model.threshold
    );
    println!("calibration (posterior decile: links n, true share | review n, true share):");
    for b in 0..10 {
        let (n, t) = calib[b];
        let (nr, tr) = calib_r[b];
        println!(
            "  {:.1}-{:.1}: {n:8} {:.3} | {nr:8} {:.3}",
            b as f64 / 10.0,
            (b + 1) as f64 / 10.0,
            t as f64 / n.max(1) as f64,
            tr as f64 / nr.max(1) as f64
        );
    }
}
