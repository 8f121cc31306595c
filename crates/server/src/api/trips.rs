//! Trips and their manifests. A transit state sees only the legs through
//! its territory; an escort the trips they escort.

use super::values::{self, In};
use super::{Created, ListOut, NameOut, check, gate, parse_rfc3339, rfc3339};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, Problem};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use homeward_domain::access::{Action, Resource, viewer};
use homeward_domain::event::{AccessedRecord, RecordKind};
use homeward_domain::*;
use homeward_store::Store;
use homeward_store::read::LegRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_trips, plan_trip))
        .routes(routes!(manifest))
        .routes(routes!(record_handover))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LegOut {
    pub leg_id: String,
    pub position: i64,
    pub from_place: String,
    pub to_place: String,
    /// The transit state whose territory the leg touches.
    pub transit_org: Option<String>,
    pub carrier: String,
    /// RFC 3339.
    pub departs_at: String,
}

fn leg_out(l: &LegRow) -> LegOut {
    LegOut {
        leg_id: l.leg_id.0.clone(),
        position: l.position,
        from_place: l.from_place.clone(),
        to_place: l.to_place.clone(),
        transit_org: l.transit_org.as_ref().map(|o| o.0.clone()),
        carrier: l.carrier.clone(),
        departs_at: rfc3339(l.departs_at),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TripOut {
    pub id: String,
    pub name: String,
    pub capacity: i64,
    pub booked: i64,
    pub escorts: Vec<String>,
    /// For a transit state, only the legs through its territory.
    pub legs: Vec<LegOut>,
}

/// Lists the trips you may see.
#[utoipa::path(
    get,
    path = "/trips",
    tag = "trips",
    responses(
        (status = 200, body = ListOut<TripOut>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_trips(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<ListOut<TripOut>>, ApiError> {
    gate(&user.actor, Action::Read, &Resource::Trips, "see trips")?;
    let trips = state.store.trips(&viewer(&user.actor)).await?;
    let items: Vec<TripOut> = trips
        .iter()
        .map(|t| TripOut {
            id: t.id.0.clone(),
            name: t.name.clone(),
            capacity: t.capacity,
            booked: t.booked,
            escorts: t.escorts.iter().map(|e| e.0.clone()).collect(),
            legs: t.legs.iter().map(leg_out).collect(),
        })
        .collect();
    Ok(Json(ListOut {
        total: items.len() as i64,
        items,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ManifestEntryOut {
    pub case_id: String,
    pub child_id: String,
    pub state: String,
    pub names: Vec<NameOut>,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ManifestOut {
    pub trip_id: String,
    pub leg: LegOut,
    pub children: Vec<ManifestEntryOut>,
}

pub const VIA_MANIFEST: &str = "GET /api/v1/trips/{trip_id}/legs/{leg_id}/manifest";

/// The manifest of one leg: who travels. The read is written to the access log.
#[utoipa::path(
    get,
    path = "/trips/{trip_id}/legs/{leg_id}/manifest",
    tag = "trips",
    params(
        ("trip_id" = String, Path, description = "The trip's id"),
        ("leg_id" = String, Path, description = "The leg's id"),
    ),
    responses(
        (status = 200, body = ManifestOut),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn manifest(
    State(state): State<AppState>,
    user: AuthUser,
    Path((trip_id, leg_id)): Path<(String, String)>,
) -> Result<Json<ManifestOut>, ApiError> {
    let (leg, escorts) = state
        .store
        .leg(&LegId(leg_id))
        .await?
        .filter(|(l, _)| l.trip_id.0 == trip_id)
        .ok_or_else(|| ApiError::not_found("leg"))?;
    check(
        &user.actor,
        Action::Read,
        &Resource::Manifest {
            transit_org: leg.transit_org.as_ref(),
            escorts: &escorts,
        },
        "leg",
        "read this manifest",
    )?;
    let entries = state.store.manifest(&leg.trip_id).await?;
    // The leg's manifest and every child on it, as one entry: each child's
    // access log shows who read the manifest.
    let mut seen = vec![AccessedRecord {
        kind: RecordKind::Manifest,
        id: leg.leg_id.0.clone(),
    }];
    seen.extend(
        entries
            .iter()
            .filter(|e| e.details.is_some())
            .map(|e| AccessedRecord {
                kind: RecordKind::Child,
                id: e.child_id.0.clone(),
            }),
    );
    state
        .store
        .record_accesses(&user.actor, seen, VIA_MANIFEST)
        .await?;
    Ok(Json(ManifestOut {
        trip_id: leg.trip_id.0.clone(),
        leg: leg_out(&leg),
        children: entries
            .iter()
            .map(|e| {
                let d = e.details.as_ref();
                ManifestEntryOut {
                    case_id: e.case_id.0.clone(),
                    child_id: e.child_id.0.clone(),
                    state: e.state.as_str().to_owned(),
                    names: d.map_or_else(Vec::new, |d| d.names.iter().map(NameOut::from).collect()),
                    sex: d.and_then(|d| d.sex).map(|s| super::enum_str(&s)),
                    birth_date: d.and_then(|d| d.birth_date).map(|b| b.to_string()),
                }
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoverIn {
    #[schema(value_type = values::Id, inline)]
    pub leg_id: String,
    #[schema(value_type = values::Id, inline)]
    pub case_id: String,
    /// Who received the child.
    #[schema(value_type = values::Label, inline)]
    pub received_by: String,
}

/// Records that a child was handed over at the end of a leg (the trip's
/// escorts and coordinators).
#[utoipa::path(
    post,
    path = "/trips/{trip_id}/handovers",
    tag = "trips",
    params(("trip_id" = String, Path, description = "The trip's id")),
    request_body = HandoverIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_handover(
    State(state): State<AppState>,
    user: AuthUser,
    Path(trip_id): Path<String>,
    ApiJson(input): ApiJson<HandoverIn>,
) -> Result<StatusCode, ApiError> {
    values::ID.check(In::Body, "leg_id", &input.leg_id)?;
    values::ID.check(In::Body, "case_id", &input.case_id)?;
    values::LABEL.check(In::Body, "received_by", &input.received_by)?;
    let (leg, escorts) = state
        .store
        .leg(&LegId(input.leg_id))
        .await?
        .filter(|(l, _)| l.trip_id.0 == trip_id)
        .ok_or_else(|| ApiError::not_found("leg"))?;
    check(
        &user.actor,
        Action::Write,
        &Resource::Manifest {
            transit_org: leg.transit_org.as_ref(),
            escorts: &escorts,
        },
        "leg",
        "record handovers",
    )?;
    state
        .store
        .execute(
            &user.actor,
            Command::RecordHandover {
                trip_id: leg.trip_id,
                leg_id: leg.leg_id,
                case_id: CaseId(input.case_id),
                received_by: input.received_by,
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("case_id"))?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LegIn {
    #[schema(value_type = values::Label, inline)]
    pub from_place: String,
    #[schema(value_type = values::Label, inline)]
    pub to_place: String,
    /// The transit state whose territory the leg touches, if any.
    #[schema(value_type = Option<values::Id>, inline)]
    pub transit_org: Option<String>,
    #[schema(value_type = values::Label, inline)]
    pub carrier: String,
    /// Departure, RFC 3339 (`2026-09-21T14:13:20Z`).
    #[schema(format = DateTime)]
    pub departs_at: String,
}

/// The most legs a trip may have.
pub const MAX_LEGS: usize = 20;
/// The most escorts a trip may have.
pub const MAX_ESCORTS: usize = 50;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TripIn {
    #[schema(value_type = values::Label, inline)]
    pub name: String,
    /// How many children the trip can take.
    #[schema(minimum = 1, maximum = 10000)]
    pub capacity: u32,
    /// The legs in the order they are flown (1 to 20).
    #[schema(min_items = 1, max_items = 20)]
    pub legs: Vec<LegIn>,
    /// The escorts' user ids (at most 50), each once.
    #[serde(default)]
    #[schema(schema_with = escorts_schema)]
    pub escorts: Vec<String>,
}

/// The trip's largest capacity.
pub const MAX_CAPACITY: u32 = 10_000;

fn escorts_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(<values::Id as utoipa::PartialSchema>::schema())
        .max_items(Some(MAX_ESCORTS))
        .description(Some("The escorts' user ids (at most 50), each once"))
        .unique_items(true)
        .into()
}

impl TripIn {
    fn check(&self) -> Result<(), ApiError> {
        let at = In::Body;
        values::LABEL.check(at, "name", &self.name)?;
        if !(1..=MAX_CAPACITY).contains(&self.capacity) {
            return Err(ApiError::Unprocessable(format!(
                "capacity must be between 1 and {MAX_CAPACITY}"
            )));
        }
        if self.legs.is_empty() || self.legs.len() > MAX_LEGS {
            return Err(ApiError::Unprocessable(format!(
                "legs: a trip has 1 to {MAX_LEGS} legs"
            )));
        }
        for (i, l) in self.legs.iter().enumerate() {
            values::LABEL.check(at, &format!("legs[{i}].from_place"), &l.from_place)?;
            values::LABEL.check(at, &format!("legs[{i}].to_place"), &l.to_place)?;
            values::LABEL.check(at, &format!("legs[{i}].carrier"), &l.carrier)?;
            if let Some(t) = &l.transit_org {
                values::ID.check(at, &format!("legs[{i}].transit_org"), t)?;
            }
        }
        if self.escorts.len() > MAX_ESCORTS {
            return Err(ApiError::Unprocessable(format!(
                "escorts: a trip has at most {MAX_ESCORTS} escorts"
            )));
        }
        for (i, e) in self.escorts.iter().enumerate() {
            values::ID.check(at, &format!("escorts[{i}]"), e)?;
            if self.escorts[..i].contains(e) {
                return Err(ApiError::Unprocessable(format!(
                    "escorts[{i}]: each escort is named once"
                )));
            }
        }
        Ok(())
    }
}

/// Plans a trip: its legs through third countries, capacity and escorts
/// (coordinators).
#[utoipa::path(
    post,
    path = "/trips",
    tag = "trips",
    request_body = TripIn,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only coordinators plan trips", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Well-formed but invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn plan_trip(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<TripIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    gate(&user.actor, Action::Write, &Resource::Trips, "plan trips")?;
    input.check()?;
    let legs = input
        .legs
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let departs_at = parse_rfc3339(&l.departs_at).ok_or_else(|| {
                ApiError::Unprocessable(format!(
                    "legs[{i}].departs_at must be an RFC 3339 time such as 2026-09-21T14:13:20Z"
                ))
            })?;
            Ok(Leg {
                leg_id: LegId(Store::new_id()),
                from_place: l.from_place,
                to_place: l.to_place,
                transit_org: l.transit_org.map(OrgId),
                carrier: l.carrier,
                departs_at,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let trip_id = TripId(Store::new_id());
    state
        .store
        .execute(
            &user.actor,
            Command::PlanTrip {
                trip_id: trip_id.clone(),
                name: input.name,
                capacity: input.capacity,
                legs,
                escorts: input.escorts.into_iter().map(UserId).collect(),
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("escorts"))?;
    Ok((StatusCode::CREATED, Json(Created { id: trip_id.0 })))
}
