//! `ledger verify` and `ledger export`.
//!
//! Verification streams the ledger through the ledger crate's verifier (tree,
//! sequence, personal-data commitments, signed checkpoints), replays every
//! event into an in-memory image of the projection tables, and compares that
//! image with the live tables row by row. Messages name the entry, table, key
//! and column that disagree, never the values: they may be personal data.

use crate::projection::{self, Image, Value};
use crate::schema::{self, ColType, LEDGER_TABLES, PROJECTIONS, TableSpec};
use crate::{Store, StoreError, sql};
use futures_util::TryStreamExt;
use homeward_domain::{EventBody, Personal};
use homeward_ledger::{Checkpoint, PersonalData, PublicKey, Verifier};
use sqlx::{AnyConnection, Row};
use std::collections::BTreeSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifySummary {
    pub entries: u64,
    pub redacted: u64,
    pub checkpoints: u64,
    pub rows: u64,
    pub root: String,
    /// Where the trusted key came from.
    pub key_source: &'static str,
    /// How far each registered witness key has cosigned, in order of
    /// registration.
    pub witnesses: Vec<homeward_ledger::WitnessReport>,
}

impl fmt::Display for VerifySummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ledger verified: {} entries ({} with personal data erased), {} signed checkpoints, {} table rows match a replay; root {} (key from {})",
            self.entries, self.redacted, self.checkpoints, self.rows, self.root, self.key_source
        )?;
        for w in &self.witnesses {
            match w.cosigned_size {
                Some(size) => write!(
                    f,
                    "\nwitness {}: cosigned up to {size} of {} entries ({} behind)",
                    w.name,
                    self.entries,
                    self.entries.saturating_sub(size)
                )?,
                None => write!(f, "\nwitness {}: cosigned nothing yet", w.name)?,
            }
        }
        Ok(())
    }
}

