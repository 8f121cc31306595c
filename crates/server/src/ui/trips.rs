//! Trips in the browser, from approval to reunion. `/trips` lists the trips
//! the reader may see (a coordinator plans new ones there); `/trips/{id}`
//! is the trip's page: its legs with their clearances, escorts, departures
//! and arrivals, the children on board with each handover, and, for each
//! role, the form for its part — the coordinator books, assigns escorts,
//! reschedules or cancels; a transit officer clears the legs through its
//! territory; an escort records departures, arrivals and handovers. The
//! manifest and the handover receipts print as PDF.
//!
//! Every form is one domain command through the write path. Success
//! returns to the trip (a redirect); a refusal shows the page again with
//! the rule that failed, in the reader's language.

use super::data::{self, full_name, is_coordinator};
use super::{Ctx, SignedIn, UiUser, render, same_origin};
use crate::AppState;
use crate::auth::now_secs;
use crate::documents::{LegDocuments, VIA_MANIFEST_PDF, VIA_RECEIPTS_PDF, when};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use homeward_domain::access::{self, Action, Resource, viewer};
use homeward_domain::event::RecordKind;
use homeward_domain::*;
use homeward_store::read::{LegRow, TripRow};
use homeward_store::{Store, StoreError};
use serde::Deserialize;
use std::collections::HashMap;

/// How the trip page appears in the access log (it names the children).
pub const VIA_TRIP_PAGE: &str = "page /trips/{id}";

/// Legs the planning form offers (the API takes up to 20).
const FORM_LEGS: usize = 3;

/// What each form records, as the `saved` value, with its confirmation.
const SAVED: [(&str, &str); 9] = [
    ("planned", "trip-saved-planned"),
    ("booked", "trip-saved-booked"),
    ("escorts", "trip-saved-escorts"),
    ("clearance", "trip-saved-clearance"),
    ("departure", "trip-saved-departure"),
    ("arrival", "trip-saved-arrival"),
    ("handover", "trip-saved-handover"),
    ("rescheduled", "trip-saved-rescheduled"),
    ("cancelled", "trip-saved-cancelled"),
];

fn sees_trips(actor: &Actor) -> bool {
    access::can(actor, Action::Read, &Resource::Trips).allowed()
}

/// `YYYY-MM-DDTHH:MM` for a `datetime-local` input (the times are UTC).
fn input_time(secs: i64) -> String {
    crate::api::rfc3339(secs)[..16].to_owned()
}

/// A `datetime-local` value (UTC) as seconds since the epoch.
fn parse_input_time(s: &str) -> Option<i64> {
    let s = s.trim();
    match s.len() {
        16 => crate::api::parse_rfc3339(&format!("{s}:00Z")),
        19 => crate::api::parse_rfc3339(&format!("{s}Z")),
        _ => None,
    }
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.trim())
}

