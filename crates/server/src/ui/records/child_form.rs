//! A child's record as a form: what was typed, kept as typed so that a
//! refusal shows it again, and read into [`ChildDetails`] by the rules the
//! API reads its bodies with (`api::values`). Each problem becomes a
//! sentence in the reader's language, next to its field; none quotes what
//! was typed, since all of it is personal data.

use crate::api::children::person_name;
use crate::api::values::{self, In};
use crate::ui::i18n::Tr;
use homeward_domain::{
    BirthDate, ChildDetails, Circumstance, DocumentKind, IdentityDocument, NameKind, PersonName,
    Place, Sex,
};
use std::collections::BTreeMap;

/// The languages and scripts a spelling is offered in (BCP 47). A record
/// may hold another tag (an import's); its rows keep it.
pub const NAME_LANGS: [&str; 6] = ["uk", "ru", "uk-Latn", "ru-Latn", "en", "ar"];
pub const NAME_KINDS: [&str; 4] = ["recorded", "document", "former", "other"];
pub const DOCUMENT_KINDS: [&str; 4] = [
    "birth_certificate",
    "passport",
    "internal_passport",
    "other",
];
/// Every kind of special circumstance the domain knows, as the form names
/// them: a kind the domain adds breaks the match in `circumstance_parts`,
/// and a test checks that each of these reads back as itself.
pub const CIRCUMSTANCES: [&str; 4] = ["parent_detained", "medical_needs", "lost_contact", "other"];

/// Rows offered for spellings: at least this many, and always two blank.
const NAME_ROWS: usize = 3;
const BLANK_ROWS: usize = 2;

/// One spelling of the child's name, as typed.
#[derive(Debug, Clone, Default)]
pub struct NameRow {
    pub given: String,
    pub family: String,
    pub patronymic: String,
    pub lang: String,
    pub kind: String,
    pub error: Option<String>,
}

impl NameRow {
    fn blank(lang: &str, kind: &str) -> NameRow {
        NameRow {
            lang: lang.to_owned(),
            kind: kind.to_owned(),
            ..NameRow::default()
        }
    }

    fn is_blank(&self) -> bool {
        [&self.given, &self.family, &self.patronymic]
            .iter()
            .all(|s| values::is_blank(s))
    }

    /// The row's language is not one the form offers: it is offered too.
    pub fn other_lang(&self) -> bool {
        !self.lang.is_empty() && !NAME_LANGS.contains(&self.lang.as_str())
    }
}

/// One identity document, as typed.
#[derive(Debug, Clone, Default)]
pub struct DocumentRow {
    pub kind: String,
    pub number: String,
    pub issued_by: String,
    pub error: Option<String>,
}

impl DocumentRow {
    fn blank() -> DocumentRow {
        DocumentRow {
            kind: "birth_certificate".into(),
            ..DocumentRow::default()
        }
    }

    fn is_blank(&self) -> bool {
        values::is_blank(&self.number) && values::is_blank(&self.issued_by)
    }
}

/// One kind of special circumstance: ticked or not, with its note.
#[derive(Debug, Clone)]
pub struct CircumstanceRow {
    pub kind: &'static str,
    pub checked: bool,
    pub note: String,
    pub error: Option<String>,
}

/// A problem for the summary above the form: the field's id and the sentence.
pub struct Problem {
    pub anchor: String,
    pub message: String,
}

/// The registration and edit form, as typed.
#[derive(Debug, Clone)]
pub struct ChildForm {
    /// The party whose list the record goes on (mediator staff choose it).
    pub org_id: String,
    pub list_name: String,
    pub names: Vec<NameRow>,
    /// `F`, `M` or empty (not known).
    pub sex: String,
    /// A full or partial date.
    pub birth_date: String,
    /// Or an estimated age, and the day it was estimated.
    pub birth_age: String,
    pub birth_age_on: String,
    pub birth_place: String,
    pub birth_place_lang: String,
    pub documents: Vec<DocumentRow>,
    pub circumstances: Vec<CircumstanceRow>,
    pub org_error: Option<String>,
    pub list_name_error: Option<String>,
    pub names_error: Option<String>,
    pub sex_error: Option<String>,
    pub birth_error: Option<String>,
    pub birth_place_error: Option<String>,
    /// The domain refused the record for a rule the form could not check.
    pub refused: Option<String>,
}

