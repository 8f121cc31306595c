//! Witnesses on both backends: party keys as ledger events, cosignatures
//! stored with the checkpoints they cover and checked by `verify`, proofs
//! a witness can check, and a forked copy refused by the witness.
//!
//! The fixture and the `conformance!` macro are in `common/mod.rs`.

use homeward_domain::*;
use homeward_ledger::{
    BundleTrust, Checkpoint, VerifierKey, WitnessError, WitnessKey, WitnessState, check_evidence,
    cosign, verify_bundle_with,
};
use homeward_store::seed::Cast;
use homeward_store::{LEDGER_ORIGIN, Store, StoreError};
mod common;

use common::*;

conformance!(
    a_witness_key_is_registered_through_the_ledger,
    only_a_party_gets_a_witness_key_and_only_from_an_admin,
    two_parties_cosign_twice_and_verify_reports_both,
    an_upload_is_taken_only_for_the_uploaders_own_key,
    a_tampered_cosignature_fails_verification,
    a_forked_ledger_is_refused_by_the_witness_with_evidence,
    the_public_figures_come_with_the_checkpoint_they_were_read_at,
    a_partys_decision_records_how_far_its_witness_had_cosigned,
);

const NOW: u64 = 1_800_000_000;

fn mediator_key(store: &Store) -> VerifierKey {
    let public = store.public_key().unwrap();
    VerifierKey::new(LEDGER_ORIGIN, homeward_ledger::KeyType::Ed25519, public).unwrap()
}

async fn register(store: &Store, cast: &Cast, party: &Actor, key: &WitnessKey) {
    store
        .execute(
            &cast.admin,
            Command::RegisterWitnessKey {
                org_id: party.org.clone(),
                verifier_key: key.verifier_key().to_string(),
            },
        )
        .await
        .unwrap();
}

/// One run of a party's witness client, as `homeward ledger cosign` does it
/// against the store directly: fetch the head and a proof, cosign, upload.
async fn run_witness(
    store: &Store,
    party: &Actor,
    key: &WitnessKey,
    state: Option<&WitnessState>,
    now: u64,
) -> Result<WitnessState, WitnessError> {
    let head = store.head().await.unwrap().unwrap();
    let proof = match state {
        Some(s) if s.size() <= head.size => {
            store.consistency_proof(s.size(), head.size).await.unwrap()
        }
        _ => Vec::new(),
    };
    let done = cosign(
        key,
        state,
        &mediator_key(store),
        &head.to_text(),
        &proof,
        now,
    )?;
    let kept = store
        .add_cosignatures(&party.org, &done.checkpoint.to_text())
        .await
        .unwrap();
    assert_eq!(kept.size, head.size);
    assert_eq!(kept.witnesses, vec![key.name().to_owned()]);
    Ok(done.state)
}

async fn a_witness_key_is_registered_through_the_ledger(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let before = f.store.ledger_size().await.unwrap();
    let key = WitnessKey::generate("party-a.example/witness").unwrap();
    register(&f.store, &cast, &cast.party_a, &key).await;
    assert_eq!(f.store.ledger_size().await.unwrap(), before + 1);
    // A new key replaces the old one; both stay on record.
    let second = WitnessKey::generate("party-a.example/witness-2").unwrap();
    register(&f.store, &cast, &cast.party_a, &second).await;
    let keys = f.store.witness_keys().await.unwrap();
    assert_eq!(keys.len(), 2);
    assert!(!keys[0].current);
    assert!(keys[1].current);
    assert_eq!(keys[1].verifier_key, second.verifier_key().to_string());
    verified(&f.store).await;
    // Editing the projection is caught like any other table.
    f.tamper("UPDATE witness_keys SET current = 1").await;
    let err = f.store.verify(None).await.unwrap_err().to_string();
    assert!(err.contains("witness_keys"), "{err}");
}

