//! Matches: the linkage engine's proposals that two records are the same
//! child, and a person's decision on each.
//!
//! The engine runs outside the write path (it reads every record of both
//! parties); what it proposes comes back as one command, decided inside
//! the write transaction like any other. A proposal names its two records
//! by id, with the score and each field's agreement level and weight — no
//! name, date or place — so the whole queue is public ledger data.
//!
//! Confirming a match of two children's records joins them: the second
//! record is kept, as a source, under the first (`children.joined_to`).
//! Confirming a child and a tracing request links the request to the
//! child. Every decision can be undone, which puts the match back in the
//! queue and separates the records again.

use crate::ids::*;
use crate::refusal::Rule;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a match says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// Two parties' records of one child.
    Parties,
    /// Two records of one child in the same party's list.
    Duplicate,
    /// A child and a tracing request that seeks them.
    Tracing,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Parties => "parties",
            MatchKind::Duplicate => "duplicate",
            MatchKind::Tracing => "tracing",
        }
    }

    /// Both records are children's (and confirming joins them).
    pub fn joins_children(self) -> bool {
        self != MatchKind::Tracing
    }
}

impl fmt::Display for MatchKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MatchKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "parties" => Ok(MatchKind::Parties),
            "duplicate" => Ok(MatchKind::Duplicate),
            "tracing" => Ok(MatchKind::Tracing),
            _ => Err(format!(
                "'{s}' is not a kind of match; expected parties, duplicate or tracing"
            )),
        }
    }
}

/// A person's decision on a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchDecision {
    Confirm,
    Reject,
    /// Not decided yet: the reviewer wants more (a document, a call); the
    /// match leaves the pending queue but joins nothing.
    Unsure,
}

impl MatchDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchDecision::Confirm => "confirm",
            MatchDecision::Reject => "reject",
            MatchDecision::Unsure => "unsure",
        }
    }

    /// The match's status after this decision.
    pub fn status(self) -> MatchStatus {
        match self {
            MatchDecision::Confirm => MatchStatus::Confirmed,
            MatchDecision::Reject => MatchStatus::Rejected,
            MatchDecision::Unsure => MatchStatus::Unsure,
        }
    }
}

impl FromStr for MatchDecision {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "confirm" => Ok(MatchDecision::Confirm),
            "reject" => Ok(MatchDecision::Reject),
            "unsure" => Ok(MatchDecision::Unsure),
            _ => Err(format!(
                "'{s}' is not a decision; expected confirm, reject or unsure"
            )),
        }
    }
}

/// Where a match stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchStatus {
    Pending,
    Confirmed,
    Rejected,
    Unsure,
}

impl MatchStatus {
    pub const ALL: [MatchStatus; 4] = [
        MatchStatus::Pending,
        MatchStatus::Confirmed,
        MatchStatus::Rejected,
        MatchStatus::Unsure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MatchStatus::Pending => "pending",
            MatchStatus::Confirmed => "confirmed",
            MatchStatus::Rejected => "rejected",
            MatchStatus::Unsure => "unsure",
        }
    }

    /// A decision can still be taken (pending, or unsure).
    pub fn open(self) -> bool {
        matches!(self, MatchStatus::Pending | MatchStatus::Unsure)
    }
}

impl fmt::Display for MatchStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MatchStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        MatchStatus::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "'{s}' is not a match status; expected pending, confirmed, rejected or unsure"
                )
            })
    }
}

/// One field's part in a match's score: its agreement level and its weight
/// in hundredths of a bit. No value of the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldScore {
    pub field: String,
    pub level: String,
    pub weight_cbits: i32,
}

/// A pair the engine proposes. `a` is always a child's record; `b` is a
/// child's record or, for [`MatchKind::Tracing`], a tracing request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedMatch {
    pub match_id: MatchId,
    pub kind: MatchKind,
    pub a: ChildId,
    pub b: String,
    /// The engine's probability that the two records are one child, in
    /// millionths (integers keep the ledger's bytes exact).
    pub score_ppm: u32,
    /// Both names differ while patronymic, birth date and place agree: a
    /// child renamed on adoption, for a person to check.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub renamed: bool,
    pub fields: Vec<FieldScore>,
}