impl Default for ChildForm {
    fn default() -> Self {
        ChildForm {
            org_id: String::new(),
            list_name: String::new(),
            names: Vec::new(),
            sex: String::new(),
            birth_date: String::new(),
            birth_age: String::new(),
            birth_age_on: String::new(),
            birth_place: String::new(),
            birth_place_lang: "uk".into(),
            documents: Vec::new(),
            circumstances: CIRCUMSTANCES
                .iter()
                .map(|kind| CircumstanceRow {
                    kind,
                    checked: false,
                    note: String::new(),
                    error: None,
                })
                .collect(),
            org_error: None,
            list_name_error: None,
            names_error: None,
            sex_error: None,
            birth_error: None,
            birth_place_error: None,
            refused: None,
        }
    }
}

fn name_kind(k: NameKind) -> &'static str {
    match k {
        NameKind::Recorded => "recorded",
        NameKind::Document => "document",
        NameKind::Former => "former",
        NameKind::Other => "other",
    }
}

fn parse_name_kind(s: &str) -> Option<NameKind> {
    Some(match s {
        "recorded" => NameKind::Recorded,
        "document" => NameKind::Document,
        "former" => NameKind::Former,
        "other" => NameKind::Other,
        _ => return None,
    })
}

fn document_kind(k: DocumentKind) -> &'static str {
    match k {
        DocumentKind::BirthCertificate => "birth_certificate",
        DocumentKind::Passport => "passport",
        DocumentKind::InternalPassport => "internal_passport",
        DocumentKind::Other => "other",
    }
}

fn parse_document_kind(s: &str) -> Option<DocumentKind> {
    Some(match s {
        "birth_certificate" => DocumentKind::BirthCertificate,
        "passport" => DocumentKind::Passport,
        "internal_passport" => DocumentKind::InternalPassport,
        "other" => DocumentKind::Other,
        _ => return None,
    })
}

fn circumstance_parts(c: &Circumstance) -> (&'static str, &str) {
    match c {
        Circumstance::ParentDetained { note } => ("parent_detained", note),
        Circumstance::MedicalNeeds { note } => ("medical_needs", note),
        Circumstance::LostContact { note } => ("lost_contact", note),
        Circumstance::Other { note } => ("other", note),
    }
}

fn circumstance(kind: &str, note: String) -> Option<Circumstance> {
    Some(match kind {
        "parent_detained" => Circumstance::ParentDetained { note },
        "medical_needs" => Circumstance::MedicalNeeds { note },
        "lost_contact" => Circumstance::LostContact { note },
        "other" => Circumstance::Other { note },
        _ => return None,
    })
}

/// `name_given_3` → (`given`, 3) for the prefix `name_`.
fn indexed<'a>(key: &'a str, prefix: &str) -> Option<(&'a str, usize)> {
    let (field, i) = key.strip_prefix(prefix)?.rsplit_once('_')?;
    Some((field, i.parse().ok()?))
}

/// True when `s` says something but is longer than `kind` allows.
pub(super) fn too_long(kind: values::Text, s: &str) -> bool {
    kind.check(In::Body, "", s).is_err() && !values::is_blank(s)
}

impl ChildForm {
    /// The form for a new child: three blank spellings, two blank documents.
    pub fn blank() -> ChildForm {
        let mut form = ChildForm::default();
        form.pad();
        form
    }

    /// Adds the blank rows a form offers after what it holds.
    fn pad(&mut self) {
        let kinds = ["recorded", "document", "other"];
        let langs = ["uk", "uk-Latn", "ru"];
        let names = (self.names.len() + BLANK_ROWS).max(NAME_ROWS);
        while self.names.len() < names {
            let i = self.names.len().min(2);
            self.names.push(NameRow::blank(langs[i], kinds[i]));
        }
        for _ in 0..BLANK_ROWS {
            self.documents.push(DocumentRow::blank());
        }
    }

    /// After a refusal the rows come back as sent; a blank one is added
    /// where none is left, to write another spelling or document in.
    pub fn offer_blank_rows(&mut self) {
        if !self.names.iter().any(NameRow::is_blank) {
            self.names.push(NameRow::blank("uk", "other"));
        }
        if !self.documents.iter().any(DocumentRow::is_blank) {
            self.documents.push(DocumentRow::blank());
        }
    }

