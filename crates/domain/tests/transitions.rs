//! Every case action × every state × every role, checked against the table of
//! the mediation workflow written out below as data.

use homeward_domain::case::{TripFacts, target};
use homeward_domain::*;

/// action | from states ("open" = any open state, "open-but-X" excludes X) | to | roles
/// ("trip": the step is taken on the trip, so the bare transition is refused
/// once role and state allow it)
const TABLE: &str = "
verify          | identified         | verified          | coordinator caseworker
locate_family   | verified           | family_located    | coordinator caseworker
record_consent  | family_located     | consent_recorded  | coordinator caseworker
submit          | consent_recorded   | submitted         | coordinator
approve         | submitted          | approved          | coordinator
plan_transit    | approved           | trip              | coordinator
depart          | transit_planned    | trip              | coordinator escort
hand_over       | in_transit         | trip              | coordinator escort
reunite         | handed_over        | reunited          | coordinator caseworker
close           | reunited           | closed            | coordinator
hold            | open-but-on_hold   | on_hold           | coordinator caseworker
dispute         | open-but-disputed  | disputed          | coordinator party_officer
withdraw        | open               | withdrawn         | coordinator
resume          | on_hold disputed   | (previous)        | coordinator
cancel_transit  | transit_planned    | approved          | coordinator
reopen          | closed             | reunited          | coordinator
";

struct Row {
    action: CaseAction,
    from: Vec<CaseState>,
    to: Option<CaseState>,
    /// Taken on the trip, never as a bare transition.
    on_trip: bool,
    roles: Vec<Role>,
}

fn table() -> Vec<Row> {
    TABLE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('|').map(str::trim).collect();
            let action: CaseAction = cols[0].parse().unwrap();
            let from = match cols[1] {
                "open" => CaseState::ALL.into_iter().filter(|s| s.is_open()).collect(),
                s if s.starts_with("open-but-") => {
                    let but: CaseState = s["open-but-".len()..].parse().unwrap();
                    CaseState::ALL
                        .into_iter()
                        .filter(|s| s.is_open() && *s != but)
                        .collect()
                }
                s => s.split_whitespace().map(|x| x.parse().unwrap()).collect(),
            };
            let to = cols[2].parse().ok();
            let on_trip = cols[2] == "trip";
            let roles = cols[3]
                .split_whitespace()
                .map(|r| r.parse().unwrap())
                .collect();
            Row {
                action,
                from,
                to,
                on_trip,
                roles,
            }
        })
        .collect()
}

fn org_kind_for(role: Role) -> OrgKind {
    match role {
        Role::PartyOfficer => OrgKind::Party,
        Role::TransitOfficer => OrgKind::Transit,
        _ => OrgKind::Mediator,
    }
}

fn actor(role: Role) -> Actor {
    Actor {
        user: UserId::from("u-1"),
        org: OrgId::from(if role == Role::PartyOfficer {
            "party-a"
        } else {
            "org-x"
        }),
        org_kind: org_kind_for(role),
        role,
    }
}

/// Facts under which every precondition holds.
fn ready(state: CaseState) -> CaseFacts {
    let mut f = CaseFacts::new(OrgId::from("party-a"), OrgId::from("party-b"));
    f.state = state;
    f.resume_to = vec![CaseState::Submitted];
    f.identity_evidence = 1;
    f.family_members = vec![(FamilyMemberId::from("m-1"), Relationship::Mother)];
    f.consents = vec![Consent {
        member: FamilyMemberId::from("m-1"),
        basis: ConsentBasis::ParentalResponsibility,
        seq: 1,
    }];
    f.decisions = vec![
        (OrgId::from("party-a"), Decision::Approve),
        (OrgId::from("party-b"), Decision::Approve),
    ];
    f.trip = Some(TripFacts {
        trip_id: TripId::from("t-1"),
        legs: 2,
        escorts: vec![UserId::from("u-1")],
    });
    f.handovers = 1;
    f.handed_to_family = true;
    f.follow_ups = 3;
    f.follow_ups_due = 3;
    f.best_interests = Some(BestInterestsOutcome::Return);
    f.child_views = Some(ChildViews {
        how: HeardHow::InPerson,
        age_years: 12,
    });
    f
}

