//! The single writer: one task owns the write transaction and the ledger's
//! in-memory tree, and commits waiting commands in groups.
//!
//! Why a task and not a mutex: a caller's future can be dropped at any
//! `.await` (the client hung up, a timeout fired, a flush was cancelled). If
//! the caller drove the transaction itself, a drop between "leaf added to the
//! tree" and "commit" left the tree ahead of the database. Here a caller only
//! sends a [`Job`] and awaits the answer on a oneshot channel: dropping that
//! future drops the answer, never the work. The transaction runs to its end in
//! this task, and the tree learns a group's leaves only after its commit.
//! Nothing outside this module can reach the tree or a write transaction;
//! that is the type-level guarantee (`Store` holds only a [`WriterHandle`]).
//!
//! Group commit: the task takes every job waiting in its queue (up to
//! [`MAX_GROUP`]), runs each in its own savepoint — a refused or failed job
//! is rolled back to its savepoint and changes nothing, its neighbours are
//! unaffected — signs one tree head for the group and commits once. Every
//! caller is answered after the commit is durable (`synchronous=FULL` on
//! SQLite). Access events ride in the same groups.
//!
//! On SQLite the transaction starts with `BEGIN IMMEDIATE`, so it holds the
//! write lock from its first statement and can never fail with
//! `SQLITE_BUSY_SNAPSHOT` because a session write committed in between; on
//! PostgreSQL a transaction-scoped advisory lock serialises servers. Either
//! way the tree is caught up with other processes' entries under the lock.
//!
//! A commit whose outcome is unknown (the connection broke during COMMIT,
//! or a statement of the rows sent with it on SQLite failed) is resolved by
//! looking in the ledger, under the lock, for the group's first entry: the
//! same bytes mean it committed; otherwise it did not, and the callers are
//! told it failed (a group of the fast path runs again job by job instead).
//! A command is never run twice for it. The transaction itself is
//! `tx::WriteTx`.

use crate::projection::{RowOp, Value};
use crate::read::Sql;
use crate::schema::ColType;
use crate::{
    Appended, Backend, CHECKPOINT_INTERVAL, LEDGER_ORIGIN, StoreError, context, now_micros,
};
use crate::{projection, read, sql};
use batch::{Cell, Inserts};
use homeward_domain::{Actor, Command, Event, EventBody, OrgId, Refusal, decide};
use homeward_ledger::{Envelope, Hash, LedgerKey, MerkleTree, PersonalData};
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tokio::sync::mpsc;

pub(crate) mod batch;
mod commit;
use commit::Commit;
#[cfg(test)]
pub(crate) use commit::Fault;
mod fast;
mod head;
mod queue;
mod tx;
mod witness;

pub use queue::{CommandKey, Cosignatures, WriterStats};
use queue::{Done, refuse, refuse_unavailable};
pub(crate) use queue::{Job, WriterHandle};
use tx::{HeadSize, WriteTx};

/// How many jobs one transaction takes at most.
pub const MAX_GROUP: usize = 512;
/// Jobs that may wait before callers wait to enqueue (back-pressure).
pub const QUEUE_CAPACITY: usize = 8192;

type Tx = WriteTx;

fn int(i: i64) -> Cell {
    Cell::Value(Value::Int(i), ColType::Int)
}

pub(crate) struct Writer {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
    pub(crate) key: Option<LedgerKey>,
    pub(crate) key_path: PathBuf,
    tree: MerkleTree,
    /// Whether the tree has been loaded from the database and the head checked.
    loaded: bool,
    /// Set when the stored ledger does not match its signed head: from then
    /// on every write is refused with this message.
    broken: Option<String>,
    last_checkpoint_size: u64,
    stats: Arc<WriterStats>,
    /// Jobs per transaction at most ([`MAX_GROUP`], or less for benchmarks).
    max_group: usize,
    rules: homeward_domain::TransitRules,
    /// Emptied after a group that changed sessions, users or organisations.
    sessions: Arc<crate::sessions::SessionCache>,
    /// Whether the group being written changes them.
    identity_changed: std::sync::atomic::AtomicBool,
    /// The writers' pool's connection, kept from one group to the next
    /// while jobs keep coming (see `tx.rs`); given back after
    /// [`IDLE_RELEASE`] without one, so that closing the pool finds it.
    /// In a mutex only so that `&Writer` may cross threads (a connection
    /// is `Send` but not `Sync`); reached through [`Writer::conn`], which
    /// never locks.
    conn: std::sync::Mutex<Option<tx::Conn>>,
    /// A fault the tests inject into the next commit (`commit::Fault`).
    #[cfg(test)]
    fault: Arc<std::sync::atomic::AtomicU8>,
}

