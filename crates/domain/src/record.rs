//! The registries' records: children, family members, tracing requests, trips.
//!
//! Every field here that describes a person is personal data: it travels in an
//! event's personal part, never in its public part.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One way a person's name has been written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PersonName {
    pub family_name: String,
    pub given_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    /// Language and script of this spelling, as a BCP 47 tag: `uk`, `ru`,
    /// `uk-Latn`, `ru-Latn`, `en`, `ar`.
    pub lang: String,
    #[serde(default)]
    pub kind: NameKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// As written on the list that reported the child.
    #[default]
    Recorded,
    /// As written in a passport or other identity document.
    Document,
    /// A name the child had before (for example before an adoption).
    Former,
    /// Any other spelling or alias.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    M,
    F,
}

/// A birth date known only as precisely as the records allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "precision", rename_all = "snake_case")]
pub enum BirthDate {
    Day {
        year: i32,
        month: u8,
        day: u8,
    },
    Month {
        year: i32,
        month: u8,
    },
    Year {
        year: i32,
    },
    /// "About 9 years old" as estimated on a given date.
    EstimatedAge {
        age: u8,
        on: (i32, u8, u8),
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a birth date: {why}")]
pub struct BirthDateError {
    pub input: String,
    pub why: String,
}

impl BirthDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD.MM.YYYY`, `MM.YYYY` and `age N on YYYY-MM-DD`.
    pub fn parse(input: &str) -> Result<BirthDate, BirthDateError> {
        let s = input.trim();
        let err = |why: &str| BirthDateError {
            input: input.to_owned(),
            why: why.to_owned(),
        };
        let num = |p: &str| -> Result<i64, BirthDateError> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err("expected digits"));
            }
            p.parse::<i64>().map_err(|_| err("number out of range"))
        };
        if let Some(rest) = s.strip_prefix("age ") {
            let (age, on) = rest
                .split_once(" on ")
                .ok_or_else(|| err("expected 'age N on YYYY-MM-DD'"))?;
            let age = num(age.trim())?;
            if age > 25 {
                return Err(err("an estimated age above 25 is not a child's"));
            }
            return match BirthDate::parse(on)? {
                BirthDate::Day { year, month, day } => Ok(BirthDate::EstimatedAge {
                    age: age as u8,
                    on: (year, month, day),
                }),
                _ => Err(err("the date an age was estimated on must be a full date")),
            };
        }
        let (y, m, d) = if s.contains('-') {
            let parts: Vec<&str> = s.split('-').collect();
            match parts.as_slice() {
                [y, m, d] => (num(y)?, Some(num(m)?), Some(num(d)?)),
                [y, m] => (num(y)?, Some(num(m)?), None),
                _ => return Err(err("expected YYYY-MM-DD, YYYY-MM or YYYY")),
            }
        } else if s.contains('.') {
            let parts: Vec<&str> = s.split('.').collect();
            match parts.as_slice() {
                [d, m, y] => (num(y)?, Some(num(m)?), Some(num(d)?)),
                [m, y] => (num(y)?, Some(num(m)?), None),
                _ => return Err(err("expected DD.MM.YYYY or MM.YYYY")),
            }
        } else {
            (num(s)?, None, None)
        };
        if !(1900..=2100).contains(&y) {
            return Err(err("the year must be between 1900 and 2100"));
        }
        let year = y as i32;
        let Some(m) = m else {
            return Ok(BirthDate::Year { year });
        };
        if !(1..=12).contains(&m) {
            return Err(err("the month must be between 1 and 12"));
        }
        let month = m as u8;
        let Some(d) = d else {
            return Ok(BirthDate::Month { year, month });
        };
        let max = days_in_month(year, month);
        if d < 1 || d > max as i64 {
            return Err(err(&format!(
                "month {month} of {year} has {max} days, not {d}"
            )));
        }
        Ok(BirthDate::Day {
            year,
            month,
            day: d as u8,
        })
    }

    /// The year of birth, estimated for an age.
    pub fn year(&self) -> i32 {
        match *self {
            BirthDate::Day { year, .. }
            | BirthDate::Month { year, .. }
            | BirthDate::Year { year } => year,
            BirthDate::EstimatedAge { age, on } => on.0 - age as i32,
        }
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            BirthDate::Day { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            BirthDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            BirthDate::Year { year } => write!(f, "{year:04}"),
            BirthDate::EstimatedAge { age, on } => {
                write!(f, "age {age} on {:04}-{:02}-{:02}", on.0, on.1, on.2)
            }
        }
    }
}

/// A place under the names it has in several languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Place {
    /// Language tag → name, e.g. `uk` → «Харків», `ru` → «Харьков», `en` → "Kharkiv".
    pub names: Vec<(String, String)>,
}

impl Place {
    pub fn named(lang: &str, name: &str) -> Place {
        Place {
            names: vec![(lang.to_owned(), name.to_owned())],
        }
    }

    pub fn name_in(&self, lang: &str) -> Option<&str> {
        self.names
            .iter()
            .find(|(l, _)| l == lang)
            .or_else(|| self.names.first())
            .map(|(_, n)| n.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityDocument {
    pub kind: DocumentKind,
    pub number: String,
    pub issued_by: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    BirthCertificate,
    Passport,
    InternalPassport,
    Other,
}

/// Special circumstances that change how a case must be handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Circumstance {
    ParentDetained { note: String },
    MedicalNeeds { note: String },
    LostContact { note: String },
    Other { note: String },
}

/// Everything personal about a child, as recorded by the submitting side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ChildDetails {
    /// The first name is the one as recorded; the others are other spellings.
    pub names: Vec<PersonName>,
    pub sex: Option<Sex>,
    pub birth_date: Option<BirthDate>,
    pub birth_place: Option<Place>,
    #[serde(default)]
    pub documents: Vec<IdentityDocument>,
    #[serde(default)]
    pub circumstances: Vec<Circumstance>,
}

/// Where a child lives now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodyKind {
    Institution,
    Hospital,
    FosterFamily,
    AdoptiveFamily,
    Embassy,
    /// With the mediator's escorts, on a leg of a trip.
    Escort,
    /// With an official of a transit state, at a point of the journey.
    TransitState,
    Family,
}

impl CustodyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CustodyKind::Institution => "institution",
            CustodyKind::Hospital => "hospital",
            CustodyKind::FosterFamily => "foster_family",
            CustodyKind::AdoptiveFamily => "adoptive_family",
            CustodyKind::Embassy => "embassy",
            CustodyKind::Escort => "escort",
            CustodyKind::TransitState => "transit_state",
            CustodyKind::Family => "family",
        }
    }
}

/// The personal part of a custody change: where exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CustodyPlace {
    pub place_name: String,
    /// The address is need-to-know: hidden from the other side.
    pub address: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Mother,
    Father,
    Grandparent,
    Sibling,
    AuntOrUncle,
    LegalGuardian,
    Other,
}

impl Relationship {
    /// May this relative give consent for the child's return?
    pub fn can_consent(self) -> bool {
        matches!(
            self,
            Relationship::Mother
                | Relationship::Father
                | Relationship::LegalGuardian
                | Relationship::Grandparent
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::Mother => "mother",
            Relationship::Father => "father",
            Relationship::Grandparent => "grandparent",
            Relationship::Sibling => "sibling",
            Relationship::AuntOrUncle => "aunt_or_uncle",
            Relationship::LegalGuardian => "legal_guardian",
            Relationship::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FamilyMemberDetails {
    pub name: PersonName,
    /// Free-text status, e.g. "in detention since 2023".
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub contact: String,
}

/// What a tracing request says about the child sought and who asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TracingDetails {
    pub requester: PersonName,
    pub requester_relationship: Option<Relationship>,
    pub child: ChildDetails,
    #[serde(default)]
    pub last_seen: String,
}
