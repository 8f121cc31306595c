//! Transit: planning, booking, clearance, departure and handovers, each
//! rule refused with its reason, and the case following the trip.

use homeward_domain::case::TripFacts as CaseTrip;
use homeward_domain::command::{Context, OrgFacts};
use homeward_domain::transit::{Booked, LegFacts, TripFacts};
use homeward_domain::*;

const DAY: i64 = 86_400;
/// 2026-09-21.
const T0: i64 = 1_790_000_000;

fn actor(user: &str, role: Role, org: &str, kind: OrgKind) -> Actor {
    Actor {
        user: UserId::from(user),
        org: OrgId::from(org),
        org_kind: kind,
        role,
    }
}

fn coordinator() -> Actor {
    actor("coord", Role::Coordinator, "med", OrgKind::Mediator)
}

fn escort() -> Actor {
    actor("esc-1", Role::Escort, "med", OrgKind::Mediator)
}

fn transit_officer(org: &str) -> Actor {
    actor("tr", Role::TransitOfficer, org, OrgKind::Transit)
}

fn leg(id: &str, transit: Option<&str>, departs_at: i64) -> LegFacts {
    LegFacts {
        leg_id: LegId::from(id),
        transit_org: transit.map(OrgId::from),
        escorts: vec![UserId::from("esc-1")],
        from_place: format!("from {id}"),
        to_place: format!("to {id}"),
        departs_at,
        arrives_at: departs_at + 3600,
        clearance: None,
        departed: false,
        arrived: false,
    }
}

fn booked(case: &str, state: CaseState, born: i32) -> Booked {
    Booked {
        case_id: CaseId::from(case),
        child_id: ChildId::from(format!("child-{case}").as_str()),
        state,
        handovers: 0,
        custody_records: 2,
        birth_date: Some(BirthDate::Year { year: born }),
    }
}

/// A trip of two legs: embassy → transit state T1 → home.
fn trip() -> TripFacts {
    TripFacts {
        trip_id: TripId::from("trip"),
        capacity: 3,
        cancelled: false,
        legs: vec![leg("l1", Some("t1"), T0), leg("l2", None, T0 + DAY)],
        booked: vec![],
    }
}

fn case_facts(state: CaseState) -> CaseFacts {
    let mut f = CaseFacts::new(OrgId::from("party-a"), OrgId::from("party-b"));
    f.state = state;
    f.family_members = vec![
        (FamilyMemberId::from("mother"), Relationship::Mother),
        (FamilyMemberId::from("aunt"), Relationship::AuntOrUncle),
    ];
    f.consents = vec![Consent {
        member: FamilyMemberId::from("mother"),
        basis: ConsentBasis::ParentalResponsibility,
        seq: 1,
    }];
    f
}

fn ctx_with(trip: TripFacts, case: Option<(&str, CaseFacts)>) -> Context {
    Context {
        case: case.map(|(id, f)| (f, ChildId::from(format!("child-{id}").as_str()), 0)),
        trip: Some(trip),
        ..Context::default()
    }
}

fn rule_of(r: Result<Vec<Event>, Refusal>) -> TripRule {
    match r {
        Err(Refusal::Trip(rule)) => rule,
        other => panic!("expected a transit rule, got {other:?}"),
    }
}

fn book(ctx: &Context, case: &str) -> Result<Vec<Event>, Refusal> {
    decide(
        &coordinator(),
        Command::BookOnTrip {
            case_id: CaseId::from(case),
            trip_id: TripId::from("trip"),
        },
        ctx,
    )
}

