//! Importing a party's list: what each row does to the party's records.

use homeward_domain::command::{Context, OrgFacts};
use homeward_domain::*;
use std::collections::BTreeSet;

fn officer(org: &str) -> Actor {
    Actor {
        user: UserId::from("officer"),
        org: OrgId::from(org),
        org_kind: OrgKind::Party,
        role: Role::PartyOfficer,
    }
}

fn caseworker() -> Actor {
    Actor {
        user: UserId::from("cw"),
        org: OrgId::from("med"),
        org_kind: OrgKind::Mediator,
        role: Role::Caseworker,
    }
}

fn party_ctx(org: &str) -> Context {
    Context {
        org: Some(OrgFacts {
            org_id: OrgId::from(org),
            kind: OrgKind::Party,
            side: Some(Side::A),
        }),
        ..Context::default()
    }
}

fn details(family: &str, given: &str, lang: &str, born: Option<&str>) -> ChildDetails {
    ChildDetails {
        names: vec![PersonName {
            family_name: family.into(),
            given_name: given.into(),
            patronymic: None,
            lang: lang.into(),
            kind: NameKind::Recorded,
        }],
        sex: Some(Sex::F),
        birth_date: born.map(|b| BirthDate::parse(b).unwrap()),
        birth_place: Some(Place::named(lang, "Харків")),
        documents: vec![],
        circumstances: vec![],
    }
}

fn all_child_fields() -> BTreeSet<ListedField> {
    use ListedField::*;
    [
        FamilyName, GivenName, Patronymic, Sex, BirthDate, BirthPlace,
    ]
    .into()
}

fn list(rows: Vec<(&str, ChildDetails)>, fields: BTreeSet<ListedField>) -> ImportedList {
    ImportedList {
        list_name: "party-a.csv".into(),
        sha256: "ab".repeat(32),
        fields,
        records: ListedRecords::Children(
            rows.into_iter()
                .map(|(id, details)| ListedChild {
                    external_id: id.into(),
                    new_id: ChildId(format!("new-{id}")),
                    details,
                })
                .collect(),
        ),
    }
}

fn import(actor: &Actor, ctx: &Context, list: ImportedList) -> Result<Vec<Event>, Refusal> {
    decide(
        actor,
        Command::ImportList {
            import_id: ImportId::from("imp-1"),
            org_id: OrgId::from("party-a"),
            list,
        },
        ctx,
    )
}

#[test]
fn a_first_list_registers_every_row_after_one_import_entry() {
    let rows = vec![
        (
            "A-1",
            details("Шевченко", "Олена", "uk", Some("2014-03-02")),
        ),
        ("A-2", details("Коваль", "Іван", "uk", None)),
    ];
    let events = import(
        &officer("party-a"),
        &party_ctx("party-a"),
        list(rows, all_child_fields()),
    )
    .unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(
        events[0].body,
        EventBody::ListImported {
            import_id: ImportId::from("imp-1"),
            org_id: OrgId::from("party-a"),
            kind: ImportKind::Children,
            list_name: "party-a.csv".into(),
            sha256: "ab".repeat(32),
            rows: 2,
            new: 2,
            updated: 0,
            unchanged: 0,
            erased: 0,
        }
    );
    assert!(events[0].personal.is_none(), "the import entry is public");
    assert_eq!(
        events[1].body,
        EventBody::ChildRegistered {
            child_id: ChildId::from("new-A-1"),
            org_id: OrgId::from("party-a"),
            list_name: "party-a.csv".into(),
            import_id: Some(ImportId::from("imp-1")),
            external_id: Some("A-1".into()),
        }
    );
    assert_eq!(
        ImportCounts::of(&events),
        Some(ImportCounts {
            rows: 2,
            new: 2,
            ..ImportCounts::default()
        })
    );
}

