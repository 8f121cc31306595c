//! The transit commands, decided. Called from [`crate::decide`], with the
//! same purity: facts in, events or a refusal out.

use super::*;
use crate::case::{CaseAction, CaseState, Unmet};
use crate::command::{
    Context, Refusal, conflict, forbid, invalid, is_coordinator, need_open_case, require_state,
    trip_of,
};
use crate::event::{Event, EventBody as E, Personal};
use crate::org::{Actor, OrgKind, Role};
use crate::record::{CustodyKind, CustodyPlace};
use crate::refusal::{Record, Rule};

fn rule(r: TripRule) -> Refusal {
    Refusal::Trip(r)
}

fn leg_no(index: usize) -> u32 {
    index as u32 + 1
}

/// The trip must still be planned (not cancelled, nothing departed).
fn still_planned(trip: &TripFacts) -> Result<(), Refusal> {
    match trip.status() {
        TripStatus::Planned => Ok(()),
        TripStatus::Cancelled => Err(rule(TripRule::TripCancelled)),
        TripStatus::Underway | TripStatus::Completed => Err(rule(TripRule::TripDeparted)),
    }
}

/// A coordinator, or an escort of the leg, acts on the leg.
/// `refused` names what the step records.
fn may_act_on_leg(actor: &Actor, leg: &LegFacts, refused: Rule) -> Result<(), Refusal> {
    let escort = actor.role == Role::Escort && leg.escorts.contains(&actor.user);
    if is_coordinator(actor) || escort {
        return Ok(());
    }
    Err(forbid(refused))
}

fn find_leg<'a>(trip: &'a TripFacts, leg: &LegId) -> Result<(usize, &'a LegFacts), Refusal> {
    trip.leg(leg).ok_or(Refusal::NotFound(Record::Leg))
}

/// Every named escort exists and has the escort role.
fn check_escorts<'a>(
    ctx: &Context,
    escorts: impl Iterator<Item = &'a UserId>,
) -> Result<(), Refusal> {
    for e in escorts {
        match ctx.escort_roles.iter().find(|(u, _)| u == e) {
            Some((_, Role::Escort)) => {}
            Some(_) => return Err(rule(TripRule::NotEscort)),
            None => return Err(Refusal::NotFound(Record::User)),
        }
    }
    Ok(())
}

pub(crate) fn plan_trip(
    actor: &Actor,
    ctx: &Context,
    trip_id: TripId,
    kind: TripKind,
    capacity: u32,
    plan: TripPlan,
    escorts: Vec<Vec<UserId>>,
) -> Result<Vec<Event>, Refusal> {
    if !is_coordinator(actor) {
        return Err(forbid(Rule::OnlyCoordinatorPlansTrips));
    }
    if ctx.already_exists {
        return Err(conflict(Rule::TripExists));
    }
    if capacity == 0 {
        return Err(invalid(Rule::TripCapacity));
    }
    check_plan(&plan).map_err(rule)?;
    if escorts.len() != plan.legs.len() {
        return Err(rule(TripRule::EscortsPerLeg));
    }
    for (i, leg) in plan.legs.iter().enumerate() {
        if let Some(t) = &leg.transit_org
            && !ctx
                .transit_orgs
                .iter()
                .any(|o| &o.org_id == t && o.kind == OrgKind::Transit)
        {
            return Err(rule(TripRule::NotTransitState { leg: leg_no(i) }));
        }
        if plan.legs[..i].iter().any(|l| l.leg_id == leg.leg_id) {
            return Err(invalid(Rule::LegIdsRepeated));
        }
    }
    check_escorts(ctx, escorts.iter().flatten())?;
    let legs = plan.legs.iter().map(|l| l.leg_id.clone()).collect();
    let all = union(escorts.iter().map(Vec::as_slice));
    Ok(vec![Event::with_personal(
        E::TripPlanned {
            trip_id,
            kind,
            capacity,
            legs,
            leg_escorts: escorts,
            escorts: all,
        },
        Personal::TripPlan(plan),
    )])
}

