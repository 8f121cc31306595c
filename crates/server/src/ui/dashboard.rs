//! The dashboard: cases by state and by party, and children returned home
//! per month, drawn on the server.

use super::data::{self, Bar};
use super::{Chrome, SignedIn, render};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use homeward_domain::Role;

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    total: i64,
    by_state: Vec<Bar>,
    by_party: Vec<Bar>,
    returned: Vec<Bar>,
    /// For coordinators: how far each party's witness has cosigned.
    witnesses: Vec<WitnessRow>,
    ledger_size: u64,
}

struct WitnessRow {
    party: String,
    name: String,
    /// `None`: nothing cosigned yet.
    cosigned: Option<u64>,
    behind: u64,
}

pub async fn page(State(state): State<AppState>, SignedIn { ctx, user }: SignedIn) -> Response {
    let d = match data::dashboard(&state.store, &user.actor).await {
        Ok(d) => d,
        Err(e) => return ctx.internal("dashboard", e),
    };
    let coordinator = user.actor.is_mediator() && user.actor.role == Role::Coordinator;
    let (witnesses, ledger_size) = if coordinator {
        let size = match state.store.ledger_size().await {
            Ok(n) => n,
            Err(e) => return ctx.internal("dashboard", e),
        };
        match state.store.witness_status().await {
            Ok(w) => (
                w.into_iter()
                    .map(|w| WitnessRow {
                        party: w.org_name,
                        name: w.name,
                        cosigned: w.cosigned_size,
                        behind: size.saturating_sub(w.cosigned_size.unwrap_or(0)),
                    })
                    .collect(),
                size,
            ),
            Err(e) => return ctx.internal("dashboard", e),
        }
    } else {
        (Vec::new(), 0)
    };
    render(&DashboardPage {
        witnesses,
        ledger_size,
        chrome: ctx.chrome("dashboard"),
        total: d.total,
        by_state: d.by_state,
        by_party: d.by_party,
        returned: d.returned,
    })
}
