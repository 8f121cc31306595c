//! The web UI: server-rendered pages in four languages, in the same binary
//! as the API.
//!
//! Pages are askama templates (checked at compile time, HTML-escaped by
//! default) under `crates/server/templates`; their CSS and icon are compiled
//! in and served under `/assets/` ([`assets`]). Nothing runs in the browser:
//! every change is a plain form POST answered by a redirect, so the strict
//! Content-Security-Policy (`script-src 'self'; style-src 'self'`) holds
//! without exceptions — there is no inline script and no `style` attribute;
//! chart bars are SVG shapes sized by their presentation attributes.
//!
//! A request's reader is established once by the [`Ctx`] extractor: the
//! language (the signed-in user's own choice, kept in the ledger; else the
//! `hw_lang` cookie; else `Accept-Language`) and the signed-in
//! user, if any. [`SignedIn`] is the same for pages that need a user and
//! sends everyone else to the sign-in page.
//!
//! What a page shows comes through [`data`], which applies the domain's
//! access policy to every record and logs each look at a child's record.

mod admin;
mod assets;
mod cases;
mod casework;
mod children;
mod dashboard;
pub(crate) mod data;
mod dates;
pub mod i18n;
mod imports;
mod matches;
mod organisations;
mod public_report;
mod records;
mod session;
mod sign_in;
mod tracing_requests;
mod trips;

use crate::AppState;
use crate::observe::RequestUser;
use askama::Template;
use axum::extract::{FromRequestParts, OptionalFromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use homeward_domain::Actor;
use i18n::{Catalog, Lang, Tr};
use serde::Deserialize;
use std::sync::Arc;

/// The UI's own shared state, beside [`AppState`]: the translations,
/// parsed once.
pub struct UiState {
    pub catalog: Arc<Catalog>,
}

impl UiState {
    pub fn new() -> UiState {
        UiState {
            catalog: Arc::new(Catalog::new()),
        }
    }
}

impl Default for UiState {
    fn default() -> Self {
        UiState::new()
    }
}

/// The web UI's routes, to be merged into the application router.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::page))
        .route("/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/children", get(children::list))
        .route("/children/export", get(children::export))
        .route(
            "/children/new",
            get(records::register_form).post(records::register),
        )
        .route("/children/{id}", get(children::page))
        .route(
            "/children/{id}/edit",
            get(records::edit_form).post(records::edit),
        )
        .route(
            "/children/{id}/family-members",
            post(records::add_family_member),
        )
        .route("/children/{id}/custody", post(records::record_custody))
        .route("/children/{child}/cases/{case}/steps", post(children::step))
        .route("/cases", get(cases::board))
        .route("/trips", get(trips::list).post(trips::plan))
        .route("/trips/{id}", get(trips::page))
        .route("/trips/{id}/bookings", post(trips::book))
        .route("/trips/{id}/cancellation", post(trips::cancel))
        .route("/trips/{id}/schedule", post(trips::reschedule))
        .route("/trips/{id}/handovers", post(trips::handover))
        .route(
            "/trips/{id}/legs/{leg}/escorts",
            post(trips::assign_escorts),
        )
        .route("/trips/{id}/legs/{leg}/clearance", post(trips::clearance))
        .route("/trips/{id}/legs/{leg}/departure", post(trips::depart))
        .route("/trips/{id}/legs/{leg}/arrival", post(trips::arrive))
        .route(
            "/trips/{id}/legs/{leg}/manifest.pdf",
            get(trips::manifest_pdf),
        )
        .route(
            "/trips/{id}/legs/{leg}/receipts.pdf",
            get(trips::receipts_pdf),
        )
        .route("/children/{child}/cases", post(casework::open_case))
        .route(
            "/children/{child}/cases/{case}/follow-ups",
            post(casework::follow_up),
        )
        .route(
            "/children/{child}/cases/{case}/evidence",
            post(casework::evidence),
        )
        .route(
            "/children/{child}/cases/{case}/consent",
            post(casework::consent),
        )
        .route(
            "/children/{child}/cases/{case}/group",
            post(casework::group),
        )
        .route(
            "/children/{child}/cases/{case}/parties",
            post(casework::add_party),
        )
        .route(
            "/children/{child}/cases/{case}/consent-withdrawal",
            post(casework::withdraw_consent),
        )
        .route(
            "/children/{child}/cases/{case}/best-interests",
            post(casework::best_interests),
        )
        .route(
            "/children/{child}/cases/{case}/child-views",
            post(casework::child_views),
        )
        .route(
            "/children/{child}/cases/{case}/decision",
            post(casework::decision),
        )
        .route(
            "/imports",
            get(imports::form)
                .post(imports::check)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::limits::IMPORT_BODY_LIMIT,
                )),
        )
        .route("/imports/commit", post(imports::commit))
        .route("/matches", get(matches::page))
        .route("/matches/{id}/decision", post(matches::decide))
        .route("/matches/{id}/undo", post(matches::undo))
        .route("/tracing-requests", get(tracing_requests::list))
        .route(
            "/tracing-requests/{id}/closure",
            post(tracing_requests::close),
        )
        .route(
            "/tracing-requests/{id}/erasure",
            post(tracing_requests::erase),
        )
        .route("/children/{id}/erasure", post(children::erase))
        .route(
            "/admin/organisations",
            get(organisations::list).post(organisations::add),
        )
        .route(
            "/admin/organisations/{id}/witness-key",
            post(organisations::witness_key),
        )
        .route("/admin/users", get(admin::users).post(admin::add))
        .route("/admin/users/{id}/disable", post(admin::disable))
        .route("/admin/users/{id}/enable", post(admin::enable))
        .route("/admin/users/{id}/password", post(admin::set_password))
        .route("/admin/users/{id}/role", post(admin::change_role))
        .route(
            "/account/password",
            get(admin::password_form).post(admin::change_password),
        )
        .route("/public/report", get(public_report::page))
        .route("/ui/language", post(choose_language))
        .route("/assets/{name}", get(assets::serve))
        .fallback(unknown_address)
        .layer(Extension(Arc::new(UiState::new())))
        .layer(Extension(Arc::new(imports::HeldUploads::default())))
}

