//! One child, several records: what a reader is shown when a record was
//! joined to another by a confirmed match. The API and the web UI both
//! read children through [`resolve`], so they cannot disagree.

use homeward_domain::Actor;
use homeward_domain::access::{Access, Action, Resource, can};
use homeward_store::read::{ChildRecord, ChildSummary};
use homeward_store::{Store, StoreError};

/// A child as one reader sees it, with the records it is made of.
pub struct Joined {
    pub record: ChildRecord,
    pub access: Access,
    /// The child's own record first, then each record joined to it: those
    /// the reader may read (the access policy's rows for a child's record).
    pub sources: Vec<ChildSummary>,
}

impl Joined {
    /// The records whose personal data showing this child shows.
    pub fn shown_ids(&self) -> Vec<&str> {
        let mut ids = vec![self.record.summary.id.as_str()];
        for s in &self.sources {
            if s.details.is_some() && !ids.contains(&s.id.as_str()) {
                ids.push(s.id.as_str());
            }
        }
        ids
    }
}

/// `record`, which `actor` may read with `access`, as the child it belongs
/// to: a record joined under another child answers that child when the
/// actor may read it, and the record itself otherwise.
pub async fn resolve(
    store: &Store,
    actor: &Actor,
    mut record: ChildRecord,
    mut access: Access,
) -> Result<Joined, StoreError> {
    if let Some(into) = record.summary.joined_to.clone()
        && let Some(joined) = store.child(&into).await?
    {
        let a = can(actor, Action::Read, &Resource::Child(&joined.summary.scope));
        if a.allowed() {
            record = joined;
            access = a;
        }
    }
    let root = record
        .summary
        .joined_to
        .clone()
        .unwrap_or_else(|| record.summary.id.clone());
    // The record read is the child itself unless the reader may not read
    // the child it was joined to: then its own summary is at hand, and only
    // the records joined under it are read.
    let sources = if record.summary.joined_to.is_none() {
        let mut all = vec![record.summary.clone()];
        if record.joined_records > 0 {
            all.extend(store.joined_records(&root).await?);
        }
        all
    } else {
        store.child_sources(&root).await?
    };
    let sources = sources
        .into_iter()
        .filter(|s| can(actor, Action::Read, &Resource::Child(&s.scope)).allowed())
        .collect();
    Ok(Joined {
        record,
        access,
        sources,
    })
}
