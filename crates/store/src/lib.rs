//! homeward-store: the only crate that knows SQL.
//!
//! One write path for everything: load the facts a command needs, let the
//! domain decide, append the resulting events to the ledger, project them into
//! the tables, sign the new tree head — all in one transaction. A refusal or a
//! failure leaves nothing behind.
//!
//! SQLite (a file, WAL, foreign keys on, `synchronous=FULL`) is the default;
//! PostgreSQL is used for a `postgres://` URL. Both go through sqlx's `Any`
//! driver with the same hand-written SQL (`$N` placeholders), and each backend
//! has its own migrations folder, chosen at start.

mod access_log;
mod context;
mod ledger_views;
mod maintenance;
pub mod matching_cache;
pub mod projection;
pub mod read;
pub mod schema;
pub mod seed;
pub mod sessions;
mod sql;
mod verify;
mod writer;

use homeward_domain::{Actor, Command, Event, EventBody, Refusal};
use homeward_ledger::{LedgerKey, PublicKey};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor, Row};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use ledger_views::{WitnessKeyRow, WitnessStatus};
pub use verify::{VerifyFailure, VerifySummary};
pub use writer::{CommandKey, Cosignatures, MAX_GROUP, QUEUE_CAPACITY, WriterStats};

/// The origin line of every checkpoint this installation signs.
pub const LEDGER_ORIGIN: &str = "homeward";

/// A signed checkpoint is also kept for history at least this often (in entries).
pub const CHECKPOINT_INTERVAL: u64 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The domain refused the command; nothing was written.
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("{0}")]
    Config(String),
    #[error("the database is inconsistent: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Io(String),
    /// The write was not recorded because the database could not take it
    /// (a failed commit, a lost connection); trying again is safe.
    #[error("{0}")]
    Unavailable(String),
    /// A command with this idempotency key was applied before; it was not
    /// run again.
    #[error("a request with this idempotency key was already applied")]
    AlreadyApplied { seqs: Vec<u64> },
}

/// How to open a database.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// A file path, a `sqlite:` URL or a `postgres://` URL.
    pub target: String,
    /// Where the ledger signing key lives. Defaults to `<file>.ledger-key`
    /// beside a SQLite file, or `homeward-ledger.key` for PostgreSQL.
    pub key_path: Option<PathBuf>,
    /// Create the database and its signing key if they do not exist.
    pub create: bool,
    /// The escort ratio and follow-up schedule the rules apply. Every
    /// server on one database must use the same.
    pub rules: homeward_domain::TransitRules,
}

impl StoreConfig {
    pub fn new(target: impl Into<String>) -> StoreConfig {
        StoreConfig {
            target: target.into(),
            key_path: None,
            create: true,
            rules: homeward_domain::TransitRules::default(),
        }
    }
}

struct Target {
    backend: Backend,
    url: String,
    /// The SQLite file, to check it exists before opening.
    file: Option<PathBuf>,
}

fn parse_target(target: &str, create: bool) -> Result<Target, StoreError> {
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
        if !cfg!(feature = "postgres") {
            return Err(StoreError::Config(
                "this homeward was built without PostgreSQL support; rebuild with the 'postgres' feature or use a SQLite file".into(),
            ));
        }
        return Ok(Target {
            backend: Backend::Postgres,
            url: target.to_owned(),
            file: None,
        });
    }
    let path = if let Some(rest) = target.strip_prefix("sqlite://") {
        rest.split('?').next().unwrap_or(rest).to_owned()
    } else if let Some(rest) = target.strip_prefix("sqlite:") {
        rest.split('?').next().unwrap_or(rest).to_owned()
    } else if let Some((scheme, _)) = target.split_once("://") {
        return Err(StoreError::Config(format!(
            "'{scheme}' databases are not supported; give a SQLite file path or a postgres:// URL"
        )));
    } else {
        target.to_owned()
    };
    if !cfg!(feature = "sqlite") {
        return Err(StoreError::Config(
            "this homeward was built without SQLite support; use a postgres:// URL".into(),
        ));
    }
    if path.is_empty() {
        return Err(StoreError::Config("the database path is empty".into()));
    }
    let file = PathBuf::from(&path);
    let mode = if create { "rwc" } else { "rw" };
    Ok(Target {
        backend: Backend::Sqlite,
        url: format!("sqlite://{path}?mode={mode}"),
        file: Some(file),
    })
}

pub(crate) fn now_micros() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