    /// The form holding a record, for editing it.
    pub fn from_details(d: &ChildDetails) -> ChildForm {
        let mut form = ChildForm {
            names: d
                .names
                .iter()
                .map(|n| NameRow {
                    given: n.given_name.clone(),
                    family: n.family_name.clone(),
                    patronymic: n.patronymic.clone().unwrap_or_default(),
                    lang: n.lang.clone(),
                    kind: name_kind(n.kind).to_owned(),
                    error: None,
                })
                .collect(),
            sex: match d.sex {
                Some(Sex::F) => "F".into(),
                Some(Sex::M) => "M".into(),
                None => String::new(),
            },
            documents: d
                .documents
                .iter()
                .map(|doc| DocumentRow {
                    kind: document_kind(doc.kind).to_owned(),
                    number: doc.number.clone(),
                    issued_by: doc.issued_by.clone(),
                    error: None,
                })
                .collect(),
            ..ChildForm::default()
        };
        match d.birth_date {
            Some(BirthDate::EstimatedAge { age, on }) => {
                form.birth_age = age.to_string();
                form.birth_age_on = format!("{:04}-{:02}-{:02}", on.0, on.1, on.2);
            }
            Some(b) => form.birth_date = b.to_string(),
            None => {}
        }
        if let Some((lang, name)) = d.birth_place.as_ref().and_then(|p| p.names.first()) {
            form.birth_place = name.clone();
            form.birth_place_lang = lang.clone();
        }
        // The form has one box per kind; a record that names a kind twice
        // (an import may) shows both notes in it.
        for c in &d.circumstances {
            let (kind, note) = circumstance_parts(c);
            if let Some(row) = form.circumstances.iter_mut().find(|r| r.kind == kind) {
                if row.checked && !note.is_empty() && !row.note.is_empty() {
                    row.note.push_str("; ");
                }
                row.checked = true;
                row.note.push_str(note);
            }
        }
        form.pad();
        form
    }

    /// The form as sent: every field as typed, rows in their order, blank
    /// rows kept (they are shown again).
    pub fn from_pairs(pairs: &[(String, String)]) -> ChildForm {
        let mut form = ChildForm::default();
        let mut names: BTreeMap<usize, NameRow> = BTreeMap::new();
        let mut documents: BTreeMap<usize, DocumentRow> = BTreeMap::new();
        for (key, value) in pairs {
            let value = value.clone();
            match key.as_str() {
                "org_id" => form.org_id = value,
                "list_name" => form.list_name = value,
                "sex" => form.sex = value,
                "birth_date" => form.birth_date = value,
                "birth_age" => form.birth_age = value,
                "birth_age_on" => form.birth_age_on = value,
                "birth_place" => form.birth_place = value,
                "birth_place_lang" => form.birth_place_lang = value,
                key => {
                    if let Some((field, i)) = indexed(key, "name_") {
                        let row = names.entry(i).or_default();
                        match field {
                            "given" => row.given = value,
                            "family" => row.family = value,
                            "patronymic" => row.patronymic = value,
                            "lang" => row.lang = value,
                            "kind" => row.kind = value,
                            _ => {}
                        }
                    } else if let Some((field, i)) = indexed(key, "doc_") {
                        let row = documents.entry(i).or_default();
                        match field {
                            "kind" => row.kind = value,
                            "number" => row.number = value,
                            "issued_by" => row.issued_by = value,
                            _ => {}
                        }
                    } else if let Some(kind) = key.strip_prefix("circ_note_") {
                        if let Some(row) = form.circumstances.iter_mut().find(|r| r.kind == kind) {
                            row.note = value;
                        }
                    } else if let Some(kind) = key.strip_prefix("circ_")
                        && let Some(row) = form.circumstances.iter_mut().find(|r| r.kind == kind)
                    {
                        row.checked = true;
                    }
                }
            }
        }
        form.names = names.into_values().collect();
        form.documents = documents.into_values().collect();
        form
    }

