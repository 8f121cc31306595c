//! The case state machine: one case per child being brought home.
//!
//! ```text
//! identified → verified → family_located → consent_recorded → submitted →
//! approved → transit_planned → in_transit → handed_over → reunited → closed
//! ```
//! plus `on_hold`, `disputed` and `withdrawn`, reachable from any open state
//! with a reason, and `resume`, which returns a held or disputed case to the
//! state it left.
//!
//! A transition is checked in a fixed order — the actor's role, then the case's
//! state, then the action's preconditions — and a refusal names the first rule
//! that failed, so a caseworker knows what to do next.

use crate::casework::{BestInterestsOutcome, ChildViews, Consent};
use crate::ids::{FamilyMemberId, GroupId, OrgId, TripId, UserId};
use crate::org::{Actor, OrgKind, Role, Side};
use crate::record::Relationship;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    Identified,
    Verified,
    FamilyLocated,
    ConsentRecorded,
    Submitted,
    Approved,
    TransitPlanned,
    InTransit,
    HandedOver,
    Reunited,
    Closed,
    OnHold,
    Disputed,
    Withdrawn,
}

impl CaseState {
    pub const ALL: [CaseState; 14] = [
        CaseState::Identified,
        CaseState::Verified,
        CaseState::FamilyLocated,
        CaseState::ConsentRecorded,
        CaseState::Submitted,
        CaseState::Approved,
        CaseState::TransitPlanned,
        CaseState::InTransit,
        CaseState::HandedOver,
        CaseState::Reunited,
        CaseState::Closed,
        CaseState::OnHold,
        CaseState::Disputed,
        CaseState::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::Identified => "identified",
            CaseState::Verified => "verified",
            CaseState::FamilyLocated => "family_located",
            CaseState::ConsentRecorded => "consent_recorded",
            CaseState::Submitted => "submitted",
            CaseState::Approved => "approved",
            CaseState::TransitPlanned => "transit_planned",
            CaseState::InTransit => "in_transit",
            CaseState::HandedOver => "handed_over",
            CaseState::Reunited => "reunited",
            CaseState::Closed => "closed",
            CaseState::OnHold => "on_hold",
            CaseState::Disputed => "disputed",
            CaseState::Withdrawn => "withdrawn",
        }
    }

    /// Closed and withdrawn cases are final; every other state is open.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseState::Closed | CaseState::Withdrawn)
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CaseState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CaseState::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("'{s}' is not a case state"))
    }
}

/// What a user asks to do with a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseAction {
    Verify,
    LocateFamily,
    RecordConsent,
    Submit,
    Approve,
    PlanTransit,
    Depart,
    HandOver,
    Reunite,
    Close,
    Hold,
    Dispute,
    Withdraw,
    Resume,
    /// Takes a booked case off its trip before departure (→ `approved`).
    CancelTransit,
    /// Reopens a closed case with a reason (a placement broke down, a new
    /// danger): it returns to `reunited` and its follow-up goes on.
    Reopen,
}

