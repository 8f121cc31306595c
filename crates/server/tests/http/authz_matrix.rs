//! The authorisation matrix in `authz_matrix.tsv`, driven against the whole
//! application: every endpoint × every role × own / other party's record,
//! including object-level (IDOR) cases.

use crate::api_support;

use crate::api_support::{LOGINS, env, problem_without_request_id};

struct Row {
    line: usize,
    method: String,
    path: String,
    body: Option<String>,
    /// One status per login in `LOGINS`, then the anonymous one.
    expect: Vec<u16>,
}

fn rows() -> Vec<Row> {
    let text = include_str!("authz_matrix.tsv");
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            let roles: Vec<&str> = cols[3..].to_vec();
            let mut want: Vec<&str> = LOGINS.to_vec();
            want.push("anonymous");
            assert_eq!(
                roles, want,
                "the matrix's columns are the demo logins in order"
            );
            header_seen = true;
            continue;
        }
        assert_eq!(cols.len(), 3 + LOGINS.len() + 1, "line {}: {line}", i + 1);
        out.push(Row {
            line: i + 1,
            method: cols[0].to_owned(),
            path: cols[1].to_owned(),
            body: (cols[2] != "-").then(|| cols[2].to_owned()),
            expect: cols[3..]
                .iter()
                .map(|s| {
                    s.parse()
                        .unwrap_or_else(|_| panic!("line {}: '{s}'", i + 1))
                })
                .collect(),
        });
    }
    out
}