#[test]
fn known_ids_change_only_what_changed_and_erased_records_stay_erased() {
    let mut stored = details("Шевченко", "Олена", "uk", Some("2014-03-02"));
    stored.documents.push(IdentityDocument {
        kind: DocumentKind::BirthCertificate,
        number: "I-ЖС 123456".into(),
        issued_by: "РАЦС".into(),
    });
    let mut ctx = party_ctx("party-a");
    ctx.listed_children.insert(
        "A-1".into(),
        (ChildId::from("child-1"), Some(stored.clone())),
    );
    ctx.listed_children.insert(
        "A-2".into(),
        (
            ChildId::from("child-2"),
            Some(details("Коваль", "Іван", "uk", None)),
        ),
    );
    ctx.listed_children
        .insert("A-3".into(), (ChildId::from("child-3"), None));
    let rows = vec![
        // The birth date was corrected.
        (
            "A-1",
            details("Шевченко", "Олена", "uk", Some("2014-03-12")),
        ),
        ("A-2", details("Коваль", "Іван", "uk", None)),
        ("A-3", details("Бондар", "Марія", "uk", None)),
        ("A-4", details("Мельник", "Анна", "uk", None)),
    ];
    let events = import(&caseworker(), &ctx, list(rows, all_child_fields())).unwrap();
    assert_eq!(
        ImportCounts::of(&events),
        Some(ImportCounts {
            rows: 4,
            new: 1,
            updated: 1,
            unchanged: 1,
            erased: 1,
        })
    );
    let kinds: Vec<&str> = events.iter().map(|e| e.body.kind()).collect();
    assert_eq!(
        kinds,
        ["list_imported", "child_amended", "child_registered"]
    );
    let Some(Personal::Child(amended)) = &events[1].personal else {
        panic!("an amendment carries the whole record");
    };
    assert_eq!(amended.birth_date.unwrap().to_string(), "2014-03-12");
    assert_eq!(
        amended.documents, stored.documents,
        "what the mediator added survives the import"
    );
}

#[test]
fn a_field_without_a_column_keeps_what_the_record_says() {
    let stored = details("Шевченко", "Олена", "uk", Some("2014-03-02"));
    let mut ctx = party_ctx("party-a");
    ctx.listed_children.insert(
        "A-1".into(),
        (ChildId::from("child-1"), Some(stored.clone())),
    );
    // A later list with names only: no birth dates, no places, no sex.
    let mut listed = details("Шевченко", "Олена", "uk", None);
    listed.sex = None;
    listed.birth_place = None;
    let fields = [ListedField::FamilyName, ListedField::GivenName].into();
    let events = import(&caseworker(), &ctx, list(vec![("A-1", listed)], fields)).unwrap();
    assert_eq!(ImportCounts::of(&events).unwrap().unchanged, 1);
    assert_eq!(events.len(), 1);
}

#[test]
fn the_language_follows_the_spelling_and_a_known_place_keeps_its_names() {
    use homeward_domain::import::merge_child;
    let mut stored = details("Шевченко", "Олена", "uk", None);
    stored.birth_place = Some(Place {
        names: vec![
            ("uk".into(), "Харків".into()),
            ("en".into(), "Kharkiv".into()),
        ],
    });
    // The same spelling read as Russian: nothing changes.
    let same = details("Шевченко", "Олена", "ru", None);
    let fields = all_child_fields();
    let mut want = stored.clone();
    want.birth_place = stored.birth_place.clone();
    let mut same_place = same.clone();
    same_place.birth_place = Some(Place::named("uk", "Харків"));
    assert_eq!(merge_child(&stored, &same_place, &fields), want);
    // A new spelling brings its language.
    let renamed = details("Шевченко", "Алёна", "ru", None);
    let merged = merge_child(&stored, &renamed, &fields);
    assert_eq!(merged.names[0].given_name, "Алёна");
    assert_eq!(merged.names[0].lang, "ru");
    assert_eq!(merged.birth_place, Some(Place::named("ru", "Харків")));
}

