//! Casework in the web UI, through the whole application router: a case
//! opened on a child, taken by the forms on its page through evidence,
//! consent, the best-interests assessment and the child's views to the
//! parties, an objection and its dispute resolved, and both parties'
//! approvals approving it — with the refusals along the way.

use crate::ui_support::*;
use axum::http::StatusCode;

/// The value of the option marked `selected` in the select named `name`.
fn selected(text: &str, name: &str) -> String {
    let select = text
        .split(&format!("name=\"{name}\""))
        .nth(1)
        .and_then(|s| s.split("</select>").next())
        .unwrap_or_else(|| panic!("no select named {name}"));
    select
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.split('>').next().unwrap_or("").contains("selected"))
        .and_then(|o| o.split('"').next())
        .unwrap_or_else(|| panic!("nothing selected in {name}"))
        .to_owned()
}

/// The first option's value in the select named `name`.
fn first_option(text: &str, name: &str) -> String {
    text.split(&format!("name=\"{name}\""))
        .nth(1)
        .and_then(|s| s.split("<option value=\"").nth(1))
        .and_then(|o| o.split('"').next())
        .unwrap_or_else(|| panic!("no option in {name}"))
        .to_owned()
}

/// The value of the option in the first select named `name` whose label
/// contains `label`.
fn option_for(text: &str, name: &str, label: &str) -> String {
    text.split(&format!("name=\"{name}\""))
        .nth(1)
        .and_then(|s| s.split("</select>").next())
        .and_then(|s| {
            s.split("<option value=\"")
                .skip(1)
                .find(|o| o.contains(label))
        })
        .and_then(|o| o.split('"').next())
        .unwrap_or_else(|| panic!("no option for {label} in {name}"))
        .to_owned()
}

