//! Keeping a child's record in the web UI, through the whole application
//! router on a real store: registering a child (mediator staff for a party
//! they choose, a party officer on its own list), a refused form shown
//! again as typed, editing the record, adding a relative and recording
//! custody from the child's page, and who may do each.

use crate::ui_support::*;
use axum::http::StatusCode;
use homeward_domain::*;

/// A form body, every value percent-encoded as a browser sends it.
fn form(fields: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    out.push(b as char)
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The name rows of a form: (given, family, lang, kind), then one blank row.
fn names(rows: &[(&str, &str, &str, &str)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, (given, family, lang, kind)) in rows
        .iter()
        .chain([("", "", "uk", "other")].iter())
        .enumerate()
    {
        out.push((format!("name_given_{i}"), (*given).to_owned()));
        out.push((format!("name_patronymic_{i}"), String::new()));
        out.push((format!("name_family_{i}"), (*family).to_owned()));
        out.push((format!("name_lang_{i}"), (*lang).to_owned()));
        out.push((format!("name_kind_{i}"), (*kind).to_owned()));
    }
    out
}

fn body(names: &[(String, String)], rest: &[(&str, &str)]) -> String {
    let mut all: Vec<(&str, &str)> = names
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    all.extend_from_slice(rest);
    form(&all)
}

async fn org_of(w: &World, child: &str) -> String {
    w.state
        .store
        .child_summary(&ChildId::from(child))
        .await
        .unwrap()
        .unwrap()
        .org_id
        .0
}

fn plain(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}

/// The alert of a refused form: the summary of what is wrong.
fn problems(text: &str) -> String {
    text.split("id=\"child-form-problems\"")
        .nth(1)
        .and_then(|s| s.split("</div>").next())
        .map(plain)
        .unwrap_or_default()
}

/// Every child's name in the registry, as the coordinator's list shows them.
async fn registry(w: &World) -> String {
    let session = w.sign_in("coordinator").await;
    let r = w.get("/children", &session).await;
    assert_eq!(r.status, StatusCode::OK);
    results(&r.text).to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caseworker_registers_a_child_in_two_scripts_with_a_document_and_a_circumstance() {
    let w = world().await;
    let party_a = org_of(&w, &w.olena).await;
    let party_b = org_of(&w, &w.alexander).await;
    let session = w.sign_in("caseworker").await;

    let r = w.get("/children", &session).await;
    assert!(
        r.text.contains("href=\"/children/new\""),
        "the list offers registration"
    );
    let r = w.get("/children/new", &session).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // Mediator staff choose among the parties, and only the parties.
    assert!(r.text.contains("name=\"org_id\""));
    assert!(r.text.contains(&format!("value=\"{party_a}\"")));
    assert!(r.text.contains(&format!("value=\"{party_b}\"")));
    // Three blank spellings, two blank documents, every circumstance.
    assert!(r.text.contains("name=\"name_given_2\""));
    assert!(!r.text.contains("name=\"name_given_3\""));
    assert!(r.text.contains("name=\"doc_number_1\""));
    for kind in ["parent_detained", "medical_needs", "lost_contact", "other"] {
        assert!(r.text.contains(&format!("name=\"circ_{kind}\"")), "{kind}");
    }

    let rows = names(&[
        ("Андрій", "Мельник", "uk", "recorded"),
        ("Andrii", "Melnyk", "uk-Latn", "document"),
    ]);
    let sent = body(
        &rows,
        &[
            ("org_id", &party_b),
            ("list_name", ""),
            ("sex", "M"),
            ("birth_date", "2015-06"),
            ("birth_age", ""),
            ("birth_age_on", ""),
            ("birth_place", "Харків"),
            ("birth_place_lang", "uk"),
            ("doc_kind_0", "passport"),
            ("doc_number_0", "FX 123456"),
            ("doc_issued_by_0", "Ukraine"),
            ("doc_kind_1", "birth_certificate"),
            ("doc_number_1", ""),
            ("doc_issued_by_1", ""),
            ("circ_parent_detained", "yes"),
            ("circ_note_parent_detained", "Father held since 2023"),
            ("circ_note_medical_needs", ""),
        ],
    );
    let r = w.post("/children/new", &session, ORIGIN, &sent).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let id = r
        .location()
        .strip_prefix("/children/")
        .expect("to the child's page")
        .to_owned();

    let stored = w
        .state
        .store
        .child_summary(&ChildId::from(id.as_str()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.org_id.0, party_b, "on the party chosen");
    assert_eq!(stored.list_name, "Registered in the web UI");
    let d = stored.details.unwrap();
    assert_eq!(d.names.len(), 2, "the blank row is left out");
    assert_eq!(
        (d.names[1].lang.as_str(), d.names[1].kind),
        ("uk-Latn", NameKind::Document)
    );
    assert_eq!(
        d.birth_date,
        Some(BirthDate::Month {
            year: 2015,
            month: 6
        })
    );
    assert_eq!(d.documents.len(), 1);
    assert_eq!(d.circumstances.len(), 1);

    let r = w.get(r.location(), &session).await;
    assert_eq!(r.status, StatusCode::OK);
    for shown in [
        "Андрій Мельник",
        "Andrii Melnyk",
        "In a document",
        "2015-06",
        "Харків",
        "FX 123456",
        "Parent detained",
        "Father held since 2023",
        "Registered in the web UI",
    ] {
        assert!(r.text.contains(shown), "the page lacks {shown}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_party_officer_registers_on_its_own_list_and_cannot_choose_another() {
    let w = world().await;
    let party_a = org_of(&w, &w.olena).await;
    let party_b = org_of(&w, &w.alexander).await;
    let session = w.sign_in("party-a").await;
    let r = w.get("/children/new", &session).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.text.contains("name=\"org_id\""), "no choice of party");

    let rows = names(&[("Тарас", "Бондар", "uk", "recorded")]);
    let r = w
        .post(
            "/children/new",
            &session,
            ORIGIN,
            &body(&rows, &[("sex", "M"), ("birth_date", "2016")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let id = r.location().strip_prefix("/children/").unwrap().to_owned();
    assert_eq!(org_of(&w, &id).await, party_a);

    // Naming the other party's list in a crafted form is refused.
    let rows = names(&[("Остап", "Бондар", "uk", "recorded")]);
    let r = w
        .post(
            "/children/new",
            &session,
            ORIGIN,
            &body(&rows, &[("org_id", &party_b)]),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.text.contains("Your role does not give access"),
        "a styled page"
    );
    let listed = registry(&w).await;
    assert!(listed.contains("Тарас"), "the first was registered");
    assert!(!listed.contains("Остап"), "the second was not");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_without_the_registry_are_refused_the_forms() {
    let w = world().await;
    let party_a = org_of(&w, &w.olena).await;
    let rows = names(&[("Марко", "Лисенко", "uk", "recorded")]);
    let sent = body(&rows, &[("org_id", &party_a)]);
    for login in ["escort", "transit-1", "auditor", "admin"] {
        let session = w.sign_in(login).await;
        let r = w.get("/children/new", &session).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
        assert!(
            r.text.contains("class=\"card narrow\""),
            "{login}: a styled page"
        );
        assert!(r.text.contains("Your role does not give access"), "{login}");
        let r = w.post("/children/new", &session, ORIGIN, &sent).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
        let r = w.get("/", &session).await;
        assert!(
            !r.text.contains("/children/new"),
            "{login} is offered no link"
        );
        // Another's record: as if it did not exist.
        let r = w
            .get(&format!("/children/{}/edit", w.olena), &session)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{login}");
        let r = w
            .post(
                &format!("/children/{}/custody", w.olena),
                &session,
                ORIGIN,
                "kind=hospital&since=2024&place_name=X",
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{login}");
    }
    assert!(!registry(&w).await.contains("Марко"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_date_that_does_not_exist_shows_the_form_again_as_typed_and_registers_nothing() {
    let w = world().await;
    let party_a = org_of(&w, &w.olena).await;
    let session = w.sign_in("caseworker").await;
    let rows = names(&[
        ("Богдана", "Ткач", "uk", "recorded"),
        ("Bohdana", "Tkach", "uk-Latn", "other"),
    ]);
    let sent = body(
        &rows,
        &[
            ("org_id", &party_a),
            ("sex", "F"),
            ("birth_date", "2014-02-30"),
            ("circ_lost_contact", "yes"),
            ("circ_note_lost_contact", "Hospital since 2022"),
        ],
    );
    let r = w.post("/children/new", &session, ORIGIN, &sent).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    // What was typed is kept, with the party chosen and the box ticked.
    for kept in [
        "value=\"Богдана\"",
        "value=\"Ткач\"",
        "value=\"Bohdana\"",
        "value=\"2014-02-30\"",
        "value=\"Hospital since 2022\"",
    ] {
        assert!(r.text.contains(kept), "the form lost {kept}");
    }
    assert!(r.text.contains(&format!("value=\"{party_a}\" selected")));
    assert!(
        r.text
            .contains("name=\"circ_lost_contact\" type=\"checkbox\" value=\"yes\" checked")
    );
    // The message names the field, and not what was typed.
    let said = problems(&r.text);
    assert!(said.contains("Date of birth"), "{said}");
    assert!(said.contains("href=\"#birth_date\""), "{said}");
    assert!(!said.contains("2014-02-30"), "{said}");
    assert!(r.text.contains("id=\"birth_date\" name=\"birth_date\""));
    assert!(
        r.text
            .contains("aria-invalid=\"true\" aria-describedby=\"birth-error\"")
    );

    // In the reader's language.
    let r = w
        .post(
            "/children/new",
            &format!("{session}; hw_lang=uk"),
            ORIGIN,
            &sent,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problems(&r.text).contains("Дата народження"),
        "{}",
        problems(&r.text)
    );

    // No name at all, and a party that is not one.
    let r = w
        .post(
            "/children/new",
            &session,
            ORIGIN,
            &body(&names(&[]), &[("org_id", "no-such-party")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let said = problems(&r.text);
    assert!(said.contains("Party: choose one"), "{said}");
    assert!(said.contains("at least one name"), "{said}");

    let listed = registry(&w).await;
    assert!(!listed.contains("Богдана") && !listed.contains("Ткач"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_changes_the_record_and_keeps_the_rest() {
    let w = world().await;
    let edit = format!("/children/{}/edit", w.olena);
    // Party B sees Solomiia through her case but may not change her record.
    let party_b = w.sign_in("party-b").await;
    let r = w
        .get(&format!("/children/{}/edit", w.solomiia), &party_b)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = w.get(&format!("/children/{}", w.solomiia), &party_b).await;
    assert!(!r.text.contains("id=\"edit-record\""));
    assert!(!r.text.contains("id=\"family-form\""));
    assert!(!r.text.contains("id=\"custody-form\""));
    assert_eq!(w.get(&edit, &party_b).await.status, StatusCode::NOT_FOUND);

    let session = w.sign_in("party-a").await;
    let r = w.get(&format!("/children/{}", w.olena), &session).await;
    assert!(
        r.text.contains(&format!("href=\"{edit}\"")),
        "the page links to the form"
    );
    let r = w.get(&edit, &session).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("value=\"Олена\"") && r.text.contains("value=\"Коваль\""));
    assert!(r.text.contains("value=\"2012\""), "the birth year");
    assert!(r.text.contains("<option value=\"F\" selected>"));

    let rows = names(&[
        ("Олена", "Коваль", "uk", "recorded"),
        ("Olena", "Koval", "uk-Latn", "document"),
    ]);
    let sent = body(&rows, &[("sex", "F"), ("birth_date", "03.05.2012")]);
    let r = w.post(&edit, &session, ORIGIN, &sent).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(r.location(), format!("/children/{}", w.olena));
    let d = w
        .state
        .store
        .child_summary(&ChildId::from(w.olena.as_str()))
        .await
        .unwrap()
        .unwrap()
        .details
        .unwrap();
    assert_eq!(
        d.birth_date,
        Some(BirthDate::Day {
            year: 2012,
            month: 5,
            day: 3
        })
    );
    assert_eq!(d.names.len(), 2);
    assert_eq!(d.sex, Some(Sex::F));
    let r = w.get(r.location(), &session).await;
    assert!(r.text.contains("2012-05-03"));
    assert!(r.text.contains("Olena Koval"));

    // A refused edit changes nothing.
    let sent = body(
        &rows,
        &[("sex", "F"), ("birth_date", "2012"), ("birth_age", "9")],
    );
    let r = w.post(&edit, &session, ORIGIN, &sent).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problems(&r.text).contains("not both"));
    let r = w.get(&format!("/children/{}", w.olena), &session).await;
    assert!(r.text.contains("2012-05-03"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relative_and_custody_at_the_embassy_are_added_from_the_childs_page() {
    let w = world().await;
    let page = format!("/children/{}", w.olena);
    let session = w.sign_in("caseworker").await;
    let r = w.get(&page, &session).await;
    assert!(r.text.contains("id=\"family-form\""));
    assert!(r.text.contains("id=\"custody-form\""));
    assert!(
        r.text.contains("<option value=\"embassy\""),
        "the mediator's own embassy"
    );

    let r = w
        .post(
            &format!("{page}/family-members"),
            &session,
            ORIGIN,
            &form(&[
                ("relationship", "mother"),
                ("given_name", "Ірина"),
                ("patronymic", "Петрівна"),
                ("family_name", "Коваль"),
                ("lang", "uk"),
                ("status", "In detention since 2023"),
                ("contact", "via the Red Cross office in Lviv"),
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(r.location(), page);
    let r = w
        .post(
            &format!("{page}/custody"),
            &session,
            ORIGIN,
            &form(&[
                ("kind", "embassy"),
                ("since", "2024-03-01"),
                ("place_name", "Embassy in Vienna"),
                ("address", "Prinz-Eugen-Strasse 8"),
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(r.location(), page);

    let r = w.get(&page, &session).await;
    let family = r.text.split("id=\"family\"").nth(1).unwrap();
    for shown in ["Ірина Петрівна Коваль", "Mother", "In detention since 2023"] {
        assert!(family.contains(shown), "the family lacks {shown}");
    }
    let custody = r.text.split("id=\"custody\"").nth(1).unwrap();
    for shown in [
        "2024-03-01",
        "Embassy",
        "Embassy in Vienna",
        "Prinz-Eugen-Strasse 8",
    ] {
        assert!(custody.contains(shown), "custody lacks {shown}");
    }
    let members = w
        .state
        .store
        .family_members(&ChildId::from(w.olena.as_str()))
        .await
        .unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].relationship, Relationship::Mother);
    assert_eq!(
        members[0].details.as_ref().unwrap().contact,
        "via the Red Cross office in Lviv"
    );

    // A relative without a name: the page again, the form as typed, 422.
    let r = w
        .post(
            &format!("{page}/family-members"),
            &session,
            ORIGIN,
            &form(&[
                ("relationship", "father"),
                ("given_name", " "),
                ("lang", "uk"),
                ("status", "Missing since 2022"),
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let said = r.text.split("id=\"family-form-problems\"").nth(1).unwrap();
    assert!(
        said.contains("write a given name or a family name"),
        "{said}"
    );
    assert!(r.text.contains("value=\"Missing since 2022\""));
    assert!(r.text.contains("<option value=\"father\" selected>"));
    // A custody start that is not a date.
    let r = w
        .post(
            &format!("{page}/custody"),
            &session,
            ORIGIN,
            "kind=hospital&since=2024-13&place_name=City+hospital",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let said = r.text.split("id=\"custody-form-problems\"").nth(1).unwrap();
    assert!(said.contains("Since: write a date that exists"), "{said}");
    assert!(r.text.contains("value=\"City hospital\""));
    assert_eq!(
        w.state
            .store
            .family_members(&ChildId::from(w.olena.as_str()))
            .await
            .unwrap()
            .len(),
        1
    );

    // The submitting party records custody, but not at the mediator's embassy.
    let party_a = w.sign_in("party-a").await;
    let r = w.get(&page, &party_a).await;
    assert!(r.text.contains("id=\"custody-form\""));
    assert!(!r.text.contains("<option value=\"embassy\""));
    let r = w
        .post(
            &format!("{page}/custody"),
            &party_a,
            ORIGIN,
            "kind=embassy&since=2024-04&place_name=Embassy",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = w
        .post(
            &format!("{page}/custody"),
            &party_a,
            ORIGIN,
            "kind=foster_family&since=2024-04&place_name=A+family+in+Lviv",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_from_another_site_is_refused_and_changes_nothing() {
    let w = world().await;
    let party_a = org_of(&w, &w.olena).await;
    let session = w.sign_in("coordinator").await;
    let rows = names(&[("Ярема", "Гнатюк", "uk", "recorded")]);
    let sent = body(&rows, &[("org_id", &party_a)]);
    let page = format!("/children/{}", w.olena);
    for (path, sent) in [
        ("/children/new".to_owned(), sent.clone()),
        (format!("{page}/edit"), body(&rows, &[])),
        (
            format!("{page}/family-members"),
            "relationship=mother&given_name=Ярема&lang=uk".to_owned(),
        ),
        (
            format!("{page}/custody"),
            "kind=hospital&since=2024&place_name=X".to_owned(),
        ),
    ] {
        for origin in ["https://elsewhere.example", ""] {
            let r = w.post(&path, &session, origin, &sent).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path} from '{origin}'");
        }
    }
    assert!(!registry(&w).await.contains("Ярема"));
    let r = w.get(&page, &session).await;
    assert!(
        r.text.contains("Олена"),
        "the edit did not replace the name"
    );
    assert!(!r.text.contains("Ярема"));
    assert!(r.text.contains("No custody has been recorded."));
}

/// Every message the forms show exists in every language: none is shown
/// as its id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forms_speak_all_four_languages() {
    let w = world().await;
    let session = w.sign_in("caseworker").await;
    let page = format!("/children/{}", w.olena);
    let bad = body(
        &names(&[("", "", "xx_YY", "recorded"), ("A", "B", "uk", "nickname")]),
        &[
            ("birth_age", "40"),
            ("doc_kind_0", "passport"),
            ("doc_issued_by_0", "UA"),
            ("sex", "X"),
        ],
    );
    for lang in ["en", "uk", "ru", "ar"] {
        let cookie = format!("{session}; hw_lang={lang}");
        let mut texts = Vec::new();
        for path in ["/children", "/children/new", &format!("{page}/edit"), &page] {
            let r = w.get(path, &cookie).await;
            assert_eq!(r.status, StatusCode::OK, "{lang} {path}");
            texts.push(r.text);
        }
        let r = w.post("/children/new", &cookie, ORIGIN, &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            problems(&r.text).matches("<li>").count() >= 4,
            "{lang}: {}",
            problems(&r.text)
        );
        texts.push(r.text);
        for (path, sent) in [
            ("family-members", "relationship=x&lang=&status="),
            ("custody", "kind=x&since=x&place_name="),
        ] {
            let r = w
                .post(&format!("{page}/{path}"), &cookie, ORIGIN, sent)
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang} {path}");
            texts.push(r.text);
        }
        for text in texts {
            assert!(text.contains(&format!("<html lang=\"{lang}\"")));
            if let Some(at) = text.find("record-") {
                let id: String = text[at..].chars().take(60).collect();
                panic!("{lang}: a message shown as its id: {id}");
            }
        }
    }
}
