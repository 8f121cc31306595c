//! A leg's manifest: who is on board, as JSON or as a printable PDF.

use super::*;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(manifest))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ManifestEntryOut {
    pub case_id: String,
    pub child_id: String,
    pub state: String,
    pub names: Vec<NameOut>,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ManifestOut {
    pub trip_id: String,
    pub leg: LegOut,
    pub children: Vec<ManifestEntryOut>,
}

pub const VIA_MANIFEST: &str = "GET /api/v1/trips/{trip_id}/legs/{leg_id}/manifest";

/// Whether the request asks for the PDF rather than JSON.
fn wants_pdf(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| {
            a.split(',').any(|m| {
                m.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/pdf"))
            })
        })
}

/// The manifest of one leg: who travels, as JSON or, with `Accept:
/// application/pdf`, as the printable PDF (in the language of
/// `Accept-Language`: en, uk, ru or ar). The read is written to the access
/// log with every child on it.
#[utoipa::path(
    get,
    path = "/trips/{trip_id}/legs/{leg_id}/manifest",
    tag = "trips",
    params(
        ("trip_id" = String, Path, description = "The trip's id"),
        ("leg_id" = String, Path, description = "The leg's id"),
    ),
    responses(
        (status = 200, body = ManifestOut, description = "The manifest (JSON, or a PDF when asked)"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn manifest(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    Path((trip_id, leg_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (leg, escorts) = state
        .store
        .leg(&LegId(leg_id))
        .await?
        .filter(|(l, _)| l.trip_id.0 == trip_id)
        .ok_or_else(|| ApiError::not_found("leg"))?;
    check(
        &user.actor,
        Action::Read,
        &Resource::Manifest {
            transit_org: leg.transit_org.as_ref(),
            escorts: &escorts,
        },
        "leg",
        "read this manifest",
    )?;
    if wants_pdf(&headers) {
        let lang = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Lang::En, Lang::negotiate);
        let docs = LegDocuments::load(
            &state.store,
            &viewer(&user.actor),
            &leg.trip_id,
            &leg.leg_id,
            user.actor.role != Role::TransitOfficer,
        )
        .await?
        .ok_or_else(|| ApiError::not_found("leg"))?;
        state
            .store
            .record_accesses(&user.actor, docs.seen(), VIA_MANIFEST)
            .await?;
        let tr = crate::documents::translator(lang);
        let bytes = docs
            .manifest_pdf(&tr, now_secs())
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        return Ok((
            [
                (header::CONTENT_TYPE, "application/pdf"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response());
    }
    let entries = state.store.manifest(&leg.trip_id).await?;
    // The leg's manifest and every child on it, as one entry: each child's
    // access log shows who read the manifest.
    state
        .store
        .record_accesses(
            &user.actor,
            crate::documents::seen(&leg.leg_id, &entries),
            VIA_MANIFEST,
        )
        .await?;
    Ok(Json(ManifestOut {
        trip_id: leg.trip_id.0.clone(),
        leg: leg_out(&leg),
        children: entries
            .iter()
            .map(|e| {
                let d = e.details.as_ref();
                ManifestEntryOut {
                    case_id: e.case_id.0.clone(),
                    child_id: e.child_id.0.clone(),
                    state: e.state.as_str().to_owned(),
                    names: d.map_or_else(Vec::new, |d| d.names.iter().map(NameOut::from).collect()),
                    sex: d.and_then(|d| d.sex).map(|s| crate::api::enum_str(&s)),
                    birth_date: d.and_then(|d| d.birth_date).map(|b| b.to_string()),
                }
            })
            .collect(),
    })
    .into_response())
}
