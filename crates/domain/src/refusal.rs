//! Why a command was refused, as data: every refusal names its rule with a
//! message id (`refusal-…`, `rule-…`, `trip-rule-…`) and its arguments, so
//! the web UI says it in the reader's language, while `Display` keeps the
//! English sentence the API returns as its problem's `detail`.
//!
//! The four kinds (`Forbidden`, `NotFound`, `Invalid`, `Conflict`) stay
//! variants of [`Refusal`] because they decide the HTTP status; what was
//! broken is one [`Rule`], the way transit's are one [`TripRule`]. No
//! argument carries a child's personal data: only numbers, states, roles,
//! and what the user typed about themselves or an organisation (a login, an
//! organisation's name, a witness key's name, a language tag).

use crate::case::{CaseState, TransitionError};
use crate::casework::ViewsRule;
use crate::command::LANGUAGES;
use crate::import::{MAX_EXTERNAL_ID, MAX_LIST_NAME};
use crate::matching::{MAX_REASON, MatchStatus};
use crate::org::{OrgKind, Role};
use crate::record::BirthDateError;
use crate::transit::TripRule;

/// Why a command was refused. Messages speak of rules and record kinds,
/// never of the personal data involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The actor's role or organisation may not do this.
    #[error("{0}")]
    Forbidden(Rule),
    /// A record the command names does not exist, or is outside the actor's view.
    #[error("no such {0}")]
    NotFound(Record),
    #[error("{0}")]
    Invalid(Rule),
    #[error("{0}")]
    Conflict(Rule),
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// A rule of transit (see [`crate::transit`]).
    #[error(transparent)]
    Trip(#[from] TripRule),
}

/// The kinds of record a command can name and not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Record {
    Case,
    Child,
    FamilyMember,
    Leg,
    Match,
    Organisation,
    TracingRequest,
    Trip,
    User,
}

impl Record {
    pub const ALL: [Record; 9] = [
        Record::Case,
        Record::Child,
        Record::FamilyMember,
        Record::Leg,
        Record::Match,
        Record::Organisation,
        Record::TracingRequest,
        Record::Trip,
        Record::User,
    ];

    /// The record's kind in English, as the API names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Record::Case => "case",
            Record::Child => "child",
            Record::FamilyMember => "family member",
            Record::Leg => "leg",
            Record::Match => "match",
            Record::Organisation => "organisation",
            Record::TracingRequest => "tracing request",
            Record::Trip => "trip",
            Record::User => "user",
        }
    }

    /// The message id of "no such …" in the web UI's catalogues.
    pub fn id(self) -> &'static str {
        match self {
            Record::Case => "refusal-not-found-case",
            Record::Child => "refusal-not-found-child",
            Record::FamilyMember => "refusal-not-found-family-member",
            Record::Leg => "refusal-not-found-leg",
            Record::Match => "refusal-not-found-match",
            Record::Organisation => "refusal-not-found-organisation",
            Record::TracingRequest => "refusal-not-found-tracing-request",
            Record::Trip => "refusal-not-found-trip",
            Record::User => "refusal-not-found-user",
        }
    }
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An argument of a refusal's message, typed so the UI can translate the
/// ones that name something (a state, a role, a kind of organisation, a
/// nested rule) and pass the others through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Number(u64),
    /// Passed through as it is: a login, an organisation's or a key's
    /// name, a language tag, a match status for a selector, or English
    /// detail from the ledger's checks.
    Text(String),
    State(CaseState),
    Role(Role),
    OrgKind(OrgKind),
    Rule(Box<Rule>),
}

