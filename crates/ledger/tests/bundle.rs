//! The offline audit bundle: round trip, layout, and tampered bundles.

mod common;

use std::io::Read;

use common::{ORIGIN, T0, build, key};
use homeward_ledger::{
    BundleError, Envelope, PublicKey, VerifyError, VerifyReport, verify_bundle, write_bundle,
};
use proptest::prelude::*;

fn bundle_of(log: &common::Log, keys: &[PublicKey]) -> Vec<u8> {
    let mut out = Vec::new();
    write_bundle(
        &mut out,
        keys,
        &log.checkpoints,
        log.entries.iter().map(|(bytes, _)| bytes.clone()),
    )
    .unwrap();
    out
}

fn bundle_problem(result: Result<VerifyReport, VerifyError>) -> (u64, BundleError) {
    match result {
        Err(VerifyError::Bundle { offset, problem }) => (offset, problem),
        other => panic!("expected a bundle format error, got {other:?}"),
    }
}

/// A reader that hands out at most 3 bytes per call, as pipes and sockets may.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(3).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn bundle_round_trips_with_and_without_a_pinned_key() {
    let log = build(200, 32, &key(1));
    let pk = key(1).public();
    let bundle = bundle_of(&log, &[pk]);
    let report = verify_bundle(bundle.as_slice(), Some(&pk)).unwrap();
    assert_eq!(report.entries, 200);
    assert_eq!(report.checkpoints, 7);
    assert_eq!(report.latest_checkpoint_size, 200);
    assert_eq!(report.root, log.checkpoints.last().unwrap().root);
    // A bundle never carries personal data: every committed entry is redacted.
    assert_eq!(report.redacted, 66);
    assert_eq!(verify_bundle(bundle.as_slice(), None).unwrap(), report);
    assert_eq!(verify_bundle(Trickle(&bundle), Some(&pk)).unwrap(), report);
}

#[test]
fn bundle_layout_is_as_documented() {
    let log = build(2, 1, &key(1));
    let pk = key(1).public();
    let bundle = bundle_of(&log, &[pk]);
    let mut expect = b"HWLEDGER\x02".to_vec();
    let mut record = |tag: u8, payload: &[u8]| {
        expect.push(tag);
        expect.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        expect.extend_from_slice(payload);
    };
    record(b'K', &pk.to_bytes());
    for cp in &log.checkpoints {
        record(b'C', cp.to_text().as_bytes());
    }
    for (bytes, _) in &log.entries {
        record(b'E', bytes);
    }
    let mut end = Vec::new();
    // Keys, witness keys, checkpoints, envelopes.
    for count in [1u64, 0, 2, 2] {
        end.extend_from_slice(&count.to_be_bytes());
    }
    record(b'.', &end);
    assert_eq!(bundle, expect);
}

#[test]
fn empty_log_bundle_verifies() {
    let k = key(1);
    let cp = k.sign_checkpoint(ORIGIN, 0, homeward_ledger::Hash::empty_root(), T0);
    let mut bundle = Vec::new();
    write_bundle(&mut bundle, &[k.public()], &[cp], std::iter::empty()).unwrap();
    let report = verify_bundle(bundle.as_slice(), Some(&k.public())).unwrap();
    assert_eq!((report.entries, report.checkpoints), (0, 1));
}

#[test]
fn pinned_key_must_be_in_the_bundle_and_is_the_only_one_trusted() {
    let log = build(20, 10, &key(1));
    let (signer, stranger) = (key(1).public(), key(2).public());
    let bundle = bundle_of(&log, &[signer]);
    let err = verify_bundle(bundle.as_slice(), Some(&stranger)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "the pinned key {} is not among the bundle's keys",
            stranger.key_id()
        )
    );
    // Both keys listed, the stranger pinned: the signer's checkpoints no longer count.
    let bundle = bundle_of(&log, &[signer, stranger]);
    let err = verify_bundle(bundle.as_slice(), Some(&stranger)).unwrap_err();
    assert!(
        matches!(err, VerifyError::UnknownKey { size: 10, .. }),
        "{err}"
    );
}

