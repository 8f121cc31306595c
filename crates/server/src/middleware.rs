//! The layers around every route: security headers, CSRF protection, size
//! and time limits, panics, request ids and request logs.
//!
//! Request logs (`observe.rs`) name the method and the route template only,
//! never the path or the query string: a search (`?q=`) holds a child's name.

use crate::error::{PROBLEM_JSON, problem};
use crate::limits::{BODY_LIMIT, limits_for};
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

/// No inline script or style anywhere; everything from this server.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Wraps the application's routes in the layers every response passes.
pub fn apply(router: Router) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    router
        // Innermost first.
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(limit_body))
        .layer(CsrfLayer::new())
        .layer(middleware::from_fn(limit_time))
        .layer(CatchPanicLayer::custom(|_| {
            tracing::error!("a request handler panicked");
            problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "something went wrong on the server; the error was logged",
            )
        }))
        // Bare error statuses from the layers within and from routing become
        // problem documents.
        .layer(middleware::from_fn(problem_for_bare_errors))
        .layer(middleware::from_fn(crate::observe::observe))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        // Nothing this server answers may be kept by a cache: answers carry
        // children's personal data. Static assets set their own.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}

/// Refuses a body larger than its route's limit (`limits::limits_for`: 1 MiB,
/// or 32 MiB for imports): at once when `Content-Length` says so, otherwise
/// as soon as the stream passes the limit. The larger limit is the imports
/// route's alone.
async fn limit_body(req: Request, next: Next) -> Response {
    let (limit, _) = limits_for(req.uri().path());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(limit);
    }
    let req = req.map(|b| Body::new(http_body_util::Limited::new(b, limit)));
    next.run(req).await
}

/// The answer to a body over `limit` bytes.
fn too_large(limit: usize) -> Response {
    problem(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "the request body is larger than this server accepts ({} MiB); send less at a time",
            limit / (1024 * 1024)
        ),
    )
}

/// Answers `408` when a request outlasts its route's time (30 s, or 5
/// minutes for imports). A write already handed to the store is finished
/// by its writer all the same; only the answer is lost.
async fn limit_time(req: Request, next: Next) -> Response {
    let (_, time) = limits_for(req.uri().path());
    match tokio::time::timeout(time, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// The sentence for an error status produced by a layer or by routing,
/// which has no body of its own.
fn sentence(status: StatusCode) -> &'static str {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            "the request body is larger than this server accepts (1 MiB); send less at a time"
        }
        StatusCode::REQUEST_TIMEOUT => {
            "the request took too long and was stopped; try again, or ask for less at a time"
        }
        StatusCode::FORBIDDEN => {
            "this cross-site request was refused; submit the form from this site's own pages"
        }
        StatusCode::NOT_FOUND => "there is nothing at this address; see /api/v1/docs for the API",
        StatusCode::METHOD_NOT_ALLOWED => {
            "this address does not accept this method; see /api/v1/docs for the API"
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "send the body as JSON (Content-Type: application/json)"
        }
        _ => "the request could not be completed",
    }
}

/// Turns error responses that carry no document (from tower-http's layers,
/// or routing's 404 and 405) into problem documents under `/api/`.
async fn problem_for_bare_errors(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let resp = next.run(req).await;
    let status = resp.status();
    if !api || !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    let typed = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON) || v.starts_with("application/json"));
    if typed {
        return resp;
    }
    let mut out = problem(status, sentence(status));
    for (name, value) in resp.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}
