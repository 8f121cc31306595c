//! Trips: planning, bookings, escorts, clearances, departures, arrivals,
//! handovers and manifests. A transit state sees only the legs through its
//! territory; an escort the trips they escort. A trip or leg outside the
//! caller's view answers 404, as if it did not exist.

use super::values::{self, In};
use super::{Created, ListOut, NameOut, check, gate, parse_rfc3339, rfc3339};
use crate::AppState;
use crate::auth::{AuthUser, now_secs};
use crate::documents::LegDocuments;
use crate::error::{ApiError, ApiJson, Problem};
use crate::ui::i18n::Lang;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use homeward_domain::access::{Action, Resource, viewer};
use homeward_domain::*;
use homeward_store::Store;
use homeward_store::read::{HandoverRow, LegRow, TripRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_trips, plan_trip))
        .routes(routes!(get_trip))
        .routes(routes!(reschedule))
        .routes(routes!(cancel))
        .routes(routes!(book))
        .routes(routes!(assign_escorts))
        .routes(routes!(clearance))
        .routes(routes!(depart))
        .routes(routes!(arrive))
        .routes(routes!(manifest))
        .routes(routes!(record_handover))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClearanceOut {
    pub granted: bool,
    /// The transit state's reference number.
    pub reference: Option<String>,
    pub conditions: Option<String>,
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
    pub arrives_at: Option<String>,
    /// The leg's escorts' user ids.
    pub escorts: Vec<String>,
    /// The transit state's latest answer; absent until it answers.
    pub clearance: Option<ClearanceOut>,
    /// When the leg departed and arrived, as recorded.
    pub departed_at: Option<String>,
    pub arrived_at: Option<String>,
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
        arrives_at: l.arrives_at.map(rfc3339),
        escorts: l.escorts.iter().map(|e| e.0.clone()).collect(),
        clearance: l.clearance.as_ref().map(|c| ClearanceOut {
            granted: c == "granted",
            reference: l.clearance_ref.clone(),
            conditions: l.clearance_conditions.clone(),
        }),
        departed_at: l.departed_at.map(rfc3339),
        arrived_at: l.arrived_at.map(rfc3339),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TripOut {
    pub id: String,
    pub name: String,
    /// `charter_flight`, `scheduled_flight` or `road_convoy`.
    pub kind: Option<String>,
    pub carrier: Option<String>,
    /// `planned`, `underway`, `completed` or `cancelled`.
    pub status: String,
    pub capacity: i64,
    pub booked: i64,
    pub escorts: Vec<String>,
    /// For a transit state, only the legs through its territory.
    pub legs: Vec<LegOut>,
}

fn trip_out(t: &TripRow) -> TripOut {
    TripOut {
        id: t.id.0.clone(),
        name: t.name.clone(),
        kind: t.kind.map(|k| k.as_str().to_owned()),
        carrier: t.carrier.clone(),
        status: t.status.as_str().to_owned(),
        capacity: t.capacity,
        booked: t.booked,
        escorts: t.escorts.iter().map(|e| e.0.clone()).collect(),
        legs: t.legs.iter().map(leg_out).collect(),
    }
}

/// Lists the trips you may see, latest first.
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
    let items: Vec<TripOut> = trips.iter().map(trip_out).collect();
    Ok(Json(ListOut {
        total: items.len() as i64,
        items,
    }))
}

/// The trip as the caller may see it, or 404.
/// A party, whose view holds no trips, gets 404 as for a missing one.
async fn visible_trip(state: &AppState, user: &AuthUser, id: &str) -> Result<TripRow, ApiError> {
    values::ID.check(In::Query, "id", id)?;
    state
        .store
        .trip(&viewer(&user.actor), &TripId(id.to_owned()))
        .await?
        .ok_or_else(|| ApiError::not_found("trip"))
}