#[test]
fn a_bundle_signed_by_a_substituted_key_fails_against_the_pinned_key() {
    // Whoever rewrites the log and re-signs it with their own key must also
    // replace the key in the bundle; the auditor's pin exposes that.
    let forged = build(20, 10, &key(7));
    let bundle = bundle_of(&forged, &[key(7).public()]);
    assert!(verify_bundle(bundle.as_slice(), None).is_ok());
    assert!(matches!(
        verify_bundle(bundle.as_slice(), Some(&key(1).public())),
        Err(VerifyError::PinnedKeyAbsent { .. })
    ));
}

#[test]
fn structural_damage_is_named_with_its_offset() {
    let log = build(3, 3, &key(1));
    let pk = key(1).public();
    let good = bundle_of(&log, &[pk]);
    let key_end = 9 + 5 + 32;
    let cp_len = log.checkpoints[0].to_text().len();
    let first_entry = key_end + 5 + cp_len;

    let with = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut b = good.clone();
        f(&mut b);
        b
    };
    let cases: Vec<(&str, Vec<u8>, u64, BundleError)> = vec![
        ("empty file", vec![], 0, BundleError::BadMagic),
        (
            "wrong magic",
            with(&|b| b[0] = b'X'),
            0,
            BundleError::BadMagic,
        ),
        (
            "version 3",
            with(&|b| b[8] = 3),
            8,
            BundleError::UnsupportedVersion { found: 3 },
        ),
        (
            "version 1 with a version 2 end record",
            with(&|b| b[8] = 1),
            (good.len() - 37) as u64,
            BundleError::EndLength {
                len: 32,
                version: 1,
                expected: 24,
            },
        ),
        (
            "unknown tag",
            with(&|b| b[9] = b'Z'),
            9,
            BundleError::UnknownTag { tag: b'Z' },
        ),
        (
            "key after checkpoint",
            with(&|b| b[key_end] = b'K'),
            key_end as u64,
            BundleError::KeyLength { len: cp_len as u32 },
        ),
        (
            "checkpoint after envelope",
            with(&|b| b[first_entry + 5 + log.entries[0].0.len()] = b'C'),
            (first_entry + 5 + log.entries[0].0.len()) as u64,
            BundleError::OutOfOrder {
                record: "checkpoint",
                after: "envelope",
            },
        ),
        (
            "oversized record",
            with(&|b| b[first_entry + 1] = 0xff),
            first_entry as u64,
            BundleError::RecordTooLarge {
                len: u32::from_be_bytes([0xff, 0, 0, log.entries[0].0.len() as u8]),
            },
        ),
        (
            "cut inside an envelope",
            good[..first_entry + 20].to_vec(),
            (first_entry + 5) as u64,
            BundleError::Truncated,
        ),
        (
            "cut before the end record",
            good[..good.len() - 37].to_vec(),
            (good.len() - 37) as u64,
            BundleError::Truncated,
        ),
        (
            "end record counts altered",
            with(&|b| {
                let n = b.len();
                b[n - 1] = 9;
            }),
            (good.len() - 37) as u64,
            BundleError::CountMismatch {
                what: "envelope",
                declared: 9,
                found: 3,
            },
        ),
        (
            "bytes after the end record",
            with(&|b| b.push(0)),
            good.len() as u64,
            BundleError::TrailingData,
        ),
        (
            "checkpoint record not text",
            with(&|b| b[key_end + 5] = 0xff),
            key_end as u64,
            BundleError::CheckpointNotText,
        ),
    ];
    for (what, bytes, offset, problem) in cases {
        assert_eq!(
            bundle_problem(verify_bundle(bytes.as_slice(), Some(&pk))),
            (offset, problem),
            "{what}"
        );
    }
}

#[test]
fn a_bundle_without_keys_is_rejected() {
    let mut bundle = b"HWLEDGER\x01".to_vec();
    bundle.push(b'.');
    bundle.extend_from_slice(&24u32.to_be_bytes());
    bundle.extend_from_slice(&[0; 24]);
    let (_, problem) = bundle_problem(verify_bundle(bundle.as_slice(), None));
    assert_eq!(problem, BundleError::NoKeys);
    assert!(write_bundle(Vec::new(), &[], &[], std::iter::empty()).is_err());
}

#[test]
fn envelope_errors_in_a_bundle_name_the_entry() {
    let mut log = build(40, 8, &key(1));
    let mut e = Envelope::decode(&log.entries[20].0).unwrap();
    e.actor = "someone-else".into();
    log.entries[20].0 = e.encode();
    let bundle = bundle_of(&log, &[key(1).public()]);
    let err = verify_bundle(bundle.as_slice(), Some(&key(1).public())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "checkpoint for size 24 does not match the log: an entry at or before seq 24 was altered"
    );
}

