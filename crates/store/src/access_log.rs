//! The access log: every read of a child's record becomes a ledger event.
//!
//! A read is answered only after its access event is durable: the handler
//! awaits [`Store::record_access`], whose events ride in the writer's group
//! commits beside the commands, so many concurrent reads share one
//! transaction and one fsync. If the event cannot be recorded the read fails
//! (the server answers 503 and serves no personal data): a crash can lose no
//! access event of a read that was answered.

use crate::{Store, StoreError};
use homeward_domain::event::RecordKind;
use homeward_domain::{Actor, Event, EventBody};
use std::sync::atomic::{AtomicU64, Ordering};

impl Store {
    /// Records that `actor` read the records `record_ids` of one kind through
    /// `via` (an endpoint or a page, e.g. `GET /api/v1/children/{id}`), and
    /// returns once the entries are durable.
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
        let events: Vec<Event> = record_ids
            .into_iter()
            .map(|id| {
                Event::public(EventBody::RecordAccessed {
                    user_id: actor.user.clone(),
                    org_id: actor.org.clone(),
                    record_kind: kind,
                    record_id: id.into(),
                    via: via.to_owned(),
                })
            })
            .collect();
        if events.is_empty() {
            return Ok(());
        }
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
        self.append(actor, events).await.map(|_| ())
    }

    /// Reads waiting for their access events to be durable.
    pub fn access_backlog(&self) -> u64 {
        self.writer_stats().access_in_flight.load(Ordering::Relaxed)
    }
}
