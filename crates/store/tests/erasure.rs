//! Erasure is complete and final: after a child's erasure none of its
//! strings, nor its relatives' or the linked tracing request's, is left in
//! the bytes of the database files; the record takes no new personal data;
//! a tracing request can be erased on its own; the ledger still verifies.

mod common;

use common::*;
use homeward_domain::command::ERASED_RULE;
use homeward_domain::event::ErasureReason;
use homeward_domain::*;
use homeward_store::seed::Cast;
use homeward_store::{Store, StoreError};

/// Strings that appear nowhere else in the world.
const GIVEN: &str = "Злотослава";
const FAMILY: &str = "Гарқуша";
const MOTHER: &str = "Євдокія";
const PHONE: &str = "+380 44 555 01 23";
const ADDRESS: &str = "17 Quince Lane";
const REQUESTER: &str = "Yaroslavna";
const LAST_SEEN: &str = "Vovchansk bus station";

fn details(family: &str, given: &str) -> ChildDetails {
    ChildDetails {
        names: vec![PersonName {
            family_name: family.into(),
            given_name: given.into(),
            patronymic: None,
            lang: "uk".into(),
            kind: NameKind::Recorded,
        }],
        ..child_details(family, given)
    }
}

async fn register(store: &Store, cast: &Cast, family: &str, given: &str) -> ChildId {
    let id = ChildId(Store::new_id());
    store
        .execute(
            &cast.party_a,
            Command::RegisterChild {
                child_id: id.clone(),
                org_id: cast.party_a.org.clone(),
                list_name: "Party A list 1".into(),
                import_id: None,
                details: details(family, given),
            },
        )
        .await
        .unwrap();
    id
}

async fn file_request(store: &Store, cast: &Cast, requester: &str, seen: &str) -> TracingRequestId {
    let id = TracingRequestId(Store::new_id());
    store
        .execute(
            &cast.party_a,
            Command::FileTracingRequest {
                request_id: id.clone(),
                org_id: cast.party_a.org.clone(),
                details: TracingDetails {
                    requester: PersonName {
                        given_name: requester.into(),
                        family_name: FAMILY.into(),
                        ..PersonName::default()
                    },
                    requester_relationship: Some(Relationship::Mother),
                    child: details(FAMILY, GIVEN),
                    last_seen: seen.into(),
                },
            },
        )
        .await
        .unwrap();
    id
}

/// Every file of the database (the file, its write-ahead log and index).
fn database_bytes(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn find(files: &[(String, Vec<u8>)], needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(name, _)| name.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_childs_strings_are_nowhere_in_the_database_files() {
    let f = sqlite().await;
    let store = &f.store;
    let (cast, _) = world(store).await;
    let child = register(store, &cast, FAMILY, GIVEN).await;
    store
        .execute(
            &cast.party_a,
            Command::AddFamilyMember {
                member_id: FamilyMemberId(Store::new_id()),
                child_id: child.clone(),
                relationship: Relationship::Mother,
                details: FamilyMemberDetails {
                    name: PersonName {
                        given_name: MOTHER.into(),
                        family_name: FAMILY.into(),
                        ..PersonName::default()
                    },
                    status: "alive".into(),
                    contact: PHONE.into(),
                },
            },
        )
        .await
        .unwrap();
    store
        .execute(
            &cast.party_a,
            Command::RecordCustody {
                child_id: child.clone(),
                kind: CustodyKind::FosterFamily,
                since: "2023".into(),
                place: CustodyPlace {
                    place_name: "Foster family".into(),
                    address: ADDRESS.into(),
                },
            },
        )
        .await
        .unwrap();
    let request = file_request(store, &cast, REQUESTER, LAST_SEEN).await;
    store
        .execute(
            &cast.coordinator,
            Command::LinkTracingRequest {
                request_id: request.clone(),
                child_id: child.clone(),
            },
        )
        .await
        .unwrap();
    // Another child stays as it is, and must still be found afterwards.
    register(store, &cast, "Шевченко", "Олександр").await;

    let before = database_bytes(f.dir.path());
    for s in [GIVEN, MOTHER, PHONE, ADDRESS, REQUESTER, LAST_SEEN] {
        assert!(
            !find(&before, s).is_empty(),
            "the test's own check: '{s}' should be stored before"
        );
    }

    store
        .execute(
            &cast.coordinator,
            Command::ErasePersonalData {
                child_id: child.clone(),
                reason: ErasureReason::FamilyRequest,
            },
        )
        .await
        .unwrap();

    let after = database_bytes(f.dir.path());
    for s in [GIVEN, FAMILY, MOTHER, PHONE, ADDRESS, REQUESTER, LAST_SEEN] {
        let found = find(&after, s);
        assert!(found.is_empty(), "'{s}' is still in {found:?}");
    }
    assert!(
        !find(&after, "Олександр").is_empty(),
        "the other child is kept"
    );

    // The linked request's copy went with the child.
    let row = store.tracing_request(&request).await.unwrap().unwrap();
    assert_eq!(row.details, None);
    assert_eq!(row.status, "erased");

    // Final: nothing personal can be added to the erased record.
    let refused = store
        .execute(
            &cast.party_a,
            Command::RecordCustody {
                child_id: child.clone(),
                kind: CustodyKind::Institution,
                since: "2024".into(),
                place: CustodyPlace::default(),
            },
        )
        .await;
    match refused {
        Err(StoreError::Refused(Refusal::Conflict(why))) => {
            assert_eq!(why.to_string(), ERASED_RULE)
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    verified(store).await;
    f.drop_db().await;
}

async fn a_tracing_request_is_erased_on_its_own(f: &Fixture) {
    let store = &f.store;
    let (cast, _) = world(store).await;
    let erased = file_request(store, &cast, REQUESTER, LAST_SEEN).await;
    let kept = file_request(store, &cast, "Oksana", "Kharkiv, 2022").await;
    store
        .execute(
            &cast.coordinator,
            Command::EraseTracingRequest {
                request_id: erased.clone(),
                reason: ErasureReason::RetentionPeriodEnded,
            },
        )
        .await
        .unwrap();
    let row = store.tracing_request(&erased).await.unwrap().unwrap();
    assert_eq!((row.details, row.status.as_str()), (None, "erased"));
    let other = store.tracing_request(&kept).await.unwrap().unwrap();
    assert!(other.details.is_some());
    let again = store
        .execute(
            &cast.coordinator,
            Command::EraseTracingRequest {
                request_id: erased,
                reason: ErasureReason::RetentionPeriodEnded,
            },
        )
        .await;
    assert!(
        matches!(again, Err(StoreError::Refused(Refusal::Conflict(_)))),
        "{again:?}"
    );
    let summary = verified(store).await;
    assert_eq!(summary.redacted, 1);
}

conformance!(a_tracing_request_is_erased_on_its_own);