impl CaseAction {
    pub const ALL: [CaseAction; 16] = [
        CaseAction::Verify,
        CaseAction::LocateFamily,
        CaseAction::RecordConsent,
        CaseAction::Submit,
        CaseAction::Approve,
        CaseAction::PlanTransit,
        CaseAction::Depart,
        CaseAction::HandOver,
        CaseAction::Reunite,
        CaseAction::Close,
        CaseAction::Hold,
        CaseAction::Dispute,
        CaseAction::Withdraw,
        CaseAction::Resume,
        CaseAction::CancelTransit,
        CaseAction::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseAction::Verify => "verify",
            CaseAction::LocateFamily => "locate_family",
            CaseAction::RecordConsent => "record_consent",
            CaseAction::Submit => "submit",
            CaseAction::Approve => "approve",
            CaseAction::PlanTransit => "plan_transit",
            CaseAction::Depart => "depart",
            CaseAction::HandOver => "hand_over",
            CaseAction::Reunite => "reunite",
            CaseAction::Close => "close",
            CaseAction::Hold => "hold",
            CaseAction::Dispute => "dispute",
            CaseAction::Withdraw => "withdraw",
            CaseAction::Resume => "resume",
            CaseAction::CancelTransit => "cancel_transit",
            CaseAction::Reopen => "reopen",
        }
    }

    /// Side steps must say why; the reason is kept as personal data.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            CaseAction::Hold
                | CaseAction::Dispute
                | CaseAction::Withdraw
                | CaseAction::Resume
                | CaseAction::Reopen
        )
    }

    /// The roles that may take this action at all. Party officers may only
    /// dispute cases that concern their side; escorts only act on their trip.
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            CaseAction::Verify
            | CaseAction::LocateFamily
            | CaseAction::RecordConsent
            | CaseAction::Reunite
            | CaseAction::Hold => &[Coordinator, Caseworker],
            CaseAction::Submit
            | CaseAction::Approve
            | CaseAction::PlanTransit
            | CaseAction::Close
            | CaseAction::Withdraw
            | CaseAction::Resume
            | CaseAction::CancelTransit
            | CaseAction::Reopen => &[Coordinator],
            CaseAction::Depart | CaseAction::HandOver => &[Coordinator, Escort],
            CaseAction::Dispute => &[Coordinator, PartyOfficer],
        }
    }

    /// The state this action starts from and the state it leads to, for the
    /// main line. Side steps (hold, dispute, withdraw, resume) are handled in
    /// [`target`].
    fn main_line(self) -> Option<(CaseState, CaseState)> {
        use CaseState::*;
        Some(match self {
            CaseAction::Verify => (Identified, Verified),
            CaseAction::LocateFamily => (Verified, FamilyLocated),
            CaseAction::RecordConsent => (FamilyLocated, ConsentRecorded),
            CaseAction::Submit => (ConsentRecorded, Submitted),
            CaseAction::Approve => (Submitted, Approved),
            CaseAction::PlanTransit => (Approved, TransitPlanned),
            CaseAction::Depart => (TransitPlanned, InTransit),
            CaseAction::HandOver => (InTransit, HandedOver),
            CaseAction::Reunite => (HandedOver, Reunited),
            CaseAction::Close => (Reunited, Closed),
            CaseAction::CancelTransit => (TransitPlanned, Approved),
            CaseAction::Reopen => (Closed, Reunited),
            _ => return None,
        })
    }
}

impl fmt::Display for CaseAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CaseAction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CaseAction::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("'{s}' is not a case action"))
    }
}

/// A party's answer to a case submitted to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Object,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Object => "object",
        }
    }
}

/// The trip a case is booked on, as far as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TripFacts {
    pub trip_id: TripId,
    pub legs: u32,
    pub escorts: Vec<UserId>,
}

/// Everything the transition rules look at, loaded by the store in the same
/// transaction as the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub state: CaseState,
    /// Where `resume` goes: the states left by hold or dispute, last on top.
    pub resume_to: Vec<CaseState>,
    /// Identity documents of the child plus identity evidence on the case.
    pub identity_evidence: u32,
    pub family_members: Vec<(FamilyMemberId, Relationship)>,
    /// The consents in force, oldest first: any number of people with
    /// parental responsibility, or named by a court order.
    pub consents: Vec<Consent>,
    pub party_a: OrgId,
    pub party_b: OrgId,
    /// Other agencies of either side the mediator added to the case; each
    /// decides for itself.
    pub others: Vec<OrgId>,
    /// The side of each organisation concerned, where known.
    pub sides: Vec<(OrgId, Side)>,
    pub decisions: Vec<(OrgId, Decision)>,
    pub trip: Option<TripFacts>,
    pub handovers: u32,
    /// The child was handed over, at the end of the last leg, to a family
    /// member or guardian.
    pub handed_to_family: bool,
    pub follow_ups: u32,
    /// The follow-up visits the schedule asks for before the case closes
    /// ([`crate::TransitRules::follow_up_months`]).
    pub follow_ups_due: u32,
    /// The outcome of the latest best-interests assessment.
    pub best_interests: Option<BestInterestsOutcome>,
    /// The latest record of the child's own views.
    pub child_views: Option<ChildViews>,
    /// Best-interests assessments and records of views on the case, for
    /// numbering the next one.
    pub assessments: u32,
    /// The group the case is submitted, approved and booked with.
    pub group: Option<GroupId>,
}

