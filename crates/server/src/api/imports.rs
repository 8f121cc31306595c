//! Imports of the parties' lists: `POST /api/v1/imports`.
//!
//! The body is the file itself (CSV or XLSX, told apart by its bytes, not
//! by the `Content-Type`), up to [`IMPORT_BODY_LIMIT`]; the query string
//! says whose list it is and how to read it. Who may import is asked of the
//! access policy before the body is read. A file with problems stores
//! nothing and is answered 422 with every problem (up to
//! [`MAX_LISTED_ERRORS`]); those quote the file's values back to the one
//! who sent them, and are never logged.
//!
//! [`IMPORT_BODY_LIMIT`]: crate::limits::IMPORT_BODY_LIMIT

use super::values::{self, ImportKind, ImportLang, In};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiQuery, PROBLEM_JSON, Problem};
use crate::imports::{self, ImportError, Upload};
use crate::limits::IMPORT_BODY_LIMIT;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use homeward_domain::OrgId;
use homeward_domain::access::{Action, Resource, can};
use homeward_lists::{Detected, ListError, ListKind, Mapping, Matched, NameLang};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The most problems a 422 lists; `error_count` says how many there are.
pub const MAX_LISTED_ERRORS: usize = 5000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(import_list))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The party whose list it is: its organisation id. A party officer
    /// imports only their own organisation's lists.
    #[param(value_type = values::Id, inline)]
    pub party: String,
    /// What the list holds: `children` (the default) or `tracing_requests`.
    #[param(value_type = Option<values::ImportKindWord>, inline)]
    pub kind: Option<String>,
    /// `true`: read the file, check every row and say what an import would
    /// do, storing nothing (answered 200 without an `import_id`).
    #[serde(default)]
    pub dry_run: bool,
    /// The list's name in the registry, 1 to 200 characters, not only
    /// spaces (default `list imported on YYYY-MM-DD`).
    #[param(value_type = values::Label, inline)]
    pub list_name: Option<String>,
    /// The language of the names: `auto` (the default: from their letters;
    /// Ukrainian-only letters і ї є ґ make `uk`, other Cyrillic `ru`, Latin
    /// `en`) or one of `uk`, `ru`, `en`, `ar`, `uk-Latn`, `ru-Latn`.
    #[param(value_type = Option<values::ImportLangWord>, inline)]
    pub lang: Option<String>,
    /// A mapping file's text, for headers the server does not know: lines
    /// `source column,field` (an optional first line `source_column,field`;
    /// an empty field or `-` ignores the column). At most 4,096 characters,
    /// so that the whole address stays within what HTTP servers read (a
    /// longer address is answered 414); a larger mapping is better written
    /// into the file's header.
    #[param(max_length = 4096)]
    pub mapping: Option<String>,
}

/// The longest `mapping` the query takes, in characters.
pub const MAX_MAPPING: usize = 4096;

/// What the reader found in the file: headers only, never a value.
#[derive(Debug, Serialize, ToSchema)]
pub struct DetectedOut {
    /// `csv` or `xlsx`.
    pub format: String,
    /// CSV only: `UTF-8`, `UTF-8 with byte-order mark`, `UTF-16LE`, `UTF-16BE` or `Windows-1251`.
    pub encoding: Option<String>,
    /// CSV only: `comma`, `semicolon` or `tab`.
    pub delimiter: Option<String>,
    /// XLSX only: the sheet read (always the first).
    pub sheet: Option<String>,
    pub header_line: usize,
    /// The line of the HXL hashtag row, if there is one.
    pub hxl_line: Option<usize>,
    /// Data rows, blank rows not counted.
    pub data_rows: usize,
    pub columns: Vec<ColumnOut>,
}

/// One column of the file and what it was read as.
#[derive(Debug, Serialize, ToSchema)]
pub struct ColumnOut {
    /// Position in the file, from 0.
    pub index: usize,
    /// The header as written (or the HXL tag, or `(N)`).
    pub name: String,
    pub hxl: Option<String>,
    /// The field it gives (`id`, `family_name`, …); null when left out.
    pub field: Option<String>,
    /// `header`, `hxl`, `mapping`, `ignored` (by the mapping), `unknown` or `other_kind`.
    pub matched: String,
}

