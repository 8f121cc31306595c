//! Amending a child, erasing a child's personal data, planning a trip, and
//! the purge of ended sessions.

use crate::api_support;

use crate::api_support::env;
use axum::http::StatusCode;
use homeward_domain::UserId;
use homeward_server::{SessionPurge, start_session_purge};
use homeward_store::sessions::{Session, SessionKind};
use std::time::Duration;

const AMEND: &str = r#"{"given_name":"Олексій","family_name":"Шевченко","patronymic":"Петрович","birth_date":"03.2014","sex":"M","birth_place":"Суми"}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amended_child_is_read_and_found_under_the_new_name() {
    let e = env().await;
    let r = e
        .call(
            "PUT",
            "/api/v1/children/{a_child}",
            Some("coordinator"),
            Some(AMEND),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);

    let r = e
        .call(
            "GET",
            "/api/v1/children/{a_child}",
            Some("coordinator"),
            None,
        )
        .await;
    let name = &r.body["names"][0];
    assert_eq!(name["given_name"], "Олексій");
    assert_eq!(name["patronymic"], "Петрович");
    assert_eq!(name["kind"], "recorded");
    assert_eq!(r.body["birth_date"], "2014-03");
    assert_eq!(r.body["sex"], "M");
    assert_eq!(r.body["birth_place"][0]["name"], "Суми");
    // The special circumstances recorded before are kept.
    assert_eq!(r.body["circumstances"][0]["kind"], "medical_needs");

    let found = e
        .call(
            "GET",
            "/api/v1/children?q=Oleksii%20Shevchenko",
            Some("coordinator"),
            None,
        )
        .await;
    let ids: Vec<&str> = found.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [e.ids.get("a_child")]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amendment_with_a_bad_date_is_refused_without_quoting_it() {
    let e = env().await;
    let body = AMEND.replace("03.2014", "31.02.2014");
    let r = e
        .call(
            "PUT",
            "/api/v1/children/{a_child}",
            Some("coordinator"),
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.headers["content-type"], "application/problem+json",
        "{}",
        r.text
    );
    assert!(r.text.contains("birth_date"), "{}", r.text);
    assert!(!r.text.contains("31.02.2014"), "{}", r.text);

    let r = e
        .call(
            "PUT",
            "/api/v1/children/{a_child}",
            Some("coordinator"),
            Some("{\"given_name\":"),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_child_keeps_its_record_and_proofs_but_not_its_data() {
    let e = env().await;
    let body = r#"{"reason":"family_request"}"#;
    let r = e
        .call(
            "POST",
            "/api/v1/children/{a_child}/erasure",
            Some("caseworker"),
            Some(body),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "only coordinators erase");

    let r = e
        .call(
            "POST",
            "/api/v1/children/{a_child}/erasure",
            Some("coordinator"),
            Some(body),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);

    let r = e
        .call(
            "GET",
            "/api/v1/children/{a_child}",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["erased"], true);
    assert_eq!(r.body["names"], serde_json::json!([]));
    assert!(r.body["birth_date"].is_null());
    assert!(!r.text.contains("Шевченко"), "{}", r.text);
    assert!(!r.text.contains("12 Garden Street") && !r.text.contains("Ward 3"));
    // The case is still there.
    assert_eq!(r.body["cases"][0]["id"], e.ids.get("a_case"));
    // Its consent too, without how it was given and who witnessed it.
    let case = e
        .call("GET", "/api/v1/cases/{a_case}", Some("coordinator"), None)
        .await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.text);
    assert_eq!(case.body["consents"][0]["basis"], "parental_responsibility");
    assert!(case.body["consents"][0]["witness"].is_null());
    assert!(!case.text.contains("Consular officer"), "{}", case.text);

    let found = e
        .call(
            "GET",
            "/api/v1/children?q=Oleksandr%20Shevchenko",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(found.body["total"], 0, "{}", found.text);

    let again = e
        .call(
            "POST",
            "/api/v1/children/{a_child}/erasure",
            Some("coordinator"),
            Some(body),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let amend = e
        .call(
            "PUT",
            "/api/v1/children/{a_child}",
            Some("coordinator"),
            Some(AMEND),
        )
        .await;
    assert_eq!(amend.status, StatusCode::CONFLICT);

    let summary = e
        .state
        .store
        .verify(None)
        .await
        .expect("the ledger verifies");
    assert!(summary.entries > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erasure_needs_a_known_reason() {
    let e = env().await;
    let r = e
        .call(
            "POST",
            "/api/v1/children/{a_child}/erasure",
            Some("coordinator"),
            Some(r#"{"reason":"because"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
}

async fn escort_id(e: &api_support::Env) -> String {
    let (actor, _) = e
        .state
        .store
        .user_by_login("escort")
        .await
        .unwrap()
        .expect("the world has an escort");
    actor.user.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planned_trip_is_listed_with_its_legs() {
    let e = env().await;
    let escort = escort_id(&e).await;
    let body = format!(
        r#"{{"name":"Flight 2","capacity":4,"escorts":["{escort}"],"legs":[
            {{"from_place":"Kyiv","to_place":"Warsaw","transit_org":"{{org_t1}}","carrier":"Charter One","departs_at":"2026-12-01T08:00:00Z","arrives_at":"2026-12-01T10:00:00Z"}},
            {{"from_place":"Warsaw","to_place":"Vilnius","carrier":"Charter One","departs_at":"2026-12-01T15:30:00+02:00","arrives_at":"2026-12-01T18:00:00Z"}}]}}"#
    );
    let r = e
        .call("POST", "/api/v1/trips", Some("caseworker"), Some(&body))
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "only coordinators plan trips"
    );
    let r = e
        .call("POST", "/api/v1/trips", Some("coordinator"), Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();

    let trips = e.call("GET", "/api/v1/trips", Some("escort"), None).await;
    let trip = trips.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id.as_str())
        .expect("the escort sees the new trip");
    assert_eq!(trip["capacity"], 4);
    assert_eq!(trip["legs"][0]["departs_at"], "2026-12-01T08:00:00Z");
    assert_eq!(trip["legs"][1]["departs_at"], "2026-12-01T13:30:00Z");
    assert_eq!(trip["legs"][0]["transit_org"], e.ids.get("org_t1"));

    // Transit state 2 sees nothing of a trip that does not cross it.
    let t2 = e
        .call("GET", "/api/v1/trips", Some("transit-2"), None)
        .await;
    assert!(!t2.text.contains(&id), "{}", t2.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trip_is_refused_for_what_a_person_can_fix() {
    let e = env().await;
    let cases = [
        (
            r#"{"name":"Flight 3","capacity":4,"legs":[{"from_place":"Kyiv","to_place":"Warsaw","carrier":"C","departs_at":"tomorrow","arrives_at":"2026-12-01T10:00:00Z"}]}"#,
            "legs[0].departs_at",
        ),
        (
            r#"{"name":"Flight 3","capacity":0,"legs":[{"from_place":"Kyiv","to_place":"Warsaw","carrier":"C","departs_at":"2026-12-01T08:00:00Z","arrives_at":"2026-12-01T10:00:00Z"}]}"#,
            "capacity",
        ),
        (r#"{"name":"Flight 3","capacity":4,"legs":[]}"#, "leg"),
    ];
    for (body, says) in cases {
        let r = e
            .call("POST", "/api/v1/trips", Some("coordinator"), Some(body))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.text
        );
        assert!(r.text.contains(says), "{body}: {}", r.text);
    }
}

fn session(hash: &str, user: &UserId, now: i64, expires_at: i64, revoked: bool) -> Session {
    Session {
        secret_hash: hash.into(),
        kind: SessionKind::Token,
        user_id: user.clone(),
        created_at: now - 3600,
        last_seen: now - 60,
        expires_at,
        revoked,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ended_sessions_are_purged_and_live_ones_kept() {
    let e = env().await;
    // The server's own purge ran once at start (nothing had ended yet).
    let first = *e
        .state
        .session_purge
        .clone()
        .wait_for(|p| p.rounds >= 1)
        .await
        .unwrap();
    assert_eq!(first.deleted, 0);

    let store = &e.state.store;
    let user = UserId(escort_id(&e).await);
    let now = homeward_server::auth::now_secs();
    store
        .create_session(&session("expired", &user, now, now - 1, false))
        .await
        .unwrap();
    store
        .create_session(&session("revoked", &user, now, now + 3600, true))
        .await
        .unwrap();
    store
        .create_session(&session("live", &user, now, now + 3600, false))
        .await
        .unwrap();

    // A purge's first round runs at once; the next would come an hour later.
    let (task, mut done) = start_session_purge(store, Duration::from_secs(3600));
    let round = *done.wait_for(|p| p.rounds >= 1).await.unwrap();
    task.abort();
    assert_eq!(
        round,
        SessionPurge {
            rounds: 1,
            deleted: 2
        }
    );
    assert!(store.session("expired").await.unwrap().is_none());
    assert!(store.session("revoked").await.unwrap().is_none());
    assert!(store.session("live").await.unwrap().is_some());
    // The world's own tokens are still good.
    let me = e
        .call("GET", "/api/v1/auth/me", Some("coordinator"), None)
        .await;
    assert_eq!(me.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_holds_several_consents_and_a_court_order_names_the_aunt() {
    let e = env().await;
    let r = e
        .call(
            "POST",
            "/api/v1/children/{a_sub}/family-members",
            Some("caseworker"),
            Some(r#"{"relationship":"aunt_or_uncle","given_name":"Оксана","family_name":"Шевченко"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let aunt = r.body["id"].as_str().expect("the member's id").to_owned();
    let consent = |basis: &str, order: &str| {
        format!(
            r#"{{"member_id":"{aunt}","basis":"{basis}","how":"video_call","court_order":"{order}","note":"Will receive the child"}}"#
        )
    };
    let post = |body: String| {
        let e = &e;
        async move {
            e.call(
                "POST",
                "/api/v1/cases/{sub_case}/consent",
                Some("caseworker"),
                Some(&body),
            )
            .await
        }
    };
    // No parental responsibility; a court order without its reference.
    let r = post(consent("parental_responsibility", "")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("no parental responsibility"), "{}", r.text);
    let r = post(consent("court_order", "")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let r = post(consent("guardianship", "x")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let r = post(consent("court_order", "District court 2/1187/24")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = post(consent("court_order", "District court 2/1187/24")).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);

    let case = e
        .call("GET", "/api/v1/cases/{sub_case}", Some("coordinator"), None)
        .await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.text);
    let consents = case.body["consents"].as_array().unwrap();
    let bases: Vec<&str> = consents
        .iter()
        .map(|c| c["basis"].as_str().unwrap())
        .collect();
    assert_eq!(bases, ["parental_responsibility", "court_order"]);
    assert_eq!(consents[1]["court_order"], "District court 2/1187/24");
    assert_eq!(consents[1]["how"], "video_call");
    assert!(
        consents
            .iter()
            .all(|c| c["at"].is_string() && c["withdrawn_at"].is_null())
    );
    assert_eq!(case.body["consent_by"], aunt.as_str());

    // The mother withdraws: the case is held, the aunt's consent stays on
    // record, and the case may go on.
    let mother = consents[0]["member_id"].as_str().unwrap().to_owned();
    let r = e
        .call(
            "POST",
            "/api/v1/cases/{sub_case}/consent/withdrawal",
            Some("caseworker"),
            Some(&format!(
                r#"{{"member_id":"{mother}","reason":"Wants to wait"}}"#
            )),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["state"], "on_hold");
    let case = e
        .call("GET", "/api/v1/cases/{sub_case}", Some("coordinator"), None)
        .await;
    assert_eq!(case.body["consent_by"], aunt.as_str());
    assert!(case.body["consents"][0]["withdrawn_at"].is_string());
    assert_eq!(case.body["consents"][0]["withdraw_note"], "Wants to wait");
    let r = e
        .call(
            "POST",
            "/api/v1/cases/{sub_case}/transitions",
            Some("coordinator"),
            Some(r#"{"action":"resume","reason":"The guardian's consent stands"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["state"], "submitted");
    e.state
        .store
        .verify(None)
        .await
        .expect("the ledger verifies");
}