#[test]
fn a_plan_keeps_where_and_when_out_of_the_public_body() {
    let plan = TripPlan {
        name: "Charter home".into(),
        carrier: "Air Example".into(),
        legs: vec![
            LegPlan {
                leg_id: LegId::from("l1"),
                from_place: "Embassy".into(),
                to_place: "Transit city".into(),
                transit_org: Some(OrgId::from("t1")),
                carrier: "AE 101".into(),
                departs_at: T0,
                arrives_at: T0 + 7200,
            },
            LegPlan {
                leg_id: LegId::from("l2"),
                from_place: "Transit city".into(),
                to_place: "Home city".into(),
                transit_org: None,
                carrier: "AE 102".into(),
                departs_at: T0 + DAY,
                arrives_at: T0 + DAY + 7200,
            },
        ],
    };
    let mut ctx = Context {
        transit_orgs: vec![OrgFacts {
            org_id: OrgId::from("t1"),
            kind: OrgKind::Transit,
            side: None,
        }],
        escort_roles: vec![(UserId::from("esc-1"), Role::Escort)],
        ..Context::default()
    };
    let command = |escorts: Vec<Vec<UserId>>| Command::PlanTrip {
        trip_id: TripId::from("trip"),
        kind: TripKind::CharterFlight,
        capacity: 10,
        plan: plan.clone(),
        escorts,
    };
    let escorts = vec![vec![UserId::from("esc-1")], vec![UserId::from("esc-1")]];
    let events = decide(&coordinator(), command(escorts.clone()), &ctx).unwrap();
    let body = String::from_utf8(events[0].body_json()).unwrap();
    for private in ["Embassy", "Transit city", "AE 101", "Charter home", "t1"] {
        assert!(
            !body.contains(private),
            "{private} is in the public body: {body}"
        );
    }
    assert!(matches!(&events[0].personal, Some(Personal::TripPlan(p)) if p == &plan));

    // Escorts are named per leg; an escort must have the escort role; a
    // leg's transit organisation must be a transit state.
    assert_eq!(
        rule_of(decide(&coordinator(), command(vec![vec![]]), &ctx)),
        TripRule::EscortsPerLeg
    );
    ctx.escort_roles = vec![(UserId::from("esc-1"), Role::Caseworker)];
    assert_eq!(
        rule_of(decide(&coordinator(), command(escorts.clone()), &ctx)),
        TripRule::NotEscort
    );
    ctx.escort_roles = vec![(UserId::from("esc-1"), Role::Escort)];
    ctx.transit_orgs[0].kind = OrgKind::Party;
    assert_eq!(
        rule_of(decide(&coordinator(), command(escorts), &ctx)),
        TripRule::NotTransitState { leg: 1 }
    );
}

#[test]
fn booking_plans_the_transit_for_the_whole_group_or_refuses() {
    let mut ctx = ctx_with(trip(), Some(("k1", case_facts(CaseState::Approved))));
    ctx.travellers = vec![Some(BirthDate::Year { year: 2012 })];
    let events = book(&ctx, "k1").unwrap();
    assert_eq!(events.len(), 2);
    assert!(matches!(
        &events[1].body,
        EventBody::CaseTransitioned {
            to: CaseState::TransitPlanned,
            action: CaseAction::PlanTransit,
            ..
        }
    ));

    // A sibling group: every case must be approved, or none is booked.
    let mut sibling = case_facts(CaseState::Submitted);
    sibling.group = Some(GroupId::from("g"));
    ctx.group_cases = vec![(CaseId::from("k2"), sibling.clone())];
    ctx.travellers.push(Some(BirthDate::Year { year: 2014 }));
    assert_eq!(rule_of(book(&ctx, "k1")), TripRule::GroupSplit);
    sibling.state = CaseState::Approved;
    ctx.group_cases = vec![(CaseId::from("k2"), sibling)];
    let events = book(&ctx, "k1").unwrap();
    assert_eq!(events.len(), 4, "both cases booked and planned");

    // Capacity: two places left for a group of two, then one.
    let mut full = trip();
    full.booked = vec![booked("k9", CaseState::TransitPlanned, 2012)];
    full.capacity = 2;
    ctx.trip = Some(full);
    assert_eq!(
        rule_of(book(&ctx, "k1")),
        TripRule::OverCapacity { free: 1, needed: 2 }
    );

    // The escort ratio: one escort takes two young children at most (three
    // under six would travel).
    let mut young = trip();
    young.capacity = 10;
    young.booked = vec![booked("k9", CaseState::TransitPlanned, 2023)];
    ctx.trip = Some(young);
    ctx.travellers = vec![
        Some(BirthDate::Year { year: 2022 }),
        Some(BirthDate::Year { year: 2021 }),
    ];
    assert_eq!(
        rule_of(book(&ctx, "k1")),
        TripRule::EscortRatio {
            leg: 1,
            escorts: 1,
            needed: 2
        }
    );

    // Not approved yet: the case step's rule names the state.
    let ctx = ctx_with(trip(), Some(("k1", case_facts(CaseState::Submitted))));
    assert!(matches!(
        book(&ctx, "k1"),
        Err(Refusal::Transition(TransitionError::Precondition(
            Unmet::BookingNeedsApproved(CaseState::Submitted)
        )))
    ));
}

