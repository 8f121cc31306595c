//! `POST /api/v1/imports`: a party's list in, again, with a bad row, from
//! the wrong people, and larger than other bodies may be.

use crate::api_support::{Env, Reply, env, token_of};
use axum::body::Body;
use axum::http::{Request, StatusCode};

const LIST: &str = "\u{feff}ID;Прізвище;Ім'я;Дата народження;Стать;Примітки\n\
    UA-001;Шевченко;Олена;02.03.2014;ж;\n\
    UA-002;Коваль;Іван;2013;ч;переведений\n\
    UA-003;Бондаренко;Марія;2016-11;ж;\n";

async fn post(e: &Env, query: &str, login: &str, body: impl Into<Body>) -> Reply {
    let req = Request::builder()
        .method("POST")
        .uri(e.ids.fill(&format!("/api/v1/imports?{query}")))
        .header("authorization", format!("Bearer {}", token_of(login)))
        .header("content-type", "text/csv")
        .body(body.into())
        .unwrap();
    e.send(req).await
}

async fn children(e: &Env) -> i64 {
    e.state.store.count("children").await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_comes_in_once_however_often_it_is_sent() {
    let e = env().await;
    let before = children(&e).await;
    let r = post(
        &e,
        "party={org_a}&list_name=UA%20list%2012",
        "party-a",
        LIST,
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["rows"], 3);
    assert_eq!(r.body["new"], 3);
    assert_eq!(r.body["updated"], 0);
    assert_eq!(r.body["unchanged"], 0);
    assert_eq!(r.body["kind"], "children");
    assert_eq!(r.body["list_name"], "UA list 12");
    assert_eq!(r.body["sha256"].as_str().unwrap().len(), 64);
    let import_id = r.body["import_id"].as_str().unwrap().to_owned();
    let detected = &r.body["detected"];
    assert_eq!(detected["format"], "csv");
    assert_eq!(detected["delimiter"], "semicolon");
    assert_eq!(detected["data_rows"], 3);
    assert_eq!(detected["columns"][1]["name"], "Прізвище");
    assert_eq!(detected["columns"][1]["field"], "family_name");
    assert_eq!(detected["columns"][5]["field"], serde_json::Value::Null);
    assert_eq!(children(&e).await, before + 3);

    // The children are in the registry, found in Latin letters, and carry
    // the import and their ids in the party's list.
    let found = e
        .call(
            "GET",
            "/api/v1/children?q=Olena%20Shevchenko",
            Some("party-a"),
            None,
        )
        .await;
    assert_eq!(found.body["total"], 1, "{}", found.text);
    let row = sqlx::query_as::<_, (String, String, String)>(
        "SELECT external_id, import_id, list_name FROM children WHERE external_id = 'UA-002'",
    )
    .fetch_one(e.state.store.pool())
    .await
    .unwrap();
    assert_eq!(row, ("UA-002".into(), import_id, "UA list 12".into()));

    // The same file again: nothing new.
    let r = post(&e, "party={org_a}", "party-a", LIST).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(
        (&r.body["new"], &r.body["updated"], &r.body["unchanged"]),
        (&0.into(), &0.into(), &3.into())
    );
    assert!(
        r.body["list_name"]
            .as_str()
            .unwrap()
            .starts_with("list imported on ")
    );
    assert_eq!(children(&e).await, before + 3);

    // A corrected list as a dry run: said, not done.
    let corrected = LIST.replace("02.03.2014", "12.03.2014");
    let r = post(
        &e,
        "party={org_a}&dry_run=true",
        "coordinator",
        corrected.clone(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["import_id"], serde_json::Value::Null);
    assert_eq!(r.body["updated"], 1);
    assert_eq!(r.body["unchanged"], 2);
    let r = post(&e, "party={org_a}", "coordinator", corrected.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["updated"], 1);
    assert_eq!(children(&e).await, before + 3);
    e.state.store.verify(None).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_row_stores_nothing_and_every_problem_is_listed() {
    let e = env().await;
    let before = children(&e).await;
    let ledger = e.state.store.ledger_size().await.unwrap();
    let bad = LIST
        .replace("2013;ч", "1945-04-93;ч")
        .replace("2016-11;ж", "2016-11;x");
    let r = post(&e, "party={org_a}", "caseworker", bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    assert_eq!(r.body["error_count"], 2);
    let first = &r.body["errors"][0];
    assert_eq!(first["row"], 2);
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], "Дата народження");
    assert_eq!(first["value"], "1945-04-93");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .starts_with("row 2 (line 3), column Дата народження: value '1945-04-93' — "),
        "{first}"
    );
    assert_eq!(r.body["errors"][1]["column"], "Стать");
    assert!(r.body["request_id"].is_string());
    assert_eq!(children(&e).await, before);
    assert_eq!(e.state.store.ledger_size().await.unwrap(), ledger);

    // Not a table at all, and a header without ids.
    let r = post(&e, "party={org_a}", "caseworker", Vec::<u8>::new()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(
        r.body["detail"],
        "the file cannot be read as a list: the file is empty"
    );
    let r = post(&e, "party={org_a}", "caseworker", "name,surname\nA,B\n").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.body["errors"][0]["row"], serde_json::Value::Null);
    assert_eq!(children(&e).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_mediator_and_the_party_itself_import_its_list() {
    let e = env().await;
    let before = children(&e).await;
    for login in ["party-b", "escort", "transit-1", "auditor", "admin"] {
        let r = post(&e, "party={org_a}", login, LIST).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}: {}", r.text);
        assert!(
            !r.text.contains("Шевченко"),
            "a refusal quotes nothing of the file"
        );
    }
    let r = post(&e, "party={missing}", "coordinator", LIST).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    let r = post(&e, "party={org_a}&kind=people", "coordinator", LIST).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    let form = Request::builder()
        .method("POST")
        .uri(e.ids.fill("/api/v1/imports?party={org_a}"))
        .header(
            "authorization",
            format!("Bearer {}", token_of("coordinator")),
        )
        .header("content-type", "multipart/form-data; boundary=x")
        .body(Body::from(LIST))
        .unwrap();
    assert_eq!(
        e.send(form).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(children(&e).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_take_larger_bodies_than_other_requests() {
    let e = env().await;
    // Two MiB: too much for any other request, a list like any other here.
    let note = "x".repeat(700 * 1024);
    let mut big = String::from("id,family_name,given_name,notes\n");
    for i in 0..3 {
        big.push_str(&format!("B-{i},Шевченко,Олена,{note}\n"));
    }
    assert!(big.len() > 2 * 1024 * 1024);
    let r = post(&e, "party={org_a}", "party-a", big.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["new"], 3);
    let elsewhere = e
        .call(
            "POST",
            "/api/v1/tracing-requests",
            Some("party-a"),
            Some(&format!("{{\"last_seen\":\"{big}\"}}")),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::PAYLOAD_TOO_LARGE);

    let huge = vec![b'a'; 33 * 1024 * 1024];
    let r = post(&e, "party={org_a}", "party-a", huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
    assert!(
        r.body["detail"].as_str().unwrap().contains("32 MiB"),
        "{}",
        r.text
    );
}
