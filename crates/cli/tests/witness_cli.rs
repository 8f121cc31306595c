//! Witnessing end to end with the real binary: two parties generate keys,
//! the mediator registers them, each party cosigns twice with writes in
//! between, the head carries both cosignatures, the bundle reports both
//! parties' cosigned sizes, the public report answers without sign-in and
//! names no one, and a forked copy of the database served by a second
//! `serve` is refused by party A's witness, with evidence anyone can check.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn homeward() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_homeward"));
    c.env_remove("HOMEWARD_DB")
        .env_remove("HOMEWARD_LEDGER_KEY")
        .env_remove("HOMEWARD_TOKEN");
    c
}

fn run(args: &[&str]) -> Output {
    homeward().args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs and expects success; returns standard output.
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "homeward {args:?} failed: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// One HTTP/1.1 request; returns the status and the body.
fn http(addr: &str, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out[9..12].parse().unwrap();
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(db: &Path, extra: &[&str]) -> Server {
        let mut child = homeward()
            .args(["serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .args(extra)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.strip_prefix("homeward listening on http://") {
                break rest.split_whitespace().next().unwrap().to_owned();
            }
        };
        // Keep reading standard error so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn token(&self, login: &str) -> String {
        let (status, body) = http(
            &self.addr,
            "POST",
            "/api/v1/auth/token",
            None,
            &format!(r#"{{"login":"{login}","password":"witness-test-pw"}}"#),
        );
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["token"].as_str().unwrap().to_owned()
    }

    fn register_child(&self, token: &str, family: &str) {
        let (status, body) = http(
            &self.addr,
            "POST",
            "/api/v1/children",
            Some(token),
            &format!(
                r#"{{"given_name":"Тарас","family_name":"{family}","birth_date":"2015-04-02","sex":"M"}}"#
            ),
        );
        assert_eq!(status, 201, "{body}");
    }

    fn stop(mut self) {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(self.child.wait().unwrap().success());
    }
}

fn add_user(db: &str, login: &str, org: &str, role: &str) {
    let mut child = homeward()
        .args([
            "user", "add", login, "--org", org, "--role", role, "--db", db,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"witness-test-pw\n")
        .unwrap();
    assert!(child.wait().unwrap().success());
}

/// `ledger cosign` for one party; returns the process output.
fn cosign(server: &Server, token: &str, dir: &Path, party: &str, extra: &[&str]) -> Output {
    let key = dir.join(format!("{party}.key"));
    let state = dir.join(format!("{party}.state"));
    homeward()
        .args([
            "ledger",
            "cosign",
            "--server",
            &server.url(),
            "--token",
            token,
        ])
        .arg("--key")
        .arg(&key)
        .arg("--state")
        .arg(&state)
        .args(extra)
        .output()
        .unwrap()
}

fn cosigned_size(out: &Output) -> u64 {
    assert!(
        out.status.success(),
        "cosign failed: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let line = text(&out.stdout);
    line.strip_prefix("cosigned size ")
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected output: {line}"))
}

#[test]
fn two_parties_cosign_and_a_fork_is_refused_with_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db_path = d.join("mediator.db");
    let db = db_path.to_str().unwrap();
    ok(&[
        "org", "add", "Party A", "--kind", "party", "--side", "A", "--db", db,
    ]);
    ok(&[
        "org", "add", "Party B", "--kind", "party", "--side", "B", "--db", db,
    ]);
    ok(&["org", "add", "Transit", "--kind", "transit", "--db", db]);
    add_user(db, "pa", "Party A", "party_officer");
    add_user(db, "pb", "Party B", "party_officer");
    let server = Server::start(&db_path, &["--public-report"]);

    // Each party makes its key; the file is private and never overwritten.
    let mut vkeys = Vec::new();
    for (party, name) in [
        ("a", "party-a.example/witness"),
        ("b", "party-b.example/witness"),
    ] {
        let key = d.join(format!("{party}.key"));
        let out = ok(&[
            "ledger",
            "keygen",
            "--name",
            name,
            "-o",
            key.to_str().unwrap(),
        ]);
        let vkey = out.trim().to_owned();
        assert!(vkey.starts_with(&format!("{name}+")), "{vkey}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = run(&[
            "ledger",
            "keygen",
            "--name",
            name,
            "-o",
            key.to_str().unwrap(),
        ]);
        assert!(!again.status.success());
        assert!(text(&again.stderr).contains("refusing to overwrite"));
        vkeys.push(vkey);
    }
    // Only a party's key, registered by the mediator: a transit state cannot
    // have one.
    let refused = run(&[
        "org",
        "witness",
        "Transit",
        "--public-key",
        &vkeys[0],
        "--db",
        db,
    ]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("only a party organisation"));
    ok(&[
        "org",
        "witness",
        "Party A",
        "--public-key",
        &vkeys[0],
        "--db",
        db,
    ]);
    ok(&[
        "org",
        "witness",
        "Party B",
        "--public-key",
        &vkeys[1],
        "--db",
        db,
    ]);

    let ta = server.token("pa");
    let tb = server.token("pb");
    let (status, mediator_key) = http(&server.addr, "GET", "/api/v1/ledger/key", Some(&tb), "");
    assert_eq!(status, 200);
    let mediator_key = mediator_key.trim().to_owned();

    // Round one: A trusts the key on first use (and says so), B pins it.
    let out = cosign(&server, &ta, d, "a", &[]);
    assert!(text(&out.stderr).contains("trusting the mediator key"));
    let first = cosigned_size(&out);
    let out = cosign(&server, &tb, d, "b", &["--mediator-key", &mediator_key]);
    assert_eq!(cosigned_size(&out), first);

    // A consistent copy of the database as cosigned in round one: the fork.
    let fork_path = d.join("fork.db");
    ok(&["backup", "--db", db, "-o", fork_path.to_str().unwrap()]);
    let mut key_copy = fork_path.as_os_str().to_owned();
    key_copy.push(".ledger-key");
    std::fs::copy(d.join("mediator.db.ledger-key"), PathBuf::from(key_copy)).unwrap();

    // Writes, then round two.
    server.register_child(&ta, "Бондар");
    server.register_child(&ta, "Коваль");
    let second = cosigned_size(&cosign(&server, &ta, d, "a", &[]));
    assert!(second >= first + 2, "{first} -> {second}");
    assert_eq!(cosigned_size(&cosign(&server, &tb, d, "b", &[])), second);

    // Party B's officer cannot upload party A's cosignature as its own.
    let out = cosign(&server, &tb, d, "a", &[]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("did not take the cosignature of witness party-a"),
        "{}",
        text(&out.stderr)
    );

    // The latest checkpoint carries the mediator's signature and both
    // cosignatures.
    let (status, note) = http(
        &server.addr,
        "GET",
        "/api/v1/ledger/checkpoint",
        Some(&ta),
        "",
    );
    assert_eq!(status, 200);
    assert!(note.starts_with(&format!("homeward\n{second}\n")), "{note}");
    assert!(note.contains("\n— homeward "), "{note}");
    assert!(note.contains("\n— party-a.example/witness "), "{note}");
    assert!(note.contains("\n— party-b.example/witness "), "{note}");
    let (status, proof) = http(
        &server.addr,
        "GET",
        &format!("/api/v1/ledger/proof/inclusion?seq=1&size={second}"),
        Some(&tb),
        "",
    );
    assert_eq!(status, 200, "{proof}");

    // The public report answers without sign-in, with the checkpoint and no
    // name.
    let (status, report) = http(&server.addr, "GET", "/api/v1/public/report", None, "");
    assert_eq!(status, 200, "{report}");
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["checkpoint"]["size"].as_u64().unwrap(), second);
    assert_eq!(v["checkpoint"]["cosigned_by"].as_array().unwrap().len(), 2);
    let party_a = v["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["party"] == "Party A")
        .unwrap();
    assert_eq!(party_a["reported"], "<5");
    let (status, page) = http(&server.addr, "GET", "/public/report", None, "");
    assert_eq!(status, 200);
    for name in ["Тарас", "Бондар", "Коваль"] {
        assert!(!report.contains(name), "the report names {name}");
        assert!(!page.contains(name), "the page names {name}");
    }

    // The audit bundle reports both parties' cosigned sizes.
    let bundle = d.join("ledger.bundle");
    let export = ok(&[
        "ledger",
        "export",
        "--db",
        db,
        "-o",
        bundle.to_str().unwrap(),
    ]);
    let public_key = export
        .lines()
        .find_map(|l| l.strip_prefix("signing key: "))
        .unwrap()
        .to_owned();
    let verified = ok(&[
        "ledger",
        "verify",
        "--bundle",
        bundle.to_str().unwrap(),
        "--public-key",
        &public_key,
        "--witness-key",
        &vkeys[0],
        "--witness-key",
        &vkeys[1],
    ]);
    for name in ["party-a.example/witness", "party-b.example/witness"] {
        assert!(
            verified.contains(&format!("witness {name} cosigned up to {second} entries")),
            "{verified}"
        );
    }

    // The fork, served by a second server, grows with other writes. Party
    // A's witness refuses it, says why, and keeps evidence.
    let fork = Server::start(&fork_path, &[]);
    let (status, _) = http(&fork.addr, "GET", "/api/v1/public/report", None, "");
    assert_eq!(status, 404, "no public report without --public-report");
    for family in ["Мельник", "Шевчук", "Ткаченко"] {
        fork.register_child(&ta, family);
    }
    let state_before = std::fs::read_to_string(d.join("a.state")).unwrap();
    let out = cosign(&fork, &ta, d, "a", &[]);
    assert!(!out.status.success(), "the fork was cosigned");
    let err = text(&out.stderr);
    assert!(err.contains("inconsistent"), "{err}");
    assert!(
        err.contains(&format!("cosigned for size {second}")),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("a.state")).unwrap(),
        state_before,
        "the state is kept"
    );
    let evidence = d.join("a.state.evidence");
    let checked = ok(&[
        "ledger",
        "check-evidence",
        evidence.to_str().unwrap(),
        "--mediator-key",
        &mediator_key,
    ]);
    assert!(checked.starts_with("no consistency"), "{checked}");
    fork.stop();

    // The real server is still cosigned by both; verify says how far.
    server.stop();
    let summary = ok(&["ledger", "verify", "--db", db]);
    for name in ["party-a.example/witness", "party-b.example/witness"] {
        assert!(
            summary.contains(&format!("witness {name}: cosigned up to {second} of")),
            "{summary}"
        );
    }
}
