//! Sign-in sessions for the web UI: the server's own (see [`crate::auth`]),
//! seen through the three things the pages need.

use super::UiUser;
use crate::AppState;
use crate::auth;
use crate::error::ApiError;
use axum::http::HeaderMap;

/// Why a sign-in failed. The page says the same for an unknown login and a
/// wrong password.
#[derive(Debug)]
pub enum SignInError {
    Refused,
    /// Too many attempts for this login or address; try again later.
    Limited,
    /// Too many passwords are being checked at once; try again in a second.
    Busy,
    Internal(String),
}

/// Checks the login and password under the sign-in limits and opens
/// a new session. Returns the `Set-Cookie` value.
pub async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    addr: &str,
    login: &str,
    password: &str,
) -> Result<String, SignInError> {
    match auth::sign_in_cookie(state, headers, addr, login, password).await {
        Ok((_, cookie)) => Ok(cookie),
        Err(ApiError::BadCredentials) => Err(SignInError::Refused),
        Err(ApiError::TooManyRequests { .. }) => Err(SignInError::Limited),
        Err(ApiError::Busy) => Err(SignInError::Busy),
        Err(e) => Err(SignInError::Internal(e.to_string())),
    }
}

/// The user of the request's session, if it is valid.
pub async fn current(state: &AppState, headers: &HeaderMap) -> Option<UiUser> {
    match auth::authenticate(state, headers).await {
        Ok(user) => user.map(|u| UiUser {
            actor: u.actor,
            login: u.login,
        }),
        Err(ApiError::Unauthenticated) => None,
        Err(e) => {
            tracing::error!(error = %e, "web UI: the session could not be checked");
            None
        }
    }
}

/// Ends the request's session; returns the `Set-Cookie` value that clears it.
pub async fn sign_out(state: &AppState, headers: &HeaderMap) -> Result<String, String> {
    auth::sign_out_cookie(state, headers)
        .await
        .map_err(|e| e.to_string())
}

/// Cookies are `Secure` when the server is reached over TLS.
pub fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    auth::is_https(state, headers)
}