pub(crate) fn reschedule(
    actor: &Actor,
    ctx: &Context,
    trip_id: TripId,
    plan: TripPlan,
) -> Result<Vec<Event>, Refusal> {
    if !is_coordinator(actor) {
        return Err(forbid(Rule::OnlyCoordinatorReschedulesTrips));
    }
    let trip = trip_of(ctx)?;
    match trip.status() {
        TripStatus::Cancelled => return Err(rule(TripRule::TripCancelled)),
        TripStatus::Completed => return Err(rule(TripRule::TripDeparted)),
        _ => {}
    }
    check_plan(&plan).map_err(rule)?;
    let same_legs = plan.legs.len() == trip.legs.len()
        && plan
            .legs
            .iter()
            .zip(&trip.legs)
            .all(|(p, l)| p.leg_id == l.leg_id && p.transit_org == l.transit_org);
    if !same_legs {
        return Err(rule(TripRule::LegsChanged));
    }
    let mut changed = Vec::new();
    for (i, (p, l)) in plan.legs.iter().zip(&trip.legs).enumerate() {
        let moved = p.departs_at != l.departs_at
            || p.arrives_at != l.arrives_at
            || p.from_place != l.from_place
            || p.to_place != l.to_place;
        if moved && l.departed {
            return Err(rule(TripRule::LegDeparted { leg: leg_no(i) }));
        }
        if moved {
            changed.push(l.leg_id.clone());
        }
    }
    Ok(vec![Event::with_personal(
        E::TripRescheduled {
            trip_id,
            changed_legs: changed,
        },
        Personal::TripPlan(plan),
    )])
}

pub(crate) fn assign_escorts(
    actor: &Actor,
    ctx: &Context,
    trip_id: TripId,
    leg_id: LegId,
    escorts: Vec<UserId>,
) -> Result<Vec<Event>, Refusal> {
    if !is_coordinator(actor) {
        return Err(forbid(Rule::OnlyCoordinatorAssignsEscorts));
    }
    let trip = trip_of(ctx)?;
    if trip.cancelled {
        return Err(rule(TripRule::TripCancelled));
    }
    let (index, leg) = find_leg(trip, &leg_id)?;
    if leg.departed {
        return Err(rule(TripRule::LegDeparted { leg: leg_no(index) }));
    }
    if escorts
        .iter()
        .enumerate()
        .any(|(i, e)| escorts[..i].contains(e))
    {
        return Err(invalid(Rule::EscortNamedTwice));
    }
    check_escorts(ctx, escorts.iter())?;
    let needed = trip.escorts_needed(&ctx.rules, index, &[]);
    if (escorts.len() as u32) < needed {
        return Err(rule(TripRule::EscortRatio {
            leg: leg_no(index),
            escorts: escorts.len() as u32,
            needed,
        }));
    }
    let trip_escorts = union(trip.legs.iter().enumerate().map(|(i, l)| {
        if i == index {
            escorts.as_slice()
        } else {
            l.escorts.as_slice()
        }
    }));
    Ok(vec![Event::public(E::EscortsAssigned {
        trip_id,
        leg_id,
        escorts,
        trip_escorts,
    })])
}

pub(crate) fn cancel(
    actor: &Actor,
    ctx: &Context,
    trip_id: TripId,
    reason: String,
) -> Result<Vec<Event>, Refusal> {
    if !is_coordinator(actor) {
        return Err(forbid(Rule::OnlyCoordinatorCancelsTrips));
    }
    let trip = trip_of(ctx)?;
    still_planned(trip)?;
    if reason.trim().is_empty() {
        return Err(rule(TripRule::NoCancelReason));
    }
    let mut events = vec![Event::with_personal(
        E::TripCancelled { trip_id },
        Personal::Note { text: reason },
    )];
    for b in &trip.booked {
        if b.state == CaseState::TransitPlanned {
            events.push(Event::public(E::CaseTransitioned {
                case_id: b.case_id.clone(),
                action: CaseAction::CancelTransit,
                from: b.state,
                to: CaseState::Approved,
            }));
        }
    }
    Ok(events)
}

/// Books a case, and every other case of its group, on a trip: all of them
/// or none.
pub(crate) fn book(
    actor: &Actor,
    ctx: &Context,
    case_id: CaseId,
    trip_id: TripId,
) -> Result<Vec<Event>, Refusal> {
    if !is_coordinator(actor) {
        return Err(forbid(Rule::OnlyCoordinatorBooks));
    }
    let (facts, _, _) = need_open_case(ctx)?;
    let trip = trip_of(ctx)?;
    still_planned(trip)?;
    if facts.trip.is_some() {
        return Err(rule(TripRule::AlreadyBooked));
    }
    require_state(facts, CaseState::Approved, Unmet::BookingNeedsApproved)?;
    if ctx
        .group_cases
        .iter()
        .any(|(_, f)| f.state != CaseState::Approved || f.trip.is_some())
    {
        return Err(rule(TripRule::GroupSplit));
    }
    let needed = 1 + ctx.group_cases.len() as u32;
    let free = trip.capacity.saturating_sub(trip.booked.len() as u32);
    if needed > free {
        return Err(rule(TripRule::OverCapacity { free, needed }));
    }
    for (i, leg) in trip.legs.iter().enumerate() {
        let needed = trip.escorts_needed(&ctx.rules, i, &ctx.travellers);
        if (leg.escorts.len() as u32) < needed {
            return Err(rule(TripRule::EscortRatio {
                leg: leg_no(i),
                escorts: leg.escorts.len() as u32,
                needed,
            }));
        }
    }
    let mut events = Vec::new();
    let cases = std::iter::once(&case_id).chain(ctx.group_cases.iter().map(|(c, _)| c));
    for case in cases {
        events.push(Event::public(E::CaseBookedOnTrip {
            case_id: case.clone(),
            trip_id: trip_id.clone(),
        }));
        events.push(Event::public(E::CaseTransitioned {
            case_id: case.clone(),
            action: CaseAction::PlanTransit,
            from: CaseState::Approved,
            to: CaseState::TransitPlanned,
        }));
    }
    Ok(events)
}

