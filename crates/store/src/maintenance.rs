//! What an operator asks of the store beside reads and writes: whether
//! every migration is applied, and a consistent copy of a live database.

use crate::{Backend, Store, StoreError};
use sqlx::Row;
use std::path::Path;

impl Store {
    /// How many of the migrations compiled into this binary the database
    /// has not applied.
    pub async fn migrations_pending(&self) -> Result<usize, StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        let applied: Vec<i64> =
            sqlx::query("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| r.try_get(0))
                .collect::<Result<_, _>>()?;
        Ok(migrator
            .iter()
            .filter(|m| !applied.contains(&m.version))
            .count())
    }

    /// Writes a consistent copy of a SQLite database to `path` while
    /// writers go on (`VACUUM INTO` copies one read snapshot). The signing
    /// key is not copied: keep it apart from backups.
    pub async fn backup_to(&self, path: &Path) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Config(
                "backup_to copies SQLite databases; use pg_dump for PostgreSQL".into(),
            ));
        }
        let target = path.to_str().ok_or_else(|| {
            StoreError::Config(format!("'{}' is not a UTF-8 path", path.display()))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