impl ProposedMatch {
    pub fn score(&self) -> f64 {
        self.score_ppm as f64 / 1e6
    }
}

/// What confirming a match changed, carried by the decision and its undoing
/// so that the projection needs nothing else: for children, `other` is kept
/// under `into`; for a tracing request, `other` is the request linked to
/// the child `into`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchJoin {
    pub kind: MatchKind,
    pub into: ChildId,
    pub other: String,
}

/// What the store loads about one record of a match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatchRecord {
    pub exists: bool,
    pub erased: bool,
    /// A child's record already joined under another child.
    pub joined_to: Option<ChildId>,
    /// Children's records joined under this one.
    pub joined_here: u32,
    pub open_case: bool,
    /// A tracing request already linked to a child.
    pub linked_to: Option<ChildId>,
}

/// What the store loads for a decision on a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchFacts {
    pub kind: MatchKind,
    pub a: ChildId,
    pub b: String,
    pub status: MatchStatus,
    pub a_record: MatchRecord,
    pub b_record: MatchRecord,
    /// For an undo: what the confirmation joined.
    pub join: Option<MatchJoin>,
}

/// The longest reason a decision takes.
pub const MAX_REASON: usize = 2_000;

/// Decides a batch of proposals: those whose records are gone, erased or
/// already paired (in either order) are left out, since the engine ran
/// outside the transaction. `proposable[i]` says whether proposal `i` may
/// enter the queue. Nothing left: no event.
pub(crate) fn propose(
    matches: Vec<ProposedMatch>,
    proposable: &[bool],
) -> Result<Vec<ProposedMatch>, Rule> {
    if proposable.len() != matches.len() {
        return Err(Rule::ProposalsNotLoaded);
    }
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::new();
    for (m, ok) in matches.into_iter().zip(proposable) {
        if m.a.as_str() == m.b {
            return Err(Rule::MatchSameRecord);
        }
        if m.score_ppm > 1_000_000 {
            return Err(Rule::MatchScoreRange);
        }
        let pair = if m.a.as_str() < m.b.as_str() {
            (m.a.0.clone(), m.b.clone())
        } else {
            (m.b.clone(), m.a.0.clone())
        };
        if *ok && seen.insert(pair) {
            kept.push(m);
        }
    }
    Ok(kept)
}

/// Why a decision on a match cannot be taken; `None` when it can. On a
/// confirmation of two children's records, also which record is kept as
/// the child (`into`): the first, unless only the second has an open case.
pub(crate) fn check_decision(
    facts: &MatchFacts,
    decision: MatchDecision,
) -> Result<Option<MatchJoin>, Rule> {
    if !facts.status.open() {
        return Err(Rule::MatchDecided {
            status: facts.status,
        });
    }
    if decision != MatchDecision::Confirm {
        return Ok(None);
    }
    let (a, b) = (&facts.a_record, &facts.b_record);
    if !a.exists || !b.exists {
        return Err(Rule::MatchRecordGone);
    }
    if a.erased || b.erased {
        return Err(Rule::MatchRecordErased);
    }
    if a.joined_to.is_some() || b.joined_to.is_some() {
        return Err(Rule::MatchRecordJoined);
    }
    if !facts.kind.joins_children() {
        if b.linked_to.is_some() {
            return Err(Rule::RequestAlreadyLinked);
        }
        return Ok(Some(MatchJoin {
            kind: facts.kind,
            into: facts.a.clone(),
            other: facts.b.clone(),
        }));
    }
    if a.open_case && b.open_case {
        return Err(Rule::BothHaveCases);
    }
    // The record that keeps the case, or already keeps other records,
    // stays the child; the other becomes its source.
    let b_first = (b.open_case && !a.open_case) || (b.joined_here > 0 && a.joined_here == 0);
    if b_first && (a.joined_here > 0 || a.open_case) {
        return Err(Rule::BothGather);
    }
    let (into, other) = if b_first {
        (ChildId(facts.b.clone()), facts.a.0.clone())
    } else {
        (facts.a.clone(), facts.b.clone())
    };
    Ok(Some(MatchJoin {
        kind: facts.kind,
        into,
        other,
    }))
}

