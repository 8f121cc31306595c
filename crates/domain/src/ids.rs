//! Identifiers. They are opaque text chosen by the store (UUIDs), kept as
//! distinct types so a child's id is never passed where a case's is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    )*};
}

id_type!(
    OrgId,
    UserId,
    ChildId,
    FamilyMemberId,
    TracingRequestId,
    CaseId,
    TripId,
    LegId,
    ImportId,
    MatchId,
    GroupId,
);
