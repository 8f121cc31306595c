//! `ledger verify` on a SQLite file, read in place.
//!
//! sqlx hands every SQLite row over from its worker thread on its own; on a
//! large ledger that handoff, and the JSON pages used to avoid it, cost more
//! than the checks. So verification opens the file itself, read-only, with
//! rusqlite (the version that links the same `libsqlite3-sys` as sqlx), and
//! reads each value where SQLite holds it. One read transaction covers every
//! query, so a database being written is judged as it was at one moment.

use super::{
    CHECKPOINTS, CHUNK, Cell, HEAD, LEDGER_KEYS, Prepared, RawEntry, Replay, TableCheck,
    VerifyFailure, VerifySummary, WITNESS_KEYS, check_table_names, checkpoints_from, given_key,
    keys_from_database, mismatch, prepared, summary, unreadable_after, witness_keys_from,
};
use crate::schema::PROJECTIONS;
use homeward_ledger::PublicKey;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::{Arc, Mutex, mpsc};

impl From<rusqlite::Error> for VerifyFailure {
    fn from(e: rusqlite::Error) -> Self {
        // SQLite's messages name tables and columns, never stored values.
        VerifyFailure::Store(crate::StoreError::Io(format!(
            "cannot read the database: {e}"
        )))
    }
}

type Chunk = Vec<Result<Prepared, VerifyFailure>>;

