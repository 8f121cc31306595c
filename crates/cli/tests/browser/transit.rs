//! From approval to reunion in the browser, each role in its own session:
//! the coordinator plans a trip with two legs through a transit state and
//! books the demo's approved sibling group and the child approved in the
//! casework steps; the transit officer grants the clearance; the
//! coordinator prints the manifest (a PDF with the children's Cyrillic
//! names as text); the escort records the departures, arrivals and every
//! handover; the caseworker records the reunion, and the child's custody
//! runs without a gap from the embassy to the mother. No API call.

use super::support::*;
use fantoccini::{Client, Locator};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Sets a form control's value directly (a `datetime-local` input does not
/// take typed keys the same way in every locale), then tells the page.
async fn set_value(c: &Client, css: &str, value: &str) {
    c.execute(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
         e.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![css.into(), value.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("cannot set {css}: {e}"));
}

/// Chooses the option of `select` whose text contains `text`.
async fn choose(c: &Client, select: &str, text: &str) {
    let found = c
        .execute(
            "const s = document.querySelector(arguments[0]); \
             const o = [...s.options].find(o => o.text.includes(arguments[1])); \
             if (!o) return false; s.value = o.value; return true;",
            vec![select.into(), text.into()],
        )
        .await
        .unwrap_or_else(|e| panic!("cannot choose in {select}: {e}"));
    assert_eq!(
        found,
        serde_json::Value::Bool(true),
        "{select} offers no '{text}'"
    );
}

/// Ticks the checkbox of `name` whose label reads exactly `label`.
async fn tick(c: &Client, form: &str, name: &str, label: &str) {
    let found = c
        .execute(
            "const boxes = document.querySelectorAll(arguments[0] + ` input[name='${arguments[1]}']`); \
             const b = [...boxes].find(b => b.parentElement.textContent.trim() === arguments[2]); \
             if (!b) return false; b.checked = true; return true;",
            vec![form.into(), name.into(), label.into()],
        )
        .await
        .unwrap();
    assert_eq!(found, serde_json::Value::Bool(true), "no {name} '{label}'");
}

/// Fetches `path` in the page's session (cookies and all) and returns the
/// body.
async fn fetch_bytes(c: &Client, path: &str) -> Vec<u8> {
    let got = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => { \
               const u = new Uint8Array(b); let s = ''; \
               for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]); \
               done(btoa(s)); }).catch(e => done('error: ' + e));",
            vec![path.into()],
        )
        .await
        .unwrap();
    let text = got.as_str().expect("a string").to_owned();
    assert!(!text.starts_with("error"), "{path}: {text}");
    base64_decode(&text)
}