    /// Reads the form into a child's details, or marks every problem in
    /// the reader's language and returns `None`. `today` (`YYYY-MM-DD`) is
    /// the day an age estimate is dated when the form gives none; `before`
    /// is the record being edited, whose birth place keeps its names in
    /// other languages while the form leaves it as it was.
    pub fn read(
        &mut self,
        tr: &Tr,
        today: &str,
        before: Option<&ChildDetails>,
    ) -> Option<ChildDetails> {
        let names = self.read_names(tr);
        let sex = match self.sex.trim() {
            "" => None,
            "F" => Some(Sex::F),
            "M" => Some(Sex::M),
            _ => {
                self.sex_error = Some(tr.t("record-error-sex"));
                None
            }
        };
        let birth_date = self.read_birth_date(tr, today);
        let birth_place = self.read_birth_place(tr, before);
        let documents = self.read_documents(tr);
        let circumstances = self.read_circumstances(tr);
        if !self.problems().is_empty() {
            return None;
        }
        Some(ChildDetails {
            names,
            sex,
            birth_date,
            birth_place,
            documents,
            circumstances,
        })
    }

    fn read_names(&mut self, tr: &Tr) -> Vec<PersonName> {
        let mut names = Vec::new();
        for (i, row) in self.names.iter_mut().enumerate() {
            row.error = None;
            if row.is_blank() {
                continue;
            }
            let n = i as i64 + 1;
            let parts = [&row.given, &row.family, &row.patronymic];
            row.error = if parts.iter().any(|p| too_long(values::OPTIONAL_NAME, p)) {
                Some(tr.nn(
                    "record-error-name-long",
                    "row",
                    n,
                    "max",
                    values::OPTIONAL_NAME.max as i64,
                ))
            } else if values::is_blank(&row.given) && values::is_blank(&row.family) {
                Some(tr.n("record-error-name-empty", "row", n))
            } else if values::lang(In::Body, "", Some(&row.lang)).is_err() {
                Some(tr.n("record-error-name-lang", "row", n))
            } else if parse_name_kind(&row.kind).is_none() {
                Some(tr.n("record-error-name-kind", "row", n))
            } else {
                None
            };
            if row.error.is_some() {
                continue;
            }
            let Some(kind) = parse_name_kind(&row.kind) else {
                continue;
            };
            let patronymic = Some(row.patronymic.as_str()).filter(|p| !values::is_blank(p));
            names.push(PersonName {
                kind,
                ..person_name(&row.given, &row.family, patronymic, Some(&row.lang))
            });
        }
        self.names_error = (names.is_empty() && self.names.iter().all(|r| r.error.is_none()))
            .then(|| tr.t("record-error-name-missing"));
        names
    }

    fn read_birth_date(&mut self, tr: &Tr, today: &str) -> Option<BirthDate> {
        let date = self.birth_date.trim();
        let age = self.birth_age.trim();
        let on = self.birth_age_on.trim();
        let (text, problem) = match (date.is_empty(), age.is_empty() && on.is_empty()) {
            (true, true) => return None,
            (false, false) => {
                self.birth_error = Some(tr.t("record-error-birth-both"));
                return None;
            }
            (false, true) => (date.to_owned(), "record-error-birth-date"),
            (true, false) => (
                format!("age {age} on {}", if on.is_empty() { today } else { on }),
                "record-error-birth-age",
            ),
        };
        match values::birth_date(In::Body, "birth_date", &text) {
            Ok(born) => Some(born),
            Err(_) => {
                self.birth_error = Some(tr.t(problem));
                None
            }
        }
    }

    fn read_birth_place(&mut self, tr: &Tr, before: Option<&ChildDetails>) -> Option<Place> {
        if too_long(values::OPTIONAL_LABEL, &self.birth_place) {
            self.birth_place_error = Some(tr.n(
                "record-error-birth-place-long",
                "max",
                values::OPTIONAL_LABEL.max as i64,
            ));
            return None;
        }
        if values::is_blank(&self.birth_place) {
            return None;
        }
        if values::lang(In::Body, "", Some(&self.birth_place_lang)).is_err() {
            self.birth_place_error = Some(tr.t("record-error-birth-place-lang"));
            return None;
        }
        let name = self.birth_place.trim();
        let unchanged = before.and_then(|d| d.birth_place.as_ref()).filter(|p| {
            p.names
                .first()
                .is_some_and(|(l, n)| l == &self.birth_place_lang && n.trim() == name)
        });
        Some(
            unchanged
                .cloned()
                .unwrap_or_else(|| Place::named(&self.birth_place_lang, name)),
        )
    }

