//! The casework before the parties decide: the best-interests assessment,
//! the child's own views, evidence methods, and what each party's decision
//! does to the case.

use homeward_domain::command::Context;
use homeward_domain::event::EvidenceKind;
use homeward_domain::*;

fn actor(role: Role, org: &str, kind: OrgKind) -> Actor {
    Actor {
        user: UserId::from("u-1"),
        org: OrgId::from(org),
        org_kind: kind,
        role,
    }
}

fn coordinator() -> Actor {
    actor(Role::Coordinator, "med", OrgKind::Mediator)
}

fn caseworker() -> Actor {
    actor(Role::Caseworker, "med", OrgKind::Mediator)
}

fn officer(org: &str) -> Actor {
    actor(Role::PartyOfficer, org, OrgKind::Party)
}

fn case_ctx(state: CaseState) -> Context {
    let mut facts = CaseFacts::new(OrgId::from("party-a"), OrgId::from("party-b"));
    facts.state = state;
    facts.assessments = 2;
    Context {
        case: Some((facts, ChildId::from("c-1"), 0)),
        ..Context::default()
    }
}

fn views(how: HeardHow, age_years: u8, text: &str) -> Command {
    Command::RecordChildViews {
        case_id: CaseId::from("k-1"),
        how,
        age_years,
        views: text.into(),
    }
}

fn refusal(actor: &Actor, command: Command, ctx: &Context) -> String {
    decide(actor, command, ctx).unwrap_err().to_string()
}

#[test]
fn a_best_interests_assessment_is_numbered_and_keeps_its_reasons_personal() {
    let ctx = case_ctx(CaseState::ConsentRecorded);
    let events = decide(
        &caseworker(),
        Command::RecordBestInterests {
            case_id: CaseId::from("k-1"),
            outcome: BestInterestsOutcome::Return,
            reasons: "Mother able and willing to care".into(),
        },
        &ctx,
    )
    .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].body,
        EventBody::BestInterestsAssessed {
            case_id: CaseId::from("k-1"),
            assessment_no: 3,
            outcome: BestInterestsOutcome::Return,
        }
    );
    assert!(
        matches!(&events[0].personal, Some(Personal::Note { text }) if text.contains("Mother"))
    );

    let no_reasons = Command::RecordBestInterests {
        case_id: CaseId::from("k-1"),
        outcome: BestInterestsOutcome::Return,
        reasons: "  ".into(),
    };
    assert!(refusal(&caseworker(), no_reasons, &ctx).contains("reasons"));
    let by_party = Command::RecordBestInterests {
        case_id: CaseId::from("k-1"),
        outcome: BestInterestsOutcome::Return,
        reasons: "x".into(),
    };
    assert!(refusal(&officer("party-a"), by_party, &ctx).contains("only mediator staff"));
}

#[test]
fn a_child_is_heard_in_their_own_words_and_one_near_adulthood_must_be() {
    let ctx = case_ctx(CaseState::FamilyLocated);
    let events = decide(
        &caseworker(),
        views(
            HeardHow::VideoCall,
            13,
            "I want to live with my grandmother",
        ),
        &ctx,
    )
    .unwrap();
    assert_eq!(
        events[0].body,
        EventBody::ChildViewsRecorded {
            case_id: CaseId::from("k-1"),
            assessment_no: 3,
            how: HeardHow::VideoCall,
            age_years: 13,
        }
    );
    // Heard, but nothing written down.
    let r = refusal(&caseworker(), views(HeardHow::InPerson, 13, " "), &ctx);
    assert!(r.contains("child's words"), "{r}");
    // Not obtainable: a coordinator's call, with the reason, under 16.
    let r = refusal(
        &caseworker(),
        views(HeardHow::NotObtainable, 3, "too young to be heard"),
        &ctx,
    );
    assert!(r.contains("only a coordinator"), "{r}");
    decide(
        &coordinator(),
        views(HeardHow::NotObtainable, 3, "too young to be heard"),
        &ctx,
    )
    .unwrap();
    let r = refusal(&coordinator(), views(HeardHow::NotObtainable, 3, ""), &ctx);
    assert!(r.contains("needs the reason"), "{r}");
    let r = refusal(
        &coordinator(),
        views(HeardHow::NotObtainable, 16, "declined"),
        &ctx,
    );
    assert!(r.contains("16 or over must be heard"), "{r}");
    decide(
        &coordinator(),
        views(HeardHow::InPerson, 16, "I agree"),
        &ctx,
    )
    .unwrap();
    let r = refusal(&caseworker(), views(HeardHow::InPerson, 18, "yes"), &ctx);
    assert!(r.contains("up to the age of 17"), "{r}");
}

