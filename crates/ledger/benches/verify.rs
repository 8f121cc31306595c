//! Whole-log verification speed: 100k synthetic envelopes of about 300
//! bytes, a signed checkpoint every 1024 entries.
//!
//! cargo bench -p homeward-ledger --bench verify

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use homeward_ledger::{
    Checkpoint, Envelope, LedgerKey, MerkleTree, PersonalData, Verifier, verify_bundle,
    write_bundle,
};

const ENTRIES: u64 = 100_000;
const EVERY: u64 = 1024;
const T0: i64 = 1_767_225_600_000_000;

struct Log {
    key: LedgerKey,
    envelopes: Vec<Vec<u8>>,
    personal: Vec<Option<PersonalData>>,
    checkpoints: Vec<Checkpoint>,
}

fn synthetic_log() -> Log {
    let key = LedgerKey::from_bytes(&[5; 32]);
    let mut tree = MerkleTree::new();
    let (mut envelopes, mut personal, mut checkpoints) = (Vec::new(), Vec::new(), Vec::new());
    for seq in 1..=ENTRIES {
        let p = (seq % 4 == 0).then(|| PersonalData {
            salt: [seq as u8; 32],
            data: format!("{{\"name\":\"Synthetic Child {seq}\",\"born\":\"03.2014\"}}")
                .into_bytes(),
        });
        let body = format!(
            "{{\"case\":\"C-{:06}\",\"from\":\"family_located\",\"to\":\"consent\",\"evidence\":[\"E-{:07}\",\"E-{:07}\"],\"note\":\"synthetic event for the benchmark, padded to a realistic size of about three hundred bytes\",\"org_ref\":\"R-{:05}\"}}",
            seq % 50_000,
            seq,
            seq + 1,
            seq % 99_991
        );
        let e = Envelope {
            seq,
            recorded_at: T0 + seq as i64 * 1_000,
            actor: format!("caseworker-{:03}", seq % 200),
            org: "mediator".into(),
            kind: "case.state_changed".into(),
            body: body.into_bytes(),
            personal: p.as_ref().map(PersonalData::commitment),
        };
        let bytes = e.encode();
        tree.push(homeward_ledger::leaf_hash(&bytes));
        envelopes.push(bytes);
        personal.push(p);
        if seq % EVERY == 0 || seq == ENTRIES {
            checkpoints.push(key.sign_checkpoint(
                "homeward.bench/ledger",
                seq,
                tree.root(),
                T0 + seq as i64 * 1_000,
            ));
        }
    }
    Log {
        key,
        envelopes,
        personal,
        checkpoints,
    }
}

fn bench(c: &mut Criterion) {
    let log = synthetic_log();
    let mean_len = log.envelopes.iter().map(Vec::len).sum::<usize>() / log.envelopes.len();
    eprintln!(
        "{} envelopes, mean {} bytes, {} checkpoints",
        ENTRIES,
        mean_len,
        log.checkpoints.len()
    );

    let mut group = c.benchmark_group("verify");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ENTRIES));

    group.bench_function("verifier_100k", |b| {
        b.iter(|| {
            let mut v = Verifier::new(vec![log.key.public()]);
            let mut next = 0;
            for (bytes, p) in log.envelopes.iter().zip(&log.personal) {
                v.push(bytes, p.as_ref()).unwrap();
                if log
                    .checkpoints
                    .get(next)
                    .is_some_and(|cp| cp.size == v.len())
                {
                    v.check_checkpoint(&log.checkpoints[next]).unwrap();
                    next += 1;
                }
            }
            black_box(v.finish(&log.checkpoints).unwrap())
        })
    });

    let mut bundle = Vec::new();
    write_bundle(
        &mut bundle,
        &[log.key.public()],
        &log.checkpoints,
        log.envelopes.iter().cloned(),
    )
    .unwrap();
    let pinned = log.key.public();
    group.bench_function("bundle_100k", |b| {
        b.iter(|| black_box(verify_bundle(bundle.as_slice(), Some(&pinned)).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
