//! Witness cosigning: the pure step a party's `cosign` client runs, the
//! evidence it keeps when it refuses, and how verification reports it.

mod common;

use common::{ORIGIN, T0, build, entry, key};
use homeward_ledger::{
    BundleTrust, Checkpoint, EvidenceError, Hash, LedgerKey, MerkleTree, Misbehaviour,
    NoteSignature, Verifier, VerifierKey, VerifyError, WitnessError, WitnessKey, WitnessState,
    check_evidence, cosign, verify_bundle, verify_bundle_with, verify_cosignature,
    write_bundle_with_witnesses,
};
use proptest::prelude::*;

const NOW: u64 = 1_767_225_600;

fn witness(seed: u8, name: &str) -> WitnessKey {
    WitnessKey::new(name, LedgerKey::from_bytes(&[seed; 32])).unwrap()
}

fn mediator() -> VerifierKey {
    key(1).verifier_key(ORIGIN).unwrap()
}

/// A tree of `n` synthetic entries; `fork` changes entry `fork` (if any).
fn tree(n: u64, fork: Option<u64>) -> MerkleTree {
    let mut t = MerkleTree::new();
    for seq in 1..=n {
        let (mut e, _) = entry(seq);
        if fork == Some(seq) {
            e.kind = "case.forked".into();
        }
        t.push(e.leaf_hash());
    }
    t
}

fn head(t: &MerkleTree, size: u64, signer: &LedgerKey, time: i64) -> Checkpoint {
    signer.sign_checkpoint(ORIGIN, size, t.root_at(size).unwrap(), time)
}

#[test]
fn a_growing_log_is_cosigned_step_by_step() {
    let w = witness(10, "party-a.example/witness");
    let t = tree(40, None);
    let mut state: Option<WitnessState> = None;
    for (i, size) in [0u64, 10, 10, 25, 40].into_iter().enumerate() {
        let offered = head(&t, size, &key(1), T0 + i as i64).to_text();
        let proof = match &state {
            Some(s) => t.consistency_proof(s.size(), size).unwrap(),
            None => vec![],
        };
        let now = NOW + i as u64;
        let done = cosign(&w, state.as_ref(), &mediator(), &offered, &proof, now).unwrap();
        // The mediator's signature is still there and still verifies.
        done.checkpoint.verify(&key(1).public()).unwrap();
        assert_eq!(done.checkpoint.size, size);
        assert_eq!(
            verify_cosignature(&w.verifier_key(), &done.checkpoint, &done.cosignature).unwrap(),
            now
        );
        // The uploaded text carries the cosignature line after the
        // mediator's, and reads back the same.
        let text = done.checkpoint.to_text();
        assert!(text.ends_with(&done.cosignature.to_line()), "{text}");
        assert_eq!(Checkpoint::from_text(&text).unwrap(), done.checkpoint);
        // The stored state reads back, checked against the mediator's key.
        let stored = done.state.to_text();
        let back = WitnessState::from_text(&stored, &mediator()).unwrap();
        assert_eq!((back.size(), back.root()), (size, t.root_at(size).unwrap()));
        state = Some(back);
    }
}

#[test]
fn two_witnesses_cosign_the_same_checkpoint() {
    let (a, b) = (
        witness(10, "party-a.example/w"),
        witness(11, "party-b.example/w"),
    );
    let t = tree(12, None);
    let offered = head(&t, 12, &key(1), T0).to_text();
    let by_a = cosign(&a, None, &mediator(), &offered, &[], NOW).unwrap();
    // The second witness is offered the note with the first's cosignature.
    let by_both = cosign(
        &b,
        None,
        &mediator(),
        &by_a.checkpoint.to_text(),
        &[],
        NOW + 5,
    )
    .unwrap();
    let note = by_both.checkpoint.to_note().unwrap();
    let verified = note
        .verify(&[mediator(), a.verifier_key(), b.verifier_key()])
        .unwrap();
    let names: Vec<&str> = verified.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, [ORIGIN, "party-a.example/w", "party-b.example/w"]);
    assert_eq!(verified[2].timestamp, Some(NOW + 5));
}

