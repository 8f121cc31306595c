//! The read side: lists with filters and pages, one record with everything
//! around it, and the dashboard's counts.
//!
//! Every query takes the caller's [`Viewer`] and narrows its rows in SQL to
//! what the caller may see; the server still passes each row through the
//! access policy (`homeward_domain::access::can`) and redacts what it says.
//! Rows therefore carry their [`ChildScope`] / [`CaseScope`].
//!
//! Name search uses `cache_child_names`: normalised, script-independent keys
//! of every spelling of every child's name (the linkage crate's phonetic
//! keys, surname keys and given-name groups), kept up to date by the write
//! path and rebuilt by [`Store::rebuild_caches`]. A query word matches a
//! child when one of its keys is among the child's keys, and a child matches
//! a query when every word does, so "Solomiia Shevchuk" finds «Соломія
//! Шевчук» and «Шевчук Соломія» alike.

use crate::context::parse_enum;
use crate::{Store, StoreError};
use homeward_domain::access::{CaseScope, ChildScope, Viewer};
use homeward_domain::*;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{BTreeMap, BTreeSet};

/// The most rows one page may hold.
pub const MAX_PAGE: u32 = 500;

/// One page of a list and the number of rows the filters match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

mod board;
mod builder;
mod cases;
mod dashboard;
mod imports;
mod matches;
mod name_cache;
mod public;
mod rows;
mod trips;

pub use board::{BoardFilter, BoardRow};
pub(crate) use builder::Sql;
pub use imports::ImportRow;
pub use matches::{Listed, MatchFilter, MatchInput, MatchRow};
pub(crate) use name_cache::{KnownKeys, on_event, write_name_keys};
pub use name_cache::{child_name_keys, query_keys};
pub use public::{PartyFigures, PublicFigures};
pub use rows::*;
pub use trips::BookableCase;

// ------------------------------------------------------------------ helpers

fn page_bounds(limit: u32, offset: u32) -> (i64, i64) {
    let limit = if limit == 0 { 50 } else { limit.min(MAX_PAGE) };
    (limit as i64, offset as i64)
}

fn json<T: DeserializeOwned>(s: Option<String>, what: &str) -> Result<Option<T>, StoreError> {
    s.map(|s| {
        serde_json::from_str(&s)
            .map_err(|_| StoreError::Corrupt(format!("a stored {what} is unreadable")))
    })
    .transpose()
}

fn opt_enum<T: DeserializeOwned>(s: Option<String>) -> Result<Option<T>, StoreError> {
    s.map(|s| parse_enum(&s)).transpose()
}

fn escort_pattern(user: &UserId) -> String {
    // Escorts are stored as a JSON array of ids; ids are UUIDs, so they hold
    // no LIKE wildcards.
    format!("%\"{}\"%", user.as_str().replace(['%', '_'], ""))
}

pub(crate) fn escorts_of(s: Option<String>) -> Result<Vec<UserId>, StoreError> {
    Ok(json::<Vec<UserId>>(s, "list of escorts")?.unwrap_or_default())
}

/// The other organisations of a case (`cases.others`, a JSON array).
pub(crate) fn others_of(s: Option<String>) -> Result<Vec<OrgId>, StoreError> {
    Ok(json::<Vec<OrgId>>(s, "list of organisations")?.unwrap_or_default())
}

/// `LIKE` pattern finding an organisation in `cases.others`.
fn other_pattern(org: &OrgId) -> String {
    format!("%\"{}\"%", org.as_str().replace(['%', '_'], ""))
}

