//! One conformance suite, run on SQLite and on PostgreSQL.
//!
//! The fixture and the `conformance!` macro are in `common/mod.rs`.

use homeward_domain::event::{ErasureReason, RecordKind};
use homeward_domain::*;
use homeward_store::seed;
mod common;

use common::*;
use homeward_store::{Store, StoreConfig, StoreError};
use sqlx::{Executor, Row};

conformance!(
    a_new_ledger_holds_its_key_and_verifies,
    a_case_runs_from_identified_to_closed,
    a_refused_transition_leaves_everything_as_it_was,
    a_failed_write_leaves_nothing_behind,
    changing_any_projection_row_is_detected,
    changing_the_ledger_is_detected,
    erasure_keeps_the_proofs_and_reports_itself,
    deleting_personal_data_without_an_erasure_is_detected,
    the_bundle_verifies_offline,
    every_case_state_is_reachable,
    a_refused_batch_writes_nothing,
    changing_any_cell_of_any_projection_is_detected,
    reads_become_ledger_entries_and_still_verify,
    names_are_found_in_any_script_and_the_cache_rebuilds,
    lists_show_each_viewer_only_its_rows,
);

async fn a_new_ledger_holds_its_key_and_verifies(f: &Fixture) {
    let s = verified(&f.store).await;
    assert_eq!(s.entries, 1);
    assert_eq!(f.store.count("ledger_keys").await.unwrap(), 1);
}

async fn a_case_runs_from_identified_to_closed(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    let case = seed::drive_case(&f.store, &cast, &child, &trip, CaseState::Closed)
        .await
        .unwrap();
    assert_eq!(f.store.case_state(&case).await.unwrap(), CaseState::Closed);
    assert_eq!(f.store.count("case_history").await.unwrap(), 10);
    let s = verified(&f.store).await;
    assert_eq!(s.entries, f.store.ledger_size().await.unwrap());
}

