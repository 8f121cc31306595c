//! What the web UI's test suites share: a world with a few children, the
//! whole application router without a socket, and sign-in through the form.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use homeward_domain::*;
use homeward_server::{AppState, app};
use homeward_store::seed;
use homeward_store::{Store, StoreConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use tower::ServiceExt;

pub const PASSWORD: &str = "homeward-demo";
pub const HOST: &str = "homeward.test";
pub const ORIGIN: &str = "http://homeward.test";

pub struct World {
    pub _dir: tempfile::TempDir,
    pub state: AppState,
    pub router: Router,
    /// «Соломія Шевчук», party A's, with a case just opened (identified).
    pub solomiia: String,
    pub solomiia_case: String,
    /// «Олена Коваль», party A's, with no case.
    pub olena: String,
    /// «Александр Шевченко», party B's, with no case.
    pub alexander: String,
    /// The demo's users, one per role.
    pub cast: seed::Cast,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The `name=value` part of a `Set-Cookie` for `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
    }

    /// The `data-action` of every step form on the page.
    pub fn steps(&self) -> Vec<String> {
        self.text
            .split("data-action=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap_or("").to_owned())
            .collect()
    }
}

pub fn child_details(given: &str, family: &str, lang: &str, sex: Sex, year: i32) -> ChildDetails {
    ChildDetails {
        names: vec![PersonName {
            family_name: family.into(),
            given_name: given.into(),
            patronymic: None,
            lang: lang.into(),
            kind: NameKind::Recorded,
        }],
        sex: Some(sex),
        birth_date: Some(BirthDate::Year { year }),
        ..Default::default()
    }
}

pub async fn register(store: &Store, by: &Actor, details: ChildDetails) -> ChildId {
    let id = ChildId(Store::new_id());
    store
        .execute(
            by,
            Command::RegisterChild {
                child_id: id.clone(),
                org_id: by.org.clone(),
                list_name: "List 1".into(),
                import_id: None,
                details,
            },
        )
        .await
        .unwrap();
    id
}

pub async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreConfig::new(
        dir.path().join("ui.db").to_str().unwrap().to_owned(),
    ))
    .await
    .unwrap();
    let hash = homeward_server::auth::hash_password(PASSWORD).unwrap();
    let cast = seed::cast(&store, &hash).await.unwrap();
    let trip = seed::plan_trip(&store, &cast, "Charter 1", 1_900_000_000, 10)
        .await
        .unwrap();
    let solomiia = register(
        &store,
        &cast.party_a,
        child_details("Соломія", "Шевчук", "uk", Sex::F, 2014),
    )
    .await;
    let olena = register(
        &store,
        &cast.party_a,
        child_details("Олена", "Коваль", "uk", Sex::F, 2012),
    )
    .await;
    let alexander = register(
        &store,
        &cast.party_b,
        child_details("Александр", "Шевченко", "ru", Sex::M, 2013),
    )
    .await;
    let case = seed::drive_case(&store, &cast, &solomiia, &trip, CaseState::Identified)
        .await
        .unwrap();
    let state = AppState::new(Arc::new(store));
    World {
        _dir: dir,
        router: app(state.clone()),
        state,
        solomiia: solomiia.0,
        solomiia_case: case.0,
        olena: olena.0,
        alexander: alexander.0,
        cast,
    }
}

impl World {
    pub async fn send(&self, mut req: Request<Body>) -> Reply {
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([10, 1, 2, 3], 4000))));
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str, cookie: &str) -> Reply {
        let mut req = Request::get(path).header(header::HOST, HOST);
        if !cookie.is_empty() {
            req = req.header(header::COOKIE, cookie);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn post(&self, path: &str, cookie: &str, origin: &str, form: &str) -> Reply {
        let mut req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if !origin.is_empty() {
            req = req.header(header::ORIGIN, origin);
        }
        if !cookie.is_empty() {
            req = req.header(header::COOKIE, cookie);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    /// Signs in through the form; returns the session cookie.
    pub async fn sign_in(&self, login: &str) -> String {
        let r = self
            .post(
                "/sign-in",
                "",
                ORIGIN,
                &format!("login={login}&password={PASSWORD}&next=%2F"),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{login}: {}", r.text);
        r.cookie("hw_session").expect("a session cookie")
    }
}

/// The result table of a list page (the search hint names a child too).
pub fn results(text: &str) -> &str {
    text.split("<table class=\"list\">").nth(1).unwrap_or("")
}

pub fn alert(text: &str) -> &str {
    text.split("role=\"alert\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or("")
}