/// Cosigns `first` (size, signer, fork) and then is offered `second`.
fn refusal(
    first: (u64, Option<u64>, i64),
    second: (u64, Option<u64>, i64),
) -> (
    Result<homeward_ledger::Cosigned, WitnessError>,
    WitnessState,
) {
    let w = witness(10, "party-a.example/witness");
    let old_tree = tree(first.0, first.1);
    let new_tree = tree(second.0.max(1), second.1);
    let old = head(&old_tree, first.0, &key(1), first.2).to_text();
    let state = cosign(&w, None, &mediator(), &old, &[], NOW).unwrap().state;
    let offered = head(&new_tree, second.0, &key(1), second.2).to_text();
    // The proof the mediator serves: from its own (forked) tree.
    let proof = if second.0 >= first.0 {
        new_tree.consistency_proof(first.0, second.0).unwrap()
    } else {
        vec![]
    };
    (
        cosign(&w, Some(&state), &mediator(), &offered, &proof, NOW + 1),
        state,
    )
}

#[test]
fn refusals_carry_evidence_that_anyone_can_check() {
    type Step = (u64, Option<u64>, i64);
    let cases: Vec<(&str, Step, Step, Result<&str, &str>)> = vec![
        (
            "fork at the same size",
            (20, None, T0),
            (20, Some(7), T0 + 1),
            Ok("fork"),
        ),
        (
            "fork shown by a larger size",
            (20, None, T0),
            (30, Some(7), T0 + 1),
            Ok("proof failed"),
        ),
        (
            "rollback with a later timestamp: the log shrank",
            (20, None, T0),
            (10, None, T0 + 1),
            Ok("shrunk"),
        ),
        (
            "rollback to an older checkpoint: refused, proves nothing",
            (20, None, T0 + 5),
            (10, None, T0),
            Err("replayed"),
        ),
    ];
    for (what, first, second, expect) in cases {
        let (result, state) = refusal(first, second);
        let err = result.expect_err(what);
        match (&err, second.0 < first.0) {
            (
                WitnessError::Rollback {
                    cosigned_size,
                    offered_size,
                    ..
                },
                true,
            ) => assert_eq!(
                (*cosigned_size, *offered_size),
                (first.0, second.0),
                "{what}"
            ),
            (
                WitnessError::Inconsistent {
                    old_size,
                    old_root,
                    new_size,
                    new_root,
                    ..
                },
                false,
            ) => {
                assert_eq!((*old_size, *new_size), (first.0, second.0), "{what}");
                assert_eq!(*old_root, state.root(), "{what}");
                assert_ne!(old_root, new_root, "{what}");
            }
            _ => panic!("{what}: unexpected {err}"),
        }
        let text = err.evidence().expect("evidence").to_text();
        let found = match check_evidence(&text, &mediator()) {
            Ok(Misbehaviour::Fork { .. }) => Ok("fork"),
            Ok(Misbehaviour::ProofFailed { .. }) => Ok("proof failed"),
            Ok(Misbehaviour::Shrunk { .. }) => Ok("shrunk"),
            Err(EvidenceError::Replayed { .. }) => Err("replayed"),
            Err(e) => panic!("{what}: {e}"),
        };
        assert_eq!(found, expect, "{what}");
        // The same evidence under another key proves nothing.
        let other = key(2).verifier_key(ORIGIN).unwrap();
        assert!(
            matches!(
                check_evidence(&text, &other),
                Err(EvidenceError::Checkpoint { .. })
            ),
            "{what}"
        );
    }
}

#[test]
fn a_fork_evidence_document_reads_as_documented() {
    let (result, _) = refusal((20, None, T0), (20, Some(3), T0 + 1));
    let err = result.unwrap_err();
    let evidence = err.evidence().unwrap();
    let text = evidence.to_text();
    assert!(text.starts_with("homeward-witness-evidence/v1\ncosigned "));
    assert_eq!(homeward_ledger::Evidence::parse(&text).unwrap(), *evidence);
    let finding = check_evidence(&text, &mediator()).unwrap();
    assert!(
        finding
            .to_string()
            .starts_with("fork: the mediator signed two different roots for size 20"),
        "{finding}"
    );
    // Tampering with the document is caught.
    let bad_cases: Vec<(&str, String)> = vec![
        ("header", text.replacen("v1", "v2", 1)),
        ("byte count", text.replacen("cosigned ", "cosigned 1", 1)),
        ("cut", text[..text.len() - 10].to_string()),
        ("trailing", format!("{text}x\n")),
        ("signed text changed", text.replacen("\n20\n", "\n21\n", 1)),
    ];
    for (what, bad) in bad_cases {
        assert!(check_evidence(&bad, &mediator()).is_err(), "{what}");
    }
}

