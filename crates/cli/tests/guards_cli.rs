//! The guards against a real server: a burst of wrong passwords gets at
//! most five checks and little memory; a user disabled from the command
//! line (another process on the same database) is cut off within a second.

mod server_support;

use server_support::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The server's peak resident memory so far, in KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/<pid>/status")
}

fn sign_in(addr: &str, login: &str, password: &str) -> u16 {
    request(
        addr,
        "POST",
        "/api/v1/auth/token",
        None,
        &format!(r#"{{"login":"{login}","password":"{password}"}}"#),
    )
    .expect("sign-in answered")
    .0
}

#[test]
fn a_burst_of_200_wrong_passwords_gets_at_most_5_checks_and_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = demo_sqlite(dir.path());
    let server = Server::start(&db, &key, false);
    let addr = server.addr.clone();
    // Warm up: one check of each kind, so the baseline holds a hash's memory.
    assert_eq!(sign_in(&addr, "coordinator", "homeward-demo"), 200);
    assert_eq!(sign_in(&addr, "no-such-login", "wrong password!"), 401);
    let before = peak_kib(server.child.id());

    let start = std::sync::Arc::new(std::sync::Barrier::new(200));
    let burst: Vec<_> = (0..200)
        .map(|_| {
            let addr = addr.clone();
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                sign_in(&addr, "party-b", "wrong password!")
            })
        })
        .collect();
    let mut counts: BTreeMap<u16, usize> = BTreeMap::new();
    for t in burst {
        *counts.entry(t.join().unwrap()).or_default() += 1;
    }
    let grown_mib = peak_kib(server.child.id()).saturating_sub(before) / 1024;
    eprintln!("burst of 200: {counts:?}; peak memory grew by {grown_mib} MiB");
    server.stop();

    let checked = counts.get(&401).copied().unwrap_or(0);
    assert!((1..=5).contains(&checked), "{counts:?}");
    assert_eq!(
        counts.get(&429).copied().unwrap_or(0) + checked,
        200,
        "the rest is refused before any check: {counts:?}"
    );
    assert!(grown_mib < 400, "peak memory grew by {grown_mib} MiB");
}

#[test]
fn a_user_disabled_from_the_command_line_is_cut_off_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = demo_sqlite(dir.path());
    let server = Server::start(&db, &key, false);
    let addr = server.addr.clone();
    let escort = token(&addr, "escort");
    let me = |t: &str| {
        request(&addr, "GET", "/api/v1/auth/me", Some(t), "")
            .expect("answered")
            .0
    };
    assert_eq!(me(&escort), 200);

    let run = |args: &[&str], stdin: Option<&str>| {
        let mut cmd = homeward();
        cmd.args(args)
            .args(["--db", &db, "--ledger-key"])
            .arg(&key)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "homeward {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };

    let disabled_at = Instant::now();
    let said = run(&["user", "disable", "escort"], None);
    assert!(said.contains("disabled"), "{said}");
    let mut cut_off = None;
    while disabled_at.elapsed() < Duration::from_secs(5) {
        if me(&escort) == 401 {
            cut_off = Some(disabled_at.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let cut_off = cut_off.expect("the token stopped working");
    assert!(cut_off < Duration::from_secs(1), "{cut_off:?}");
    assert_eq!(sign_in(&addr, "escort", "homeward-demo"), 401);

    run(&["user", "enable", "escort"], None);
    run(
        &["user", "password", "escort"],
        Some("a new password for the escort\n"),
    );
    assert_eq!(sign_in(&addr, "escort", "homeward-demo"), 401);
    assert_eq!(
        sign_in(&addr, "escort", "a new password for the escort"),
        200
    );
    server.stop();
    verify(&db, &key);
}