/// `AND <the viewer's rows>` for a query over `children ch`.
fn children_visible(sql: &mut Sql, viewer: &Viewer) {
    match viewer {
        Viewer::Everything => {}
        Viewer::Party(org) => {
            sql.push(" AND (ch.org_id = ")
                .text(org.as_str())
                .push(
                    " OR EXISTS (SELECT 1 FROM cases cv WHERE cv.child_id = ch.id AND (cv.party_a = ",
                )
                .text(org.as_str())
                .push(" OR cv.party_b = ")
                .text(org.as_str())
                .push(" OR cv.others LIKE ")
                .text(other_pattern(org))
                .push(")))");
        }
        Viewer::Escort(user) => {
            sql.push(
                " AND EXISTS (SELECT 1 FROM cases cv JOIN trips tv ON tv.id = cv.trip_id \
                 WHERE cv.child_id = ch.id AND tv.escorts LIKE ",
            )
            .text(escort_pattern(user))
            .push(")");
        }
        Viewer::Transit(_) | Viewer::Nothing => {
            sql.push(" AND 1 = 0");
        }
    }
}

/// `AND <the cases that concern org>` for a query over `cases c`: either
/// party, or an agency added to the case.
pub(crate) fn concerning(sql: &mut Sql, org: &OrgId) {
    sql.push(" AND (c.party_a = ")
        .text(org.as_str())
        .push(" OR c.party_b = ")
        .text(org.as_str())
        .push(" OR c.others LIKE ")
        .text(other_pattern(org))
        .push(")");
}

/// `AND <the viewer's rows>` for a query over `cases c`.
fn cases_visible(sql: &mut Sql, viewer: &Viewer) {
    match viewer {
        Viewer::Everything => {}
        Viewer::Party(org) => concerning(sql, org),
        Viewer::Escort(user) => {
            sql.push(" AND c.trip_id IN (SELECT tv.id FROM trips tv WHERE tv.escorts LIKE ")
                .text(escort_pattern(user))
                .push(")");
        }
        Viewer::Transit(_) | Viewer::Nothing => {
            sql.push(" AND 1 = 0");
        }
    }
}

const CHILD_COLUMNS: &str = "ch.id, ch.org_id, ch.list_name, ch.details, ch.custody_kind, ch.erased, \
     ch.seq, ch.updated_seq, \
     (SELECT c.id FROM cases c WHERE c.child_id = ch.id ORDER BY c.seq DESC LIMIT 1), \
     (SELECT c.state FROM cases c WHERE c.child_id = ch.id ORDER BY c.seq DESC LIMIT 1), \
     ch.external_id, ch.joined_to";
/// How many columns [`CHILD_COLUMNS`] names.
const CHILD_COLUMN_COUNT: usize = 12;

fn child_summary(r: &AnyRow) -> Result<ChildSummary, StoreError> {
    let org_id = OrgId(r.try_get(1)?);
    let case_id: Option<String> = r.try_get(8)?;
    let case_state: Option<String> = r.try_get(9)?;
    let erased: i64 = r.try_get(5)?;
    Ok(ChildSummary {
        id: ChildId(r.try_get(0)?),
        scope: ChildScope {
            submitted_by: org_id.clone(),
            cases: Vec::new(),
        },
        org_id,
        list_name: r.try_get(2)?,
        details: json(r.try_get(3)?, "child record")?,
        custody_kind: opt_enum(r.try_get(4)?)?,
        erased: erased != 0,
        registered_seq: r.try_get(6)?,
        updated_seq: r.try_get(7)?,
        external_id: r.try_get(10)?,
        joined_to: r.try_get::<Option<String>, _>(11)?.map(ChildId),
        case: match (case_id, case_state) {
            (Some(id), Some(state)) => {
                Some((CaseId(id), state.parse().map_err(StoreError::Corrupt)?))
            }
            _ => None,
        },
    })
}

/// A row's cells by position: a row of a query, or one of the rows a query
/// gathered into a JSON array (see [`Store::child`]), so that one function
/// reads a kind of row from either.
pub(crate) trait Cells {
    fn cell<T>(&self, i: usize) -> Result<T, StoreError>
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + DeserializeOwned;
}

impl Cells for AnyRow {
    fn cell<T>(&self, i: usize) -> Result<T, StoreError>
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + DeserializeOwned,
    {
        Ok(self.try_get(i)?)
    }
}