#[test]
fn every_action_state_and_role_follows_the_table() {
    let rows = table();
    assert_eq!(
        rows.len(),
        CaseAction::ALL.len(),
        "the table covers every action"
    );
    let mut allowed = 0;
    let mut refused = 0;
    let mut on_trip = 0;
    for row in &rows {
        for state in CaseState::ALL {
            for role in Role::ALL {
                let facts = ready(state);
                let got = target(&facts, &actor(role), row.action, Some("a reason"));
                let role_ok = row.roles.contains(&role);
                let state_ok = row.from.contains(&state);
                match (role_ok, state_ok, &got) {
                    (true, true, Err(TransitionError::Precondition(Unmet::TripStep)))
                        if row.on_trip =>
                    {
                        on_trip += 1
                    }
                    (true, true, Ok(to)) if !row.on_trip => {
                        let expect = row.to.unwrap_or(CaseState::Submitted);
                        assert_eq!(*to, expect, "{} from {state} by {role}", row.action);
                        allowed += 1;
                    }
                    (false, _, Err(TransitionError::RoleNotAllowed { .. })) => refused += 1,
                    (true, false, Err(TransitionError::WrongState { .. })) => refused += 1,
                    _ => panic!(
                        "{} from {state} by {role}: expected role_ok={role_ok} state_ok={state_ok}, got {got:?}",
                        row.action
                    ),
                }
            }
        }
    }
    assert_eq!(allowed + refused + on_trip, 16 * 14 * 7);
    // 7 main-line steps: 2 roles each but submit/approve/close (1 role);
    // side steps: hold 11×2, dispute 11×2, withdraw 12×1, resume 2×1;
    // cancel_transit and reopen 1 each.
    assert_eq!(allowed, 4 * 2 + 3 + 22 + 22 + 12 + 2 + 2);
    // plan_transit (1 role), depart and hand_over (2 roles each).
    assert_eq!(on_trip, 5);
}

fn check_precondition(
    action: CaseAction,
    state: CaseState,
    spoil: impl Fn(&mut CaseFacts),
    expect: &str,
) {
    let mut facts = ready(state);
    spoil(&mut facts);
    let got = target(&facts, &actor(Role::Coordinator), action, Some("a reason"));
    match got {
        Err(TransitionError::Precondition(unmet)) => {
            let msg = unmet.to_string();
            assert!(
                msg.contains(expect),
                "{action}: '{msg}' should mention '{expect}'"
            )
        }
        other => panic!("{action}: expected a failed precondition, got {other:?}"),
    }
}

#[test]
fn each_precondition_is_named_when_it_fails() {
    use CaseAction as A;
    use CaseState as S;
    check_precondition(
        A::Verify,
        S::Identified,
        |f| f.identity_evidence = 0,
        "identity",
    );
    check_precondition(
        A::LocateFamily,
        S::Verified,
        |f| f.family_members.clear(),
        "family member",
    );
    check_precondition(
        A::RecordConsent,
        S::FamilyLocated,
        |f| f.consents.clear(),
        "no consent",
    );
    check_precondition(
        A::RecordConsent,
        S::FamilyLocated,
        |f| f.family_members = vec![(FamilyMemberId::from("m-1"), Relationship::Sibling)],
        "cannot consent",
    );
    check_precondition(
        A::RecordConsent,
        S::FamilyLocated,
        |f| f.consents[0].member = FamilyMemberId::from("stranger"),
        "not on the child's family record",
    );
    check_precondition(
        A::Submit,
        S::ConsentRecorded,
        |f| f.party_b = f.party_a.clone(),
        "two different parties",
    );
    check_precondition(
        A::Submit,
        S::ConsentRecorded,
        |f| f.best_interests = None,
        "best-interests assessment must be recorded",
    );
    check_precondition(
        A::Submit,
        S::ConsentRecorded,
        |f| f.best_interests = Some(BestInterestsOutcome::Undetermined),
        "does not find the return",
    );
    check_precondition(
        A::Submit,
        S::ConsentRecorded,
        |f| f.child_views = None,
        "child's own views",
    );
    check_precondition(
        A::Approve,
        S::Submitted,
        |f| f.decisions.truncate(1),
        "party B has not approved",
    );
    check_precondition(
        A::Approve,
        S::Submitted,
        |f| f.decisions.clear(),
        "party A has not approved",
    );
    check_precondition(
        A::Approve,
        S::Submitted,
        |f| f.decisions.push((OrgId::from("party-b"), Decision::Object)),
        "party B has objected",
    );
    check_precondition(
        A::Reunite,
        S::HandedOver,
        |f| f.handed_to_family = false,
        "handover at the end of the journey",
    );
    check_precondition(
        A::Resume,
        S::OnHold,
        |f| f.resume_to.clear(),
        "no state to resume to",
    );
}

#[test]
fn a_case_closes_after_its_follow_ups_or_with_the_reason_why_not() {
    let coordinator = actor(Role::Coordinator);
    let mut facts = ready(CaseState::Reunited);
    facts.follow_ups = 2;
    let got = target(&facts, &coordinator, CaseAction::Close, None);
    assert_eq!(
        got,
        Err(TransitionError::Precondition(Unmet::FollowUpsIncomplete))
    );
    let got = target(
        &facts,
        &coordinator,
        CaseAction::Close,
        Some("the family moved abroad; visits impossible"),
    );
    assert_eq!(got, Ok(CaseState::Closed));
    facts.follow_ups = 3;
    assert_eq!(
        target(&facts, &coordinator, CaseAction::Close, None),
        Ok(CaseState::Closed)
    );
}

