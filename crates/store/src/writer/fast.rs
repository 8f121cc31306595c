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

use super::{Pending, Tx, Writer};
use crate::context::Registrations;
use crate::read::Sql;
use crate::writer::batch::Inserts;
use crate::writer::queue::{Done, Job};
use crate::{Appended, StoreError};
use homeward_domain::{Command, EventBody, decide};

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