impl Cells for [serde_json::Value] {
    fn cell<T>(&self, i: usize) -> Result<T, StoreError>
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + DeserializeOwned,
    {
        let value = self.get(i).unwrap_or(&serde_json::Value::Null);
        T::deserialize(value)
            .map_err(|_| StoreError::Corrupt(format!("a gathered row's cell {i} is unreadable")))
    }
}

/// A row's columns from the `.1`th on, as a row of their own: a joined
/// table's columns read by that table's row function.
pub(crate) struct Columns<'a>(pub &'a AnyRow, pub usize);

impl Cells for Columns<'_> {
    fn cell<T>(&self, i: usize) -> Result<T, StoreError>
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + DeserializeOwned,
    {
        Ok(self.0.try_get(self.1 + i)?)
    }
}

/// The rows gathered as a JSON array of arrays in column `i` (no rows:
/// `NULL` on PostgreSQL, `[]` on SQLite).
fn gathered_rows(r: &AnyRow, i: usize) -> Result<Vec<Vec<serde_json::Value>>, StoreError> {
    Ok(json(r.try_get(i)?, "gathered rows")?.unwrap_or_default())
}

/// The rows gathered in column `i`, each read by `read`.
fn gathered<T>(
    r: &AnyRow,
    i: usize,
    read: fn(&[serde_json::Value]) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    gathered_rows(r, i)?.iter().map(|row| read(row)).collect()
}

/// `SELECT` of one child's row with what [`Store::child`] gathers around
/// it, for one backend: the two spell JSON aggregation differently.
fn child_record_sql(backend: crate::Backend) -> String {
    let gather = |columns: &str, from: &str, order: &str| match backend {
        crate::Backend::Sqlite => {
            format!("(SELECT json_group_array(json_array({columns}) ORDER BY {order}) {from})")
        }
        crate::Backend::Postgres => {
            format!("(SELECT json_agg(json_build_array({columns}) ORDER BY {order})::text {from})")
        }
    };
    format!(
        "SELECT {CHILD_COLUMNS}, {}, {}, {}, {}, \
         (SELECT COUNT(*) FROM children j WHERE j.joined_to = ch.id) \
         FROM children ch WHERE ch.id = $1",
        gather(
            "cr.custody_no, cr.kind, cr.since, cr.place, cr.seq",
            "FROM custody_records cr WHERE cr.child_id = ch.id",
            "cr.custody_no",
        ),
        gather(
            "fm.id, fm.child_id, fm.relationship, fm.details, fm.seq",
            "FROM family_members fm WHERE fm.child_id = ch.id",
            "fm.seq",
        ),
        gather(
            "tr.id, tr.org_id, tr.details, tr.child_id, tr.status, tr.seq, tr.outcome",
            "FROM tracing_requests tr WHERE tr.child_id = ch.id",
            "tr.seq",
        ),
        gather(
            "cs.party_a, cs.party_b, t.escorts, cs.others, cs.id",
            "FROM cases cs LEFT JOIN trips t ON t.id = cs.trip_id WHERE cs.child_id = ch.id",
            "cs.seq",
        ),
    )
}

static SQLITE_CHILD_RECORD: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| child_record_sql(crate::Backend::Sqlite));
static POSTGRES_CHILD_RECORD: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| child_record_sql(crate::Backend::Postgres));

/// A case's part of its child's scope, from the cells `party_a, party_b,
/// escorts, others` starting at `at`.
fn case_scope<R: Cells + ?Sized>(r: &R, at: usize) -> Result<CaseScope, StoreError> {
    Ok(CaseScope {
        party_a: OrgId(r.cell(at)?),
        party_b: OrgId(r.cell(at + 1)?),
        escorts: escorts_of(r.cell(at + 2)?)?,
        others: others_of(r.cell(at + 3)?)?,
    })
}

fn custody_row<R: Cells + ?Sized>(r: &R) -> Result<CustodyRow, StoreError> {
    let kind: String = r.cell(1)?;
    Ok(CustodyRow {
        custody_no: r.cell(0)?,
        kind: parse_enum(&kind)?,
        since: r.cell(2)?,
        place: json(r.cell(3)?, "custody place")?,
        seq: r.cell(4)?,
    })
}

