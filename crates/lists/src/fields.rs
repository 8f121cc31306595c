//! The two kinds of list and the fields each can carry.

use std::fmt;

/// What a file lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// Children a party reports: one row per child.
    Children,
    /// Relatives looking for a child: one row per request, naming the child
    /// sought and the person asking.
    TracingRequests,
}

impl ListKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Children => "children",
            ListKind::TracingRequests => "tracing_requests",
        }
    }

    /// Parses `children` or `tracing_requests`.
    pub fn parse(s: &str) -> Option<ListKind> {
        match s.trim() {
            "children" => Some(ListKind::Children),
            "tracing_requests" => Some(ListKind::TracingRequests),
            _ => None,
        }
    }

    /// The fields a list of this kind may carry, in the order exports use.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            ListKind::Children => &[
                Id, FamilyName, GivenName, Patronymic, Sex, BirthDate, BirthPlace,
            ],
            ListKind::TracingRequests => &[
                Id,
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
                RequesterContact,
            ],
        }
    }

    pub fn has(self, field: Field) -> bool {
        self.fields().contains(&field)
    }
}

impl fmt::Display for ListKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A field of a list. In a tracing request the child's fields (`family_name`
/// … `birth_place`) describe the child sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The record's id in the party's own list: required, unique in a file.
    Id,
    FamilyName,
    GivenName,
    Patronymic,
    Sex,
    BirthDate,
    BirthPlace,
    /// Where and when the child was last seen (free text).
    LastSeen,
    RequesterFamilyName,
    RequesterGivenName,
    RequesterPatronymic,
    RequesterRelationship,
    /// How to reach the person asking (free text: phone, address, e-mail).
    RequesterContact,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Id,
        Field::FamilyName,
        Field::GivenName,
        Field::Patronymic,
        Field::Sex,
        Field::BirthDate,
        Field::BirthPlace,
        Field::LastSeen,
        Field::RequesterFamilyName,
        Field::RequesterGivenName,
        Field::RequesterPatronymic,
        Field::RequesterRelationship,
        Field::RequesterContact,
    ];

    /// The field's name, as the linkage contract and mapping files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::FamilyName => "family_name",
            Field::GivenName => "given_name",
            Field::Patronymic => "patronymic",
            Field::Sex => "sex",
            Field::BirthDate => "birth_date",
            Field::BirthPlace => "birth_place",
            Field::LastSeen => "last_seen",
            Field::RequesterFamilyName => "requester_family_name",
            Field::RequesterGivenName => "requester_given_name",
            Field::RequesterPatronymic => "requester_patronymic",
            Field::RequesterRelationship => "requester_relationship",
            Field::RequesterContact => "requester_contact",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        let s = s.trim();
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
