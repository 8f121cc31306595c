//! Birth dates with their precision, and command validation outside cases.

use homeward_domain::command::{ChildFacts, Context, OrgFacts};
use homeward_domain::*;

fn check_date(input: &str, expect: Result<&str, &str>) {
    match (BirthDate::parse(input), expect) {
        (Ok(d), Ok(shown)) => assert_eq!(d.to_string(), shown, "{input}"),
        (Err(e), Err(why)) => assert!(e.to_string().contains(why), "{input}: '{e}' lacks '{why}'"),
        (got, _) => panic!("{input}: unexpected {got:?}"),
    }
}

#[test]
fn birth_dates_keep_their_precision() {
    check_date("2014-03-09", Ok("2014-03-09"));
    check_date("09.03.2014", Ok("2014-03-09"));
    check_date("2014-03", Ok("2014-03"));
    check_date("03.2014", Ok("2014-03"));
    check_date("2014", Ok("2014"));
    check_date(" 2014 ", Ok("2014"));
    check_date("age 9 on 2023-05-01", Ok("age 9 on 2023-05-01"));
    check_date("2016-02-29", Ok("2016-02-29"));
    check_date("31.02.2014", Err("month 2 of 2014 has 28 days, not 31"));
    check_date("2015-02-29", Err("has 28 days"));
    check_date("2014-13", Err("month must be between 1 and 12"));
    check_date("14", Err("year must be between 1900 and 2100"));
    check_date("2014/03/09", Err("expected digits"));
    check_date("", Err("expected digits"));
    check_date("age 40 on 2023-05-01", Err("not a child's"));
    check_date("age 9 on 2023", Err("must be a full date"));
}

#[test]
fn an_estimated_age_gives_a_birth_year() {
    assert_eq!(
        BirthDate::parse("age 9 on 2023-05-01").unwrap().year(),
        2014
    );
}

fn admin() -> Actor {
    Actor {
        user: UserId::from("admin"),
        org: OrgId::from("med"),
        org_kind: OrgKind::Mediator,
        role: Role::Admin,
    }
}

fn officer(org: &str) -> Actor {
    Actor {
        user: UserId::from("officer"),
        org: OrgId::from(org),
        org_kind: OrgKind::Party,
        role: Role::PartyOfficer,
    }
}

fn child_cmd(org: &str) -> Command {
    Command::RegisterChild {
        child_id: ChildId::from("c-1"),
        org_id: OrgId::from(org),
        list_name: "list 1".into(),
        import_id: None,
        details: ChildDetails {
            names: vec![PersonName {
                family_name: "Шевченко".into(),
                given_name: "Олександр".into(),
                patronymic: None,
                lang: "uk".into(),
                kind: NameKind::Recorded,
            }],
            ..Default::default()
        },
    }
}

fn party_ctx(org: &str) -> Context {
    Context {
        org: Some(OrgFacts {
            org_id: OrgId::from(org),
            kind: OrgKind::Party,
            side: Some(Side::A),
        }),
        ..Default::default()
    }
}

#[test]
fn a_party_registers_children_only_on_its_own_lists() {
    let own = decide(
        &officer("party-a"),
        child_cmd("party-a"),
        &party_ctx("party-a"),
    )
    .unwrap();
    assert_eq!(own.len(), 1);
    assert!(
        own[0].personal.is_some(),
        "names travel in the personal part"
    );
    assert!(
        !String::from_utf8(own[0].body_json())
            .unwrap()
            .contains("Шевченко")
    );
    let other = decide(
        &officer("party-a"),
        child_cmd("party-b"),
        &party_ctx("party-b"),
    );
    assert!(matches!(other, Err(Refusal::Forbidden(_))));
}

#[test]
fn a_user_role_must_fit_the_organisation() {
    let cmd = Command::RegisterUser {
        user_id: UserId::from("u"),
        login: "escort-1".into(),
        org_id: OrgId::from("party-a"),
        role: Role::Escort,
        password_hash: "h".into(),
    };
    let got = decide(&admin(), cmd, &party_ctx("party-a"));
    assert_eq!(
        got.unwrap_err().to_string(),
        "the role escort is not available in a party organisation"
    );
}

