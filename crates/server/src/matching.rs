//! Matching inside the database: the linkage engine over the stored
//! records, its pairs proposed to the review queue.
//!
//! A run reads every live record (not erased, not joined under another
//! child; tracing requests not yet linked), compares each party's children
//! with every other party's, each party's list with itself, and the
//! children with the open tracing requests, and proposes what the engine
//! links together with its review band (pairs above [`REVIEW_FLOOR`], and
//! renamed children). The domain leaves out pairs already in the queue,
//! whatever was decided on them, so a run after each import proposes only
//! what is new: the new rows against what is stored.
//!
//! The engine fits its model to the lists of each run; a run over the
//! lists as they are is what makes a later list's rows meet the earlier
//! ones, and it takes seconds at the sizes the parties send.

use homeward_domain::*;
use homeward_linkage::{self as linkage, LinkOptions, Model, PartialDate};
use homeward_store::read::{MatchFilter, MatchInput};
use homeward_store::{Store, StoreError};
use std::collections::BTreeMap;

/// Pairs below the linking threshold but at least this probable are
/// proposed for review too.
pub const REVIEW_FLOOR: f64 = 0.2;

/// Proposals per command: each is checked against the queue in the write
/// transaction, so a large run is split.
const PER_COMMAND: usize = 1_000;

/// What one run found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct MatchRun {
    /// Live children's records and open tracing requests compared.
    pub children: usize,
    pub tracing_requests: usize,
    /// Pairs the engine put forward, by kind, before the queue's own.
    pub found: BTreeMap<String, usize>,
    /// Of those, pairs new to the queue.
    pub proposed: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum MatchRunError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the matching run was refused: {0}")]
    Refused(Refusal),
    #[error("the matching run stopped: {0}")]
    Join(#[from] tokio::task::JoinError),
}

/// A linkage record for the child's details (the spelling as recorded,
/// then the first that has a name).
pub fn linkage_record(id: &str, d: &ChildDetails) -> linkage::Record {
    let name = d
        .names
        .iter()
        .find(|n| !n.family_name.trim().is_empty() || !n.given_name.trim().is_empty());
    let birth_date = d.birth_date.map(|b| match b {
        BirthDate::Day { year, month, day } => PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        },
        BirthDate::Month { year, month } => PartialDate {
            year,
            month: Some(month),
            day: None,
        },
        BirthDate::Year { year } => PartialDate {
            year,
            month: None,
            day: None,
        },
        BirthDate::EstimatedAge { age, on } => PartialDate {
            year: on.0 - age as i32,
            month: None,
            day: None,
        },
    });
    linkage::Record {
        id: id.to_owned(),
        family_name: name.map(|n| n.family_name.clone()).unwrap_or_default(),
        given_name: name.map(|n| n.given_name.clone()).unwrap_or_default(),
        patronymic: name.and_then(|n| n.patronymic.clone()).unwrap_or_default(),
        sex: d.sex.map(|s| match s {
            Sex::M => linkage::Sex::Male,
            Sex::F => linkage::Sex::Female,
        }),
        birth_date,
        birth_place: d
            .birth_place
            .as_ref()
            .and_then(|p| p.names.first())
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
    }
}

/// A field's agreement and weight, as the queue keeps it.
pub fn field_scores(e: &linkage::Explanation) -> Vec<FieldScore> {
    e.fields
        .iter()
        .map(|f| FieldScore {
            field: f.field.name().to_owned(),
            level: f.level.to_owned(),
            weight_cbits: ((f.weight + f.tf_adjustment) * 100.0).round() as i32,
        })
        .collect()
}

fn proposal(
    kind: MatchKind,
    a: &str,
    b: &str,
    probability: f64,
    renamed: bool,
    explanation: &linkage::Explanation,
) -> ProposedMatch {
    ProposedMatch {
        match_id: MatchId(Store::new_id()),
        kind,
        a: ChildId(a.to_owned()),
        b: b.to_owned(),
        score_ppm: (probability.clamp(0.0, 1.0) * 1e6).round() as u32,
        renamed,
        fields: field_scores(explanation),
    }
}

fn options() -> LinkOptions {
    LinkOptions {
        review_threshold: Some(REVIEW_FLOOR),
        ..LinkOptions::default()
    }
}