#[test]
fn only_the_legs_transit_state_clears_it_and_a_refusal_blocks_departure() {
    let mut t = trip();
    t.booked = vec![booked("k1", CaseState::TransitPlanned, 2012)];
    let ctx = ctx_with(t.clone(), None);
    let clear = |who: &Actor, leg: &str, granted: bool| {
        decide(
            who,
            Command::RecordClearance {
                trip_id: TripId::from("trip"),
                leg_id: LegId::from(leg),
                granted,
                details: ClearanceDetails {
                    reference: "CL-1".into(),
                    conditions: String::new(),
                },
            },
            &ctx,
        )
    };
    assert_eq!(
        rule_of(clear(&transit_officer("t2"), "l1", true)),
        TripRule::NotLegTransitState { leg: 1 }
    );
    assert_eq!(
        rule_of(clear(&transit_officer("t1"), "l2", true)),
        TripRule::NoTransitState { leg: 2 }
    );
    assert!(clear(&transit_officer("t1"), "l1", true).is_ok());

    let depart = |ctx: &Context, leg: &str| {
        decide(
            &escort(),
            Command::DepartLeg {
                trip_id: TripId::from("trip"),
                leg_id: LegId::from(leg),
                at: T0,
            },
            ctx,
        )
    };
    assert_eq!(
        rule_of(depart(&ctx, "l1")),
        TripRule::NoClearance { leg: 1 }
    );
    t.legs[0].clearance = Some(false);
    let ctx = ctx_with(t.clone(), None);
    assert_eq!(
        rule_of(depart(&ctx, "l1")),
        TripRule::ClearanceRefused { leg: 1 }
    );
    t.legs[0].clearance = Some(true);
    let ctx = ctx_with(t.clone(), None);
    assert_eq!(
        rule_of(depart(&ctx, "l2")),
        TripRule::BeforeNotArrived { leg: 2, before: 1 }
    );
    let events = depart(&ctx, "l1").unwrap();
    // The departure, the case into transit, custody to the escorts.
    assert_eq!(events.len(), 3);
    assert!(matches!(
        &events[1].body,
        EventBody::CaseTransitioned {
            to: CaseState::InTransit,
            ..
        }
    ));
    assert!(matches!(
        &events[2].body,
        EventBody::CustodyRecorded { kind: CustodyKind::Escort, custody_no: 3, since, .. } if since == "2026-09-21"
    ));

    // Someone who does not escort the leg cannot record its departure.
    let mut other = escort();
    other.user = UserId::from("esc-2");
    assert!(matches!(
        decide(
            &other,
            Command::DepartLeg {
                trip_id: TripId::from("trip"),
                leg_id: LegId::from("l1"),
                at: T0
            },
            &ctx
        ),
        Err(Refusal::Forbidden(_))
    ));
}

