//! Building a world through the write path: the organisations and users of
//! the demo, and driving a case step by step to any state. Used by
//! `homeward serve --demo` and by the tests, so both exercise exactly the
//! commands real use issues.

use crate::{Store, StoreError};
use homeward_domain::event::EvidenceKind;
use homeward_domain::*;

/// One user per role, with the organisations they belong to.
#[derive(Debug, Clone)]
pub struct Cast {
    pub admin: Actor,
    pub coordinator: Actor,
    pub caseworker: Actor,
    pub escort: Actor,
    pub party_a: Actor,
    pub party_b: Actor,
    pub transit_1: Actor,
    pub transit_2: Actor,
    pub auditor: Actor,
}

/// The demo's logins, one per role, in the order of [`Cast`].
pub const DEMO_LOGINS: [&str; 9] = [
    "admin",
    "coordinator",
    "caseworker",
    "escort",
    "party-a",
    "party-b",
    "transit-1",
    "transit-2",
    "auditor",
];

async fn org(
    store: &Store,
    name: &str,
    kind: OrgKind,
    side: Option<Side>,
) -> Result<OrgId, StoreError> {
    let id = OrgId(Store::new_id());
    store
        .execute(
            &Actor::system(),
            Command::RegisterOrganisation {
                org_id: id.clone(),
                name: name.into(),
                kind,
                side,
            },
        )
        .await?;
    Ok(id)
}

async fn user(
    store: &Store,
    login: &str,
    org: &OrgId,
    kind: OrgKind,
    role: Role,
    password_hash: &str,
) -> Result<Actor, StoreError> {
    let id = UserId(Store::new_id());
    store
        .execute(
            &Actor::system(),
            Command::RegisterUser {
                user_id: id.clone(),
                login: login.into(),
                org_id: org.clone(),
                role,
                password_hash: password_hash.into(),
            },
        )
        .await?;
    Ok(Actor {
        user: id,
        org: org.clone(),
        org_kind: kind,
        role,
    })
}

/// Adds `n` more escorts to the mediator (`escort-2`, `escort-3`, ...), with
/// the cast's password hash, for trips whose children need more than one.
pub async fn more_escorts(
    store: &Store,
    cast: &Cast,
    n: usize,
    password_hash: &str,
) -> Result<Vec<UserId>, StoreError> {
    let mut out = Vec::new();
    for i in 0..n {
        let id = UserId(Store::new_id());
        store
            .execute(
                &cast.admin,
                Command::RegisterUser {
                    user_id: id.clone(),
                    login: format!("escort-{}", i + 2),
                    org_id: cast.escort.org.clone(),
                    role: Role::Escort,
                    password_hash: password_hash.into(),
                },
            )
            .await?;
        out.push(id);
    }
    Ok(out)
}

/// Registers the mediator, two parties, two transit states and one user per
/// role, all with the same password hash.
pub async fn cast(store: &Store, password_hash: &str) -> Result<Cast, StoreError> {
    use OrgKind::*;
    let mediator = org(store, "Mediator (embassy)", Mediator, None).await?;
    let a = org(store, "Party A", Party, Some(Side::A)).await?;
    let b = org(store, "Party B", Party, Some(Side::B)).await?;
    let t1 = org(store, "Transit state 1", Transit, None).await?;
    let t2 = org(store, "Transit state 2", Transit, None).await?;
    let h = password_hash;
    Ok(Cast {
        admin: user(store, "admin", &mediator, Mediator, Role::Admin, h).await?,
        coordinator: user(
            store,
            "coordinator",
            &mediator,
            Mediator,
            Role::Coordinator,
            h,
        )
        .await?,
        caseworker: user(
            store,
            "caseworker",
            &mediator,
            Mediator,
            Role::Caseworker,
            h,
        )
        .await?,
        escort: user(store, "escort", &mediator, Mediator, Role::Escort, h).await?,
        party_a: user(store, "party-a", &a, Party, Role::PartyOfficer, h).await?,
        party_b: user(store, "party-b", &b, Party, Role::PartyOfficer, h).await?,
        transit_1: user(store, "transit-1", &t1, Transit, Role::TransitOfficer, h).await?,
        transit_2: user(store, "transit-2", &t2, Transit, Role::TransitOfficer, h).await?,
        auditor: user(store, "auditor", &mediator, Mediator, Role::Auditor, h).await?,
    })
}