/// How every connection to the database is opened and set up.
fn pool_options(backend: Backend, max: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(10))
        // sqlx pings every connection it hands out unless told otherwise:
        // a round trip to the SQLite worker thread before every query,
        // which doubled the cost of a child's read under load. A broken
        // connection still fails its query and is replaced.
        .test_before_acquire(false)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    // Deleted content is overwritten with zeros, so an
                    // erased child's data does not linger in free space.
                    conn.execute("PRAGMA secure_delete = ON").await?;
                    // Reads map the file instead of copying pages into
                    // each connection's small cache, which every commit
                    // of the access log empties: a name search on 100k
                    // children went from 13 to 4 ms.
                    conn.execute("PRAGMA mmap_size = 1073741824").await?;
                    // Savepoint journals (every command of a group runs
                    // in one) stay in memory: on disk they were a
                    // tenth of an import's time, and copies of pages
                    // with children's data in temporary files.
                    conn.execute("PRAGMA temp_store = MEMORY").await?;
                    // A large command (an import) changes more pages
                    // than the default 2 MiB cache holds, and SQLite
                    // then spills them to the log before the commit.
                    conn.execute("PRAGMA cache_size = -32768").await?;
                }
                Ok(())
            })
        })
}

pub struct Store {
    pool: AnyPool,
    backend: Backend,
    public_key: Option<PublicKey>,
    key_path: PathBuf,
    /// The database file, when it is SQLite.
    sqlite_file: Option<PathBuf>,
    /// The only way to write: the writer task owns the write transaction and
    /// the in-memory tree (see `writer/`).
    writer: writer::WriterHandle,
    rules: homeward_domain::TransitRules,
    /// Sessions looked up lately; emptied by every change to sessions,
    /// users or organisations, here and in the writer.
    sessions: Arc<sessions::SessionCache>,
}

/// What one successful command wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    pub seqs: Vec<u64>,
}