fn family_row<R: Cells + ?Sized>(r: &R) -> Result<FamilyMemberRow, StoreError> {
    let rel: String = r.cell(2)?;
    Ok(FamilyMemberRow {
        id: FamilyMemberId(r.cell(0)?),
        child_id: ChildId(r.cell(1)?),
        relationship: parse_enum(&rel)?,
        details: json(r.cell(3)?, "family member")?,
        seq: r.cell(4)?,
    })
}

const CASE_COLUMNS: &str = "c.id, c.child_id, c.party_a, c.party_b, c.state, c.consent_by, \
     c.trip_id, c.seq, c.updated_seq, t.escorts, c.others, c.group_id, c.group_kind";

fn case_summary(r: &AnyRow) -> Result<CaseSummary, StoreError> {
    let party_a = OrgId(r.try_get(2)?);
    let party_b = OrgId(r.try_get(3)?);
    let state: String = r.try_get(4)?;
    Ok(CaseSummary {
        id: CaseId(r.try_get(0)?),
        child_id: ChildId(r.try_get(1)?),
        scope: CaseScope {
            party_a: party_a.clone(),
            party_b: party_b.clone(),
            others: others_of(r.try_get(10)?)?,
            escorts: escorts_of(r.try_get(9)?)?,
        },
        party_a,
        party_b,
        state: state.parse().map_err(StoreError::Corrupt)?,
        consent_by: r.try_get::<Option<String>, _>(5)?.map(FamilyMemberId),
        trip_id: r.try_get::<Option<String>, _>(6)?.map(TripId),
        opened_seq: r.try_get(7)?,
        updated_seq: r.try_get(8)?,
        group: match (
            r.try_get::<Option<String>, _>(11)?,
            r.try_get::<Option<String>, _>(12)?,
        ) {
            (Some(id), Some(kind)) => Some((GroupId(id), parse_enum(&kind)?)),
            _ => None,
        },
    })
}

fn tracing_row<R: Cells + ?Sized>(r: &R) -> Result<TracingRequestRow, StoreError> {
    Ok(TracingRequestRow {
        id: TracingRequestId(r.cell(0)?),
        org_id: OrgId(r.cell(1)?),
        details: json(r.cell(2)?, "tracing request")?,
        child_id: r.cell::<Option<String>>(3)?.map(ChildId),
        status: r.cell(4)?,
        seq: r.cell(5)?,
        outcome: r
            .cell::<Option<String>>(6)?
            .map(|o| parse_enum(&o))
            .transpose()?,
    })
}

fn leg_row(r: &AnyRow) -> Result<LegRow, StoreError> {
    Ok(LegRow {
        leg_id: LegId(r.try_get(0)?),
        trip_id: TripId(r.try_get(1)?),
        position: r.try_get(2)?,
        from_place: r.try_get(3)?,
        to_place: r.try_get(4)?,
        transit_org: r.try_get::<Option<String>, _>(5)?.map(OrgId),
        carrier: r.try_get(6)?,
        departs_at: r.try_get(7)?,
        arrives_at: r.try_get(8)?,
        escorts: escorts_of(r.try_get(9)?)?,
        clearance: r.try_get(10)?,
        clearance_ref: r.try_get(11)?,
        clearance_conditions: r.try_get(12)?,
        departed_at: r.try_get(13)?,
        arrived_at: r.try_get(14)?,
    })
}

/// The columns [`leg_row`] reads, of `trip_legs l`.
macro_rules! leg_columns {
    () => {
        "l.leg_id, l.trip_id, l.position, l.from_place, l.to_place, l.transit_org, l.carrier, \
         l.departs_at, l.arrives_at, l.escorts, l.clearance, l.clearance_ref, \
         l.clearance_conditions, l.departed_at, l.arrived_at"
    };
}
pub(crate) use leg_columns;

/// The columns [`handover_row`] reads, of `handovers h`.
macro_rules! handover_columns {
    () => {
        "h.seq, h.trip_id, h.leg_id, h.case_id, h.received_by, h.receiver_kind, h.receiver_id, \
         h.place, h.at, h.handed_over_by, fm.details"
    };
}
pub(crate) use handover_columns;

