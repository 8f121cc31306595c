//! The trip page's forms, each one domain command.

use super::page::show_trip;
use super::*;

/// Runs one form's command on a trip the reader can see: `build` turns the
/// form into the command, or names what is wrong (a message id).
async fn on_trip(
    state: &AppState,
    SignedIn { ctx, user }: SignedIn,
    headers: &HeaderMap,
    trip_id: &str,
    saved: &'static str,
    build: impl FnOnce(&TripRow) -> Result<Command, &'static str>,
) -> Response {
    if !same_origin(headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let trip = match state
        .store
        .trip(&viewer(&user.actor), &TripId::from(trip_id))
        .await
    {
        Ok(Some(t)) => t,
        Ok(None) => return ctx.not_found(),
        Err(e) => return ctx.internal("trip form", e),
    };
    let command = match build(&trip) {
        Ok(c) => c,
        Err(key) => {
            let message = Some((ctx.tr.t(key), "error"));
            return show_trip(
                state,
                &ctx,
                &user,
                trip_id,
                message,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => back_to(&trip.id, saved),
        Err(StoreError::Refused(Refusal::Forbidden(_))) => {
            ctx.error(StatusCode::FORBIDDEN, "error-forbidden")
        }
        Err(StoreError::Refused(r)) => {
            let (status, message) = refused(&ctx, &r);
            show_trip(state, &ctx, &user, trip_id, Some(message), status).await
        }
        Err(e) => ctx.internal("trip form", e),
    }
}

/// The leg of `trip` the form names, or a message id.
fn leg_of<'a>(trip: &'a TripRow, leg: &str) -> Result<&'a LegRow, &'static str> {
    trip.legs
        .iter()
        .find(|l| l.leg_id.as_str() == leg)
        .ok_or("error-not-found")
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BookForm {
    case_id: String,
}

pub async fn book(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<BookForm>,
) -> Response {
    on_trip(&state, signed, &headers, &id, "booked", |trip| {
        if form.case_id.is_empty() {
            return Err("trip-form-case");
        }
        Ok(Command::BookOnTrip {
            case_id: CaseId(form.case_id),
            trip_id: trip.id.clone(),
        })
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReasonForm {
    reason: String,
}

pub async fn cancel(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ReasonForm>,
) -> Response {
    on_trip(&state, signed, &headers, &id, "cancelled", |trip| {
        if crate::api::values::is_blank(&form.reason) {
            return Err("trip-form-reason");
        }
        Ok(Command::CancelTrip {
            trip_id: trip.id.clone(),
            reason: form.reason.trim().to_owned(),
        })
    })
    .await
}

pub async fn reschedule(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    on_trip(&state, signed, &headers, &id, "rescheduled", |trip| {
        let mut times = Vec::new();
        for l in &trip.legs {
            let get = |n: &str| field(&pairs, &format!("{n}_{}", l.leg_id.as_str()));
            let departs = parse_input_time(get("departs")).ok_or("trip-form-times")?;
            let arrives = parse_input_time(get("arrives")).ok_or("trip-form-times")?;
            times.push((l.leg_id.as_str(), departs, arrives));
        }
        let plan =
            crate::api::trips::plan_with_times(trip, &times).map_err(|_| "trip-form-times")?;
        Ok(Command::RescheduleTrip {
            trip_id: trip.id.clone(),
            plan,
        })
    })
    .await
}

pub async fn assign_escorts(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path((id, leg)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    on_trip(&state, signed, &headers, &id, "escorts", |trip| {
        let leg = leg_of(trip, &leg)?;
        Ok(Command::AssignEscorts {
            trip_id: trip.id.clone(),
            leg_id: leg.leg_id.clone(),
            escorts: all(&pairs, "escort").map(UserId::from).collect(),
        })
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClearanceForm {
    granted: String,
    reference: String,
    conditions: String,
}

pub async fn clearance(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path((id, leg)): Path<(String, String)>,
    Form(form): Form<ClearanceForm>,
) -> Response {
    on_trip(&state, signed, &headers, &id, "clearance", |trip| {
        let leg = leg_of(trip, &leg)?;
        let granted = match form.granted.as_str() {
            "yes" => true,
            "no" => false,
            _ => return Err("trip-form-granted"),
        };
        Ok(Command::RecordClearance {
            trip_id: trip.id.clone(),
            leg_id: leg.leg_id.clone(),
            granted,
            details: ClearanceDetails {
                reference: short(&form.reference, "trip-form-reference")?,
                conditions: form.conditions.trim().to_owned(),
            },
        })
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MovementForm {
    at: String,
}

fn at_or_now(s: &str) -> Result<i64, &'static str> {
    if s.trim().is_empty() {
        return Ok(now_secs());
    }
    parse_input_time(s).ok_or("trip-form-times")
}

pub async fn depart(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path((id, leg)): Path<(String, String)>,
    Form(form): Form<MovementForm>,
) -> Response {
    on_trip(&state, signed, &headers, &id, "departure", |trip| {
        let leg = leg_of(trip, &leg)?;
        Ok(Command::DepartLeg {
            trip_id: trip.id.clone(),
            leg_id: leg.leg_id.clone(),
            at: at_or_now(&form.at)?,
        })
    })
    .await
}

pub async fn arrive(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path((id, leg)): Path<(String, String)>,
    Form(form): Form<MovementForm>,
) -> Response {
    on_trip(&state, signed, &headers, &id, "arrival", |trip| {
        let leg = leg_of(trip, &leg)?;
        Ok(Command::ArriveLeg {
            trip_id: trip.id.clone(),
            leg_id: leg.leg_id.clone(),
            at: at_or_now(&form.at)?,
        })
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HandoverForm {
    leg_id: String,
    case_id: String,
    org_id: String,
    member_id: String,
    received_by: String,
    place: String,
    at: String,
}

pub async fn handover(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<HandoverForm>,
) -> Response {
    on_trip(&state, signed, &headers, &id, "handover", |trip| {
        let leg = leg_of(trip, &form.leg_id)?;
        let to = match (form.org_id.is_empty(), form.member_id.is_empty()) {
            (false, true) => Receiver::Official {
                org_id: OrgId(form.org_id),
            },
            (true, false) => Receiver::FamilyMember {
                member_id: FamilyMemberId(form.member_id),
            },
            _ => return Err("trip-form-receiver"),
        };
        Ok(Command::RecordHandover {
            trip_id: trip.id.clone(),
            leg_id: leg.leg_id.clone(),
            case_id: CaseId(form.case_id),
            to,
            details: HandoverDetails {
                received_by: form.received_by.trim().to_owned(),
                place: short(&form.place, "trip-form-place")?,
                at: at_or_now(&form.at)?,
            },
        })
    })
    .await
}
