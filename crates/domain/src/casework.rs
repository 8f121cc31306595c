//! The casework recorded on a case before it goes to the parties: how
//! evidence was verified, the best-interests assessment, the child's own
//! views, consent and on what authority it was given, and the kinds of
//! dispute a party's objection opens.
//!
//! The rules here decide what [`crate::Command::RecordBestInterests`] and
//! [`crate::Command::RecordChildViews`] may record; what `submit` needs of
//! them is in [`crate::case`].

use crate::ids::FamilyMemberId;
use serde::{Deserialize, Serialize};

/// How a piece of evidence was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceMethod {
    DocumentSeen,
    VideoCall,
    Photographs,
    BiometricReport,
    DnaReport,
    Interview,
}

impl EvidenceMethod {
    pub const ALL: [EvidenceMethod; 6] = [
        EvidenceMethod::DocumentSeen,
        EvidenceMethod::VideoCall,
        EvidenceMethod::Photographs,
        EvidenceMethod::BiometricReport,
        EvidenceMethod::DnaReport,
        EvidenceMethod::Interview,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceMethod::DocumentSeen => "document_seen",
            EvidenceMethod::VideoCall => "video_call",
            EvidenceMethod::Photographs => "photographs",
            EvidenceMethod::BiometricReport => "biometric_report",
            EvidenceMethod::DnaReport => "dna_report",
            EvidenceMethod::Interview => "interview",
        }
    }
}

/// What a best-interests assessment concluded about the child's return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BestInterestsOutcome {
    /// Returning to the family is in the child's best interests.
    Return,
    /// It is not: the case must not go to the parties as it stands.
    NoReturn,
    /// More must be known before deciding.
    Undetermined,
}

impl BestInterestsOutcome {
    pub const ALL: [BestInterestsOutcome; 3] = [
        BestInterestsOutcome::Return,
        BestInterestsOutcome::NoReturn,
        BestInterestsOutcome::Undetermined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BestInterestsOutcome::Return => "return",
            BestInterestsOutcome::NoReturn => "no_return",
            BestInterestsOutcome::Undetermined => "undetermined",
        }
    }
}

/// How the child was heard, or that they could not be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeardHow {
    InPerson,
    VideoCall,
    InWriting,
    /// Through a representative the child chose (a guardian ad litem, a
    /// trusted adult).
    ThroughRepresentative,
    /// The child's views could not be obtained (too young, too ill); the
    /// note says why. Only a coordinator records this, and never for a
    /// child of [`MUST_BE_HEARD_FROM`] or over.
    NotObtainable,
}

impl HeardHow {
    pub const ALL: [HeardHow; 5] = [
        HeardHow::InPerson,
        HeardHow::VideoCall,
        HeardHow::InWriting,
        HeardHow::ThroughRepresentative,
        HeardHow::NotObtainable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HeardHow::InPerson => "in_person",
            HeardHow::VideoCall => "video_call",
            HeardHow::InWriting => "in_writing",
            HeardHow::ThroughRepresentative => "through_representative",
            HeardHow::NotObtainable => "not_obtainable",
        }
    }

    pub fn heard(self) -> bool {
        self != HeardHow::NotObtainable
    }
}

/// On what authority a person consents to the child's return.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentBasis {
    /// A parent or guardian, by their parental responsibility.
    #[default]
    ParentalResponsibility,
    /// A court order that gives this person the decision (an aunt made
    /// guardian, a parent whose rights a court restored); the order's
    /// reference is kept with the consent.
    CourtOrder,
}

impl ConsentBasis {
    pub const ALL: [ConsentBasis; 2] = [
        ConsentBasis::ParentalResponsibility,
        ConsentBasis::CourtOrder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentBasis::ParentalResponsibility => "parental_responsibility",
            ConsentBasis::CourtOrder => "court_order",
        }
    }
}

/// How a consent was obtained.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentHow {
    #[default]
    InPerson,
    VideoCall,
    InWriting,
    /// Through the authority that holds the person (a parent in detention),
    /// with a witness named.
    ThroughDetainingAuthority,
}

impl ConsentHow {
    pub const ALL: [ConsentHow; 4] = [
        ConsentHow::InPerson,
        ConsentHow::VideoCall,
        ConsentHow::InWriting,
        ConsentHow::ThroughDetainingAuthority,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentHow::InPerson => "in_person",
            ConsentHow::VideoCall => "video_call",
            ConsentHow::InWriting => "in_writing",
            ConsentHow::ThroughDetainingAuthority => "through_detaining_authority",
        }
    }
}

/// What a consent records besides who gave it, kept in the personal part of
/// `consent_recorded`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentDetails {
    pub note: String,
    pub how: ConsentHow,
    /// Who witnessed it (required when given through a detaining
    /// authority).
    pub witness: String,
    /// The court order's reference (required for a consent by court order).
    pub court_order: String,
}