/// The handovers with the family member who received the child, for
/// [`handover_columns`].
macro_rules! handovers_with_receiver {
    () => {
        " FROM handovers h LEFT JOIN family_members fm \
         ON h.receiver_kind = 'family_member' AND fm.id = h.receiver_id"
    };
}
pub(crate) use handovers_with_receiver;

pub(crate) fn handover_row(r: &AnyRow) -> Result<HandoverRow, StoreError> {
    Ok(HandoverRow {
        seq: r.try_get(0)?,
        trip_id: TripId(r.try_get(1)?),
        leg_id: LegId(r.try_get(2)?),
        case_id: CaseId(r.try_get(3)?),
        received_by: r.try_get(4)?,
        receiver_kind: r.try_get(5)?,
        receiver_id: r.try_get(6)?,
        place: r.try_get(7)?,
        at: r.try_get(8)?,
        handed_over_by: r.try_get::<Option<String>, _>(9)?.map(UserId),
        receiving_member: json(r.try_get(10)?, "family member")?,
    })
}

async fn count(store: &Store, sql: &Sql) -> Result<i64, StoreError> {
    Ok(sql.query().fetch_one(store.pool()).await?.try_get(0)?)
}

/// Year and month of a time in microseconds since the epoch, as `YYYY-MM`.
fn year_month(micros: i64) -> String {
    // Civil-from-days (Howard Hinnant's algorithm), enough for a month.
    let days = micros.div_euclid(86_400_000_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}")
}

// ----------------------------------------------------------------- queries

impl Store {
    /// Children the viewer may see, newest first, filtered and paged.
    pub async fn children(
        &self,
        viewer: &Viewer,
        filter: &ChildFilter,
    ) -> Result<Page<ChildSummary>, StoreError> {
        let mut wheres = Sql::new(" WHERE 1 = 1");
        children_visible(&mut wheres, viewer);
        // Whoever sees every record sees a joined child once, as the
        // record it was joined under; a search by name still finds each
        // record by its own spelling (its page shows the joined child).
        if matches!(viewer, Viewer::Everything) && filter.q.is_none() {
            wheres.push(" AND ch.joined_to IS NULL");
        }
        if let Some(q) = &filter.q {
            let mut words = query_keys(q);
            if words.is_empty() && !q.trim().is_empty() {
                // Nothing searchable in the query (only punctuation): no match.
                return Ok(Page {
                    items: Vec::new(),
                    total: 0,
                });
            }
            // The word with the fewest candidates drives the search; the
            // others are checked child by child on the cache's primary key.
            // Driving by a common given name instead made every search build
            // and probe sets of thousands of ids (13 ms on 100k children).
            let counts = self.name_key_counts(words.iter().flatten()).await?;
            let estimate = |keys: &BTreeSet<String>| -> i64 {
                keys.iter()
                    .map(|k| counts.get(k).copied().unwrap_or(0))
                    .sum()
            };
            words.sort_by_key(|keys| estimate(keys));
            if words.first().is_some_and(|keys| estimate(keys) == 0) {
                return Ok(Page {
                    items: Vec::new(),
                    total: 0,
                });
            }
            for (i, keys) in words.into_iter().enumerate() {
                if i == 0 {
                    wheres.push(
                        " AND ch.id IN (SELECT n.child_id FROM cache_child_names n WHERE n.key IN (",
                    );
                } else {
                    wheres.push(
                        " AND EXISTS (SELECT 1 FROM cache_child_names n \
                         WHERE n.child_id = ch.id AND n.key IN (",
                    );
                }
                wheres.texts(keys).push("))");
            }
        }
        if let Some(org) = &filter.org {
            wheres.push(" AND ch.org_id = ").text(org.as_str());
        }
        if let Some(sex) = filter.sex {
            wheres
                .push(" AND ch.sex = ")
                .text(if sex == Sex::M { "M" } else { "F" });
        }
        if let Some(y) = filter.born_from {
            wheres.push(" AND ch.birth_year >= ").int(y.into());
        }
        if let Some(y) = filter.born_to {
            wheres.push(" AND ch.birth_year <= ").int(y.into());
        }
        if let Some(k) = filter.custody {
            wheres.push(" AND ch.custody_kind = ").text(k.as_str());
        }
        if let Some(s) = filter.case_state {
            wheres
                .push(
                    " AND EXISTS (SELECT 1 FROM cases cs WHERE cs.child_id = ch.id AND cs.state = ",
                )
                .text(s.as_str())
                .push(")");
        }
        let total = count(
            self,
            &Sql::new("SELECT COUNT(*) FROM children ch").then(&wheres),
        )
        .await?;

        if total == 0 {
            return Ok(Page {
                items: Vec::new(),
                total,
            });
        }
        let (limit, offset) = page_bounds(filter.limit, filter.offset);
        // The page's ids first, then their columns: the columns' subqueries
        // run for the rows shown, not for every row that matches.
        let mut sql = Sql::new(&format!(
            "SELECT {CHILD_COLUMNS} FROM children ch WHERE ch.id IN (SELECT ch.id FROM children ch"
        ));
        sql.text.push_str(&wheres.text);
        sql.args = wheres.args;
        sql.push(" ORDER BY ch.seq DESC LIMIT ")
            .int(limit)
            .push(" OFFSET ")
            .int(offset)
            .push(") ORDER BY ch.seq DESC");
        let rows = sql.query().fetch_all(self.pool()).await?;
        let mut items = rows
            .iter()
            .map(child_summary)
            .collect::<Result<Vec<_>, _>>()?;
        self.fill_child_scopes(&mut items).await?;
        Ok(Page { items, total })
    }