/// A rule a command broke, other than the case steps' and transit's.
/// Each has a message id (`refusal-…`, or the `rule-views-…` ids of
/// [`ViewsRule`]) and says in English what is wrong; that English is the
/// API's `detail`, kept word for word.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rule {
    // Who may act.
    #[error("only an administrator may register organisations")]
    OnlyAdminRegistersOrganisations,
    #[error("only an administrator may add users")]
    OnlyAdminAddsUsers,
    #[error("only the user or an administrator may set a password")]
    OnlyUserOrAdminSetsPassword,
    #[error("only an administrator changes users' roles")]
    OnlyAdminChangesRoles,
    #[error("only an administrator may disable or enable users")]
    OnlyAdminDisablesUsers,
    #[error("users choose their own language only")]
    OwnLanguageOnly,
    #[error("children are registered by mediator staff or by a party for its own lists")]
    RegisterChildrenOwnLists,
    #[error("only mediator staff or the submitting party may amend a child's record")]
    AmendChildOwnRecords,
    #[error("only mediator staff or the submitting party may record custody")]
    RecordCustodyOwnRecords,
    #[error("only the mediator records custody at its embassy")]
    EmbassyCustodyByMediator,
    #[error("only mediator staff or the submitting party may add family members")]
    AddFamilyOwnRecords,
    #[error("tracing requests are filed by mediator staff or by a party for its own families")]
    FileTracingOwnFamilies,
    #[error("only mediator staff link tracing requests to children")]
    OnlyStaffLinksRequests,
    #[error("only the filing party's officers or mediator staff close a tracing request")]
    CloseRequestOwnOrStaff,
    #[error("only a coordinator opens cases")]
    OnlyCoordinatorOpensCases,
    #[error("only mediator staff add evidence to a case")]
    OnlyStaffAddsEvidence,
    #[error("only mediator staff record consent")]
    OnlyStaffRecordsConsent,
    #[error("only mediator staff record a withdrawal of consent")]
    OnlyStaffWithdrawsConsent,
    #[error("only mediator staff assess a child's best interests")]
    OnlyStaffAssessesBestInterests,
    #[error("only mediator staff record a child's views")]
    OnlyStaffRecordsViews,
    #[error("only an officer of a party concerned records its decision")]
    OnlyPartyOfficerDecides,
    #[error("only a coordinator groups cases")]
    OnlyCoordinatorGroupsCases,
    #[error("only a coordinator adds an organisation to a case")]
    OnlyCoordinatorAddsParty,
    #[error("only mediator staff record follow-ups")]
    OnlyStaffRecordsFollowUps,
    #[error("only an administrator may register witness keys")]
    OnlyAdminRegistersWitnessKeys,
    #[error("only mediator staff propose matches")]
    OnlyStaffProposesMatches,
    #[error("only mediator staff decide matches")]
    OnlyStaffDecidesMatches,
    #[error("only mediator staff undo decisions on matches")]
    OnlyStaffUndoesMatches,
    #[error("only a coordinator erases personal data")]
    OnlyCoordinatorErases,
    #[error("a party's lists are imported by mediator staff or by that party's officers")]
    ImportOwnLists,
    #[error("only a coordinator plans trips")]
    OnlyCoordinatorPlansTrips,
    #[error("only a coordinator reschedules trips")]
    OnlyCoordinatorReschedulesTrips,
    #[error("only a coordinator assigns escorts")]
    OnlyCoordinatorAssignsEscorts,
    #[error("only a coordinator cancels trips")]
    OnlyCoordinatorCancelsTrips,
    #[error("only a coordinator books children on trips")]
    OnlyCoordinatorBooks,
    #[error("only the leg's escorts or a coordinator record departures")]
    OnlyLegEscortsDepart,
    #[error("only the leg's escorts or a coordinator record arrivals")]
    OnlyLegEscortsArrive,
    #[error("only the leg's escorts or a coordinator record handovers")]
    OnlyLegEscortsHandOver,
    #[error(
        "your organisation has no registered witness key; ask the mediator's administrator to register it"
    )]
    NoWitnessKey,

    // What was asked.
    #[error("a child needs at least one name")]
    ChildNeedsName,
    #[error("a child's name needs a given name or a family name")]
    ChildNameEmpty,
    #[error("an organisation needs a name")]
    OrganisationNeedsName,
    #[error("only a party organisation has a side (A or B)")]
    SideOnlyForParty,
    #[error("the role {role} is not available in a {kind} organisation")]
    RoleNotInOrgKind { role: Role, kind: OrgKind },
    #[error("a login is 2 to 64 characters: letters, digits, '.', '-' and '_'")]
    LoginShape,
    #[error("administrators cannot change their own role; another administrator can")]
    OwnRoleUnchangeable,
    #[error("the role {role} does not fit the user's organisation")]
    RoleNotForUsersOrganisation { role: Role },
    #[error("'{lang}' is not a language of the interface; expected one of {}", LANGUAGES.join(", "))]
    NotALanguage { lang: String },
    #[error("administrators cannot disable themselves; another administrator can")]
    SelfDisable,
    #[error("a transit state does not submit lists of children")]
    TransitStateNoLists,
    #[error("custody on the way home is recorded by the trip's departures and handovers")]
    CustodyOnTheWay,
    /// The date quotes what was typed; the translations leave it out.
    #[error("custody start: {0}")]
    CustodyStart(BirthDateError),
    #[error("a family member needs a name")]
    FamilyMemberNeedsName,
    #[error("a tracing request needs the name of the person asking")]
    RequestNeedsAsker,
    #[error("both organisations concerned by a case must be parties")]
    CaseNeedsParties,
    #[error("a case concerns two different parties")]
    CaseSameParty,
    #[error("the two parties of a case must be on opposite sides of the conflict")]
    CaseSameSide,
    #[error("evidence needs a description")]
    EvidenceNeedsDescription,
    #[error("the family member is not on this child's record")]
    MemberNotOnRecord,
    #[error(
        "this family member has no parental responsibility: only a court order can give them the decision"
    )]
    NoParentalResponsibility,
    #[error("a consent by court order needs the order's reference")]
    CourtOrderNeedsReference,
    #[error("a consent given through a detaining authority needs its witness")]
    DetainedConsentNeedsWitness,
    #[error("a request is closed as found once it is linked to the child's record")]
    FoundNeedsLink,
    #[error("a group needs at least two different cases")]
    GroupNeedsTwo,
    #[error("only an organisation of one side of the conflict can be added to a case")]
    AddedOrganisationNeedsSide,
    #[error("only a consent in force can be withdrawn, by the person who gave it")]
    NoConsentInForce,
    #[error("a withdrawal of consent needs its reason")]
    WithdrawalNeedsReason,
    #[error("a best-interests assessment needs its reasons")]
    BestInterestsNeedReasons,
    /// A rule of the child's views (its own `rule-views-…` id).
    #[error("{0}")]
    Views(ViewsRule),
    #[error("an approval has no dispute kind")]
    ApprovalHasNoDispute,
    #[error("an objection needs its reason")]
    ObjectionNeedsReason,
    #[error("a follow-up needs a note")]
    FollowUpNeedsNote,
    #[error("a reason is at most {MAX_REASON} characters")]
    ReasonTooLong,
    #[error("only a party organisation runs a witness that cosigns checkpoints")]
    WitnessOnlyParty,
    /// The detail is the ledger's English; the translations leave it out.
    #[error("the witness key is not a note verifier key: {0}")]
    WitnessKeyUnreadable(String),
    #[error(
        "the witness key must be a cosignature/v1 key (type 0x04), as `homeward ledger keygen` prints"
    )]
    WitnessKeyType,
    #[error("lists are imported for a party; this organisation is not one")]
    ListForPartyOnly,
    #[error("a list needs a name of 1 to {MAX_LIST_NAME} characters")]
    ListNeedsName,
    #[error("the file's SHA-256 must be 64 lower-case hexadecimal digits")]
    ListDigest,
    /// A row of a list broke `why`; `row` counts from 1.
    #[error("row {row} of the list: {why}")]
    Row { row: u64, why: Box<Rule> },
    #[error("an id is 1 to {MAX_EXTERNAL_ID} characters")]
    RowIdLength,
    #[error("another row of the list has the same id")]
    RowIdRepeated,
    #[error("a trip's capacity must be at least 1")]
    TripCapacity,
    #[error("each leg has its own id")]
    LegIdsRepeated,
    #[error("each escort is named once")]
    EscortNamedTwice,
    #[error("the store did not load every proposal's records")]
    ProposalsNotLoaded,
    #[error("a match needs two different records")]
    MatchSameRecord,
    #[error("a match's score is at most one million millionths")]
    MatchScoreRange,
    #[error(
        "a consistency proof goes from a smaller size to a larger one, not from {from} to {to}"
    )]
    ProofBackwards { from: u64, to: u64 },
    #[error("entry {seq} is not in a tree of {size} entries (entries count from 1)")]
    EntryNotInTree { seq: u64, size: u64 },
    #[error("the ledger holds {size} entries; there is no tree of size {to}")]
    NoTreeOfSize { size: u64, to: u64 },
    #[error("the uploaded checkpoint cannot be read: {0}")]
    CheckpointUnreadable(String),
    #[error("the uploaded checkpoint is for size {size}, but the ledger holds {held} entries")]
    CheckpointSize { size: u64, held: u64 },
    #[error("the uploaded checkpoint for size {size} is not signed by this ledger's key")]
    CheckpointNotOurs { size: u64 },
    #[error(
        "the uploaded checkpoint for size {size} does not carry this ledger's root at that size"
    )]
    CheckpointRoot { size: u64 },
    /// The ledger's own check (a proof, a root, cosignatures) failed; the
    /// detail is its English.
    #[error("{0}")]
    Ledger(String),

    // What is already so.
    #[error("the child's personal data was erased; an erased record takes no new personal data")]
    Erased,
    #[error("the case is {state} and can no longer change")]
    CaseClosed { state: CaseState },
    #[error("an organisation named '{name}' already exists")]
    OrganisationNameTaken { name: String },
    #[error("the login '{login}' is taken")]
    LoginTaken { login: String },
    #[error("the user already has this role")]
    AlreadyHasRole,
    #[error("the user is already disabled")]
    UserAlreadyDisabled,
    #[error("the user is not disabled")]
    UserNotDisabled,
    #[error("the child is already registered")]
    ChildAlreadyRegistered,
    #[error("the tracing request is closed; a closed request is not linked")]
    RequestClosedNotLinked,
    #[error("the child already has an open case")]
    ChildHasOpenCase,
    #[error("this family member's consent is already on record")]
    ConsentOnRecord,
    #[error("the tracing request is already closed")]
    RequestAlreadyClosed,
    #[error("a case of the group already belongs to another group")]
    CaseInAnotherGroup,
    #[error("cases are grouped before they are submitted")]
    GroupBeforeSubmission,
    #[error("the organisation is already concerned by this case")]
    AlreadyConcerned,
    #[error("organisations are added to a case before it is approved")]
    AddPartyBeforeApproval,
    #[error("another organisation already has a witness key named '{name}'")]
    WitnessKeyNameTaken { name: String },
    #[error("this child's personal data was already erased")]
    ChildAlreadyErased,
    #[error("this tracing request's personal data was already erased")]
    RequestAlreadyErased,
    #[error("this import was already recorded")]
    ImportRecorded,
    #[error("the trip already exists")]
    TripExists,
    #[error("this match is {status}; undo that decision before taking another")]
    MatchDecided { status: MatchStatus },
    #[error("a record of this match no longer exists")]
    MatchRecordGone,
    #[error("a record of this match was erased; an erased record is joined to nothing")]
    MatchRecordErased,
    #[error(
        "a record of this match is already part of another child; decide on that child's record instead"
    )]
    MatchRecordJoined,
    #[error("the tracing request is already linked to a child")]
    RequestAlreadyLinked,
    #[error("both records have an open case; close or withdraw one before joining them")]
    BothHaveCases,
    #[error("both records already gather other records or a case; join them one at a time")]
    BothGather,
    #[error("this match has no decision to undo")]
    NothingToUndo,
    #[error("the tracing request was erased; its link stays as it is")]
    LinkedRequestErased,
    #[error("the joined record has a case of its own now; it cannot be separated")]
    JoinedRecordHasCase,
    #[error("the store did not load what this match joined")]
    JoinNotLoaded,
}

