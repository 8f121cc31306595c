//! Two processes writing one SQLite file (`homeward user add` while `serve`
//! runs): each store skips re-reading the ledger before a command, so the one
//! that is behind must notice the other's entries and catch up.

use homeward_domain::*;
use homeward_store::{Store, StoreConfig, seed};

fn register(org: &OrgId) -> Command {
    Command::RegisterChild {
        child_id: ChildId(Store::new_id()),
        org_id: org.clone(),
        list_name: "list".into(),
        import_id: None,
        details: ChildDetails {
            names: vec![PersonName {
                family_name: "Шевченко".into(),
                given_name: "Олександр".into(),
                lang: "uk".into(),
                ..Default::default()
            }],
            ..Default::default()
        },
    }
}

#[tokio::test]
async fn a_store_behind_another_writer_catches_up_and_the_ledger_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.db");
    let config = StoreConfig::new(path.to_str().unwrap());
    let a = Store::open(&config).await.unwrap();
    let cast = seed::cast(&a, "$argon2id$test").await.unwrap();
    let b = Store::open(&config).await.unwrap();
    let org = &cast.party_a.org;
    for _ in 0..3 {
        a.execute(&cast.party_a, register(org)).await.unwrap();
        b.execute(&cast.party_a, register(org)).await.unwrap();
        b.execute(&cast.party_a, register(org)).await.unwrap();
    }
    a.execute(&cast.party_a, register(org)).await.unwrap();
    let size = a.ledger_size().await.unwrap();
    assert_eq!(b.ledger_size().await.unwrap(), size);
    let summary = b.verify(None).await.unwrap();
    assert_eq!(summary.entries, size);
    assert_eq!(a.head().await.unwrap().unwrap().size, size);
    a.close().await;
    b.close().await;
}
