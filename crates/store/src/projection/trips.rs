//! The rows of trips, their legs, bookings, handovers and follow-ups.

use super::*;

/// [`super::project`] for trip events.
pub(super) fn project(
    seq: u64,
    at: i64,
    body: &EventBody,
    personal: Option<&Personal>,
) -> Vec<RowOp> {
    use EventBody as E;
    use Value::{Int, Null};
    let seq_v = Int(seq as i64);
    let insert = |table, values| RowOp::Insert { table, values };
    let update = |table, filter, set| RowOp::Update { table, filter, set };
    match body {
        E::TripPlanned {
            trip_id,
            kind,
            capacity,
            legs,
            leg_escorts,
            escorts,
        } => {
            let plan = match personal {
                Some(Personal::TripPlan(p)) => Some(p),
                _ => None,
            };
            let mut ops = vec![insert(
                "trips",
                vec![
                    ("id", Value::text(trip_id.as_str())),
                    ("name", Value::text(plan.map_or("", |p| p.name.as_str()))),
                    ("capacity", Int(*capacity as i64)),
                    ("escorts", json(escorts)),
                    ("seq", seq_v),
                    ("kind", Value::text(kind.as_str())),
                    ("carrier", Value::opt_text(plan.map(|p| p.carrier.as_str()))),
                    ("cancelled", Int(0)),
                    ("cancel_reason", Null),
                ],
            )];
            for (i, leg_id) in legs.iter().enumerate() {
                let leg = plan.and_then(|p| p.legs.iter().find(|l| &l.leg_id == leg_id));
                let text = |f: fn(&LegPlan) -> &str| Value::text(leg.map_or("", f));
                let escorts: &[homeward_domain::UserId] =
                    leg_escorts.get(i).map_or(&[], Vec::as_slice);
                ops.push(insert(
                    "trip_legs",
                    vec![
                        ("leg_id", Value::text(leg_id.as_str())),
                        ("trip_id", Value::text(trip_id.as_str())),
                        ("position", Int(i as i64 + 1)),
                        ("from_place", text(|l| &l.from_place)),
                        ("to_place", text(|l| &l.to_place)),
                        (
                            "transit_org",
                            Value::opt_text(
                                leg.and_then(|l| l.transit_org.as_ref()).map(|o| o.as_str()),
                            ),
                        ),
                        ("carrier", text(|l| &l.carrier)),
                        ("departs_at", Int(leg.map_or(0, |l| l.departs_at))),
                        ("arrives_at", leg.map_or(Null, |l| Int(l.arrives_at))),
                        ("escorts", json(&escorts)),
                        ("clearance", Null),
                        ("clearance_ref", Null),
                        ("clearance_conditions", Null),
                        ("departed_at", Null),
                        ("arrived_at", Null),
                    ],
                ));
            }
            ops
        }
        E::TripRescheduled {
            trip_id,
            changed_legs,
        } => {
            let mut ops = Vec::new();
            if let Some(Personal::TripPlan(plan)) = personal {
                ops.push(update(
                    "trips",
                    vec![("id", Value::text(trip_id.as_str()))],
                    vec![
                        ("name", Value::text(&plan.name)),
                        ("carrier", Value::text(&plan.carrier)),
                    ],
                ));
                for leg in &plan.legs {
                    ops.push(update(
                        "trip_legs",
                        vec![("leg_id", Value::text(leg.leg_id.as_str()))],
                        vec![
                            ("from_place", Value::text(&leg.from_place)),
                            ("to_place", Value::text(&leg.to_place)),
                            ("carrier", Value::text(&leg.carrier)),
                            ("departs_at", Int(leg.departs_at)),
                            ("arrives_at", Int(leg.arrives_at)),
                        ],
                    ));
                }
            }
            // A leg whose times changed needs its transit state's answer again.
            for leg in changed_legs {
                ops.push(update(
                    "trip_legs",
                    vec![("leg_id", Value::text(leg.as_str()))],
                    vec![
                        ("clearance", Null),
                        ("clearance_ref", Null),
                        ("clearance_conditions", Null),
                    ],
                ));
            }
            ops
        }
        E::EscortsAssigned {
            trip_id,
            leg_id,
            escorts,
            trip_escorts,
        } => vec![
            update(
                "trip_legs",
                vec![("leg_id", Value::text(leg_id.as_str()))],
                vec![("escorts", json(escorts))],
            ),
            update(
                "trips",
                vec![("id", Value::text(trip_id.as_str()))],
                vec![("escorts", json(trip_escorts))],
            ),
        ],
        E::TripCancelled { trip_id } => vec![
            update(
                "trips",
                vec![("id", Value::text(trip_id.as_str()))],
                vec![("cancelled", Int(1)), ("cancel_reason", note(personal))],
            ),
            update(
                "cases",
                vec![("trip_id", Value::text(trip_id.as_str()))],
                vec![("trip_id", Null)],
            ),
        ],
        E::ClearanceRecorded {
            leg_id, granted, ..
        } => {
            let (reference, conditions) = match personal {
                Some(Personal::Clearance(c)) => {
                    (Value::text(&c.reference), Value::text(&c.conditions))
                }
                _ => (Null, Null),
            };
            vec![update(
                "trip_legs",
                vec![("leg_id", Value::text(leg_id.as_str()))],
                vec![
                    (
                        "clearance",
                        Value::text(if *granted { "granted" } else { "refused" }),
                    ),
                    ("clearance_ref", reference),
                    ("clearance_conditions", conditions),
                ],
            )]
        }
        E::LegDeparted { leg_id, .. } => vec![update(
            "trip_legs",
            vec![("leg_id", Value::text(leg_id.as_str()))],
            vec![("departed_at", time(personal, at))],
        )],
        E::LegArrived { leg_id, .. } => vec![update(
            "trip_legs",
            vec![("leg_id", Value::text(leg_id.as_str()))],
            vec![("arrived_at", time(personal, at))],
        )],
        E::CaseBookedOnTrip { case_id, trip_id } => vec![update(
            "cases",
            vec![("id", Value::text(case_id.as_str()))],
            vec![
                ("trip_id", Value::text(trip_id.as_str())),
                ("updated_seq", seq_v),
            ],
        )],
        E::HandoverRecorded {
            trip_id,
            leg_id,
            case_id,
            to,
            handed_over_by,
        } => {
            let details = match personal {
                Some(Personal::Handover(h)) => Some(h),
                _ => None,
            };
            let (kind, id) = match to {
                Receiver::Official { org_id } => ("official", org_id.as_str()),
                Receiver::FamilyMember { member_id } => ("family_member", member_id.as_str()),
            };
            vec![insert(
                "handovers",
                vec![
                    ("seq", seq_v),
                    ("trip_id", Value::text(trip_id.as_str())),
                    ("leg_id", Value::text(leg_id.as_str())),
                    ("case_id", Value::text(case_id.as_str())),
                    (
                        "received_by",
                        Value::opt_text(details.map(|d| d.received_by.as_str())),
                    ),
                    ("receiver_kind", Value::text(kind)),
                    ("receiver_id", Value::text(id)),
                    ("place", Value::opt_text(details.map(|d| d.place.as_str()))),
                    ("at", details.map_or(Null, |d| Int(d.at))),
                    ("handed_over_by", Value::text(handed_over_by.as_str())),
                ],
            )]
        }
        E::FollowUpRecorded {
            case_id,
            follow_up_no,
        } => vec![insert(
            "case_follow_ups",
            vec![
                ("case_id", Value::text(case_id.as_str())),
                ("follow_up_no", Int(*follow_up_no as i64)),
                ("note", note(personal)),
                ("seq", seq_v),
            ],
        )],
        _ => unreachable!("only trip events are projected here"),
    }
}