/// Why a decision cannot be undone; `None` when it can.
pub(crate) fn check_undo(facts: &MatchFacts) -> Result<(), Rule> {
    if facts.status == MatchStatus::Pending {
        return Err(Rule::NothingToUndo);
    }
    if facts.status == MatchStatus::Confirmed {
        let kept = facts.join.as_ref().map(|j| &j.into);
        let other = facts.join.as_ref().map(|j| j.other.as_str());
        let other_record = if other == Some(facts.b.as_str()) {
            &facts.b_record
        } else {
            &facts.a_record
        };
        if !facts.kind.joins_children() && other_record.erased {
            return Err(Rule::LinkedRequestErased);
        }
        if facts.kind.joins_children() && other_record.open_case {
            return Err(Rule::JoinedRecordHasCase);
        }
        if kept.is_none() {
            return Err(Rule::JoinNotLoaded);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: MatchStatus) -> MatchFacts {
        let live = MatchRecord {
            exists: true,
            ..MatchRecord::default()
        };
        MatchFacts {
            kind: MatchKind::Parties,
            a: ChildId("a".into()),
            b: "b".into(),
            status,
            a_record: live.clone(),
            b_record: live,
            join: None,
        }
    }

    #[test]
    fn confirming_keeps_the_first_record_unless_only_the_second_has_a_case() {
        let f = facts(MatchStatus::Pending);
        let j = check_decision(&f, MatchDecision::Confirm).unwrap().unwrap();
        assert_eq!((j.into.as_str(), j.other.as_str()), ("a", "b"));
        let mut f = facts(MatchStatus::Unsure);
        f.b_record.open_case = true;
        let j = check_decision(&f, MatchDecision::Confirm).unwrap().unwrap();
        assert_eq!((j.into.as_str(), j.other.as_str()), ("b", "a"));
        f.a_record.open_case = true;
        assert!(check_decision(&f, MatchDecision::Confirm).is_err());
    }

    #[test]
    fn a_decided_match_takes_no_second_decision_until_undone() {
        let f = facts(MatchStatus::Rejected);
        let e = check_decision(&f, MatchDecision::Confirm).unwrap_err();
        assert!(e.to_string().contains("undo"), "{e}");
        assert!(check_undo(&f).is_ok());
        assert!(check_undo(&facts(MatchStatus::Pending)).is_err());
    }

    #[test]
    fn records_already_joined_elsewhere_or_erased_are_not_joined() {
        let mut f = facts(MatchStatus::Pending);
        f.b_record.joined_to = Some(ChildId("c".into()));
        assert!(check_decision(&f, MatchDecision::Confirm).is_err());
        assert!(check_decision(&f, MatchDecision::Reject).unwrap().is_none());
        let mut f = facts(MatchStatus::Pending);
        f.a_record.erased = true;
        assert!(check_decision(&f, MatchDecision::Confirm).is_err());
    }

    #[test]
    fn proposals_already_known_or_repeated_are_dropped() {
        let m = |a: &str, b: &str| ProposedMatch {
            match_id: MatchId(format!("{a}{b}")),
            kind: MatchKind::Parties,
            a: ChildId(a.into()),
            b: b.into(),
            score_ppm: 900_000,
            renamed: false,
            fields: vec![],
        };
        let kept = propose(
            vec![m("a", "b"), m("b", "a"), m("c", "d"), m("e", "f")],
            &[true, true, false, true],
        )
        .unwrap();
        let ids: Vec<&str> = kept.iter().map(|m| m.match_id.as_str()).collect();
        assert_eq!(ids, ["ab", "ef"]);
        assert!(propose(vec![m("a", "a")], &[true]).is_err());
    }
}
