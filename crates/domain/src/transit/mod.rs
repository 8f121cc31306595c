//! Bringing children home: trips, their legs through transit states, the
//! escorts, the clearances, departures and arrivals, and the handovers that
//! move each child's custody, point by point, from where it was to its
//! family.
//!
//! The case follows the trip: booking plans the transit (`approved` →
//! `transit_planned`), the departure of the first leg starts it (→
//! `in_transit`), and the handover at the end of the last leg, to a family
//! member whose consent is on record, ends it (→ `handed_over`). Those steps
//! are taken here, never as bare case transitions, so a case cannot reach
//! `handed_over` while legs of its journey remain.
//!
//! Where and when a trip goes (names, places, carriers, times, transit
//! states) is in the personal part of its events ([`TripPlan`]); the public
//! body says only that a trip was planned, its kind, capacity, legs and
//! escorts.

mod decide;

pub(crate) use decide::*;

use crate::case::CaseState;
use crate::ids::*;
use crate::record::BirthDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a trip travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TripKind {
    CharterFlight,
    ScheduledFlight,
    RoadConvoy,
}

impl TripKind {
    pub const ALL: [TripKind; 3] = [
        TripKind::CharterFlight,
        TripKind::ScheduledFlight,
        TripKind::RoadConvoy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TripKind::CharterFlight => "charter_flight",
            TripKind::ScheduledFlight => "scheduled_flight",
            TripKind::RoadConvoy => "road_convoy",
        }
    }
}

/// Where a trip is in its life, derived from its legs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TripStatus {
    /// No leg has departed: bookings, escorts and times may still change.
    Planned,
    /// A leg has departed and the last has not arrived.
    Underway,
    /// The last leg has arrived.
    Completed,
    Cancelled,
}

impl TripStatus {
    pub const ALL: [TripStatus; 4] = [
        TripStatus::Planned,
        TripStatus::Underway,
        TripStatus::Completed,
        TripStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TripStatus::Planned => "planned",
            TripStatus::Underway => "underway",
            TripStatus::Completed => "completed",
            TripStatus::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for TripStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where and when a trip goes: the personal (erasable) part of its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TripPlan {
    pub name: String,
    /// The airline or transport company.
    pub carrier: String,
    pub legs: Vec<LegPlan>,
}

/// One leg: from a place, through at most one transit state's territory, to
/// the next place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegPlan {
    pub leg_id: LegId,
    pub from_place: String,
    pub to_place: String,
    /// The transit state whose territory the leg touches, if any.
    pub transit_org: Option<OrgId>,
    /// A flight number or convoy name.
    #[serde(default)]
    pub carrier: String,
    /// Seconds since the Unix epoch (UTC).
    pub departs_at: i64,
    pub arrives_at: i64,
}

/// A transit state's answer for one leg; the personal part holds its
/// reference number and conditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ClearanceDetails {
    pub reference: String,
    #[serde(default)]
    pub conditions: String,
}

/// Who received a child at a handover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Receiver {
    /// An official of the receiving organisation (the leg's transit state,
    /// or another organisation at a point without one).
    Official { org_id: OrgId },
    /// At the end of the journey: a family member or guardian on the
    /// child's record.
    FamilyMember { member_id: FamilyMemberId },
}

/// The personal part of a handover: names, where and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct HandoverDetails {
    /// The receiving official's name (a family member is named by the
    /// record).
    #[serde(default)]
    pub received_by: String,
    pub place: String,
    /// Seconds since the Unix epoch (UTC).
    pub at: i64,
}

/// The escort ratio and the follow-up schedule, set per deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitRules {
    /// Children one escort may accompany.
    pub children_per_escort: u32,
    /// Young children one escort may accompany (stricter).
    pub young_children_per_escort: u32,
    /// A child younger than this (in years, at the leg's departure) is
    /// young; a child whose age is unknown counts as young.
    pub young_under_years: u8,
    /// Follow-up visits after reunion, in months; a case closes when all
    /// are recorded or a coordinator says why not.
    pub follow_up_months: Vec<u32>,
}

impl Default for TransitRules {
    fn default() -> TransitRules {
        TransitRules {
            children_per_escort: 4,
            young_children_per_escort: 2,
            young_under_years: 6,
            follow_up_months: vec![1, 3, 6],
        }
    }
}

