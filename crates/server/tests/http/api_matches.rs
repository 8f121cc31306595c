//! The review queue through the API: who may see and decide it, what a
//! match shows, a confirmation that makes one child of two parties'
//! records (with both as sources, each visible only to whom the access
//! policy shows it), undo, and the access log of every look.

use crate::api_support;

use crate::api_support::{Env, env};
use axum::http::StatusCode;
use homeward_domain::*;
use homeward_store::Store;

/// Puts a match between party A's and party B's records in the queue, as
/// the engine would.
async fn propose(e: &Env, a: &str, b: &str, kind: MatchKind) -> String {
    let id = MatchId(Store::new_id());
    e.state
        .store
        .execute(
            &Actor::system(),
            Command::ProposeMatches {
                matches: vec![ProposedMatch {
                    match_id: id.clone(),
                    kind,
                    a: ChildId(e.ids.get(a).to_owned()),
                    b: e.ids.get(b).to_owned(),
                    score_ppm: 912_345,
                    renamed: false,
                    fields: vec![
                        FieldScore {
                            field: "family_name".into(),
                            level: "key".into(),
                            weight_cbits: 655,
                        },
                        FieldScore {
                            field: "birth_date".into(),
                            level: "exact".into(),
                            weight_cbits: 910,
                        },
                    ],
                }],
            },
        )
        .await
        .unwrap();
    id.0
}

