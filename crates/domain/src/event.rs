//! Events: what happened, as recorded in the ledger.
//!
//! [`EventBody`] is the public part that enters the ledger leaf: identifiers,
//! states, organisations. [`Personal`] is the part about people; it is stored
//! beside the leaf behind a salted commitment and can be erased.
//!
//! The JSON of both parts is the event's stored form. Field order is the
//! declaration order, so the same event always serialises to the same bytes.

use crate::case::{CaseAction, CaseState, Decision};
use crate::casework::{
    BestInterestsOutcome, ConsentBasis, ConsentDetails, DisputeKind, EvidenceMethod, GroupKind,
    HeardHow, TracingOutcome,
};
use crate::ids::*;
use crate::import::ImportKind;
use crate::matching::{MatchDecision, MatchJoin, MatchStatus, ProposedMatch};
use crate::org::{OrgKind, Role, Side};
use crate::record::*;
use crate::transit::{ClearanceDetails, HandoverDetails, Receiver, TripKind, TripPlan};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventBody {
    LedgerKeyRegistered {
        key_id: String,
        public_key: String,
    },
    OrganisationRegistered {
        org_id: OrgId,
        name: String,
        kind: OrgKind,
        side: Option<Side>,
    },
    UserRegistered {
        user_id: UserId,
        login: String,
        org_id: OrgId,
        role: Role,
    },
    PasswordSet {
        user_id: UserId,
    },
    /// The user can no longer sign in; every session and token they held
    /// ended with this event.
    UserDisabled {
        user_id: UserId,
    },
    RoleChanged {
        user_id: UserId,
        role: Role,
    },
    UserEnabled {
        user_id: UserId,
    },
    LanguageChosen {
        user_id: UserId,
        lang: String,
    },
    ChildRegistered {
        child_id: ChildId,
        org_id: OrgId,
        list_name: String,
        import_id: Option<ImportId>,
        /// The child's id in the party's list, when it came with one (an
        /// import). Absent in events recorded before imports, whose bytes
        /// are unchanged.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        external_id: Option<String>,
    },
    ChildAmended {
        child_id: ChildId,
    },
    CustodyRecorded {
        child_id: ChildId,
        custody_no: u32,
        kind: CustodyKind,
        since: String,
    },
    FamilyMemberAdded {
        member_id: FamilyMemberId,
        child_id: ChildId,
        relationship: Relationship,
    },
    TracingRequestFiled {
        request_id: TracingRequestId,
        org_id: OrgId,
        /// The request's id in the party's list, when it came in a list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        external_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        import_id: Option<ImportId>,
    },
    /// A later list changed what a tracing request says; the personal part
    /// holds the whole request as it now reads.
    TracingRequestAmended {
        request_id: TracingRequestId,
    },
    /// A party's list was imported: one entry per import, before the
    /// records it registered or amended (which carry its id). `sha256` is
    /// the file's; the counts are what the import did. Recorded even when
    /// it changed nothing: the ledger says what each party sent, and when.
    ListImported {
        import_id: ImportId,
        org_id: OrgId,
        kind: ImportKind,
        list_name: String,
        sha256: String,
        rows: u64,
        new: u64,
        updated: u64,
        unchanged: u64,
        /// Rows naming a record whose personal data was erased: left erased.
        #[serde(default, skip_serializing_if = "is_zero")]
        erased: u64,
    },
    TracingRequestLinked {
        request_id: TracingRequestId,
        child_id: ChildId,
    },
    CaseOpened {
        case_id: CaseId,
        child_id: ChildId,
        party_a: OrgId,
        party_b: OrgId,
    },
    EvidenceAdded {
        case_id: CaseId,
        evidence_no: u32,
        kind: EvidenceKind,
        /// How it was verified (absent in events recorded before methods
        /// were kept).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<EvidenceMethod>,
    },
    /// A best-interests assessment; its reasons are the personal note.
    BestInterestsAssessed {
        case_id: CaseId,
        assessment_no: u32,
        outcome: BestInterestsOutcome,
    },
    /// The child's own views (the note, in the child's words), or why they
    /// could not be obtained.
    ChildViewsRecorded {
        case_id: CaseId,
        assessment_no: u32,
        how: HeardHow,
        age_years: u8,
    },
    /// A consent; how, the witness, a court order's reference and the note
    /// are in the personal part ([`Personal::Consent`]).
    ConsentRecorded {
        case_id: CaseId,
        member_id: FamilyMemberId,
        #[serde(default)]
        basis: ConsentBasis,
    },
    /// A tracing request ended: the child found, not found, or the request
    /// withdrawn.
    TracingRequestClosed {
        request_id: TracingRequestId,
        outcome: TracingOutcome,
    },
    /// Cases submitted, approved and booked together.
    CasesGrouped {
        group_id: GroupId,
        kind: GroupKind,
        cases: Vec<CaseId>,
    },
    /// Another agency of one side now concerns the case; `others` is every
    /// organisation added so far, this one last.
    CasePartyAdded {
        case_id: CaseId,
        org_id: OrgId,
        side: Side,
        others: Vec<OrgId>,
    },
    /// The person whose consent was on record took it back; the reason is
    /// the personal note. The case is put on hold in the same command.
    ConsentWithdrawn {
        case_id: CaseId,
        member_id: FamilyMemberId,
        /// The ledger number of the consent withdrawn (absent in
        /// withdrawals recorded when a case had one consent at most).
        #[serde(default)]
        consent_seq: Option<i64>,
        /// The latest consent still in force afterwards, if any.
        #[serde(default)]
        on_record: Option<FamilyMemberId>,
    },
    CaseTransitioned {
        case_id: CaseId,
        action: CaseAction,
        from: CaseState,
        to: CaseState,
    },
    PartyDecisionRecorded {
        case_id: CaseId,
        org_id: OrgId,
        decision: Decision,
        /// The size of the largest checkpoint this party's witness had
        /// cosigned when it decided: the history the party had checked.
        /// Absent when the party has no witness or it cosigned nothing (and
        /// in events recorded before witnesses existed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        witnessed_size: Option<u64>,
        /// What an objection disputes (absent for approvals and in events
        /// recorded before disputes had kinds).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dispute: Option<DisputeKind>,
    },
    /// A trip was planned. Where and when it goes is in the personal part
    /// ([`crate::transit::TripPlan`]); the public body names its legs and
    /// escorts only.
    TripPlanned {
        trip_id: TripId,
        kind: TripKind,
        capacity: u32,
        legs: Vec<LegId>,
        /// Each leg's escorts, in the order of `legs`.
        leg_escorts: Vec<Vec<UserId>>,
        /// Every escort of the trip.
        escorts: Vec<UserId>,
    },
    /// New times (or names of places) for a planned trip's legs, in the
    /// personal part; the legs whose times changed need clearance again.
    TripRescheduled {
        trip_id: TripId,
        changed_legs: Vec<LegId>,
    },
    EscortsAssigned {
        trip_id: TripId,
        leg_id: LegId,
        escorts: Vec<UserId>,
        /// Every escort of the trip afterwards.
        trip_escorts: Vec<UserId>,
    },
    /// The reason is the personal part; the booked cases return to
    /// `approved` in the same command.
    TripCancelled {
        trip_id: TripId,
    },
    /// A transit state's answer for a leg; the reference number and
    /// conditions are the personal part.
    ClearanceRecorded {
        trip_id: TripId,
        leg_id: LegId,
        org_id: OrgId,
        granted: bool,
    },
    /// The time is the personal part.
    LegDeparted {
        trip_id: TripId,
        leg_id: LegId,
    },
    LegArrived {
        trip_id: TripId,
        leg_id: LegId,
    },
    CaseBookedOnTrip {
        case_id: CaseId,
        trip_id: TripId,
    },
    /// A child handed over at the end of a leg; names, place and time are
    /// the personal part. The custody change is a `custody_recorded` event
    /// of the same command.
    HandoverRecorded {
        trip_id: TripId,
        leg_id: LegId,
        case_id: CaseId,
        to: Receiver,
        /// The escort (or coordinator) who handed the child over.
        handed_over_by: UserId,
    },
    FollowUpRecorded {
        case_id: CaseId,
        follow_up_no: u32,
    },
    /// The personal parts of the listed events were erased. The event itself
    /// holds no personal data, so it says only which entries and why.
    PersonalDataErased {
        child_id: ChildId,
        cases: Vec<CaseId>,
        seqs: Vec<u64>,
        reason: ErasureReason,
        /// Tracing requests linked to the child: their copies of the child's
        /// data were erased with it (their entries are among `seqs`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tracing_requests: Vec<TracingRequestId>,
    },
    /// The personal part of a tracing request (the sought child, the
    /// requester and their contacts) was erased.
    TracingRequestErased {
        request_id: TracingRequestId,
        seqs: Vec<u64>,
        reason: ErasureReason,
    },
    /// Someone was shown records: one entry per request, listing every
    /// record whose personal data the answer carried. Identifiers only.
    RecordsAccessed {
        user_id: UserId,
        org_id: OrgId,
        via: String,
        records: Vec<AccessedRecord>,
    },
    /// Someone looked at a record (one entry per record; written before
    /// [`EventBody::RecordsAccessed`] grouped them, still read). Identifiers and the endpoint or page only:
    /// the access log holds no personal data, so it is never erased.
    RecordAccessed {
        user_id: UserId,
        org_id: OrgId,
        record_kind: RecordKind,
        record_id: String,
        via: String,
    },
    /// The linkage engine proposed these pairs for review.
    MatchesProposed {
        matches: Vec<ProposedMatch>,
    },
    /// A reviewer decided on a match; a confirmation joins what `join`
    /// says. The reason, if given, is the personal part (a note).
    MatchDecided {
        match_id: MatchId,
        decision: MatchDecision,
        by: UserId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        join: Option<MatchJoin>,
    },
    /// A decision was taken back: the match is pending again and what the
    /// confirmation joined is separate again.
    MatchDecisionUndone {
        match_id: MatchId,
        was: MatchStatus,
        by: UserId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        join: Option<MatchJoin>,
    },
    /// A party's witness key was registered or replaced: from now on the
    /// mediator takes this key's cosignatures from that party's users, and
    /// verification checks them.
    WitnessKeyRegistered {
        org_id: OrgId,
        name: String,
        key_id: String,
        verifier_key: String,
    },
}

