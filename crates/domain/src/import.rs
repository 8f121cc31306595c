//! A party's list brought in whole.
//!
//! A party sends its list again and again as it grows and is corrected. Each
//! row carries the party's own id for the record (its *external id*); the
//! registry keeps that id beside the record, unique within the party, so a
//! list sent again, or a later list that overlaps an earlier one, finds the
//! records it gave before: an unchanged row does nothing, a changed row
//! amends its record, and only an id the party never sent registers a new
//! one. A record whose personal data was erased stays erased.
//!
//! What a row changes is decided by [`merge_child`] and [`merge_tracing`]:
//! the fields the file has columns for ([`ListedField`]), and nothing else.
//! A later list with fewer columns never wipes what an earlier one said, and
//! what the mediator added to a record (documents, circumstances, other
//! spellings) survives every import.

use crate::ids::*;
use crate::record::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// What a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Children,
    TracingRequests,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Children => "children",
            ImportKind::TracingRequests => "tracing_requests",
        }
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A field a list's column can give. The child's fields describe the child
/// listed, or in a tracing request the child sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListedField {
    FamilyName,
    GivenName,
    Patronymic,
    Sex,
    BirthDate,
    BirthPlace,
    LastSeen,
    RequesterFamilyName,
    RequesterGivenName,
    RequesterPatronymic,
    RequesterRelationship,
}

/// One row of a list of children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedChild {
    /// The child's id in the party's list.
    pub external_id: String,
    /// The id the record gets if the party never listed it before (chosen
    /// by the caller, as for every command; unused otherwise).
    pub new_id: ChildId,
    pub details: ChildDetails,
}

/// One row of a list of tracing requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedRequest {
    /// The request's id in the party's list.
    pub external_id: String,
    pub new_id: TracingRequestId,
    pub details: TracingDetails,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListedRecords {
    Children(Vec<ListedChild>),
    TracingRequests(Vec<ListedRequest>),
}

impl ListedRecords {
    pub fn kind(&self) -> ImportKind {
        match self {
            ListedRecords::Children(_) => ImportKind::Children,
            ListedRecords::TracingRequests(_) => ImportKind::TracingRequests,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            ListedRecords::Children(r) => r.len(),
            ListedRecords::TracingRequests(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The external ids, in list order.
    pub fn external_ids(&self) -> Vec<&str> {
        match self {
            ListedRecords::Children(r) => r.iter().map(|c| c.external_id.as_str()).collect(),
            ListedRecords::TracingRequests(r) => r.iter().map(|c| c.external_id.as_str()).collect(),
        }
    }
}

/// A whole list, validated, as the command to import it carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedList {
    /// What the list is called (by default its file's name).
    pub list_name: String,
    /// SHA-256 of the file's bytes, in lower-case hexadecimal.
    pub sha256: String,
    /// The fields the file has columns for; the others are left as the
    /// records hold them.
    pub fields: BTreeSet<ListedField>,
    pub records: ListedRecords,
}

/// What an import did to the party's records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    /// Rows in the list.
    pub rows: u64,
    /// Records registered: ids the party had not listed before.
    pub new: u64,
    /// Records amended: the row changed a field.
    pub updated: u64,
    /// Rows that changed nothing.
    pub unchanged: u64,
    /// Rows naming a record whose personal data was erased: left erased.
    #[serde(default)]
    pub erased: u64,
}

impl ImportCounts {
    /// The counts an import's events carry (its `list_imported` entry).
    pub fn of(events: &[crate::event::Event]) -> Option<ImportCounts> {
        events.iter().find_map(|e| match e.body {
            crate::event::EventBody::ListImported {
                rows,
                new,
                updated,
                unchanged,
                erased,
                ..
            } => Some(ImportCounts {
                rows,
                new,
                updated,
                unchanged,
                erased,
            }),
            _ => None,
        })
    }
}

/// The longest external id and list name taken.
pub const MAX_EXTERNAL_ID: usize = 200;
pub const MAX_LIST_NAME: usize = 200;

fn name_merged(
    stored: &PersonName,
    listed: &PersonName,
    has: impl Fn(ListedField) -> bool,
    [family, given, patronymic]: [ListedField; 3],
) -> PersonName {
    let mut out = stored.clone();
    if has(family) {
        out.family_name = listed.family_name.clone();
    }
    if has(given) {
        out.given_name = listed.given_name.clone();
    }
    if has(patronymic) {
        out.patronymic = listed.patronymic.clone();
    }
    // The language follows the spelling: a row spelled as before keeps the
    // language recorded, so re-reading a list never flips it back and forth.
    if out != *stored {
        out.lang = listed.lang.clone();
    }
    out
}

/// The child's record after a row of a list: the fields the list has
/// columns for are taken from the row (an empty cell clears its field), the
/// others kept. Only the recorded name (the first) is the list's; other
/// spellings, documents and circumstances stay. A birth place the record
/// already knows under the listed name keeps its other languages' names.
pub fn merge_child(
    stored: &ChildDetails,
    listed: &ChildDetails,
    fields: &BTreeSet<ListedField>,
) -> ChildDetails {
    use ListedField::*;
    let has = |f| fields.contains(&f);
    let mut out = stored.clone();
    match (out.names.first_mut(), listed.names.first()) {
        (Some(name), Some(new)) => {
            *name = name_merged(name, new, has, [FamilyName, GivenName, Patronymic]);
        }
        (None, Some(new)) => out.names.push(new.clone()),
        (_, None) => {}
    }
    if has(Sex) {
        out.sex = listed.sex;
    }
    if has(BirthDate) {
        out.birth_date = listed.birth_date;
    }
    if has(BirthPlace) {
        let known = match (&stored.birth_place, &listed.birth_place) {
            (Some(s), Some(l)) => l
                .names
                .iter()
                .all(|(lang, name)| s.names.iter().any(|(sl, sn)| sl == lang && sn == name)),
            _ => false,
        };
        if !known {
            out.birth_place = listed.birth_place.clone();
        }
    }
    out
}

/// The tracing request after a row of a list; see [`merge_child`].
pub fn merge_tracing(
    stored: &TracingDetails,
    listed: &TracingDetails,
    fields: &BTreeSet<ListedField>,
) -> TracingDetails {
    use ListedField::*;
    let has = |f| fields.contains(&f);
    TracingDetails {
        requester: name_merged(
            &stored.requester,
            &listed.requester,
            has,
            [RequesterFamilyName, RequesterGivenName, RequesterPatronymic],
        ),
        requester_relationship: if has(RequesterRelationship) {
            listed.requester_relationship
        } else {
            stored.requester_relationship
        },
        child: merge_child(&stored.child, &listed.child, fields),
        last_seen: if has(LastSeen) {
            listed.last_seen.clone()
        } else {
            stored.last_seen.clone()
        },
    }
}
