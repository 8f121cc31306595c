//! The forms a child's page holds for its record: the edit link, a family
//! member or guardian, and custody. [`RecordForms`] offers them to those
//! who may use them and, after a refusal, holds what was typed.

use super::child_form::{NAME_LANGS, too_long};
use super::{is_mediator_staff, keeps_record};
use crate::api::children::person_name;
use crate::api::values::{self, In, Vocabulary};
use crate::ui::i18n::Tr;
use homeward_domain::{
    Actor, ChildId, CustodyKind, CustodyPlace, FamilyMemberDetails, Relationship,
};
use homeward_store::read::ChildSummary;
use homeward_store::{Store, StoreError};
use serde::Deserialize;

/// The family and custody forms on a child's page, and its edit link:
/// offered to those who may use them, holding what a refused form had
/// typed.
pub struct RecordForms {
    pub child_id: String,
    pub may_write: bool,
    /// Custody at the mediator's embassy is the mediator's to record.
    pub embassy: bool,
    pub family: FamilyForm,
    pub custody: CustodyForm,
}

impl RecordForms {
    /// Blank forms for the child `child_id`, for `actor`.
    pub async fn blank(
        store: &Store,
        actor: &Actor,
        child_id: &str,
    ) -> Result<RecordForms, StoreError> {
        let child = store.child_summary(&ChildId::from(child_id)).await?;
        Ok(RecordForms::new(actor, child_id, child.as_ref()))
    }

    pub(super) fn new(actor: &Actor, child_id: &str, child: Option<&ChildSummary>) -> RecordForms {
        let may_write = child.is_some_and(|c| keeps_record(actor, c));
        RecordForms {
            child_id: child_id.to_owned(),
            may_write,
            embassy: may_write && is_mediator_staff(actor),
            family: FamilyForm::blank(),
            custody: CustodyForm::default(),
        }
    }

    /// The relationships offered: the API's vocabulary, in its order.
    pub fn relationships(&self) -> &'static [&'static str] {
        <Relationship as Vocabulary>::WORDS
    }

    /// The kinds of custody this reader may record, from the API's
    /// vocabulary.
    pub fn custody_kinds(&self) -> Vec<&'static str> {
        <CustodyKind as Vocabulary>::WORDS
            .iter()
            .copied()
            .filter(|k| self.embassy || *k != "embassy")
            // Custody on the way home follows the trip's departures and
            // handovers; it is not typed in.
            .filter(|k| !matches!(*k, "escort" | "transit_state"))
            .collect()
    }

    pub fn name_langs(&self) -> &'static [&'static str] {
        &NAME_LANGS
    }
}

/// A family member or guardian, as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FamilyForm {
    pub relationship: String,
    pub given_name: String,
    pub family_name: String,
    pub patronymic: String,
    pub lang: String,
    pub status: String,
    pub contact: String,
    #[serde(skip)]
    pub errors: Vec<String>,
}

impl FamilyForm {
    fn blank() -> FamilyForm {
        FamilyForm {
            lang: "uk".into(),
            ..FamilyForm::default()
        }
    }

    pub(super) fn read(&mut self, tr: &Tr) -> Option<(Relationship, FamilyMemberDetails)> {
        let relationship = values::word::<Relationship>(In::Body, "", &self.relationship).ok();
        if relationship.is_none() {
            self.errors.push(tr.t("record-error-relationship"));
        }
        let names = [&self.given_name, &self.family_name, &self.patronymic];
        if names.iter().any(|n| too_long(values::OPTIONAL_NAME, n)) {
            let max = values::OPTIONAL_NAME.max as i64;
            self.errors
                .push(tr.n("record-error-family-name-long", "max", max));
        } else if values::is_blank(&self.given_name) && values::is_blank(&self.family_name) {
            self.errors.push(tr.t("record-error-family-name"));
        }
        if values::lang(In::Body, "", Some(&self.lang)).is_err() {
            self.errors.push(tr.t("record-error-family-lang"));
        }
        let short = values::SHORT.max as i64;
        if too_long(values::SHORT, &self.status) {
            self.errors
                .push(tr.n("record-error-status-long", "max", short));
        }
        if too_long(values::SHORT, &self.contact) {
            self.errors
                .push(tr.n("record-error-contact-long", "max", short));
        }
        if !self.errors.is_empty() {
            return None;
        }
        let patronymic = Some(self.patronymic.as_str()).filter(|p| !values::is_blank(p));
        Some((
            relationship?,
            FamilyMemberDetails {
                name: person_name(
                    &self.given_name,
                    &self.family_name,
                    patronymic,
                    Some(&self.lang),
                ),
                status: self.status.trim().to_owned(),
                contact: self.contact.trim().to_owned(),
            },
        ))
    }
}

/// Where the child lives from a day on, as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CustodyForm {
    pub kind: String,
    pub since: String,
    pub place_name: String,
    pub address: String,
    #[serde(skip)]
    pub errors: Vec<String>,
}

impl CustodyForm {
    pub(super) fn read(&mut self, tr: &Tr) -> Option<(CustodyKind, CustodyPlace)> {
        let kind = values::word::<CustodyKind>(In::Body, "", &self.kind).ok();
        if kind.is_none() {
            self.errors.push(tr.t("record-error-custody-kind"));
        }
        if values::partial_date(In::Body, "", self.since.trim()).is_err() {
            self.errors.push(tr.t("record-error-custody-since"));
        }
        let label = values::LABEL.max as i64;
        if values::is_blank(&self.place_name) {
            self.errors.push(tr.t("record-error-custody-place"));
        } else if too_long(values::LABEL, &self.place_name) {
            self.errors
                .push(tr.n("record-error-custody-place-long", "max", label));
        }
        if too_long(values::SHORT, &self.address) {
            let short = values::SHORT.max as i64;
            self.errors
                .push(tr.n("record-error-custody-address-long", "max", short));
        }
        if !self.errors.is_empty() {
            return None;
        }
        Some((
            kind?,
            CustodyPlace {
                place_name: self.place_name.trim().to_owned(),
                address: self.address.trim().to_owned(),
            },
        ))
    }
}
