//! homeward-domain: the types and rules of the mediation, with no IO.
//!
//! Everything that changes the shared record is first a [`Command`] issued by an
//! [`Actor`]; [`decide`] validates it against the current facts and returns the
//! [`Event`]s it produces, or a [`Refusal`] that says exactly which rule failed.
//! The store appends those events to the ledger and projects them into tables;
//! nothing else writes.
//!
//! Each event has a public part (identifiers, states, organisations) and an
//! optional personal part (names, dates, places, notes). Only the public part
//! enters the ledger leaf; the personal part sits behind a salted commitment so
//! it can be erased on schedule without breaking the proofs.

pub mod access;
pub mod case;
pub mod casework;
pub mod command;
pub mod event;
pub mod ids;
pub mod import;
pub mod matching;
pub mod org;
pub mod record;
pub mod refusal;
pub mod transit;

pub use case::{CaseAction, CaseFacts, CaseState, Decision, TransitionError, Unmet};
pub use casework::{
    BestInterestsOutcome, ChildViews, Consent, ConsentBasis, ConsentDetails, ConsentHow,
    DisputeKind, EvidenceMethod, GroupKind, HeardHow, TracingOutcome,
};
pub use command::{Command, Refusal, decide};
pub use event::{Event, EventBody, Personal, RecordKind};
pub use ids::*;
pub use import::{
    ImportCounts, ImportKind, ImportedList, ListedChild, ListedField, ListedRecords, ListedRequest,
};
pub use matching::{
    FieldScore, MatchDecision, MatchFacts, MatchJoin, MatchKind, MatchStatus, ProposedMatch,
};
pub use org::{Actor, OrgKind, Role, Side};
pub use record::*;
pub use refusal::Rule;
pub use transit::{
    ClearanceDetails, HandoverDetails, LegPlan, Receiver, TransitRules, TripKind, TripPlan,
    TripRule, TripStatus,
};
