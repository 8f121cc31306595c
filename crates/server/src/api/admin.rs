//! Organisations and users.

use super::{Created, ListOut, gate};
use crate::AppState;
use crate::auth::{AuthUser, hash_password};
use crate::error::{ApiError, ApiJson, Problem};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use homeward_domain::access::{Action, Resource};
use homeward_domain::*;
use homeward_store::Store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_organisations, add_organisation))
        .routes(routes!(set_witness_key))
        .routes(routes!(list_users, add_user))
        .routes(routes!(disable_user))
        .routes(routes!(enable_user))
        .routes(routes!(set_user_password))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationOut {
    pub id: String,
    pub name: String,
    /// `mediator`, `party` or `transit`.
    pub kind: String,
    /// `A` or `B` for a party.
    pub side: Option<String>,
}

/// Lists the organisations.
#[utoipa::path(
    get,
    path = "/organisations",
    tag = "administration",
    responses((status = 200, body = ListOut<OrganisationOut>))
)]
async fn list_organisations(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<ListOut<OrganisationOut>>, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::Organisations,
        "see organisations",
    )?;
    let items: Vec<OrganisationOut> = state
        .store
        .organisations()
        .await?
        .into_iter()
        .map(|o| OrganisationOut {
            id: o.id.0,
            name: o.name,
            kind: o.kind.as_str().to_owned(),
            side: o.side.map(|s| super::enum_str(&s)),
        })
        .collect();
    Ok(Json(ListOut {
        total: items.len() as i64,
        items,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationIn {
    #[schema(pattern = r"\S")]
    pub name: String,
    /// `mediator`, `party` or `transit`.
    #[schema(value_type = String, pattern = "^(mediator|party|transit)$")]
    pub kind: OrgKind,
    /// `A` or `B`, for a party.
    #[schema(value_type = Option<String>, pattern = "^(A|B)$")]
    pub side: Option<Side>,
}

/// Registers an organisation (administrators).
#[utoipa::path(
    post,
    path = "/organisations",
    tag = "administration",
    request_body = OrganisationIn,
    responses(
        (status = 201, body = Created),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn add_organisation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<OrganisationIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Organisations,
        "register organisations",
    )?;
    let id = OrgId(Store::new_id());
    state
        .store
        .execute(
            &user.actor,
            Command::RegisterOrganisation {
                org_id: id.clone(),
                name: input.name,
                kind: input.kind,
                side: input.side,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

/// A party's witness key, as `homeward ledger keygen` printed it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WitnessKeyIn {
    /// `<name>+<key id>+<base64>`, a `cosignature/v1` note verifier key.
    pub verifier_key: String,
}

/// Registers or replaces a party's witness key (administrators); recorded
/// in the ledger. The same as `homeward org witness`.
#[utoipa::path(
    put,
    path = "/organisations/{org_id}/witness-key",
    tag = "administration",
    params(("org_id" = String, Path, description = "The party organisation's id")),
    request_body = WitnessKeyIn,
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn set_witness_key(
    State(state): State<AppState>,
    user: AuthUser,
    Path(org_id): Path<String>,
    ApiJson(input): ApiJson<WitnessKeyIn>,
) -> Result<StatusCode, ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Organisations,
        "register witness keys",
    )?;
    state
        .store
        .execute(
            &user.actor,
            Command::RegisterWitnessKey {
                org_id: OrgId(org_id),
                verifier_key: input.verifier_key.trim().to_owned(),
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: String,
    pub login: String,
    pub org_id: String,
    pub role: String,
    /// A disabled user cannot sign in.
    pub disabled: bool,
}

/// Lists the users (administrators).
#[utoipa::path(
    get,
    path = "/users",
    tag = "administration",
    responses(
        (status = 200, body = ListOut<UserOut>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_users(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<ListOut<UserOut>>, ApiError> {
    gate(&user.actor, Action::Read, &Resource::Users, "see users")?;
    let items: Vec<UserOut> = state
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| UserOut {
            id: u.id.0,
            login: u.login,
            org_id: u.org_id.0,
            role: u.role.as_str().to_owned(),
            disabled: u.disabled,
        })
        .collect();
    Ok(Json(ListOut {
        total: items.len() as i64,
        items,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserIn {
    #[schema(pattern = r"\S")]
    pub login: String,
    pub org_id: String,
    /// `coordinator`, `caseworker`, `escort`, `party_officer`, `transit_officer`, `auditor` or `admin`.
    #[schema(value_type = String, pattern = "^(coordinator|caseworker|escort|party_officer|transit_officer|auditor|admin)$")]
    pub role: Role,
    /// At least 10 characters.
    #[schema(min_length = 10)]
    pub password: String,
}

/// Adds a user (administrators).
#[utoipa::path(
    post,
    path = "/users",
    tag = "administration",
    request_body = UserIn,
    responses(
        (status = 201, body = Created),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn add_user(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<UserIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    gate(&user.actor, Action::Write, &Resource::Users, "add users")?;
    let password = input.password;
    let hash = state
        .hash_pool
        .run(move || hash_password(&password))
        .await?
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    let id = UserId(Store::new_id());
    state
        .store
        .execute(
            &user.actor,
            Command::RegisterUser {
                user_id: id.clone(),
                login: input.login,
                org_id: OrgId(input.org_id),
                role: input.role,
                password_hash: hash,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

/// Disables a user (administrators): they can no longer sign in, and every
/// session and token they hold ends at once. Recorded in the ledger. The
/// same as `homeward user disable`.
#[utoipa::path(
    post,
    path = "/users/{user_id}/disable",
    tag = "administration",
    params(("user_id" = String, Path, description = "The user's id")),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already disabled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An administrator cannot disable themselves", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn disable_user(
    State(state): State<AppState>,
    user: AuthUser,
    Path(user_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Users,
        "disable users",
    )?;
    state
        .store
        .execute(
            &user.actor,
            Command::DisableUser {
                user_id: UserId(user_id),
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lets a disabled user sign in again (administrators).
#[utoipa::path(
    post,
    path = "/users/{user_id}/enable",
    tag = "administration",
    params(("user_id" = String, Path, description = "The user's id")),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not disabled", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn enable_user(
    State(state): State<AppState>,
    user: AuthUser,
    Path(user_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    gate(&user.actor, Action::Write, &Resource::Users, "enable users")?;
    state
        .store
        .execute(
            &user.actor,
            Command::EnableUser {
                user_id: UserId(user_id),
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordIn {
    /// At least 10 characters.
    #[schema(min_length = 10)]
    pub password: String,
}

/// Sets a user's password (administrators). Every session and token the
/// user holds ends at once. Recorded in the ledger (without the password).
#[utoipa::path(
    put,
    path = "/users/{user_id}/password",
    tag = "administration",
    params(("user_id" = String, Path, description = "The user's id")),
    request_body = PasswordIn,
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn set_user_password(
    State(state): State<AppState>,
    user: AuthUser,
    Path(user_id): Path<String>,
    ApiJson(input): ApiJson<PasswordIn>,
) -> Result<StatusCode, ApiError> {
    gate(
        &user.actor,
        Action::Write,
        &Resource::Users,
        "set passwords",
    )?;
    let password = input.password;
    let hash = state
        .hash_pool
        .run(move || hash_password(&password))
        .await?
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    state
        .store
        .execute(
            &user.actor,
            Command::SetPassword {
                user_id: UserId(user_id),
                password_hash: hash,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
