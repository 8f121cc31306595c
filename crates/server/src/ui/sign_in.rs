//! Signing in and out.

use super::session::{self, SignInError};
use super::{Chrome, Ctx, local_path, render, same_origin};
use crate::AppState;
use crate::auth::ClientAddr;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    message: Option<String>,
    message_kind: &'static str,
    login: String,
    next: String,
}

#[derive(Deserialize, Default)]
pub struct Next {
    #[serde(default)]
    next: String,
    #[serde(default)]
    signed_out: Option<String>,
}

fn page(
    ctx: &Ctx,
    login: String,
    next: &str,
    message: Option<(&'static str, &'static str)>,
) -> SignInPage {
    SignInPage {
        chrome: ctx.chrome("sign-in"),
        message: message.map(|(id, _)| ctx.tr.t(id)),
        message_kind: message.map_or("", |(_, kind)| kind),
        login,
        next: local_path(next).unwrap_or("/").to_owned(),
    }
}

pub async fn form(ctx: Ctx, Query(q): Query<Next>) -> Response {
    let next = local_path(&q.next).unwrap_or("/");
    if ctx.user.is_some() {
        return Redirect::to(next).into_response();
    }
    let message = q
        .signed_out
        .is_some()
        .then_some(("sign-in-signed-out", "ok"));
    render(&page(&ctx, String::new(), next, message))
}

#[derive(Deserialize)]
pub struct Credentials {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Form(form): Form<Credentials>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let login = form.login.trim().to_owned();
    match session::sign_in(&state, &headers, &addr, &login, &form.password).await {
        Ok(cookie) => {
            let next = local_path(&form.next).unwrap_or("/");
            ([(header::SET_COOKIE, cookie)], Redirect::to(next)).into_response()
        }
        Err(SignInError::Refused) => {
            // Said the same way whether or not the login exists.
            let mut res = render(&page(
                &ctx,
                login,
                &form.next,
                Some(("sign-in-failed", "error")),
            ));
            *res.status_mut() = StatusCode::UNAUTHORIZED;
            res
        }
        Err(e @ (SignInError::Limited | SignInError::Busy)) => {
            let (message, status) = match e {
                SignInError::Limited => ("sign-in-limited", StatusCode::TOO_MANY_REQUESTS),
                _ => ("error-busy", StatusCode::SERVICE_UNAVAILABLE),
            };
            let mut res = render(&page(&ctx, login, &form.next, Some((message, "error"))));
            *res.status_mut() = status;
            res
        }
        Err(SignInError::Internal(e)) => ctx.internal("sign-in", e),
    }
}

pub async fn sign_out(State(state): State<AppState>, ctx: Ctx, headers: HeaderMap) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    match session::sign_out(&state, &headers).await {
        Ok(cookie) => (
            [(header::SET_COOKIE, cookie)],
            Redirect::to("/sign-in?signed_out=1"),
        )
            .into_response(),
        Err(e) => ctx.internal("sign-out", e),
    }
}
