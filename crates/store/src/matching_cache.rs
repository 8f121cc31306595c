//! What the matching engine keeps between runs, in `cache_matching`.
//!
//! A cache outside the ledger: the engine's fitted parameters (JSON the
//! server writes and reads; no record's data in it) and how far through the
//! registry it has compared. Losing the row costs one full run.

use crate::{Store, StoreError};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchingCache {
    /// Every child record changed at or before this ledger sequence has
    /// been compared.
    pub children_seq: i64,
    /// Records the kept models were fitted on.
    pub fitted_on: i64,
    /// The fitted models, as the server serialised them.
    pub fits: String,
}

impl Store {
    pub async fn matching_cache(&self) -> Result<Option<MatchingCache>, StoreError> {
        let row =
            sqlx::query("SELECT children_seq, fitted_on, fits FROM cache_matching WHERE id = 1")
                .fetch_optional(self.pool())
                .await?;
        row.map(|r| {
            Ok(MatchingCache {
                children_seq: r.try_get(0)?,
                fitted_on: r.try_get(1)?,
                fits: r.try_get(2)?,
            })
        })
        .transpose()
    }

    /// Keeps `cache` unless a run that saw more of the registry saved
    /// first (two runs may overlap; the later view wins).
    pub async fn save_matching_cache(&self, cache: &MatchingCache) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO cache_matching (id, children_seq, fitted_on, fits) \
             VALUES (1, $1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET children_seq = excluded.children_seq, \
             fitted_on = excluded.fitted_on, fits = excluded.fits \
             WHERE cache_matching.children_seq <= excluded.children_seq",
        )
        .bind(cache.children_seq)
        .bind(cache.fitted_on)
        .bind(cache.fits.as_str())
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
