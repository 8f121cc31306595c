//! The printed documents of a leg — its manifest and the handover
//! receipts — built from the store and rendered by `homeward-documents` in
//! the reader's language. Used by the API (`Accept: application/pdf`) and
//! by the web UI's print buttons; both log every child on the document as
//! read.

use crate::names::latin;
use crate::ui::data::full_name;
use crate::ui::i18n::{Lang, Tr};
use homeward_documents::{Direction, Labels, LegInfo, Manifest, ManifestChild, Receipt};
use homeward_domain::access::Viewer;
use homeward_domain::event::{AccessedRecord, RecordKind};
use homeward_domain::*;
use homeward_store::read::{HandoverRow, LegRow, ManifestEntry, TripRow};
use homeward_store::{Store, StoreError};
use std::collections::HashMap;

/// How a printed manifest appears in the access log.
pub const VIA_MANIFEST_PDF: &str = "PDF manifest of a leg";
/// How printed handover receipts appear in the access log.
pub const VIA_RECEIPTS_PDF: &str = "PDF handover receipts of a leg";

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the document could not be rendered: {0}")]
    Render(#[from] homeward_documents::DocumentError),
}

/// A translator for documents asked for through the API (the web UI has
/// its own, per reader).
pub fn translator(lang: Lang) -> Tr {
    static CATALOG: std::sync::OnceLock<std::sync::Arc<crate::ui::i18n::Catalog>> =
        std::sync::OnceLock::new();
    let catalog = CATALOG.get_or_init(|| std::sync::Arc::new(crate::ui::i18n::Catalog::new()));
    Tr::new(catalog.clone(), lang)
}

/// What reading a leg's manifest shows, for the access log: the manifest
/// and every child on it whose record is not erased.
pub fn seen(leg: &LegId, entries: &[ManifestEntry]) -> Vec<AccessedRecord> {
    std::iter::once(AccessedRecord {
        kind: RecordKind::Manifest,
        id: leg.0.clone(),
    })
    .chain(
        entries
            .iter()
            .filter(|e| e.details.is_some())
            .map(|e| AccessedRecord {
                kind: RecordKind::Child,
                id: e.child_id.0.clone(),
            }),
    )
    .collect()
}

/// `2026-09-21 14:13 UTC`.
fn labels(tr: &Tr) -> Labels {
    let t = |k: &str| tr.t(k);
    Labels {
        manifest_title: t("doc-manifest"),
        receipt_title: t("doc-receipt"),
        trip: t("doc-trip"),
        leg: t("doc-leg"),
        from: t("doc-from"),
        to: t("doc-to"),
        transit_state: t("doc-transit-state"),
        carrier: t("doc-carrier"),
        departs: t("doc-departs"),
        arrives: t("doc-arrives"),
        escorts: t("doc-escorts"),
        child: t("doc-child"),
        name_latin: t("doc-name-latin"),
        name_original: t("doc-name-original"),
        birth_date: t("doc-birth-date"),
        sex: t("doc-sex"),
        documents: t("doc-documents"),
        goes_to: t("doc-goes-to"),
        medical_needs: t("doc-medical-needs"),
        handed_over_by: t("doc-handed-over-by"),
        received_by: t("doc-received-by"),
        place: t("doc-place"),
        time: t("doc-time"),
        signature: t("doc-signature"),
        generated: t("doc-generated"),
        confidential: t("doc-confidential"),
    }
}

