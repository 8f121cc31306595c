//! What happens on the way: clearances from the transit states, departures,
//! arrivals and handovers.

use super::*;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(clearance))
        .routes(routes!(depart))
        .routes(routes!(arrive))
        .routes(routes!(record_handover))
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
