//! The API takes nothing its OpenAPI document forbids: every value outside
//! a documented vocabulary, length, pattern or bound is refused with a
//! problem document naming the parameter (400 in the query string, 422 in
//! the body), and the refusal never quotes a name or a date of birth.

use crate::api_support::env;

/// `(method, path, login, body, status, parameter)`.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    u16,
    &'static str,
);

/// A request the API must refuse, and the parameter the refusal names.
struct Refused {
    method: &'static str,
    path: String,
    login: &'static str,
    body: Option<String>,
    status: u16,
    name: &'static str,
}

impl Refused {
    fn post(path: &str, body: Option<String>, status: u16, name: &'static str) -> Refused {
        Refused {
            method: "POST",
            path: path.to_owned(),
            login: "coordinator",
            body,
            status,
            name,
        }
    }
}

const CHILD: &str = r#""given_name":"Тарас","family_name":"Бондар","sex":"M""#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_value_the_document_forbids_is_refused_naming_the_parameter() {
    let e = env().await;
    let long_name = format!(
        r#"{{"given_name":"{}","family_name":"Бондар","birth_date":"2014","sex":"M"}}"#,
        "я".repeat(201)
    );
    let mapping = format!(
        "/api/v1/imports?party={{org_a}}&mapping={}",
        "a".repeat(4097)
    );
    let trip_legs = format!(
        r#"{{"name":"T","capacity":3,"legs":[{}]}}"#,
        vec![
            r#"{"from_place":"A","to_place":"B","carrier":"C","departs_at":"2026-09-21T14:13:20Z","arrives_at":"2027-01-01T00:00:00Z"}"#;
            21
        ]
        .join(",")
    );
    let mut all: Vec<Refused> = vec![
        Refused::post("/api/v1/children", Some(long_name), 422, "given_name"),
        Refused::post(&mapping, Some(String::new()), 400, "mapping"),
        Refused::post("/api/v1/trips", Some(trip_legs), 422, "legs"),
    ];
    let birth = |d: &str| format!(r#"{{{CHILD},"birth_date":"{d}"}}"#);
    let birth_dates = [
        birth("2014-04-31"),
        birth("29.02.2015"),
        birth("1899"),
        birth("٢٠١٤"),
        birth(" 2014"),
        birth("age 26 on 2026-01-01"),
    ];
    let cases: &[Case] = &[
        (
            "GET",
            "/api/v1/children?sex=",
            "coordinator",
            None,
            400,
            "sex",
        ),
        (
            "GET",
            "/api/v1/children?sex=m",
            "coordinator",
            None,
            400,
            "sex",
        ),
        (
            "GET",
            "/api/v1/children?custody=prison",
            "coordinator",
            None,
            400,
            "custody",
        ),
        (
            "GET",
            "/api/v1/children?case_state=",
            "coordinator",
            None,
            400,
            "case_state",
        ),
        (
            "GET",
            "/api/v1/cases?state=lost",
            "coordinator",
            None,
            400,
            "state",
        ),
        (
            "GET",
            "/api/v1/tracing-requests?status=closed",
            "coordinator",
            None,
            400,
            "status",
        ),
        (
            "GET",
            "/api/v1/tracing-requests?status=",
            "coordinator",
            None,
            400,
            "status",
        ),
        (
            "GET",
            "/api/v1/access-log?record_kind=user",
            "coordinator",
            None,
            400,
            "record_kind",
        ),
        (
            "GET",
            "/api/v1/exports/children?format=pdf",
            "coordinator",
            None,
            400,
            "format",
        ),
        (
            "GET",
            "/api/v1/exports/children?format=",
            "coordinator",
            None,
            400,
            "format",
        ),
        (
            "GET",
            "/api/v1/ledger/proof/inclusion?seq=0&size=1",
            "coordinator",
            None,
            400,
            "seq",
        ),
        (
            "GET",
            "/api/v1/ledger/proof/consistency?from=1&to=9007199254740992",
            "coordinator",
            None,
            400,
            "to",
        ),
        (
            "POST",
            "/api/v1/imports?party={org_a}&lang=",
            "coordinator",
            Some(""),
            400,
            "lang",
        ),
        (
            "POST",
            "/api/v1/imports?party={org_a}&lang=UK",
            "coordinator",
            Some(""),
            400,
            "lang",
        ),
        (
            "POST",
            "/api/v1/imports?party={org_a}&kind=",
            "coordinator",
            Some(""),
            400,
            "kind",
        ),
        (
            "POST",
            "/api/v1/imports?party={org_a}&list_name=%20%20",
            "coordinator",
            Some(""),
            400,
            "list_name",
        ),
        (
            "POST",
            "/api/v1/children",
            "coordinator",
            Some(
                r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"2014","sex":"M","lang":""}"#,
            ),
            422,
            "lang",
        ),
        (
            "POST",
            "/api/v1/children",
            "coordinator",
            Some(
                r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"2014","sex":"M","list_name":null,"org_id":""}"#,
            ),
            422,
            "org_id",
        ),
        (
            "POST",
            "/api/v1/children/{a_child}/custody",
            "coordinator",
            Some(r#"{"kind":"hospital","since":"2024-02-30","place_name":"Лікарня"}"#),
            422,
            "since",
        ),
        (
            "POST",
            "/api/v1/children/{a_child}/custody",
            "coordinator",
            Some(r#"{"kind":"hospital","since":"2024-02","place_name":" "}"#),
            422,
            "place_name",
        ),
        (
            "POST",
            "/api/v1/children/{a_child}/family-members",
            "coordinator",
            Some(r#"{"relationship":"cousin","given_name":"Олена","family_name":"Бондар"}"#),
            422,
            "relationship",
        ),
        (
            "POST",
            "/api/v1/tracing-requests",
            "coordinator",
            Some(
                r#"{"org_id":"{org_a}","requester_given_name":"Олена","requester_family_name":"Бондар","child_given_name":"Тарас","child_family_name":"Бондар","child_birth_date":""}"#,
            ),
            422,
            "child_birth_date",
        ),
        (
            "POST",
            "/api/v1/cases/{a_case}/transitions",
            "coordinator",
            Some(r#"{"action":"hold","reason":"   "}"#),
            422,
            "reason",
        ),
        (
            "POST",
            "/api/v1/cases/{a_case}/evidence",
            "coordinator",
            Some(r#"{"kind":"identity","description":"\u001c"}"#),
            422,
            "description",
        ),
        (
            "POST",
            "/api/v1/trips",
            "coordinator",
            Some(
                r#"{"name":"T","capacity":10001,"legs":[{"from_place":"A","to_place":"B","carrier":"C","departs_at":"2026-09-21T14:13:20Z","arrives_at":"2027-01-01T00:00:00Z"}]}"#,
            ),
            422,
            "capacity",
        ),
        (
            "POST",
            "/api/v1/trips",
            "coordinator",
            Some(
                r#"{"name":"T","capacity":3,"legs":[{"from_place":"A","to_place":"B","carrier":"C","departs_at":"2026-09-21T14:13:20Z","arrives_at":"2027-01-01T00:00:00Z"}],"escorts":["{u_escort}","{u_escort}"]}"#,
            ),
            422,
            "escorts",
        ),
        (
            "POST",
            "/api/v1/trips",
            "coordinator",
            Some(
                r#"{"name":"T","capacity":3,"legs":[{"from_place":"A","to_place":"B","carrier":"C","departs_at":"2026-09-21 14:13:20Z","arrives_at":"2027-01-01T00:00:00Z"}]}"#,
            ),
            422,
            "departs_at",
        ),
        (
            "POST",
            "/api/v1/organisations",
            "admin",
            Some(r#"{"name":"Embassy","kind":"mediator","side":"A"}"#),
            422,
            "side",
        ),
        (
            "POST",
            "/api/v1/organisations",
            "admin",
            Some(r#"{"name":"Party C","kind":"party"}"#),
            422,
            "side",
        ),
        (
            "PUT",
            "/api/v1/organisations/{org_a}/witness-key",
            "admin",
            Some(r#"{"verifier_key":" witness+0a1b2c3d+AAAA"}"#),
            422,
            "verifier_key",
        ),
        (
            "POST",
            "/api/v1/users",
            "admin",
            Some(
                r#"{"login":"ім'я","org_id":"{org_a}","role":"party_officer","password":"long enough password"}"#,
            ),
            422,
            "login",
        ),
        (
            "POST",
            "/api/v1/auth/password",
            "caseworker",
            Some(r#"{"current_password":"homeward-demo","new_password":"short"}"#),
            422,
            "new_password",
        ),
    ];
    all.extend(cases.iter().map(|(m, p, l, b, s, n)| Refused {
        method: m,
        path: p.to_string(),
        login: l,
        body: b.map(str::to_owned),
        status: *s,
        name: n,
    }));
    all.extend(
        birth_dates
            .iter()
            .map(|b| Refused::post("/api/v1/children", Some(b.clone()), 422, "birth_date")),
    );
    for Refused {
        method,
        path,
        login,
        body,
        status,
        name,
    } in &all
    {
        let r = e.call(method, path, Some(login), body.as_deref()).await;
        let what = format!("{method} {}", &path[..path.len().min(80)]);
        assert_eq!(r.status.as_u16(), *status, "{what}: {}", r.text);
        assert_eq!(
            r.headers["content-type"], "application/problem+json",
            "{what}"
        );
        let detail = r.body["detail"].as_str().unwrap_or_default();
        assert!(
            detail.contains(name),
            "{what}: '{detail}' does not name {name}"
        );
        for personal in [
            "Тарас",
            "Бондар",
            "Олена",
            "2014-04-31",
            "29.02.2015",
            "яяя",
        ] {
            assert!(
                !detail.contains(personal),
                "{what}: '{detail}' quotes what was sent"
            );
        }
    }
}

/// The same values, within the rules, are taken: the refusals above come
/// from the rules, not from the requests' other members.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn values_within_the_documented_rules_are_taken() {
    let e = env().await;
    let cases: &[(&str, &str, &str, Option<&str>, u16)] = &[
        (
            "GET",
            "/api/v1/children?sex=F&custody=hospital&case_state=verified",
            "coordinator",
            None,
            200,
        ),
        (
            "GET",
            "/api/v1/tracing-requests?status=open",
            "coordinator",
            None,
            200,
        ),
        (
            "GET",
            "/api/v1/access-log?record_kind=tracing_request",
            "coordinator",
            None,
            200,
        ),
        (
            "GET",
            "/api/v1/ledger/proof/inclusion?seq=1&size=1",
            "coordinator",
            None,
            200,
        ),
        (
            "POST",
            "/api/v1/children",
            "coordinator",
            Some(
                r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"29.02.2016","sex":"male","lang":"uk-Latn","birth_place":"","list_name":null}"#,
            ),
            201,
        ),
        (
            "POST",
            "/api/v1/children",
            "coordinator",
            Some(
                r#"{"given_name":"Тарас","family_name":"Бондар","birth_date":"age 9 on 2026-04-30","sex":"f"}"#,
            ),
            201,
        ),
        (
            "POST",
            "/api/v1/children/{a_child}/custody",
            "coordinator",
            Some(r#"{"kind":"hospital","since":"2024-02-29","place_name":"Лікарня"}"#),
            201,
        ),
        (
            "POST",
            "/api/v1/trips",
            "coordinator",
            Some(
                r#"{"name":"T","capacity":10000,"legs":[{"from_place":"A","to_place":"B","carrier":"C","departs_at":"2016-12-31T23:59:60Z","arrives_at":"2027-01-01T00:00:00Z"}],"escorts":["{u_escort}"]}"#,
            ),
            201,
        ),
        (
            "POST",
            "/api/v1/organisations",
            "admin",
            Some(r#"{"name":"Transit C","kind":"transit","side":null}"#),
            201,
        ),
    ];
    for (method, path, login, body, status) in cases {
        let r = e.call(method, path, Some(login), *body).await;
        assert_eq!(r.status.as_u16(), *status, "{method} {path}: {}", r.text);
    }
}

/// The document states the rules the handlers apply, from the same
/// constants.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_states_the_rules_the_handlers_apply() {
    use homeward_server::api::values;
    let e = env().await;
    let doc = e.call("GET", "/api/v1/openapi.json", None, None).await.body;
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["ChildIn"]["properties"]["birth_date"]["pattern"],
        values::BIRTH_DATE.as_str()
    );
    assert_eq!(
        schemas["CustodyIn"]["properties"]["since"]["pattern"],
        values::PARTIAL_DATE.as_str()
    );
    assert_eq!(
        schemas["ChildIn"]["properties"]["given_name"]["pattern"],
        values::NOT_BLANK.as_str()
    );
    assert_eq!(
        schemas["ChildIn"]["properties"]["given_name"]["maxLength"],
        200
    );
    let param = |path: &str, method: &str, name: &str| {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{method} {path} has no parameter {name}"))
            .clone()
    };
    let sex = param("/api/v1/children", "get", "sex");
    assert_eq!(sex["schema"]["enum"], serde_json::json!(["M", "F"]));
    assert!(sex["description"].is_string(), "{sex}");
    let mapping = param("/api/v1/imports", "post", "mapping");
    assert_eq!(mapping["schema"]["maxLength"], 4096);
    let seq = param("/api/v1/ledger/proof/inclusion", "get", "seq");
    assert_eq!(seq["required"], true);
    assert_eq!(seq["schema"]["minimum"], 1);
    assert_eq!(seq["schema"]["maximum"], values::MAX_TREE_SIZE);
    // Every operation documents 414: the HTTP server answers it before any
    // route for an address longer than it reads.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                op["responses"].get("414").is_some(),
                "{method} {path} documents no 414"
            );
        }
    }
}
