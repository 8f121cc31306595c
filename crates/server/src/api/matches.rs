//! The review queue: pairs of records the linkage engine proposes as one
//! child, side by side, and the reviewer's decisions (mediator staff).
//!
//! Showing a match shows both records' personal data, so every answer
//! that lists matches writes both records to the access log.

use super::{ListOut, NameOut, gate};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, ApiQuery, Problem};
use crate::idempotency::CarriesPersonalData;
use crate::matching::{self, MatchRun};
use axum::extract::{Path, State};
use axum::{Extension, Json};
use homeward_domain::access::{Action, Resource};
use homeward_domain::event::AccessedRecord;
use homeward_domain::*;
use homeward_store::Store;
use homeward_store::read::{MatchFilter, MatchRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_matches))
        .routes(routes!(get_match))
        .routes(routes!(decide_match, undo_decision))
        .routes(routes!(run_matching))
}

pub const VIA_LIST_MATCHES: &str = "GET /api/v1/matches";
pub const VIA_GET_MATCH: &str = "GET /api/v1/matches/{id}";
pub const VIA_DECIDE_MATCH: &str = "POST /api/v1/matches/{id}/decision";

/// One record of a match as the reviewer sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchRecordOut {
    /// A child's record (always for `a`; for `b` unless the match is a
    /// tracing match).
    pub child_id: Option<String>,
    /// For `b` of a tracing match: the tracing request.
    pub tracing_request_id: Option<String>,
    /// The organisation whose list or request it is.
    pub party: Option<String>,
    /// The record's id in that party's list.
    pub external_id: Option<String>,
    pub list_name: Option<String>,
    /// The first is as recorded; each with its Latin form.
    pub names: Vec<NameOut>,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
    /// The birth place's names, `lang: name`.
    pub birth_place: Vec<String>,
    /// The record's personal data was erased (or it no longer exists).
    pub erased: bool,
    /// A child's record already joined under this child.
    pub joined_to: Option<String>,
}

/// One field's part in the score.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldScoreOut {
    /// `family_name`, `given_name`, `patronymic`, `sex`, `birth_date` or `birth_place`.
    pub field: String,
    /// The agreement level (e.g. `exact`, `key`, `similar`, `differ`, `missing`).
    pub level: String,
    /// Its weight in the score, in bits (negative: evidence against).
    pub weight: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchOut {
    pub id: String,
    /// `parties` (two parties' records), `duplicate` (one party's list) or `tracing` (a child and a tracing request).
    pub kind: String,
    /// The engine's probability that the records are one child, 0 to 1.
    pub score: f64,
    /// Both names differ while patronymic, birth date and place agree: a child renamed on adoption.
    pub renamed: bool,
    /// `pending`, `confirmed`, `rejected` or `unsure`.
    pub status: String,
    pub a: MatchRecordOut,
    pub b: MatchRecordOut,
    pub fields: Vec<FieldScoreOut>,
    pub decided_by: Option<String>,
    /// Microseconds since the Unix epoch.
    pub decided_at: Option<i64>,
}

fn names_of(d: &ChildDetails) -> Vec<NameOut> {
    d.names.iter().map(NameOut::from).collect()
}

fn place_of(d: &ChildDetails) -> Vec<String> {
    d.birth_place.as_ref().map_or_else(Vec::new, |p| {
        p.names.iter().map(|(l, n)| format!("{l}: {n}")).collect()
    })
}

fn child_record(id: &str, row: Option<&homeward_store::read::ChildSummary>) -> MatchRecordOut {
    let d = row.and_then(|r| r.details.as_ref());
    MatchRecordOut {
        child_id: Some(id.to_owned()),
        tracing_request_id: None,
        party: row.map(|r| r.org_id.0.clone()),
        external_id: row.and_then(|r| r.external_id.clone()),
        list_name: row.map(|r| r.list_name.clone()),
        names: d.map_or_else(Vec::new, names_of),
        sex: d.and_then(|d| d.sex).map(|s| super::enum_str(&s)),
        birth_date: d.and_then(|d| d.birth_date).map(|b| b.to_string()),
        birth_place: d.map_or_else(Vec::new, place_of),
        erased: d.is_none(),
        joined_to: row.and_then(|r| r.joined_to.as_ref().map(|c| c.0.clone())),
    }
}