impl Store {
    pub async fn open(config: &StoreConfig) -> Result<Store, StoreError> {
        install_default_drivers();
        let target = parse_target(&config.target, config.create)?;
        if let Some(file) = &target.file {
            let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(dir) = parent
                && !dir.is_dir()
            {
                return Err(StoreError::Config(format!(
                    "cannot open database '{}': the directory '{}' does not exist",
                    file.display(),
                    dir.display()
                )));
            }
            if !config.create && !file.is_file() {
                return Err(StoreError::Config(format!(
                    "cannot open database '{}': no such file",
                    file.display()
                )));
            }
        }
        let backend = target.backend;
        let cannot_open = |e: sqlx::Error| {
            StoreError::Config(format!(
                "cannot open database '{}': {}",
                redact_url(&config.target),
                short_db_error(&e)
            ))
        };
        let pool = pool_options(backend, if backend == Backend::Sqlite { 4 } else { 8 })
            .connect(&target.url)
            .await
            .map_err(cannot_open)?;

        let migrated = sql::has_table(&pool, backend, "_sqlx_migrations").await?;
        if !migrated {
            let tables = sql::table_names(&pool, backend).await?;
            if !tables.is_empty() {
                return Err(StoreError::Config(format!(
                    "'{}' is not a Homeward database (it holds other tables)",
                    redact_url(&config.target)
                )));
            }
            if !config.create {
                return Err(StoreError::Config(format!(
                    "'{}' is not a Homeward database (it is empty)",
                    redact_url(&config.target)
                )));
            }
        }
        let migrator = match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        if config.create {
            migrator
                .run(&pool)
                .await
                .map_err(|e| StoreError::Config(format!("cannot prepare the database: {e}")))?;
        }

        let key_path = config
            .key_path
            .clone()
            .unwrap_or_else(|| match &target.file {
                Some(f) => {
                    let mut p = f.clone().into_os_string();
                    p.push(".ledger-key");
                    PathBuf::from(p)
                }
                None => PathBuf::from("homeward-ledger.key"),
            });
        let entries = sql::ledger_size(&pool).await?;
        let key = if key_path.is_file() {
            Some(read_key(&key_path)?)
        } else if entries == 0 && config.create {
            let key = LedgerKey::generate();
            write_key(&key_path, &key)?;
            Some(key)
        } else {
            None
        };

        let public_key = key.as_ref().map(|k| k.public());
        let writer_pool = pool_options(backend, 1)
            .connect(&target.url)
            .await
            .map_err(cannot_open)?;
        let sessions = Arc::new(sessions::SessionCache::default());
        let writer = writer::start(
            writer_pool,
            backend,
            key,
            key_path.clone(),
            config.rules.clone(),
            sessions.clone(),
        );
        let store = Store {
            sessions,
            rules: config.rules.clone(),
            pool,
            backend,
            public_key,
            key_path,
            sqlite_file: target.file.clone(),
            writer,
        };
        // A database migrated from before the name cache existed, or whose
        // cache was dropped: rebuild it, so that search finds everyone.
        if config.create && store.name_cache_is_stale().await? {
            store.rebuild_caches().await?;
        }
        if entries == 0 && config.create {
            let key = store.public_key.expect("key created above");
            store
                .append(
                    &Actor::system(),
                    vec![Event::public(EventBody::LedgerKeyRegistered {
                        key_id: key.key_id(),
                        public_key: key.to_string(),
                    })],
                )
                .await?;
        }
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub(crate) fn session_cache(&self) -> &sessions::SessionCache {
        &self.sessions
    }

    pub fn key_path(&self) -> &Path {
        &self.key_path
    }

    /// The public key this installation signs with, if its key is at hand.
    /// The database file, when it is SQLite.
    pub fn sqlite_file(&self) -> Option<&Path> {
        self.sqlite_file.as_deref()
    }

    pub fn public_key(&self) -> Option<PublicKey> {
        self.public_key
    }

    /// A fresh identifier for a new record.
    pub fn new_id() -> String {
        uuid::Uuid::now_v7().to_string()
    }

    /// Answers whether the database can be reached.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Waits for the writes already queued, then closes the pool.
    pub async fn close(&self) {
        // A job queued behind every other: when it is answered, they are too.
        let _ = self.append(&Actor::system(), Vec::new()).await;
        self.pool.close().await;
        self.writer.pool.close().await;
    }

    /// Loads the ledger and checks that the stored signed head matches its
    /// entries; returns the ledger's size. A server must not start on a
    /// ledger that fails this: the error names the first bad entry, and the
    /// store refuses every write until it is repaired.
    pub async fn check_ledger_head(&self) -> Result<u64, StoreError> {
        self.writer
            .run(
                |reply| writer::Job::CheckHead { reply },
                || Err(writer_gone()),
            )
            .await
    }

    /// Jobs waiting for the writer.
    pub fn write_queue_depth(&self) -> usize {
        self.writer.depth()
    }

    /// Puts `fault` in the way of the writer's next commit.
    #[cfg(test)]
    pub(crate) fn inject_commit_fault(&self, fault: writer::Fault) {
        (self.writer.fault).store(fault as u8, std::sync::atomic::Ordering::Relaxed);
    }

    /// Figures about group commits, for metrics.
    pub fn writer_stats(&self) -> &WriterStats {
        &self.writer.stats
    }

    /// The write path: decide `command` for `actor` and record its events.
    ///
    /// The command is handed to the writer task, which runs it in a group
    /// commit; this answers once the group is durable. Dropping the returned
    /// future (a client hung up) never leaves a half-written command: the
    /// writer finishes it either way. Inside [`with_command_key`] the command
    /// carries the caller's idempotency key and is applied at most once.
    pub async fn execute(&self, actor: &Actor, command: Command) -> Result<Appended, StoreError> {
        let key = next_command_key(actor);
        let actor = actor.clone();
        let erasure = matches!(
            command,
            Command::ErasePersonalData { .. } | Command::EraseTracingRequest { .. }
        );
        let names = read::KnownKeys::of(&command).map(Box::new);
        let out = self
            .writer
            .run(
                |reply| writer::Job::Command {
                    actor,
                    command: Box::new(command),
                    key,
                    names,
                    reply,
                },
                || Err(writer_gone()),
            )
            .await?;
        if erasure {
            // The erasure is committed whatever happens here; a failure to
            // scrub is logged and the next erasure (or a restart) tries again.
            if let Err(e) = self.scrub_erased().await {
                tracing::warn!(error = %e, "the write-ahead log could not be truncated after an erasure");
            }
        }
        Ok(out)
    }

    /// After an erasure, leaves no copy of the erased data in the database
    /// files: SQLite overwrites deleted content (`secure_delete`), and the
    /// write-ahead log, which still holds the pages as they were, is
    /// checkpointed into the database and truncated to nothing. (Answers
    /// kept for idempotent replays never hold personal data. PostgreSQL
    /// keeps dead row versions until `VACUUM`; see the README.)
    pub async fn scrub_erased(&self) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        for attempt in 0..50 {
            // (busy, frames in the log, frames checkpointed)
            let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.pool)
                .await?;
            let busy: i64 = row.try_get(0)?;
            if busy == 0 {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20 * (attempt + 1).min(10))).await;
        }
        Err(StoreError::Unavailable(
            "readers kept the write-ahead log busy; it was not truncated".into(),
        ))
    }

    /// Decides `command` against the current state without recording
    /// anything: the events [`Store::execute`] would append now, or its
    /// refusal. The facts are read in a transaction of their own that is
    /// rolled back, so a dry run of an import sees one consistent state and
    /// never waits for the writer.
    pub async fn preview(&self, actor: &Actor, command: Command) -> Result<Vec<Event>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let ctx = context::load(&mut tx, &self.rules, actor, &command).await?;
        tx.rollback().await?;
        Ok(homeward_domain::decide(actor, command, &ctx)?)
    }

    /// Decides and records several commands in one transaction: all of them
    /// or, if any is refused or fails, none (a bulk import that fails changes
    /// nothing). Each command sees the effects of those before it. Returns the
    /// index of the refused command with the refusal.
    pub async fn execute_all(
        &self,
        actor: &Actor,
        commands: Vec<Command>,
    ) -> Result<Appended, (usize, StoreError)> {
        let actor = actor.clone();
        self.writer
            .run(
                |reply| writer::Job::Batch {
                    actor,
                    commands,
                    reply,
                },
                || Err((0, writer_gone())),
            )
            .await
    }

    /// Appends events that need no decision (the ledger's genesis, access
    /// events).
    pub(crate) async fn append(
        &self,
        actor: &Actor,
        events: Vec<Event>,
    ) -> Result<Appended, StoreError> {
        let actor = actor.clone();
        self.writer
            .run(
                |reply| writer::Job::Events {
                    actor,
                    events,
                    reply,
                },
                || Err(writer_gone()),
            )
            .await
    }

    async fn name_cache_is_stale(&self) -> Result<bool, StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM children WHERE details IS NOT NULL), \
                    (SELECT COUNT(DISTINCT child_id) FROM cache_child_names)",
        )
        .fetch_one(&self.pool)
        .await?;
        let children: i64 = row.try_get(0)?;
        let cached: i64 = row.try_get(1)?;
        Ok(cached < children)
    }

    /// Rows in a projection table (for summaries and tests).
    pub async fn count(&self, table: &str) -> Result<i64, StoreError> {
        let spec = schema::spec(table);
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {}",
            spec.name
        )))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Case counts by state.
    pub async fn cases_by_state(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query("SELECT state, COUNT(*) FROM cases GROUP BY state ORDER BY state")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// An organisation's id and kind by its name.
    pub async fn org_by_name(
        &self,
        name: &str,
    ) -> Result<Option<(homeward_domain::OrgId, homeward_domain::OrgKind)>, StoreError> {
        let row = sqlx::query("SELECT id, kind FROM organisations WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            let id: String = r.try_get(0)?;
            let kind: String = r.try_get(1)?;
            let kind = kind.parse().map_err(|e: String| StoreError::Corrupt(e))?;
            Ok((homeward_domain::OrgId(id), kind))
        })
        .transpose()
    }

    /// The interface language a user chose, if any.
    pub async fn user_language(
        &self,
        user: &homeward_domain::UserId,
    ) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT lang FROM users WHERE id = $1")
            .bind(user.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => r.try_get(0)?,
            None => None,
        })
    }

    /// The actor a login signs in as, with its password hash; `None` for a
    /// login that does not exist or is disabled.
    pub async fn user_by_login(
        &self,
        login: &str,
    ) -> Result<Option<(Actor, Option<String>)>, StoreError> {
        let row = sqlx::query(
            "SELECT u.id, u.org_id, o.kind, u.role, u.password_hash FROM users u \
             JOIN organisations o ON o.id = u.org_id WHERE u.login = $1 AND u.disabled = 0",
        )
        .bind(login)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            let kind: String = r.try_get(2)?;
            let role: String = r.try_get(3)?;
            Ok((
                Actor {
                    user: homeward_domain::UserId(r.try_get(0)?),
                    org: homeward_domain::OrgId(r.try_get(1)?),
                    org_kind: kind.parse().map_err(StoreError::Corrupt)?,
                    role: role.parse().map_err(StoreError::Corrupt)?,
                },
                r.try_get(4)?,
            ))
        })
        .transpose()
    }

    /// The last leg of a trip: where the child is handed over.
    pub async fn last_leg(
        &self,
        trip: &homeward_domain::TripId,
    ) -> Result<homeward_domain::LegId, StoreError> {
        let row = sqlx::query(
            "SELECT leg_id FROM trip_legs WHERE trip_id = $1 ORDER BY position DESC LIMIT 1",
        )
        .bind(trip.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::Refused(Refusal::NotFound(
            homeward_domain::refusal::Record::Trip,
        )))?;
        Ok(homeward_domain::LegId(row.try_get(0)?))
    }

    /// The escort ratio and follow-up schedule this store's rules apply.
    pub fn rules(&self) -> &homeward_domain::TransitRules {
        &self.rules
    }

    /// A trip as the transit rules see it: its legs (with clearance,
    /// departure and arrival) and the open cases booked on it.
    pub async fn trip_facts(
        &self,
        trip: &homeward_domain::TripId,
    ) -> Result<Option<homeward_domain::transit::TripFacts>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let facts = context::trip(&mut tx, trip).await?;
        tx.rollback().await?;
        Ok(facts)
    }

    /// A case's current state.
    pub async fn case_state(
        &self,
        case: &homeward_domain::CaseId,
    ) -> Result<homeward_domain::CaseState, StoreError> {
        let row = sqlx::query("SELECT state FROM cases WHERE id = $1")
            .bind(case.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::Refused(Refusal::NotFound(
                homeward_domain::refusal::Record::Case,
            )))?;
        let state: String = row.try_get(0)?;
        state.parse().map_err(StoreError::Corrupt)
    }

    /// The number of entries in the ledger.
    pub async fn ledger_size(&self) -> Result<u64, StoreError> {
        sql::ledger_size(&self.pool).await
    }

    /// Checks the whole ledger and compares a replay with the live tables.
    pub async fn verify(&self, pinned: Option<&PublicKey>) -> Result<VerifySummary, VerifyFailure> {
        verify::verify(self, pinned).await
    }

    /// Writes the audit bundle an auditor takes away: keys, checkpoints and
    /// envelopes, never personal data.
    pub async fn export_bundle(&self, out: std::fs::File) -> Result<u64, StoreError> {
        verify::export_bundle(self, out).await
    }
}

