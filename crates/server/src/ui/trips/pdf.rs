//! The manifest and the handover receipts of a leg, as PDF.

use super::*;

#[derive(Clone, Copy)]
enum Document {
    Manifest,
    Receipts,
}

async fn pdf(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    (trip_id, leg_id): (String, String),
    which: Document,
) -> Response {
    let actor = &user.actor;
    let docs = match LegDocuments::load(
        &state.store,
        &viewer(actor),
        &TripId(trip_id),
        &LegId(leg_id),
        actor.role != Role::TransitOfficer,
    )
    .await
    {
        Ok(Some(d)) => d,
        Ok(None) => return ctx.not_found(),
        Err(e) => return ctx.internal("manifest", e),
    };
    let resource = Resource::Manifest {
        transit_org: docs.leg.transit_org.as_ref(),
        escorts: &docs.trip.escorts,
    };
    if !access::can(actor, Action::Read, &resource).allowed() {
        return ctx.not_found();
    }
    let via = match which {
        Document::Manifest => VIA_MANIFEST_PDF,
        Document::Receipts => VIA_RECEIPTS_PDF,
    };
    if let Err(e) = state.store.record_accesses(actor, docs.seen(), via).await {
        return ctx.internal("manifest", e);
    }
    let rendered = match which {
        Document::Manifest => docs.manifest_pdf(&ctx.tr, now_secs()),
        Document::Receipts => docs.receipts_pdf(&ctx.tr, now_secs()),
    };
    match rendered {
        Ok(bytes) => pdf_response(bytes, which),
        Err(e) => ctx.internal("manifest", e),
    }
}

fn pdf_response(bytes: Vec<u8>, which: Document) -> Response {
    let name = match which {
        Document::Manifest => "manifest.pdf",
        Document::Receipts => "handover-receipts.pdf",
    };
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

pub async fn manifest_pdf(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Path(ids): Path<(String, String)>,
) -> Response {
    pdf(&state, &ctx, &user, ids, Document::Manifest).await
}

pub async fn receipts_pdf(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Path(ids): Path<(String, String)>,
) -> Response {
    pdf(&state, &ctx, &user, ids, Document::Receipts).await
}