fn who(i: usize) -> Option<&'static str> {
    LOGINS.get(i).copied()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_answers_every_role_as_the_matrix_says() {
    let rows = rows();
    assert!(rows.len() >= 40, "the matrix covers the API");
    let shared = env().await;
    let mut failures = Vec::new();
    let mut cells = 0;
    for row in &rows {
        for (i, want) in row.expect.iter().enumerate() {
            let login = who(i);
            // Reads share one world; a write gets a fresh copy so one role's
            // success does not change what the next one finds.
            let fresh;
            let e = if row.method == "GET" {
                &shared
            } else {
                fresh = env().await;
                &fresh
            };
            let reply = e
                .call(&row.method, &row.path, login, row.body.as_deref())
                .await;
            cells += 1;
            if reply.status.as_u16() != *want {
                failures.push(format!(
                    "line {}: {} {} as {}: expected {want}, got {} ({})",
                    row.line,
                    row.method,
                    row.path,
                    login.unwrap_or("anonymous"),
                    reply.status.as_u16(),
                    reply
                        .body
                        .get("detail")
                        .and_then(|d| d.as_str())
                        .unwrap_or("")
                ));
            }
            if reply.status.is_client_error() {
                assert_eq!(
                    reply.headers["content-type"], "application/problem+json",
                    "line {}: errors are problem documents",
                    row.line
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A record outside the caller's view and a record that does not exist get
/// byte-for-byte the same answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_record_looks_exactly_like_a_missing_one() {
    let e = env().await;
    let cases = [
        (
            "party-a",
            "/api/v1/children/{b_child}",
            "/api/v1/children/{missing}",
        ),
        (
            "party-b",
            "/api/v1/children/{a_solo}",
            "/api/v1/children/{missing}",
        ),
        (
            "transit-1",
            "/api/v1/children/{a_child}",
            "/api/v1/children/{missing}",
        ),
        (
            "auditor",
            "/api/v1/cases/{a_case}",
            "/api/v1/cases/{missing}",
        ),
        (
            "party-a",
            "/api/v1/tracing-requests/{tr_b}",
            "/api/v1/tracing-requests/{missing}",
        ),
    ];
    for (login, hidden, missing) in cases {
        let h = e.call("GET", hidden, Some(login), None).await;
        let m = e.call("GET", missing, Some(login), None).await;
        assert_eq!(h.status, 404, "{login} {hidden}");
        assert_eq!(
            problem_without_request_id(&h.text),
            problem_without_request_id(&m.text),
            "{login}: {hidden} and {missing} differ"
        );
    }
}

/// Lists hold only what the caller may see: party A's search never returns
/// party B's child, and party B sees party A's child without its custody
/// address, internal notes or family contacts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_and_records_are_narrowed_and_redacted() {
    let e = env().await;
    let ids = |r: &api_support::Reply| -> Vec<String> {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = e
        .call("GET", "/api/v1/children", Some("coordinator"), None)
        .await;
    assert_eq!(all.body["total"], 4);
    let a = e
        .call("GET", "/api/v1/children", Some("party-a"), None)
        .await;
    assert_eq!(a.body["total"], 3);
    assert!(!ids(&a).contains(&e.ids.get("b_child").to_owned()));
    let b = e
        .call("GET", "/api/v1/children", Some("party-b"), None)
        .await;
    let mut got = ids(&b);
    got.sort();
    let mut want = vec![
        e.ids.get("a_child").to_owned(),
        e.ids.get("a_sub").to_owned(),
        e.ids.get("b_child").to_owned(),
    ];
    want.sort();
    assert_eq!(
        got, want,
        "party B: its own child and A's children whose cases concern it"
    );

    let as_b = e
        .call("GET", "/api/v1/children/{a_child}", Some("party-b"), None)
        .await;
    assert_eq!(as_b.status, 200);
    assert_eq!(
        as_b.body["hidden"],
        serde_json::json!(["notes", "addresses", "contacts"])
    );
    // The custody party A recorded (after the departure's): its place,
    // not its address.
    let custody = as_b.body["custody"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "hospital")
        .expect("the hospital stay");
    assert_eq!(custody["place_name"], "Regional hospital");
    assert!(
        as_b.body["custody"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["address"].is_null()),
        "{custody}"
    );
    assert!(as_b.body["circumstances"][0]["note"].is_null());
    assert_eq!(as_b.body["circumstances"][0]["kind"], "medical_needs");
    // The escort of the child's trip sees the medical needs (they are
    // needed on the way), and still no other notes.
    let as_escort = e
        .call("GET", "/api/v1/children/{a_child}", Some("escort"), None)
        .await;
    assert_eq!(as_escort.status, 200);
    assert_eq!(as_escort.body["hidden"], serde_json::json!(["notes"]));
    assert!(
        as_escort.body["circumstances"][0]["note"].is_string(),
        "{}",
        as_escort.text
    );
    assert!(as_escort.body["cases"][0]["evidence"][0]["description"].is_null());
    assert!(as_b.body["family"][0]["contact"].is_null());
    let case = &as_b.body["cases"][0];
    assert!(case["evidence"][0]["description"].is_null());
    assert_eq!(case["evidence"][0]["kind"], "identity");

    let as_a = e
        .call("GET", "/api/v1/children/{a_child}", Some("party-a"), None)
        .await;
    assert_eq!(as_a.body["hidden"], serde_json::json!([]));
    assert!(
        as_a.body["custody"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["address"] == "Ward 3, 1 Hospital Road"),
        "{}",
        as_a.text
    );
    let as_coordinator = e
        .call(
            "GET",
            "/api/v1/children/{a_child}",
            Some("coordinator"),
            None,
        )
        .await;
    assert!(as_coordinator.body["cases"][0]["evidence"][0]["description"].is_string());

    // A party sees its own decision notes, never the other side's.
    for party in ["party-a", "party-b"] {
        let r = e
            .call(
                "POST",
                "/api/v1/cases/{sub_case}/decisions",
                Some(party),
                Some(r#"{"decision":"approve","note":"internal note"}"#),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let case = e
        .call("GET", "/api/v1/cases/{sub_case}", Some("party-b"), None)
        .await;
    let notes: Vec<(String, Option<String>)> = case.body["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["note"] == "internal note" || d["note"].is_null())
        .map(|d| {
            (
                d["org_id"].as_str().unwrap().to_owned(),
                d["note"].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert!(notes.contains(&(e.ids.get("org_b").to_owned(), Some("internal note".into()))));
    assert!(notes.contains(&(e.ids.get("org_a").to_owned(), None)));

    // A transit state's trip list shows only its own leg.
    let trips = e
        .call("GET", "/api/v1/trips", Some("transit-2"), None)
        .await;
    let legs = trips.body["items"][0]["legs"].as_array().unwrap();
    assert_eq!(legs.len(), 1);
    assert_eq!(legs[0]["leg_id"], e.ids.get("leg2"));
}
