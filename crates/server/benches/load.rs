//! Load benchmark of the HTTP API on a database of 100k children, driven by
//! `wrk` over loopback and printed as a Markdown table.
//!
//! `cargo bench -p homeward-server --bench load`
//!
//! Environment (all optional): `HOMEWARD_BENCH_CHILDREN` (100000),
//! `HOMEWARD_BENCH_SECONDS` per run (10), `HOMEWARD_BENCH_CONNECTIONS` (16),
//! `HOMEWARD_BENCH_RUNS` per scenario (3), `HOMEWARD_BENCH_DIR` (the system's
//! temporary directory; the database lives there and is deleted afterwards),
//! `HOMEWARD_BENCH_ONLY` (run only the scenarios whose name contains it, e.g.
//! `children?q`, for profiling), `HOMEWARD_BENCH_KEEP` (keep the directory).
//!
//! The database is built through the write path in batches
//! (`Store::execute_all`), so its ledger, projections and name cache are the
//! real thing. The server runs in this process on 127.0.0.1 with two Tokio
//! workers; `wrk` (one thread) runs beside it on the same two cores. Each
//! scenario runs `RUNS` times, interleaved with the others, and the table
//! shows medians. Reading a child queues an access-log event, which the
//! server writes to the ledger in batches while the load runs; the last
//! row checks that every read was written.
//!
//! Scenarios, from the floor up:
//! - `GET /healthz`: routing, middleware and one `SELECT 1`;
//! - `GET /api/v1/auth/me`: the same plus bearer-token authentication;
//! - `GET /api/v1/children/{id}`: a random child of the 100k, with custody,
//!   family, tracing requests and cases, and its access-log event;
//! - `GET /api/v1/children?q=...`: a name search in Latin letters for a
//!   child's Cyrillic name (first page of 50, and the total).

use homeward_domain::*;
use homeward_server::{AppState, serve};
use homeward_store::sessions::{Session, SessionKind};
use homeward_store::{Store, StoreConfig, seed};
use std::io::Write;
use std::path::Path;
use std::process::Command as Process;
use std::sync::Arc;
use std::time::Instant;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} must be a number"))
        })
        .unwrap_or(default)
}

const TOKEN: &str = "load-benchmark-token-of-the-coordinator";

/// Picks a random line of the file named by the first argument as the path
/// of each request, and prints the figures on one line at the end.
const WRK_SCRIPT: &str = r#"
local paths = {}
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"#;

