//! Checking the stored ledger against its signed head: once when the
//! writer first loads the ledger, and cheaply again for readiness. A mismatch
//! marks the writer broken: every later write is refused with the sentence
//! that names the first bad entry.

use super::Writer;
use crate::StoreError;
use homeward_ledger::{Envelope, MerkleTree};
use sqlx::Row;
use std::sync::atomic::Ordering;

impl Writer {
    /// Loads the whole ledger into the tree and checks it against the signed
    /// head, once. A mismatch is kept: every later write is refused with it.
    pub(super) async fn load(&mut self) -> Result<(), String> {
        if let Some(why) = &self.broken {
            return Err(why.clone());
        }
        if self.loaded {
            return Ok(());
        }
        let result = async {
            let mut conn = self.connection().await?;
            // The head and checkpoints first: entries only grow, so those
            // read after them cover them even while another server appends.
            let head = sqlx::query("SELECT size, note FROM ledger_head WHERE id = 1")
                .fetch_optional(&mut *conn)
                .await?;
            let checkpoints = sqlx::query("SELECT size, note FROM ledger_checkpoints ORDER BY size")
                .fetch_all(&mut *conn)
                .await?;
            let rows = sqlx::query("SELECT seq, envelope FROM ledger_entries ORDER BY seq")
                .fetch_all(&mut *conn)
                .await?;
            let mut tree = MerkleTree::new();
            for row in rows {
                let seq: i64 = row.try_get(0)?;
                let envelope: Vec<u8> = row.try_get(1)?;
                let expected = tree.len() + 1;
                if seq as u64 != expected {
                    return Ok(Err(format!(
                        "ledger entry {expected} is missing (the next stored entry is {seq})"
                    )));
                }
                match Envelope::decode(&envelope) {
                    Ok(e) if e.seq == expected => {}
                    Ok(e) => {
                        return Ok(Err(format!(
                            "ledger entry {expected} holds an envelope for entry {}",
                            e.seq
                        )));
                    }
                    Err(e) => return Ok(Err(format!("ledger entry {expected} is unreadable: {e}"))),
                }
                tree.push(homeward_ledger::leaf_hash(&envelope));
            }
            let mut last_checkpoint = 0u64;
            for r in &checkpoints {
                let size: i64 = r.try_get(0)?;
                let note: String = r.try_get(1)?;
                let size = size as u64;
                if let Err(why) =
                    self.check_note(&tree, "checkpoint", size, &note, last_checkpoint)
                {
                    return Ok(Err(why));
                }
                last_checkpoint = size;
            }
            match head {
                None if tree.is_empty() => {}
                None => {
                    return Ok(Err(format!(
                        "the ledger holds {} entries but no signed head; entry 1 is not covered by a signature",
                        tree.len()
                    )));
                }
                Some(r) => {
                    let size: i64 = r.try_get(0)?;
                    let note: String = r.try_get(1)?;
                    let size = size as u64;
                    if size < tree.len() {
                        return Ok(Err(format!(
                            "ledger entry {} is not covered by the signed head (size {size})",
                            size + 1
                        )));
                    }
                    if let Err(why) = self.check_note(&tree, "head", size, &note, last_checkpoint)
                    {
                        return Ok(Err(why));
                    }
                }
            }
            self.last_checkpoint_size = last_checkpoint;
            self.tree = tree;
            Ok::<_, StoreError>(Ok(()))
        }
        .await;
        match result {
            Ok(Ok(())) => {
                self.loaded = true;
                self.stats
                    .ledger_size
                    .store(self.tree.len(), Ordering::Relaxed);
                Ok(())
            }
            Ok(Err(why)) => {
                let why = format!("the ledger does not match its signed head: {why}");
                self.broken = Some(why.clone());
                Err(why)
            }
            // The database did not answer: not a broken ledger; try again later.
            Err(e) => Err(format!("the ledger could not be read: {e}")),
        }
    }

