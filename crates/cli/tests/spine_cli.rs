//! The binary end to end: serve --demo, health check, clean shutdown,
//! ledger verify on the result, tampering in copies, audit bundles, and the
//! one-sentence errors for bad input.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

fn homeward() -> Command {
    Command::new(env!("CARGO_BIN_EXE_homeward"))
}

fn run(args: &[&str]) -> Output {
    homeward()
        .args(args)
        .env_remove("HOMEWARD_DB")
        .env_remove("HOMEWARD_LEDGER_KEY")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn http_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// One demo database for the whole file, made by `serve --demo` and stopped
/// with SIGTERM; tests work on copies.
fn demo_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        let mut child = homeward()
            .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--db"])
            .arg(&db)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut seen = String::new();
        let addr = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            seen.push_str(&line);
            seen.push('\n');
            if let Some(rest) = line.strip_prefix("homeward listening on http://") {
                break rest.split_whitespace().next().unwrap().to_owned();
            }
        };
        for login in [
            "coordinator",
            "caseworker",
            "escort",
            "party-a",
            "party-b",
            "transit-1",
            "transit-2",
            "auditor",
            "admin",
        ] {
            assert!(
                seen.contains(&format!("  {login}\n")),
                "demo prints login {login}"
            );
        }
        assert!(seen.contains("homeward-demo"));
        let reply = http_get(&addr, "/healthz");
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        let pid = child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let status = child.wait().unwrap();
        assert!(status.success(), "serve exits cleanly on SIGTERM: {status}");
        (dir, db)
    });
    path
}

/// A copy of the demo database and its key in a fresh directory.
fn copy_of_demo() -> (tempfile::TempDir, PathBuf) {
    let src = demo_db();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("copy.db");
    std::fs::copy(src, &db).unwrap();
    let mut key = src.as_os_str().to_owned();
    key.push(".ledger-key");
    let mut dst_key = db.as_os_str().to_owned();
    dst_key.push(".ledger-key");
    std::fs::copy(key, dst_key).unwrap();
    (dir, db)
}

