//! Logs as an operator reads them: no personal data in either format, a
//! forced 500 logged once with the request id its user was given, and the
//! filter giving more or less. Alone in its test binary: thread-local
//! subscribers in tests running beside others disturb tracing's per-callsite
//! interest cache, and lines would go missing.

mod api_support;

use api_support::env;
use axum::http::StatusCode;
use homeward_server::observe::{LogFormat, subscriber};
use std::io::Write;
use std::sync::{Arc, Mutex};

const BODY: &str = r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"2015","sex":"m","list_name":"Walk-in"}"#;

/// Log lines written while the guard lives, on this thread (the tests run
/// on a current-thread runtime, so the store's writer task is here too).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

fn capture(format: LogFormat, filter: &str) -> (Captured, tracing::subscriber::DefaultGuard) {
    let out = Captured::default();
    let writer = out.clone();
    let guard =
        tracing::subscriber::set_default(subscriber(format, filter, move || writer.clone()));
    (out, guard)
}

const NAMES: [&str; 6] = [
    "Тарасенко",
    "Tarasenko",
    "Yaroslava",
    "Ярослава",
    "Остапівна",
    "0671234567",
];

/// Requests that carry names — a registration, a search, a refused
/// amendment, a family member with a phone number, and a 500 forced by a
/// broken table — and the log lines they leave, in one format.
async fn drive(format: LogFormat) -> (String, String) {
    let e = env().await;
    let (log, guard) = capture(format, "debug");
    let body = r#"{"given_name":"Ярослава","family_name":"Тарасенко","patronymic":"Остапівна","birth_date":"05.2016","sex":"f","birth_place":"Суми","list_name":"Walk-in"}"#;
    let created = e
        .call("POST", "/api/v1/children", Some("party-a"), Some(body))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let found = e
        .call(
            "GET",
            "/api/v1/children?q=Yaroslava%20Tarasenko",
            Some("party-a"),
            None,
        )
        .await;
    assert_eq!(found.status, StatusCode::OK);
    let bad = r#"{"given_name":"Ярослава","family_name":"Tarasenko","birth_date":"31.02.2016"}"#;
    let refused = e
        .call(
            "PUT",
            &format!("/api/v1/children/{id}"),
            Some("party-a"),
            Some(bad),
        )
        .await;
    assert!(refused.status.is_client_error(), "{}", refused.text);
    let member = r#"{"relationship":"mother","given_name":"Ярослава","family_name":"Тарасенко","phone":"0671234567"}"#;
    let _ = e
        .call(
            "POST",
            &format!("/api/v1/children/{id}/family-members"),
            Some("coordinator"),
            Some(member),
        )
        .await;
    // A table the search needs is gone: the search fails with a 500.
    sqlx::query("DROP TABLE cache_child_names")
        .execute(e.state.store.pool())
        .await
        .unwrap();
    let failed = e
        .call(
            "GET",
            "/api/v1/children?q=Tarasenko",
            Some("coordinator"),
            None,
        )
        .await;
    assert_eq!(
        failed.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        failed.text
    );
    let request_id = failed.body["request_id"]
        .as_str()
        .expect("the problem carries the request id")
        .to_owned();
    assert_eq!(failed.headers["x-request-id"], request_id.as_str());
    drop(guard);
    (log.text(), request_id)
}

fn check_log(log: &str, request_id: &str) {
    for name in NAMES {
        assert!(!log.contains(name), "the log holds '{name}':\n{log}");
    }
    assert!(
        log.contains("/api/v1/children/{id}"),
        "route templates are logged:\n{log}"
    );
    let with_error: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(request_id) && l.contains("cache_child_names"))
        .collect();
    assert_eq!(
        with_error.len(),
        1,
        "the 500's error is logged once with its request id:\n{log}"
    );
    let request_lines = log
        .lines()
        .filter(|l| l.contains(request_id) && l.contains("500"))
        .count();
    assert!(request_lines >= 1, "the request line names the 500:\n{log}");
}

/// One test, so that no other log capture runs beside it: thread-local
/// subscribers with different filters in parallel tests disturb tracing's
/// per-callsite interest cache.
#[tokio::test]
async fn logs_hold_no_names_name_the_failed_request_and_follow_the_filter() {
    let (log, id) = drive(LogFormat::Text).await;
    check_log(&log, &id);
    json_logs().await;
    the_filter_gives_more_or_less().await;
}

async fn json_logs() {
    let (log, id) = drive(LogFormat::Json).await;
    for line in log.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(v["level"].is_string(), "{line}");
    }
    check_log(&log, &id);
    let request = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["fields"]["route"] == "/api/v1/children" && v["fields"]["status"] == 201)
        .expect("a request line for the registration");
    assert_eq!(request["fields"]["method"], "POST");
    assert!(
        request["fields"]["user"]
            .as_str()
            .is_some_and(|u| !u.is_empty()),
        "{request}"
    );
    assert!(
        request["fields"]["org"]
            .as_str()
            .is_some_and(|u| !u.is_empty()),
        "{request}"
    );
    assert!(
        request["span"]["request_id"]
            .as_str()
            .is_some_and(|u| !u.is_empty()),
        "{request}"
    );
}

async fn the_filter_gives_more_or_less() {
    let e = env().await;
    let count = |level: &'static str| {
        let e = &e;
        async move {
            let (log, guard) = capture(LogFormat::Text, level);
            let r = e
                .call("POST", "/api/v1/children", Some("party-a"), Some(BODY))
                .await;
            assert_eq!(r.status, StatusCode::CREATED);
            drop(guard);
            log.text().lines().count()
        }
    };
    let warn = count("warn").await;
    let info = count("info").await;
    let debug = count("debug").await;
    assert_eq!(warn, 0, "a 200 logs nothing at warn");
    assert!(info >= 1, "info logs the request line");
    assert!(
        debug > info,
        "debug gives more than info ({debug} vs {info})"
    );
}
