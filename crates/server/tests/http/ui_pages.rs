//! The web UI through the whole application router (middleware included),
//! without a socket: sign-in, languages, search in any script, what each
//! role sees and may do on a child's page, the access log, and the rules
//! the pages keep (no inline script or style; cached assets).

use crate::ui_support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use homeward_domain::*;
use homeward_store::Store;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_send_anyone_not_signed_in_to_sign_in_and_back() {
    let w = world().await;
    for (path, to) in [
        ("/", "/sign-in"),
        ("/children?q=x", "/sign-in?next=%2Fchildren%3Fq%3Dx"),
        ("/tracing-requests", "/sign-in?next=%2Ftracing-requests"),
    ] {
        let r = w.get(path, "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.location(), to, "{path}");
    }
    let r = w
        .post(
            "/sign-in",
            "",
            ORIGIN,
            &format!("login=caseworker&password={PASSWORD}&next=%2Fchildren%3Fq%3Dx"),
        )
        .await;
    assert_eq!(r.location(), "/children?q=x");
    // A "next" elsewhere is not followed.
    let r = w
        .post(
            "/sign-in",
            "",
            ORIGIN,
            &format!("login=caseworker&password={PASSWORD}&next=%2F%2Fevil.example"),
        )
        .await;
    assert_eq!(r.location(), "/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_never_says_whether_the_login_exists() {
    let w = world().await;
    let wrong = w
        .post(
            "/sign-in",
            "",
            ORIGIN,
            "login=coordinator&password=wrong-password",
        )
        .await;
    let unknown = w
        .post(
            "/sign-in",
            "",
            ORIGIN,
            "login=nobody-here&password=wrong-password",
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(alert(&wrong.text), alert(&unknown.text));
    assert!(alert(&wrong.text).contains("not right"), "{}", wrong.text);
    assert!(wrong.cookie("hw_session").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_from_another_site_is_refused() {
    let w = world().await;
    for origin in ["http://evil.example", ""] {
        let r = w
            .post(
                "/sign-in",
                "",
                origin,
                &format!("login=coordinator&password={PASSWORD}"),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "origin '{origin}'");
        assert!(r.cookie("hw_session").is_none());
    }
    let session = w.sign_in("coordinator").await;
    let r = w
        .post(
            &format!("/children/{}/cases/{}/steps", w.solomiia, w.solomiia_case),
            &session,
            "http://evil.example",
            "action=hold&reason=x",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_comes_from_the_cookie_else_the_browser() {
    let w = world().await;
    let check = |r: &Reply, lang: &str, dir: &str| {
        let tag = format!("<html lang=\"{lang}\" dir=\"{dir}\">");
        assert!(r.text.contains(&tag), "expected {tag}");
    };
    let mut req = Request::get("/sign-in").header(header::HOST, HOST);
    req = req.header(header::ACCEPT_LANGUAGE, "ar-EG,ar;q=0.9,en;q=0.5");
    let r = w.send(req.body(Body::empty()).unwrap()).await;
    check(&r, "ar", "rtl");
    assert!(r.text.contains("تسجيل الدخول"));

    let r = w
        .post(
            "/ui/language",
            "",
            ORIGIN,
            "lang=uk&back=%2Fchildren%3Fq%3Dx",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/children?q=x");
    let lang = r.cookie("hw_lang").unwrap();
    assert_eq!(lang, "hw_lang=uk");
    let session = w.sign_in("coordinator").await;
    let r = w.get("/", &format!("{session}; {lang}")).await;
    check(&r, "uk", "ltr");
    assert!(r.text.contains("Огляд"));
    // Plurals get numbers: "Усього 1 справа".
    assert!(
        r.text.contains("Усього \u{2068}1\u{2069} справа"),
        "{}",
        r.text
    );

    for (form, back) in [
        ("lang=ru&back=%2F%2Fevil.example", "/"),
        ("lang=ar&back=https%3A%2F%2Fevil.example", "/"),
    ] {
        let r = w.post("/ui/language", "", ORIGIN, form).await;
        assert_eq!(r.location(), back, "{form}");
    }
    let r = w.post("/ui/language", "", ORIGIN, "lang=xx&back=%2F").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

/// The choice made while signed in is kept with the user, in the ledger: it
/// follows them to a browser that has never seen the language cookie.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_choice_of_language_follows_the_user_to_another_browser() {
    let w = world().await;
    let laptop = w.sign_in("caseworker").await;
    let r = w
        .post("/ui/language", &laptop, ORIGIN, "lang=ar&back=%2F")
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    // A second browser: a new session, no language cookie, English asked for.
    let phone = w.sign_in("caseworker").await;
    let mut req = Request::get("/").header(header::HOST, HOST);
    req = req
        .header(header::COOKIE, &phone)
        .header(header::ACCEPT_LANGUAGE, "en");
    let r = w.send(req.body(Body::empty()).unwrap()).await;
    assert!(
        r.text.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{}",
        r.text
    );
    // Another user keeps their own language.
    let other = w.sign_in("coordinator").await;
    let r = w.get("/", &other).await;
    assert!(r.text.contains("<html lang=\"en\" dir=\"ltr\">"));
    // The choice is an event: the ledger still verifies.
    w.state.store.verify(None).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_in_latin_letters_finds_names_in_cyrillic() {
    let w = world().await;
    let session = w.sign_in("coordinator").await;
    for (q, finds, misses) in [
        ("Solomiia+Shevchuk", "Соломія Шевчук", "Олена Коваль"),
        ("Shevchuk+Solomiia", "Соломія Шевчук", "Александр Шевченко"),
        (
            "Aleksandr+Shevchenko",
            "Александр Шевченко",
            "Соломія Шевчук",
        ),
        (
            "%D0%A1%D0%BE%D0%BB%D0%BE%D0%BC%D1%96%D1%8F",
            "Соломія Шевчук",
            "Олена Коваль",
        ),
    ] {
        let r = w.get(&format!("/children?q={q}"), &session).await;
        assert_eq!(r.status, StatusCode::OK);
        let rows = results(&r.text);
        assert!(rows.contains(finds), "{q} should find {finds}");
        assert!(!rows.contains(misses), "{q} should not find {misses}");
    }
    // The Latin column uses the official table of the name's language.
    let r = w.get("/children", &session).await;
    assert!(results(&r.text).contains("Solomiia Shevchuk"));
    assert!(results(&r.text).contains("Aleksandr Shevchenko"));
    // Filters: by state and by year of birth.
    let r = w.get("/children?state=identified", &session).await;
    let rows = results(&r.text);
    assert!(rows.contains("Соломія Шевчук") && !rows.contains("Олена Коваль"));
    let r = w.get("/children?birth_year=2012&sex=F", &session).await;
    let rows = results(&r.text);
    assert!(rows.contains("Олена Коваль") && !rows.contains("Соломія Шевчук"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_sees_only_its_view() {
    let w = world().await;
    let solomiia = format!("/children/{}", w.solomiia);
    let olena = format!("/children/{}", w.olena);
    // (login, children list, Solomiia's page, Olena's page)
    for (login, list, with_case, without_case) in [
        ("coordinator", 200, 200, 200),
        ("caseworker", 200, 200, 200),
        ("party-a", 200, 200, 200),
        // Party B sees the case submitted to it, not party A's other records.
        ("party-b", 200, 200, 404),
        ("escort", 403, 404, 404),
        ("transit-1", 403, 404, 404),
        ("auditor", 403, 404, 404),
        ("admin", 403, 404, 404),
    ] {
        let session = w.sign_in(login).await;
        let got = (
            w.get("/children", &session).await.status.as_u16(),
            w.get(&solomiia, &session).await.status.as_u16(),
            w.get(&olena, &session).await.status.as_u16(),
        );
        assert_eq!(got, (list, with_case, without_case), "{login}");
    }
    let session = w.sign_in("coordinator").await;
    assert_eq!(
        w.get("/children/no-such-child", &session).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_child_page_shows_only_the_steps_the_role_may_take() {
    let w = world().await;
    let page = format!("/children/{}", w.solomiia);
    // Verifying needs identity evidence the case does not have yet: it is
    // offered once the checklist is met (see ui_casework.rs).
    for (login, steps) in [
        ("coordinator", vec!["hold", "dispute", "withdraw"]),
        ("caseworker", vec!["hold"]),
        ("party-a", vec!["dispute"]),
        ("party-b", vec!["dispute"]),
    ] {
        let session = w.sign_in(login).await;
        let r = w.get(&page, &session).await;
        assert_eq!(r.steps(), steps, "{login}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_is_taken_through_the_store_and_a_refusal_says_why() {
    let w = world().await;
    let steps = format!("/children/{}/cases/{}/steps", w.solomiia, w.solomiia_case);
    let caseworker = w.sign_in("caseworker").await;

    // A step the role may not take is refused before the store.
    let r = w.post(&steps, &caseworker, ORIGIN, "action=approve").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Holding needs a reason; the domain says so, in the page.
    let r = w
        .post(&steps, &caseworker, ORIGIN, "action=hold&reason=")
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.text.contains("needs a reason"), "{}", r.text);

    let r = w
        .post(
            &steps,
            &caseworker,
            ORIGIN,
            "action=hold&reason=Awaiting+papers",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(
        r.location(),
        format!("/children/{}?done=on_hold", w.solomiia)
    );
    let r = w.get(r.location(), &caseworker).await;
    assert!(r.text.contains("The case is now"), "{}", r.text);
    assert!(r.text.contains("Awaiting papers"));
    assert_eq!(
        w.state
            .store
            .case_state(&CaseId(w.solomiia_case.clone()))
            .await
            .unwrap(),
        CaseState::OnHold
    );

    // A party sees the history without the mediator's notes.
    let party_b = w.sign_in("party-b").await;
    let r = w.get(&format!("/children/{}", w.solomiia), &party_b).await;
    assert!(r.text.contains("On hold"));
    assert!(!r.text.contains("Awaiting papers"));

    // A case of another child is not found through this child.
    let wrong = format!("/children/{}/cases/{}/steps", w.olena, w.solomiia_case);
    let coordinator = w.sign_in("coordinator").await;
    let r = w
        .post(&wrong, &coordinator, ORIGIN, "action=resume&reason=x")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_look_at_a_child_is_logged_and_coordinators_see_the_log() {
    let w = world().await;
    let page = format!("/children/{}", w.solomiia);
    let caseworker = w.sign_in("caseworker").await;
    let r = w.get(&page, &caseworker).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        !r.text.contains("id=\"access-log\""),
        "caseworkers do not see the log"
    );

    let coordinator = w.sign_in("coordinator").await;
    let r = w.get(&page, &coordinator).await;
    assert!(r.text.contains("id=\"access-log\""));
    let log = r.text.split("id=\"access-log\"").nth(1).unwrap();
    assert!(log.contains("caseworker"), "{log}");
    assert!(log.contains("page /children/{id}"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_hold_no_inline_script_or_style_and_are_not_cached() {
    let w = world().await;
    let session = w.sign_in("coordinator").await;
    for path in [
        "/sign-in".to_owned(),
        "/".to_owned(),
        "/children?q=Solomiia".to_owned(),
        format!("/children/{}", w.solomiia),
        "/tracing-requests".to_owned(),
        "/children/missing".to_owned(),
    ] {
        let cookie = if path == "/sign-in" {
            ""
        } else {
            session.as_str()
        };
        let r = w.get(&path, cookie).await;
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"));
        assert_eq!(r.headers[header::CACHE_CONTROL], "no-store", "{path}");
        assert!(
            r.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(!r.text.contains("<script"), "{path}");
        assert!(!r.text.contains(" style="), "{path}");
        assert!(!r.text.contains("<style"), "{path}");
        // The language switcher is on every page.
        assert!(r.text.contains("action=\"/ui/language\""), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_come_from_the_binary_and_are_cached_for_a_year() {
    let w = world().await;
    let r = w.get("/assets/app.css", "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
    assert!(
        r.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    assert!(
        r.text.contains("margin-inline"),
        "logical properties for RTL"
    );
    let etag = r.headers[header::ETAG].to_str().unwrap().to_owned();
    let again = w
        .send(
            Request::get("/assets/app.css")
                .header(header::IF_NONE_MATCH, etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(
        w.get("/assets/../Cargo.toml", "").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.get("/assets/nope.js", "").await.status,
        StatusCode::NOT_FOUND
    );
}

/// The `href` or `action` that follows `marker` in a page.
fn attr_after<'a>(text: &'a str, marker: &str, attr: &str) -> &'a str {
    text.split(marker)
        .nth(1)
        .and_then(|s| s.split(&format!("{attr}=\"")).nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_adds_disables_enables_and_resets_a_user_in_the_browser() {
    let w = world().await;
    let admin = w.sign_in("admin").await;
    // Only administrators have the page.
    let caseworker = w.sign_in("caseworker").await;
    assert_eq!(
        w.get("/admin/users", &caseworker).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(!w.get("/", &caseworker).await.text.contains("/admin/users"));

    let page = w.get("/admin/users", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        w.get("/", &admin)
            .await
            .text
            .contains("href=\"/admin/users\"")
    );
    let org_b = attr_after(&page.text, ">Party A</option>", "value");
    assert!(!org_b.is_empty(), "the organisations are offered");

    // Add a party officer to party B.
    let form = format!(
        "login=officer.b2&org_id={org_b}&role=party_officer&password=a%20long%20enough%20password"
    );
    let r = w.post("/admin/users", &admin, ORIGIN, &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(r.location(), "/admin/users?done=added");
    let page = w.get(r.location(), &admin).await;
    assert!(page.text.contains("The user was added."), "{}", page.text);
    assert!(page.text.contains("officer.b2"));
    // A role the organisation cannot have, a taken login, a short password:
    // each refused with its own sentence, nothing added.
    for (form, says) in [
        (
            format!("login=x2&org_id={org_b}&role=escort&password=a%20long%20enough%20password"),
            "This role is not available in that organisation.",
        ),
        (
            format!(
                "login=officer.b2&org_id={org_b}&role=party_officer&password=a%20long%20enough%20password"
            ),
            "This login is taken",
        ),
        (
            format!("login=x3&org_id={org_b}&role=party_officer&password=short"),
            "at least 10 characters",
        ),
    ] {
        let r = w.post("/admin/users", &admin, ORIGIN, &form).await;
        assert!(r.status.is_client_error(), "{form}: {}", r.status);
        assert!(r.text.contains(says), "{form}: {}", r.text);
    }

    // The new officer signs in; disabling ends that session at once.
    let r = w
        .post(
            "/sign-in",
            "",
            ORIGIN,
            "login=officer.b2&password=a+long+enough+password&next=%2F",
        )
        .await;
    let officer = r.cookie("hw_session").expect("signed in");
    assert_eq!(w.get("/children", &officer).await.status, StatusCode::OK);
    let page = w.get("/admin/users", &admin).await;
    let disable = attr_after(&page.text, "officer.b2", "action");
    assert!(disable.ends_with("/disable"), "{disable}");
    let r = w.post(disable, &admin, ORIGIN, "").await;
    assert_eq!(r.location(), "/admin/users?done=disabled", "{}", r.text);
    let r = w.get("/children", &officer).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "sent to sign in");
    assert!(r.location().starts_with("/sign-in"));

    // Enabled again, with a new password set by the administrator.
    let enable = disable.replace("/disable", "/enable");
    let r = w.post(&enable, &admin, ORIGIN, "").await;
    assert_eq!(r.location(), "/admin/users?done=enabled", "{}", r.text);
    let reset = disable.replace("/disable", "/password");
    let r = w
        .post(&reset, &admin, ORIGIN, "password=another+long+password")
        .await;
    assert_eq!(r.location(), "/admin/users?done=password", "{}", r.text);
    let r = w
        .post(
            "/sign-in",
            "",
            ORIGIN,
            "login=officer.b2&password=another+long+password&next=%2F",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let officer = r.cookie("hw_session").expect("signed in");

    // A new role, if it fits the organisation, applies from the next page.
    let role = disable.replace("/disable", "/role");
    let r = w.post(&role, &admin, ORIGIN, "role=coordinator").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("does not fit"), "{}", r.text);
    let r = w.post(&role, &admin, ORIGIN, "role=party_officer").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = w.post(&role, &admin, ORIGIN, "role=auditor").await;
    assert_eq!(r.location(), "/admin/users?done=role", "{}", r.text);
    assert_eq!(
        w.get("/children", &officer).await.status,
        StatusCode::FORBIDDEN,
        "an auditor sees no children"
    );
    let r = w
        .post(&role, &caseworker, ORIGIN, "role=party_officer")
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // An administrator is not offered to disable themselves, and a forged
    // form is refused with a sentence.
    let page = w.get("/admin/users", &admin).await;
    let own_row = page
        .text
        .split("<bdi dir=\"ltr\">admin</bdi>")
        .nth(1)
        .unwrap();
    let own_row = own_row.split("</tr>").next().unwrap();
    assert!(!own_row.contains("/disable"), "{own_row}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_changes_their_password_and_stays_signed_in_here_only() {
    let w = world().await;
    let here = w.sign_in("caseworker").await;
    let elsewhere = w.sign_in("caseworker").await;
    let page = w.get("/account/password", &here).await;
    assert_eq!(page.status, StatusCode::OK);

    let r = w
        .post(
            "/account/password",
            &here,
            ORIGIN,
            "current_password=wrong+password&new_password=a+new+long+password&repeat_password=a+new+long+password",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.text.contains("The current password is not right"));
    let r = w
        .post(
            "/account/password",
            &here,
            ORIGIN,
            "current_password=homeward-demo&new_password=a+new+long+password&repeat_password=another+one+entirely",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("The two new passwords differ"));

    let r = w
        .post(
            "/account/password",
            &here,
            ORIGIN,
            "current_password=homeward-demo&new_password=a+new+long+password&repeat_password=a+new+long+password",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let renewed = r
        .cookie("hw_session")
        .expect("a new session for this browser");
    let done = w.get(r.location(), &renewed).await;
    assert!(
        done.text.contains("Your password was changed"),
        "{}",
        done.text
    );
    assert_eq!(w.get("/children", &renewed).await.status, StatusCode::OK);
    for old in [&here, &elsewhere] {
        assert_eq!(w.get("/children", old).await.status, StatusCode::SEE_OTHER);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_erases_a_child_and_a_tracing_request_in_the_browser() {
    let w = world().await;
    let caseworker = w.sign_in("caseworker").await;
    let page = w.get(&format!("/children/{}", w.olena), &caseworker).await;
    assert!(
        !page.text.contains("/erasure"),
        "only coordinators are offered erasure"
    );

    let coordinator = w.sign_in("coordinator").await;
    let path = format!("/children/{}", w.olena);
    let page = w.get(&path, &coordinator).await;
    let action = format!("{path}/erasure");
    assert!(page.text.contains(&action));
    // Without the box ticked nothing is erased.
    let r = w
        .post(&action, &coordinator, ORIGIN, "reason=family_request")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(w.get(&path, &coordinator).await.text.contains("Коваль"));
    let r = w
        .post(
            &action,
            &coordinator,
            ORIGIN,
            "reason=family_request&confirm=yes",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let page = w.get(r.location(), &coordinator).await;
    assert!(page.text.contains("The personal data was erased."));
    assert!(!page.text.contains("Коваль"), "{}", page.text);
    assert!(!page.text.contains(&action), "erasure is not offered twice");
    let r = w
        .post(
            &action,
            &coordinator,
            ORIGIN,
            "reason=family_request&confirm=yes",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // A tracing request, from its list.
    let store = &w.state.store;
    let cast_a = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.login == "party-a")
        .unwrap();
    let party_a = Actor {
        user: cast_a.id,
        org: cast_a.org_id.clone(),
        org_kind: OrgKind::Party,
        role: Role::PartyOfficer,
    };
    let request = TracingRequestId(Store::new_id());
    store
        .execute(
            &party_a,
            Command::FileTracingRequest {
                request_id: request.clone(),
                org_id: cast_a.org_id,
                details: TracingDetails {
                    requester: PersonName {
                        given_name: "Ганна".into(),
                        family_name: "Мельник".into(),
                        ..PersonName::default()
                    },
                    requester_relationship: Some(Relationship::Grandparent),
                    child: child_details("Іван", "Мельник", "uk", Sex::M, 2015),
                    last_seen: "Ізюм, 2022".into(),
                },
            },
        )
        .await
        .unwrap();
    let list = w.get("/tracing-requests", &coordinator).await;
    let action = format!("/tracing-requests/{}/erasure", request.0);
    assert!(list.text.contains(&action), "{}", list.text);
    let r = w
        .post(
            &action,
            &coordinator,
            ORIGIN,
            "reason=court_order&confirm=yes",
        )
        .await;
    assert_eq!(r.location(), "/tracing-requests?erased=1", "{}", r.text);
    let list = w.get(r.location(), &coordinator).await;
    assert!(list.text.contains("The personal data was erased."));
    assert!(!list.text.contains("Ганна") && !list.text.contains("Ізюм"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_registers_an_organisation_and_a_partys_witness_key() {
    let w = world().await;
    let admin = w.sign_in("admin").await;
    let coordinator = w.sign_in("coordinator").await;
    assert_eq!(
        w.get("/admin/organisations", &coordinator).await.status,
        StatusCode::FORBIDDEN
    );
    let r = w
        .post(
            "/admin/organisations",
            &admin,
            ORIGIN,
            "name=Transit+state+3&kind=transit&side=",
        )
        .await;
    assert_eq!(
        r.location(),
        "/admin/organisations?done=added",
        "{}",
        r.text
    );
    // A party without a side is refused with a sentence.
    let r = w
        .post(
            "/admin/organisations",
            &admin,
            ORIGIN,
            "name=Party+C&kind=party&side=",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("a party needs side A or B"), "{}", r.text);

    let page = w.get("/admin/organisations", &admin).await;
    assert!(page.text.contains("Transit state 3"));
    let action = attr_after(&page.text, ">Party A</td>", "action");
    assert!(action.ends_with("/witness-key"), "{action}");
    let transit_row = page.text.split(">Transit state 3</td>").nth(1).unwrap();
    let transit_row = transit_row.split("</tr>").next().unwrap();
    assert!(!transit_row.contains("<form"), "only a party has a witness");

    let key = "party-a.example/witness+603ec2b2+BOuxtwLyQ7NyWaE6DUXaGsc5P6byMW9JhAziCXAiy7VS";
    let r = w
        .post(action, &admin, ORIGIN, "verifier_key=not+a+key")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("This is not a witness key"), "{}", r.text);
    let r = w
        .post(
            action,
            &admin,
            ORIGIN,
            &format!(
                "verifier_key={}",
                key.replace('+', "%2B").replace('/', "%2F")
            ),
        )
        .await;
    assert_eq!(
        r.location(),
        "/admin/organisations?done=witness",
        "{}",
        r.text
    );
    let page = w.get(r.location(), &admin).await;
    assert!(page.text.contains(key), "{}", page.text);
    let keys = w.state.store.witness_keys().await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].org_name, "Party A");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registry_page_downloads_its_search_as_a_spreadsheet() {
    let w = world().await;
    let caseworker = w.sign_in("caseworker").await;
    let page = w.get("/children?q=Shevchuk", &caseworker).await;
    let href = attr_after(&page.text, "class=\"downloads\"", "href").replace("&#38;", "&");
    assert_eq!(href, "/children/export?format=csv&q=Shevchuk");
    let r = w.get(&href, &caseworker).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let rows: Vec<&str> = r.text.lines().collect();
    assert_eq!(rows.len(), 2, "the header and Solomiia: {rows:?}");
    assert!(rows[1].contains("Шевчук") && rows[1].contains("Shevchuk"));
    let transit = w.sign_in("transit-1").await;
    assert_eq!(
        w.get("/children/export?format=csv", &transit).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_address_gets_a_page_in_the_readers_language_or_a_problem() {
    let w = world().await;
    let r = w.get("/no/such/page", "").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.text.contains("<html lang=\"en\""),
        "a styled page: {}",
        r.text
    );
    let uk = w
        .send(
            axum::http::Request::get("/no/such/page")
                .header(axum::http::header::HOST, HOST)
                .header(axum::http::header::ACCEPT_LANGUAGE, "uk")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(uk.status, StatusCode::NOT_FOUND);
    assert!(uk.text.contains("<html lang=\"uk\""), "{}", uk.text);
    let api = w.get("/api/v1/no-such-thing", "").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(
        api.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json"),
        "{:?}",
        api.headers
    );
}