/// The name of the cookie that keeps the reader's language.
const LANG_COOKIE: &str = "hw_lang";

/// The user a page is shown to.
#[derive(Debug, Clone)]
pub struct UiUser {
    pub actor: Actor,
    pub login: String,
}

/// Who is reading, and in which language.
pub struct Ctx {
    pub ui: Arc<UiState>,
    pub tr: Tr,
    pub user: Option<UiUser>,
    /// Path and query of this page, for the language switcher to come back to.
    pub back: String,
}

impl Ctx {
    pub fn chrome(&self, nav: &'static str) -> Chrome {
        Chrome {
            tr: self.tr.clone(),
            user: self.user.as_ref().map(|u| UserChip {
                login: u.login.clone(),
                role: u.actor.role.as_str(),
                sees_children: data::sees_children(&u.actor),
                reviews_matches: homeward_domain::access::can(
                    &u.actor,
                    homeward_domain::access::Action::Read,
                    &homeward_domain::access::Resource::Matches,
                )
                .allowed(),
                // Mediator staff import any party's list, a party officer
                // its own (the page offers only those parties).
                imports_lists: data::sees_children(&u.actor)
                    && matches!(
                        u.actor.role,
                        homeward_domain::Role::Coordinator
                            | homeward_domain::Role::Caseworker
                            | homeward_domain::Role::PartyOfficer
                    ),
                is_admin: data::is_admin(&u.actor),
                sees_trips: homeward_domain::access::can(
                    &u.actor,
                    homeward_domain::access::Action::Read,
                    &homeward_domain::access::Resource::Trips,
                )
                .allowed(),
                registers_children: records::registers_children(&u.actor),
            }),
            nav,
            back: self.back.clone(),
            asset_version: assets::version(),
        }
    }

    /// An error page in the reader's language.
    pub fn error(&self, status: StatusCode, message: &'static str) -> Response {
        self.error_page(status, message, None)
    }

    /// An error page that says why, in the reader's language (a refusal's
    /// rule, from [`refusal_text`]).
    pub fn error_because(
        &self,
        status: StatusCode,
        message: &'static str,
        detail: String,
    ) -> Response {
        self.error_page(status, message, Some(detail))
    }

    fn error_page(
        &self,
        status: StatusCode,
        message: &'static str,
        detail: Option<String>,
    ) -> Response {
        let page = ErrorPage {
            chrome: self.chrome(""),
            message,
            detail,
        };
        let mut res = render(&page);
        *res.status_mut() = status;
        res
    }