/// The `data-need` items of the case's checklist still missing.
fn missing(text: &str) -> Vec<String> {
    text.split("class=\"need missing\" data-need=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_owned())
        .collect()
}

fn state_of(text: &str) -> String {
    text.split("data-state=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
        .to_owned()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

struct Case<'a> {
    w: &'a World,
    child: String,
    case: String,
}

impl Case<'_> {
    fn page(&self) -> String {
        format!("/children/{}", self.child)
    }

    async fn form(&self, cookie: &str, what: &str, body: &str) -> Reply {
        self.w
            .post(
                &format!("/children/{}/cases/{}/{what}", self.child, self.case),
                cookie,
                ORIGIN,
                body,
            )
            .await
    }

    /// Posts a form that must succeed, and returns the page it leads to.
    async fn record(&self, cookie: &str, what: &str, body: &str) -> Reply {
        let r = self.form(cookie, what, body).await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "{what}: {}",
            alert(&r.text)
        );
        assert!(
            r.location().contains(&format!("#case-{}", self.case)),
            "{}",
            r.location()
        );
        self.w.get(r.location(), cookie).await
    }

    async fn step(&self, cookie: &str, action: &str, reason: &str) -> Reply {
        let mut body = format!("action={action}");
        if !reason.is_empty() {
            body.push_str(&format!("&reason={}", enc(reason)));
        }
        let r = self.form(cookie, "steps", &body).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.text);
        self.w.get(r.location(), cookie).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_goes_from_opening_to_approval_by_the_forms_on_its_page() {
    let w = world().await;
    let coordinator = w.sign_in("coordinator").await;
    let caseworker = w.sign_in("caseworker").await;
    let party_a = w.sign_in("party-a").await;
    let party_b = w.sign_in("party-b").await;

    // The coordinator opens a case on a child that has none; the form
    // proposes the reporting party and one of the other side.
    let page = w.get(&format!("/children/{}", w.olena), &coordinator).await;
    assert!(page.text.contains("id=\"form-open-case\""));
    let (a, b) = (
        selected(&page.text, "party_a"),
        selected(&page.text, "party_b"),
    );
    assert_ne!(a, b);
    // A caseworker is not offered the form, and may not open a case.
    let page = w.get(&format!("/children/{}", w.olena), &caseworker).await;
    assert!(!page.text.contains("id=\"form-open-case\""));
    let body = format!("party_a={a}&party_b={b}");
    let r = w
        .post(
            &format!("/children/{}/cases", w.olena),
            &caseworker,
            ORIGIN,
            &body,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Two parties of one side are refused, saying why.
    let r = w
        .post(
            &format!("/children/{}/cases", w.olena),
            &coordinator,
            ORIGIN,
            &format!("party_a={a}&party_b={a}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = w
        .post(
            &format!("/children/{}/cases", w.olena),
            &coordinator,
            ORIGIN,
            &body,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", alert(&r.text));
    let case_id = r
        .location()
        .split("#case-")
        .nth(1)
        .expect("the case's anchor")
        .to_owned();
    let case = Case {
        w: &w,
        child: w.olena.clone(),
        case: case_id,
    };

    // Identified: verifying needs identity evidence, so it is not offered.
    let page = w.get(&case.page(), &caseworker).await;
    assert_eq!(state_of(&page.text), "identified");
    assert_eq!(missing(&page.text), ["need-identity"]);
    assert!(!page.steps().contains(&"verify".to_owned()));
    // A party officer may not add evidence.
    let r = case
        .form(
            &party_a,
            "evidence",
            "kind=identity&method=document_seen&description=x",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // An empty description is refused with the field named; nothing is added.
    let r = case
        .form(
            &caseworker,
            "evidence",
            "kind=identity&method=document_seen&description=+",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("Describe the evidence"), "{}", r.text);
    let page = case
        .record(
            &caseworker,
            "evidence",
            &format!(
                "kind=identity&method=document_seen&description={}",
                enc("Birth certificate seen at the embassy")
            ),
        )
        .await;
    assert!(page.text.contains("The evidence is recorded."));
    assert!(page.text.contains("Birth certificate seen at the embassy"));
    assert!(page.text.contains("Document seen"));
    assert!(missing(&page.text).is_empty());
    let page = case.step(&caseworker, "verify", "").await;
    assert_eq!(state_of(&page.text), "verified");

    // Verified: the family is located once a parent is on record.
    assert_eq!(missing(&page.text), ["need-family"]);
    let r = w
        .post(
            &format!("/children/{}/family-members", w.olena),
            &caseworker,
            ORIGIN,
            &format!(
                "relationship=mother&given_name={}&family_name={}&patronymic=&lang=uk&status={}&contact=",
                enc("Ірина"),
                enc("Коваль"),
                enc("alive, detained")
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    // The aunt, whom a court made guardian while the mother is detained.
    let r = w
        .post(
            &format!("/children/{}/family-members", w.olena),
            &caseworker,
            ORIGIN,
            &format!(
                "relationship=aunt_or_uncle&given_name={}&family_name={}&patronymic=&lang=uk&status=&contact=",
                enc("Оксана"),
                enc("Коваль"),
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let page = case.step(&caseworker, "locate_family", "").await;
    assert_eq!(state_of(&page.text), "family_located");

    // Consent from the mother, obtained in detention: through the
    // detaining authority, which needs its witness.
    assert_eq!(missing(&page.text), ["need-consent"]);
    let mother = first_option(&page.text, "member_id");
    let aunt = option_for(&page.text, "member_id", "Оксана");
    assert!(page.text.contains("Ірина Коваль (Mother)"), "{}", page.text);
    let detained = |witness: &str| {
        format!(
            "member_id={mother}&basis=parental_responsibility&how=through_detaining_authority&witness={}&court_order=&note={}",
            enc(witness),
            enc("Agrees to the return to her sister")
        )
    };
    let r = case.form(&caseworker, "consent", &detained("")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&r.text).contains("needs its witness"), "{}", r.text);
    let page = case
        .record(
            &caseworker,
            "consent",
            &detained("The embassy's consul, during a visit"),
        )
        .await;
    assert!(missing(&page.text).is_empty());
    assert!(page.text.contains("Through the detaining authority"));
    assert!(
        page.text.contains("consul, during a visit"),
        "{}",
        page.text
            .split("class=\"compact consents\"")
            .nth(1)
            .unwrap_or("no consents table")
    );
    // Again from the mother: already on record.
    let r = case
        .form(&caseworker, "consent", &detained("Another visit"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);

    // The aunt consents too, by the court's order, not by her own
    // parental responsibility (she has none), and not without its reference.
    let aunt_consent = |basis: &str, order: &str| {
        format!(
            "member_id={aunt}&basis={basis}&how=video_call&witness=&court_order={}&note={}",
            enc(order),
            enc("Will receive the child")
        )
    };
    let r = case
        .form(
            &caseworker,
            "consent",
            &aunt_consent("parental_responsibility", ""),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let r = case
        .form(&caseworker, "consent", &aunt_consent("court_order", " "))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(
        alert(&r.text).contains("order&#39;s reference"),
        "{}",
        r.text
    );
    let page = case
        .record(
            &caseworker,
            "consent",
            &aunt_consent("court_order", "District court 2/1187/24"),
        )
        .await;
    assert_eq!(page.text.matches("data-consent=\"").count(), 2);
    assert!(page.text.contains("data-basis=\"court_order\""));
    assert!(page.text.contains("District court 2/1187/24"));
    let page = case.step(&caseworker, "record_consent", "").await;
    assert_eq!(state_of(&page.text), "consent_recorded");

    // Before submission: the best interests and the child's own views.
    assert_eq!(
        missing(&page.text),
        ["need-best-interests", "need-child-views"]
    );
    let coordinator_page = w.get(&case.page(), &coordinator).await;
    assert!(!coordinator_page.steps().contains(&"submit".to_owned()));
    let page = case
        .record(
            &caseworker,
            "best-interests",
            "outcome=undetermined&reasons=Home+visit+pending",
        )
        .await;
    assert_eq!(
        missing(&page.text),
        ["need-best-interests", "need-child-views"],
        "an undetermined assessment does not support the return"
    );
    case.record(
        &caseworker,
        "best-interests",
        &format!(
            "outcome=return&reasons={}",
            enc("Mother able to care after release; school place found")
        ),
    )
    .await;
    // Only a coordinator records that views could not be obtained.
    let r = case
        .form(
            &caseworker,
            "child-views",
            "how=not_obtainable&age_years=12&views=asleep",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("only a coordinator"), "{}", r.text);
    let r = case
        .form(
            &caseworker,
            "child-views",
            "how=in_person&age_years=x&views=yes",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("whole number of years"));
    let page = case
        .record(
            &caseworker,
            "child-views",
            &format!(
                "how=in_person&age_years=14&views={}",
                enc("I want to go home to my mother")
            ),
        )
        .await;
    assert!(missing(&page.text).is_empty());
    assert!(page.text.contains("I want to go home to my mother"));
    // Submission is the coordinator's.
    assert!(!page.steps().contains(&"submit".to_owned()));
    let page = case.step(&coordinator, "submit", "").await;
    assert_eq!(state_of(&page.text), "submitted");
    assert!(
        !page.steps().contains(&"approve".to_owned()),
        "approval follows from the parties' decisions"
    );

    // Each party decides for itself, from the case page.
    for cookie in [&party_a, &party_b] {
        let page = w.get(&case.page(), cookie).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("name=\"decision\" value=\"approve\""));
    }
    // Mediator staff have no decision form and may not decide.
    let page = w.get(&case.page(), &coordinator).await;
    assert!(!page.text.contains("name=\"decision\""));
    let r = case
        .form(&coordinator, "decision", "decision=approve")
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let page = case
        .record(&party_a, "decision", "decision=approve&dispute=other&note=")
        .await;
    assert_eq!(state_of(&page.text), "submitted");
    assert!(page.text.contains("decision is recorded."));
    // An objection needs its reason; with one, it disputes the case.
    let r = case
        .form(
            &party_b,
            "decision",
            "decision=object&dispute=family_link&note=",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = case
        .record(
            &party_b,
            "decision",
            &format!(
                "decision=object&dispute=family_link&note={}",
                enc("The mother on record is not the mother in our register")
            ),
        )
        .await;
    assert_eq!(state_of(&page.text), "disputed");
    assert!(page.text.contains("Family link"));
    assert!(!page.text.contains("name=\"decision\""));

    // The coordinator resolves the dispute with its outcome.
    let page = w.get(&case.page(), &coordinator).await;
    assert!(page.text.contains("Resolve the dispute"));
    let page = case
        .step(
            &coordinator,
            "resume",
            "Register entry corrected after a video call with both offices",
        )
        .await;
    assert_eq!(state_of(&page.text), "submitted");
    assert_eq!(missing(&page.text), ["need-approval-b"]);

    // Party B's approval completes both: the case is approved.
    let page = case
        .record(&party_b, "decision", "decision=approve&dispute=other&note=")
        .await;
    assert_eq!(state_of(&page.text), "approved");
    let page = w.get(&case.page(), &coordinator).await;
    assert!(page.text.contains("I want to go home to my mother"));
    assert!(
        !page.text.contains("name=\"org_id\""),
        "no agency is added after approval, so none is offered"
    );
    assert_eq!(page.text.matches("data-decision=\"approve\"").count(), 2);
    assert_eq!(page.text.matches("data-decision=\"object\"").count(), 1);

    // The mother withdraws her consent: the case stops; it may go on with
    // the aunt's consent, still in force.
    let page = case
        .record(
            &caseworker,
            "consent-withdrawal",
            &format!(
                "member_id={mother}&reason={}",
                enc("She wants to wait for her release")
            ),
        )
        .await;
    assert_eq!(state_of(&page.text), "on_hold");
    assert!(page.text.contains("She wants to wait for her release"));
    assert_eq!(page.text.matches("data-withdrawn").count(), 1);
    let page = case
        .step(&coordinator, "resume", "The guardian's consent stands")
        .await;
    assert_eq!(state_of(&page.text), "approved");
    // Once the aunt withdraws too, nothing goes on without consent again.
    let page = case
        .record(
            &caseworker,
            "consent-withdrawal",
            &format!("member_id={aunt}&reason={}", enc("Moving abroad")),
        )
        .await;
    assert_eq!(state_of(&page.text), "on_hold");
    let r = case
        .form(&coordinator, "steps", "action=resume&reason=ready")
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.text.contains("no consent has been recorded"),
        "{}",
        r.text
    );
    case.record(
        &caseworker,
        "consent",
        &format!(
            "member_id={mother}&basis=parental_responsibility&how=in_person&note={}",
            enc("Consents again after release")
        ),
    )
    .await;
    let page = case
        .step(&coordinator, "resume", "Consent given again")
        .await;
    assert_eq!(state_of(&page.text), "approved");

    let verified = w.state.store.verify(None).await.unwrap();
    assert!(verified.entries > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_forms_refuse_strangers_and_other_sites() {
    let w = world().await;
    let case = Case {
        w: &w,
        child: w.solomiia.clone(),
        case: w.solomiia_case.clone(),
    };
    let caseworker = w.sign_in("caseworker").await;
    // Another site's form is refused before anything is read.
    let r = w
        .post(
            &format!("/children/{}/cases/{}/evidence", case.child, case.case),
            &caseworker,
            "http://elsewhere.test",
            "kind=identity&description=x",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A case under another child is not there.
    let r = w
        .post(
            &format!("/children/{}/cases/{}/evidence", w.olena, case.case),
            &caseworker,
            ORIGIN,
            "kind=identity&description=x",
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Roles outside the case see nothing of it.
    for login in ["escort", "transit-1", "admin", "auditor"] {
        let cookie = w.sign_in(login).await;
        let r = case
            .form(&cookie, "evidence", "kind=identity&description=x")
            .await;
        assert!(
            matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{login}: {}",
            r.status
        );
    }
    // A step whose need is missing is refused in the reader's language,
    // naming the rule.
    let in_ukrainian = format!("{caseworker}; hw_lang=uk");
    let r = case.form(&in_ukrainian, "steps", "action=verify").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.text.contains("для підтвердження особи потрібен документ"),
        "{}",
        r.text
    );
    assert!(!r.text.contains("precondition failed"));
    // The case is untouched.
    let page = w.get(&case.page(), &caseworker).await;
    assert!(page.text.contains("No evidence has been recorded"));
    assert!(page.text.contains("data-state=\"identified\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_board_shows_cases_by_state_and_the_children_without_one() {
    let w = world().await;
    let coordinator = w.sign_in("coordinator").await;
    let r = w.get("/cases", &coordinator).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.text
            .contains(&format!("data-case=\"{}\"", w.solomiia_case))
    );
    assert!(r.text.contains("data-count=\"identified\">1<"));
    assert!(r.text.contains("data-days=\"0\""));
    // The children with no case, each with the way to open one.
    for child in [&w.olena, &w.alexander] {
        assert!(r.text.contains(&format!("data-open-case=\"{child}\"")));
    }
    assert!(
        !r.text
            .contains(&format!("data-open-case=\"{}\"", w.solomiia))
    );
    // Nothing has been still for a day: no case is stalled.
    let r = w.get("/cases?stalled_days=1&stalled=1", &coordinator).await;
    assert!(!r.text.contains("data-case=\""));
    assert!(!r.text.contains("data-stalled"));
    let r = w.get("/cases?state=approved", &coordinator).await;
    assert!(!r.text.contains("data-case=\""));
    // Showing names is reading the children's records: it is logged.
    let log = w
        .state
        .store
        .access_log(&homeward_store::read::AccessLogFilter {
            record_kind: Some(homeward_domain::event::RecordKind::Child),
            record_id: Some(w.olena.clone()),
            user: None,
            limit: 10,
            offset: 0,
        })
        .await
        .unwrap();
    assert!(log.items.iter().any(|a| a.via == "page /cases"));

    // A party sees the cases that concern it, and no list of children
    // without a case; a transit state sees no board.
    let party_a = w.sign_in("party-a").await;
    let r = w.get("/cases", &party_a).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.text
            .contains(&format!("data-case=\"{}\"", w.solomiia_case))
    );
    assert!(!r.text.contains("data-open-case"));
    let transit = w.sign_in("transit-1").await;
    let r = w.get("/cases", &transit).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_adds_an_agency_of_one_side_which_then_sees_the_case() {
    use homeward_domain::*;
    let w = world().await;
    let (admin, _) = w.state.store.user_by_login("admin").await.unwrap().unwrap();
    let ombud = OrgId(homeward_store::Store::new_id());
    let store = &w.state.store;
    store
        .execute(
            &admin,
            Command::RegisterOrganisation {
                org_id: ombud.clone(),
                name: "Ombudsperson of A".into(),
                kind: OrgKind::Party,
                side: Some(Side::A),
            },
        )
        .await
        .unwrap();
    store
        .execute(
            &admin,
            Command::RegisterUser {
                user_id: UserId(homeward_store::Store::new_id()),
                login: "ombud-a".into(),
                org_id: ombud.clone(),
                role: Role::PartyOfficer,
                password_hash: homeward_server::auth::hash_password(PASSWORD).unwrap(),
            },
        )
        .await
        .unwrap();
    let case = Case {
        w: &w,
        child: w.solomiia.clone(),
        case: w.solomiia_case.clone(),
    };
    let officer = w.sign_in("ombud-a").await;
    assert_eq!(
        w.get(&case.page(), &officer).await.status,
        StatusCode::NOT_FOUND,
        "not concerned yet"
    );
    let coordinator = w.sign_in("coordinator").await;
    let page = w.get(&case.page(), &coordinator).await;
    assert_eq!(first_option(&page.text, "org_id"), ombud.0);
    let caseworker = w.sign_in("caseworker").await;
    let r = case
        .form(&caseworker, "parties", &format!("org_id={}", ombud.0))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let page = case
        .record(&coordinator, "parties", &format!("org_id={}", ombud.0))
        .await;
    let parties = page
        .text
        .split("data-parties>")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .unwrap();
    assert!(parties.contains("Ombudsperson of A"), "{parties}");
    // Added once only; it now sees the case and the child, in the board too.
    let r = case
        .form(&coordinator, "parties", &format!("org_id={}", ombud.0))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(w.get(&case.page(), &officer).await.status, StatusCode::OK);
    let board = w.get("/cases", &officer).await;
    assert!(board.text.contains(&format!("data-case=\"{}\"", case.case)));
    store.verify(None).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_groups_siblings_found_by_their_family_name() {
    use homeward_domain::*;
    let w = world().await;
    let (party_a, _) = w
        .state
        .store
        .user_by_login("party-a")
        .await
        .unwrap()
        .unwrap();
    let sister = register(
        &w.state.store,
        &party_a,
        child_details("Марія", "Шевчук", "uk", Sex::F, 2016),
    )
    .await;
    let coordinator = w.sign_in("coordinator").await;
    let page = w
        .get(&format!("/children/{}", sister.0), &coordinator)
        .await;
    let (a, b) = (
        selected(&page.text, "party_a"),
        selected(&page.text, "party_b"),
    );
    let r = w
        .post(
            &format!("/children/{}/cases", sister.0),
            &coordinator,
            ORIGIN,
            &format!("party_a={a}&party_b={b}"),
        )
        .await;
    let sister_case = r.location().split("#case-").nth(1).unwrap().to_owned();
    let case = Case {
        w: &w,
        child: w.solomiia.clone(),
        case: w.solomiia_case.clone(),
    };
    // The form offers the sister's case: same family name, not submitted.
    let page = w.get(&case.page(), &coordinator).await;
    assert!(
        page.text
            .contains(&format!("name=\"with\" value=\"{sister_case}\"")),
        "{}",
        page.text
    );
    let caseworker = w.sign_in("caseworker").await;
    let form = format!("with={sister_case}&kind=siblings");
    assert_eq!(
        case.form(&caseworker, "group", &form).await.status,
        StatusCode::FORBIDDEN
    );
    let r = case.form(&coordinator, "group", "kind=siblings").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = case.record(&coordinator, "group", &form).await;
    assert!(page.text.contains("data-group=\"siblings\""));
    assert!(
        page.text
            .contains(&format!("data-member=\"{sister_case}\""))
    );
    // Grouped once: the form is gone, and a second grouping is refused.
    assert!(!page.text.contains("name=\"with\""));
    assert_eq!(
        case.form(&coordinator, "group", &form).await.status,
        StatusCode::CONFLICT
    );
    // The sister's page shows the group too.
    let page = w
        .get(&format!("/children/{}", sister.0), &coordinator)
        .await;
    assert!(
        page.text
            .contains(&format!("data-member=\"{}\"", w.solomiia_case))
    );
    w.state.store.verify(None).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_party_closes_its_tracing_request_with_the_outcome() {
    use homeward_domain::*;
    let w = world().await;
    let (officer, _) = w
        .state
        .store
        .user_by_login("party-a")
        .await
        .unwrap()
        .unwrap();
    let request = TracingRequestId(homeward_store::Store::new_id());
    w.state
        .store
        .execute(
            &officer,
            Command::FileTracingRequest {
                request_id: request.clone(),
                org_id: officer.org.clone(),
                details: TracingDetails {
                    requester: PersonName {
                        family_name: "Шевчук".into(),
                        given_name: "Ганна".into(),
                        patronymic: None,
                        lang: "uk".into(),
                        kind: NameKind::Recorded,
                    },
                    requester_relationship: Some(Relationship::Mother),
                    child: child_details("Іван", "Шевчук", "uk", Sex::M, 2015),
                    last_seen: "Kharkiv, 2022".into(),
                },
            },
        )
        .await
        .unwrap();
    let close = format!("/tracing-requests/{}/closure", request.0);
    let party_a = w.sign_in("party-a").await;
    let page = w.get("/tracing-requests", &party_a).await;
    assert!(page.text.contains(&format!("action=\"{close}\"")));
    assert!(
        !page.text.contains("<option value=\"found\">"),
        "found is offered once the request is linked"
    );
    let r = w.post(&close, &party_a, ORIGIN, "outcome=found").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let party_b = w.sign_in("party-b").await;
    let r = w.post(&close, &party_b, ORIGIN, "outcome=withdrawn").await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let r = w.post(&close, &party_a, ORIGIN, "outcome=withdrawn").await;
    assert_eq!(r.location(), "/tracing-requests?closed=1", "{}", r.text);
    let page = w.get(r.location(), &party_a).await;
    assert!(page.text.contains("data-outcome=\"withdrawn\""));
    assert!(!page.text.contains(&format!("action=\"{close}\"")));
    let r = w.post(&close, &party_a, ORIGIN, "outcome=not_found").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    w.state.store.verify(None).await.unwrap();
}