/// The verifier keys of every witness key ever registered (a replaced key's
/// cosignatures still count for what it cosigned), without repeats. Read
/// from the ledger's own entries, not from the `witness_keys` table, so that
/// an edited table is reported as a table that disagrees with the replay.
pub(crate) async fn witness_keys(
    conn: &mut AnyConnection,
) -> Result<Vec<homeward_ledger::VerifierKey>, StoreError> {
    let rows = sqlx::query(
        "SELECT seq, envelope FROM ledger_entries WHERE kind = 'witness_key_registered' ORDER BY seq",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<homeward_ledger::VerifierKey> = Vec::new();
    for row in rows {
        let seq: i64 = row.try_get(0)?;
        let bytes: Vec<u8> = row.try_get(1)?;
        let unreadable =
            |why: String| StoreError::Corrupt(format!("ledger entry {seq} (a witness key): {why}"));
        let envelope =
            homeward_ledger::Envelope::decode(&bytes).map_err(|e| unreadable(e.to_string()))?;
        let body: EventBody =
            serde_json::from_slice(&envelope.body).map_err(|e| unreadable(e.to_string()))?;
        let EventBody::WitnessKeyRegistered { verifier_key, .. } = body else {
            return Err(unreadable("it holds another kind of event".into()));
        };
        let key: homeward_ledger::VerifierKey = verifier_key
            .parse()
            .map_err(|e: homeward_ledger::NoteError| unreadable(e.to_string()))?;
        if !out.contains(&key) {
            out.push(key);
        }
    }
    Ok(out)
}

#[derive(Debug, thiserror::Error)]
pub enum VerifyFailure {
    #[error("{0}")]
    Ledger(#[from] homeward_ledger::VerifyError),
    #[error("{0}")]
    Mismatch(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for VerifyFailure {
    fn from(e: sqlx::Error) -> Self {
        VerifyFailure::Store(StoreError::Database(e))
    }
}

fn mismatch(s: String) -> VerifyFailure {
    VerifyFailure::Mismatch(s)
}

async fn trusted_keys(
    store: &Store,
    conn: &mut AnyConnection,
    pinned: Option<&PublicKey>,
) -> Result<(Vec<PublicKey>, &'static str), VerifyFailure> {
    if let Some(k) = pinned {
        return Ok((vec![*k], "the command line"));
    }
    if let Some(k) = store.public_key() {
        return Ok((vec![k], "the signing key file"));
    }
    let rows = sqlx::query("SELECT public_key FROM ledger_keys ORDER BY seq")
        .fetch_all(&mut *conn)
        .await?;
    let mut keys = Vec::new();
    for r in rows {
        let text: String = r.try_get(0)?;
        keys.push(
            text.parse()
                .map_err(|_| mismatch("a public key in ledger_keys is unreadable".into()))?,
        );
    }
    Ok((keys, "the database itself (pin one with --public-key)"))
}

pub(crate) async fn checkpoints(
    conn: &mut AnyConnection,
) -> Result<Vec<Checkpoint>, VerifyFailure> {
    let mut out = Vec::new();
    let rows = sqlx::query("SELECT size, note FROM ledger_checkpoints ORDER BY size")
        .fetch_all(&mut *conn)
        .await?;
    for r in rows {
        let size: i64 = r.try_get(0)?;
        let note: String = r.try_get(1)?;
        let cp = Checkpoint::from_text(&note)
            .map_err(|e| mismatch(format!("ledger_checkpoints row {size}: {e}")))?;
        if cp.size != size as u64 {
            return Err(mismatch(format!(
                "ledger_checkpoints row {size} holds a checkpoint for size {}",
                cp.size
            )));
        }
        out.push(cp);
    }
    if let Some(head) = sqlx::query("SELECT size, note FROM ledger_head WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?
    {
        let size: i64 = head.try_get(0)?;
        let note: String = head.try_get(1)?;
        let cp = Checkpoint::from_text(&note).map_err(|e| mismatch(format!("ledger_head: {e}")))?;
        if cp.size != size as u64 {
            return Err(mismatch(format!(
                "ledger_head says size {size} but holds a checkpoint for size {}",
                cp.size
            )));
        }
        out.push(cp);
    }
    Ok(out)
}

pub(crate) async fn verify(
    store: &Store,
    pinned: Option<&PublicKey>,
) -> Result<VerifySummary, VerifyFailure> {
    // Everything is read in one read transaction, so a database that is
    // being written is judged as it was at one moment: the entries, the
    // checkpoints and every table of the same snapshot.
    let mut tx = store.pool().begin().await?;
    if store.backend() == crate::Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let (keys, key_source) = trusted_keys(store, &mut tx, pinned).await?;
    let witnesses = witness_keys(&mut tx).await?;
    let mut verifier = Verifier::with_witnesses(keys, witnesses)?;
    let mut image = Image::new();
    let mut redacted_seqs = Vec::new();
    let mut erased_seqs = BTreeSet::new();

    // Two stages on two cores: a task reads rows, parses events and computes
    // their row operations; this one checks the tree and applies the
    // operations in order. Errors surface in ledger order either way.
    let (sender, mut receiver) =
        tokio::sync::mpsc::channel::<Vec<Result<Prepared, VerifyFailure>>>(8);
    let producer = match store.backend() {
        crate::Backend::Sqlite => tokio::spawn(read_ledger_sqlite(tx, sender)),
        crate::Backend::Postgres => tokio::spawn(read_ledger_streamed(tx, sender)),
    };
    while let Some(chunk) = receiver.recv().await {
        for item in chunk {
            let p = item?;
            let envelope = verifier.push(&p.bytes, p.personal.as_ref())?;
            if envelope.seq != p.seq as u64
                || envelope.recorded_at != p.at
                || envelope.kind != p.kind
            {
                return Err(mismatch(format!(
                    "ledger_entries row {}: its columns disagree with its signed envelope",
                    p.seq
                )));
            }
            if envelope.personal.is_some() && p.personal.is_none() {
                redacted_seqs.push(envelope.seq);
            }
            let parsed = p.parsed?;
            if let EventBody::PersonalDataErased { seqs, .. }
            | EventBody::TracingRequestErased { seqs, .. } = &parsed.body
            {
                erased_seqs.extend(seqs.iter().copied());
            }
            for op in &parsed.ops {
                image.apply(envelope.seq, op).map_err(mismatch)?;
            }
        }
    }
    let mut tx = producer
        .await
        .map_err(|e| mismatch(format!("reading the ledger stopped: {e}")))?;

    let cps = checkpoints(&mut tx).await?;
    let report = verifier.finish(&cps)?;

    if let Some(seq) = redacted_seqs.iter().find(|s| !erased_seqs.contains(s)) {
        return Err(mismatch(format!(
            "the personal data of ledger entry {seq} is missing but no erasure was recorded for it"
        )));
    }

    let live_rows = compare_tables(store, &mut tx, &image).await?;

    for table in sql::table_names(&mut *tx, store.backend()).await? {
        let known = PROJECTIONS.iter().any(|t| t.name == table)
            || LEDGER_TABLES.contains(&table.as_str())
            || schema::is_unguarded(&table);
        if !known {
            return Err(mismatch(format!(
                "table {table} is neither a projection of the ledger nor a cache_* table"
            )));
        }
    }

    Ok(VerifySummary {
        entries: report.entries,
        redacted: report.redacted,
        checkpoints: report.checkpoints,
        rows: live_rows,
        root: report.root.to_string(),
        key_source,
        witnesses: report.witnesses,
    })
}

type Chunks = tokio::sync::mpsc::Sender<Vec<Result<Prepared, VerifyFailure>>>;

/// The read transaction a verification reads everything in.
type Snapshot = sqlx::Transaction<'static, sqlx::Any>;

/// The ledger with its personal parts, in order of `seq`, for PostgreSQL,
/// which streams rows over its socket.
async fn read_ledger_streamed(mut tx: Snapshot, sender: Chunks) -> Snapshot {
    read_streamed(&mut tx, sender).await;
    tx
}

async fn read_streamed(conn: &mut AnyConnection, sender: Chunks) {
    let sql = "SELECT e.seq, e.recorded_at, e.kind, e.envelope, p.salt, p.data FROM ledger_entries e \
               LEFT JOIN ledger_personal p ON p.seq = e.seq ORDER BY e.seq";
    let mut rows = sqlx::query(sql).fetch(&mut *conn);
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut last = 0i64;
    loop {
        let item = match rows.try_next().await {
            Ok(Some(row)) => prepare(&row, &mut last),
            Ok(None) => break,
            Err(_) => Err(mismatch(format!(
                "the ledger entry after seq {last} is not readable"
            ))),
        };
        let stop = item.is_err();
        chunk.push(item);
        if stop {
            break;
        }
        if chunk.len() == CHUNK
            && sender
                .send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))
                .await
                .is_err()
        {
            return;
        }
    }
    let _ = sender.send(chunk).await;
}

/// SQLite's driver hands each row over from its worker thread on its own;
/// for a large ledger that handoff cost more than the checks. So pages of
/// [`PAGE`] entries come as one JSON text each (blobs in hex). A page that
/// does not read cleanly that way (a hand-edited value of another type) is
/// read again row by row, so that its message is the same as before.
/// SQLite keeps whatever type a value was written with; blobs are read as
/// bytes so that a hand-written text value is judged by its bytes.
async fn read_ledger_sqlite(mut tx: Snapshot, sender: Chunks) -> Snapshot {
    read_pages(&mut tx, sender).await;
    tx
}

async fn read_pages(conn: &mut AnyConnection, sender: Chunks) {
    const INNER: &str = "SELECT e.seq AS seq, e.recorded_at AS at, e.kind AS kind, e.envelope AS env, \
         p.salt AS salt, p.data AS data FROM ledger_entries e \
         LEFT JOIN ledger_personal p ON p.seq = e.seq WHERE e.seq > $1 ORDER BY e.seq LIMIT $2";
    let fast = format!(
        "SELECT json_group_array(json_array(seq, at, kind, {}, {}, {})) FROM ({INNER})",
        hex_or_null("env"),
        hex_or_null("salt"),
        hex_or_null("data")
    );
    let slow = "SELECT e.seq, e.recorded_at, e.kind, CAST(e.envelope AS BLOB), CAST(p.salt AS BLOB), \
         CAST(p.data AS BLOB) FROM ledger_entries e LEFT JOIN ledger_personal p ON p.seq = e.seq \
         WHERE e.seq > $1 ORDER BY e.seq LIMIT $2";
    let mut last = 0i64;
    loop {
        let text: Result<String, sqlx::Error> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(fast.as_str()))
                .bind(last)
                .bind(PAGE as i64)
                .fetch_one(&mut *conn)
                .await;
        let fast_page = text.ok().and_then(|t| ledger_page(&t, &mut last));
        let page = match fast_page {
            Some(page) => page,
            None => {
                let mut page = Vec::new();
                let rows = sqlx::query(slow)
                    .bind(last)
                    .bind(PAGE as i64)
                    .fetch_all(&mut *conn)
                    .await;
                match rows {
                    Ok(rows) => {
                        for row in &rows {
                            let item = prepare(row, &mut last);
                            let stop = item.is_err();
                            page.push(item);
                            if stop {
                                break;
                            }
                        }
                    }
                    Err(_) => page.push(Err(mismatch(format!(
                        "the ledger entry after seq {last} is not readable"
                    )))),
                }
                page
            }
        };
        let done = page.len() < PAGE || page.last().is_some_and(|p| p.is_err());
        if sender.send(page).await.is_err() || done {
            return;
        }
    }
}

/// Entries per page when SQLite rows are read as JSON.
const PAGE: usize = 1000;

fn hex_or_null(col: &str) -> String {
    format!("CASE WHEN {col} IS NULL THEN NULL ELSE hex({col}) END")
}

/// One page of ledger rows read as JSON, or `None` when the page must be
/// read row by row instead.
fn ledger_page(text: &str, last: &mut i64) -> Option<Vec<Result<Prepared, VerifyFailure>>> {
    // `last` moves only if the whole page reads.
    let mut page_last = *last;
    type Row<'a> = (i64, i64, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
    let mut rows: Vec<Row<'_>> = serde_json::from_str(text).ok()?;
    if !rows.is_sorted_by_key(|r| r.0) {
        rows.sort_by_key(|r| r.0);
    }
    let mut out = Vec::with_capacity(rows.len());
    for (seq, at, kind, env, salt, data) in rows {
        let bytes = unhex(env)?;
        let salt = match salt {
            Some(s) => Some(unhex(s)?),
            None => None,
        };
        let data = match data {
            Some(d) => Some(unhex(d)?),
            None => None,
        };
        page_last = seq;
        let item = prepared(seq, at, kind.to_owned(), bytes, salt, data);
        let stop = item.is_err();
        out.push(item);
        if stop {
            break;
        }
    }
    *last = page_last;
    Some(out)
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'A'..=b'F' => Some(c - b'A' + 10),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    let s = s.as_bytes();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    // Sized once: collecting `Option`s gives no size hint, and the
    // reallocations showed in profiles of `ledger verify`.
    let mut out = Vec::with_capacity(s.len() / 2);
    for p in s.chunks_exact(2) {
        out.push(digit(p[0])? << 4 | digit(p[1])?);
    }
    Some(out)
}

const CHUNK: usize = 1024;

/// One ledger row, read and parsed ahead of the tree check.
struct Prepared {
    seq: i64,
    at: i64,
    kind: String,
    bytes: Vec<u8>,
    personal: Option<PersonalData>,
    /// The event and its row operations, or why they could not be had;
    /// reported only once the entry itself has passed the tree check.
    parsed: Result<Parsed, VerifyFailure>,
}

struct Parsed {
    body: EventBody,
    ops: Vec<projection::RowOp>,
}

fn prepare(row: &sqlx::any::AnyRow, last: &mut i64) -> Result<Prepared, VerifyFailure> {
    let seq: i64 = row.try_get(0)?;
    *last = seq;
    let unreadable =
        |what: &str| mismatch(format!("ledger entry {seq}: its {what} is not readable"));
    let at: i64 = row.try_get(1).map_err(|_| unreadable("time"))?;
    let kind: String = row.try_get(2).map_err(|_| unreadable("kind"))?;
    let bytes: Vec<u8> = row.try_get(3).map_err(|_| unreadable("envelope"))?;
    let salt: Option<Vec<u8>> = row.try_get(4).map_err(|_| unreadable("personal data"))?;
    let data: Option<Vec<u8>> = row.try_get(5).map_err(|_| unreadable("personal data"))?;
    prepared(seq, at, kind, bytes, salt, data)
}

fn prepared(
    seq: i64,
    at: i64,
    kind: String,
    bytes: Vec<u8>,
    salt: Option<Vec<u8>>,
    data: Option<Vec<u8>>,
) -> Result<Prepared, VerifyFailure> {
    let personal = match (salt, data) {
        (Some(salt), Some(data)) => {
            let salt: [u8; 32] = salt.try_into().map_err(|_| {
                mismatch(format!(
                    "ledger_personal row {seq}: the salt is not 32 bytes"
                ))
            })?;
            Some(PersonalData { salt, data })
        }
        _ => None,
    };
    let parsed = parse(seq, &kind, &bytes, personal.as_ref());
    Ok(Prepared {
        seq,
        at,
        kind,
        bytes,
        personal,
        parsed,
    })
}

fn parse(
    seq: i64,
    kind: &str,
    bytes: &[u8],
    personal: Option<&PersonalData>,
) -> Result<Parsed, VerifyFailure> {
    // An envelope that does not decode is reported by the tree check first.
    let envelope = homeward_ledger::Envelope::decode(bytes)
        .map_err(|_| mismatch(format!("ledger entry {seq} cannot be decoded")))?;
    let body: EventBody = serde_json::from_slice(&envelope.body)
        .map_err(|_| mismatch(format!("ledger entry {seq} is not a valid {kind} event")))?;
    if body.kind() != kind {
        return Err(mismatch(format!(
            "ledger entry {seq} says it is {kind} but holds a {} event",
            body.kind()
        )));
    }
    let personal: Option<Personal> = match personal {
        Some(p) => Some(serde_json::from_slice(&p.data).map_err(|_| {
            mismatch(format!(
                "ledger entry {seq}: its personal data is not readable"
            ))
        })?),
        None => None,
    };
    let ops = projection::project(envelope.seq, envelope.recorded_at, &body, personal.as_ref());
    Ok(Parsed { body, ops })
}

fn describe_key(key: &[Value]) -> String {
    key.iter()
        .map(|v| match v {
            Value::Null => "NULL".to_owned(),
            Value::Int(i) => i.to_string(),
            Value::Text(s) => s.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

async fn compare_tables(
    store: &Store,
    conn: &mut AnyConnection,
    image: &Image,
) -> Result<u64, VerifyFailure> {
    let mut total = 0;
    for spec in PROJECTIONS {
        let mut check = TableCheck {
            spec,
            expected: image.tables[spec.name].iter(),
        };
        match store.backend() {
            crate::Backend::Postgres => {
                let sql = spec.select_all();
                let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *conn);
                while let Some(row) = rows.try_next().await? {
                    check.row(&live_row(spec, &row)?)?;
                    total += 1;
                }
            }
            crate::Backend::Sqlite => {
                let mut after: Option<Vec<Value>> = None;
                loop {
                    let page = table_page(&mut *conn, spec, after.as_deref()).await?;
                    for live in &page {
                        check.row(live)?;
                    }
                    total += page.len() as u64;
                    if page.len() < PAGE {
                        break;
                    }
                    after = page.last().map(|r| r[..spec.key].to_vec());
                }
            }
        }
        check.finish()?;
    }
    Ok(total)
}

fn live_row(spec: &TableSpec, row: &sqlx::any::AnyRow) -> Result<Vec<Value>, sqlx::Error> {
    let mut live = Vec::with_capacity(spec.columns.len());
    for (i, (_, ty)) in spec.columns.iter().enumerate() {
        live.push(sql::read_value(row, i, *ty)?);
    }
    Ok(live)
}

/// The next [`PAGE`] live rows of a table after the key `after`, in key
/// order; read as one JSON text on SQLite (see [`read_ledger_sqlite`]), or
/// row by row when a value is not of its column's type.
async fn table_page(
    conn: &mut AnyConnection,
    spec: &'static TableSpec,
    after: Option<&[Value]>,
) -> Result<Vec<Vec<Value>>, VerifyFailure> {
    let cols: Vec<&str> = spec.columns.iter().map(|(c, _)| *c).collect();
    let keys = cols[..spec.key].join(", ");
    let filter = match after {
        None => String::new(),
        Some(_) => {
            let params: Vec<String> = (1..=spec.key).map(|i| format!("${i}")).collect();
            format!(" WHERE ({keys}) > ({})", params.join(", "))
        }
    };
    let inner = format!(
        "SELECT {} FROM {}{filter} ORDER BY {keys} LIMIT {PAGE}",
        cols.join(", "),
        spec.name
    );
    let bind_after = |mut q: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>| {
        for v in after.into_iter().flatten() {
            q = match v {
                Value::Null => q.bind(None::<String>),
                Value::Int(i) => q.bind(*i),
                Value::Text(t) => q.bind(t.clone()),
            };
        }
        q
    };
    let fast = format!(
        "SELECT json_group_array(json_array({})) FROM ({inner})",
        cols.join(", ")
    );
    let text: Result<String, sqlx::Error> = {
        let q = bind_after(sqlx::query(sqlx::AssertSqlSafe(fast)));
        q.fetch_one(&mut *conn).await.and_then(|r| r.try_get(0))
    };
    if let Some(page) = text.ok().and_then(|t| json_rows(spec, &t)) {
        return Ok(page);
    }
    let rows = bind_after(sqlx::query(sqlx::AssertSqlSafe(inner)))
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .map(|r| live_row(spec, r))
        .collect::<Result<_, _>>()?)
}

/// A page of rows from JSON, if every value has its column's type.
fn json_rows(spec: &TableSpec, text: &str) -> Option<Vec<Vec<Value>>> {
    let rows: Vec<Vec<serde_json::Value>> = serde_json::from_str(text).ok()?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if row.len() != spec.columns.len() {
            return None;
        }
        let mut live = Vec::with_capacity(row.len());
        for (v, (_, ty)) in row.into_iter().zip(spec.columns) {
            live.push(match (v, ty) {
                (serde_json::Value::Null, _) => Value::Null,
                (serde_json::Value::Number(n), ColType::Int) => Value::Int(n.as_i64()?),
                (serde_json::Value::String(s), ColType::Text) => Value::Text(s),
                _ => return None,
            });
        }
        out.push(live);
    }
    if !out.is_sorted_by(|a, b| a[..spec.key] < b[..spec.key]) {
        out.sort_by(|a, b| a[..spec.key].cmp(&b[..spec.key]));
    }
    Some(out)
}

/// Walks a table's live rows against the replay's, both in key order.
struct TableCheck<'a> {
    spec: &'static TableSpec,
    expected: std::collections::btree_map::Iter<'a, Vec<Value>, Vec<Value>>,
}

impl TableCheck<'_> {
    fn row(&mut self, live: &[Value]) -> Result<(), VerifyFailure> {
        let spec = self.spec;
        let live_key = &live[..spec.key];
        match self.expected.next() {
            None => Err(mismatch(format!(
                "table {}: row ({}) is not produced by any ledger entry",
                spec.name,
                describe_key(live_key)
            ))),
            Some((key, want)) => {
                if key.as_slice() != live_key {
                    let (missing, extra) = (describe_key(key), describe_key(live_key));
                    return Err(mismatch(if key.as_slice() < live_key {
                        format!("table {}: row ({missing}) is missing", spec.name)
                    } else {
                        format!(
                            "table {}: row ({extra}) is not produced by any ledger entry",
                            spec.name
                        )
                    }));
                }
                if let Some(i) = (0..want.len()).find(|&i| want[i] != live[i]) {
                    return Err(mismatch(format!(
                        "table {}: row ({}) column {} differs from the ledger's replay",
                        spec.name,
                        describe_key(key),
                        spec.columns[i].0
                    )));
                }
                Ok(())
            }
        }
    }

    fn finish(mut self) -> Result<(), VerifyFailure> {
        match self.expected.next() {
            Some((key, _)) => Err(mismatch(format!(
                "table {}: row ({}) is missing",
                self.spec.name,
                describe_key(key)
            ))),
            None => Ok(()),
        }
    }
}