    pub fn internal(&self, what: &str, e: impl std::fmt::Display) -> Response {
        tracing::error!(error = %e, "web UI: {what}");
        self.error(StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
    }

    pub fn not_found(&self) -> Response {
        self.error(StatusCode::NOT_FOUND, "error-not-found")
    }
}

/// Only local paths are followed after a form, so a crafted link cannot send
/// a reader elsewhere.
fn local_path(p: &str) -> Option<&str> {
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && !p.starts_with("/\\")
        && !p.chars().any(|c| c.is_control());
    ok.then_some(p)
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Ctx, Response> {
        let ui = parts
            .extensions
            .get::<Arc<UiState>>()
            .cloned()
            .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
        let lang = crate::auth::cookie(&parts.headers, LANG_COOKIE)
            .and_then(Lang::from_tag)
            .unwrap_or_else(|| {
                Lang::negotiate(
                    parts
                        .headers
                        .get(header::ACCEPT_LANGUAGE)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or(""),
                )
            });
        let user = session::current(state, &parts.headers).await;
        if let (Some(u), Some(slot)) = (&user, parts.extensions.get::<RequestUser>()) {
            slot.set(&u.actor);
        }
        // A signed-in user's own choice, kept in the ledger, follows them
        // from device to device and wins over this browser's cookie.
        let lang = match &user {
            Some(u) => match state.store.user_language(&u.actor.user).await {
                Ok(chosen) => chosen.as_deref().and_then(Lang::from_tag).unwrap_or(lang),
                Err(e) => {
                    tracing::error!(error = %e, "web UI: the user's language could not be read");
                    lang
                }
            },
            None => lang,
        };
        let back = if parts.method == Method::GET {
            parts
                .uri
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned()
        } else {
            "/".to_owned()
        };
        Ok(Ctx {
            tr: Tr::new(ui.catalog.clone(), lang),
            ui,
            user,
            back,
        })
    }
}

/// A page that needs a signed-in user; anyone else is sent to sign in and
/// brought back afterwards.
pub struct SignedIn {
    pub ctx: Ctx,
    pub user: UiUser,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<SignedIn, Response> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        match ctx.user.clone() {
            Some(user) => Ok(SignedIn { ctx, user }),
            None => {
                let next = if parts.method == Method::GET {
                    ctx.back.as_str()
                } else {
                    "/"
                };
                let to = if next == "/" {
                    "/sign-in".to_owned()
                } else {
                    format!("/sign-in?next={}", encode_component(next))
                };
                Err(Redirect::to(&to).into_response())
            }
        }
    }
}

impl OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<SignedIn>, Response> {
        let ctx = <Ctx as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        Ok(ctx.user.clone().map(|user| SignedIn { ctx, user }))
    }
}

/// A form POST must come from one of our own pages: the browser says so in
/// `Sec-Fetch-Site` or, failing that, in `Origin`. A POST that says neither
/// (no current browser sends such a form) is refused as well.
pub fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest == host)
}

/// Where every administration form starts: sent from one of our pages, by
/// an administrator of the mediator. `Some` is the page to answer instead.
pub fn refuse_admin_form(ctx: &Ctx, user: &UiUser, headers: &HeaderMap) -> Option<Response> {
    if !same_origin(headers) {
        return Some(ctx.error(StatusCode::FORBIDDEN, "error-bad-request"));
    }
    if !data::is_admin(&user.actor) {
        return Some(ctx.error(StatusCode::FORBIDDEN, "error-forbidden"));
    }
    None
}

/// The form that erases personal data: a reason, and a box ticked to
/// confirm (erasure cannot be undone).
#[derive(Deserialize)]
pub struct ErasureForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: String,
}

impl ErasureForm {
    /// The reason, when one was chosen and the box was ticked.
    pub fn reason(&self) -> Option<homeward_domain::event::ErasureReason> {
        use homeward_domain::event::ErasureReason as R;
        if self.confirm != "yes" {
            return None;
        }
        match self.reason.as_str() {
            "family_request" => Some(R::FamilyRequest),
            "retention_period_ended" => Some(R::RetentionPeriodEnded),
            "court_order" => Some(R::CourtOrder),
            _ => None,
        }
    }
}

/// The page for a store error after a form: the rule's kind decides the
/// status and the heading; the rule itself follows in the reader's
/// language.
pub fn refused_page(ctx: &Ctx, e: homeward_store::StoreError, what: &str) -> Response {
    use homeward_domain::Refusal;
    use homeward_store::StoreError;
    match e {
        StoreError::Refused(Refusal::Forbidden(_)) => {
            ctx.error(StatusCode::FORBIDDEN, "error-forbidden")
        }
        StoreError::Refused(Refusal::NotFound(_)) => ctx.not_found(),
        StoreError::Refused(r @ Refusal::Conflict(_)) => ctx.error_because(
            StatusCode::CONFLICT,
            "error-refused",
            refusal_text(&ctx.tr, &r),
        ),
        StoreError::Refused(r) => ctx.error_because(
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-refused",
            refusal_text(&ctx.tr, &r),
        ),
        e => ctx.internal(what, e),
    }
}