#[test]
fn consistent_checkpoints_are_not_evidence() {
    let t = tree(30, None);
    let evidence = homeward_ledger::Evidence {
        cosigned: head(&t, 10, &key(1), T0).to_text(),
        offered: head(&t, 30, &key(1), T0 + 1).to_text(),
        proof: t.consistency_proof(10, 30).unwrap(),
    };
    assert!(matches!(
        check_evidence(&evidence.to_text(), &mediator()),
        Err(EvidenceError::Consistent {
            old_size: 10,
            new_size: 30
        })
    ));
}

#[test]
fn bad_offers_are_refused_without_evidence() {
    let w = witness(10, "party-a.example/witness");
    let t = tree(20, None);
    let good = head(&t, 20, &key(1), T0);
    let state = cosign(
        &w,
        None,
        &mediator(),
        &head(&t, 10, &key(1), T0).to_text(),
        &[],
        NOW,
    )
    .unwrap()
    .state;
    let proof = t.consistency_proof(10, 20).unwrap();
    let cases: Vec<(&str, String, VerifierKey, &str)> = vec![
        (
            "tampered body",
            good.to_text().replacen("\n20\n", "\n19\n", 1),
            mediator(),
            "BadMediatorSignature",
        ),
        (
            "signed by another key",
            head(&t, 20, &key(2), T0).to_text(),
            mediator(),
            "BadMediatorSignature",
        ),
        (
            "for another log",
            key(1)
                .sign_checkpoint("other.example", 20, t.root(), T0)
                .to_text(),
            mediator(),
            "WrongOrigin",
        ),
        (
            "the old format",
            key(1)
                .sign_checkpoint_v1(ORIGIN, 20, t.root(), T0)
                .to_text(),
            mediator(),
            "V1Checkpoint",
        ),
        (
            "not a checkpoint",
            "hello\n".into(),
            mediator(),
            "Unreadable",
        ),
        (
            "a witness key given as the mediator's",
            good.to_text(),
            w.verifier_key(),
            "NotAMediatorKey",
        ),
    ];
    for (what, offered, mediator_key, expect) in cases {
        let err = cosign(&w, Some(&state), &mediator_key, &offered, &proof, NOW).unwrap_err();
        assert!(format!("{err:?}").starts_with(expect), "{what}: {err:?}");
        assert!(err.evidence().is_none(), "{what}");
    }
    // A wrong proof for a consistent log is an inconsistency as far as the
    // witness can tell: it refuses, and the evidence shows the proof failing.
    let err = cosign(
        &w,
        Some(&state),
        &mediator(),
        &good.to_text(),
        &proof[1..],
        NOW,
    )
    .unwrap_err();
    assert!(matches!(err, WitnessError::Inconsistent { .. }), "{err}");
    // A state file edited by hand is refused.
    let edited = state.to_text().replacen("\n10\n", "\n11\n", 1);
    assert!(WitnessState::from_text(&edited, &mediator()).is_err());
}

/// A log whose checkpoints are cosigned: by `a` up to 20, by `b` up to 30.
fn cosigned_log() -> (common::Log, WitnessKey, WitnessKey) {
    let mut log = build(30, 10, &key(1));
    let (a, b) = (
        witness(10, "party-a.example/w"),
        witness(11, "party-b.example/w"),
    );
    for cp in &mut log.checkpoints {
        let body = cp.body();
        if cp.size <= 20 {
            cp.add_signature(a.cosign(&body, NOW + cp.size)).unwrap();
        }
        cp.add_signature(b.cosign(&body, NOW + 100 + cp.size))
            .unwrap();
        // A cosignature by a witness nobody registered is ignored.
        cp.add_signature(witness(12, "stranger.example/w").cosign(&body, 1))
            .unwrap();
    }
    (log, a, b)
}

#[test]
fn verification_reports_how_far_each_witness_cosigned() {
    let (log, a, b) = cosigned_log();
    let c = witness(13, "party-c.example/w");
    let mut v = Verifier::with_witnesses(
        vec![key(1).public()],
        vec![a.verifier_key(), b.verifier_key(), c.verifier_key()],
    )
    .unwrap();
    for (bytes, personal) in &log.entries {
        v.push(bytes, personal.as_ref()).unwrap();
    }
    let report = v.finish(&log.checkpoints).unwrap();
    let got: Vec<(&str, Option<u64>, Option<u64>)> = report
        .witnesses
        .iter()
        .map(|w| (w.name.as_str(), w.cosigned_size, w.cosigned_at))
        .collect();
    assert_eq!(
        got,
        [
            ("party-a.example/w", Some(20), Some(NOW + 20)),
            ("party-b.example/w", Some(30), Some(NOW + 130)),
            ("party-c.example/w", None, None),
        ]
    );
    assert!(
        report.to_string().ends_with(
            "; witness party-a.example/w cosigned up to 20 entries; witness party-b.example/w cosigned up to 30 entries; witness party-c.example/w cosigned nothing"
        ),
        "{report}"
    );
    assert_eq!(report.witnesses[0].key, a.verifier_key().to_string());
}

