//! Tracing requests: a family looking for a child, filed through a party or
//! the mediator, and linked to a child by the mediator.

use super::children::{ErasureIn, person_name};
use super::values::{self, In, TracingStatus};
use super::{Created, ListOut, NameOut, check, gate};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, ApiQuery, Problem};
use crate::idempotency::CarriesPersonalData;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use homeward_domain::access::{Action, Resource, can, viewer};
use homeward_domain::*;
use homeward_store::Store;
use homeward_store::read::{TracingFilter, TracingRequestRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_requests, file_request))
        .routes(routes!(get_request))
        .routes(routes!(link_request))
        .routes(routes!(erase_request))
        .routes(routes!(close_request))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TracingRequestOut {
    pub id: String,
    /// The organisation the request was filed through.
    pub org_id: String,
    /// `open`, `linked`, `closed` or `erased`.
    pub status: String,
    /// How a closed request ended: `found`, `not_found` or `withdrawn`.
    pub outcome: Option<String>,
    /// The child the request was linked to, once it is.
    pub child_id: Option<String>,
    pub requester: Option<NameOut>,
    pub requester_relationship: Option<String>,
    /// The child sought, as the family names them.
    pub child_names: Vec<NameOut>,
    pub child_birth_date: Option<String>,
    pub last_seen: Option<String>,
}

pub fn tracing_out(t: &TracingRequestRow) -> TracingRequestOut {
    let d = t.details.as_ref();
    TracingRequestOut {
        id: t.id.0.clone(),
        org_id: t.org_id.0.clone(),
        status: t.status.clone(),
        outcome: t.outcome.map(|o| o.as_str().to_owned()),
        child_id: t.child_id.as_ref().map(|c| c.0.clone()),
        requester: d.map(|d| NameOut::from(&d.requester)),
        requester_relationship: d
            .and_then(|d| d.requester_relationship)
            .map(|r| r.as_str().to_owned()),
        child_names: d.map_or_else(Vec::new, |d| {
            d.child.names.iter().map(NameOut::from).collect()
        }),
        child_birth_date: d.and_then(|d| d.child.birth_date).map(|b| b.to_string()),
        last_seen: d.map(|d| d.last_seen.clone()),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TracingQuery {
    pub org_id: Option<String>,
    /// `open` or `linked`.
    #[param(value_type = Option<values::TracingStatusWord>, inline)]
    pub status: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default, deserialize_with = "super::page_limit")]
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Rows to skip (at most 1,000,000).
    #[serde(default, deserialize_with = "super::page_offset")]
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<u32>,
}

