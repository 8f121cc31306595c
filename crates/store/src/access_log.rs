//! The access log: every answer that shows a child's record becomes a
//! ledger entry listing the records it showed (one entry per request).
//!
//! A read is answered only after its access event is durable: the handler
//! awaits [`Store::record_access`], whose events ride in the writer's group
//! commits beside the commands, so many concurrent reads share one
//! transaction and one fsync. If the event cannot be recorded the read fails
//! (the server answers 503 and serves no personal data): a crash can lose no
//! access event of a read that was answered.

use crate::{Store, StoreError};
use homeward_domain::event::{AccessedRecord, RecordKind};
use homeward_domain::{Actor, Event, EventBody};
use std::sync::atomic::{AtomicU64, Ordering};

impl Store {
    /// Records that `actor` was shown the records `record_ids` of one kind
    /// through `via` (an endpoint or a page, e.g. `GET /api/v1/children/{id}`),
    /// as one ledger entry, and returns once it is durable.
    pub async fn record_access<I, S>(
        &self,
        actor: &Actor,
        kind: RecordKind,
        record_ids: I,
        via: &str,
    ) -> Result<(), StoreError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let records = record_ids
            .into_iter()
            .map(|id| AccessedRecord {
                kind,
                id: id.into(),
            })
            .collect();
        self.record_accesses(actor, records, via).await
    }

    /// Like [`Store::record_access`] for records of several kinds (a case
    /// and its child, a manifest and the children on it). Repeats are
    /// dropped; an empty list records nothing.
    pub async fn record_accesses(
        &self,
        actor: &Actor,
        mut records: Vec<AccessedRecord>,
        via: &str,
    ) -> Result<(), StoreError> {
        let mut seen = std::collections::HashSet::new();
        records.retain(|r| seen.insert(r.clone()));
        if records.is_empty() {
            return Ok(());
        }
        let event = Event::public(EventBody::RecordsAccessed {
            user_id: actor.user.clone(),
            org_id: actor.org.clone(),
            via: via.to_owned(),
            records,
        });
        let stats = self.writer_stats();
        stats.access_in_flight.fetch_add(1, Ordering::Relaxed);
        // Counted down however this future ends (answered or dropped).
        struct Done<'a>(&'a AtomicU64);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::Relaxed);
            }
        }
        let _done = Done(&stats.access_in_flight);
        self.append(actor, vec![event]).await.map(|_| ())
    }

    /// Reads waiting for their access events to be durable.
    pub fn access_backlog(&self) -> u64 {
        self.writer_stats().access_in_flight.load(Ordering::Relaxed)
    }
}