/// Links `left` with `right` and returns the links and the review band.
fn link_lists(
    kind: MatchKind,
    left: &[linkage::Record],
    right: &[linkage::Record],
) -> Vec<ProposedMatch> {
    if left.is_empty() || right.is_empty() {
        return Vec::new();
    }
    let result = linkage::link(left, right, &options(), &|_| {});
    let model: &Model = &result.model;
    result
        .links
        .iter()
        .chain(&result.review)
        .map(|l| {
            proposal(
                kind,
                &left[l.left].id,
                &right[l.right].id,
                l.probability,
                l.renamed(),
                &l.explain(model),
            )
        })
        .collect()
}

/// Duplicates within one party's list: each cluster's records paired with
/// its first.
fn duplicates(list: &[linkage::Record]) -> Vec<ProposedMatch> {
    if list.len() < 2 {
        return Vec::new();
    }
    let result = linkage::dedupe(list, &options(), &|_| {});
    let mut first: BTreeMap<u32, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, c) in result.clusters.iter().enumerate() {
        match first.get(c) {
            None => {
                first.insert(*c, i);
            }
            Some(&j) => {
                let e = linkage::explain(&result.model, &list[j], &list[i]);
                out.push(proposal(
                    MatchKind::Duplicate,
                    &list[j].id,
                    &list[i].id,
                    e.probability,
                    false,
                    &e,
                ));
            }
        }
    }
    out
}

/// Every pair the engine puts forward for these records.
pub fn find(input: &MatchInput) -> Vec<ProposedMatch> {
    let mut by_party: BTreeMap<&OrgId, Vec<linkage::Record>> = BTreeMap::new();
    for (id, org, d) in &input.children {
        by_party
            .entry(org)
            .or_default()
            .push(linkage_record(id.as_str(), d));
    }
    let parties: Vec<&Vec<linkage::Record>> = by_party.values().collect();
    let mut out = Vec::new();
    for (i, left) in parties.iter().enumerate() {
        for right in &parties[i + 1..] {
            out.extend(link_lists(MatchKind::Parties, left, right));
        }
        out.extend(duplicates(left));
    }
    let children: Vec<linkage::Record> = parties.iter().flat_map(|p| p.iter().cloned()).collect();
    let requests: Vec<linkage::Record> = input
        .requests
        .iter()
        .map(|(id, _, d)| linkage_record(id.as_str(), &d.child))
        .collect();
    out.extend(link_lists(MatchKind::Tracing, &children, &requests));
    out
}

/// How many matches the queue holds, whatever their status.
async fn queue_size(store: &Store) -> Result<i64, StoreError> {
    let all = MatchFilter {
        limit: 0,
        ..MatchFilter::default()
    };
    Ok(store.matches(&all).await?.total)
}

/// Who proposes after an import: the system itself, whoever imported (a
/// party officer may import, but only the mediator's side proposes).
pub fn engine() -> Actor {
    Actor::system()
}

/// Runs the engine over the stored records and proposes what it finds, as
/// `actor` (mediator staff, or the system after an import).
pub async fn run(store: &Store, actor: &Actor) -> Result<MatchRun, MatchRunError> {
    let input = store.match_input().await?;
    let mut report = MatchRun {
        children: input.children.len(),
        tracing_requests: input.requests.len(),
        ..MatchRun::default()
    };
    let found = tokio::task::spawn_blocking(move || find(&input)).await?;
    for m in &found {
        *report.found.entry(m.kind.as_str().to_owned()).or_default() += 1;
    }
    // Only pairs new to the queue go to the writer (which checks again):
    // a run over large lists finds mostly what earlier runs proposed.
    let queued = store.queued_pairs().await?;
    let found: Vec<ProposedMatch> = found
        .into_iter()
        .filter(|m| {
            let (a, b) = (m.a.0.clone(), m.b.clone());
            !queued.contains(&if a < b { (a, b) } else { (b, a) })
        })
        .collect();
    let before = queue_size(store).await?;
    for chunk in found.chunks(PER_COMMAND) {
        let command = Command::ProposeMatches {
            matches: chunk.to_vec(),
        };
        match store.execute(actor, command).await {
            Ok(_) => {}
            Err(StoreError::Refused(r)) => return Err(MatchRunError::Refused(r)),
            Err(e) => return Err(e.into()),
        }
    }
    report.proposed = (queue_size(store).await? - before).max(0) as usize;
    if report.proposed > 0 {
        tracing::info!(
            children = report.children,
            tracing_requests = report.tracing_requests,
            proposed = report.proposed,
            "matching run proposed new pairs"
        );
    }
    Ok(report)
}