/// How long the writer keeps its connection without a job.
const IDLE_RELEASE: std::time::Duration = std::time::Duration::from_millis(20);

/// Starts the writer task on `pool`, a pool of one connection that only
/// the writer uses (in the shared pool each group first waited behind the
/// requests' session lookups). It ends when every `Store` handle is gone
/// and the queue is empty.
///
/// The task runs on the caller's runtime, not on a thread of its own:
/// there each job's arrival and each answer crossed threads once more (a
/// futex wake each), and 32 clients got no more writes through (measured
/// in the same run, alternating the two builds).
pub(crate) fn start(
    pool: AnyPool,
    backend: Backend,
    key: Option<LedgerKey>,
    key_path: PathBuf,
    rules: homeward_domain::TransitRules,
    sessions: Arc<crate::sessions::SessionCache>,
) -> WriterHandle {
    let (tx, rx) = mpsc::channel(QUEUE_CAPACITY);
    // Benchmarks compare group commit with one job per transaction.
    let max_group = std::env::var("HOMEWARD_WRITE_GROUP_MAX")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| (1..=MAX_GROUP).contains(n))
        .unwrap_or(MAX_GROUP);
    let stats = Arc::new(WriterStats::default());
    #[cfg(test)]
    let fault = Arc::new(std::sync::atomic::AtomicU8::new(0));
    let writer = Writer {
        pool: pool.clone(),
        backend,
        key,
        key_path,
        tree: MerkleTree::new(),
        loaded: false,
        broken: None,
        last_checkpoint_size: 0,
        stats: stats.clone(),
        max_group,
        rules,
        sessions,
        identity_changed: false.into(),
        conn: std::sync::Mutex::new(None),
        #[cfg(test)]
        fault: fault.clone(),
    };
    tokio::spawn(writer.run(rx));
    WriterHandle {
        jobs: tx,
        stats,
        pool,
        #[cfg(test)]
        fault,
    }
}

/// The entries a group has written so far: their leaves, for the tree to
/// learn after the commit, and the first one's bytes, to look for in the
/// ledger if the commit's outcome is unknown (kept here rather than read
/// back: one query fewer per group).
#[derive(Default)]
struct Pending {
    leaves: Vec<Hash>,
    first: Option<Vec<u8>>,
}

impl Pending {
    fn push(&mut self, envelope: &[u8]) {
        if self.leaves.is_empty() {
            self.first = Some(envelope.to_vec());
        }
        self.leaves.push(homeward_ledger::leaf_hash(envelope));
    }

    /// Forgets the entries of a job that was rolled back.
    fn truncate(&mut self, mark: usize) {
        self.leaves.truncate(mark);
        if mark == 0 {
            self.first = None;
        }
    }
}

/// What one job carries through its writes.
#[derive(Default)]
struct Writing {
    /// Statements to send in front of the job's first write (its savepoint,
    /// on SQLite); taken when they are sent.
    due: Option<String>,
    /// The name keys its caller worked out.
    names: Option<read::KnownKeys>,
}

impl Writer {
    async fn run(mut self, mut rx: mpsc::Receiver<Job>) {
        let mut group = Vec::with_capacity(self.max_group);
        loop {
            let waiting = rx.recv_many(&mut group, self.max_group);
            let received = match self.conn().is_some() {
                false => waiting.await,
                // `recv_many` is cancel safe: a timeout loses no job.
                true => match tokio::time::timeout(IDLE_RELEASE, waiting).await {
                    Ok(n) => n,
                    Err(_) => {
                        *self.conn() = None;
                        continue;
                    }
                },
            };
            if received == 0 {
                break;
            }
            let jobs = std::mem::take(&mut group);
            self.group(jobs).await;
        }
    }

