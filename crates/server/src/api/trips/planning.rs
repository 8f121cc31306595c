//! Planning: trips listed and planned, rescheduled or cancelled, children
//! booked, escorts assigned.

use super::*;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_trips, plan_trip))
        .routes(routes!(reschedule))
        .routes(routes!(cancel))
        .routes(routes!(book))
        .routes(routes!(assign_escorts))
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
