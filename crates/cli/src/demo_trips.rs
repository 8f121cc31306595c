//! The demo's trips, in every phase: two completed (their children home,
//! some cases closed after the follow-up visits), one under way (children
//! handed over at the transit state, some already with their families),
//! and one planned (a sibling group booked together, a clearance granted
//! and one refused). Each child's custody runs without a gap from the
//! institution through the embassy and the escorts to the family.

use anyhow::Result;
use homeward_domain::*;
use homeward_store::Store;
use homeward_store::seed::{self, Cast};
use homeward_synth::DemoChild;

const DAY: i64 = 86_400;

/// Records where a child who will travel has been: the institution (unless
/// its record already says), then the mediator's embassy.
pub async fn to_embassy(
    store: &Store,
    cast: &Cast,
    child: &ChildId,
    c: &DemoChild,
    from_institution: bool,
    now: i64,
) -> Result<()> {
    if from_institution {
        store
            .execute(
                &cast.caseworker,
                Command::RecordCustody {
                    child_id: child.clone(),
                    kind: super::demo::custody_kind(c),
                    since: "2022".into(),
                    place: CustodyPlace {
                        place_name: c.custody_place_ru.clone(),
                        address: String::new(),
                    },
                },
            )
            .await?;
    }
    store
        .execute(
            &cast.caseworker,
            Command::RecordCustody {
                child_id: child.clone(),
                kind: CustodyKind::Embassy,
                since: transit::iso_date(now - 120 * DAY),
                place: CustodyPlace {
                    place_name: "Embassy of the mediating state, children's residence".into(),
                    address: String::new(),
                },
            },
        )
        .await?;
    Ok(())
}

/// Books the approved `travelling` cases by the state each should reach
/// and runs the trips: `trips` are the demo's four, oldest first.
pub async fn run(
    store: &Store,
    cast: &Cast,
    trips: &[TripId; 4],
    travelling: Vec<(CaseState, CaseId)>,
) -> Result<()> {
    let on = |states: &[CaseState]| -> Vec<CaseId> {
        travelling
            .iter()
            .filter(|(s, _)| states.contains(s))
            .map(|(_, c)| c.clone())
            .collect()
    };
    let closed = on(&[CaseState::Closed]);
    let reunited = on(&[CaseState::Reunited]);
    let under_way = on(&[CaseState::InTransit, CaseState::HandedOver]);
    let handed_over = on(&[CaseState::HandedOver]);
    let planned = on(&[CaseState::TransitPlanned]);
    for (trip, cases) in [
        (&trips[0], &closed),
        (&trips[1], &reunited),
        (&trips[2], &under_way),
        (&trips[3], &planned),
    ] {
        for case in cases {
            book(store, cast, trip, case).await?;
        }
    }
    // The completed trips: every leg, every handover, then home.
    for trip in &trips[..2] {
        for leg in 0..2 {
            seed::depart_leg(store, cast, trip, leg).await?;
            seed::finish_leg(store, cast, trip, leg, None).await?;
        }
    }
    for case in closed.iter().chain(&reunited) {
        step(store, &cast.caseworker, case, CaseAction::Reunite, None).await?;
    }
    for case in &closed {
        for note in seed::FOLLOW_UP_NOTES {
            store
                .execute(
                    &cast.caseworker,
                    Command::RecordFollowUp {
                        case_id: case.clone(),
                        note: note.into(),
                    },
                )
                .await?;
        }
        step(store, &cast.coordinator, case, CaseAction::Close, None).await?;
    }
    // Under way: handed over at transit state 1, on the road through
    // transit state 2; some children are already with their families.
    seed::depart_leg(store, cast, &trips[2], 0).await?;
    seed::finish_leg(store, cast, &trips[2], 0, None).await?;
    seed::depart_leg(store, cast, &trips[2], 1).await?;
    seed::hand_over(store, cast, &trips[2], 1, Some(&handed_over)).await?;
    // Planned: a sibling group booked together; transit state 1 cleared its
    // leg, transit state 2 refused the convoy's route.
    let together = siblings(
        store,
        cast,
        &trips[3],
        [("Софія", "2014-02-11"), ("Марко", "2016-07-30")],
    )
    .await?;
    book(store, cast, &trips[3], &together[0]).await?;
    let legs = store.legs(&trips[3]).await?;
    for (officer, leg, granted, reference, conditions) in [
        (
            &cast.transit_1,
            &legs[0],
            true,
            "TS1-2026-0412",
            "Escorts carry diplomatic passports; landing slot 14:00-16:00",
        ),
        (
            &cast.transit_2,
            &legs[1],
            false,
            "TS2-2026-0977",
            "The convoy's road is closed to civilian traffic; resubmit with another crossing",
        ),
    ] {
        store
            .execute(
                officer,
                Command::RecordClearance {
                    trip_id: trips[3].clone(),
                    leg_id: leg.leg_id.clone(),
                    granted,
                    details: ClearanceDetails {
                        reference: reference.into(),
                        conditions: conditions.into(),
                    },
                },
            )
            .await?;
    }
    // Approved and waiting for a trip: another sibling group.
    siblings(
        store,
        cast,
        &trips[3],
        [("Олена", "2013-10-02"), ("Петро", "2015-04-19")],
    )
    .await?;
    Ok(())
}

async fn book(store: &Store, cast: &Cast, trip: &TripId, case: &CaseId) -> Result<()> {
    store
        .execute(
            &cast.coordinator,
            Command::BookOnTrip {
                case_id: case.clone(),
                trip_id: trip.clone(),
            },
        )
        .await?;
    Ok(())
}

async fn step(
    store: &Store,
    actor: &Actor,
    case: &CaseId,
    action: CaseAction,
    reason: Option<&str>,
) -> Result<()> {
    store
        .execute(
            actor,
            Command::TransitionCase {
                case_id: case.clone(),
                action,
                reason: reason.map(str::to_owned),
            },
        )
        .await?;
    Ok(())
}

/// Two siblings reported by party A, living at the embassy, approved
/// together by both parties.
async fn siblings(
    store: &Store,
    cast: &Cast,
    trip: &TripId,
    children: [(&str, &str); 2],
) -> Result<Vec<CaseId>> {
    let mut ids = Vec::new();
    for (given, born) in children {
        let id = ChildId(Store::new_id());
        store
            .execute(
                &cast.party_a,
                Command::RegisterChild {
                    child_id: id.clone(),
                    org_id: cast.party_a.org.clone(),
                    list_name: "Reports to the embassy".into(),
                    import_id: None,
                    details: ChildDetails {
                        names: vec![PersonName {
                            family_name: "Мельник".into(),
                            given_name: given.into(),
                            patronymic: Some("Андріївна".into()).filter(|_| given.ends_with('я')),
                            lang: "uk".into(),
                            kind: NameKind::Recorded,
                        }],
                        birth_date: BirthDate::parse(born).ok(),
                        ..Default::default()
                    },
                },
            )
            .await?;
        store
            .execute(
                &cast.caseworker,
                Command::RecordCustody {
                    child_id: id.clone(),
                    kind: CustodyKind::Embassy,
                    since: "2026-06-01".into(),
                    place: CustodyPlace {
                        place_name: "Embassy of the mediating state, children's residence".into(),
                        address: String::new(),
                    },
                },
            )
            .await?;
        ids.push(id);
    }
    Ok(seed::drive_group(store, cast, &ids, trip).await?)
}
