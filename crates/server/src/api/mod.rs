//! The HTTP API under `/api/v1`.
//!
//! Each area keeps its routes next to its handlers (`fn router()`); this
//! module puts them together with the OpenAPI document, which `utoipa`
//! builds from the same handlers, and the interactive API page (Swagger UI,
//! compiled into the binary).
//!
//! Every handler follows the same order: authenticate ([`AuthUser`]), ask
//! the access policy about the kind of resource (a `403` reveals nothing),
//! load the record, ask the policy about that record (`404` if it is outside
//! the caller's view, exactly as if it did not exist), then read (redacting
//! what the policy hides, and logging the look) or write through
//! `Store::execute`, whose refusals become problems.
//!
//! [`AuthUser`]: crate::auth::AuthUser

pub mod admin;
pub mod auth;
pub mod cases;
pub mod children;
pub mod exports;
pub mod imports;
pub mod ledger;
pub mod matches;
pub mod public;
pub mod tracing_requests;
pub mod trips;
pub mod values;

use crate::AppState;
use crate::error::ApiError;
use axum::Router;
use homeward_domain::access::{Access, Action, Resource, can};
use homeward_domain::{Actor, PersonName};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Homeward API",
        description = "Bringing separated children home: registries, cases, trips and the access log. \
Authenticate with a bearer token from POST /api/v1/auth/token. Errors are application/problem+json (RFC 9457).",
    ),
    modifiers(&Security),
    security(("bearer" = []), ("cookie" = [])),
    tags(
        (name = "auth", description = "Tokens and the signed-in user"),
        (name = "children", description = "The children's registry, family members and the access log"),
        (name = "tracing requests", description = "Families looking for a child"),
        (name = "imports", description = "The parties' lists, imported whole"),
        (name = "matches", description = "The review queue: records the linkage engine proposes as one child, and the decisions on them"),
        (name = "cases", description = "The mediation workflow: one case per child"),
        (name = "trips", description = "Trips, legs and manifests"),
        (name = "administration", description = "Organisations and users"),
        (name = "ledger", description = "The shared ledger, the access log and the dashboard's figures"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

/// Documents the answers every operation can give besides its own: 401
/// where a sign-in is needed, 503 when the store cannot record (the read's
/// access event, or the write), 400/413/415/422 where a body or a query is
/// read, 400 and 404 where the path names a record, 409 for a repeated
/// `Idempotency-Key`, 414 for an address longer than the HTTP server reads,
/// and the `Idempotency-Key` header on every POST. Done once here so that
/// no handler can forget it.
struct Answers;

impl Modify for Answers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};
        let problem = |why: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(why)
                    .content(
                        crate::error::PROBLEM_JSON,
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build(),
            )
        };
        let add = |op: &mut Operation, code: &str, why: &str| {
            op.responses
                .responses
                .entry(code.to_owned())
                .or_insert_with(|| problem(why));
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let is_token = path.ends_with("/auth/token");
            let ops = [
                (item.get.as_mut(), "get"),
                (item.put.as_mut(), "put"),
                (item.post.as_mut(), "post"),
                (item.delete.as_mut(), "delete"),
                (item.patch.as_mut(), "patch"),
            ];
            for (op, method) in ops {
                let writes = matches!(method, "put" | "post" | "patch");
                let Some(op) = op else { continue };
                let public = op
                    .security
                    .as_ref()
                    .is_some_and(|s| serde_json::to_value(s).ok() == Some(serde_json::json!([{}])));
                if !public {
                    add(
                        op,
                        "401",
                        "Not signed in, or the token or session has ended",
                    );
                    add(
                        op,
                        "503",
                        "The store cannot record this just now; nothing was recorded. Try again",
                    );
                }
                let has_query = op.parameters.as_ref().is_some_and(|ps| {
                    ps.iter()
                        .any(|p| matches!(p, RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Query)))
                });
                if has_query || writes {
                    add(op, "400", "The query string or body could not be read");
                }
                if path.contains('{') {
                    add(op, "400", "The path could not be read");
                    add(op, "404", "No such record, or not one you may see");
                }
                // Answered by the HTTP server itself, before any route: no body.
                op.responses
                    .responses
                    .entry("414".to_owned())
                    .or_insert_with(|| {
                        RefOr::T(
                            ResponseBuilder::new()
                                .description(
                                    "The address (path and query) is longer than the server reads (64 KiB)",
                                )
                                .build(),
                        )
                    });
                // An import's body is a file, not JSON, and may be larger.
                let is_import = path.ends_with("/imports");
                if op.request_body.is_some() && !is_import {
                    add(
                        op,
                        "413",
                        "The body is larger than the server accepts (1 MiB)",
                    );
                    add(op, "415", "The body is not sent as JSON");
                    add(op, "422", "Well-formed but invalid");
                }
                if is_token && method == "post" {
                    add(
                        op,
                        "429",
                        "Too many failed sign-ins; wait as Retry-After says",
                    );
                } else if method == "post" && !public {
                    add(
                        op,
                        "409",
                        "Refused in this state, or a request with this Idempotency-Key was already applied",
                    );
                    op.parameters.get_or_insert_with(Vec::new).push(RefOr::T(
                        ParameterBuilder::new()
                            .name("Idempotency-Key")
                            .parameter_in(ParameterIn::Header)
                            .required(Required::False)
                            .schema(Some(
                                utoipa::openapi::ObjectBuilder::new()
                                    .schema_type(utoipa::openapi::schema::Type::String)
                                    .min_length(Some(1))
                                    .max_length(Some(200))
                                    .pattern(Some("^[!-~]+$")),
                            ))
                            .description(Some(
                                "Any 1-200 visible ASCII characters; a repeat with the same key is not applied again and gets the first answer",
                            ))
                            .build(),
                    ));
                }
            }
        }
    }
}

