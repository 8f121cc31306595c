//! Imports of the parties' lists, on SQLite and on PostgreSQL: what the
//! tables hold after a list comes in, again, and changed; that a refused
//! import stores nothing; and that erasure reaches what later lists said.
//!
//! The fixture and the `conformance!` macro are in `common/mod.rs`.

use homeward_domain::*;
use homeward_store::StoreError;
use homeward_store::seed::Cast;
use sqlx::Row;
mod common;

use common::*;

conformance!(
    a_list_registers_then_finds_its_records_again,
    a_refused_import_stores_nothing,
    a_dry_run_decides_without_recording,
    tracing_requests_come_in_lists_and_are_erased_with_what_later_lists_said,
);

fn child(family: &str, given: &str, born: &str) -> ChildDetails {
    ChildDetails {
        names: vec![PersonName {
            family_name: family.into(),
            given_name: given.into(),
            patronymic: None,
            lang: "uk".into(),
            kind: NameKind::Recorded,
        }],
        sex: Some(Sex::F),
        birth_date: Some(BirthDate::parse(born).unwrap()),
        birth_place: None,
        documents: vec![],
        circumstances: vec![],
    }
}

fn children_list(name: &str, rows: &[(&str, ChildDetails)]) -> ImportedList {
    use ListedField::*;
    ImportedList {
        list_name: name.into(),
        sha256: "0f".repeat(32),
        fields: [FamilyName, GivenName, Sex, BirthDate].into(),
        records: ListedRecords::Children(
            rows.iter()
                .map(|(id, d)| ListedChild {
                    external_id: (*id).into(),
                    new_id: ChildId(homeward_store::Store::new_id()),
                    details: d.clone(),
                })
                .collect(),
        ),
    }
}

async fn import(
    f: &Fixture,
    actor: &Actor,
    org: &OrgId,
    list: ImportedList,
) -> Result<ImportCounts, StoreError> {
    let import_id = ImportId(homeward_store::Store::new_id());
    f.store
        .execute(
            actor,
            Command::ImportList {
                import_id: import_id.clone(),
                org_id: org.clone(),
                list,
            },
        )
        .await?;
    let row = f.store.import(&import_id).await?.expect("the import's row");
    assert_eq!(row.org_id, *org);
    Ok(row.counts)
}

fn counts(rows: u64, new: u64, updated: u64, unchanged: u64) -> ImportCounts {
    ImportCounts {
        rows,
        new,
        updated,
        unchanged,
        erased: 0,
    }
}

fn first_list() -> Vec<(&'static str, ChildDetails)> {
    vec![
        ("A-1", child("Шевченко", "Олена", "2014-03-02")),
        ("A-2", child("Коваль", "Іван", "2013")),
        ("A-3", child("Бондаренко", "Марія", "2016-11")),
    ]
}

async fn party_a(f: &Fixture) -> Cast {
    world(&f.store).await.0
}

