//! Throughput of the write path and of `ledger verify`, printed as a table.
//!
//! `cargo bench -p homeward-store --bench write_path` (set
//! `HOMEWARD_BENCH_VERIFY_SIZES=100000,1000000` to choose ledger sizes).
//! The write path is compared, in the same run and on the same disk, with a
//! bare INSERT of the same row in its own transaction: the ratio is the cost
//! of the ledger, the projection and the signed head.

use homeward_domain::*;
use homeward_store::seed;
use homeward_store::{Store, StoreConfig};
use sqlx::Executor;
use std::time::{Duration, Instant};

/// The `homeward` binary's allocator, so that `ledger verify` is measured
/// as it runs there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn details(i: usize) -> ChildDetails {
    ChildDetails {
        names: vec![PersonName {
            family_name: format!("Шевченко{}", i % 997),
            given_name: "Олександр".into(),
            patronymic: Some("Петрович".into()),
            lang: "uk".into(),
            kind: NameKind::Recorded,
        }],
        sex: Some(Sex::M),
        birth_date: BirthDate::parse("2014-03-09").ok(),
        birth_place: Some(Place::named("uk", "Харків")),
        ..Default::default()
    }
}

fn register(org: &OrgId, i: usize) -> Command {
    Command::RegisterChild {
        child_id: ChildId(Store::new_id()),
        org_id: org.clone(),
        list_name: "bench".into(),
        import_id: None,
        details: details(i),
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn open(dir: &std::path::Path, name: &str) -> Store {
    Store::open(&StoreConfig::new(dir.join(name).to_str().unwrap()))
        .await
        .unwrap()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir =
        tempfile::tempdir_in(std::env::var("HOMEWARD_BENCH_DIR").unwrap_or_else(|_| ".".into()))
            .unwrap();
    let n = 3000;
    println!("| measurement | result |");
    println!("|---|---|");

    // 1. One command per transaction through the whole write path.
    let store = open(dir.path(), "write.db").await;
    let cast = seed::cast(&store, "$argon2id$bench").await.unwrap();
    let mut lat = Vec::with_capacity(n);
    let start = Instant::now();
    for i in 0..n {
        let t = Instant::now();
        store
            .execute(&cast.party_a, register(&cast.party_a.org, i))
            .await
            .unwrap();
        lat.push(t.elapsed());
    }
    let ours = start.elapsed();
    let p50 = median(lat.clone());
    lat.sort();
    let p99 = lat[lat.len() * 99 / 100];
    println!(
        "| write path, SQLite (WAL, synchronous=FULL), 1 command/transaction | {:.0} commands/s (p50 {:.2} ms, p99 {:.2} ms) |",
        n as f64 / ours.as_secs_f64(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );

    // 2. The alternative: a bare INSERT of the same JSON, same pragmas, no ledger.
    let bare = open(dir.path(), "bare.db").await;
    bare.pool()
        .execute("CREATE TABLE bare (id TEXT PRIMARY KEY, details TEXT NOT NULL)")
        .await
        .unwrap();
    let start = Instant::now();
    for i in 0..n {
        let json = serde_json::to_string(&details(i)).unwrap();
        let mut tx = bare.pool().begin().await.unwrap();
        sqlx::query("INSERT INTO bare (id, details) VALUES ($1, $2)")
            .bind(Store::new_id())
            .bind(json)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let theirs = start.elapsed();
    println!(
        "| bare INSERT, same database settings, 1 row/transaction | {:.0} rows/s (write path takes {:.2}x as long) |",
        n as f64 / theirs.as_secs_f64(),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
    store.close().await;
    bare.close().await;

    // 3. ledger verify at several sizes (events written in batches of 5000).
    let sizes: Vec<usize> = std::env::var("HOMEWARD_BENCH_VERIFY_SIZES")
        .unwrap_or_else(|_| "100000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("sizes are numbers"))
        .collect();
    for size in sizes {
        let store = open(dir.path(), &format!("verify-{size}.db")).await;
        let cast = seed::cast(&store, "$argon2id$bench").await.unwrap();
        let mut written = store.ledger_size().await.unwrap() as usize;
        let start = Instant::now();
        while written < size {
            let batch = (written..(written + 5000).min(size))
                .map(|i| register(&cast.party_a.org, i))
                .collect();
            written += store
                .execute_all(&cast.party_a, batch)
                .await
                .unwrap()
                .seqs
                .len();
        }
        let fill = start.elapsed();
        let mut runs = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            let summary = store.verify(None).await.unwrap();
            runs.push(t.elapsed());
            assert_eq!(summary.entries as usize, written);
        }
        let m = median(runs);
        println!(
            "| ledger verify, {written} events (replay + compare every row), median of 3 | {:.2} s = {:.0} events/s (batched writes: {:.0} events/s) |",
            m.as_secs_f64(),
            written as f64 / m.as_secs_f64(),
            written as f64 / fill.as_secs_f64()
        );
        store.close().await;
    }
}
