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

/// A fault the tests put in the way of the next commit, to reach the
/// paths a real one takes only when a connection breaks at the wrong
/// moment. Outside tests there is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code, reason = "only the tests inject faults"))]
pub(crate) enum Fault {
    None = 0,
    /// The commit takes effect, and its answer is lost.
    AnswerLost = 1,
    /// The connection breaks before the commit is sent.
    NotSent = 2,
    /// As `NotSent`, and the ledger cannot be asked afterwards either.
    NotSentNorAsked = 3,
}

impl Fault {
    fn lost() -> StoreError {
        StoreError::Unavailable(
            "the connection broke during the commit (a fault injected by a test)".into(),
        )
    }
}

impl Writer {
    /// The fault injected for this commit, taken (a fault is used once).
    fn next_fault(&self) -> Fault {
        #[cfg(test)]
        {
            match self.fault.swap(0, Ordering::Relaxed) {
                1 => return Fault::AnswerLost,
                2 => return Fault::NotSent,
                3 => return Fault::NotSentNorAsked,
                _ => {}
            }
        }
        Fault::None
    }

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
        let fault = self.next_fault();
        let sent = match fault {
            Fault::None => tx.commit_with(held).await,
            Fault::AnswerLost => tx.commit_with(held).await.and(Err(Fault::lost())),
            Fault::NotSent | Fault::NotSentNorAsked => {
                drop(tx);
                Err(Fault::lost())
            }
        };
        let commit = match self.kept(sent) {
            Ok(()) => Commit::Done,
            Err(e) => match pending.first.take() {
                Some(bytes) => {
                    tracing::warn!(error = %e, "a commit failed; looking in the ledger whether it took effect");
                    let asked = match fault {
                        Fault::NotSentNorAsked => Err(Fault::lost()),
                        _ => self.committed_after_all(first_seq, &bytes).await,
                    };
                    match asked {
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

#[cfg(test)]
mod tests {
    //! A commit whose outcome is unknown, on SQLite and on PostgreSQL
    //! (`HOMEWARD_TEST_PG`, as for the conformance suite): the writer asks
    //! the ledger, never runs a command twice, and refuses writes when even
    //! that fails.
    use super::Fault;
    use crate::seed::{self, Cast};
    use crate::{Store, StoreConfig, StoreError};
    use homeward_domain::*;
    use std::sync::atomic::Ordering;

    fn register(cast: &Cast, i: usize) -> Command {
        Command::RegisterChild {
            child_id: ChildId(Store::new_id()),
            org_id: cast.party_a.org.clone(),
            list_name: "Party A list 1".into(),
            import_id: None,
            details: ChildDetails {
                names: vec![PersonName {
                    family_name: format!("Шевченко{i}"),
                    given_name: "Олександр".into(),
                    patronymic: None,
                    lang: "uk".into(),
                    kind: NameKind::Recorded,
                }],
                ..Default::default()
            },
        }
    }

    /// The people of the demo, and the ledger's size after they were added.
    async fn cast_and_entries(store: &Store) -> (Cast, u64) {
        let cast = seed::cast(store, "$argon2id$not-a-real-hash")
            .await
            .unwrap();
        (cast, entries(store).await)
    }

    /// One more registration commits, and the ledger, which verifies, and
    /// the writer's tree are then both `want` long. Closes the store.
    async fn writes_go_on(store: &Store, cast: &Cast, want: u64) {
        store
            .execute(&cast.party_a, register(cast, 9))
            .await
            .unwrap();
        assert_eq!(entries(store).await, want);
        assert_eq!(store.check_ledger_head().await.unwrap(), want);
        store.close().await;
    }

    async fn entries(store: &Store) -> u64 {
        match store.verify(None).await {
            Ok(s) => s.entries,
            Err(e) => panic!("the ledger does not verify: {e}"),
        }
    }

    async fn children(store: &Store) -> i64 {
        let row = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM children")
            .fetch_one(store.pool())
            .await;
        row.unwrap()
    }

    /// Runs `check` on a fresh SQLite store and on a fresh PostgreSQL
    /// database, with the configuration to open the store again.
    async fn on_both<F>(check: impl Fn(Store, StoreConfig) -> F)
    where
        F: std::future::Future<Output = ()>,
    {
        let dir = tempfile::tempdir().unwrap();
        let config = StoreConfig::new(dir.path().join("homeward.db").to_str().unwrap());
        check(Store::open(&config).await.unwrap(), config).await;

        let db = homeward_testkit::ScratchDb::create().await;
        let mut config = StoreConfig::new(db.url());
        config.key_path = Some(dir.path().join("ledger.key"));
        check(Store::open(&config).await.unwrap(), config).await;
        db.drop().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_commit_whose_answer_is_lost_is_found_in_the_ledger() {
        on_both(|store, _| async move {
            let (cast, before) = cast_and_entries(&store).await;
            // A registration (the fast path) and a batch (a savepoint each).
            store.inject_commit_fault(Fault::AnswerLost);
            store
                .execute(&cast.party_a, register(&cast, 1))
                .await
                .unwrap();
            store.inject_commit_fault(Fault::AnswerLost);
            store
                .execute_all(&cast.party_a, vec![register(&cast, 2)])
                .await
                .unwrap();
            // Each applied once, none run again, and the tree knows both.
            assert_eq!(entries(&store).await, before + 2);
            assert_eq!(children(&store).await, 2);
            assert_eq!(
                store.writer_stats().retried_groups.load(Ordering::Relaxed),
                0
            );
            writes_go_on(&store, &cast, before + 3).await;
        })
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_commit_that_did_not_take_effect_is_not_counted() {
        on_both(|store, _| async move {
            let (cast, before) = cast_and_entries(&store).await;
            // The fast path runs its group again, job by job, and that commits.
            store.inject_commit_fault(Fault::NotSent);
            store
                .execute(&cast.party_a, register(&cast, 1))
                .await
                .unwrap();
            assert_eq!(
                store.writer_stats().retried_groups.load(Ordering::Relaxed),
                1
            );
            assert_eq!(entries(&store).await, before + 1);
            // A batch is not run again: its caller is told nothing was recorded.
            store.inject_commit_fault(Fault::NotSent);
            let (_, e) = store
                .execute_all(&cast.party_a, vec![register(&cast, 2)])
                .await
                .unwrap_err();
            assert!(e.to_string().contains("nothing was recorded"), "{e}");
            assert_eq!(entries(&store).await, before + 1);
            assert_eq!(children(&store).await, 1);
            // Writing goes on, on the tree as committed.
            writes_go_on(&store, &cast, before + 2).await;
        })
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_commit_nobody_can_account_for_stops_the_writes_until_restart() {
        on_both(|store, config| async move {
            let (cast, before) = cast_and_entries(&store).await;
            store.inject_commit_fault(Fault::NotSentNorAsked);
            let e = store
                .execute(&cast.party_a, register(&cast, 1))
                .await
                .unwrap_err();
            assert!(e.to_string().contains("is not known"), "{e}");
            let e = store
                .execute(&cast.party_a, register(&cast, 2))
                .await
                .unwrap_err();
            assert!(
                matches!(e, StoreError::Unavailable(_) | StoreError::Corrupt(_)),
                "{e:?}"
            );
            assert!(e.to_string().contains("restart"), "{e}");
            store.close().await;
            // After a restart: nothing of the lost group, and writes again.
            let store = Store::open(&config).await.unwrap();
            assert_eq!(entries(&store).await, before);
            assert_eq!(children(&store).await, 0);
            store
                .execute(&cast.party_a, register(&cast, 3))
                .await
                .unwrap();
            assert_eq!(entries(&store).await, before + 1);
            store.close().await;
        })
        .await;
    }
}
