//! One error type for every handler, answered as `application/problem+json`
//! (RFC 9457).
//!
//! The `detail` is a sentence a person can act on. Nothing internal is ever
//! shown: database and other unexpected errors are logged through `tracing`
//! (without personal data: store errors name tables and entries, not values)
//! and answered with a generic sentence.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use homeward_domain::{Refusal, TransitionError, TripRule};
use homeward_store::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status says what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The status's reason phrase.
    pub title: String,
    pub status: u16,
    /// What went wrong and what to do about it.
    pub detail: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request could not be read (malformed JSON, a bad query string).
    #[error("{0}")]
    BadRequest(String),
    #[error("sign in first: send a bearer token from POST /api/v1/auth/token, or a session cookie")]
    Unauthenticated,
    #[error("the login or password is wrong")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the request body is larger than this server accepts ({} MiB); send less at a time", limit / (1024 * 1024))]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Well-formed but invalid input.
    #[error("{0}")]
    Unprocessable(String),
    #[error("too many sign-in attempts; wait {retry_after} seconds before trying again")]
    TooManyRequests { retry_after: u64 },
    /// Too many password checks are running or waiting; nothing was checked.
    #[error("the server is checking too many passwords at once; try again in a second")]
    Busy,
    /// Something unexpected; the string is logged, never shown.
    #[error("internal error")]
    Internal(String),
    /// The database could not take the write or record the read just now;
    /// nothing was recorded and no personal data was served. The string is
    /// logged, never shown.
    #[error("service unavailable")]
    Unavailable(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated | ApiError::BadCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Unavailable(_) | ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The answer for a record outside the caller's view: the same as for
    /// one that does not exist.
    pub fn not_found(what: &str) -> ApiError {
        ApiError::NotFound(format!("there is no {what} with this id that you may see"))
    }

    /// The answer when a role may not use a whole kind of resource.
    pub fn forbidden(what: &str) -> ApiError {
        ApiError::Forbidden(format!("your role may not {what}"))
    }

    /// A record named in the body (not in the path) that does not exist, or
    /// that the caller may not see: the request is well-formed but cannot
    /// be carried out, so 422 naming the member, not 404 (which would say
    /// the address itself names nothing).
    pub fn referenced(self, member: &str) -> ApiError {
        match self {
            ApiError::NotFound(why) => ApiError::Unprocessable(format!("{member}: {why}")),
            other => other,
        }
    }

    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(e.to_string())
    }
}

/// A problem response with this status and sentence.
pub fn problem(status: StatusCode, detail: impl Into<String>) -> Response {
    let body = Problem {
        kind: "about:blank",
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail: detail.into(),
    };
    let mut resp = (status, axum::Json(body)).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    resp
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let detail = match &self {
            ApiError::Internal(why) => {
                tracing::error!(error = %why, "request failed");
                "something went wrong on the server; the error was logged. Try again, and report it if it persists".to_owned()
            }
            ApiError::Unavailable(why) => {
                tracing::error!(error = %why, "request refused: the store is unavailable");
                "the server cannot record this just now; nothing was recorded. Try again in a moment".to_owned()
            }
            other => other.to_string(),
        };
        let mut resp = problem(status, detail);
        match self {
            ApiError::Unauthenticated | ApiError::BadCredentials => {
                resp.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"homeward\""),
                );
            }
            ApiError::Busy => {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(1u64));
            }
            ApiError::TooManyRequests { retry_after } => {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            ApiError::Unavailable(_) => {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        resp
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> ApiError {
        match r {
            // The rule's English is the problem's detail, as it always was.
            Refusal::Forbidden(rule) => ApiError::Forbidden(rule.to_string()),
            Refusal::NotFound(what) => ApiError::not_found(what.as_str()),
            Refusal::Invalid(rule) => ApiError::Unprocessable(rule.to_string()),
            Refusal::Conflict(rule) => ApiError::Conflict(rule.to_string()),
            Refusal::Trip(rule) => match rule {
                TripRule::NotLegTransitState { .. } => ApiError::Forbidden(rule.to_string()),
                r if r.is_invalid_input() => ApiError::Unprocessable(r.to_string()),
                r => ApiError::Conflict(r.to_string()),
            },
            Refusal::Transition(t) => match t {
                TransitionError::RoleNotAllowed { .. }
                | TransitionError::NotEscortOfTrip { .. }
                | TransitionError::PartyNotConcerned => ApiError::Forbidden(t.to_string()),
                TransitionError::ReasonRequired { .. } => ApiError::Unprocessable(t.to_string()),
                TransitionError::WrongState { .. } | TransitionError::Precondition(_) => {
                    ApiError::Conflict(t.to_string())
                }
            },
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Refused(r) => r.into(),
            StoreError::Unavailable(why) => ApiError::Unavailable(why),
            StoreError::AlreadyApplied { .. } => ApiError::Conflict(
                "a request with this Idempotency-Key was already applied; its answer was not kept. Look up the result instead of retrying".into(),
            ),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        match r {
            JsonRejection::JsonSyntaxError(e) => ApiError::BadRequest(format!(
                "the request body is not valid JSON: {}",
                e.body_text()
            )),
            JsonRejection::JsonDataError(e) => ApiError::Unprocessable(format!(
                "the JSON does not have the expected fields: {}",
                e.body_text()
            )),
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType(
                "send the body as JSON with the header Content-Type: application/json".into(),
            ),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge {
                    limit: crate::limits::BODY_LIMIT,
                }
            }
            other => ApiError::BadRequest(format!("the request body could not be read: {other}")),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::BadRequest(format!("the query string is not valid: {}", r.body_text()))
    }
}

/// `axum::Json` with rejections as problems: malformed JSON is 400,
/// well-formed JSON with wrong or missing fields is 422.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(v) = axum::Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(v))
    }
}

/// `axum::extract::Query` with rejections as problems (400).
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Query(v) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(ApiQuery(v))
    }
}