#[test]
fn the_demo_database_verifies() {
    let out = run(&["ledger", "verify", "--db", demo_db().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = text(&out.stdout);
    assert!(line.starts_with("ledger verified: "), "{line}");
    assert_eq!(line.lines().count(), 1);
}

#[test]
fn demo_fills_only_an_empty_database() {
    let (_dir, db) = copy_of_demo();
    let before = std::fs::metadata(&db).unwrap().len();
    let mut child = homeward()
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("already holds data"), "{first}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    let out = run(&["ledger", "verify", "--db", db.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(std::fs::metadata(&db).unwrap().len() >= before);
}

/// Changes one row of `table` in a copy and expects verify to fail naming it.
fn check_tamper(table: &str, sql: &str, expect: &str) {
    let (_dir, db) = copy_of_demo();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let n = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut conn)
            .await
            .unwrap()
            .rows_affected();
        assert_eq!(n, 1, "{table}: the change touches one row");
        conn.close().await.unwrap();
    });
    let out = run(&["ledger", "verify", "--db", db.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert!(
        !out.status.success(),
        "a change to {table} was not detected"
    );
    assert!(
        err.contains(expect),
        "{table}: '{err}' should mention '{expect}'"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("Олександр") && !err.contains("Шевченко"));
}

#[test]
fn altering_one_row_of_any_guarded_table_is_detected_and_named() {
    // Every table of the schema except sessions, migration bookkeeping and
    // cache_* tables, with the row that was changed named in the message.
    let cases: &[(&str, &str, &str)] = &[
        (
            "ledger_entries",
            "UPDATE ledger_entries SET envelope = envelope || x'00' WHERE seq = 5",
            "position 4",
        ),
        (
            "ledger_entries",
            "UPDATE ledger_entries SET envelope = CAST(envelope || x'00' AS BLOB) WHERE seq = 6",
            "position 5",
        ),
        (
            "ledger_personal",
            "UPDATE ledger_personal SET data = data || x'20' WHERE seq = (SELECT MIN(seq) FROM ledger_personal)",
            "personal data",
        ),
        (
            "ledger_checkpoints",
            "UPDATE ledger_checkpoints SET note = replace(note, 'homeward', 'homewarD') WHERE size = (SELECT MIN(size) FROM ledger_checkpoints)",
            "checkpoint",
        ),
        (
            "ledger_head",
            "UPDATE ledger_head SET size = size - 1",
            "ledger_head",
        ),
        (
            "ledger_keys",
            "UPDATE ledger_keys SET seq = 2",
            "table ledger_keys: row",
        ),
        (
            "organisations",
            "UPDATE organisations SET name = 'Party C' WHERE name = 'Party A'",
            "table organisations: row",
        ),
        (
            "users",
            "UPDATE users SET role = 'coordinator' WHERE login = 'party-a'",
            "table users: row",
        ),
        (
            "children",
            "UPDATE children SET birth_year = birth_year + 1 WHERE rowid = 7",
            "table children: row",
        ),
        (
            "custody_records",
            "UPDATE custody_records SET kind = 'family' WHERE rowid = 3",
            "table custody_records: row",
        ),
        (
            "family_members",
            "UPDATE family_members SET relationship = 'father' WHERE rowid = 2",
            "table family_members: row",
        ),
        (
            "tracing_requests",
            "UPDATE tracing_requests SET status = 'closed' WHERE rowid = 4",
            "table tracing_requests: row",
        ),
        (
            "cases",
            "UPDATE cases SET state = 'approved' WHERE rowid = 1",
            "table cases: row",
        ),
        (
            "case_history",
            "DELETE FROM case_history WHERE seq = (SELECT MAX(seq) FROM case_history)",
            "table case_history: row",
        ),
        (
            "case_decisions",
            "UPDATE case_decisions SET decision = 'object' WHERE seq = (SELECT MIN(seq) FROM case_decisions)",
            "table case_decisions: row",
        ),
        (
            "case_evidence",
            "UPDATE case_evidence SET kind = 'other' WHERE rowid = 1",
            "table case_evidence: row",
        ),
        (
            "case_follow_ups",
            "UPDATE case_follow_ups SET note = 'x' WHERE rowid = 1",
            "table case_follow_ups: row",
        ),
        (
            "trips",
            "UPDATE trips SET capacity = 99 WHERE rowid = 1",
            "table trips: row",
        ),
        (
            "trip_legs",
            "UPDATE trip_legs SET departs_at = 0 WHERE rowid = 1",
            "table trip_legs: row",
        ),
        (
            "handovers",
            "UPDATE handovers SET received_by = 'someone else' WHERE seq = (SELECT MIN(seq) FROM handovers)",
            "table handovers: row",
        ),
        (
            "erasures",
            "INSERT INTO erasures (seq, child_id, reason, entries) SELECT 99999, id, 'court_order', 0 FROM children LIMIT 1",
            "table erasures: row (99999)",
        ),
        (
            "access_log",
            "INSERT INTO access_log (seq, n, at, user_id, org_id, record_kind, record_id, via) \
             SELECT 999998, 0, 0, id, org_id, 'child', 'x', 'page' FROM users LIMIT 1",
            "table access_log: row (999998, 0)",
        ),
        (
            "users.lang",
            "UPDATE users SET lang = 'ar' WHERE login = 'caseworker'",
            "column lang",
        ),
        (
            "an unknown table",
            "CREATE TABLE notes AS SELECT 1 AS x",
            "table notes is neither",
        ),
    ];
    for (table, sql, expect) in cases {
        if *table == "an unknown table" {
            // CREATE reports no rows; run it through the same path by hand.
            let (_dir, db) = copy_of_demo();
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async {
                use sqlx::Connection;
                sqlx::any::install_default_drivers();
                let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}", db.display()))
                    .await
                    .unwrap();
                sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                conn.close().await.unwrap();
            });
            let out = run(&["ledger", "verify", "--db", db.to_str().unwrap()]);
            assert!(!out.status.success());
            assert!(text(&out.stderr).contains(expect), "{}", text(&out.stderr));
            continue;
        }
        check_tamper(table, sql, expect);
    }
}

