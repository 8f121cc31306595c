//! A small world for the API tests: the demo's organisations and users,
//! a few children, cases and a trip, built once through the write path and
//! copied into a fresh database for every test that writes.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use homeward_domain::*;
use homeward_server::{AppState, app};
use homeward_store::seed;
use homeward_store::sessions::{Session, SessionKind};
use homeward_store::{Store, StoreConfig};
use serde_json::Value;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

pub const PASSWORD: &str = "homeward-demo";

/// Every login of the demo, in the order of the matrix's columns.
pub const LOGINS: [&str; 9] = [
    "coordinator",
    "caseworker",
    "escort",
    "party-a",
    "party-b",
    "transit-1",
    "transit-2",
    "auditor",
    "admin",
];

/// The records of the world, by the names tests use for them.
#[derive(Debug, Clone)]
pub struct Ids(pub BTreeMap<&'static str, String>);

impl Ids {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .get(name)
            .unwrap_or_else(|| panic!("the test world has no '{name}'"))
    }

    /// Replaces every `{name}` in `s` with the id of that record.
    pub fn fill(&self, s: &str) -> String {
        let mut out = s.to_owned();
        for (k, v) in &self.0 {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        let b = out.as_bytes();
        assert!(
            !b.windows(2)
                .any(|w| w[0] == b'{' && w[1].is_ascii_lowercase()),
            "unknown placeholder in '{s}'"
        );
        out
    }
}

struct Template {
    dir: tempfile::TempDir,
    ids: Ids,
}

fn scratch_dir() -> tempfile::TempDir {
    // A RAM disk when there is one: the store syncs every commit.
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(d) = tempfile::tempdir_in(shm)
    {
        return d;
    }
    tempfile::tempdir().unwrap()
}

fn db_path(dir: &Path) -> PathBuf {
    dir.join("homeward.db")
}

/// The secret of each login's API token in the template.
pub fn token_of(login: &str) -> String {
    format!("test-token-of-{login}")
}

fn child(family: &str, given: &str, lang: &str) -> ChildDetails {
    ChildDetails {
        names: vec![PersonName {
            family_name: family.into(),
            given_name: given.into(),
            patronymic: None,
            lang: lang.into(),
            kind: NameKind::Recorded,
        }],
        sex: Some(Sex::F),
        birth_date: Some(BirthDate::parse("2014-03-02").unwrap()),
        birth_place: Some(Place::named(lang, "Харків")),
        documents: vec![],
        circumstances: vec![Circumstance::MedicalNeeds {
            note: "Needs daily medication".into(),
        }],
    }
}

async fn register(store: &Store, actor: &Actor, details: ChildDetails) -> ChildId {
    let id = ChildId(Store::new_id());
    store
        .execute(
            actor,
            Command::RegisterChild {
                child_id: id.clone(),
                org_id: actor.org.clone(),
                list_name: "test list".into(),
                import_id: None,
                details,
            },
        )
        .await
        .unwrap();
    id
}

async fn build(dir: &Path) -> Ids {
    let store = Store::open(&StoreConfig::new(db_path(dir).to_str().unwrap()))
        .await
        .unwrap();
    let hash = homeward_server::auth::hash_password(PASSWORD).unwrap();
    let cast = seed::cast(&store, &hash).await.unwrap();
    let trip = seed::plan_trip(&store, &cast, "Flight 1", 1_790_000_000, 10)
        .await
        .unwrap();
    let legs = store.legs(&trip).await.unwrap();

    // Party A's child with a case on the escort's trip, under way.
    let a_child = register(&store, &cast.party_a, child("Шевченко", "Олександр", "uk")).await;
    let a_case = seed::drive_case(&store, &cast, &a_child, &trip, CaseState::InTransit)
        .await
        .unwrap();
    // Party A's child whose case waits for the parties' decisions.
    let a_sub = register(&store, &cast.party_a, child("Коваленко", "Марія", "uk")).await;
    let sub_case = seed::drive_case(&store, &cast, &a_sub, &trip, CaseState::Submitted)
        .await
        .unwrap();
    // Party A's child with no case: party B may not know of it.
    let a_solo = register(&store, &cast.party_a, child("Шевчук", "Соломія", "uk")).await;
    // Party B's child with a custody address.
    let b_child = register(&store, &cast.party_b, child("Петренко", "Ирина", "ru")).await;
    store
        .execute(
            &cast.party_b,
            Command::RecordCustody {
                child_id: b_child.clone(),
                kind: CustodyKind::Institution,
                since: "2022".into(),
                place: CustodyPlace {
                    place_name: "Children's home No. 3".into(),
                    address: "12 Garden Street".into(),
                },
            },
        )
        .await
        .unwrap();
    // A custody address on party A's child, to be hidden from party B.
    store
        .execute(
            &cast.party_a,
            Command::RecordCustody {
                child_id: a_child.clone(),
                kind: CustodyKind::Hospital,
                since: "2022-03".into(),
                place: CustodyPlace {
                    place_name: "Regional hospital".into(),
                    address: "Ward 3, 1 Hospital Road".into(),
                },
            },
        )
        .await
        .unwrap();
    let mut tracing = Vec::new();
    for party in [&cast.party_a, &cast.party_b] {
        let id = TracingRequestId(Store::new_id());
        store
            .execute(
                party,
                Command::FileTracingRequest {
                    request_id: id.clone(),
                    org_id: party.org.clone(),
                    details: TracingDetails {
                        requester: PersonName {
                            family_name: "Шевчук".into(),
                            given_name: "Оксана".into(),
                            ..Default::default()
                        },
                        requester_relationship: Some(Relationship::Mother),
                        child: child("Шевчук", "Соломія", "uk"),
                        last_seen: "Харків, 2022".into(),
                    },
                },
            )
            .await
            .unwrap();
        tracing.push(id);
    }
    let member = store.family_members(&a_child).await.unwrap()[0].id.clone();

    // One API token per login, with a known secret.
    let now = homeward_server::auth::now_secs();
    for (login, actor) in [
        ("coordinator", &cast.coordinator),
        ("caseworker", &cast.caseworker),
        ("escort", &cast.escort),
        ("party-a", &cast.party_a),
        ("party-b", &cast.party_b),
        ("transit-1", &cast.transit_1),
        ("transit-2", &cast.transit_2),
        ("auditor", &cast.auditor),
        ("admin", &cast.admin),
    ] {
        store
            .create_session(&Session {
                secret_hash: homeward_server::auth::secret_hash(&token_of(login)),
                kind: SessionKind::Token,
                user_id: actor.user.clone(),
                created_at: now,
                last_seen: now,
                expires_at: now + 30 * 24 * 3600,
                revoked: false,
            })
            .await
            .unwrap();
    }
    store.close().await;

    let mut ids = BTreeMap::new();
    ids.insert("a_child", a_child.0);
    ids.insert("a_case", a_case.0);
    ids.insert("a_sub", a_sub.0);
    ids.insert("sub_case", sub_case.0);
    ids.insert("a_solo", a_solo.0);
    ids.insert("b_child", b_child.0);
    ids.insert("tr_a", tracing[0].0.clone());
    ids.insert("tr_b", tracing[1].0.clone());
    ids.insert("a_member", member.0);
    ids.insert("trip", trip.0);
    ids.insert("leg1", legs[0].leg_id.0.clone());
    ids.insert("leg2", legs[1].leg_id.0.clone());
    ids.insert("org_a", cast.party_a.org.0.clone());
    ids.insert("org_b", cast.party_b.org.0.clone());
    ids.insert("org_t1", cast.transit_1.org.0.clone());
    ids.insert("u_escort", cast.escort.user.0.clone());
    ids.insert("u_admin", cast.admin.user.0.clone());
    ids.insert("missing", "00000000-0000-7000-8000-000000000000".into());
    Ids(ids)
}

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        std::thread::spawn(|| {
            let dir = scratch_dir();
            let rt = tokio::runtime::Runtime::new().unwrap();
            let ids = rt.block_on(build(dir.path()));
            Template { dir, ids }
        })
        .join()
        .unwrap()
    })
}

