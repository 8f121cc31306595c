//! Administration of the organisations: registering one, and a party's
//! witness key (the public key its `homeward ledger cosign` signs with),
//! the same as `homeward org add` and `homeward org witness`.

use super::{Chrome, Ctx, SignedIn, data, refuse_admin_form, render};
use crate::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use homeward_domain::{Command, OrgId, OrgKind, Refusal, Side};
use homeward_store::{Store, StoreError};
use serde::Deserialize;

pub struct OrgLine {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub side: &'static str,
    pub is_party: bool,
    /// The current witness key, as registered.
    pub witness: Option<String>,
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrgsPage {
    chrome: Chrome,
    orgs: Vec<OrgLine>,
    message: Option<String>,
    message_kind: &'static str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    message: Option<(String, &'static str)>,
    status: StatusCode,
) -> Response {
    let (orgs, keys) = match (
        state.store.organisations().await,
        state.store.witness_keys().await,
    ) {
        (Ok(o), Ok(k)) => (o, k),
        (Err(e), _) | (_, Err(e)) => return ctx.internal("organisations page", e),
    };
    let lines = orgs
        .iter()
        .map(|o| OrgLine {
            id: o.id.0.clone(),
            name: o.name.clone(),
            kind: o.kind.as_str(),
            side: match o.side {
                Some(Side::A) => "A",
                Some(Side::B) => "B",
                None => "",
            },
            is_party: o.kind == OrgKind::Party,
            witness: keys
                .iter()
                .find(|k| k.org_id == o.id && k.current)
                .map(|k| k.verifier_key.clone()),
        })
        .collect();
    let (message, message_kind) = match message {
        Some((m, k)) => (Some(m), k),
        None => (None, ""),
    };
    let mut res = render(&OrgsPage {
        chrome: ctx.chrome("organisations"),
        orgs: lines,
        message,
        message_kind,
    });
    *res.status_mut() = status;
    res
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    if !data::is_admin(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let message = match done.done.as_str() {
        "added" => Some((ctx.tr.t("orgs-done-added"), "ok")),
        "witness" => Some((ctx.tr.t("orgs-done-witness"), "ok")),
        _ => None,
    };
    page(&state, &ctx, message, StatusCode::OK).await
}

/// Back to the list with what was done, or the list again with why not.
async fn finish(
    state: &AppState,
    ctx: &Ctx,
    outcome: Result<&'static str, StoreError>,
    invalid: &'static str,
    conflict: &'static str,
) -> Response {
    let (why, status) = match outcome {
        Ok(done) => {
            return Redirect::to(&format!("/admin/organisations?done={done}")).into_response();
        }
        Err(StoreError::Refused(Refusal::Invalid(_))) => {
            (invalid, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(StoreError::Refused(Refusal::Conflict(_))) => (conflict, StatusCode::CONFLICT),
        Err(StoreError::Refused(Refusal::NotFound(_))) => return ctx.not_found(),
        Err(StoreError::Refused(_)) => return ctx.error(StatusCode::FORBIDDEN, "error-forbidden"),
        Err(e) => return ctx.internal("organisation administration", e),
    };
    page(state, ctx, Some((ctx.tr.t(why), "error")), status).await
}

#[derive(Deserialize)]
pub struct NewOrg {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    side: String,
}

pub async fn add(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Form(form): Form<NewOrg>,
) -> Response {
    if let Some(refused) = refuse_admin_form(&ctx, &user, &headers) {
        return refused;
    }
    let Ok(kind) = form.kind.parse::<OrgKind>() else {
        return page(
            &state,
            &ctx,
            Some((ctx.tr.t("orgs-error-side"), "error")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let side = match form.side.as_str() {
        "A" => Some(Side::A),
        "B" => Some(Side::B),
        _ => None,
    };
    if (kind == OrgKind::Party) != side.is_some() || form.name.trim().is_empty() {
        return page(
            &state,
            &ctx,
            Some((ctx.tr.t("orgs-error-side"), "error")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let command = Command::RegisterOrganisation {
        org_id: OrgId(Store::new_id()),
        name: form.name.trim().to_owned(),
        kind,
        side,
    };
    let outcome = state
        .store
        .execute(&user.actor, command)
        .await
        .map(|_| "added");
    finish(&state, &ctx, outcome, "orgs-error-side", "orgs-error-taken").await
}

#[derive(Deserialize)]
pub struct WitnessKey {
    #[serde(default)]
    verifier_key: String,
}

pub async fn witness_key(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<WitnessKey>,
) -> Response {
    if let Some(refused) = refuse_admin_form(&ctx, &user, &headers) {
        return refused;
    }
    let command = Command::RegisterWitnessKey {
        org_id: OrgId(id),
        verifier_key: form.verifier_key.trim().to_owned(),
    };
    let outcome = state
        .store
        .execute(&user.actor, command)
        .await
        .map(|_| "witness");
    finish(
        &state,
        &ctx,
        outcome,
        "orgs-error-witness",
        "orgs-error-witness-taken",
    )
    .await
}