fn direction(tr: &Tr) -> Direction {
    if tr.lang == Lang::Ar {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// Everything a leg's documents need, read once.
pub struct LegDocuments {
    pub trip: TripRow,
    pub leg: LegRow,
    pub entries: Vec<ManifestEntry>,
    pub logins: HashMap<UserId, String>,
    pub orgs: HashMap<OrgId, String>,
    pub handovers: Vec<HandoverRow>,
    /// Medical needs are printed for mediator staff and escorts, who need
    /// them on the way; not for a transit state.
    pub medical: bool,
}

impl LegDocuments {
    pub async fn load(
        store: &Store,
        viewer: &Viewer,
        trip_id: &TripId,
        leg_id: &LegId,
        medical: bool,
    ) -> Result<Option<LegDocuments>, StoreError> {
        let Some(trip) = store.trip(viewer, trip_id).await? else {
            return Ok(None);
        };
        let Some(leg) = trip.legs.iter().find(|l| &l.leg_id == leg_id).cloned() else {
            return Ok(None);
        };
        let entries = store.manifest(trip_id).await?;
        let logins = store
            .users()
            .await?
            .into_iter()
            .map(|u| (u.id, u.login))
            .collect();
        let orgs = store
            .organisations()
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let handovers = store.trip_handovers(trip_id).await?;
        Ok(Some(LegDocuments {
            trip,
            leg,
            entries,
            logins,
            orgs,
            handovers,
            medical,
        }))
    }

    /// The children on the documents, for the access log.
    pub fn seen(&self) -> Vec<AccessedRecord> {
        seen(&self.leg.leg_id, &self.entries)
    }

    fn leg_info(&self, tr: &Tr) -> LegInfo {
        LegInfo {
            trip_name: self.trip.name.clone(),
            position: self.leg.position as u32,
            legs: self.trip_legs(),
            from_place: self.leg.from_place.clone(),
            to_place: self.leg.to_place.clone(),
            transit_state: self
                .leg
                .transit_org
                .as_ref()
                .map(|o| self.orgs.get(o).cloned().unwrap_or_default()),
            carrier: self.leg.carrier.clone(),
            departs_at: tr.lang.date_time(self.leg.departs_at),
            arrives_at: Some(
                self.leg
                    .arrives_at
                    .map_or_else(|| tr.t("doc-unknown"), |t| tr.lang.date_time(t)),
            ),
        }
    }

    fn trip_legs(&self) -> u32 {
        // A transit state sees only its legs; the position says where this
        // one is, the count is the trip's.
        self.trip
            .legs
            .iter()
            .map(|l| l.position)
            .max()
            .unwrap_or(self.leg.position) as u32
    }

    fn child(&self, tr: &Tr, e: &ManifestEntry) -> ManifestChild {
        let Some(d) = &e.details else {
            return ManifestChild {
                name_original: tr.t("doc-erased"),
                ..ManifestChild::default()
            };
        };
        let first = d.names.first();
        let original = first.map(full_name).unwrap_or_default();
        let name_latin = first.map_or_else(String::new, |n| latin(&original, &n.lang));
        let medical: Vec<&str> = d
            .circumstances
            .iter()
            .filter_map(|c| match c {
                Circumstance::MedicalNeeds { note } => Some(note.as_str()),
                _ => None,
            })
            .collect();
        ManifestChild {
            name_latin,
            name_original: original,
            birth_date: d.birth_date.map(|b| b.to_string()),
            sex: d
                .sex
                .map(|s| tr.k("sex-", crate::api::enum_str(&s).as_str())),
            documents: d
                .documents
                .iter()
                .map(|doc| {
                    format!(
                        "{} {} ({})",
                        tr.k("record-doc-", crate::api::enum_str(&doc.kind).as_str()),
                        doc.number,
                        doc.issued_by
                    )
                })
                .collect(),
            goes_to: e.guardian.as_ref().map(|m| {
                let name = m
                    .details
                    .as_ref()
                    .map_or_else(String::new, |d| full_name(&d.name));
                format!("{name} ({})", tr.k("rel-", m.relationship.as_str()))
            }),
            medical_needs: (self.medical && !medical.is_empty()).then(|| medical.join("; ")),
        }
    }

    pub fn manifest_pdf(&self, tr: &Tr, now: i64) -> Result<Vec<u8>, DocumentError> {
        let manifest = Manifest {
            leg: self.leg_info(tr),
            escorts: self
                .leg
                .escorts
                .iter()
                .map(|u| self.logins.get(u).cloned().unwrap_or_else(|| u.0.clone()))
                .collect(),
            children: self.entries.iter().map(|e| self.child(tr, e)).collect(),
            generated_at: tr.lang.date_time(now),
        };
        Ok(homeward_documents::manifest_pdf(
            &manifest,
            &labels(tr),
            direction(tr),
        )?)
    }

    /// One receipt per child on the leg: filled in where the handover is
    /// recorded, with blank lines to complete by hand where it is not.
    pub fn receipts_pdf(&self, tr: &Tr, now: i64) -> Result<Vec<u8>, DocumentError> {
        let receipts: Vec<Receipt> = self
            .entries
            .iter()
            .map(|e| {
                let done = self
                    .handovers
                    .iter()
                    .find(|h| h.case_id == e.case_id && h.leg_id == self.leg.leg_id);
                let received_by = done.map_or_else(String::new, |h| self.receiver(h));
                Receipt {
                    leg: self.leg_info(tr),
                    child: self.child(tr, e),
                    handed_over_by: done
                        .and_then(|h| h.handed_over_by.as_ref())
                        .and_then(|u| self.logins.get(u).cloned())
                        .unwrap_or_default(),
                    received_by,
                    place: done
                        .and_then(|h| h.place.clone())
                        .unwrap_or_else(|| self.leg.to_place.clone()),
                    time: done
                        .and_then(|h| h.at)
                        .map(|t| tr.lang.date_time(t))
                        .unwrap_or_default(),
                    generated_at: tr.lang.date_time(now),
                }
            })
            .collect();
        Ok(homeward_documents::receipts_pdf(
            &receipts,
            &labels(tr),
            direction(tr),
        )?)
    }

    /// Who received the child at a handover, as printed.
    fn receiver(&self, h: &HandoverRow) -> String {
        match h.receiver_kind.as_deref() {
            Some("family_member") => h
                .receiving_member
                .as_ref()
                .map_or_else(String::new, |d| full_name(&d.name)),
            _ => {
                let org = h
                    .receiver_id
                    .as_ref()
                    .and_then(|o| self.orgs.get(&OrgId(o.clone())))
                    .cloned()
                    .unwrap_or_default();
                match &h.received_by {
                    Some(name) if !name.is_empty() => format!("{name}, {org}"),
                    _ => org,
                }
            }
        }
    }
}