#[test]
fn a_closed_case_takes_no_assessment() {
    let ctx = case_ctx(CaseState::Closed);
    let r = refusal(&caseworker(), views(HeardHow::InPerson, 9, "home"), &ctx);
    assert!(r.contains("can no longer change"), "{r}");
}

fn decision(decision: Decision, dispute: Option<DisputeKind>, note: &str) -> Command {
    Command::RecordPartyDecision {
        case_id: CaseId::from("k-1"),
        decision,
        dispute,
        note: note.into(),
    }
}

fn transitions(events: &[Event]) -> Vec<(CaseAction, CaseState)> {
    events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::CaseTransitioned { action, to, .. } => Some((*action, *to)),
            _ => None,
        })
        .collect()
}

#[test]
fn an_objection_disputes_the_case_at_once_with_its_kind() {
    let ctx = case_ctx(CaseState::Submitted);
    let events = decide(
        &officer("party-b"),
        decision(
            Decision::Object,
            Some(DisputeKind::FamilyLink),
            "the father on record is not the father",
        ),
        &ctx,
    )
    .unwrap();
    assert!(matches!(
        &events[0].body,
        EventBody::PartyDecisionRecorded { decision: Decision::Object, dispute: Some(DisputeKind::FamilyLink), org_id, .. }
            if org_id.as_str() == "party-b"
    ));
    assert_eq!(
        transitions(&events),
        vec![(CaseAction::Dispute, CaseState::Disputed)]
    );
    // Objections say why; approvals have no dispute kind.
    let r = refusal(
        &officer("party-b"),
        decision(Decision::Object, None, ""),
        &ctx,
    );
    assert!(r.contains("needs its reason"), "{r}");
    let r = refusal(
        &officer("party-b"),
        decision(Decision::Approve, Some(DisputeKind::Identity), "ok"),
        &ctx,
    );
    assert!(r.contains("no dispute kind"), "{r}");
}

#[test]
fn the_approval_that_completes_both_parties_approves_the_case() {
    let mut ctx = case_ctx(CaseState::Submitted);
    let first = decide(
        &officer("party-a"),
        decision(Decision::Approve, None, ""),
        &ctx,
    )
    .unwrap();
    assert!(
        transitions(&first).is_empty(),
        "one party alone approves nothing"
    );
    // Party B objected before, then the dispute was resolved: its approval
    // now replaces the objection.
    let (facts, _, _) = ctx.case.as_mut().unwrap();
    facts.decisions = vec![
        (OrgId::from("party-b"), Decision::Object),
        (OrgId::from("party-a"), Decision::Approve),
    ];
    let second = decide(
        &officer("party-b"),
        decision(Decision::Approve, None, "resolved"),
        &ctx,
    )
    .unwrap();
    assert_eq!(
        transitions(&second),
        vec![(CaseAction::Approve, CaseState::Approved)]
    );
}

#[test]
fn a_party_decides_only_on_submitted_cases_that_concern_it() {
    let ctx = case_ctx(CaseState::Submitted);
    let r = refusal(
        &officer("party-c"),
        decision(Decision::Approve, None, ""),
        &ctx,
    );
    assert!(r.contains("only an officer of a party concerned"), "{r}");
    let r = refusal(&coordinator(), decision(Decision::Approve, None, ""), &ctx);
    assert!(r.contains("only an officer of a party concerned"), "{r}");
    let early = case_ctx(CaseState::ConsentRecorded);
    let r = refusal(
        &officer("party-a"),
        decision(Decision::Approve, None, ""),
        &early,
    );
    assert!(r.contains("once it is submitted"), "{r}");
}

#[test]
fn evidence_keeps_how_it_was_verified() {
    let ctx = case_ctx(CaseState::Identified);
    let events = decide(
        &caseworker(),
        Command::AddEvidence {
            case_id: CaseId::from("k-1"),
            kind: EvidenceKind::Family,
            method: Some(EvidenceMethod::DnaReport),
            description: "Laboratory report, kinship index 10^6".into(),
        },
        &ctx,
    )
    .unwrap();
    assert!(matches!(
        events[0].body,
        EventBody::EvidenceAdded {
            method: Some(EvidenceMethod::DnaReport),
            evidence_no: 1,
            ..
        }
    ));
}

