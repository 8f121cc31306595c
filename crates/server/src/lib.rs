//! homeward-server: the HTTP side of the one binary.
//!
//! `app(state)` builds the router and is separate from `serve`, so tests
//! drive it with `tower::ServiceExt::oneshot` without a socket. Handlers get
//! the store through [`AppState`] as `Arc<Store>`: they are not generic over
//! the backend.

pub mod auth;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use homeward_store::Store;
use std::future::Future;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
}

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .with_state(state)
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

/// Serves until `shutdown` resolves, then finishes the requests under way.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
