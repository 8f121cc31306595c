//! What the test suites share to reach PostgreSQL: the server named by
//! `HOMEWARD_TEST_PG` (default [`DEFAULT_ADMIN_URL`], which `bin/test`
//! starts), and a fresh database on it for each test, dropped afterwards.
//!
//! A dev-dependency of the store, the server and the CLI; no product crate
//! links it.

use sqlx::any::AnyPoolOptions;

/// The test server and database `bin/test` provides.
pub const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The URL of a database on the test server from which others are created.
pub fn admin_url() -> String {
    std::env::var("HOMEWARD_TEST_PG").unwrap_or_else(|_| DEFAULT_ADMIN_URL.into())
}

/// A database created for one test on the test server; [`ScratchDb::drop`]
/// removes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScratchDb {
    admin: String,
    name: String,
}

impl ScratchDb {
    /// Creates a database with a name no other test uses. Panics, naming
    /// the server, when PostgreSQL cannot be reached: the suites need it.
    pub async fn create() -> ScratchDb {
        let name = format!("homeward_test_{}", uuid::Uuid::now_v7().simple());
        ScratchDb::create_named(name).await
    }

    /// Creates another database beside this one, named after it: a second
    /// copy a test compares with the first.
    pub async fn sibling(&self, suffix: &str) -> ScratchDb {
        ScratchDb::create_named(format!("{}_{suffix}", self.name)).await
    }

    async fn create_named(name: String) -> ScratchDb {
        let db = ScratchDb {
            admin: admin_url(),
            name,
        };
        db.on_server(&format!("CREATE DATABASE {}", db.name)).await;
        db
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The database's URL, as `StoreConfig::new` and `--db` take it.
    pub fn url(&self) -> String {
        let server = self.admin.rsplit_once('/').map_or(&*self.admin, |(s, _)| s);
        format!("{server}/{}", self.name)
    }

    /// Drops the database, closing the connections still open to it.
    pub async fn drop(self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        self.on_server(&sql).await;
    }

    async fn on_server(&self, sql: &str) {
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .connect(&self.admin)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "PostgreSQL is required for these tests ({}; bin/test starts it, or set HOMEWARD_TEST_PG): {e}",
                    self.admin
                )
            });
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_scratch_database_is_there_until_dropped() {
        let db = ScratchDb::create().await;
        let other = db.sibling("copy").await;
        assert_ne!(db.name(), other.name());
        assert!(db.url().ends_with(&format!("/{}", db.name())));
        let exists = |name: String| async move {
            sqlx::any::install_default_drivers();
            let pool = AnyPoolOptions::new()
                .max_connections(1)
                .connect(&admin_url())
                .await
                .unwrap();
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM pg_database WHERE datname = '{name}'"
            )))
            .fetch_one(&pool)
            .await
            .unwrap();
            pool.close().await;
            n == 1
        };
        // A connection left open does not keep it from being dropped.
        let held = AnyPoolOptions::new()
            .max_connections(1)
            .connect(&db.url())
            .await
            .unwrap();
        assert!(exists(db.name().to_owned()).await);
        let name = db.name().to_owned();
        db.drop().await;
        other.drop().await;
        assert!(!exists(name).await);
        drop(held);
    }
}
