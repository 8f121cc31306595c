//! Events → row operations. The one definition of what the tables hold.
//!
//! The write path applies these operations to SQL inside the transaction that
//! appends the event; `ledger verify` applies them to an in-memory [`Image`]
//! and compares it with the live tables. Because both use [`project`], a
//! disagreement can only mean the tables or the ledger were changed outside
//! the write path.

use crate::schema::TableSpec;
use homeward_domain::{EventBody, LegPlan, Personal, Receiver, TracingRequestId};
mod image;
mod matches;
mod trips;
pub use image::{Cell, Image, ImageOp, Packed};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn opt_text(s: Option<impl Into<String>>) -> Value {
        s.map_or(Value::Null, |s| Value::Text(s.into()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RowOp {
    Insert {
        table: &'static str,
        values: Vec<(&'static str, Value)>,
    },
    /// Sets columns on every row whose `filter` columns equal the given values.
    Update {
        table: &'static str,
        filter: Vec<(&'static str, Value)>,
        set: Vec<(&'static str, Value)>,
    },
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    Value::Text(serde_json::to_string(v).expect("projection values serialise"))
}

fn snake<T: serde::Serialize>(v: &T) -> Value {
    match serde_json::to_value(v).expect("enums serialise") {
        serde_json::Value::String(s) => Value::Text(s),
        other => Value::Text(other.to_string()),
    }
}

/// The time an event's personal part names, or the entry's own.
fn time(personal: Option<&Personal>, at: i64) -> Value {
    match personal {
        Some(Personal::Time { at }) => Value::Int(*at),
        _ => Value::Int(at),
    }
}

fn note(personal: Option<&Personal>) -> Value {
    match personal {
        Some(Personal::Note { text }) => Value::text(text.clone()),
        _ => Value::Null,
    }
}

/// The row operations that event number `seq`, recorded at `at`, makes.
/// `personal` is `None` when the event has none or it was erased.
/// A tracing request's personal part is gone: it keeps its ids and link.
fn erase_request(request: &TracingRequestId) -> RowOp {
    RowOp::Update {
        table: "tracing_requests",
        filter: vec![("id", Value::text(request.as_str()))],
        set: vec![("details", Value::Null), ("status", Value::text("erased"))],
    }
}

pub fn project(seq: u64, at: i64, body: &EventBody, personal: Option<&Personal>) -> Vec<RowOp> {
    use EventBody as E;
    use Value::{Int, Null};
    let seq_v = Int(seq as i64);
    let insert = |table, values| RowOp::Insert { table, values };
    let update = |table, filter, set| RowOp::Update { table, filter, set };
    match body {
        E::LedgerKeyRegistered { key_id, public_key } => vec![insert(
            "ledger_keys",
            vec![
                ("key_id", Value::text(key_id)),
                ("public_key", Value::text(public_key)),
                ("seq", seq_v),
            ],
        )],
        E::OrganisationRegistered {
            org_id,
            name,
            kind,
            side,
        } => vec![insert(
            "organisations",
            vec![
                ("id", Value::text(org_id.as_str())),
                ("name", Value::text(name)),
                ("kind", Value::text(kind.as_str())),
                ("side", side.map_or(Null, |s| snake(&s))),
                ("seq", seq_v),
            ],
        )],
        E::UserRegistered {
            user_id,
            login,
            org_id,
            role,
        } => vec![insert(
            "users",
            vec![
                ("id", Value::text(user_id.as_str())),
                ("login", Value::text(login)),
                ("org_id", Value::text(org_id.as_str())),
                ("role", Value::text(role.as_str())),
                ("password_hash", Null),
                ("seq", seq_v),
                ("lang", Null),
                ("disabled", Int(0)),
            ],
        )],
        E::UserDisabled { user_id } | E::UserEnabled { user_id } => vec![update(
            "users",
            vec![("id", Value::text(user_id.as_str()))],
            vec![(
                "disabled",
                Int(i64::from(matches!(body, E::UserDisabled { .. }))),
            )],
        )],
        E::RoleChanged { user_id, role } => vec![update(
            "users",
            vec![("id", Value::text(user_id.as_str()))],
            vec![("role", Value::text(role.as_str()))],
        )],
        E::LanguageChosen { user_id, lang } => vec![update(
            "users",
            vec![("id", Value::text(user_id.as_str()))],
            vec![("lang", Value::text(lang))],
        )],
        E::PasswordSet { user_id } => {
            let hash = match personal {
                Some(Personal::PasswordHash { hash }) => Value::text(hash),
                _ => Null,
            };
            vec![update(
                "users",
                vec![("id", Value::text(user_id.as_str()))],
                vec![("password_hash", hash)],
            )]
        }
        E::ChildRegistered {
            child_id,
            org_id,
            list_name,
            import_id,
            external_id,
        } => {
            let (details, sex, year) = child_columns(personal);
            vec![insert(
                "children",
                vec![
                    ("id", Value::text(child_id.as_str())),
                    ("org_id", Value::text(org_id.as_str())),
                    ("list_name", Value::text(list_name)),
                    (
                        "import_id",
                        Value::opt_text(import_id.as_ref().map(|i| i.as_str())),
                    ),
                    ("details", details),
                    ("sex", sex),
                    ("birth_year", year),
                    ("custody_kind", Null),
                    ("erased", Int(0)),
                    ("seq", seq_v.clone()),
                    ("updated_seq", seq_v),
                    ("external_id", Value::opt_text(external_id.as_deref())),
                    ("joined_to", Null),
                ],
            )]
        }
        E::ChildAmended { child_id } => {
            let (details, sex, year) = child_columns(personal);
            vec![update(
                "children",
                vec![("id", Value::text(child_id.as_str()))],
                vec![
                    ("details", details),
                    ("sex", sex),
                    ("birth_year", year),
                    ("updated_seq", seq_v),
                ],
            )]
        }
        E::CustodyRecorded {
            child_id,
            custody_no,
            kind,
            since,
        } => {
            let place = match personal {
                Some(Personal::Custody(p)) => json(p),
                _ => Null,
            };
            vec![
                insert(
                    "custody_records",
                    vec![
                        ("child_id", Value::text(child_id.as_str())),
                        ("custody_no", Int(*custody_no as i64)),
                        ("kind", Value::text(kind.as_str())),
                        ("since", Value::text(since)),
                        ("place", place),
                        ("seq", seq_v.clone()),
                    ],
                ),
                update(
                    "children",
                    vec![("id", Value::text(child_id.as_str()))],
                    vec![
                        ("custody_kind", Value::text(kind.as_str())),
                        ("updated_seq", seq_v),
                    ],
                ),
            ]
        }
        E::FamilyMemberAdded {
            member_id,
            child_id,
            relationship,
        } => {
            let details = match personal {
                Some(Personal::FamilyMember(d)) => json(d),
                _ => Null,
            };
            vec![insert(
                "family_members",
                vec![
                    ("id", Value::text(member_id.as_str())),
                    ("child_id", Value::text(child_id.as_str())),
                    ("relationship", Value::text(relationship.as_str())),
                    ("details", details),
                    ("seq", seq_v),
                ],
            )]
        }
        E::TracingRequestFiled {
            request_id,
            org_id,
            external_id,
            import_id,
        } => {
            let details = match personal {
                Some(Personal::Tracing(d)) => json(d),
                _ => Null,
            };
            vec![insert(
                "tracing_requests",
                vec![
                    ("id", Value::text(request_id.as_str())),
                    ("org_id", Value::text(org_id.as_str())),
                    ("details", details),
                    ("child_id", Null),
                    ("status", Value::text("open")),
                    ("seq", seq_v),
                    ("external_id", Value::opt_text(external_id.as_deref())),
                    (
                        "import_id",
                        Value::opt_text(import_id.as_ref().map(|i| i.as_str())),
                    ),
                    ("outcome", Null),
                ],
            )]
        }
        E::TracingRequestAmended { request_id } => {
            let details = match personal {
                Some(Personal::Tracing(d)) => json(d),
                _ => Null,
            };
            vec![update(
                "tracing_requests",
                vec![("id", Value::text(request_id.as_str()))],
                vec![("details", details)],
            )]
        }
        E::ListImported {
            import_id,
            org_id,
            kind,
            list_name,
            sha256,
            rows,
            new,
            updated,
            unchanged,
            erased,
        } => {
            let n = |v: &u64| Int(*v as i64);
            vec![insert(
                "imports",
                vec![
                    ("id", Value::text(import_id.as_str())),
                    ("org_id", Value::text(org_id.as_str())),
                    ("kind", Value::text(kind.as_str())),
                    ("list_name", Value::text(list_name)),
                    ("sha256", Value::text(sha256)),
                    ("row_count", n(rows)),
                    ("new_count", n(new)),
                    ("updated_count", n(updated)),
                    ("unchanged_count", n(unchanged)),
                    ("erased_count", n(erased)),
                    ("at", Int(at)),
                    ("seq", seq_v),
                ],
            )]
        }
        E::TracingRequestLinked {
            request_id,
            child_id,
        } => vec![update(
            "tracing_requests",
            vec![("id", Value::text(request_id.as_str()))],
            vec![
                ("child_id", Value::text(child_id.as_str())),
                ("status", Value::text("linked")),
            ],
        )],
        E::CaseOpened {
            case_id,
            child_id,
            party_a,
            party_b,
        } => vec![insert(
            "cases",
            vec![
                ("id", Value::text(case_id.as_str())),
                ("child_id", Value::text(child_id.as_str())),
                ("party_a", Value::text(party_a.as_str())),
                ("party_b", Value::text(party_b.as_str())),
                ("state", Value::text("identified")),
                ("consent_by", Null),
                ("trip_id", Null),
                ("seq", seq_v.clone()),
                ("updated_seq", seq_v),
                ("others", Null),
                ("group_id", Null),
                ("group_kind", Null),
            ],
        )],
        E::TracingRequestClosed {
            request_id,
            outcome,
        } => vec![update(
            "tracing_requests",
            vec![("id", Value::text(request_id.as_str()))],
            vec![
                ("status", Value::text("closed")),
                ("outcome", Value::text(outcome.as_str())),
            ],
        )],
        E::CasesGrouped {
            group_id,
            kind,
            cases,
        } => cases
            .iter()
            .map(|case_id| {
                update(
                    "cases",
                    vec![("id", Value::text(case_id.as_str()))],
                    vec![
                        ("group_id", Value::text(group_id.as_str())),
                        ("group_kind", Value::text(kind.as_str())),
                        ("updated_seq", seq_v.clone()),
                    ],
                )
            })
            .collect(),
        E::CasePartyAdded {
            case_id, others, ..
        } => vec![update(
            "cases",
            vec![("id", Value::text(case_id.as_str()))],
            vec![
                (
                    "others",
                    Value::text(serde_json::to_string(others).unwrap_or_default()),
                ),
                ("updated_seq", seq_v),
            ],
        )],
        E::EvidenceAdded {
            case_id,
            evidence_no,
            kind,
            method,
        } => vec![insert(
            "case_evidence",
            vec![
                ("case_id", Value::text(case_id.as_str())),
                ("evidence_no", Int(*evidence_no as i64)),
                ("kind", snake(kind)),
                ("description", note(personal)),
                ("seq", seq_v),
                ("method", method.map_or(Null, |m| Value::text(m.as_str()))),
            ],
        )],
        E::BestInterestsAssessed {
            case_id,
            assessment_no,
            outcome,
        } => vec![insert(
            "case_assessments",
            vec![
                ("case_id", Value::text(case_id.as_str())),
                ("assessment_no", Int(*assessment_no as i64)),
                ("kind", Value::text("best_interests")),
                ("outcome", Value::text(outcome.as_str())),
                ("age_years", Null),
                ("note", note(personal)),
                ("seq", seq_v),
            ],
        )],
        E::ChildViewsRecorded {
            case_id,
            assessment_no,
            how,
            age_years,
        } => vec![insert(
            "case_assessments",
            vec![
                ("case_id", Value::text(case_id.as_str())),
                ("assessment_no", Int(*assessment_no as i64)),
                ("kind", Value::text("child_views")),
                ("outcome", Value::text(how.as_str())),
                ("age_years", Int(i64::from(*age_years))),
                ("note", note(personal)),
                ("seq", seq_v),
            ],
        )],
        E::ConsentRecorded {
            case_id,
            member_id,
            basis,
        } => {
            // Consents recorded before their details were kept have a note.
            let details = match personal {
                Some(Personal::Consent(d)) => Some(d.clone()),
                Some(Personal::Note { text }) => Some(homeward_domain::ConsentDetails {
                    note: text.clone(),
                    ..Default::default()
                }),
                _ => None,
            };
            let text = |f: fn(&homeward_domain::ConsentDetails) -> &str| {
                details
                    .as_ref()
                    .map_or(Null, |d| Value::text(f(d).to_owned()))
            };
            vec![
                insert(
                    "case_consents",
                    vec![
                        ("seq", seq_v.clone()),
                        ("case_id", Value::text(case_id.as_str())),
                        ("member_id", Value::text(member_id.as_str())),
                        ("basis", Value::text(basis.as_str())),
                        ("how", text(|d| d.how.as_str())),
                        ("witness", text(|d| &d.witness)),
                        ("court_order", text(|d| &d.court_order)),
                        ("note", text(|d| &d.note)),
                        ("withdrawn_seq", Null),
                        ("withdraw_note", Null),
                    ],
                ),
                update(
                    "cases",
                    vec![("id", Value::text(case_id.as_str()))],
                    vec![
                        ("consent_by", Value::text(member_id.as_str())),
                        ("updated_seq", seq_v),
                    ],
                ),
            ]
        }
        // The withdrawal is kept with its reason; the case's consent on
        // record becomes the latest one still in force, if any.
        E::ConsentWithdrawn {
            case_id,
            consent_seq,
            on_record,
            ..
        } => {
            let mut ops = Vec::new();
            if let Some(consent) = consent_seq {
                ops.push(update(
                    "case_consents",
                    vec![("seq", Int(*consent))],
                    vec![
                        ("withdrawn_seq", seq_v.clone()),
                        ("withdraw_note", note(personal)),
                    ],
                ));
            }
            ops.push(update(
                "cases",
                vec![("id", Value::text(case_id.as_str()))],
                vec![
                    (
                        "consent_by",
                        on_record.as_ref().map_or(Null, |m| Value::text(m.as_str())),
                    ),
                    ("updated_seq", seq_v),
                ],
            ));
            ops
        }
        E::CaseTransitioned {
            case_id,
            action,
            from,
            to,
        } => vec![
            insert(
                "case_history",
                vec![
                    ("seq", seq_v.clone()),
                    ("case_id", Value::text(case_id.as_str())),
                    ("action", Value::text(action.as_str())),
                    ("from_state", Value::text(from.as_str())),
                    ("to_state", Value::text(to.as_str())),
                    ("note", note(personal)),
                    ("at", Int(at)),
                ],
            ),
            {
                let mut set = vec![("state", Value::text(to.as_str())), ("updated_seq", seq_v)];
                // Taken off its trip: the booking goes with the step.
                if *action == homeward_domain::CaseAction::CancelTransit {
                    set.push(("trip_id", Null));
                }
                update("cases", vec![("id", Value::text(case_id.as_str()))], set)
            },
        ],
        E::PartyDecisionRecorded {
            case_id,
            org_id,
            decision,
            witnessed_size,
            dispute,
        } => vec![insert(
            "case_decisions",
            vec![
                ("seq", seq_v),
                ("case_id", Value::text(case_id.as_str())),
                ("org_id", Value::text(org_id.as_str())),
                ("decision", Value::text(decision.as_str())),
                ("note", note(personal)),
                (
                    "witnessed_size",
                    witnessed_size.map_or(Null, |n| Int(n as i64)),
                ),
                ("dispute", dispute.map_or(Null, |d| Value::text(d.as_str()))),
            ],
        )],
        E::TripPlanned { .. }
        | E::TripRescheduled { .. }
        | E::EscortsAssigned { .. }
        | E::TripCancelled { .. }
        | E::ClearanceRecorded { .. }
        | E::LegDeparted { .. }
        | E::LegArrived { .. }
        | E::CaseBookedOnTrip { .. }
        | E::HandoverRecorded { .. }
        | E::FollowUpRecorded { .. } => trips::project(seq, at, body, personal),
        E::PersonalDataErased {
            child_id,
            cases,
            seqs,
            reason,
            tracing_requests,
        } => {
            let child = || vec![("child_id", Value::text(child_id.as_str()))];
            let mut ops = Vec::new();
            for case in cases {
                let by_case = || vec![("case_id", Value::text(case.as_str()))];
                ops.push(update("case_history", by_case(), vec![("note", Null)]));
                ops.push(update("case_decisions", by_case(), vec![("note", Null)]));
                ops.push(update(
                    "case_evidence",
                    by_case(),
                    vec![("description", Null)],
                ));
                ops.push(update("case_follow_ups", by_case(), vec![("note", Null)]));
                ops.push(update(
                    "case_consents",
                    by_case(),
                    vec![
                        ("how", Null),
                        ("witness", Null),
                        ("court_order", Null),
                        ("note", Null),
                        ("withdraw_note", Null),
                    ],
                ));
                ops.push(update("case_assessments", by_case(), vec![("note", Null)]));
                ops.push(update(
                    "handovers",
                    by_case(),
                    vec![("received_by", Null), ("place", Null), ("at", Null)],
                ));
            }
            ops.extend([
                update(
                    "children",
                    vec![("id", Value::text(child_id.as_str()))],
                    vec![
                        ("details", Null),
                        ("sex", Null),
                        ("birth_year", Null),
                        ("erased", Int(1)),
                        ("updated_seq", seq_v.clone()),
                    ],
                ),
                update("custody_records", child(), vec![("place", Null)]),
                update("family_members", child(), vec![("details", Null)]),
                insert(
                    "erasures",
                    vec![
                        ("seq", seq_v),
                        ("child_id", Value::text(child_id.as_str())),
                        ("reason", snake(reason)),
                        ("entries", Int(seqs.len() as i64)),
                    ],
                ),
            ]);
            for request in tracing_requests {
                ops.push(erase_request(request));
            }
            ops
        }
        E::TracingRequestErased { request_id, .. } => vec![erase_request(request_id)],
        E::RecordsAccessed {
            user_id,
            org_id,
            via,
            records,
        } => records
            .iter()
            .enumerate()
            .map(|(n, r)| {
                insert(
                    "access_log",
                    vec![
                        ("seq", seq_v.clone()),
                        ("n", Int(n as i64)),
                        ("at", Int(at)),
                        ("user_id", Value::text(user_id.as_str())),
                        ("org_id", Value::text(org_id.as_str())),
                        ("record_kind", Value::text(r.kind.as_str())),
                        ("record_id", Value::text(&r.id)),
                        ("via", Value::text(via)),
                    ],
                )
            })
            .collect(),
        E::RecordAccessed {
            user_id,
            org_id,
            record_kind,
            record_id,
            via,
        } => vec![insert(
            "access_log",
            vec![
                ("seq", seq_v),
                ("n", Int(0)),
                ("at", Int(at)),
                ("user_id", Value::text(user_id.as_str())),
                ("org_id", Value::text(org_id.as_str())),
                ("record_kind", Value::text(record_kind.as_str())),
                ("record_id", Value::text(record_id)),
                ("via", Value::text(via)),
            ],
        )],
        E::WitnessKeyRegistered {
            org_id,
            name,
            key_id,
            verifier_key,
        } => vec![
            update(
                "witness_keys",
                vec![("org_id", Value::text(org_id.as_str()))],
                vec![("current", Int(0))],
            ),
            insert(
                "witness_keys",
                vec![
                    ("seq", seq_v),
                    ("org_id", Value::text(org_id.as_str())),
                    ("name", Value::text(name)),
                    ("key_id", Value::text(key_id)),
                    ("verifier_key", Value::text(verifier_key)),
                    ("registered_at", Int(at)),
                    ("current", Int(1)),
                ],
            ),
        ],
        E::MatchesProposed { .. } | E::MatchDecided { .. } | E::MatchDecisionUndone { .. } => {
            matches::project(seq, at, body)
        }
    }
}

fn child_columns(personal: Option<&Personal>) -> (Value, Value, Value) {
    match personal {
        Some(Personal::Child(d)) => (
            json(d),
            d.sex.map_or(Value::Null, |s| snake(&s)),
            d.birth_date
                .map_or(Value::Null, |b| Value::Int(b.year() as i64)),
        ),
        _ => (Value::Null, Value::Null, Value::Null),
    }
}

/// Puts an insert's values in the table's column order; a column the
/// projection does not name is a programming error caught by the tests.
pub fn ordered_row(spec: &TableSpec, values: &[(&'static str, Value)]) -> Vec<Value> {
    assert_eq!(
        values.len(),
        spec.columns.len(),
        "insert into {} must name every column",
        spec.name
    );
    spec.columns
        .iter()
        .map(|(c, _)| {
            values
                .iter()
                .find(|(n, _)| n == c)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("insert into {} lacks column {c}", spec.name))
        })
        .collect()
}
