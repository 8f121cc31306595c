//! The writer's transaction, driven by its own statements rather than by
//! sqlx's `Transaction`, so that a group costs fewer round trips.
//!
//! A group used to begin with two: the driver's `BEGIN` (with the writers'
//! lock), then the read of the signed head's size that tells whether other
//! processes appended entries. Here the three statements go in one query
//! ([`WriteTx::begin`]; on SQLite with the query of the facts the group's
//! registrations need), and on SQLite the group's last rows and its
//! `COMMIT` in one more ([`WriteTx::commit_with`]). Each round trip to
//! SQLite is a hand-off to the driver's worker thread and back, and the
//! clients of a group wait on every one of them.
//!
//! The connection stays with the writer from one group to the next (see
//! [`Writer::begin`](super::Writer)): sqlx tests every connection returned
//! to its pool with a round trip of its own, and the next group waited for
//! it. While a transaction may be open — from before `BEGIN` is sent until
//! `COMMIT` or `ROLLBACK` has answered — dropping a [`WriteTx`] closes the
//! connection instead of returning it, and closing it rolls the transaction
//! back: a connection can never be reused inside a transaction that nobody
//! drives.

use super::batch::Inserts;
use crate::read::Sql;
use crate::{Backend, StoreError};
use sqlx::any::AnyRow;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Row};

/// A connection of the writers' pool, kept between groups.
pub(super) type Conn = PoolConnection<Any>;

pub(crate) struct WriteTx {
    /// Always `Some` but while it is handed back.
    conn: Option<Conn>,
    backend: Backend,
}

/// The signed head's size, as the first statements of a group read it
/// (`None` on a ledger with no entry yet).
pub(super) type HeadSize = Option<u64>;

impl WriteTx {
    /// Begins a transaction holding the writers' lock on `kept` (or on a
    /// connection from `pool`), and reads the signed head's size under it,
    /// in one round trip; then runs `then` (a query whose rows the caller
    /// needs first), on SQLite in the same round trip, and returns its rows.
    ///
    /// SQLite's `BEGIN IMMEDIATE` takes the file's write lock. On
    /// PostgreSQL a transaction-scoped advisory lock serialises the servers
    /// sharing the database; the head is read by a statement of its own
    /// after it, because a statement sees the rows committed before it
    /// started (a read in the lock's own statement could miss entries
    /// committed while it waited). The statements that take the lock go as
    /// one simple query there, which takes no arguments, so `then` is a
    /// query of its own.
    pub(super) async fn begin(
        kept: Option<Conn>,
        pool: &AnyPool,
        backend: Backend,
        then: Option<&Sql>,
    ) -> Result<(WriteTx, HeadSize, Vec<AnyRow>), StoreError> {
        const HEAD: &str = "SELECT (SELECT size FROM ledger_head WHERE id = 1)";
        let conn = match kept {
            Some(c) => c,
            None => pool.acquire().await?,
        };
        let mut tx = WriteTx {
            conn: Some(conn),
            backend,
        };
        // The head's query always answers one row.
        let (head, rows) = match backend {
            Backend::Sqlite => {
                let mut sql = Sql::new(&format!("BEGIN IMMEDIATE; {HEAD}; "));
                if let Some(then) = then {
                    sql = sql.then(then);
                }
                let mut rows = sql.query().fetch_all(&mut *tx).await?.into_iter();
                (rows.next(), rows.collect())
            }
            Backend::Postgres => {
                let begin = format!("BEGIN; SELECT pg_advisory_xact_lock(7305066976); {HEAD}");
                let head = sqlx::raw_sql(sqlx::AssertSqlSafe(begin))
                    .fetch_all(&mut *tx)
                    .await?
                    .pop();
                let rows = match then {
                    Some(then) => then.query().fetch_all(&mut *tx).await?,
                    None => Vec::new(),
                };
                (head, rows)
            }
        };
        let size: Option<i64> = head
            .ok_or_else(|| StoreError::Corrupt("the ledger head's size was not read".into()))?
            .try_get(0)?;
        Ok((tx, size.map(|s| s as u64), rows))
    }

    /// Commits, and hands the connection back. `Err` when the outcome is
    /// unknown: the connection is then closed, and the caller looks in the
    /// ledger on another.
    pub(super) async fn commit(self) -> Result<Conn, StoreError> {
        self.end("COMMIT").await
    }

    /// Writes `held` and commits: on SQLite in one round trip, the rows
    /// and `COMMIT` in one query (if a statement fails, the ones after it,
    /// `COMMIT` included, do not run); on PostgreSQL, whose parameterised
    /// queries hold one statement, in two. `Err` as for [`WriteTx::commit`]:
    /// which statement failed is not known.
    pub(super) async fn commit_with(mut self, held: &mut Inserts<'_>) -> Result<Conn, StoreError> {
        if self.backend == Backend::Sqlite && !held.is_empty() {
            held.flush_then(&mut self, "; COMMIT").await?;
            return Ok(self.conn.take().expect("the connection is held"));
        }
        held.flush(&mut self).await?;
        self.commit().await
    }

