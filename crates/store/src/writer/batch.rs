//! A command's row inserts, held back and written as multi-row statements.
//!
//! An import records a hundred thousand events, each a ledger entry, its
//! personal part, a projected row and its name keys. One statement per row
//! costs more in the driver (each statement crosses to SQLite's worker
//! thread and back) than in the database. The writer therefore holds a
//! command's inserts per table and writes them as statements of up to
//! [`ROWS_PER_STATEMENT`] rows: before any other statement of the command
//! (an update, a delete) and at the end of the command, in its savepoint.
//! Tables are written in foreign-key order (the ledger, then the
//! projections in [`schema::PROJECTIONS`] order, then the caches), so every
//! statement sees what writing row by row would have left, and a failing
//! insert fails its own command.

use crate::schema::{self, ColType};
use crate::{Backend, StoreError, projection::Value};
use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

/// Rows per statement; with at most 10 columns, 5,000 parameters, far
/// below both backends' limits.
const ROWS_PER_STATEMENT: usize = 500;

/// One value to insert.
#[derive(Debug, Clone)]
pub(crate) enum Cell {
    Value(Value, ColType),
    Blob(Vec<u8>),
}

#[derive(Debug)]
struct Held {
    table: &'static str,
    /// Where the table is written among the others.
    rank: usize,
    columns: Vec<&'static str>,
    /// What follows the rows: empty, or an `ON CONFLICT` clause.
    on_conflict: &'static str,
    rows: Vec<Vec<Cell>>,
}

/// One insert statement to be: its table, its columns, what follows the
/// rows, and the rows.
type Statement<'a> = (
    &'static str,
    &'a [&'static str],
    &'static str,
    Vec<Vec<Cell>>,
);

/// One part of a query: table, columns, what follows the rows, row count.
type Part<'a> = (&'a str, &'a [&'a str], &'a str, usize);

/// The inserts held for one command.
#[derive(Debug)]
pub(crate) struct Inserts<'d> {
    backend: Backend,
    held: Vec<Held>,
    /// Statements that must run before the first write, and only if there is
    /// one (a job's savepoint on SQLite: see the writer's `job`). Taken by
    /// the first flush, so the slot tells its owner, whatever happened after,
    /// whether they were sent.
    first: &'d mut Option<String>,
}

fn rank(table: &str) -> usize {
    match table {
        "ledger_entries" => 0,
        "ledger_personal" => 1,
        t => match schema::PROJECTIONS.iter().position(|s| s.name == t) {
            Some(i) => 2 + i,
            None => 2 + schema::PROJECTIONS.len(),
        },
    }
}