/// What an import did, or in a dry run would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    /// The import's id (its ledger entry is `list_imported`); null in a dry run.
    pub import_id: Option<String>,
    pub dry_run: bool,
    /// `children` or `tracing_requests`.
    pub kind: String,
    pub list_name: String,
    /// SHA-256 of the file, lower-case hexadecimal.
    pub sha256: String,
    pub rows: u64,
    /// Records registered: ids the party had not listed before.
    pub new: u64,
    /// Records amended: a row changed a field.
    pub updated: u64,
    /// Rows that changed nothing.
    pub unchanged: u64,
    /// Rows naming a record whose personal data was erased (left erased).
    pub erased: u64,
    pub detected: DetectedOut,
    /// Pairs the matching run after the import added to the review queue
    /// (`GET /api/v1/matches`); null in a dry run or when the run failed
    /// (the import stands; run it again with `POST /api/v1/matches/runs`).
    pub matches_proposed: Option<usize>,
}

/// One problem of the file. Quotes the file's value: it goes back only to
/// whoever sent the file.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListProblemOut {
    /// The data row, from 1; null for a problem of the header.
    pub row: Option<usize>,
    /// The physical line of the CSV file, or the sheet's row.
    pub line: usize,
    /// The column as written in the file; null when no one column is at fault.
    pub column: Option<String>,
    pub value: Option<String>,
    /// Why, in a sentence.
    pub problem: String,
    /// `row N (line M), column C: value 'V' — why`, or `header (line M), column C: why`.
    pub message: String,
}

/// A file with problems: RFC 9457 with the list of problems.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportProblem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// How many problems the file has in all. Absent when the refusal is
    /// not about the file's rows (an unusable mapping, a party that may
    /// not send this list): then the document is a plain problem.
    #[schema(required = false)]
    pub error_count: usize,
    /// Every problem, in file order (at most 5,000); absent with
    /// `error_count`.
    #[schema(required = false)]
    pub errors: Vec<ListProblemOut>,
    /// What the reader made of the header, to check the columns.
    pub detected: Option<DetectedOut>,
}

fn detected_out(d: &Detected) -> DetectedOut {
    DetectedOut {
        format: d.format.to_string().to_lowercase(),
        encoding: d.encoding.map(|e| e.to_string()),
        delimiter: d.delimiter.map(|d| imports::delimiter_name(d).to_owned()),
        sheet: d.sheet.clone(),
        header_line: d.header_line,
        hxl_line: d.hxl_line,
        data_rows: d.data_rows,
        columns: d
            .columns
            .iter()
            .map(|c| ColumnOut {
                index: c.index,
                name: c.name.clone(),
                hxl: c.hxl.clone(),
                field: c.field.map(|f| f.as_str().to_owned()),
                matched: match c.matched {
                    Matched::Mapping { .. } => "mapping",
                    Matched::Hxl => "hxl",
                    Matched::Header => "header",
                    Matched::Ignored { .. } => "ignored",
                    Matched::Unknown => "unknown",
                    Matched::OtherKind(_) => "other_kind",
                }
                .to_owned(),
            })
            .collect(),
    }
}

pub fn problem_out(e: &ListError) -> ListProblemOut {
    const LONGEST_VALUE: usize = 200;
    match e {
        ListError::Row(r) => {
            let mut value: String = r.value.chars().take(LONGEST_VALUE).collect();
            if r.value.chars().count() > LONGEST_VALUE {
                value.push('…');
            }
            ListProblemOut {
                row: Some(r.row),
                line: r.line,
                column: Some(r.column.clone()),
                value: Some(value),
                problem: r.problem.to_string(),
                message: r.to_string(),
            }
        }
        ListError::Column(c) => ListProblemOut {
            row: None,
            line: c.line,
            column: c.column.clone(),
            value: None,
            problem: c.problem.to_string(),
            message: c.to_string(),
        },
    }
}

fn unprocessable(detail: String, errors: &[ListError], detected: Option<&Detected>) -> Response {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let body = ImportProblem {
        kind: "about:blank",
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
        error_count: errors.len(),
        errors: errors
            .iter()
            .take(MAX_LISTED_ERRORS)
            .map(problem_out)
            .collect(),
        detected: detected.map(detected_out),
    };
    let mut resp = (status, Json(body)).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    // The problems quote the file: never kept for an idempotent replay.
    resp.extensions_mut()
        .insert(crate::idempotency::CarriesPersonalData);
    resp
}

/// The API's default name for a list: the day it came in.
fn default_list_name() -> String {
    let today = super::rfc3339(crate::auth::now_secs());
    format!("list imported on {}", &today[..10])
}