impl TransitRules {
    /// Escorts a leg needs for `children` of whom `young` are young.
    pub fn escorts_needed(&self, children: u32, young: u32) -> u32 {
        let per = |n: u32, k: u32| if k == 0 { n } else { n.div_ceil(k) };
        per(children, self.children_per_escort).max(per(young, self.young_children_per_escort))
    }

    /// Whether a child born on `birth` is young on the day `at`.
    pub fn is_young(&self, birth: Option<&BirthDate>, at: i64) -> bool {
        match birth.and_then(|b| age_in_years(b, at)) {
            Some(age) => age < i64::from(self.young_under_years),
            None => true,
        }
    }
}

impl TransitRules {
    /// The follow-up visits of a child reunited on the day `reunited_at`
    /// (seconds since the epoch): for each visit, its month after the
    /// reunion and the date it falls due. A month without that day ends the
    /// visit on its last day (reunited on 31 January, the one-month visit is
    /// due on 28 or 29 February).
    pub fn follow_up_schedule(&self, reunited_at: i64) -> Vec<(u32, (i32, u8, u8))> {
        let (y, m, d) = civil_date(reunited_at);
        self.follow_up_months
            .iter()
            .map(|&months| (months, add_months((y, m, d), months)))
            .collect()
    }
}

/// `date` moved on by `months` calendar months, the day kept where the month
/// has it and otherwise the month's last day.
pub fn add_months((y, m, d): (i32, u8, u8), months: u32) -> (i32, u8, u8) {
    let index = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(months);
    let year = index.div_euclid(12) as i32;
    let month = (index.rem_euclid(12) + 1) as u8;
    (year, month, d.min(days_in_month(year, month)))
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Whole years from `birth` to the day `at` (seconds since the epoch), as far
/// as the birth date says: a year alone counts from its first of July.
pub fn age_in_years(birth: &BirthDate, at: i64) -> Option<i64> {
    let (y, m, d) = civil_date(at);
    let (by, bm, bd) = match *birth {
        BirthDate::Day { year, month, day } => (year, month, day),
        BirthDate::Month { year, month } => (year, month, 15),
        BirthDate::Year { year } => (year, 7, 1),
        BirthDate::EstimatedAge { .. } => (birth.year(), 7, 1),
    };
    let mut age = i64::from(y) - i64::from(by);
    if (m, d) < (bm, bd) {
        age -= 1;
    }
    (age >= 0).then_some(age)
}

/// The UTC calendar date of `at` (seconds since the epoch).
pub fn civil_date(at: i64) -> (i32, u8, u8) {
    // Howard Hinnant's days-to-civil algorithm.
    let z = at.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// `YYYY-MM-DD` of `at`, as custody records keep it.
pub fn iso_date(at: i64) -> String {
    let (y, m, d) = civil_date(at);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A leg as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegFacts {
    pub leg_id: LegId,
    pub transit_org: Option<OrgId>,
    pub escorts: Vec<UserId>,
    pub from_place: String,
    pub to_place: String,
    pub departs_at: i64,
    pub arrives_at: i64,
    /// The transit state's latest answer: granted or refused.
    pub clearance: Option<bool>,
    pub departed: bool,
    pub arrived: bool,
}

/// An open case booked on a trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booked {
    pub case_id: CaseId,
    pub child_id: ChildId,
    pub state: CaseState,
    /// Handovers recorded for the child on this trip, one per leg in order.
    pub handovers: u32,
    pub custody_records: u32,
    pub birth_date: Option<BirthDate>,
}

/// A trip as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TripFacts {
    pub trip_id: TripId,
    pub capacity: u32,
    pub cancelled: bool,
    pub legs: Vec<LegFacts>,
    pub booked: Vec<Booked>,
}

impl TripFacts {
    pub fn status(&self) -> TripStatus {
        if self.cancelled {
            TripStatus::Cancelled
        } else if self.legs.last().is_some_and(|l| l.arrived) {
            TripStatus::Completed
        } else if self.legs.iter().any(|l| l.departed) {
            TripStatus::Underway
        } else {
            TripStatus::Planned
        }
    }

    /// Every escort of any leg, each once, in the order first named.
    pub fn escorts(&self) -> Vec<UserId> {
        union(self.legs.iter().map(|l| l.escorts.as_slice()))
    }

    pub fn leg(&self, leg: &LegId) -> Option<(usize, &LegFacts)> {
        self.legs.iter().enumerate().find(|(_, l)| &l.leg_id == leg)
    }

    /// Escorts leg number `index` needs for the children booked and
    /// `adding` (their birth dates).
    pub fn escorts_needed(
        &self,
        rules: &TransitRules,
        index: usize,
        adding: &[Option<BirthDate>],
    ) -> u32 {
        let Some(leg) = self.legs.get(index) else {
            return 0;
        };
        let births = self
            .booked
            .iter()
            .map(|b| b.birth_date.as_ref())
            .chain(adding.iter().map(Option::as_ref));
        let (mut children, mut young) = (0, 0);
        for b in births {
            children += 1;
            young += u32::from(rules.is_young(b, leg.departs_at));
        }
        rules.escorts_needed(children, young)
    }
}

/// Each id once, in the order first seen.
pub fn union<'a>(lists: impl Iterator<Item = &'a [UserId]>) -> Vec<UserId> {
    let mut out: Vec<UserId> = Vec::new();
    for list in lists {
        for u in list {
            if !out.contains(u) {
                out.push(u.clone());
            }
        }
    }
    out
}

