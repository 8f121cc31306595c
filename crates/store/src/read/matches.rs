//! The review queue, the records the linkage engine reads, and a joined
//! child's sources.

use super::builder::Sql;
use super::{ChildSummary, Page, child_summary, json};
use crate::{Store, StoreError};
use homeward_domain::*;
use sqlx::Row;
use sqlx::any::AnyRow;

/// One match as the queue shows it, with each record's party and id in
/// that party's list.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchRow {
    pub id: MatchId,
    pub kind: MatchKind,
    pub a: ChildId,
    pub a_party: Option<OrgId>,
    pub a_external_id: Option<String>,
    /// A child's record, or for a [`MatchKind::Tracing`] match a tracing
    /// request.
    pub b: String,
    pub b_party: Option<OrgId>,
    pub b_external_id: Option<String>,
    pub score_ppm: u32,
    pub renamed: bool,
    pub fields: Vec<FieldScore>,
    pub status: MatchStatus,
    pub decided_by: Option<UserId>,
    /// Microseconds since the Unix epoch.
    pub decided_at: Option<i64>,
    /// The ledger entry that proposed it.
    pub seq: i64,
}

impl MatchRow {
    pub fn score(&self) -> f64 {
        self.score_ppm as f64 / 1e6
    }
}

/// Which matches a page of the queue shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatchFilter {
    pub status: Option<MatchStatus>,
    pub kind: Option<MatchKind>,
    /// Scores in millionths, the lower bound inclusive, the upper exclusive.
    pub min_ppm: Option<u32>,
    pub max_ppm: Option<u32>,
    /// Only matches after this one in the queue's order (score, then id):
    /// paging by key, which costs the same on every page; `offset` then
    /// counts from there.
    pub after: Option<(u32, MatchId)>,
    pub limit: u32,
    pub offset: u32,
}

/// The live records the linkage engine compares: not erased, not joined
/// under another child (children), not yet linked (tracing requests).
#[derive(Debug, Clone, Default)]
pub struct MatchInput {
    pub children: Vec<Listed<ChildId, ChildDetails>>,
    pub requests: Vec<Listed<TracingRequestId, TracingDetails>>,
}

/// One live record as the engine reads it.
#[derive(Debug, Clone)]
pub struct Listed<I, D> {
    pub id: I,
    /// Whose list it is on.
    pub org: OrgId,
    pub details: D,
    /// The ledger sequence of its last change (a child's registration,
    /// import or amendment; a tracing request's registration).
    pub updated_seq: i64,
}

/// Rows of (id, org_id, details, sequence) as the engine reads them;
/// `what` names the record in the error if its details are unreadable.
fn listed<I, D: serde::de::DeserializeOwned>(
    rows: &[AnyRow],
    what: &str,
    id: impl Fn(String) -> I,
) -> Result<Vec<Listed<I, D>>, StoreError> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(details) = json::<D>(r.try_get(2)?, what)? {
            out.push(Listed {
                id: id(r.try_get(0)?),
                org: OrgId(r.try_get(1)?),
                details,
                updated_seq: r.try_get(3)?,
            });
        }
    }
    Ok(out)
}

const MATCH_COLUMNS: &str = "m.id, m.kind, m.a_id, ca.org_id, ca.external_id, m.b_id, \
     COALESCE(cb.org_id, tb.org_id), COALESCE(cb.external_id, tb.external_id), \
     m.score_ppm, m.renamed, m.fields, m.status, m.decided_by, m.decided_at, m.seq \
     FROM matches m \
     LEFT JOIN children ca ON ca.id = m.a_id \
     LEFT JOIN children cb ON cb.id = m.b_id AND m.kind <> 'tracing' \
     LEFT JOIN tracing_requests tb ON tb.id = m.b_id AND m.kind = 'tracing'";

