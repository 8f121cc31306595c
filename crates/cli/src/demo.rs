//! `serve --demo`: a believable synthetic world, written through the same
//! write path as real use, into an empty database only.

use anyhow::{Result, bail};
use homeward_domain::*;
use homeward_store::Store;
use homeward_store::seed::{self, DEMO_LOGINS};
use homeward_synth::{DemoChild, NameParts, demo_children};

pub const DEMO_PASSWORD: &str = "homeward-demo";
const CHILDREN: usize = 300;
const SEED: u64 = 2026;

fn name(parts: &NameParts, lang: &str, kind: NameKind) -> PersonName {
    PersonName {
        family_name: parts.family_name.clone(),
        given_name: parts.given_name.clone(),
        patronymic: (!parts.patronymic.is_empty()).then(|| parts.patronymic.clone()),
        lang: lang.into(),
        kind,
    }
}

fn sex(c: &DemoChild) -> Sex {
    match c.sex {
        homeward_synth::Sex::Male => Sex::M,
        homeward_synth::Sex::Female => Sex::F,
    }
}

fn circumstances(c: &DemoChild) -> Vec<Circumstance> {
    use homeward_synth::Circumstance as S;
    match c.circumstance {
        Some(S::ParentDetained) => vec![Circumstance::ParentDetained {
            note: "The mother is in detention; contact through her lawyer".into(),
        }],
        Some(S::MedicalNeeds) => vec![Circumstance::MedicalNeeds {
            note: "Needs daily medication; escort must carry a supply".into(),
        }],
        Some(S::LostContact) => vec![Circumstance::LostContact {
            note: "Was in hospital when the war broke out and lost contact with his mother".into(),
        }],
        None => vec![],
    }
}

pub fn custody_kind(c: &DemoChild) -> CustodyKind {
    use homeward_synth::CustodyKind as S;
    match c.custody {
        S::Institution => CustodyKind::Institution,
        S::Hospital => CustodyKind::Hospital,
        S::FosterFamily => CustodyKind::FosterFamily,
        S::AdoptiveFamily => CustodyKind::AdoptiveFamily,
    }
}

