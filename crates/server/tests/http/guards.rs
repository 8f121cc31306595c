//! The guards between distrustful users: every answer that shows a child is
//! in that child's access log, erased records stay erased, users can be cut
//! off at once, sign-in holds under a burst, and no answer may be cached.

use crate::api_support;

use crate::api_support::{Env, PASSWORD, env};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use std::collections::BTreeMap;
use std::net::SocketAddr;

/// The child's access log, as a coordinator sees it: `via` → ledger entries.
async fn access_log(e: &Env, child: &str) -> BTreeMap<String, Vec<i64>> {
    let r = e
        .call(
            "GET",
            &format!("/api/v1/children/{{{child}}}/access-log?limit=500"),
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let mut out: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for item in r.body["items"].as_array().unwrap() {
        out.entry(item["via"].as_str().unwrap().to_owned())
            .or_default()
            .push(item["seq"].as_i64().unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_that_shows_a_child_is_in_its_access_log() {
    let e = env().await;
    let ok = |r: &api_support::Reply| assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    ok(&e
        .call(
            "GET",
            "/api/v1/children/{a_child}/family-members",
            Some("party-b"),
            None,
        )
        .await);
    ok(&e
        .call("GET", "/api/v1/children", Some("coordinator"), None)
        .await);
    ok(&e
        .call(
            "GET",
            "/api/v1/children?q=Solomiia%20Shevchuk",
            Some("party-a"),
            None,
        )
        .await);
    ok(&e
        .call(
            "GET",
            "/api/v1/trips/{trip}/legs/{leg1}/manifest",
            Some("transit-1"),
            None,
        )
        .await);
    ok(&e
        .call("GET", "/api/v1/cases/{a_case}", Some("party-a"), None)
        .await);
    ok(&e
        .call("GET", "/api/v1/tracing-requests", Some("caseworker"), None)
        .await);

    let a_child = access_log(&e, "a_child").await;
    for via in [
        "GET /api/v1/children/{id}/family-members",
        "GET /api/v1/children",
        "GET /api/v1/trips/{trip_id}/legs/{leg_id}/manifest",
        "GET /api/v1/cases/{id}",
    ] {
        assert_eq!(
            a_child.get(via).map(Vec::len),
            Some(1),
            "{via}: {a_child:?}"
        );
    }
    // A search shows the children it found, and only those.
    let a_solo = access_log(&e, "a_solo").await;
    assert_eq!(a_solo["GET /api/v1/children"].len(), 2, "{a_solo:?}");
    assert!(!a_child["GET /api/v1/children"].is_empty());
    // One list read is one ledger entry listing every child it showed.
    let b_child = access_log(&e, "b_child").await;
    assert_eq!(
        b_child["GET /api/v1/children"],
        a_child["GET /api/v1/children"]
    );
    // The manifest names the children booked on the trip, and only those:
    // a_sub's case is not booked yet.
    let a_sub = access_log(&e, "a_sub").await;
    assert!(
        !a_sub.contains_key("GET /api/v1/trips/{trip_id}/legs/{leg_id}/manifest"),
        "{a_sub:?}"
    );
    // Nobody else was shown b_child's family or the manifest.
    assert!(!b_child.contains_key("GET /api/v1/children/{id}/family-members"));
    assert!(!b_child.contains_key("GET /api/v1/trips/{trip_id}/legs/{leg_id}/manifest"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracing_request_read_is_in_its_linked_childs_access_log() {
    let e = env().await;
    let r = e
        .call(
            "POST",
            "/api/v1/tracing-requests/{tr_a}/link",
            Some("caseworker"),
            Some(r#"{"child_id":"{a_solo}"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = e
        .call(
            "GET",
            "/api/v1/tracing-requests/{tr_a}",
            Some("party-a"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let log = access_log(&e, "a_solo").await;
    assert_eq!(log["GET /api/v1/tracing-requests/{id}"].len(), 1, "{log:?}");
    assert_eq!(log["POST /api/v1/tracing-requests/{id}/link"].len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_answer_may_be_kept_by_a_cache() {
    let e = env().await;
    for (path, login) in [
        ("/api/v1/children", Some("coordinator")),
        ("/api/v1/children/{a_child}", Some("coordinator")),
        (
            "/api/v1/children/{a_child}/family-members",
            Some("coordinator"),
        ),
        ("/api/v1/tracing-requests", Some("coordinator")),
        ("/api/v1/auth/me", Some("escort")),
        ("/api/v1/children", None),
    ] {
        let r = e.call("GET", path, login, None).await;
        assert_eq!(
            r.headers.get("cache-control").map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{path}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_child_takes_no_new_relatives_or_custody() {
    let e = env().await;
    let r = e
        .call(
            "POST",
            "/api/v1/children/{a_solo}/erasure",
            Some("coordinator"),
            Some(r#"{"reason":"family_request"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    for (path, body) in [
        (
            "/api/v1/children/{a_solo}/family-members",
            r#"{"relationship":"father","given_name":"Петро","family_name":"Шевчук","contact":"+380 50 000 00 00"}"#,
        ),
        (
            "/api/v1/children/{a_solo}/custody",
            r#"{"kind":"hospital","since":"2023-05","place_name":"City hospital","address":"5 Main Street"}"#,
        ),
    ] {
        let r = e.call("POST", path, Some("coordinator"), Some(body)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}: {}", r.text);
        assert!(
            r.text.contains("erased record takes no new personal data"),
            "{}",
            r.text
        );
        assert!(!r.text.contains("Петро") && !r.text.contains("5 Main Street"));
    }
    let r = e
        .call(
            "GET",
            "/api/v1/children/{a_solo}/family-members",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(r.body["total"], 0, "{}", r.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracing_request_is_erased_by_a_coordinator() {
    let e = env().await;
    let r = e
        .call(
            "POST",
            "/api/v1/tracing-requests/{tr_b}/erasure",
            Some("coordinator"),
            Some(r#"{"reason":"retention_period_ended"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let r = e
        .call(
            "GET",
            "/api/v1/tracing-requests/{tr_b}",
            Some("party-b"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        !r.text.contains("Шевчук") && !r.text.contains("Оксана"),
        "{}",
        r.text
    );
    let r = e
        .call(
            "POST",
            "/api/v1/tracing-requests/{tr_b}/erasure",
            Some("coordinator"),
            Some(r#"{"reason":"retention_period_ended"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

fn sign_in(login: &str, password: &str) -> Request<Body> {
    let mut req = Request::post("/api/v1/auth/token")
        .header("content-type", "application/json")
        .body(Body::from(
            serde_json::json!({"login": login, "password": password}).to_string(),
        ))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([10, 7, 0, 1], 5000))));
    req
}

async fn me(e: &Env, login: &str) -> StatusCode {
    e.call("GET", "/api/v1/auth/me", Some(login), None)
        .await
        .status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_user_is_cut_off_at_once_and_can_come_back() {
    let e = env().await;
    assert_eq!(me(&e, "escort").await, StatusCode::OK);
    let r = e
        .call(
            "POST",
            "/api/v1/users/{u_escort}/disable",
            Some("admin"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(me(&e, "escort").await, StatusCode::UNAUTHORIZED);
    // The right password no longer signs in, and says no more than a wrong one.
    let r = e.send(sign_in("escort", PASSWORD)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let users = e.call("GET", "/api/v1/users", Some("admin"), None).await;
    let escort = users.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["login"] == "escort")
        .unwrap();
    assert_eq!(escort["disabled"], true);

    let r = e
        .call(
            "POST",
            "/api/v1/users/{u_escort}/enable",
            Some("admin"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let r = e.send(sign_in("escort", PASSWORD)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // The old token stays dead: disabling ended it for good.
    assert_eq!(me(&e, "escort").await, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_set_by_an_administrator_ends_every_session() {
    let e = env().await;
    let r = e
        .call(
            "PUT",
            "/api/v1/users/{u_escort}/password",
            Some("admin"),
            Some(r#"{"password":"a fresh password for the escort"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(me(&e, "escort").await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        e.send(sign_in("escort", PASSWORD)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        e.send(sign_in("escort", "a fresh password for the escort"))
            .await
            .status,
        StatusCode::OK
    );
    let r = e
        .call(
            "PUT",
            "/api/v1/users/{u_escort}/password",
            Some("admin"),
            Some(r#"{"password":"short"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_changes_their_own_password_with_the_current_one() {
    let e = env().await;
    let r = e
        .call(
            "POST",
            "/api/v1/auth/password",
            Some("party-a"),
            Some(r#"{"current_password":"not my password","new_password":"a brand new password"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    assert_eq!(
        me(&e, "party-a").await,
        StatusCode::OK,
        "a wrong try changes nothing"
    );

    let r = e
        .call(
            "POST",
            "/api/v1/auth/password",
            Some("party-a"),
            Some(r#"{"current_password":"homeward-demo","new_password":"a brand new password"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let token = r.body["token"].as_str().unwrap().to_owned();
    // The other sessions (here: the old token) ended; the new one works.
    assert_eq!(me(&e, "party-a").await, StatusCode::UNAUTHORIZED);
    let mut req = Request::get("/api/v1/auth/me").body(Body::empty()).unwrap();
    req.headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    assert_eq!(e.send(req).await.status, StatusCode::OK);
    assert_eq!(
        e.send(sign_in("party-a", "a brand new password"))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_wrong_passwords_gets_at_most_five_checks() {
    let e = env().await;
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..200u32 {
        let app = e.app.clone();
        burst.spawn(async move {
            use tower::ServiceExt;
            let mut req = sign_in("party-b", "wrong password!");
            // From many addresses, so only the login's limit applies.
            req.extensions_mut().insert(ConnectInfo(SocketAddr::from((
                [10, 8, (i / 250) as u8, (i % 250) as u8 + 1],
                5000,
            ))));
            app.oneshot(req).await.unwrap().status()
        });
    }
    let mut counts: BTreeMap<u16, usize> = BTreeMap::new();
    while let Some(status) = burst.join_next().await {
        *counts.entry(status.unwrap().as_u16()).or_default() += 1;
    }
    let checked = counts.get(&401).copied().unwrap_or(0);
    assert!(checked <= 5, "{counts:?}");
    assert!(checked >= 1, "{counts:?}");
    assert_eq!(
        counts
            .keys()
            .copied()
            .filter(|s| ![401, 429, 503].contains(s))
            .count(),
        0,
        "{counts:?}"
    );
    // Within the minute even the right password is refused before it is checked.
    assert_eq!(
        e.send(sign_in("party-b", PASSWORD)).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// Two servers on one PostgreSQL database share the sign-in limit: a burst
/// spread over both still gets at most five checks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_database_share_the_sign_in_limit() {
    use homeward_server::{AppState, app};
    use homeward_store::{Store, StoreConfig};
    use std::sync::Arc;
    use tower::ServiceExt;

    let db = homeward_testkit::ScratchDb::create().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = StoreConfig::new(db.url());
    config.key_path = Some(dir.path().join("ledger.key"));
    let first = Arc::new(Store::open(&config).await.unwrap());
    let hash = homeward_server::auth::hash_password(PASSWORD).unwrap();
    homeward_store::seed::cast(&first, &hash).await.unwrap();
    config.create = false;
    let second = Arc::new(Store::open(&config).await.unwrap());
    let apps = [
        app(AppState::new(first.clone())),
        app(AppState::new(second.clone())),
    ];

    let mut burst = tokio::task::JoinSet::new();
    for i in 0..40u8 {
        let app = apps[usize::from(i % 2)].clone();
        burst.spawn(async move {
            let mut req = sign_in("party-a", "wrong password!");
            req.extensions_mut()
                .insert(ConnectInfo(SocketAddr::from(([10, 9, 0, i + 1], 5000))));
            app.oneshot(req).await.unwrap().status()
        });
    }
    let mut counts: BTreeMap<u16, usize> = BTreeMap::new();
    while let Some(status) = burst.join_next().await {
        *counts.entry(status.unwrap().as_u16()).or_default() += 1;
    }
    first.close().await;
    second.close().await;
    db.drop().await;
    let checked = counts.get(&401).copied().unwrap_or(0);
    assert!((1..=5).contains(&checked), "{counts:?}");
    assert_eq!(
        checked + counts.get(&429).copied().unwrap_or(0),
        40,
        "{counts:?}"
    );
}
