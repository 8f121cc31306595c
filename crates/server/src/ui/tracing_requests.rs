//! The list of tracing requests.

use super::data::{self, TracingRow};
use super::{Chrome, SignedIn, render};
use crate::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "tracing_requests.html")]
struct TracingPage {
    chrome: Chrome,
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
        chrome: ctx.chrome("tracing"),
        rows: listed.rows,
        total: listed.total,
        prev_href: (page > 1).then(|| href(page - 1)),
        next_href: (page < pages).then(|| href(page + 1)),
        page,
        pages,
    })
}
