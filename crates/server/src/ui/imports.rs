//! Importing a party's list in the browser (`/imports`): upload → what the
//! reader made of the file (which column became which field) and its first
//! rows → the validation report, every problem in a table, or what the
//! import would do → commit. The same steps as `homeward import` and `POST
//! /api/v1/imports` (`crate::imports`).
//!
//! Between the check and the commit the file waits in memory, bound to the
//! user who sent it, for at most [`HOLD`]; the commit imports exactly the
//! bytes that were checked (their SHA-256 is shown and recorded).

use super::{Chrome, Ctx, SignedIn, UiUser, refused_page, render, same_origin};
use crate::AppState;
use crate::api::imports::{ListProblemOut, problem_out};
use crate::imports::{self, ImportError, Imported, Upload};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::{Extension, Form};
use homeward_domain::access::{Action, Resource, can};
use homeward_domain::{OrgId, OrgKind, UserId};
use homeward_lists::{Detected, ListKind, NameLang, PreviewRow};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a checked file waits for its commit.
pub const HOLD: Duration = Duration::from_secs(15 * 60);
/// Checked files held at once (the oldest goes first).
const HELD_FILES: usize = 16;

/// A checked file waiting for its commit.
struct Held {
    user: UserId,
    at: Instant,
    upload: Upload,
    file_name: String,
}

/// Files checked and waiting, by a random token.
#[derive(Default)]
pub struct HeldUploads(Mutex<HashMap<String, Held>>);

impl HeldUploads {
    fn put(&self, token: String, held: Held) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, h| h.at.elapsed() < HOLD);
        while map.len() >= HELD_FILES {
            let oldest = map.iter().min_by_key(|(_, h)| h.at).map(|(k, _)| k.clone());
            match oldest {
                Some(k) => map.remove(&k),
                None => break,
            };
        }
        map.insert(token, held);
    }

    /// The held file, if it is `user`'s and still fresh; it is taken out.
    fn take(&self, token: &str, user: &UserId) -> Option<Held> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, h| h.at.elapsed() < HOLD);
        match map.get(token) {
            Some(h) if &h.user == user => map.remove(token),
            _ => None,
        }
    }
}

pub struct PartyOption {
    pub id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "imports.html")]
struct ImportsPage {
    chrome: Chrome,
    parties: Vec<PartyOption>,
    /// The step shown: `upload`, `checked`, `refused` or `done`.
    step: &'static str,
    file_name: String,
    party_name: String,
    kind: String,
    file_line: String,
    columns: Vec<(String, String)>,
    preview_header: Vec<String>,
    preview: Vec<PreviewRow>,
    problems: Vec<ListProblemOut>,
    problem_count: usize,
    sha256: String,
    counts: Option<homeward_domain::ImportCounts>,
    token: String,
    matches_proposed: Option<usize>,
    reviews_matches: bool,
    message: Option<String>,
}

impl ImportsPage {
    fn new(chrome: Chrome, parties: Vec<PartyOption>) -> ImportsPage {
        ImportsPage {
            chrome,
            parties,
            step: "upload",
            file_name: String::new(),
            party_name: String::new(),
            kind: "children".into(),
            file_line: String::new(),
            columns: Vec::new(),
            preview_header: Vec::new(),
            preview: Vec::new(),
            problems: Vec::new(),
            problem_count: 0,
            sha256: String::new(),
            counts: None,
            token: String::new(),
            matches_proposed: None,
            reviews_matches: false,
            message: None,
        }
    }

    fn detected(&mut self, d: &Detected, preview: Vec<PreviewRow>) {
        let mut lines = imports::describe(d).into_iter();
        self.file_line = lines.next().unwrap_or_default();
        self.columns = d
            .columns
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    c.field.map_or_else(|| "—".to_owned(), |f| f.to_string()),
                )
            })
            .collect();
        self.preview_header = d.columns.iter().map(|c| c.name.clone()).collect();
        self.preview = preview;
    }
}

/// The parties whose lists `user` may import.
async fn parties(state: &AppState, ctx: &Ctx, user: &UiUser) -> Result<Vec<PartyOption>, Response> {
    let orgs = match state.store.organisations().await {
        Ok(o) => o,
        Err(e) => return Err(ctx.internal("imports page", e)),
    };
    Ok(orgs
        .into_iter()
        .filter(|o| o.kind == OrgKind::Party)
        .filter(|o| can(&user.actor, Action::Write, &Resource::List { party: &o.id }).allowed())
        .map(|o| PartyOption {
            id: o.id.0,
            name: o.name,
        })
        .collect())
}

async fn start(state: &AppState, ctx: &Ctx, user: &UiUser) -> Result<ImportsPage, Response> {
    let parties = parties(state, ctx, user).await?;
    if parties.is_empty() {
        return Err(ctx.error(StatusCode::FORBIDDEN, "error-forbidden"));
    }
    Ok(ImportsPage::new(ctx.chrome("imports"), parties))
}

pub async fn form(State(state): State<AppState>, SignedIn { ctx, user }: SignedIn) -> Response {
    match start(&state, &ctx, &user).await {
        Ok(page) => render(&page),
        Err(r) => r,
    }
}

