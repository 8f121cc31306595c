//! The witnesses' side of the writer: proofs on the tree and cosignatures
//! merged into the checkpoints they cover, serialised with every write.

use super::*;
use homeward_domain::Rule;

impl Writer {
    /// A proof on the tree, caught up with other processes' entries first
    /// when it is asked about a size this process has not seen.
    pub(super) async fn proof(
        &mut self,
        from: u64,
        to: u64,
        inclusion: Option<u64>,
    ) -> Result<Vec<Hash>, StoreError> {
        self.load().await.map_err(StoreError::Corrupt)?;
        if to > self.tree.len() {
            let tx = self.begin().await?;
            self.kept(tx.rollback().await)?;
        }
        let size = self.tree.len();
        if to > size {
            return Err(StoreError::Refused(Refusal::Invalid(Rule::NoTreeOfSize {
                size,
                to,
            })));
        }
        let proof = match inclusion {
            Some(index) => self.tree.inclusion_proof(index, to),
            None => self.tree.consistency_proof(from, to),
        };
        proof.map_err(|e| StoreError::Refused(Refusal::Invalid(Rule::Ledger(e.to_string()))))
    }

    /// Takes the cosignatures that `org`'s registered witness made on a
    /// checkpoint this installation signed, and stores them with it: in
    /// `ledger_checkpoints` at its size (a history copy is kept for every
    /// cosigned size), and in `ledger_head` while it is still the head.
    pub(super) async fn cosign(
        &mut self,
        org: &OrgId,
        uploaded: &str,
    ) -> Result<Cosignatures, StoreError> {
        self.load().await.map_err(StoreError::Corrupt)?;
        let invalid = |rule: Rule| StoreError::Refused(Refusal::Invalid(rule));
        let key = self.key.as_ref().ok_or_else(|| {
            StoreError::Config(format!(
                "the ledger signing key '{}' is missing; cosignatures cannot be checked",
                self.key_path.display()
            ))
        })?;
        let public = key.public();
        let mut tx = self.begin().await?;
        let rows = sqlx::query(
            "SELECT verifier_key FROM witness_keys WHERE org_id = $1 AND current = 1 ORDER BY seq",
        )
        .bind(org.as_str())
        .fetch_all(&mut *tx)
        .await?;
        let mut witnesses = Vec::new();
        for r in rows {
            let text: String = r.try_get(0)?;
            witnesses.push(text.parse::<homeward_ledger::VerifierKey>().map_err(|e| {
                StoreError::Corrupt(format!("a registered witness key is unreadable: {e}"))
            })?);
        }
        if witnesses.is_empty() {
            return Err(StoreError::Refused(Refusal::Forbidden(Rule::NoWitnessKey)));
        }
        // Who may upload is settled before the upload is read.
        let offered = homeward_ledger::Checkpoint::from_text(uploaded)
            .map_err(|e| invalid(Rule::CheckpointUnreadable(e.to_string())))?;
        let size = offered.size;
        if size > self.tree.len() || size == 0 {
            return Err(invalid(Rule::CheckpointSize {
                size,
                held: self.tree.len(),
            }));
        }
        let head = sqlx::query("SELECT size, note FROM ledger_head WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await?;
        let head: Option<(i64, String)> = match head {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
            None => None,
        };
        let kept = sqlx::query("SELECT note FROM ledger_checkpoints WHERE size = $1")
            .bind(size as i64)
            .fetch_optional(&mut *tx)
            .await?;
        let kept: Option<String> = match kept {
            Some(r) => Some(r.try_get(0)?),
            None => None,
        };
        let is_head = head.as_ref().is_some_and(|(s, _)| *s as u64 == size);
        let stored_text = kept
            .clone()
            .or_else(|| head.as_ref().filter(|_| is_head).map(|(_, n)| n.clone()));
        let mut stored = match stored_text {
            Some(text) => homeward_ledger::Checkpoint::from_text(&text).map_err(|e| {
                StoreError::Corrupt(format!(
                    "the stored checkpoint for size {size} is unreadable: {e}"
                ))
            })?,
            None => {
                // A head that has since been replaced: the mediator signs each
                // size once, so a note with this installation's valid
                // signature and the ledger's root at that size is that head.
                let mut cp = offered.clone();
                if let homeward_ledger::CheckpointSignatures::Note(sigs) = &mut cp.signatures {
                    sigs.retain(|s| s.name == cp.origin);
                }
                if cp.origin != crate::LEDGER_ORIGIN || cp.verify(&public).is_err() {
                    return Err(invalid(Rule::CheckpointNotOurs { size }));
                }
                let root = self
                    .tree
                    .root_at(size)
                    .map_err(|e| invalid(Rule::Ledger(e.to_string())))?;
                if root != cp.root {
                    return Err(invalid(Rule::CheckpointRoot { size }));
                }
                cp
            }
        };
        let names = homeward_ledger::accept_cosignatures(&mut stored, uploaded, &witnesses)
            .map_err(|e| invalid(Rule::Ledger(e.to_string())))?;
        let note = stored.to_text();
        sqlx::query(
            "INSERT INTO ledger_checkpoints (size, note) VALUES ($1, $2) \
             ON CONFLICT (size) DO UPDATE SET note = excluded.note",
        )
        .bind(size as i64)
        .bind(note.as_str())
        .execute(&mut *tx)
        .await?;
        if is_head {
            sqlx::query("UPDATE ledger_head SET note = $1 WHERE id = 1")
                .bind(note.as_str())
                .execute(&mut *tx)
                .await?;
        }
        self.kept(tx.commit().await)?;
        Ok(Cosignatures {
            size,
            witnesses: names,
        })
    }
}
