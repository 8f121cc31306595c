//! Administration: the users of every organisation — adding them, cutting
//! them off, letting them back in and setting their passwords; and every
//! user's own password.
//!
//! Each form checks what it can before the command (login form, password
//! length, role and organisation), so a refusal is shown as a sentence in
//! the reader's language; the store still decides.

use super::{Chrome, Ctx, SignedIn, UiUser, data, refuse_admin_form, render, same_origin};
use crate::AppState;
use crate::auth::{self, ClientAddr, hash_password};
use crate::error::ApiError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use homeward_domain::command::valid_login;
use homeward_domain::{Command, OrgId, Refusal, Role, UserId};
use homeward_store::sessions::SessionKind;
use homeward_store::{Store, StoreError};
use serde::Deserialize;

pub struct UserLine {
    pub id: String,
    pub login: String,
    pub org: String,
    pub role: &'static str,
    pub disabled: bool,
    pub is_me: bool,
}

pub struct OrgChoice {
    pub id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    chrome: Chrome,
    users: Vec<UserLine>,
    orgs: Vec<OrgChoice>,
    roles: Vec<&'static str>,
    message: Option<String>,
    message_kind: &'static str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

/// What a finished form says on the page it returns to.
const DONE: [&str; 5] = [
    "users-done-added",
    "users-done-disabled",
    "users-done-enabled",
    "users-done-password",
    "users-done-role",
];

async fn users_page(
    state: &AppState,
    ctx: &Ctx,
    me: &UiUser,
    message: Option<(String, &'static str)>,
    status: StatusCode,
) -> Response {
    let (users, orgs) = match (state.store.users().await, state.store.organisations().await) {
        (Ok(u), Ok(o)) => (u, o),
        (Err(e), _) | (_, Err(e)) => return ctx.internal("users page", e),
    };
    let org_name = |id: &OrgId| {
        orgs.iter()
            .find(|o| &o.id == id)
            .map_or_else(String::new, |o| o.name.clone())
    };
    let lines = users
        .iter()
        .filter(|u| u.id.0 != "system")
        .map(|u| UserLine {
            id: u.id.0.clone(),
            login: u.login.clone(),
            org: org_name(&u.org_id),
            role: u.role.as_str(),
            disabled: u.disabled,
            is_me: u.id == me.actor.user,
        })
        .collect();
    let (message, message_kind) = match message {
        Some((m, k)) => (Some(m), k),
        None => (None, ""),
    };
    let mut res = render(&UsersPage {
        chrome: ctx.chrome("users"),
        users: lines,
        orgs: orgs
            .iter()
            .map(|o| OrgChoice {
                id: o.id.0.clone(),
                name: o.name.clone(),
            })
            .collect(),
        roles: Role::ALL.iter().map(|r| r.as_str()).collect(),
        message,
        message_kind,
    });
    *res.status_mut() = status;
    res
}

pub async fn users(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    if !data::is_admin(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let message = DONE
        .iter()
        .find(|k| k.strip_prefix("users-done-") == Some(done.done.as_str()))
        .map(|k| (ctx.tr.t(k), "ok"));
    users_page(&state, &ctx, &user, message, StatusCode::OK).await
}

/// The end of a form: back to the list with what was done, or the list
/// again with why not.
async fn finish(
    state: &AppState,
    ctx: &Ctx,
    me: &UiUser,
    outcome: Result<&'static str, (&'static str, StatusCode)>,
) -> Response {
    match outcome {
        Ok(done) => Redirect::to(&format!("/admin/users?done={done}")).into_response(),
        Err((why, status)) => {
            let message = (ctx.tr.t(why), "error");
            users_page(state, ctx, me, Some(message), status).await
        }
    }
}

/// A refusal or failure of the store, as a message id and status.
fn failed(e: StoreError, conflict: &'static str) -> (&'static str, StatusCode) {
    match e {
        StoreError::Refused(Refusal::Conflict(_)) => (conflict, StatusCode::CONFLICT),
        StoreError::Refused(Refusal::NotFound(_)) => ("error-not-found", StatusCode::NOT_FOUND),
        StoreError::Refused(Refusal::Forbidden(_)) => ("error-forbidden", StatusCode::FORBIDDEN),
        StoreError::Refused(_) => ("users-error-refused", StatusCode::UNPROCESSABLE_ENTITY),
        e => {
            tracing::error!(error = %e, "web UI: a user administration command failed");
            ("error-internal", StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

async fn hash(state: &AppState, password: String) -> Result<String, (&'static str, StatusCode)> {
    if password.chars().count() < auth::MIN_PASSWORD_LEN
        || password.chars().count() > auth::MAX_PASSWORD_LEN
    {
        return Err(("password-rule", StatusCode::UNPROCESSABLE_ENTITY));
    }
    match state.hash_pool.run(move || hash_password(&password)).await {
        Ok(Ok(h)) => Ok(h),
        Ok(Err(_)) => Err(("password-rule", StatusCode::UNPROCESSABLE_ENTITY)),
        Err(ApiError::Busy) => Err(("error-busy", StatusCode::SERVICE_UNAVAILABLE)),
        Err(e) => {
            tracing::error!(error = %e, "web UI: a password could not be hashed");
            Err(("error-internal", StatusCode::INTERNAL_SERVER_ERROR))
        }
    }
}

#[derive(Deserialize)]
pub struct NewUser {
    #[serde(default)]
    login: String,
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

pub async fn add(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Form(form): Form<NewUser>,
) -> Response {
    if let Some(refused) = refuse_admin_form(&ctx, &user, &headers) {
        return refused;
    }
    let outcome = add_user(&state, &user, form).await;
    finish(&state, &ctx, &user, outcome).await
}

async fn add_user(
    state: &AppState,
    user: &UiUser,
    form: NewUser,
) -> Result<&'static str, (&'static str, StatusCode)> {
    let bad = |why| Err((why, StatusCode::UNPROCESSABLE_ENTITY));
    let login = form.login.trim().to_owned();
    if !valid_login(&login) {
        return bad("users-error-login");
    }
    let Ok(role) = form.role.parse::<Role>() else {
        return bad("users-error-role");
    };
    let orgs = state
        .store
        .organisations()
        .await
        .map_err(|e| failed(e, "users-error-refused"))?;
    let Some(org) = orgs.iter().find(|o| o.id.0 == form.org_id) else {
        return bad("users-error-role");
    };
    if !role.allowed_in(org.kind) {
        return bad("users-error-role");
    }
    let password_hash = hash(state, form.password).await?;
    state
        .store
        .execute(
            &user.actor,
            Command::RegisterUser {
                user_id: UserId(Store::new_id()),
                login,
                org_id: org.id.clone(),
                role,
                password_hash,
            },
        )
        .await
        .map_err(|e| failed(e, "users-error-login-taken"))?;
    Ok("added")
}

pub async fn disable(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    toggle(state, ctx, user, headers, id, true).await
}

pub async fn enable(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    toggle(state, ctx, user, headers, id, false).await
}

async fn toggle(
    state: AppState,
    ctx: Ctx,
    user: UiUser,
    headers: HeaderMap,
    id: String,
    disable: bool,
) -> Response {
    if let Some(refused) = refuse_admin_form(&ctx, &user, &headers) {
        return refused;
    }
    let user_id = UserId(id);
    let (command, done, conflict) = if disable {
        if user_id == user.actor.user {
            let outcome = Err(("users-error-self", StatusCode::UNPROCESSABLE_ENTITY));
            return finish(&state, &ctx, &user, outcome).await;
        }
        (
            Command::DisableUser { user_id },
            "disabled",
            "users-error-already-disabled",
        )
    } else {
        (
            Command::EnableUser { user_id },
            "enabled",
            "users-error-not-disabled",
        )
    };
    let outcome = state
        .store
        .execute(&user.actor, command)
        .await
        .map(|_| done)
        .map_err(|e| failed(e, conflict));
    finish(&state, &ctx, &user, outcome).await
}

#[derive(Deserialize)]
pub struct NewRole {
    #[serde(default)]
    role: String,
}

/// Gives a user another role; the domain checks it fits their
/// organisation and that it is not the administrator's own.
pub async fn change_role(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<NewRole>,
) -> Response {
    if let Some(refused) = refuse_admin_form(&ctx, &user, &headers) {
        return refused;
    }
    let Ok(role) = form.role.parse::<Role>() else {
        let outcome = Err(("users-error-role-change", StatusCode::UNPROCESSABLE_ENTITY));
        return finish(&state, &ctx, &user, outcome).await;
    };
    let outcome = state
        .store
        .execute(
            &user.actor,
            Command::ChangeRole {
                user_id: UserId(id),
                role,
            },
        )
        .await
        .map(|_| "role")
        .map_err(|e| match e {
            StoreError::Refused(Refusal::Invalid(_)) => {
                ("users-error-role-change", StatusCode::UNPROCESSABLE_ENTITY)
            }
            e => failed(e, "users-error-same-role"),
        });
    finish(&state, &ctx, &user, outcome).await
}

#[derive(Deserialize)]
pub struct NewPassword {
    #[serde(default)]
    password: String,
}

pub async fn set_password(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<NewPassword>,
) -> Response {
    if let Some(refused) = refuse_admin_form(&ctx, &user, &headers) {
        return refused;
    }
    let outcome = async {
        let password_hash = hash(&state, form.password).await?;
        state
            .store
            .execute(
                &user.actor,
                Command::SetPassword {
                    user_id: UserId(id),
                    password_hash,
                },
            )
            .await
            .map_err(|e| failed(e, "users-error-refused"))?;
        Ok("password")
    }
    .await;
    finish(&state, &ctx, &user, outcome).await
}

// ------------------------------------------------------------ own password

#[derive(Template)]
#[template(path = "account_password.html")]
struct PasswordPage {
    chrome: Chrome,
    login: String,
    message: Option<String>,
    message_kind: &'static str,
}

fn password_page(ctx: &Ctx, user: &UiUser, message: Option<(&str, &'static str)>) -> PasswordPage {
    PasswordPage {
        chrome: ctx.chrome("account"),
        login: user.login.clone(),
        message: message.map(|(id, _)| ctx.tr.t(id)),
        message_kind: message.map_or("", |(_, k)| k),
    }
}

pub async fn password_form(SignedIn { ctx, user }: SignedIn, Query(done): Query<Done>) -> Response {
    let message = (done.done == "password").then_some(("account-password-done", "ok"));
    render(&password_page(&ctx, &user, message))
}

#[derive(Deserialize)]
pub struct PasswordChange {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat_password: String,
}

/// Changes the reader's own password. Every session of theirs ends (on
/// every device); this browser gets a new one, so the reader stays signed in.
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Form(form): Form<PasswordChange>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let refuse = |why: &'static str, status: StatusCode| {
        let mut res = render(&password_page(&ctx, &user, Some((why, "error"))));
        *res.status_mut() = status;
        res
    };
    if form.new_password != form.repeat_password {
        return refuse("account-error-mismatch", StatusCode::UNPROCESSABLE_ENTITY);
    }
    let n = form.new_password.chars().count();
    if !(auth::MIN_PASSWORD_LEN..=auth::MAX_PASSWORD_LEN).contains(&n) {
        return refuse("password-rule", StatusCode::UNPROCESSABLE_ENTITY);
    }
    let Ok(Some(me)) = auth::authenticate(&state, &headers).await else {
        return Redirect::to("/sign-in").into_response();
    };
    match auth::change_own_password(
        &state,
        &me,
        &addr,
        &form.current_password,
        &form.new_password,
    )
    .await
    {
        Ok(()) => {}
        Err(ApiError::BadCredentials) => {
            return refuse("account-error-current", StatusCode::UNAUTHORIZED);
        }
        Err(ApiError::TooManyRequests { .. }) => {
            return refuse("sign-in-limited", StatusCode::TOO_MANY_REQUESTS);
        }
        Err(ApiError::Busy) => return refuse("error-busy", StatusCode::SERVICE_UNAVAILABLE),
        Err(e) => return ctx.internal("password change", e),
    }
    match auth::open_session(&state, &me.actor, SessionKind::Cookie).await {
        Ok((secret, _)) => {
            let cookie = auth::session_cookie(&state, &headers, &secret);
            (
                [(header::SET_COOKIE, cookie)],
                Redirect::to("/account/password?done=password"),
            )
                .into_response()
        }
        Err(e) => ctx.internal("password change", e),
    }
}
