//! The dashboard: cases by state and by party, and children returned home
//! per month, drawn on the server.

use super::data::{self, Bar};
use super::{Chrome, SignedIn, render};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    total: i64,
    by_state: Vec<Bar>,
    by_party: Vec<Bar>,
    returned: Vec<Bar>,
}

pub async fn page(State(state): State<AppState>, SignedIn { ctx, user }: SignedIn) -> Response {
    let d = match data::dashboard(&state.store, &user.actor).await {
        Ok(d) => d,
        Err(e) => return ctx.internal("dashboard", e),
    };
    render(&DashboardPage {
        chrome: ctx.chrome("dashboard"),
        total: d.total,
        by_state: d.by_state,
        by_party: d.by_party,
        returned: d.returned,
    })
}
