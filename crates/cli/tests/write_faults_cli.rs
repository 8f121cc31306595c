//! The real binary under faults: clients that hang up mid-request, `kill -9`
//! under concurrent writers, several servers on one PostgreSQL database,
//! and a backup taken while writers go on. After each, every acknowledged
//! write is present and `homeward ledger verify` passes.

mod server_support;

use server_support::*;
use std::collections::HashSet;
use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn child_body(i: usize) -> String {
    format!(
        r#"{{"given_name":"Олександр","family_name":"Шевченко{i}","birth_date":"2014","sex":"m","list_name":"Faults"}}"#
    )
}

/// Registers a child; its id when the server acknowledged it.
fn register(addr: &str, token: &str, i: usize) -> Option<String> {
    let (status, body) = request(
        addr,
        "POST",
        "/api/v1/children",
        Some(token),
        &child_body(i),
    )?;
    if status != 201 {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(&body).ok()?;
    Some(v["id"].as_str()?.to_owned())
}

fn children_in(db: &str) -> HashSet<String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        sqlx::any::install_default_drivers();
        let url = if db.starts_with("postgres") {
            db.to_owned()
        } else {
            format!("sqlite://{db}?mode=ro")
        };
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect(&url)
            .await
            .unwrap();
        let rows: Vec<(String,)> = sqlx::query_as("SELECT id FROM children")
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        rows.into_iter().map(|r| r.0).collect()
    })
}

#[test]
fn clients_that_hang_up_mid_write_leave_a_ledger_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = demo_sqlite(dir.path());
    let server = Server::start(&db, &key, false);
    let token = token(&server.addr, "party-a");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..5 {
        let mut threads = Vec::new();
        for i in 0..58 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Between 0.5 and 12 ms, as `curl -m` would give up.
            let wait = Duration::from_micros(500 + x % 11_500);
            let addr = server.addr.clone();
            let token = token.clone();
            threads.push(std::thread::spawn(move || {
                let Ok(mut s) = TcpStream::connect(&addr) else { return };
                let body = child_body(round * 100 + i);
                let _ = write!(
                    s,
                    "POST /api/v1/children HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                std::thread::sleep(wait);
                drop(s);
            }));
        }
        for t in threads {
            t.join().unwrap();
        }
        assert!(
            register(&server.addr, &token, 9000 + round).is_some(),
            "a normal write after round {round}"
        );
    }
    server.stop();
    verify(&db, &key);
    // After a restart the server writes as before.
    let server = Server::start(&db, &key, false);
    let token = crate::token(&server.addr, "party-a");
    assert!(register(&server.addr, &token, 9999).is_some());
    server.stop();
    verify(&db, &key);
}

/// Writers post children as fast as they can until told to stop; returns
/// the ids the servers acknowledged.
fn write_until(
    addrs: &[String],
    token: &str,
    writers: usize,
    stop: Arc<Mutex<bool>>,
) -> Vec<std::thread::JoinHandle<Vec<String>>> {
    (0..writers)
        .map(|w| {
            let addr = addrs[w % addrs.len()].clone();
            let token = token.to_owned();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut acked = Vec::new();
                let mut i = 0;
                while !*stop.lock().unwrap() {
                    if let Some(id) = register(&addr, &token, w * 1_000_000 + i) {
                        acked.push(id);
                    }
                    i += 1;
                }
                acked
            })
        })
        .collect()
}