async fn a_list_registers_then_finds_its_records_again(f: &Fixture) {
    let cast = party_a(f).await;
    let org = cast.party_a.org.clone();
    let got = import(
        f,
        &cast.party_a,
        &org,
        children_list("a.csv", &first_list()),
    )
    .await
    .unwrap();
    assert_eq!(got, counts(3, 3, 0, 0));
    assert_eq!(f.store.count("children").await.unwrap(), 3);
    let rows =
        sqlx::query("SELECT external_id, import_id, list_name FROM children ORDER BY external_id")
            .fetch_all(f.store.pool())
            .await
            .unwrap();
    let ids: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    assert_eq!(ids, ["A-1", "A-2", "A-3"]);
    assert!(
        rows.iter()
            .all(|r| r.get::<Option<String>, _>(1).is_some() && r.get::<String, _>(2) == "a.csv")
    );

    // The same list again: nothing new, nothing changed, one more entry.
    let before = f.store.ledger_size().await.unwrap();
    let got = import(
        f,
        &cast.party_a,
        &org,
        children_list("a.csv", &first_list()),
    )
    .await
    .unwrap();
    assert_eq!(got, counts(3, 0, 0, 3));
    assert_eq!(f.store.count("children").await.unwrap(), 3);
    assert_eq!(f.store.ledger_size().await.unwrap(), before + 1);
    assert_eq!(f.store.count("imports").await.unwrap(), 2);

    // A later list overlapping the first: one corrected, one new.
    let later = vec![
        ("A-2", child("Коваль", "Іван", "2013-05-07")),
        ("A-3", child("Бондаренко", "Марія", "2016-11")),
        ("A-4", child("Мельник", "Анна", "2015")),
    ];
    let got = import(f, &cast.caseworker, &org, children_list("b.xlsx", &later))
        .await
        .unwrap();
    assert_eq!(got, counts(3, 1, 1, 1));
    assert_eq!(f.store.count("children").await.unwrap(), 4);
    let born: i64 = sqlx::query("SELECT birth_year FROM children WHERE external_id = 'A-2'")
        .fetch_one(f.store.pool())
        .await
        .unwrap()
        .get(0);
    assert_eq!(born, 2013);
    let details: String = sqlx::query("SELECT details FROM children WHERE external_id = 'A-2'")
        .fetch_one(f.store.pool())
        .await
        .unwrap()
        .get(0);
    assert!(details.contains("\"day\":7"), "{details}");

    // Party B's ids are its own: the same id is another record.
    let b = cast.party_b.org.clone();
    let got = import(
        f,
        &cast.party_b,
        &b,
        children_list("b.csv", &[("A-1", child("Петренко", "Ирина", "2012"))]),
    )
    .await
    .unwrap();
    assert_eq!(got, counts(1, 1, 0, 0));
    assert_eq!(f.store.count("children").await.unwrap(), 5);

    // The names are found by search like any other child's.
    use homeward_domain::access::Viewer;
    use homeward_store::read::ChildFilter;
    let found = f
        .store
        .children(
            &Viewer::Everything,
            &ChildFilter {
                q: Some("Maria Bondarenko".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    verified(&f.store).await;
}

async fn a_refused_import_stores_nothing(f: &Fixture) {
    let cast = party_a(f).await;
    let org = cast.party_a.org.clone();
    import(
        f,
        &cast.party_a,
        &org,
        children_list("a.csv", &first_list()),
    )
    .await
    .unwrap();
    let before = f.store.ledger_size().await.unwrap();
    let children = f.store.count("children").await.unwrap();

    // A row without a name, late in the list: the rows before it are not
    // kept either.
    let mut rows = first_list();
    rows[0].1.birth_date = Some(BirthDate::parse("2014-03-03").unwrap());
    rows.push(("A-5", child("Мельник", "Анна", "2015")));
    rows.push(("A-6", child("", " ", "2015")));
    let err = import(f, &cast.party_a, &org, children_list("c.csv", &rows))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "row 5 of the list: a child's name needs a given name or a family name"
    );
    // Another party's officer may not import party A's list.
    let err = import(
        f,
        &cast.party_b,
        &org,
        children_list("c.csv", &first_list()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::Forbidden(_))),
        "{err}"
    );
    // Nor may anyone import for a transit state.
    let err = import(
        f,
        &cast.caseworker,
        &cast.transit_1.org,
        children_list("c.csv", &first_list()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::Invalid(_))),
        "{err}"
    );

    assert_eq!(f.store.ledger_size().await.unwrap(), before);
    assert_eq!(f.store.count("children").await.unwrap(), children);
    assert_eq!(f.store.count("imports").await.unwrap(), 1);
    let born: i64 = sqlx::query("SELECT COUNT(*) FROM children WHERE details LIKE '%\"day\":3%'")
        .fetch_one(f.store.pool())
        .await
        .unwrap()
        .get(0);
    assert_eq!(born, 0, "the refused list changed no record");
    verified(&f.store).await;
}

