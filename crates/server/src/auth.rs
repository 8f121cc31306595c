//! Sign-in: passwords, sessions, tokens, and the [`AuthUser`] extractor.
//!
//! Passwords are argon2id with a fresh salt per hash, in PHC string form.
//! A sign-in (the web form or `POST /api/v1/auth/token`) checks the password
//! through [`check_password`], which applies the failed-sign-in limits and
//! takes as long for a login that does not exist as for a wrong password
//! (it verifies against a decoy hash), then opens a session with a fresh
//! 256-bit secret. The client holds the secret; the `sessions` table holds
//! only its SHA-256. Browser sessions (a cookie) end after 30 minutes idle
//! or 12 hours in all; API tokens after 8 hours; either can be revoked.
//!
//! [`AuthUser`] accepts a bearer token (`Authorization: Bearer ...`) or the
//! session cookie. The web UI uses [`sign_in_cookie`], [`authenticate`] and
//! [`sign_out_cookie`].

use crate::AppState;
use crate::error::ApiError;
use crate::limits;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{ConnectInfo, FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use homeward_domain::Actor;
use homeward_store::sessions::AttemptLimit;
use homeward_store::sessions::{Session, SessionKind};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::OnceLock;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("a password must be at least {min} characters long")]
    TooShort { min: usize },
    #[error("a password must be at most {max} characters long")]
    TooLong { max: usize },
    #[error("the password could not be hashed")]
    Hashing,
}

pub const MIN_PASSWORD_LEN: usize = 10;
pub const MAX_PASSWORD_LEN: usize = 1024;

pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(PasswordError::TooShort {
            min: MIN_PASSWORD_LEN,
        });
    }
    if n > MAX_PASSWORD_LEN {
        return Err(PasswordError::TooLong {
            max: MAX_PASSWORD_LEN,
        });
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|_| PasswordError::Hashing)
}

/// True when `password` matches `hash`; a malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// The name of the browser session cookie.
pub const SESSION_COOKIE: &str = "hw_session";
/// A browser session ends after this long without a request (seconds).
pub const SESSION_IDLE: i64 = 30 * 60;
/// ... and this long after sign-in, whatever its activity.
pub const SESSION_ABSOLUTE: i64 = 12 * 3600;
/// An API token lives this long.
pub const TOKEN_LIFETIME: i64 = 8 * 3600;
/// Activity is written back at most this often, so reads stay reads.
const TOUCH_EVERY: i64 = 60;

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub fn new_secret() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::internal(format!("no randomness: {e}")))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the `sessions` table keeps of a secret.
pub fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// A signed-in user, from a bearer token or the session cookie.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub actor: Actor,
    pub login: String,
    pub kind: SessionKind,
    secret_hash: String,
}

impl AuthUser {
    pub fn secret_hash(&self) -> &str {
        &self.secret_hash
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The value of a cookie in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn live(s: &Session, now: i64) -> bool {
    !s.revoked
        && now < s.expires_at
        && (s.kind == SessionKind::Token || now - s.last_seen < SESSION_IDLE)
}

async fn lookup(
    state: &AppState,
    secret: &str,
    kind: SessionKind,
) -> Result<Option<AuthUser>, ApiError> {
    let hash = secret_hash(secret);
    let Some((session, actor, login)) = state.store.session(&hash).await? else {
        return Ok(None);
    };
    let now = now_secs();
    if session.kind != kind || !live(&session, now) {
        return Ok(None);
    }
    if now - session.last_seen >= TOUCH_EVERY {
        state.store.touch_session(&hash, now).await?;
    }
    Ok(Some(AuthUser {
        actor,
        login,
        kind,
        secret_hash: hash,
    }))
}

/// The request's user: a bearer token if one is sent (an invalid one is an
/// error, not a fallback to the cookie), else the session cookie.
pub async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<AuthUser>, ApiError> {
    if let Some(token) = bearer(headers) {
        return match lookup(state, token, SessionKind::Token).await? {
            Some(u) => Ok(Some(u)),
            None => Err(ApiError::Unauthenticated),
        };
    }
    match cookie(headers, SESSION_COOKIE) {
        Some(secret) => lookup(state, secret, SessionKind::Cookie).await,
        None => Ok(None),
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = authenticate(state, &parts.headers)
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        note_user(parts, &user);
        Ok(user)
    }
}

impl OptionalFromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        let user = authenticate(state, &parts.headers).await?;
        if let Some(u) = &user {
            note_user(parts, u);
        }
        Ok(user)
    }
}

/// Tells the request log who is asking (ids only).
fn note_user(parts: &Parts, user: &AuthUser) {
    if let Some(slot) = parts.extensions.get::<crate::observe::RequestUser>() {
        slot.set(&user.actor);
    }
}

/// The client's address for the sign-in limits: the socket's peer, or,
/// when the server is configured to trust its proxy, the right-most
/// `X-Forwarded-For` entry (the one that proxy added; the client writes
/// whatever it likes to its left).
pub fn client_addr(state: &AppState, parts: &Parts) -> String {
    if state.config.trust_proxy
        && let Some(addr) = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .next_back()
            .and_then(crate::limits::forwarded_client)
    {
        return addr;
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The client's address as an extractor.
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, std::convert::Infallible> {
        Ok(ClientAddr(client_addr(state, parts)))
    }
}

/// A hash to check a password against when the login does not exist, so an
/// unknown login takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password("not the password of anyone at all").unwrap_or_default())
}

fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Checks a login and password under the sign-in limits
/// ([`crate::limits`]): the attempt is counted first, and only then is the
/// password hashed, in the bounded pool. Every failure is the same
/// [`ApiError::BadCredentials`], whether the login exists, is disabled or
/// the password is wrong.
pub async fn check_password(
    state: &AppState,
    addr: &str,
    login: &str,
    password: &str,
) -> Result<(Actor, String), ApiError> {
    let login_key = limits::login_key(login);
    let reserved = state
        .store
        .reserve_signin(
            &[
                AttemptLimit {
                    key: login_key.clone(),
                    max: limits::MAX_LOGIN_ATTEMPTS,
                },
                AttemptLimit {
                    key: limits::address_key(addr),
                    max: limits::MAX_ADDRESS_ATTEMPTS,
                },
            ],
            limits::ATTEMPT_WINDOW.as_millis() as i64,
            now_millis(),
        )
        .await?;
    let ids = match reserved {
        Ok(ids) => ids,
        Err(wait_ms) => {
            return Err(ApiError::TooManyRequests {
                retry_after: (wait_ms as u64).div_ceil(1000).max(1),
            });
        }
    };
    let found = state.store.user_by_login(login.trim()).await?;
    let (actor, hash) = match found {
        Some((actor, Some(hash))) => (Some(actor), hash),
        _ => (None, decoy_hash().to_owned()),
    };
    let password = password.to_owned();
    let ok = state
        .hash_pool
        .run(move || verify_password(&password, &hash))
        .await?;
    match (actor, ok) {
        (Some(actor), true) => {
            // The login's failures are forgotten; the address's attempt is
            // given back (ids[1]).
            state
                .store
                .forget_signin_attempts(&ids[1..], Some(&login_key))
                .await?;
            Ok((actor, login.trim().to_owned()))
        }
        _ => Err(ApiError::BadCredentials),
    }
}

/// Changes the user's own password: checks the current one (as a sign-in
/// attempt, under the same limits), hashes the new one in the pool and
/// records it. The store ends every session and token of the user in the
/// same transaction; the caller opens a new one for the client.
pub async fn change_own_password(
    state: &AppState,
    user: &AuthUser,
    addr: &str,
    current: &str,
    new: &str,
) -> Result<(), ApiError> {
    check_password(state, addr, &user.login, current).await?;
    let new = new.to_owned();
    let hash = state
        .hash_pool
        .run(move || hash_password(&new))
        .await?
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    state
        .store
        .execute(
            &user.actor,
            homeward_domain::Command::SetPassword {
                user_id: user.actor.user.clone(),
                password_hash: hash,
            },
        )
        .await?;
    Ok(())
}

/// Opens a session or token for `actor`; returns the secret for the client
/// and when it expires (seconds since the epoch).
pub async fn open_session(
    state: &AppState,
    actor: &Actor,
    kind: SessionKind,
) -> Result<(String, i64), ApiError> {
    let secret = new_secret()?;
    let now = now_secs();
    let expires_at = now
        + match kind {
            SessionKind::Cookie => SESSION_ABSOLUTE,
            SessionKind::Token => TOKEN_LIFETIME,
        };
    state
        .store
        .create_session(&Session {
            secret_hash: secret_hash(&secret),
            kind,
            user_id: actor.user.clone(),
            created_at: now,
            last_seen: now,
            expires_at,
            revoked: false,
        })
        .await?;
    Ok((secret, expires_at))
}

/// True when cookies must be `Secure`: the server is configured for TLS, or
/// a proxy says the request came over HTTPS.
pub fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The `Set-Cookie` value for a browser session with this secret.
pub fn session_cookie(state: &AppState, headers: &HeaderMap, secret: &str) -> String {
    format!(
        "{SESSION_COOKIE}={secret}{}",
        cookie_attributes(state, headers)
    )
}

fn cookie_attributes(state: &AppState, headers: &HeaderMap) -> &'static str {
    if is_https(state, headers) {
        "; Path=/; HttpOnly; SameSite=Strict; Secure"
    } else {
        "; Path=/; HttpOnly; SameSite=Strict"
    }
}

/// Signs in through the web form: checks the password, ends the session
/// the browser came with (a session id never survives a sign-in), opens a
/// new one. Returns the user and the `Set-Cookie` value.
pub async fn sign_in_cookie(
    state: &AppState,
    headers: &HeaderMap,
    addr: &str,
    login: &str,
    password: &str,
) -> Result<(AuthUser, String), ApiError> {
    let (actor, login) = check_password(state, addr, login, password).await?;
    if let Some(old) = cookie(headers, SESSION_COOKIE) {
        state.store.revoke_session(&secret_hash(old)).await?;
    }
    let (secret, _) = open_session(state, &actor, SessionKind::Cookie).await?;
    let set_cookie = session_cookie(state, headers, &secret);
    let user = AuthUser {
        actor,
        login,
        kind: SessionKind::Cookie,
        secret_hash: secret_hash(&secret),
    };
    Ok((user, set_cookie))
}

/// Ends the browser's session; returns the `Set-Cookie` value that clears it.
pub async fn sign_out_cookie(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    if let Some(secret) = cookie(headers, SESSION_COOKIE) {
        state.store.revoke_session(&secret_hash(secret)).await?;
    }
    Ok(format!(
        "{SESSION_COOKIE}={}; Max-Age=0",
        cookie_attributes(state, headers)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterY", &h));
        assert!(!verify_password("correct horse battery", "not a hash"));
    }

    #[test]
    fn two_hashes_of_one_password_differ() {
        assert_ne!(
            hash_password("homeward-demo").unwrap(),
            hash_password("homeward-demo").unwrap()
        );
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(matches!(
            hash_password("short"),
            Err(PasswordError::TooShort { min: 10 })
        ));
    }
}
