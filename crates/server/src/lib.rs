//! homeward-server: the HTTP side of the one binary.
//!
//! `app(state)` builds the router and is separate from `serve`, so tests
//! drive it with `tower::ServiceExt::oneshot` without a socket. Handlers get
//! the store through [`AppState`] as `Arc<Store>`: they are not generic over
//! the backend.
//!
//! - [`api`]: the JSON API under `/api/v1`, its OpenAPI document and page.
//! - [`auth`]: passwords, sessions and tokens, the [`auth::AuthUser`] extractor.
//! - [`error`]: the one error type, answered as `application/problem+json`.
//! - [`middleware`]: security headers, CSRF, limits, request logs.
//! - [`limits`]: request size and time, sign-in attempts, password hashing.
//! - [`imports`]: a party's list read, validated and imported; what the
//!   command line and the API share.
//!
//! Every read and write asks the domain's access policy
//! (`homeward_domain::access::can`) first; reads of a child's record are
//! written to the ledger's access log.

pub mod api;
pub mod auth;
pub mod documents;
pub mod error;
pub mod export;
pub mod idempotency;
pub mod imports;
pub mod limits;
pub mod matching;
pub mod middleware;
pub mod names;
pub mod observe;
pub mod sources;
pub mod ui;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use homeward_store::Store;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// How the server is deployed; validated once at start.
#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    /// Mark cookies `Secure` always (the server is reached over TLS). Without
    /// it they are `Secure` when a proxy sends `X-Forwarded-Proto: https`.
    pub secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For` (only behind a proxy
    /// that sets it), for the failed-sign-in limits.
    pub trust_proxy: bool,
    /// Answer `/public/report` and `/api/v1/public/report` without sign-in
    /// (counts only; see `api::public`). Off: both answer 404.
    pub public_report: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub config: Arc<ServerConfig>,
    /// Password hashing, a bounded number at a time.
    pub hash_pool: limits::HashPool,
    /// What the session purge has done so far.
    pub session_purge: watch::Receiver<SessionPurge>,
    /// Idempotency keys whose first request is being served here.
    pub idempotency: Arc<idempotency::InFlight>,
}

/// How often sessions and tokens that ended are deleted.
pub const SESSION_PURGE_EVERY: Duration = Duration::from_secs(10 * 60);

/// Progress of the task that deletes ended sessions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionPurge {
    /// Rounds finished (successfully or not).
    pub rounds: u64,
    /// Sessions deleted in all.
    pub deleted: u64,
}

/// Starts the task that deletes, every `every` (and once at start),
/// sessions and tokens that expired or were revoked: they can never sign
/// anyone in again, and the table would otherwise grow with every sign-in.
/// The task stops by itself once the store is dropped.
pub fn start_session_purge(
    store: &Arc<Store>,
    every: Duration,
) -> (tokio::task::JoinHandle<()>, watch::Receiver<SessionPurge>) {
    let store = Arc::downgrade(store);
    let (tx, rx) = watch::channel(SessionPurge::default());
    let task = tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let Some(store) = store.upgrade() else { break };
            let deleted = match store.purge_sessions(auth::now_secs()).await {
                Ok(n) => n,
                Err(e) => {
                    tracing::error!(error = %e, "ended sessions could not be deleted; retrying later");
                    0
                }
            };
            let keys_before = (auth::now_secs() - idempotency::KEEP_KEYS_FOR_SECS) * 1_000_000;
            if let Err(e) = store.purge_command_keys(keys_before).await {
                tracing::error!(error = %e, "old idempotency keys could not be deleted; retrying later");
            }
            let attempts_before =
                (auth::now_secs() - limits::ATTEMPT_WINDOW.as_secs() as i64) * 1000;
            if let Err(e) = store.purge_signin_attempts(attempts_before).await {
                tracing::error!(error = %e, "old sign-in attempts could not be deleted; retrying later");
            }
            drop(store);
            tx.send_modify(|p| {
                p.rounds += 1;
                p.deleted += deleted;
            });
        }
    });
    (task, rx)
}

impl AppState {
    /// The state for `store` with the default configuration. Starts the
    /// access log's writer and the session purge, so it must be called
    /// inside a Tokio runtime.
    pub fn new(store: Arc<Store>) -> AppState {
        AppState::with_config(store, ServerConfig::default())
    }

    /// Starts the access log's writer and the session purge
    /// ([`start_session_purge`], every [`SESSION_PURGE_EVERY`]).
    pub fn with_config(store: Arc<Store>, config: ServerConfig) -> AppState {
        observe::prometheus();
        let (_, session_purge) = start_session_purge(&store, SESSION_PURGE_EVERY);
        AppState {
            store,
            config: Arc::new(config),
            hash_pool: limits::HashPool::default(),
            session_purge,
            idempotency: Arc::default(),
        }
    }
}

/// The whole application: API, web UI and health check, inside the layers
/// of [`middleware::apply`].
pub fn app(state: AppState) -> Router {
    let routes = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(api::router())
        .merge(ui::router())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            idempotency::idempotency,
        ))
        .with_state(state);
    middleware::apply(routes)
}

/// 200 when the store answers, 503 otherwise. Says nothing else: the
/// endpoint is unauthenticated.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::error!(error = %e, "health check: the store is unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the database is unreachable\n",
            )
        }
    }
}

/// Readiness, for orchestrators running several servers: 200 when the
/// database answers, every migration is applied, the ledger's signed head
/// matches its entries, and the writer keeps up (its queue is less than
/// half full); otherwise 503. The body lists each check; it names no record.
async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let store = &state.store;
    let migrations = match store.migrations_pending().await {
        Ok(0) => Ok("applied".to_owned()),
        Ok(n) => Err(format!("{n} pending")),
        Err(e) => Err(format!("unknown ({e})")),
    };
    let ledger = match store.check_ledger_head().await {
        Ok(n) => Ok(format!("head matches {n} entries")),
        Err(e) => {
            tracing::error!(error = %e, "readiness: the ledger head does not verify");
            Err("the signed head does not match the entries".to_owned())
        }
    };
    let depth = store.write_queue_depth();
    let writer = if depth < homeward_store::QUEUE_CAPACITY / 2 {
        Ok(format!(
            "{depth} queued, {} reads waiting for their access events",
            store.access_backlog()
        ))
    } else {
        Err(format!("{depth} queued: the writer does not keep up"))
    };
    let mut ok = true;
    let mut body = String::new();
    for (name, check) in [
        ("migrations", migrations),
        ("ledger", ledger),
        ("writer", writer),
    ] {
        let (mark, text) = match check {
            Ok(t) => ("ok", t),
            Err(t) => {
                ok = false;
                ("fail", t)
            }
        };
        body.push_str(&format!("{name}: {mark}: {text}\n"));
    }
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, body)
}

/// Serves until `shutdown` resolves, then finishes the requests under way.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