impl CaseFacts {
    /// Whether `member` may decide the child's return by a consent in
    /// force: named by a court order, or a relative with parental
    /// responsibility.
    pub fn may_decide(&self, member: &FamilyMemberId) -> bool {
        self.consents.iter().any(|c| {
            &c.member == member
                && crate::casework::consent_decides(c.basis, member, &self.family_members)
        })
    }

    /// One consent in force is enough to go on; otherwise what is wrong
    /// with the consents there are (or that there are none).
    pub fn consent_check(&self) -> Result<(), Unmet> {
        if self.consents.iter().any(|c| self.may_decide(&c.member)) {
            return Ok(());
        }
        let stranger = self
            .consents
            .iter()
            .any(|c| !self.family_members.iter().any(|(m, _)| m == &c.member));
        match (self.consents.is_empty(), stranger) {
            (true, _) => Err(Unmet::NoConsent),
            (false, true) => Err(Unmet::ConsentByStranger),
            (false, false) => Err(Unmet::ConsentByNonGuardian),
        }
    }

    /// The consent `member` gave, if it is in force.
    pub fn consent_of(&self, member: &FamilyMemberId) -> Option<&Consent> {
        self.consents.iter().find(|c| &c.member == member)
    }

    /// A fresh case with nothing recorded yet.
    pub fn new(party_a: OrgId, party_b: OrgId) -> CaseFacts {
        CaseFacts {
            state: CaseState::Identified,
            resume_to: Vec::new(),
            identity_evidence: 0,
            family_members: Vec::new(),
            consents: Vec::new(),
            party_a,
            party_b,
            others: Vec::new(),
            sides: Vec::new(),
            decisions: Vec::new(),
            trip: None,
            handovers: 0,
            handed_to_family: false,
            follow_ups: 0,
            follow_ups_due: 1,
            best_interests: None,
            child_views: None,
            assessments: 0,
            group: None,
        }
    }

    pub fn decision_of(&self, org: &OrgId) -> Option<Decision> {
        self.decisions
            .iter()
            .rev()
            .find(|(o, _)| o == org)
            .map(|(_, d)| *d)
    }

    pub fn concerns(&self, org: &OrgId) -> bool {
        &self.party_a == org || &self.party_b == org || self.others.contains(org)
    }

    /// Every organisation concerned: the two parties, then the others.
    pub fn concerned(&self) -> impl Iterator<Item = &OrgId> {
        [&self.party_a, &self.party_b]
            .into_iter()
            .chain(self.others.iter())
    }

    pub fn side_of(&self, org: &OrgId) -> Option<Side> {
        self.sides.iter().find(|(o, _)| o == org).map(|(_, s)| *s)
    }

    /// The case is approved when, on each side, one organisation concerned
    /// has approved, and no organisation concerned has an objection as its
    /// latest decision. An organisation whose side is not known stands for
    /// a side of its own.
    pub fn approved_by_each_side(&self) -> bool {
        if self
            .concerned()
            .any(|o| self.decision_of(o) == Some(Decision::Object))
        {
            return false;
        }
        [&self.party_a, &self.party_b].into_iter().all(|party| {
            let side = self.side_of(party);
            self.concerned()
                .filter(|o| *o == party || (side.is_some() && self.side_of(o) == side))
                .any(|o| self.decision_of(o) == Some(Decision::Approve))
        })
    }
}

/// Why a transition was refused. Messages name the rule, never personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a user with the role {role} may not {action} a case")]
    RoleNotAllowed { action: CaseAction, role: Role },
    #[error("only the escorts of the case's trip may {action} it")]
    NotEscortOfTrip { action: CaseAction },
    #[error("a party may only dispute cases submitted to it")]
    PartyNotConcerned,
    #[error("a case in state {state} cannot {action}{}", expected_hint(*.action))]
    WrongState {
        action: CaseAction,
        state: CaseState,
    },
    #[error("{action} needs a reason")]
    ReasonRequired { action: CaseAction },
    #[error("precondition failed: {0}")]
    Precondition(Unmet),
}

