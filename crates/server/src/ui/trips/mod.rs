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
use crate::documents::{LegDocuments, VIA_MANIFEST_PDF, VIA_RECEIPTS_PDF};
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

mod forms;
mod page;
mod pdf;

pub use forms::{arrive, assign_escorts, book, cancel, clearance, depart, handover, reschedule};
pub use page::page;
pub use pdf::{manifest_pdf, receipts_pdf};

/// How the trip page appears in the access log (it names the children).
pub const VIA_TRIP_PAGE: &str = "page /trips/{id}";

/// Legs the planning form offers at first; "add a leg" offers one more,
/// up to [`MAX_FORM_LEGS`] (the API takes up to 20).
const FORM_LEGS: usize = 3;
const MAX_FORM_LEGS: usize = 12;

/// How many legs the planning form shows for what was sent: at least
/// [`FORM_LEGS`], every leg filled in, and one more when asked.
fn form_leg_count(pairs: &[(String, String)]) -> usize {
    let filled = (1..=MAX_FORM_LEGS)
        .filter(|i| {
            !field(pairs, &format!("leg{i}_from")).is_empty()
                || !field(pairs, &format!("leg{i}_to")).is_empty()
        })
        .max()
        .unwrap_or(0);
    let shown = field(pairs, "legs").parse::<usize>().unwrap_or(0);
    let more = usize::from(!field(pairs, "add_leg").is_empty());
    (filled.max(shown).max(FORM_LEGS) + more).min(MAX_FORM_LEGS)
}

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
    may_add_leg: bool,
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

    fn leg_chosen(&self, i: &usize, value: &str) -> bool {
        self.chosen(&format!("leg{i}_escort"), value)
    }

    fn leg_has_own(&self, i: &usize) -> bool {
        let name = format!("leg{i}_escort");
        self.form.iter().any(|(k, _)| *k == name)
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
                    .map_or_else(String::new, |l| ctx.tr.lang.date_time(l.departs_at)),
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
        form_legs: (1..=form_leg_count(&form)).collect(),
        may_add_leg: form_leg_count(&form) < MAX_FORM_LEGS,
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
    let everywhere: Vec<UserId> = all(pairs, "escort").map(UserId::from).collect();
    let mut legs = Vec::new();
    let mut escorts = Vec::new();
    for i in 1..=MAX_FORM_LEGS {
        let get = |n: &str| field(pairs, &format!("leg{i}_{n}"));
        if get("from").is_empty() && get("to").is_empty() {
            continue;
        }
        // A leg's own escorts, where chosen, instead of the whole trip's.
        let own = format!("leg{i}_escort");
        let own: Vec<UserId> = all(pairs, &own).map(UserId::from).collect();
        escorts.push(if own.is_empty() {
            everywhere.clone()
        } else {
            own
        });
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
        escorts,
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
    // Another leg for the form, nothing planned yet.
    if !field(&pairs, "add_leg").is_empty() {
        return show_list(&state, &ctx, &user, None, pairs, StatusCode::OK).await;
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