/// A running application on its own copy of the world.
pub struct Env {
    pub state: AppState,
    pub app: Router,
    pub ids: Ids,
    _dir: tempfile::TempDir,
}

/// A fresh copy of the world.
pub async fn env() -> Env {
    let t = template();
    let dir = scratch_dir();
    for entry in std::fs::read_dir(t.dir.path()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let mut config = StoreConfig::new(db_path(dir.path()).to_str().unwrap());
    config.create = false;
    let store = Arc::new(Store::open(&config).await.unwrap());
    let state = AppState::new(store);
    Env {
        app: app(state.clone()),
        state,
        ids: t.ids.clone(),
        _dir: dir,
    }
}

/// What came back.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
    /// The body as sent (a PDF, say).
    pub bytes: Vec<u8>,
}

impl Env {
    /// Sends a request as `login` (None: anonymous) with a JSON body.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        login: Option<&str>,
        body: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(self.ids.fill(path));
        if let Some(login) = login {
            req = req.header("authorization", format!("Bearer {}", token_of(login)));
        }
        let body = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Body::from(self.ids.fill(b))
            }
            None => Body::empty(),
        };
        self.send(req.body(body).unwrap()).await
    }

    /// Sends a prepared request from 127.0.0.1.
    pub async fn send(&self, mut req: Request<Body>) -> Reply {
        if req.extensions().get::<ConnectInfo<SocketAddr>>().is_none() {
            req.extensions_mut()
                .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
        }
        let resp = self.app.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            text,
            bytes: bytes.to_vec(),
        }
    }
}

/// A problem document without the members that differ on every request
/// (`request_id`, `instance`), to compare two answers.
pub fn problem_without_request_id(text: &str) -> Value {
    let mut v: Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("not a JSON problem document ({e}): {text}"));
    let doc = v.as_object_mut().expect("a problem document is an object");
    let id = doc
        .remove("request_id")
        .expect("every problem carries its request id");
    let instance = doc
        .remove("instance")
        .expect("every problem names its instance");
    assert_eq!(
        instance,
        format!("urn:uuid:{}", id.as_str().unwrap()).as_str()
    );
    v
}