fn handover(ctx: &Context, leg: &str, to: Receiver) -> Result<Vec<Event>, Refusal> {
    decide(
        &escort(),
        Command::RecordHandover {
            trip_id: TripId::from("trip"),
            leg_id: LegId::from(leg),
            case_id: CaseId::from("k1"),
            to,
            details: HandoverDetails {
                received_by: "Officer on duty".into(),
                place: "Airport".into(),
                at: T0 + 7200,
            },
        },
        ctx,
    )
}

#[test]
fn handovers_go_leg_by_leg_and_end_with_the_consenting_parent() {
    let mut t = trip();
    t.legs[0].clearance = Some(true);
    t.legs[0].departed = true;
    t.booked = vec![booked("k1", CaseState::InTransit, 2012)];
    let mut facts = case_facts(CaseState::InTransit);
    facts.trip = Some(CaseTrip {
        trip_id: TripId::from("trip"),
        legs: 2,
        escorts: vec![UserId::from("esc-1")],
    });
    let official = Receiver::Official {
        org_id: OrgId::from("t1"),
    };
    let mother = Receiver::FamilyMember {
        member_id: FamilyMemberId::from("mother"),
    };
    let mut ctx = ctx_with(t.clone(), Some(("k1", facts.clone())));
    ctx.org = Some(OrgFacts {
        org_id: OrgId::from("t1"),
        kind: OrgKind::Transit,
        side: None,
    });
    // Skipping leg 1, or handing over on the last leg before it departed.
    assert_eq!(
        rule_of(handover(&ctx, "l2", mother.clone())),
        TripRule::NotDeparted { leg: 2 }
    );
    // Before the last leg: an official of the leg's transit state only.
    assert_eq!(
        rule_of(handover(&ctx, "l1", mother.clone())),
        TripRule::ReceiverNotOfficial
    );
    let events = handover(&ctx, "l1", official.clone()).unwrap();
    assert_eq!(
        events.len(),
        2,
        "handover and custody; the case stays in transit"
    );
    assert!(matches!(
        &events[1].body,
        EventBody::CustodyRecorded {
            kind: CustodyKind::TransitState,
            ..
        }
    ));

    // Leg 2 departed; leg 1's handover is on record.
    t.legs[0].arrived = true;
    t.legs[1].departed = true;
    let mut skipped = t.clone();
    skipped.booked[0].handovers = 0;
    ctx.trip = Some(skipped);
    assert_eq!(
        rule_of(handover(&ctx, "l2", mother.clone())),
        TripRule::HandoverSkipped {
            leg: 2,
            expected: 1
        }
    );
    t.booked[0].handovers = 1;
    ctx.trip = Some(t.clone());
    assert_eq!(
        rule_of(handover(&ctx, "l1", official.clone())),
        TripRule::HandoverTwice { leg: 1 }
    );
    assert_eq!(
        rule_of(handover(&ctx, "l2", official)),
        TripRule::ReceiverNotFamily
    );
    // An aunt has no parental responsibility; the mother consented.
    ctx.member = Some((ChildId::from("child-k1"), Relationship::AuntOrUncle));
    let aunt = Receiver::FamilyMember {
        member_id: FamilyMemberId::from("aunt"),
    };
    assert_eq!(
        rule_of(handover(&ctx, "l2", aunt)),
        TripRule::ReceiverNotConsenting
    );
    ctx.member = Some((ChildId::from("child-k1"), Relationship::Mother));
    let events = handover(&ctx, "l2", mother).unwrap();
    assert_eq!(events.len(), 3);
    assert!(matches!(
        &events[1].body,
        EventBody::CustodyRecorded {
            kind: CustodyKind::Family,
            ..
        }
    ));
    assert!(matches!(
        &events[2].body,
        EventBody::CaseTransitioned {
            to: CaseState::HandedOver,
            action: CaseAction::HandOver,
            ..
        }
    ));
}