    fn read_documents(&mut self, tr: &Tr) -> Vec<IdentityDocument> {
        let mut documents = Vec::new();
        for (i, row) in self.documents.iter_mut().enumerate() {
            row.error = None;
            if row.is_blank() {
                continue;
            }
            let n = i as i64 + 1;
            let max = values::LABEL.max as i64;
            let kind = parse_document_kind(&row.kind);
            row.error = if too_long(values::LABEL, &row.number)
                || too_long(values::OPTIONAL_LABEL, &row.issued_by)
            {
                Some(tr.nn("record-error-document-long", "row", n, "max", max))
            } else if values::is_blank(&row.number) {
                Some(tr.n("record-error-document-number", "row", n))
            } else if kind.is_none() {
                Some(tr.n("record-error-document-kind", "row", n))
            } else {
                None
            };
            if let (None, Some(kind)) = (&row.error, kind) {
                documents.push(IdentityDocument {
                    kind,
                    number: row.number.trim().to_owned(),
                    issued_by: row.issued_by.trim().to_owned(),
                });
            }
        }
        documents
    }

    /// A note ticks its box: a note typed beside an unticked box was meant.
    fn read_circumstances(&mut self, tr: &Tr) -> Vec<Circumstance> {
        let mut out = Vec::new();
        for row in &mut self.circumstances {
            row.error = None;
            if !row.checked && values::is_blank(&row.note) {
                continue;
            }
            if too_long(values::OPTIONAL_NOTE, &row.note) {
                let what = tr.k("circ-", row.kind);
                row.error = Some(tr.s("record-error-note-long", "what", &what));
                continue;
            }
            row.checked = true;
            out.extend(circumstance(row.kind, row.note.trim().to_owned()));
        }
        out
    }