#[test]
fn a_withdrawn_consent_puts_the_case_on_hold_and_resuming_needs_consent_again() {
    let mut ctx = case_ctx(CaseState::Submitted);
    let (facts, _, _) = ctx.case.as_mut().unwrap();
    facts.consents = vec![Consent {
        member: FamilyMemberId::from("m-1"),
        basis: ConsentBasis::ParentalResponsibility,
        seq: 1,
    }];
    let withdraw = |member: &str, reason: &str| Command::WithdrawConsent {
        case_id: CaseId::from("k-1"),
        member_id: FamilyMemberId::from(member),
        reason: reason.into(),
    };
    let events = decide(
        &caseworker(),
        withdraw("m-1", "The mother changed her mind"),
        &ctx,
    )
    .unwrap();
    assert!(matches!(
        &events[0].body,
        EventBody::ConsentWithdrawn { member_id, .. } if member_id.as_str() == "m-1"
    ));
    assert_eq!(
        transitions(&events),
        vec![(CaseAction::Hold, CaseState::OnHold)]
    );
    // Only the consent on record, with a reason, by mediator staff.
    let r = refusal(&caseworker(), withdraw("m-2", "x"), &ctx);
    assert!(r.contains("only a consent in force"), "{r}");
    let r = refusal(&caseworker(), withdraw("m-1", " "), &ctx);
    assert!(r.contains("needs its reason"), "{r}");
    let r = refusal(&officer("party-a"), withdraw("m-1", "x"), &ctx);
    assert!(r.contains("only mediator staff"), "{r}");

    // Held without consent, the case does not go back past consent.
    let mut held = CaseFacts::new(OrgId::from("party-a"), OrgId::from("party-b"));
    held.state = CaseState::OnHold;
    held.resume_to = vec![CaseState::Submitted];
    let resume = homeward_domain::case::target(
        &held,
        &coordinator(),
        CaseAction::Resume,
        Some("the mother consents again"),
    );
    assert!(
        matches!(resume, Err(TransitionError::Precondition(Unmet::NoConsent))),
        "{resume:?}"
    );
    held.family_members = vec![(FamilyMemberId::from("m-1"), Relationship::Mother)];
    held.consents = vec![Consent {
        member: FamilyMemberId::from("m-1"),
        basis: ConsentBasis::ParentalResponsibility,
        seq: 1,
    }];
    let resume = homeward_domain::case::target(
        &held,
        &coordinator(),
        CaseAction::Resume,
        Some("the mother consents again"),
    );
    assert_eq!(resume, Ok(CaseState::Submitted));
}

fn party_facts(state: CaseState) -> CaseFacts {
    let mut f = CaseFacts::new(OrgId::from("party-a"), OrgId::from("party-b"));
    f.state = state;
    f.others = vec![OrgId::from("ombud-a")];
    f.sides = vec![
        (OrgId::from("party-a"), Side::A),
        (OrgId::from("party-b"), Side::B),
        (OrgId::from("ombud-a"), Side::A),
    ];
    f
}

#[test]
fn one_organisation_of_each_side_approving_approves_unless_one_objects() {
    let mut f = party_facts(CaseState::Submitted);
    f.decisions = vec![(OrgId::from("ombud-a"), Decision::Approve)];
    assert!(!f.approved_by_each_side(), "side B has not approved");
    f.decisions
        .push((OrgId::from("party-b"), Decision::Approve));
    assert!(
        f.approved_by_each_side(),
        "the ombudsperson speaks for side A"
    );
    f.decisions.push((OrgId::from("party-a"), Decision::Object));
    assert!(!f.approved_by_each_side(), "an objection stands");
    // The added agency decides for itself, from the case page's rules.
    let ctx = Context {
        case: Some((party_facts(CaseState::Submitted), ChildId::from("c-1"), 0)),
        ..Context::default()
    };
    decide(
        &officer("ombud-a"),
        decision(Decision::Approve, None, ""),
        &ctx,
    )
    .unwrap();
}

