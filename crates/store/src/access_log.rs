//! The access log: every read of a child's record becomes a ledger event.
//!
//! Reads must stay fast, so a read does not wait for its event: it calls
//! [`Store::log_access`], which only appends to an in-memory queue. A task
//! started by [`Store::start_access_log`] flushes the queue every 100 ms, or
//! as soon as 500 entries wait, writing each batch through the normal write
//! path (ledger entries, `access_log` projection rows) in one transaction
//! under one signed tree head. The price: a crash loses at most the entries
//! of the last batch window (about 100 ms of reads), and an entry becomes
//! visible in the log up to 100 ms after the read. [`Store::close`] and
//! [`Store::flush_access_log`] flush what waits.

use crate::{Store, StoreError};
use homeward_domain::event::RecordKind;
use homeward_domain::{Actor, Event, EventBody};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;
use tokio::sync::Notify;

/// How often waiting entries are written.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);
/// How many entries one transaction writes at most; reaching it wakes the flusher.
pub const BATCH: usize = 500;
/// Entries kept while the database refuses them, before new ones are dropped
/// (and the drop is logged).
const MAX_WAITING: usize = 100_000;

#[derive(Debug, Clone)]
struct Entry {
    actor: Actor,
    kind: RecordKind,
    record_id: String,
    via: String,
}

#[derive(Default)]
pub(crate) struct AccessQueue {
    waiting: Mutex<Vec<Entry>>,
    wake: Notify,
}

impl Store {
    /// Records that `actor` read a record through `via` (an endpoint or a
    /// page, e.g. `GET /api/v1/children/{id}`). Returns at once; the entry is
    /// written within [`FLUSH_EVERY`].
    pub fn log_access(&self, actor: &Actor, kind: RecordKind, record_id: &str, via: &str) {
        let mut waiting = self.access.waiting.lock().expect("access queue");
        if waiting.len() >= MAX_WAITING {
            tracing::error!(
                waiting = waiting.len(),
                "the access log cannot keep up with reads; an entry was dropped"
            );
            return;
        }
        waiting.push(Entry {
            actor: actor.clone(),
            kind,
            record_id: record_id.to_owned(),
            via: via.to_owned(),
        });
        if waiting.len() >= BATCH {
            self.access.wake.notify_one();
        }
    }

    /// Starts the task that writes the queue. It stops by itself once the
    /// store is dropped.
    pub fn start_access_log(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let store: Weak<Store> = Arc::downgrade(self);
        let queue = self.access.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = tokio::time::sleep(FLUSH_EVERY) => {}
                    () = queue.wake.notified() => {}
                }
                let Some(store) = store.upgrade() else { break };
                if let Err(e) = store.flush_access_log().await {
                    tracing::error!(error = %e, "the access log could not be written; retrying");
                }
            }
        })
    }

    /// Writes every waiting entry now, in batches of at most [`BATCH`].
    /// Returns how many were written.
    pub async fn flush_access_log(&self) -> Result<usize, StoreError> {
        let mut written = 0;
        loop {
            let batch: Vec<Entry> = {
                let mut waiting = self.access.waiting.lock().expect("access queue");
                let n = waiting.len().min(BATCH);
                waiting.drain(..n).collect()
            };
            if batch.is_empty() {
                return Ok(written);
            }
            match self.write_access_batch(&batch).await {
                Ok(()) => written += batch.len(),
                Err(e) => {
                    // Put the batch back in front, to be tried again.
                    let mut waiting = self.access.waiting.lock().expect("access queue");
                    let rest = std::mem::take(&mut *waiting);
                    *waiting = batch;
                    waiting.extend(rest);
                    return Err(e);
                }
            }
        }
    }

    async fn write_access_batch(&self, batch: &[Entry]) -> Result<(), StoreError> {
        let mut ledger = self.ledger.lock().await;
        let start = ledger.tree.len();
        let result = async {
            let mut tx = self.pool.begin().await?;
            self.lock_head(&mut tx).await?;
            self.sync_tree(&mut tx, &mut ledger).await?;
            for e in batch {
                let event = Event::public(EventBody::RecordAccessed {
                    user_id: e.actor.user.clone(),
                    org_id: e.actor.org.clone(),
                    record_kind: e.kind,
                    record_id: e.record_id.clone(),
                    via: e.via.clone(),
                });
                self.write_events(&mut tx, &mut ledger, &e.actor, &[event])
                    .await?;
            }
            self.sign_head(&mut tx, &mut ledger).await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        match &result {
            Ok(()) => ledger.committed(),
            Err(_) => ledger.forget_after(start),
        }
        result
    }

    /// Entries read but not yet written.
    pub fn access_log_waiting(&self) -> usize {
        self.access.waiting.lock().expect("access queue").len()
    }
}