/// Plans a charter trip with two legs, through both transit states,
/// escorted by the cast's escort: the embassy to transit state 1 (three
/// hours), then on through transit state 2, six hours after departure.
pub async fn plan_trip(
    store: &Store,
    cast: &Cast,
    name: &str,
    departs_at: i64,
    capacity: u32,
) -> Result<TripId, StoreError> {
    plan_trip_with(
        store,
        cast,
        name,
        departs_at,
        capacity,
        std::slice::from_ref(&cast.escort.user),
    )
    .await
}

/// [`plan_trip`] with these escorts on both legs.
pub async fn plan_trip_with(
    store: &Store,
    cast: &Cast,
    name: &str,
    departs_at: i64,
    capacity: u32,
    escorts: &[UserId],
) -> Result<TripId, StoreError> {
    let trip_id = TripId(Store::new_id());
    let hour = 3600;
    let plan = TripPlan {
        name: name.into(),
        carrier: "Charter carrier".into(),
        legs: vec![
            LegPlan {
                leg_id: LegId(Store::new_id()),
                from_place: "Embassy".into(),
                to_place: "Transit state 1 airport".into(),
                transit_org: Some(cast.transit_1.org.clone()),
                carrier: "Charter flight HW-1".into(),
                departs_at,
                arrives_at: departs_at + 3 * hour,
            },
            LegPlan {
                leg_id: LegId(Store::new_id()),
                from_place: "Transit state 1 airport".into(),
                to_place: "Border crossing, transit state 2".into(),
                transit_org: Some(cast.transit_2.org.clone()),
                carrier: "Coach, diplomatic convoy".into(),
                departs_at: departs_at + 6 * hour,
                arrives_at: departs_at + 12 * hour,
            },
        ],
    };
    store
        .execute(
            &cast.coordinator,
            Command::PlanTrip {
                trip_id: trip_id.clone(),
                kind: TripKind::CharterFlight,
                capacity,
                plan,
                escorts: vec![escorts.to_vec(); 2],
            },
        )
        .await?;
    Ok(trip_id)
}

/// The trip's facts, or the trip's absence as a refusal.
async fn trip_facts(
    store: &Store,
    trip: &TripId,
) -> Result<homeward_domain::transit::TripFacts, StoreError> {
    store
        .trip_facts(trip)
        .await?
        .ok_or(StoreError::Refused(Refusal::NotFound(
            homeward_domain::refusal::Record::Trip,
        )))
}

/// The transit officer of the cast who answers for `org`.
fn officer_of<'a>(cast: &'a Cast, org: &OrgId) -> Option<&'a Actor> {
    [&cast.transit_1, &cast.transit_2]
        .into_iter()
        .find(|a| &a.org == org)
}

/// Grants clearance for a leg through a transit state (unless granted) and
/// records its departure.
pub async fn depart_leg(
    store: &Store,
    cast: &Cast,
    trip: &TripId,
    index: usize,
) -> Result<(), StoreError> {
    let facts = trip_facts(store, trip).await?;
    let leg = &facts.legs[index];
    if let Some(org) = &leg.transit_org
        && leg.clearance != Some(true)
    {
        let officer = officer_of(cast, org).ok_or_else(|| {
            StoreError::Config("no transit officer in the cast for this leg".into())
        })?;
        store
            .execute(
                officer,
                Command::RecordClearance {
                    trip_id: trip.clone(),
                    leg_id: leg.leg_id.clone(),
                    granted: true,
                    details: ClearanceDetails {
                        reference: format!("CLR-{}", index + 1),
                        conditions: "Escorts carry diplomatic passports".into(),
                    },
                },
            )
            .await?;
    }
    store
        .execute(
            &cast.escort,
            Command::DepartLeg {
                trip_id: trip.clone(),
                leg_id: leg.leg_id.clone(),
                at: leg.departs_at,
            },
        )
        .await?;
    Ok(())
}

/// Books a case on `trip`, or, when that trip can no longer take it (it
/// left, is full, or its escorts are too few), on a trip of its own like
/// the demo's; returns the trip it is on. `alone`: the case will depart, so
/// it may not share a trip with other cases waiting to leave.
async fn book(
    store: &Store,
    cast: &Cast,
    case_id: &CaseId,
    trip: &TripId,
    alone: bool,
) -> Result<TripId, StoreError> {
    let shared = match store.trip_facts(trip).await? {
        Some(t) => !alone || t.booked.is_empty(),
        None => false,
    };
    let book = |trip: TripId| async move {
        store
            .execute(
                &cast.coordinator,
                Command::BookOnTrip {
                    case_id: case_id.clone(),
                    trip_id: trip.clone(),
                },
            )
            .await
            .map(|_| trip)
    };
    if shared {
        match book(trip.clone()).await {
            Err(StoreError::Refused(Refusal::Trip(_))) => {}
            other => return other,
        }
    }
    let departs_at = match store.trip_facts(trip).await? {
        Some(t) => t.legs.first().map_or(1_790_000_000, |l| l.departs_at),
        None => 1_790_000_000,
    };
    let own = plan_trip(store, cast, "Escorted return", departs_at, 1).await?;
    book(own).await
}