#[test]
fn a_coordinator_adds_an_agency_of_either_side_once() {
    let org = |side: Option<Side>, kind: OrgKind| Context {
        case: Some((party_facts(CaseState::Verified), ChildId::from("c-1"), 0)),
        org: Some(homeward_domain::command::OrgFacts {
            org_id: OrgId::from("ministry-b"),
            kind,
            side,
        }),
        ..Context::default()
    };
    let add = |o: &str| Command::AddCaseParty {
        case_id: CaseId::from("k-1"),
        org_id: OrgId::from(o),
    };
    let events = decide(
        &coordinator(),
        add("ministry-b"),
        &org(Some(Side::B), OrgKind::Party),
    )
    .unwrap();
    assert_eq!(
        events[0].body,
        EventBody::CasePartyAdded {
            case_id: CaseId::from("k-1"),
            org_id: OrgId::from("ministry-b"),
            side: Side::B,
            others: vec![OrgId::from("ombud-a"), OrgId::from("ministry-b")],
        }
    );
    let r = refusal(
        &caseworker(),
        add("ministry-b"),
        &org(Some(Side::B), OrgKind::Party),
    );
    assert!(r.contains("only a coordinator"), "{r}");
    let r = refusal(
        &coordinator(),
        add("ministry-b"),
        &org(None, OrgKind::Transit),
    );
    assert!(r.contains("one side of the conflict"), "{r}");
    let r = refusal(
        &coordinator(),
        add("ombud-a"),
        &org(Some(Side::A), OrgKind::Party),
    );
    assert!(r.contains("already concerned"), "{r}");
}

fn ready_to_submit() -> CaseFacts {
    let mut f = CaseFacts::new(OrgId::from("party-a"), OrgId::from("party-b"));
    f.state = CaseState::ConsentRecorded;
    f.best_interests = Some(BestInterestsOutcome::Return);
    f.child_views = Some(ChildViews {
        how: HeardHow::InPerson,
        age_years: 9,
    });
    f.group = Some(GroupId::from("g-1"));
    f
}

#[test]
fn a_coordinator_groups_cases_before_they_are_submitted() {
    let group = |cases: Vec<(&str, CaseFacts)>| Context {
        group_cases: cases
            .into_iter()
            .map(|(id, f)| (CaseId::from(id), f))
            .collect(),
        ..Context::default()
    };
    let fresh = || CaseFacts::new(OrgId::from("party-a"), OrgId::from("party-b"));
    let cmd = |ids: &[&str]| Command::GroupCases {
        group_id: GroupId::from("g-1"),
        kind: GroupKind::Siblings,
        cases: ids.iter().map(|i| CaseId::from(*i)).collect(),
    };
    let ctx = group(vec![("k-1", fresh()), ("k-2", fresh())]);
    let events = decide(&coordinator(), cmd(&["k-1", "k-2"]), &ctx).unwrap();
    assert!(matches!(&events[0].body, EventBody::CasesGrouped { cases, .. } if cases.len() == 2));
    assert!(refusal(&caseworker(), cmd(&["k-1", "k-2"]), &ctx).contains("only a coordinator"));
    assert!(refusal(&coordinator(), cmd(&["k-1", "k-1"]), &ctx).contains("two different"));
    assert!(refusal(&coordinator(), cmd(&["k-1", "k-2", "k-3"]), &ctx).contains("no such case"));
    let mut grouped = fresh();
    grouped.group = Some(GroupId::from("g-0"));
    let ctx = group(vec![("k-1", fresh()), ("k-2", grouped)]);
    assert!(refusal(&coordinator(), cmd(&["k-1", "k-2"]), &ctx).contains("another group"));
    let mut submitted = fresh();
    submitted.state = CaseState::Submitted;
    let ctx = group(vec![("k-1", fresh()), ("k-2", submitted)]);
    assert!(
        refusal(&coordinator(), cmd(&["k-1", "k-2"]), &ctx).contains("before they are submitted")
    );
}

