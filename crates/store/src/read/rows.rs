//! What the read side returns, and the filters lists take.

use homeward_domain::access::{CaseScope, ChildScope};
use homeward_domain::event::{AccessedRecord, EvidenceKind, RecordKind};
use homeward_domain::*;

/// A child as a list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildSummary {
    pub id: ChildId,
    pub org_id: OrgId,
    pub list_name: String,
    /// `None` once the personal data was erased.
    pub details: Option<ChildDetails>,
    pub custody_kind: Option<CustodyKind>,
    pub erased: bool,
    /// The child's latest case and its state.
    pub case: Option<(CaseId, CaseState)>,
    /// The ledger entries that registered and last changed the record.
    pub registered_seq: i64,
    pub updated_seq: i64,
    /// The record's id in its party's list, when it came in one.
    pub external_id: Option<String>,
    /// The child this record was joined under by a confirmed match: the
    /// record is then one of that child's sources.
    pub joined_to: Option<ChildId>,
    pub scope: ChildScope,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CustodyRow {
    pub custody_no: i64,
    pub kind: CustodyKind,
    pub since: String,
    pub place: Option<CustodyPlace>,
    pub seq: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FamilyMemberRow {
    pub id: FamilyMemberId,
    pub child_id: ChildId,
    pub relationship: Relationship,
    pub details: Option<FamilyMemberDetails>,
    pub seq: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TracingRequestRow {
    pub id: TracingRequestId,
    pub org_id: OrgId,
    pub details: Option<TracingDetails>,
    pub child_id: Option<ChildId>,
    /// `open`, `linked`, `closed` or `erased`.
    pub status: String,
    pub seq: i64,
    /// How a closed request ended.
    pub outcome: Option<TracingOutcome>,
}

impl ChildSummary {
    /// What showing this row shows, for the access log: the child, unless
    /// its personal data was erased.
    pub fn accessed(&self) -> Option<AccessedRecord> {
        self.details.as_ref().map(|_| AccessedRecord {
            kind: RecordKind::Child,
            id: self.id.0.clone(),
        })
    }
}

impl TracingRequestRow {
    /// What showing this request shows, for the access log: the request,
    /// and the child it is linked to (the request holds a copy of the
    /// child's data); nothing once it was erased.
    pub fn accessed(&self) -> Vec<AccessedRecord> {
        if self.details.is_none() {
            return Vec::new();
        }
        let mut out = vec![AccessedRecord {
            kind: RecordKind::TracingRequest,
            id: self.id.0.clone(),
        }];
        if let Some(child) = &self.child_id {
            out.push(AccessedRecord {
                kind: RecordKind::Child,
                id: child.0.clone(),
            });
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseSummary {
    pub id: CaseId,
    pub child_id: ChildId,
    pub party_a: OrgId,
    pub party_b: OrgId,
    pub state: CaseState,
    pub consent_by: Option<FamilyMemberId>,
    pub trip_id: Option<TripId>,
    pub opened_seq: i64,
    pub updated_seq: i64,
    pub scope: CaseScope,
    /// The group the case moves with, and why.
    pub group: Option<(GroupId, GroupKind)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub seq: i64,
    pub action: CaseAction,
    pub from: CaseState,
    pub to: CaseState,
    pub note: Option<String>,
    /// Microseconds since the Unix epoch.
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    pub seq: i64,
    pub org_id: OrgId,
    pub decision: Decision,
    pub note: Option<String>,
    /// What an objection disputes.
    pub dispute: Option<DisputeKind>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRow {
    pub evidence_no: i64,
    pub kind: EvidenceKind,
    pub method: Option<EvidenceMethod>,
    pub description: Option<String>,
    pub seq: i64,
}

/// What an assessment on a case found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Finding {
    BestInterests(BestInterestsOutcome),
    ChildViews(ChildViews),
}

/// A best-interests assessment or a record of the child's views; the note
/// holds the reasons or the child's words.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentRow {
    pub assessment_no: i64,
    pub finding: Finding,
    pub note: Option<String>,
    pub seq: i64,
}

/// Who recorded a ledger entry, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Authorship {
    pub user: UserId,
    pub org: OrgId,
    /// Microseconds since the Unix epoch.
    pub at: i64,
}

/// A consent recorded on a case, in force or withdrawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsentRow {
    pub seq: i64,
    pub member_id: FamilyMemberId,
    pub basis: ConsentBasis,
    /// How it was obtained, its witness, a court order's reference and the
    /// note (personal: `None` once erased).
    pub how: Option<ConsentHow>,
    pub witness: Option<String>,
    pub court_order: Option<String>,
    pub note: Option<String>,
    /// The withdrawal that ended it, with its reason.
    pub withdrawn_seq: Option<i64>,
    pub withdraw_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRow {
    pub follow_up_no: i64,
    pub note: Option<String>,
    pub seq: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HandoverRow {
    pub seq: i64,
    pub trip_id: TripId,
    pub leg_id: LegId,
    pub case_id: CaseId,
    /// The receiving official's name (personal; `None` once erased).
    pub received_by: Option<String>,
    /// `official` or `family_member`; `None` in handovers recorded before
    /// receivers were kept.
    pub receiver_kind: Option<String>,
    /// The organisation (official) or family member who received the child.
    pub receiver_id: Option<String>,
    pub place: Option<String>,
    /// Seconds since the Unix epoch.
    pub at: Option<i64>,
    pub handed_over_by: Option<UserId>,
    /// The family member's record, when a family member received the
    /// child (personal; `None` once erased).
    pub receiving_member: Option<FamilyMemberDetails>,
}

/// A case with everything recorded on it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRecord {
    pub summary: CaseSummary,
    pub history: Vec<HistoryRow>,
    pub decisions: Vec<DecisionRow>,
    pub evidence: Vec<EvidenceRow>,
    pub assessments: Vec<AssessmentRow>,
    pub follow_ups: Vec<FollowUpRow>,
    /// Every consent recorded, oldest first.
    pub consents: Vec<ConsentRow>,
    pub handovers: Vec<HandoverRow>,
    /// Who recorded each piece of evidence, assessment, decision,
    /// follow-up visit, consent and withdrawal, by ledger sequence number.
    pub authors: std::collections::HashMap<i64, Authorship>,
}

/// A child's page: the record, where the child has lived, the family, the
/// tracing requests linked to the child, and every case with its history.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildRecord {
    pub summary: ChildSummary,
    pub custody: Vec<CustodyRow>,
    pub family: Vec<FamilyMemberRow>,
    pub tracing_requests: Vec<TracingRequestRow>,
    pub cases: Vec<CaseRecord>,
    /// How many records are joined under this one
    /// ([`crate::Store::joined_records`] reads them).
    pub joined_records: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationRow {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub side: Option<Side>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub id: UserId,
    pub login: String,
    pub org_id: OrgId,
    pub role: Role,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegRow {
    pub leg_id: LegId,
    pub trip_id: TripId,
    pub position: i64,
    pub from_place: String,
    pub to_place: String,
    pub transit_org: Option<OrgId>,
    pub carrier: String,
    /// Seconds since the Unix epoch.
    pub departs_at: i64,
    pub arrives_at: Option<i64>,
    pub escorts: Vec<UserId>,
    /// `granted` or `refused`; `None` until the transit state answers.
    pub clearance: Option<String>,
    pub clearance_ref: Option<String>,
    pub clearance_conditions: Option<String>,
    pub departed_at: Option<i64>,
    pub arrived_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TripRow {
    pub id: TripId,
    pub name: String,
    pub kind: Option<TripKind>,
    pub carrier: Option<String>,
    pub status: TripStatus,
    pub capacity: i64,
    pub escorts: Vec<UserId>,
    /// For a transit state, only the legs through its territory.
    pub legs: Vec<LegRow>,
    pub booked: i64,
}

/// One child on a trip, as a manifest lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestEntry {
    pub case_id: CaseId,
    pub child_id: ChildId,
    pub state: CaseState,
    pub details: Option<ChildDetails>,
    /// The family member whose consent is on record: the one the child
    /// goes to.
    pub consent_by: Option<FamilyMemberId>,
    /// That family member's record, read with the manifest (one query for
    /// the whole trip rather than one per child).
    pub guardian: Option<FamilyMemberRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AccessLogRow {
    pub seq: i64,
    /// Microseconds since the Unix epoch.
    pub at: i64,
    pub user_id: UserId,
    pub login: Option<String>,
    pub org_id: OrgId,
    pub record_kind: RecordKind,
    pub record_id: String,
    pub via: String,
}

/// Cases in one state for one submitting party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyStateCount {
    pub org_id: OrgId,
    pub org_name: String,
    pub state: CaseState,
    pub count: i64,
}

#[derive(Debug, Clone, Default)]
pub struct ChildFilter {
    /// Names in any script and spelling.
    pub q: Option<String>,
    /// The submitting organisation.
    pub org: Option<OrgId>,
    pub sex: Option<Sex>,
    pub born_from: Option<i32>,
    pub born_to: Option<i32>,
    pub custody: Option<CustodyKind>,
    /// Children with a case in this state.
    pub case_state: Option<CaseState>,
    pub limit: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub state: Option<CaseState>,
    /// Cases concerning this party.
    pub party: Option<OrgId>,
    pub child: Option<ChildId>,
    pub trip: Option<TripId>,
    pub limit: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, Default)]
pub struct TracingFilter {
    pub org: Option<OrgId>,
    /// `open` or `linked`.
    pub status: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, Default)]
pub struct AccessLogFilter {
    pub record_kind: Option<RecordKind>,
    pub record_id: Option<String>,
    pub user: Option<UserId>,
    pub limit: u32,
    pub offset: u32,
}