/// The main line after `state`.
fn next_state(state: CaseState) -> CaseState {
    match state {
        CaseState::Identified => CaseState::Verified,
        CaseState::Verified => CaseState::FamilyLocated,
        CaseState::FamilyLocated => CaseState::ConsentRecorded,
        CaseState::ConsentRecorded => CaseState::Submitted,
        CaseState::Submitted => CaseState::Approved,
        CaseState::Approved => CaseState::TransitPlanned,
        CaseState::TransitPlanned => CaseState::InTransit,
        CaseState::InTransit => CaseState::HandedOver,
        CaseState::HandedOver => CaseState::Reunited,
        _ => CaseState::Closed,
    }
}

/// One case on its way along the main line, step by step, through the
/// same commands real use issues.
struct Driver<'a> {
    store: &'a Store,
    cast: &'a Cast,
    case_id: CaseId,
    child: ChildId,
    /// The family member whose consent is recorded.
    member: Option<FamilyMemberId>,
    on_trip: TripId,
}

impl<'a> Driver<'a> {
    async fn open(
        store: &'a Store,
        cast: &'a Cast,
        child: &ChildId,
        trip: &TripId,
    ) -> Result<Driver<'a>, StoreError> {
        let case_id = CaseId(Store::new_id());
        store
            .execute(
                &cast.coordinator,
                Command::OpenCase {
                    case_id: case_id.clone(),
                    child_id: child.clone(),
                    party_a: cast.party_a.org.clone(),
                    party_b: cast.party_b.org.clone(),
                },
            )
            .await?;
        Ok(Driver {
            store,
            cast,
            case_id,
            child: child.clone(),
            member: None,
            on_trip: trip.clone(),
        })
    }

    fn transition(&self, action: CaseAction) -> Command {
        Command::TransitionCase {
            case_id: self.case_id.clone(),
            action,
            reason: None,
        }
    }

    async fn run(&self, actor: &Actor, command: Command) -> Result<(), StoreError> {
        self.store.execute(actor, command).await.map(|_| ())
    }

    /// The best-interests assessment and the child's views, which
    /// submission needs.
    async fn assess(&self) -> Result<(), StoreError> {
        let cw = &self.cast.caseworker;
        self.run(
            cw,
            Command::RecordBestInterests {
                case_id: self.case_id.clone(),
                outcome: BestInterestsOutcome::Return,
                reasons: "Mother located, able and willing to care; no protection concerns".into(),
            },
        )
        .await?;
        self.run(
            cw,
            Command::RecordChildViews {
                case_id: self.case_id.clone(),
                how: HeardHow::InPerson,
                age_years: 11,
                views: "I want to go home to my mother".into(),
            },
        )
        .await
    }

    /// Takes the step that leaves `state` on the main line. `stop_at`:
    /// where the whole drive ends, for the booking to know whether the case
    /// will depart.
    async fn step(&mut self, state: CaseState, stop_at: CaseState) -> Result<(), StoreError> {
        let (store, cast) = (self.store, self.cast);
        let cw = &cast.caseworker;
        match state {
            CaseState::Identified => {
                self.run(
                    cw,
                    Command::AddEvidence {
                        case_id: self.case_id.clone(),
                        kind: EvidenceKind::Identity,
                        method: Some(EvidenceMethod::DocumentSeen),
                        description:
                            "Birth certificate copy compared with the institution's register"
                                .into(),
                    },
                )
                .await?;
                self.run(cw, self.transition(CaseAction::Verify)).await
            }
            CaseState::Verified => {
                let id = FamilyMemberId(Store::new_id());
                self.run(
                    cw,
                    Command::AddFamilyMember {
                        member_id: id.clone(),
                        child_id: self.child.clone(),
                        relationship: Relationship::Mother,
                        details: FamilyMemberDetails {
                            name: PersonName {
                                family_name: "Мати".into(),
                                given_name: "дитини".into(),
                                patronymic: None,
                                lang: "uk".into(),
                                kind: NameKind::Recorded,
                            },
                            status: String::new(),
                            contact: "via party A's tracing office".into(),
                        },
                    },
                )
                .await?;
                self.member = Some(id);
                self.run(cw, self.transition(CaseAction::LocateFamily))
                    .await
            }
            CaseState::FamilyLocated => {
                self.run(
                    cw,
                    Command::RecordConsent {
                        case_id: self.case_id.clone(),
                        member_id: self.member.clone().expect("family located before consent"),
                        basis: ConsentBasis::ParentalResponsibility,
                        details: ConsentDetails {
                            note: "Signed consent form".into(),
                            how: ConsentHow::InPerson,
                            witness: "Consular officer at the embassy".into(),
                            court_order: String::new(),
                        },
                    },
                )
                .await?;
                self.run(cw, self.transition(CaseAction::RecordConsent))
                    .await
            }
            CaseState::ConsentRecorded => {
                self.assess().await?;
                self.run(&cast.coordinator, self.transition(CaseAction::Submit))
                    .await
            }
            CaseState::Submitted => {
                for party in [&cast.party_a, &cast.party_b] {
                    self.run(
                        party,
                        Command::RecordPartyDecision {
                            case_id: self.case_id.clone(),
                            decision: Decision::Approve,
                            dispute: None,
                            note: "Approved by the responsible office".into(),
                        },
                    )
                    .await?;
                }
                Ok(())
            }
            CaseState::Approved => {
                let departs = stop_at > CaseState::TransitPlanned;
                self.on_trip = book(store, cast, &self.case_id, &self.on_trip, departs).await?;
                Ok(())
            }
            CaseState::TransitPlanned => depart_leg(store, cast, &self.on_trip, 0).await,
            CaseState::InTransit => {
                let legs = store
                    .trip_facts(&self.on_trip)
                    .await?
                    .ok_or(StoreError::Refused(Refusal::NotFound(
                        homeward_domain::refusal::Record::Trip,
                    )))?
                    .legs
                    .len();
                for i in 0..legs {
                    if i > 0 {
                        depart_leg(store, cast, &self.on_trip, i).await?;
                    }
                    finish_leg(
                        store,
                        cast,
                        &self.on_trip,
                        i,
                        Some(std::slice::from_ref(&self.case_id)),
                    )
                    .await?;
                }
                Ok(())
            }
            CaseState::HandedOver => {
                self.run(
                    cw,
                    Command::AddEvidence {
                        case_id: self.case_id.clone(),
                        kind: EvidenceKind::Reunion,
                        method: Some(EvidenceMethod::Interview),
                        description: "Reunion witnessed by a caseworker".into(),
                    },
                )
                .await?;
                self.run(cw, self.transition(CaseAction::Reunite)).await
            }
            CaseState::Reunited => {
                for note in FOLLOW_UP_NOTES {
                    self.run(
                        cw,
                        Command::RecordFollowUp {
                            case_id: self.case_id.clone(),
                            note: note.into(),
                        },
                    )
                    .await?;
                }
                self.run(&cast.coordinator, self.transition(CaseAction::Close))
                    .await
            }
            other => Err(StoreError::Config(format!(
                "cannot drive a case beyond {other}"
            ))),
        }
    }
}