/// Lists the tracing requests you may see, newest first.
#[utoipa::path(
    get,
    path = "/tracing-requests",
    tag = "tracing requests",
    params(TracingQuery),
    responses(
        (status = 200, body = ListOut<TracingRequestOut>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_requests(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<TracingQuery>,
) -> Result<Json<ListOut<TracingRequestOut>>, ApiError> {
    let actor = &user.actor;
    gate(
        actor,
        Action::Read,
        &Resource::TracingRequests,
        "see tracing requests",
    )?;
    let paging = super::Paging {
        limit: q.limit,
        offset: q.offset,
    };
    let page = state
        .store
        .tracing_requests(
            &viewer(actor),
            &TracingFilter {
                org: q.org_id.map(OrgId),
                status: values::query_word::<TracingStatus>("status", q.status.as_deref())?
                    .map(|s| s.as_str().to_owned()),
                limit: paging.limit(),
                offset: paging.offset(),
            },
        )
        .await?;
    let shown: Vec<_> = page
        .items
        .iter()
        .filter(|t| {
            can(
                actor,
                Action::Read,
                &Resource::TracingRequest {
                    filed_by: &t.org_id,
                },
            )
            .allowed()
        })
        .collect();
    state
        .store
        .record_accesses(
            actor,
            shown.iter().flat_map(|t| t.accessed()).collect(),
            VIA_LIST_TRACING,
        )
        .await?;
    Ok(Json(ListOut {
        items: shown.into_iter().map(tracing_out).collect(),
        total: page.total,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TracingIn {
    /// The organisation the family asks through; a party officer's own if left out.
    #[schema(value_type = Option<values::Id>, inline)]
    pub org_id: Option<String>,
    #[schema(value_type = values::Name, inline)]
    pub requester_given_name: String,
    #[schema(value_type = values::Name, inline)]
    pub requester_family_name: String,
    /// `mother`, `father`, `grandparent`, `sibling`, `aunt_or_uncle`, `legal_guardian` or `other`.
    #[schema(value_type = Option<values::RelationshipWord>, inline)]
    pub requester_relationship: Option<Relationship>,
    #[schema(value_type = values::Name, inline)]
    pub child_given_name: String,
    #[schema(value_type = values::Name, inline)]
    pub child_family_name: String,
    #[schema(value_type = Option<values::NameOrEmpty>, inline)]
    pub child_patronymic: Option<String>,
    /// As for a child's record: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`,
    /// `DD.MM.YYYY`, `MM.YYYY` or `age N on YYYY-MM-DD`.
    #[schema(value_type = Option<values::BirthDateText>, inline)]
    pub child_birth_date: Option<String>,
    /// Where and when the child was last seen.
    #[serde(default)]
    #[schema(value_type = values::Short, inline)]
    pub last_seen: String,
    /// Language and script of the names; `uk` if left out.
    #[schema(value_type = Option<values::Lang>, inline)]
    pub lang: Option<String>,
}

impl TracingIn {
    fn check(&self) -> Result<(Option<BirthDate>, Option<&str>), ApiError> {
        let at = In::Body;
        if let Some(o) = &self.org_id {
            values::ID.check(at, "org_id", o)?;
        }
        values::NAME.check(at, "requester_given_name", &self.requester_given_name)?;
        values::NAME.check(at, "requester_family_name", &self.requester_family_name)?;
        values::NAME.check(at, "child_given_name", &self.child_given_name)?;
        values::NAME.check(at, "child_family_name", &self.child_family_name)?;
        if let Some(p) = &self.child_patronymic {
            values::OPTIONAL_NAME.check(at, "child_patronymic", p)?;
        }
        values::SHORT.check(at, "last_seen", &self.last_seen)?;
        let born = self
            .child_birth_date
            .as_deref()
            .map(|s| values::birth_date(at, "child_birth_date", s))
            .transpose()?;
        Ok((born, values::lang(at, "lang", self.lang.as_deref())?))
    }
}

/// Files a tracing request.
#[utoipa::path(
    post,
    path = "/tracing-requests",
    tag = "tracing requests",
    request_body = TracingIn,
    responses(
        (status = 201, body = Created),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn file_request(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<TracingIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let actor = &user.actor;
    gate(
        actor,
        Action::Write,
        &Resource::TracingRequests,
        "file tracing requests",
    )?;
    let (born, lang) = input.check()?;
    let details = TracingDetails {
        requester: person_name(
            &input.requester_given_name,
            &input.requester_family_name,
            None,
            lang,
        ),
        requester_relationship: input.requester_relationship,
        child: ChildDetails {
            names: vec![person_name(
                &input.child_given_name,
                &input.child_family_name,
                input.child_patronymic.as_deref(),
                lang,
            )],
            birth_date: born,
            ..Default::default()
        },
        last_seen: input.last_seen,
    };
    let id = TracingRequestId(Store::new_id());
    state
        .store
        .execute(
            actor,
            Command::FileTracingRequest {
                request_id: id.clone(),
                org_id: input.org_id.map(OrgId).unwrap_or_else(|| actor.org.clone()),
                details,
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("org_id"))?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

pub const VIA_GET_TRACING: &str = "GET /api/v1/tracing-requests/{id}";
pub const VIA_LIST_TRACING: &str = "GET /api/v1/tracing-requests";
pub const VIA_LINK_TRACING: &str = "POST /api/v1/tracing-requests/{id}/link";

/// Reads one tracing request. The read is written to the access log.
#[utoipa::path(
    get,
    path = "/tracing-requests/{id}",
    tag = "tracing requests",
    params(("id" = String, Path, description = "The request's id")),
    responses(
        (status = 200, body = TracingRequestOut),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_request(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<TracingRequestOut>, ApiError> {
    let row = state
        .store
        .tracing_request(&TracingRequestId(id))
        .await?
        .ok_or_else(|| ApiError::not_found("tracing request"))?;
    check(
        &user.actor,
        Action::Read,
        &Resource::TracingRequest {
            filed_by: &row.org_id,
        },
        "tracing request",
        "read this tracing request",
    )?;
    state
        .store
        .record_accesses(&user.actor, row.accessed(), VIA_GET_TRACING)
        .await?;
    Ok(Json(tracing_out(&row)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkIn {
    #[schema(value_type = values::Id, inline)]
    pub child_id: String,
}

/// Links a tracing request to the child it is about (mediator staff).
#[utoipa::path(
    post,
    path = "/tracing-requests/{id}/link",
    tag = "tracing requests",
    params(("id" = String, Path, description = "The request's id")),
    request_body = LinkIn,
    responses(
        (status = 200, body = TracingRequestOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn link_request(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<LinkIn>,
) -> Result<(Extension<CarriesPersonalData>, Json<TracingRequestOut>), ApiError> {
    let actor = &user.actor;
    let row = state
        .store
        .tracing_request(&TracingRequestId(id))
        .await?
        .ok_or_else(|| ApiError::not_found("tracing request"))?;
    check(
        actor,
        Action::Write,
        &Resource::TracingRequest {
            filed_by: &row.org_id,
        },
        "tracing request",
        "link tracing requests to children",
    )?;
    values::ID.check(In::Body, "child_id", &input.child_id)?;
    state
        .store
        .execute(
            actor,
            Command::LinkTracingRequest {
                request_id: row.id.clone(),
                child_id: ChildId(input.child_id),
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("child_id"))?;
    let row = state
        .store
        .tracing_request(&row.id)
        .await?
        .ok_or_else(|| ApiError::not_found("tracing request"))?;
    state
        .store
        .record_accesses(actor, row.accessed(), VIA_LINK_TRACING)
        .await?;
    // The answer quotes personal data, so it is not kept for replays.
    Ok((Extension(CarriesPersonalData), Json(tracing_out(&row))))
}

/// Erases a tracing request's personal data (coordinators): the sought
/// child's names and dates, the person asking and their contacts. The
/// request keeps its ids and its link; the erasure is a ledger event
/// listing the entry whose personal part was deleted.
#[utoipa::path(
    post,
    path = "/tracing-requests/{id}/erasure",
    tag = "tracing requests",
    params(("id" = String, Path, description = "The request's id")),
    request_body = ErasureIn,
    responses(
        (status = 204, description = "Erased"),
        (status = 403, description = "Only coordinators erase personal data", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already erased", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn erase_request(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ErasureIn>,
) -> Result<StatusCode, ApiError> {
    let row = state
        .store
        .tracing_request(&TracingRequestId(id))
        .await?
        .ok_or_else(|| ApiError::not_found("tracing request"))?;
    check(
        &user.actor,
        Action::Write,
        &Resource::TracingRequest {
            filed_by: &row.org_id,
        },
        "tracing request",
        "erase tracing requests",
    )?;
    state
        .store
        .execute(
            &user.actor,
            Command::EraseTracingRequest {
                request_id: row.id,
                reason: input.reason.into(),
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosureIn {
    /// `found` (once linked to the child), `not_found` or `withdrawn`.
    #[schema(value_type = values::TracingOutcomeWord, inline)]
    pub outcome: TracingOutcome,
}

/// Ends a tracing request with its outcome (officers of the filing party,
/// mediator staff). Recorded in the ledger; the request keeps its data.
#[utoipa::path(
    post,
    path = "/tracing-requests/{id}/closure",
    tag = "tracing requests",
    params(("id" = String, Path, description = "The request's id")),
    request_body = ClosureIn,
    responses(
        (status = 204, description = "Closed"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed or erased", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Found needs the request linked to the child", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn close_request(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ClosureIn>,
) -> Result<StatusCode, ApiError> {
    let row = state
        .store
        .tracing_request(&TracingRequestId(id))
        .await?
        .ok_or_else(|| ApiError::not_found("tracing request"))?;
    check(
        &user.actor,
        Action::Write,
        &Resource::TracingRequest {
            filed_by: &row.org_id,
        },
        "tracing request",
        "close tracing requests",
    )?;
    state
        .store
        .execute(
            &user.actor,
            Command::CloseTracingRequest {
                request_id: row.id,
                outcome: input.outcome,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
