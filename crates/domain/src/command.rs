//! Commands and the one function that decides them.
//!
//! [`decide`] is pure: the store loads the [`Context`] a command needs inside
//! its write transaction, calls `decide`, and appends what comes back. A
//! refusal changes nothing.

use crate::case::{self, CaseAction, CaseFacts, CaseState, Decision, TransitionError, Unmet};
use crate::casework::{
    self, BestInterestsOutcome, ConsentBasis, ConsentDetails, ConsentHow, DisputeKind,
    EvidenceMethod, GroupKind, HeardHow, TracingOutcome,
};
use crate::event::{ErasureReason, Event, EventBody, EvidenceKind, Personal};
use crate::ids::*;
use crate::import::{
    self, ImportCounts, ImportedList, ListedRecords, MAX_EXTERNAL_ID, MAX_LIST_NAME,
};
use crate::matching::{self, MatchDecision, MatchFacts, ProposedMatch};
use crate::org::{Actor, OrgKind, Role, Side};
use crate::record::*;
pub use crate::refusal::Refusal;
use crate::refusal::{Record, Rule};
use crate::transit::{
    self, ClearanceDetails, HandoverDetails, Receiver, TransitRules, TripFacts, TripKind, TripPlan,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    RegisterOrganisation {
        org_id: OrgId,
        name: String,
        kind: OrgKind,
        side: Option<Side>,
    },
    RegisterUser {
        user_id: UserId,
        login: String,
        org_id: OrgId,
        role: Role,
        password_hash: String,
    },
    SetPassword {
        user_id: UserId,
        password_hash: String,
    },
    /// Cuts a user off: they can no longer sign in, and every session and
    /// token they hold ends at once.
    DisableUser {
        user_id: UserId,
    },
    EnableUser {
        user_id: UserId,
    },
    /// Gives a user another role, one that fits their organisation; it
    /// applies from their next request.
    ChangeRole {
        user_id: UserId,
        role: Role,
    },
    /// A user's own choice of language for the interface, kept across
    /// devices.
    ChooseLanguage {
        user_id: UserId,
        lang: String,
    },
    RegisterChild {
        child_id: ChildId,
        org_id: OrgId,
        list_name: String,
        import_id: Option<ImportId>,
        details: ChildDetails,
    },
    AmendChild {
        child_id: ChildId,
        details: ChildDetails,
    },
    RecordCustody {
        child_id: ChildId,
        kind: CustodyKind,
        since: String,
        place: CustodyPlace,
    },
    AddFamilyMember {
        member_id: FamilyMemberId,
        child_id: ChildId,
        relationship: Relationship,
        details: FamilyMemberDetails,
    },
    FileTracingRequest {
        request_id: TracingRequestId,
        org_id: OrgId,
        details: TracingDetails,
    },
    LinkTracingRequest {
        request_id: TracingRequestId,
        child_id: ChildId,
    },
    OpenCase {
        case_id: CaseId,
        child_id: ChildId,
        party_a: OrgId,
        party_b: OrgId,
    },
    AddEvidence {
        case_id: CaseId,
        kind: EvidenceKind,
        /// How it was verified; who and when are the entry's actor and time.
        method: Option<EvidenceMethod>,
        description: String,
    },
    /// Ends a tracing request with its outcome (the filing party's officer,
    /// or mediator staff). "Found" needs the request linked to the child.
    CloseTracingRequest {
        request_id: TracingRequestId,
        outcome: TracingOutcome,
    },
    /// Groups cases (siblings, or children who must travel together): they
    /// are submitted together and approved together.
    GroupCases {
        group_id: GroupId,
        kind: GroupKind,
        cases: Vec<CaseId>,
    },
    /// Adds another agency of either side to a case (an ombudsperson, a
    /// ministry); it sees the case and decides on it for itself.
    AddCaseParty {
        case_id: CaseId,
        org_id: OrgId,
    },
    /// The consent on record is taken back: the case goes on hold with the
    /// reason, and resuming it past consent needs consent again.
    WithdrawConsent {
        case_id: CaseId,
        member_id: FamilyMemberId,
        reason: String,
    },
    /// A best-interests assessment of the child's return, with its reasons.
    RecordBestInterests {
        case_id: CaseId,
        outcome: BestInterestsOutcome,
        reasons: String,
    },
    /// The child's own views in the child's words, with the child's age
    /// and how they were heard; or why they could not be obtained.
    RecordChildViews {
        case_id: CaseId,
        how: HeardHow,
        age_years: u8,
        views: String,
    },
    /// A consent to the child's return: by a person with parental
    /// responsibility, or by the person a court order names. A case may
    /// hold several, each withdrawn on its own.
    RecordConsent {
        case_id: CaseId,
        member_id: FamilyMemberId,
        basis: ConsentBasis,
        details: ConsentDetails,
    },
    TransitionCase {
        case_id: CaseId,
        action: CaseAction,
        reason: Option<String>,
    },
    /// A party's approval or objection. An objection opens a dispute of
    /// its kind; the approval that completes both parties' approves the case.
    RecordPartyDecision {
        case_id: CaseId,
        decision: Decision,
        dispute: Option<DisputeKind>,
        note: String,
    },
    /// Plans a trip; `escorts` are each leg's, in the order of the plan's
    /// legs.
    PlanTrip {
        trip_id: TripId,
        kind: TripKind,
        capacity: u32,
        plan: TripPlan,
        escorts: Vec<Vec<UserId>>,
    },
    /// New times or places for the legs of a trip (same legs, same transit
    /// states); legs that departed cannot change.
    RescheduleTrip {
        trip_id: TripId,
        plan: TripPlan,
    },
    AssignEscorts {
        trip_id: TripId,
        leg_id: LegId,
        escorts: Vec<UserId>,
    },
    /// Cancels a trip before it departs; its cases return to `approved`.
    CancelTrip {
        trip_id: TripId,
        reason: String,
    },
    /// Books an approved case, with the rest of its group, on a trip.
    BookOnTrip {
        case_id: CaseId,
        trip_id: TripId,
    },
    /// A transit state's clearance for a leg through its territory.
    RecordClearance {
        trip_id: TripId,
        leg_id: LegId,
        granted: bool,
        details: ClearanceDetails,
    },
    DepartLeg {
        trip_id: TripId,
        leg_id: LegId,
        /// When it departed, seconds since the Unix epoch.
        at: i64,
    },
    ArriveLeg {
        trip_id: TripId,
        leg_id: LegId,
        at: i64,
    },
    RecordHandover {
        trip_id: TripId,
        leg_id: LegId,
        case_id: CaseId,
        to: Receiver,
        details: HandoverDetails,
    },
    RecordFollowUp {
        case_id: CaseId,
        note: String,
    },
    ErasePersonalData {
        child_id: ChildId,
        reason: ErasureReason,
    },
    EraseTracingRequest {
        request_id: TracingRequestId,
        reason: ErasureReason,
    },
    /// Registers (or replaces) the key a party's witness cosigns checkpoints
    /// with: a note verifier key of type `cosignature/v1`,
    /// `<name>+<key id>+<base64>`.
    RegisterWitnessKey {
        org_id: OrgId,
        verifier_key: String,
    },
    /// Brings in a party's whole list, all or nothing: registers the ids
    /// the party never listed, amends the records a row changes, leaves the
    /// rest (see [`crate::import`]).
    /// The linkage engine's proposals: pairs of records that may be one
    /// child. Pairs already in the queue, or whose records are gone, are
    /// left out.
    ProposeMatches {
        matches: Vec<ProposedMatch>,
    },
    /// A reviewer's decision on a match; confirming joins the records.
    DecideMatch {
        match_id: MatchId,
        decision: MatchDecision,
        reason: Option<String>,
    },
    /// Puts a decided match back in the queue, separating what it joined.
    UndoMatchDecision {
        match_id: MatchId,
        reason: Option<String>,
    },
    ImportList {
        import_id: ImportId,
        org_id: OrgId,
        list: ImportedList,
    },
}

