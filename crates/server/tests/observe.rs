//! What an operator sees: the request id in every problem, idempotent
//! retries, readiness and metrics. (Logs: `tests/logs.rs`.)

mod api_support;

use api_support::env;
use axum::http::StatusCode;

const BODY: &str = r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"2015","sex":"m","list_name":"Walk-in"}"#;

/// `POST /api/v1/children` as party A with an `Idempotency-Key`.
async fn post_child_with_key(
    e: &api_support::Env,
    key: &str,
    body: &'static str,
) -> api_support::Reply {
    let req = axum::http::Request::post("/api/v1/children")
        .header(
            "authorization",
            format!("Bearer {}", api_support::token_of("party-a")),
        )
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(axum::body::Body::from(body))
        .unwrap();
    e.send(req).await
}

#[tokio::test]
async fn every_problem_carries_its_request_id() {
    let e = env().await;
    for (method, path, login) in [
        ("GET", "/api/v1/children", None),
        ("GET", "/api/v1/nothing-here", Some("coordinator")),
        ("GET", "/api/v1/children/{missing}", Some("party-a")),
    ] {
        let r = e.call(method, path, login, None).await;
        assert!(r.status.is_client_error());
        let id = r.body["request_id"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: {}", r.text));
        assert_eq!(r.headers["x-request-id"], id, "{path}");
        assert_eq!(r.body["instance"], format!("urn:uuid:{id}"));
    }
}

#[tokio::test]
async fn a_repeated_idempotency_key_gets_the_first_answer_and_applies_once() {
    let e = env().await;
    let before = e.state.store.ledger_size().await.unwrap();
    let body = r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"2015","sex":"m","list_name":"Walk-in"}"#;
    let send = |key: &'static str| post_child_with_key(&e, key, body);
    let first = send("retry-1").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let after_first = e.state.store.ledger_size().await.unwrap();
    assert!(after_first > before);
    let again = send("retry-1").await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, first.body, "the same child id comes back");
    assert_eq!(again.headers["idempotency-replayed"], "true");
    assert_eq!(
        e.state.store.ledger_size().await.unwrap(),
        after_first,
        "not applied twice"
    );
    let other = send("retry-2").await;
    assert_ne!(other.body, first.body, "another key is another child");
    let bad = send("bad key with spaces").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn readiness_names_each_check() {
    let e = env().await;
    let r = e.call("GET", "/readyz", None, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    for check in ["migrations: ok", "ledger: ok", "writer: ok"] {
        assert!(r.text.contains(check), "{}", r.text);
    }
    // The last entry is removed behind the server's back: not ready.
    let size = e.state.store.ledger_size().await.unwrap() as i64;
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(e.state.store.pool())
        .await
        .unwrap();
    let mut conn = e.state.store.pool().acquire().await.unwrap();
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("DELETE FROM ledger_entries WHERE seq = $1")
        .bind(size)
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    let r = e.call("GET", "/readyz", None, None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text);
    assert!(r.text.contains("ledger: fail"), "{}", r.text);
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_show_the_writer() {
    use tower::ServiceExt;
    let e = env().await;
    let r = e
        .call("POST", "/api/v1/children", Some("party-a"), Some(BODY))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = e
        .call("GET", "/api/v1/children", Some("coordinator"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let metrics = homeward_server::observe::metrics_router(e.state.store.clone());
    let resp = metrics
        .oneshot(
            axum::http::Request::get("/metrics")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let text = String::from_utf8(
        axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    for needle in [
        "homeward_write_queue_depth",
        "homeward_ledger_entries",
        "homeward_access_log_backlog",
        // Buckets in jobs, not in seconds.
        "homeward_write_group_size_bucket{le=\"16\"}",
        "homeward_write_group_size_bucket{le=\"512\"}",
        "route=\"/api/v1/children\"",
        "homeward_http_request_duration_seconds",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

/// Regression: a key reused on another request must not replay the first
/// request's answer (schemathesis found a 204 from one endpoint replayed on
/// another).
#[tokio::test]
async fn the_same_key_on_another_request_is_not_a_replay() {
    let e = env().await;
    let send = |body: &'static str| post_child_with_key(&e, "same", body);
    let first = send(BODY).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let other = send("8371").await;
    assert_eq!(
        other.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        other.text
    );
    assert!(other.headers.get("idempotency-replayed").is_none());
}
