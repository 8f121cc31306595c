//! The children's registry: the list with search and filters, a child's
//! page, and the steps taken on a child's case.

use super::data::{self, ChildQuery, ChildRow, ChildView, Party, StepOutcome};
use super::records::RecordForms;
use super::{Chrome, Ctx, ErasureForm, SignedIn, UiUser, refused_page, render, same_origin};
use crate::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use homeward_domain::{CaseState, ChildId, Command};
use serde::Deserialize;

/// How the child's page names itself in the access log.
pub const VIA_CHILD_PAGE: &str = "page /children/{id}";

#[derive(Template)]
#[template(path = "children.html")]
struct ListPage {
    chrome: Chrome,
    filter: ChildQuery,
    states: Vec<&'static str>,
    parties: Vec<Party>,
    rows: Vec<ChildRow>,
    total: i64,
    page: i64,
    pages: i64,
    prev_href: Option<String>,
    next_href: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Query(query): Query<ChildQuery>,
) -> Response {
    if !data::sees_children(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let listed = match data::children(&state.store, &user.actor, &query).await {
        Ok(l) => l,
        Err(e) => return ctx.internal("children list", e),
    };
    let parties = match data::parties(&state.store).await {
        Ok(p) => p,
        Err(e) => return ctx.internal("children list", e),
    };
    let size = i64::from(data::PAGE_SIZE);
    let pages = ((listed.total + size - 1) / size).max(1);
    let page = query.page().min(pages);
    render(&ListPage {
        chrome: ctx.chrome("children"),
        states: CaseState::ALL.iter().map(|s| s.as_str()).collect(),
        parties,
        rows: listed.rows,
        total: listed.total,
        prev_href: (page > 1).then(|| query.href_for_page(page - 1)),
        next_href: (page < pages).then(|| query.href_for_page(page + 1)),
        page,
        pages,
        filter: query,
    })
}

#[derive(Template)]
#[template(path = "child.html")]
struct ChildPage {
    chrome: Chrome,
    child: ChildView,
    message: Option<String>,
    message_kind: &'static str,
    /// The edit link and the family and custody forms (`records.rs`).
    record: RecordForms,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ChildParams {
    /// The state a case reached by the step just taken.
    done: String,
    /// Set after the child's personal data was erased.
    erased: String,
    /// What a case form just recorded (see `ui::casework`).
    saved: String,
}

pub(super) async fn show_child(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    id: &str,
    message: Option<(String, &'static str)>,
    status: StatusCode,
) -> Response {
    show_child_with(state, ctx, user, id, message, status, None).await
}

/// The child's page; `record` holds a refused family or custody form as it
/// was typed (`records.rs`), else the forms are blank.
pub(super) async fn show_child_with(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    id: &str,
    message: Option<(String, &'static str)>,
    status: StatusCode,
    record: Option<RecordForms>,
) -> Response {
    if !data::sees_children(&user.actor) {
        return ctx.not_found();
    }
    let child = match data::child(
        &state.store,
        &user.actor,
        id,
        ctx.tr.lang.tag(),
        Some(VIA_CHILD_PAGE),
    )
    .await
    {
        Ok(Some(c)) => c,
        Ok(None) => return ctx.not_found(),
        Err(e) => return ctx.internal("child page", e),
    };
    let (message, message_kind) = match message {
        Some((m, kind)) => (Some(m), kind),
        None => (None, ""),
    };
    let record = match record {
        Some(r) => r,
        None => match RecordForms::blank(&state.store, &user.actor, &child.id).await {
            Ok(r) => r,
            Err(e) => return ctx.internal("child page", e),
        },
    };
    let mut res = render(&ChildPage {
        chrome: ctx.chrome("children"),
        child,
        message,
        message_kind,
        record,
    });
    *res.status_mut() = status;
    res
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Path(id): Path<String>,
    Query(params): Query<ChildParams>,
) -> Response {
    let message = params.done.parse::<CaseState>().ok().map(|s| {
        let label = ctx.tr.k("state-", s.as_str());
        (ctx.tr.s("case-done", "state", &label), "ok")
    });
    let message =
        message.or_else(|| (params.erased == "1").then(|| (ctx.tr.t("erase-done"), "ok")));
    let message = message
        .or_else(|| super::casework::saved_message(&params.saved).map(|key| (ctx.tr.t(key), "ok")));
    show_child(&state, &ctx, &user, &id, message, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct StepForm {
    action: String,
    #[serde(default)]
    reason: Option<String>,
}

/// Takes a step on a case. Success goes back to the child's page (a
/// redirect, so reloading does not repeat it); a refusal shows the page
/// again with the rule that failed.
pub async fn step(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path((child_id, case_id)): Path<(String, String)>,
    Form(form): Form<StepForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let outcome = data::take_step(
        &state.store,
        &user.actor,
        &child_id,
        &case_id,
        &form.action,
        form.reason,
    )
    .await;
    match outcome {
        Ok(StepOutcome::Done(to)) => Redirect::to(&format!(
            "/children/{}?done={}",
            super::encode_component(&child_id),
            to.as_str()
        ))
        .into_response(),
        Ok(StepOutcome::Refused(refusal)) => {
            let reason = super::refusal_text(&ctx.tr, &refusal);
            let message = ctx.tr.s("case-refused", "reason", &reason);
            show_child(
                &state,
                &ctx,
                &user,
                &child_id,
                Some((message, "error")),
                StatusCode::CONFLICT,
            )
            .await
        }
        Ok(StepOutcome::NotOffered) => ctx.error(StatusCode::FORBIDDEN, "error-forbidden"),
        Ok(StepOutcome::NotFound) => ctx.not_found(),
        Err(e) => ctx.internal("case step", e),
    }
}

/// Erases the child's personal data (coordinators), then shows the record
/// as it is now.
pub async fn erase(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ErasureForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let Some(reason) = form.reason() else {
        let message = Some((ctx.tr.t("erase-unconfirmed"), "error"));
        return show_child(
            &state,
            &ctx,
            &user,
            &id,
            message,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let command = Command::ErasePersonalData {
        child_id: ChildId(id.clone()),
        reason,
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => Redirect::to(&format!(
            "/children/{}?erased=1",
            super::encode_component(&id)
        ))
        .into_response(),
        Err(e) => refused_page(&ctx, e, "erasure"),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ExportParams {
    format: String,
    #[serde(flatten)]
    query: ChildQuery,
}

/// How the registry's download appears in the access log.
pub const VIA_EXPORT_PAGE: &str = "page /children/export";

/// The registry page's search as a spreadsheet; every child in it goes to
/// the access log first (see [`crate::export`]).
pub async fn export(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Query(params): Query<ExportParams>,
) -> Response {
    if !data::sees_children(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let Some(format) = crate::export::Format::parse(&params.format) else {
        return ctx.error(StatusCode::BAD_REQUEST, "error-bad-request");
    };
    let filter = params.query.filter();
    let (table, seen) = match crate::export::children(&state.store, &user.actor, &filter).await {
        Ok(t) => t,
        Err(e) => return ctx.internal("export", e),
    };
    if let Err(e) = state
        .store
        .record_accesses(&user.actor, seen, VIA_EXPORT_PAGE)
        .await
    {
        return ctx.internal("export", e);
    }
    match crate::export::render(&table, format) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, format.content_type().to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"children.{}\"", format.extension()),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => ctx.internal("export", e),
    }
}
