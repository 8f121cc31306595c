//! Sign-in: tokens, cookies, rotation, timeouts, revocation, and the limits
//! on failed sign-ins that never reveal whether a login exists.

use crate::api_support::{PASSWORD, env, problem_without_request_id};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode};
use homeward_server::auth;
use std::net::SocketAddr;

fn token_request(login: &str, password: &str, from: [u8; 4]) -> Request<Body> {
    let mut req = Request::post("/api/v1/auth/token")
        .header("content-type", "application/json")
        .body(Body::from(
            serde_json::json!({"login": login, "password": password}).to_string(),
        ))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((from, 5000))));
    req
}

fn with_bearer(path: &str, method: &str, token: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_signs_in_until_it_is_revoked() {
    let e = env().await;
    let r = e
        .send(token_request("coordinator", PASSWORD, [10, 0, 0, 1]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let token = r.body["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 64, "256 random bits in hex");
    assert!(r.body["expires_at"].as_str().unwrap().ends_with('Z'));

    let me = e.send(with_bearer("/api/v1/auth/me", "GET", &token)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["login"], "coordinator");
    assert_eq!(me.body["role"], "coordinator");

    // Only the hash of the secret is stored.
    let stored = e
        .state
        .store
        .session(&auth::secret_hash(&token))
        .await
        .unwrap();
    assert!(stored.is_some());
    assert!(e.state.store.session(&token).await.unwrap().is_none());

    let del = e
        .send(with_bearer("/api/v1/auth/token", "DELETE", &token))
        .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    let after = e.send(with_bearer("/api/v1/auth/me", "GET", &token)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(after.headers["content-type"], "application/problem+json");
    assert!(after.headers.contains_key("www-authenticate"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_no_longer_signs_in() {
    let e = env().await;
    let r = e
        .send(token_request("party-a", PASSWORD, [10, 0, 0, 2]))
        .await;
    let token = r.body["token"].as_str().unwrap().to_owned();
    let expires = r.body["expires_at"].as_str().unwrap().to_owned();
    let in_eight_hours = homeward_server::api::rfc3339(auth::now_secs() + auth::TOKEN_LIFETIME);
    assert!(
        expires <= in_eight_hours,
        "{expires} is at most 8 hours away"
    );
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE secret_hash = $2")
        .bind(auth::now_secs() - 1)
        .bind(auth::secret_hash(&token))
        .execute(e.state.store.pool())
        .await
        .unwrap();
    let me = e.send(with_bearer("/api/v1/auth/me", "GET", &token)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let garbage = e
        .send(with_bearer("/api/v1/auth/me", "GET", "not-a-token"))
        .await;
    assert_eq!(garbage.status, StatusCode::UNAUTHORIZED);
}

fn cookie_headers(secret: Option<&str>) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Some(s) = secret {
        h.insert(
            "cookie",
            HeaderValue::from_str(&format!("{}={s}", auth::SESSION_COOKIE)).unwrap(),
        );
    }
    h
}

fn secret_of(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cookie_session_rotates_at_sign_in_and_times_out() {
    let e = env().await;
    let s = &e.state;
    let (user, set_cookie) =
        auth::sign_in_cookie(s, &cookie_headers(None), "1.1.1.1", "caseworker", PASSWORD)
            .await
            .unwrap();
    assert_eq!(user.login, "caseworker");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set_cookie.contains(attr), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain HTTP without a proxy");
    let first = secret_of(&set_cookie);
    assert!(
        auth::authenticate(s, &cookie_headers(Some(&first)))
            .await
            .unwrap()
            .is_some()
    );

    // Signing in again with the old cookie ends the old session.
    let mut https = cookie_headers(Some(&first));
    https.insert("x-forwarded-proto", HeaderValue::from_static("https"));
    let (_, set_cookie) = auth::sign_in_cookie(s, &https, "1.1.1.1", "caseworker", PASSWORD)
        .await
        .unwrap();
    assert!(set_cookie.contains("Secure"), "behind TLS: {set_cookie}");
    let second = secret_of(&set_cookie);
    assert_ne!(first, second);
    assert!(
        auth::authenticate(s, &cookie_headers(Some(&first)))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        auth::authenticate(s, &cookie_headers(Some(&second)))
            .await
            .unwrap()
            .is_some()
    );

    // The cookie works on the API too.
    let mut req = Request::get("/api/v1/auth/me").body(Body::empty()).unwrap();
    req.headers_mut().extend(cookie_headers(Some(&second)));
    assert_eq!(e.send(req).await.status, StatusCode::OK);

    // Idle for more than 30 minutes: gone.
    let hash = auth::secret_hash(&second);
    sqlx::query("UPDATE sessions SET last_seen = $1 WHERE secret_hash = $2")
        .bind(auth::now_secs() - auth::SESSION_IDLE - 1)
        .bind(hash.as_str())
        .execute(s.store.pool())
        .await
        .unwrap();
    // Written behind the store's back, as the clock would: the session was
    // looked up a moment ago, and a real idle half hour outlasts the
    // store's memory of that lookup.
    tokio::time::sleep(homeward_store::sessions::SESSION_CACHE_TTL).await;
    assert!(
        auth::authenticate(s, &cookie_headers(Some(&second)))
            .await
            .unwrap()
            .is_none()
    );

    // Active but past the absolute 12 hours: gone.
    let (_, set_cookie) =
        auth::sign_in_cookie(s, &cookie_headers(None), "1.1.1.1", "caseworker", PASSWORD)
            .await
            .unwrap();
    let third = secret_of(&set_cookie);
    sqlx::query("UPDATE sessions SET created_at = $1, expires_at = $2 WHERE secret_hash = $3")
        .bind(auth::now_secs() - auth::SESSION_ABSOLUTE - 1)
        .bind(auth::now_secs() - 1)
        .bind(auth::secret_hash(&third))
        .execute(s.store.pool())
        .await
        .unwrap();
    assert!(
        auth::authenticate(s, &cookie_headers(Some(&third)))
            .await
            .unwrap()
            .is_none()
    );

    // Signing out revokes.
    let (_, set_cookie) =
        auth::sign_in_cookie(s, &cookie_headers(None), "1.1.1.1", "caseworker", PASSWORD)
            .await
            .unwrap();
    let fourth = secret_of(&set_cookie);
    let cleared = auth::sign_out_cookie(s, &cookie_headers(Some(&fourth)))
        .await
        .unwrap();
    assert!(cleared.contains("Max-Age=0"));
    assert!(
        auth::authenticate(s, &cookie_headers(Some(&fourth)))
            .await
            .unwrap()
            .is_none()
    );

    // A cookie secret is not a bearer token, nor the other way round.
    let mut req = Request::get("/api/v1/auth/me").body(Body::empty()).unwrap();
    req.headers_mut().insert(
        "authorization",
        HeaderValue::from_str(&format!("Bearer {fourth}")).unwrap(),
    );
    assert_eq!(e.send(req).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sixth_failure_in_a_minute_is_refused_whether_or_not_the_login_exists() {
    let e = env().await;
    for (login, from) in [
        ("party-b", [10, 1, 0, 1]),
        ("nobody-by-this-name", [10, 1, 0, 2]),
    ] {
        let mut first = None;
        for attempt in 1..=5 {
            let r = e.send(token_request(login, "wrong password!", from)).await;
            assert_eq!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "{login} attempt {attempt}"
            );
            let text = problem_without_request_id(&r.text);
            first.get_or_insert(text.clone());
            assert_eq!(Some(&text), first.as_ref(), "every failure reads the same");
        }
        let sixth = e.send(token_request(login, "wrong password!", from)).await;
        assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS, "{login}");
        assert!(sixth.headers.contains_key("retry-after"));
        assert_eq!(sixth.headers["content-type"], "application/problem+json");
        // Even the right password waits now (for the real login).
        if login == "party-b" {
            let right = e.send(token_request(login, PASSWORD, [10, 9, 9, 9])).await;
            assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
        }
    }
    // A wrong password and an unknown login get the same answer.
    let known = e
        .send(token_request("auditor", "wrong password!", [10, 2, 0, 1]))
        .await;
    let unknown = e
        .send(token_request(
            "no-such-login",
            "wrong password!",
            [10, 2, 0, 2],
        ))
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(
        problem_without_request_id(&known.text),
        problem_without_request_id(&unknown.text)
    );

    // Per address: as many attempts as an address may make, on as many
    // logins (no login reaches its own limit).
    for i in 0..homeward_server::limits::MAX_ADDRESS_ATTEMPTS {
        let r = e
            .send(token_request(
                &format!("user{i}"),
                "wrong password!",
                [10, 3, 0, 1],
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = e
        .send(token_request("escort", PASSWORD, [10, 3, 0, 1]))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = e
        .send(token_request("escort", PASSWORD, [10, 3, 0, 2]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}
