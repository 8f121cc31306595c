//! Exports: the registry as a spreadsheet (see [`crate::export`]).

use super::gate;
use super::values::{self, ExportFormat};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiQuery, Problem};
use crate::export::{self, Format};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use homeward_domain::access::{Action, Resource};
use homeward_domain::{CaseState, OrgId};
use homeward_store::read::ChildFilter;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export_children))
}

pub const VIA_EXPORT: &str = "GET /api/v1/exports/children";

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (UTF-8 with a byte-order mark, the default) or `xlsx`.
    #[param(value_type = Option<values::ExportFormatWord>, inline)]
    pub format: Option<String>,
    /// Names in any script and spelling.
    pub q: Option<String>,
    /// Only children submitted by this organisation.
    pub org_id: Option<String>,
    /// Only children with a case in this state.
    #[param(value_type = Option<values::CaseStateWord>, inline)]
    pub case_state: Option<String>,
}

/// The children you may see, as a spreadsheet: every row the registry
/// would list for the same filters, with the columns no viewer hides
/// (`id, family_name, given_name, patronymic, sex, birth_date, birth_place,
/// name_latin, lang, submitted_by, list_name, case_state, custody`). Every
/// child in it is written to the access log, as one entry, before the file
/// is sent. Cells a spreadsheet would read as formulas start with `'`.
#[utoipa::path(
    get,
    path = "/exports/children",
    tag = "children",
    params(ExportQuery),
    responses(
        (status = 200, description = "The file: CSV, or XLSX with `format=xlsx`", content(
            (String = "text/csv"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not see children", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn export_children(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let actor = &user.actor;
    gate(
        actor,
        Action::Read,
        &Resource::Children,
        "see the children's registry",
    )?;
    let format = match values::query_word("format", q.format.as_deref())? {
        None | Some(ExportFormat::Csv) => Format::Csv,
        Some(ExportFormat::Xlsx) => Format::Xlsx,
    };
    let case_state = values::query_word::<CaseState>("case_state", q.case_state.as_deref())?;
    let filter = ChildFilter {
        q: q.q.filter(|s| !s.trim().is_empty()),
        org: q.org_id.map(OrgId),
        case_state,
        ..ChildFilter::default()
    };
    let (table, seen) = export::children(&state.store, actor, &filter).await?;
    state.store.record_accesses(actor, seen, VIA_EXPORT).await?;
    let bytes = export::render(&table, format).map_err(ApiError::internal)?;
    let disposition = format!("attachment; filename=\"children.{}\"", format.extension());
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(ApiError::internal)?,
            ),
        ],
        bytes,
    )
        .into_response())
}
