//! Cases: the list, one case with everything around it, a group, and who
//! wrote a record's entries.

use super::*;

impl Store {
    /// Cases the viewer may see, most recently changed first.
    pub async fn cases(
        &self,
        viewer: &Viewer,
        filter: &CaseFilter,
    ) -> Result<Page<CaseSummary>, StoreError> {
        let mut wheres = Sql::new(" WHERE 1 = 1");
        cases_visible(&mut wheres, viewer);
        if let Some(s) = filter.state {
            wheres.push(" AND c.state = ").text(s.as_str());
        }
        if let Some(p) = &filter.party {
            concerning(&mut wheres, p);
        }
        if let Some(ch) = &filter.child {
            wheres.push(" AND c.child_id = ").text(ch.as_str());
        }
        if let Some(t) = &filter.trip {
            wheres.push(" AND c.trip_id = ").text(t.as_str());
        }
        let total = count(
            self,
            &Sql::new("SELECT COUNT(*) FROM cases c").then(&wheres),
        )
        .await?;
        let (limit, offset) = page_bounds(filter.limit, filter.offset);
        let mut sql = Sql::new(&format!(
            "SELECT {CASE_COLUMNS} FROM cases c LEFT JOIN trips t ON t.id = c.trip_id"
        ));
        sql.text.push_str(&wheres.text);
        sql.args = wheres.args;
        sql.push(" ORDER BY c.updated_seq DESC LIMIT ")
            .int(limit)
            .push(" OFFSET ")
            .int(offset);
        let items = sql
            .query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(case_summary)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page { items, total })
    }

    /// One case's summary with its scope.
    pub async fn case_summary(&self, id: &CaseId) -> Result<Option<CaseSummary>, StoreError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CASE_COLUMNS} FROM cases c LEFT JOIN trips t ON t.id = c.trip_id WHERE c.id = $1"
        )))
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?
        .as_ref()
        .map(case_summary)
        .transpose()
    }

    /// One case with its history, decisions, evidence, follow-ups and handovers.
    pub async fn case(&self, id: &CaseId) -> Result<Option<CaseRecord>, StoreError> {
        let Some(summary) = self.case_summary(id).await? else {
            return Ok(None);
        };
        let pool = self.pool();
        let history = sqlx::query(
            "SELECT seq, action, from_state, to_state, note, at FROM case_history \
             WHERE case_id = $1 ORDER BY seq",
        )
        .bind(id.as_str())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let action: String = r.try_get(1)?;
            let from: String = r.try_get(2)?;
            let to: String = r.try_get(3)?;
            Ok(HistoryRow {
                seq: r.try_get(0)?,
                action: action.parse().map_err(StoreError::Corrupt)?,
                from: from.parse().map_err(StoreError::Corrupt)?,
                to: to.parse().map_err(StoreError::Corrupt)?,
                note: r.try_get(4)?,
                at: r.try_get(5)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let decisions = sqlx::query(
            "SELECT seq, org_id, decision, note, dispute FROM case_decisions \
             WHERE case_id = $1 ORDER BY seq",
        )
        .bind(id.as_str())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let d: String = r.try_get(2)?;
            Ok(DecisionRow {
                seq: r.try_get(0)?,
                org_id: OrgId(r.try_get(1)?),
                decision: parse_enum(&d)?,
                note: r.try_get(3)?,
                dispute: r
                    .try_get::<Option<String>, _>(4)?
                    .map(|k| parse_enum(&k))
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let evidence = sqlx::query(
            "SELECT evidence_no, kind, description, seq, method FROM case_evidence \
             WHERE case_id = $1 ORDER BY evidence_no",
        )
        .bind(id.as_str())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let k: String = r.try_get(1)?;
            Ok(EvidenceRow {
                evidence_no: r.try_get(0)?,
                kind: parse_enum(&k)?,
                description: r.try_get(2)?,
                seq: r.try_get(3)?,
                method: r
                    .try_get::<Option<String>, _>(4)?
                    .map(|m| parse_enum(&m))
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let assessments = sqlx::query(
            "SELECT assessment_no, kind, outcome, age_years, note, seq FROM case_assessments \
             WHERE case_id = $1 ORDER BY assessment_no",
        )
        .bind(id.as_str())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let kind: String = r.try_get(1)?;
            let outcome: String = r.try_get(2)?;
            let finding = match kind.as_str() {
                "best_interests" => Finding::BestInterests(parse_enum(&outcome)?),
                "child_views" => Finding::ChildViews(ChildViews {
                    how: parse_enum(&outcome)?,
                    age_years: u8::try_from(r.try_get::<i64, _>(3)?)
                        .map_err(|_| StoreError::Corrupt("a child's age is out of range".into()))?,
                }),
                other => {
                    return Err(StoreError::Corrupt(format!(
                        "'{other}' is not a kind of assessment"
                    )));
                }
            };
            Ok(AssessmentRow {
                assessment_no: r.try_get(0)?,
                finding,
                note: r.try_get(4)?,
                seq: r.try_get(5)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let follow_ups = sqlx::query(
            "SELECT follow_up_no, note, seq FROM case_follow_ups WHERE case_id = $1 ORDER BY follow_up_no",
        )
        .bind(id.as_str())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(FollowUpRow {
                follow_up_no: r.try_get(0)?,
                note: r.try_get(1)?,
                seq: r.try_get(2)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let consents = sqlx::query(
            "SELECT seq, member_id, basis, how, witness, court_order, note, withdrawn_seq, \
             withdraw_note FROM case_consents WHERE case_id = $1 ORDER BY seq",
        )
        .bind(id.as_str())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let basis: String = r.try_get(2)?;
            let how: Option<String> = r.try_get(3)?;
            Ok(ConsentRow {
                seq: r.try_get(0)?,
                member_id: FamilyMemberId(r.try_get(1)?),
                basis: parse_enum(&basis)?,
                how: how.map(|h| parse_enum(&h)).transpose()?,
                witness: r.try_get(4)?,
                court_order: r.try_get(5)?,
                note: r.try_get(6)?,
                withdrawn_seq: r.try_get(7)?,
                withdraw_note: r.try_get(8)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let handovers = sqlx::query(concat!(
            "SELECT ",
            handover_columns!(),
            handovers_with_receiver!(),
            " WHERE h.case_id = $1 ORDER BY h.seq"
        ))
        .bind(id.as_str())
        .fetch_all(pool)
        .await?
        .iter()
        .map(handover_row)
        .collect::<Result<Vec<_>, StoreError>>()?;
        let authored: Vec<i64> = evidence
            .iter()
            .map(|e| e.seq)
            .chain(assessments.iter().map(|a| a.seq))
            .chain(decisions.iter().map(|d| d.seq))
            .chain(follow_ups.iter().map(|f| f.seq))
            .chain(consents.iter().map(|c| c.seq))
            .chain(consents.iter().filter_map(|c| c.withdrawn_seq))
            .collect();
        let authors = self.authors(&authored).await?;
        Ok(Some(CaseRecord {
            summary,
            history,
            decisions,
            evidence,
            assessments,
            follow_ups,
            consents,
            handovers,
            authors,
        }))
    }

    /// The cases of a group, in the order they were opened.
    pub async fn case_group(&self, group: &GroupId) -> Result<Vec<CaseSummary>, StoreError> {
        let mut sql = Sql::new(&format!(
            "SELECT {CASE_COLUMNS} FROM cases c LEFT JOIN trips t ON t.id = c.trip_id \
             WHERE c.group_id = "
        ));
        sql.text(group.as_str()).push(" ORDER BY c.seq");
        sql.query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(case_summary)
            .collect()
    }

    /// Who recorded each of these ledger entries, and when: read from the
    /// entries' envelopes, the one place the ledger keeps its authors.
    pub async fn authors(
        &self,
        seqs: &[i64],
    ) -> Result<std::collections::HashMap<i64, Authorship>, StoreError> {
        let mut out = std::collections::HashMap::new();
        for chunk in seqs.chunks(500) {
            let mut sql = Sql::new("SELECT seq, envelope FROM ledger_entries WHERE seq IN (");
            for (i, seq) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.int(*seq);
            }
            sql.push(")");
            for r in sql.query().fetch_all(self.pool()).await? {
                let seq: i64 = r.try_get(0)?;
                let bytes: Vec<u8> = r.try_get(1)?;
                let env = homeward_ledger::Envelope::decode(&bytes)
                    .map_err(|e| StoreError::Corrupt(format!("ledger entry {seq}: {e}")))?;
                out.insert(
                    seq,
                    Authorship {
                        user: UserId(env.actor),
                        org: OrgId(env.org),
                        at: env.recorded_at,
                    },
                );
            }
        }
        Ok(out)
    }
}