/// The follow-up visits of the default schedule (1, 3 and 6 months).
pub const FOLLOW_UP_NOTES: [&str; 3] = [
    "Visit after one month: the child is at school",
    "Visit after three months: settled, sees a counsellor",
    "Visit after six months: no concerns",
];

/// Opens a case for `child` (submitted by party A, held by party B) and moves
/// it along the main line until it reaches `target`; `on_hold` and
/// `withdrawn` are reached from the step before submission, `disputed` by
/// party B's objection after party A approved. A case that travels is booked
/// on `trip` when it can be, or on a trip of its own.
pub async fn drive_case(
    store: &Store,
    cast: &Cast,
    child: &ChildId,
    trip: &TripId,
    target: CaseState,
) -> Result<CaseId, StoreError> {
    let mut driver = Driver::open(store, cast, child, trip).await?;
    let side_step = match target {
        CaseState::OnHold => Some(CaseAction::Hold),
        CaseState::Withdrawn => Some(CaseAction::Withdraw),
        _ => None,
    };
    // A dispute is what a party's objection opens.
    let stop_at = match target {
        CaseState::OnHold | CaseState::Withdrawn => CaseState::ConsentRecorded,
        CaseState::Disputed => CaseState::Submitted,
        _ => target,
    };
    let mut state = CaseState::Identified;
    while state != stop_at {
        driver.step(state, stop_at).await?;
        state = next_state(state);
    }
    let case_id = driver.case_id.clone();
    if target == CaseState::Disputed {
        for (party, decision, note) in [
            (
                &cast.party_a,
                Decision::Approve,
                "Approved by the responsible office",
            ),
            (
                &cast.party_b,
                Decision::Object,
                "The mother on record does not match our civil register",
            ),
        ] {
            store
                .execute(
                    party,
                    Command::RecordPartyDecision {
                        case_id: case_id.clone(),
                        decision,
                        dispute: (decision == Decision::Object).then_some(DisputeKind::FamilyLink),
                        note: note.into(),
                    },
                )
                .await?;
        }
    }
    if let Some(action) = side_step {
        store
            .execute(
                &cast.coordinator,
                Command::TransitionCase {
                    case_id: case_id.clone(),
                    action,
                    reason: Some("Awaiting confirmation from the family's lawyer".into()),
                },
            )
            .await?;
    }
    Ok(case_id)
}

