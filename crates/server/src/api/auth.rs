//! Bearer tokens: `POST /auth/token` signs in, `DELETE /auth/token` signs
//! out, `GET /auth/me` says who is signed in.

use super::rfc3339;
use crate::AppState;
use crate::auth::{AuthUser, ClientAddr, change_own_password, check_password, open_session};
use crate::error::{ApiError, ApiJson, Problem};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use homeward_store::sessions::SessionKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_token, revoke_token))
        .routes(routes!(me))
        .routes(routes!(change_password))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    pub login: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    /// Send it as `Authorization: Bearer <token>`.
    pub token: String,
    /// When the token stops working (RFC 3339), 8 hours after it was issued.
    pub expires_at: String,
}

/// Signs in and returns a bearer token.
///
/// Each attempt is counted before the password is checked: after 5
/// attempts within a minute for a login (20 from one address; a successful
/// sign-in clears its login's count), the next is refused with 429. When
/// too many passwords are being checked at once the answer is 503 with
/// `Retry-After`. A wrong password and an unknown
/// login get the same answer.
#[utoipa::path(
    post,
    path = "/auth/token",
    tag = "auth",
    request_body = TokenRequest,
    security(()),
    responses(
        (status = 200, body = TokenOut),
        (status = 401, description = "The login or password is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many sign-in attempts", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Too many passwords being checked at once", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create_token(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Result<Json<TokenOut>, ApiError> {
    let (actor, _) = check_password(&state, &addr, &req.login, &req.password).await?;
    let (token, expires_at) = open_session(&state, &actor, SessionKind::Token).await?;
    Ok(Json(TokenOut {
        token,
        expires_at: rfc3339(expires_at),
    }))
}

/// Revokes the token (or session) this request is made with.
#[utoipa::path(
    delete,
    path = "/auth/token",
    tag = "auth",
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn revoke_token(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<StatusCode, ApiError> {
    state.store.revoke_session(user.secret_hash()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeOut {
    pub user_id: String,
    pub login: String,
    pub org_id: String,
    /// `mediator`, `party` or `transit`.
    pub org_kind: String,
    pub role: String,
}

/// The signed-in user.
#[utoipa::path(
    get,
    path = "/auth/me",
    tag = "auth",
    responses(
        (status = 200, body = MeOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn me(user: AuthUser) -> Json<MeOut> {
    Json(MeOut {
        user_id: user.actor.user.0.clone(),
        login: user.login.clone(),
        org_id: user.actor.org.0.clone(),
        org_kind: user.actor.org_kind.as_str().to_owned(),
        role: user.actor.role.as_str().to_owned(),
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    #[schema(min_length = 1, max_length = 1024)]
    pub current_password: String,
    /// 10 to 1,024 characters.
    #[schema(min_length = 10, max_length = 1024)]
    pub new_password: String,
}

/// Changes the signed-in user's own password (the current one is required,
/// and counts as a sign-in attempt). Every session and token of the user
/// ends, this one included; the answer is a new token to go on with.
#[utoipa::path(
    post,
    path = "/auth/password",
    tag = "auth",
    request_body = PasswordChange,
    responses(
        (status = 200, body = TokenOut),
        (status = 401, description = "The current password is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The new password is too short or too long", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn change_password(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    user: AuthUser,
    ApiJson(req): ApiJson<PasswordChange>,
) -> Result<Json<TokenOut>, ApiError> {
    let n = req.current_password.chars().count();
    if !(1..=crate::auth::MAX_PASSWORD_LEN).contains(&n) {
        return Err(ApiError::Unprocessable(format!(
            "current_password must be 1 to {} characters long",
            crate::auth::MAX_PASSWORD_LEN
        )));
    }
    let n = req.new_password.chars().count();
    if !(crate::auth::MIN_PASSWORD_LEN..=crate::auth::MAX_PASSWORD_LEN).contains(&n) {
        return Err(ApiError::Unprocessable(format!(
            "new_password must be {} to {} characters long",
            crate::auth::MIN_PASSWORD_LEN,
            crate::auth::MAX_PASSWORD_LEN
        )));
    }
    change_own_password(
        &state,
        &user,
        &addr,
        &req.current_password,
        &req.new_password,
    )
    .await?;
    let (token, expires_at) = open_session(&state, &user.actor, SessionKind::Token).await?;
    Ok(Json(TokenOut {
        token,
        expires_at: rfc3339(expires_at),
    }))
}