fn child_details(c: &homeward_synth::DemoChild) -> ChildDetails {
    ChildDetails {
        names: vec![PersonName {
            family_name: c.uk.family_name.clone(),
            given_name: c.uk.given_name.clone(),
            patronymic: Some(c.uk.patronymic.clone()).filter(|p| !p.is_empty()),
            lang: "uk".into(),
            kind: NameKind::Recorded,
        }],
        sex: Some(if c.sex.code() == "M" { Sex::M } else { Sex::F }),
        birth_date: BirthDate::parse(&c.birth_date).ok(),
        birth_place: Some(Place::named("uk", &c.birth_place_uk)),
        documents: vec![],
        circumstances: vec![],
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

struct Run {
    requests: u64,
    secs: f64,
    p50_ms: f64,
    p99_ms: f64,
    bad_status: u64,
    socket_errors: u64,
}

impl Run {
    fn per_sec(&self) -> f64 {
        self.requests as f64 / self.secs
    }
}

fn wrk(base: &str, script: &Path, paths: &Path, secs: usize, conns: usize) -> Run {
    let out = Process::new("wrk")
        .args(["-t1", &format!("-c{conns}"), &format!("-d{secs}s")])
        .args(["--timeout", "5s"])
        .args(["-H", &format!("Authorization: Bearer {TOKEN}")])
        .arg("-s")
        .arg(script)
        .arg(base)
        .arg("--")
        .arg(paths)
        .output()
        .expect("wrk runs (Debian package 'wrk')");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("wrk printed no result:\n{text}"));
    let f: Vec<u64> = line
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    Run {
        requests: f[0],
        secs: f[1] as f64 / 1e6,
        p50_ms: f[2] as f64 / 1e3,
        p99_ms: f[3] as f64 / 1e3,
        bad_status: f[4],
        socket_errors: f[5],
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n = env_or("HOMEWARD_BENCH_CHILDREN", 100_000);
    let secs = env_or("HOMEWARD_BENCH_SECONDS", 10);
    let conns = env_or("HOMEWARD_BENCH_CONNECTIONS", 16);
    let runs = env_or("HOMEWARD_BENCH_RUNS", 3);
    let dir = tempfile::tempdir_in(
        std::env::var("HOMEWARD_BENCH_DIR")
            .unwrap_or_else(|_| std::env::temp_dir().display().to_string()),
    )
    .unwrap();

    // 1. The database: the demo's cast, then n children in batches.
    let store = Store::open(&StoreConfig::new(
        dir.path().join("load.db").to_str().unwrap(),
    ))
    .await
    .unwrap();
    let cast = seed::cast(&store, "$argon2id$bench").await.unwrap();
    let t = Instant::now();
    let children = homeward_synth::demo_children(2026, n);
    let mut ids = Vec::with_capacity(n);
    for chunk in children.chunks(5000) {
        let batch: Vec<Command> = chunk
            .iter()
            .map(|c| {
                let id = ChildId(Store::new_id());
                ids.push(id.clone());
                Command::RegisterChild {
                    child_id: id,
                    org_id: cast.party_a.org.clone(),
                    list_name: "load benchmark".into(),
                    import_id: None,
                    details: child_details(c),
                }
            })
            .collect();
        store.execute_all(&cast.party_a, batch).await.unwrap();
    }
    eprintln!(
        "pid {}: built {n} children in {:.1} s ({:.0}/s)",
        std::process::id(),
        t.elapsed().as_secs_f64(),
        n as f64 / t.elapsed().as_secs_f64(),
    );
    let now = homeward_server::auth::now_secs();
    store
        .create_session(&Session {
            secret_hash: homeward_server::auth::secret_hash(TOKEN),
            kind: SessionKind::Token,
            user_id: cast.coordinator.user.clone(),
            created_at: now,
            last_seen: now,
            expires_at: now + 24 * 3600,
            revoked: false,
        })
        .await
        .unwrap();

    // 2. The request paths, one per line.
    let write_lines = |name: &str, lines: &mut dyn Iterator<Item = String>| {
        let path = dir.path().join(name);
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for l in lines {
            writeln!(f, "{l}").unwrap();
        }
        f.flush().unwrap();
        path
    };
    let script = dir.path().join("random-path.lua");
    std::fs::write(&script, WRK_SCRIPT).unwrap();
    let scenarios = [
        (
            "GET /healthz (floor)",
            write_lines("healthz.txt", &mut std::iter::once("/healthz".to_owned())),
        ),
        (
            "GET /api/v1/auth/me (token check only)",
            write_lines("me.txt", &mut std::iter::once("/api/v1/auth/me".to_owned())),
        ),
        (
            "GET /api/v1/children/{id} (random of 100k, access-logged)",
            write_lines(
                "children.txt",
                &mut ids.iter().map(|id| format!("/api/v1/children/{}", id.0)),
            ),
        ),
        (
            "GET /api/v1/children?q=<Latin given + family name>",
            write_lines(
                "search.txt",
                &mut children.iter().step_by(97).map(|c| {
                    format!(
                        "/api/v1/children?q={}",
                        encode(&format!("{} {}", c.latin.given_name, c.latin.family_name))
                    )
                }),
            ),
        ),
    ];

    // 3. Serve and measure.
    let store = Arc::new(store);
    let state = AppState::new(store.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(state, listener, async {
        let _ = stopped.await;
    }));
    let ledger_before = store.ledger_size().await.unwrap();
    let mut results: Vec<Vec<Run>> = scenarios.iter().map(|_| Vec::new()).collect();
    let only = std::env::var("HOMEWARD_BENCH_ONLY").unwrap_or_default();
    for _ in 0..runs {
        for (i, (name, paths)) in scenarios.iter().enumerate() {
            if !name.contains(only.as_str()) {
                continue;
            }
            let (base, script, paths) = (base.clone(), script.clone(), paths.clone());
            let run = tokio::task::spawn_blocking(move || wrk(&base, &script, &paths, secs, conns))
                .await
                .unwrap();
            assert_eq!(
                run.bad_status + run.socket_errors,
                0,
                "{}: {} error statuses, {} socket errors",
                scenarios[i].0,
                run.bad_status,
                run.socket_errors
            );
            results[i].push(run);
        }
    }
    let logged = store.ledger_size().await.unwrap() - ledger_before;
    let reads: u64 = results[2].iter().map(|r| r.requests).sum();
    let _ = stop.send(());
    server.await.unwrap().unwrap();

    println!(
        "{n} children, {runs} runs of {secs} s per scenario with wrk -t1 -c{conns}, medians of the runs\n"
    );
    println!("| request | requests/s | p50 | p99 | vs. floor |");
    println!("|---|---:|---:|---:|---:|");
    let floor = if results[0].is_empty() {
        f64::NAN
    } else {
        median(results[0].iter().map(Run::per_sec).collect())
    };
    for ((name, _), rs) in scenarios.iter().zip(&results) {
        if rs.is_empty() {
            continue;
        }
        let rate = median(rs.iter().map(Run::per_sec).collect());
        println!(
            "| {name} | {rate:.0} | {:.2} ms | {:.2} ms | {:.2}x the time |",
            median(rs.iter().map(|r| r.p50_ms).collect()),
            median(rs.iter().map(|r| r.p99_ms).collect()),
            floor / rate
        );
    }
    println!(
        "\nAccess log: {reads} child reads answered, {logged} ledger events written \
         (each read is answered after its event is durable; wrk's last requests \
         may be written but not counted)."
    );
    store.close().await;
    if std::env::var_os("HOMEWARD_BENCH_KEEP").is_some() {
        eprintln!("kept {}", dir.keep().display());
    }
}