/// The OpenAPI document and the routes it describes, under `/api/v1`.
pub fn open_api_router() -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .merge(auth::router())
        .merge(children::router())
        .merge(exports::router())
        .merge(tracing_requests::router())
        .merge(imports::router())
        .merge(matches::router())
        .merge(cases::router())
        .merge(trips::router())
        .merge(admin::router())
        .merge(ledger::router())
        .merge(public::router());
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1)
}

/// The API's routes, its OpenAPI document at `/api/v1/openapi.json` and the
/// interactive page at `/api/v1/docs`.
pub fn router() -> Router<AppState> {
    let (routes, doc) = document();
    routes.merge(SwaggerUi::new("/api/v1/docs").url("/api/v1/openapi.json", doc))
}

/// The OpenAPI document, for tests and tools.
pub fn openapi() -> utoipa::openapi::OpenApi {
    document().1
}

/// The routes and the document, with the answers every operation shares
/// added once the paths are known.
fn document() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, mut doc) = open_api_router().split_for_parts();
    Answers.modify(&mut doc);
    (routes, describe_inlined(doc))
}

/// utoipa renders a documented member whose schema is inlined from
/// [`values`] (`value_type = values::Name, inline`) as
/// `allOf: [<schema>, {type: object, description}]`, which would say the
/// member is a string and an object at once. This puts the description on
/// the schema itself.
fn describe_inlined(doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    fn walk(v: &mut serde_json::Value) {
        use serde_json::Value;
        if let Value::Object(m) = v {
            let merged = match m.get("allOf") {
                Some(Value::Array(items)) if m.len() == 1 && items.len() == 2 => {
                    match (&items[0], &items[1]) {
                        (Value::Object(schema), Value::Object(note))
                            if note.len() == 2
                                && note.get("type") == Some(&Value::from("object"))
                                && note.get("description").is_some_and(Value::is_string) =>
                        {
                            let mut schema = schema.clone();
                            schema.insert("description".into(), note["description"].clone());
                            Some(Value::Object(schema))
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(merged) = merged {
                *v = merged;
            }
        }
        match v {
            Value::Object(m) => m.values_mut().for_each(walk),
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut value = match serde_json::to_value(&doc) {
        Ok(v) => v,
        Err(_) => return doc,
    };
    walk(&mut value);
    serde_json::from_value(value).unwrap_or(doc)
}

// ------------------------------------------------------------ shared parts

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListOut<T> {
    pub items: Vec<T>,
    /// How many rows the filters match in all.
    pub total: i64,
}

/// The id of a record just created.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: String,
}

/// Paging for every list.
#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Rows per page (default 50, at most 500).
    #[serde(default, deserialize_with = "page_limit")]
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Rows to skip (at most 1,000,000).
    #[serde(default, deserialize_with = "page_offset")]
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<u32>,
}

impl Paging {
    pub fn limit(&self) -> u32 {
        self.limit
            .unwrap_or(50)
            .clamp(1, homeward_store::read::MAX_PAGE)
    }

    pub fn offset(&self) -> u32 {
        self.offset.unwrap_or(0)
    }
}

/// The largest `offset` a list accepts: deeper pages are reached by
/// narrowing the filters.
pub const MAX_OFFSET: u32 = 1_000_000;

/// `limit` as documented: 1 to 500, or absent.
pub fn page_limit<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let v = Option::<u32>::deserialize(d)?;
    match v {
        Some(n) if !(1..=homeward_store::read::MAX_PAGE).contains(&n) => {
            Err(serde::de::Error::custom(format!(
                "limit must be between 1 and {}",
                homeward_store::read::MAX_PAGE
            )))
        }
        other => Ok(other),
    }
}

/// `offset` as documented: 0 to [`MAX_OFFSET`], or absent.
pub fn page_offset<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let v = Option::<u32>::deserialize(d)?;
    match v {
        Some(n) if n > MAX_OFFSET => Err(serde::de::Error::custom(format!(
            "offset must be at most {MAX_OFFSET}; narrow the filters to reach further"
        ))),
        other => Ok(other),
    }
}

/// Asks the policy about a kind of resource; anything but a yes is `403`.
pub fn gate(
    actor: &Actor,
    action: Action,
    resource: &Resource<'_>,
    what: &str,
) -> Result<(), ApiError> {
    if can(actor, action, resource).allowed() {
        Ok(())
    } else {
        Err(ApiError::forbidden(what))
    }
}

/// Asks the policy about one record: `Invisible` is `404`, `Deny` is `403`.
pub fn check(
    actor: &Actor,
    action: Action,
    resource: &Resource<'_>,
    kind: &str,
    refusal: &str,
) -> Result<Access, ApiError> {
    match can(actor, action, resource) {
        Access::Invisible => Err(ApiError::not_found(kind)),
        Access::Deny => Err(ApiError::forbidden(refusal)),
        a => Ok(a),
    }
}

/// A name as the API shows it, with a Latin spelling beside the original.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NameOut {
    pub family_name: String,
    pub given_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    /// Language and script of this spelling (BCP 47), e.g. `uk`, `ru`, `uk-Latn`.
    pub lang: String,
    /// `recorded`, `document`, `former` or `other`.
    pub kind: String,
    /// The name in Latin letters ("Given Family"), by the official
    /// romanization of its language.
    pub latin: String,
}

pub fn latin(s: &str, lang: &str) -> String {
    use homeward_linkage::translit::{System, romanize};
    let system = if lang.starts_with("ru") {
        System::RussianIcao2013
    } else {
        System::Ukrainian2010
    };
    romanize(s, system)
}

impl From<&PersonName> for NameOut {
    fn from(n: &PersonName) -> NameOut {
        let full = format!("{} {}", n.given_name, n.family_name);
        NameOut {
            family_name: n.family_name.clone(),
            given_name: n.given_name.clone(),
            patronymic: n.patronymic.clone(),
            lang: n.lang.clone(),
            kind: enum_str(&n.kind),
            latin: latin(full.trim(), &n.lang),
        }
    }
}

/// A serde enum's snake-case name.
pub fn enum_str<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A time in microseconds since the epoch as RFC 3339 (UTC).
pub fn rfc3339_micros(micros: i64) -> String {
    rfc3339(micros.div_euclid(1_000_000))
}

/// A time in seconds since the epoch as RFC 3339 (UTC).
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Seconds since the epoch of an RFC 3339 `date-time` (`2026-09-21T14:13:20Z`,
/// `2026-09-21T17:13:20+03:00`); `None` otherwise. A leap second (`:60`)
/// is read as the second before it.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day < 1
        || day > month_days[(month - 1) as usize]
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let second = second.min(59);
    // Fractions of a second are allowed and dropped.
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let digits = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        rest = &rest[1 + digits..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let d = |c: u8| i64::from(c - b'0');
            let (h, m) = (d(*h1) * 10 + d(*h2), d(*m1) * 10 + d(*m2));
            if h > 23 || m > 59 {
                return None;
            }
            let secs = h * 3600 + m * 60;
            if *sign == b'+' { secs } else { -secs }
        }
        _ => return None,
    };
    // Days-from-civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_times_are_read_back() {
        let cases = [
            ("1970-01-01T00:00:00Z", Some(0)),
            ("2000-02-29T12:00:00Z", Some(951_825_600)),
            ("2026-09-21T14:13:20Z", Some(1_790_000_000)),
            ("2026-09-21T17:13:20+03:00", Some(1_790_000_000)),
            ("2026-09-21T14:13:20.250Z", Some(1_790_000_000)),
            ("2026-09-21T11:13:20-03:00", Some(1_790_000_000)),
            ("2026-02-29T00:00:00Z", None),
            ("2026-09-21T24:00:00Z", None),
            ("2016-12-31T23:59:60Z", Some(1_483_228_799)),
            ("2026-09-21 14:13:20Z", None),
            (" 2026-09-21T14:13:20Z", None),
            ("2026-09-21t14:13:20z", Some(1_790_000_000)),
            ("2026-09-21T14:13:20", None),
            ("2026-09-21", None),
            ("next Tuesday", None),
        ];
        for (s, want) in cases {
            assert_eq!(super::parse_rfc3339(s), want, "{s}");
        }
    }

    #[test]
    fn times_are_rfc3339() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_825_600, "2000-02-29T12:00:00Z"),
            (1_790_000_000, "2026-09-21T14:13:20Z"),
        ];
        for (secs, want) in cases {
            assert_eq!(super::rfc3339(secs), want);
        }
    }
}
