//! What the command-line tests that run `homeward serve` share: the binary,
//! a server on a free port, raw HTTP/1.1 requests, sign-in and verification.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub fn homeward() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_homeward"));
    c.env_remove("HOMEWARD_DB")
        .env_remove("HOMEWARD_LEDGER_KEY")
        .env("HOMEWARD_LOG", "warn");
    c
}

pub struct Server {
    pub child: Child,
    pub addr: String,
}

impl Server {
    pub fn start(db: &str, key: &Path, demo: bool) -> Server {
        let mut cmd = homeward();
        cmd.args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--db",
            db,
            "--ledger-key",
        ])
        .arg(key);
        if demo {
            cmd.arg("--demo");
        }
        let mut child = cmd
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut seen = String::new();
        let addr = loop {
            let Some(line) = lines.next() else {
                panic!("serve stopped before listening:\n{seen}");
            };
            let line = line.unwrap();
            seen.push_str(&line);
            seen.push('\n');
            if let Some(rest) = line.strip_prefix("homeward listening on http://") {
                break rest.split_whitespace().next().unwrap().to_owned();
            }
        };
        // Keep reading, so that a full pipe never blocks the server.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    pub fn stop(mut self) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "serve exits cleanly on SIGTERM: {status}");
    }

    pub fn kill9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

/// One HTTP/1.1 exchange; `None` when the connection failed or broke.
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let status = out.get(9..12)?.parse().ok()?;
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Some((status, body))
}

pub fn token(addr: &str, login: &str) -> String {
    let (status, body) = request(
        addr,
        "POST",
        "/api/v1/auth/token",
        None,
        &format!(r#"{{"login":"{login}","password":"homeward-demo"}}"#),
    )
    .expect("sign-in answered");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["token"].as_str().unwrap().to_owned()
}

pub fn verify(db: &str, key: &Path) {
    let out = homeward()
        .args(["ledger", "verify", "--db", db, "--ledger-key"])
        .arg(key)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ledger verify failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh SQLite demo database, stopped.
pub fn demo_sqlite(dir: &Path) -> (String, PathBuf) {
    let db = dir.join("live.db").to_str().unwrap().to_owned();
    let key = dir.join("live.key");
    Server::start(&db, &key, true).stop();
    (db, key)
}
