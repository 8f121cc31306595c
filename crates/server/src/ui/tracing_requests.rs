//! The list of tracing requests.

use super::data::{self, TracingRow};
use super::{Chrome, ErasureForm, SignedIn, refused_page, render, same_origin};
use crate::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use homeward_domain::{Command, TracingRequestId};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "tracing_requests.html")]
struct TracingPage {
    chrome: Chrome,
    message: Option<String>,
    rows: Vec<TracingRow>,
    total: i64,
    page: i64,
    pages: i64,
    prev_href: Option<String>,
    next_href: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageParam {
    page: String,
    /// Set after a request's personal data was erased.
    erased: String,
    /// Set after a request was closed.
    closed: String,
}

fn href(page: i64) -> String {
    if page > 1 {
        format!("/tracing-requests?page={page}")
    } else {
        "/tracing-requests".to_owned()
    }
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Query(p): Query<PageParam>,
) -> Response {
    if !data::sees_children(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let page = p.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let listed = match data::tracing_requests(&state.store, &user.actor, page).await {
        Ok(l) => l,
        Err(e) => return ctx.internal("tracing requests", e),
    };
    let size = i64::from(data::PAGE_SIZE);
    let pages = ((listed.total + size - 1) / size).max(1);
    let page = page.min(pages);
    render(&TracingPage {
        message: (p.erased == "1")
            .then(|| ctx.tr.t("erase-done"))
            .or_else(|| (p.closed == "1").then(|| ctx.tr.t("tracing-closed"))),
        chrome: ctx.chrome("tracing"),
        rows: listed.rows,
        total: listed.total,
        prev_href: (page > 1).then(|| href(page - 1)),
        next_href: (page < pages).then(|| href(page + 1)),
        page,
        pages,
    })
}

/// Erases a tracing request's personal data (coordinators).
pub async fn erase(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ErasureForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let Some(reason) = form.reason() else {
        return ctx.error(StatusCode::UNPROCESSABLE_ENTITY, "erase-unconfirmed");
    };
    let command = Command::EraseTracingRequest {
        request_id: TracingRequestId(id),
        reason,
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => Redirect::to("/tracing-requests?erased=1").into_response(),
        Err(e) => refused_page(&ctx, e, "erasure"),
    }
}

#[derive(Deserialize)]
pub struct ClosureForm {
    #[serde(default)]
    outcome: String,
}

/// Ends a tracing request with its outcome (the filing party's officers,
/// mediator staff).
pub async fn close(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ClosureForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let outcome = match serde_json::from_value::<homeward_domain::TracingOutcome>(
        serde_json::Value::String(form.outcome),
    ) {
        Ok(o) => o,
        Err(_) => return ctx.error(StatusCode::UNPROCESSABLE_ENTITY, "error-bad-request"),
    };
    let command = Command::CloseTracingRequest {
        request_id: TracingRequestId(id),
        outcome,
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => Redirect::to("/tracing-requests?closed=1").into_response(),
        Err(e) => refused_page(&ctx, e, "closing a tracing request"),
    }
}
