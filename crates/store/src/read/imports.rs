//! The imports of the parties' lists, as the `imports` table records them.

use crate::{Store, StoreError};
use homeward_domain::*;
use sqlx::Row;

/// One import of a party's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub id: ImportId,
    pub org_id: OrgId,
    pub kind: ImportKind,
    pub list_name: String,
    /// SHA-256 of the file, in lower-case hexadecimal.
    pub sha256: String,
    pub counts: ImportCounts,
    /// Microseconds since the Unix epoch.
    pub at: i64,
    /// The ledger entry that recorded it.
    pub seq: i64,
}

impl Store {
    /// One import by its id.
    pub async fn import(&self, id: &ImportId) -> Result<Option<ImportRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, org_id, kind, list_name, sha256, row_count, new_count, updated_count, \
                    unchanged_count, erased_count, at, seq FROM imports WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            let kind: String = r.try_get(2)?;
            let n = |i: usize| r.try_get::<i64, _>(i).map(|v| v as u64);
            Ok(ImportRow {
                id: ImportId(r.try_get(0)?),
                org_id: OrgId(r.try_get(1)?),
                kind: crate::context::parse_enum(&kind)?,
                list_name: r.try_get(3)?,
                sha256: r.try_get(4)?,
                counts: ImportCounts {
                    rows: n(5)?,
                    new: n(6)?,
                    updated: n(7)?,
                    unchanged: n(8)?,
                    erased: n(9)?,
                },
                at: r.try_get(10)?,
                seq: r.try_get(11)?,
            })
        })
        .transpose()
    }
}