/// One record in a [`EventBody::RecordsAccessed`] entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccessedRecord {
    pub kind: RecordKind,
    pub id: String,
}

/// The kinds of record whose reads are logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Child,
    Case,
    TracingRequest,
    Manifest,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Child => "child",
            RecordKind::Case => "case",
            RecordKind::TracingRequest => "tracing_request",
            RecordKind::Manifest => "manifest",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Identity,
    Family,
    Reunion,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErasureReason {
    RetentionPeriodEnded,
    FamilyRequest,
    CourtOrder,
}

impl EventBody {
    /// The event's kind as stored in the ledger envelope.
    pub fn kind(&self) -> &'static str {
        match self {
            EventBody::LedgerKeyRegistered { .. } => "ledger_key_registered",
            EventBody::OrganisationRegistered { .. } => "organisation_registered",
            EventBody::UserRegistered { .. } => "user_registered",
            EventBody::PasswordSet { .. } => "password_set",
            EventBody::UserDisabled { .. } => "user_disabled",
            EventBody::RoleChanged { .. } => "role_changed",
            EventBody::UserEnabled { .. } => "user_enabled",
            EventBody::LanguageChosen { .. } => "language_chosen",
            EventBody::ChildRegistered { .. } => "child_registered",
            EventBody::ChildAmended { .. } => "child_amended",
            EventBody::CustodyRecorded { .. } => "custody_recorded",
            EventBody::FamilyMemberAdded { .. } => "family_member_added",
            EventBody::TracingRequestFiled { .. } => "tracing_request_filed",
            EventBody::TracingRequestAmended { .. } => "tracing_request_amended",
            EventBody::ListImported { .. } => "list_imported",
            EventBody::TracingRequestLinked { .. } => "tracing_request_linked",
            EventBody::CaseOpened { .. } => "case_opened",
            EventBody::EvidenceAdded { .. } => "evidence_added",
            EventBody::BestInterestsAssessed { .. } => "best_interests_assessed",
            EventBody::ChildViewsRecorded { .. } => "child_views_recorded",
            EventBody::ConsentRecorded { .. } => "consent_recorded",
            EventBody::ConsentWithdrawn { .. } => "consent_withdrawn",
            EventBody::CasePartyAdded { .. } => "case_party_added",
            EventBody::CasesGrouped { .. } => "cases_grouped",
            EventBody::TracingRequestClosed { .. } => "tracing_request_closed",
            EventBody::CaseTransitioned { .. } => "case_transitioned",
            EventBody::PartyDecisionRecorded { .. } => "party_decision_recorded",
            EventBody::TripPlanned { .. } => "trip_planned",
            EventBody::TripRescheduled { .. } => "trip_rescheduled",
            EventBody::EscortsAssigned { .. } => "escorts_assigned",
            EventBody::TripCancelled { .. } => "trip_cancelled",
            EventBody::ClearanceRecorded { .. } => "clearance_recorded",
            EventBody::LegDeparted { .. } => "leg_departed",
            EventBody::LegArrived { .. } => "leg_arrived",
            EventBody::CaseBookedOnTrip { .. } => "case_booked_on_trip",
            EventBody::HandoverRecorded { .. } => "handover_recorded",
            EventBody::FollowUpRecorded { .. } => "follow_up_recorded",
            EventBody::PersonalDataErased { .. } => "personal_data_erased",
            EventBody::TracingRequestErased { .. } => "tracing_request_erased",
            EventBody::RecordsAccessed { .. } => "records_accessed",
            EventBody::RecordAccessed { .. } => "record_accessed",
            EventBody::WitnessKeyRegistered { .. } => "witness_key_registered",
            EventBody::MatchesProposed { .. } => "matches_proposed",
            EventBody::MatchDecided { .. } => "match_decided",
            EventBody::MatchDecisionUndone { .. } => "match_decision_undone",
        }
    }

    /// The child whose personal data this event carries, for erasure.
    pub fn child(&self) -> Option<&ChildId> {
        match self {
            EventBody::ChildRegistered { child_id, .. }
            | EventBody::ChildAmended { child_id }
            | EventBody::CustodyRecorded { child_id, .. }
            | EventBody::FamilyMemberAdded { child_id, .. } => Some(child_id),
            _ => None,
        }
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The personal part of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Personal {
    PasswordHash {
        hash: String,
    },
    Child(ChildDetails),
    Custody(CustodyPlace),
    FamilyMember(FamilyMemberDetails),
    Tracing(TracingDetails),
    /// A free-text note: a reason, a description of evidence, a follow-up.
    Note {
        text: String,
    },
    /// How a consent was given, its witness, a court order's reference.
    Consent(ConsentDetails),
    /// Where and when a trip goes.
    TripPlan(TripPlan),
    Clearance(ClearanceDetails),
    Handover(HandoverDetails),
    /// When something happened (a departure, an arrival), seconds since
    /// the Unix epoch.
    Time {
        at: i64,
    },
}

impl Personal {
    /// Parses a personal part as serde does, faster for a child's details.
    ///
    /// serde reads an internally tagged enum by first buffering the whole
    /// object, then reading the buffer; a child's details are most of a
    /// large ledger and the buffering most of their parsing. The write path
    /// writes the tag first, so `{"type":"child",REST` is the details
    /// `{REST` and is read directly. Anything else, and anything that does
    /// not read that way, goes through serde's own path. The two agree on
    /// every part the write path can produce (a part is committed to by its
    /// signed entry, so no other can pass verification).
    pub fn from_json(bytes: &[u8]) -> serde_json::Result<Personal> {
        const CHILD: &[u8] = br#"{"type":"child","#;
        if let Some(rest) = bytes.strip_prefix(CHILD) {
            let mut details = Vec::with_capacity(rest.len() + 1);
            details.push(b'{');
            details.extend_from_slice(rest);
            if let Ok(details) = serde_json::from_slice::<ChildDetails>(&details) {
                return Ok(Personal::Child(details));
            }
        }
        serde_json::from_slice(bytes)
    }
}

/// One event with both its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub body: EventBody,
    pub personal: Option<Personal>,
}

