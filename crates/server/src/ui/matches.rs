//! The review queue in the browser (`/matches`, mediator staff): one match
//! at a time, both records side by side — names in their own script and in
//! Latin letters, each field's agreement and its weight in the score — the
//! decision form under them, and the queue below. Keyboard shortcuts come
//! from `/assets/matches.js` (C confirm, R reject, U unsure, J/K next and
//! previous); without script every step is a plain form or link.

use super::{Chrome, Ctx, SignedIn, local_path, refused_page, render, same_origin};
use crate::AppState;
use crate::api::matches::{LoadedMatch, MatchOut, MatchRecordOut};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use homeward_domain::access::{Action, Resource, can};
use homeward_domain::{Command, MatchDecision, MatchId};
use homeward_store::read::MatchFilter;
use serde::Deserialize;

pub const VIA_MATCHES_PAGE: &str = "/matches";

/// Score bands of the filter, in millionths: `[min, max)`.
const BANDS: [(&str, u32, u32); 3] = [
    ("high", 900_000, 1_000_001),
    ("medium", 500_000, 900_000),
    ("low", 0, 500_000),
];

/// Matches listed under the one being reviewed.
const QUEUE_ROWS: u32 = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MatchesQuery {
    status: String,
    band: String,
    at: u32,
    done: String,
}

impl MatchesQuery {
    fn status(&self) -> &str {
        match self.status.as_str() {
            "confirmed" | "rejected" | "unsure" => &self.status,
            _ => "pending",
        }
    }

    fn band(&self) -> &str {
        BANDS.iter().find(|b| b.0 == self.band).map_or("", |b| b.0)
    }

    fn href(&self, at: u32) -> String {
        let mut s = format!("/matches?status={}", self.status());
        if !self.band().is_empty() {
            s.push_str(&format!("&band={}", self.band()));
        }
        s.push_str(&format!("&at={at}"));
        s
    }
}

/// One row of the side-by-side table.
pub struct FieldRow {
    pub field: String,
    pub a: String,
    pub b: String,
    pub level: String,
    /// `agree`, `partial`, `differ` or `missing`: how the row is marked.
    pub mark: &'static str,
    /// The weight in bits, signed, one decimal.
    pub weight: String,
}

/// A record's column header and its names.
pub struct Side {
    pub party: String,
    pub external_id: String,
    pub list_name: String,
    /// Each spelling as written, with its Latin form when it differs.
    pub names: Vec<(String, String)>,
    pub href: Option<String>,
    pub erased: bool,
}

pub struct Review {
    pub id: String,
    pub kind: String,
    pub score_pct: String,
    pub renamed: bool,
    pub status: String,
    pub open: bool,
    pub a: Side,
    pub b: Side,
    pub rows: Vec<FieldRow>,
}

pub struct QueueLine {
    pub at: u32,
    pub href: String,
    pub score_pct: String,
    pub kind: String,
    pub a: String,
    pub b: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "matches.html")]
struct MatchesPage {
    chrome: Chrome,
    status: String,
    band: String,
    total: i64,
    position: u32,
    review: Option<Review>,
    queue: Vec<QueueLine>,
    prev: Option<String>,
    next: Option<String>,
    back: String,
    message: Option<String>,
}

