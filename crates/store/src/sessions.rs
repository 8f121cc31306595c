//! Sign-in sessions and API tokens.
//!
//! They live in the `sessions` table, outside the ledger: a session is not a
//! fact about the mediation, rows come and go every few minutes, and only a
//! SHA-256 of each secret is kept, so a copy of the database does not let
//! anyone sign in. The server chooses the secrets and the timeouts; the store
//! only keeps them.

use crate::{Store, StoreError};
use homeward_domain::{Actor, OrgId, UserId};
use sqlx::Row;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a looked-up session is answered from memory. Within this
/// process a change is seen at once (every change to sessions, users or
/// organisations empties the cache); a change made by another process on
/// the same database (another server, `homeward user disable`) takes
/// effect here within this time, well inside the second the guards
/// promise.
pub const SESSION_CACHE_TTL: Duration = Duration::from_millis(500);
/// Sessions kept at most; past it the cache is emptied and starts again.
const SESSION_CACHE_MAX: usize = 10_000;

type Found = (Session, Actor, String);

/// Sessions looked up lately. Every request looks up its session; from
/// memory that costs no crossing to the database (on SQLite, two thread
/// wake-ups), which was a third of what a write cost besides its own work.
#[derive(Default)]
pub(crate) struct SessionCache {
    entries: Mutex<HashMap<String, (Instant, Found)>>,
    /// Bumped by every change: a lookup that began before one does not
    /// keep what it read.
    generation: AtomicU64,
}

impl SessionCache {
    fn get(&self, secret_hash: &str) -> Option<Found> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let (at, found) = entries.get(secret_hash)?;
        (at.elapsed() < SESSION_CACHE_TTL).then(|| found.clone())
    }

    fn put(&self, secret_hash: &str, generation: u64, found: &Found) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        // Read under the lock that `invalidate` clears under.
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if entries.len() >= SESSION_CACHE_MAX {
            entries.clear();
        }
        entries.insert(secret_hash.to_owned(), (Instant::now(), found.clone()));
    }

    /// Forgets every session: something about sessions, users or
    /// organisations changed.
    pub(crate) fn invalidate(&self) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        self.generation.fetch_add(1, Ordering::AcqRel);
        entries.clear();
    }

    fn touched(&self, secret_hash: &str, now: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, (session, _, _))) = entries.get_mut(secret_hash) {
            session.last_seen = now;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// A browser session behind a cookie.
    Cookie,
    /// A bearer token for the API.
    Token,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Cookie => "cookie",
            SessionKind::Token => "token",
        }
    }
}

/// One session. Times are seconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Hex SHA-256 of the secret the client holds.
    pub secret_hash: String,
    pub kind: SessionKind,
    pub user_id: UserId,
    pub created_at: i64,
    pub last_seen: i64,
    /// The absolute end of the session, whatever its activity.
    pub expires_at: i64,
    pub revoked: bool,
}

fn kind_of(s: &str) -> Result<SessionKind, StoreError> {
    match s {
        "cookie" => Ok(SessionKind::Cookie),
        "token" => Ok(SessionKind::Token),
        other => Err(StoreError::Corrupt(format!(
            "unknown session kind '{other}'"
        ))),
    }
}

impl Store {
    pub async fn create_session(&self, s: &Session) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sessions (secret_hash, kind, user_id, created_at, last_seen, expires_at, revoked) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(s.secret_hash.as_str())
        .bind(s.kind.as_str())
        .bind(s.user_id.as_str())
        .bind(s.created_at)
        .bind(s.last_seen)
        .bind(s.expires_at)
        .bind(i64::from(s.revoked))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The session with this secret hash, the actor it signs in and their
    /// login, whether or not it has expired (the caller judges the timeouts).
    ///
    /// Answered from memory for up to [`SESSION_CACHE_TTL`] after a lookup;
    /// see there for when a change is seen.
    pub async fn session(
        &self,
        secret_hash: &str,
    ) -> Result<Option<(Session, Actor, String)>, StoreError> {
        let cache = self.session_cache();
        if let Some(found) = cache.get(secret_hash) {
            return Ok(Some(found));
        }
        let generation = cache.generation.load(Ordering::Acquire);
        let found = self.session_from_database(secret_hash).await?;
        if let Some(found) = &found {
            cache.put(secret_hash, generation, found);
        }
        Ok(found)
    }

