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

mod manifest;
mod movement;
mod planning;

pub use planning::{MAX_CAPACITY, plan_with_times};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_trip))
        .merge(planning::router())
        .merge(movement::router())
        .merge(manifest::router())
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