/// Streams the bundle from a blocking thread, fetching envelopes in pages.
pub(crate) async fn export_bundle(store: &Store, out: std::fs::File) -> Result<u64, StoreError> {
    let mut conn = store.pool().acquire().await?;
    let cps = checkpoints(&mut conn).await.map_err(|e| match e {
        VerifyFailure::Store(s) => s,
        other => StoreError::Corrupt(other.to_string()),
    })?;
    let rows = sqlx::query("SELECT public_key FROM ledger_keys ORDER BY seq")
        .fetch_all(store.pool())
        .await?;
    let mut keys: Vec<PublicKey> = Vec::new();
    for r in rows {
        let text: String = r.try_get(0)?;
        keys.push(text.parse().map_err(|_| {
            StoreError::Corrupt("a public key in ledger_keys is unreadable".into())
        })?);
    }
    let witnesses = witness_keys(&mut conn).await?;
    drop(conn);
    let size = sql::ledger_size(store.pool()).await?;
    let pool = store.pool().clone();
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let pages = EnvelopePages {
            pool,
            handle,
            next: 1,
            end: size,
            buf: Vec::new().into_iter(),
            error: None,
        };
        let mut pages = pages;
        let result =
            homeward_ledger::write_bundle_with_witnesses(out, &keys, &witnesses, &cps, &mut pages);
        if let Some(e) = pages.error {
            return Err(e);
        }
        result.map_err(|e| StoreError::Io(format!("cannot write the bundle: {e}")))?;
        Ok(size)
    })
    .await
    .map_err(|e| StoreError::Io(format!("the export stopped: {e}")))?
}

