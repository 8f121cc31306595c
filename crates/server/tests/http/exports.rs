//! Exports of the registry: what the caller may list, as CSV or XLSX that
//! read back as they were written, formulas neutralised, and every child in
//! the file in its access log.

use crate::api_support;

use crate::api_support::{Env, env};
use axum::http::StatusCode;
use homeward_lists::{ListKind, ReadOptions, Records, read_list};

async fn export(e: &Env, login: &str, query: &str) -> api_support::Reply {
    e.call(
        "GET",
        &format!("/api/v1/exports/children{query}"),
        Some(login),
        None,
    )
    .await
}

async fn raw(e: &Env, login: &str, query: &str) -> Vec<u8> {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let req = Request::get(format!("/api/v1/exports/children{query}"))
        .header(
            "authorization",
            format!("Bearer {}", api_support::token_of(login)),
        )
        .body(Body::empty())
        .unwrap();
    let mut req = req;
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            [127, 0, 0, 1],
            4000,
        ))));
    let resp = e.app.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec()
}

fn ids(bytes: &[u8]) -> Vec<String> {
    let list =
        read_list(bytes, &ReadOptions::new(ListKind::Children)).expect("the export reads back");
    assert!(list.errors.is_empty(), "{:?}", list.errors);
    match list.records {
        Records::Children(rows) => rows.into_iter().map(|r| r.id).collect(),
        Records::TracingRequests(_) => panic!("children expected"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_holds_what_the_caller_may_list_and_is_in_each_childs_access_log() {
    let e = env().await;
    let csv = export(&e, "coordinator", "").await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.text);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv.headers["cache-control"], "no-store");
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("children.csv")
    );
    assert!(
        csv.text.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    let header = csv
        .text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap();
    assert!(
        header.starts_with("id,family_name,given_name,patronymic,sex,birth_date,birth_place,"),
        "{header}"
    );
    let all = ids(&raw(&e, "coordinator", "").await);
    assert_eq!(all.len(), 4, "{all:?}");
    for child in ["a_child", "a_solo", "b_child"] {
        assert!(all.contains(&e.ids.get(child).to_owned()), "{child}");
    }
    // No address or contact is exported, even to a coordinator.
    assert!(!csv.text.contains("Garden Street") && !csv.text.contains("Hospital Road"));

    // Party B sees its own child and those in cases concerning it.
    let b = ids(&raw(&e, "party-b", "?format=xlsx").await);
    assert!(b.contains(&e.ids.get("b_child").to_owned()));
    assert!(!b.contains(&e.ids.get("a_solo").to_owned()), "{b:?}");
    // Those who may not list children may not export them.
    assert_eq!(
        export(&e, "auditor", "").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        export(&e, "coordinator", "?format=pdf").await.status,
        StatusCode::BAD_REQUEST
    );

    // Every exported child's access log names the export, once per file.
    let r = e
        .call(
            "GET",
            "/api/v1/children/{a_solo}/access-log",
            Some("coordinator"),
            None,
        )
        .await;
    let exports = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["via"] == "GET /api/v1/exports/children")
        .count();
    assert_eq!(exports, 2, "{}", r.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_that_looks_like_a_formula_is_exported_as_text() {
    let e = env().await;
    let r = e
        .call(
            "POST",
            "/api/v1/children",
            Some("party-a"),
            Some(r#"{"given_name":"=HYPERLINK(\"http://x\")","family_name":"@Бондар","birth_date":"2015","sex":"M"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let csv = export(&e, "party-a", "?q=Bondar").await;
    assert!(csv.text.contains("'@Бондар"), "{}", csv.text);
    assert!(csv.text.contains("'=HYPERLINK"), "{}", csv.text);
    let xlsx = raw(&e, "party-a", "?format=xlsx&q=Bondar").await;
    let list = read_list(&xlsx, &ReadOptions::new(ListKind::Children)).unwrap();
    let Records::Children(rows) = list.records else {
        panic!("children expected")
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].child.family_name, "@Бондар", "read back as written");
}