    /// After the first load: the head as stored now still matches the
    /// entries (another server may have appended; its entries are read
    /// first). A mismatch marks the ledger broken.
    pub(super) async fn check_current_head(&mut self) -> Result<(), String> {
        let result = async {
            let mut conn = self.connection().await?;
            // The head first: entries only grow, so those read after it
            // cover it even while another server appends.
            let head = sqlx::query("SELECT size, note FROM ledger_head WHERE id = 1")
                .fetch_optional(&mut *conn)
                .await?;
            let known = self.tree.len();
            let rows =
                sqlx::query("SELECT seq, envelope FROM ledger_entries WHERE seq > $1 ORDER BY seq")
                    .bind(known as i64)
                    .fetch_all(&mut *conn)
                    .await?;
            Ok::<_, StoreError>((rows, head))
        }
        .await;
        let (rows, head) = result.map_err(|e| format!("the ledger could not be read: {e}"))?;
        // The last entry this process knows is still there, byte for byte.
        if let Some(last) = self.tree.leaves().last().copied() {
            let seq = self.tree.len();
            let stored = async {
                let mut conn = self.connection().await?;
                let row = sqlx::query("SELECT envelope FROM ledger_entries WHERE seq = $1")
                    .bind(seq as i64)
                    .fetch_optional(&mut *conn)
                    .await?;
                row.map(|r| r.try_get::<Vec<u8>, _>(0))
                    .transpose()
                    .map_err(StoreError::from)
            }
            .await
            .map_err(|e| format!("the ledger could not be read: {e}"))?;
            let problem = match stored {
                None => Some(format!("ledger entry {seq} is missing")),
                Some(bytes) if homeward_ledger::leaf_hash(&bytes) != last => {
                    Some(format!("ledger entry {seq} was changed"))
                }
                Some(_) => None,
            };
            if let Some(p) = problem {
                let why = format!("the ledger does not match its signed head: {p}");
                self.broken = Some(why.clone());
                return Err(why);
            }
        }
        for row in rows {
            let seq: i64 = row.try_get(0).map_err(|e| e.to_string())?;
            let envelope: Vec<u8> = row.try_get(1).map_err(|e| e.to_string())?;
            if seq as u64 != self.tree.len() + 1 {
                let why = format!(
                    "the ledger does not match its signed head: ledger entry {} is missing",
                    self.tree.len() + 1
                );
                self.broken = Some(why.clone());
                return Err(why);
            }
            self.tree.push(homeward_ledger::leaf_hash(&envelope));
        }
        if let Some(r) = head {
            let size: i64 = r.try_get(0).map_err(|e| e.to_string())?;
            let note: String = r.try_get(1).map_err(|e| e.to_string())?;
            if let Err(why) = self.check_note(&self.tree, "head", size as u64, &note, 0) {
                let why = format!("the ledger does not match its signed head: {why}");
                self.broken = Some(why.clone());
                return Err(why);
            }
        }
        Ok(())
    }

    /// Checks one stored checkpoint note against the tree: its size is
    /// within the tree, its root is the tree's root at that size, and it is
    /// signed by this installation's key when the key is at hand. `good` is
    /// the largest size already checked, to name where a changed entry lies.
    pub(super) fn check_note(
        &self,
        tree: &MerkleTree,
        what: &str,
        size: u64,
        note: &str,
        good: u64,
    ) -> Result<(), String> {
        let cp = homeward_ledger::Checkpoint::from_text(note)
            .map_err(|e| format!("the signed {what} for size {size} is unreadable: {e}"))?;
        if cp.size != size {
            return Err(format!(
                "the signed {what} stored for size {size} is for size {}",
                cp.size
            ));
        }
        if size > tree.len() {
            return Err(format!(
                "ledger entry {} is missing (the signed {what} covers {size} entries)",
                tree.len() + 1
            ));
        }
        let root = tree.root_at(size).map_err(|e| e.to_string())?;
        if root != cp.root {
            let first = if good + 1 == size {
                format!("entry {size} was changed")
            } else {
                format!(
                    "the first changed entry is between {} and {size} (entries up to {good} match an earlier signed checkpoint)",
                    good + 1
                )
            };
            return Err(format!(
                "the entries do not give the root signed for size {size}: {first}"
            ));
        }
        if let Some(key) = &self.key
            && cp.verify(&key.public()).is_err()
        {
            return Err(format!(
                "the signed {what} for size {size} does not verify with this installation's key"
            ));
        }
        Ok(())
    }
}