/// An address no route knows: the "not found" page in the reader's
/// language; under `/api/` a bare 404, which the API's middleware turns
/// into a problem document.
async fn unknown_address(ctx: Ctx, uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return StatusCode::NOT_FOUND.into_response();
    }
    ctx.not_found()
}

/// A domain refusal in the reader's language. Every rule is catalogued:
/// case steps' (`rule-…` with the action, state, role or party as
/// arguments), transit's (`trip-rule-…`) and the others (`refusal-…`).
pub fn refusal_text(tr: &i18n::Tr, r: &homeward_domain::Refusal) -> String {
    match r {
        homeward_domain::Refusal::Transition(t) => {
            let mut args = Vec::new();
            if let Some(a) = t.action() {
                args.push(("action", tr.k("action-", a.as_str())));
            }
            if let Some(s) = t.state() {
                args.push(("state", tr.k("state-", s.as_str())));
            }
            if let Some(role) = t.role() {
                args.push(("role", tr.k("role-", role.as_str())));
            }
            if let Some(p) = t.party() {
                args.push(("party", p.to_owned()));
            }
            tr.texts(t.id(), &args)
        }
        homeward_domain::Refusal::Trip(rule) => {
            let mut args: Vec<(&str, String)> = rule
                .numbers()
                .into_iter()
                .map(|(name, n)| (name, n.to_string()))
                .collect();
            if let Some(s) = rule.state() {
                args.push(("state", tr.k("state-", s.as_str())));
            }
            tr.texts(rule.id(), &args)
        }
        homeward_domain::Refusal::Forbidden(rule)
        | homeward_domain::Refusal::Invalid(rule)
        | homeward_domain::Refusal::Conflict(rule) => rule_text(tr, rule),
        homeward_domain::Refusal::NotFound(record) => tr.t(record.id()),
    }
}

/// A domain [`homeward_domain::Rule`] in the reader's language: states,
/// roles and kinds of organisation are translated, a list's row names its
/// own rule, other arguments pass through.
pub fn rule_text(tr: &i18n::Tr, rule: &homeward_domain::Rule) -> String {
    use homeward_domain::refusal::Arg;
    let args: Vec<(&str, String)> = rule
        .args()
        .into_iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Number(n) => n.to_string(),
                Arg::Text(t) => t,
                Arg::State(s) => tr.k("state-", s.as_str()),
                Arg::Role(r) => tr.k("role-", r.as_str()),
                Arg::OrgKind(k) => tr.k("org-kind-", k.as_str()),
                Arg::Rule(inner) => rule_text(tr, &inner),
            };
            (name, value)
        })
        .collect();
    tr.texts(rule.id(), &args)
}

/// Percent-encodes a query value.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// What every page shows around its content.
pub struct Chrome {
    pub tr: Tr,
    pub user: Option<UserChip>,
    /// The menu entry to mark as current.
    pub nav: &'static str,
    pub back: String,
    pub asset_version: &'static str,
}

impl Chrome {
    pub fn languages(&self) -> [Lang; 4] {
        Lang::ALL
    }
}

pub struct UserChip {
    pub login: String,
    pub role: &'static str,
    pub sees_children: bool,
    pub reviews_matches: bool,
    pub imports_lists: bool,
    pub is_admin: bool,
    /// Sees `/trips` (mediator staff, escorts, transit states).
    pub sees_trips: bool,
    /// Offered the registration form (`records.rs`).
    pub registers_children: bool,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    message: &'static str,
    /// Why, already in the reader's language.
    detail: Option<String>,
}

/// Renders a page as an HTML response that no cache keeps: pages show
/// personal data.
pub fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            html,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "web UI: a template did not render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be shown",
            )
                .into_response()
        }
    }
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// Keeps the chosen language in a cookie for a year and goes back to the
/// page the reader was on. The cookie holds nothing but the language tag.
async fn choose_language(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let Some(lang) = Lang::from_tag(&form.lang) else {
        return ctx.error(StatusCode::BAD_REQUEST, "error-bad-request");
    };
    let back = local_path(&form.back).unwrap_or("/");
    if let Some(user) = &ctx.user {
        let choose = homeward_domain::Command::ChooseLanguage {
            user_id: user.actor.user.clone(),
            lang: lang.tag().to_owned(),
        };
        if let Err(e) = state.store.execute(&user.actor, choose).await {
            return ctx.internal("keeping the language choice", e);
        }
    }
    let secure = if session::is_https(&state, &headers) {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.tag()
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to(back)).into_response()
}
