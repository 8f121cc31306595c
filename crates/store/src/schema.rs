//! The projection tables as data: names, columns, types and primary keys.
//!
//! The same description drives writing (typed binds, so PostgreSQL gets typed
//! NULLs), replaying into memory, and comparing a replay with the live tables.
//! A test checks it against the migrations of both backends.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Int,
    Text,
}

#[derive(Debug)]
pub struct TableSpec {
    pub name: &'static str,
    pub columns: &'static [(&'static str, ColType)],
    /// Primary-key columns; they come first in `columns`, in this order.
    pub key: usize,
}

impl TableSpec {
    pub fn column_index(&self, col: &str) -> usize {
        self.columns
            .iter()
            .position(|(c, _)| *c == col)
            .unwrap_or_else(|| panic!("table {} has no column {col}", self.name))
    }

    pub fn select_all(&self) -> String {
        let cols: Vec<&str> = self.columns.iter().map(|(c, _)| *c).collect();
        let key: Vec<&str> = cols[..self.key].to_vec();
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            cols.join(", "),
            self.name,
            key.join(", ")
        )
    }
}

use ColType::{Int, Text};

/// Every projection table, in an order that respects foreign keys.
pub const PROJECTIONS: &[TableSpec] = &[
    TableSpec {
        name: "ledger_keys",
        columns: &[("key_id", Text), ("public_key", Text), ("seq", Int)],
        key: 1,
    },
    TableSpec {
        name: "organisations",
        columns: &[
            ("id", Text),
            ("name", Text),
            ("kind", Text),
            ("side", Text),
            ("seq", Int),
        ],
        key: 1,
    },
    TableSpec {
        name: "imports",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("kind", Text),
            ("list_name", Text),
            ("sha256", Text),
            ("row_count", Int),
            ("new_count", Int),
            ("updated_count", Int),
            ("unchanged_count", Int),
            ("erased_count", Int),
            ("at", Int),
            ("seq", Int),
        ],
        key: 1,
    },
    TableSpec {
        name: "users",
        columns: &[
            ("id", Text),
            ("login", Text),
            ("org_id", Text),
            ("role", Text),
            ("password_hash", Text),
            ("seq", Int),
            ("lang", Text),
            ("disabled", Int),
        ],
        key: 1,
    },
    TableSpec {
        name: "children",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("list_name", Text),
            ("import_id", Text),
            ("details", Text),
            ("sex", Text),
            ("birth_year", Int),
            ("custody_kind", Text),
            ("erased", Int),
            ("seq", Int),
            ("updated_seq", Int),
            ("external_id", Text),
            ("joined_to", Text),
        ],
        key: 1,
    },
    TableSpec {
        name: "custody_records",
        columns: &[
            ("child_id", Text),
            ("custody_no", Int),
            ("kind", Text),
            ("since", Text),
            ("place", Text),
            ("seq", Int),
        ],
        key: 2,
    },
    TableSpec {
        name: "family_members",
        columns: &[
            ("id", Text),
            ("child_id", Text),
            ("relationship", Text),
            ("details", Text),
            ("seq", Int),
        ],
        key: 1,
    },
    TableSpec {
        name: "tracing_requests",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("details", Text),
            ("child_id", Text),
            ("status", Text),
            ("seq", Int),
            ("external_id", Text),
            ("import_id", Text),
            ("outcome", Text),
        ],
        key: 1,
    },
    TableSpec {
        name: "matches",
        columns: &[
            ("id", Text),
            ("kind", Text),
            ("a_id", Text),
            ("b_id", Text),
            ("score_ppm", Int),
            ("renamed", Int),
            ("fields", Text),
            ("status", Text),
            ("decided_by", Text),
            ("decided_at", Int),
            ("seq", Int),
        ],
        key: 1,
    },
    TableSpec {
        name: "cases",
        columns: &[
            ("id", Text),
            ("child_id", Text),
            ("party_a", Text),
            ("party_b", Text),
            ("state", Text),
            ("consent_by", Text),
            ("trip_id", Text),
            ("seq", Int),
            ("updated_seq", Int),
            ("others", Text),
            ("group_id", Text),
            ("group_kind", Text),
        ],
        key: 1,
    },
    TableSpec {
        name: "case_history",
        columns: &[
            ("seq", Int),
            ("case_id", Text),
            ("action", Text),
            ("from_state", Text),
            ("to_state", Text),
            ("note", Text),
            ("at", Int),
        ],
        key: 1,
    },
    TableSpec {
        name: "case_decisions",
        columns: &[
            ("seq", Int),
            ("case_id", Text),
            ("org_id", Text),
            ("decision", Text),
            ("note", Text),
            ("witnessed_size", Int),
            ("dispute", Text),
        ],
        key: 1,
    },
    TableSpec {
        name: "case_evidence",
        columns: &[
            ("case_id", Text),
            ("evidence_no", Int),
            ("kind", Text),
            ("description", Text),
            ("seq", Int),
            ("method", Text),
        ],
        key: 2,
    },
    TableSpec {
        name: "case_assessments",
        columns: &[
            ("case_id", Text),
            ("assessment_no", Int),
            ("kind", Text),
            ("outcome", Text),
            ("age_years", Int),
            ("note", Text),
            ("seq", Int),
        ],
        key: 2,
    },
    TableSpec {
        name: "case_consents",
        columns: &[
            ("seq", Int),
            ("case_id", Text),
            ("member_id", Text),
            ("basis", Text),
            ("how", Text),
            ("witness", Text),
            ("court_order", Text),
            ("note", Text),
            ("withdrawn_seq", Int),
            ("withdraw_note", Text),
        ],
        key: 1,
    },
    TableSpec {
        name: "case_follow_ups",
        columns: &[
            ("case_id", Text),
            ("follow_up_no", Int),
            ("note", Text),
            ("seq", Int),
        ],
        key: 2,
    },
    TableSpec {
        name: "trips",
        columns: &[
            ("id", Text),
            ("name", Text),
            ("capacity", Int),
            ("escorts", Text),
            ("seq", Int),
            ("kind", Text),
            ("carrier", Text),
            ("cancelled", Int),
            ("cancel_reason", Text),
        ],
        key: 1,
    },
    TableSpec {
        name: "trip_legs",
        columns: &[
            ("leg_id", Text),
            ("trip_id", Text),
            ("position", Int),
            ("from_place", Text),
            ("to_place", Text),
            ("transit_org", Text),
            ("carrier", Text),
            ("departs_at", Int),
            ("arrives_at", Int),
            ("escorts", Text),
            ("clearance", Text),
            ("clearance_ref", Text),
            ("clearance_conditions", Text),
            ("departed_at", Int),
            ("arrived_at", Int),
        ],
        key: 1,
    },
    TableSpec {
        name: "handovers",
        columns: &[
            ("seq", Int),
            ("trip_id", Text),
            ("leg_id", Text),
            ("case_id", Text),
            ("received_by", Text),
            ("receiver_kind", Text),
            ("receiver_id", Text),
            ("place", Text),
            ("at", Int),
            ("handed_over_by", Text),
        ],
        key: 1,
    },
    TableSpec {
        name: "erasures",
        columns: &[
            ("seq", Int),
            ("child_id", Text),
            ("reason", Text),
            ("entries", Int),
        ],
        key: 1,
    },
    TableSpec {
        name: "access_log",
        columns: &[
            ("seq", Int),
            ("n", Int),
            ("at", Int),
            ("user_id", Text),
            ("org_id", Text),
            ("record_kind", Text),
            ("record_id", Text),
            ("via", Text),
        ],
        key: 2,
    },
    TableSpec {
        name: "witness_keys",
        columns: &[
            ("seq", Int),
            ("org_id", Text),
            ("name", Text),
            ("key_id", Text),
            ("verifier_key", Text),
            ("registered_at", Int),
            ("current", Int),
        ],
        key: 1,
    },
];

/// Tables that are not projections: the ledger itself (checked by the ledger
/// verifier) and bookkeeping that is allowed to change freely.
pub const LEDGER_TABLES: &[&str] = &[
    "ledger_entries",
    "ledger_personal",
    "ledger_checkpoints",
    "ledger_head",
];

/// Tables outside the ledger's guarantee: sessions, idempotency keys (a
/// key only stops a command from running twice; the command's effects are
/// in the ledger), sign-in attempts (the shared rate limit), migration
/// bookkeeping and rebuildable caches (named `cache_*`).
pub fn is_unguarded(table: &str) -> bool {
    table == "sessions"
        || table == "command_keys"
        || table == "signin_attempts"
        || table == "_sqlx_migrations"
        || table.starts_with("cache_")
        || table.starts_with("sqlite_")
}

pub fn spec(name: &str) -> &'static TableSpec {
    PROJECTIONS
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no projection table {name}"))
}