    /// Every problem marked, in the order of the form, for the summary
    /// above it.
    pub fn problems(&self) -> Vec<Problem> {
        let one = |anchor: &str, e: &Option<String>| {
            e.as_ref().map(|m| Problem {
                anchor: anchor.to_owned(),
                message: m.clone(),
            })
        };
        let mut out = Vec::new();
        out.extend(one("child-form", &self.refused));
        out.extend(one("org_id", &self.org_error));
        out.extend(one("list_name", &self.list_name_error));
        out.extend(one("name_given_0", &self.names_error));
        for (i, r) in self.names.iter().enumerate() {
            out.extend(one(&format!("name_given_{i}"), &r.error));
        }
        out.extend(one("sex", &self.sex_error));
        out.extend(one("birth_date", &self.birth_error));
        out.extend(one("birth_place", &self.birth_place_error));
        for (i, r) in self.documents.iter().enumerate() {
            out.extend(one(&format!("doc_number_{i}"), &r.error));
        }
        for r in &self.circumstances {
            out.extend(one(&format!("circ_{}", r.kind), &r.error));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::{Catalog, Lang};
    use std::sync::Arc;

    fn tr() -> Tr {
        Tr::new(Arc::new(Catalog::new()), Lang::En)
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn read(items: &[(&str, &str)]) -> (ChildForm, Option<ChildDetails>) {
        let mut form = ChildForm::from_pairs(&pairs(items));
        let details = form.read(&tr(), "2026-09-21", None);
        (form, details)
    }

    #[test]
    fn blank_rows_are_left_out_and_the_rest_kept_in_order() {
        let (_, d) = read(&[
            ("name_given_0", " Соломія "),
            ("name_family_0", "Шевчук"),
            ("name_lang_0", "uk"),
            ("name_kind_0", "recorded"),
            ("name_given_1", ""),
            ("name_family_1", ""),
            ("name_lang_1", "uk-Latn"),
            ("name_kind_1", "document"),
            ("name_given_2", "Solomiia"),
            ("name_family_2", "Shevchuk"),
            ("name_lang_2", "uk-Latn"),
            ("name_kind_2", "document"),
            ("doc_kind_0", "passport"),
            ("doc_number_0", "FX 123456"),
            ("doc_issued_by_0", "Ukraine"),
            ("doc_kind_1", "passport"),
            ("doc_number_1", ""),
            ("doc_issued_by_1", ""),
            ("circ_medical_needs", "yes"),
            ("circ_note_medical_needs", "asthma"),
            ("circ_note_lost_contact", ""),
        ]);
        let d = d.expect("the form reads");
        assert_eq!(d.names.len(), 2);
        assert_eq!(d.names[0].given_name, "Соломія");
        assert_eq!(d.names[1].lang, "uk-Latn");
        assert_eq!(d.names[1].kind, NameKind::Document);
        assert_eq!(d.documents.len(), 1);
        assert_eq!(
            d.circumstances,
            vec![Circumstance::MedicalNeeds {
                note: "asthma".into()
            }]
        );
        assert_eq!(d.birth_date, None);
        assert_eq!(d.sex, None);
    }

    #[test]
    fn each_problem_names_its_field_and_never_the_value() {
        for (items, anchor, says) in [
            (vec![], "name_given_0", "at least one name"),
            (
                vec![
                    ("name_patronymic_0", "Іванівна"),
                    ("name_lang_0", "uk"),
                    ("name_kind_0", "recorded"),
                ],
                "name_given_0",
                "Spelling 1",
            ),
            (
                vec![
                    ("name_given_0", "A"),
                    ("name_lang_0", "uk_Latn"),
                    ("name_kind_0", "recorded"),
                ],
                "name_given_0",
                "language",
            ),
            (
                vec![
                    ("name_given_0", "A"),
                    ("name_lang_0", "uk"),
                    ("name_kind_0", "recorded"),
                    ("birth_date", "2014-02-30"),
                ],
                "birth_date",
                "Date of birth",
            ),
            (
                vec![
                    ("name_given_0", "A"),
                    ("name_lang_0", "uk"),
                    ("name_kind_0", "recorded"),
                    ("birth_date", "2014"),
                    ("birth_age", "9"),
                ],
                "birth_date",
                "not both",
            ),
            (
                vec![
                    ("name_given_0", "A"),
                    ("name_lang_0", "uk"),
                    ("name_kind_0", "recorded"),
                    ("birth_age", "31"),
                ],
                "birth_date",
                "Estimated age",
            ),
            (
                vec![
                    ("name_given_0", "A"),
                    ("name_lang_0", "uk"),
                    ("name_kind_0", "recorded"),
                    ("doc_kind_0", "passport"),
                    ("doc_issued_by_0", "Ukraine"),
                ],
                "doc_number_0",
                "Document 1",
            ),
            (
                vec![
                    ("name_given_0", "A"),
                    ("name_lang_0", "uk"),
                    ("name_kind_0", "recorded"),
                    ("sex", "X"),
                ],
                "sex",
                "Sex",
            ),
        ] {
            let (form, d) = read(&items);
            assert!(d.is_none(), "{items:?}");
            let problems = form.problems();
            assert_eq!(problems.len(), 1, "{items:?}");
            assert_eq!(problems[0].anchor, anchor, "{items:?}");
            let message = problems[0].message.replace(['\u{2068}', '\u{2069}'], "");
            assert!(message.contains(says), "{message}");
            for (_, v) in &items {
                if v.len() > 2 {
                    assert!(
                        !problems[0].message.contains(v),
                        "{} quotes {v}",
                        problems[0].message
                    );
                }
            }
        }
    }

    #[test]
    fn every_kind_offered_is_the_domains_and_reads_back_as_itself() {
        for kind in CIRCUMSTANCES {
            let c = circumstance(kind, "n".into()).expect(kind);
            assert_eq!(circumstance_parts(&c), (kind, "n"));
        }
        for kind in NAME_KINDS {
            assert_eq!(name_kind(parse_name_kind(kind).expect(kind)), kind);
        }
        for kind in DOCUMENT_KINDS {
            assert_eq!(document_kind(parse_document_kind(kind).expect(kind)), kind);
        }
    }

    #[test]
    fn birth_dates_partial_exact_or_estimated() {
        let name = [
            ("name_given_0", "A"),
            ("name_lang_0", "uk"),
            ("name_kind_0", "recorded"),
        ];
        for (extra, expect) in [
            (vec![("birth_date", "2014")], BirthDate::Year { year: 2014 }),
            (
                vec![("birth_date", "03.2014")],
                BirthDate::Month {
                    year: 2014,
                    month: 3,
                },
            ),
            (
                vec![("birth_date", "2014-03-21")],
                BirthDate::Day {
                    year: 2014,
                    month: 3,
                    day: 21,
                },
            ),
            (
                vec![("birth_age", "9")],
                BirthDate::EstimatedAge {
                    age: 9,
                    on: (2026, 9, 21),
                },
            ),
            (
                vec![("birth_age", "9"), ("birth_age_on", "2025-01-02")],
                BirthDate::EstimatedAge {
                    age: 9,
                    on: (2025, 1, 2),
                },
            ),
        ] {
            let mut items = name.to_vec();
            items.extend(extra);
            let (_, d) = read(&items);
            assert_eq!(d.and_then(|d| d.birth_date), Some(expect), "{items:?}");
        }
    }

    #[test]
    fn a_record_shown_in_the_form_reads_back_as_it_was() {
        let d = ChildDetails {
            names: vec![
                PersonName {
                    family_name: "Шевчук".into(),
                    given_name: "Соломія".into(),
                    patronymic: Some("Іванівна".into()),
                    lang: "uk".into(),
                    kind: NameKind::Recorded,
                },
                PersonName {
                    family_name: "Shevchuk".into(),
                    given_name: "Solomiia".into(),
                    patronymic: None,
                    lang: "ru-Latn-x-icao".into(),
                    kind: NameKind::Former,
                },
            ],
            sex: Some(Sex::F),
            birth_date: Some(BirthDate::EstimatedAge {
                age: 9,
                on: (2025, 1, 2),
            }),
            birth_place: Some(Place {
                names: vec![
                    ("uk".into(), "Харків".into()),
                    ("en".into(), "Kharkiv".into()),
                ],
            }),
            documents: vec![IdentityDocument {
                kind: DocumentKind::InternalPassport,
                number: "12".into(),
                issued_by: "UA".into(),
            }],
            circumstances: vec![
                Circumstance::ParentDetained { note: "".into() },
                Circumstance::LostContact {
                    note: "since 2022".into(),
                },
            ],
        };
        let form = ChildForm::from_details(&d);
        assert!(form.names[1].other_lang());
        assert_eq!(form.names.len(), 4, "two blank rows after the names");
        let mut sent = Vec::new();
        for (i, n) in form.names.iter().enumerate() {
            sent.push((format!("name_given_{i}"), n.given.clone()));
            sent.push((format!("name_family_{i}"), n.family.clone()));
            sent.push((format!("name_patronymic_{i}"), n.patronymic.clone()));
            sent.push((format!("name_lang_{i}"), n.lang.clone()));
            sent.push((format!("name_kind_{i}"), n.kind.clone()));
        }
        for (i, doc) in form.documents.iter().enumerate() {
            sent.push((format!("doc_kind_{i}"), doc.kind.clone()));
            sent.push((format!("doc_number_{i}"), doc.number.clone()));
            sent.push((format!("doc_issued_by_{i}"), doc.issued_by.clone()));
        }
        for c in form.circumstances.iter().filter(|c| c.checked) {
            sent.push((format!("circ_{}", c.kind), "yes".into()));
            sent.push((format!("circ_note_{}", c.kind), c.note.clone()));
        }
        for (k, v) in [
            ("sex", &form.sex),
            ("birth_date", &form.birth_date),
            ("birth_age", &form.birth_age),
            ("birth_age_on", &form.birth_age_on),
            ("birth_place", &form.birth_place),
            ("birth_place_lang", &form.birth_place_lang),
        ] {
            sent.push((k.to_owned(), v.clone()));
        }
        let mut back = ChildForm::from_pairs(&sent);
        let read = back.read(&tr(), "2026-09-21", Some(&d));
        assert_eq!(
            read.as_ref(),
            Some(&d),
            "{:?}",
            back.problems().first().map(|p| &p.message)
        );
        // A birth place changed is a new place, named in the language chosen.
        back.birth_place = "Київ".into();
        let read = back.read(&tr(), "2026-09-21", Some(&d)).unwrap();
        assert_eq!(read.birth_place, Some(Place::named("uk", "Київ")));
    }
}
