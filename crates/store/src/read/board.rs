//! The coordinator's case board: every case the viewer may see with how
//! long it has been in its state and since anything was recorded on it,
//! and the children that have no open case.

use super::{Page, Sql, cases_visible, concerning, count, json, page_bounds};
use crate::{Store, StoreError};
use homeward_domain::access::Viewer;
use homeward_domain::*;
use sqlx::Row;

/// One case on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    pub case_id: CaseId,
    pub child_id: ChildId,
    pub party_a: OrgId,
    pub party_b: OrgId,
    pub state: CaseState,
    /// When the case entered its state (microseconds since the epoch).
    pub state_since: i64,
    /// When anything was last recorded on the case: a step, evidence, an
    /// assessment, consent or a decision.
    pub last_change: i64,
    /// The child's details (`None` once erased).
    pub details: Option<ChildDetails>,
}

#[derive(Debug, Clone, Default)]
pub struct BoardFilter {
    pub state: Option<CaseState>,
    /// Cases concerning this party.
    pub party: Option<OrgId>,
    /// Only cases with nothing recorded since this time (microseconds).
    pub unchanged_since: Option<i64>,
    pub limit: u32,
    pub offset: u32,
}

/// The ledger time of a case's last entry of each kind, as SQL.
const LAST_SEQ: &str = "(SELECT MAX(x) FROM (\
       SELECT c.updated_seq AS x \
       UNION ALL SELECT MAX(seq) FROM case_evidence WHERE case_id = c.id \
       UNION ALL SELECT MAX(seq) FROM case_assessments WHERE case_id = c.id \
       UNION ALL SELECT MAX(seq) FROM case_decisions WHERE case_id = c.id) AS changes)";

const STATE_SEQ: &str =
    "COALESCE((SELECT MAX(h.seq) FROM case_history h WHERE h.case_id = c.id), c.seq)";

impl Store {
    /// The cases the viewer may see, longest in their state first, with
    /// how many of them are in each state (before the state filter).
    pub async fn case_board(
        &self,
        viewer: &Viewer,
        filter: &BoardFilter,
    ) -> Result<(Page<BoardRow>, Vec<(CaseState, i64)>), StoreError> {
        let mut wheres = Sql::new(" WHERE 1 = 1");
        cases_visible(&mut wheres, viewer);
        if let Some(p) = &filter.party {
            concerning(&mut wheres, p);
        }
        if let Some(t) = filter.unchanged_since {
            wheres
                .push(&format!(
                    " AND (SELECT recorded_at FROM ledger_entries WHERE seq = {LAST_SEQ}) < "
                ))
                .int(t);
        }
        let mut by_state = Sql::new("SELECT c.state, COUNT(*) FROM cases c").then(&wheres);
        by_state.push(" GROUP BY c.state");
        let mut counts = Vec::new();
        for r in by_state.query().fetch_all(self.pool()).await? {
            let state: String = r.try_get(0)?;
            counts.push((
                state.parse().map_err(StoreError::Corrupt)?,
                r.try_get::<i64, _>(1)?,
            ));
        }
        counts.sort_by_key(|(s, _)| CaseState::ALL.iter().position(|x| x == s));
        if let Some(s) = filter.state {
            wheres.push(" AND c.state = ").text(s.as_str());
        }
        let total = count(
            self,
            &Sql::new("SELECT COUNT(*) FROM cases c").then(&wheres),
        )
        .await?;
        let (limit, offset) = page_bounds(filter.limit, filter.offset);
        let mut sql = Sql::new(&format!(
            "SELECT c.id, c.child_id, c.party_a, c.party_b, c.state, \
               (SELECT recorded_at FROM ledger_entries WHERE seq = {STATE_SEQ}) AS since, \
               (SELECT recorded_at FROM ledger_entries WHERE seq = {LAST_SEQ}), \
               ch.details \
             FROM cases c JOIN children ch ON ch.id = c.child_id"
        ))
        .then(&wheres);
        sql.push(" ORDER BY since, c.id LIMIT ")
            .int(limit)
            .push(" OFFSET ")
            .int(offset);
        let items = sql
            .query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                let state: String = r.try_get(4)?;
                let details: Option<String> = r.try_get(7)?;
                Ok(BoardRow {
                    case_id: CaseId(r.try_get(0)?),
                    child_id: ChildId(r.try_get(1)?),
                    party_a: OrgId(r.try_get(2)?),
                    party_b: OrgId(r.try_get(3)?),
                    state: state.parse().map_err(StoreError::Corrupt)?,
                    state_since: r.try_get(5)?,
                    last_change: r.try_get(6)?,
                    details: json(details, "child record")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok((Page { items, total }, counts))
    }

    /// Children with a record but no open case, newest first, for opening
    /// one (records joined under another are left out).
    pub async fn children_without_case(
        &self,
        limit: u32,
        offset: u32,
    ) -> Result<Page<(ChildId, Option<ChildDetails>)>, StoreError> {
        let wheres = Sql::new(
            " WHERE ch.erased = 0 AND ch.joined_to IS NULL AND NOT EXISTS (\
               SELECT 1 FROM cases c WHERE c.child_id = ch.id \
               AND c.state NOT IN ('closed', 'withdrawn'))",
        );
        let total = count(
            self,
            &Sql::new("SELECT COUNT(*) FROM children ch").then(&wheres),
        )
        .await?;
        let (limit, offset) = page_bounds(limit, offset);
        let mut sql = Sql::new("SELECT ch.id, ch.details FROM children ch").then(&wheres);
        sql.push(" ORDER BY ch.seq DESC LIMIT ")
            .int(limit)
            .push(" OFFSET ")
            .int(offset);
        let items = sql
            .query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                let details: Option<String> = r.try_get(1)?;
                Ok((ChildId(r.try_get(0)?), json(details, "child record")?))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Page { items, total })
    }
}