    async fn session_from_database(&self, secret_hash: &str) -> Result<Option<Found>, StoreError> {
        let row = sqlx::query(
            "SELECT s.secret_hash, s.kind, s.user_id, s.created_at, s.last_seen, s.expires_at, \
             s.revoked, u.org_id, o.kind, u.role, u.login, u.disabled FROM sessions s \
             JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id \
             WHERE s.secret_hash = $1",
        )
        .bind(secret_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let kind: String = r.try_get(1)?;
        // A disabled user's sessions end with the event that disabled them
        // (which revokes them too); this keeps one opened in a race dead.
        let revoked: i64 = r.try_get::<i64, _>(6)? | r.try_get::<i64, _>(11)?;
        let org_kind: String = r.try_get(8)?;
        let role: String = r.try_get(9)?;
        let session = Session {
            secret_hash: r.try_get(0)?,
            kind: kind_of(&kind)?,
            user_id: UserId(r.try_get(2)?),
            created_at: r.try_get(3)?,
            last_seen: r.try_get(4)?,
            expires_at: r.try_get(5)?,
            revoked: revoked != 0,
        };
        let actor = Actor {
            user: session.user_id.clone(),
            org: OrgId(r.try_get(7)?),
            org_kind: org_kind.parse().map_err(StoreError::Corrupt)?,
            role: role.parse().map_err(StoreError::Corrupt)?,
        };
        Ok(Some((session, actor, r.try_get(10)?)))
    }

    /// Records activity on a session.
    pub async fn touch_session(&self, secret_hash: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen = $1 WHERE secret_hash = $2")
            .bind(now)
            .bind(secret_hash)
            .execute(self.pool())
            .await?;
        self.session_cache().touched(secret_hash, now);
        Ok(())
    }

    /// Revokes one session; false when there was none to revoke.
    pub async fn revoke_session(&self, secret_hash: &str) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE sessions SET revoked = 1 WHERE secret_hash = $1 AND revoked = 0")
                .bind(secret_hash)
                .execute(self.pool())
                .await?;
        self.session_cache().invalidate();
        Ok(done.rows_affected() > 0)
    }

    /// Revokes every session and token of a user.
    pub async fn revoke_sessions_of(&self, user: &UserId) -> Result<u64, StoreError> {
        let done =
            sqlx::query("UPDATE sessions SET revoked = 1 WHERE user_id = $1 AND revoked = 0")
                .bind(user.as_str())
                .execute(self.pool())
                .await?;
        self.session_cache().invalidate();
        Ok(done.rows_affected())
    }

    /// Deletes sessions that ended (expired or revoked) before `before`.
    pub async fn purge_sessions(&self, before: i64) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "DELETE FROM sessions WHERE expires_at < $1 OR (revoked = 1 AND last_seen < $1)",
        )
        .bind(before)
        .execute(self.pool())
        .await?;
        self.session_cache().invalidate();
        Ok(done.rows_affected())
    }
}

/// The answer a client got for a command sent with an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptResponse {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

impl Store {
    /// Whether a command with this key was applied for this user, and the
    /// answer kept for it if there is one.
    pub async fn command_key(
        &self,
        user: &UserId,
        key: &str,
    ) -> Result<Option<Option<KeptResponse>>, StoreError> {
        let row = sqlx::query(
            "SELECT response_status, response_type, response_body FROM command_keys \
             WHERE user_id = $1 AND key = $2",
        )
        .bind(user.as_str())
        .bind(key)
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let status: Option<i64> = r.try_get(0)?;
        Ok(Some(match status {
            Some(s) => Some(KeptResponse {
                status: s as u16,
                content_type: r.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
                body: r.try_get::<Option<String>, _>(2)?.unwrap_or_default(),
            }),
            None => None,
        }))
    }

