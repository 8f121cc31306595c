//! From approval to reunion through the API alone, with every refusal on
//! the way: a leg that is not the officer's, departure without (or against)
//! the clearance, the escort ratio, a skipped or repeated handover, a
//! handover to someone without parental responsibility. The ledger
//! verifies afterwards and the child's custody runs without a gap.

use crate::api_support::*;
use axum::http::StatusCode;
use homeward_domain::CaseId;
use serde_json::Value;

fn assert_status(r: &Reply, status: StatusCode, says: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    assert!(
        r.text.contains(says),
        "expected the refusal to say '{says}': {}",
        r.text
    );
}

/// Both parties approve the case waiting for them.
async fn approve_by_both(e: &Env, case: &str) {
    for party in ["party-a", "party-b"] {
        let r = e
            .call(
                "POST",
                &format!("/api/v1/cases/{case}/decisions"),
                Some(party),
                Some(r#"{"decision":"approve"}"#),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
    }
}

async fn case_state(e: &Env, case: &str) -> String {
    let r = e
        .call(
            "GET",
            &format!("/api/v1/cases/{case}"),
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body["state"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_child_comes_home_leg_by_leg_through_the_api() {
    let e = env().await;
    let sub_case = e.ids.get("sub_case").to_owned();
    let a_sub = e.ids.get("a_sub").to_owned();
    // Both parties approve the case waiting for them.
    approve_by_both(&e, &sub_case).await;
    assert_eq!(case_state(&e, &sub_case).await, "approved");

    let plan = |escorts: &str| {
        e.ids.fill(&format!(
            r#"{{"name":"Charter home","kind":"charter_flight","carrier":"Air Example","capacity":3,"escorts":[{escorts}],"legs":[
            {{"from_place":"Embassy","to_place":"Transit airport","transit_org":"{{org_t1}}","carrier":"HW-1","departs_at":"2026-12-10T08:00:00Z","arrives_at":"2026-12-10T11:00:00Z"}},
            {{"from_place":"Transit airport","to_place":"Home city","carrier":"HW-2","departs_at":"2026-12-10T13:00:00Z","arrives_at":"2026-12-10T17:00:00Z"}}]}}"#
        ))
    };
    // A trip without escorts cannot take a child: the escort ratio.
    let r = e
        .call(
            "POST",
            "/api/v1/trips",
            Some("coordinator"),
            Some(&plan("")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let bare = r.body["id"].as_str().unwrap().to_owned();
    let book = format!(r#"{{"case_id":"{sub_case}"}}"#);
    let r = e
        .call(
            "POST",
            &format!("/api/v1/trips/{bare}/bookings"),
            Some("coordinator"),
            Some(&book),
        )
        .await;
    assert_status(&r, StatusCode::CONFLICT, "escort ratio");

    let r = e
        .call(
            "POST",
            "/api/v1/trips",
            Some("coordinator"),
            Some(&plan("\"{u_escort}\"")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let trip = r.body["id"].as_str().unwrap().to_owned();
    let detail = e
        .call(
            "GET",
            &format!("/api/v1/trips/{trip}"),
            Some("coordinator"),
            None,
        )
        .await;
    let legs: Vec<String> = detail.body["legs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["leg_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(legs.len(), 2);
    assert_eq!(detail.body["status"], "planned");
    assert_eq!(detail.body["kind"], "charter_flight");
    let r = e
        .call(
            "POST",
            &format!("/api/v1/trips/{trip}/bookings"),
            Some("coordinator"),
            Some(&book),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(case_state(&e, &sub_case).await, "transit_planned");
    // Booked once only.
    let r = e
        .call(
            "POST",
            &format!("/api/v1/trips/{bare}/bookings"),
            Some("coordinator"),
            Some(&book),
        )
        .await;
    assert_status(&r, StatusCode::CONFLICT, "already booked");

    let leg = |i: usize, what: &str| format!("/api/v1/trips/{trip}/legs/{}/{what}", legs[i]);
    // No departure before the transit state clears the leg.
    let r = e
        .call("POST", &leg(0, "departure"), Some("escort"), Some("{}"))
        .await;
    assert_status(&r, StatusCode::CONFLICT, "no clearance");
    // Only that state's officers answer: another state does not see the
    // leg at all, the coordinator may not answer for it.
    let clear = |granted: bool| format!(r#"{{"granted":{granted},"reference":"TS1-9"}}"#);
    let r = e
        .call(
            "POST",
            &leg(0, "clearance"),
            Some("transit-2"),
            Some(&clear(true)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    let r = e
        .call(
            "POST",
            &leg(0, "clearance"),
            Some("coordinator"),
            Some(&clear(true)),
        )
        .await;
    assert_status(&r, StatusCode::FORBIDDEN, "transit state");
    let r = e
        .call(
            "POST",
            &leg(1, "clearance"),
            Some("transit-1"),
            Some(&clear(true)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "leg 2 is not in its view");
    let r = e
        .call(
            "POST",
            &leg(0, "clearance"),
            Some("transit-1"),
            Some(&clear(false)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = e
        .call("POST", &leg(0, "departure"), Some("escort"), Some("{}"))
        .await;
    assert_status(&r, StatusCode::CONFLICT, "refused clearance");
    let r = e
        .call(
            "POST",
            &leg(0, "clearance"),
            Some("transit-1"),
            Some(&clear(true)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = e
        .call("POST", &leg(0, "departure"), Some("escort"), Some("{}"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(case_state(&e, &sub_case).await, "in_transit");

    let handover = |leg_id: &str, who: &str| {
        format!(
            r#"{{"leg_id":"{leg_id}","case_id":"{sub_case}",{who},"place":"Transit airport","at":"2026-12-10T11:20:00Z"}}"#
        )
    };
    let official = e
        .ids
        .fill(r#""org_id":"{org_t1}","received_by":"Officer on duty""#);
    let handovers = format!("/api/v1/trips/{trip}/handovers");
    // The last leg has not departed; leg 1's handover comes first anyway.
    let r = e
        .call(
            "POST",
            &handovers,
            Some("escort"),
            Some(&handover(&legs[1], &official)),
        )
        .await;
    assert_status(&r, StatusCode::CONFLICT, "has not departed");
    let r = e
        .call(
            "POST",
            &handovers,
            Some("escort"),
            Some(&handover(&legs[0], &official)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = e
        .call(
            "POST",
            &handovers,
            Some("escort"),
            Some(&handover(&legs[0], &official)),
        )
        .await;
    assert_status(&r, StatusCode::CONFLICT, "already recorded");
    assert_eq!(case_state(&e, &sub_case).await, "in_transit");
    // The next leg waits for the first to arrive.
    let r = e
        .call("POST", &leg(1, "departure"), Some("escort"), Some("{}"))
        .await;
    assert_status(&r, StatusCode::CONFLICT, "has arrived");
    for (i, what) in [(0, "arrival"), (1, "departure")] {
        let r = e
            .call("POST", &leg(i, what), Some("escort"), Some("{}"))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{what}: {}", r.text);
    }

    // At the end: not an official, not an aunt, only the consenting parent.
    let r = e
        .call(
            "POST",
            &handovers,
            Some("escort"),
            Some(&handover(&legs[1], &official)),
        )
        .await;
    assert_status(&r, StatusCode::CONFLICT, "family member or guardian");
    let r = e
        .call(
            "POST",
            &format!("/api/v1/children/{a_sub}/family-members"),
            Some("caseworker"),
            Some(r#"{"relationship":"aunt_or_uncle","given_name":"Галина","family_name":"Коваленко"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let aunt = r.body["id"].as_str().unwrap().to_owned();
    let r = e
        .call(
            "POST",
            &handovers,
            Some("escort"),
            Some(&handover(&legs[1], &format!(r#""member_id":"{aunt}""#))),
        )
        .await;
    assert_status(&r, StatusCode::CONFLICT, "parental responsibility");
    let consent = e
        .state
        .store
        .case(&CaseId(sub_case.clone()))
        .await
        .unwrap()
        .unwrap()
        .summary
        .consent_by
        .expect("consent on record");
    let r = e
        .call(
            "POST",
            &handovers,
            Some("escort"),
            Some(&handover(
                &legs[1],
                &format!(r#""member_id":"{}""#, consent.0),
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(case_state(&e, &sub_case).await, "handed_over");
    let r = e
        .call(
            "POST",
            &format!("/api/v1/cases/{sub_case}/transitions"),
            Some("caseworker"),
            Some(r#"{"action":"reunite"}"#),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    assert_eq!(case_state(&e, &sub_case).await, "reunited");

    // Every handover moved custody: escorts, the transit state's official,
    // escorts again, the mother.
    let child = e
        .call(
            "GET",
            &format!("/api/v1/children/{a_sub}"),
            Some("coordinator"),
            None,
        )
        .await;
    let kinds: Vec<&str> = child.body["custody"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["escort", "transit_state", "escort", "family"]);
    let detail = e
        .call(
            "GET",
            &format!("/api/v1/trips/{trip}"),
            Some("escort"),
            None,
        )
        .await;
    let got: Vec<(&str, &str)> = detail.body["handovers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["receiver_kind"].as_str().unwrap(),
                h["handed_over_by"].as_str().unwrap(),
            )
        })
        .collect();
    let escort = e.ids.get("u_escort");
    assert_eq!(got, [("official", escort), ("family_member", escort)]);
    // The trip's plan is not in the ledger's public body.
    let leaves = e
        .state
        .store
        .verify(None)
        .await
        .expect("the ledger verifies");
    assert!(leaves.entries > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manifest_prints_as_a_pdf_with_the_childrens_names_as_text() {
    let e = env().await;
    let path = e.ids.fill("/api/v1/trips/{trip}/legs/{leg1}/manifest");
    let req = axum::http::Request::builder()
        .uri(&path)
        .header("authorization", format!("Bearer {}", token_of("escort")))
        .header("accept", "application/pdf")
        .header("accept-language", "uk")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = e.send(req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/pdf");
    let pdf = r.bytes.clone();
    assert!(pdf.starts_with(b"%PDF"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    // The child in transit on the escort's trip, in Cyrillic and in
    // Latin; the labels in Ukrainian; whom the child goes to (the mother
    // whose consent is on record, read with the manifest).
    for s in ["Шевченко", "Олександр", "Shevchenko", "Маніфест", "дитини"]
    {
        assert!(text.contains(s), "the manifest lacks {s}: {text}");
    }
    // The read is in the child's access log.
    let log = e
        .call(
            "GET",
            &e.ids.fill("/api/v1/children/{a_child}/access-log"),
            Some("coordinator"),
            None,
        )
        .await;
    let vias: Vec<&str> = log.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["via"].as_str())
        .collect();
    assert!(
        vias.iter().any(|v| v.contains("manifest")),
        "{}",
        Value::from(vias.clone())
    );
    // A transit state that the leg does not cross gets nothing.
    let req = axum::http::Request::builder()
        .uri(&path)
        .header("authorization", format!("Bearer {}", token_of("transit-2")))
        .header("accept", "application/pdf")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(e.send(req).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_held_when_its_trip_is_cancelled_resumes_to_approved_and_books_again() {
    let e = env().await;
    let case = e.ids.get("sub_case").to_owned();
    approve_by_both(&e, &case).await;
    let plan = e.ids.fill(
        r#"{"name":"Charter","kind":"charter_flight","capacity":2,"escorts":["{u_escort}"],"legs":[
        {"from_place":"Embassy","to_place":"Home city","carrier":"HW-9","departs_at":"2026-12-10T08:00:00Z","arrives_at":"2026-12-10T11:00:00Z"}]}"#,
    );
    let mut trips = Vec::new();
    for _ in 0..2 {
        let r = e
            .call("POST", "/api/v1/trips", Some("coordinator"), Some(&plan))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        trips.push(r.body["id"].as_str().unwrap().to_owned());
    }
    let book = format!(r#"{{"case_id":"{case}"}}"#);
    let r = e
        .call(
            "POST",
            &format!("/api/v1/trips/{}/bookings", trips[0]),
            Some("coordinator"),
            Some(&book),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let step = |action: &str| format!(r#"{{"action":"{action}","reason":"Family court hearing"}}"#);
    let transitions = format!("/api/v1/cases/{case}/transitions");
    let r = e
        .call(
            "POST",
            &transitions,
            Some("coordinator"),
            Some(&step("hold")),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // The held case is not on the trip's manifest any more, but still booked:
    // cancelling takes the booking with it.
    let r = e
        .call(
            "POST",
            &format!("/api/v1/trips/{}/cancellation", trips[0]),
            Some("coordinator"),
            Some(r#"{"reason":"Airspace closed"}"#),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    assert_eq!(case_state(&e, &case).await, "on_hold");
    let r = e
        .call(
            "POST",
            &transitions,
            Some("coordinator"),
            Some(&step("resume")),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        case_state(&e, &case).await,
        "approved",
        "no transit planned without a trip"
    );
    let r = e
        .call(
            "POST",
            &format!("/api/v1/trips/{}/bookings", trips[1]),
            Some("coordinator"),
            Some(&book),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(case_state(&e, &case).await, "transit_planned");
    e.state
        .store
        .verify(None)
        .await
        .expect("the ledger verifies");
}
