//! Matching inside the database: the linkage engine over the stored
//! records, its pairs proposed to the review queue.
//!
//! A run reads every live record (not erased, not joined under another
//! child; tracing requests not yet linked) and compares each party's
//! children with every other party's, each party's list with itself, and
//! the children with the open tracing requests. It proposes what the
//! engine links together with its review band (pairs above
//! [`REVIEW_FLOOR`], and renamed children). The domain leaves out pairs
//! already in the queue, whatever was decided on them.
//!
//! **Incremental.** A run keeps what it fitted (one model per pair of
//! parties, per party's duplicates and for tracing) and how far through
//! the children's records it has compared, in the store's matching cache.
//! The next run (after each import, or on demand) compares only the
//! children's records changed since (new, imported again with changes,
//! amended) against what is stored, with the kept models: no estimation
//! over the whole lists, and blocking only around the changed records.
//! Tracing requests are few; they are compared with every child each run
//! (an amended request must meet every child again). A run fits again over
//! everything ([`Scope::All`]) when asked, when nothing is kept, or once
//! the children's records have doubled since the fit, so the models follow
//! the lists as they grow.

use homeward_domain::*;
use homeward_linkage::{self as linkage, LinkOptions, Model, PartialDate};
use homeward_store::matching_cache::MatchingCache;
use homeward_store::read::{MatchFilter, MatchInput};
use homeward_store::{Store, StoreError};
use std::collections::BTreeMap;

/// Pairs below the linking threshold but at least this probable are
/// proposed for review too. On generated two-party lists of 100k × 100k
/// (seeds 31–33) a floor of 0.05 puts 97.3–97.4 % of the true pairs in the
/// queue with 1.04–1.06 candidates per true pair; 0.2 put 96.8 % with
/// 1.00: the review band is where the last true pairs are, and a person
/// works through it by score band.
pub const REVIEW_FLOOR: f64 = 0.05;

/// Proposals per command: each is checked against the queue in the write
/// transaction, so a large run is split.
const PER_COMMAND: usize = 1_000;

/// What one run found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct MatchRun {
    /// Over the changed records with the kept models, or over every
    /// record with models fitted anew.
    pub scope: Scope,
    /// Live children's records and open tracing requests compared.
    pub children: usize,
    /// Of the children's records, those compared as changed since the
    /// last run (all of them when the scope is `All`).
    pub changed: usize,
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

/// Whether a run compares the records changed since the last run with the
/// kept models, or fits again over every record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Changed,
    All,
}

/// The models a run keeps for the next, by what they compare: `parties A
/// B` (A's list on the left), `duplicates A`, `tracing`.
pub type Fits = BTreeMap<String, Kept>;

/// A kept model and how many records each of its lists had when it was
/// fitted: once either list has more than doubled, it is fitted again (a
/// model fitted on a party's first few records says little about its full
/// list).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    pub fit: linkage::Fit,
    pub left: usize,
    /// 0 for a party's duplicates (one list).
    pub right: usize,
}

impl Kept {
    fn holds_for(&self, left: usize, right: usize) -> bool {
        left <= 2 * self.left.max(1) && right <= 2 * self.right.max(1)
    }
}

fn parties_key(a: &OrgId, b: &OrgId) -> String {
    format!("parties {a} {b}")
}

fn duplicates_key(a: &OrgId) -> String {
    format!("duplicates {a}")
}

const TRACING_KEY: &str = "tracing";

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Changed => "changed",
            Scope::All => "all",
        }
    }
}

/// What the kept models and the changed records are, for a run over the
/// changes only.
pub struct Since<'a> {
    /// Children's records changed after this ledger sequence are new.
    pub children_seq: i64,
    pub fits: &'a Fits,
}

/// What [`find`] found, and the models to keep.
#[derive(Debug, Default)]
pub struct Found {
    pub matches: Vec<ProposedMatch>,
    pub fits: Fits,
    /// Children's records compared as changed (all of them in a full run).
    pub changed: usize,
}

