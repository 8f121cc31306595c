//! Organisations, roles and the acting user.

use crate::ids::{OrgId, UserId};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of organisation a user belongs to decides the widest view they can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// The neutral state that runs the system.
    Mediator,
    /// One of the two sides of the conflict.
    Party,
    /// A third country a trip crosses.
    Transit,
}

/// Which side of the conflict a party organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    A,
    B,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coordinator,
    Caseworker,
    Escort,
    PartyOfficer,
    TransitOfficer,
    Auditor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Coordinator,
        Role::Caseworker,
        Role::Escort,
        Role::PartyOfficer,
        Role::TransitOfficer,
        Role::Auditor,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Caseworker => "caseworker",
            Role::Escort => "escort",
            Role::PartyOfficer => "party_officer",
            Role::TransitOfficer => "transit_officer",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    /// The kinds of organisation whose users may hold this role. An auditor may
    /// come from any organisation: each party verifies the ledger for itself.
    pub fn allowed_in(self, kind: OrgKind) -> bool {
        match self {
            Role::Coordinator | Role::Caseworker | Role::Escort | Role::Admin => {
                kind == OrgKind::Mediator
            }
            Role::PartyOfficer => kind == OrgKind::Party,
            Role::TransitOfficer => kind == OrgKind::Transit,
            Role::Auditor => true,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "'{s}' is not a role; expected one of coordinator, caseworker, escort, party_officer, transit_officer, auditor, admin"
                )
            })
    }
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Mediator => "mediator",
            OrgKind::Party => "party",
            OrgKind::Transit => "transit",
        }
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrgKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "mediator" => Ok(OrgKind::Mediator),
            "party" => Ok(OrgKind::Party),
            "transit" => Ok(OrgKind::Transit),
            _ => Err(format!(
                "'{s}' is not an organisation kind; expected mediator, party or transit"
            )),
        }
    }
}

/// Who is acting: established by authentication, never taken from a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user: UserId,
    pub org: OrgId,
    pub org_kind: OrgKind,
    pub role: Role,
}

impl Actor {
    /// The system itself, for the bootstrap of an empty database (the first
    /// organisation and administrator) before any user exists.
    pub fn system() -> Actor {
        Actor {
            user: UserId("system".into()),
            org: OrgId("system".into()),
            org_kind: OrgKind::Mediator,
            role: Role::Admin,
        }
    }

    pub fn is_mediator(&self) -> bool {
        self.org_kind == OrgKind::Mediator
    }
}