/// What the upload form sent.
#[derive(Default)]
struct Sent {
    party: String,
    kind: String,
    list_name: String,
    lang: String,
    file_name: String,
    bytes: Vec<u8>,
}

async fn read_form(mut multipart: Multipart) -> Result<Sent, String> {
    let mut sent = Sent::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.body_text())? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            sent.file_name = field
                .file_name()
                .map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f).to_owned())
                .unwrap_or_default();
            sent.bytes = field.bytes().await.map_err(|e| e.body_text())?.to_vec();
        } else {
            let text = field.text().await.map_err(|e| e.body_text())?;
            match name.as_str() {
                "party" => sent.party = text,
                "kind" => sent.kind = text,
                "list_name" => sent.list_name = text,
                "lang" => sent.lang = text,
                _ => {}
            }
        }
    }
    Ok(sent)
}

fn bad_form(ctx: &Ctx, mut page: ImportsPage, key: &str) -> Response {
    page.message = Some(ctx.tr.t(key));
    let mut res = render(&page);
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    res
}

/// Checks the file (a dry run) and shows what an import would do, or every
/// problem; a clean file is held for the commit.
pub async fn check(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Extension(held): Extension<Arc<HeldUploads>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let mut page = match start(&state, &ctx, &user).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let sent = match read_form(multipart).await {
        Ok(s) => s,
        Err(_) => return bad_form(&ctx, page, "imports-error-form"),
    };
    let Some(party) = page.parties.iter().find(|p| p.id == sent.party) else {
        return bad_form(&ctx, page, "imports-error-party");
    };
    if sent.bytes.is_empty() {
        return bad_form(&ctx, page, "imports-error-file");
    }
    let kind = match sent.kind.as_str() {
        "tracing_requests" => ListKind::TracingRequests,
        _ => ListKind::Children,
    };
    let lang = NameLang::parse(if sent.lang.is_empty() {
        "auto"
    } else {
        &sent.lang
    })
    .unwrap_or(NameLang::Auto);
    let list_name = match sent.list_name.trim() {
        "" if sent.file_name.is_empty() => "list imported in the browser".to_owned(),
        "" => sent.file_name.clone(),
        n => n.chars().take(200).collect(),
    };
    page.file_name = sent.file_name.clone();
    page.party_name = party.name.clone();
    page.kind = kind.as_str().to_owned();
    let upload = Upload {
        bytes: sent.bytes,
        kind,
        mapping: None,
        party: OrgId(party.id.clone()),
        list_name,
        lang,
        dry_run: true,
        then_match: true,
    };
    match imports::import(&state.store, &user.actor, upload.clone(), |_| {}).await {
        Ok(done) => {
            page.step = "checked";
            page.detected(&done.detected, done.preview);
            page.sha256 = done.sha256;
            page.counts = Some(done.counts);
            let token = match crate::auth::new_secret() {
                Ok(t) => t,
                Err(e) => return ctx.internal("holding an upload", e),
            };
            held.put(
                token.clone(),
                Held {
                    user: user.actor.user.clone(),
                    at: Instant::now(),
                    upload: Upload {
                        dry_run: false,
                        ..upload
                    },
                    file_name: sent.file_name,
                },
            );
            page.token = token;
            render(&page)
        }
        Err(ImportError::Invalid {
            detected,
            errors,
            preview,
        }) => {
            page.step = "refused";
            page.detected(&detected, preview);
            page.problem_count = errors.len();
            page.problems = errors.iter().take(1000).map(problem_out).collect();
            let mut res = render(&page);
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            res
        }
        Err(ImportError::Unreadable(_)) => bad_form(&ctx, page, "imports-error-unreadable"),
        Err(ImportError::Store(e)) => refused_page(&ctx, e, "checking an import"),
    }
}

#[derive(Deserialize)]
pub struct CommitForm {
    #[serde(default)]
    token: String,
}

/// Imports the file that was checked.
pub async fn commit(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Extension(held): Extension<Arc<HeldUploads>>,
    headers: HeaderMap,
    Form(form): Form<CommitForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let mut page = match start(&state, &ctx, &user).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(h) = held.take(&form.token, &user.actor.user) else {
        return bad_form(&ctx, page, "imports-error-expired");
    };
    page.file_name = h.file_name;
    page.party_name = page
        .parties
        .iter()
        .find(|p| p.id == h.upload.party.0)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    page.kind = h.upload.kind.as_str().to_owned();
    match imports::import(&state.store, &user.actor, h.upload, |_| {}).await {
        Ok(Imported {
            sha256,
            counts,
            matches,
            detected,
            ..
        }) => {
            page.step = "done";
            page.detected(&detected, Vec::new());
            page.sha256 = sha256;
            page.counts = Some(counts);
            page.matches_proposed = matches.map(|m| m.proposed);
            page.reviews_matches = can(&user.actor, Action::Read, &Resource::Matches).allowed();
            render(&page)
        }
        Err(ImportError::Store(e)) => refused_page(&ctx, e, "importing a list"),
        Err(_) => bad_form(&ctx, page, "imports-error-expired"),
    }
}
