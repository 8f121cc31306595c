//! The review queue and list imports in the web UI, through the whole
//! application router: who may use them, the side-by-side review, a
//! decision by form and its undo, and a list checked, refused with every
//! problem, then imported.

use crate::ui_support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use homeward_domain::*;
use homeward_store::Store;

async fn propose(w: &World, a: &str, b: &str) -> String {
    let id = MatchId(Store::new_id());
    w.state
        .store
        .execute(
            &Actor::system(),
            Command::ProposeMatches {
                matches: vec![ProposedMatch {
                    match_id: id.clone(),
                    kind: MatchKind::Parties,
                    a: ChildId(a.to_owned()),
                    b: b.to_owned(),
                    score_ppm: 640_000,
                    renamed: false,
                    fields: vec![FieldScore {
                        field: "family_name".into(),
                        level: "similar".into(),
                        weight_cbits: 230,
                    }],
                }],
            },
        )
        .await
        .unwrap();
    id.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_sees_both_records_side_by_side_and_decides_by_form() {
    let w = world().await;
    let id = propose(&w, &w.olena, &w.alexander).await;
    for login in ["party-a", "escort", "admin"] {
        let cookie = w.sign_in(login).await;
        let r = w.get("/matches", &cookie).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
        assert!(!r.text.contains("Коваль"), "{login} was shown a record");
        let r = w
            .post(
                &format!("/matches/{id}/decision"),
                &cookie,
                ORIGIN,
                "decision=confirm",
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
    }
    let cookie = w.sign_in("caseworker").await;
    let r = w.get("/matches?status=pending&band=medium", &cookie).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.contains("href=\"/matches\" aria-current=\"page\""));
    // Both records, in their scripts and in Latin letters.
    for s in [
        "Олена",
        "Коваль",
        "Olena Koval",
        "Александр",
        "Шевченко",
        "Aleksandr Shevchenko",
    ] {
        assert!(r.text.contains(s), "the page lacks {s}");
    }
    assert!(r.text.contains("64.0 %"), "the score");
    assert!(r.text.contains("+2.3"), "the field's weight");
    assert!(r.text.contains("data-key=\"c\""), "the shortcut's button");
    assert!(r.text.contains("/assets/matches.js?v="));
    // Another band does not show it.
    let r = w.get("/matches?status=pending&band=high", &cookie).await;
    assert!(!r.text.contains("Коваль"));

    // A form from elsewhere is refused; from the page, it decides.
    let r = w
        .post(
            &format!("/matches/{id}/decision"),
            &cookie,
            "https://elsewhere.example",
            "decision=confirm",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = w
        .post(
            &format!("/matches/{id}/decision"),
            &cookie,
            ORIGIN,
            "decision=confirm&reason=&back=%2Fmatches%3Fstatus%3Dpending%26at%3D0",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(r.location(), "/matches?status=pending&at=0&done=confirm");
    let r = w.get(&format!("/children/{}", w.olena), &cookie).await;
    assert!(
        r.text.contains("id=\"child-sources\""),
        "the child's sources"
    );
    assert!(r.text.contains("Александр Шевченко") || r.text.contains("Шевченко"));
    let r = w.get(&format!("/children/{}", w.alexander), &cookie).await;
    assert!(
        r.text.contains("Коваль"),
        "party B's record answers the joined child"
    );

    // A second decision is refused until undone; the undo separates them.
    let r = w
        .post(
            &format!("/matches/{id}/decision"),
            &cookie,
            ORIGIN,
            "decision=reject",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = w
        .post(
            &format!("/matches/{id}/undo"),
            &cookie,
            ORIGIN,
            "back=%2Fmatches%3Fstatus%3Dconfirmed",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/matches?status=confirmed&done=undo");
    let r = w.get(&format!("/children/{}", w.olena), &cookie).await;
    assert!(!r.text.contains("id=\"child-sources\""));
    // A foreign redirect target is not followed.
    let r = w
        .post(
            &format!("/matches/{id}/decision"),
            &cookie,
            ORIGIN,
            "decision=unsure&back=https%3A%2F%2Fevil.example",
        )
        .await;
    assert_eq!(r.location(), "/matches?done=unsure");
}

/// A multipart form with the given text fields and one file.
fn multipart(fields: &[(&str, &str)], file_name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----homeward-test-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(w: &World, cookie: &str, party: &str, file: &str) -> Reply {
    let (content_type, body) = multipart(
        &[("party", party), ("kind", "children"), ("lang", "auto")],
        "party-a-list.csv",
        file.as_bytes(),
    );
    let req = Request::post("/imports")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    w.send(req).await
}

fn hidden_token(text: &str) -> String {
    text.split("name=\"token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a commit form")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_is_checked_then_imported_and_a_bad_one_shows_every_problem() {
    let w = world().await;
    let party_a = w
        .state
        .store
        .child_summary(&ChildId(w.olena.clone()))
        .await
        .unwrap()
        .unwrap()
        .org_id
        .0;
    let cookie = w.sign_in("party-a").await;
    let r = w.get("/imports", &cookie).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.contains("enctype=\"multipart/form-data\""));
    // A party officer is offered its own party only.
    assert!(r.text.contains(">Party A</option>"), "{}", r.text);
    assert!(!r.text.contains(">Party B</option>"), "{}", r.text);

    let bad = "id,family_name,given_name,birth_date\nA-1,Мельник,Тарас,2014-02-30\nA-2,Ткач,Ірина,2013\nA-3,Бойко,,1999-99-01\n";
    let before = w.state.store.count("children").await.unwrap();
    let r = upload(&w, &cookie, &party_a, bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("id=\"import-problems\""));
    assert!(
        r.text.contains("2014-02-30") && r.text.contains("1999-99-01"),
        "every bad value"
    );
    assert!(!r.text.contains("name=\"token\""), "nothing to commit");
    assert_eq!(w.state.store.count("children").await.unwrap(), before);

    let good =
        "id,family_name,given_name,birth_date\nA-1,Мельник,Тарас,2014-02-03\nA-2,Ткач,Ірина,2013\n";
    let r = upload(&w, &cookie, &party_a, good).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.contains("id=\"import-preview\""), "the first rows");
    assert!(r.text.contains("Мельник"));
    assert!(r.text.contains("birth_date"), "the detected mapping");
    assert_eq!(
        w.state.store.count("children").await.unwrap(),
        before,
        "a check stores nothing"
    );
    let token = hidden_token(&r.text);

    // Someone else cannot commit this file.
    let other = w.sign_in("party-b").await;
    let r = w
        .post("/imports/commit", &other, ORIGIN, &format!("token={token}"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = w
        .post(
            "/imports/commit",
            &cookie,
            ORIGIN,
            &format!("token={token}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.contains("id=\"import-done\""));
    assert_eq!(w.state.store.count("children").await.unwrap(), before + 2);
    // The token is spent.
    let r = w
        .post(
            "/imports/commit",
            &cookie,
            ORIGIN,
            &format!("token={token}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(w.state.store.count("children").await.unwrap(), before + 2);

    // Someone who imports nothing is not offered the page.
    let escort = w.sign_in("escort").await;
    let r = w.get("/imports", &escort).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
