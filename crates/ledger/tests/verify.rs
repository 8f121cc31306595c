//! Whole-log verification: every kind of rewrite is caught and named;
//! erasing personal data is not a rewrite.

mod common;

use common::{ORIGIN, T0, build, claim_key, entry, key, mediator_signature, note_key_id, verify};
use homeward_ledger::{Envelope, LedgerKey, MerkleTree, PersonalData, Verifier, VerifyError};
use proptest::prelude::*;

#[test]
fn untampered_log_verifies_and_reports() {
    let log = build(100, 16, &key(1));
    let report = verify(&[log.key.public()], &log.entries, &log.checkpoints).unwrap();
    assert_eq!(report.entries, 100);
    assert_eq!(report.redacted, 0);
    assert_eq!(report.checkpoints, 7);
    assert_eq!(report.latest_checkpoint_size, 100);
    assert_eq!(report.root, log.checkpoints.last().unwrap().root);
    assert_eq!(
        report.to_string(),
        format!(
            "ledger verified: 100 entries (0 with personal data erased), 7 signed checkpoints, latest covers 100 entries, root {}",
            report.root
        )
    );
}

#[test]
fn the_empty_log_verifies_against_a_checkpoint_of_size_0() {
    let k = key(1);
    let cp = k.sign_checkpoint(ORIGIN, 0, MerkleTree::new().root(), T0);
    let report = verify(&[k.public()], &[], &[cp]).unwrap();
    assert_eq!((report.entries, report.checkpoints), (0, 1));
}

/// Runs `check` on a 30-entry log with checkpoints at 10, 20, 30 after
/// `tamper` and expects exactly `message`.
fn check(tamper: impl FnOnce(&mut common::Log), message: &str) {
    let mut log = build(30, 10, &key(1));
    tamper(&mut log);
    let keys = [key(1).public()];
    let err = verify(&keys, &log.entries, &log.checkpoints).unwrap_err();
    assert_eq!(err.to_string(), message);
}

#[test]
fn each_rewrite_is_named() {
    check(
        |log| {
            log.entries.remove(17);
        },
        "entry at position 17 has seq 19; expected 18 (an entry was dropped or reordered)",
    );
    check(
        |log| log.entries.swap(4, 9),
        "entry at position 4 has seq 10; expected 5 (an entry was dropped or reordered)",
    );
    check(
        |log| {
            let dup = log.entries[6].clone();
            log.entries.insert(7, dup);
        },
        "entry at position 7 has seq 7; expected 8 (an entry was inserted, duplicated or reordered)",
    );
    check(
        |log| {
            // Rewriting the body but keeping the encoding valid: only the tree sees it.
            let mut e = Envelope::decode(&log.entries[14].0).unwrap();
            e.body = br#"{"case":"C-15","to":"withdrawn","note":"synthetic"}"#.to_vec();
            log.entries[14].0 = e.encode();
        },
        "checkpoint for size 20 does not match the log: an entry at or before seq 20 was altered",
    );
    check(
        |log| log.entries.truncate(25),
        "log holds 25 entries but a checkpoint covers 30: the log was truncated",
    );
    check(
        |log| {
            log.checkpoints.pop();
        },
        "the last 10 entries are not covered by a signed checkpoint (the log holds 30, the latest checkpoint covers 20)",
    );
    check(
        |log| log.checkpoints.clear(),
        "no signed checkpoint was given for the log of 30 entries",
    );
    check(
        |log| mediator_signature(&mut log.checkpoints[1])[10] ^= 4,
        "checkpoint signature for size 20 is invalid",
    );
    check(
        |log| log.checkpoints[1].root = log.checkpoints[0].root,
        "checkpoint signature for size 20 is invalid",
    );
    check(
        |log| {
            let other = key(2);
            log.checkpoints[2] = other.sign_checkpoint(ORIGIN, 30, log.checkpoints[2].root, T0);
        },
        &format!(
            "checkpoint for size 30 is signed by key {}, which is not a trusted key",
            note_key_id(&key(2).public())
        ),
    );
    check(
        |log| {
            // Another key claiming to be the trusted one.
            let other = key(2);
            let mut cp =
                other.sign_checkpoint(ORIGIN, 30, log.checkpoints[2].root, T0 + 31_000_000);
            claim_key(&mut cp, &key(1).public());
            log.checkpoints[2] = cp;
        },
        "checkpoint signature for size 30 is invalid",
    );
    check(
        |log| {
            let p = log.entries[2].1.as_mut().unwrap();
            p.data = b"{\"name\":\"Someone Else\"}".to_vec();
        },
        "personal data held for seq 3 does not match the commitment in its envelope: the personal data or the entry was altered",
    );
    check(
        |log| {
            // Moving one event's personal data onto another event.
            log.entries[5].1 = log.entries[2].1.clone();
        },
        "personal data held for seq 6 does not match the commitment in its envelope: the personal data or the entry was altered",
    );
    check(
        |log| {
            log.entries[0].1 = Some(PersonalData {
                salt: [0; 32],
                data: b"x".to_vec(),
            });
        },
        "personal data is held for seq 1, but its envelope commits to none",
    );
    check(
        |log| log.entries[3].0[0] = 9,
        "entry at position 3 cannot be decoded: envelope version 9 at offset 0 is not supported (this reader knows version 1)",
    );
    check(
        |log| {
            let root = log.checkpoints[2].root;
            log.checkpoints[2] = log.key.sign_checkpoint(ORIGIN, 30, root, T0);
        },
        &format!(
            "checkpoint for size 30 has timestamp {T0}, earlier than the timestamp {} of the checkpoint for the smaller size 20",
            T0 + 20_000_000
        ),
    );
    check(
        |log| {
            let root = log.checkpoints[2].root;
            log.checkpoints[2] =
                log.key
                    .sign_checkpoint("homeward.test/ledger\nx", 30, root, T0 + 30_000_000);
        },
        "checkpoint for size 30 has an empty or multi-line origin",
    );
}