    /// How many cache rows each of `keys` has: the search's estimate of
    /// how many children a word matches.
    async fn name_key_counts<'k>(
        &self,
        keys: impl IntoIterator<Item = &'k String>,
    ) -> Result<BTreeMap<String, i64>, StoreError> {
        let mut sql = Sql::new("SELECT n.key, COUNT(*) FROM cache_child_names n WHERE n.key IN (");
        sql.texts(keys.into_iter().cloned())
            .push(") GROUP BY n.key");
        let mut out = BTreeMap::new();
        for r in sql.query().fetch_all(self.pool()).await? {
            out.insert(r.try_get(0)?, r.try_get(1)?);
        }
        Ok(out)
    }

    /// Fills in each child's scope: the parties, escorts and others of its
    /// cases, in the order the cases were opened.
    async fn fill_child_scopes(&self, items: &mut [ChildSummary]) -> Result<(), StoreError> {
        if items.is_empty() {
            return Ok(());
        }
        let mut sql = Sql::new(
            "SELECT c.child_id, c.party_a, c.party_b, t.escorts, c.others FROM cases c \
             LEFT JOIN trips t ON t.id = c.trip_id WHERE c.child_id IN (",
        );
        sql.texts(items.iter().map(|c| c.id.0.clone()))
            .push(") ORDER BY c.seq");
        let mut by_child: BTreeMap<String, Vec<CaseScope>> = BTreeMap::new();
        for r in sql.query().fetch_all(self.pool()).await? {
            by_child
                .entry(r.try_get(0)?)
                .or_default()
                .push(case_scope(&r, 1)?);
        }
        for item in items {
            item.scope.cases = by_child.remove(item.id.as_str()).unwrap_or_default();
        }
        Ok(())
    }

    /// One child's summary with its scope, whoever asks: the caller decides
    /// with the access policy whether to show it.
    ///
    /// One query: the child's row beside each of its cases (alone if it has
    /// none), each case giving its part of the scope.
    pub async fn child_summary(&self, id: &ChildId) -> Result<Option<ChildSummary>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CHILD_COLUMNS}, cs.party_a, cs.party_b, t.escorts, cs.others, cs.id \
             FROM children ch LEFT JOIN cases cs ON cs.child_id = ch.id \
             LEFT JOIN trips t ON t.id = cs.trip_id WHERE ch.id = $1 ORDER BY cs.seq"
        )))
        .bind(id.as_str())
        .fetch_all(self.pool())
        .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let mut summary = child_summary(first)?;
        for r in &rows {
            if r.try_get::<Option<String>, _>(CHILD_COLUMN_COUNT + 4)?
                .is_some()
            {
                summary.scope.cases.push(case_scope(r, CHILD_COLUMN_COUNT)?);
            }
        }
        Ok(Some(summary))
    }

    /// One child with everything around it, in one query.
    ///
    /// The child's row carries its custody records, family members,
    /// tracing requests and cases as JSON arrays gathered by the database
    /// ([`child_record_sql`]), and how many records are joined under it. A
    /// read of a child is the API's most frequent request, and every query
    /// costs a crossing to the database and back (on SQLite two thread
    /// hand-offs to its worker thread, on PostgreSQL a round trip): as six
    /// queries those crossings were most of a read's time.
    pub async fn child(&self, id: &ChildId) -> Result<Option<ChildRecord>, StoreError> {
        let sql = match self.backend {
            crate::Backend::Sqlite => &*SQLITE_CHILD_RECORD,
            crate::Backend::Postgres => &*POSTGRES_CHILD_RECORD,
        };
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.as_str())
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let mut summary = child_summary(&row)?;
        let at = CHILD_COLUMN_COUNT;
        let custody = gathered(&row, at, custody_row)?;
        let family = gathered(&row, at + 1, family_row)?;
        let tracing_requests = gathered(&row, at + 2, tracing_row)?;
        let mut case_ids = Vec::new();
        for r in gathered_rows(&row, at + 3)? {
            summary.scope.cases.push(case_scope(&r[..], 0)?);
            case_ids.push(CaseId(r[..].cell(4)?));
        }
        let joined_records: i64 = row.try_get(at + 4)?;
        let mut cases = Vec::new();
        for case in case_ids {
            if let Some(c) = self.case(&case).await? {
                cases.push(c);
            }
        }
        Ok(Some(ChildRecord {
            summary,
            custody,
            family,
            tracing_requests,
            cases,
            joined_records: joined_records as usize,
        }))
    }

    /// A child's family members and guardians.
    pub async fn family_members(
        &self,
        child: &ChildId,
    ) -> Result<Vec<FamilyMemberRow>, StoreError> {
        sqlx::query(
            "SELECT id, child_id, relationship, details, seq FROM family_members \
             WHERE child_id = $1 ORDER BY seq",
        )
        .bind(child.as_str())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(family_row)
        .collect()
    }

    /// Tracing requests the viewer may see, newest first.
    pub async fn tracing_requests(
        &self,
        viewer: &Viewer,
        filter: &TracingFilter,
    ) -> Result<Page<TracingRequestRow>, StoreError> {
        let mut wheres = Sql::new(" WHERE 1 = 1");
        match viewer {
            Viewer::Everything => {}
            Viewer::Party(org) => {
                wheres.push(" AND tr.org_id = ").text(org.as_str());
            }
            _ => {
                wheres.push(" AND 1 = 0");
            }
        }
        if let Some(org) = &filter.org {
            wheres.push(" AND tr.org_id = ").text(org.as_str());
        }
        if let Some(s) = &filter.status {
            wheres.push(" AND tr.status = ").text(s.as_str());
        }
        let total = count(
            self,
            &Sql::new("SELECT COUNT(*) FROM tracing_requests tr").then(&wheres),
        )
        .await?;
        let (limit, offset) = page_bounds(filter.limit, filter.offset);
        let mut sql = Sql::new(
            "SELECT tr.id, tr.org_id, tr.details, tr.child_id, tr.status, tr.seq, tr.outcome FROM tracing_requests tr",
        );
        sql.text.push_str(&wheres.text);
        sql.args = wheres.args;
        sql.push(" ORDER BY tr.seq DESC LIMIT ")
            .int(limit)
            .push(" OFFSET ")
            .int(offset);
        let items = sql
            .query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(tracing_row)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page { items, total })
    }

    pub async fn tracing_request(
        &self,
        id: &TracingRequestId,
    ) -> Result<Option<TracingRequestRow>, StoreError> {
        sqlx::query(
            "SELECT id, org_id, details, child_id, status, seq, outcome FROM tracing_requests WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?
        .as_ref()
        .map(tracing_row)
        .transpose()
    }

    pub async fn organisations(&self) -> Result<Vec<OrganisationRow>, StoreError> {
        sqlx::query("SELECT id, name, kind, side FROM organisations ORDER BY seq")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                let kind: String = r.try_get(2)?;
                Ok(OrganisationRow {
                    id: OrgId(r.try_get(0)?),
                    name: r.try_get(1)?,
                    kind: kind.parse().map_err(StoreError::Corrupt)?,
                    side: opt_enum(r.try_get(3)?)?,
                })
            })
            .collect()
    }

    pub async fn users(&self) -> Result<Vec<UserRow>, StoreError> {
        sqlx::query("SELECT id, login, org_id, role, disabled FROM users ORDER BY seq")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                let role: String = r.try_get(3)?;
                Ok(UserRow {
                    id: UserId(r.try_get(0)?),
                    login: r.try_get(1)?,
                    org_id: OrgId(r.try_get(2)?),
                    role: role.parse().map_err(StoreError::Corrupt)?,
                    disabled: r.try_get::<i64, _>(4)? != 0,
                })
            })
            .collect()
    }

    /// The user with this login (disabled or not).
    pub async fn user_named(&self, login: &str) -> Result<Option<UserRow>, StoreError> {
        Ok(self
            .users()
            .await?
            .into_iter()
            .find(|u| u.login == login.trim()))
    }

    /// Refills every `cache_*` table from the projections.
    pub async fn rebuild_caches(&self) -> Result<u64, StoreError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM cache_child_names")
            .execute(&mut *tx)
            .await?;
        let rows = sqlx::query("SELECT id, details FROM children WHERE details IS NOT NULL")
            .fetch_all(&mut *tx)
            .await?;
        let mut n = 0;
        for r in rows {
            let id = ChildId(r.try_get(0)?);
            if let Some(d) = json::<ChildDetails>(r.try_get(1)?, "child record")? {
                let keys = child_name_keys(&d);
                n += keys.len() as u64;
                write_name_keys(&mut tx, &id, &keys).await?;
            }
        }
        tx.commit().await?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_civil_months() {
        let cases = [
            (0, "1970-01"),
            (951_782_400_000_000, "2000-02"),   // 2000-02-29
            (1_709_251_199_000_000, "2024-02"), // 2024-02-29 23:59:59
            (1_709_251_200_000_000, "2024-03"),
        ];
        for (micros, want) in cases {
            assert_eq!(year_month(micros), want, "{micros}");
        }
    }

    #[test]
    fn latin_queries_share_keys_with_cyrillic_names() {
        let child = |family: &str, given: &str| ChildDetails {
            names: vec![PersonName {
                family_name: family.into(),
                given_name: given.into(),
                patronymic: None,
                lang: "uk".into(),
                kind: NameKind::Recorded,
            }],
            ..Default::default()
        };
        let cases = [
            ("Solomiia Shevchuk", child("Шевчук", "Соломія"), true),
            ("Shevchuk Solomiia", child("Шевчук", "Соломія"), true),
            ("Aleksandr Shevchenko", child("Шевченко", "Олександр"), true),
            ("Oleksandr Shevchenko", child("Шевченко", "Александр"), true),
            ("shevchenko", child("Шевченко", "Олександр"), true),
            ("Solomiia Shevchuk", child("Шевченко", "Олександр"), false),
            ("Ivan Shevchuk", child("Шевчук", "Соломія"), false),
        ];
        for (q, details, want) in cases {
            let keys = child_name_keys(&details);
            let hit = query_keys(q)
                .iter()
                .all(|word| word.iter().any(|k| keys.contains(k)));
            assert_eq!(hit, want, "{q} vs {:?}", details.names[0]);
        }
    }
}