#[test]
fn a_group_is_submitted_together_and_approved_with_its_last_case() {
    let submit = Command::TransitionCase {
        case_id: CaseId::from("k-1"),
        action: CaseAction::Submit,
        reason: None,
    };
    let mut not_ready = ready_to_submit();
    not_ready.child_views = None;
    let ctx = Context {
        case: Some((ready_to_submit(), ChildId::from("c-1"), 0)),
        group_cases: vec![(CaseId::from("k-2"), not_ready)],
        ..Context::default()
    };
    let r = decide(&coordinator(), submit.clone(), &ctx).unwrap_err();
    assert!(
        matches!(
            r,
            Refusal::Transition(TransitionError::Precondition(Unmet::GroupNotReady))
        ),
        "{r:?}"
    );
    let ctx = Context {
        case: Some((ready_to_submit(), ChildId::from("c-1"), 0)),
        group_cases: vec![(CaseId::from("k-2"), ready_to_submit())],
        ..Context::default()
    };
    let events = decide(&coordinator(), submit, &ctx).unwrap();
    assert_eq!(
        transitions(&events),
        vec![
            (CaseAction::Submit, CaseState::Submitted),
            (CaseAction::Submit, CaseState::Submitted)
        ]
    );

    // Both parties have approved this case; its sibling awaits party B.
    let mut this = ready_to_submit();
    this.state = CaseState::Submitted;
    this.decisions = vec![(OrgId::from("party-a"), Decision::Approve)];
    let mut sibling = this.clone();
    let ctx = |sibling: CaseFacts| Context {
        case: Some((this.clone(), ChildId::from("c-1"), 0)),
        group_cases: vec![(CaseId::from("k-2"), sibling)],
        ..Context::default()
    };
    let events = decide(
        &officer("party-b"),
        decision(Decision::Approve, None, ""),
        &ctx(sibling.clone()),
    )
    .unwrap();
    assert!(
        transitions(&events).is_empty(),
        "the sibling is not approved yet"
    );
    sibling
        .decisions
        .push((OrgId::from("party-b"), Decision::Approve));
    let events = decide(
        &officer("party-b"),
        decision(Decision::Approve, None, ""),
        &ctx(sibling),
    )
    .unwrap();
    assert_eq!(
        transitions(&events),
        vec![
            (CaseAction::Approve, CaseState::Approved),
            (CaseAction::Approve, CaseState::Approved)
        ]
    );
}

#[test]
fn a_tracing_request_ends_once_with_its_outcome() {
    let ctx = |closed: bool, linked: bool| Context {
        request_org: Some(OrgId::from("party-a")),
        request_closed: closed,
        request_linked: linked,
        ..Context::default()
    };
    let close = |outcome| Command::CloseTracingRequest {
        request_id: TracingRequestId::from("t-1"),
        outcome,
    };
    let events = decide(
        &officer("party-a"),
        close(TracingOutcome::NotFound),
        &ctx(false, false),
    )
    .unwrap();
    assert_eq!(
        events[0].body,
        EventBody::TracingRequestClosed {
            request_id: TracingRequestId::from("t-1"),
            outcome: TracingOutcome::NotFound,
        }
    );
    let r = refusal(
        &officer("party-a"),
        close(TracingOutcome::Found),
        &ctx(false, false),
    );
    assert!(r.contains("once it is linked"), "{r}");
    decide(
        &caseworker(),
        close(TracingOutcome::Found),
        &ctx(false, true),
    )
    .unwrap();
    let r = refusal(
        &officer("party-b"),
        close(TracingOutcome::Withdrawn),
        &ctx(false, false),
    );
    assert!(r.contains("only the filing party"), "{r}");
    let r = refusal(
        &officer("party-a"),
        close(TracingOutcome::Withdrawn),
        &ctx(true, false),
    );
    assert!(r.contains("already closed"), "{r}");
    // A closed request is not linked to a child afterwards.
    let link = Command::LinkTracingRequest {
        request_id: TracingRequestId::from("t-1"),
        child_id: ChildId::from("c-1"),
    };
    let mut closed = ctx(true, false);
    closed.child = Some(homeward_domain::command::ChildFacts {
        org_id: OrgId::from("party-a"),
        custody_records: 0,
        has_open_case: false,
        erased: false,
    });
    let r = refusal(&caseworker(), link.clone(), &closed);
    assert!(r.contains("is closed"), "{r}");
    closed.request_closed = false;
    decide(&caseworker(), link, &closed).unwrap();
}

