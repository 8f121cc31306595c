//! `ledger verify` and `ledger export`.
//!
//! Verification streams the ledger through the ledger crate's verifier (tree,
//! sequence, personal-data commitments, signed checkpoints), replays every
//! event into an in-memory image of the projection tables, and compares that
//! image with the live tables row by row. Messages name the entry, table, key
//! and column that disagree, never the values: they may be personal data.

use crate::projection::{self, Cell, Image, Packed, Value};
use crate::schema::{self, LEDGER_TABLES, PROJECTIONS, TableSpec};
use crate::{Store, StoreError, sql};
use futures_util::TryStreamExt;
use homeward_domain::{EventBody, Personal};
use homeward_ledger::{Checkpoint, PersonalData, PublicKey, Verifier};
use sqlx::{AnyConnection, Row};
use std::collections::BTreeSet;
use std::fmt;

#[cfg(feature = "sqlite")]
mod sqlite;

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
    let rows = sqlx::query(WITNESS_KEYS).fetch_all(&mut *conn).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        entries.push((row.try_get(0)?, row.try_get(1)?));
    }
    witness_keys_from(entries)
}

const WITNESS_KEYS: &str =
    "SELECT seq, envelope FROM ledger_entries WHERE kind = 'witness_key_registered' ORDER BY seq";