fn match_row(r: &AnyRow) -> Result<MatchRow, StoreError> {
    let parse = |s: String| s.parse().map_err(StoreError::Corrupt);
    Ok(MatchRow {
        id: MatchId(r.try_get(0)?),
        kind: parse(r.try_get(1)?)?,
        a: ChildId(r.try_get(2)?),
        a_party: r.try_get::<Option<String>, _>(3)?.map(OrgId),
        a_external_id: r.try_get(4)?,
        b: r.try_get(5)?,
        b_party: r.try_get::<Option<String>, _>(6)?.map(OrgId),
        b_external_id: r.try_get(7)?,
        score_ppm: r.try_get::<i64, _>(8)? as u32,
        renamed: r.try_get::<i64, _>(9)? != 0,
        fields: json(r.try_get(10)?, "match explanation")?.unwrap_or_default(),
        status: r
            .try_get::<String, _>(11)?
            .parse()
            .map_err(StoreError::Corrupt)?,
        decided_by: r.try_get::<Option<String>, _>(12)?.map(UserId),
        decided_at: r.try_get(13)?,
        seq: r.try_get(14)?,
    })
}

impl Store {
    /// A page of the review queue, highest score first.
    pub async fn matches(&self, f: &MatchFilter) -> Result<Page<MatchRow>, StoreError> {
        let mut wheres = Sql::new(" WHERE 1 = 1");
        if let Some(s) = f.status {
            wheres.push(" AND m.status = ").text(s.as_str());
        }
        if let Some(k) = f.kind {
            wheres.push(" AND m.kind = ").text(k.as_str());
        }
        if let Some(min) = f.min_ppm {
            wheres.push(" AND m.score_ppm >= ").int(min as i64);
        }
        if let Some(max) = f.max_ppm {
            wheres.push(" AND m.score_ppm < ").int(max as i64);
        }
        if let Some((score, id)) = &f.after {
            wheres
                .push(" AND (m.score_ppm < ")
                .int(*score as i64)
                .push(" OR (m.score_ppm = ")
                .int(*score as i64)
                .push(" AND m.id > ")
                .text(id.as_str())
                .push("))");
        }
        let count = Sql::new("SELECT COUNT(*) FROM matches m").then(&wheres);
        let total: i64 = count.query().fetch_one(self.pool()).await?.try_get(0)?;
        let mut sql = Sql::new(&format!("SELECT {MATCH_COLUMNS}")).then(&wheres);
        sql.push(" ORDER BY m.score_ppm DESC, m.id LIMIT ")
            .int(f.limit.min(super::MAX_PAGE) as i64)
            .push(" OFFSET ")
            .int(f.offset as i64);
        let items = sql
            .query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(match_row)
            .collect::<Result<_, _>>()?;
        Ok(Page { items, total })
    }