pub(crate) fn clearance(
    actor: &Actor,
    ctx: &Context,
    trip_id: TripId,
    leg_id: LegId,
    granted: bool,
    details: ClearanceDetails,
) -> Result<Vec<Event>, Refusal> {
    let trip = trip_of(ctx)?;
    let (index, leg) = find_leg(trip, &leg_id)?;
    let Some(transit) = &leg.transit_org else {
        return Err(rule(TripRule::NoTransitState { leg: leg_no(index) }));
    };
    if actor.role != Role::TransitOfficer || &actor.org != transit {
        return Err(rule(TripRule::NotLegTransitState { leg: leg_no(index) }));
    }
    if trip.cancelled {
        return Err(rule(TripRule::TripCancelled));
    }
    if leg.departed {
        return Err(rule(TripRule::LegDeparted { leg: leg_no(index) }));
    }
    if details.reference.trim().is_empty() {
        return Err(rule(TripRule::NoReference));
    }
    Ok(vec![Event::with_personal(
        E::ClearanceRecorded {
            trip_id,
            leg_id,
            org_id: actor.org.clone(),
            granted,
        },
        Personal::Clearance(details),
    )])
}

/// The departure of a leg: the first moves every booked case into transit;
/// each moves every child's custody to the escorts.
pub(crate) fn depart(
    actor: &Actor,
    ctx: &Context,
    trip_id: TripId,
    leg_id: LegId,
    at: i64,
) -> Result<Vec<Event>, Refusal> {
    let trip = trip_of(ctx)?;
    let (index, leg) = find_leg(trip, &leg_id)?;
    may_act_on_leg(actor, leg, Rule::OnlyLegEscortsDepart)?;
    let n = leg_no(index);
    if trip.cancelled {
        return Err(rule(TripRule::TripCancelled));
    }
    if leg.departed {
        return Err(rule(TripRule::AlreadyDeparted { leg: n }));
    }
    if index > 0 && !trip.legs[index - 1].arrived {
        return Err(rule(TripRule::BeforeNotArrived {
            leg: n,
            before: n - 1,
        }));
    }
    match (&leg.transit_org, leg.clearance) {
        (None, _) | (Some(_), Some(true)) => {}
        (Some(_), None) => return Err(rule(TripRule::NoClearance { leg: n })),
        (Some(_), Some(false)) => return Err(rule(TripRule::ClearanceRefused { leg: n })),
    }
    if trip.booked.is_empty() {
        return Err(rule(TripRule::NobodyBooked));
    }
    let expected = if index == 0 {
        CaseState::TransitPlanned
    } else {
        CaseState::InTransit
    };
    for b in &trip.booked {
        if b.state != expected {
            return Err(rule(TripRule::CaseNotReady { state: b.state }));
        }
        if b.handovers < index as u32 {
            return Err(rule(TripRule::HandoverMissing { leg: n - 1 }));
        }
    }
    let needed = trip.escorts_needed(&ctx.rules, index, &[]);
    if (leg.escorts.len() as u32) < needed {
        return Err(rule(TripRule::EscortRatio {
            leg: n,
            escorts: leg.escorts.len() as u32,
            needed,
        }));
    }
    let mut events = vec![Event::with_personal(
        E::LegDeparted {
            trip_id,
            leg_id: leg_id.clone(),
        },
        Personal::Time { at },
    )];
    for b in &trip.booked {
        if index == 0 {
            events.push(Event::public(E::CaseTransitioned {
                case_id: b.case_id.clone(),
                action: CaseAction::Depart,
                from: b.state,
                to: CaseState::InTransit,
            }));
        }
        events.push(Event::with_personal(
            E::CustodyRecorded {
                child_id: b.child_id.clone(),
                custody_no: b.custody_records + 1,
                kind: CustodyKind::Escort,
                since: iso_date(at),
            },
            Personal::Custody(CustodyPlace {
                place_name: leg.from_place.clone(),
                address: String::new(),
            }),
        ));
    }
    Ok(events)
}

