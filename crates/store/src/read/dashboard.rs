//! The dashboard's counts and the access log.

use super::*;

impl Store {
    /// Case counts by state, over the cases the viewer may see.
    pub async fn case_counts_by_state(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<(CaseState, i64)>, StoreError> {
        let mut sql = Sql::new("SELECT c.state, COUNT(*) FROM cases c WHERE 1 = 1");
        cases_visible(&mut sql, viewer);
        sql.push(" GROUP BY c.state");
        let mut out = sql
            .query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                let s: String = r.try_get(0)?;
                Ok((s.parse().map_err(StoreError::Corrupt)?, r.try_get(1)?))
            })
            .collect::<Result<Vec<(CaseState, i64)>, StoreError>>()?;
        out.sort();
        Ok(out)
    }

    /// Case counts by the party that submitted the child, and state.
    pub async fn case_counts_by_party(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<PartyStateCount>, StoreError> {
        let mut sql = Sql::new(
            "SELECT ch.org_id, o.name, c.state, COUNT(*) FROM cases c \
             JOIN children ch ON ch.id = c.child_id JOIN organisations o ON o.id = ch.org_id \
             WHERE 1 = 1",
        );
        cases_visible(&mut sql, viewer);
        sql.push(" GROUP BY ch.org_id, o.name, c.state ORDER BY o.name, c.state");
        sql.query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                let s: String = r.try_get(2)?;
                Ok(PartyStateCount {
                    org_id: OrgId(r.try_get(0)?),
                    org_name: r.try_get(1)?,
                    state: s.parse().map_err(StoreError::Corrupt)?,
                    count: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Children reunited per calendar month (UTC), oldest first, over the
    /// cases the viewer may see. Months with none are left out.
    pub async fn reunited_per_month(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let mut sql = Sql::new(
            "SELECT h.at FROM case_history h JOIN cases c ON c.id = h.case_id \
             WHERE h.to_state = 'reunited'",
        );
        cases_visible(&mut sql, viewer);
        let mut months: BTreeMap<String, i64> = BTreeMap::new();
        for r in sql.query().fetch_all(self.pool()).await? {
            *months.entry(year_month(r.try_get(0)?)).or_default() += 1;
        }
        Ok(months.into_iter().collect())
    }

    /// The access log, newest first.
    pub async fn access_log(
        &self,
        filter: &AccessLogFilter,
    ) -> Result<Page<AccessLogRow>, StoreError> {
        let mut wheres = Sql::new(" WHERE 1 = 1");
        if let Some(k) = filter.record_kind {
            wheres.push(" AND a.record_kind = ").text(k.as_str());
        }
        if let Some(id) = &filter.record_id {
            wheres.push(" AND a.record_id = ").text(id.as_str());
        }
        if let Some(u) = &filter.user {
            wheres.push(" AND a.user_id = ").text(u.as_str());
        }
        let total = count(
            self,
            &Sql::new("SELECT COUNT(*) FROM access_log a").then(&wheres),
        )
        .await?;
        let (limit, offset) = page_bounds(filter.limit, filter.offset);
        let mut sql = Sql::new(
            "SELECT a.seq, a.at, a.user_id, u.login, a.org_id, a.record_kind, a.record_id, a.via \
             FROM access_log a LEFT JOIN users u ON u.id = a.user_id",
        );
        sql.text.push_str(&wheres.text);
        sql.args = wheres.args;
        sql.push(" ORDER BY a.seq DESC LIMIT ")
            .int(limit)
            .push(" OFFSET ")
            .int(offset);
        let items = sql
            .query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                let kind: String = r.try_get(5)?;
                Ok(AccessLogRow {
                    seq: r.try_get(0)?,
                    at: r.try_get(1)?,
                    user_id: UserId(r.try_get(2)?),
                    login: r.try_get(3)?,
                    org_id: OrgId(r.try_get(4)?),
                    record_kind: parse_enum(&kind)?,
                    record_id: r.try_get(6)?,
                    via: r.try_get(7)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Page { items, total })
    }
}