    /// One match by its id.
    pub async fn match_row(&self, id: &MatchId) -> Result<Option<MatchRow>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {MATCH_COLUMNS} WHERE m.id = $1"
        )))
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(match_row).transpose()
    }

    /// The pairs in the queue, whatever their status, that involve one of
    /// `ids`, each as (smaller id, larger id): a run sends only pairs not
    /// among them, and reads only around the records it compared (after
    /// an import, a few hundred of a queue of many thousands).
    pub async fn queued_pairs(
        &self,
        ids: &[&str],
    ) -> Result<std::collections::HashSet<(String, String)>, StoreError> {
        let mut out = std::collections::HashSet::new();
        for chunk in ids.chunks(500) {
            // Each side has its index (`matches_pair`, `matches_b`).
            let mut sql = Sql::new("SELECT a_id, b_id FROM matches WHERE a_id IN (");
            sql.texts(chunk.iter().copied())
                .push(") OR b_id IN (")
                .texts(chunk.iter().copied())
                .push(")");
            for r in sql.query().fetch_all(self.pool()).await? {
                let a: String = r.try_get(0)?;
                let b: String = r.try_get(1)?;
                out.insert(if a < b { (a, b) } else { (b, a) });
            }
        }
        Ok(out)
    }

    /// Every live record the engine compares, in registration order.
    pub async fn match_input(&self) -> Result<MatchInput, StoreError> {
        let mut input = MatchInput::default();
        if self.backend() == crate::Backend::Sqlite {
            input.children = self.match_children_paged().await?;
        } else {
            let rows = sqlx::query(
                "SELECT id, org_id, details, updated_seq FROM children \
                 WHERE erased = 0 AND joined_to IS NULL AND details IS NOT NULL ORDER BY seq",
            )
            .fetch_all(self.pool())
            .await?;
            input.children = listed(&rows, "child record", ChildId)?;
        }
        let rows = sqlx::query(
            "SELECT id, org_id, details, seq FROM tracing_requests \
             WHERE status = 'open' AND details IS NOT NULL ORDER BY seq",
        )
        .fetch_all(self.pool())
        .await?;
        input.requests = listed(&rows, "tracing request", TracingRequestId)?;
        Ok(input)
    }

    /// The live children's records on SQLite, a page of 2,000 as one JSON
    /// text: row by row, each row crosses from SQLite's worker thread to
    /// the caller on its own, which was most of a run's reading time on
    /// 200,000 records. Each page walks the sequence index from where the
    /// last one stopped: left to itself, SQLite chose the `joined_to`
    /// index (`IS NULL` matches every live record) and sorted all of them
    /// for every page, 12.7 s on 200,000 records.
    async fn match_children_paged(&self) -> Result<Vec<Listed<ChildId, ChildDetails>>, StoreError> {
        const PAGE: i64 = 2_000;
        type Row = (i64, String, String, ChildDetails, i64);
        let mut out = Vec::new();
        let mut last = -1i64;
        loop {
            let text: String = sqlx::query_scalar(
                "SELECT json_group_array(json_array(seq, id, org_id, json(details), updated_seq)) \
                 FROM (SELECT seq, id, org_id, details, updated_seq FROM children \
                 INDEXED BY children_seq WHERE erased = 0 AND joined_to IS NULL AND details IS NOT NULL AND seq > $1 \
                 ORDER BY seq LIMIT $2)",
            )
            .bind(last)
            .bind(PAGE)
            .fetch_one(self.pool())
            .await?;
            let page: Vec<Row> = serde_json::from_str(&text)
                .map_err(|_| StoreError::Corrupt("a stored child record is unreadable".into()))?;
            let n = page.len();
            for (seq, id, org, details, updated_seq) in page {
                last = seq;
                out.push(Listed {
                    id: ChildId(id),
                    org: OrgId(org),
                    details,
                    updated_seq,
                });
            }
            if (n as i64) < PAGE {
                return Ok(out);
            }
        }
    }

    /// The records a child is made of: itself first, then every record
    /// joined under it, in the order they were registered.
    pub async fn child_sources(&self, id: &ChildId) -> Result<Vec<ChildSummary>, StoreError> {
        self.children_where(
            "ch.id = $1 OR ch.joined_to = $1 ORDER BY CASE WHEN ch.id = $1 THEN 0 ELSE 1 END, ch.seq",
            id,
        )
        .await
    }

    /// The records joined under `id`, in the order they were registered:
    /// [`Store::child_sources`] without the child itself, for a caller
    /// that has it already (reading a child, one query fewer).
    pub async fn joined_records(&self, id: &ChildId) -> Result<Vec<ChildSummary>, StoreError> {
        self.children_where("ch.joined_to = $1 ORDER BY ch.seq", id)
            .await
    }

    /// Children's summaries, with their scopes, by a filter on `id` ($1).
    async fn children_where(
        &self,
        filter: &'static str,
        id: &ChildId,
    ) -> Result<Vec<ChildSummary>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM children ch WHERE {filter}",
            super::CHILD_COLUMNS
        )))
        .bind(id.as_str())
        .fetch_all(self.pool())
        .await?;
        let mut items = rows
            .iter()
            .map(child_summary)
            .collect::<Result<Vec<_>, _>>()?;
        self.fill_child_scopes(&mut items).await?;
        Ok(items)
    }
}
