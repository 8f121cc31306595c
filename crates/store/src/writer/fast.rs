//! The group's fast path: child registrations and access events, the bulk
//! of all writes, without a savepoint or a read of their own.
//!
//! Run one by one, a registration costs three queries (its savepoint, the
//! facts `decide` needs, its inserts), each a round trip to the database
//! (on PostgreSQL to another process, whose single backend then spends
//! much of its time starting statements). Here a group made only of such
//! jobs reads the facts of all its registrations in one query
//! ([`context::Registrations`], on SQLite sent with the statements that
//! begin the transaction), decides each in order (a registration sees
//! the children registered before it in the group), and holds every row
//! for the commit to send, the group's signed tree head included (on SQLite
//! in the same query as `COMMIT`). A group of one such job takes this path
//! too: it is the same number of queries as running it alone, less the
//! head's own statement.
//!
//! A refusal writes nothing, so it needs no savepoint. A database error is
//! another matter: the rows of the whole group go in one statement, and
//! which job caused it is not known. The group is then rolled back and run
//! again the ordinary way, each job in its own savepoint, so the failing
//! job fails alone and its neighbours are recorded. The jobs stay the
//! caller's until the fast path has succeeded; it decides on copies.

use super::{Commit, Pending, Tx, Writer};
use crate::context::Registrations;
use crate::read::Sql;
use crate::writer::batch::Inserts;
use crate::writer::queue::{Done, Job};
use crate::{Appended, StoreError};
use homeward_domain::{Command, EventBody, decide};
use std::sync::atomic::Ordering;

impl Job {
    /// Whether the job can run in the fast path: a child registration
    /// without an idempotency key (a key is a read of its own), or access
    /// events.
    pub(super) fn is_fast(&self) -> bool {
        match self {
            Job::Command {
                command, key: None, ..
            } => matches!(**command, Command::RegisterChild { .. }),
            Job::Events { events, .. } => events
                .iter()
                .all(|e| matches!(e.body, EventBody::RecordsAccessed { .. })),
            _ => false,
        }
    }
}

/// The query of the facts the registrations among `jobs` need
/// ([`Registrations::query`]).
pub(super) fn facts_query(jobs: &[Job]) -> Option<Sql> {
    Registrations::query(jobs.iter().filter_map(|job| match job {
        Job::Command { command, .. } => match &**command {
            Command::RegisterChild {
                org_id, child_id, ..
            } => Some((org_id, child_id)),
            _ => None,
        },
        _ => None,
    }))
}

/// Each job's answer, in order.
pub(super) type Outcomes = Vec<Result<Appended, StoreError>>;

impl Writer {
    /// Runs `jobs` (each [`Job::is_fast`]) in `tx`, given the `facts` of
    /// their registrations (read by [`facts_query`] as `tx` began), leaving
    /// their rows and the group's signed tree head in `held` for the commit
    /// to send. `Err` when the database failed: the caller rolls `tx` back
    /// and runs the jobs again the ordinary way; nothing of this attempt
    /// may be kept.
    pub(super) async fn fast_jobs(
        &mut self,
        tx: &mut Tx,
        pending: &mut Pending,
        jobs: &mut [Job],
        mut facts: Registrations,
        held: &mut Inserts<'_>,
    ) -> Result<Outcomes, StoreError> {
        let mut outcomes = Vec::with_capacity(jobs.len());
        for job in jobs.iter_mut() {
            let outcome = match job {
                Job::Command {
                    actor,
                    command,
                    names,
                    ..
                } => {
                    let Command::RegisterChild {
                        org_id, child_id, ..
                    } = &**command
                    else {
                        unreachable!("the fast path registers children only")
                    };
                    let ctx = facts.context(&self.rules, org_id, child_id)?;
                    let child_id = child_id.clone();
                    match decide(actor, (**command).clone(), &ctx) {
                        Err(refusal) => Err(refusal.into()),
                        Ok(events) => {
                            facts.registered(&child_id);
                            // Taken: a second attempt works the keys out
                            // again.
                            let mut names = names.take().map(|n| *n);
                            let seqs = self
                                .hold_events(tx, pending, actor, &events, held, &mut names)
                                .await?;
                            Ok(Appended { seqs })
                        }
                    }
                }
                Job::Events { actor, events, .. } => {
                    let seqs = self
                        .hold_events(tx, pending, actor, events, held, &mut None)
                        .await?;
                    Ok(Appended { seqs })
                }
                _ => unreachable!("only registrations and access events take the fast path"),
            };
            outcomes.push(outcome);
        }
        if !pending.leaves.is_empty() {
            self.hold_head(held, &pending.leaves)?;
        }
        Ok(outcomes)
    }
}

impl Writer {
    /// Runs a group of jobs that are all [`Job::is_fast`] (see `fast.rs`)
    /// and answers them. `Err` when the database failed and nothing was
    /// recorded: the jobs are still in `work`, for the caller to run again
    /// the ordinary way.
    pub(super) async fn fast_group(
        &mut self,
        work: &mut Vec<Job>,
        started: std::time::Instant,
    ) -> Result<(), StoreError> {
        let facts = facts_query(work);
        let Some((mut tx, rows)) = self.begin_or_refuse(work, facts.as_ref()).await else {
            return Ok(());
        };
        let mut pending = Pending::default();
        let mut due = None;
        let mut held = Inserts::new(self.backend, &mut due);
        let outcomes = match async {
            let facts = Registrations::from_rows(&rows)?;
            self.fast_jobs(&mut tx, &mut pending, work, facts, &mut held)
                .await
        }
        .await
        {
            Ok(outcomes) => outcomes,
            Err(e) => {
                if let Err(e) = self.kept(tx.rollback().await) {
                    tracing::warn!(error = %e, "a failed fast path could not be rolled back");
                }
                return Err(e);
            }
        };
        let first_seq = self.tree.len() + 1;
        match self
            .commit(tx, &mut held, &mut pending, work.len(), started)
            .await
        {
            Commit::Done => {
                for d in answers(std::mem::take(work), outcomes) {
                    d.answer();
                }
                Ok(())
            }
            Commit::NotDone => Err(StoreError::Unavailable(format!(
                "the group from ledger entry {first_seq} was not committed"
            ))),
            unknown @ Commit::Unknown => {
                self.stats.failed_groups.fetch_add(1, Ordering::Relaxed);
                for d in answers(std::mem::take(work), outcomes) {
                    d.fail(unknown.why());
                }
                Ok(())
            }
        }
    }
}

/// Pairs each job's reply with its outcome, to be answered after the commit.
pub(super) fn answers(jobs: Vec<Job>, outcomes: Outcomes) -> Vec<Done> {
    debug_assert_eq!(jobs.len(), outcomes.len());
    jobs.into_iter()
        .zip(outcomes)
        .map(|(job, outcome)| match job {
            Job::Command { reply, .. } | Job::Events { reply, .. } => Done::Command(reply, outcome),
            _ => unreachable!("only registrations and access events take the fast path"),
        })
        .collect()
}