/// Checks a plan's legs: places, times in order, each leg departing after
/// the one before arrives. Leg numbers in refusals count from 1.
pub fn check_plan(plan: &TripPlan) -> Result<(), TripRule> {
    if plan.name.trim().is_empty() {
        return Err(TripRule::NoName);
    }
    if plan.legs.is_empty() {
        return Err(TripRule::NoLegs);
    }
    for (i, leg) in plan.legs.iter().enumerate() {
        let n = i as u32 + 1;
        if leg.from_place.trim().is_empty() || leg.to_place.trim().is_empty() {
            return Err(TripRule::LegPlaces { leg: n });
        }
        if leg.arrives_at <= leg.departs_at {
            return Err(TripRule::LegTimes { leg: n });
        }
        if i > 0 && leg.departs_at < plan.legs[i - 1].arrives_at {
            return Err(TripRule::LegOrder { leg: n });
        }
    }
    Ok(())
}

/// A rule of transit that a command broke. Each has a message id
/// (`trip-rule-…`, in the web UI's catalogues) with its numbers and state as
/// arguments, and says in English what is wrong; none quotes personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TripRule {
    #[error("a trip needs a name")]
    NoName,
    #[error("a trip needs at least one leg")]
    NoLegs,
    #[error("leg {leg} needs a place of departure and of arrival")]
    LegPlaces { leg: u32 },
    #[error("leg {leg} must arrive after it departs")]
    LegTimes { leg: u32 },
    #[error("leg {leg} departs before the leg before it arrives")]
    LegOrder { leg: u32 },
    #[error("leg {leg} names an organisation that is not a transit state")]
    NotTransitState { leg: u32 },
    #[error("every escort must be a user with the escort role")]
    NotEscort,
    #[error(
        "a rescheduled trip keeps its legs and their transit states; cancel it and plan another"
    )]
    LegsChanged,
    #[error("the trip was cancelled")]
    TripCancelled,
    #[error("the trip has departed; its plan, bookings and escorts no longer change")]
    TripDeparted,
    #[error("leg {leg} has departed; it no longer changes")]
    LegDeparted { leg: u32 },
    #[error("the case is already booked on a trip")]
    AlreadyBooked,
    #[error("the trip has {free} free places and the booking needs {needed}")]
    OverCapacity { free: u32, needed: u32 },
    #[error(
        "leg {leg} needs {needed} escorts for the children booked (the escort ratio), and has {escorts}"
    )]
    EscortRatio { leg: u32, escorts: u32, needed: u32 },
    #[error(
        "the cases of a group travel together: every case of the group must be approved and free to book"
    )]
    GroupSplit,
    #[error("only an officer of leg {leg}'s transit state records its clearance")]
    NotLegTransitState { leg: u32 },
    #[error("leg {leg} does not pass through a transit state; it needs no clearance")]
    NoTransitState { leg: u32 },
    #[error("leg {leg} has no clearance from its transit state yet")]
    NoClearance { leg: u32 },
    #[error("the transit state refused clearance for leg {leg}")]
    ClearanceRefused { leg: u32 },
    #[error("leg {leg} departs only after leg {before} has arrived")]
    BeforeNotArrived { leg: u32, before: u32 },
    #[error("leg {leg} has not departed")]
    NotDeparted { leg: u32 },
    #[error("leg {leg} has already departed")]
    AlreadyDeparted { leg: u32 },
    #[error("a child's handover at the end of leg {leg} is not recorded yet")]
    HandoverMissing { leg: u32 },
    #[error("a clearance names the transit state's reference number")]
    NoReference,
    #[error("cancelling a trip needs a reason")]
    NoCancelReason,
    #[error("escorts are named for each leg of the trip")]
    EscortsPerLeg,
    #[error("leg {leg} has already arrived")]
    AlreadyArrived { leg: u32 },
    #[error("no child is booked on the trip")]
    NobodyBooked,
    #[error("a case booked on the trip is {state}; resume it or cancel its booking first")]
    CaseNotReady { state: CaseState },
    #[error("the child is not booked on this trip")]
    NotOnTrip,
    #[error("the handover on leg {expected} must be recorded before the one on leg {leg}")]
    HandoverSkipped { leg: u32, expected: u32 },
    #[error("the child's handover on leg {leg} is already recorded")]
    HandoverTwice { leg: u32 },
    #[error("a handover before the last leg is to an official of the leg's transit state")]
    ReceiverNotOfficial,
    #[error("at the end of the journey the child is handed over to a family member or guardian")]
    ReceiverNotFamily,
    #[error(
        "the child is handed over only to a family member with parental responsibility whose consent is on record"
    )]
    ReceiverNotConsenting,
    #[error("a handover names the receiving official and the place")]
    HandoverDetails,
}

