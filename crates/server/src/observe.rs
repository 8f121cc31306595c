//! What an operator sees: one log line per request, the request id in every
//! problem document, and Prometheus metrics.
//!
//! The request line names the route *template* (`/api/v1/children/{id}`),
//! never the raw path or query string, which can hold a child's name; users
//! and organisations appear by id only. The request id comes from the
//! `x-request-id` header (set by the client, a proxy, or here) and is put on
//! the request's span, so every line logged while serving it — a 5xx's error
//! chain included — carries it, and into every problem+json answer as
//! `request_id`, so that a user's report leads to the log line.

use crate::error::PROBLEM_JSON;
use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use homeward_domain::Actor;
use homeward_store::Store;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::{Arc, OnceLock};
use std::time::Instant;
use tracing::Instrument;

/// Filled in by the authentication extractors, read by the request log.
#[derive(Clone, Default)]
pub struct RequestUser(Arc<OnceLock<(String, String)>>);

impl RequestUser {
    pub fn set(&self, actor: &Actor) {
        let _ = self.0.set((actor.user.0.clone(), actor.org.0.clone()));
    }
}

/// The request id of the request being served, for handlers that render
/// their own error pages.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// Problem documents larger than this are passed through unchanged (ours
/// are a few hundred bytes).
const PROBLEM_MAX: usize = 64 * 1024;

/// The request log, request ids in problems, and request metrics. Runs
/// inside the layer that sets `x-request-id`.
pub async fn observe(mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let user = RequestUser::default();
    req.extensions_mut().insert(user.clone());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let span = tracing::info_span!("request", request_id = %request_id);
    let resp = next.run(req).instrument(span.clone()).await;
    let status = resp.status();
    let latency = started.elapsed();
    let (user_id, org_id) = user.0.get().cloned().unwrap_or_default();
    span.in_scope(|| {
        let ms = latency.as_secs_f64() * 1000.0;
        if status.is_server_error() {
            tracing::warn!(%method, route = %route, status = status.as_u16(), latency_ms = ms, user = %user_id, org = %org_id, "request");
        } else {
            tracing::info!(%method, route = %route, status = status.as_u16(), latency_ms = ms, user = %user_id, org = %org_id, "request");
        }
    });
    let labels = [
        ("method", method.to_string()),
        ("route", route),
        ("status", status.as_u16().to_string()),
    ];
    metrics::counter!("homeward_http_requests_total", &labels).increment(1);
    metrics::histogram!("homeward_http_request_duration_seconds", &labels[..2])
        .record(latency.as_secs_f64());
    with_request_id(resp, &request_id).await
}

/// Adds `request_id` to a problem+json body.
async fn with_request_id(resp: Response, request_id: &str) -> Response {
    let is_problem = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if !is_problem || request_id.is_empty() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, PROBLEM_MAX).await else {
        return (parts.status, "").into_response();
    };
    let body = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(mut doc)) => {
            doc.insert("request_id".into(), request_id.into());
            doc.insert("instance".into(), format!("urn:uuid:{request_id}").into());
            serde_json::to_vec(&doc).unwrap_or_else(|_| bytes.to_vec())
        }
        _ => bytes.to_vec(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len() as u64));
    Response::from_parts(parts, Body::from(body))
}

/// How log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One human-readable line per event.
    Text,
    /// One JSON object per line, with the request's span fields.
    Json,
}

/// The log subscriber every command installs: `filter` is an env-filter
/// directive (`info`, `homeward_store=debug`, ...), lines go to `writer`.
pub fn subscriber<W>(
    format: LogFormat,
    filter: &str,
    writer: W,
) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'a> tracing_subscriber::fmt::MakeWriter<'a> + Send + Sync + 'static,
{
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match format {
        LogFormat::Json => Box::new(
            builder
                .json()
                .with_current_span(true)
                .with_span_list(false)
                .finish(),
        ),
        LogFormat::Text => Box::new(builder.with_target(false).with_ansi(false).finish()),
    }
}

/// The process-wide Prometheus recorder, installed on first use.
pub fn prometheus() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        // Latencies in seconds; a write group's size in jobs (up to the
        // writer's 512), which the seconds' buckets would lump together.
        let recorder = PrometheusBuilder::new()
            .set_buckets(&[
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
            ])
            .and_then(|b| {
                b.set_buckets_for_metric(
                    Matcher::Full("homeward_write_group_size".into()),
                    &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0],
                )
            })
            .expect("bucket lists are not empty")
            .build_recorder();
        let handle = recorder.handle();
        // Another recorder may be installed already (a test harness); then
        // this handle renders nothing but the store's gauges.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// `GET /metrics` in the Prometheus text format: request counts and
/// latencies by route, the write queue, group commits, the ledger's size.
/// Served on its own address (`serve --metrics-listen`), never beside the
/// API: it needs no sign-in, so it must not be reachable from outside.
pub fn metrics_router(store: Arc<Store>) -> Router {
    prometheus();
    Router::new()
        .route("/metrics", get(render))
        .with_state(store)
}

async fn render(State(store): State<Arc<Store>>) -> impl IntoResponse {
    use std::sync::atomic::Ordering::Relaxed;
    let w = store.writer_stats();
    metrics::gauge!("homeward_write_queue_depth").set(store.write_queue_depth() as f64);
    metrics::gauge!("homeward_access_log_backlog").set(store.access_backlog() as f64);
    match store.ledger_size().await {
        Ok(n) => metrics::gauge!("homeward_ledger_entries").set(n as f64),
        Err(e) => tracing::error!(error = %e, "metrics: the ledger size could not be read"),
    }
    metrics::gauge!("homeward_write_groups_committed").set(w.groups.load(Relaxed) as f64);
    metrics::gauge!("homeward_write_jobs_committed").set(w.jobs.load(Relaxed) as f64);
    metrics::gauge!("homeward_write_groups_failed").set(w.failed_groups.load(Relaxed) as f64);
    metrics::gauge!("homeward_write_group_max_size").set(w.max_group.load(Relaxed) as f64);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        prometheus().render(),
    )
}