    /// Keeps the answer to a command applied under this key, to give it
    /// again when the client repeats the request.
    pub async fn keep_command_response(
        &self,
        user: &UserId,
        key: &str,
        response: &KeptResponse,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE command_keys SET response_status = $1, response_type = $2, response_body = $3 \
             WHERE user_id = $4 AND key = $5",
        )
        .bind(i64::from(response.status))
        .bind(response.content_type.as_str())
        .bind(response.body.as_str())
        .bind(user.as_str())
        .bind(key)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Forgets idempotency keys recorded before `before` (microseconds).
    pub async fn purge_command_keys(&self, before: i64) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM command_keys WHERE recorded_at < $1")
            .bind(before)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}

/// One limit on sign-in attempts: at most `max` attempts under `key`
/// within the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptLimit {
    pub key: String,
    pub max: u32,
}

impl Store {
    /// Counts a sign-in attempt under every key before its password is
    /// checked, if each key has room within the window of `window_ms`
    /// ending at `now_ms`. Serialised across every server sharing the
    /// database (SQLite's write lock, a PostgreSQL advisory lock), so a
    /// burst cannot slip more attempts through than the limits allow.
    /// `Ok(Ok(ids))` holds the attempts counted (to give back with
    /// [`Store::forget_signin_attempts`]); `Ok(Err(ms))` says how long until
    /// the fullest key has room again; nothing is counted then.
    pub async fn reserve_signin(
        &self,
        limits: &[AttemptLimit],
        window_ms: i64,
        now_ms: i64,
    ) -> Result<Result<Vec<i64>, i64>, StoreError> {
        let mut tx = match self.backend() {
            crate::Backend::Sqlite => self.pool().begin_with("BEGIN IMMEDIATE").await?,
            crate::Backend::Postgres => {
                let mut tx = self.pool().begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(7305066977)")
                    .execute(&mut *tx)
                    .await?;
                tx
            }
        };
        let since = now_ms - window_ms;
        let mut wait = 0i64;
        for l in limits {
            let row = sqlx::query(
                "SELECT COUNT(*), MIN(at) FROM (SELECT at FROM signin_attempts \
                 WHERE key = $1 AND at > $2 ORDER BY at DESC LIMIT $3) recent",
            )
            .bind(l.key.as_str())
            .bind(since)
            .bind(i64::from(l.max))
            .fetch_one(&mut *tx)
            .await?;
            let n: i64 = row.try_get(0)?;
            if n >= i64::from(l.max) {
                let oldest: Option<i64> = row.try_get(1)?;
                wait = wait.max(oldest.unwrap_or(now_ms) + window_ms - now_ms);
            }
        }
        if wait > 0 {
            tx.rollback().await?;
            return Ok(Err(wait));
        }
        let mut ids = Vec::with_capacity(limits.len());
        for l in limits {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO signin_attempts (key, at) VALUES ($1, $2) RETURNING id",
            )
            .bind(l.key.as_str())
            .bind(now_ms)
            .fetch_one(&mut *tx)
            .await?;
            ids.push(id);
        }
        tx.commit().await?;
        Ok(Ok(ids))
    }

    /// Gives attempts back (a successful sign-in does not count against
    /// its address), and with `clear_key` forgets every attempt under that
    /// key (a successful sign-in clears its login's failures).
    pub async fn forget_signin_attempts(
        &self,
        ids: &[i64],
        clear_key: Option<&str>,
    ) -> Result<(), StoreError> {
        for id in ids {
            sqlx::query("DELETE FROM signin_attempts WHERE id = $1")
                .bind(*id)
                .execute(self.pool())
                .await?;
        }
        if let Some(key) = clear_key {
            sqlx::query("DELETE FROM signin_attempts WHERE key = $1")
                .bind(key)
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }

    /// Deletes attempts older than `before_ms`: they no longer count.
    pub async fn purge_signin_attempts(&self, before_ms: i64) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM signin_attempts WHERE at <= $1")
            .bind(before_ms)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}