#[test]
fn a_child_with_an_open_case_gets_no_second_one() {
    let ctx = Context {
        child: Some(ChildFacts {
            org_id: OrgId::from("party-a"),
            custody_records: 0,
            has_open_case: true,
            erased: false,
        }),
        ..party_ctx("party-a")
    };
    let mut coordinator = admin();
    coordinator.role = Role::Coordinator;
    let cmd = Command::OpenCase {
        case_id: CaseId::from("k"),
        child_id: ChildId::from("c-1"),
        party_a: OrgId::from("party-a"),
        party_b: OrgId::from("party-b"),
    };
    assert!(matches!(
        decide(&coordinator, cmd, &ctx),
        Err(Refusal::Conflict(_))
    ));
}

#[test]
fn users_choose_their_own_language_among_the_four() {
    let me = officer("party-a");
    let ctx = Context {
        user: Some((me.user.clone(), me.org.clone())),
        ..Default::default()
    };
    let choose = |user: &str, lang: &str| Command::ChooseLanguage {
        user_id: UserId::from(user),
        lang: lang.into(),
    };
    assert!(decide(&me, choose("officer", "ar"), &ctx).is_ok());
    assert!(matches!(
        decide(&me, choose("someone-else", "ar"), &ctx),
        Err(Refusal::Forbidden(_))
    ));
    assert_eq!(
        decide(&me, choose("officer", "fr"), &ctx)
            .unwrap_err()
            .to_string(),
        "'fr' is not a language of the interface; expected one of en, uk, ru, ar"
    );
}

fn coordinator() -> Actor {
    Actor {
        role: Role::Coordinator,
        ..admin()
    }
}

fn erased_child_ctx() -> Context {
    Context {
        child: Some(ChildFacts {
            org_id: OrgId::from("party-a"),
            custody_records: 1,
            has_open_case: false,
            erased: true,
        }),
        child_erased: true,
        ..party_ctx("party-a")
    }
}

#[test]
fn an_erased_child_takes_no_new_personal_data() {
    let ctx = erased_child_ctx();
    let child_id = ChildId::from("c1");
    let refused = [
        Command::RecordCustody {
            child_id: child_id.clone(),
            kind: CustodyKind::Institution,
            since: "2024".into(),
            place: CustodyPlace::default(),
        },
        Command::AddFamilyMember {
            member_id: FamilyMemberId::from("m1"),
            child_id: child_id.clone(),
            relationship: Relationship::Mother,
            details: FamilyMemberDetails {
                name: PersonName {
                    given_name: "Olena".into(),
                    ..PersonName::default()
                },
                ..FamilyMemberDetails::default()
            },
        },
        Command::AmendChild {
            child_id: child_id.clone(),
            details: ChildDetails::default(),
        },
        Command::LinkTracingRequest {
            request_id: TracingRequestId::from("t1"),
            child_id: child_id.clone(),
        },
    ];
    for command in refused {
        let name = command.name();
        let got = decide(&coordinator(), command, &ctx);
        assert_eq!(
            got,
            Err(Refusal::Conflict(homeward_domain::Rule::Erased)),
            "{name}"
        );
    }
    // A second erasure is refused too, naming its own rule.
    let again = decide(
        &coordinator(),
        Command::ErasePersonalData {
            child_id,
            reason: event::ErasureReason::FamilyRequest,
        },
        &ctx,
    );
    assert_eq!(
        again,
        Err(Refusal::Conflict(homeward_domain::Rule::ChildAlreadyErased))
    );
    assert_eq!(
        homeward_domain::Rule::Erased.to_string(),
        homeward_domain::command::ERASED_RULE
    );
}

