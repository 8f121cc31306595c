//! The end of a group: its last rows and its commit, what the tree
//! learns after it, and how a commit of unknown outcome is resolved.

use super::*;

/// What became of a group's commit.
pub(super) enum Commit {
    /// Durable, and the tree has learnt the group's leaves.
    Done,
    /// It did not take effect: nothing of the group was recorded.
    NotDone,
    /// Nobody can tell: the writer refuses every write until restarted.
    Unknown,
}

impl Commit {
    /// What the callers of a group that did not commit are told.
    pub(super) fn why(&self) -> &'static str {
        match self {
            Commit::Unknown => {
                "whether the write was recorded is not known; the server takes no more writes until it is restarted"
            }
            Commit::Done | Commit::NotDone => {
                "the write could not be committed; nothing was recorded, try again"
            }
        }
    }
}

impl Writer {
    /// Sends the group's last rows (`held`) and its commit, and if it
    /// committed teaches the tree the group's leaves (`size` jobs, begun
    /// at `started`). A commit whose outcome is unknown (the connection
    /// broke during it) is resolved by looking in the ledger for the
    /// group's first entry; if even that fails the writer refuses every
    /// write until restarted.
    pub(super) async fn commit(
        &mut self,
        tx: WriteTx,
        held: &mut Inserts<'_>,
        pending: &mut Pending,
        size: usize,
        started: std::time::Instant,
    ) -> Commit {
        let first_seq = self.tree.len() + 1;
        let commit = match self.kept(tx.commit_with(held).await) {
            Ok(()) => Commit::Done,
            Err(e) => match pending.first.take() {
                Some(bytes) => {
                    tracing::warn!(error = %e, "a commit failed; looking in the ledger whether it took effect");
                    match self.committed_after_all(first_seq, &bytes).await {
                        Ok(true) => {
                            tracing::info!(seq = first_seq, "the commit had taken effect");
                            Commit::Done
                        }
                        Ok(false) => Commit::NotDone,
                        Err(e2) => {
                            tracing::error!(error = %e2, "cannot tell whether a commit took effect; refusing writes until restart");
                            self.broken = Some(format!(
                                "the outcome of a commit is unknown ({e2}); restart the server"
                            ));
                            Commit::Unknown
                        }
                    }
                }
                None => {
                    tracing::warn!(error = %e, "a commit of a group without entries failed");
                    Commit::NotDone
                }
            },
        };
        // A lookup that read the old rows while the group was written does
        // not keep them (see `SessionCache::put`).
        if self.identity_changed.swap(false, Ordering::Relaxed) {
            self.sessions.invalidate();
        }
        if let Commit::Done = commit {
            self.committed(pending, size, started);
        }
        commit
    }

    /// After a group's commit: the tree learns its leaves.
    fn committed(&mut self, pending: &Pending, size: usize, started: std::time::Instant) {
        for h in &pending.leaves {
            self.tree.push(*h);
        }
        if self.tree.len() >= self.last_checkpoint_size + CHECKPOINT_INTERVAL
            || (self.last_checkpoint_size == 0 && !pending.leaves.is_empty())
        {
            self.last_checkpoint_size = self.tree.len();
        }
        self.stats
            .ledger_size
            .store(self.tree.len(), Ordering::Relaxed);
        self.stats.record_group(size);
        tracing::debug!(
            jobs = size,
            entries = pending.leaves.len(),
            ledger = self.tree.len(),
            micros = started.elapsed().as_micros() as u64,
            "write group committed"
        );
    }

    /// After a commit failed: did it take effect all the same? Asked under the
    /// writers' lock, so the failed transaction has ended one way or the other.
    async fn committed_after_all(
        &mut self,
        first_seq: u64,
        envelope: &[u8],
    ) -> Result<bool, StoreError> {
        // Not `begin`: catching up would teach the tree the group's leaves
        // a second time if the commit took effect.
        let kept = self.conn().take();
        let (mut tx, _, _) = WriteTx::begin(kept, &self.pool, self.backend, None).await?;
        let row = sqlx::query("SELECT envelope FROM ledger_entries WHERE seq = $1")
            .bind(first_seq as i64)
            .fetch_optional(&mut *tx)
            .await?;
        self.kept(tx.rollback().await)?;
        Ok(match row {
            Some(r) => {
                let stored: Vec<u8> = r.try_get(0)?;
                stored == envelope
            }
            None => false,
        })
    }
}
