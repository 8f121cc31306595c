//! The review queue in the store: proposals enter once, decisions are
//! events that join records (or link a tracing request) and can be undone,
//! refusals change nothing, erasure takes the reasons with it, and the
//! ledger verifies after each step — on SQLite and on PostgreSQL.

mod common;

use common::*;
use homeward_domain::event::ErasureReason;
use homeward_domain::*;
use homeward_store::read::MatchFilter;
use homeward_store::seed::Cast;
use homeward_store::{Store, StoreError};

async fn register(store: &Store, actor: &Actor, family: &str, given: &str) -> ChildId {
    let id = ChildId(Store::new_id());
    store
        .execute(
            actor,
            Command::RegisterChild {
                child_id: id.clone(),
                org_id: actor.org.clone(),
                list_name: format!("{} list", actor.org),
                import_id: None,
                details: child_details(family, given),
            },
        )
        .await
        .unwrap();
    id
}

fn proposal(kind: MatchKind, a: &ChildId, b: &str, score_ppm: u32) -> ProposedMatch {
    ProposedMatch {
        match_id: MatchId(Store::new_id()),
        kind,
        a: a.clone(),
        b: b.to_owned(),
        score_ppm,
        renamed: false,
        fields: vec![FieldScore {
            field: "family_name".into(),
            level: "exact".into(),
            weight_cbits: 812,
        }],
    }
}

async fn queue(store: &Store, status: Option<MatchStatus>) -> Vec<homeward_store::read::MatchRow> {
    store
        .matches(&MatchFilter {
            status,
            limit: 100,
            ..MatchFilter::default()
        })
        .await
        .unwrap()
        .items
}

async fn decide(
    store: &Store,
    actor: &Actor,
    id: &MatchId,
    decision: MatchDecision,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    store
        .execute(
            actor,
            Command::DecideMatch {
                match_id: id.clone(),
                decision,
                reason: reason.map(str::to_owned),
            },
        )
        .await
        .map(|_| ())
}

async fn two_records(f: &Fixture) -> (Cast, ChildId, ChildId) {
    let (cast, _) = world(&f.store).await;
    let a = register(&f.store, &cast.party_a, "Шевченко", "Олександр").await;
    let b = register(&f.store, &cast.party_b, "Шевченко", "Александр").await;
    (cast, a, b)
}