#[test]
fn tracing_requests_are_filed_and_amended_by_their_ids() {
    let request = |relationship| TracingDetails {
        requester: PersonName {
            family_name: "Шевченко".into(),
            given_name: "Оксана".into(),
            lang: "uk".into(),
            ..Default::default()
        },
        requester_relationship: relationship,
        child: details("Шевченко", "Олена", "uk", None),
        last_seen: "Харків, 2022".into(),
    };
    let mut ctx = party_ctx("party-a");
    ctx.listed_requests.insert(
        "T-1".into(),
        (
            TracingRequestId::from("tr-1"),
            Some(request(Some(Relationship::Mother))),
        ),
    );
    let mut fields = all_child_fields();
    fields.extend([
        ListedField::RequesterFamilyName,
        ListedField::RequesterGivenName,
        ListedField::RequesterRelationship,
        ListedField::LastSeen,
    ]);
    let list = ImportedList {
        list_name: "requests.xlsx".into(),
        sha256: "cd".repeat(32),
        fields,
        records: ListedRecords::TracingRequests(vec![
            ListedRequest {
                external_id: "T-1".into(),
                new_id: TracingRequestId::from("new-1"),
                details: request(Some(Relationship::Grandparent)),
            },
            ListedRequest {
                external_id: "T-2".into(),
                new_id: TracingRequestId::from("new-2"),
                details: request(None),
            },
        ]),
    };
    let events = import(&officer("party-a"), &ctx, list).unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.body.kind()).collect();
    assert_eq!(
        kinds,
        [
            "list_imported",
            "tracing_request_amended",
            "tracing_request_filed"
        ]
    );
    let EventBody::ListImported { kind, .. } = &events[0].body else {
        panic!()
    };
    assert_eq!(*kind, ImportKind::TracingRequests);
}

#[test]
fn imports_are_refused_for_the_wrong_people_and_bad_lists() {
    let rows = || vec![("A-1", details("Шевченко", "Олена", "uk", None))];
    let ok = party_ctx("party-a");
    let refusal = |actor: &Actor, ctx: &Context, list| import(actor, ctx, list).unwrap_err();

    let r = refusal(&officer("party-b"), &ok, list(rows(), all_child_fields()));
    assert!(matches!(r, Refusal::Forbidden(_)), "{r}");

    let mut transit = party_ctx("party-a");
    transit.org.as_mut().unwrap().kind = OrgKind::Transit;
    let r = refusal(&caseworker(), &transit, list(rows(), all_child_fields()));
    assert_eq!(
        r.to_string(),
        "lists are imported for a party; this organisation is not one"
    );

    let r = refusal(
        &caseworker(),
        &Context::default(),
        list(rows(), all_child_fields()),
    );
    assert_eq!(
        r,
        Refusal::NotFound(homeward_domain::refusal::Record::Organisation)
    );

    let twice = vec![
        ("A-1", details("Шевченко", "Олена", "uk", None)),
        ("A-1", details("Коваль", "Іван", "uk", None)),
    ];
    let r = refusal(&caseworker(), &ok, list(twice, all_child_fields()));
    assert_eq!(
        r.to_string(),
        "row 2 of the list: another row of the list has the same id"
    );

    let nameless = vec![
        ("A-1", details("Шевченко", "Олена", "uk", None)),
        ("A-2", details(" ", "", "uk", None)),
    ];
    let r = refusal(&caseworker(), &ok, list(nameless, all_child_fields()));
    assert_eq!(
        r.to_string(),
        "row 2 of the list: a child's name needs a given name or a family name"
    );

    let mut unnamed = list(rows(), all_child_fields());
    unnamed.list_name = "  ".into();
    assert!(matches!(
        refusal(&caseworker(), &ok, unnamed),
        Refusal::Invalid(_)
    ));

    let mut again = party_ctx("party-a");
    again.already_exists = true;
    let r = refusal(&caseworker(), &again, list(rows(), all_child_fields()));
    assert!(matches!(r, Refusal::Conflict(_)));

    let auditor = Actor {
        role: Role::Auditor,
        ..caseworker()
    };
    let r = refusal(&auditor, &ok, list(rows(), all_child_fields()));
    assert!(matches!(r, Refusal::Forbidden(_)));
}