#[test]
fn a_bad_cosignature_from_a_registered_witness_fails_verification() {
    let (mut log, a, b) = cosigned_log();
    // Witness b's line on the checkpoint for size 20, with a changed byte.
    let cp = &mut log.checkpoints[1];
    let mut sig: NoteSignature = cp
        .cosignatures()
        .find(|s| s.name == b.name())
        .unwrap()
        .clone();
    sig.signature[20] ^= 1;
    cp.add_signature(sig).unwrap();
    let keys = vec![key(1).public()];
    let witnesses = vec![a.verifier_key(), b.verifier_key()];
    let err = common_verify_with(&log, keys.clone(), witnesses).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the cosignature of witness party-b.example/w on the checkpoint for size 20 does not verify"
    );
    // Not registered, it is ignored.
    assert!(common_verify_with(&log, keys.clone(), vec![a.verifier_key()]).is_ok());
    // A mediator key registered as a witness is refused.
    assert!(matches!(
        Verifier::with_witnesses(keys, vec![mediator()]),
        Err(VerifyError::NotAWitnessKey { .. })
    ));
}

fn common_verify_with(
    log: &common::Log,
    keys: Vec<homeward_ledger::PublicKey>,
    witnesses: Vec<VerifierKey>,
) -> Result<homeward_ledger::VerifyReport, VerifyError> {
    let mut v = Verifier::with_witnesses(keys, witnesses)?;
    for (bytes, personal) in &log.entries {
        v.push(bytes, personal.as_ref())?;
    }
    v.finish(&log.checkpoints)
}