struct EnvelopePages {
    pool: sqlx::AnyPool,
    handle: tokio::runtime::Handle,
    next: u64,
    end: u64,
    buf: std::vec::IntoIter<Vec<u8>>,
    error: Option<StoreError>,
}

impl Iterator for EnvelopePages {
    type Item = Vec<u8>;
    fn next(&mut self) -> Option<Vec<u8>> {
        if let Some(e) = self.buf.next() {
            return Some(e);
        }
        if self.next > self.end || self.error.is_some() {
            return None;
        }
        let from = self.next;
        let to = (from + 9_999).min(self.end);
        let fetched = self.handle.block_on(
            sqlx::query(
                "SELECT envelope FROM ledger_entries WHERE seq BETWEEN $1 AND $2 ORDER BY seq",
            )
            .bind(from as i64)
            .bind(to as i64)
            .fetch_all(&self.pool),
        );
        match fetched {
            Ok(rows) => {
                let page: Result<Vec<Vec<u8>>, _> = rows.iter().map(|r| r.try_get(0)).collect();
                match page {
                    Ok(p) => {
                        self.next = to + 1;
                        self.buf = p.into_iter();
                        self.buf.next()
                    }
                    Err(e) => {
                        self.error = Some(e.into());
                        None
                    }
                }
            }
            Err(e) => {
                self.error = Some(e.into());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unhex;

    #[test]
    fn hex_pages_decode_both_cases_and_refuse_what_is_not_hex() {
        assert_eq!(unhex("00ff7Fa0"), Some(vec![0x00, 0xff, 0x7f, 0xa0]));
        assert_eq!(unhex(""), Some(vec![]));
        assert_eq!(unhex("abc"), None, "odd length");
        assert_eq!(unhex("0g"), None, "not a hex digit");
    }
}