/// Verifies the ledger and tables of the SQLite database in `file`; blocks.
pub(super) fn verify(
    file: &Path,
    own_key: Option<PublicKey>,
    pinned: Option<&PublicKey>,
) -> Result<VerifySummary, VerifyFailure> {
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // A deferred transaction takes its snapshot at the first read and keeps
    // it to the end.
    conn.execute_batch("BEGIN")?;

    let (keys, key_source) = match given_key(pinned, own_key) {
        Some(found) => found,
        None => keys_from_database(column_strings(&conn, LEDGER_KEYS)?)?,
    };
    let witness_entries = {
        let mut stmt = conn.prepare(WITNESS_KEYS)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    let witnesses = witness_keys_from(witness_entries)?;
    let mut replay = Replay::new(keys, witnesses)?;
    let started = std::time::Instant::now();

    // Three stages: this thread's own connection reads the rows in order;
    // as many threads as there are cores decode the envelopes, parse the
    // events and compute their row operations, a chunk at a time; this
    // thread checks the tree and applies the operations in ledger order,
    // so errors surface in that order whatever the threads do. Parsing is
    // most of the work (about three quarters on an imported list).
    let parsers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
    let conn = std::thread::scope(|scope| -> Result<Connection, VerifyFailure> {
        let (to_parse, work) = mpsc::sync_channel::<(usize, RawChunk)>(parsers * 2);
        let (to_check, parsed) = mpsc::sync_channel::<(usize, Chunk)>(parsers * 2);
        // Shared by the parsers only: when they have all stopped, the reader
        // sees its channel close.
        let work = Arc::new(Mutex::new(work));
        let reader = scope.spawn(move || {
            read_ledger(&conn, &to_parse);
            conn
        });
        for _ in 0..parsers {
            let (work, to_check) = (Arc::clone(&work), to_check.clone());
            scope.spawn(move || {
                loop {
                    // The lock is held only to take the next chunk.
                    let next = work.lock().map(|w| w.recv());
                    let Ok(Ok((index, raw))) = next else { break };
                    let chunk: Chunk = raw.into_iter().map(|r| r.and_then(prepared)).collect();
                    if to_check.send((index, chunk)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work, to_check));
        let fed = feed_in_order(&mut replay, parsed.iter());
        // Stop the other stages early on a failure: they see their
        // channels close.
        drop(parsed);
        let conn = reader
            .join()
            .map_err(|_| mismatch("reading the ledger stopped".into()))?;
        fed.map(|()| conn)
    })?;

    let stored = notes(&conn, CHECKPOINTS)?;
    let head = notes(&conn, HEAD)?.into_iter().next();
    let cps = checkpoints_from(stored, head)?;
    let (report, image) = replay.finish(&cps)?;
    let replayed = started.elapsed();

    let mut rows = 0u64;
    for spec in PROJECTIONS {
        let mut check = TableCheck::new(spec, &image);
        let mut stmt = conn.prepare(&spec.select_all())?;
        let mut live = stmt.query([])?;
        while let Some(row) = live.next()? {
            let cells = (0..spec.columns.len())
                .map(|i| row.get_ref(i).map(cell))
                .collect::<Result<Vec<_>, _>>()?;
            check.row(&cells)?;
            rows += 1;
        }
        check.finish()?;
    }
    // Freeing a large image row by row takes a good part of a second per
    // million rows; nobody waits for it.
    std::thread::spawn(move || drop(image));
    tracing::debug!(
        replay_ms = replayed.as_millis() as u64,
        tables_ms = (started.elapsed() - replayed).as_millis() as u64,
        "verification phases"
    );
    check_table_names(column_strings(
        &conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?)?;
    Ok(summary(report, rows, key_source))
}

/// A live value as the replay's values compare with it: a text by its bytes
/// (one that is not UTF-8 can only have been written by hand, and equals
/// nothing the replay produces).
fn cell(v: ValueRef<'_>) -> Cell<'_> {
    match v {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Text(t) => Cell::Text(t),
        ValueRef::Real(_) | ValueRef::Blob(_) => Cell::Other,
    }
}

fn column_strings(conn: &Connection, sql: &str) -> Result<Vec<String>, VerifyFailure> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

fn notes(conn: &Connection, sql: &str) -> Result<Vec<(i64, String)>, VerifyFailure> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Feeds the chunks to the replay in the order they were read, holding
/// those that arrive early.
fn feed_in_order(
    replay: &mut Replay,
    chunks: impl Iterator<Item = (usize, Chunk)>,
) -> Result<(), VerifyFailure> {
    let mut early = std::collections::BTreeMap::new();
    let mut next = 0usize;
    for (index, chunk) in chunks {
        early.insert(index, chunk);
        while let Some(mut chunk) = early.remove(&next) {
            next += 1;
            for item in &mut chunk {
                match item {
                    Ok(p) => replay.feed(p)?,
                    Err(e) => return Err(std::mem::replace(e, mismatch(String::new()))),
                }
            }
        }
    }
    Ok(())
}

type RawChunk = Vec<Result<RawEntry, VerifyFailure>>;

/// Sends the ledger with its personal parts, in order of `seq`, in numbered
/// chunks; stops at the first row that cannot be read, or when the parsers
/// hang up.
fn read_ledger(conn: &Connection, sender: &mpsc::SyncSender<(usize, RawChunk)>) {
    let mut last = 0i64;
    let mut index = 0usize;
    let mut send = |chunk: RawChunk| {
        let sent = sender.send((index, chunk)).is_ok();
        index += 1;
        sent
    };
    let result = (|| -> Result<(), VerifyFailure> {
        let mut stmt = conn.prepare(
            "SELECT e.seq, e.recorded_at, e.kind, e.envelope, p.salt, p.data FROM ledger_entries e \
             LEFT JOIN ledger_personal p ON p.seq = e.seq ORDER BY e.seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut chunk = Vec::with_capacity(CHUNK);
        loop {
            let row = match rows.next() {
                Ok(Some(row)) => row,
                Ok(None) => break,
                Err(_) => {
                    chunk.push(Err(unreadable_after(last)));
                    break;
                }
            };
            let item = raw(row, &mut last);
            let stop = item.is_err();
            chunk.push(item);
            if stop {
                break;
            }
            if chunk.len() == CHUNK
                && !send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))
            {
                return Ok(());
            }
        }
        send(chunk);
        Ok(())
    })();
    if let Err(e) = result {
        send(vec![Err(e)]);
    }
}

/// One ledger row. SQLite keeps whatever type a value was written with:
/// blobs are taken as bytes whether stored as blob or text, so that a
/// hand-written value is judged by its bytes.
fn raw(row: &rusqlite::Row<'_>, last: &mut i64) -> Result<RawEntry, VerifyFailure> {
    let ValueRef::Integer(seq) = row.get_ref(0)? else {
        return Err(unreadable_after(*last));
    };
    *last = seq;
    let unreadable =
        |what: &str| mismatch(format!("ledger entry {seq}: its {what} is not readable"));
    let ValueRef::Integer(at) = row.get_ref(1)? else {
        return Err(unreadable("time"));
    };
    let kind = match row.get_ref(2)? {
        ValueRef::Text(t) => std::str::from_utf8(t).map_err(|_| unreadable("kind"))?,
        _ => return Err(unreadable("kind")),
    };
    let envelope = match row.get_ref(3)? {
        ValueRef::Blob(b) | ValueRef::Text(b) => b.to_vec(),
        _ => return Err(unreadable("envelope")),
    };
    let optional = |i: usize| -> Result<Option<Vec<u8>>, VerifyFailure> {
        match row.get_ref(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Blob(b) | ValueRef::Text(b) => Ok(Some(b.to_vec())),
            _ => Err(unreadable("personal data")),
        }
    };
    Ok(RawEntry {
        seq,
        at,
        kind: kind.to_owned(),
        envelope,
        salt: optional(4)?,
        data: optional(5)?,
    })
}
