//! Organisations and users.

use super::values::{self, In};
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
        .routes(routes!(change_user_role))
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

/// A party has a side (`A` or `B`); a mediator or a transit state has none.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationIn {
    pub name: String,
    pub kind: OrgKind,
    pub side: Option<Side>,
}

impl OrganisationIn {
    fn check(&self) -> Result<(), ApiError> {
        values::LABEL.check(In::Body, "name", &self.name)?;
        match (self.kind, self.side) {
            (OrgKind::Party, None) => Err(ApiError::Unprocessable(
                "side: a party organisation has a side, A or B".into(),
            )),
            (OrgKind::Party, Some(_)) | (_, None) => Ok(()),
            (_, Some(_)) => Err(ApiError::Unprocessable(
                "side: only a party organisation has a side (A or B)".into(),
            )),
        }
    }
}

impl utoipa::PartialSchema for OrganisationIn {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        let kinds = |k: &[&str]| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(k.iter().copied()))
        };
        let party = ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("name", values::LABEL.schema())
            .property("kind", kinds(&["party"]))
            .property("side", values::words::<Side>())
            .required("name")
            .required("kind")
            .required("side")
            .additional_properties(Some(
                utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
            ));
        let other = ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("name", values::LABEL.schema())
            .property("kind", kinds(&["mediator", "transit"]))
            .property("side", ObjectBuilder::new().schema_type(Type::Null))
            .required("name")
            .required("kind")
            .additional_properties(Some(
                utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
            ));
        OneOfBuilder::new()
            .item(party)
            .item(other)
            .description(Some(
                "`kind` is `mediator`, `party` or `transit`; a party has a `side`, `A` or `B`",
            ))
            .into()
    }
}

impl ToSchema for OrganisationIn {}

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
    input.check()?;
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
#[serde(deny_unknown_fields)]
pub struct WitnessKeyIn {
    /// `<name>+<key id>+<base64>`, a `cosignature/v1` note verifier key.
    #[schema(schema_with = verifier_key_schema)]
    pub verifier_key: String,
}

fn verifier_key_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(VERIFIER_KEY_PATTERN))
        .description(Some(
            "`<name>+<key id>+<base64>`, a `cosignature/v1` note verifier key",
        ))
        .into()
}

/// The shape of a note verifier key: a name without `+` or spaces, the
/// key id in hex and the key in base64. Whether the id belongs to the key
/// is checked by the ledger crate (422).
const VERIFIER_KEY_PATTERN: &str = r"^[!-*,-~]{1,200}\+[0-9a-f]{8}\+[A-Za-z0-9+/]{4,200}={0,2}$";

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
    static KEY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(VERIFIER_KEY_PATTERN).expect("the pattern compiles")
    });
    if !KEY.is_match(&input.verifier_key) {
        return Err(ApiError::Unprocessable(
            "verifier_key must be a note verifier key, <name>+<key id>+<base64>, as homeward ledger keygen prints it".into(),
        ));
    }
    state
        .store
        .execute(
            &user.actor,
            Command::RegisterWitnessKey {
                org_id: OrgId(org_id),
                verifier_key: input.verifier_key,
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
    /// 2 to 64 characters: letters, digits, `.`, `-` and `_`.
    #[schema(pattern = "^[A-Za-z0-9._-]{2,64}$")]
    pub login: String,
    #[schema(value_type = values::Id, inline)]
    pub org_id: String,
    /// `coordinator`, `caseworker`, `escort`, `party_officer`, `transit_officer`, `auditor` or `admin`.
    #[schema(value_type = values::RoleWord, inline)]
    pub role: Role,
    /// 10 to 1,024 characters.
    #[schema(min_length = 10, max_length = 1024)]
    pub password: String,
}

/// A login as the API takes it (the document's pattern).
fn check_login(login: &str) -> Result<(), ApiError> {
    let ok = (2..=64).contains(&login.len())
        && login
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if ok {
        Ok(())
    } else {
        Err(ApiError::Unprocessable(
            "login: 2 to 64 characters: letters, digits, '.', '-' and '_'".into(),
        ))
    }
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
    check_login(&input.login)?;
    values::ID.check(In::Body, "org_id", &input.org_id)?;
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
        .await
        .map_err(|e| ApiError::from(e).referenced("org_id"))?;
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
    /// 10 to 1,024 characters.
    #[schema(min_length = 10, max_length = 1024)]
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleIn {
    /// The new role; it must fit the user's organisation.
    #[schema(value_type = values::RoleWord, inline)]
    pub role: Role,
}

/// Gives a user another role (administrators), from their next request.
/// Recorded in the ledger.
#[utoipa::path(
    put,
    path = "/users/{user_id}/role",
    tag = "administration",
    params(("user_id" = String, Path, description = "The user's id")),
    request_body = RoleIn,
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The user already has this role", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The role does not fit the organisation, or it is the administrator's own", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn change_user_role(
    State(state): State<AppState>,
    user: AuthUser,
    Path(user_id): Path<String>,
    ApiJson(input): ApiJson<RoleIn>,
) -> Result<StatusCode, ApiError> {
    gate(&user.actor, Action::Write, &Resource::Users, "change roles")?;
    state
        .store
        .execute(
            &user.actor,
            Command::ChangeRole {
                user_id: UserId(user_id),
                role: input.role,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