#[test]
fn kill_9_under_concurrent_writers_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = demo_sqlite(dir.path());
    let mut all_acked = Vec::new();
    for round in 0..3 {
        let server = Server::start(&db, &key, false);
        let token = token(&server.addr, "party-a");
        let stop = Arc::new(Mutex::new(false));
        let writers = write_until(std::slice::from_ref(&server.addr), &token, 8, stop.clone());
        std::thread::sleep(Duration::from_millis(1500));
        server.kill9();
        *stop.lock().unwrap() = true;
        let acked: Vec<String> = writers
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect();
        assert!(
            !acked.is_empty(),
            "round {round}: no write was acknowledged before the kill"
        );
        all_acked.extend(acked);
        // A new server starts on what the killed one left.
        let again = Server::start(&db, &key, false);
        again.stop();
    }
    let present = children_in(&db);
    let lost: Vec<&String> = all_acked
        .iter()
        .filter(|id| !present.contains(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged writes are lost",
        lost.len(),
        all_acked.len()
    );
    verify(&db, &key);
}

#[test]
fn a_backup_taken_while_writers_go_on_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = demo_sqlite(dir.path());
    let server = Server::start(&db, &key, false);
    let token = token(&server.addr, "party-a");
    let stop = Arc::new(Mutex::new(false));
    let writers = write_until(std::slice::from_ref(&server.addr), &token, 4, stop.clone());
    std::thread::sleep(Duration::from_millis(300));
    let copy = dir.path().join("backup.db");
    let out = homeward()
        .args(["backup", "--db", &db, "--ledger-key"])
        .arg(&key)
        .arg("-o")
        .arg(&copy)
        .output()
        .unwrap();
    *stop.lock().unwrap() = true;
    for t in writers {
        t.join().unwrap();
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("ledger verified"), "{said}");
    server.stop();
    verify(copy.to_str().unwrap(), &key);
    // An existing file is never overwritten.
    let again = homeward()
        .args(["backup", "--db", &db, "--ledger-key"])
        .arg(&key)
        .arg("-o")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
}

#[test]
fn a_server_refuses_to_start_on_a_ledger_that_does_not_match_its_head() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = demo_sqlite(dir.path());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let last: i64 = rt.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect(&format!("sqlite://{db}"))
            .await
            .unwrap();
        let (last,): (i64,) = sqlx::query_as("SELECT MAX(seq) FROM ledger_entries")
            .fetch_one(&pool)
            .await
            .unwrap();
        sqlx::query("PRAGMA foreign_keys = OFF")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("DELETE FROM ledger_personal WHERE seq = $1")
            .bind(last)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("DELETE FROM ledger_entries WHERE seq = $1")
            .bind(last)
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        last
    });
    let out = homeward()
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--db",
            &db,
            "--ledger-key",
        ])
        .arg(&key)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().last().unwrap_or("");
    assert!(line.contains("refusing to start"), "{err}");
    assert!(line.contains(&format!("entry {last}")), "{err}");
}

#[test]
fn several_servers_on_one_postgres_database_keep_one_ledger() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let scratch = rt.block_on(homeward_testkit::ScratchDb::create());
    let db = scratch.url();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("ledger.key");
    Server::start(&db, &key, true).stop();

    let mut servers: Vec<Server> = Vec::new();
    let mut acked = Vec::new();
    for count in [2, 3] {
        while servers.len() < count {
            servers.push(Server::start(&db, &key, false));
        }
        let addrs: Vec<String> = servers.iter().map(|s| s.addr.clone()).collect();
        let token = token(&addrs[0], "party-a");
        let started = Instant::now();
        let stop = Arc::new(Mutex::new(false));
        let writers = write_until(&addrs, &token, 4 * count, stop.clone());
        std::thread::sleep(Duration::from_millis(1500));
        *stop.lock().unwrap() = true;
        let these: Vec<String> = writers
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect();
        assert!(
            these.len() > 20,
            "{count} servers acknowledged only {} writes in {:?}",
            these.len(),
            started.elapsed()
        );
        acked.extend(these);
    }
    for s in servers {
        s.stop();
    }
    let present = children_in(&db);
    let lost = acked.iter().filter(|id| !present.contains(*id)).count();
    assert_eq!(
        lost,
        0,
        "{lost} of {} acknowledged writes are lost",
        acked.len()
    );
    verify(&db, &key);
    rt.block_on(scratch.drop());
}
