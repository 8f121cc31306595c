//! The web UI in a real browser: headless Chromium driven through
//! chromedriver, against the real `homeward serve --demo` binary.
//!
//! Sign in → dashboard → search in Latin letters for a child recorded in
//! Cyrillic → the child's page → Arabic (right to left) → Ukrainian, at
//! laptop and phone widths. Screenshots go to `target/ui-artifacts/` to be
//! looked at.
//!
//! Needs the Debian packages `chromium` and `chromium-driver` (and fonts
//! with Cyrillic and Arabic glyphs: `fonts-dejavu-core`, `fonts-noto-core`).
//! Without them the test fails and says so: it never skips.

#[path = "browser/support.rs"]
mod support;
#[path = "browser/transit.rs"]
mod transit;

use fantoccini::{Client, Locator};
use homeward_linkage::translit::{System, romanize};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_search_in_latin_and_read_a_child_in_four_languages() {
    // Fail early and clearly when the browser is missing.
    required(&["chromium", "chromium-browser"], "chromium");
    required(&["chromedriver"], "chromium-driver");

    let dir = tempfile::tempdir().expect("a temporary directory");
    let (_server, base) = start_server(dir.path());
    let (_driver, driver_port) = start_chromedriver();
    let c = open_browser(driver_port, &dir.path().join("chromium-profile")).await;
    // Run the steps as a task so that a failed assertion still closes the
    // browser before the test reports it.
    let profiles = dir.path().to_owned();
    let steps = tokio::spawn({
        let c = c.clone();
        async move {
            drive(&c, &base).await;
            let page = casework(&c, &base, driver_port, &profiles).await;
            transit::bring_home(&c, &base, driver_port, &profiles, &page).await;
        }
    })
    .await;
    let _ = c.close().await;
    if let Err(e) = steps {
        std::panic::resume_unwind(e.into_panic());
    }
    // Everything the browser did (a match confirmed, users added and cut
    // off, a password changed) replays to the same tables.
    let verify = Command::new(env!("CARGO_BIN_EXE_homeward"))
        .args(["ledger", "verify", "--db"])
        .arg(dir.path().join("homeward.db"))
        .output()
        .expect("homeward ledger verify runs");
    assert!(
        verify.status.success(),
        "{}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );
}

async fn drive(c: &Client, base: &str) {
    // Anyone not signed in lands on the sign-in page, in English here.
    c.goto(&format!("{base}/children")).await.expect("open");
    wait_for_path(c, "/sign-in").await;
    assert_eq!(html_attr(c, "lang").await, "en");
    shot(c, "01-sign-in-laptop", LAPTOP).await;
    shot(c, "01-sign-in-phone", PHONE).await;
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");

    // A wrong password is refused without saying which part was wrong.
    c.find(Locator::Css("#login"))
        .await
        .unwrap()
        .send_keys("coordinator")
        .await
        .unwrap();
    c.find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys("not-the-password")
        .await
        .unwrap();
    click(c, "form.stack button[type=submit]").await;
    let alert = text_of(c, "[role=alert]").await;
    assert!(alert.contains("not right"), "{alert}");

    // Signing in brings the reader back to the page they asked for.
    c.find(Locator::Css("#login"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    c.find(Locator::Css("#login"))
        .await
        .unwrap()
        .send_keys("coordinator")
        .await
        .unwrap();
    c.find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    click(c, "form.stack button[type=submit]").await;
    wait_for_path(c, "/children").await;

    // The dashboard: counts by state and party and the monthly chart.
    click(c, ".main-nav a[href='/']").await;
    wait_for_path(c, "/").await;
    assert_eq!(plain(&text_of(c, "main h1").await), "Dashboard");
    let states = c
        .find_all(Locator::Css("table.bars tbody tr"))
        .await
        .unwrap();
    assert!(states.len() >= 10, "{} state rows", states.len());
    let columns = c.find_all(Locator::Css(".columns .column")).await.unwrap();
    assert!(!columns.is_empty(), "the monthly chart has no column");
    shot(c, "02-dashboard-laptop", LAPTOP).await;
    shot(c, "02-dashboard-phone", PHONE).await;
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");

    // A child recorded by party A in Ukrainian whose case has just been
    // opened, and its name in Latin letters by the official Ukrainian table.
    click(c, ".main-nav a[href='/children']").await;
    wait_for_path(c, "/children").await;
    c.goto(&format!("{base}/children?state=identified"))
        .await
        .unwrap();
    let link = c
        .find(Locator::Css("table.list a[lang='uk']"))
        .await
        .expect("a child recorded in Ukrainian");
    let cyrillic = link.text().await.unwrap();
    assert!(
        cyrillic
            .chars()
            .any(|ch| ('\u{0400}'..='\u{04FF}').contains(&ch)),
        "{cyrillic}"
    );
    let latin = romanize(&cyrillic, System::Ukrainian2010);
    assert_ne!(latin, cyrillic);

    // Searching for the Latin spelling finds the Cyrillic record.
    let q = c.find(Locator::Css("#q")).await.unwrap();
    q.send_keys(&latin).await.unwrap();
    click(c, "form.filters button[type=submit]").await;
    wait_for_path(c, "/children").await;
    let start = Instant::now();
    let found = loop {
        let url = c.current_url().await.unwrap();
        if url.query().unwrap_or("").contains("q=") {
            break c
                .find_all(Locator::Css("table.list td:first-child a"))
                .await
                .unwrap();
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the search did not run"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut target = None;
    for a in found {
        if a.text().await.unwrap() == cyrillic {
            target = Some(a);
            break;
        }
    }
    let target = target.unwrap_or_else(|| panic!("searching '{latin}' did not find «{cyrillic}»"));
    shot(c, "03-search-laptop", LAPTOP).await;
    shot(c, "03-search-phone", PHONE).await;
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");

    // The child's page: the name in its script and in Latin letters.
    target.click().await.unwrap();
    wait_for_path(c, "/children/").await;
    let title = text_of(c, "main h1").await;
    assert!(title.contains(&cyrillic), "{title}");
    assert!(title.contains(&latin), "{title}");
    assert!(
        c.find(Locator::Css("#access-log")).await.is_ok(),
        "a coordinator sees the access log"
    );
    // The steps a coordinator may take on an identified case, as forms.
    let mut offered = Vec::new();
    for b in c
        .find_all(Locator::Css(".case-action button[data-action]"))
        .await
        .unwrap()
    {
        offered.push(b.attr("data-action").await.unwrap().unwrap_or_default());
    }
    assert_eq!(offered, ["verify", "hold", "dispute", "withdraw"]);
    shot(c, "04-child-en-laptop", LAPTOP).await;

    // Arabic: right to left.
    click(c, ".lang-switch button[value='ar']").await;
    wait_for_lang(c, "ar").await;
    assert_eq!(html_attr(c, "dir").await, "rtl");
    let title = text_of(c, "main h1").await;
    assert!(
        title.contains(&cyrillic),
        "the name stays in its script: {title}"
    );
    assert_eq!(plain(&text_of(c, "#names").await), "الأسماء");
    shot(c, "05-child-ar-laptop", LAPTOP).await;
    shot(c, "05-child-ar-phone", PHONE).await;
    c.goto(&format!("{base}/")).await.unwrap();
    wait_for_path(c, "/").await;
    assert_eq!(html_attr(c, "dir").await, "rtl", "the choice is kept");
    shot(c, "06-dashboard-ar-laptop", LAPTOP).await;
    // The monthly chart lies below the fold: an element screenshot of it.
    let chart = c.find(Locator::Css("#returned")).await.unwrap();
    let section = chart.find(Locator::XPath("..")).await.unwrap();
    let png = section
        .screenshot()
        .await
        .expect("a screenshot of the chart");
    std::fs::write(artifacts_dir().join("06-chart-ar-laptop.png"), png).unwrap();
    shot(c, "06-dashboard-ar-phone", PHONE).await;
    c.back().await.unwrap();
    wait_for_path(c, "/children/").await;

    // Ukrainian: left to right again.
    click(c, ".lang-switch button[value='uk']").await;
    wait_for_lang(c, "uk").await;
    assert_eq!(html_attr(c, "dir").await, "ltr");
    assert_eq!(plain(&text_of(c, "#names").await), "Імена");
    shot(c, "07-child-uk-laptop", LAPTOP).await;
    shot(c, "07-child-uk-phone", PHONE).await;

    review_matches(c, base).await;
    administer_users(c, base).await;
    public_report(c, base, &cyrillic).await;
}

/// The coordinator works through the review queue: the two parties'
/// records side by side, a confirmation by keyboard shortcut, and the child
/// then shows both parties' records. In four languages, at both widths.
async fn review_matches(c: &Client, base: &str) {
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
    click(c, ".main-nav a[href='/matches']").await;
    wait_for_path(c, "/matches").await;
    let rows = c
        .find_all(Locator::Css("#match-review table.side-by-side tbody tr"))
        .await
        .unwrap();
    assert!(rows.len() >= 6, "{} rows side by side", rows.len());
    for (lang, dir) in [("uk", "ltr"), ("ru", "ltr"), ("ar", "rtl"), ("en", "ltr")] {
        click(c, &format!(".lang-switch button[value='{lang}']")).await;
        wait_for_lang(c, lang).await;
        assert_eq!(html_attr(c, "dir").await, dir);
        shot(c, &format!("11-matches-{lang}-laptop"), LAPTOP).await;
        shot(c, &format!("11-matches-{lang}-phone"), PHONE).await;
    }
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
    assert_eq!(plain(&text_of(c, "main h1").await), "Matches to review");
    let record = c
        .find(Locator::Css("#match-review thead th:nth-child(2) a"))
        .await
        .expect("a link to record A")
        .attr("href")
        .await
        .unwrap()
        .expect("record A's address");
    // C confirms: the shortcut presses the form's button.
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("c")
        .await
        .unwrap();
    wait_for_query(c, "done=confirm").await;
    let said = plain(&text_of(c, "main .notice.ok").await);
    assert!(said.contains("now one child"), "{said}");
    c.goto(&format!("{base}{record}")).await.unwrap();
    wait_for_path(c, "/children/").await;
    let sources = c
        .find_all(Locator::Css("#child-sources tbody tr"))
        .await
        .unwrap();
    assert_eq!(sources.len(), 2, "both parties' records of the child");
    let text = plain(&text_of(c, "#child-sources").await);
    assert!(
        text.contains("Party A") && text.contains("Party B"),
        "{text}"
    );
    shot(c, "12-child-sources-en-laptop", LAPTOP).await;
    shot(c, "12-child-sources-en-phone", PHONE).await;
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
}

/// The public report, in the four languages, names no child.
async fn public_report(c: &Client, base: &str, a_name: &str) {
    c.goto(&format!("{base}/public/report")).await.unwrap();
    wait_for_path(c, "/public/report").await;
    for (lang, dir) in [("en", "ltr"), ("uk", "ltr"), ("ru", "ltr"), ("ar", "rtl")] {
        click(c, &format!(".lang-switch button[value='{lang}']")).await;
        wait_for_lang(c, lang).await;
        assert_eq!(html_attr(c, "dir").await, dir);
        let body = text_of(c, "main").await;
        assert!(!body.contains(a_name), "the report names no child");
        assert!(body.contains("<5") || body.chars().any(|ch| ch.is_ascii_digit()));
        shot(c, &format!("11-public-report-{lang}-phone"), PHONE).await;
        shot(c, &format!("11-public-report-{lang}-laptop"), LAPTOP).await;
    }
}

/// An administrator adds a user, cuts them off and lets them back in; the
/// user changes their own password. In Ukrainian, Russian, Arabic, English.
async fn administer_users(c: &Client, base: &str) {
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
    sign_in_as(c, base, "admin", PASSWORD).await;
    click(c, ".main-nav a[href='/admin/users']").await;
    wait_for_path(c, "/admin/users").await;
    type_into(c, "#new-login", "officer.b2").await;
    c.find(Locator::Css("#new-org option:nth-child(3)"))
        .await
        .expect("party B among the organisations")
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("#new-role option[value='party_officer']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(c, "#new-password", "a long enough password").await;
    click(c, "form[action='/admin/users'] button[type=submit]").await;
    wait_for_query(c, "done=added").await;
    let row = c
        .find(Locator::XPath("//tr[.//bdi[text()='officer.b2']]"))
        .await
        .expect("the new user's row");
    shot(c, "08-users-uk-laptop", LAPTOP).await;
    row.find(Locator::Css("form[action$='/disable'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_query(c, "done=disabled").await;
    let row = c
        .find(Locator::XPath("//tr[.//bdi[text()='officer.b2']]"))
        .await
        .unwrap();
    assert!(
        row.find(Locator::Css("form[action$='/enable']"))
            .await
            .is_ok(),
        "a disabled user is offered to be enabled"
    );
    for (lang, dir) in [("ru", "ltr"), ("ar", "rtl"), ("en", "ltr")] {
        click(c, &format!(".lang-switch button[value='{lang}']")).await;
        wait_for_lang(c, lang).await;
        assert_eq!(html_attr(c, "dir").await, dir);
        shot(c, &format!("09-users-{lang}-laptop"), LAPTOP).await;
        shot(c, &format!("09-users-{lang}-phone"), PHONE).await;
    }
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
    let row = c
        .find(Locator::XPath("//tr[.//bdi[text()='officer.b2']]"))
        .await
        .unwrap();
    row.find(Locator::Css("form[action$='/enable'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_query(c, "done=enabled").await;
    assert!(plain(&text_of(c, "main .notice.ok").await).contains("can sign in again"));

    // Organisations, and where a party's witness key is registered.
    click(c, ".main-nav a[href='/admin/organisations']").await;
    wait_for_path(c, "/admin/organisations").await;
    assert!(
        c.find(Locator::Css("form[action$='/witness-key']"))
            .await
            .is_ok(),
        "a party's witness key can be registered"
    );
    shot(c, "10-organisations-en-laptop", LAPTOP).await;
    shot(c, "10-organisations-en-phone", PHONE).await;
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");

    // The new officer changes the password the administrator chose.
    sign_in_as(c, base, "officer.b2", "a long enough password").await;
    click(c, ".who a.who-name").await;
    wait_for_path(c, "/account/password").await;
    type_into(c, "#current", "a long enough password").await;
    type_into(c, "#new", "my very own password").await;
    type_into(c, "#again", "my very own password").await;
    shot(c, "10-password-en-phone", PHONE).await;
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
    click(c, "form[action='/account/password'] button[type=submit]").await;
    wait_for_query(c, "done=password").await;
    let said = plain(&text_of(c, "main .notice.ok").await);
    assert!(said.contains("Your password was changed"), "{said}");
    // Still signed in here.
    c.goto(&format!("{base}/children")).await.unwrap();
    wait_for_path(c, "/children").await;
}

/// A child registered in the browser goes through verification, family,
/// consent, best interests and the child's views to both parties, each
/// deciding in its own browser session: party B objects, the coordinator
/// resolves the dispute, and both approvals approve the case. No API call.
async fn casework(c: &Client, base: &str, driver_port: u16, profiles: &Path) -> String {
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
    sign_in_as(c, base, "caseworker", PASSWORD).await;
    c.goto(&format!("{base}/children/new")).await.unwrap();
    wait_for_path(c, "/children/new").await;
    languages(c, "19-register", "#child-form").await;
    // Party A's list: the party that reported the child.
    click(c, "#org_id option:nth-child(2)").await;
    type_into(c, "#name_given_0", "Марта").await;
    type_into(c, "#name_family_0", "Левченко").await;
    type_into(c, "#birth_date", "2013-05-04").await;
    type_into(c, "#list_name", "Embassy intake").await;
    click(c, "#child-form button[type=submit]").await;
    let start = Instant::now();
    let child = loop {
        let url = c.current_url().await.unwrap();
        let path = url.path().to_owned();
        if path.starts_with("/children/") && path != "/children/new" {
            break path;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "registration stayed on {url}: {}",
            text_of(c, "main").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let page = format!("{base}{child}");

    sign_in_as(c, base, "coordinator", PASSWORD).await;
    c.goto(&page).await.unwrap();
    click(c, "#form-open-case button[type=submit]").await;
    wait_for_query(c, "saved=case").await;
    assert_eq!(case_state(c).await, "identified");

    sign_in_as(c, base, "caseworker", PASSWORD).await;
    c.goto(&page).await.unwrap();
    send_case_form(
        c,
        "form-evidence-",
        &[
            ("kind", "identity"),
            ("method", "document_seen"),
            ("description", "Birth certificate seen at the embassy"),
        ],
    )
    .await;
    wait_for_query(c, "saved=evidence").await;
    take_step(c, "verify", "").await;
    assert_eq!(case_state(c).await, "verified");
    // The family form is folded away; open it.
    c.execute(
        "document.querySelectorAll('details').forEach(d => d.open = true);",
        vec![],
    )
    .await
    .unwrap();
    click(c, "#fm-relationship option[value='mother']").await;
    type_into(c, "#fm-given", "Ірина").await;
    type_into(c, "#fm-family", "Левченко").await;
    type_into(c, "#fm-status", "detained").await;
    click(c, "#family-form button[type=submit]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    c.goto(&page).await.unwrap();
    take_step(c, "locate_family", "").await;
    languages(c, "20-consent", "form[id^='form-consent-']").await;
    send_case_form(
        c,
        "form-consent-",
        &[
            ("how", "through_detaining_authority"),
            (
                "witness",
                "The consul, during a visit to the detention centre",
            ),
            ("note", "Agrees to the return home"),
        ],
    )
    .await;
    wait_for_query(c, "saved=consent").await;
    take_step(c, "record_consent", "").await;
    assert_eq!(case_state(c).await, "consent_recorded");
    send_case_form(
        c,
        "form-best-interests-",
        &[
            ("outcome", "return"),
            (
                "reasons",
                "Mother able to care after release; school place found",
            ),
        ],
    )
    .await;
    wait_for_query(c, "saved=best-interests").await;
    send_case_form(
        c,
        "form-child-views-",
        &[
            ("how", "in_person"),
            ("age_years", "13"),
            ("views", "I want to go home to my mother"),
        ],
    )
    .await;
    wait_for_query(c, "saved=child-views").await;
    // Submission is the coordinator's: the caseworker is not offered it.
    assert!(
        c.find(Locator::Css("button[data-action='submit']"))
            .await
            .is_err()
    );

    sign_in_as(c, base, "coordinator", PASSWORD).await;
    c.goto(&page).await.unwrap();
    take_step(c, "submit", "").await;
    assert_eq!(case_state(c).await, "submitted");

    // Each party in its own browser session.
    let a = session(driver_port, &profiles.join("party-a"), base, "party-a").await;
    let b = session(driver_port, &profiles.join("party-b"), base, "party-b").await;
    a.goto(&page).await.unwrap();
    send_case_form(&a, "form-decision-", &[("decision", "approve")]).await;
    wait_for_query(&a, "saved=decision").await;
    assert_eq!(case_state(&a).await, "submitted");
    b.goto(&page).await.unwrap();
    send_case_form(
        &b,
        "form-decision-",
        &[
            ("decision", "object"),
            ("dispute", "family_link"),
            ("note", "The mother on record is not in our civil register"),
        ],
    )
    .await;
    wait_for_query(&b, "saved=decision").await;
    assert_eq!(case_state(&b).await, "disputed");

    c.goto(&page).await.unwrap();
    take_step(
        c,
        "resume",
        "Register entry corrected after a video call with both offices",
    )
    .await;
    assert_eq!(case_state(c).await, "submitted");
    b.goto(&page).await.unwrap();
    send_case_form(&b, "form-decision-", &[("decision", "approve")]).await;
    wait_for_query(&b, "saved=decision").await;
    assert_eq!(case_state(&b).await, "approved");
    let _ = a.close().await;
    let _ = b.close().await;

    c.goto(&page).await.unwrap();
    assert_eq!(case_state(c).await, "approved");
    languages(c, "13-case-approved", "[data-state]").await;
    c.goto(&format!("{base}/cases")).await.unwrap();
    wait_for_path(c, "/cases").await;
    shot(c, "14-case-board-en-laptop", LAPTOP).await;
    shot(c, "14-case-board-en-phone", PHONE).await;
    page
}