async fn proposals_enter_once_and_confirming_joins_the_records(f: &Fixture) {
    let (cast, a, b) = two_records(f).await;
    let s = &f.store;
    let m = proposal(MatchKind::Parties, &a, b.as_str(), 973_000);
    let again_reversed = proposal(MatchKind::Parties, &b, a.as_str(), 900_000);
    s.execute(
        &cast.coordinator,
        Command::ProposeMatches {
            matches: vec![m.clone()],
        },
    )
    .await
    .unwrap();
    // The same pair in either order is not queued twice.
    s.execute(
        &cast.coordinator,
        Command::ProposeMatches {
            matches: vec![again_reversed],
        },
    )
    .await
    .unwrap();
    let pending = queue(s, Some(MatchStatus::Pending)).await;
    assert_eq!(pending.len(), 1);
    let row = &pending[0];
    assert_eq!(row.id, m.match_id);
    assert_eq!(row.score_ppm, 973_000);
    assert_eq!(row.a_party.as_ref(), Some(&cast.party_a.org));
    assert_eq!(row.b_party.as_ref(), Some(&cast.party_b.org));
    assert_eq!(row.fields, m.fields);

    // A party officer does not decide matches; nothing changes.
    let refused = decide(s, &cast.party_a, &m.match_id, MatchDecision::Confirm, None).await;
    assert!(
        matches!(refused, Err(StoreError::Refused(Refusal::Forbidden(_)))),
        "{refused:?}"
    );
    assert_eq!(queue(s, Some(MatchStatus::Pending)).await.len(), 1);

    decide(
        s,
        &cast.caseworker,
        &m.match_id,
        MatchDecision::Confirm,
        Some("same birth certificate"),
    )
    .await
    .unwrap();
    let b_row = s.child_summary(&b).await.unwrap().unwrap();
    assert_eq!(b_row.joined_to.as_ref(), Some(&a));
    let sources = s.child_sources(&a).await.unwrap();
    let ids: Vec<&ChildId> = sources.iter().map(|c| &c.id).collect();
    assert_eq!(ids, [&a, &b]);
    assert_eq!(queue(s, Some(MatchStatus::Confirmed)).await.len(), 1);
    // A second decision waits for an undo.
    let again = decide(
        s,
        &cast.caseworker,
        &m.match_id,
        MatchDecision::Reject,
        None,
    )
    .await;
    assert!(
        matches!(again, Err(StoreError::Refused(Refusal::Conflict(_)))),
        "{again:?}"
    );
    verified(s).await;

    // Undo: pending again, the records separate.
    s.execute(
        &cast.coordinator,
        Command::UndoMatchDecision {
            match_id: m.match_id.clone(),
            reason: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(s.child_summary(&b).await.unwrap().unwrap().joined_to, None);
    assert_eq!(queue(s, Some(MatchStatus::Pending)).await.len(), 1);
    decide(
        s,
        &cast.coordinator,
        &m.match_id,
        MatchDecision::Reject,
        None,
    )
    .await
    .unwrap();
    assert_eq!(s.child_summary(&b).await.unwrap().unwrap().joined_to, None);
    // The engine may propose the pair again: it stays rejected.
    s.execute(
        &cast.coordinator,
        Command::ProposeMatches {
            matches: vec![proposal(MatchKind::Parties, &a, b.as_str(), 990_000)],
        },
    )
    .await
    .unwrap();
    assert_eq!(queue(s, None).await.len(), 1);
    assert_eq!(queue(s, Some(MatchStatus::Rejected)).await.len(), 1);
    verified(s).await;
}

async fn confirming_a_tracing_match_links_the_request_and_undo_unlinks_it(f: &Fixture) {
    let (cast, a, _) = two_records(f).await;
    let s = &f.store;
    let request = TracingRequestId(Store::new_id());
    s.execute(
        &cast.party_a,
        Command::FileTracingRequest {
            request_id: request.clone(),
            org_id: cast.party_a.org.clone(),
            details: TracingDetails {
                requester: child_details("Шевченко", "Оксана").names[0].clone(),
                requester_relationship: Some(Relationship::Mother),
                child: child_details("Шевченко", "Олександр"),
                last_seen: "Kharkiv".into(),
            },
        },
    )
    .await
    .unwrap();
    let m = proposal(MatchKind::Tracing, &a, request.as_str(), 800_000);
    s.execute(
        &cast.coordinator,
        Command::ProposeMatches {
            matches: vec![m.clone()],
        },
    )
    .await
    .unwrap();
    decide(
        s,
        &cast.coordinator,
        &m.match_id,
        MatchDecision::Confirm,
        None,
    )
    .await
    .unwrap();
    let t = s.tracing_request(&request).await.unwrap().unwrap();
    assert_eq!(
        (t.child_id.as_ref(), t.status.as_str()),
        (Some(&a), "linked")
    );
    s.execute(
        &cast.coordinator,
        Command::UndoMatchDecision {
            match_id: m.match_id.clone(),
            reason: Some("wrong child".into()),
        },
    )
    .await
    .unwrap();
    let t = s.tracing_request(&request).await.unwrap().unwrap();
    assert_eq!((t.child_id, t.status.as_str()), (None, "open"));
    verified(s).await;
}

async fn erased_records_are_not_joined_and_take_the_reasons_with_them(f: &Fixture) {
    let (cast, a, b) = two_records(f).await;
    let s = &f.store;
    let first = proposal(MatchKind::Parties, &a, b.as_str(), 700_000);
    s.execute(
        &cast.coordinator,
        Command::ProposeMatches {
            matches: vec![first.clone()],
        },
    )
    .await
    .unwrap();
    let reason = "Мати впізнала Сашка на фото";
    decide(
        s,
        &cast.coordinator,
        &first.match_id,
        MatchDecision::Unsure,
        Some(reason),
    )
    .await
    .unwrap();
    s.execute(
        &cast.coordinator,
        Command::ErasePersonalData {
            child_id: b.clone(),
            reason: ErasureReason::FamilyRequest,
        },
    )
    .await
    .unwrap();
    let refused = decide(
        s,
        &cast.coordinator,
        &first.match_id,
        MatchDecision::Confirm,
        None,
    )
    .await;
    assert!(
        matches!(refused, Err(StoreError::Refused(Refusal::Conflict(_)))),
        "{refused:?}"
    );
    assert_eq!(s.child_summary(&b).await.unwrap().unwrap().joined_to, None);
    // A proposal naming an erased record is left out.
    let c = register(&f.store, &cast.party_a, "Коваль", "Іван").await;
    s.execute(
        &cast.coordinator,
        Command::ProposeMatches {
            matches: vec![proposal(MatchKind::Duplicate, &c, b.as_str(), 600_000)],
        },
    )
    .await
    .unwrap();
    assert_eq!(queue(s, None).await.len(), 1);
    // The decision's reason was erased with the child.
    verified(s).await;
    let texts: Vec<String> = sqlx::query_scalar::<_, Vec<u8>>("SELECT data FROM ledger_personal")
        .fetch_all(s.pool())
        .await
        .unwrap()
        .into_iter()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    assert!(!texts.is_empty());
    assert!(
        !texts.iter().any(|t| t.contains("впізнала")),
        "the reason outlived the erasure"
    );
}

async fn the_queue_pages_by_key_in_score_order(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let s = &f.store;
    let a = register(s, &cast.party_a, "Бойко", "Іван").await;
    let mut proposals = Vec::new();
    for (i, score) in [500_000, 900_000, 700_000, 900_000].into_iter().enumerate() {
        let b = register(s, &cast.party_b, "Бойко", &format!("Иван{i}")).await;
        proposals.push(proposal(MatchKind::Parties, &a, b.as_str(), score));
    }
    s.execute(
        &cast.coordinator,
        Command::ProposeMatches { matches: proposals },
    )
    .await
    .unwrap();
    let mut filter = MatchFilter {
        limit: 1,
        ..MatchFilter::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = s.matches(&filter).await.unwrap();
        assert_eq!(page.total as usize, 4 - seen.len());
        let Some(last) = page.items.last() else { break };
        seen.push((last.score_ppm, last.id.clone()));
        filter.after = Some((last.score_ppm, last.id.clone()));
    }
    let scores: Vec<u32> = seen.iter().map(|(s, _)| *s).collect();
    assert_eq!(scores, [900_000, 900_000, 700_000, 500_000]);
    assert!(seen[0].1 < seen[1].1, "ties in id order");
}

conformance!(
    the_queue_pages_by_key_in_score_order,
    proposals_enter_once_and_confirming_joins_the_records,
    confirming_a_tracing_match_links_the_request_and_undo_unlinks_it,
    erased_records_are_not_joined_and_take_the_reasons_with_them,
);
