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

mod catalogue;

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
