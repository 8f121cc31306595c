//! Applying row operations to SQL, and small catalogue queries per backend.

use crate::projection::{RowOp, Value};
use crate::schema::{self, ColType};
use crate::{Backend, StoreError};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyPool, Row};

fn bind<'q>(
    q: Query<'q, Any, AnyArguments>,
    ty: ColType,
    v: &'q Value,
) -> Query<'q, Any, AnyArguments> {
    match (v, ty) {
        (Value::Null, ColType::Int) => q.bind(None::<i64>),
        (Value::Null, ColType::Text) => q.bind(None::<String>),
        (Value::Int(i), _) => q.bind(*i),
        (Value::Text(s), _) => q.bind(s.as_str()),
    }
}

pub async fn apply(tx: &mut sqlx::AnyConnection, op: &RowOp) -> Result<(), StoreError> {
    match op {
        RowOp::Insert { table, values } => {
            let spec = schema::spec(table);
            let row = crate::projection::ordered_row(spec, values);
            let cols: Vec<&str> = spec.columns.iter().map(|(c, _)| *c).collect();
            let params: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                spec.name,
                cols.join(", "),
                params.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for ((_, ty), v) in spec.columns.iter().zip(&row) {
                q = bind(q, *ty, v);
            }
            q.execute(&mut *tx).await?;
        }
        RowOp::Update { table, filter, set } => {
            let spec = schema::spec(table);
            let mut n = 0;
            let mut next = || {
                n += 1;
                format!("${n}")
            };
            let sets: Vec<String> = set
                .iter()
                .map(|(c, _)| format!("{c} = {}", next()))
                .collect();
            let wheres: Vec<String> = filter
                .iter()
                .map(|(c, _)| format!("{c} = {}", next()))
                .collect();
            let sql = format!(
                "UPDATE {} SET {} WHERE {}",
                spec.name,
                sets.join(", "),
                wheres.join(" AND ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (c, v) in set.iter().chain(filter.iter()) {
                let ty = spec.columns[spec.column_index(c)].1;
                q = bind(q, ty, v);
            }
            q.execute(&mut *tx).await?;
        }
    }
    Ok(())
}

pub async fn table_names<'e, E>(ex: E, backend: Backend) -> Result<Vec<String>, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        }
    };
    let rows = sqlx::query(sql).fetch_all(ex).await?;
    rows.iter()
        .map(|r| r.try_get::<String, _>(0).map_err(StoreError::from))
        .collect()
}

pub async fn has_table(pool: &AnyPool, backend: Backend, name: &str) -> Result<bool, StoreError> {
    Ok(table_names(pool, backend).await?.iter().any(|t| t == name))
}

pub async fn ledger_size(pool: &AnyPool) -> Result<u64, StoreError> {
    let row = sqlx::query("SELECT COALESCE(MAX(seq), 0) FROM ledger_entries")
        .fetch_one(pool)
        .await?;
    let n: i64 = row.try_get(0)?;
    Ok(n as u64)
}

/// Reads one live row's column as a [`Value`].
pub fn read_value(row: &sqlx::any::AnyRow, i: usize, ty: ColType) -> Result<Value, sqlx::Error> {
    Ok(match ty {
        ColType::Int => row
            .try_get::<Option<i64>, _>(i)?
            .map_or(Value::Null, Value::Int),
        ColType::Text => row
            .try_get::<Option<String>, _>(i)?
            .map_or(Value::Null, Value::Text),
    })
}
