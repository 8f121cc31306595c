//! Planning a trip in the web UI: the form grows a leg at a time and keeps
//! what was typed, a leg may have escorts of its own, and only a
//! coordinator may plan; and a trip page's times read right in Arabic.

use crate::ui_support::*;
use axum::http::StatusCode;
use homeward_domain::*;
use homeward_store::{Store, seed};

/// A planning form's body: `legs` legs from the embassy onwards, one hour
/// each, plus `extra` fields.
fn plan_form(legs: usize, extra: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = vec![
        ("name".into(), "Charter four legs".into()),
        ("kind".into(), "road_convoy".into()),
        ("capacity".into(), "6".into()),
        ("legs".into(), legs.max(3).to_string()),
    ];
    for i in 1..=legs {
        let from = if i == 1 {
            "Embassy".to_owned()
        } else {
            format!("Stop {}", i - 1)
        };
        pairs.push((format!("leg{i}_from"), from));
        pairs.push((format!("leg{i}_to"), format!("Stop {i}")));
        pairs.push((format!("leg{i}_departs"), format!("2027-03-0{i}T08:00")));
        pairs.push((format!("leg{i}_arrives"), format!("2027-03-0{i}T09:00")));
    }
    pairs.extend(extra.iter().map(|(k, v)| ((*k).into(), (*v).into())));
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The escorts line of leg number `n` on a trip page.
fn escorts_of_leg(page: &str, n: usize) -> String {
    let leg = page
        .split(&format!("data-leg=\"{n}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no leg {n} on the page"));
    leg.split("<dd data-escorts>")
        .nth(1)
        .and_then(|s| s.split("</dd>").next())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_plans_a_trip_of_four_legs_with_escorts_per_leg() {
    let w = world().await;
    let hash = homeward_server::auth::hash_password(PASSWORD).unwrap();
    let more = seed::more_escorts(&w.state.store, &w.cast, 1, &hash)
        .await
        .unwrap();
    let (first, second) = (w.cast.escort.user.0.clone(), more[0].0.clone());
    let cookie = w.sign_in("coordinator").await;

    let page = w.get("/trips", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("name=\"leg3_from\""));
    assert!(!page.text.contains("name=\"leg4_from\""));

    // "Add a leg" plans nothing and offers a fourth leg, keeping every value.
    let r = w
        .post(
            "/trips",
            &cookie,
            ORIGIN,
            &plan_form(3, &[("add_leg", "1")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.contains("name=\"leg4_from\""), "a fourth leg");
    assert!(!r.text.contains("name=\"leg5_from\""));
    assert!(r.text.contains("value=\"Charter four legs\""));
    assert!(r.text.contains("value=\"Stop 2\""));
    assert!(r.text.contains("value=\"2027-03-03T09:00\""));
    let trips = w.get("/trips", &cookie).await.text;
    assert!(
        !trips.contains(">Charter four legs<"),
        "adding a leg planned nothing"
    );

    // Four legs: the second has its own escort, the others the trip's.
    let r = w
        .post(
            "/trips",
            &cookie,
            ORIGIN,
            &plan_form(4, &[("escort", &first), ("leg2_escort", &second)]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let trip = r.location().to_owned();
    assert!(trip.ends_with("?saved=planned"), "{trip}");
    let page = w.get(&trip, &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("data-leg=\"4\""));
    assert_eq!(escorts_of_leg(&page.text, 1), "escort");
    assert_eq!(escorts_of_leg(&page.text, 2), "escort-2");
    assert_eq!(escorts_of_leg(&page.text, 4), "escort");

    // A leg with a place but no times is refused with the form kept.
    let mut broken = plan_form(2, &[("escort", &first)]);
    broken = broken.replace("leg2_departs=2027-03-02T08%3A00", "leg2_departs=");
    let r = w.post("/trips", &cookie, ORIGIN, &broken).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("role=\"alert\""));
    assert!(r.text.contains("value=\"Stop 1\""));

    // Nobody else plans.
    for login in ["caseworker", "escort", "transit-1", "party-a"] {
        let cookie = w.sign_in(login).await;
        let r = w
            .post(
                "/trips",
                &cookie,
                ORIGIN,
                &plan_form(1, &[("escort", &first)]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
    }
}

/// A girl on a four-seat trip home, in transit, handed to the transit
/// state's official at the end of the first leg.
async fn handed_over_after_the_first_leg(w: &World) -> (TripId, ChildId, CaseId) {
    let store = &w.state.store;
    let cast = &w.cast;
    let trip = seed::plan_trip(store, cast, "Charter home", 1_900_100_000, 4)
        .await
        .unwrap();
    let child = register(
        store,
        &cast.party_a,
        child_details("Ярина", "Бондар", "uk", Sex::F, 2012),
    )
    .await;
    let case = seed::drive_case(store, cast, &child, &trip, CaseState::InTransit)
        .await
        .unwrap();
    seed::finish_leg(store, cast, &trip, 0, None).await.unwrap();
    (trip, child, case)
}

/// The child's aunt, whom a court made guardian, consents too (after the
/// mother, so hers is the consent on record). Returns her id.
async fn aunt_consents_too(w: &World, child: &ChildId, case: &CaseId) -> FamilyMemberId {
    let store = &w.state.store;
    let cast = &w.cast;
    let aunt = FamilyMemberId(Store::new_id());
    store
        .execute(
            &cast.caseworker,
            Command::AddFamilyMember {
                member_id: aunt.clone(),
                child_id: child.clone(),
                relationship: Relationship::AuntOrUncle,
                details: FamilyMemberDetails {
                    name: PersonName {
                        family_name: "Бондар".into(),
                        given_name: "Оксана".into(),
                        patronymic: None,
                        lang: "uk".into(),
                        kind: NameKind::Recorded,
                    },
                    status: String::new(),
                    contact: String::new(),
                },
            },
        )
        .await
        .unwrap();
    store
        .execute(
            &cast.caseworker,
            Command::RecordConsent {
                case_id: case.clone(),
                member_id: aunt.clone(),
                basis: ConsentBasis::CourtOrder,
                details: ConsentDetails {
                    note: "Will receive her".into(),
                    court_order: "2/1187/24".into(),
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    aunt
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_handover_may_go_to_anyone_whose_consent_is_in_force() {
    let w = world().await;
    let (trip, child, case) = handed_over_after_the_first_leg(&w).await;
    let store = &w.state.store;
    let cast = &w.cast;
    seed::depart_leg(store, cast, &trip, 1).await.unwrap();

    // The aunt a court made guardian consents too.
    let aunt = aunt_consents_too(&w, &child, &case).await;

    // The escort chooses between the mother and the aunt, and hands the
    // child to the aunt.
    let escort = w.sign_in("escort").await;
    let page = w.get(&format!("/trips/{}", trip.0), &escort).await;
    assert_eq!(page.status, StatusCode::OK);
    let form = page
        .text
        .split(&format!("id=\"form-handover-{}\"", case.0))
        .nth(1)
        .and_then(|s| s.split("</form>").next())
        .expect("the handover form")
        .to_owned();
    assert_eq!(form.matches("<option value=").count(), 2, "{form}");
    assert!(form.contains("Оксана"), "{form}");
    let leg = store.trip_facts(&trip).await.unwrap().unwrap().legs[1]
        .leg_id
        .clone();
    let r = w
        .post(
            &format!("/trips/{}/handovers", trip.0),
            &escort,
            ORIGIN,
            &format!(
                "leg_id={}&case_id={}&org_id=&member_id={}&received_by=&place=Home&at=",
                leg.0, case.0, aunt.0
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", alert(&r.text));
    let summary = store.case(&case).await.unwrap().unwrap().summary;
    assert_eq!(summary.state, CaseState::HandedOver);
}

/// In Arabic a time carries right-to-left marks ("10‏/12‏/2026، 08:00");
/// forced into a left-to-right element its parts come out of order. Each
/// time on a trip page sits in an isolate of its own, as do the handover's
/// receiver and place beside it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn times_on_a_trip_page_read_in_their_own_direction_in_arabic() {
    let w = world().await;
    let (trip, _, _) = handed_over_after_the_first_leg(&w).await;

    let escort = w.sign_in("escort").await;
    let page = w
        .get(
            &format!("/trips/{}", trip.0),
            &format!("{escort}; hw_lang=ar"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("<html lang=\"ar\" dir=\"rtl\">"));
    let after = |marker: &str| {
        page.text
            .split(marker)
            .nth(1)
            .unwrap_or_else(|| panic!("{marker} on the page"))
            .to_owned()
    };
    for marker in ["<dd data-departed>", "<dd data-arrived>"] {
        let time = after(marker);
        assert!(time.starts_with("<bdi>"), "{marker}{}", &time[..80]);
        let time = &time[5..time.find("</bdi>").unwrap()];
        assert!(
            time.contains('\u{200f}') && time.ends_with(" UTC"),
            "{time}"
        );
    }
    let handover = after("data-handover=\"1\"");
    let handover = &handover[..handover.find("</li>").unwrap()];
    assert_eq!(handover.matches("<bdi>").count(), 3, "{handover}");
    // No fact of the trip is set in a direction of its own: each keeps the
    // page's alignment, its text isolated.
    assert!(!page.text.contains("<dd dir="), "{}", page.text);
}

/// Handed to the mother while the aunt's consent is the one on record:
/// the trip page names who received the child, not whose consent came last.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handover_names_the_relative_who_received_the_child() {
    let w = world().await;
    let (trip, child, case) = handed_over_after_the_first_leg(&w).await;
    let store = &w.state.store;
    seed::depart_leg(store, &w.cast, &trip, 1).await.unwrap();
    let aunt = aunt_consents_too(&w, &child, &case).await;
    let mother = store
        .case(&case)
        .await
        .unwrap()
        .unwrap()
        .consents
        .iter()
        .map(|k| k.member_id.clone())
        .find(|m| m != &aunt)
        .expect("the mother's consent");
    let leg = store.trip_facts(&trip).await.unwrap().unwrap().legs[1]
        .leg_id
        .clone();
    let escort = w.sign_in("escort").await;
    let r = w
        .post(
            &format!("/trips/{}/handovers", trip.0),
            &escort,
            ORIGIN,
            &format!(
                "leg_id={}&case_id={}&org_id=&member_id={}&received_by=&place=Home&at=",
                leg.0, case.0, mother.0
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", alert(&r.text));
    let page = w.get(&format!("/trips/{}", trip.0), &escort).await;
    let last = page
        .text
        .split("data-handover=\"2\"")
        .nth(1)
        .and_then(|s| s.split("</li>").next())
        .expect("the last leg's handover")
        .to_owned();
    assert!(last.contains("дитини"), "the mother: {last}");
    assert!(!last.contains("Оксана"), "{last}");
}