async fn a_dry_run_decides_without_recording(f: &Fixture) {
    let cast = party_a(f).await;
    let org = cast.party_a.org.clone();
    import(
        f,
        &cast.party_a,
        &org,
        children_list("a.csv", &first_list()),
    )
    .await
    .unwrap();
    let before = f.store.ledger_size().await.unwrap();
    let mut rows = first_list();
    rows.push(("A-9", child("Мельник", "Анна", "2015")));
    let events = f
        .store
        .preview(
            &cast.party_a,
            Command::ImportList {
                import_id: ImportId(homeward_store::Store::new_id()),
                org_id: org.clone(),
                list: children_list("a.csv", &rows),
            },
        )
        .await
        .unwrap();
    assert_eq!(ImportCounts::of(&events), Some(counts(4, 1, 0, 3)));
    assert_eq!(f.store.ledger_size().await.unwrap(), before);
    assert_eq!(f.store.count("children").await.unwrap(), 3);
    verified(&f.store).await;
}

fn request(relationship: Relationship, last_seen: &str) -> TracingDetails {
    TracingDetails {
        requester: PersonName {
            family_name: "Шевченко".into(),
            given_name: "Оксана".into(),
            lang: "uk".into(),
            ..Default::default()
        },
        requester_relationship: Some(relationship),
        child: child("Шевченко", "Олена", "2014-03-02"),
        last_seen: last_seen.into(),
    }
}

fn requests_list(rows: &[(&str, TracingDetails)]) -> ImportedList {
    use ListedField::*;
    ImportedList {
        list_name: "requests.csv".into(),
        sha256: "1e".repeat(32),
        fields: [
            FamilyName,
            GivenName,
            BirthDate,
            Sex,
            LastSeen,
            RequesterFamilyName,
            RequesterGivenName,
            RequesterRelationship,
        ]
        .into(),
        records: ListedRecords::TracingRequests(
            rows.iter()
                .map(|(id, d)| ListedRequest {
                    external_id: (*id).into(),
                    new_id: TracingRequestId(homeward_store::Store::new_id()),
                    details: d.clone(),
                })
                .collect(),
        ),
    }
}

async fn tracing_requests_come_in_lists_and_are_erased_with_what_later_lists_said(f: &Fixture) {
    let cast = party_a(f).await;
    let org = cast.party_a.org.clone();
    let first = [
        ("T-1", request(Relationship::Mother, "Маріуполь, 2022")),
        ("T-2", request(Relationship::Grandparent, "Херсон")),
    ];
    let got = import(f, &cast.party_a, &org, requests_list(&first))
        .await
        .unwrap();
    assert_eq!(got, counts(2, 2, 0, 0));
    let later = [
        (
            "T-1",
            request(Relationship::Mother, "Маріуполь, березень 2022"),
        ),
        ("T-2", request(Relationship::Grandparent, "Херсон")),
    ];
    let got = import(f, &cast.party_a, &org, requests_list(&later))
        .await
        .unwrap();
    assert_eq!(got, counts(2, 0, 1, 1));
    assert_eq!(f.store.count("tracing_requests").await.unwrap(), 2);
    let row = sqlx::query("SELECT id, details FROM tracing_requests WHERE external_id = 'T-1'")
        .fetch_one(f.store.pool())
        .await
        .unwrap();
    let id: String = row.get(0);
    let details: String = row.get(1);
    assert!(details.contains("березень"), "{details}");
    verified(&f.store).await;

    // Erasing the request erases what both lists said about it.
    f.store
        .execute(
            &cast.coordinator,
            Command::EraseTracingRequest {
                request_id: TracingRequestId(id.clone()),
                reason: event::ErasureReason::FamilyRequest,
            },
        )
        .await
        .unwrap();
    let s = verified(&f.store).await;
    assert_eq!(s.redacted, 2, "the filing and the amendment");
    // A third list naming it leaves it erased.
    let got = import(f, &cast.party_a, &org, requests_list(&later))
        .await
        .unwrap();
    assert_eq!(
        got,
        ImportCounts {
            rows: 2,
            new: 0,
            updated: 0,
            unchanged: 1,
            erased: 1,
        }
    );
    let left: Option<String> = sqlx::query("SELECT details FROM tracing_requests WHERE id = $1")
        .bind(&id)
        .fetch_one(f.store.pool())
        .await
        .unwrap()
        .get(0);
    assert!(left.is_none());
    verified(&f.store).await;
}