/// Fills an empty database; leaves one that already holds data untouched.
pub async fn fill(store: &Store) -> Result<()> {
    if store.ledger_size().await? > 1 {
        eprintln!(
            "demo: the database already holds data; --demo fills only an empty database, so nothing was added"
        );
        return Ok(());
    }
    eprintln!("demo: building a synthetic world ({CHILDREN} children)...");
    let hash = homeward_server::auth::hash_password(DEMO_PASSWORD)?;
    let cast = seed::cast(store, &hash).await?;
    // An agency of party A's side that the mediator adds to some cases: it
    // decides on them for itself.
    let ombudsperson = OrgId(Store::new_id());
    store
        .execute(
            &cast.admin,
            Command::RegisterOrganisation {
                org_id: ombudsperson.clone(),
                name: "Ombudsperson for Children (side A)".into(),
                kind: OrgKind::Party,
                side: Some(Side::A),
            },
        )
        .await?;
    let now = chrono_like_now();
    // Eight escorts a leg: the escort ratio (four children each, two when
    // young) holds for the demo's fullest trip.
    let mut escorts = vec![cast.escort.user.clone()];
    escorts.extend(seed::more_escorts(store, &cast, 7, &hash).await?);
    let trips = [
        seed::plan_trip_with(
            store,
            &cast,
            "Charter flight 1 (completed)",
            now - 90 * 86_400,
            60,
            &escorts,
        )
        .await?,
        seed::plan_trip_with(
            store,
            &cast,
            "Charter flight 2 (completed)",
            now - 30 * 86_400,
            60,
            &escorts,
        )
        .await?,
        seed::plan_trip_with(
            store,
            &cast,
            "Charter flight 3 (under way)",
            now - 86_400,
            60,
            &escorts,
        )
        .await?,
        seed::plan_trip_with(
            store,
            &cast,
            "Charter flight 4 (planned)",
            now + 21 * 86_400,
            60,
            &escorts,
        )
        .await?,
    ];
    let children = demo_children(SEED, CHILDREN);
    // Cases in every state: most children wait early in the process, some
    // are on their way, some are home.
    let plan: &[(CaseState, usize)] = &[
        (CaseState::Identified, 40),
        (CaseState::Verified, 25),
        (CaseState::FamilyLocated, 20),
        (CaseState::ConsentRecorded, 15),
        (CaseState::Submitted, 20),
        (CaseState::Approved, 10),
        (CaseState::TransitPlanned, 10),
        (CaseState::InTransit, 6),
        (CaseState::HandedOver, 6),
        (CaseState::Reunited, 20),
        (CaseState::Closed, 30),
        (CaseState::OnHold, 8),
        (CaseState::Disputed, 8),
        (CaseState::Withdrawn, 4),
    ];
    let mut states = plan.iter().flat_map(|(s, n)| std::iter::repeat_n(*s, *n));
    let mut travelling = Vec::new();
    // The parties' lists come in as imports, as real lists do: party A's
    // report of missing children in Ukrainian (with the passport spelling),
    // and party B's list of children in its institutions and families in
    // Russian, which holds two in three of them.
    let mut list_a = Vec::new();
    let mut list_b = Vec::new();
    let mut b_ids = Vec::new();
    for (i, c) in children.iter().enumerate() {
        list_a.push(ListedChild {
            external_id: format!("UA-{:05}", 10_000 + i),
            new_id: ChildId(Store::new_id()),
            details: ChildDetails {
                names: vec![
                    name(&c.uk, "uk", NameKind::Recorded),
                    name(&c.latin, "uk-Latn", NameKind::Document),
                ],
                sex: Some(sex(c)),
                birth_date: BirthDate::parse(&c.birth_date).ok(),
                birth_place: Some(Place {
                    names: vec![
                        ("uk".into(), c.birth_place_uk.clone()),
                        ("ru".into(), c.birth_place_ru.clone()),
                    ],
                }),
                documents: if i % 3 == 0 {
                    vec![IdentityDocument {
                        kind: DocumentKind::BirthCertificate,
                        number: format!("I-ЖС {:06}", 100_000 + i),
                        issued_by: "Civil registry office".into(),
                    }]
                } else {
                    vec![]
                },
                circumstances: circumstances(c),
            },
        });
        if i % 3 != 2 {
            let b_id = ChildId(Store::new_id());
            b_ids.push(Some(b_id.clone()));
            list_b.push(ListedChild {
                external_id: format!("RU-{}", 500_000 + 7 * i),
                new_id: b_id,
                details: ChildDetails {
                    names: vec![name(&c.ru, "ru", NameKind::Recorded)],
                    sex: Some(sex(c)),
                    birth_date: BirthDate::parse(&c.birth_date).ok(),
                    birth_place: Some(Place::named("ru", &c.birth_place_ru)),
                    ..Default::default()
                },
            });
        } else {
            b_ids.push(None);
        }
    }
    let a_ids: Vec<ChildId> = list_a.iter().map(|c| c.new_id.clone()).collect();
    for (actor, list_name, records) in [
        (
            &cast.party_a,
            "Party A: children reported missing, list 1",
            list_a,
        ),
        (
            &cast.party_b,
            "Party B: children in institutions and families",
            list_b,
        ),
    ] {
        store
            .execute(
                actor,
                Command::ImportList {
                    import_id: ImportId(Store::new_id()),
                    org_id: actor.org.clone(),
                    list: ImportedList {
                        list_name: list_name.into(),
                        sha256: demo_digest(list_name),
                        fields: [
                            ListedField::FamilyName,
                            ListedField::GivenName,
                            ListedField::Patronymic,
                            ListedField::Sex,
                            ListedField::BirthDate,
                            ListedField::BirthPlace,
                        ]
                        .into_iter()
                        .collect(),
                        records: ListedRecords::Children(records),
                    },
                },
            )
            .await?;
    }
    for (i, c) in children.iter().enumerate() {
        let a_id = a_ids[i].clone();
        // The case is opened on whichever record the mediator found first:
        // mostly party A's report, sometimes party B's list.
        let mut case_child = a_id.clone();
        if let Some(b_id) = b_ids[i].clone() {
            if i % 5 == 0 {
                case_child = b_id.clone();
            }
            store
                .execute(
                    &cast.party_b,
                    Command::RecordCustody {
                        child_id: b_id,
                        kind: custody_kind(c),
                        since: "2022".into(),
                        place: CustodyPlace {
                            place_name: c.custody_place_ru.clone(),
                            address: format!("{}, building {}", c.custody_place_ru, 1 + i % 40),
                        },
                    },
                )
                .await?;
        }
        // A tracing request from the mother for one child in four.
        if i % 4 == 0 {
            store
                .execute(
                    &cast.party_a,
                    Command::FileTracingRequest {
                        request_id: TracingRequestId(Store::new_id()),
                        org_id: cast.party_a.org.clone(),
                        details: TracingDetails {
                            requester: name(&c.mother, "uk", NameKind::Recorded),
                            requester_relationship: Some(Relationship::Mother),
                            child: ChildDetails {
                                names: vec![name(&c.uk, "uk", NameKind::Recorded)],
                                sex: Some(sex(c)),
                                birth_date: BirthDate::parse(&c.birth_date).ok(),
                                ..Default::default()
                            },
                            last_seen: format!("{}, spring 2022", c.birth_place_uk),
                        },
                    },
                )
                .await?;
        }
        if let Some(state) = states.next() {
            // Children who travel are approved here and go home trip by trip
            // below, their custody running from the institution through the
            // embassy to the family.
            if state >= CaseState::TransitPlanned && state <= CaseState::Closed {
                let case_id =
                    seed::drive_case(store, &cast, &case_child, &trips[3], CaseState::Approved)
                        .await?;
                super::demo_trips::to_embassy(
                    store,
                    &cast,
                    &case_child,
                    c,
                    case_child == a_id,
                    now,
                )
                .await?;
                travelling.push((state, case_id));
                continue;
            }
            let trip = &trips[3];
            // Half the held cases stopped because a parent withdrew consent.
            let withdrawn = state == CaseState::OnHold && i % 2 == 0;
            let drive_to = if withdrawn {
                CaseState::ConsentRecorded
            } else {
                state
            };
            let case_id = seed::drive_case(store, &cast, &case_child, trip, drive_to).await?;
            if withdrawn {
                let record = store
                    .case(&case_id)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("the demo case just opened is gone"))?;
                if let Some(member_id) = record.summary.consent_by {
                    store
                        .execute(
                            &cast.caseworker,
                            Command::WithdrawConsent {
                                case_id: case_id.clone(),
                                member_id,
                                reason: "The mother wants to wait until she is released".into(),
                            },
                        )
                        .await?;
                }
            }
            if state == CaseState::Submitted {
                // Of the cases before the parties, a third await party B
                // (A has approved), a third party A, a third both.
                let first = match i % 3 {
                    0 => Some(&cast.party_a),
                    1 => Some(&cast.party_b),
                    _ => None,
                };
                if first.is_none() {
                    store
                        .execute(
                            &cast.coordinator,
                            Command::AddCaseParty {
                                case_id: case_id.clone(),
                                org_id: ombudsperson.clone(),
                            },
                        )
                        .await?;
                }
                if let Some(party) = first {
                    store
                        .execute(
                            party,
                            Command::RecordPartyDecision {
                                case_id,
                                decision: Decision::Approve,
                                dispute: None,
                                note: "Identity and family link checked against our records".into(),
                            },
                        )
                        .await?;
                }
            }
        }
        if (i + 1) % 50 == 0 {
            eprintln!("demo: {} of {CHILDREN} children", i + 1);
        }
    }
    family_cases(store, &cast, &trips[3]).await?;
    super::demo_trips::run(store, &cast, &trips, travelling).await?;
    // The engine proposes the pairs of the two lists (and the tracing
    // requests' children) for review, as after every import.
    let run = homeward_server::matching::run(store, &homeward_server::matching::engine())
        .await
        .map_err(|e| anyhow::anyhow!(e))?;
    eprintln!("demo: {} matches to review", run.proposed);
    eprintln!("demo: ready. Sign in with any of these logins, password '{DEMO_PASSWORD}':");
    for login in DEMO_LOGINS {
        eprintln!("  {login}");
    }
    if store.ledger_size().await? < 2 {
        bail!("the demo world was not written");
    }
    Ok(())
}