impl TransitionError {
    /// The rule's message id (`rule-…`); its arguments are [`Self::action`],
    /// [`Self::state`], [`Self::role`] and [`Self::party`].
    pub fn id(&self) -> &'static str {
        match self {
            TransitionError::RoleNotAllowed { .. } => "rule-role-not-allowed",
            TransitionError::NotEscortOfTrip { .. } => "rule-not-escort-of-trip",
            TransitionError::PartyNotConcerned => "rule-party-not-concerned",
            TransitionError::WrongState { .. } => "rule-wrong-state",
            TransitionError::ReasonRequired { .. } => "rule-reason-required",
            TransitionError::Precondition(u) => u.id(),
        }
    }

    pub fn action(&self) -> Option<CaseAction> {
        match self {
            TransitionError::RoleNotAllowed { action, .. }
            | TransitionError::NotEscortOfTrip { action }
            | TransitionError::WrongState { action, .. }
            | TransitionError::ReasonRequired { action } => Some(*action),
            _ => None,
        }
    }

    pub fn state(&self) -> Option<CaseState> {
        match self {
            TransitionError::WrongState { state, .. } => Some(*state),
            TransitionError::Precondition(u) => u.state(),
            _ => None,
        }
    }

    pub fn role(&self) -> Option<Role> {
        match self {
            TransitionError::RoleNotAllowed { role, .. } => Some(*role),
            _ => None,
        }
    }

    pub fn party(&self) -> Option<&'static str> {
        match self {
            TransitionError::Precondition(u) => u.party(),
            _ => None,
        }
    }
}

fn expected_hint(action: CaseAction) -> String {
    match action.main_line() {
        Some((from, _)) => format!(" (it must be {from})"),
        None => String::new(),
    }
}

/// Checks whether `actor` may take `action` on a case with these `facts`, and
/// if so returns the state the case moves to.
pub fn target(
    facts: &CaseFacts,
    actor: &Actor,
    action: CaseAction,
    reason: Option<&str>,
) -> Result<CaseState, TransitionError> {
    // Roles first: someone who may never take the action learns nothing more.
    if !action.roles().contains(&actor.role) || !actor.role.allowed_in(actor.org_kind) {
        return Err(TransitionError::RoleNotAllowed {
            action,
            role: actor.role,
        });
    }
    if actor.role == Role::PartyOfficer
        && (actor.org_kind != OrgKind::Party || !facts.concerns(&actor.org))
    {
        return Err(TransitionError::PartyNotConcerned);
    }
    if actor.role == Role::Escort {
        let on_trip = facts
            .trip
            .as_ref()
            .is_some_and(|t| t.escorts.contains(&actor.user));
        if !on_trip {
            return Err(TransitionError::NotEscortOfTrip { action });
        }
    }

    let state = facts.state;
    let wrong_state = || TransitionError::WrongState { action, state };
    let to = match action {
        CaseAction::Hold => {
            if !state.is_open() || state == CaseState::OnHold {
                return Err(wrong_state());
            }
            CaseState::OnHold
        }
        CaseAction::Dispute => {
            if !state.is_open() || state == CaseState::Disputed {
                return Err(wrong_state());
            }
            CaseState::Disputed
        }
        CaseAction::Withdraw => {
            if !state.is_open() {
                return Err(wrong_state());
            }
            CaseState::Withdrawn
        }
        CaseAction::Resume => {
            if !matches!(state, CaseState::OnHold | CaseState::Disputed) {
                return Err(wrong_state());
            }
            let to = *facts
                .resume_to
                .last()
                .ok_or(TransitionError::Precondition(Unmet::NothingToResume))?;
            // Its trip was cancelled while the case was held: it goes back
            // to `approved`, to be booked on another trip, never to a
            // `transit_planned` without a trip.
            let to = if to == CaseState::TransitPlanned && facts.trip.is_none() {
                CaseState::Approved
            } else {
                to
            };
            // A case past consent goes on only with consent on record (it
            // may have been withdrawn while the case was held).
            let past_consent = matches!(
                to,
                CaseState::ConsentRecorded
                    | CaseState::Submitted
                    | CaseState::Approved
                    | CaseState::TransitPlanned
            );
            if past_consent {
                facts
                    .consent_check()
                    .map_err(TransitionError::Precondition)?;
            }
            to
        }
        _ => {
            let (from, to) = action.main_line().expect("main-line action");
            if state != from {
                return Err(wrong_state());
            }
            to
        }
    };

    if action.needs_reason() && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(TransitionError::ReasonRequired { action });
    }
    check_preconditions(facts, action, reason)?;
    Ok(to)
}

