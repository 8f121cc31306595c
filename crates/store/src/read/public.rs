//! The public report: figures anyone may read, computed in one snapshot
//! together with the signed checkpoint they were computed at.
//!
//! Only counts leave this module, never a name or an identifier of a child
//! or a person; the server shows small counts as "<5".

use super::*;
use crate::Backend;
use homeward_ledger::Checkpoint;

/// Per party organisation: what happened to the children it reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyFigures {
    pub org_name: String,
    /// Children whose records the party submitted.
    pub reported: i64,
    /// Of those, children with a case opened on them (there is no match
    /// table yet: opening a case is where a match is acted on).
    pub matched: i64,
    /// Children whose case reached `verified` at some point.
    pub verified: i64,
    /// Children whose case reached `approved` (both parties agreed).
    pub approved: i64,
    /// Children whose case reached `reunited`.
    pub returned: i64,
}

/// The public report's figures and the checkpoint they were computed at.
#[derive(Debug, Clone)]
pub struct PublicFigures {
    pub cases_by_state: Vec<(CaseState, i64)>,
    /// `YYYY-MM` (UTC) and the children reunited that month.
    pub reunited_per_month: Vec<(String, i64)>,
    pub parties: Vec<PartyFigures>,
    /// The signed head when the figures were read, with its cosignatures.
    pub checkpoint: Option<Checkpoint>,
}

/// Children of one party that ever reached `state`.
const REACHED: &str = "SELECT o.id, COUNT(DISTINCT c.child_id) FROM organisations o \
     JOIN children ch ON ch.org_id = o.id JOIN cases c ON c.child_id = ch.id \
     JOIN case_history h ON h.case_id = c.id \
     WHERE o.kind = 'party' AND h.to_state = $1 GROUP BY o.id";

impl Store {
    /// The figures of the public report, read in one snapshot with the
    /// signed head, so that the checkpoint is the ledger state they are
    /// computed from.
    pub async fn public_figures(&self) -> Result<PublicFigures, StoreError> {
        let mut tx = self.pool().begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        // On SQLite the snapshot starts with the first read of the
        // transaction, and holds until its end.
        let head = sqlx::query("SELECT note FROM ledger_head WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await?;
        let checkpoint = match head {
            Some(r) => {
                let note: String = r.try_get(0)?;
                Some(Checkpoint::from_text(&note).map_err(|e| {
                    StoreError::Corrupt(format!("the ledger head is unreadable: {e}"))
                })?)
            }
            None => None,
        };
        let mut cases_by_state = Vec::new();
        for r in sqlx::query("SELECT state, COUNT(*) FROM cases GROUP BY state")
            .fetch_all(&mut *tx)
            .await?
        {
            let s: String = r.try_get(0)?;
            cases_by_state.push((s.parse().map_err(StoreError::Corrupt)?, r.try_get(1)?));
        }
        cases_by_state.sort();
        let mut months: BTreeMap<String, i64> = BTreeMap::new();
        for r in sqlx::query("SELECT at FROM case_history WHERE to_state = 'reunited'")
            .fetch_all(&mut *tx)
            .await?
        {
            *months.entry(super::year_month(r.try_get(0)?)).or_default() += 1;
        }

        let mut parties: BTreeMap<String, PartyFigures> = BTreeMap::new();
        for r in sqlx::query(
            "SELECT o.id, o.name, COUNT(ch.id) FROM organisations o \
             LEFT JOIN children ch ON ch.org_id = o.id \
             WHERE o.kind = 'party' GROUP BY o.id, o.name",
        )
        .fetch_all(&mut *tx)
        .await?
        {
            parties.insert(
                r.try_get(0)?,
                PartyFigures {
                    org_name: r.try_get(1)?,
                    reported: r.try_get(2)?,
                    matched: 0,
                    verified: 0,
                    approved: 0,
                    returned: 0,
                },
            );
        }
        for r in sqlx::query(
            "SELECT o.id, COUNT(DISTINCT c.child_id) FROM organisations o \
             JOIN children ch ON ch.org_id = o.id JOIN cases c ON c.child_id = ch.id \
             WHERE o.kind = 'party' GROUP BY o.id",
        )
        .fetch_all(&mut *tx)
        .await?
        {
            let id: String = r.try_get(0)?;
            if let Some(p) = parties.get_mut(&id) {
                p.matched = r.try_get(1)?;
            }
        }
        for (state, set) in [
            (
                "verified",
                (|p, n| p.verified = n) as fn(&mut PartyFigures, i64),
            ),
            ("approved", |p, n| p.approved = n),
            ("reunited", |p, n| p.returned = n),
        ] {
            for r in sqlx::query(REACHED).bind(state).fetch_all(&mut *tx).await? {
                let id: String = r.try_get(0)?;
                if let Some(p) = parties.get_mut(&id) {
                    set(p, r.try_get(1)?);
                }
            }
        }
        tx.rollback().await?;
        let mut parties: Vec<PartyFigures> = parties.into_values().collect();
        parties.sort_by(|a, b| a.org_name.cmp(&b.org_name));
        Ok(PublicFigures {
            cases_by_state,
            reunited_per_month: months.into_iter().collect(),
            parties,
            checkpoint,
        })
    }
}
