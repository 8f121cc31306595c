//! Valid rows, ready to become the domain's records.

use homeward_domain::{
    BirthDate, ChildDetails, NameKind, PersonName, Place, Relationship, Sex, TracingDetails,
};

/// A child as a row describes it: the child of a list of children, or the
/// child sought by a tracing request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChildFields {
    pub family_name: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub sex: Option<Sex>,
    pub birth_date: Option<BirthDate>,
    pub birth_place: Option<String>,
}

impl ChildFields {
    /// The domain's details, the names and place taken as written in
    /// `lang` (a BCP 47 tag such as `uk` or `ru`, which the caller knows
    /// from the party).
    pub fn details(&self, lang: &str) -> ChildDetails {
        ChildDetails {
            names: vec![PersonName {
                family_name: self.family_name.clone(),
                given_name: self.given_name.clone(),
                patronymic: self.patronymic.clone(),
                lang: lang.to_owned(),
                kind: NameKind::Recorded,
            }],
            sex: self.sex,
            birth_date: self.birth_date,
            birth_place: self.birth_place.as_deref().map(|p| Place::named(lang, p)),
            documents: Vec::new(),
            circumstances: Vec::new(),
        }
    }
}

/// A valid row of a list of children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRow {
    /// Data row, from 1.
    pub row: usize,
    /// Physical line (CSV) or sheet row (XLSX).
    pub line: usize,
    /// The child's id in the party's list.
    pub id: String,
    pub child: ChildFields,
}

/// A valid row of a list of tracing requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TracingRow {
    pub row: usize,
    pub line: usize,
    /// The request's id in the party's list.
    pub id: String,
    /// The child sought.
    pub child: ChildFields,
    pub last_seen: Option<String>,
    pub requester_family_name: String,
    pub requester_given_name: String,
    pub requester_patronymic: Option<String>,
    pub requester_relationship: Option<Relationship>,
    /// How to reach the person asking. The domain's [`TracingDetails`] has
    /// no field for it yet; [`TracingRow::details`] leaves it out.
    pub requester_contact: Option<String>,
}

impl TracingRow {
    /// The domain's details; see [`ChildFields::details`] for `lang`.
    pub fn details(&self, lang: &str) -> TracingDetails {
        TracingDetails {
            requester: PersonName {
                family_name: self.requester_family_name.clone(),
                given_name: self.requester_given_name.clone(),
                patronymic: self.requester_patronymic.clone(),
                lang: lang.to_owned(),
                kind: NameKind::Recorded,
            },
            requester_relationship: self.requester_relationship,
            child: self.child.details(lang),
            last_seen: self.last_seen.clone().unwrap_or_default(),
        }
    }
}

/// The valid rows of a file, of the kind asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Records {
    Children(Vec<ChildRow>),
    TracingRequests(Vec<TracingRow>),
}

impl Records {
    pub fn len(&self) -> usize {
        match self {
            Records::Children(r) => r.len(),
            Records::TracingRequests(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