async fn only_a_party_gets_a_witness_key_and_only_from_an_admin(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let key = WitnessKey::generate("w").unwrap();
    let attempt = |actor: Actor, org: OrgId, text: String| {
        let store = &f.store;
        async move {
            store
                .execute(
                    &actor,
                    Command::RegisterWitnessKey {
                        org_id: org,
                        verifier_key: text,
                    },
                )
                .await
        }
    };
    let vkey = key.verifier_key().to_string();
    let refused = |r: Result<_, StoreError>| match r {
        Err(StoreError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert!(matches!(
        refused(attempt(cast.party_a.clone(), cast.party_a.org.clone(), vkey.clone()).await),
        Refusal::Forbidden(_)
    ));
    assert!(matches!(
        refused(attempt(cast.admin.clone(), cast.transit_1.org.clone(), vkey.clone()).await),
        Refusal::Invalid(_)
    ));
    // The mediator's own kind of key (type 0x01) is not a witness key.
    let med = mediator_key(&f.store).to_string();
    assert!(matches!(
        refused(attempt(cast.admin.clone(), cast.party_a.org.clone(), med).await),
        Refusal::Invalid(_)
    ));
    assert!(matches!(
        refused(
            attempt(
                cast.admin.clone(),
                cast.party_a.org.clone(),
                "nonsense".into()
            )
            .await
        ),
        Refusal::Invalid(_)
    ));
    attempt(cast.admin.clone(), cast.party_a.org.clone(), vkey.clone())
        .await
        .unwrap();
    // The same key (or name) for the other party would make it ambiguous.
    assert!(matches!(
        refused(attempt(cast.admin.clone(), cast.party_b.org.clone(), vkey).await),
        Refusal::Conflict(_)
    ));
}

async fn two_parties_cosign_twice_and_verify_reports_both(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let a = WitnessKey::generate("party-a.example/witness").unwrap();
    let b = WitnessKey::generate("party-b.example/witness").unwrap();
    register(&f.store, &cast, &cast.party_a, &a).await;
    register(&f.store, &cast, &cast.party_b, &b).await;

    let sa = run_witness(&f.store, &cast.party_a, &a, None, NOW)
        .await
        .unwrap();
    let sb = run_witness(&f.store, &cast.party_b, &b, None, NOW)
        .await
        .unwrap();
    let first = sa.size();
    assert_eq!(sb.size(), first);
    register_child(&f.store, &cast).await;
    register_child(&f.store, &cast).await;
    let sa = run_witness(&f.store, &cast.party_a, &a, Some(&sa), NOW + 60)
        .await
        .unwrap();
    let sb = run_witness(&f.store, &cast.party_b, &b, Some(&sb), NOW + 61)
        .await
        .unwrap();
    assert_eq!(sa.size(), first + 2);
    assert_eq!(sb.size(), first + 2);

    // The head carries the mediator's signature and both cosignatures.
    let head = f.store.head().await.unwrap().unwrap();
    head.verify(&f.store.public_key().unwrap()).unwrap();
    let names: Vec<&str> = head.cosignatures().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["party-a.example/witness", "party-b.example/witness"]
    );

    // A later write moves the head on; the cosigned checkpoint is kept.
    register_child(&f.store, &cast).await;
    let cps = f.store.checkpoints().await.unwrap();
    let kept: Vec<&Checkpoint> = cps.iter().filter(|c| c.size == first + 2).collect();
    assert_eq!(kept[0].cosignatures().count(), 2);

    // The dashboard's view: both current keys, how far each cosigned.
    let status = f.store.witness_status().await.unwrap();
    assert_eq!(status.len(), 2);
    assert!(status.iter().all(|w| w.cosigned_size == Some(first + 2)));
    assert_eq!(status[0].cosigned_at, Some(NOW + 60));

    let s = verified(&f.store).await;
    assert_eq!(s.witnesses.len(), 2);
    for w in &s.witnesses {
        assert_eq!(w.cosigned_size, Some(first + 2), "{w:?}");
    }
    assert!(
        s.to_string()
            .contains("witness party-a.example/witness: cosigned up to")
    );
    assert!(s.to_string().contains("(1 behind)"), "{s}");

    // The bundle carries the witness keys and the cosigned checkpoints.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.bundle");
    f.store
        .export_bundle(std::fs::File::create(&path).unwrap())
        .await
        .unwrap();
    let key = f.store.public_key().unwrap();
    let pinned = [a.verifier_key(), b.verifier_key()];
    let report = verify_bundle_with(
        std::fs::File::open(&path).unwrap(),
        BundleTrust {
            ledger_key: Some(&key),
            witnesses: Some(&pinned),
        },
    )
    .unwrap();
    assert_eq!(report.witnesses.len(), 2);
    assert!(
        report
            .witnesses
            .iter()
            .all(|w| w.cosigned_size == Some(first + 2))
    );
}

async fn an_upload_is_taken_only_for_the_uploaders_own_key(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let a = WitnessKey::generate("party-a.example/witness").unwrap();
    let b = WitnessKey::generate("party-b.example/witness").unwrap();
    register(&f.store, &cast, &cast.party_a, &a).await;
    let head = f.store.head().await.unwrap().unwrap();
    let done = cosign(&a, None, &mediator_key(&f.store), &head.to_text(), &[], NOW).unwrap();
    // Party B has no key: refused.
    let err = f
        .store
        .add_cosignatures(&cast.party_b.org, &done.checkpoint.to_text())
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::Forbidden(_))),
        "{err:?}"
    );
    // Party B registered, uploading party A's cosignature: nothing of its own.
    register(&f.store, &cast, &cast.party_b, &b).await;
    let err = f
        .store
        .add_cosignatures(&cast.party_b.org, &done.checkpoint.to_text())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no cosignature"), "{err}");
    // A head replaced since is still taken when it is this ledger's.
    register_child(&f.store, &cast).await;
    let kept = f
        .store
        .add_cosignatures(&cast.party_a.org, &done.checkpoint.to_text())
        .await
        .unwrap();
    assert_eq!(kept.size, head.size);
    // A note the mediator never signed is refused: for a size it keeps, as
    // another text; for a size it no longer keeps, by its signature.
    let other = homeward_ledger::LedgerKey::generate();
    let mut forged = other.sign_checkpoint(LEDGER_ORIGIN, head.size, head.root, head.timestamp + 1);
    forged.add_signature(a.cosign(&forged.body(), NOW)).unwrap();
    let err = f
        .store
        .add_cosignatures(&cast.party_a.org, &forged.to_text())
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("not the stored checkpoint for size"),
        "{err}"
    );
    let mut forged = other.sign_checkpoint(LEDGER_ORIGIN, head.size - 1, head.root, head.timestamp);
    forged.add_signature(a.cosign(&forged.body(), NOW)).unwrap();
    let err = f
        .store
        .add_cosignatures(&cast.party_a.org, &forged.to_text())
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("not signed by this ledger's key"),
        "{err}"
    );
    verified(&f.store).await;
}