#[test]
fn a_later_leg_departs_only_with_every_child_handed_over_before_it() {
    let mut t = trip();
    t.legs[0].clearance = Some(true);
    t.legs[0].departed = true;
    t.legs[0].arrived = true;
    t.booked = vec![booked("k1", CaseState::InTransit, 2012)];
    let ctx = ctx_with(t.clone(), None);
    let depart = |ctx: &Context| {
        decide(
            &coordinator(),
            Command::DepartLeg {
                trip_id: TripId::from("trip"),
                leg_id: LegId::from("l2"),
                at: T0 + DAY,
            },
            ctx,
        )
    };
    assert_eq!(rule_of(depart(&ctx)), TripRule::HandoverMissing { leg: 1 });
    t.booked[0].handovers = 1;
    let events = depart(&ctx_with(t.clone(), None)).unwrap();
    assert_eq!(events.len(), 2, "departure and custody; no case step");
    t.booked[0].state = CaseState::OnHold;
    assert_eq!(
        rule_of(depart(&ctx_with(t, None))),
        TripRule::CaseNotReady {
            state: CaseState::OnHold
        }
    );
}

#[test]
fn cancelling_returns_the_cases_to_approved_and_escorts_can_change_until_departure() {
    let mut t = trip();
    t.booked = vec![
        booked("k1", CaseState::TransitPlanned, 2012),
        booked("k2", CaseState::TransitPlanned, 2013),
    ];
    let ctx = ctx_with(t.clone(), None);
    let cancel = |ctx: &Context, reason: &str| {
        decide(
            &coordinator(),
            Command::CancelTrip {
                trip_id: TripId::from("trip"),
                reason: reason.into(),
            },
            ctx,
        )
    };
    assert_eq!(rule_of(cancel(&ctx, " ")), TripRule::NoCancelReason);
    let events = cancel(&ctx, "airspace closed").unwrap();
    assert_eq!(events.len(), 3);
    assert!(events[1..].iter().all(|e| matches!(
        &e.body,
        EventBody::CaseTransitioned {
            to: CaseState::Approved,
            action: CaseAction::CancelTransit,
            ..
        }
    )));

    // Dropping the only escort of a leg with two children breaks the ratio.
    let mut ctx = ctx_with(t.clone(), None);
    ctx.escort_roles = vec![(UserId::from("esc-2"), Role::Escort)];
    let assign = |ctx: &Context, escorts: Vec<&str>| {
        decide(
            &coordinator(),
            Command::AssignEscorts {
                trip_id: TripId::from("trip"),
                leg_id: LegId::from("l1"),
                escorts: escorts.into_iter().map(UserId::from).collect(),
            },
            ctx,
        )
    };
    assert!(matches!(
        rule_of(assign(&ctx, vec![])),
        TripRule::EscortRatio { leg: 1, .. }
    ));
    let events = assign(&ctx, vec!["esc-2"]).unwrap();
    assert!(matches!(
        &events[0].body,
        EventBody::EscortsAssigned { trip_escorts, .. }
            if trip_escorts == &vec![UserId::from("esc-2"), UserId::from("esc-1")]
    ));

    // Once underway, neither cancelling nor changing a departed leg.
    t.legs[0].departed = true;
    ctx.trip = Some(t);
    assert_eq!(rule_of(cancel(&ctx, "late")), TripRule::TripDeparted);
    assert_eq!(
        rule_of(assign(&ctx, vec!["esc-2"])),
        TripRule::LegDeparted { leg: 1 }
    );
}

#[test]
fn custody_on_the_way_is_recorded_only_by_the_trip() {
    let ctx = Context {
        child: Some(command::ChildFacts {
            org_id: OrgId::from("med"),
            custody_records: 1,
            has_open_case: true,
            erased: false,
        }),
        ..Context::default()
    };
    let got = decide(
        &coordinator(),
        Command::RecordCustody {
            child_id: ChildId::from("c"),
            kind: CustodyKind::Escort,
            since: "2026-09-21".into(),
            place: CustodyPlace::default(),
        },
        &ctx,
    );
    assert!(matches!(got, Err(Refusal::Invalid(_))));
}
