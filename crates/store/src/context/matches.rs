//! The review queue's facts: what a proposed or decided match's two
//! records are now.

use super::Tx;
use crate::StoreError;
use homeward_domain::matching::MatchRecord;
use homeward_domain::*;
use sqlx::Row;

/// What a match's record is now.
async fn match_record(
    tx: &mut Tx,
    kind: MatchKind,
    id: &str,
    child_side: bool,
) -> Result<MatchRecord, StoreError> {
    let mut rec = MatchRecord::default();
    if child_side || kind.joins_children() {
        let row = sqlx::query(
            "SELECT erased, joined_to, \
               (SELECT COUNT(*) FROM children WHERE joined_to = $1), \
               (SELECT COUNT(*) FROM cases WHERE child_id = $1 AND state NOT IN ('closed', 'withdrawn')) \
             FROM children WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(r) = row {
            rec.exists = true;
            rec.erased = r.try_get::<i64, _>(0)? != 0;
            rec.joined_to = r.try_get::<Option<String>, _>(1)?.map(ChildId);
            rec.joined_here = r.try_get::<i64, _>(2)? as u32;
            rec.open_case = r.try_get::<i64, _>(3)? > 0;
        }
    } else {
        let row = sqlx::query("SELECT status, child_id FROM tracing_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(r) = row {
            rec.exists = true;
            rec.erased = r.try_get::<String, _>(0)? == "erased";
            rec.linked_to = r.try_get::<Option<String>, _>(1)?.map(ChildId);
        }
    }
    Ok(rec)
}

/// Whether a proposal may enter the queue: both records exist, neither is
/// erased or joined under another child, and the pair is not queued yet.
pub(super) async fn proposable(tx: &mut Tx, m: &ProposedMatch) -> Result<bool, StoreError> {
    let a = match_record(tx, m.kind, m.a.as_str(), true).await?;
    let b = match_record(tx, m.kind, &m.b, false).await?;
    let live = |r: &MatchRecord| r.exists && !r.erased && r.joined_to.is_none();
    if !live(&a) || !live(&b) {
        return Ok(false);
    }
    let known = sqlx::query(
        "SELECT 1 FROM matches WHERE (a_id = $1 AND b_id = $2) OR (a_id = $2 AND b_id = $1)",
    )
    .bind(m.a.as_str())
    .bind(m.b.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    Ok(known.is_none())
}

pub(super) async fn match_facts(
    tx: &mut Tx,
    id: &MatchId,
) -> Result<Option<MatchFacts>, StoreError> {
    let Some(row) = sqlx::query("SELECT kind, a_id, b_id, status FROM matches WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(None);
    };
    let kind: MatchKind = row
        .try_get::<String, _>(0)?
        .parse()
        .map_err(StoreError::Corrupt)?;
    let a = ChildId(row.try_get(1)?);
    let b: String = row.try_get(2)?;
    let status: MatchStatus = row
        .try_get::<String, _>(3)?
        .parse()
        .map_err(StoreError::Corrupt)?;
    let a_record = match_record(tx, kind, a.as_str(), true).await?;
    let b_record = match_record(tx, kind, &b, false).await?;
    // What a confirmation joined is read back from the records themselves.
    let join = (status == MatchStatus::Confirmed).then(|| {
        if kind.joins_children()
            && a_record.joined_to.as_ref().map(|c| c.as_str()) == Some(b.as_str())
        {
            MatchJoin {
                kind,
                into: ChildId(b.clone()),
                other: a.0.clone(),
            }
        } else {
            MatchJoin {
                kind,
                into: a.clone(),
                other: b.clone(),
            }
        }
    });
    Ok(Some(MatchFacts {
        kind,
        a,
        b,
        status,
        a_record,
        b_record,
        join,
    }))
}
