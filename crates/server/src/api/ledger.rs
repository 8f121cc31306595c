//! The ledger's signed head, the witnesses' side of it (the latest
//! checkpoint with its cosignatures, proofs, cosignature uploads), the whole
//! access log, and the dashboard's figures.

use super::children::{AccessOut, access_out};
use super::values;
use super::{ListOut, gate};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiQuery, Problem};
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
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
        .routes(routes!(checkpoint))
        .routes(routes!(mediator_key))
        .routes(routes!(consistency_proof))
        .routes(routes!(inclusion_proof))
        .routes(routes!(upload_cosignature))
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

/// The latest checkpoint, as a C2SP signed note carrying the mediator's
/// signature and every witness cosignature collected for it (every
/// signed-in organisation: this is what a party's witness cosigns).
#[utoipa::path(
    get,
    path = "/ledger/checkpoint",
    tag = "ledger",
    responses(
        (status = 200, body = String, content_type = "text/plain"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn checkpoint(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<impl IntoResponse, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::Checkpoints,
        "read the ledger's checkpoints",
    )?;
    let cp = state
        .store
        .head()
        .await?
        .ok_or_else(|| ApiError::internal("the ledger has no signed head"))?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        cp.to_text(),
    ))
}

/// The mediator's note verifier key (`text/plain`), for a witness's first
/// run (trust on first use: compare it with the published key).
#[utoipa::path(
    get,
    path = "/ledger/key",
    tag = "ledger",
    responses(
        (status = 200, body = String, content_type = "text/plain"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn mediator_key(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<impl IntoResponse, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::Checkpoints,
        "read the ledger's checkpoints",
    )?;
    let public = state
        .store
        .public_key()
        .ok_or_else(|| ApiError::internal("the ledger signing key is not at hand"))?;
    let key = homeward_ledger::VerifierKey::new(
        homeward_store::LEDGER_ORIGIN,
        homeward_ledger::KeyType::Ed25519,
        public,
    )
    .map_err(ApiError::internal)?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{key}\n"),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsistencyQuery {
    /// The smaller tree size (what the witness cosigned before), at most
    /// `to`.
    #[param(value_type = values::TreeSizeFrom0, inline)]
    pub from: u64,
    /// The larger tree size (the checkpoint offered now), at most the
    /// ledger's size.
    #[param(value_type = values::TreeSize, inline)]
    pub to: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsistencyOut {
    pub from: u64,
    pub to: u64,
    /// RFC 6962 §2.1.2 consistency proof, 64 hex digits a hash.
    pub proof: Vec<String>,
}

/// A consistency proof between two tree sizes (every signed-in
/// organisation).
#[utoipa::path(
    get,
    path = "/ledger/proof/consistency",
    tag = "ledger",
    params(ConsistencyQuery),
    responses(
        (status = 200, body = ConsistencyOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn consistency_proof(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<ConsistencyQuery>,
) -> Result<Json<ConsistencyOut>, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::Checkpoints,
        "read the ledger's proofs",
    )?;
    values::tree_size("from", 0, q.from)?;
    values::tree_size("to", 1, q.to)?;
    let proof = state.store.consistency_proof(q.from, q.to).await?;
    Ok(Json(ConsistencyOut {
        from: q.from,
        to: q.to,
        proof: proof.iter().map(|h| h.to_string()).collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InclusionQuery {
    /// The entry, counting from 1, at most `size`.
    #[param(value_type = values::TreeSize, inline)]
    pub seq: u64,
    /// The tree size the proof is for (a checkpoint's size), at most the
    /// ledger's size.
    #[param(value_type = values::TreeSize, inline)]
    pub size: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InclusionOut {
    pub seq: u64,
    pub size: u64,
    /// SHA-256(0x00 || envelope), 64 hex digits.
    pub leaf_hash: String,
    /// RFC 6962 §2.1.1 audit path, 64 hex digits a hash.
    pub proof: Vec<String>,
}

/// An inclusion proof of one entry in a tree size (every signed-in
/// organisation).
#[utoipa::path(
    get,
    path = "/ledger/proof/inclusion",
    tag = "ledger",
    params(InclusionQuery),
    responses(
        (status = 200, body = InclusionOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn inclusion_proof(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<InclusionQuery>,
) -> Result<Json<InclusionOut>, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::Checkpoints,
        "read the ledger's proofs",
    )?;
    values::tree_size("seq", 1, q.seq)?;
    values::tree_size("size", 1, q.size)?;
    let (leaf, proof) = state.store.inclusion_proof(q.seq, q.size).await?;
    Ok(Json(InclusionOut {
        seq: q.seq,
        size: q.size,
        leaf_hash: leaf.to_string(),
        proof: proof.iter().map(|h| h.to_string()).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CosignatureOut {
    /// The size of the checkpoint the cosignatures were kept with.
    pub size: u64,
    /// The witnesses whose cosignatures were taken.
    pub witnesses: Vec<String>,
}

/// A party's witness uploads the checkpoint note it cosigned (`text/plain`).
/// Only the cosignature by the witness key registered for the uploader's
/// own organisation is taken, and it must verify.
#[utoipa::path(
    post,
    path = "/ledger/cosignature",
    tag = "ledger",
    request_body(content = String, content_type = "text/plain"),
    responses(
        (status = 200, body = CosignatureOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn upload_cosignature(
    State(state): State<AppState>,
    user: AuthUser,
    body: String,
) -> Result<Json<CosignatureOut>, ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Checkpoints,
        "upload cosignatures (only a party's witness does)",
    )?;
    let kept = state.store.add_cosignatures(&user.actor.org, &body).await?;
    tracing::info!(
        size = kept.size,
        witnesses = ?kept.witnesses,
        "cosignatures taken"
    );
    Ok(Json(CosignatureOut {
        size: kept.size,
        witnesses: kept.witnesses,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccessLogQuery {
    /// `child`, `case`, `tracing_request` or `manifest`.
    #[param(value_type = Option<values::RecordKindWord>, inline)]
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
    let record_kind = values::query_word("record_kind", q.record_kind.as_deref())?;
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