/// The keys registered by `witness_key_registered` entries, given as
/// `(seq, envelope)`.
fn witness_keys_from(
    entries: Vec<(i64, Vec<u8>)>,
) -> Result<Vec<homeward_ledger::VerifierKey>, StoreError> {
    let mut out: Vec<homeward_ledger::VerifierKey> = Vec::new();
    for (seq, bytes) in entries {
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
    if let Some(found) = given_key(pinned, store.public_key()) {
        return Ok(found);
    }
    let rows = sqlx::query(LEDGER_KEYS).fetch_all(&mut *conn).await?;
    let texts = rows
        .iter()
        .map(|r| r.try_get::<String, _>(0))
        .collect::<Result<Vec<_>, _>>()?;
    keys_from_database(texts)
}

const LEDGER_KEYS: &str = "SELECT public_key FROM ledger_keys ORDER BY seq";

/// The key given on the command line, or else the signing key's.
fn given_key(
    pinned: Option<&PublicKey>,
    own: Option<PublicKey>,
) -> Option<(Vec<PublicKey>, &'static str)> {
    match (pinned, own) {
        (Some(k), _) => Some((vec![*k], "the command line")),
        (None, Some(k)) => Some((vec![k], "the signing key file")),
        (None, None) => None,
    }
}

fn keys_from_database(texts: Vec<String>) -> Result<(Vec<PublicKey>, &'static str), VerifyFailure> {
    let mut keys = Vec::new();
    for text in texts {
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
    let notes = |rows: Vec<sqlx::any::AnyRow>| {
        rows.iter()
            .map(|r| Ok((r.try_get::<i64, _>(0)?, r.try_get::<String, _>(1)?)))
            .collect::<Result<Vec<_>, sqlx::Error>>()
    };
    let stored = notes(sqlx::query(CHECKPOINTS).fetch_all(&mut *conn).await?)?;
    let head = notes(sqlx::query(HEAD).fetch_all(&mut *conn).await?)?;
    checkpoints_from(stored, head.into_iter().next())
}

const CHECKPOINTS: &str = "SELECT size, note FROM ledger_checkpoints ORDER BY size";
const HEAD: &str = "SELECT size, note FROM ledger_head WHERE id = 1";

/// The stored checkpoints and the head, as `(size, note)`, each checked to
/// be for the size it is stored under.
fn checkpoints_from(
    stored: Vec<(i64, String)>,
    head: Option<(i64, String)>,
) -> Result<Vec<Checkpoint>, VerifyFailure> {
    let mut out = Vec::with_capacity(stored.len() + 1);
    for (size, note) in stored {
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
    if let Some((size, note)) = head {
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
    #[cfg(feature = "sqlite")]
    if let Some(file) = store.sqlite_file() {
        let (file, key, pinned) = (file.to_owned(), store.public_key(), pinned.copied());
        return tokio::task::spawn_blocking(move || sqlite::verify(&file, key, pinned.as_ref()))
            .await
            .map_err(|e| mismatch(format!("the verification stopped: {e}")))?;
    }
    verify_sqlx(store, pinned).await
}

/// The verification on a sqlx connection (PostgreSQL): the same checks as
/// [`sqlite::verify`], fed by sqlx.
async fn verify_sqlx(
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
    let mut replay = Replay::new(keys, witnesses)?;

    // Two stages on two cores: a task reads rows, parses events and computes
    // their row operations; this one checks the tree and applies the
    // operations in order. Errors surface in ledger order either way.
    let (sender, mut receiver) =
        tokio::sync::mpsc::channel::<Vec<Result<Prepared, VerifyFailure>>>(8);
    let producer = tokio::spawn(read_ledger_streamed(tx, sender));
    while let Some(chunk) = receiver.recv().await {
        for item in chunk {
            replay.feed(&mut item?)?;
        }
    }
    let mut tx = producer
        .await
        .map_err(|e| mismatch(format!("reading the ledger stopped: {e}")))?;

    let cps = checkpoints(&mut tx).await?;
    let (report, image) = replay.finish(&cps)?;
    let live_rows = compare_tables(&mut tx, &image).await?;
    check_table_names(sql::table_names(&mut *tx, store.backend()).await?)?;
    Ok(summary(report, live_rows, key_source))
}

fn summary(
    report: homeward_ledger::VerifyReport,
    rows: u64,
    key_source: &'static str,
) -> VerifySummary {
    VerifySummary {
        entries: report.entries,
        redacted: report.redacted,
        checkpoints: report.checkpoints,
        rows,
        root: report.root.to_string(),
        key_source,
        witnesses: report.witnesses,
    }
}

/// Every table is a projection, a ledger table or an unguarded cache.
fn check_table_names(names: Vec<String>) -> Result<(), VerifyFailure> {
    for table in names {
        let known = PROJECTIONS.iter().any(|t| t.name == table)
            || LEDGER_TABLES.contains(&table.as_str())
            || schema::is_unguarded(&table);
        if !known {
            return Err(mismatch(format!(
                "table {table} is neither a projection of the ledger nor a cache_* table"
            )));
        }
    }
    Ok(())
}

/// The checks every entry goes through in ledger order: the tree, the
/// columns against the signed envelope, and the replay into the image.
struct Replay {
    verifier: Verifier,
    image: Image,
    redacted_seqs: Vec<u64>,
    erased_seqs: BTreeSet<u64>,
}

impl Replay {
    fn new(
        keys: Vec<PublicKey>,
        witnesses: Vec<homeward_ledger::VerifierKey>,
    ) -> Result<Replay, VerifyFailure> {
        Ok(Replay {
            verifier: Verifier::with_witnesses(keys, witnesses)?,
            image: Image::new(),
            redacted_seqs: Vec::new(),
            erased_seqs: BTreeSet::new(),
        })
    }

    /// Checks one entry and applies its operations. Takes what it keeps out
    /// of `p` and leaves the rest for the caller to free.
    fn feed(&mut self, p: &mut Prepared) -> Result<(), VerifyFailure> {
        let envelope = self.verifier.push(&p.bytes, p.personal.as_ref())?;
        if envelope.seq != p.seq as u64 || envelope.recorded_at != p.at || envelope.kind != p.kind {
            return Err(mismatch(format!(
                "ledger_entries row {}: its columns disagree with its signed envelope",
                p.seq
            )));
        }
        if envelope.personal.is_some() && p.personal.is_none() {
            self.redacted_seqs.push(envelope.seq);
        }
        let parsed = match &mut p.parsed {
            Ok(parsed) => parsed,
            Err(e) => return Err(std::mem::replace(e, mismatch(String::new()))),
        };
        if let EventBody::PersonalDataErased { seqs, .. }
        | EventBody::TracingRequestErased { seqs, .. } = &parsed.body
        {
            self.erased_seqs.extend(seqs.iter().copied());
        }
        for op in parsed.ops.drain(..) {
            self.image.apply(envelope.seq, op).map_err(mismatch)?;
        }
        Ok(())
    }

    /// Checks the checkpoints against the tree and that every missing
    /// personal part was erased; gives the image to compare the tables with.
    fn finish(
        self,
        cps: &[Checkpoint],
    ) -> Result<(homeward_ledger::VerifyReport, Image), VerifyFailure> {
        let report = self.verifier.finish(cps)?;
        if let Some(seq) = self
            .redacted_seqs
            .iter()
            .find(|s| !self.erased_seqs.contains(s))
        {
            return Err(mismatch(format!(
                "the personal data of ledger entry {seq} is missing but no erasure was recorded for it"
            )));
        }
        Ok((report, self.image))
    }
}

type Chunks = tokio::sync::mpsc::Sender<Vec<Result<Prepared, VerifyFailure>>>;

/// The read transaction a verification reads everything in.
type Snapshot = sqlx::Transaction<'static, sqlx::Any>;

/// The ledger with its personal parts, in order of `seq`, streamed over the
/// database's socket.
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
            Err(_) => Err(unreadable_after(last)),
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

fn unreadable_after(last: i64) -> VerifyFailure {
    mismatch(format!("the ledger entry after seq {last} is not readable"))
}

/// Entries handed from the reading stage to the checking stage at a time.
const CHUNK: usize = 128;

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
    ops: Vec<projection::ImageOp>,
}

fn prepare(row: &sqlx::any::AnyRow, last: &mut i64) -> Result<Prepared, VerifyFailure> {
    let seq: i64 = row.try_get(0)?;
    *last = seq;
    let unreadable =
        |what: &str| mismatch(format!("ledger entry {seq}: its {what} is not readable"));
    let at: i64 = row.try_get(1).map_err(|_| unreadable("time"))?;
    let kind: String = row.try_get(2).map_err(|_| unreadable("kind"))?;
    let envelope: Vec<u8> = row.try_get(3).map_err(|_| unreadable("envelope"))?;
    let salt: Option<Vec<u8>> = row.try_get(4).map_err(|_| unreadable("personal data"))?;
    let data: Option<Vec<u8>> = row.try_get(5).map_err(|_| unreadable("personal data"))?;
    prepared(RawEntry {
        seq,
        at,
        kind,
        envelope,
        salt,
        data,
    })
}

/// One ledger row as read, before anything is parsed.
struct RawEntry {
    seq: i64,
    at: i64,
    kind: String,
    envelope: Vec<u8>,
    salt: Option<Vec<u8>>,
    data: Option<Vec<u8>>,
}

fn prepared(raw: RawEntry) -> Result<Prepared, VerifyFailure> {
    let RawEntry {
        seq,
        at,
        kind,
        envelope: bytes,
        salt,
        data,
    } = raw;
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
        Some(p) => Some(Personal::from_json(&p.data).map_err(|_| {
            mismatch(format!(
                "ledger entry {seq}: its personal data is not readable"
            ))
        })?),
        None => None,
    };
    let ops = projection::project(envelope.seq, envelope.recorded_at, &body, personal.as_ref())
        .into_iter()
        .map(projection::ImageOp::from)
        .collect();
    Ok(Parsed { body, ops })
}

fn describe_key(key: &[Cell<'_>]) -> String {
    key.iter()
        .map(|v| match v {
            Cell::Null => "NULL".to_owned(),
            Cell::Int(i) => i.to_string(),
            Cell::Text(s) => String::from_utf8_lossy(s).into_owned(),
            Cell::Other => "(a value of another type)".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

async fn compare_tables(conn: &mut AnyConnection, image: &Image) -> Result<u64, VerifyFailure> {
    let mut total = 0;
    for spec in PROJECTIONS {
        let mut check = TableCheck::new(spec, image);
        let sql = spec.select_all();
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *conn);
        while let Some(row) = rows.try_next().await? {
            let live = live_row(spec, &row)?;
            let cells: Vec<Cell<'_>> = live.iter().map(Cell::from).collect();
            check.row(&cells)?;
            total += 1;
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

/// Walks a table's live rows against the replay's, both in key order.
struct TableCheck<'a> {
    spec: &'static TableSpec,
    expected: std::collections::btree_map::Iter<'a, Packed, Packed>,
}

impl<'a> TableCheck<'a> {
    fn new(spec: &'static TableSpec, image: &'a Image) -> TableCheck<'a> {
        TableCheck {
            spec,
            expected: image.tables[spec.name].iter(),
        }
    }

    fn row(&mut self, live: &[Cell<'_>]) -> Result<(), VerifyFailure> {
        let spec = self.spec;
        let live_key = &live[..spec.key];
        match self.expected.next() {
            None => Err(mismatch(format!(
                "table {}: row ({}) is not produced by any ledger entry",
                spec.name,
                describe_key(live_key)
            ))),
            Some((key, want)) => {
                if !key.cells().eq(live_key.iter().copied()) {
                    let key: Vec<Cell<'_>> = key.cells().collect();
                    let (missing, extra) = (describe_key(&key), describe_key(live_key));
                    return Err(mismatch(if key.as_slice() < live_key {
                        format!("table {}: row ({missing}) is missing", spec.name)
                    } else {
                        format!(
                            "table {}: row ({extra}) is not produced by any ledger entry",
                            spec.name
                        )
                    }));
                }
                if let Some(i) = want.cells().zip(live).position(|(w, l)| w != *l) {
                    return Err(mismatch(format!(
                        "table {}: row ({}) column {} differs from the ledger's replay",
                        spec.name,
                        describe_key(live_key),
                        spec.columns[i].0
                    )));
                }
                Ok(())
            }
        }
    }

    fn finish(mut self) -> Result<(), VerifyFailure> {
        match self.expected.next() {
            Some((key, _)) => {
                let key: Vec<Cell<'_>> = key.cells().collect();
                Err(mismatch(format!(
                    "table {}: row ({}) is missing",
                    self.spec.name,
                    describe_key(&key)
                )))
            }
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