async fn accesses(e: &Env, via: &str) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM access_log WHERE via = $1")
        .bind(via)
        .fetch_one(e.state.store.pool())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_mediator_staff_see_and_decide_the_queue() {
    let e = env().await;
    let id = propose(&e, "a_solo", "b_child", MatchKind::Parties).await;
    for login in [
        "party-a",
        "party-b",
        "escort",
        "transit-1",
        "auditor",
        "admin",
    ] {
        let r = e.call("GET", "/api/v1/matches", Some(login), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}: {}", r.text);
        let r = e
            .call(
                "POST",
                &format!("/api/v1/matches/{id}/decision"),
                Some(login),
                Some(r#"{"decision": "confirm"}"#),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}: {}", r.text);
    }
    let r = e.call("GET", "/api/v1/matches", None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Nothing was decided.
    let r = e
        .call(
            "GET",
            "/api/v1/matches?status=pending",
            Some("caseworker"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["total"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_match_is_one_child_with_both_parties_sources() {
    let e = env().await;
    let id = propose(&e, "a_solo", "b_child", MatchKind::Parties).await;
    let looks = accesses(&e, "GET /api/v1/matches").await;
    let r = e
        .call(
            "GET",
            "/api/v1/matches?status=pending",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["total"], 1);
    let m = &r.body["items"][0];
    assert_eq!(m["id"], id.as_str());
    assert_eq!(m["score"], 0.912345);
    assert_eq!(m["kind"], "parties");
    assert_eq!(m["a"]["child_id"], e.ids.get("a_solo"));
    assert_eq!(m["a"]["party"], e.ids.get("org_a"));
    assert_eq!(m["a"]["names"][0]["family_name"], "Шевчук");
    assert_eq!(m["a"]["names"][0]["latin"], "Solomiia Shevchuk");
    assert_eq!(m["b"]["child_id"], e.ids.get("b_child"));
    assert_eq!(m["b"]["names"][0]["family_name"], "Петренко");
    assert_eq!(m["fields"][0]["field"], "family_name");
    assert_eq!(m["fields"][0]["weight"], 6.55);
    // Showing the match showed both records: both are in the access log.
    assert_eq!(accesses(&e, "GET /api/v1/matches").await, looks + 2);

    // A filter outside the document's bounds is refused.
    for bad in ["status=maybe", "status=", "min_score=2", "kind=cousins"] {
        let r = e
            .call(
                "GET",
                &format!("/api/v1/matches?{bad}"),
                Some("coordinator"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
    }
    let r = e
        .call(
            "GET",
            "/api/v1/matches?min_score=0.95",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.body["total"], 0);

    let r = e
        .call(
            "POST",
            &format!("/api/v1/matches/{id}/decision"),
            Some("coordinator"),
            Some(r#"{"decision": "confirm", "reason": "same birth certificate"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "confirmed");
    assert_eq!(r.body["b"]["joined_to"], e.ids.get("a_solo"));

    // Either record's id answers the joined child, with both sources.
    for via in ["a_solo", "b_child"] {
        let r = e
            .call(
                "GET",
                &format!("/api/v1/children/{{{via}}}"),
                Some("coordinator"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{via}: {}", r.text);
        assert_eq!(r.body["id"], e.ids.get("a_solo"), "{via}");
        let sources = r.body["sources"].as_array().unwrap();
        assert_eq!(sources.len(), 2, "{via}: {}", r.text);
        assert_eq!(sources[0]["party"], e.ids.get("org_a"));
        assert_eq!(sources[1]["party"], e.ids.get("org_b"));
        assert_eq!(sources[1]["child_id"], e.ids.get("b_child"));
        assert_eq!(sources[1]["joined_to"], e.ids.get("a_solo"));
    }
    // Each party sees its own record, and only its own source.
    let r = e
        .call("GET", "/api/v1/children/{b_child}", Some("party-b"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["id"], e.ids.get("b_child"));
    let sources = r.body["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 1, "{}", r.text);
    assert_eq!(sources[0]["party"], e.ids.get("org_b"));
    let r = e
        .call("GET", "/api/v1/children/{a_solo}", Some("party-a"), None)
        .await;
    let sources = r.body["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 1, "{}", r.text);
    assert!(
        !r.text.contains("Петренко"),
        "party A was shown party B's record"
    );

    // The registry lists the child once for the mediator.
    let r = e
        .call(
            "GET",
            "/api/v1/children?limit=500",
            Some("coordinator"),
            None,
        )
        .await;
    let ids: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&e.ids.get("a_solo")));
    assert!(!ids.contains(&e.ids.get("b_child")));

    // Deciding again needs an undo first; the undo separates the records.
    let r = e
        .call(
            "POST",
            &format!("/api/v1/matches/{id}/decision"),
            Some("caseworker"),
            Some(r#"{"decision": "reject"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let r = e
        .call(
            "DELETE",
            &format!("/api/v1/matches/{id}/decision"),
            Some("caseworker"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "pending");
    let r = e
        .call(
            "GET",
            "/api/v1/children/{b_child}",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.body["id"], e.ids.get("b_child"));
    assert_eq!(r.body["sources"].as_array().unwrap().len(), 1);
    let r = e
        .call(
            "DELETE",
            &format!("/api/v1/matches/{id}/decision"),
            Some("caseworker"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);

    let r = e
        .call(
            "GET",
            "/api/v1/matches/{missing}",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    let r = e
        .call(
            "POST",
            &format!("/api/v1/matches/{id}/decision"),
            Some("coordinator"),
            Some(r#"{"decision": "perhaps"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(e.state.store.verify(None).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracing_match_links_the_request_to_the_child() {
    let e = env().await;
    let id = propose(&e, "a_sub", "tr_b", MatchKind::Tracing).await;
    let r = e
        .call(
            "GET",
            &format!("/api/v1/matches/{id}"),
            Some("caseworker"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["b"]["tracing_request_id"], e.ids.get("tr_b"));
    assert_eq!(r.body["b"]["child_id"], serde_json::Value::Null);
    let r = e
        .call(
            "POST",
            &format!("/api/v1/matches/{id}/decision"),
            Some("caseworker"),
            Some(r#"{"decision": "confirm"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = e
        .call(
            "GET",
            "/api/v1/tracing-requests/{tr_b}",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.body["status"], "linked", "{}", r.text);
    assert_eq!(r.body["child_id"], e.ids.get("a_sub"));
}

fn csv(rows: &[homeward_synth::Row]) -> String {
    let mut out = String::from("id,family_name,given_name,patronymic,sex,birth_date,birth_place\n");
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            r.id, r.family_name, r.given_name, r.patronymic, r.sex, r.birth_date, r.birth_place
        ));
    }
    out
}

async fn import(e: &Env, party: &str, login: &str, body: String) -> api_support::Reply {
    let req = axum::http::Request::builder()
        .method("POST")
        .uri(e.ids.fill(&format!("/api/v1/imports?party={{{party}}}")))
        .header(
            "authorization",
            format!("Bearer {}", api_support::token_of(login)),
        )
        .header("content-type", "text/csv")
        .body(axum::body::Body::from(body))
        .unwrap();
    e.send(req).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_import_proposes_the_new_rows_against_the_other_partys_list() {
    let e = env().await;
    let lists = homeward_synth::gen_lists(&homeward_synth::GenConfig {
        seed: 7,
        left: 60,
        matches: 45,
        distractors: 15,
    });
    let r = import(&e, "org_a", "party-a", csv(&lists.left)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = import(&e, "org_b", "party-b", csv(&lists.right)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert!(
        r.body["matches_proposed"].as_u64().unwrap() > 0,
        "{}",
        r.text
    );

    let truth: std::collections::HashSet<(String, String)> = lists.truth.iter().cloned().collect();
    let proposed = proposed_pairs(&e, "status=pending&").await;
    let found = proposed.iter().filter(|p| truth.contains(*p)).count();
    let recall = found as f64 / truth.len() as f64;
    assert!(
        recall >= 0.9,
        "{found} of {} true pairs proposed",
        truth.len()
    );
    assert!(
        proposed.len() <= 2 * truth.len(),
        "{} proposals for {} true pairs",
        proposed.len(),
        truth.len()
    );

    // Sending party B's list again proposes nothing new.
    let r = import(&e, "org_b", "party-b", csv(&lists.right)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["unchanged"], lists.right.len());
    assert_eq!(r.body["matches_proposed"], 0, "{}", r.text);

    // On demand, by mediator staff only.
    let r = e
        .call("POST", "/api/v1/matches/runs", Some("party-a"), None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let r = e
        .call("POST", "/api/v1/matches/runs", Some("coordinator"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["proposed"], 0, "{}", r.text);
    assert!(e.state.store.verify(None).await.is_ok());
}

/// Party A's and party B's pairs among the queue's `parties` matches
/// (`filter`: more query parameters, each followed by `&`), as (A's
/// external id, B's).
async fn proposed_pairs(e: &Env, filter: &str) -> Vec<(String, String)> {
    let r = e
        .call(
            "GET",
            &format!("/api/v1/matches?{filter}kind=parties&limit=500"),
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let ext = |side: &str| m[side]["external_id"].as_str().unwrap_or("").to_owned();
            // Party A's record may be on either side.
            if m["a"]["party"] == e.ids.get("org_a") {
                (ext("a"), ext("b"))
            } else {
                (ext("b"), ext("a"))
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_later_list_is_matched_with_the_kept_models_and_only_its_rows() {
    let e = env().await;
    let lists = homeward_synth::gen_lists(&homeward_synth::GenConfig {
        seed: 11,
        left: 60,
        matches: 45,
        distractors: 15,
    });
    let (first, later) = lists.right.split_at(lists.right.len() - 12);
    for (party, login, rows) in [
        ("org_a", "party-a", &lists.left[..]),
        ("org_b", "party-b", first),
    ] {
        let r = import(&e, party, login, csv(rows)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let before = proposed_pairs(&e, "").await;

    // The later rows: compared with the kept models, alone.
    let r = import(&e, "org_b", "party-b", csv(later)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = e
        .call("POST", "/api/v1/matches/runs", Some("coordinator"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["scope"], "changed", "{}", r.text);
    assert_eq!(
        r.body["changed"], 0,
        "nothing changed since the import's run: {}",
        r.text
    );
    assert_eq!(r.body["proposed"], 0, "{}", r.text);
    assert!(r.body["children"].as_u64().unwrap() >= 120, "{}", r.text);

    let later_ids: std::collections::HashSet<&str> = later.iter().map(|r| r.id.as_str()).collect();
    let truth_later: Vec<&(String, String)> = lists
        .truth
        .iter()
        .filter(|(_, b)| later_ids.contains(b.as_str()))
        .collect();
    assert!(truth_later.len() >= 6, "{} true pairs", truth_later.len());
    let after = proposed_pairs(&e, "").await;
    let new: Vec<&(String, String)> = after.iter().filter(|p| !before.contains(p)).collect();
    assert!(
        new.iter().all(|(_, b)| later_ids.contains(b.as_str())),
        "pairs of earlier rows proposed again: {new:?}"
    );
    let found = truth_later.iter().filter(|t| new.contains(t)).count();
    assert!(
        found + 1 >= truth_later.len(),
        "{found} of {} true pairs of the later rows proposed",
        truth_later.len()
    );

    // Asked to, a run compares everything and fits again; the queue keeps
    // one entry per pair.
    let r = e
        .call(
            "POST",
            "/api/v1/matches/runs?refit=true",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["scope"], "all", "{}", r.text);
    assert_eq!(r.body["changed"], r.body["children"], "{}", r.text);
    let again = proposed_pairs(&e, "").await;
    let unique: std::collections::HashSet<&(String, String)> = again.iter().collect();
    assert_eq!(unique.len(), again.len());
    assert!(e.state.store.verify(None).await.is_ok());
}