#[test]
fn a_closed_case_reopens_with_a_reason() {
    let coordinator = actor(Role::Coordinator);
    let facts = ready(CaseState::Closed);
    assert_eq!(
        target(&facts, &coordinator, CaseAction::Reopen, None),
        Err(TransitionError::ReasonRequired {
            action: CaseAction::Reopen
        })
    );
    assert_eq!(
        target(
            &facts,
            &coordinator,
            CaseAction::Reopen,
            Some("placement broke down")
        ),
        Ok(CaseState::Reunited)
    );
}

#[test]
fn a_later_approval_replaces_an_earlier_objection() {
    let mut facts = ready(CaseState::Submitted);
    facts.decisions = vec![
        (OrgId::from("party-a"), Decision::Object),
        (OrgId::from("party-a"), Decision::Approve),
        (OrgId::from("party-b"), Decision::Approve),
    ];
    let got = target(&facts, &actor(Role::Coordinator), CaseAction::Approve, None);
    assert_eq!(got, Ok(CaseState::Approved));
}

#[test]
fn side_steps_need_a_reason() {
    for action in [CaseAction::Hold, CaseAction::Dispute, CaseAction::Withdraw] {
        for reason in [None, Some(""), Some("   ")] {
            let got = target(
                &ready(CaseState::Verified),
                &actor(Role::Coordinator),
                action,
                reason,
            );
            assert_eq!(got, Err(TransitionError::ReasonRequired { action }));
        }
    }
}

#[test]
fn hold_then_dispute_then_resume_twice_returns_to_the_start() {
    let coordinator = actor(Role::Coordinator);
    let mut facts = ready(CaseState::Verified);
    facts.resume_to.clear();
    for action in [
        CaseAction::Hold,
        CaseAction::Dispute,
        CaseAction::Resume,
        CaseAction::Resume,
    ] {
        let to = target(&facts, &coordinator, action, Some("r")).unwrap();
        case::apply(&mut facts, action, to);
    }
    assert_eq!(facts.state, CaseState::Verified);
    assert!(facts.resume_to.is_empty());
}

#[test]
fn a_case_held_while_its_trip_was_cancelled_resumes_to_approved() {
    let coordinator = actor(Role::Coordinator);
    let mut facts = ready(CaseState::TransitPlanned);
    facts.resume_to.clear();
    let to = target(&facts, &coordinator, CaseAction::Hold, Some("r")).unwrap();
    case::apply(&mut facts, CaseAction::Hold, to);
    assert_eq!(facts.resume_to, vec![CaseState::TransitPlanned]);

    // Still booked: it goes back to its trip.
    let to = target(&facts, &coordinator, CaseAction::Resume, Some("r")).unwrap();
    assert_eq!(to, CaseState::TransitPlanned);

    // The trip was cancelled meanwhile and took the booking with it.
    facts.trip = None;
    let to = target(&facts, &coordinator, CaseAction::Resume, Some("r")).unwrap();
    assert_eq!(to, CaseState::Approved);
    case::apply(&mut facts, CaseAction::Resume, to);
    assert_eq!(facts.state, CaseState::Approved);
    assert!(facts.resume_to.is_empty());
}

#[test]
fn a_party_may_dispute_only_its_own_cases() {
    let mut other = actor(Role::PartyOfficer);
    other.org = OrgId::from("party-c");
    let got = target(
        &ready(CaseState::Submitted),
        &other,
        CaseAction::Dispute,
        Some("r"),
    );
    assert_eq!(got, Err(TransitionError::PartyNotConcerned));
}

#[test]
fn an_escort_acts_only_on_their_own_trip() {
    let mut escort = actor(Role::Escort);
    escort.user = UserId::from("u-2");
    let got = target(
        &ready(CaseState::TransitPlanned),
        &escort,
        CaseAction::Depart,
        None,
    );
    assert_eq!(
        got,
        Err(TransitionError::NotEscortOfTrip {
            action: CaseAction::Depart
        })
    );
}

#[test]
fn a_role_held_in_the_wrong_kind_of_organisation_is_refused() {
    let mut coordinator_at_party = actor(Role::Coordinator);
    coordinator_at_party.org_kind = OrgKind::Party;
    let got = target(
        &ready(CaseState::Identified),
        &coordinator_at_party,
        CaseAction::Verify,
        None,
    );
    assert!(matches!(got, Err(TransitionError::RoleNotAllowed { .. })));
}

#[test]
fn refusals_say_which_state_is_needed() {
    let got = target(
        &ready(CaseState::Identified),
        &actor(Role::Coordinator),
        CaseAction::Approve,
        None,
    );
    assert_eq!(
        got.unwrap_err().to_string(),
        "a case in state identified cannot approve (it must be submitted)"
    );
}