#[test]
fn several_people_consent_and_a_court_order_gives_the_decision_to_others() {
    let mut ctx = case_ctx(CaseState::FamilyLocated);
    let (facts, _, _) = ctx.case.as_mut().unwrap();
    facts.family_members = vec![
        (FamilyMemberId::from("mother"), Relationship::Mother),
        (FamilyMemberId::from("aunt"), Relationship::AuntOrUncle),
    ];
    let consent =
        |member: &str, basis: ConsentBasis, details: ConsentDetails| Command::RecordConsent {
            case_id: CaseId::from("k-1"),
            member_id: FamilyMemberId::from(member),
            basis,
            details,
        };
    let order = |reference: &str| ConsentDetails {
        note: "Will receive the child".into(),
        how: ConsentHow::VideoCall,
        witness: String::new(),
        court_order: reference.into(),
    };

    // The aunt has no parental responsibility: only a court order gives
    // her the decision, and it needs its reference.
    ctx.member = Some((ChildId::from("c-1"), Relationship::AuntOrUncle));
    let r = refusal(
        &caseworker(),
        consent("aunt", ConsentBasis::ParentalResponsibility, order("")),
        &ctx,
    );
    assert!(r.contains("no parental responsibility"), "{r}");
    let r = refusal(
        &caseworker(),
        consent("aunt", ConsentBasis::CourtOrder, order("  ")),
        &ctx,
    );
    assert!(r.contains("order's reference"), "{r}");
    let events = decide(
        &caseworker(),
        consent("aunt", ConsentBasis::CourtOrder, order("2/1187/24")),
        &ctx,
    )
    .unwrap();
    assert!(matches!(
        &events[0].body,
        EventBody::ConsentRecorded { basis: ConsentBasis::CourtOrder, member_id, .. }
            if member_id.as_str() == "aunt"
    ));
    // How, the witness and the order's reference are personal.
    assert!(matches!(
        &events[0].personal,
        Some(Personal::Consent(d)) if d.court_order == "2/1187/24"
    ));
    assert!(
        !String::from_utf8(events[0].body_json())
            .unwrap()
            .contains("2/1187")
    );

    // With the aunt's consent in force, the case may go on; she may not
    // consent twice.
    let (facts, _, _) = ctx.case.as_mut().unwrap();
    facts.consents = vec![Consent {
        member: FamilyMemberId::from("aunt"),
        basis: ConsentBasis::CourtOrder,
        seq: 9,
    }];
    assert_eq!(facts.consent_check(), Ok(()));
    assert!(facts.may_decide(&FamilyMemberId::from("aunt")));
    assert!(!facts.may_decide(&FamilyMemberId::from("mother")));
    let r = refusal(
        &caseworker(),
        consent("aunt", ConsentBasis::CourtOrder, order("2/1187/24")),
        &ctx,
    );
    assert!(r.contains("already on record"), "{r}");

    // The detained mother consents through the detention centre, which
    // needs its witness.
    ctx.member = Some((ChildId::from("c-1"), Relationship::Mother));
    let detained = |witness: &str| ConsentDetails {
        note: "Agrees".into(),
        how: ConsentHow::ThroughDetainingAuthority,
        witness: witness.into(),
        court_order: String::new(),
    };
    let r = refusal(
        &caseworker(),
        consent(
            "mother",
            ConsentBasis::ParentalResponsibility,
            detained(" "),
        ),
        &ctx,
    );
    assert!(r.contains("needs its witness"), "{r}");
    decide(
        &caseworker(),
        consent(
            "mother",
            ConsentBasis::ParentalResponsibility,
            detained("ICRC delegate"),
        ),
        &ctx,
    )
    .unwrap();

    // Two consents in force; the mother withdraws hers: the withdrawal
    // names her consent, and the aunt's stays on record.
    let (facts, _, _) = ctx.case.as_mut().unwrap();
    facts.consents.insert(
        0,
        Consent {
            member: FamilyMemberId::from("mother"),
            basis: ConsentBasis::ParentalResponsibility,
            seq: 5,
        },
    );
    let events = decide(
        &caseworker(),
        Command::WithdrawConsent {
            case_id: CaseId::from("k-1"),
            member_id: FamilyMemberId::from("mother"),
            reason: "Wants to wait".into(),
        },
        &ctx,
    )
    .unwrap();
    assert!(matches!(
        &events[0].body,
        EventBody::ConsentWithdrawn { consent_seq: Some(5), on_record: Some(m), .. }
            if m.as_str() == "aunt"
    ));
}