async fn a_tampered_cosignature_fails_verification(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let a = WitnessKey::generate("party-a.example/witness").unwrap();
    register(&f.store, &cast, &cast.party_a, &a).await;
    run_witness(&f.store, &cast.party_a, &a, None, NOW)
        .await
        .unwrap();
    let size = f.store.head().await.unwrap().unwrap().size;
    // Replace the cosigned time inside the stored note: the cosignature no
    // longer verifies, and verify says so.
    let cps = f.store.checkpoints().await.unwrap();
    let cp = cps.iter().find(|c| c.size == size).unwrap();
    let mut sig = cp.cosignatures().next().unwrap().clone();
    sig.signature[7] ^= 1;
    let mut bad = cp.clone();
    bad.add_signature(sig).unwrap();
    f.tamper(&format!(
        "UPDATE ledger_checkpoints SET note = '{}' WHERE size = {size}",
        bad.to_text()
    ))
    .await;
    let err = f.store.verify(None).await.unwrap_err().to_string();
    assert!(err.contains("party-a.example/witness"), "{err}");
}

/// A second database signed with the same key: what a mediator showing one
/// party a different history would run. Dropped by the caller.
async fn same_key_fork(f: &Fixture) -> (Store, Option<ScratchDb>) {
    let mut config = f.config.clone();
    config.key_path = Some(f.store.key_path().to_owned());
    let mut fork_db = None;
    match &f.pg {
        None => config.target = f.dir.path().join("fork.db").to_str().unwrap().to_owned(),
        Some(db) => {
            let fork = db.sibling("fork").await;
            config.target = fork.url();
            fork_db = Some(fork);
        }
    }
    (Store::open(&config).await.unwrap(), fork_db)
}

async fn drop_fork(fork: Store, fork_db: Option<ScratchDb>) {
    fork.close().await;
    if let Some(db) = fork_db {
        db.drop().await;
    }
}

