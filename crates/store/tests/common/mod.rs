//! What the store's test suites share: a fresh database per test on SQLite
//! or PostgreSQL, a small world, and checks.
//!
//! PostgreSQL runs are made against the server named by `HOMEWARD_TEST_PG`
//! (default `postgres://postgres@127.0.0.1:5432/test`); each test creates its
//! own database and drops it afterwards.
#![allow(dead_code)]

use homeward_domain::*;
use homeward_store::seed::{self, Cast};
use homeward_store::{Store, StoreConfig};
pub use homeward_testkit::ScratchDb;
use sqlx::Executor;

/// A store on a fresh database; dropping it removes the database.
pub struct Fixture {
    pub store: Store,
    pub dir: tempfile::TempDir,
    pub pg: Option<ScratchDb>,
    /// How the store was opened, to open it again.
    pub config: StoreConfig,
}

impl Fixture {
    pub async fn drop_db(self) {
        self.store.close().await;
        if let Some(db) = self.pg {
            db.drop().await;
        }
    }

    /// Runs a statement directly, as someone with access to the database
    /// file or server would, bypassing the write path.
    pub async fn tamper(&self, sql: &str) {
        self.store
            .pool()
            .execute(sqlx::AssertSqlSafe(sql.to_owned()))
            .await
            .unwrap();
    }
}

pub async fn sqlite() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("homeward.db");
    let config = StoreConfig::new(path.to_str().unwrap());
    let store = Store::open(&config).await.unwrap();
    Fixture {
        store,
        dir,
        pg: None,
        config,
    }
}

pub async fn postgres() -> Fixture {
    let db = ScratchDb::create().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = StoreConfig::new(db.url());
    config.key_path = Some(dir.path().join("ledger.key"));
    let store = Store::open(&config).await.unwrap();
    Fixture {
        store,
        dir,
        pg: Some(db),
        config,
    }
}

#[macro_export]
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let f = super::common::sqlite().await;
                super::$name(&f).await;
                f.drop_db().await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let f = super::common::postgres().await;
                super::$name(&f).await;
                f.drop_db().await;
            })*
        }
    };
}

pub fn child_details(family: &str, given: &str) -> ChildDetails {
    ChildDetails {
        names: vec![PersonName {
            family_name: family.into(),
            given_name: given.into(),
            patronymic: Some("Петрович".into()),
            lang: "uk".into(),
            kind: NameKind::Recorded,
        }],
        sex: Some(Sex::M),
        birth_date: Some(BirthDate::parse("03.2014").unwrap()),
        birth_place: Some(Place::named("uk", "Харків")),
        documents: vec![],
        circumstances: vec![Circumstance::LostContact {
            note: "In hospital when the war began".into(),
        }],
    }
}

pub async fn register_child(store: &Store, cast: &Cast) -> ChildId {
    let child_id = ChildId(Store::new_id());
    store
        .execute(
            &cast.party_a,
            Command::RegisterChild {
                child_id: child_id.clone(),
                org_id: cast.party_a.org.clone(),
                list_name: "Party A list 1".into(),
                import_id: None,
                details: child_details("Шевченко", "Олександр"),
            },
        )
        .await
        .unwrap();
    child_id
}

pub async fn world(store: &Store) -> (Cast, TripId) {
    let cast = seed::cast(store, "$argon2id$not-a-real-hash")
        .await
        .unwrap();
    let trip = seed::plan_trip(store, &cast, "Flight 1", 1_790_000_000, 10)
        .await
        .unwrap();
    (cast, trip)
}

pub async fn verified(store: &Store) -> homeward_store::VerifySummary {
    match store.verify(None).await {
        Ok(s) => s,
        Err(e) => panic!("verification failed: {e}"),
    }
}