/// Opens a case for each of `children`, groups them as siblings before
/// submission, and drives them together to `approved` (submitted together,
/// approved when both parties approved every one).
pub async fn drive_group(
    store: &Store,
    cast: &Cast,
    children: &[ChildId],
    trip: &TripId,
) -> Result<Vec<CaseId>, StoreError> {
    let mut drivers = Vec::new();
    for child in children {
        let mut d = Driver::open(store, cast, child, trip).await?;
        let mut state = CaseState::Identified;
        while state != CaseState::ConsentRecorded {
            d.step(state, CaseState::Approved).await?;
            state = next_state(state);
        }
        drivers.push(d);
    }
    let cases: Vec<CaseId> = drivers.iter().map(|d| d.case_id.clone()).collect();
    store
        .execute(
            &cast.coordinator,
            Command::GroupCases {
                group_id: GroupId(Store::new_id()),
                kind: GroupKind::Siblings,
                cases: cases.clone(),
            },
        )
        .await?;
    // Submitting one submits the group; each needs its own assessment.
    for d in &drivers[1..] {
        d.assess().await?;
    }
    drivers[0]
        .step(CaseState::ConsentRecorded, CaseState::Approved)
        .await?;
    for d in &mut drivers {
        d.step(CaseState::Submitted, CaseState::Approved).await?;
    }
    Ok(cases)
}

/// Records the arrival at the end of leg `index` (unless recorded) and
/// [`hand_over`].
pub async fn finish_leg(
    store: &Store,
    cast: &Cast,
    trip: &TripId,
    index: usize,
    only: Option<&[CaseId]>,
) -> Result<(), StoreError> {
    let facts = trip_facts(store, trip).await?;
    let leg = &facts.legs[index];
    if !leg.arrived {
        store
            .execute(
                &cast.escort,
                Command::ArriveLeg {
                    trip_id: trip.clone(),
                    leg_id: leg.leg_id.clone(),
                    at: leg.arrives_at,
                },
            )
            .await?;
    }
    hand_over(store, cast, trip, index, only).await
}

/// Records the handover, at the end of leg `index`, of the booked children
/// in transit there (`only`: just these): to an official of the leg's
/// transit state on the way, to the family member whose consent is on
/// record at the end.
pub async fn hand_over(
    store: &Store,
    cast: &Cast,
    trip: &TripId,
    index: usize,
    only: Option<&[CaseId]>,
) -> Result<(), StoreError> {
    let facts = trip_facts(store, trip).await?;
    let leg = &facts.legs[index];
    let last = index + 1 == facts.legs.len();
    for b in &facts.booked {
        let chosen = only.is_none_or(|o| o.contains(&b.case_id));
        if !chosen || b.state != CaseState::InTransit || b.handovers as usize != index {
            continue;
        }
        let (to, received_by) = match (&leg.transit_org, last) {
            (Some(org), false) => (
                Receiver::Official {
                    org_id: org.clone(),
                },
                "Duty officer, child protection service".to_owned(),
            ),
            _ => {
                let member = store
                    .case(&b.case_id)
                    .await?
                    .and_then(|c| c.summary.consent_by)
                    .ok_or_else(|| {
                        StoreError::Config("a child in transit has no consent on record".into())
                    })?;
                (Receiver::FamilyMember { member_id: member }, String::new())
            }
        };
        store
            .execute(
                &cast.escort,
                Command::RecordHandover {
                    trip_id: trip.clone(),
                    leg_id: leg.leg_id.clone(),
                    case_id: b.case_id.clone(),
                    to,
                    details: HandoverDetails {
                        received_by,
                        place: leg.to_place.clone(),
                        at: leg.arrives_at,
                    },
                },
            )
            .await?;
    }
    Ok(())
}