impl Command {
    pub fn name(&self) -> &'static str {
        match self {
            Command::RegisterOrganisation { .. } => "register_organisation",
            Command::RegisterUser { .. } => "register_user",
            Command::SetPassword { .. } => "set_password",
            Command::DisableUser { .. } => "disable_user",
            Command::EnableUser { .. } => "enable_user",
            Command::ChangeRole { .. } => "change_role",
            Command::ChooseLanguage { .. } => "choose_language",
            Command::RegisterChild { .. } => "register_child",
            Command::AmendChild { .. } => "amend_child",
            Command::RecordCustody { .. } => "record_custody",
            Command::AddFamilyMember { .. } => "add_family_member",
            Command::FileTracingRequest { .. } => "file_tracing_request",
            Command::LinkTracingRequest { .. } => "link_tracing_request",
            Command::OpenCase { .. } => "open_case",
            Command::AddEvidence { .. } => "add_evidence",
            Command::RecordBestInterests { .. } => "record_best_interests",
            Command::WithdrawConsent { .. } => "withdraw_consent",
            Command::AddCaseParty { .. } => "add_case_party",
            Command::GroupCases { .. } => "group_cases",
            Command::CloseTracingRequest { .. } => "close_tracing_request",
            Command::RecordChildViews { .. } => "record_child_views",
            Command::RecordConsent { .. } => "record_consent",
            Command::TransitionCase { .. } => "transition_case",
            Command::RecordPartyDecision { .. } => "record_party_decision",
            Command::PlanTrip { .. } => "plan_trip",
            Command::RescheduleTrip { .. } => "reschedule_trip",
            Command::AssignEscorts { .. } => "assign_escorts",
            Command::CancelTrip { .. } => "cancel_trip",
            Command::RecordClearance { .. } => "record_clearance",
            Command::DepartLeg { .. } => "depart_leg",
            Command::ArriveLeg { .. } => "arrive_leg",
            Command::BookOnTrip { .. } => "book_on_trip",
            Command::RecordHandover { .. } => "record_handover",
            Command::RecordFollowUp { .. } => "record_follow_up",
            Command::ErasePersonalData { .. } => "erase_personal_data",
            Command::EraseTracingRequest { .. } => "erase_tracing_request",
            Command::RegisterWitnessKey { .. } => "register_witness_key",
            Command::ImportList { .. } => "import_list",
            Command::ProposeMatches { .. } => "propose_matches",
            Command::DecideMatch { .. } => "decide_match",
            Command::UndoMatchDecision { .. } => "undo_match_decision",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgFacts {
    pub org_id: OrgId,
    pub kind: OrgKind,
    /// A party's side of the conflict.
    pub side: Option<Side>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildFacts {
    /// The organisation that submitted the child's record.
    pub org_id: OrgId,
    pub custody_records: u32,
    pub has_open_case: bool,
    /// The child's personal data was erased.
    pub erased: bool,
}

/// What the store loaded for one command. Missing records are `None`.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The organisation a command names (a user's, a child's, a request's).
    pub org: Option<OrgFacts>,
    pub party_a: Option<OrgFacts>,
    pub party_b: Option<OrgFacts>,
    /// The id, login or name the command would create is already taken.
    pub already_exists: bool,
    pub user: Option<(UserId, OrgId)>,
    /// For disabling and enabling: whether the user is disabled now.
    pub user_disabled: bool,
    /// For a change of role: the user's role now.
    pub user_role: Option<Role>,
    pub child: Option<ChildFacts>,
    pub case: Option<(CaseFacts, ChildId, u32)>,
    /// For consent and the last handover: the family member's child and
    /// relationship.
    pub member: Option<(ChildId, Relationship)>,
    pub trip: Option<TripFacts>,
    /// For booking: the birth dates of the children who would travel (the
    /// case's and its group's), for the escort ratio.
    pub travellers: Vec<Option<BirthDate>>,
    /// The deployment's escort ratio and follow-up schedule.
    pub rules: TransitRules,
    /// For trip planning: each named escort's role.
    pub escort_roles: Vec<(UserId, Role)>,
    pub transit_orgs: Vec<OrgFacts>,
    /// For erasure: the ledger entries holding personal data about the child,
    /// and the child's cases, whose notes are erased with it.
    pub personal_seqs: Vec<u64>,
    pub child_cases: Vec<CaseId>,
    /// For erasure: the tracing requests linked to the child, whose copies
    /// of its data go with it (their entries are in `personal_seqs`).
    pub child_requests: Vec<TracingRequestId>,
    /// For a command about a case or a child: the child's personal data was
    /// erased, so the record takes no new personal data.
    pub child_erased: bool,
    /// For tracing requests: the request's organisation.
    pub request_org: Option<OrgId>,
    /// For tracing requests: the request's personal part was erased.
    pub request_erased: bool,
    /// For closing a tracing request: whether it is closed already, and
    /// whether it is linked to a child.
    pub request_closed: bool,
    pub request_linked: bool,
    /// For witness keys: the organisation that already holds this key (or
    /// a key of the same name), if any.
    pub witness_key_holder: Option<OrgId>,
    /// For a party's decision: the largest checkpoint size that party's
    /// current witness key has cosigned, if any.
    pub witnessed_size: Option<u64>,
    /// For an import of children: the records the party's earlier lists
    /// gave the list's external ids, with their details (`None`: erased).
    pub listed_children: BTreeMap<String, (ChildId, Option<ChildDetails>)>,
    /// For an import of tracing requests: the same for requests.
    pub listed_requests: BTreeMap<String, (TracingRequestId, Option<TracingDetails>)>,
    /// For proposals: whether each may enter the queue (both records exist
    /// and are not erased, and the pair is not there already).
    pub proposable: Vec<bool>,
    /// For a decision on a match, or its undoing.
    pub match_facts: Option<MatchFacts>,
    /// For a step or a decision on a grouped case: the group's other cases.
    /// For grouping: every case named, as found.
    pub group_cases: Vec<(CaseId, CaseFacts)>,
}

pub(crate) fn forbid(rule: Rule) -> Refusal {
    Refusal::Forbidden(rule)
}

pub(crate) fn invalid(rule: Rule) -> Refusal {
    Refusal::Invalid(rule)
}

pub(crate) fn conflict(rule: Rule) -> Refusal {
    Refusal::Conflict(rule)
}

fn is_mediator_staff(actor: &Actor) -> bool {
    actor.is_mediator() && matches!(actor.role, Role::Coordinator | Role::Caseworker)
}

pub(crate) fn is_coordinator(actor: &Actor) -> bool {
    actor.is_mediator() && actor.role == Role::Coordinator
}

/// Mediator staff act for anyone; a party officer only for their own party.
fn may_act_for(actor: &Actor, org: &OrgId) -> bool {
    is_mediator_staff(actor) || (actor.role == Role::PartyOfficer && &actor.org == org)
}

fn check_names(details: &ChildDetails) -> Result<(), Rule> {
    let Some(first) = details.names.first() else {
        return Err(Rule::ChildNeedsName);
    };
    if first.given_name.trim().is_empty() && first.family_name.trim().is_empty() {
        return Err(Rule::ChildNameEmpty);
    }
    Ok(())
}

/// Refuses unless the case is in `state`; `rule` names the step's rule
/// with the state the case is in.
pub(crate) fn require_state(
    facts: &CaseFacts,
    state: CaseState,
    rule: fn(CaseState) -> Unmet,
) -> Result<(), Refusal> {
    if facts.state == state {
        return Ok(());
    }
    Err(TransitionError::Precondition(rule(facts.state)).into())
}

fn need_case(ctx: &Context) -> Result<&(CaseFacts, ChildId, u32), Refusal> {
    ctx.case.as_ref().ok_or(Refusal::NotFound(Record::Case))
}

pub(crate) fn need_open_case(ctx: &Context) -> Result<&(CaseFacts, ChildId, u32), Refusal> {
    let case = need_case(ctx)?;
    if !case.0.state.is_open() {
        return Err(conflict(Rule::CaseClosed {
            state: case.0.state,
        }));
    }
    Ok(case)
}

pub(crate) fn trip_of(ctx: &Context) -> Result<&TripFacts, Refusal> {
    ctx.trip.as_ref().ok_or(Refusal::NotFound(Record::Trip))
}

/// The rule an erased record keeps ([`Rule::Erased`] in English).
pub const ERASED_RULE: &str =
    "the child's personal data was erased; an erased record takes no new personal data";

/// True for the commands that would add personal data about a child (or
/// act on it) once its record exists.
fn adds_to_child(command: &Command) -> bool {
    match command {
        Command::AmendChild { .. }
        | Command::RecordCustody { .. }
        | Command::AddFamilyMember { .. }
        | Command::LinkTracingRequest { .. }
        | Command::OpenCase { .. }
        | Command::AddEvidence { .. }
        | Command::RecordBestInterests { .. }
        | Command::RecordChildViews { .. }
        | Command::RecordConsent { .. }
        | Command::WithdrawConsent { .. }
        | Command::RecordPartyDecision { .. }
        | Command::BookOnTrip { .. }
        | Command::RecordHandover { .. }
        | Command::RecordFollowUp { .. } => true,
        // A step without a reason carries nothing personal (a case of an
        // erased child can still be withdrawn or closed).
        Command::TransitionCase { reason, .. } => {
            reason.as_deref().is_some_and(|r| !r.trim().is_empty())
        }
        _ => false,
    }
}

/// Validates `command` from `actor` against `ctx` and returns its events.
pub fn decide(actor: &Actor, command: Command, ctx: &Context) -> Result<Vec<Event>, Refusal> {
    use EventBody as E;
    if ctx.child_erased && adds_to_child(&command) {
        return Err(conflict(Rule::Erased));
    }
    let events = match command {
        Command::RegisterOrganisation {
            org_id,
            name,
            kind,
            side,
        } => {
            if actor.role != Role::Admin || !actor.is_mediator() {
                return Err(forbid(Rule::OnlyAdminRegistersOrganisations));
            }
            if name.trim().is_empty() {
                return Err(invalid(Rule::OrganisationNeedsName));
            }
            if ctx.already_exists {
                return Err(conflict(Rule::OrganisationNameTaken { name }));
            }
            if kind != OrgKind::Party && side.is_some() {
                return Err(invalid(Rule::SideOnlyForParty));
            }
            vec![Event::public(E::OrganisationRegistered {
                org_id,
                name,
                kind,
                side,
            })]
        }
        Command::RegisterUser {
            user_id,
            login,
            org_id,
            role,
            password_hash,
        } => {
            if actor.role != Role::Admin || !actor.is_mediator() {
                return Err(forbid(Rule::OnlyAdminAddsUsers));
            }
            let org = ctx
                .org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            if !role.allowed_in(org.kind) {
                return Err(invalid(Rule::RoleNotInOrgKind {
                    role,
                    kind: org.kind,
                }));
            }
            if !valid_login(&login) {
                return Err(invalid(Rule::LoginShape));
            }
            if ctx.already_exists {
                return Err(conflict(Rule::LoginTaken { login }));
            }
            vec![
                Event::public(E::UserRegistered {
                    user_id: user_id.clone(),
                    login,
                    org_id,
                    role,
                }),
                Event::with_personal(
                    E::PasswordSet { user_id },
                    Personal::PasswordHash {
                        hash: password_hash,
                    },
                ),
            ]
        }
        Command::SetPassword {
            user_id,
            password_hash,
        } => {
            let (_, _) = ctx.user.as_ref().ok_or(Refusal::NotFound(Record::User))?;
            if actor.user != user_id && !(actor.role == Role::Admin && actor.is_mediator()) {
                return Err(forbid(Rule::OnlyUserOrAdminSetsPassword));
            }
            vec![Event::with_personal(
                E::PasswordSet { user_id },
                Personal::PasswordHash {
                    hash: password_hash,
                },
            )]
        }
        Command::DisableUser { user_id } => toggle_user(actor, ctx, user_id, true)?,
        Command::EnableUser { user_id } => toggle_user(actor, ctx, user_id, false)?,
        Command::ChangeRole { user_id, role } => {
            if actor.role != Role::Admin || !actor.is_mediator() {
                return Err(forbid(Rule::OnlyAdminChangesRoles));
            }
            ctx.user.as_ref().ok_or(Refusal::NotFound(Record::User))?;
            let org = ctx
                .org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            if actor.user == user_id {
                return Err(invalid(Rule::OwnRoleUnchangeable));
            }
            if !role.allowed_in(org.kind) {
                return Err(invalid(Rule::RoleNotForUsersOrganisation { role }));
            }
            if ctx.user_role == Some(role) {
                return Err(conflict(Rule::AlreadyHasRole));
            }
            vec![Event::public(E::RoleChanged { user_id, role })]
        }
        Command::ChooseLanguage { user_id, lang } => {
            ctx.user.as_ref().ok_or(Refusal::NotFound(Record::User))?;
            if actor.user != user_id {
                return Err(forbid(Rule::OwnLanguageOnly));
            }
            if !LANGUAGES.contains(&lang.as_str()) {
                return Err(invalid(Rule::NotALanguage { lang }));
            }
            vec![Event::public(E::LanguageChosen { user_id, lang })]
        }
        Command::RegisterChild {
            child_id,
            org_id,
            list_name,
            import_id,
            details,
        } => {
            let org = ctx
                .org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            if !may_act_for(actor, &org.org_id) {
                return Err(forbid(Rule::RegisterChildrenOwnLists));
            }
            if org.kind == OrgKind::Transit {
                return Err(invalid(Rule::TransitStateNoLists));
            }
            check_names(&details).map_err(invalid)?;
            if ctx.already_exists {
                return Err(conflict(Rule::ChildAlreadyRegistered));
            }
            vec![Event::with_personal(
                E::ChildRegistered {
                    child_id,
                    org_id,
                    list_name,
                    import_id,
                    external_id: None,
                },
                Personal::Child(details),
            )]
        }
        Command::AmendChild { child_id, details } => {
            let child = ctx.child.as_ref().ok_or(Refusal::NotFound(Record::Child))?;
            if !may_act_for(actor, &child.org_id) {
                return Err(forbid(Rule::AmendChildOwnRecords));
            }
            check_names(&details).map_err(invalid)?;
            vec![Event::with_personal(
                E::ChildAmended { child_id },
                Personal::Child(details),
            )]
        }
        Command::RecordCustody {
            child_id,
            kind,
            since,
            place,
        } => {
            let child = ctx.child.as_ref().ok_or(Refusal::NotFound(Record::Child))?;
            if !may_act_for(actor, &child.org_id) {
                return Err(forbid(Rule::RecordCustodyOwnRecords));
            }
            if matches!(kind, CustodyKind::Escort | CustodyKind::TransitState) {
                return Err(invalid(Rule::CustodyOnTheWay));
            }
            if kind == CustodyKind::Embassy && !is_mediator_staff(actor) {
                return Err(forbid(Rule::EmbassyCustodyByMediator));
            }
            BirthDate::parse(&since).map_err(|e| invalid(Rule::CustodyStart(e)))?;
            vec![Event::with_personal(
                E::CustodyRecorded {
                    child_id,
                    custody_no: child.custody_records + 1,
                    kind,
                    since,
                },
                Personal::Custody(place),
            )]
        }
        Command::AddFamilyMember {
            member_id,
            child_id,
            relationship,
            details,
        } => {
            let child = ctx.child.as_ref().ok_or(Refusal::NotFound(Record::Child))?;
            if !may_act_for(actor, &child.org_id) {
                return Err(forbid(Rule::AddFamilyOwnRecords));
            }
            if details.name.given_name.trim().is_empty()
                && details.name.family_name.trim().is_empty()
            {
                return Err(invalid(Rule::FamilyMemberNeedsName));
            }
            vec![Event::with_personal(
                E::FamilyMemberAdded {
                    member_id,
                    child_id,
                    relationship,
                },
                Personal::FamilyMember(details),
            )]
        }
        Command::FileTracingRequest {
            request_id,
            org_id,
            details,
        } => {
            let org = ctx
                .org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            if !may_act_for(actor, &org.org_id) {
                return Err(forbid(Rule::FileTracingOwnFamilies));
            }
            if details.requester.given_name.trim().is_empty()
                && details.requester.family_name.trim().is_empty()
            {
                return Err(invalid(Rule::RequestNeedsAsker));
            }
            check_names(&details.child).map_err(invalid)?;
            vec![Event::with_personal(
                E::TracingRequestFiled {
                    request_id,
                    org_id,
                    external_id: None,
                    import_id: None,
                },
                Personal::Tracing(details),
            )]
        }
        Command::LinkTracingRequest {
            request_id,
            child_id,
        } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffLinksRequests));
            }
            ctx.request_org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::TracingRequest))?;
            ctx.child.as_ref().ok_or(Refusal::NotFound(Record::Child))?;
            if ctx.request_closed {
                return Err(conflict(Rule::RequestClosedNotLinked));
            }
            vec![Event::public(E::TracingRequestLinked {
                request_id,
                child_id,
            })]
        }
        Command::OpenCase {
            case_id,
            child_id,
            party_a,
            party_b,
        } => {
            if !is_coordinator(actor) {
                return Err(forbid(Rule::OnlyCoordinatorOpensCases));
            }
            let child = ctx.child.as_ref().ok_or(Refusal::NotFound(Record::Child))?;
            if child.has_open_case {
                return Err(conflict(Rule::ChildHasOpenCase));
            }
            let a = ctx
                .party_a
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            let b = ctx
                .party_b
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            if a.kind != OrgKind::Party || b.kind != OrgKind::Party {
                return Err(invalid(Rule::CaseNeedsParties));
            }
            if party_a == party_b {
                return Err(invalid(Rule::CaseSameParty));
            }
            if a.side.is_none() || a.side == b.side {
                return Err(invalid(Rule::CaseSameSide));
            }
            vec![Event::public(E::CaseOpened {
                case_id,
                child_id,
                party_a,
                party_b,
            })]
        }
        Command::AddEvidence {
            case_id,
            kind,
            method,
            description,
        } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffAddsEvidence));
            }
            let (_, _, evidence_count) = need_open_case(ctx)?;
            if description.trim().is_empty() {
                return Err(invalid(Rule::EvidenceNeedsDescription));
            }
            vec![Event::with_personal(
                E::EvidenceAdded {
                    case_id,
                    evidence_no: evidence_count + 1,
                    kind,
                    method,
                },
                Personal::Note { text: description },
            )]
        }
        Command::RecordConsent {
            case_id,
            member_id,
            basis,
            details,
        } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffRecordsConsent));
            }
            let (facts, child_id, _) = need_open_case(ctx)?;
            let (member_child, relationship) = ctx
                .member
                .as_ref()
                .ok_or(Refusal::NotFound(Record::FamilyMember))?;
            if member_child != child_id {
                return Err(invalid(Rule::MemberNotOnRecord));
            }
            if basis == ConsentBasis::ParentalResponsibility && !relationship.can_consent() {
                return Err(invalid(Rule::NoParentalResponsibility));
            }
            if facts.consent_of(&member_id).is_some() {
                return Err(conflict(Rule::ConsentOnRecord));
            }
            if basis == ConsentBasis::CourtOrder && details.court_order.trim().is_empty() {
                return Err(invalid(Rule::CourtOrderNeedsReference));
            }
            if details.how == ConsentHow::ThroughDetainingAuthority
                && details.witness.trim().is_empty()
            {
                return Err(invalid(Rule::DetainedConsentNeedsWitness));
            }
            vec![Event::with_personal(
                E::ConsentRecorded {
                    case_id,
                    member_id,
                    basis,
                },
                Personal::Consent(details),
            )]
        }
        Command::TransitionCase {
            case_id,
            action,
            reason,
        } => {
            let (facts, _, _) = need_case(ctx)?;
            let to = case::target(facts, actor, action, reason.as_deref())?;
            let body = E::CaseTransitioned {
                case_id,
                action,
                from: facts.state,
                to,
            };
            let mut events = match reason.filter(|r| !r.trim().is_empty()) {
                Some(text) => vec![Event::with_personal(body, Personal::Note { text })],
                None => vec![Event::public(body)],
            };
            // A group is submitted together, or not at all.
            if action == CaseAction::Submit {
                for (member, member_facts) in &ctx.group_cases {
                    let to = case::target(member_facts, actor, action, None)
                        .map_err(|_| TransitionError::Precondition(Unmet::GroupNotReady))?;
                    events.push(Event::public(E::CaseTransitioned {
                        case_id: member.clone(),
                        action,
                        from: member_facts.state,
                        to,
                    }));
                }
            }
            events
        }
        Command::CloseTracingRequest {
            request_id,
            outcome,
        } => {
            let org = ctx
                .request_org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::TracingRequest))?;
            if !may_act_for(actor, org) {
                return Err(forbid(Rule::CloseRequestOwnOrStaff));
            }
            if ctx.request_erased || ctx.request_closed {
                return Err(conflict(Rule::RequestAlreadyClosed));
            }
            if outcome == TracingOutcome::Found && !ctx.request_linked {
                return Err(invalid(Rule::FoundNeedsLink));
            }
            vec![Event::public(E::TracingRequestClosed {
                request_id,
                outcome,
            })]
        }
        Command::GroupCases {
            group_id,
            kind,
            cases,
        } => {
            if !is_coordinator(actor) {
                return Err(forbid(Rule::OnlyCoordinatorGroupsCases));
            }
            let distinct: HashSet<&CaseId> = cases.iter().collect();
            if distinct.len() < 2 || distinct.len() != cases.len() {
                return Err(invalid(Rule::GroupNeedsTwo));
            }
            if ctx.group_cases.len() != cases.len() {
                return Err(Refusal::NotFound(Record::Case));
            }
            for (_, facts) in &ctx.group_cases {
                if facts.group.is_some() {
                    return Err(conflict(Rule::CaseInAnotherGroup));
                }
                if !matches!(
                    facts.state,
                    CaseState::Identified
                        | CaseState::Verified
                        | CaseState::FamilyLocated
                        | CaseState::ConsentRecorded
                ) {
                    return Err(conflict(Rule::GroupBeforeSubmission));
                }
            }
            vec![Event::public(E::CasesGrouped {
                group_id,
                kind,
                cases,
            })]
        }
        Command::AddCaseParty { case_id, org_id } => {
            if !is_coordinator(actor) {
                return Err(forbid(Rule::OnlyCoordinatorAddsParty));
            }
            let (facts, _, _) = need_open_case(ctx)?;
            let org = ctx
                .org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            let Some(side) = org.side.filter(|_| org.kind == OrgKind::Party) else {
                return Err(invalid(Rule::AddedOrganisationNeedsSide));
            };
            if facts.concerns(&org_id) {
                return Err(conflict(Rule::AlreadyConcerned));
            }
            if !matches!(
                facts.state,
                CaseState::Identified
                    | CaseState::Verified
                    | CaseState::FamilyLocated
                    | CaseState::ConsentRecorded
                    | CaseState::Submitted
                    | CaseState::OnHold
                    | CaseState::Disputed
            ) {
                return Err(conflict(Rule::AddPartyBeforeApproval));
            }
            let mut others = facts.others.clone();
            others.push(org_id.clone());
            vec![Event::public(E::CasePartyAdded {
                case_id,
                org_id,
                side,
                others,
            })]
        }
        Command::WithdrawConsent {
            case_id,
            member_id,
            reason,
        } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffWithdrawsConsent));
            }
            let (facts, _, _) = need_open_case(ctx)?;
            let Some(consent) = facts.consent_of(&member_id) else {
                return Err(invalid(Rule::NoConsentInForce));
            };
            if reason.trim().is_empty() {
                return Err(invalid(Rule::WithdrawalNeedsReason));
            }
            let on_record = facts
                .consents
                .iter()
                .rev()
                .find(|c| c.member != member_id)
                .map(|c| c.member.clone());
            let mut events = vec![Event::with_personal(
                E::ConsentWithdrawn {
                    case_id: case_id.clone(),
                    member_id,
                    consent_seq: Some(consent.seq),
                    on_record,
                },
                Personal::Note {
                    text: reason.clone(),
                },
            )];
            // The hold carries the reason too, so the case's history says
            // why it stopped.
            if facts.state != CaseState::OnHold {
                events.push(Event::with_personal(
                    E::CaseTransitioned {
                        case_id,
                        action: CaseAction::Hold,
                        from: facts.state,
                        to: CaseState::OnHold,
                    },
                    Personal::Note { text: reason },
                ));
            }
            events
        }
        Command::RecordBestInterests {
            case_id,
            outcome,
            reasons,
        } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffAssessesBestInterests));
            }
            let (facts, _, _) = need_open_case(ctx)?;
            if reasons.trim().is_empty() {
                return Err(invalid(Rule::BestInterestsNeedReasons));
            }
            vec![Event::with_personal(
                E::BestInterestsAssessed {
                    case_id,
                    assessment_no: facts.assessments + 1,
                    outcome,
                },
                Personal::Note { text: reasons },
            )]
        }
        Command::RecordChildViews {
            case_id,
            how,
            age_years,
            views,
        } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffRecordsViews));
            }
            let (facts, _, _) = need_open_case(ctx)?;
            casework::check_views(
                casework::ChildViews { how, age_years },
                is_coordinator(actor),
                &views,
            )
            .map_err(|rule| invalid(Rule::Views(rule)))?;
            vec![Event::with_personal(
                E::ChildViewsRecorded {
                    case_id,
                    assessment_no: facts.assessments + 1,
                    how,
                    age_years,
                },
                Personal::Note { text: views },
            )]
        }
        Command::RecordPartyDecision {
            case_id,
            decision,
            dispute,
            note,
        } => {
            let (facts, _, _) = need_case(ctx)?;
            if actor.role != Role::PartyOfficer
                || actor.org_kind != OrgKind::Party
                || !facts.concerns(&actor.org)
            {
                return Err(forbid(Rule::OnlyPartyOfficerDecides));
            }
            require_state(facts, CaseState::Submitted, Unmet::DecisionNeedsSubmitted)?;
            let dispute = match decision {
                Decision::Approve if dispute.is_some() => {
                    return Err(invalid(Rule::ApprovalHasNoDispute));
                }
                Decision::Approve => None,
                Decision::Object if note.trim().is_empty() => {
                    return Err(invalid(Rule::ObjectionNeedsReason));
                }
                Decision::Object => Some(dispute.unwrap_or(DisputeKind::Other)),
            };
            let mut events = vec![Event::with_personal(
                E::PartyDecisionRecorded {
                    case_id: case_id.clone(),
                    org_id: actor.org.clone(),
                    decision,
                    witnessed_size: ctx.witnessed_size,
                    dispute,
                },
                Personal::Note { text: note },
            )];
            // The decision's consequence for the case, taken in the same
            // entry group: an objection disputes the case at once; the
            // approval that completes both parties' approves it.
            let mut after = facts.clone();
            after.decisions.push((actor.org.clone(), decision));
            // A grouped case is approved with the last of its group.
            let group_approved = ctx
                .group_cases
                .iter()
                .all(|(_, f)| f.state == CaseState::Submitted && f.approved_by_each_side());
            let step = match decision {
                Decision::Object => Some((CaseAction::Dispute, CaseState::Disputed)),
                Decision::Approve if after.approved_by_each_side() && group_approved => {
                    Some((CaseAction::Approve, CaseState::Approved))
                }
                Decision::Approve => None,
            };
            if let Some((action, to)) = step {
                events.push(Event::public(E::CaseTransitioned {
                    case_id,
                    action,
                    from: facts.state,
                    to,
                }));
                if action == CaseAction::Approve {
                    for (member, member_facts) in &ctx.group_cases {
                        events.push(Event::public(E::CaseTransitioned {
                            case_id: member.clone(),
                            action,
                            from: member_facts.state,
                            to,
                        }));
                    }
                }
            }
            events
        }
        Command::PlanTrip {
            trip_id,
            kind,
            capacity,
            plan,
            escorts,
        } => transit::plan_trip(actor, ctx, trip_id, kind, capacity, plan, escorts)?,
        Command::RescheduleTrip { trip_id, plan } => {
            transit::reschedule(actor, ctx, trip_id, plan)?
        }
        Command::AssignEscorts {
            trip_id,
            leg_id,
            escorts,
        } => transit::assign_escorts(actor, ctx, trip_id, leg_id, escorts)?,
        Command::CancelTrip { trip_id, reason } => transit::cancel(actor, ctx, trip_id, reason)?,
        Command::BookOnTrip { case_id, trip_id } => transit::book(actor, ctx, case_id, trip_id)?,
        Command::RecordClearance {
            trip_id,
            leg_id,
            granted,
            details,
        } => transit::clearance(actor, ctx, trip_id, leg_id, granted, details)?,
        Command::DepartLeg {
            trip_id,
            leg_id,
            at,
        } => transit::depart(actor, ctx, trip_id, leg_id, at)?,
        Command::ArriveLeg {
            trip_id,
            leg_id,
            at,
        } => transit::arrive(actor, ctx, trip_id, leg_id, at)?,
        Command::RecordHandover {
            trip_id,
            leg_id,
            case_id,
            to,
            details,
        } => transit::handover(actor, ctx, trip_id, leg_id, case_id, to, details)?,
        Command::RecordFollowUp { case_id, note } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffRecordsFollowUps));
            }
            let (facts, _, _) = need_case(ctx)?;
            require_state(facts, CaseState::Reunited, Unmet::FollowUpNeedsReunion)?;
            if note.trim().is_empty() {
                return Err(invalid(Rule::FollowUpNeedsNote));
            }
            vec![Event::with_personal(
                E::FollowUpRecorded {
                    case_id,
                    follow_up_no: facts.follow_ups + 1,
                },
                Personal::Note { text: note },
            )]
        }
        Command::RegisterWitnessKey {
            org_id,
            verifier_key,
        } => {
            if actor.role != Role::Admin || !actor.is_mediator() {
                return Err(forbid(Rule::OnlyAdminRegistersWitnessKeys));
            }
            let org = ctx
                .org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Organisation))?;
            if org.kind != OrgKind::Party {
                return Err(invalid(Rule::WitnessOnlyParty));
            }
            let key: homeward_ledger::VerifierKey =
                verifier_key
                    .trim()
                    .parse()
                    .map_err(|e: homeward_ledger::NoteError| {
                        invalid(Rule::WitnessKeyUnreadable(e.to_string()))
                    })?;
            if key.key_type() != homeward_ledger::KeyType::CosignatureV1 {
                return Err(invalid(Rule::WitnessKeyType));
            }
            if let Some(holder) = &ctx.witness_key_holder
                && holder != &org_id
            {
                return Err(conflict(Rule::WitnessKeyNameTaken {
                    name: key.name().to_owned(),
                }));
            }
            vec![Event::public(E::WitnessKeyRegistered {
                org_id,
                name: key.name().to_owned(),
                key_id: format!("{:08x}", key.key_id()),
                verifier_key: key.to_string(),
            })]
        }
        Command::ImportList {
            import_id,
            org_id,
            list,
        } => import_list(actor, ctx, import_id, org_id, list)?,
        Command::ProposeMatches { matches } => {
            if !is_mediator_staff(actor) && actor != &Actor::system() {
                return Err(forbid(Rule::OnlyStaffProposesMatches));
            }
            let kept = matching::propose(matches, &ctx.proposable).map_err(invalid)?;
            if kept.is_empty() {
                vec![]
            } else {
                vec![Event::public(E::MatchesProposed { matches: kept })]
            }
        }
        Command::DecideMatch {
            match_id,
            decision,
            reason,
        } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffDecidesMatches));
            }
            let facts = ctx
                .match_facts
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Match))?;
            let join = matching::check_decision(facts, decision).map_err(conflict)?;
            let body = E::MatchDecided {
                match_id,
                decision,
                by: actor.user.clone(),
                join,
            };
            vec![with_reason(body, reason)?]
        }
        Command::UndoMatchDecision { match_id, reason } => {
            if !is_mediator_staff(actor) {
                return Err(forbid(Rule::OnlyStaffUndoesMatches));
            }
            let facts = ctx
                .match_facts
                .as_ref()
                .ok_or(Refusal::NotFound(Record::Match))?;
            matching::check_undo(facts).map_err(conflict)?;
            let body = E::MatchDecisionUndone {
                match_id,
                was: facts.status,
                by: actor.user.clone(),
                join: facts.join.clone(),
            };
            vec![with_reason(body, reason)?]
        }
        Command::ErasePersonalData { child_id, reason } => {
            if !is_coordinator(actor) {
                return Err(forbid(Rule::OnlyCoordinatorErases));
            }
            let child = ctx.child.as_ref().ok_or(Refusal::NotFound(Record::Child))?;
            if child.erased {
                return Err(conflict(Rule::ChildAlreadyErased));
            }
            vec![Event::public(E::PersonalDataErased {
                child_id,
                cases: ctx.child_cases.clone(),
                seqs: ctx.personal_seqs.clone(),
                reason,
                tracing_requests: ctx.child_requests.clone(),
            })]
        }
        Command::EraseTracingRequest { request_id, reason } => {
            if !is_coordinator(actor) {
                return Err(forbid(Rule::OnlyCoordinatorErases));
            }
            ctx.request_org
                .as_ref()
                .ok_or(Refusal::NotFound(Record::TracingRequest))?;
            if ctx.request_erased {
                return Err(conflict(Rule::RequestAlreadyErased));
            }
            vec![Event::public(E::TracingRequestErased {
                request_id,
                seqs: ctx.personal_seqs.clone(),
                reason,
            })]
        }
    };
    Ok(events)
}