async fn a_refused_transition_leaves_everything_as_it_was(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    let case = seed::drive_case(&f.store, &cast, &child, &trip, CaseState::Submitted)
        .await
        .unwrap();
    // Only party A has approved: approval must be refused, naming party B.
    f.store
        .execute(
            &cast.party_a,
            Command::RecordPartyDecision {
                dispute: None,
                case_id: case.clone(),
                decision: Decision::Approve,
                note: "ok".into(),
            },
        )
        .await
        .unwrap();
    let before = f.store.ledger_size().await.unwrap();
    let head = f.store.head().await.unwrap().unwrap();
    let err = f
        .store
        .execute(
            &cast.coordinator,
            Command::TransitionCase {
                case_id: case.clone(),
                action: CaseAction::Approve,
                reason: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "precondition failed: party B has not approved this case yet"
    );
    assert_eq!(f.store.ledger_size().await.unwrap(), before);
    assert_eq!(f.store.head().await.unwrap().unwrap().size, head.size);
    assert_eq!(
        f.store.case_state(&case).await.unwrap(),
        CaseState::Submitted
    );
    // A party may not approve for the other side either.
    let err = f
        .store
        .execute(
            &cast.escort,
            Command::TransitionCase {
                case_id: case.clone(),
                action: CaseAction::Approve,
                reason: None,
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Refused(Refusal::Transition(TransitionError::RoleNotAllowed { .. }))
    ));
    verified(&f.store).await;
}

async fn a_failed_write_leaves_nothing_behind(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    let before = f.store.ledger_size().await.unwrap();
    // The same family-member id twice: the domain accepts it, the table's
    // primary key rejects it after the ledger entry was written.
    let member = FamilyMemberId(Store::new_id());
    let add = || Command::AddFamilyMember {
        member_id: member.clone(),
        child_id: child.clone(),
        relationship: Relationship::Father,
        details: FamilyMemberDetails {
            name: PersonName {
                family_name: "Шевченко".into(),
                given_name: "Петро".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    };
    f.store.execute(&cast.caseworker, add()).await.unwrap();
    let err = f.store.execute(&cast.caseworker, add()).await.unwrap_err();
    assert!(matches!(err, StoreError::Database(_)), "{err}");
    assert_eq!(f.store.ledger_size().await.unwrap(), before + 1);
    // The in-memory tree forgot the failed leaf: the next write and the
    // verification both agree with the database.
    register_child(&f.store, &cast).await;
    verified(&f.store).await;
}

async fn expect_mismatch(f: &Fixture, needle: &str) {
    match f.store.verify(None).await {
        Ok(s) => panic!("tampering was not detected ({s})"),
        Err(e) => assert!(
            e.to_string().contains(needle),
            "'{e}' should mention '{needle}'"
        ),
    }
}

async fn changing_any_projection_row_is_detected(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    let case = seed::drive_case(&f.store, &cast, &child, &trip, CaseState::Closed)
        .await
        .unwrap();
    verified(&f.store).await;
    // One change at a time, each undone before the next.
    let changes: &[(&str, &str, &str)] = &[
        (
            "UPDATE cases SET state = 'approved'",
            "UPDATE cases SET state = 'closed'",
            "table cases: row",
        ),
        (
            "UPDATE children SET birth_year = 2010",
            "UPDATE children SET birth_year = 2014",
            "column birth_year",
        ),
        (
            "UPDATE users SET role = 'coordinator' WHERE login = 'party-a'",
            "UPDATE users SET role = 'party_officer' WHERE login = 'party-a'",
            "table users",
        ),
        (
            "UPDATE case_history SET note = 'x' WHERE action = 'verify'",
            "UPDATE case_history SET note = NULL WHERE action = 'verify'",
            "table case_history",
        ),
        (
            "UPDATE trip_legs SET carrier = 'other' WHERE position = 1",
            "UPDATE trip_legs SET carrier = 'Charter flight HW-1' WHERE position = 1",
            "column carrier",
        ),
        (
            "INSERT INTO case_decisions (seq, case_id, org_id, decision, note) SELECT 999999, id, party_a, 'object', NULL FROM cases",
            "DELETE FROM case_decisions WHERE seq = 999999",
            "is not produced by any ledger entry",
        ),
    ];
    for (change, undo, needle) in changes {
        f.tamper(change).await;
        expect_mismatch(f, needle).await;
        f.tamper(undo).await;
        verified(&f.store).await;
    }
    let _ = case;
    f.tamper("DELETE FROM case_follow_ups").await;
    expect_mismatch(f, "table case_follow_ups: row").await;
}

async fn changing_the_ledger_is_detected(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    register_child(&f.store, &cast).await;
    f.tamper("UPDATE ledger_entries SET kind = 'case_opened' WHERE seq = 3")
        .await;
    expect_mismatch(f, "ledger_entries row 3").await;
    f.tamper("UPDATE ledger_entries SET kind = 'organisation_registered' WHERE seq = 3")
        .await;
    verified(&f.store).await;
    f.tamper("DELETE FROM ledger_checkpoints").await;
    f.tamper("DELETE FROM ledger_head").await;
    expect_mismatch(f, "checkpoint").await;
}

async fn erasure_keeps_the_proofs_and_reports_itself(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    seed::drive_case(&f.store, &cast, &child, &trip, CaseState::Reunited)
        .await
        .unwrap();
    let before = verified(&f.store).await;
    assert_eq!(before.redacted, 0);
    f.store
        .execute(
            &cast.coordinator,
            Command::ErasePersonalData {
                child_id: child.clone(),
                reason: ErasureReason::FamilyRequest,
            },
        )
        .await
        .unwrap();
    let after = verified(&f.store).await;
    // The child's record, its mother, and the notes on its case.
    assert!(after.redacted >= 8, "{after}");
    let row = sqlx::query_scalar::<_, Option<String>>("SELECT details FROM children")
        .fetch_one(f.store.pool())
        .await
        .unwrap();
    assert_eq!(row, None);
}

async fn deleting_personal_data_without_an_erasure_is_detected(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    register_child(&f.store, &cast).await;
    f.tamper("UPDATE children SET details = NULL, sex = NULL, birth_year = NULL")
        .await;
    let last = f.store.ledger_size().await.unwrap();
    f.tamper(&format!("DELETE FROM ledger_personal WHERE seq = {last}"))
        .await;
    expect_mismatch(f, "no erasure was recorded").await;
}

async fn the_bundle_verifies_offline(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    seed::drive_case(&f.store, &cast, &child, &trip, CaseState::InTransit)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.bundle");
    let n = f
        .store
        .export_bundle(std::fs::File::create(&path).unwrap())
        .await
        .unwrap();
    let key = f.store.public_key().unwrap();
    let report =
        homeward_ledger::verify_bundle(std::fs::File::open(&path).unwrap(), Some(&key)).unwrap();
    assert_eq!(report.entries, n);
    // The bundle carries no personal data: a name registered above is absent.
    let bytes = std::fs::read(&path).unwrap();
    let needle = "Шевченко".as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
}

async fn every_case_state_is_reachable(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    for state in CaseState::ALL {
        let child = register_child(&f.store, &cast).await;
        let case = seed::drive_case(&f.store, &cast, &child, &trip, state)
            .await
            .unwrap();
        assert_eq!(f.store.case_state(&case).await.unwrap(), state);
    }
    let by_state = f.store.cases_by_state().await.unwrap();
    assert_eq!(by_state.len(), 14);
    verified(&f.store).await;
}

async fn a_refused_batch_writes_nothing(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let before = f.store.ledger_size().await.unwrap();
    let register = |org: &OrgId| Command::RegisterChild {
        child_id: ChildId(Store::new_id()),
        org_id: org.clone(),
        list_name: "import 7".into(),
        import_id: None,
        details: child_details("Коваленко", "Марія"),
    };
    // The third command registers a child on the other party's list.
    let batch = vec![
        register(&cast.party_a.org),
        register(&cast.party_a.org),
        register(&cast.party_b.org),
        register(&cast.party_a.org),
    ];
    let (index, err) = f.store.execute_all(&cast.party_a, batch).await.unwrap_err();
    assert_eq!(index, 2);
    assert!(
        matches!(err, StoreError::Refused(Refusal::Forbidden(_))),
        "{err}"
    );
    assert_eq!(f.store.ledger_size().await.unwrap(), before);
    assert_eq!(f.store.count("children").await.unwrap(), 0);
    // A good batch lands whole, and the ledger still verifies.
    let batch = (0..3).map(|_| register(&cast.party_a.org)).collect();
    let done = f.store.execute_all(&cast.party_a, batch).await.unwrap();
    assert_eq!(done.seqs.len(), 3);
    assert_eq!(f.store.count("children").await.unwrap(), 3);
    verified(&f.store).await;
}

/// Every column of the first and last row of every projection table, changed
/// one at a time with foreign keys off (as a hand edit would), is detected
/// and named; deleting the row is detected too.
async fn changing_any_cell_of_any_projection_is_detected(f: &Fixture) {
    use homeward_store::schema::{ColType, PROJECTIONS};
    let (cast, trip) = world(&f.store).await;
    let witness = homeward_ledger::WitnessKey::generate("party-a.example/witness").unwrap();
    f.store
        .execute(
            &cast.admin,
            Command::RegisterWitnessKey {
                org_id: cast.party_a.org.clone(),
                verifier_key: witness.verifier_key().to_string(),
            },
        )
        .await
        .unwrap();
    for state in [CaseState::Closed, CaseState::Disputed, CaseState::InTransit] {
        let child = register_child(&f.store, &cast).await;
        seed::drive_case(&f.store, &cast, &child, &trip, state)
            .await
            .unwrap();
    }
    let erased = register_child(&f.store, &cast).await;
    seed::drive_case(&f.store, &cast, &erased, &trip, CaseState::Verified)
        .await
        .unwrap();
    for child in [&erased, &register_child(&f.store, &cast).await] {
        f.store
            .execute(
                &cast.party_a,
                Command::RecordCustody {
                    child_id: child.clone(),
                    kind: CustodyKind::Hospital,
                    since: "2022-03".into(),
                    place: CustodyPlace {
                        place_name: "Regional hospital".into(),
                        address: "Ward 3".into(),
                    },
                },
            )
            .await
            .unwrap();
        let request = TracingRequestId(Store::new_id());
        f.store
            .execute(
                &cast.party_a,
                Command::FileTracingRequest {
                    request_id: request.clone(),
                    org_id: cast.party_a.org.clone(),
                    details: TracingDetails {
                        requester: PersonName {
                            family_name: "Шевченко".into(),
                            given_name: "Оксана".into(),
                            ..Default::default()
                        },
                        requester_relationship: Some(Relationship::Mother),
                        child: child_details("Шевченко", "Олександр"),
                        last_seen: "Харків, 2022".into(),
                    },
                },
            )
            .await
            .unwrap();
        f.store
            .execute(
                &cast.caseworker,
                Command::LinkTracingRequest {
                    request_id: request,
                    child_id: child.clone(),
                },
            )
            .await
            .unwrap();
    }
    f.store
        .execute(
            &cast.coordinator,
            Command::ErasePersonalData {
                child_id: erased,
                reason: ErasureReason::RetentionPeriodEnded,
            },
        )
        .await
        .unwrap();
    f.store
        .record_access(
            &cast.coordinator,
            RecordKind::Child,
            ["some-child"],
            "GET /test",
        )
        .await
        .unwrap();
    // A list of each kind, so imports and external ids are filled too.
    for records in [
        ListedRecords::Children(vec![ListedChild {
            external_id: "A-1".into(),
            new_id: ChildId(Store::new_id()),
            details: child_details("Коваль", "Іван"),
        }]),
        ListedRecords::TracingRequests(vec![ListedRequest {
            external_id: "T-1".into(),
            new_id: TracingRequestId(Store::new_id()),
            details: TracingDetails {
                requester: PersonName {
                    family_name: "Коваль".into(),
                    given_name: "Ганна".into(),
                    ..Default::default()
                },
                requester_relationship: Some(Relationship::Mother),
                child: child_details("Коваль", "Іван"),
                last_seen: "Суми".into(),
            },
        }]),
    ] {
        f.store
            .execute(
                &cast.party_a,
                Command::ImportList {
                    import_id: ImportId(Store::new_id()),
                    org_id: cast.party_a.org.clone(),
                    list: ImportedList {
                        list_name: "list.csv".into(),
                        sha256: "ab".repeat(32),
                        fields: [ListedField::FamilyName, ListedField::GivenName].into(),
                        records,
                    },
                },
            )
            .await
            .unwrap();
    }
    // Two matches: one confirmed (a record joined under another), one pending.
    let (x, y, z) = (
        register_child(&f.store, &cast).await,
        register_child(&f.store, &cast).await,
        register_child(&f.store, &cast).await,
    );
    let proposals: Vec<ProposedMatch> = [(&x, &y), (&x, &z)]
        .into_iter()
        .map(|(a, b)| ProposedMatch {
            match_id: MatchId(Store::new_id()),
            kind: MatchKind::Duplicate,
            a: a.clone(),
            b: b.0.clone(),
            score_ppm: 870_000,
            renamed: false,
            fields: vec![],
        })
        .collect();
    let confirmed = proposals[0].match_id.clone();
    f.store
        .execute(
            &cast.coordinator,
            Command::ProposeMatches { matches: proposals },
        )
        .await
        .unwrap();
    f.store
        .execute(
            &cast.coordinator,
            Command::DecideMatch {
                match_id: confirmed,
                decision: MatchDecision::Confirm,
                reason: Some("one child listed twice".into()),
            },
        )
        .await
        .unwrap();
    verified(&f.store).await;

    let mut conn = f.store.pool().acquire().await.unwrap();
    let (fk_off, fk_on) = match f.pg {
        None => ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON"),
        Some(_) => (
            "SET session_replication_role = replica",
            "SET session_replication_role = DEFAULT",
        ),
    };
    conn.execute(fk_off).await.unwrap();
    let mut checked = 0;
    for spec in PROJECTIONS {
        let rows = conn
            .fetch_all(sqlx::AssertSqlSafe(spec.select_all()))
            .await
            .unwrap();
        assert!(!rows.is_empty(), "the world fills table {}", spec.name);
        let picks = if rows.len() > 1 {
            vec![0, rows.len() - 1]
        } else {
            vec![0]
        };
        for r in picks {
            let row = &rows[r];
            let key_cols: Vec<&str> = spec.columns[..spec.key].iter().map(|(c, _)| *c).collect();
            let filter: Vec<String> = key_cols
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ${}", i + 2))
                .collect();
            let bind_key =
                |mut q: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>| {
                    for (i, (_, ty)) in spec.columns[..spec.key].iter().enumerate() {
                        q = match ty {
                            ColType::Int => q.bind(row.try_get::<i64, _>(i).unwrap()),
                            ColType::Text => q.bind(row.try_get::<String, _>(i).unwrap()),
                        };
                    }
                    q
                };
            for (ci, (col, ty)) in spec.columns.iter().enumerate() {
                let set = |value_sql: &str| {
                    format!(
                        "UPDATE {} SET {col} = {value_sql} WHERE {}",
                        spec.name,
                        filter.join(" AND ")
                    )
                };
                let (changed, original) = match ty {
                    ColType::Int => {
                        let v: Option<i64> = row.try_get(ci).unwrap();
                        (
                            sqlx::query(sqlx::AssertSqlSafe(set("$1")))
                                .bind(v.map_or(7, |v| v + 1_000_000)),
                            sqlx::query(sqlx::AssertSqlSafe(set("$1"))).bind(v),
                        )
                    }
                    ColType::Text => {
                        let v: Option<String> = row.try_get(ci).unwrap();
                        (
                            sqlx::query(sqlx::AssertSqlSafe(set("$1")))
                                .bind(v.clone().map_or("x".to_owned(), |v| format!("{v}x"))),
                            sqlx::query(sqlx::AssertSqlSafe(set("$1"))).bind(v),
                        )
                    }
                };
                let n = bind_key(changed)
                    .execute(&mut *conn)
                    .await
                    .unwrap()
                    .rows_affected();
                assert_eq!(n, 1, "{}.{col}", spec.name);
                match f.store.verify(None).await {
                    Ok(_) => panic!("a change to {}.{col} was not detected", spec.name),
                    Err(e) => assert!(
                        e.to_string().contains(&format!("table {}", spec.name)),
                        "a change to {}.{col} gave '{e}'",
                        spec.name
                    ),
                }
                // The key columns moved if we changed one: restore by the new key.
                let restore = if ci < spec.key {
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(set("$1")));
                    q = match ty {
                        ColType::Int => q.bind(row.try_get::<Option<i64>, _>(ci).unwrap()),
                        ColType::Text => q.bind(row.try_get::<Option<String>, _>(ci).unwrap()),
                    };
                    for (i, (_, kty)) in spec.columns[..spec.key].iter().enumerate() {
                        q = match (kty, i == ci) {
                            (ColType::Int, true) => {
                                q.bind(row.try_get::<i64, _>(i).unwrap() + 1_000_000)
                            }
                            (ColType::Int, false) => q.bind(row.try_get::<i64, _>(i).unwrap()),
                            (ColType::Text, true) => {
                                q.bind(format!("{}x", row.try_get::<String, _>(i).unwrap()))
                            }
                            (ColType::Text, false) => q.bind(row.try_get::<String, _>(i).unwrap()),
                        };
                    }
                    q
                } else {
                    bind_key(original)
                };
                assert_eq!(
                    restore.execute(&mut *conn).await.unwrap().rows_affected(),
                    1
                );
                checked += 1;
            }
        }
    }
    conn.execute(fk_on).await.unwrap();
    drop(conn);
    verified(&f.store).await;
    assert!(checked > 100, "{checked} cells checked");
}

/// Reads recorded through the writer become `record_accessed` entries and
/// `access_log` rows; the ledger still verifies, and a hand edit of the log
/// is caught like any other projection.
async fn reads_become_ledger_entries_and_still_verify(f: &Fixture) {
    use homeward_store::read::AccessLogFilter;
    let (cast, _) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    let before = f.store.ledger_size().await.unwrap();
    for actor in [&cast.coordinator, &cast.party_a, &cast.coordinator] {
        f.store
            .record_access(
                actor,
                RecordKind::Child,
                [child.as_str()],
                "GET /api/v1/children/{id}",
            )
            .await
            .unwrap();
    }
    assert_eq!(f.store.ledger_size().await.unwrap(), before + 3);
    let log = f
        .store
        .access_log(&AccessLogFilter {
            record_kind: Some(RecordKind::Child),
            record_id: Some(child.0.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.total, 3);
    assert_eq!(log.items[0].user_id, cast.coordinator.user, "newest first");
    assert_eq!(log.items[1].login.as_deref(), Some("party-a"));
    assert_eq!(log.items[2].via, "GET /api/v1/children/{id}");
    verified(&f.store).await;

    // Many records read at once (a list page) are recorded together, and
    // concurrent reads share group commits.
    let ids: Vec<String> = (0..520).map(|i| format!("case-{i}")).collect();
    f.store
        .record_access(&cast.caseworker, RecordKind::Case, ids, "page")
        .await
        .unwrap();
    let reads = (0..20).map(|i| {
        let actor = cast.caseworker.clone();
        let store = &f.store;
        async move {
            store
                .record_access(&actor, RecordKind::Case, [format!("case-x{i}")], "page")
                .await
        }
    });
    for r in futures_util::future::join_all(reads).await {
        r.unwrap();
    }
    assert_eq!(f.store.count("access_log").await.unwrap(), 3 + 520 + 20);
    verified(&f.store).await;
    f.tamper("UPDATE access_log SET record_id = 'another' WHERE via = 'page'")
        .await;
    expect_mismatch(f, "table access_log").await;
}

/// The name cache: Latin searches find Cyrillic records, amendments and
/// erasures keep it current, and a rebuild gives the same keys.
async fn names_are_found_in_any_script_and_the_cache_rebuilds(f: &Fixture) {
    use homeward_domain::access::Viewer;
    use homeward_store::read::ChildFilter;
    let (cast, _) = world(&f.store).await;
    let solomiia = ChildId(Store::new_id());
    f.store
        .execute(
            &cast.party_a,
            Command::RegisterChild {
                child_id: solomiia.clone(),
                org_id: cast.party_a.org.clone(),
                list_name: "list".into(),
                import_id: None,
                details: child_details("Шевчук", "Соломія"),
            },
        )
        .await
        .unwrap();
    let oleksandr = register_child(&f.store, &cast).await;
    let search = |q: &'static str| {
        let store = &f.store;
        async move {
            let page = store
                .children(
                    &Viewer::Everything,
                    &ChildFilter {
                        q: Some(q.into()),
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            assert_eq!(page.total, page.items.len() as i64);
            page.items.into_iter().map(|c| c.id).collect::<Vec<_>>()
        }
    };
    let cases: Vec<(&str, Vec<ChildId>)> = vec![
        ("Solomiia Shevchuk", vec![solomiia.clone()]),
        ("Соломия Шевчук", vec![solomiia.clone()]),
        ("Aleksandr Shevchenko", vec![oleksandr.clone()]),
        ("OLEKSANDR", vec![oleksandr.clone()]),
        ("Ivan Shevchenko", vec![]),
        ("!!", vec![]),
    ];
    for (q, want) in &cases {
        assert_eq!(&search(q).await, want, "{q}");
    }
    f.store
        .execute(
            &cast.party_a,
            Command::AmendChild {
                child_id: oleksandr.clone(),
                details: child_details("Іванов", "Олександр"),
            },
        )
        .await
        .unwrap();
    assert_eq!(search("Aleksandr Shevchenko").await, vec![]);
    assert_eq!(search("Aleksandr Ivanov").await, vec![oleksandr.clone()]);
    f.store
        .execute(
            &cast.coordinator,
            Command::ErasePersonalData {
                child_id: oleksandr.clone(),
                reason: ErasureReason::FamilyRequest,
            },
        )
        .await
        .unwrap();
    assert_eq!(search("Aleksandr").await, vec![]);

    let keys = |store: &Store| {
        let pool = store.pool().clone();
        async move {
            sqlx::query("SELECT child_id, key FROM cache_child_names ORDER BY child_id, key")
                .fetch_all(&pool)
                .await
                .unwrap()
                .iter()
                .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
                .collect::<Vec<_>>()
        }
    };
    let live = keys(&f.store).await;
    assert!(!live.is_empty());
    f.tamper("DELETE FROM cache_child_names").await;
    assert_eq!(search("Solomiia").await, vec![]);
    assert_eq!(f.store.rebuild_caches().await.unwrap(), live.len() as u64);
    assert_eq!(keys(&f.store).await, live);
    assert_eq!(search("Solomiia Shevchuk").await, vec![solomiia]);
    verified(&f.store).await;
}

/// Each viewer's lists hold exactly the rows the access policy lets it see.
async fn lists_show_each_viewer_only_its_rows(f: &Fixture) {
    use homeward_domain::access::{Viewer, viewer};
    use homeward_store::read::{CaseFilter, ChildFilter, TracingFilter};
    let (cast, trip) = world(&f.store).await;
    let a_child = register_child(&f.store, &cast).await;
    let b_child = ChildId(Store::new_id());
    f.store
        .execute(
            &cast.party_b,
            Command::RegisterChild {
                child_id: b_child.clone(),
                org_id: cast.party_b.org.clone(),
                list_name: "list".into(),
                import_id: None,
                details: child_details("Петренко", "Іван"),
            },
        )
        .await
        .unwrap();
    // A case between A and B about A's child, booked on the escort's trip.
    seed::drive_case(&f.store, &cast, &a_child, &trip, CaseState::InTransit)
        .await
        .unwrap();
    let children = |v: Viewer| {
        let store = &f.store;
        async move {
            let mut ids: Vec<ChildId> = store
                .children(&v, &ChildFilter::default())
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|c| c.id)
                .collect();
            ids.sort();
            ids
        }
    };
    let mut both = vec![a_child.clone(), b_child.clone()];
    both.sort();
    let cases = [
        (&cast.coordinator, both.clone()),
        (&cast.party_a, vec![a_child.clone()]),
        // Party B sees its own child and A's child, whose case concerns it.
        (&cast.party_b, both.clone()),
        (&cast.escort, vec![a_child.clone()]),
        (&cast.transit_1, vec![]),
        (&cast.auditor, vec![]),
        (&cast.admin, vec![]),
    ];
    for (actor, want) in cases {
        assert_eq!(children(viewer(actor)).await, want, "{:?}", actor.role);
        let cases = f
            .store
            .cases(&viewer(actor), &CaseFilter::default())
            .await
            .unwrap();
        let sees_case = !matches!(
            actor.role,
            Role::TransitOfficer | Role::Auditor | Role::Admin
        );
        assert_eq!(cases.total, i64::from(sees_case), "{:?}", actor.role);
    }
    let t1 = f.store.trips(&viewer(&cast.transit_1)).await.unwrap();
    assert_eq!(t1.len(), 1);
    assert_eq!(t1[0].legs.len(), 1, "a transit state sees only its leg");
    assert_eq!(
        t1[0].legs[0].transit_org.as_ref(),
        Some(&cast.transit_1.org)
    );
    assert!(
        f.store
            .trips(&viewer(&cast.party_a))
            .await
            .unwrap()
            .is_empty()
    );
    let by_state = f
        .store
        .case_counts_by_state(&viewer(&cast.party_b))
        .await
        .unwrap();
    assert_eq!(by_state, vec![(CaseState::InTransit, 1)]);
    let by_party = f
        .store
        .case_counts_by_party(&Viewer::Everything)
        .await
        .unwrap();
    assert_eq!(by_party.len(), 1);
    assert_eq!(by_party[0].org_name, "Party A");
    assert!(
        f.store
            .tracing_requests(&viewer(&cast.auditor), &TracingFilter::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let home = register_child(&f.store, &cast).await;
    seed::drive_case(&f.store, &cast, &home, &trip, CaseState::Closed)
        .await
        .unwrap();
    let months = f
        .store
        .reunited_per_month(&Viewer::Everything)
        .await
        .unwrap();
    assert_eq!(months.len(), 1);
    assert_eq!(months[0].1, 1);
    assert_eq!(months[0].0.len(), "2026-11".len());
}

/// A database whose name cache is empty (migrated from before it existed, or
/// dropped by hand) gets it rebuilt when it is opened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_name_cache_is_rebuilt_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let config = StoreConfig::new(path.to_str().unwrap());
    let store = Store::open(&config).await.unwrap();
    let (cast, _) = world(&store).await;
    register_child(&store, &cast).await;
    let cached = || sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM cache_child_names");
    let before: i64 = cached().fetch_one(store.pool()).await.unwrap();
    assert!(before > 0);
    store
        .pool()
        .execute("DELETE FROM cache_child_names")
        .await
        .unwrap();
    store.close().await;
    let store = Store::open(&config).await.unwrap();
    let after: i64 = cached().fetch_one(store.pool()).await.unwrap();
    assert_eq!(after, before);
    store.close().await;
}