impl TripRule {
    pub fn id(self) -> &'static str {
        use TripRule as R;
        match self {
            R::NoName => "trip-rule-no-name",
            R::NoLegs => "trip-rule-no-legs",
            R::LegPlaces { .. } => "trip-rule-leg-places",
            R::LegTimes { .. } => "trip-rule-leg-times",
            R::LegOrder { .. } => "trip-rule-leg-order",
            R::NotTransitState { .. } => "trip-rule-not-transit-state",
            R::NotEscort => "trip-rule-not-escort",
            R::LegsChanged => "trip-rule-legs-changed",
            R::TripCancelled => "trip-rule-cancelled",
            R::TripDeparted => "trip-rule-departed",
            R::LegDeparted { .. } => "trip-rule-leg-departed",
            R::AlreadyBooked => "trip-rule-already-booked",
            R::OverCapacity { .. } => "trip-rule-over-capacity",
            R::EscortRatio { .. } => "trip-rule-escort-ratio",
            R::GroupSplit => "trip-rule-group-split",
            R::NotLegTransitState { .. } => "trip-rule-not-leg-transit-state",
            R::NoTransitState { .. } => "trip-rule-no-transit-state",
            R::NoClearance { .. } => "trip-rule-no-clearance",
            R::ClearanceRefused { .. } => "trip-rule-clearance-refused",
            R::BeforeNotArrived { .. } => "trip-rule-before-not-arrived",
            R::NotDeparted { .. } => "trip-rule-not-departed",
            R::AlreadyDeparted { .. } => "trip-rule-already-departed",
            R::HandoverMissing { .. } => "trip-rule-handover-missing",
            R::NoReference => "trip-rule-no-reference",
            R::NoCancelReason => "trip-rule-no-cancel-reason",
            R::EscortsPerLeg => "trip-rule-escorts-per-leg",
            R::AlreadyArrived { .. } => "trip-rule-already-arrived",
            R::NobodyBooked => "trip-rule-nobody-booked",
            R::CaseNotReady { .. } => "trip-rule-case-not-ready",
            R::NotOnTrip => "trip-rule-not-on-trip",
            R::HandoverSkipped { .. } => "trip-rule-handover-skipped",
            R::HandoverTwice { .. } => "trip-rule-handover-twice",
            R::ReceiverNotOfficial => "trip-rule-receiver-not-official",
            R::ReceiverNotFamily => "trip-rule-receiver-not-family",
            R::ReceiverNotConsenting => "trip-rule-receiver-not-consenting",
            R::HandoverDetails => "trip-rule-handover-details",
        }
    }

    /// The numbers the message names, by argument name.
    pub fn numbers(self) -> Vec<(&'static str, u32)> {
        use TripRule as R;
        match self {
            R::LegPlaces { leg }
            | R::LegTimes { leg }
            | R::LegOrder { leg }
            | R::NotTransitState { leg }
            | R::LegDeparted { leg }
            | R::NotLegTransitState { leg }
            | R::NoTransitState { leg }
            | R::NoClearance { leg }
            | R::ClearanceRefused { leg }
            | R::NotDeparted { leg }
            | R::AlreadyDeparted { leg }
            | R::HandoverMissing { leg }
            | R::AlreadyArrived { leg }
            | R::HandoverTwice { leg } => vec![("leg", leg)],
            R::OverCapacity { free, needed } => vec![("free", free), ("needed", needed)],
            R::EscortRatio {
                leg,
                escorts,
                needed,
            } => vec![("leg", leg), ("escorts", escorts), ("needed", needed)],
            R::BeforeNotArrived { leg, before } => vec![("leg", leg), ("before", before)],
            R::HandoverSkipped { leg, expected } => vec![("leg", leg), ("expected", expected)],
            _ => Vec::new(),
        }
    }

    /// The case state the message names.
    pub fn state(self) -> Option<CaseState> {
        match self {
            TripRule::CaseNotReady { state } => Some(state),
            _ => None,
        }
    }

    /// Rules about what was asked (bad input) rather than about the state
    /// of the trip.
    pub fn is_invalid_input(self) -> bool {
        use TripRule as R;
        matches!(
            self,
            R::NoName
                | R::NoLegs
                | R::LegPlaces { .. }
                | R::LegTimes { .. }
                | R::LegOrder { .. }
                | R::NotTransitState { .. }
                | R::NotEscort
                | R::LegsChanged
                | R::HandoverDetails
                | R::NoReference
                | R::NoCancelReason
                | R::EscortsPerLeg
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_ups_fall_due_month_by_month_on_the_same_day_or_the_months_last() {
        let rules = TransitRules::default();
        // 2026-01-31 12:00 UTC
        let at = 1_769_860_800;
        assert_eq!(civil_date(at), (2026, 1, 31));
        assert_eq!(
            rules.follow_up_schedule(at),
            vec![(1, (2026, 2, 28)), (3, (2026, 4, 30)), (6, (2026, 7, 31))]
        );
        assert_eq!(add_months((2027, 11, 30), 3), (2028, 2, 29));
        assert_eq!(add_months((2026, 12, 15), 1), (2027, 1, 15));
        assert_eq!(add_months((2026, 5, 5), 0), (2026, 5, 5));
    }

    #[test]
    fn civil_dates_round_the_calendar() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_790_000_000), "2026-09-21");
        assert_eq!(iso_date(-86_400), "1969-12-31");
    }

    #[test]
    fn ages_count_whole_years_to_the_day() {
        let at = 1_790_000_000; // 2026-09-21
        let day = |y, m, d| BirthDate::Day {
            year: y,
            month: m,
            day: d,
        };
        assert_eq!(age_in_years(&day(2020, 9, 21), at), Some(6));
        assert_eq!(age_in_years(&day(2020, 9, 22), at), Some(5));
        assert_eq!(age_in_years(&BirthDate::Year { year: 2020 }, at), Some(6));
        assert_eq!(age_in_years(&day(2030, 1, 1), at), None);
        let rules = TransitRules::default();
        assert!(rules.is_young(Some(&day(2020, 9, 22)), at));
        assert!(!rules.is_young(Some(&day(2020, 9, 21)), at));
        assert!(rules.is_young(None, at), "an unknown age counts as young");
    }

    #[test]
    fn escorts_needed_takes_the_stricter_ratio() {
        let rules = TransitRules::default(); // 4 per escort, 2 young per escort
        assert_eq!(rules.escorts_needed(0, 0), 0);
        assert_eq!(rules.escorts_needed(4, 0), 1);
        assert_eq!(rules.escorts_needed(5, 0), 2);
        assert_eq!(rules.escorts_needed(4, 3), 2);
        assert_eq!(rules.escorts_needed(8, 5), 3);
    }

    #[test]
    fn a_plan_needs_ordered_legs() {
        let leg = |d, a| LegPlan {
            leg_id: LegId("l".into()),
            from_place: "A".into(),
            to_place: "B".into(),
            transit_org: None,
            carrier: String::new(),
            departs_at: d,
            arrives_at: a,
        };
        let plan = |legs| TripPlan {
            name: "T".into(),
            carrier: "C".into(),
            legs,
        };
        assert_eq!(check_plan(&plan(vec![leg(10, 20), leg(25, 30)])), Ok(()));
        assert_eq!(
            check_plan(&plan(vec![leg(10, 20), leg(15, 30)])),
            Err(TripRule::LegOrder { leg: 2 })
        );
        assert_eq!(
            check_plan(&plan(vec![leg(10, 10)])),
            Err(TripRule::LegTimes { leg: 1 })
        );
        assert_eq!(check_plan(&plan(vec![])), Err(TripRule::NoLegs));
    }
}