fn base64_decode(s: &str) -> Vec<u8> {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for b in s.bytes().filter(|b| *b != b'=') {
        let v = ABC.iter().position(|x| *x == b).expect("base64") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Sends the first form whose id starts with `prefix` and waits for the
/// page to confirm `saved`.
async fn send(c: &Client, prefix: &str, saved: &str) {
    click(c, &format!("form[id^='{prefix}'] button[type=submit]")).await;
    wait_for_query(c, &format!("saved={saved}")).await;
}

pub async fn bring_home(c: &Client, base: &str, driver_port: u16, profiles: &Path, page: &str) {
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
    // The child from the casework steps lives at the embassy.
    sign_in_as(c, base, "caseworker", PASSWORD).await;
    c.goto(page).await.unwrap();
    c.execute(
        "document.querySelectorAll('details').forEach(d => d.open = true);",
        vec![],
    )
    .await
    .unwrap();
    click(c, "#cu-kind option[value='embassy']").await;
    type_into(c, "#cu-since", "2026-11-20").await;
    type_into(c, "#cu-place", "Embassy residence").await;
    click(c, "#custody-form button[type=submit]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    // The coordinator plans the trip.
    sign_in_as(c, base, "coordinator", PASSWORD).await;
    c.goto(&format!("{base}/trips")).await.unwrap();
    wait_for_path(c, "/trips").await;
    languages(c, "17-trip-plan", "#form-plan").await;
    type_into(c, "#trip-name", "Charter home 7").await;
    type_into(c, "#trip-carrier", "Air Example").await;
    type_into(c, "#trip-capacity", "4").await;
    type_into(c, "#leg1-from", "Embassy").await;
    type_into(c, "#leg1-to", "Transit city airport").await;
    choose(c, "#leg1-transit", "Transit state 1").await;
    type_into(c, "#leg1-carrier", "HW-7").await;
    set_value(c, "#leg1-departs", "2026-12-10T08:00").await;
    set_value(c, "#leg1-arrives", "2026-12-10T11:00").await;
    type_into(c, "#leg2-from", "Transit city airport").await;
    type_into(c, "#leg2-to", "Home city").await;
    type_into(c, "#leg2-carrier", "HW-8").await;
    set_value(c, "#leg2-departs", "2026-12-10T13:00").await;
    set_value(c, "#leg2-arrives", "2026-12-10T17:00").await;
    tick(c, "#form-plan", "escort", "escort").await;
    click(c, "#form-plan button[type=submit]").await;
    wait_for_query(c, "saved=planned").await;
    let trip = c.current_url().await.unwrap().path().to_owned();
    assert!(trip.starts_with("/trips/"), "{trip}");
    let trip_url = format!("{base}{trip}");

    // The sibling group is booked together, then the casework's child.
    choose(c, "#book-case", "Олена Мельник").await;
    send(c, "form-book", "booked").await;
    assert_eq!(attr_all(c, "[data-booked]", "data-booked").await, ["2"]);
    choose(c, "#book-case", "Марта").await;
    send(c, "form-book", "booked").await;
    assert_eq!(attr_all(c, "[data-booked]", "data-booked").await, ["3"]);
    assert_eq!(
        attr_all(c, ".traveller [data-state]", "data-state").await,
        ["transit_planned"; 3]
    );
    // Departure waits for the transit state's clearance: refused with the
    // rule, in the reader's language.
    click(c, "#form-depart-1 button[type=submit]").await;
    let said = plain(&text_of(c, ".flash.error").await);
    assert!(said.contains("leg 1 has no clearance"), "{said}");
    c.goto(&trip_url).await.unwrap();
    languages(c, "15-trip-coordinator", "#form-book").await;

    // The transit officer of the leg's state, in a session of its own.
    let t = session(driver_port, &profiles.join("transit-1"), base, "transit-1").await;
    t.goto(&trip_url).await.unwrap();
    assert_eq!(attr_all(&t, "section.leg", "data-leg").await, ["1"]);
    assert!(
        t.find(Locator::Css(".traveller")).await.is_err(),
        "a transit state sees the legs, not the children's cases"
    );
    click(&t, "#form-clearance-1 input[name='granted'][value='yes']").await;
    type_into(&t, "#reference-1", "TS1-2026-0777").await;
    type_into(&t, "#conditions-1", "Landing slot 10:30-11:30").await;
    send(&t, "form-clearance-1", "clearance").await;
    assert_eq!(
        attr_all(&t, "[data-clearance]", "data-clearance").await,
        ["granted"]
    );
    shot(&t, "15-trip-transit-officer-en-laptop", LAPTOP).await;
    let _ = t.close().await;

    // The manifest prints with the children's names in Cyrillic, as text.
    c.goto(&trip_url).await.unwrap();
    let href = attr_all(c, "a[data-print='manifest']", "href").await;
    let pdf = fetch_bytes(c, &href[0]).await;
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let file = profiles.join("manifest.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let text = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for name in ["Олена", "Петро", "Мельник", "Марта", "Левченко"] {
        assert!(text.contains(name), "the manifest lacks {name}: {text}");
    }

    // The escort, in a session of their own: each leg, each handover.
    let e = session(driver_port, &profiles.join("escort"), base, "escort").await;
    e.goto(&trip_url).await.unwrap();
    send(&e, "form-depart-1", "departure").await;
    assert_eq!(
        attr_all(&e, ".traveller [data-state]", "data-state").await,
        ["in_transit"; 3]
    );
    send(&e, "form-arrive-1", "arrival").await;
    for _ in 0..3 {
        type_into(
            &e,
            "form[id^='form-handover-'] input[name='received_by']",
            "Officer Petrenko, child protection",
        )
        .await;
        send(&e, "form-handover-", "handover").await;
    }
    assert_eq!(
        attr_all(&e, "li.done[data-handover]", "data-handover").await,
        ["1"; 3]
    );
    send(&e, "form-depart-2", "departure").await;
    // The last handover is to the parent whose consent is on record, named
    // on the form.
    let guardian = plain(&text_of(&e, "form[id^='form-handover-'] strong").await);
    assert!(!guardian.is_empty());
    for _ in 0..3 {
        send(&e, "form-handover-", "handover").await;
    }
    send(&e, "form-arrive-2", "arrival").await;
    assert_eq!(
        attr_all(&e, ".traveller [data-state]", "data-state").await,
        ["handed_over"; 3]
    );
    for (lang, dir) in [("uk", "ltr"), ("ru", "ltr"), ("ar", "rtl"), ("en", "ltr")] {
        click(&e, &format!(".lang-switch button[value='{lang}']")).await;
        wait_for_lang(&e, lang).await;
        assert_eq!(html_attr(&e, "dir").await, dir);
        shot(&e, &format!("16-trip-escort-{lang}-laptop"), LAPTOP).await;
        shot(&e, &format!("16-trip-escort-{lang}-phone"), PHONE).await;
    }
    let _ = e.close().await;

    // Home: the caseworker records the reunion; custody has no gap.
    sign_in_as(c, base, "caseworker", PASSWORD).await;
    c.goto(page).await.unwrap();
    wait_for_path(c, "/children/").await;
    if c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("button[data-action='reunite']"))
        .await
        .is_err()
    {
        panic!(
            "no reunion step on {page} ({}): {}",
            c.current_url().await.unwrap(),
            text_of(c, "main").await
        );
    }
    take_step(c, "reunite", "").await;
    let start = Instant::now();
    while attr_all(c, "[data-state]", "data-state")
        .await
        .first()
        .map(String::as_str)
        != Some("reunited")
    {
        assert!(start.elapsed() < Duration::from_secs(10), "not reunited");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        attr_all(c, "tr[data-custody]", "data-custody").await,
        ["embassy", "escort", "transit_state", "escort", "family"],
        "custody from the embassy to the family, through every handover"
    );

    // The follow-up schedule: three visits counted from the day of the
    // reunion, none recorded yet; the first visit is recorded on the form.
    assert_eq!(
        attr_all(c, "tr[data-follow-up]", "data-follow-up").await,
        ["1", "2", "3"]
    );
    let pending = text_of(c, "tr[data-follow-up='1']").await;
    assert!(
        !pending.contains("UTC"),
        "no visit is recorded yet: {pending}"
    );
    type_into(
        c,
        "form[id^='form-follow-up-'] textarea[name='note']",
        "Settled at home, goes to school",
    )
    .await;
    send(c, "form-follow-up-", "follow-up").await;
    let first = text_of(c, "tr[data-follow-up='1']").await;
    assert!(
        first.contains("Settled at home") && first.contains("UTC"),
        "the first visit shows what it found and when: {first}"
    );
    languages(c, "18-follow-ups", "table.follow-ups").await;

    c.goto(&format!("{base}/trips")).await.unwrap();
    wait_for_path(c, "/trips").await;
    shot(c, "17-trips-en-laptop", LAPTOP).await;
    shot(c, "17-trips-en-phone", PHONE).await;
}