fn bind(q: Query<'_, Any, AnyArguments>, cell: Cell) -> Query<'_, Any, AnyArguments> {
    match cell {
        Cell::Value(Value::Null, ColType::Int) => q.bind(None::<i64>),
        Cell::Value(Value::Null, ColType::Text) => q.bind(None::<String>),
        Cell::Value(Value::Int(i), _) => q.bind(i),
        Cell::Value(Value::Text(s), _) => q.bind(s),
        Cell::Blob(b) => q.bind(b),
    }
}

impl<'d> Inserts<'d> {
    pub fn new(backend: Backend, first: &'d mut Option<String>) -> Inserts<'d> {
        Inserts {
            backend,
            held: Vec::new(),
            first,
        }
    }

    /// Holds one row for `table`; `columns` name the row's cells in order
    /// and are the same for every row of the table.
    pub fn push(&mut self, table: &'static str, columns: &[&'static str], row: Vec<Cell>) {
        self.push_or(table, columns, row, "");
    }

    /// Holds one row for `table` whose insert ends with `on_conflict` (an
    /// `ON CONFLICT ... DO UPDATE` clause, the same for every row).
    pub fn push_or(
        &mut self,
        table: &'static str,
        columns: &[&'static str],
        row: Vec<Cell>,
        on_conflict: &'static str,
    ) {
        debug_assert_eq!(columns.len(), row.len());
        let held = match self.held.iter_mut().position(|h| h.table == table) {
            Some(i) => &mut self.held[i],
            None => {
                self.held.push(Held {
                    table,
                    rank: rank(table),
                    columns: columns.to_vec(),
                    on_conflict,
                    rows: Vec::new(),
                });
                self.held.last_mut().expect("just pushed")
            }
        };
        debug_assert_eq!(held.columns, columns, "columns of {table} changed");
        debug_assert_eq!(
            held.on_conflict, on_conflict,
            "conflicts of {table} changed"
        );
        held.rows.push(row);
    }

    /// Holds a projection's row, given as (column, value) pairs.
    pub fn push_projected(&mut self, table: &'static str, values: &[(&'static str, Value)]) {
        let spec = schema::spec(table);
        let row = crate::projection::ordered_row(spec, values);
        let columns: Vec<&'static str> = spec.columns.iter().map(|(c, _)| *c).collect();
        let cells = row
            .into_iter()
            .zip(spec.columns)
            .map(|(v, (_, ty))| Cell::Value(v, *ty))
            .collect();
        self.push(table, &columns, cells);
    }

    pub fn is_empty(&self) -> bool {
        self.held.iter().all(|h| h.rows.is_empty())
    }

    /// Writes every held row, tables in foreign-key order.
    ///
    /// Every query crosses to the database and back (on SQLite to its
    /// worker thread: two futex wakes), so the statements go several at a
    /// time, as one query of up to [`ROWS_PER_STATEMENT`] rows: a small
    /// command's ledger entry, personal part, projected row and name keys
    /// cross once instead of four times. On SQLite the query is the
    /// statements in order (the driver runs them in turn, binding its
    /// arguments across them); PostgreSQL prepares one statement per query,
    /// so there the earlier inserts are data-modifying `WITH` parts of the
    /// last, and foreign keys are checked at the end of the statement,
    /// when every part has run.
    ///
    /// Every other statement of a command is preceded by a flush, so the
    /// statements in `first` ride with the first of them, even when nothing
    /// is held.
    pub async fn flush(&mut self, tx: &mut sqlx::AnyConnection) -> Result<(), StoreError> {
        self.flush_then(tx, "").await
    }

    /// Like [`Inserts::flush`], with `after` (statements without
    /// arguments, such as `; COMMIT`) sent at the end of the last query:
    /// SQLite only.
    pub async fn flush_then(
        &mut self,
        tx: &mut sqlx::AnyConnection,
        after: &str,
    ) -> Result<(), StoreError> {
        let first = self.first.take();
        debug_assert!(
            (first.is_none() && after.is_empty()) || self.backend == Backend::Sqlite,
            "only SQLite runs several statements in one query"
        );
        if self.is_empty() {
            let sql = format!("{}{after}", first.unwrap_or_default());
            if !sql.is_empty() {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut *tx)
                    .await?;
            }
            return Ok(());
        }
        let mut first = first;
        self.held.sort_by_key(|h| h.rank);
        let mut statements: Vec<Statement<'_>> = Vec::new();
        for held in &mut self.held {
            let rows = std::mem::take(&mut held.rows);
            let mut rows = rows.into_iter().peekable();
            while rows.peek().is_some() {
                let chunk: Vec<Vec<Cell>> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
                statements.push((held.table, &held.columns, held.on_conflict, chunk));
            }
        }
        let mut statements = statements.into_iter().peekable();
        while let Some((table, columns, conflict, mut rows)) = statements.next() {
            let mut parts: Vec<Part<'_>> = vec![(table, columns, conflict, rows.len())];
            while let Some((t, c, o, more)) =
                statements.next_if(|(_, _, _, more)| rows.len() + more.len() <= ROWS_PER_STATEMENT)
            {
                parts.push((t, c, o, more.len()));
                rows.extend(more);
            }
            let mut sql = query_sql(self.backend, &parts);
            if let Some(before) = first.take() {
                sql.insert_str(0, &before);
            }
            if statements.peek().is_none() {
                sql.push_str(after);
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in rows {
                for cell in row {
                    q = bind(q, cell);
                }
            }
            q.execute(&mut *tx).await?;
        }
        Ok(())
    }
}

/// One query inserting each part's rows (table, columns, row count), the
/// arguments in the parts' order.
fn query_sql(backend: Backend, parts: &[Part<'_>]) -> String {
    let mut n = 0;
    let inserts: Vec<String> = parts
        .iter()
        .map(|(table, columns, conflict, rows)| {
            let mut sql = insert_sql(backend, table, columns, *rows, &mut n);
            sql.push_str(conflict);
            sql
        })
        .collect();
    match backend {
        Backend::Sqlite => inserts.join(";\n"),
        Backend::Postgres => {
            let (last, first) = inserts.split_last().expect("at least one part");
            if first.is_empty() {
                return last.clone();
            }
            let with: Vec<String> = first
                .iter()
                .enumerate()
                .map(|(i, sql)| format!("w{i} AS ({sql})"))
                .collect();
            format!("WITH {} {last}", with.join(", "))
        }
    }
}

/// `INSERT INTO table (columns) VALUES (...), ...` for `rows` rows; `n` is
/// the number of parameters before it in its query. SQLite gets anonymous
/// `?` parameters: the driver looks up each numbered one by name, which
/// walks the statement's list of names (quadratic in a statement of
/// thousands).
fn insert_sql(
    backend: Backend,
    table: &str,
    columns: &[&str],
    rows: usize,
    n: &mut usize,
) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for i in 0..rows {
        sql.push_str(if i == 0 { "(" } else { ", (" });
        for c in 0..columns.len() {
            *n += 1;
            if c > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}
