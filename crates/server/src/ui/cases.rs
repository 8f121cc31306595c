//! The case board at `/cases`: cases by state with the days each has spent
//! in it, filters by party and state, the cases where nothing has been
//! recorded for N days, and — for coordinators — the children that have no
//! open case, each with the way to open one.

use super::data::{self, Party, display_name};
use super::{Chrome, SignedIn, render};
use crate::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use homeward_domain::access::{self, Action, Resource, viewer};
use homeward_domain::event::RecordKind;
use homeward_domain::{CaseState, OrgId};
use homeward_store::read::BoardFilter;
use serde::Deserialize;
use std::collections::HashMap;

/// How the board appears in the access log (it shows children's names).
pub const VIA_CASES_PAGE: &str = "page /cases";

/// Days without any change after which a case counts as stalled, unless
/// the reader asks for another number.
pub const DEFAULT_STALLED_DAYS: i64 = 30;

const DAY_MICROS: i64 = 86_400_000_000;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BoardQuery {
    pub state: String,
    pub party: String,
    /// N for "stalled": no change for N days.
    pub stalled_days: String,
    /// `1`: only the stalled cases.
    pub stalled: String,
    pub page: String,
}

impl BoardQuery {
    fn stalled_days(&self) -> i64 {
        self.stalled_days
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=3650).contains(n))
            .unwrap_or(DEFAULT_STALLED_DAYS)
    }

    fn page(&self) -> i64 {
        self.page.parse::<i64>().unwrap_or(1).clamp(1, 100_000)
    }

    fn href(&self, page: i64, state: Option<&str>) -> String {
        let mut q = vec![
            ("state", state.unwrap_or(&self.state).to_owned()),
            ("party", self.party.clone()),
            ("stalled_days", self.stalled_days().to_string()),
            ("stalled", self.stalled.clone()),
            ("page", page.to_string()),
        ];
        q.retain(|(_, v)| !v.is_empty());
        let parts: Vec<String> = q
            .iter()
            .map(|(k, v)| format!("{k}={}", super::encode_component(v)))
            .collect();
        format!("/cases?{}", parts.join("&"))
    }
}

pub struct StateCount {
    pub state: &'static str,
    pub count: i64,
    pub href: String,
}

pub struct BoardCase {
    pub child_id: String,
    pub case_id: String,
    pub name: String,
    pub latin: String,
    pub state: &'static str,
    pub days_in_state: i64,
    pub days_since_change: i64,
    pub stalled: bool,
    pub parties: String,
}

pub struct Uncased {
    pub child_id: String,
    pub name: String,
    pub latin: String,
}

#[derive(Template)]
#[template(path = "cases.html")]
struct BoardPage {
    chrome: Chrome,
    filter: BoardQuery,
    stalled_days: i64,
    states: Vec<&'static str>,
    parties: Vec<Party>,
    counts: Vec<StateCount>,
    rows: Vec<BoardCase>,
    total: i64,
    page: i64,
    pages: i64,
    prev_href: Option<String>,
    next_href: Option<String>,
    /// For coordinators: children with no open case.
    uncased: Option<Vec<Uncased>>,
    uncased_total: i64,
}

const PAGE_SIZE: u32 = 50;

pub async fn board(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Query(query): Query<BoardQuery>,
) -> Response {
    let actor = &user.actor;
    if !data::sees_children(actor) || !access::can(actor, Action::Read, &Resource::Cases).allowed()
    {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let stalled_days = query.stalled_days();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64);
    let page = query.page();
    let filter = BoardFilter {
        state: query.state.parse::<CaseState>().ok(),
        party: (!query.party.is_empty()).then(|| OrgId(query.party.clone())),
        unchanged_since: (query.stalled == "1").then(|| now - stalled_days * DAY_MICROS),
        limit: PAGE_SIZE,
        offset: ((page - 1) * i64::from(PAGE_SIZE)).min(i64::from(u32::MAX)) as u32,
    };
    let (listed, counts) = match state.store.case_board(&viewer(actor), &filter).await {
        Ok(b) => b,
        Err(e) => return ctx.internal("case board", e),
    };
    let organisations = match state.store.organisations().await {
        Ok(o) => o,
        Err(e) => return ctx.internal("case board", e),
    };
    let orgs: HashMap<&str, &str> = organisations
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let org = |o: &OrgId| orgs.get(o.as_str()).copied().unwrap_or("").to_owned();
    let shown: Vec<_> = listed.items.iter().map(|r| r.child_id.clone()).collect();
    let mut uncased_ids = Vec::new();
    let (uncased, uncased_total) = if data::is_coordinator(actor) {
        match state.store.children_without_case(25, 0).await {
            Ok(p) => {
                let rows = p
                    .items
                    .into_iter()
                    .map(|(id, details)| {
                        uncased_ids.push(id.clone());
                        let (name, latin) = display_name(details.as_ref());
                        Uncased {
                            child_id: id.0,
                            name,
                            latin,
                        }
                    })
                    .collect();
                (Some(rows), p.total)
            }
            Err(e) => return ctx.internal("case board", e),
        }
    } else {
        (None, 0)
    };
    if let Err(e) = state
        .store
        .record_access(
            actor,
            RecordKind::Child,
            shown.into_iter().chain(uncased_ids).map(|c| c.0),
            VIA_CASES_PAGE,
        )
        .await
    {
        return ctx.internal("case board", e);
    }
    let rows = listed
        .items
        .iter()
        .map(|r| {
            let (name, latin) = display_name(r.details.as_ref());
            let since_change = (now - r.last_change).div_euclid(DAY_MICROS);
            BoardCase {
                child_id: r.child_id.0.clone(),
                case_id: r.case_id.0.clone(),
                name,
                latin,
                state: r.state.as_str(),
                days_in_state: (now - r.state_since).div_euclid(DAY_MICROS),
                days_since_change: since_change,
                stalled: r.state.is_open() && since_change >= stalled_days,
                parties: format!("{} · {}", org(&r.party_a), org(&r.party_b)),
            }
        })
        .collect();
    let size = i64::from(PAGE_SIZE);
    let pages = ((listed.total + size - 1) / size).max(1);
    render(&BoardPage {
        chrome: ctx.chrome("cases"),
        stalled_days,
        states: CaseState::ALL.iter().map(|s| s.as_str()).collect(),
        parties: organisations
            .iter()
            .filter(|o| o.kind == homeward_domain::OrgKind::Party)
            .map(|o| Party {
                id: o.id.0.clone(),
                name: o.name.clone(),
            })
            .collect(),
        counts: counts
            .into_iter()
            .map(|(s, count)| StateCount {
                state: s.as_str(),
                count,
                href: query.href(1, Some(s.as_str())),
            })
            .collect(),
        rows,
        total: listed.total,
        prev_href: (page > 1).then(|| query.href(page - 1, None)),
        next_href: (page < pages).then(|| query.href(page + 1, None)),
        page,
        pages,
        uncased,
        uncased_total,
        filter: query,
    })
}
