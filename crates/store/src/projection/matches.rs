//! The rows of proposed matches and their decisions, and what a decision
//! does to the matched records.

use super::*;

/// [`super::project`] for match events.
pub(super) fn project(seq: u64, at: i64, body: &EventBody) -> Vec<RowOp> {
    use EventBody as E;
    use Value::{Int, Null};
    let seq_v = Int(seq as i64);
    let insert = |table, values| RowOp::Insert { table, values };
    let update = |table, filter, set| RowOp::Update { table, filter, set };
    match body {
        E::MatchesProposed { matches } => matches
            .iter()
            .map(|m| {
                insert(
                    "matches",
                    vec![
                        ("id", Value::text(m.match_id.as_str())),
                        ("kind", Value::text(m.kind.as_str())),
                        ("a_id", Value::text(m.a.as_str())),
                        ("b_id", Value::text(&m.b)),
                        ("score_ppm", Int(m.score_ppm as i64)),
                        ("renamed", Int(m.renamed as i64)),
                        ("fields", json(&m.fields)),
                        ("status", Value::text("pending")),
                        ("decided_by", Null),
                        ("decided_at", Null),
                        ("seq", seq_v.clone()),
                    ],
                )
            })
            .collect(),
        E::MatchDecided {
            match_id,
            decision,
            by,
            join,
        } => {
            let mut ops = vec![update(
                "matches",
                vec![("id", Value::text(match_id.as_str()))],
                vec![
                    ("status", Value::text(decision.status().as_str())),
                    ("decided_by", Value::text(by.as_str())),
                    ("decided_at", Int(at)),
                ],
            )];
            ops.extend(join.as_ref().map(|j| join_ops(j, true)));
            ops
        }
        E::MatchDecisionUndone { match_id, join, .. } => {
            let mut ops = vec![update(
                "matches",
                vec![("id", Value::text(match_id.as_str()))],
                vec![
                    ("status", Value::text("pending")),
                    ("decided_by", Null),
                    ("decided_at", Null),
                ],
            )];
            ops.extend(join.as_ref().map(|j| join_ops(j, false)));
            ops
        }
        _ => unreachable!("only match events are projected here"),
    }
}

/// What confirming a match (or undoing it) does to its records: a child's
/// record kept under another child, or a tracing request linked to one.
fn join_ops(join: &homeward_domain::MatchJoin, joined: bool) -> RowOp {
    let other = vec![("id", Value::text(&join.other))];
    if join.kind.joins_children() {
        let to = if joined {
            Value::text(join.into.as_str())
        } else {
            Value::Null
        };
        RowOp::Update {
            table: "children",
            filter: other,
            set: vec![("joined_to", to)],
        }
    } else {
        let (child, status) = if joined {
            (Value::text(join.into.as_str()), "linked")
        } else {
            (Value::Null, "open")
        };
        RowOp::Update {
            table: "tracing_requests",
            filter: other,
            set: vec![("child_id", child), ("status", Value::text(status))],
        }
    }
}