#[test]
fn bundles_carry_witness_keys_and_cosignatures() {
    let (log, a, b) = cosigned_log();
    let pk = key(1).public();
    let mut bundle = Vec::new();
    write_bundle_with_witnesses(
        &mut bundle,
        &[pk],
        &[a.verifier_key(), b.verifier_key()],
        &log.checkpoints,
        log.entries.iter().map(|(e, _)| e.clone()),
    )
    .unwrap();
    // Without pinned witnesses, the bundle's own list is used.
    let report = verify_bundle(bundle.as_slice(), Some(&pk)).unwrap();
    let sizes: Vec<Option<u64>> = report.witnesses.iter().map(|w| w.cosigned_size).collect();
    assert_eq!(sizes, [Some(20), Some(30)]);
    // Pinned witnesses replace the bundle's list.
    let pinned = [b.verifier_key()];
    let report = verify_bundle_with(
        bundle.as_slice(),
        BundleTrust {
            ledger_key: Some(&pk),
            witnesses: Some(&pinned),
        },
    )
    .unwrap();
    assert_eq!(report.witnesses.len(), 1);
    assert_eq!(report.witnesses[0].cosigned_size, Some(30));
    // A witness-key record that is not a verifier key is named.
    let at = bundle
        .windows(b"party-a".len())
        .position(|w| w == b"party-a")
        .unwrap();
    let mut bad = bundle.clone();
    bad[at + 16] = b' ';
    assert!(matches!(
        verify_bundle(bad.as_slice(), Some(&pk)),
        Err(VerifyError::Bundle {
            problem: homeward_ledger::BundleError::BadWitnessKey(_),
            ..
        })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn honest_growth_is_always_cosigned_and_forks_never(
        old in 1u64..40,
        grow in 0u64..40,
        fork_at in any::<prop::sample::Index>(),
    ) {
        let new = old + grow;
        let w = witness(10, "party-a.example/witness");
        let honest = tree(new, None);
        let state = cosign(&w, None, &mediator(), &head(&honest, old, &key(1), T0).to_text(), &[], NOW)
            .unwrap()
            .state;
        let proof = honest.consistency_proof(old, new).unwrap();
        let offered = head(&honest, new, &key(1), T0 + 1).to_text();
        prop_assert!(cosign(&w, Some(&state), &mediator(), &offered, &proof, NOW).is_ok());

        // The mediator rewrites an entry the witness already vouched for.
        let forked = tree(new, Some(fork_at.index(old as usize) as u64 + 1));
        let proof = forked.consistency_proof(old, new).unwrap();
        let offered = head(&forked, new, &key(1), T0 + 1).to_text();
        let err = cosign(&w, Some(&state), &mediator(), &offered, &proof, NOW).unwrap_err();
        let is_inconsistent = matches!(err, WitnessError::Inconsistent { .. });
        prop_assert!(is_inconsistent);
        let evidence = err.evidence().unwrap().to_text();
        prop_assert!(check_evidence(&evidence, &mediator()).is_ok());
    }
}

#[test]
fn the_empty_root_is_what_a_first_checkpoint_of_size_0_carries() {
    // A witness starting on an empty log cosigns it, then any growth.
    let w = witness(10, "party-a.example/witness");
    let t = tree(5, None);
    let empty = key(1)
        .sign_checkpoint(ORIGIN, 0, Hash::empty_root(), T0)
        .to_text();
    let state = cosign(&w, None, &mediator(), &empty, &[], NOW)
        .unwrap()
        .state;
    let offered = head(&t, 5, &key(1), T0 + 1).to_text();
    assert!(cosign(&w, Some(&state), &mediator(), &offered, &[], NOW).is_ok());
}

#[test]
fn the_mediator_takes_registered_witnesses_cosignatures_from_an_upload() {
    let (a, b) = (
        witness(10, "party-a.example/w"),
        witness(11, "party-b.example/w"),
    );
    let registered = [a.verifier_key(), b.verifier_key()];
    let t = tree(12, None);
    let stored = head(&t, 12, &key(1), T0);
    let by_a = cosign(&a, None, &mediator(), &stored.to_text(), &[], NOW).unwrap();
    let mut with_stranger = by_a.checkpoint.clone();
    with_stranger
        .add_signature(witness(12, "stranger.example/w").cosign(&stored.body(), NOW))
        .unwrap();

    let mut kept = stored.clone();
    let names =
        homeward_ledger::accept_cosignatures(&mut kept, &with_stranger.to_text(), &registered)
            .unwrap();
    assert_eq!(names, ["party-a.example/w"]);
    // The stranger's line is not taken; the mediator's line is unchanged.
    assert_eq!(kept, by_a.checkpoint);
    kept.verify(&key(1).public()).unwrap();

    use homeward_ledger::CosignatureError as E;
    let other_size = cosign(
        &a,
        None,
        &mediator(),
        &head(&t, 11, &key(1), T0).to_text(),
        &[],
        NOW,
    )
    .unwrap()
    .checkpoint
    .to_text();
    let mut bad_sig = by_a.checkpoint.clone();
    let mut line = by_a.cosignature.clone();
    line.signature[30] ^= 1;
    bad_sig.add_signature(line).unwrap();
    let cases: Vec<(&str, String, E)> = vec![
        (
            "another checkpoint",
            other_size,
            E::DifferentCheckpoint { size: 12 },
        ),
        (
            "a bad cosignature",
            bad_sig.to_text(),
            E::BadCosignature {
                witness: "party-a.example/w".into(),
            },
        ),
        (
            "no registered witness",
            stored.to_text(),
            E::NoRegisteredWitness,
        ),
    ];
    for (what, uploaded, expect) in cases {
        let mut kept = stored.clone();
        assert_eq!(
            homeward_ledger::accept_cosignatures(&mut kept, &uploaded, &registered),
            Err(expect),
            "{what}"
        );
        assert_eq!(kept, stored, "{what}: nothing taken");
    }
}

proptest! {
    #[test]
    fn evidence_documents_round_trip(
        cosigned in "\\PC{0,200}",
        offered in "(\\PC|\n){0,200}",
        proof in prop::collection::vec(any::<[u8; 32]>(), 0..10),
    ) {
        let evidence = homeward_ledger::Evidence {
            cosigned,
            offered,
            proof: proof.into_iter().map(Hash).collect(),
        };
        let text = evidence.to_text();
        prop_assert_eq!(homeward_ledger::Evidence::parse(&text).unwrap(), evidence);
        // Any cut is refused, never a panic.
        for cut in [1, text.len() / 2, text.len() - 1] {
            if text.is_char_boundary(cut) {
                prop_assert!(homeward_ledger::Evidence::parse(&text[..cut]).is_err());
            }
        }
    }
}