#[test]
fn renumbered_reorder_is_caught_by_the_tree() {
    // An attacker who also rewrites the seqs passes the seq check; the
    // checkpoint root still exposes the change.
    check(
        |log| {
            let mut a = Envelope::decode(&log.entries[11].0).unwrap();
            let mut b = Envelope::decode(&log.entries[12].0).unwrap();
            std::mem::swap(&mut a.seq, &mut b.seq);
            log.entries[11] = (b.encode(), log.entries[12].1.clone());
            log.entries[12] = (a.encode(), log.entries[11].1.clone());
        },
        "checkpoint for size 20 does not match the log: an entry at or before seq 20 was altered",
    );
}

#[test]
fn erased_personal_data_is_counted_not_failed() {
    let mut log = build(30, 10, &key(1));
    for (_, personal) in &mut log.entries {
        *personal = None;
    }
    let report = verify(&[key(1).public()], &log.entries, &log.checkpoints).unwrap();
    assert_eq!(report.redacted, 10);
}

#[test]
fn a_second_trusted_key_is_accepted() {
    let (a, b) = (key(1), key(2));
    let mut log = build(20, 10, &a);
    let root = log.checkpoints[1].root;
    log.checkpoints[1] = b.sign_checkpoint(ORIGIN, 20, root, T0 + 20_000_000);
    let report = verify(&[a.public(), b.public()], &log.entries, &log.checkpoints).unwrap();
    assert_eq!(report.checkpoints, 2);
}

#[test]
fn the_same_checkpoint_checked_twice_counts_once() {
    let log = build(20, 10, &key(1));
    let mut v = Verifier::new(vec![log.key.public()]);
    for (bytes, personal) in &log.entries {
        v.push(bytes, personal.as_ref()).unwrap();
    }
    v.check_checkpoint(&log.checkpoints[1]).unwrap();
    let report = v.finish(&log.checkpoints).unwrap();
    assert_eq!(report.checkpoints, 2);
}

#[test]
fn checkpoint_checked_before_the_log_reaches_it_reports_truncation() {
    let log = build(20, 10, &key(1));
    let mut v = Verifier::new(vec![log.key.public()]);
    v.push(&log.entries[0].0, log.entries[0].1.as_ref())
        .unwrap();
    let err = v.check_checkpoint(&log.checkpoints[0]).unwrap_err();
    assert!(
        matches!(
            err,
            VerifyError::Truncated {
                entries: 1,
                size: 10
            }
        ),
        "{err}"
    );
}

#[test]
fn push_returns_the_decoded_envelope() {
    let mut v = Verifier::new(vec![]);
    let (e, p) = entry(1);
    assert_eq!(v.push(&e.encode(), p.as_ref()).unwrap(), e);
}

// --- properties over random logs -----------------------------------------

#[derive(Debug, Clone)]
enum Tamper {
    FlipByte { entry: usize, byte: usize, mask: u8 },
    Swap { a: usize, b: usize },
    Drop { entry: usize },
    Insert { at: usize },
    Truncate { keep: usize },
    CorruptSignature { cp: usize, byte: usize, mask: u8 },
    ChangeSignedField { cp: usize, field: u8 },
    OtherKey { cp: usize },
    AlterPersonal { entry: usize, byte: usize },
    AlterSalt { entry: usize, byte: usize },
}