/// Imports a party's list of children or tracing requests.
///
/// The body is the file as it is: CSV (UTF-8 with or without a byte-order
/// mark, UTF-16 with a mark, or Windows-1251; comma, semicolon or tab) or
/// XLSX (the first sheet), at most 32 MiB. Headers in English, Ukrainian
/// or Russian, HXL hashtags, or the `mapping` parameter name the columns;
/// the `id` column is the record's id in the party's list. Every row is
/// validated: a file with any problem stores nothing (422, every problem
/// listed). Otherwise the whole list is one ledger entry (`list_imported`,
/// with the file's SHA-256) and one entry per record it registers or
/// amends, all in one transaction: an id the party never sent registers a
/// record, a known id amends its record only when a field changed, and
/// unchanged rows do nothing, so sending a list again creates no
/// duplicates (its second import reports every row unchanged).
#[utoipa::path(
    post,
    path = "/imports",
    tag = "imports",
    params(ImportQuery),
    request_body(
        description = "The list file's bytes (CSV or XLSX; the format is read from the bytes)",
        content(
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/octet-stream"),
        ),
    ),
    responses(
        (status = 201, description = "Imported", body = ImportOut),
        (status = 200, description = "Dry run: what an import would do; nothing stored", body = ImportOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 32 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is a form (multipart or URL-encoded), not the file itself", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file has problems (every one listed) or cannot be read as a list; nothing stored", body = ImportProblem, content_type = "application/problem+json"),
    )
)]
async fn import_list(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let actor = &user.actor;
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| {
            v.starts_with("multipart/") || v.starts_with("application/x-www-form-urlencoded")
        });
    if form {
        return Err(ApiError::UnsupportedMediaType(
            "send the list file itself as the body (text/csv, the XLSX type or application/octet-stream), not a form".into(),
        ));
    }
    values::ID.check(In::Query, "party", &q.party)?;
    let party = OrgId(q.party.clone());
    // Asked before the body is read: a 403 costs no upload.
    if !can(actor, Action::Write, &Resource::List { party: &party }).allowed() {
        return Err(ApiError::forbidden(
            "import this party's lists (mediator staff import any party's, a party officer only their own)",
        ));
    }
    let kind = match values::query_word("kind", q.kind.as_deref())? {
        None | Some(ImportKind::Children) => ListKind::Children,
        Some(ImportKind::TracingRequests) => ListKind::TracingRequests,
    };
    let lang =
        values::query_word::<ImportLang>("lang", q.lang.as_deref())?.unwrap_or(ImportLang::Auto);
    let lang = NameLang::parse(lang.as_str()).map_err(ApiError::BadRequest)?;
    if let Some(l) = &q.list_name {
        values::LABEL.check(In::Query, "list_name", l)?;
    }
    let mapping = match q.mapping.as_deref() {
        None => None,
        Some(text) if text.chars().count() > MAX_MAPPING => {
            return Err(ApiError::BadRequest(format!(
                "mapping must be at most {MAX_MAPPING} characters long; name the columns in the file's header instead"
            )));
        }
        Some(text) => Some(Mapping::parse(text.as_bytes()).map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            ApiError::Unprocessable(format!("the mapping is not usable: {}", lines.join("; ")))
        })?),
    };
    let list_name = q
        .list_name
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(default_list_name);
    let bytes = axum::body::to_bytes(body, IMPORT_BODY_LIMIT)
        .await
        .map_err(|_| ApiError::PayloadTooLarge {
            limit: IMPORT_BODY_LIMIT,
        })?;
    let upload = Upload {
        bytes: bytes.to_vec(),
        kind,
        mapping,
        party,
        list_name: list_name.clone(),
        lang,
        dry_run: q.dry_run,
        then_match: true,
    };
    let done = match imports::import(&state.store, actor, upload, |_| {}).await {
        Ok(done) => done,
        Err(ImportError::Unreadable(e)) => {
            return Ok(unprocessable(
                format!("the file cannot be read as a list: {e}"),
                &[],
                None,
            ));
        }
        Err(ImportError::Invalid {
            detected, errors, ..
        }) => {
            return Ok(unprocessable(
                format!(
                    "{} problem(s) in the list; nothing was imported. Fix them and send the whole file again",
                    errors.len()
                ),
                &errors,
                Some(&detected),
            ));
        }
        Err(ImportError::Store(e)) => return Err(e.into()),
    };
    let out = ImportOut {
        import_id: done.import_id.as_ref().map(|i| i.0.clone()),
        dry_run: q.dry_run,
        kind: kind.as_str().to_owned(),
        list_name,
        sha256: done.sha256,
        rows: done.counts.rows,
        new: done.counts.new,
        updated: done.counts.updated,
        unchanged: done.counts.unchanged,
        erased: done.counts.erased,
        detected: detected_out(&done.detected),
        matches_proposed: done.matches.as_ref().map(|m| m.proposed),
    };
    let status = if q.dry_run {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(out)).into_response())
}