fn read_key(path: &Path) -> Result<LedgerKey, StoreError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        StoreError::Io(format!(
            "cannot read the ledger key '{}': {e}",
            path.display()
        ))
    })?;
    let bytes = hex_decode(text.trim()).ok_or_else(|| {
        StoreError::Config(format!(
            "the ledger key '{}' is not 64 hexadecimal digits",
            path.display()
        ))
    })?;
    Ok(LedgerKey::from_bytes(&bytes))
}

fn write_key(path: &Path, key: &LedgerKey) -> Result<(), StoreError> {
    use std::io::Write;
    let hex: String = key.to_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| {
        StoreError::Io(format!(
            "cannot create the ledger key '{}': {e}",
            path.display()
        ))
    })?;
    f.write_all(format!("{hex}\n").as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(|e| {
            StoreError::Io(format!(
                "cannot write the ledger key '{}': {e}",
                path.display()
            ))
        })
}

fn hex_decode(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
        out[i] = u8::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
    }
    Some(out)
}

/// Hides a password in a URL before it is shown.
pub fn redact_url(target: &str) -> String {
    if let Some((scheme, rest)) = target.split_once("://")
        && let Some((creds, host)) = rest.split_once('@')
    {
        let user = creds.split(':').next().unwrap_or("");
        return format!("{scheme}://{user}:***@{host}");
    }
    target.to_owned()
}