/// Whether a consent on `basis` by `member` gives them the decision, for a
/// child with this family record: named by a court order (anyone on the
/// record), or a relative with parental responsibility. The one rule the
/// domain, the case page's checklist and the handover form apply.
pub fn consent_decides(
    basis: ConsentBasis,
    member: &FamilyMemberId,
    family: &[(FamilyMemberId, crate::record::Relationship)],
) -> bool {
    family.iter().any(|(m, rel)| {
        m == member
            && match basis {
                ConsentBasis::CourtOrder => true,
                ConsentBasis::ParentalResponsibility => rel.can_consent(),
            }
    })
}

/// A consent in force on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub member: FamilyMemberId,
    pub basis: ConsentBasis,
    /// The ledger sequence number of the consent, which a withdrawal names.
    pub seq: i64,
}

/// From this age a child near adulthood must have been heard: their views
/// can't be recorded as not obtainable.
pub const MUST_BE_HEARD_FROM: u8 = 16;

/// The oldest age a child's views are recorded at: this is a child's case.
pub const OLDEST_CHILD_AGE: u8 = 17;

/// What an objection is about; the coordinator resolves the dispute it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeKind {
    Identity,
    FamilyLink,
    Consent,
    Other,
}

impl DisputeKind {
    pub const ALL: [DisputeKind; 4] = [
        DisputeKind::Identity,
        DisputeKind::FamilyLink,
        DisputeKind::Consent,
        DisputeKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DisputeKind::Identity => "identity",
            DisputeKind::FamilyLink => "family_link",
            DisputeKind::Consent => "consent",
            DisputeKind::Other => "other",
        }
    }
}

/// Why cases are grouped: they are submitted, approved and booked together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Siblings,
    /// Children who are not siblings but must travel together (cousins
    /// raised together, a child and the baby they care for).
    TravelTogether,
}

impl GroupKind {
    pub const ALL: [GroupKind; 2] = [GroupKind::Siblings, GroupKind::TravelTogether];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Siblings => "siblings",
            GroupKind::TravelTogether => "travel_together",
        }
    }
}

/// How a tracing request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TracingOutcome {
    /// The child was found: the request is linked to the child's record.
    Found,
    NotFound,
    /// The family withdrew the request.
    Withdrawn,
}

impl TracingOutcome {
    pub const ALL: [TracingOutcome; 3] = [
        TracingOutcome::Found,
        TracingOutcome::NotFound,
        TracingOutcome::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TracingOutcome::Found => "found",
            TracingOutcome::NotFound => "not_found",
            TracingOutcome::Withdrawn => "withdrawn",
        }
    }
}

/// The latest hearing of the child, as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildViews {
    pub how: HeardHow,
    pub age_years: u8,
}

/// Why a record of the child's views is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewsRule {
    TooOld,
    NoWords,
    NoReason,
    OnlyCoordinator,
    MustBeHeard,
}

impl ViewsRule {
    /// The message id in the web UI's catalogues.
    pub fn id(self) -> &'static str {
        match self {
            ViewsRule::TooOld => "rule-views-too-old",
            ViewsRule::NoWords => "rule-views-no-words",
            ViewsRule::NoReason => "rule-views-no-reason",
            ViewsRule::OnlyCoordinator => "rule-views-only-coordinator",
            ViewsRule::MustBeHeard => "rule-views-must-be-heard",
        }
    }
}

impl std::fmt::Display for ViewsRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ViewsRule::TooOld => write!(
                f,
                "a child's views are recorded up to the age of {OLDEST_CHILD_AGE}"
            ),
            ViewsRule::NoWords => {
                f.write_str("the child's views must be recorded in the child's words")
            }
            ViewsRule::NoReason => {
                f.write_str("a view that could not be obtained needs the reason")
            }
            ViewsRule::OnlyCoordinator => {
                f.write_str("only a coordinator records that a child's views could not be obtained")
            }
            ViewsRule::MustBeHeard => write!(
                f,
                "a child of {MUST_BE_HEARD_FROM} or over must be heard; their views cannot be recorded as not obtainable"
            ),
        }
    }
}

/// Checks a record of the child's views before it is made; `coordinator`
/// says whether the actor is a mediator coordinator. Pure, so a form can
/// ask it first and name the rule in the reader's language.
pub fn check_views(views: ChildViews, coordinator: bool, text: &str) -> Result<(), ViewsRule> {
    if views.age_years > OLDEST_CHILD_AGE {
        return Err(ViewsRule::TooOld);
    }
    if text.trim().is_empty() {
        return Err(if views.how.heard() {
            ViewsRule::NoWords
        } else {
            ViewsRule::NoReason
        });
    }
    if !views.how.heard() {
        if !coordinator {
            return Err(ViewsRule::OnlyCoordinator);
        }
        if views.age_years >= MUST_BE_HEARD_FROM {
            return Err(ViewsRule::MustBeHeard);
        }
    }
    Ok(())
}