fn arb_tamper() -> impl Strategy<Value = Tamper> {
    prop_oneof![
        (any::<usize>(), any::<usize>(), 1u8..=255)
            .prop_map(|(entry, byte, mask)| Tamper::FlipByte { entry, byte, mask }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Tamper::Swap { a, b }),
        any::<usize>().prop_map(|entry| Tamper::Drop { entry }),
        any::<usize>().prop_map(|at| Tamper::Insert { at }),
        any::<usize>().prop_map(|keep| Tamper::Truncate { keep }),
        (any::<usize>(), 0usize..64, 1u8..=255)
            .prop_map(|(cp, byte, mask)| { Tamper::CorruptSignature { cp, byte, mask } }),
        (any::<usize>(), 0u8..4).prop_map(|(cp, field)| Tamper::ChangeSignedField { cp, field }),
        any::<usize>().prop_map(|cp| Tamper::OtherKey { cp }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(entry, byte)| Tamper::AlterPersonal { entry, byte }),
        (any::<usize>(), 0usize..32).prop_map(|(entry, byte)| Tamper::AlterSalt { entry, byte }),
    ]
}

/// Applies the tamper; returns false if it does not apply to this log (e.g.
/// swapping an entry with itself), in which case nothing changed.
fn apply(log: &mut common::Log, t: &Tamper) -> bool {
    let n = log.entries.len();
    let c = log.checkpoints.len();
    match *t {
        Tamper::FlipByte { entry, byte, mask } => {
            let bytes = &mut log.entries[entry % n].0;
            let i = byte % bytes.len();
            bytes[i] ^= mask;
        }
        Tamper::Swap { a, b } => {
            let (a, b) = (a % n, b % n);
            if a == b {
                return false;
            }
            log.entries.swap(a, b);
        }
        Tamper::Drop { entry } => {
            log.entries.remove(entry % n);
        }
        Tamper::Insert { at } => {
            // A well-formed event slipped in, with every later seq renumbered
            // so the sequence check alone cannot see it.
            let at = at % (n + 1);
            let (mut forged, _) = entry(at as u64 + 1);
            forged.kind = "case.withdrawn".into();
            forged.personal = None;
            log.entries.insert(at, (forged.encode(), None));
            for (i, (bytes, _)) in log.entries.iter_mut().enumerate().skip(at + 1) {
                let mut e = Envelope::decode(bytes).unwrap();
                e.seq = i as u64 + 1;
                *bytes = e.encode();
            }
        }
        Tamper::Truncate { keep } => {
            // Below the last checkpoint, which always covers the whole log.
            log.entries.truncate(keep % n);
        }
        Tamper::CorruptSignature { cp, byte, mask } => {
            mediator_signature(&mut log.checkpoints[cp % c])[byte] ^= mask;
        }
        Tamper::ChangeSignedField { cp, field } => {
            let cp = &mut log.checkpoints[cp % c];
            match field {
                0 => cp.size += 1,
                1 => cp.root.0[0] ^= 1,
                2 => cp.timestamp -= 1,
                _ => cp.origin.push('x'),
            }
        }
        Tamper::OtherKey { cp } => {
            let cp = &mut log.checkpoints[cp % c];
            *cp = key(99).sign_checkpoint(&cp.origin, cp.size, cp.root, cp.timestamp);
        }
        Tamper::AlterPersonal { entry, byte } => {
            let with_personal: Vec<usize> =
                (0..n).filter(|&i| log.entries[i].1.is_some()).collect();
            if with_personal.is_empty() {
                return false;
            }
            let p = log.entries[with_personal[entry % with_personal.len()]]
                .1
                .as_mut()
                .unwrap();
            let i = byte % p.data.len();
            p.data[i] ^= 0x20;
        }
        Tamper::AlterSalt { entry, byte } => {
            let with_personal: Vec<usize> =
                (0..n).filter(|&i| log.entries[i].1.is_some()).collect();
            if with_personal.is_empty() {
                return false;
            }
            let p = log.entries[with_personal[entry % with_personal.len()]]
                .1
                .as_mut()
                .unwrap();
            p.salt[byte] ^= 1;
        }
    }
    true
}

fn signer() -> LedgerKey {
    key(1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_tamper_is_detected(n in 1u64..60, every in 1u64..12, t in arb_tamper()) {
        let mut log = build(n, every, &signer());
        prop_assert!(verify(&[signer().public()], &log.entries, &log.checkpoints).is_ok());
        if apply(&mut log, &t) {
            let result = verify(&[signer().public()], &log.entries, &log.checkpoints);
            prop_assert!(result.is_err(), "{:?} went unnoticed", t);
        }
    }

    #[test]
    fn redaction_verifies_and_is_counted(n in 1u64..60, every in 1u64..12, erase in proptest::collection::vec(any::<bool>(), 60)) {
        let mut log = build(n, every, &signer());
        let mut erased = 0;
        for (i, (_, personal)) in log.entries.iter_mut().enumerate() {
            if personal.is_some() && erase[i] {
                *personal = None;
                erased += 1;
            }
        }
        let report = verify(&[signer().public()], &log.entries, &log.checkpoints).unwrap();
        prop_assert_eq!(report.redacted, erased);
        prop_assert_eq!(report.entries, n);
    }
}
