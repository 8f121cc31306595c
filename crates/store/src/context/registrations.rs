//! The facts of several child registrations at once, for the writer's
//! fast path.

use crate::StoreError;
use crate::read::Sql;
use homeward_domain::command::{Context, OrgFacts};
use homeward_domain::{ChildId, OrgId, TransitRules};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The organisation a child is registered by, from its kind: registering a
/// child needs only that.
pub(super) fn registering_org(
    org_id: &OrgId,
    kind: Option<String>,
) -> Result<Option<OrgFacts>, StoreError> {
    kind.map(|k| {
        Ok(OrgFacts {
            org_id: org_id.clone(),
            kind: k.parse().map_err(StoreError::Corrupt)?,
            side: None,
        })
    })
    .transpose()
}

/// The facts of a group's child registrations, read in one query before
/// the group runs them: what [`super::load`] reads for each, for all at once
/// (the writer's fast path, `writer::fast`; on SQLite the query goes with
/// the statements that begin the group's transaction).
pub(crate) struct Registrations {
    /// Each registering organisation's kind.
    kinds: HashMap<String, String>,
    /// Child ids already taken: recorded before the group, or registered by
    /// one of its earlier jobs.
    taken: HashSet<String>,
}

impl Registrations {
    /// The query that reads the facts of `registrations` (`None` when there
    /// are none), for [`Registrations::from_rows`]; the writer sends it
    /// with the statements that begin its transaction.
    pub(crate) fn query<'a>(
        registrations: impl IntoIterator<Item = (&'a OrgId, &'a ChildId)>,
    ) -> Option<Sql> {
        let (orgs, children): (BTreeSet<&str>, BTreeSet<&str>) = registrations
            .into_iter()
            .map(|(o, c)| (o.as_str(), c.as_str()))
            .unzip();
        if orgs.is_empty() {
            return None;
        }
        let mut sql = Sql::new("SELECT 'o', id, kind FROM organisations WHERE id IN (");
        sql.texts(orgs)
            .push(") UNION ALL SELECT 'c', id, '' FROM children WHERE id IN (");
        sql.texts(children).push(")");
        Some(sql)
    }

    /// The facts in the rows of [`Registrations::query`].
    pub(crate) fn from_rows(rows: &[AnyRow]) -> Result<Registrations, StoreError> {
        let mut facts = Registrations {
            kinds: HashMap::new(),
            taken: HashSet::new(),
        };
        for row in rows {
            let what: String = row.try_get(0)?;
            let id: String = row.try_get(1)?;
            if what == "o" {
                facts.kinds.insert(id, row.try_get(2)?);
            } else {
                facts.taken.insert(id);
            }
        }
        Ok(facts)
    }

    /// The context [`super::load`] would give `RegisterChild` of `child_id` by
    /// `org_id` at this point of the group.
    pub(crate) fn context(
        &self,
        rules: &TransitRules,
        org_id: &OrgId,
        child_id: &ChildId,
    ) -> Result<Context, StoreError> {
        Ok(Context {
            rules: rules.clone(),
            org: registering_org(org_id, self.kinds.get(org_id.as_str()).cloned())?,
            already_exists: self.taken.contains(child_id.as_str()),
            ..Context::default()
        })
    }

    /// `child_id` was registered by a job of the group.
    pub(crate) fn registered(&mut self, child_id: &ChildId) {
        self.taken.insert(child_id.as_str().to_owned());
    }
}