fn side(r: &MatchRecordOut, parties: &[(String, String)]) -> Side {
    let party = r.party.as_deref().unwrap_or("");
    Side {
        party: parties
            .iter()
            .find(|(id, _)| id == party)
            .map_or_else(|| party.to_owned(), |(_, n)| n.clone()),
        external_id: r.external_id.clone().unwrap_or_default(),
        list_name: r.list_name.clone().unwrap_or_default(),
        names: r
            .names
            .iter()
            .map(|n| {
                let written = [
                    n.given_name.as_str(),
                    n.patronymic.as_deref().unwrap_or(""),
                    n.family_name.as_str(),
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
                let latin = if n.latin == format!("{} {}", n.given_name, n.family_name) {
                    String::new()
                } else {
                    n.latin.clone()
                };
                (written, latin)
            })
            .collect(),
        href: r.child_id.as_ref().map(|c| format!("/children/{c}")),
        erased: r.erased,
    }
}

fn first_name_part(r: &MatchRecordOut, f: &str) -> String {
    let Some(n) = r.names.first() else {
        return String::new();
    };
    match f {
        "family_name" => n.family_name.clone(),
        "given_name" => n.given_name.clone(),
        "patronymic" => n.patronymic.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

fn value(r: &MatchRecordOut, f: &str) -> String {
    match f {
        "sex" => r.sex.clone().unwrap_or_default(),
        "birth_date" => r.birth_date.clone().unwrap_or_default(),
        "birth_place" => r.birth_place.join("; "),
        _ => first_name_part(r, f),
    }
}

fn mark(level: &str) -> &'static str {
    match level {
        "exact" | "agree" => "agree",
        "missing" | "unknown" | "not_counted" => "missing",
        "differ" | "mismatch" => "differ",
        _ => "partial",
    }
}

fn review(m: &MatchOut, parties: &[(String, String)]) -> Review {
    let rows = m
        .fields
        .iter()
        .map(|f| {
            let (a, b) = (value(&m.a, &f.field), value(&m.b, &f.field));
            // A field both records hold that the engine did not weigh (the
            // sex, when the given names already say it).
            let level = if f.level == "missing" && !a.is_empty() && !b.is_empty() {
                "not_counted".to_owned()
            } else {
                f.level.clone()
            };
            FieldRow {
                field: f.field.clone(),
                a,
                b,
                mark: mark(&level),
                level,
                weight: format!("{:+.1}", f.weight),
            }
        })
        .collect();
    Review {
        id: m.id.clone(),
        kind: m.kind.clone(),
        score_pct: format!("{:.1}", m.score * 100.0),
        renamed: m.renamed,
        status: m.status.clone(),
        open: m.status == "pending" || m.status == "unsure",
        a: side(&m.a, parties),
        b: side(&m.b, parties),
        rows,
    }
}

fn short_name(r: &MatchRecordOut) -> String {
    r.names
        .first()
        .map(|n| format!("{} {}", n.given_name, n.family_name))
        .unwrap_or_else(|| "—".to_owned())
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Query(q): Query<MatchesQuery>,
) -> Response {
    let actor = &user.actor;
    if !can(actor, Action::Read, &Resource::Matches).allowed() {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let band = BANDS.iter().find(|b| b.0 == q.band());
    let filter = |offset: u32, limit: u32| MatchFilter {
        status: q.status().parse().ok(),
        kind: None,
        min_ppm: band.map(|b| b.1),
        max_ppm: band.map(|b| b.2),
        after: None,
        limit,
        offset,
    };
    let at = q.at;
    let start = at.saturating_sub(at % QUEUE_ROWS);
    let page = match state.store.matches(&filter(start, QUEUE_ROWS)).await {
        Ok(p) => p,
        Err(e) => return ctx.internal("matches page", e),
    };
    let parties: Vec<(String, String)> = match state.store.organisations().await {
        Ok(o) => o.into_iter().map(|o| (o.id.0, o.name)).collect(),
        Err(e) => return ctx.internal("matches page", e),
    };
    let mut loaded = Vec::new();
    for row in page.items {
        match LoadedMatch::load(&state.store, row).await {
            Ok(m) => loaded.push(m),
            Err(e) => return ctx.internal("matches page", e),
        }
    }
    let accessed = loaded.iter().flat_map(|m| m.accessed()).collect();
    if let Err(e) = state
        .store
        .record_accesses(actor, accessed, VIA_MATCHES_PAGE)
        .await
    {
        return ctx.internal("matches page: access log", e);
    }
    let outs: Vec<MatchOut> = loaded.iter().map(LoadedMatch::out).collect();
    let current = outs.get((at - start) as usize);
    let queue = outs
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let pos = start + i as u32;
            QueueLine {
                at: pos + 1,
                href: q.href(pos),
                score_pct: format!("{:.1}", m.score * 100.0),
                kind: m.kind.clone(),
                a: short_name(&m.a),
                b: short_name(&m.b),
                current: pos == at,
            }
        })
        .collect();
    let total = page.total;
    let message = match q.done.as_str() {
        "confirm" | "reject" | "unsure" | "undo" => Some(ctx.tr.k("matches-done-", &q.done)),
        _ => None,
    };
    render(&MatchesPage {
        chrome: ctx.chrome("matches"),
        status: q.status().to_owned(),
        band: q.band().to_owned(),
        total,
        position: at + 1,
        review: current.map(|m| review(m, &parties)),
        queue,
        prev: (at > 0).then(|| q.href(at - 1)),
        next: ((at as i64) + 1 < total).then(|| q.href(at + 1)),
        back: q.href(at),
        message,
    })
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

/// Where to go after a form: the queue as it was, with what was done.
fn back_to(back: &str, done: &str) -> Response {
    let base = local_path(back)
        .filter(|p| p.starts_with("/matches"))
        .unwrap_or("/matches");
    let sep = if base.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{base}{sep}done={done}")).into_response()
}

async fn act(
    state: &AppState,
    ctx: &Ctx,
    user: &super::UiUser,
    headers: &HeaderMap,
    command: Command,
    back: &str,
    done: &str,
) -> Response {
    if !same_origin(headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    if !can(&user.actor, Action::Write, &Resource::Matches).allowed() {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    match state.store.execute(&user.actor, command).await {
        Ok(_) => back_to(back, done),
        Err(e) => refused_page(ctx, e, "deciding a match"),
    }
}

pub async fn decide(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    let Ok(decision) = form.decision.parse::<MatchDecision>() else {
        return ctx.error(StatusCode::UNPROCESSABLE_ENTITY, "error-bad-request");
    };
    let reason = Some(form.reason.trim().to_owned()).filter(|r| !r.is_empty());
    let command = Command::DecideMatch {
        match_id: MatchId(id),
        decision,
        reason,
    };
    act(
        &state,
        &ctx,
        &user,
        &headers,
        command,
        &form.back,
        decision.as_str(),
    )
    .await
}

pub async fn undo(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    let reason = Some(form.reason.trim().to_owned()).filter(|r| !r.is_empty());
    let command = Command::UndoMatchDecision {
        match_id: MatchId(id),
        reason,
    };
    act(&state, &ctx, &user, &headers, command, &form.back, "undo").await
}