    async fn group(&mut self, jobs: Vec<Job>) {
        let mut checks = Vec::new();
        let mut work = Vec::with_capacity(jobs.len());
        let mut asides = Vec::new();
        for job in jobs {
            match job {
                Job::CheckHead { reply } => checks.push(reply),
                j @ (Job::Proof { .. } | Job::Cosign { .. }) => asides.push(j),
                other => work.push(other),
            }
        }
        // Proofs and cosignatures add no entry; each runs on its own, in
        // queue order relative to the groups around it.
        for job in asides {
            match job {
                Job::Proof {
                    from,
                    to,
                    inclusion,
                    reply,
                } => {
                    let r = self.proof(from, to, inclusion).await;
                    let _ = reply.send(r);
                }
                Job::Cosign { org, note, reply } => {
                    let r = self.cosign(&org, &note).await;
                    let _ = reply.send(r);
                }
                _ => unreachable!("only proofs and cosignatures are set aside"),
            }
        }
        if !checks.is_empty() {
            let result = match self.load().await {
                Ok(()) => self.check_current_head().await,
                Err(e) => Err(e),
            };
            for reply in checks {
                let _ = reply.send(match &result {
                    Ok(()) => Ok(self.tree.len()),
                    Err(e) => Err(StoreError::Corrupt(e.clone())),
                });
            }
        }
        if work.is_empty() {
            return;
        }
        let size = work.len();
        let started = std::time::Instant::now();
        if let Err(why) = self.load().await {
            for job in work {
                refuse(job, &why);
            }
            return;
        }
        if work.iter().all(Job::is_fast) {
            match self.fast_group(&mut work, started).await {
                Ok(()) => return,
                Err(e) => {
                    // Which job failed is not known: the group runs again,
                    // each job in its own savepoint, so it fails alone.
                    tracing::warn!(error = %e, jobs = size, "a write group's fast path failed; running each job on its own");
                    self.stats.retried_groups.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        let Some((mut tx, _)) = self.begin_or_refuse(&mut work, None).await else {
            return;
        };
        let mut pending = Pending::default();
        let (done, aborted, roll_back) = self.each_in_savepoint(&mut tx, &mut pending, work).await;
        if let Some(why) = aborted {
            drop(tx);
            self.stats.failed_groups.fetch_add(1, Ordering::Relaxed);
            for d in done {
                d.fail(&why);
            }
            return;
        }
        if roll_back {
            if let Err(e) = self.kept(tx.rollback().await) {
                tracing::warn!(error = %e, "a refused write's transaction could not be rolled back");
            }
            for d in done {
                d.answer();
            }
            return;
        }
        let mut due = None;
        let mut held = Inserts::new(self.backend, &mut due);
        if !pending.leaves.is_empty()
            && let Err(e) = self.hold_head(&mut held, &pending.leaves)
        {
            drop(tx);
            let why = e.to_string();
            tracing::error!(error = %e, "the tree head of a write group could not be signed");
            self.stats.failed_groups.fetch_add(1, Ordering::Relaxed);
            for d in done {
                d.fail(&why);
            }
            return;
        }
        match self
            .commit(tx, &mut held, &mut pending, size, started)
            .await
        {
            Commit::Done => {
                for d in done {
                    d.answer();
                }
            }
            failed => {
                self.stats.failed_groups.fetch_add(1, Ordering::Relaxed);
                for d in done {
                    d.fail(failed.why());
                }
            }
        }
    }

    /// Runs the group's jobs in turn, each in its own savepoint. Returns
    /// the outcomes, why the transaction was lost if it was (the jobs after
    /// are answered at once), and whether it must be rolled back (a job
    /// alone that failed).
    async fn each_in_savepoint(
        &mut self,
        tx: &mut Tx,
        pending: &mut Pending,
        work: Vec<Job>,
    ) -> (Vec<Done>, Option<String>, bool) {
        let size = work.len();
        let mut done = Vec::with_capacity(size);
        let mut aborted: Option<String> = None;
        // A job alone in its group needs no savepoint: if it fails, the
        // whole transaction is rolled back instead (two statements fewer on
        // the path of a single client).
        let alone = size == 1;
        let mut roll_back = false;
        // A job's savepoint is released together with the next one's start
        // (one query fewer per job); the commit releases the last. Each is
        // named after its job's place in the group, so rolling back to one
        // that failed to open fails too, and never undoes a neighbour.
        let mut open: Option<usize> = None;
        for (i, job) in work.into_iter().enumerate() {
            if let Some(why) = &aborted {
                refuse_unavailable(job, why);
                continue;
            }
            let savepoint = (!alone).then_some((i, &mut open));
            match self.job(tx, pending, job, savepoint).await {
                Ok((d, failed)) => {
                    roll_back |= failed && alone;
                    done.push(d);
                }
                Err((d, e)) => {
                    // The savepoint could not be rolled back: the whole
                    // transaction is lost.
                    tracing::error!(error = %e, "a write group was abandoned");
                    aborted = Some(e.to_string());
                    done.push(d);
                }
            }
        }
        (done, aborted, roll_back)
    }

    /// Runs one job in its own savepoint, `job{n}` (`savepoint` is `None`
    /// for a job alone in its group, and otherwise gives `n` and the number
    /// of the job whose savepoint is still open, if one is). `Err` only when
    /// the transaction itself is lost (the savepoint could not be rolled
    /// back).
    async fn job(
        &mut self,
        tx: &mut Tx,
        pending: &mut Pending,
        job: Job,
        savepoint: Option<(usize, &mut Option<usize>)>,
    ) -> Result<(Done, bool), (Done, StoreError)> {
        let mark = pending.leaves.len();
        let start = savepoint.as_ref().map(|(n, open)| match open {
            Some(last) => format!("RELEASE SAVEPOINT job{last}; SAVEPOINT job{n}; "),
            None => format!("SAVEPOINT job{n}; "),
        });
        // On SQLite the savepoint's statements wait for the job's first
        // write and go in the same query (one crossing to SQLite's worker
        // thread fewer per job); a job that writes nothing, such as one its
        // decision refused, never opens one and has nothing to roll back.
        // PostgreSQL prepares one statement per query, so there it opens
        // first, unprepared.
        let mut writing = Writing::default();
        let begun = match (start, self.backend) {
            (None, _) => Ok(()),
            (Some(sql), Backend::Sqlite) => {
                writing.due = Some(sql);
                Ok(())
            }
            (Some(sql), Backend::Postgres) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut **tx)
                .await
                .map(|_| ()),
        };
        if let Err(e) = begun {
            let done = match job {
                Job::Command { reply, .. } | Job::Events { reply, .. } => {
                    Done::Command(reply, Err(StoreError::Unavailable(e.to_string())))
                }
                Job::Batch { reply, .. } => {
                    Done::Batch(reply, Err((0, StoreError::Unavailable(e.to_string()))))
                }
                Job::CheckHead { .. } | Job::Proof { .. } | Job::Cosign { .. } => {
                    unreachable!("checks, proofs and cosignatures are taken out of the group")
                }
            };
            return Err((done, e.into()));
        }
        let deferred = writing.due.is_some();
        let (done, ok) = match job {
            Job::Command {
                actor,
                command,
                key,
                names,
                reply,
            } => {
                writing.names = names.map(|n| *n);
                let r = self
                    .command(tx, pending, &actor, *command, key.as_ref(), &mut writing)
                    .await;
                let ok = r.is_ok();
                (Done::Command(reply, r), ok)
            }
            Job::Events {
                actor,
                events,
                reply,
            } => {
                let r = self
                    .write_events(tx, pending, &actor, &events, &mut writing)
                    .await
                    .map(|seqs| Appended { seqs });
                let ok = r.is_ok();
                (Done::Command(reply, r), ok)
            }
            Job::Batch {
                actor,
                commands,
                reply,
            } => {
                let mut seqs = Vec::new();
                let mut result = Ok(());
                for (i, command) in commands.into_iter().enumerate() {
                    let r = async {
                        let ctx = context::load(tx, &self.rules, &actor, &command).await?;
                        let events = decide(&actor, command, &ctx)?;
                        self.write_events(tx, pending, &actor, &events, &mut writing)
                            .await
                    }
                    .await;
                    match r {
                        Ok(s) => seqs.extend(s),
                        Err(e) => {
                            result = Err((i, e));
                            break;
                        }
                    }
                }
                let ok = result.is_ok();
                (Done::Batch(reply, result.map(|()| Appended { seqs })), ok)
            }
            Job::CheckHead { .. } | Job::Proof { .. } | Job::Cosign { .. } => {
                unreachable!("checks, proofs and cosignatures are taken out of the group")
            }
        };
        if !ok {
            pending.truncate(mark);
        }
        let Some((n, open)) = savepoint else {
            // The caller rolls the whole transaction back if this failed.
            return Ok((done, !ok));
        };
        if deferred && writing.due.is_some() {
            // The job wrote nothing and opened no savepoint; the last job's
            // is still open (or none is).
            return Ok((done, false));
        }
        // This job's savepoint was opened, or at least its statements were
        // sent: if they failed, rolling back to it fails too, and the
        // transaction is given up.
        if ok {
            // Released by the next job's start, or by the commit.
            *open = Some(n);
            return Ok((done, false));
        }
        *open = None;
        let end = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "ROLLBACK TO SAVEPOINT job{n}; RELEASE SAVEPOINT job{n}"
        )))
        .execute(&mut **tx)
        .await;
        match end {
            Ok(_) => Ok((done, false)),
            Err(e) => Err((done, e.into())),
        }
    }

    async fn command(
        &mut self,
        tx: &mut Tx,
        pending: &mut Pending,
        actor: &Actor,
        command: Command,
        key: Option<&CommandKey>,
        writing: &mut Writing,
    ) -> Result<Appended, StoreError> {
        if let Some(k) = key {
            let row = sqlx::query(
                "SELECT first_seq, last_seq FROM command_keys WHERE user_id = $1 AND key = $2",
            )
            .bind(k.user.as_str())
            .bind(k.key.as_str())
            .fetch_optional(&mut **tx)
            .await?;
            if let Some(r) = row {
                let first: i64 = r.try_get(0)?;
                let last: i64 = r.try_get(1)?;
                return Err(StoreError::AlreadyApplied {
                    seqs: (first as u64..=last as u64).filter(|s| *s > 0).collect(),
                });
            }
        }
        let ctx = context::load(tx, &self.rules, actor, &command).await?;
        let events = decide(actor, command, &ctx)?;
        let seqs = self
            .write_events(tx, pending, actor, &events, writing)
            .await?;
        if let Some(k) = key {
            // A command that recorded nothing still keeps its key, in its
            // savepoint.
            Inserts::new(self.backend, &mut writing.due)
                .flush(tx)
                .await?;
            sqlx::query(
                "INSERT INTO command_keys (user_id, key, first_seq, last_seq, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(k.user.as_str())
            .bind(k.key.as_str())
            .bind(seqs.first().copied().unwrap_or(0) as i64)
            .bind(seqs.last().copied().unwrap_or(0) as i64)
            .bind(now_micros())
            .execute(&mut **tx)
            .await?;
        }
        Ok(Appended { seqs })
    }

    /// Begins a group's transaction, reading `then`'s rows as it begins
    /// (see [`WriteTx::begin`]); if it cannot begin, every job of the
    /// group is told so (and `work` is left empty).
    async fn begin_or_refuse(
        &mut self,
        work: &mut Vec<Job>,
        then: Option<&Sql>,
    ) -> Option<(Tx, Vec<AnyRow>)> {
        match self.begin_then(then).await {
            Ok(begun) => Some(begun),
            Err(e) => {
                let why = e.to_string();
                tracing::error!(error = %e, jobs = work.len(), "a write transaction could not begin");
                self.stats.failed_groups.fetch_add(1, Ordering::Relaxed);
                for job in work.drain(..) {
                    refuse_unavailable(job, &why);
                }
                None
            }
        }
    }

    async fn begin(&mut self) -> Result<Tx, StoreError> {
        Ok(self.begin_then(None).await?.0)
    }

    async fn begin_then(&mut self, then: Option<&Sql>) -> Result<(Tx, Vec<AnyRow>), StoreError> {
        let kept = self.conn().take();
        let (mut tx, head, rows) = WriteTx::begin(kept, &self.pool, self.backend, then).await?;
        self.catch_up(&mut tx, head).await?;
        Ok((tx, rows))
    }

    /// Keeps the connection a transaction ended on, for the next group.
    /// `Err` when it did not end cleanly: the connection is then closed.
    fn kept(&mut self, ended: Result<tx::Conn, StoreError>) -> Result<(), StoreError> {
        ended.map(|conn| *self.conn() = Some(conn))
    }

    /// A connection for reads outside a group's transaction: the kept one
    /// if there is one (the writers' pool has no other).
    async fn connection(&mut self) -> Result<tx::Conn, StoreError> {
        match self.conn().take() {
            Some(conn) => Ok(conn),
            None => Ok(self.pool.acquire().await?),
        }
    }

    fn conn(&mut self) -> &mut Option<tx::Conn> {
        self.conn
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Catches the tree up with entries other processes appended.
    ///
    /// The signed head's size (`head`, read as the transaction began) says
    /// first whether there are any: it is written in the transaction of
    /// every entry, and reading it is one key lookup. (Asking `seq > known`
    /// of the entries directly, once per group, let PostgreSQL plan a scan
    /// of the whole table from stale statistics: most of its time under
    /// write load.)
    async fn catch_up(&mut self, tx: &mut Tx, head: HeadSize) -> Result<(), StoreError> {
        let known = self.tree.len();
        if known > 0 && head == Some(known) {
            return Ok(());
        }
        let rows =
            sqlx::query("SELECT seq, envelope FROM ledger_entries WHERE seq > $1 ORDER BY seq")
                .bind(known as i64)
                .fetch_all(&mut **tx)
                .await?;
        for row in rows {
            let seq: i64 = row.try_get(0)?;
            let envelope: Vec<u8> = row.try_get(1)?;
            if seq as u64 != self.tree.len() + 1 {
                return Err(StoreError::Corrupt(format!(
                    "ledger entry {} is missing",
                    self.tree.len() + 1
                )));
            }
            self.tree.push(homeward_ledger::leaf_hash(&envelope));
        }
        if self.tree.len() > known {
            let last: Option<i64> = sqlx::query("SELECT MAX(size) FROM ledger_checkpoints")
                .fetch_one(&mut **tx)
                .await?
                .try_get(0)?;
            self.last_checkpoint_size = last.unwrap_or(0) as u64;
            self.stats
                .ledger_size
                .store(self.tree.len(), Ordering::Relaxed);
        }
        Ok(())
    }

    /// Writes events to the ledger and their rows to the tables; their leaves
    /// go to `pending`, for the tree to learn after the commit.
    async fn write_events(
        &self,
        tx: &mut Tx,
        pending: &mut Pending,
        actor: &Actor,
        events: &[Event],
        writing: &mut Writing,
    ) -> Result<Vec<u64>, StoreError> {
        let mut held = Inserts::new(self.backend, &mut writing.due);
        let seqs = self
            .hold_events(tx, pending, actor, events, &mut held, &mut writing.names)
            .await?;
        held.flush(tx).await?;
        Ok(seqs)
    }

    /// Like [`Writer::write_events`], leaving the rows to insert in `held`
    /// (other statements flush it first, so they see every row before them).
    async fn hold_events(
        &self,
        tx: &mut Tx,
        pending: &mut Pending,
        actor: &Actor,
        events: &[Event],
        held: &mut Inserts<'_>,
        names: &mut Option<read::KnownKeys>,
    ) -> Result<Vec<u64>, StoreError> {
        let mut seqs = Vec::with_capacity(events.len());
        for event in events {
            let seq = self.tree.len() + pending.leaves.len() as u64 + 1;
            let at = now_micros();
            let personal = event.personal_json().map(PersonalData::new);
            let envelope = Envelope {
                seq,
                recorded_at: at,
                actor: actor.user.0.clone(),
                org: actor.org.0.clone(),
                kind: event.body.kind().to_owned(),
                body: event.body_json(),
                personal: personal.as_ref().map(|p| p.commitment()),
            };
            let bytes = envelope.encode();
            pending.push(&bytes);
            held.push(
                "ledger_entries",
                &["seq", "recorded_at", "kind", "envelope"],
                vec![
                    int(seq as i64),
                    int(at),
                    Cell::Value(Value::Text(envelope.kind), ColType::Text),
                    Cell::Blob(bytes),
                ],
            );
            if let Some(p) = personal {
                held.push(
                    "ledger_personal",
                    &["seq", "salt", "data"],
                    vec![
                        int(seq as i64),
                        Cell::Blob(p.salt.to_vec()),
                        Cell::Blob(p.data),
                    ],
                );
            }
            if let EventBody::PersonalDataErased { seqs: erased, .. }
            | EventBody::TracingRequestErased { seqs: erased, .. } = &event.body
            {
                held.flush(tx).await?;
                for s in erased {
                    sqlx::query("DELETE FROM ledger_personal WHERE seq = $1")
                        .bind(*s as i64)
                        .execute(&mut **tx)
                        .await?;
                }
            }
            for op in projection::project(seq, at, &event.body, event.personal.as_ref()) {
                let (RowOp::Insert { table, .. } | RowOp::Update { table, .. }) = &op;
                if matches!(*table, "users" | "organisations") {
                    self.identity_changed.store(true, Ordering::Relaxed);
                }
                match op {
                    RowOp::Insert { table, values } => held.push_projected(table, &values),
                    op => {
                        held.flush(tx).await?;
                        sql::apply(tx, &op).await?;
                    }
                }
            }
            read::on_event(tx, held, &event.body, event.personal.as_ref(), names).await?;
            // A new password or a disabled account ends every session and
            // token of the user in the same transaction, so no server
            // sharing the database lets an old one in afterwards.
            if let EventBody::PasswordSet { user_id } | EventBody::UserDisabled { user_id } =
                &event.body
            {
                self.identity_changed.store(true, Ordering::Relaxed);
                held.flush(tx).await?;
                sqlx::query("UPDATE sessions SET revoked = 1 WHERE user_id = $1 AND revoked = 0")
                    .bind(user_id.as_str())
                    .execute(&mut **tx)
                    .await?;
            }
            seqs.push(seq);
        }
        Ok(seqs)
    }

    /// Signs the group's tree head for `ledger_head`, and keeps a copy for
    /// `ledger_checkpoints` every [`CHECKPOINT_INTERVAL`] entries: rows held
    /// in `held`, which the commit sends (on SQLite in the same query).
    fn hold_head(&self, held: &mut Inserts<'_>, pending: &[Hash]) -> Result<(), StoreError> {
        let key = self.key.as_ref().ok_or_else(|| {
            StoreError::Config(format!(
                "the ledger signing key '{}' is missing; without it nothing can be recorded",
                self.key_path.display()
            ))
        })?;
        let size = self.tree.len() + pending.len() as u64;
        let cp = key.sign_checkpoint(
            LEDGER_ORIGIN,
            size,
            self.tree.root_with(pending),
            now_micros(),
        );
        let note = || Cell::Value(Value::Text(cp.to_text()), ColType::Text);
        held.push_or(
            "ledger_head",
            &["id", "size", "note"],
            vec![int(1), int(size as i64), note()],
            " ON CONFLICT (id) DO UPDATE SET size = excluded.size, note = excluded.note",
        );
        if self.last_checkpoint_size == 0 || size >= self.last_checkpoint_size + CHECKPOINT_INTERVAL
        {
            held.push(
                "ledger_checkpoints",
                &["size", "note"],
                vec![int(size as i64), note()],
            );
        }
        Ok(())
    }
}