/// A leg of a trip the caller may see, or 404.
async fn visible_leg(
    state: &AppState,
    user: &AuthUser,
    trip_id: &str,
    leg_id: &str,
) -> Result<(TripRow, LegRow), ApiError> {
    let trip = visible_trip(state, user, trip_id).await?;
    let leg = trip
        .legs
        .iter()
        .find(|l| l.leg_id.as_str() == leg_id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("leg"))?;
    Ok((trip, leg))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingOut {
    pub case_id: String,
    pub child_id: String,
    pub state: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HandoverOut {
    pub leg_id: String,
    pub case_id: String,
    /// `official` or `family_member`.
    pub receiver_kind: Option<String>,
    /// The receiving organisation, or the family member.
    pub receiver_id: Option<String>,
    /// The receiving official's name.
    pub received_by: Option<String>,
    pub place: Option<String>,
    /// RFC 3339.
    pub at: Option<String>,
    /// The escort (or coordinator) who handed the child over.
    pub handed_over_by: Option<String>,
}

fn handover_out(h: &HandoverRow) -> HandoverOut {
    HandoverOut {
        leg_id: h.leg_id.0.clone(),
        case_id: h.case_id.0.clone(),
        receiver_kind: h.receiver_kind.clone(),
        receiver_id: h.receiver_id.clone(),
        received_by: h.received_by.clone(),
        place: h.place.clone(),
        at: h.at.map(rfc3339),
        handed_over_by: h.handed_over_by.as_ref().map(|u| u.0.clone()),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TripDetailOut {
    #[serde(flatten)]
    pub trip: TripOut,
    /// The cases booked on the trip (staff and the trip's escorts).
    pub bookings: Vec<BookingOut>,
    /// The handovers on the legs the caller may see.
    pub handovers: Vec<HandoverOut>,
}

/// One trip: its legs, bookings and handovers.
#[utoipa::path(
    get,
    path = "/trips/{id}",
    tag = "trips",
    params(("id" = String, Path, description = "The trip's id")),
    responses(
        (status = 200, body = TripDetailOut),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_trip(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<TripDetailOut>, ApiError> {
    let trip = visible_trip(&state, &user, &id).await?;
    // A transit state sees its legs, not who travels on the whole trip.
    let sees_bookings = user.actor.role != Role::TransitOfficer;
    let bookings = if sees_bookings {
        state
            .store
            .manifest(&trip.id)
            .await?
            .iter()
            .map(|e| BookingOut {
                case_id: e.case_id.0.clone(),
                child_id: e.child_id.0.clone(),
                state: e.state.as_str().to_owned(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let handovers = state
        .store
        .trip_handovers(&trip.id)
        .await?
        .iter()
        .filter(|h| trip.legs.iter().any(|l| l.leg_id == h.leg_id))
        .map(handover_out)
        .collect();
    Ok(Json(TripDetailOut {
        trip: trip_out(&trip),
        bookings,
        handovers,
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

/// Whether the request asks for the PDF rather than JSON.
fn wants_pdf(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| {
            a.split(',').any(|m| {
                m.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/pdf"))
            })
        })
}

/// The manifest of one leg: who travels, as JSON or, with `Accept:
/// application/pdf`, as the printable PDF (in the language of
/// `Accept-Language`: en, uk, ru or ar). The read is written to the access
/// log with every child on it.
#[utoipa::path(
    get,
    path = "/trips/{trip_id}/legs/{leg_id}/manifest",
    tag = "trips",
    params(
        ("trip_id" = String, Path, description = "The trip's id"),
        ("leg_id" = String, Path, description = "The leg's id"),
    ),
    responses(
        (status = 200, body = ManifestOut, description = "The manifest (JSON, or a PDF when asked)"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn manifest(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    Path((trip_id, leg_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
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
    if wants_pdf(&headers) {
        let lang = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Lang::En, Lang::negotiate);
        let docs = LegDocuments::load(
            &state.store,
            &viewer(&user.actor),
            &leg.trip_id,
            &leg.leg_id,
            user.actor.role != Role::TransitOfficer,
        )
        .await?
        .ok_or_else(|| ApiError::not_found("leg"))?;
        state
            .store
            .record_accesses(&user.actor, docs.seen(), VIA_MANIFEST)
            .await?;
        let tr = crate::documents::translator(lang);
        let bytes = docs
            .manifest_pdf(&tr, now_secs())
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        return Ok((
            [
                (header::CONTENT_TYPE, "application/pdf"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response());
    }
    let entries = state.store.manifest(&leg.trip_id).await?;
    // The leg's manifest and every child on it, as one entry: each child's
    // access log shows who read the manifest.
    state
        .store
        .record_accesses(
            &user.actor,
            crate::documents::seen(&leg.leg_id, &entries),
            VIA_MANIFEST,
        )
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
    })
    .into_response())
}

/// Checks the caller may act on the leg's travel (staff, or the trip's
/// escorts): departures, arrivals, handovers.
fn may_move(user: &AuthUser, trip: &TripRow, leg: &LegRow, what: &str) -> Result<(), ApiError> {
    check(
        &user.actor,
        Action::Write,
        &Resource::Manifest {
            transit_org: leg.transit_org.as_ref(),
            escorts: &trip.escorts,
        },
        "leg",
        what,
    )
    .map(|_| ())
}

/// An optional RFC 3339 time, or now.
fn time_or_now(at: Option<&str>, member: &str) -> Result<i64, ApiError> {
    match at {
        None => Ok(now_secs()),
        Some(s) => parse_rfc3339(s).ok_or_else(|| {
            ApiError::Unprocessable(format!(
                "{member} must be an RFC 3339 time such as 2026-09-21T14:13:20Z"
            ))
        }),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoverIn {
    #[schema(value_type = values::Id, inline)]
    pub leg_id: String,
    #[schema(value_type = values::Id, inline)]
    pub case_id: String,
    /// Before the last leg: the receiving organisation (the leg's transit
    /// state). Give this or `member_id`.
    #[serde(default)]
    #[schema(value_type = Option<values::Id>, inline)]
    pub org_id: Option<String>,
    /// At the end of the journey: the family member or guardian who
    /// received the child, whose consent is on record.
    #[serde(default)]
    #[schema(value_type = Option<values::Id>, inline)]
    pub member_id: Option<String>,
    /// The receiving official's name (for an official).
    #[serde(default)]
    #[schema(value_type = Option<values::Label>, inline)]
    pub received_by: Option<String>,
    /// Where the child was handed over.
    #[schema(value_type = values::Label, inline)]
    pub place: String,
    /// When, RFC 3339; now if absent.
    #[serde(default)]
    pub at: Option<String>,
}

/// Records that a child was handed over at the end of a leg: to an official
/// of the leg's transit state on the way, to the consenting parent or
/// guardian at the end. Custody follows; the last handover ends the transit
/// (the trip's escorts and coordinators).
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
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_handover(
    State(state): State<AppState>,
    user: AuthUser,
    Path(trip_id): Path<String>,
    ApiJson(input): ApiJson<HandoverIn>,
) -> Result<StatusCode, ApiError> {
    let at = In::Body;
    values::ID.check(at, "leg_id", &input.leg_id)?;
    values::ID.check(at, "case_id", &input.case_id)?;
    values::LABEL.check(at, "place", &input.place)?;
    values::OPTIONAL_LABEL.check(
        at,
        "received_by",
        input.received_by.as_deref().unwrap_or(""),
    )?;
    let to = match (&input.org_id, &input.member_id) {
        (Some(org), None) => {
            values::ID.check(at, "org_id", org)?;
            Receiver::Official {
                org_id: OrgId(org.clone()),
            }
        }
        (None, Some(member)) => {
            values::ID.check(at, "member_id", member)?;
            Receiver::FamilyMember {
                member_id: FamilyMemberId(member.clone()),
            }
        }
        _ => {
            return Err(ApiError::Unprocessable(
                "give exactly one of org_id (an official) and member_id (a family member)".into(),
            ));
        }
    };
    let when = time_or_now(input.at.as_deref(), "at")?;
    let (trip, leg) = visible_leg(&state, &user, &trip_id, &input.leg_id).await?;
    may_move(&user, &trip, &leg, "record handovers")?;
    state
        .store
        .execute(
            &user.actor,
            Command::RecordHandover {
                trip_id: trip.id,
                leg_id: leg.leg_id,
                case_id: CaseId(input.case_id),
                to,
                details: HandoverDetails {
                    received_by: input.received_by.unwrap_or_default(),
                    place: input.place,
                    at: when,
                },
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("case_id"))?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct MovementIn {
    /// When, RFC 3339; now if absent.
    #[serde(default)]
    pub at: Option<String>,
}

/// Records a leg's departure (the leg's escorts and coordinators). The
/// first leg's departure moves every booked case to `in_transit`; each
/// moves every child's custody to the escorts. A leg through a transit
/// state needs its clearance.
#[utoipa::path(
    post,
    path = "/trips/{trip_id}/legs/{leg_id}/departure",
    tag = "trips",
    params(
        ("trip_id" = String, Path, description = "The trip's id"),
        ("leg_id" = String, Path, description = "The leg's id"),
    ),
    request_body = MovementIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn depart(
    State(state): State<AppState>,
    user: AuthUser,
    Path((trip_id, leg_id)): Path<(String, String)>,
    ApiJson(input): ApiJson<MovementIn>,
) -> Result<StatusCode, ApiError> {
    movement(
        &state,
        &user,
        (&trip_id, &leg_id),
        &input,
        "record departures",
        |trip_id, leg_id, at| Command::DepartLeg {
            trip_id,
            leg_id,
            at,
        },
    )
    .await
}

/// A departure or an arrival: the leg in the caller's view, the caller one
/// who may move it, the time given or now.
async fn movement(
    state: &AppState,
    user: &AuthUser,
    (trip_id, leg_id): (&str, &str),
    input: &MovementIn,
    what: &str,
    make: impl FnOnce(TripId, LegId, i64) -> Command,
) -> Result<StatusCode, ApiError> {
    let at = time_or_now(input.at.as_deref(), "at")?;
    let (trip, leg) = visible_leg(state, user, trip_id, leg_id).await?;
    may_move(user, &trip, &leg, what)?;
    state
        .store
        .execute(&user.actor, make(trip.id, leg.leg_id, at))
        .await?;
    Ok(StatusCode::CREATED)
}

/// Records a leg's arrival (the leg's escorts and coordinators).
#[utoipa::path(
    post,
    path = "/trips/{trip_id}/legs/{leg_id}/arrival",
    tag = "trips",
    params(
        ("trip_id" = String, Path, description = "The trip's id"),
        ("leg_id" = String, Path, description = "The leg's id"),
    ),
    request_body = MovementIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn arrive(
    State(state): State<AppState>,
    user: AuthUser,
    Path((trip_id, leg_id)): Path<(String, String)>,
    ApiJson(input): ApiJson<MovementIn>,
) -> Result<StatusCode, ApiError> {
    movement(
        &state,
        &user,
        (&trip_id, &leg_id),
        &input,
        "record arrivals",
        |trip_id, leg_id, at| Command::ArriveLeg {
            trip_id,
            leg_id,
            at,
        },
    )
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClearanceIn {
    /// Granted (`true`) or refused (`false`).
    pub granted: bool,
    /// The transit state's reference number.
    #[schema(value_type = values::Label, inline)]
    pub reference: String,
    /// Conditions of the clearance, if any.
    #[serde(default)]
    #[schema(value_type = Option<values::Note>, inline)]
    pub conditions: Option<String>,
}

/// Records the transit state's clearance for a leg through its territory
/// (an officer of that state). A refused clearance blocks the departure.
#[utoipa::path(
    post,
    path = "/trips/{trip_id}/legs/{leg_id}/clearance",
    tag = "trips",
    params(
        ("trip_id" = String, Path, description = "The trip's id"),
        ("leg_id" = String, Path, description = "The leg's id"),
    ),
    request_body = ClearanceIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn clearance(
    State(state): State<AppState>,
    user: AuthUser,
    Path((trip_id, leg_id)): Path<(String, String)>,
    ApiJson(input): ApiJson<ClearanceIn>,
) -> Result<StatusCode, ApiError> {
    values::LABEL.check(In::Body, "reference", &input.reference)?;
    values::OPTIONAL_NOTE.check(
        In::Body,
        "conditions",
        input.conditions.as_deref().unwrap_or(""),
    )?;
    let (trip, leg) = visible_leg(&state, &user, &trip_id, &leg_id).await?;
    state
        .store
        .execute(
            &user.actor,
            Command::RecordClearance {
                trip_id: trip.id,
                leg_id: leg.leg_id,
                granted: input.granted,
                details: ClearanceDetails {
                    reference: input.reference,
                    conditions: input.conditions.unwrap_or_default(),
                },
            },
        )
        .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscortsIn {
    /// The leg's escorts' user ids, each once (at most 50).
    #[schema(schema_with = escorts_schema)]
    pub escorts: Vec<String>,
}

/// Names the escorts of one leg until it departs (coordinators); the
/// escort ratio is checked against the children booked.
#[utoipa::path(
    put,
    path = "/trips/{trip_id}/legs/{leg_id}/escorts",
    tag = "trips",
    params(
        ("trip_id" = String, Path, description = "The trip's id"),
        ("leg_id" = String, Path, description = "The leg's id"),
    ),
    request_body = EscortsIn,
    responses(
        (status = 204, description = "Assigned"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn assign_escorts(
    State(state): State<AppState>,
    user: AuthUser,
    Path((trip_id, leg_id)): Path<(String, String)>,
    ApiJson(input): ApiJson<EscortsIn>,
) -> Result<StatusCode, ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Trips,
        "assign escorts",
    )?;
    check_escorts(&input.escorts, "escorts")?;
    let (trip, leg) = visible_leg(&state, &user, &trip_id, &leg_id).await?;
    state
        .store
        .execute(
            &user.actor,
            Command::AssignEscorts {
                trip_id: trip.id,
                leg_id: leg.leg_id,
                escorts: input.escorts.into_iter().map(UserId).collect(),
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("escorts"))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookingIn {
    #[schema(value_type = values::Id, inline)]
    pub case_id: String,
}

/// Books an approved case on the trip, with every other case of its group
/// (all or none), within the capacity and the escort ratio (coordinators).
/// The cases move to `transit_planned`.
#[utoipa::path(
    post,
    path = "/trips/{trip_id}/bookings",
    tag = "trips",
    params(("trip_id" = String, Path, description = "The trip's id")),
    request_body = BookingIn,
    responses(
        (status = 201, description = "Booked"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn book(
    State(state): State<AppState>,
    user: AuthUser,
    Path(trip_id): Path<String>,
    ApiJson(input): ApiJson<BookingIn>,
) -> Result<StatusCode, ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Trips,
        "book children on trips",
    )?;
    values::ID.check(In::Body, "case_id", &input.case_id)?;
    let trip = visible_trip(&state, &user, &trip_id).await?;
    state
        .store
        .execute(
            &user.actor,
            Command::BookOnTrip {
                case_id: CaseId(input.case_id),
                trip_id: trip.id,
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("case_id"))?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelIn {
    /// Why the trip is cancelled.
    #[schema(value_type = values::Note, inline)]
    pub reason: String,
}

/// Cancels a trip before it departs (coordinators); its cases return to
/// `approved`.
#[utoipa::path(
    post,
    path = "/trips/{trip_id}/cancellation",
    tag = "trips",
    params(("trip_id" = String, Path, description = "The trip's id")),
    request_body = CancelIn,
    responses(
        (status = 201, description = "Cancelled"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn cancel(
    State(state): State<AppState>,
    user: AuthUser,
    Path(trip_id): Path<String>,
    ApiJson(input): ApiJson<CancelIn>,
) -> Result<StatusCode, ApiError> {
    gate(&user.actor, Action::Write, &Resource::Trips, "cancel trips")?;
    values::NOTE.check(In::Body, "reason", &input.reason)?;
    let trip = visible_trip(&state, &user, &trip_id).await?;
    state
        .store
        .execute(
            &user.actor,
            Command::CancelTrip {
                trip_id: trip.id,
                reason: input.reason,
            },
        )
        .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LegTimesIn {
    #[schema(value_type = values::Id, inline)]
    pub leg_id: String,
    /// RFC 3339.
    #[schema(format = DateTime)]
    pub departs_at: String,
    #[schema(format = DateTime)]
    pub arrives_at: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleIn {
    /// New times for the trip's legs, every leg once in order.
    pub legs: Vec<LegTimesIn>,
}

/// New times for a trip's legs (coordinators). Legs that departed keep
/// theirs; a leg whose times change needs its clearance again.
#[utoipa::path(
    put,
    path = "/trips/{trip_id}/schedule",
    tag = "trips",
    params(("trip_id" = String, Path, description = "The trip's id")),
    request_body = ScheduleIn,
    responses(
        (status = 204, description = "Rescheduled"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn reschedule(
    State(state): State<AppState>,
    user: AuthUser,
    Path(trip_id): Path<String>,
    ApiJson(input): ApiJson<ScheduleIn>,
) -> Result<StatusCode, ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Trips,
        "reschedule trips",
    )?;
    let trip = visible_trip(&state, &user, &trip_id).await?;
    let mut times = Vec::new();
    for (i, l) in input.legs.iter().enumerate() {
        let parse = |s: &str, name: &str| {
            parse_rfc3339(s).ok_or_else(|| {
                ApiError::Unprocessable(format!(
                    "legs[{i}].{name} must be an RFC 3339 time such as 2026-09-21T14:13:20Z"
                ))
            })
        };
        times.push((
            l.leg_id.as_str(),
            parse(&l.departs_at, "departs_at")?,
            parse(&l.arrives_at, "arrives_at")?,
        ));
    }
    let plan = plan_with_times(&trip, &times)?;
    state
        .store
        .execute(
            &user.actor,
            Command::RescheduleTrip {
                trip_id: trip.id,
                plan,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The trip's plan with new times for its legs, each named once in order.
pub fn plan_with_times(trip: &TripRow, times: &[(&str, i64, i64)]) -> Result<TripPlan, ApiError> {
    if times.len() != trip.legs.len()
        || times
            .iter()
            .zip(&trip.legs)
            .any(|((id, _, _), l)| *id != l.leg_id.as_str())
    {
        return Err(ApiError::Unprocessable(
            "legs: name every leg of the trip once, in order".into(),
        ));
    }
    Ok(TripPlan {
        name: trip.name.clone(),
        carrier: trip.carrier.clone().unwrap_or_default(),
        legs: trip
            .legs
            .iter()
            .zip(times)
            .map(|(l, (_, departs_at, arrives_at))| LegPlan {
                leg_id: l.leg_id.clone(),
                from_place: l.from_place.clone(),
                to_place: l.to_place.clone(),
                transit_org: l.transit_org.clone(),
                carrier: l.carrier.clone(),
                departs_at: *departs_at,
                arrives_at: *arrives_at,
            })
            .collect(),
    })
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
    /// A flight number or convoy name.
    #[schema(value_type = values::Label, inline)]
    pub carrier: String,
    /// Departure, RFC 3339 (`2026-09-21T14:13:20Z`).
    #[schema(format = DateTime)]
    pub departs_at: String,
    /// Arrival, RFC 3339, after the departure.
    #[schema(format = DateTime)]
    pub arrives_at: String,
    /// This leg's escorts; the trip's `escorts` if absent.
    #[serde(default)]
    #[schema(schema_with = escorts_schema)]
    pub escorts: Option<Vec<String>>,
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
    /// `charter_flight` (the default), `scheduled_flight` or `road_convoy`.
    #[serde(default)]
    #[schema(value_type = Option<values::TripKindWord>, inline)]
    pub kind: Option<TripKind>,
    /// The airline or transport company.
    #[serde(default)]
    #[schema(value_type = Option<values::LabelOrEmpty>, inline)]
    pub carrier: Option<String>,
    /// How many children the trip can take.
    #[schema(minimum = 1, maximum = 10000)]
    pub capacity: u32,
    /// The legs in the order they are travelled (1 to 20).
    #[schema(min_items = 1, max_items = 20)]
    pub legs: Vec<LegIn>,
    /// The escorts of every leg that names none of its own (at most 50),
    /// each once.
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
        .description(Some("Escorts' user ids (at most 50), each once"))
        .unique_items(true)
        .into()
}

fn check_escorts(escorts: &[String], name: &str) -> Result<(), ApiError> {
    if escorts.len() > MAX_ESCORTS {
        return Err(ApiError::Unprocessable(format!(
            "{name}: at most {MAX_ESCORTS} escorts"
        )));
    }
    for (i, e) in escorts.iter().enumerate() {
        values::ID.check(In::Body, &format!("{name}[{i}]"), e)?;
        if escorts[..i].contains(e) {
            return Err(ApiError::Unprocessable(format!(
                "{name}[{i}]: each escort is named once"
            )));
        }
    }
    Ok(())
}

impl TripIn {
    fn check(&self) -> Result<(), ApiError> {
        let at = In::Body;
        values::LABEL.check(at, "name", &self.name)?;
        values::OPTIONAL_LABEL.check(at, "carrier", self.carrier.as_deref().unwrap_or(""))?;
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
            if let Some(e) = &l.escorts {
                check_escorts(e, &format!("legs[{i}].escorts"))?;
            }
        }
        check_escorts(&self.escorts, "escorts")
    }
}

/// Plans a trip: its kind and carrier, capacity, legs through third
/// countries with their times and escorts (coordinators). Where and when it
/// goes stays out of the ledger's public body.
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
    let trip_escorts: Vec<UserId> = input.escorts.into_iter().map(UserId).collect();
    let mut escorts = Vec::new();
    let mut legs = Vec::new();
    for (i, l) in input.legs.into_iter().enumerate() {
        let time = |s: &str, name: &str| {
            parse_rfc3339(s).ok_or_else(|| {
                ApiError::Unprocessable(format!(
                    "legs[{i}].{name} must be an RFC 3339 time such as 2026-09-21T14:13:20Z"
                ))
            })
        };
        let departs_at = time(&l.departs_at, "departs_at")?;
        let arrives_at = time(&l.arrives_at, "arrives_at")?;
        escorts.push(
            l.escorts
                .map(|e| e.into_iter().map(UserId).collect())
                .unwrap_or_else(|| trip_escorts.clone()),
        );
        legs.push(LegPlan {
            leg_id: LegId(Store::new_id()),
            from_place: l.from_place,
            to_place: l.to_place,
            transit_org: l.transit_org.map(OrgId),
            carrier: l.carrier,
            departs_at,
            arrives_at,
        });
    }
    let trip_id = TripId(Store::new_id());
    state
        .store
        .execute(
            &user.actor,
            Command::PlanTrip {
                trip_id: trip_id.clone(),
                kind: input.kind.unwrap_or(TripKind::CharterFlight),
                capacity: input.capacity,
                plan: TripPlan {
                    name: input.name,
                    carrier: input.carrier.unwrap_or_default(),
                    legs,
                },
                escorts,
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("escorts"))?;
    Ok((StatusCode::CREATED, Json(Created { id: trip_id.0 })))
}
