//! The public report as a page: the same figures as
//! `GET /api/v1/public/report`, without sign-in, only with
//! `serve --public-report`.

use super::{Ctx, render};
use crate::AppState;
use crate::api::public::PublicReport;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "public_report.html")]
struct PublicReportPage {
    chrome: super::Chrome,
    report: PublicReport,
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Response {
    if !state.config.public_report {
        return ctx.not_found();
    }
    let figures = match state.store.public_figures().await {
        Ok(f) => f,
        Err(e) => return ctx.internal("public report", e),
    };
    render(&PublicReportPage {
        chrome: ctx.chrome("public"),
        report: figures.into(),
    })
}