#[test]
fn only_an_administrator_disables_users_and_never_themselves() {
    let ctx = Context {
        user: Some((UserId::from("u2"), OrgId::from("party-a"))),
        ..Context::default()
    };
    let disable = |who: &str| Command::DisableUser {
        user_id: UserId::from(who),
    };
    let events = decide(&admin(), disable("u2"), &ctx).unwrap();
    assert_eq!(
        events[0].body,
        EventBody::UserDisabled {
            user_id: UserId::from("u2")
        }
    );
    assert!(matches!(
        decide(&coordinator(), disable("u2"), &ctx),
        Err(Refusal::Forbidden(_))
    ));
    let own = Context {
        user: Some((UserId::from("admin"), OrgId::from("med"))),
        ..Context::default()
    };
    assert!(matches!(
        decide(&admin(), disable("admin"), &own),
        Err(Refusal::Invalid(homeward_domain::Rule::SelfDisable))
    ));
    let disabled = Context {
        user_disabled: true,
        ..ctx.clone()
    };
    assert!(matches!(
        decide(&admin(), disable("u2"), &disabled),
        Err(Refusal::Conflict(_))
    ));
    let enabled = decide(
        &admin(),
        Command::EnableUser {
            user_id: UserId::from("u2"),
        },
        &disabled,
    )
    .unwrap();
    assert_eq!(
        enabled[0].body,
        EventBody::UserEnabled {
            user_id: UserId::from("u2")
        }
    );
}

#[test]
fn a_tracing_request_is_erased_once_by_a_coordinator() {
    let ctx = Context {
        request_org: Some(OrgId::from("party-a")),
        personal_seqs: vec![7],
        ..Context::default()
    };
    let erase = || Command::EraseTracingRequest {
        request_id: TracingRequestId::from("t1"),
        reason: event::ErasureReason::FamilyRequest,
    };
    let events = decide(&coordinator(), erase(), &ctx).unwrap();
    assert!(matches!(
        &events[0].body,
        EventBody::TracingRequestErased { seqs, .. } if seqs == &[7]
    ));
    assert!(matches!(
        decide(&officer("party-a"), erase(), &ctx),
        Err(Refusal::Forbidden(_))
    ));
    let erased = Context {
        request_erased: true,
        ..ctx
    };
    assert!(matches!(
        decide(&coordinator(), erase(), &erased),
        Err(Refusal::Conflict(_))
    ));
}

#[test]
fn an_administrator_gives_a_user_a_role_that_fits_their_organisation() {
    let ctx = Context {
        user: Some((UserId::from("u-2"), OrgId::from("party-a"))),
        user_role: Some(Role::PartyOfficer),
        ..party_ctx("party-a")
    };
    let change = |role| Command::ChangeRole {
        user_id: UserId::from("u-2"),
        role,
    };
    let events = decide(&admin(), change(Role::Auditor), &ctx).unwrap();
    assert_eq!(
        events[0].body,
        EventBody::RoleChanged {
            user_id: UserId::from("u-2"),
            role: Role::Auditor,
        }
    );
    let r = decide(&admin(), change(Role::Coordinator), &ctx).unwrap_err();
    assert!(r.to_string().contains("does not fit"), "{r}");
    let r = decide(&admin(), change(Role::PartyOfficer), &ctx).unwrap_err();
    assert!(matches!(r, Refusal::Conflict(_)), "{r}");
    let r = decide(&officer("party-a"), change(Role::Auditor), &ctx).unwrap_err();
    assert!(matches!(r, Refusal::Forbidden(_)), "{r}");
    // Nobody changes their own role.
    let own = Context {
        user: Some((UserId::from("admin"), OrgId::from("med"))),
        user_role: Some(Role::Admin),
        org: Some(OrgFacts {
            org_id: OrgId::from("med"),
            kind: OrgKind::Mediator,
            side: None,
        }),
        ..Context::default()
    };
    let r = decide(
        &admin(),
        Command::ChangeRole {
            user_id: UserId::from("admin"),
            role: Role::Coordinator,
        },
        &own,
    )
    .unwrap_err();
    assert!(r.to_string().contains("their own role"), "{r}");
}
