//! The scorer: a field-by-field comparison and weight of one pair
//! (`explain`, which also prepares both records), and whole `link` runs on
//! generated lists (blocking, comparison, EM, assignment).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use homeward_linkage::{LinkOptions, Record, explain, link, parse_date, parse_sex};
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

fn lists(n: usize) -> (Vec<Record>, Vec<Record>) {
    let g = gen_lists(&GenConfig {
        seed: 1,
        left: n,
        matches: n * 6 / 10,
        distractors: n * 4 / 10,
    });
    (
        g.left.iter().map(record).collect(),
        g.right.iter().map(record).collect(),
    )
}

fn bench(c: &mut Criterion) {
    let (left, right) = lists(2000);
    let model = link(&left, &right, &LinkOptions::default(), &|_| {}).model;
    let pairs: Vec<(&Record, &Record)> = left.iter().zip(&right).take(256).collect();
    let mut g = c.benchmark_group("explain");
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function("256 pairs", |b| {
        b.iter(|| {
            pairs
                .iter()
                .map(|(l, r)| explain(&model, l, r).weight)
                .sum::<f64>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("link");
    g.sample_size(10);
    for n in [5_000usize, 20_000] {
        let (left, right) = lists(n);
        g.throughput(Throughput::Elements((left.len() + right.len()) as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                link(&left, &right, &LinkOptions::default(), &|_| {})
                    .links
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
