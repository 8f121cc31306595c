//! The children's registry through the API: registering, searching in any
//! script, reading, and the access log of every read.

use crate::api_support::env;
use axum::http::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_child_can_be_read_back() {
    let e = env().await;
    let body = r#"{"given_name":"Тарас","family_name":"Бондар","patronymic":"Іванович","birth_date":"03.2015","sex":"m","birth_place":"Харків","list_name":"Walk-in reports"}"#;
    let created = e
        .call("POST", "/api/v1/children", Some("party-a"), Some(body))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let child = e
        .call(
            "GET",
            &format!("/api/v1/children/{id}"),
            Some("party-a"),
            None,
        )
        .await;
    assert_eq!(child.status, StatusCode::OK);
    let b = &child.body;
    assert_eq!(b["id"], id.as_str());
    assert_eq!(b["org_id"], e.ids.get("org_a"));
    assert_eq!(b["list_name"], "Walk-in reports");
    assert_eq!(b["names"][0]["given_name"], "Тарас");
    assert_eq!(b["names"][0]["patronymic"], "Іванович");
    assert_eq!(b["names"][0]["lang"], "uk");
    assert_eq!(b["names"][0]["latin"], "Taras Bondar");
    assert_eq!(b["sex"], "M");
    assert_eq!(b["birth_date"], "2015-03");
    assert_eq!(b["birth_place"][0]["name"], "Харків");
    assert_eq!(b["cases"], serde_json::json!([]));
    // Party B may not know of it.
    let other = e
        .call(
            "GET",
            &format!("/api/v1/children/{id}"),
            Some("party-b"),
            None,
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    // The registration is in the ledger, which still verifies.
    e.state.store.verify(None).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_are_found_in_any_script_and_spelling() {
    let e = env().await;
    let cases: &[(&str, &str, &[&str])] = &[
        ("coordinator", "Solomiia Shevchuk", &["a_solo"]),
        ("coordinator", "Shevchuk Solomiia", &["a_solo"]),
        ("coordinator", "Соломия", &["a_solo"]),
        ("coordinator", "Aleksandr Shevchenko", &["a_child"]),
        ("coordinator", "Oleksandr", &["a_child"]),
        ("coordinator", "Irina Petrenko", &["b_child"]),
        ("coordinator", "Nobody Atall", &[]),
        // Party A's search never reaches party B's child.
        ("party-a", "Petrenko", &[]),
        ("party-b", "Petrenko", &["b_child"]),
        ("party-b", "Solomiia", &[]),
    ];
    for (login, q, want) in cases {
        let r = e
            .call(
                "GET",
                &format!("/api/v1/children?q={}", q.replace(' ', "%20")),
                Some(login),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text);
        let got: Vec<&str> = r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = want.iter().map(|k| e.ids.get(k)).collect();
        assert_eq!(got, want, "{login} searching '{q}'");
        assert_eq!(r.body["total"], want.len(), "{q}");
    }
    // Latin spelling beside the Cyrillic.
    let r = e
        .call(
            "GET",
            "/api/v1/children?q=Solomiia",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.body["items"][0]["names"][0]["family_name"], "Шевчук");
    assert_eq!(r.body["items"][0]["names"][0]["latin"], "Solomiia Shevchuk");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_are_paged_and_filtered() {
    let e = env().await;
    let page = |q: &str| {
        let e = &e;
        let q = q.to_owned();
        async move {
            let r = e
                .call(
                    "GET",
                    &format!("/api/v1/children?{q}"),
                    Some("coordinator"),
                    None,
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text);
            (
                r.body["total"].as_i64().unwrap(),
                r.body["items"].as_array().unwrap().len(),
            )
        }
    };
    let cases = [
        ("", (4, 4)),
        ("limit=3", (4, 3)),
        ("limit=3&offset=3", (4, 1)),
        ("case_state=in_transit", (1, 1)),
        ("case_state=submitted", (1, 1)),
        ("custody=institution", (1, 1)),
        ("born_from=2014&born_to=2014", (4, 4)),
        ("born_from=2015", (0, 0)),
        ("sex=F", (4, 4)),
        ("sex=M", (0, 0)),
    ];
    for (q, want) in cases {
        assert_eq!(page(q).await, want, "{q}");
    }
    let org_b = format!("org_id={}", e.ids.get("org_b"));
    assert_eq!(page(&org_b).await, (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_read_of_a_child_is_in_its_access_log_for_coordinators() {
    let e = env().await;
    let path = "/api/v1/children/{a_child}";
    for login in ["party-a", "party-b", "escort", "coordinator"] {
        assert_eq!(e.call("GET", path, Some(login), None).await.status, 200);
    }
    // A refused look is not a read.
    assert_eq!(
        e.call("GET", path, Some("transit-1"), None).await.status,
        404
    );

    let log = e
        .call(
            "GET",
            "/api/v1/children/{a_child}/access-log",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.text);
    assert_eq!(log.body["total"], 4);
    let items = log.body["items"].as_array().unwrap();
    let logins: Vec<&str> = items.iter().map(|i| i["login"].as_str().unwrap()).collect();
    assert_eq!(
        logins,
        ["coordinator", "escort", "party-b", "party-a"],
        "newest first"
    );
    for i in items {
        assert_eq!(i["record_kind"], "child");
        assert_eq!(i["record_id"], e.ids.get("a_child"));
        assert_eq!(i["via"], "GET /api/v1/children/{id}");
        assert!(i["at"].as_str().unwrap().ends_with('Z'));
    }
    assert_eq!(items[3]["org_id"], e.ids.get("org_a"));

    for login in [
        "caseworker",
        "party-a",
        "party-b",
        "escort",
        "transit-1",
        "admin",
    ] {
        let r = e
            .call(
                "GET",
                "/api/v1/children/{a_child}/access-log",
                Some(login),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
    }
    let auditor = e
        .call(
            "GET",
            "/api/v1/children/{a_child}/access-log",
            Some("auditor"),
            None,
        )
        .await;
    assert_eq!(auditor.status, StatusCode::OK);
    assert_eq!(auditor.body["total"], 4);

    // Reading the log is not itself a read of the child.
    let again = e
        .call(
            "GET",
            "/api/v1/children/{a_child}/access-log",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(again.body["total"], 4);

    // The reads are ledger entries: the ledger verifies, and the whole log
    // lists case reads too.
    e.call("GET", "/api/v1/cases/{a_case}", Some("party-b"), None)
        .await;
    let all = e
        .call(
            "GET",
            "/api/v1/access-log?record_kind=case",
            Some("auditor"),
            None,
        )
        .await;
    assert_eq!(all.body["total"], 1);
    assert_eq!(all.body["items"][0]["via"], "GET /api/v1/cases/{id}");
    let summary = e.state.store.verify(None).await.unwrap();
    assert!(summary.entries > 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_moves_through_the_api_and_refusals_name_the_rule() {
    let e = env().await;
    let created = e
        .call(
            "POST",
            "/api/v1/cases",
            Some("coordinator"),
            Some(r#"{"child_id":"{a_solo}","party_a":"{org_a}","party_b":"{org_b}"}"#),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let case = created.body["id"].as_str().unwrap().to_owned();
    let step = |login: &'static str, body: &'static str| {
        let e = &e;
        let path = format!("/api/v1/cases/{case}/transitions");
        async move { e.call("POST", &path, Some(login), Some(body)).await }
    };
    let r = step("caseworker", r#"{"action":"verify"}"#).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("at least one identity document or identity evidence"),
        "{}",
        r.text
    );
    let r = e
        .call(
            "POST",
            &format!("/api/v1/cases/{case}/evidence"),
            Some("caseworker"),
            Some(r#"{"kind":"identity","description":"Birth certificate seen"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = step("caseworker", r#"{"action":"verify"}"#).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["state"], "verified");
    let r = step("party-b", r#"{"action":"dispute","reason":"Not our list"}"#).await;
    assert_eq!(r.body["state"], "disputed");
    let r = step("coordinator", r#"{"action":"resume","reason":"Clarified"}"#).await;
    assert_eq!(r.body["state"], "verified");
    let got = e
        .call(
            "GET",
            &format!("/api/v1/cases/{case}"),
            Some("coordinator"),
            None,
        )
        .await;
    let history: Vec<&str> = got.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["verified", "disputed", "verified"]);
    assert!(
        got.body["actions"]
            .as_array()
            .unwrap()
            .contains(&"close".into())
    );
    let as_party = e
        .call(
            "GET",
            &format!("/api/v1/cases/{case}"),
            Some("party-b"),
            None,
        )
        .await;
    assert!(
        as_party.body["history"][1]["note"].is_null(),
        "reasons are notes"
    );
    assert_eq!(as_party.body["actions"], serde_json::json!(["dispute"]));
}