fn all<'a>(pairs: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    pairs
        .iter()
        .filter(move |(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
}

fn short(s: &str, key: &'static str) -> Result<String, &'static str> {
    if crate::api::values::is_blank(s) || s.chars().count() > 200 {
        return Err(key);
    }
    Ok(s.trim().to_owned())
}

// ------------------------------------------------------------------ list

pub struct TripCard {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub capacity: i64,
    pub booked: i64,
    pub route: String,
    pub departs: String,
}

pub struct Choice {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "trips.html")]
struct TripsPage {
    chrome: super::Chrome,
    message: Option<(String, &'static str)>,
    trips: Vec<TripCard>,
    /// Coordinators plan trips here.
    may_plan: bool,
    kinds: Vec<&'static str>,
    transit_states: Vec<Choice>,
    escorts: Vec<Choice>,
    form_legs: Vec<usize>,
    form: Vec<(String, String)>,
}

impl TripsPage {
    fn value(&self, name: &str) -> String {
        field(&self.form, name).to_owned()
    }

    fn leg_value(&self, i: &usize, name: &str) -> String {
        field(&self.form, &format!("leg{i}_{name}")).to_owned()
    }

    fn chosen(&self, name: &str, value: &str) -> bool {
        self.form.iter().any(|(k, v)| k == name && v == value)
    }
}

async fn escort_choices(store: &Store) -> Result<Vec<Choice>, StoreError> {
    Ok(store
        .users()
        .await?
        .into_iter()
        .filter(|u| u.role == Role::Escort && !u.disabled)
        .map(|u| Choice {
            id: u.id.0,
            label: u.login,
        })
        .collect())
}

async fn show_list(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    message: Option<(String, &'static str)>,
    form: Vec<(String, String)>,
    status: StatusCode,
) -> Response {
    let actor = &user.actor;
    let trips = match state.store.trips(&viewer(actor)).await {
        Ok(t) => t,
        Err(e) => return ctx.internal("trips", e),
    };
    let may_plan = is_coordinator(actor);
    let (transit_states, escorts) = if may_plan {
        let orgs = match state.store.organisations().await {
            Ok(o) => o,
            Err(e) => return ctx.internal("trips", e),
        };
        let escorts = match escort_choices(&state.store).await {
            Ok(e) => e,
            Err(e) => return ctx.internal("trips", e),
        };
        let transit = orgs
            .into_iter()
            .filter(|o| o.kind == OrgKind::Transit)
            .map(|o| Choice {
                id: o.id.0,
                label: o.name,
            })
            .collect();
        (transit, escorts)
    } else {
        (Vec::new(), Vec::new())
    };
    let cards = trips
        .iter()
        .map(|t| {
            let mut places: Vec<&str> = t.legs.iter().map(|l| l.from_place.as_str()).collect();
            if let Some(last) = t.legs.last() {
                places.push(&last.to_place);
            }
            TripCard {
                id: t.id.0.clone(),
                name: t.name.clone(),
                kind: t.kind.map_or("", TripKind::as_str),
                status: t.status.as_str(),
                capacity: t.capacity,
                booked: t.booked,
                route: places.join(" → "),
                departs: t
                    .legs
                    .first()
                    .map_or_else(String::new, |l| when(l.departs_at)),
            }
        })
        .collect();
    let mut res = render(&TripsPage {
        chrome: ctx.chrome("trips"),
        message,
        trips: cards,
        may_plan,
        kinds: TripKind::ALL.iter().map(|k| k.as_str()).collect(),
        transit_states,
        escorts,
        form_legs: (1..=FORM_LEGS).collect(),
        form,
    });
    *res.status_mut() = status;
    res
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: String,
}

fn saved(ctx: &Ctx, q: &SavedQuery) -> Option<(String, &'static str)> {
    SAVED
        .iter()
        .find(|(k, _)| *k == q.saved)
        .map(|(_, m)| (ctx.tr.t(m), "ok"))
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Query(q): Query<SavedQuery>,
) -> Response {
    if !sees_trips(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let message = saved(&ctx, &q);
    show_list(&state, &ctx, &user, message, Vec::new(), StatusCode::OK).await
}

/// The planning form as a command, or the message id of what is wrong.
fn plan_command(pairs: &[(String, String)]) -> Result<(TripId, Command), &'static str> {
    let name = short(field(pairs, "name"), "trip-form-name")?;
    let kind: TripKind =
        serde_json::from_value(serde_json::Value::String(field(pairs, "kind").to_owned()))
            .map_err(|_| "trip-form-kind")?;
    let capacity: u32 = field(pairs, "capacity")
        .parse()
        .ok()
        .filter(|n| (1..=crate::api::trips::MAX_CAPACITY).contains(n))
        .ok_or("trip-form-capacity")?;
    let escorts: Vec<UserId> = all(pairs, "escort").map(UserId::from).collect();
    let mut legs = Vec::new();
    for i in 1..=FORM_LEGS {
        let get = |n: &str| field(pairs, &format!("leg{i}_{n}"));
        if get("from").is_empty() && get("to").is_empty() {
            continue;
        }
        let departs_at = parse_input_time(get("departs")).ok_or("trip-form-times")?;
        let arrives_at = parse_input_time(get("arrives")).ok_or("trip-form-times")?;
        let transit = get("transit");
        legs.push(LegPlan {
            leg_id: LegId(Store::new_id()),
            from_place: short(get("from"), "trip-form-places")?,
            to_place: short(get("to"), "trip-form-places")?,
            transit_org: (!transit.is_empty()).then(|| OrgId::from(transit)),
            carrier: get("carrier").to_owned(),
            departs_at,
            arrives_at,
        });
    }
    if legs.is_empty() {
        return Err("trip-form-legs");
    }
    let trip_id = TripId(Store::new_id());
    let command = Command::PlanTrip {
        trip_id: trip_id.clone(),
        kind,
        capacity,
        escorts: vec![escorts; legs.len()],
        plan: TripPlan {
            name,
            carrier: field(pairs, "carrier").to_owned(),
            legs,
        },
    };
    Ok((trip_id, command))
}

/// Plans a trip (coordinators).
pub async fn plan(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    if !access::can(&user.actor, Action::Write, &Resource::Trips).allowed() {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let (trip_id, command) = match plan_command(&pairs) {
        Ok(c) => c,
        Err(key) => {
            let message = Some((ctx.tr.t(key), "error"));
            return show_list(
                &state,
                &ctx,
                &user,
                message,
                pairs,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => back_to(&trip_id, "planned"),
        Err(StoreError::Refused(r)) => {
            let (status, message) = refused(&ctx, &r);
            show_list(&state, &ctx, &user, Some(message), pairs, status).await
        }
        Err(e) => ctx.internal("plan trip", e),
    }
}

fn refused(ctx: &Ctx, r: &Refusal) -> (StatusCode, (String, &'static str)) {
    let status = match r {
        Refusal::Forbidden(_) => StatusCode::FORBIDDEN,
        Refusal::NotFound(_) | Refusal::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Refusal::Trip(rule) if rule.is_invalid_input() => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::CONFLICT,
    };
    let reason = super::refusal_text(&ctx.tr, r);
    (
        status,
        (ctx.tr.s("trip-refused", "reason", &reason), "error"),
    )
}

fn back_to(trip: &TripId, saved: &str) -> Response {
    Redirect::to(&format!(
        "/trips/{}?saved={saved}",
        super::encode_component(trip.as_str())
    ))
    .into_response()
}

// ------------------------------------------------------------------ page

pub struct LegView {
    pub leg_id: String,
    pub position: i64,
    pub from: String,
    pub to: String,
    pub transit: String,
    pub carrier: String,
    pub departs: String,
    pub arrives: String,
    pub departs_input: String,
    pub arrives_input: String,
    pub escorts: String,
    pub escort_ids: Vec<String>,
    /// `granted`, `refused`, `pending` or `none` (no transit state).
    pub clearance: &'static str,
    pub clearance_ref: String,
    pub clearance_conditions: String,
    pub departed: String,
    pub arrived: String,
    /// The reader is an officer of this leg's transit state.
    pub may_clear: bool,
    /// The reader may record this leg's departure now.
    pub may_depart: bool,
    pub may_arrive: bool,
    /// A coordinator may change the escorts.
    pub may_assign: bool,
    /// The reader may print this leg's manifest.
    pub may_print: bool,
}

pub struct HandoverCell {
    pub position: i64,
    pub done: bool,
    pub text: String,
}

pub struct NextHandover {
    pub leg_id: String,
    pub position: i64,
    pub last: bool,
    /// The receiving organisation, fixed when the leg has a transit state.
    pub org_id: String,
    pub org_name: String,
    /// The family member whose consent is on record (last leg).
    pub member_id: String,
    pub member_name: String,
    pub place: String,
}

pub struct Traveller {
    pub case_id: String,
    pub child_id: String,
    pub name: String,
    pub latin: String,
    pub state: &'static str,
    pub born: String,
    pub medical: String,
    pub goes_to: String,
    pub handovers: Vec<HandoverCell>,
    pub next: Option<NextHandover>,
}

#[derive(Template)]
#[template(path = "trip.html")]
struct TripPage {
    chrome: super::Chrome,
    message: Option<(String, &'static str)>,
    id: String,
    name: String,
    kind: &'static str,
    carrier: String,
    status: &'static str,
    capacity: i64,
    booked: i64,
    legs: Vec<LegView>,
    /// `None` when the reader does not see who travels (a transit state).
    travellers: Option<Vec<Traveller>>,
    /// The coordinator's forms, while the trip is planned.
    planning: bool,
    bookable: Vec<Choice>,
    escort_choices: Vec<Choice>,
    receiver_orgs: Vec<Choice>,
    now_input: String,
}

/// Loads and shows the trip page, or 404 when the reader may not see it.
async fn show_trip(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    trip_id: &str,
    message: Option<(String, &'static str)>,
    status: StatusCode,
) -> Response {
    match trip_page(state, ctx, user, trip_id, message).await {
        Ok(Some(page)) => {
            let mut res = render(&page);
            *res.status_mut() = status;
            res
        }
        Ok(None) => ctx.not_found(),
        Err(e) => ctx.internal("trip page", e),
    }
}

async fn trip_page(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    trip_id: &str,
    message: Option<(String, &'static str)>,
) -> Result<Option<TripPage>, StoreError> {
    let actor = &user.actor;
    let store = &state.store;
    let Some(trip) = store.trip(&viewer(actor), &TripId::from(trip_id)).await? else {
        return Ok(None);
    };
    let coordinator = is_coordinator(actor);
    let orgs: HashMap<OrgId, (String, OrgKind)> = store
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id, (o.name, o.kind)))
        .collect();
    let logins: HashMap<UserId, String> = store
        .users()
        .await?
        .into_iter()
        .map(|u| (u.id, u.login))
        .collect();
    let org_name = |o: &OrgId| orgs.get(o).map_or_else(String::new, |(n, _)| n.clone());
    let cancelled = trip.status == TripStatus::Cancelled;
    let escort_of = |l: &LegRow| actor.role == Role::Escort && l.escorts.contains(&actor.user);
    let legs: Vec<LegView> = trip
        .legs
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mover = coordinator || escort_of(l);
            let before_arrived = i == 0 || trip.legs[i - 1].arrived_at.is_some();
            LegView {
                leg_id: l.leg_id.0.clone(),
                position: l.position,
                from: l.from_place.clone(),
                to: l.to_place.clone(),
                transit: l.transit_org.as_ref().map(&org_name).unwrap_or_default(),
                carrier: l.carrier.clone(),
                departs: when(l.departs_at),
                arrives: l.arrives_at.map(when).unwrap_or_default(),
                departs_input: input_time(l.departs_at),
                arrives_input: l.arrives_at.map(input_time).unwrap_or_default(),
                escorts: l
                    .escorts
                    .iter()
                    .map(|u| logins.get(u).cloned().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(", "),
                escort_ids: l.escorts.iter().map(|u| u.0.clone()).collect(),
                clearance: match (&l.transit_org, l.clearance.as_deref()) {
                    (None, _) => "none",
                    (Some(_), Some("granted")) => "granted",
                    (Some(_), Some(_)) => "refused",
                    (Some(_), None) => "pending",
                },
                clearance_ref: l.clearance_ref.clone().unwrap_or_default(),
                clearance_conditions: l.clearance_conditions.clone().unwrap_or_default(),
                departed: l.departed_at.map(when).unwrap_or_default(),
                arrived: l.arrived_at.map(when).unwrap_or_default(),
                may_clear: actor.role == Role::TransitOfficer
                    && l.transit_org.as_ref() == Some(&actor.org)
                    && l.departed_at.is_none()
                    && !cancelled,
                may_depart: mover && !cancelled && l.departed_at.is_none() && before_arrived,
                may_arrive: mover && l.departed_at.is_some() && l.arrived_at.is_none(),
                may_assign: coordinator && !cancelled && l.departed_at.is_none(),
                may_print: access::can(
                    actor,
                    Action::Read,
                    &Resource::Manifest {
                        transit_org: l.transit_org.as_ref(),
                        escorts: &trip.escorts,
                    },
                )
                .allowed(),
            }
        })
        .collect();
    let sees_travellers = actor.role != Role::TransitOfficer;
    let travellers = if sees_travellers {
        Some(travellers(state, actor, &trip, &orgs).await?)
    } else {
        None
    };
    if let Some(t) = &travellers {
        store
            .record_access(
                actor,
                RecordKind::Child,
                t.iter().map(|t| t.child_id.clone()),
                VIA_TRIP_PAGE,
            )
            .await?;
    }
    let planning = coordinator && trip.status == TripStatus::Planned;
    let bookable = if planning {
        store
            .bookable_cases(200)
            .await?
            .into_iter()
            .map(|b| {
                let (name, latin) = data::display_name(b.details.as_ref());
                let group = if b.group.is_some() {
                    format!(" · {}", ctx.tr.t("trip-in-group"))
                } else {
                    String::new()
                };
                Choice {
                    id: b.case_id.0,
                    label: format!("{name} ({latin}){group}"),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let escort_choices = if coordinator {
        escort_choices(store).await?
    } else {
        Vec::new()
    };
    let receiver_orgs = orgs
        .iter()
        .filter(|(_, (_, k))| *k != OrgKind::Mediator)
        .map(|(id, (name, _))| Choice {
            id: id.0.clone(),
            label: name.clone(),
        })
        .collect();
    Ok(Some(TripPage {
        chrome: ctx.chrome("trips"),
        message,
        id: trip.id.0.clone(),
        name: trip.name.clone(),
        kind: trip.kind.map_or("", TripKind::as_str),
        carrier: trip.carrier.clone().unwrap_or_default(),
        status: trip.status.as_str(),
        capacity: trip.capacity,
        booked: trip.booked,
        legs,
        travellers,
        planning,
        bookable,
        escort_choices,
        receiver_orgs,
        now_input: input_time(now_secs()),
    }))
}

/// The children on the trip with their handovers, and the next handover
/// the reader may record for each.
async fn travellers(
    state: &AppState,
    actor: &Actor,
    trip: &TripRow,
    orgs: &HashMap<OrgId, (String, OrgKind)>,
) -> Result<Vec<Traveller>, StoreError> {
    let store = &state.store;
    let entries = store.manifest(&trip.id).await?;
    let handovers = store.trip_handovers(&trip.id).await?;
    let coordinator = is_coordinator(actor);
    let mut out = Vec::new();
    for e in entries {
        let (name, latin) = data::display_name(e.details.as_ref());
        let members = store.family_members(&e.child_id).await?;
        let guardian = e
            .consent_by
            .as_ref()
            .and_then(|c| members.iter().find(|m| &m.id == c));
        let guardian_name = guardian
            .and_then(|m| m.details.as_ref())
            .map_or_else(String::new, |d| full_name(&d.name));
        let mine: Vec<_> = handovers
            .iter()
            .filter(|h| h.case_id == e.case_id)
            .collect();
        let cells = trip
            .legs
            .iter()
            .map(|l| {
                let done = mine.iter().find(|h| h.leg_id == l.leg_id);
                HandoverCell {
                    position: l.position,
                    done: done.is_some(),
                    text: done.map_or_else(String::new, |h| {
                        let who = match h.receiver_kind.as_deref() {
                            Some("family_member") => guardian_name.clone(),
                            _ => {
                                let org = h
                                    .receiver_id
                                    .as_ref()
                                    .and_then(|o| orgs.get(&OrgId(o.clone())))
                                    .map_or("", |(n, _)| n.as_str());
                                match h.received_by.as_deref() {
                                    Some(n) if !n.is_empty() => format!("{n}, {org}"),
                                    _ => org.to_owned(),
                                }
                            }
                        };
                        let at = h.at.map(when).unwrap_or_default();
                        let place = h.place.clone().unwrap_or_default();
                        format!("{who} · {place} · {at}")
                    }),
                }
            })
            .collect();
        let index = mine.len();
        let next = trip.legs.get(index).filter(|l| {
            let mover =
                coordinator || (actor.role == Role::Escort && l.escorts.contains(&actor.user));
            mover && e.state == CaseState::InTransit && l.departed_at.is_some()
        });
        let next = next.map(|l| {
            let last = index + 1 == trip.legs.len();
            NextHandover {
                leg_id: l.leg_id.0.clone(),
                position: l.position,
                last,
                org_id: l
                    .transit_org
                    .as_ref()
                    .map_or_else(String::new, |o| o.0.clone()),
                org_name: l
                    .transit_org
                    .as_ref()
                    .and_then(|o| orgs.get(o))
                    .map_or_else(String::new, |(n, _)| n.clone()),
                member_id: guardian.map_or_else(String::new, |m| m.id.0.clone()),
                member_name: guardian_name.clone(),
                place: l.to_place.clone(),
            }
        });
        let medical = e.details.as_ref().map_or_else(String::new, |d| {
            d.circumstances
                .iter()
                .filter_map(|c| match c {
                    Circumstance::MedicalNeeds { note } => Some(note.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("; ")
        });
        out.push(Traveller {
            case_id: e.case_id.0.clone(),
            child_id: e.child_id.0.clone(),
            name,
            latin,
            state: e.state.as_str(),
            born: e
                .details
                .as_ref()
                .and_then(|d| d.birth_date)
                .map_or_else(String::new, |b| b.to_string()),
            medical,
            goes_to: guardian_name,
            handovers: cells,
            next,
        });
    }
    Ok(out)
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Response {
    if !sees_trips(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let message = saved(&ctx, &q);
    show_trip(&state, &ctx, &user, &id, message, StatusCode::OK).await
}

// ------------------------------------------------------------------ forms

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

// ------------------------------------------------------------------ PDF

#[derive(Clone, Copy)]
enum Document {
    Manifest,
    Receipts,
}

async fn pdf(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    (trip_id, leg_id): (String, String),
    which: Document,
) -> Response {
    let actor = &user.actor;
    let docs = match LegDocuments::load(
        &state.store,
        &viewer(actor),
        &TripId(trip_id),
        &LegId(leg_id),
        actor.role != Role::TransitOfficer,
    )
    .await
    {
        Ok(Some(d)) => d,
        Ok(None) => return ctx.not_found(),
        Err(e) => return ctx.internal("manifest", e),
    };
    let resource = Resource::Manifest {
        transit_org: docs.leg.transit_org.as_ref(),
        escorts: &docs.trip.escorts,
    };
    if !access::can(actor, Action::Read, &resource).allowed() {
        return ctx.not_found();
    }
    let via = match which {
        Document::Manifest => VIA_MANIFEST_PDF,
        Document::Receipts => VIA_RECEIPTS_PDF,
    };
    if let Err(e) = state.store.record_accesses(actor, docs.seen(), via).await {
        return ctx.internal("manifest", e);
    }
    let rendered = match which {
        Document::Manifest => docs.manifest_pdf(&ctx.tr, now_secs()),
        Document::Receipts => docs.receipts_pdf(&ctx.tr, now_secs()),
    };
    match rendered {
        Ok(bytes) => pdf_response(bytes, which),
        Err(e) => ctx.internal("manifest", e),
    }
}

fn pdf_response(bytes: Vec<u8>, which: Document) -> Response {
    let name = match which {
        Document::Manifest => "manifest.pdf",
        Document::Receipts => "handover-receipts.pdf",
    };
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

pub async fn manifest_pdf(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Path(ids): Path<(String, String)>,
) -> Response {
    pdf(&state, &ctx, &user, ids, Document::Manifest).await
}

pub async fn receipts_pdf(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Path(ids): Path<(String, String)>,
) -> Response {
    pdf(&state, &ctx, &user, ids, Document::Receipts).await
}