impl Rule {
    /// The message id in the web UI's catalogues.
    pub fn id(&self) -> &'static str {
        use Rule as R;
        match self {
            R::OnlyAdminRegistersOrganisations => "refusal-only-admin-registers-organisations",
            R::OnlyAdminAddsUsers => "refusal-only-admin-adds-users",
            R::OnlyUserOrAdminSetsPassword => "refusal-only-user-or-admin-sets-password",
            R::OnlyAdminChangesRoles => "refusal-only-admin-changes-roles",
            R::OnlyAdminDisablesUsers => "refusal-only-admin-disables-users",
            R::OwnLanguageOnly => "refusal-own-language-only",
            R::RegisterChildrenOwnLists => "refusal-register-children-own-lists",
            R::AmendChildOwnRecords => "refusal-amend-child-own-records",
            R::RecordCustodyOwnRecords => "refusal-record-custody-own-records",
            R::EmbassyCustodyByMediator => "refusal-embassy-custody-by-mediator",
            R::AddFamilyOwnRecords => "refusal-add-family-own-records",
            R::FileTracingOwnFamilies => "refusal-file-tracing-own-families",
            R::OnlyStaffLinksRequests => "refusal-only-staff-links-requests",
            R::CloseRequestOwnOrStaff => "refusal-close-request-own-or-staff",
            R::OnlyCoordinatorOpensCases => "refusal-only-coordinator-opens-cases",
            R::OnlyStaffAddsEvidence => "refusal-only-staff-adds-evidence",
            R::OnlyStaffRecordsConsent => "refusal-only-staff-records-consent",
            R::OnlyStaffWithdrawsConsent => "refusal-only-staff-withdraws-consent",
            R::OnlyStaffAssessesBestInterests => "refusal-only-staff-assesses-best-interests",
            R::OnlyStaffRecordsViews => "refusal-only-staff-records-views",
            R::OnlyPartyOfficerDecides => "refusal-only-party-officer-decides",
            R::OnlyCoordinatorGroupsCases => "refusal-only-coordinator-groups-cases",
            R::OnlyCoordinatorAddsParty => "refusal-only-coordinator-adds-party",
            R::OnlyStaffRecordsFollowUps => "refusal-only-staff-records-follow-ups",
            R::OnlyAdminRegistersWitnessKeys => "refusal-only-admin-registers-witness-keys",
            R::OnlyStaffProposesMatches => "refusal-only-staff-proposes-matches",
            R::OnlyStaffDecidesMatches => "refusal-only-staff-decides-matches",
            R::OnlyStaffUndoesMatches => "refusal-only-staff-undoes-matches",
            R::OnlyCoordinatorErases => "refusal-only-coordinator-erases",
            R::ImportOwnLists => "refusal-import-own-lists",
            R::OnlyCoordinatorPlansTrips => "refusal-only-coordinator-plans-trips",
            R::OnlyCoordinatorReschedulesTrips => "refusal-only-coordinator-reschedules-trips",
            R::OnlyCoordinatorAssignsEscorts => "refusal-only-coordinator-assigns-escorts",
            R::OnlyCoordinatorCancelsTrips => "refusal-only-coordinator-cancels-trips",
            R::OnlyCoordinatorBooks => "refusal-only-coordinator-books",
            R::OnlyLegEscortsDepart => "refusal-only-leg-escorts-depart",
            R::OnlyLegEscortsArrive => "refusal-only-leg-escorts-arrive",
            R::OnlyLegEscortsHandOver => "refusal-only-leg-escorts-hand-over",
            R::NoWitnessKey => "refusal-no-witness-key",
            R::ChildNeedsName => "refusal-child-needs-name",
            R::ChildNameEmpty => "refusal-child-name-empty",
            R::OrganisationNeedsName => "refusal-organisation-needs-name",
            R::SideOnlyForParty => "refusal-side-only-for-party",
            R::RoleNotInOrgKind { .. } => "refusal-role-not-in-org-kind",
            R::LoginShape => "refusal-login-shape",
            R::OwnRoleUnchangeable => "refusal-own-role-unchangeable",
            R::RoleNotForUsersOrganisation { .. } => "refusal-role-not-for-users-organisation",
            R::NotALanguage { .. } => "refusal-not-a-language",
            R::SelfDisable => "refusal-self-disable",
            R::TransitStateNoLists => "refusal-transit-state-no-lists",
            R::CustodyOnTheWay => "refusal-custody-on-the-way",
            R::CustodyStart(_) => "refusal-custody-start",
            R::FamilyMemberNeedsName => "refusal-family-member-needs-name",
            R::RequestNeedsAsker => "refusal-request-needs-asker",
            R::CaseNeedsParties => "refusal-case-needs-parties",
            R::CaseSameParty => "refusal-case-same-party",
            R::CaseSameSide => "refusal-case-same-side",
            R::EvidenceNeedsDescription => "refusal-evidence-needs-description",
            R::MemberNotOnRecord => "refusal-member-not-on-record",
            R::NoParentalResponsibility => "refusal-no-parental-responsibility",
            R::CourtOrderNeedsReference => "refusal-court-order-needs-reference",
            R::DetainedConsentNeedsWitness => "refusal-detained-consent-needs-witness",
            R::FoundNeedsLink => "refusal-found-needs-link",
            R::GroupNeedsTwo => "refusal-group-needs-two",
            R::AddedOrganisationNeedsSide => "refusal-added-organisation-needs-side",
            R::NoConsentInForce => "refusal-no-consent-in-force",
            R::WithdrawalNeedsReason => "refusal-withdrawal-needs-reason",
            R::BestInterestsNeedReasons => "refusal-best-interests-need-reasons",
            R::Views(v) => v.id(),
            R::ApprovalHasNoDispute => "refusal-approval-has-no-dispute",
            R::ObjectionNeedsReason => "refusal-objection-needs-reason",
            R::FollowUpNeedsNote => "refusal-follow-up-needs-note",
            R::ReasonTooLong => "refusal-reason-too-long",
            R::WitnessOnlyParty => "refusal-witness-only-party",
            R::WitnessKeyUnreadable(_) => "refusal-witness-key-unreadable",
            R::WitnessKeyType => "refusal-witness-key-type",
            R::ListForPartyOnly => "refusal-list-for-party-only",
            R::ListNeedsName => "refusal-list-needs-name",
            R::ListDigest => "refusal-list-digest",
            R::Row { .. } => "refusal-row",
            R::RowIdLength => "refusal-row-id-length",
            R::RowIdRepeated => "refusal-row-id-repeated",
            R::TripCapacity => "refusal-trip-capacity",
            R::LegIdsRepeated => "refusal-leg-ids-repeated",
            R::EscortNamedTwice => "refusal-escort-named-twice",
            R::ProposalsNotLoaded => "refusal-proposals-not-loaded",
            R::MatchSameRecord => "refusal-match-same-record",
            R::MatchScoreRange => "refusal-match-score-range",
            R::ProofBackwards { .. } => "refusal-proof-backwards",
            R::EntryNotInTree { .. } => "refusal-entry-not-in-tree",
            R::NoTreeOfSize { .. } => "refusal-no-tree-of-size",
            R::CheckpointUnreadable(_) => "refusal-checkpoint-unreadable",
            R::CheckpointSize { .. } => "refusal-checkpoint-size",
            R::CheckpointNotOurs { .. } => "refusal-checkpoint-not-ours",
            R::CheckpointRoot { .. } => "refusal-checkpoint-root",
            R::Ledger(_) => "refusal-ledger",
            R::Erased => "refusal-erased",
            R::CaseClosed { .. } => "refusal-case-closed",
            R::OrganisationNameTaken { .. } => "refusal-organisation-name-taken",
            R::LoginTaken { .. } => "refusal-login-taken",
            R::AlreadyHasRole => "refusal-already-has-role",
            R::UserAlreadyDisabled => "refusal-user-already-disabled",
            R::UserNotDisabled => "refusal-user-not-disabled",
            R::ChildAlreadyRegistered => "refusal-child-already-registered",
            R::RequestClosedNotLinked => "refusal-request-closed-not-linked",
            R::ChildHasOpenCase => "refusal-child-has-open-case",
            R::ConsentOnRecord => "refusal-consent-on-record",
            R::RequestAlreadyClosed => "refusal-request-already-closed",
            R::CaseInAnotherGroup => "refusal-case-in-another-group",
            R::GroupBeforeSubmission => "refusal-group-before-submission",
            R::AlreadyConcerned => "refusal-already-concerned",
            R::AddPartyBeforeApproval => "refusal-add-party-before-approval",
            R::WitnessKeyNameTaken { .. } => "refusal-witness-key-name-taken",
            R::ChildAlreadyErased => "refusal-child-already-erased",
            R::RequestAlreadyErased => "refusal-request-already-erased",
            R::ImportRecorded => "refusal-import-recorded",
            R::TripExists => "refusal-trip-exists",
            R::MatchDecided { .. } => "refusal-match-decided",
            R::MatchRecordGone => "refusal-match-record-gone",
            R::MatchRecordErased => "refusal-match-record-erased",
            R::MatchRecordJoined => "refusal-match-record-joined",
            R::RequestAlreadyLinked => "refusal-request-already-linked",
            R::BothHaveCases => "refusal-both-have-cases",
            R::BothGather => "refusal-both-gather",
            R::NothingToUndo => "refusal-nothing-to-undo",
            R::LinkedRequestErased => "refusal-linked-request-erased",
            R::JoinedRecordHasCase => "refusal-joined-record-has-case",
            R::JoinNotLoaded => "refusal-join-not-loaded",
        }
    }

    /// The message's arguments, by name.
    pub fn args(&self) -> Vec<(&'static str, Arg)> {
        use Rule as R;
        let n = |v: u64| Arg::Number(v);
        match self {
            R::RoleNotInOrgKind { role, kind } => {
                vec![("role", Arg::Role(*role)), ("kind", Arg::OrgKind(*kind))]
            }
            R::RoleNotForUsersOrganisation { role } => vec![("role", Arg::Role(*role))],
            R::NotALanguage { lang } => vec![
                ("lang", Arg::Text(lang.clone())),
                ("expected", Arg::Text(LANGUAGES.join(", "))),
            ],
            R::ReasonTooLong => vec![("max", n(MAX_REASON as u64))],
            R::ListNeedsName => vec![("max", n(MAX_LIST_NAME as u64))],
            R::RowIdLength => vec![("max", n(MAX_EXTERNAL_ID as u64))],
            R::Row { row, why } => vec![("row", n(*row)), ("why", Arg::Rule(why.clone()))],
            R::ProofBackwards { from, to } => vec![("from", n(*from)), ("to", n(*to))],
            R::EntryNotInTree { seq, size } => vec![("seq", n(*seq)), ("size", n(*size))],
            R::NoTreeOfSize { size, to } => vec![("size", n(*size)), ("to", n(*to))],
            R::CheckpointSize { size, held } => vec![("size", n(*size)), ("held", n(*held))],
            R::CheckpointNotOurs { size } | R::CheckpointRoot { size } => {
                vec![("size", n(*size))]
            }
            R::CheckpointUnreadable(detail) | R::Ledger(detail) => {
                vec![("detail", Arg::Text(detail.clone()))]
            }
            R::CaseClosed { state } => vec![("state", Arg::State(*state))],
            R::OrganisationNameTaken { name } | R::WitnessKeyNameTaken { name } => {
                vec![("name", Arg::Text(name.clone()))]
            }
            R::LoginTaken { login } => vec![("login", Arg::Text(login.clone()))],
            // A selector in the catalogues picks the sentence for the status.
            R::MatchDecided { status } => vec![("status", Arg::Text(status.as_str().to_owned()))],
            _ => Vec::new(),
        }
    }

    /// A row of a list that broke `why`; `index` counts from 0.
    pub fn row(index: usize, why: Rule) -> Rule {
        Rule::Row {
            row: index as u64 + 1,
            why: Box::new(why),
        }
    }

    /// Every rule once, with example arguments: the web UI's tests check
    /// each has its message in every language. The match below fails to
    /// compile when a rule is added and not listed.
    pub fn examples() -> Vec<Rule> {
        use Rule as R;
        let rules = vec![
            R::OnlyAdminRegistersOrganisations,
            R::OnlyAdminAddsUsers,
            R::OnlyUserOrAdminSetsPassword,
            R::OnlyAdminChangesRoles,
            R::OnlyAdminDisablesUsers,
            R::OwnLanguageOnly,
            R::RegisterChildrenOwnLists,
            R::AmendChildOwnRecords,
            R::RecordCustodyOwnRecords,
            R::EmbassyCustodyByMediator,
            R::AddFamilyOwnRecords,
            R::FileTracingOwnFamilies,
            R::OnlyStaffLinksRequests,
            R::CloseRequestOwnOrStaff,
            R::OnlyCoordinatorOpensCases,
            R::OnlyStaffAddsEvidence,
            R::OnlyStaffRecordsConsent,
            R::OnlyStaffWithdrawsConsent,
            R::OnlyStaffAssessesBestInterests,
            R::OnlyStaffRecordsViews,
            R::OnlyPartyOfficerDecides,
            R::OnlyCoordinatorGroupsCases,
            R::OnlyCoordinatorAddsParty,
            R::OnlyStaffRecordsFollowUps,
            R::OnlyAdminRegistersWitnessKeys,
            R::OnlyStaffProposesMatches,
            R::OnlyStaffDecidesMatches,
            R::OnlyStaffUndoesMatches,
            R::OnlyCoordinatorErases,
            R::ImportOwnLists,
            R::OnlyCoordinatorPlansTrips,
            R::OnlyCoordinatorReschedulesTrips,
            R::OnlyCoordinatorAssignsEscorts,
            R::OnlyCoordinatorCancelsTrips,
            R::OnlyCoordinatorBooks,
            R::OnlyLegEscortsDepart,
            R::OnlyLegEscortsArrive,
            R::OnlyLegEscortsHandOver,
            R::NoWitnessKey,
            R::ChildNeedsName,
            R::ChildNameEmpty,
            R::OrganisationNeedsName,
            R::SideOnlyForParty,
            R::RoleNotInOrgKind {
                role: Role::Escort,
                kind: OrgKind::Party,
            },
            R::LoginShape,
            R::OwnRoleUnchangeable,
            R::RoleNotForUsersOrganisation {
                role: Role::TransitOfficer,
            },
            R::NotALanguage { lang: "fr".into() },
            R::SelfDisable,
            R::TransitStateNoLists,
            R::CustodyOnTheWay,
            R::CustodyStart(BirthDateError {
                input: "2014-13".into(),
                why: "the month must be between 1 and 12".into(),
            }),
            R::FamilyMemberNeedsName,
            R::RequestNeedsAsker,
            R::CaseNeedsParties,
            R::CaseSameParty,
            R::CaseSameSide,
            R::EvidenceNeedsDescription,
            R::MemberNotOnRecord,
            R::NoParentalResponsibility,
            R::CourtOrderNeedsReference,
            R::DetainedConsentNeedsWitness,
            R::FoundNeedsLink,
            R::GroupNeedsTwo,
            R::AddedOrganisationNeedsSide,
            R::NoConsentInForce,
            R::WithdrawalNeedsReason,
            R::BestInterestsNeedReasons,
            R::Views(ViewsRule::TooOld),
            R::Views(ViewsRule::NoWords),
            R::Views(ViewsRule::NoReason),
            R::Views(ViewsRule::OnlyCoordinator),
            R::Views(ViewsRule::MustBeHeard),
            R::ApprovalHasNoDispute,
            R::ObjectionNeedsReason,
            R::FollowUpNeedsNote,
            R::ReasonTooLong,
            R::WitnessOnlyParty,
            R::WitnessKeyUnreadable("bad".into()),
            R::WitnessKeyType,
            R::ListForPartyOnly,
            R::ListNeedsName,
            R::ListDigest,
            R::row(16, R::RowIdRepeated),
            R::RowIdLength,
            R::RowIdRepeated,
            R::TripCapacity,
            R::LegIdsRepeated,
            R::EscortNamedTwice,
            R::ProposalsNotLoaded,
            R::MatchSameRecord,
            R::MatchScoreRange,
            R::ProofBackwards { from: 9, to: 4 },
            R::EntryNotInTree { seq: 12, size: 7 },
            R::NoTreeOfSize { size: 7, to: 12 },
            R::CheckpointUnreadable("bad".into()),
            R::CheckpointSize { size: 12, held: 7 },
            R::CheckpointNotOurs { size: 7 },
            R::CheckpointRoot { size: 7 },
            R::Ledger("bad".into()),
            R::Erased,
            R::CaseClosed {
                state: CaseState::Closed,
            },
            R::OrganisationNameTaken { name: "Org".into() },
            R::LoginTaken {
                login: "someone".into(),
            },
            R::AlreadyHasRole,
            R::UserAlreadyDisabled,
            R::UserNotDisabled,
            R::ChildAlreadyRegistered,
            R::RequestClosedNotLinked,
            R::ChildHasOpenCase,
            R::ConsentOnRecord,
            R::RequestAlreadyClosed,
            R::CaseInAnotherGroup,
            R::GroupBeforeSubmission,
            R::AlreadyConcerned,
            R::AddPartyBeforeApproval,
            R::WitnessKeyNameTaken { name: "w".into() },
            R::ChildAlreadyErased,
            R::RequestAlreadyErased,
            R::ImportRecorded,
            R::TripExists,
            R::MatchDecided {
                status: MatchStatus::Confirmed,
            },
            R::MatchDecided {
                status: MatchStatus::Rejected,
            },
            R::MatchDecided {
                status: MatchStatus::Unsure,
            },
            R::MatchRecordGone,
            R::MatchRecordErased,
            R::MatchRecordJoined,
            R::RequestAlreadyLinked,
            R::BothHaveCases,
            R::BothGather,
            R::NothingToUndo,
            R::LinkedRequestErased,
            R::JoinedRecordHasCase,
            R::JoinNotLoaded,
        ];
        for r in &rules {
            match r {
                R::OnlyAdminRegistersOrganisations
                | R::OnlyAdminAddsUsers
                | R::OnlyUserOrAdminSetsPassword
                | R::OnlyAdminChangesRoles
                | R::OnlyAdminDisablesUsers
                | R::OwnLanguageOnly
                | R::RegisterChildrenOwnLists
                | R::AmendChildOwnRecords
                | R::RecordCustodyOwnRecords
                | R::EmbassyCustodyByMediator
                | R::AddFamilyOwnRecords
                | R::FileTracingOwnFamilies
                | R::OnlyStaffLinksRequests
                | R::CloseRequestOwnOrStaff
                | R::OnlyCoordinatorOpensCases
                | R::OnlyStaffAddsEvidence
                | R::OnlyStaffRecordsConsent
                | R::OnlyStaffWithdrawsConsent
                | R::OnlyStaffAssessesBestInterests
                | R::OnlyStaffRecordsViews
                | R::OnlyPartyOfficerDecides
                | R::OnlyCoordinatorGroupsCases
                | R::OnlyCoordinatorAddsParty
                | R::OnlyStaffRecordsFollowUps
                | R::OnlyAdminRegistersWitnessKeys
                | R::OnlyStaffProposesMatches
                | R::OnlyStaffDecidesMatches
                | R::OnlyStaffUndoesMatches
                | R::OnlyCoordinatorErases
                | R::ImportOwnLists
                | R::OnlyCoordinatorPlansTrips
                | R::OnlyCoordinatorReschedulesTrips
                | R::OnlyCoordinatorAssignsEscorts
                | R::OnlyCoordinatorCancelsTrips
                | R::OnlyCoordinatorBooks
                | R::OnlyLegEscortsDepart
                | R::OnlyLegEscortsArrive
                | R::OnlyLegEscortsHandOver
                | R::NoWitnessKey
                | R::ChildNeedsName
                | R::ChildNameEmpty
                | R::OrganisationNeedsName
                | R::SideOnlyForParty
                | R::RoleNotInOrgKind { .. }
                | R::LoginShape
                | R::OwnRoleUnchangeable
                | R::RoleNotForUsersOrganisation { .. }
                | R::NotALanguage { .. }
                | R::SelfDisable
                | R::TransitStateNoLists
                | R::CustodyOnTheWay
                | R::CustodyStart(_)
                | R::FamilyMemberNeedsName
                | R::RequestNeedsAsker
                | R::CaseNeedsParties
                | R::CaseSameParty
                | R::CaseSameSide
                | R::EvidenceNeedsDescription
                | R::MemberNotOnRecord
                | R::NoParentalResponsibility
                | R::CourtOrderNeedsReference
                | R::DetainedConsentNeedsWitness
                | R::FoundNeedsLink
                | R::GroupNeedsTwo
                | R::AddedOrganisationNeedsSide
                | R::NoConsentInForce
                | R::WithdrawalNeedsReason
                | R::BestInterestsNeedReasons
                | R::Views(
                    ViewsRule::TooOld
                    | ViewsRule::NoWords
                    | ViewsRule::NoReason
                    | ViewsRule::OnlyCoordinator
                    | ViewsRule::MustBeHeard,
                )
                | R::ApprovalHasNoDispute
                | R::ObjectionNeedsReason
                | R::FollowUpNeedsNote
                | R::ReasonTooLong
                | R::WitnessOnlyParty
                | R::WitnessKeyUnreadable(_)
                | R::WitnessKeyType
                | R::ListForPartyOnly
                | R::ListNeedsName
                | R::ListDigest
                | R::Row { .. }
                | R::RowIdLength
                | R::RowIdRepeated
                | R::TripCapacity
                | R::LegIdsRepeated
                | R::EscortNamedTwice
                | R::ProposalsNotLoaded
                | R::MatchSameRecord
                | R::MatchScoreRange
                | R::ProofBackwards { .. }
                | R::EntryNotInTree { .. }
                | R::NoTreeOfSize { .. }
                | R::CheckpointUnreadable(_)
                | R::CheckpointSize { .. }
                | R::CheckpointNotOurs { .. }
                | R::CheckpointRoot { .. }
                | R::Ledger(_)
                | R::Erased
                | R::CaseClosed { .. }
                | R::OrganisationNameTaken { .. }
                | R::LoginTaken { .. }
                | R::AlreadyHasRole
                | R::UserAlreadyDisabled
                | R::UserNotDisabled
                | R::ChildAlreadyRegistered
                | R::RequestClosedNotLinked
                | R::ChildHasOpenCase
                | R::ConsentOnRecord
                | R::RequestAlreadyClosed
                | R::CaseInAnotherGroup
                | R::GroupBeforeSubmission
                | R::AlreadyConcerned
                | R::AddPartyBeforeApproval
                | R::WitnessKeyNameTaken { .. }
                | R::ChildAlreadyErased
                | R::RequestAlreadyErased
                | R::ImportRecorded
                | R::TripExists
                | R::MatchDecided { .. }
                | R::MatchRecordGone
                | R::MatchRecordErased
                | R::MatchRecordJoined
                | R::RequestAlreadyLinked
                | R::BothHaveCases
                | R::BothGather
                | R::NothingToUndo
                | R::LinkedRequestErased
                | R::JoinedRecordHasCase
                | R::JoinNotLoaded => {}
            }
        }
        rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_rule_has_its_own_id() {
        let mut seen = HashSet::new();
        for rule in Rule::examples() {
            let id = rule.id();
            assert!(
                id.starts_with("refusal-") || id.starts_with("rule-views-"),
                "{id}"
            );
            // The examples list a rule with several arguments more than once.
            if matches!(rule, Rule::MatchDecided { .. } | Rule::Row { .. }) {
                continue;
            }
            assert!(seen.insert(id), "{id} names two rules");
        }
        let records: HashSet<_> = Record::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(records.len(), Record::ALL.len());
    }

    #[test]
    fn english_is_the_api_detail_word_for_word() {
        for (rule, english) in [
            (
                Rule::row(16, Rule::RowIdLength),
                "row 17 of the list: an id is 1 to 200 characters",
            ),
            (
                Rule::CaseClosed {
                    state: CaseState::Closed,
                },
                "the case is closed and can no longer change",
            ),
            (
                Rule::NotALanguage { lang: "fr".into() },
                "'fr' is not a language of the interface; expected one of en, uk, ru, ar",
            ),
            (
                Rule::RoleNotInOrgKind {
                    role: Role::Escort,
                    kind: OrgKind::Party,
                },
                "the role escort is not available in a party organisation",
            ),
            (
                Rule::MatchDecided {
                    status: MatchStatus::Rejected,
                },
                "this match is rejected; undo that decision before taking another",
            ),
            (
                Rule::Erased,
                "the child's personal data was erased; an erased record takes no new personal data",
            ),
        ] {
            assert_eq!(rule.to_string(), english);
        }
        assert_eq!(
            Refusal::NotFound(Record::TracingRequest).to_string(),
            "no such tracing request"
        );
    }
}