/// The demo's lists have no file; their digest is of their name.
fn demo_digest(list_name: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(list_name.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn chrono_like_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The detained mother consents through the detention centre, with a
/// witness; for the elder child (`with_aunt`) the aunt a court made
/// guardian consents as well, by the court's order.
async fn consents_of_detained_mother(
    store: &Store,
    cast: &seed::Cast,
    child: &ChildId,
    case_id: &CaseId,
    with_aunt: bool,
) -> Result<()> {
    let record = store
        .child(child)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo child just registered is gone"))?;
    let mother = record
        .family
        .iter()
        .find(|m| m.relationship == Relationship::Mother)
        .ok_or_else(|| anyhow::anyhow!("the demo child has no mother on record"))?
        .id
        .clone();
    let consent = |member_id: FamilyMemberId, basis, details| Command::RecordConsent {
        case_id: case_id.clone(),
        member_id,
        basis,
        details,
    };
    store
        .execute(
            &cast.caseworker,
            consent(
                mother,
                ConsentBasis::ParentalResponsibility,
                ConsentDetails {
                    note: "Wants both children home with her sister until she is released".into(),
                    how: ConsentHow::ThroughDetainingAuthority,
                    witness: "ICRC delegate at the detention centre".into(),
                    court_order: String::new(),
                },
            ),
        )
        .await?;
    if with_aunt {
        let aunt = FamilyMemberId(Store::new_id());
        store
            .execute(
                &cast.caseworker,
                Command::AddFamilyMember {
                    member_id: aunt.clone(),
                    child_id: child.clone(),
                    relationship: Relationship::AuntOrUncle,
                    details: FamilyMemberDetails {
                        name: PersonName {
                            family_name: "Бондар".into(),
                            given_name: "Оксана".into(),
                            patronymic: None,
                            lang: "uk".into(),
                            kind: NameKind::Recorded,
                        },
                        status: "Guardian by court order while the mother is detained".into(),
                        contact: "via party A's tracing office".into(),
                    },
                },
            )
            .await?;
        store
            .execute(
                &cast.caseworker,
                consent(
                    aunt,
                    ConsentBasis::CourtOrder,
                    ConsentDetails {
                        note: "Will receive both children at the border".into(),
                        how: ConsentHow::VideoCall,
                        witness: "Caseworker of the embassy".into(),
                        court_order: "District court 2/1187/24".into(),
                    },
                ),
            )
            .await?;
    }
    Ok(())
}

/// A few children whose situation the synthetic lists do not show: two
/// siblings whose mother is detained, grouped to be submitted and approved
/// together, and a child in hospital who lost contact with the family.
async fn family_cases(store: &Store, cast: &seed::Cast, trip: &TripId) -> Result<()> {
    let person = |given: &str, family: &str| PersonName {
        family_name: family.into(),
        given_name: given.into(),
        patronymic: None,
        lang: "uk".into(),
        kind: NameKind::Recorded,
    };
    let register = |given: &str, year: i32, sex: Sex, circumstances: Vec<Circumstance>| {
        let id = ChildId(Store::new_id());
        let command = Command::RegisterChild {
            child_id: id.clone(),
            org_id: cast.party_a.org.clone(),
            list_name: "Reports to the embassy".into(),
            import_id: None,
            details: ChildDetails {
                names: vec![person(given, "Бондар")],
                sex: Some(sex),
                birth_date: Some(BirthDate::Year { year }),
                circumstances,
                ..Default::default()
            },
        };
        (id, command)
    };
    let detained = || {
        vec![Circumstance::ParentDetained {
            note: "Mother held in a detention centre since 2023".into(),
        }]
    };
    let mut cases = Vec::new();
    for (i, (given, year, sex)) in [("Ярина", 2012, Sex::F), ("Тарас", 2015, Sex::M)]
        .into_iter()
        .enumerate()
    {
        let (child, command) = register(given, year, sex, detained());
        store.execute(&cast.party_a, command).await?;
        let case_id = seed::drive_case(store, cast, &child, trip, CaseState::FamilyLocated).await?;
        consents_of_detained_mother(store, cast, &child, &case_id, i == 0).await?;
        cases.push(case_id);
    }
    store
        .execute(
            &cast.coordinator,
            Command::GroupCases {
                group_id: GroupId(Store::new_id()),
                kind: GroupKind::Siblings,
                cases,
            },
        )
        .await?;
    let (child, command) = register(
        "Остап",
        2017,
        Sex::M,
        vec![Circumstance::LostContact {
            note: "No news of the family since the evacuation".into(),
        }],
    );
    store.execute(&cast.party_a, command).await?;
    store
        .execute(
            &cast.caseworker,
            Command::RecordCustody {
                child_id: child.clone(),
                kind: CustodyKind::Hospital,
                since: "2024-03-01".into(),
                place: CustodyPlace {
                    place_name: "Regional children's hospital".into(),
                    address: "Ward 4".into(),
                },
            },
        )
        .await?;
    seed::drive_case(store, cast, &child, trip, CaseState::Verified).await?;
    Ok(())
}