/// An event with the reason given for it, if any, as its personal part.
fn with_reason(body: EventBody, reason: Option<String>) -> Result<Event, Refusal> {
    match reason.filter(|r| !r.trim().is_empty()) {
        None => Ok(Event::public(body)),
        Some(r) if r.chars().count() > matching::MAX_REASON => Err(invalid(Rule::ReasonTooLong)),
        Some(text) => Ok(Event::with_personal(body, Personal::Note { text })),
    }
}

/// The refusal for row `i` (from 0) of an imported list; rows are counted
/// as the file's data rows, and nothing of the row is quoted.
fn bad_row(i: usize, why: Rule) -> Refusal {
    invalid(Rule::row(i, why))
}

fn import_list(
    actor: &Actor,
    ctx: &Context,
    import_id: ImportId,
    org_id: OrgId,
    list: ImportedList,
) -> Result<Vec<Event>, Refusal> {
    use EventBody as E;
    let org = ctx
        .org
        .as_ref()
        .ok_or(Refusal::NotFound(Record::Organisation))?;
    if !may_act_for(actor, &org.org_id) {
        return Err(forbid(Rule::ImportOwnLists));
    }
    if org.kind != OrgKind::Party {
        return Err(invalid(Rule::ListForPartyOnly));
    }
    if ctx.already_exists {
        return Err(conflict(Rule::ImportRecorded));
    }
    let list_name = list.list_name.trim().to_owned();
    if list_name.is_empty() || list_name.chars().count() > MAX_LIST_NAME {
        return Err(invalid(Rule::ListNeedsName));
    }
    if list.sha256.len() != 64
        || !list
            .sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(invalid(Rule::ListDigest));
    }
    let mut seen = HashSet::new();
    for (i, id) in list.records.external_ids().into_iter().enumerate() {
        if id.trim().is_empty() || id.chars().count() > MAX_EXTERNAL_ID {
            return Err(bad_row(i, Rule::RowIdLength));
        }
        if !seen.insert(id) {
            return Err(bad_row(i, Rule::RowIdRepeated));
        }
    }
    let mut counts = ImportCounts {
        rows: list.records.len() as u64,
        ..ImportCounts::default()
    };
    let mut events = Vec::new();
    let kind = list.records.kind();
    match list.records {
        ListedRecords::Children(rows) => {
            for (i, row) in rows.into_iter().enumerate() {
                check_names(&row.details).map_err(|r| bad_row(i, r))?;
                match ctx.listed_children.get(&row.external_id) {
                    None => {
                        counts.new += 1;
                        events.push(Event::with_personal(
                            E::ChildRegistered {
                                child_id: row.new_id,
                                org_id: org_id.clone(),
                                list_name: list_name.clone(),
                                import_id: Some(import_id.clone()),
                                external_id: Some(row.external_id),
                            },
                            Personal::Child(row.details),
                        ));
                    }
                    Some((_, None)) => counts.erased += 1,
                    Some((child_id, Some(stored))) => {
                        let merged = import::merge_child(stored, &row.details, &list.fields);
                        if &merged == stored {
                            counts.unchanged += 1;
                        } else {
                            counts.updated += 1;
                            events.push(Event::with_personal(
                                E::ChildAmended {
                                    child_id: child_id.clone(),
                                },
                                Personal::Child(merged),
                            ));
                        }
                    }
                }
            }
        }
        ListedRecords::TracingRequests(rows) => {
            for (i, row) in rows.into_iter().enumerate() {
                let d = &row.details;
                if d.requester.given_name.trim().is_empty()
                    && d.requester.family_name.trim().is_empty()
                {
                    return Err(bad_row(i, Rule::RequestNeedsAsker));
                }
                check_names(&d.child).map_err(|r| bad_row(i, r))?;
                match ctx.listed_requests.get(&row.external_id) {
                    None => {
                        counts.new += 1;
                        events.push(Event::with_personal(
                            E::TracingRequestFiled {
                                request_id: row.new_id,
                                org_id: org_id.clone(),
                                external_id: Some(row.external_id),
                                import_id: Some(import_id.clone()),
                            },
                            Personal::Tracing(row.details),
                        ));
                    }
                    Some((_, None)) => counts.erased += 1,
                    Some((request_id, Some(stored))) => {
                        let merged = import::merge_tracing(stored, &row.details, &list.fields);
                        if &merged == stored {
                            counts.unchanged += 1;
                        } else {
                            counts.updated += 1;
                            events.push(Event::with_personal(
                                E::TracingRequestAmended {
                                    request_id: request_id.clone(),
                                },
                                Personal::Tracing(merged),
                            ));
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::with_capacity(events.len() + 1);
    out.push(Event::public(E::ListImported {
        import_id,
        org_id,
        kind,
        list_name,
        sha256: list.sha256,
        rows: counts.rows,
        new: counts.new,
        updated: counts.updated,
        unchanged: counts.unchanged,
        erased: counts.erased,
    }));
    out.extend(events);
    Ok(out)
}

fn toggle_user(
    actor: &Actor,
    ctx: &Context,
    user_id: UserId,
    disable: bool,
) -> Result<Vec<Event>, Refusal> {
    if actor.role != Role::Admin || !actor.is_mediator() {
        return Err(forbid(Rule::OnlyAdminDisablesUsers));
    }
    ctx.user.as_ref().ok_or(Refusal::NotFound(Record::User))?;
    if disable && actor.user == user_id {
        return Err(invalid(Rule::SelfDisable));
    }
    if disable == ctx.user_disabled {
        return Err(conflict(if disable {
            Rule::UserAlreadyDisabled
        } else {
            Rule::UserNotDisabled
        }));
    }
    Ok(vec![Event::public(if disable {
        EventBody::UserDisabled { user_id }
    } else {
        EventBody::UserEnabled { user_id }
    })])
}

/// The languages of the interface, as BCP 47 primary tags.
pub const LANGUAGES: [&str; 4] = ["en", "uk", "ru", "ar"];

/// A login is 2 to 64 letters, digits, `.`, `-` and `_`.
pub fn valid_login(login: &str) -> bool {
    (2..=64).contains(&login.chars().count())
        && login
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}