async fn a_forked_ledger_is_refused_by_the_witness_with_evidence(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let a = WitnessKey::generate("party-a.example/witness").unwrap();
    register(&f.store, &cast, &cast.party_a, &a).await;
    let state = run_witness(&f.store, &cast.party_a, &a, None, NOW)
        .await
        .unwrap();

    let (fork, pg_name) = same_key_fork(f).await;
    let fork_cast = world(&fork).await.0;
    // The fork reaches the size party A cosigned, with other writes: two
    // roots for one size, a conclusive fork.
    while fork.ledger_size().await.unwrap() < state.size() {
        register_child(&fork, &fork_cast).await;
    }
    let med = mediator_key(&f.store);
    let offered = fork.head().await.unwrap().unwrap();
    assert_eq!(offered.size, state.size());
    let err = cosign(&a, Some(&state), &med, &offered.to_text(), &[], NOW + 60).unwrap_err();
    assert!(matches!(err, WitnessError::Inconsistent { .. }), "{err}");
    let finding = check_evidence(&err.evidence().unwrap().to_text(), &med).unwrap();
    assert!(finding.to_string().starts_with("fork"), "{finding}");

    // Grown past it, no proof the fork can serve connects the two.
    register_child(&fork, &fork_cast).await;
    let offered = fork.head().await.unwrap().unwrap();
    let proof = fork
        .consistency_proof(state.size(), offered.size)
        .await
        .unwrap();
    let err = cosign(&a, Some(&state), &med, &offered.to_text(), &proof, NOW + 60).unwrap_err();
    assert!(err.to_string().contains("not consistent"), "{err}");
    let finding = check_evidence(&err.evidence().unwrap().to_text(), &med).unwrap();
    assert!(
        finding.to_string().starts_with("no consistency"),
        "{finding}"
    );
    drop_fork(fork, pg_name).await;
}

async fn the_public_figures_come_with_the_checkpoint_they_were_read_at(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    let returned = register_child(&f.store, &cast).await;
    homeward_store::seed::drive_case(&f.store, &cast, &returned, &trip, CaseState::Reunited)
        .await
        .unwrap();
    let verified = register_child(&f.store, &cast).await;
    homeward_store::seed::drive_case(&f.store, &cast, &verified, &trip, CaseState::Verified)
        .await
        .unwrap();
    register_child(&f.store, &cast).await;
    let a = WitnessKey::generate("party-a.example/witness").unwrap();
    register(&f.store, &cast, &cast.party_a, &a).await;
    run_witness(&f.store, &cast.party_a, &a, None, NOW)
        .await
        .unwrap();

    let figures = f.store.public_figures().await.unwrap();
    let cp = figures.checkpoint.unwrap();
    assert_eq!(cp.size, f.store.ledger_size().await.unwrap());
    assert_eq!(cp.cosignatures().count(), 1);
    let party_a = figures
        .parties
        .iter()
        .find(|p| p.reported > 0)
        .expect("party A reported children");
    assert_eq!(
        (
            party_a.reported,
            party_a.matched,
            party_a.verified,
            party_a.approved,
            party_a.returned
        ),
        (3, 2, 2, 1, 1)
    );
    assert_eq!(figures.parties.len(), 2, "both parties are listed");
    let reunited: i64 = figures.reunited_per_month.iter().map(|(_, n)| n).sum();
    assert_eq!(reunited, 1);
    let states: i64 = figures.cases_by_state.iter().map(|(_, n)| n).sum();
    assert_eq!(states, 2);
}

async fn a_partys_decision_records_how_far_its_witness_had_cosigned(f: &Fixture) {
    use sqlx::Row;
    let (cast, trip) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    let case =
        homeward_store::seed::drive_case(&f.store, &cast, &child, &trip, CaseState::Submitted)
            .await
            .unwrap();
    let a = WitnessKey::generate("party-a.example/witness").unwrap();
    register(&f.store, &cast, &cast.party_a, &a).await;
    let state = run_witness(&f.store, &cast.party_a, &a, None, NOW)
        .await
        .unwrap();
    register_child(&f.store, &cast).await;
    for party in [&cast.party_a, &cast.party_b] {
        f.store
            .execute(
                party,
                Command::RecordPartyDecision {
                    dispute: None,
                    case_id: case.clone(),
                    decision: homeward_domain::case::Decision::Approve,
                    note: "Agreed".into(),
                },
            )
            .await
            .unwrap();
    }
    let rows = sqlx::query("SELECT org_id, witnessed_size FROM case_decisions ORDER BY seq")
        .fetch_all(f.store.pool())
        .await
        .unwrap();
    let got: Vec<(String, Option<i64>)> = rows
        .iter()
        .map(|r| (r.try_get(0).unwrap(), r.try_get(1).unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            (cast.party_a.org.0.clone(), Some(state.size() as i64)),
            // Party B has no witness: nothing to record.
            (cast.party_b.org.0.clone(), None),
        ]
    );
    verified(&f.store).await;
}
