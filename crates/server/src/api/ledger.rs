//! The ledger's signed head, the whole access log, and the dashboard's figures.

use super::children::{AccessOut, access_out};
use super::{ListOut, gate};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiQuery, Problem};
use axum::Json;
use axum::extract::State;
use homeward_domain::access::{Action, Resource, viewer};
use homeward_domain::*;
use homeward_store::read::AccessLogFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(head))
        .routes(routes!(access_log))
        .routes(routes!(stats))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HeadOut {
    /// Entries in the ledger.
    pub size: u64,
    /// The signed checkpoint note, to verify offline with the published key.
    pub checkpoint: String,
}

/// The latest signed tree head (coordinators, auditors, administrators).
#[utoipa::path(
    get,
    path = "/ledger/head",
    tag = "ledger",
    responses(
        (status = 200, body = HeadOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn head(State(state): State<AppState>, user: AuthUser) -> Result<Json<HeadOut>, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::Ledger,
        "read the ledger",
    )?;
    let cp = state
        .store
        .head()
        .await?
        .ok_or_else(|| ApiError::internal("the ledger has no signed head"))?;
    Ok(Json(HeadOut {
        size: cp.size,
        checkpoint: cp.to_text(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccessLogQuery {
    /// `child`, `case`, `tracing_request` or `manifest`.
    #[param(pattern = "^(child|case|tracing_request|manifest)$")]
    pub record_kind: Option<String>,
    pub record_id: Option<String>,
    pub user_id: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default, deserialize_with = "super::page_limit")]
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Rows to skip (at most 1,000,000).
    #[serde(default, deserialize_with = "super::page_offset")]
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<u32>,
}

/// Every logged read, newest first (coordinators and auditors).
#[utoipa::path(
    get,
    path = "/access-log",
    tag = "ledger",
    params(AccessLogQuery),
    responses(
        (status = 200, body = ListOut<AccessOut>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn access_log(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<AccessLogQuery>,
) -> Result<Json<ListOut<AccessOut>>, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::AccessLog,
        "see the access log",
    )?;
    let paging = super::Paging {
        limit: q.limit,
        offset: q.offset,
    };
    let record_kind = q
        .record_kind
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| {
            serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
                ApiError::BadRequest(
                    "record_kind must be one of child, case, tracing_request, manifest".into(),
                )
            })
        })
        .transpose()?;
    let page = state
        .store
        .access_log(&AccessLogFilter {
            record_kind,
            record_id: q.record_id,
            user: q.user_id.map(UserId),
            limit: paging.limit(),
            offset: paging.offset(),
        })
        .await?;
    Ok(Json(ListOut {
        items: page.items.iter().map(access_out).collect(),
        total: page.total,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StateCount {
    pub state: String,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartyCount {
    pub org_id: String,
    pub org_name: String,
    pub state: String,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthCount {
    /// `YYYY-MM` (UTC).
    pub month: String,
    pub count: i64,
}

/// The dashboard's figures, over the cases you may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsOut {
    pub cases_by_state: Vec<StateCount>,
    /// By the party that submitted the child.
    pub cases_by_party: Vec<PartyCount>,
    pub reunited_per_month: Vec<MonthCount>,
}

/// Case counts by state and by party, and children reunited per month.
#[utoipa::path(
    get,
    path = "/stats",
    tag = "ledger",
    responses(
        (status = 200, body = StatsOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn stats(State(state): State<AppState>, user: AuthUser) -> Result<Json<StatsOut>, ApiError> {
    gate(&user.actor, Action::Read, &Resource::Cases, "see cases")?;
    let v = viewer(&user.actor);
    Ok(Json(StatsOut {
        cases_by_state: state
            .store
            .case_counts_by_state(&v)
            .await?
            .into_iter()
            .map(|(s, count)| StateCount {
                state: s.as_str().to_owned(),
                count,
            })
            .collect(),
        cases_by_party: state
            .store
            .case_counts_by_party(&v)
            .await?
            .into_iter()
            .map(|p| PartyCount {
                org_id: p.org_id.0,
                org_name: p.org_name,
                state: p.state.as_str().to_owned(),
                count: p.count,
            })
            .collect(),
        reunited_per_month: state
            .store
            .reunited_per_month(&v)
            .await?
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect(),
    }))
}