#[test]
fn dropping_the_latest_checkpoint_from_a_bundle_is_caught() {
    let mut log = build(40, 16, &key(1));
    log.checkpoints.pop();
    let bundle = bundle_of(&log, &[key(1).public()]);
    let err = verify_bundle(bundle.as_slice(), Some(&key(1).public())).unwrap_err();
    assert!(
        matches!(err, VerifyError::Uncovered { uncovered: 8, .. }),
        "{err}"
    );
}

#[test]
fn checkpoints_in_a_bundle_may_come_in_any_order() {
    let mut log = build(40, 8, &key(1));
    log.checkpoints.reverse();
    let bundle = bundle_of(&log, &[key(1).public()]);
    let report = verify_bundle(bundle.as_slice(), Some(&key(1).public())).unwrap();
    assert_eq!(report.checkpoints, 5);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_changed_byte_of_a_bundle_is_caught(
        n in 1u64..30,
        every in 1u64..10,
        at in any::<prop::sample::Index>(),
        mask in 1u8..=255,
    ) {
        let log = build(n, every, &key(1));
        let pk = key(1).public();
        let mut bundle = bundle_of(&log, &[pk]);
        let i = at.index(bundle.len());
        bundle[i] ^= mask;
        prop_assert!(verify_bundle(bundle.as_slice(), Some(&pk)).is_err(), "byte {} of {}", i, bundle.len());
    }

    #[test]
    fn any_cut_of_a_bundle_is_caught(n in 1u64..30, every in 1u64..10, at in any::<prop::sample::Index>()) {
        let log = build(n, every, &key(1));
        let pk = key(1).public();
        let bundle = bundle_of(&log, &[pk]);
        let cut = at.index(bundle.len());
        prop_assert!(verify_bundle(&bundle[..cut], None).is_err());
    }
}

/// A version 1 bundle as exported before witness keys existed: no `W`
/// records, a 24-byte end record, and checkpoints in the first format.
fn v1_bundle(log: &common::Log, keys: &[PublicKey]) -> Vec<u8> {
    let mut out = b"HWLEDGER\x01".to_vec();
    let mut record = |tag: u8, payload: &[u8]| {
        out.push(tag);
        out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        out.extend_from_slice(payload);
    };
    for k in keys {
        record(b'K', &k.to_bytes());
    }
    for cp in &log.checkpoints {
        record(b'C', cp.to_text().as_bytes());
    }
    for (bytes, _) in &log.entries {
        record(b'E', bytes);
    }
    let mut end = Vec::new();
    for count in [
        keys.len() as u64,
        log.checkpoints.len() as u64,
        log.entries.len() as u64,
    ] {
        end.extend_from_slice(&count.to_be_bytes());
    }
    record(b'.', &end);
    out
}

#[test]
fn version_1_bundles_with_old_checkpoints_are_still_read() {
    // Every checkpoint in the first format, as exported before the change.
    let log = common::build_upgraded(50, 10, &key(1), 50);
    assert!(log.checkpoints.iter().all(|cp| cp.is_v1()));
    let pk = key(1).public();
    let report = verify_bundle(v1_bundle(&log, &[pk]).as_slice(), Some(&pk)).unwrap();
    assert_eq!((report.entries, report.checkpoints), (50, 5));
    assert!(report.witnesses.is_empty());
    // A ledger upgraded half way: old checkpoints, then C2SP ones, in a new bundle.
    let log = common::build_upgraded(50, 10, &key(1), 25);
    assert_eq!(log.checkpoints.iter().filter(|cp| cp.is_v1()).count(), 2);
    let report = verify_bundle(bundle_of(&log, &[pk]).as_slice(), Some(&pk)).unwrap();
    assert_eq!((report.entries, report.checkpoints), (50, 5));
    // A version 1 bundle knows no witness-key records.
    let mut bad = v1_bundle(&log, &[pk]);
    bad[9] = b'W';
    assert_eq!(
        bundle_problem(verify_bundle(bad.as_slice(), Some(&pk))),
        (9, BundleError::UnknownTag { tag: b'W' })
    );
}