    /// Rolls back, and hands the connection back. On `Err` the connection
    /// is closed, which rolls back too.
    pub(super) async fn rollback(self) -> Result<Conn, StoreError> {
        self.end("ROLLBACK").await
    }

    async fn end(mut self, statement: &'static str) -> Result<Conn, StoreError> {
        sqlx::raw_sql(statement).execute(&mut *self).await?;
        Ok(self.conn.take().expect("the connection is held"))
    }
}

impl std::ops::Deref for WriteTx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        self.conn.as_ref().expect("the connection is held")
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        self.conn.as_mut().expect("the connection is held")
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        // Still here: the transaction did not end (an error, or the
        // future was dropped).
        if let Some(conn) = &mut self.conn {
            conn.close_on_drop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::Value;
    use crate::schema::ColType;
    use crate::writer::batch::Cell;

    /// A database with a head and two tables, on a pool of one connection
    /// like the writer's.
    async fn pool(dir: &std::path::Path) -> AnyPool {
        sqlx::any::install_default_drivers();
        let url = format!("sqlite://{}?mode=rwc", dir.join("tx.db").display());
        let pool = crate::pool_options(Backend::Sqlite, 1)
            .connect(&url)
            .await
            .unwrap();
        sqlx::raw_sql(
            "CREATE TABLE ledger_head (id INTEGER PRIMARY KEY, size INTEGER NOT NULL, note TEXT NOT NULL); \
             CREATE TABLE t (x INTEGER PRIMARY KEY); CREATE TABLE u (x INTEGER PRIMARY KEY)",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool
    }

    fn row(x: i64) -> Vec<Cell> {
        vec![Cell::Value(Value::Int(x), ColType::Int)]
    }

    async fn count(pool: &AnyPool, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_one(pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap()
    }

    #[tokio::test]
    async fn a_transaction_dropped_before_its_end_leaves_nothing_and_no_open_connection() {
        let dir = tempfile::tempdir().unwrap();
        let pool = pool(dir.path()).await;
        let (mut tx, head, _) = WriteTx::begin(None, &pool, Backend::Sqlite, None)
            .await
            .unwrap();
        assert_eq!(head, None);
        sqlx::query("INSERT INTO t (x) VALUES (1)")
            .execute(&mut *tx)
            .await
            .unwrap();
        drop(tx);
        // Had the pool's one connection come back inside the transaction,
        // this `BEGIN` would fail.
        let (tx, _, _) = WriteTx::begin(None, &pool, Backend::Sqlite, None)
            .await
            .unwrap();
        drop(tx.rollback().await.unwrap());
        assert_eq!(count(&pool, "t").await, 0);
    }

    #[tokio::test]
    async fn the_rows_and_the_commit_go_together_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let pool = pool(dir.path()).await;
        sqlx::raw_sql("INSERT INTO ledger_head VALUES (1, 7, 'head'); INSERT INTO u VALUES (2)")
            .execute(&pool)
            .await
            .unwrap();

        // The insert into `t` runs, the one into `u` fails: `COMMIT` must
        // not run after it, and the transaction is rolled back.
        let (tx, head, _) = WriteTx::begin(None, &pool, Backend::Sqlite, None)
            .await
            .unwrap();
        assert_eq!(head, Some(7));
        let mut due = None;
        let mut held = Inserts::new(Backend::Sqlite, &mut due);
        held.push("t", &["x"], row(1));
        held.push("u", &["x"], row(2));
        assert!(tx.commit_with(&mut held).await.is_err());
        assert_eq!(count(&pool, "t").await, 0);

        let (tx, _, _) = WriteTx::begin(None, &pool, Backend::Sqlite, None)
            .await
            .unwrap();
        let mut due = None;
        let mut held = Inserts::new(Backend::Sqlite, &mut due);
        held.push("t", &["x"], row(1));
        held.push("u", &["x"], row(3));
        let kept = tx.commit_with(&mut held).await.unwrap();
        // The connection handed back is out of any transaction; a query
        // sent with the `BEGIN` answers after the head.
        let then = Sql::new("SELECT x FROM u ORDER BY x");
        let (tx, head, rows) = WriteTx::begin(Some(kept), &pool, Backend::Sqlite, Some(&then))
            .await
            .unwrap();
        assert_eq!(head, Some(7));
        let xs: Vec<i64> = rows.iter().map(|r| r.try_get(0).unwrap()).collect();
        assert_eq!(xs, [2, 3]);
        drop(tx.commit().await.unwrap());
        assert_eq!(count(&pool, "t").await, 1);
        assert_eq!(count(&pool, "u").await, 2);
    }
}