#[test]
fn an_auditor_verifies_the_exported_bundle_offline() {
    let (dir, db) = copy_of_demo();
    let bundle = dir.path().join("audit.bundle");
    let out = run(&[
        "ledger",
        "export",
        "--db",
        db.to_str().unwrap(),
        "-o",
        bundle.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    let key = printed
        .lines()
        .find_map(|l| l.strip_prefix("signing key: "))
        .expect("export prints the signing key")
        .to_owned();
    // The database is gone; the bundle and the published key are enough.
    std::fs::remove_file(&db).unwrap();
    let out = run(&[
        "ledger",
        "verify",
        "--bundle",
        bundle.to_str().unwrap(),
        "--public-key",
        &key,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("bundle verified: "));
    // A flipped byte in the middle is caught.
    let mut bytes = std::fs::read(&bundle).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(&bundle, bytes).unwrap();
    let out = run(&[
        "ledger",
        "verify",
        "--bundle",
        bundle.to_str().unwrap(),
        "--public-key",
        &key,
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("does not verify"),
        "{}",
        text(&out.stderr)
    );
    // Another key is not trusted.
    let other = "11".repeat(32);
    let out = run(&[
        "ledger",
        "verify",
        "--bundle",
        bundle.to_str().unwrap(),
        "--public-key",
        &other,
    ]);
    assert!(!out.status.success());
}

/// Each bad input gets one sentence on stderr, a non-zero exit, and writes nothing.
#[test]
fn bad_input_gets_one_clear_sentence_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing_dir = dir.path().join("no/such/dir/h.db");
    let not_there = dir.path().join("absent.db");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["serve".into(), "--no-such-flag".into()],
            "unexpected argument",
        ),
        (
            vec![
                "ledger".into(),
                "verify".into(),
                "--db".into(),
                missing_dir.display().to_string(),
            ],
            "does not exist",
        ),
        (
            vec![
                "ledger".into(),
                "verify".into(),
                "--db".into(),
                not_there.display().to_string(),
            ],
            "no such file",
        ),
        (
            vec![
                "ledger".into(),
                "verify".into(),
                "--db".into(),
                "mysql://localhost/x".into(),
            ],
            "'mysql' databases are not supported",
        ),
        (
            vec![
                "org".into(),
                "add".into(),
                "X".into(),
                "--kind".into(),
                "church".into(),
            ],
            "not an organisation kind",
        ),
        (
            vec![
                "user".into(),
                "add".into(),
                "u1".into(),
                "--org".into(),
                "X".into(),
                "--role".into(),
                "king".into(),
            ],
            "not a role",
        ),
    ];
    for (args, expect) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        let err = text(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(
            err.contains(expect),
            "{args:?}: '{err}' should mention '{expect}'"
        );
    }
    assert!(!not_there.exists(), "verify must not create a database");
    assert!(!dir.path().join("no").exists());
}

#[test]
fn a_corrupted_event_fails_verification_and_names_it() {
    check_tamper(
        "ledger_entries",
        "UPDATE ledger_entries SET envelope = substr(envelope, 1, 20) WHERE seq = 3",
        "position 2",
    );
}

#[test]
fn organisations_and_users_are_added_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("admin.db");
    let db = db.to_str().unwrap();
    let out = run(&["org", "add", "Embassy", "--kind", "mediator", "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&["org", "add", "Ministry", "--kind", "party", "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&["org", "add", "Embassy", "--kind", "mediator", "--db", db]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("already exists"));

    let add_user = |login: &str, org: &str, role: &str, password: &str| {
        let mut child = homeward()
            .args([
                "user", "add", login, "--org", org, "--role", role, "--db", db,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(password.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = add_user("coord", "Embassy", "coordinator", "a long enough secret\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = add_user("officer", "Ministry", "escort", "a long enough secret\n");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("not available in a party organisation"));
    let out = add_user("short", "Embassy", "caseworker", "short\n");
    assert!(text(&out.stderr).contains("at least 10 characters"));
    let out = add_user("nobody", "Nowhere", "caseworker", "a long enough secret\n");
    assert!(text(&out.stderr).contains("no organisation named 'Nowhere'"));
    let out = add_user("empty", "Embassy", "caseworker", "");
    assert!(text(&out.stderr).contains("no password on standard input"));

    let out = run(&["ledger", "verify", "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The password is not in the ledger's public part or the output.
    assert!(!text(&out.stdout).contains("secret"));
}

#[test]
fn export_writes_the_registry_and_logs_every_child() {
    let (dir, db) = copy_of_demo();
    let db = db.to_str().unwrap();
    let out_csv = dir.path().join("children.csv");
    let out = run(&["export", "--db", db, "-o", out_csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    let written: usize = said.split_whitespace().next().unwrap().parse().unwrap();
    assert!(written > 100, "{said}");
    let csv = std::fs::read_to_string(&out_csv).unwrap();
    assert!(csv.starts_with("\u{feff}id,family_name,given_name,patronymic,sex,birth_date"));
    assert_eq!(csv.lines().count(), written + 1);
    // One party's list, as a workbook.
    let out_xlsx = dir.path().join("party-a.xlsx");
    let out = run(&[
        "export",
        "--db",
        db,
        "--party",
        "Party A",
        "-o",
        out_xlsx.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&out_xlsx).unwrap().starts_with(b"PK"));
    // An existing file is never overwritten.
    let again = run(&["export", "--db", db, "-o", out_csv.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("exists"));
    let verified = run(&["ledger", "verify", "--db", db]);
    assert!(verified.status.success(), "{}", text(&verified.stderr));
}
