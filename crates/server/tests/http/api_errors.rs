//! Errors as problem documents, limits, and the headers on every response.

use crate::api_support;

use crate::api_support::env;
use axum::body::Body;
use axum::http::{Request, StatusCode};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_a_problem_document_a_person_can_act_on() {
    let e = env().await;
    let cases: &[(&str, &str, Option<&str>, u16, &str)] = &[
        (
            "POST",
            "/api/v1/children",
            Some(r#"{"given_name": "Тарас", "#),
            400,
            "not valid JSON",
        ),
        (
            "POST",
            "/api/v1/children",
            Some(r#"{"given_name": "Тарас"}"#),
            422,
            "family_name",
        ),
        (
            "POST",
            "/api/v1/children",
            Some(
                r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"31.02.2014","sex":"M"}"#,
            ),
            422,
            "month 2 of 2014 has 28 days",
        ),
        (
            "POST",
            "/api/v1/children",
            Some(r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"2014","sex":"X"}"#),
            422,
            "sex",
        ),
        (
            "POST",
            "/api/v1/children",
            Some(r#"{"given_name":"","family_name":" ","birth_date":"2014","sex":"F"}"#),
            422,
            "given_name must not be empty",
        ),
        (
            "GET",
            "/api/v1/children?limit=many",
            None,
            400,
            "query string",
        ),
        (
            "GET",
            "/api/v1/children?case_state=lost",
            None,
            400,
            "not a case state",
        ),
        (
            "POST",
            "/api/v1/cases/{a_case}/transitions",
            Some(r#"{"action":"hold"}"#),
            422,
            "hold needs a reason",
        ),
        (
            "POST",
            "/api/v1/cases/{a_case}/transitions",
            Some(r#"{"action":"reunite"}"#),
            409,
            "(it must be handed_over)",
        ),
        (
            "POST",
            "/api/v1/cases/{a_case}/transitions",
            Some(r#"{"action":"fly"}"#),
            422,
            "action",
        ),
        ("GET", "/api/v1/no-such-thing", None, 404, "/api/v1/docs"),
        ("PUT", "/api/v1/children", None, 405, "method"),
    ];
    for (method, path, body, status, needle) in cases {
        let r = e.call(method, path, Some("coordinator"), *body).await;
        assert_eq!(r.status.as_u16(), *status, "{method} {path}: {}", r.text);
        assert_eq!(
            r.headers["content-type"], "application/problem+json",
            "{path}"
        );
        assert_eq!(r.body["status"], *status);
        assert_eq!(r.body["type"], "about:blank");
        assert!(r.body["title"].is_string());
        let detail = r.body["detail"].as_str().unwrap();
        assert!(
            detail.contains(needle),
            "{method} {path}: '{detail}' lacks '{needle}'"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_must_be_sent_as_json() {
    let e = env().await;
    let req = Request::post("/api/v1/children")
        .header(
            "authorization",
            format!("Bearer {}", api_support::token_of("coordinator")),
        )
        .header("content-type", "text/plain")
        .body(Body::from("{}"))
        .unwrap();
    let r = e.send(req).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.headers["content-type"], "application/problem+json");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_limit_is_refused_with_413() {
    let e = env().await;
    let big = format!(
        r#"{{"given_name":"{}","family_name":"B","birth_date":"2014","sex":"M"}}"#,
        "a".repeat(homeward_server::limits::BODY_LIMIT + 1)
    );
    let r = e
        .call("POST", "/api/v1/children", Some("coordinator"), Some(&big))
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    // Without a length announced up front, too.
    let stream = futures_body(big);
    let req = Request::post("/api/v1/children")
        .header(
            "authorization",
            format!("Bearer {}", api_support::token_of("coordinator")),
        )
        .header("content-type", "application/json")
        .body(stream)
        .unwrap();
    let r = e.send(req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
}

fn futures_body(s: String) -> Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = s
        .into_bytes()
        .chunks(64 * 1024)
        .map(|c| Ok(c.to_vec()))
        .collect();
    Body::from_stream(futures_util::stream::iter(chunks))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let e = env().await;
    for (path, login) in [
        ("/healthz", None),
        ("/api/v1/children", Some("coordinator")),
        ("/api/v1/children", None),
        ("/api/v1/openapi.json", None),
        ("/api/v1/docs/", None),
    ] {
        let r = e.call("GET", path, login, None).await;
        let h = &r.headers;
        assert_eq!(
            h["content-security-policy"],
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(h.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_form_post_is_refused() {
    let e = env().await;
    let req = Request::post("/api/v1/children")
        .header("cookie", "hw_session=whatever")
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://elsewhere.example")
        .header("host", "homeward.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("given_name=x"))
        .unwrap();
    let r = e.send(req).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    assert!(r.body["detail"].as_str().unwrap().contains("cross-site"));
    // The same request from the site itself reaches the handler (and is
    // refused there for want of a valid session).
    let req = Request::post("/api/v1/children")
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(e.send(req).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_and_page_are_served_from_the_binary() {
    let e = env().await;
    let doc = e.call("GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc.body["paths"].as_object().unwrap();
    for p in [
        "/api/v1/children",
        "/api/v1/children/{id}",
        "/api/v1/children/{id}/access-log",
        "/api/v1/cases/{id}/transitions",
        "/api/v1/auth/token",
        "/api/v1/tracing-requests",
        "/api/v1/trips/{trip_id}/legs/{leg_id}/manifest",
    ] {
        assert!(paths.contains_key(p), "the document describes {p}");
    }
    let page = e.call("GET", "/api/v1/docs/", None, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("swagger-ui"), "{}", page.text);
    assert!(
        !page.text.contains("<script>") && !page.text.contains("https://"),
        "no inline script and nothing fetched from elsewhere"
    );
    for asset in [
        "swagger-ui-bundle.js",
        "swagger-ui.css",
        "swagger-initializer.js",
    ] {
        let r = e
            .call("GET", &format!("/api/v1/docs/{asset}"), None, None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{asset}");
    }
}

/// The document says what the API answers: 401 on every operation that
/// needs a sign-in, the body errors where a body is read, 429 on sign-in,
/// and paging bounds that the API enforces as documented.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_true_to_the_answers() {
    let e = env().await;
    let doc = e.call("GET", "/api/v1/openapi.json", None, None).await.body;
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let public = op["security"] == serde_json::json!([{}]);
            operations += 1;
            if !public {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} documents no 401"
                );
            }
            if op.get("requestBody").is_some() {
                for code in ["400", "413", "415", "422"] {
                    assert!(
                        responses.contains_key(code),
                        "{method} {path} documents no {code}"
                    );
                }
            }
            if method == "post" && !public {
                let header = op["parameters"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header");
                assert!(header, "{method} {path} does not document Idempotency-Key");
            }
        }
    }
    assert!(operations > 20, "only {operations} operations documented");
    let token = &doc["paths"]["/api/v1/auth/token"]["post"]["responses"];
    for code in ["400", "415", "422", "429"] {
        assert!(
            token.get(code).is_some(),
            "POST /auth/token documents no {code}"
        );
    }
    let limit = doc["paths"]["/api/v1/children"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap()
        .clone();
    assert_eq!(limit["schema"]["maximum"], 500);
    for (query, status) in [
        ("limit=500&offset=1000000", 200),
        ("limit=501", 400),
        ("limit=0", 400),
        ("offset=1000001", 400),
        ("offset=3000000000", 400),
    ] {
        for path in [
            "/api/v1/children",
            "/api/v1/cases",
            "/api/v1/tracing-requests",
        ] {
            let r = e
                .call("GET", &format!("{path}?{query}"), Some("coordinator"), None)
                .await;
            assert_eq!(r.status.as_u16(), status, "{path}?{query}: {}", r.text);
        }
    }
}