fn short_db_error(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(d) => d.message().to_owned(),
        sqlx::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

fn writer_gone() -> StoreError {
    StoreError::Unavailable("the store is shutting down; nothing was recorded".into())
}

tokio::task_local! {
    static COMMAND_KEY: KeyScope;
}

struct KeyScope {
    key: String,
    /// Commands already run under this key in this request.
    next: std::cell::Cell<u32>,
}

/// Runs `f` with an idempotency key: the commands it executes carry
/// `key` (scoped to the acting user; the second command of one request gets
/// `key#1`, and so on), and a command whose key was applied before is not
/// run again but answered [`StoreError::AlreadyApplied`]. The key is written
/// in the same transaction as the command's events, so an unknown commit
/// outcome can never lead to a second application.
pub async fn with_command_key<F: std::future::Future>(key: String, f: F) -> F::Output {
    COMMAND_KEY
        .scope(
            KeyScope {
                key,
                next: std::cell::Cell::new(0),
            },
            f,
        )
        .await
}

fn next_command_key(actor: &Actor) -> Option<CommandKey> {
    COMMAND_KEY
        .try_with(|scope| {
            let n = scope.next.get();
            scope.next.set(n + 1);
            CommandKey {
                user: actor.user.0.clone(),
                key: if n == 0 {
                    scope.key.clone()
                } else {
                    format!("{}#{n}", scope.key)
                },
            }
        })
        .ok()
}