/// The proposals for a link result over `left` and `right`.
fn proposals(
    kind: MatchKind,
    left: &[linkage::Record],
    right: &[linkage::Record],
    result: &linkage::LinkResult,
) -> Vec<ProposedMatch> {
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

/// Links `left` with `right`, fitting a model (kept in `fits` under `key`).
fn link_lists(
    kind: MatchKind,
    key: String,
    left: &[linkage::Record],
    right: &[linkage::Record],
    fits: &mut Fits,
) -> Vec<ProposedMatch> {
    if left.is_empty() || right.is_empty() {
        return Vec::new();
    }
    let result = linkage::link(left, right, &options(), &|_| {});
    fits.insert(
        key,
        Kept {
            fit: result.model.fit(),
            left: left.len(),
            right: right.len(),
        },
    );
    proposals(kind, left, right, &result)
}

/// Links `left` with `right` with a kept model.
fn link_kept(
    kind: MatchKind,
    kept: &linkage::Fit,
    left: &[linkage::Record],
    right: &[linkage::Record],
) -> Vec<ProposedMatch> {
    if left.is_empty() || right.is_empty() {
        return Vec::new();
    }
    let result = linkage::link_with(kept, left, right, &options(), &|_| {});
    proposals(kind, left, right, &result)
}

/// Duplicates within one party's list: each cluster's records paired with
/// its first. Keeps the model in `fits` under `key`.
fn duplicates(list: &[linkage::Record], key: String, fits: &mut Fits) -> Vec<ProposedMatch> {
    if list.len() < 2 {
        return Vec::new();
    }
    let result = linkage::dedupe(list, &options(), &|_| {});
    fits.insert(
        key,
        Kept {
            fit: result.model.fit(),
            left: list.len(),
            right: 0,
        },
    );
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

/// Duplicates of the changed records in their party's list, with a kept
/// model: every pair at or above its threshold, the earlier record first.
fn duplicates_kept(list: &Party, kept: &linkage::Fit) -> Vec<ProposedMatch> {
    let changed: Vec<usize> = (0..list.records.len())
        .filter(|&i| list.changed[i])
        .collect();
    if changed.is_empty() || list.records.len() < 2 {
        return Vec::new();
    }
    let new: Vec<linkage::Record> = changed.iter().map(|&i| list.records[i].clone()).collect();
    let opts = LinkOptions {
        one_to_one: false,
        review_threshold: None,
        ..options()
    };
    let result = linkage::link_with(kept, &new, &list.records, &opts, &|_| {});
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for l in &result.links {
        let (i, j) = (changed[l.left], l.right);
        if i == j || !seen.insert((i.min(j), i.max(j))) {
            continue;
        }
        let (a, b) = (i.min(j), i.max(j));
        out.push(proposal(
            MatchKind::Duplicate,
            &list.records[a].id,
            &list.records[b].id,
            l.probability,
            false,
            &l.explain(&result.model),
        ));
    }
    out
}

/// One party's live records, in registration order, and which changed.
#[derive(Default)]
struct Party {
    records: Vec<linkage::Record>,
    changed: Vec<bool>,
}

impl Party {
    fn split(&self) -> (Vec<linkage::Record>, Vec<linkage::Record>) {
        let (mut new, mut old) = (Vec::new(), Vec::new());
        for (r, &c) in self.records.iter().zip(&self.changed) {
            if c { &mut new } else { &mut old }.push(r.clone());
        }
        (new, old)
    }
}

/// Every pair the engine puts forward for these records: over all of
/// them, fitting every model (`since` is `None`), or for the records
/// changed since a run whose models are kept.
pub fn find(input: &MatchInput, since: Option<Since>) -> Found {
    let mut by_party: BTreeMap<&OrgId, Party> = BTreeMap::new();
    let mut changed = 0;
    for c in &input.children {
        let party = by_party.entry(&c.org).or_default();
        let new = since
            .as_ref()
            .is_none_or(|s| c.updated_seq > s.children_seq);
        changed += new as usize;
        party
            .records
            .push(linkage_record(c.id.as_str(), &c.details));
        party.changed.push(new);
    }
    let mut found = Found {
        changed,
        ..Found::default()
    };
    // A kept model, unless one of its lists (now `l` and `r` records) has
    // more than doubled since it was fitted.
    let kept = |key: &str, l: usize, r: usize| {
        since
            .as_ref()
            .and_then(|s| s.fits.get(key))
            .filter(|k| k.holds_for(l, r))
    };
    let parties: Vec<(&OrgId, &Party)> = by_party.iter().map(|(o, p)| (*o, p)).collect();
    for (i, (a, left)) in parties.iter().enumerate() {
        let any_changed = |p: &Party| p.changed.iter().any(|&c| c);
        for (b, right) in &parties[i + 1..] {
            let key = parties_key(a, b);
            let (l, r) = (left.records.len(), right.records.len());
            if !any_changed(left) && !any_changed(right) {
                if let Some(k) = kept(&key, l, r) {
                    found.fits.insert(key, k.clone());
                }
                continue;
            }
            match kept(&key, l, r) {
                Some(k) => {
                    let (new_left, old_left) = left.split();
                    let (new_right, _) = right.split();
                    found.matches.extend(link_kept(
                        MatchKind::Parties,
                        &k.fit,
                        &new_left,
                        &right.records,
                    ));
                    found.matches.extend(link_kept(
                        MatchKind::Parties,
                        &k.fit,
                        &old_left,
                        &new_right,
                    ));
                    found.fits.insert(key, k.clone());
                }
                None => found.matches.extend(link_lists(
                    MatchKind::Parties,
                    key,
                    &left.records,
                    &right.records,
                    &mut found.fits,
                )),
            }
        }
        let key = duplicates_key(a);
        match kept(&key, left.records.len(), 0) {
            Some(k) => {
                found.matches.extend(duplicates_kept(left, &k.fit));
                found.fits.insert(key, k.clone());
            }
            None if left.changed.iter().any(|&c| c) => {
                found
                    .matches
                    .extend(duplicates(&left.records, key, &mut found.fits))
            }
            None => {}
        }
    }
    if input.requests.is_empty() {
        if let Some(k) = since.as_ref().and_then(|s| s.fits.get(TRACING_KEY)) {
            found.fits.insert(TRACING_KEY.to_owned(), k.clone());
        }
        return found;
    }
    let children: Vec<linkage::Record> = by_party
        .values()
        .flat_map(|p| p.records.iter().cloned())
        .collect();
    let requests: Vec<linkage::Record> = input
        .requests
        .iter()
        .map(|r| linkage_record(r.id.as_str(), &r.details.child))
        .collect();
    match kept(TRACING_KEY, input.children.len(), input.requests.len()) {
        Some(k) => {
            found
                .matches
                .extend(link_kept(MatchKind::Tracing, &k.fit, &children, &requests));
            found.fits.insert(TRACING_KEY.to_owned(), k.clone());
        }
        None => found.matches.extend(link_lists(
            MatchKind::Tracing,
            TRACING_KEY.to_owned(),
            &children,
            &requests,
            &mut found.fits,
        )),
    }
    found
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

/// Runs the engine over the records changed since the last run (or over
/// every record, see [`Scope`]) and proposes what it finds, as `actor`
/// (mediator staff, or the system after an import).
pub async fn run(store: &Store, actor: &Actor) -> Result<MatchRun, MatchRunError> {
    run_scoped(store, actor, Scope::Changed).await
}

/// A run over the changed records when a model is kept and the lists have
/// not doubled since it was fitted; otherwise, or with [`Scope::All`],
/// over every record, fitting again.
pub async fn run_scoped(
    store: &Store,
    actor: &Actor,
    scope: Scope,
) -> Result<MatchRun, MatchRunError> {
    let started = std::time::Instant::now();
    let input = store.match_input().await?;
    let read_ms = started.elapsed().as_millis() as u64;
    let cache = match scope {
        Scope::All => None,
        Scope::Changed => store.matching_cache().await?,
    };
    let kept = cache.and_then(|c| {
        if input.children.len() as i64 > 2 * c.fitted_on.max(1) {
            return None;
        }
        match serde_json::from_str::<Fits>(&c.fits) {
            Ok(fits) => Some((c, fits)),
            Err(e) => {
                tracing::warn!(error = %e, "the kept matching models cannot be read; fitting again");
                None
            }
        }
    });
    let through = input
        .children
        .iter()
        .map(|c| c.updated_seq)
        .max()
        .unwrap_or(0)
        .max(kept.as_ref().map_or(0, |(c, _)| c.children_seq));
    let fitted_on = kept
        .as_ref()
        .map_or(input.children.len() as i64, |(c, _)| c.fitted_on);
    let mut report = MatchRun {
        scope: if kept.is_some() {
            Scope::Changed
        } else {
            Scope::All
        },
        children: input.children.len(),
        tracing_requests: input.requests.len(),
        ..MatchRun::default()
    };
    let linking = std::time::Instant::now();
    let (input, found) = tokio::task::spawn_blocking(move || {
        let since = kept.as_ref().map(|(c, fits)| Since {
            children_seq: c.children_seq,
            fits,
        });
        let found = find(&input, since);
        (input, found)
    })
    .await?;
    drop(input);
    let link_ms = linking.elapsed().as_millis() as u64;
    let proposing = std::time::Instant::now();
    report.changed = found.changed;
    for m in &found.matches {
        *report.found.entry(m.kind.as_str().to_owned()).or_default() += 1;
    }
    // Only pairs new to the queue go to the writer (which checks again):
    // a run finds much of what earlier runs proposed.
    let mut ids: Vec<&str> = found
        .matches
        .iter()
        .flat_map(|m| [m.a.as_str(), m.b.as_str()])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let queued = store.queued_pairs(&ids).await?;
    let matches: Vec<ProposedMatch> = found
        .matches
        .into_iter()
        .filter(|m| {
            let (a, b) = (m.a.0.clone(), m.b.clone());
            !queued.contains(&if a < b { (a, b) } else { (b, a) })
        })
        .collect();
    let before = queue_size(store).await?;
    for chunk in matches.chunks(PER_COMMAND) {
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
    // Kept only once the proposals are recorded: a run that failed is
    // repeated whole by the next.
    let fits = serde_json::to_string(&found.fits)
        .map_err(|e| StoreError::Io(format!("the matching models cannot be written: {e}")))?;
    store
        .save_matching_cache(&MatchingCache {
            children_seq: through,
            fitted_on,
            fits,
        })
        .await?;
    // Counts and times only: never a record.
    tracing::info!(
        scope = report.scope.as_str(),
        children = report.children,
        changed = report.changed,
        tracing_requests = report.tracing_requests,
        proposed = report.proposed,
        read_ms,
        link_ms,
        propose_ms = proposing.elapsed().as_millis() as u64,
        "matching run"
    );
    Ok(report)
}