fn check_preconditions(
    facts: &CaseFacts,
    action: CaseAction,
    reason: Option<&str>,
) -> Result<(), TransitionError> {
    use Unmet as U;
    let fail = |u: Unmet| Err(TransitionError::Precondition(u));
    match action {
        CaseAction::Verify if facts.identity_evidence == 0 => fail(U::NoIdentity),
        CaseAction::LocateFamily if facts.family_members.is_empty() => fail(U::NoFamily),
        CaseAction::RecordConsent => facts.consent_check().map_err(TransitionError::Precondition),
        CaseAction::Submit if facts.party_a == facts.party_b => fail(U::SameParties),
        CaseAction::Submit => match (facts.best_interests, facts.child_views) {
            (None, _) => fail(U::NoBestInterests),
            (Some(o), _) if o != BestInterestsOutcome::Return => fail(U::BestInterestsAgainst),
            (_, None) => fail(U::NoChildViews),
            _ => Ok(()),
        },
        CaseAction::Approve => {
            for (label, party) in [("A", &facts.party_a), ("B", &facts.party_b)] {
                match facts.decision_of(party) {
                    Some(Decision::Approve) => {}
                    Some(Decision::Object) => return fail(U::PartyObjected(label)),
                    None => return fail(U::PartyNotApproved(label)),
                }
            }
            Ok(())
        }
        // The trip takes these steps: booking, the first departure and the
        // last handover (see `crate::transit`).
        CaseAction::PlanTransit | CaseAction::Depart | CaseAction::HandOver => fail(U::TripStep),
        CaseAction::Reunite if !facts.handed_to_family => fail(U::NoFinalHandover),
        CaseAction::Close
            if facts.follow_ups < facts.follow_ups_due
                && reason.is_none_or(|r| r.trim().is_empty()) =>
        {
            fail(U::FollowUpsIncomplete)
        }
        _ => Ok(()),
    }
}

/// A precondition that does not hold. Each has a message id (`rule-…`, in
/// the web UI's catalogues) and says in English what is missing; neither
/// quotes personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmet {
    NoIdentity,
    NoFamily,
    NoConsent,
    ConsentByStranger,
    ConsentByNonGuardian,
    SameParties,
    NoBestInterests,
    BestInterestsAgainst,
    NoChildViews,
    /// Party `A` or `B`.
    PartyObjected(&'static str),
    PartyNotApproved(&'static str),
    /// Booking, departure and handover are taken on the trip.
    TripStep,
    NoFinalHandover,
    FollowUpsIncomplete,
    NothingToResume,
    /// Another case of the case's group is not ready for the same step.
    GroupNotReady,
    /// A step on a case that must be in another state; the state it is in.
    DecisionNeedsSubmitted(CaseState),
    BookingNeedsApproved(CaseState),
    HandoverNeedsTransit(CaseState),
    FollowUpNeedsReunion(CaseState),
}

impl Unmet {
    pub fn id(self) -> &'static str {
        use Unmet as U;
        match self {
            U::NoIdentity => "rule-no-identity",
            U::NoFamily => "rule-no-family",
            U::NoConsent => "rule-no-consent",
            U::ConsentByStranger => "rule-consent-by-stranger",
            U::ConsentByNonGuardian => "rule-consent-by-non-guardian",
            U::SameParties => "rule-same-parties",
            U::NoBestInterests => "rule-no-best-interests",
            U::BestInterestsAgainst => "rule-best-interests-against",
            U::NoChildViews => "rule-no-child-views",
            U::PartyObjected(_) => "rule-party-objected",
            U::PartyNotApproved(_) => "rule-party-not-approved",
            U::TripStep => "rule-trip-step",
            U::NoFinalHandover => "rule-no-final-handover",
            U::FollowUpsIncomplete => "rule-follow-ups-incomplete",
            U::NothingToResume => "rule-nothing-to-resume",
            U::GroupNotReady => "rule-group-not-ready",
            U::DecisionNeedsSubmitted(_) => "rule-decision-needs-submitted",
            U::BookingNeedsApproved(_) => "rule-booking-needs-approved",
            U::HandoverNeedsTransit(_) => "rule-handover-needs-transit",
            U::FollowUpNeedsReunion(_) => "rule-follow-up-needs-reunion",
        }
    }

    /// The state the case is in, for the rules that name it.
    pub fn state(self) -> Option<CaseState> {
        match self {
            Unmet::DecisionNeedsSubmitted(s)
            | Unmet::BookingNeedsApproved(s)
            | Unmet::HandoverNeedsTransit(s)
            | Unmet::FollowUpNeedsReunion(s) => Some(s),
            _ => None,
        }
    }

    /// The party (`A` or `B`), for the rules that name one.
    pub fn party(self) -> Option<&'static str> {
        match self {
            Unmet::PartyObjected(p) | Unmet::PartyNotApproved(p) => Some(p),
            _ => None,
        }
    }
}

