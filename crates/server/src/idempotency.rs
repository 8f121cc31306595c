//! `Idempotency-Key` on POST requests to the API.
//!
//! A client that did not get an answer (its connection broke, it timed out)
//! sends the same request again with the same key. The key is scoped to the
//! signed-in user and travels with the command into the store
//! ([`homeward_store::with_command_key`]), which records it in the same
//! transaction as the command's events, together with a digest of the
//! request (method, path, query, body): a command is applied at most once,
//! even when the first attempt's commit outcome was unknown. The first
//! answer is kept (ids and states, never personal data: an answer that
//! quotes any is marked [`CarriesPersonalData`] by its handler and not
//! kept) and given again, marked `Idempotency-Replayed: true`. If the
//! command was applied but its answer was not kept (the server stopped in
//! between), the repeat gets 409 saying so. Keys are forgotten after a day.

use crate::AppState;
use crate::auth::authenticate;
use crate::error::ApiError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use homeward_store::sessions::KeptResponse;
use std::collections::HashSet;
use std::sync::Mutex;

pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
pub const REPLAYED: HeaderName = HeaderName::from_static("idempotency-replayed");
/// How long a key is remembered.
pub const KEEP_KEYS_FOR_SECS: i64 = 24 * 3600;
/// Answers larger than this are not kept (ours are far smaller).
const KEEP_AT_MOST: usize = 64 * 1024;

/// A response extension: this answer quotes personal data, so it is not
/// kept for replays (a repeat gets 409, like one whose answer was lost).
#[derive(Debug, Clone, Copy)]
pub struct CarriesPersonalData;

/// Keys whose first request is being served in this process.
#[derive(Default)]
pub struct InFlight(Mutex<HashSet<(String, String)>>);

struct Claim<'a> {
    set: &'a InFlight,
    id: (String, String),
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        self.set.0.lock().expect("in-flight keys").remove(&self.id);
    }
}

fn valid(key: &str) -> bool {
    (1..=200).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

pub async fn idempotency(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST
        || !req.uri().path().starts_with("/api/")
        || req.uri().path().starts_with("/api/v1/auth/")
    {
        return next.run(req).await;
    }
    let Some(raw) = req.headers().get(&IDEMPOTENCY_KEY) else {
        return next.run(req).await;
    };
    let key = match raw.to_str() {
        Ok(k) if valid(k) => k.to_owned(),
        _ => {
            return ApiError::BadRequest(
                "the Idempotency-Key header must be 1 to 200 visible ASCII characters".into(),
            )
            .into_response();
        }
    };
    // Without a valid sign-in the handler answers 401 itself.
    let user = match authenticate(&state, req.headers()).await {
        Ok(Some(u)) => u.actor.user,
        Ok(None) | Err(_) => return next.run(req).await,
    };
    // The key names this request only: the same key sent with another
    // method, address or body is another request, never a replay of the
    // first one's answer.
    let (parts, body) = req.into_parts();
    let (limit, _) = crate::limits::limits_for(parts.uri.path());
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return ApiError::PayloadTooLarge { limit }.into_response(),
    };
    let key = {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(parts.method.as_str().as_bytes());
        h.update([0]);
        h.update(parts.uri.path().as_bytes());
        h.update([0]);
        h.update(parts.uri.query().unwrap_or("").as_bytes());
        h.update([0]);
        h.update(&bytes);
        let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        format!("{key} {}", &digest[..32])
    };
    let req = Request::from_parts(parts, Body::from(bytes));
    match state.store.command_key(&user, &key).await {
        Ok(Some(Some(kept))) => return replay(kept),
        Ok(Some(None)) => {
            return ApiError::from(homeward_store::StoreError::AlreadyApplied { seqs: vec![] })
                .into_response();
        }
        Ok(None) => {}
        Err(e) => return ApiError::from(e).into_response(),
    }
    let id = (user.0.clone(), key.clone());
    let _claim = {
        let mut set = state.idempotency.0.lock().expect("in-flight keys");
        if !set.insert(id.clone()) {
            return ApiError::Conflict(
                "a request with this Idempotency-Key is being served; wait for its answer".into(),
            )
            .into_response();
        }
        Claim {
            set: &state.idempotency,
            id,
        }
    };
    let resp = homeward_store::with_command_key(key.clone(), next.run(req)).await;
    if !resp.status().is_success() || resp.extensions().get::<CarriesPersonalData>().is_some() {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, KEEP_AT_MOST).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    let kept = KeptResponse {
        status: parts.status.as_u16(),
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    };
    if let Err(e) = state.store.keep_command_response(&user, &key, &kept).await {
        tracing::error!(error = %e, "the answer to an idempotent request could not be kept");
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn replay(kept: KeptResponse) -> Response {
    let status = StatusCode::from_u16(kept.status).unwrap_or(StatusCode::OK);
    let mut resp = (status, kept.body).into_response();
    if let Ok(v) = HeaderValue::from_str(&kept.content_type)
        && !kept.content_type.is_empty()
    {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    } else {
        resp.headers_mut().remove(header::CONTENT_TYPE);
    }
    resp.headers_mut()
        .insert(REPLAYED, HeaderValue::from_static("true"));
    resp
}
