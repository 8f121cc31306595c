//! The ledger as its readers and witnesses see it: the signed head, the
//! stored checkpoints, consistency and inclusion proofs, the witness keys,
//! their cosignatures and how far each witness has cosigned.

use crate::{Cosignatures, Store, StoreError, VerifyFailure, verify, writer, writer_gone};
use homeward_domain::Refusal;
use homeward_ledger::Checkpoint;
use sqlx::Row;

/// A registered witness key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessKeyRow {
    pub org_id: homeward_domain::OrgId,
    pub org_name: String,
    pub name: String,
    /// The note verifier key text, `<name>+<key id>+<base64>`.
    pub verifier_key: String,
    /// Whether it is the organisation's current key (a replaced key's
    /// cosignatures still verify, but new uploads use the current one).
    pub current: bool,
    /// Microseconds since the Unix epoch.
    pub registered_at: i64,
}

/// How far a party's witness has cosigned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessStatus {
    pub org_name: String,
    /// The witness key's name.
    pub name: String,
    pub cosigned_size: Option<u64>,
    /// Seconds since the Unix epoch.
    pub cosigned_at: Option<u64>,
}

impl Store {
    /// The latest signed tree head.
    pub async fn head(&self) -> Result<Option<Checkpoint>, StoreError> {
        let row = sqlx::query("SELECT note FROM ledger_head WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        match row {
            None => Ok(None),
            Some(r) => {
                let note: String = r.try_get(0)?;
                Checkpoint::from_text(&note)
                    .map(Some)
                    .map_err(|e| StoreError::Corrupt(format!("the ledger head is unreadable: {e}")))
            }
        }
    }

    /// A consistency proof between the trees of sizes `from` and `to`
    /// (RFC 6962 §2.1.2), for witnesses and auditors.
    pub async fn consistency_proof(
        &self,
        from: u64,
        to: u64,
    ) -> Result<Vec<homeward_ledger::Hash>, StoreError> {
        if from > to {
            return Err(StoreError::Refused(Refusal::Invalid(
                homeward_domain::Rule::ProofBackwards { from, to },
            )));
        }
        self.writer
            .run(
                |reply| writer::Job::Proof {
                    from,
                    to,
                    inclusion: None,
                    reply,
                },
                || Err(writer_gone()),
            )
            .await
    }

    /// An inclusion proof of entry `seq` (counting from 1) in the tree of
    /// `size` entries, with that entry's leaf hash.
    pub async fn inclusion_proof(
        &self,
        seq: u64,
        size: u64,
    ) -> Result<(homeward_ledger::Hash, Vec<homeward_ledger::Hash>), StoreError> {
        if seq == 0 || seq > size {
            return Err(StoreError::Refused(Refusal::Invalid(
                homeward_domain::Rule::EntryNotInTree { seq, size },
            )));
        }
        let proof = self
            .writer
            .run(
                |reply| writer::Job::Proof {
                    from: 0,
                    to: size,
                    inclusion: Some(seq - 1),
                    reply,
                },
                || Err(writer_gone()),
            )
            .await?;
        let row = sqlx::query("SELECT envelope FROM ledger_entries WHERE seq = $1")
            .bind(seq as i64)
            .fetch_one(&self.pool)
            .await?;
        let envelope: Vec<u8> = row.try_get(0)?;
        Ok((homeward_ledger::leaf_hash(&envelope), proof))
    }

    /// Takes the cosignatures in `note` (a checkpoint this installation
    /// signed, cosigned by a witness) made by the witness key registered for
    /// `org`, and keeps them with that checkpoint. Cosignatures are not
    /// ledger events: they are signatures on checkpoints, stored and
    /// checked like the checkpoints themselves.
    pub async fn add_cosignatures(
        &self,
        org: &homeward_domain::OrgId,
        note: &str,
    ) -> Result<Cosignatures, StoreError> {
        let org = org.clone();
        let note = note.to_owned();
        self.writer
            .run(
                |reply| writer::Job::Cosign { org, note, reply },
                || Err(writer_gone()),
            )
            .await
    }

    /// Every witness key registered, oldest first, with its organisation and
    /// whether it is that organisation's current key.
    pub async fn witness_keys(&self) -> Result<Vec<WitnessKeyRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT w.org_id, o.name, w.name, w.verifier_key, w.current, w.registered_at \
             FROM witness_keys w JOIN organisations o ON o.id = w.org_id ORDER BY w.seq",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let current: i64 = r.try_get(4)?;
                Ok(WitnessKeyRow {
                    org_id: homeward_domain::OrgId(r.try_get(0)?),
                    org_name: r.try_get(1)?,
                    name: r.try_get(2)?,
                    verifier_key: r.try_get(3)?,
                    current: current == 1,
                    registered_at: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// For each party's current witness key: the largest checkpoint size its
    /// (valid) cosignatures cover and when it cosigned it, for the
    /// dashboard. Cosignatures that do not verify are left out here;
    /// `verify` fails on them.
    pub async fn witness_status(&self) -> Result<Vec<WitnessStatus>, StoreError> {
        let keys = self.witness_keys().await?;
        let checkpoints = self.checkpoints().await?;
        let mut out = Vec::new();
        for k in keys.into_iter().filter(|k| k.current) {
            let vkey: homeward_ledger::VerifierKey = k.verifier_key.parse().map_err(|e| {
                StoreError::Corrupt(format!(
                    "the witness key of '{}' is unreadable: {e}",
                    k.org_name
                ))
            })?;
            let mut best: Option<(u64, u64)> = None;
            for cp in &checkpoints {
                for sig in cp.cosignatures() {
                    if let Ok(at) = homeward_ledger::verify_cosignature(&vkey, cp, sig)
                        && best.is_none_or(|(size, t)| (cp.size, at) > (size, t))
                    {
                        best = Some((cp.size, at));
                    }
                }
            }
            out.push(WitnessStatus {
                org_name: k.org_name,
                name: k.name,
                cosigned_size: best.map(|b| b.0),
                cosigned_at: best.map(|b| b.1),
            });
        }
        Ok(out)
    }

    /// The stored checkpoints (history copies and the head), smallest first.
    pub async fn checkpoints(&self) -> Result<Vec<Checkpoint>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        verify::checkpoints(&mut conn).await.map_err(|e| match e {
            VerifyFailure::Store(s) => s,
            other => StoreError::Corrupt(other.to_string()),
        })
    }
}