impl fmt::Display for Unmet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Unmet as U;
        match self {
            U::NoIdentity => f.write_str(
                "verifying a child's identity needs at least one identity document or identity evidence on the case",
            ),
            U::NoFamily => f.write_str(
                "locating the family needs at least one family member or guardian on record",
            ),
            U::NoConsent => f.write_str("no consent has been recorded from a parent or guardian"),
            U::ConsentByStranger => f.write_str(
                "the consent was given by someone who is not on the child's family record",
            ),
            U::ConsentByNonGuardian => f.write_str(
                "the consent was given by a relative who cannot consent (a parent, grandparent or legal guardian must)",
            ),
            U::SameParties => {
                f.write_str("a case must concern two different parties before it is submitted")
            }
            U::NoBestInterests => f.write_str(
                "a best-interests assessment must be recorded before the case is submitted",
            ),
            U::BestInterestsAgainst => f.write_str(
                "the latest best-interests assessment does not find the return in the child's best interests",
            ),
            U::NoChildViews => f.write_str(
                "the child's own views must be recorded (or a coordinator must record why they could not be obtained) before the case is submitted",
            ),
            U::PartyObjected(p) => write!(f, "party {p} has objected to this case"),
            U::PartyNotApproved(p) => write!(f, "party {p} has not approved this case yet"),
            U::TripStep => f.write_str(
                "this step is taken on the trip: booking plans the transit, the first leg's departure starts it and the handover at the end of the last leg ends it",
            ),
            U::NoFinalHandover => f.write_str(
                "reunion needs the handover at the end of the journey to a family member or guardian",
            ),
            U::FollowUpsIncomplete => f.write_str(
                "the follow-up schedule is not complete; a coordinator may close the case with the reason",
            ),
            U::NothingToResume => f.write_str("the case has no state to resume to"),
            U::GroupNotReady => f.write_str(
                "the cases of a group are submitted together, and another case of this group is not ready",
            ),
            U::DecisionNeedsSubmitted(s) => write!(
                f,
                "a party decides on a case once it is submitted; this case is {s}"
            ),
            U::BookingNeedsApproved(s) => write!(
                f,
                "a case is booked on a trip once both parties approved it; this case is {s}"
            ),
            U::HandoverNeedsTransit(s) => write!(
                f,
                "handovers are recorded while the child is in transit; this case is {s}"
            ),
            U::FollowUpNeedsReunion(s) => write!(
                f,
                "a follow-up is recorded after the reunion; this case is {s}"
            ),
        }
    }
}

/// The case after a transition has been applied.
pub fn apply(facts: &mut CaseFacts, action: CaseAction, to: CaseState) {
    match action {
        CaseAction::Hold | CaseAction::Dispute => facts.resume_to.push(facts.state),
        CaseAction::Resume => {
            facts.resume_to.pop();
        }
        _ => {}
    }
    facts.state = to;
}