/// A match with both records read, and what showing it shows.
pub struct LoadedMatch {
    pub row: MatchRow,
    pub a: Option<homeward_store::read::ChildSummary>,
    pub b_child: Option<homeward_store::read::ChildSummary>,
    pub b_request: Option<homeward_store::read::TracingRequestRow>,
}

impl LoadedMatch {
    pub async fn load(store: &Store, row: MatchRow) -> Result<LoadedMatch, ApiError> {
        let a = store.child_summary(&row.a).await?;
        let (b_child, b_request) = if row.kind == MatchKind::Tracing {
            let t = store
                .tracing_request(&TracingRequestId(row.b.clone()))
                .await?;
            (None, t)
        } else {
            (store.child_summary(&ChildId(row.b.clone())).await?, None)
        };
        Ok(LoadedMatch {
            row,
            a,
            b_child,
            b_request,
        })
    }

    /// The records whose personal data this match shows.
    pub fn accessed(&self) -> Vec<AccessedRecord> {
        let mut out = Vec::new();
        for c in [&self.a, &self.b_child].into_iter().flatten() {
            out.extend(c.accessed());
        }
        if let Some(t) = &self.b_request {
            out.extend(t.accessed());
        }
        out
    }

    pub fn out(&self) -> MatchOut {
        let r = &self.row;
        let b = match &self.b_request {
            Some(t) => {
                let d = t.details.as_ref().map(|d| &d.child);
                MatchRecordOut {
                    child_id: None,
                    tracing_request_id: Some(t.id.0.clone()),
                    party: Some(t.org_id.0.clone()),
                    external_id: r.b_external_id.clone(),
                    list_name: None,
                    names: d.map_or_else(Vec::new, names_of),
                    sex: d.and_then(|d| d.sex).map(|s| super::enum_str(&s)),
                    birth_date: d.and_then(|d| d.birth_date).map(|b| b.to_string()),
                    birth_place: d.map_or_else(Vec::new, place_of),
                    erased: d.is_none(),
                    joined_to: None,
                }
            }
            None if r.kind == MatchKind::Tracing => MatchRecordOut {
                tracing_request_id: Some(r.b.clone()),
                erased: true,
                ..child_record(&r.b, None)
            },
            None => child_record(&r.b, self.b_child.as_ref()),
        };
        MatchOut {
            id: r.id.0.clone(),
            kind: r.kind.as_str().to_owned(),
            score: r.score(),
            renamed: r.renamed,
            status: r.status.as_str().to_owned(),
            a: child_record(r.a.as_str(), self.a.as_ref()),
            b,
            fields: r
                .fields
                .iter()
                .map(|f| FieldScoreOut {
                    field: f.field.clone(),
                    level: f.level.clone(),
                    weight: f.weight_cbits as f64 / 100.0,
                })
                .collect(),
            decided_by: r.decided_by.as_ref().map(|u| u.0.clone()),
            decided_at: r.decided_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MatchQuery {
    /// `pending` (the queue), `confirmed`, `rejected` or `unsure`; all if left out.
    #[param(pattern = "^(pending|confirmed|rejected|unsure)$")]
    pub status: Option<String>,
    /// `parties`, `duplicate` or `tracing`.
    #[param(pattern = "^(parties|duplicate|tracing)$")]
    pub kind: Option<String>,
    /// Scores at or above this, 0 to 1.
    #[param(minimum = 0.0, maximum = 1.0)]
    pub min_score: Option<f64>,
    /// Scores below this, 0 to 1.
    #[param(minimum = 0.0, maximum = 1.0)]
    pub max_score: Option<f64>,
    /// Rows per page (default 50, at most 500).
    #[serde(default, deserialize_with = "super::page_limit")]
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Rows to skip (at most 1,000,000).
    #[serde(default, deserialize_with = "super::page_offset")]
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<u32>,
}

fn score_bound(name: &str, v: Option<f64>) -> Result<Option<u32>, ApiError> {
    match v {
        None => Ok(None),
        Some(x) if (0.0..=1.0).contains(&x) => Ok(Some((x * 1e6).round() as u32)),
        Some(_) => Err(ApiError::BadRequest(format!(
            "{name} must be between 0 and 1"
        ))),
    }
}

impl MatchQuery {
    pub fn filter(&self) -> Result<MatchFilter, ApiError> {
        fn parse<T: std::str::FromStr<Err = String>>(
            name: &str,
            v: &Option<String>,
        ) -> Result<Option<T>, ApiError> {
            // An empty value is refused like any other word not listed,
            // as the document says.
            v.as_deref()
                .map(|s| {
                    s.parse()
                        .map_err(|e: String| ApiError::BadRequest(format!("{name}: {e}")))
                })
                .transpose()
        }
        let paging = super::Paging {
            limit: self.limit,
            offset: self.offset,
        };
        Ok(MatchFilter {
            status: parse("status", &self.status)?,
            kind: parse("kind", &self.kind)?,
            min_ppm: score_bound("min_score", self.min_score)?,
            max_ppm: score_bound("max_score", self.max_score)?,
            after: None,
            limit: paging.limit(),
            offset: paging.offset(),
        })
    }
}

/// Lists matches, highest score first (mediator staff). Both records of
/// every match shown are written to the access log.
#[utoipa::path(
    get,
    path = "/matches",
    tag = "matches",
    params(MatchQuery),
    responses(
        (status = 200, body = ListOut<MatchOut>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_matches(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<MatchQuery>,
) -> Result<Json<ListOut<MatchOut>>, ApiError> {
    let actor = &user.actor;
    gate(actor, Action::Read, &Resource::Matches, "review matches")?;
    let page = state.store.matches(&q.filter()?).await?;
    let mut loaded = Vec::with_capacity(page.items.len());
    for row in page.items {
        loaded.push(LoadedMatch::load(&state.store, row).await?);
    }
    state
        .store
        .record_accesses(
            actor,
            loaded.iter().flat_map(|m| m.accessed()).collect(),
            VIA_LIST_MATCHES,
        )
        .await?;
    Ok(Json(ListOut {
        items: loaded.iter().map(LoadedMatch::out).collect(),
        total: page.total,
    }))
}

async fn loaded(state: &AppState, id: &str) -> Result<LoadedMatch, ApiError> {
    let row = state
        .store
        .match_row(&MatchId(id.to_owned()))
        .await?
        .ok_or_else(|| ApiError::not_found("match"))?;
    LoadedMatch::load(&state.store, row).await
}

/// Reads one match with both records (mediator staff).
#[utoipa::path(
    get,
    path = "/matches/{id}",
    tag = "matches",
    params(("id" = String, Path, description = "The match's id")),
    responses(
        (status = 200, body = MatchOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_match(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<MatchOut>, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::Matches,
        "review matches",
    )?;
    let m = loaded(&state, &id).await?;
    state
        .store
        .record_accesses(&user.actor, m.accessed(), VIA_GET_MATCH)
        .await?;
    Ok(Json(m.out()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionIn {
    /// `confirm` (the records are one child: they are joined, or the
    /// tracing request is linked to the child), `reject` or `unsure`.
    #[schema(value_type = String, pattern = "^(confirm|reject|unsure)$")]
    pub decision: MatchDecision,
    /// Why, in a sentence (kept as a note, erased with the child's data).
    #[schema(max_length = 2000)]
    pub reason: Option<String>,
}

/// Decides a match (mediator staff). Confirming joins the two children's
/// records into one child that keeps both as sources, or links the
/// tracing request to the child. Answers the match as it now stands.
#[utoipa::path(
    post,
    path = "/matches/{id}/decision",
    tag = "matches",
    params(("id" = String, Path, description = "The match's id")),
    request_body = DecisionIn,
    responses(
        (status = 200, body = MatchOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided, or the records cannot be joined now", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn decide_match(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<DecisionIn>,
) -> Result<(Extension<CarriesPersonalData>, Json<MatchOut>), ApiError> {
    let command = Command::DecideMatch {
        match_id: MatchId(id.clone()),
        decision: input.decision,
        reason: input.reason,
    };
    let out = act(&state, &user, command, &id).await?;
    Ok((Extension(CarriesPersonalData), out))
}

/// Runs a decision (or its undoing) as mediator staff and answers the
/// match as it now stands; showing it is logged.
async fn act(
    state: &AppState,
    user: &AuthUser,
    command: Command,
    id: &str,
) -> Result<Json<MatchOut>, ApiError> {
    let actor = &user.actor;
    gate(actor, Action::Write, &Resource::Matches, "decide matches")?;
    state.store.execute(actor, command).await?;
    let m = loaded(state, id).await?;
    state
        .store
        .record_accesses(actor, m.accessed(), VIA_DECIDE_MATCH)
        .await?;
    Ok(Json(m.out()))
}

/// Takes a decision back (mediator staff): the match is pending again, and
/// what a confirmation joined is separate again.
#[utoipa::path(
    delete,
    path = "/matches/{id}/decision",
    tag = "matches",
    params(("id" = String, Path, description = "The match's id")),
    responses(
        (status = 200, body = MatchOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to undo, or the joined record has a case of its own now", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn undo_decision(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<MatchOut>, ApiError> {
    let command = Command::UndoMatchDecision {
        match_id: MatchId(id.clone()),
        reason: None,
    };
    act(&state, &user, command, &id).await
}

/// Runs the linkage engine and proposes the pairs new to the queue
/// (mediator staff). Runs after every import too. Compares the children's
/// records changed since the last run with the models it kept; with
/// `refit=true` (or when nothing is kept, or the lists have doubled since)
/// compares every record and fits the models again.
#[utoipa::path(
    post,
    path = "/matches/runs",
    tag = "matches",
    params(RunQuery),
    responses(
        (status = 200, body = MatchRunOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn run_matching(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<RunQuery>,
) -> Result<Json<MatchRunOut>, ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Matches,
        "run matching",
    )?;
    let scope = if q.refit.unwrap_or(false) {
        matching::Scope::All
    } else {
        matching::Scope::Changed
    };
    let run = matching::run_scoped(&state.store, &user.actor, scope)
        .await
        .map_err(|e| match e {
            matching::MatchRunError::Store(s) => ApiError::from(s),
            other => ApiError::internal(other),
        })?;
    Ok(Json(run.into()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RunQuery {
    /// Compare every record and fit the models again.
    pub refit: Option<bool>,
}

/// What a matching run found.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchRunOut {
    /// `changed`: the records changed since the last run, with the kept
    /// models; `all`: every record, with models fitted anew.
    #[schema(pattern = "^(changed|all)$")]
    pub scope: String,
    pub children: usize,
    /// Children's records compared as changed.
    pub changed: usize,
    pub tracing_requests: usize,
    /// Pairs the engine put forward, by kind.
    pub found: std::collections::BTreeMap<String, usize>,
    /// Of those, pairs new to the queue.
    pub proposed: usize,
}

impl From<MatchRun> for MatchRunOut {
    fn from(r: MatchRun) -> MatchRunOut {
        MatchRunOut {
            scope: r.scope.as_str().to_owned(),
            children: r.children,
            changed: r.changed,
            tracing_requests: r.tracing_requests,
            found: r.found,
            proposed: r.proposed,
        }
    }
}