pub(crate) fn arrive(
    actor: &Actor,
    ctx: &Context,
    trip_id: TripId,
    leg_id: LegId,
    at: i64,
) -> Result<Vec<Event>, Refusal> {
    let trip = trip_of(ctx)?;
    let (index, leg) = find_leg(trip, &leg_id)?;
    may_act_on_leg(actor, leg, Rule::OnlyLegEscortsArrive)?;
    if !leg.departed {
        return Err(rule(TripRule::NotDeparted { leg: leg_no(index) }));
    }
    if leg.arrived {
        return Err(rule(TripRule::AlreadyArrived { leg: leg_no(index) }));
    }
    Ok(vec![Event::with_personal(
        E::LegArrived { trip_id, leg_id },
        Personal::Time { at },
    )])
}

/// A child handed over at the end of a leg: to an official of the leg's
/// transit state on the way, to the consenting parent or guardian at the
/// end. Custody follows; the last handover ends the transit.
pub(crate) fn handover(
    actor: &Actor,
    ctx: &Context,
    trip_id: TripId,
    leg_id: LegId,
    case_id: CaseId,
    to: Receiver,
    details: HandoverDetails,
) -> Result<Vec<Event>, Refusal> {
    let (facts, child_id, _) = need_open_case(ctx)?;
    let trip = trip_of(ctx)?;
    let (index, leg) = find_leg(trip, &leg_id)?;
    may_act_on_leg(actor, leg, Rule::OnlyLegEscortsHandOver)?;
    let n = leg_no(index);
    let booked = trip
        .booked
        .iter()
        .find(|b| b.case_id == case_id)
        .ok_or(rule(TripRule::NotOnTrip))?;
    if !leg.departed {
        return Err(rule(TripRule::NotDeparted { leg: n }));
    }
    require_state(facts, CaseState::InTransit, Unmet::HandoverNeedsTransit)?;
    if booked.handovers > index as u32 {
        return Err(rule(TripRule::HandoverTwice { leg: n }));
    }
    if booked.handovers < index as u32 {
        return Err(rule(TripRule::HandoverSkipped {
            leg: n,
            expected: booked.handovers + 1,
        }));
    }
    if details.place.trim().is_empty() {
        return Err(rule(TripRule::HandoverDetails));
    }
    let last = index + 1 == trip.legs.len();
    let custody = match (&to, last) {
        (Receiver::FamilyMember { member_id }, true) => {
            // Any person whose consent is in force and who may decide:
            // parental responsibility, or named by a court order.
            let on_record = ctx
                .member
                .as_ref()
                .is_some_and(|(child, _)| child == child_id && facts.may_decide(member_id));
            if !on_record {
                return Err(rule(TripRule::ReceiverNotConsenting));
            }
            CustodyKind::Family
        }
        (_, true) => return Err(rule(TripRule::ReceiverNotFamily)),
        (Receiver::Official { org_id }, false) => {
            let org = ctx
                .org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            let fits = match &leg.transit_org {
                Some(t) => t == org_id,
                None => org.kind != OrgKind::Mediator,
            };
            if !fits {
                return Err(rule(TripRule::ReceiverNotOfficial));
            }
            if details.received_by.trim().is_empty() {
                return Err(rule(TripRule::HandoverDetails));
            }
            CustodyKind::TransitState
        }
        (Receiver::FamilyMember { .. }, false) => {
            return Err(rule(TripRule::ReceiverNotOfficial));
        }
    };
    let since = iso_date(details.at);
    let place = CustodyPlace {
        place_name: details.place.clone(),
        address: String::new(),
    };
    let mut events = vec![
        Event::with_personal(
            E::HandoverRecorded {
                trip_id,
                leg_id,
                case_id: case_id.clone(),
                to,
                handed_over_by: actor.user.clone(),
            },
            Personal::Handover(details),
        ),
        Event::with_personal(
            E::CustodyRecorded {
                child_id: child_id.clone(),
                custody_no: booked.custody_records + 1,
                kind: custody,
                since,
            },
            Personal::Custody(place),
        ),
    ];
    if last {
        events.push(Event::public(E::CaseTransitioned {
            case_id,
            action: CaseAction::HandOver,
            from: CaseState::InTransit,
            to: CaseState::HandedOver,
        }));
    }
    Ok(events)
}
