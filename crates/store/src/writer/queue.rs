//! What callers hand the writer and what they get back: the jobs, the
//! handle that queues them, the answers given after a group's commit, and
//! the writer's figures.

use crate::{Appended, StoreError, read};
use homeward_domain::{Actor, Command, Event, OrgId};
use homeward_ledger::Hash;
use sqlx::AnyPool;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{mpsc, oneshot};

/// An idempotency key: a client's `Idempotency-Key`, scoped to its user.
/// A command carrying a key that was already applied is not run again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CommandKey {
    pub user: String,
    pub key: String,
}

// A job is moved once, into the queue; boxing the command would cost an
// allocation per write for no gain.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Job {
    Command {
        actor: Actor,
        command: Box<Command>,
        key: Option<CommandKey>,
        /// Worked out by the caller, off the writer's time.
        names: Option<Box<read::KnownKeys>>,
        reply: oneshot::Sender<Result<Appended, StoreError>>,
    },
    /// All or nothing, each command seeing those before it (imports).
    Batch {
        actor: Actor,
        commands: Vec<Command>,
        reply: oneshot::Sender<Result<Appended, (usize, StoreError)>>,
    },
    /// Events that need no decision: the ledger's genesis, access events.
    Events {
        actor: Actor,
        events: Vec<Event>,
        reply: oneshot::Sender<Result<Appended, StoreError>>,
    },
    /// Loads the ledger if needed and checks the signed head against it.
    CheckHead {
        reply: oneshot::Sender<Result<u64, StoreError>>,
    },
    /// A consistency proof (`inclusion: None`) from `from` to `to`, or an
    /// inclusion proof of the entry at index `inclusion` in the tree of size
    /// `to`, computed on the writer's tree.
    Proof {
        from: u64,
        to: u64,
        inclusion: Option<u64>,
        reply: oneshot::Sender<Result<Vec<Hash>, StoreError>>,
    },
    /// A party's witness uploads its cosigned checkpoint note.
    Cosign {
        org: OrgId,
        note: String,
        reply: oneshot::Sender<Result<Cosignatures, StoreError>>,
    },
}

/// What the mediator kept of an upload: the checkpoint's size and the
/// witnesses whose cosignatures it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cosignatures {
    pub size: u64,
    pub witnesses: Vec<String>,
}

/// Figures about the writer, for metrics and readiness.
#[derive(Debug, Default)]
pub struct WriterStats {
    /// Groups committed.
    pub groups: AtomicU64,
    /// Jobs in committed groups.
    pub jobs: AtomicU64,
    /// Size of the last committed group.
    pub last_group: AtomicU64,
    /// Largest group so far.
    pub max_group: AtomicU64,
    /// Entries in the ledger as last committed by this process.
    pub ledger_size: AtomicU64,
    /// Groups that failed as a whole (database errors, not refusals).
    pub failed_groups: AtomicU64,
    /// Groups whose fast path failed, run again job by job (`writer::fast`).
    pub retried_groups: AtomicU64,
    /// Access jobs sent and not yet answered.
    pub access_in_flight: AtomicU64,
}

impl WriterStats {
    pub(super) fn record_group(&self, size: usize) {
        self.groups.fetch_add(1, Ordering::Relaxed);
        self.jobs.fetch_add(size as u64, Ordering::Relaxed);
        self.last_group.store(size as u64, Ordering::Relaxed);
        self.max_group.fetch_max(size as u64, Ordering::Relaxed);
        metrics::histogram!("homeward_write_group_size").record(size as f64);
    }
}

/// What `Store` holds of the writer: a queue to send jobs into.
pub(crate) struct WriterHandle {
    pub(crate) jobs: mpsc::Sender<Job>,
    pub(crate) stats: Arc<WriterStats>,
    /// The writer's own connection, to close with the store.
    pub(crate) pool: AnyPool,
    /// Where the tests put a fault for the writer's next commit.
    #[cfg(test)]
    pub(crate) fault: Arc<std::sync::atomic::AtomicU8>,
}

impl WriterHandle {
    /// Jobs waiting in the queue.
    pub(crate) fn depth(&self) -> usize {
        self.jobs.max_capacity() - self.jobs.capacity()
    }

    /// Sends a job and waits for its answer. Dropping this future at any
    /// point is harmless: either the job never entered the queue, or it runs
    /// to completion in the writer and only the answer is lost.
    pub(crate) async fn run<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<T>) -> Job,
        closed: impl FnOnce() -> T,
    ) -> T {
        let (tx, rx) = oneshot::channel();
        if self.jobs.send(make(tx)).await.is_err() {
            return closed();
        }
        rx.await.unwrap_or_else(|_| closed())
    }
}

/// The outcome of one job inside a group, answered after the commit.
pub(super) enum Done {
    Command(
        oneshot::Sender<Result<Appended, StoreError>>,
        Result<Appended, StoreError>,
    ),
    Batch(
        oneshot::Sender<Result<Appended, (usize, StoreError)>>,
        Result<Appended, (usize, StoreError)>,
    ),
}

impl Done {
    pub(super) fn answer(self) {
        match self {
            Done::Command(tx, r) => {
                let _ = tx.send(r);
            }
            Done::Batch(tx, r) => {
                let _ = tx.send(r);
            }
        }
    }

    /// The group failed as a whole: written jobs are told so; refusals stand.
    pub(super) fn fail(self, why: &str) {
        let err = || StoreError::Unavailable(why.to_owned());
        match self {
            Done::Command(tx, r) => {
                let _ = tx.send(match r {
                    Ok(_) => Err(err()),
                    Err(e) => Err(e),
                });
            }
            Done::Batch(tx, r) => {
                let _ = tx.send(match r {
                    Ok(_) => Err((0, err())),
                    Err(e) => Err(e),
                });
            }
        }
    }
}

pub(super) fn refuse(job: Job, why: &str) {
    let err = || StoreError::Corrupt(why.to_owned());
    answer_err(job, err);
}

pub(super) fn refuse_unavailable(job: Job, why: &str) {
    let err = || StoreError::Unavailable(why.to_owned());
    answer_err(job, err);
}

fn answer_err(job: Job, err: impl Fn() -> StoreError) {
    match job {
        Job::Command { reply, .. } | Job::Events { reply, .. } => {
            let _ = reply.send(Err(err()));
        }
        Job::Batch { reply, .. } => {
            let _ = reply.send(Err((0, err())));
        }
        Job::CheckHead { reply } => {
            let _ = reply.send(Err(err()));
        }
        Job::Proof { reply, .. } => {
            let _ = reply.send(Err(err()));
        }
        Job::Cosign { reply, .. } => {
            let _ = reply.send(Err(err()));
        }
    }
}