impl Event {
    pub fn public(body: EventBody) -> Event {
        Event {
            body,
            personal: None,
        }
    }

    pub fn with_personal(body: EventBody, personal: Personal) -> Event {
        Event {
            body,
            personal: Some(personal),
        }
    }

    pub fn body_json(&self) -> Vec<u8> {
        serde_json::to_vec(&self.body).expect("event bodies always serialise")
    }

    pub fn personal_json(&self) -> Option<Vec<u8>> {
        self.personal
            .as_ref()
            .map(|p| serde_json::to_vec(p).expect("personal parts always serialise"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_path(bytes: &[u8]) -> Option<Personal> {
        serde_json::from_slice(bytes).ok()
    }

    #[test]
    fn personal_from_json_reads_what_serde_reads() {
        let child = ChildDetails {
            names: vec![PersonName {
                family_name: "Шевченко \"Т\"".into(),
                given_name: "Олександр".into(),
                patronymic: Some("Петрович".into()),
                lang: "uk".into(),
                kind: NameKind::Recorded,
            }],
            sex: Some(Sex::F),
            birth_date: BirthDate::parse("2014-03-09").ok(),
            birth_place: Some(Place::named("uk", "Харків")),
            documents: vec![IdentityDocument {
                kind: DocumentKind::BirthCertificate,
                number: "I-ХА 123".into(),
                issued_by: "РАЦС".into(),
            }],
            circumstances: vec![Circumstance::MedicalNeeds {
                note: "asthma".into(),
            }],
        };
        let parts = [
            Personal::Child(child),
            Personal::Child(ChildDetails::default()),
            Personal::Note {
                text: "{\"type\":\"child\",".into(),
            },
            Personal::Time { at: 1_700_000_000 },
        ];
        for part in parts {
            let bytes = serde_json::to_vec(&part).unwrap();
            assert_eq!(Personal::from_json(&bytes).unwrap(), part);
            assert_eq!(serde_path(&bytes), Some(part));
        }
        // The tag elsewhere than first, and parts that do not read: the
        // same answer as serde's.
        for text in [
            r#"{"names":[],"sex":null,"birth_date":null,"birth_place":null,"type":"child"}"#,
            r#"{"type":"child","names":5}"#,
            r#"{"type":"child",}"#,
            r#"{"type":"child","names":[],"sex":null,"birth_date":null,"birth_place":null}x"#,
            r#"{"type":"custody","names":[]}"#,
        ] {
            let fast = Personal::from_json(text.as_bytes()).ok();
            assert_eq!(fast, serde_path(text.as_bytes()), "{text}");
        }
        assert!(Personal::from_json(br#"{"type":"child","names":5}"#).is_err());
    }
}
