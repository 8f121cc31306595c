//! Envelope v1 encoding: round trips, the exact layout, and every malformed case.

use homeward_ledger::{DecodeError, Envelope, Hash, PersonalData, leaf_hash};
use proptest::prelude::*;

/// actor "u-7", org "mediator", kind "case.created", body {"case":"C-1"}:
/// actor at 21..24, org 28..36, kind 40..52, body 56..70, flag at 70,
/// commitment 71..103.
fn sample() -> Envelope {
    Envelope {
        seq: 42,
        recorded_at: 1_700_000_000_000_000,
        actor: "u-7".into(),
        org: "mediator".into(),
        kind: "case.created".into(),
        body: br#"{"case":"C-1"}"#.to_vec(),
        personal: Some(Hash([0xab; 32])),
    }
}

#[test]
fn layout_is_as_documented() {
    let bytes = sample().encode();
    let mut expect = vec![1u8];
    expect.extend_from_slice(&42u64.to_be_bytes());
    expect.extend_from_slice(&1_700_000_000_000_000i64.to_be_bytes());
    for field in [
        &b"u-7"[..],
        b"mediator",
        b"case.created",
        br#"{"case":"C-1"}"#,
    ] {
        expect.extend_from_slice(&(field.len() as u32).to_be_bytes());
        expect.extend_from_slice(field);
    }
    expect.push(1);
    expect.extend_from_slice(&[0xab; 32]);
    assert_eq!(bytes, expect);
    assert_eq!(bytes.len(), 103);

    let mut none = sample();
    none.personal = None;
    let bytes = none.encode();
    assert_eq!(bytes.len(), 71);
    assert_eq!(bytes[70], 0);
}

#[test]
fn leaf_hash_is_leaf_hash_of_encoding() {
    let e = sample();
    assert_eq!(e.leaf_hash(), leaf_hash(&e.encode()));
}

#[test]
fn negative_timestamps_and_empty_fields_round_trip() {
    let e = Envelope {
        seq: u64::MAX,
        recorded_at: i64::MIN,
        actor: String::new(),
        org: String::new(),
        kind: String::new(),
        body: vec![],
        personal: None,
    };
    assert_eq!(Envelope::decode(&e.encode()), Ok(e));
}

fn with(mut bytes: Vec<u8>, f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    f(&mut bytes);
    bytes
}

#[test]
fn malformed_envelopes_are_rejected_precisely() {
    let good = sample().encode();
    let truncated = |field, offset, needed, available| DecodeError::Truncated {
        field,
        offset,
        needed,
        available,
    };
    let cases: Vec<(&str, Vec<u8>, DecodeError)> = vec![
        ("empty", vec![], truncated("version", 0, 1, 0)),
        (
            "version 2",
            with(good.clone(), |b| b[0] = 2),
            DecodeError::UnsupportedVersion { found: 2 },
        ),
        (
            "version 0",
            with(good.clone(), |b| b[0] = 0),
            DecodeError::UnsupportedVersion { found: 0 },
        ),
        ("cut in seq", good[..5].to_vec(), truncated("seq", 1, 8, 4)),
        (
            "cut in recorded_at",
            good[..16].to_vec(),
            truncated("recorded_at", 9, 8, 7),
        ),
        (
            "cut in actor length",
            good[..19].to_vec(),
            truncated("actor length", 17, 4, 2),
        ),
        (
            "cut in actor",
            good[..22].to_vec(),
            truncated("actor", 21, 3, 1),
        ),
        (
            "actor length too large",
            with(good.clone(), |b| {
                b[17..21].copy_from_slice(&1000u32.to_be_bytes())
            }),
            truncated("actor", 21, 1000, 82),
        ),
        (
            "actor length u32::MAX",
            with(good.clone(), |b| {
                b[17..21].copy_from_slice(&u32::MAX.to_be_bytes())
            }),
            truncated("actor", 21, u32::MAX as usize, 82),
        ),
        (
            "cut in org",
            good[..30].to_vec(),
            truncated("org", 28, 8, 2),
        ),
        (
            "cut in kind length",
            good[..38].to_vec(),
            truncated("kind length", 36, 4, 2),
        ),
        (
            "cut in body",
            good[..60].to_vec(),
            truncated("body", 56, 14, 4),
        ),
        (
            "cut before flag",
            good[..70].to_vec(),
            truncated("personal flag", 70, 1, 0),
        ),
        (
            "cut in commitment",
            good[..100].to_vec(),
            truncated("personal commitment", 71, 32, 29),
        ),
        (
            "actor not UTF-8",
            with(good.clone(), |b| b[22] = 0xff),
            DecodeError::InvalidUtf8 {
                field: "actor",
                offset: 22,
            },
        ),
        (
            "org not UTF-8 (lone continuation byte)",
            with(good.clone(), |b| b[28] = 0x80),
            DecodeError::InvalidUtf8 {
                field: "org",
                offset: 28,
            },
        ),
        (
            "kind not UTF-8 (overlong encoding)",
            with(good.clone(), |b| {
                b[50] = 0xc0;
                b[51] = 0xae;
            }),
            DecodeError::InvalidUtf8 {
                field: "kind",
                offset: 50,
            },
        ),
        (
            "flag 2",
            with(good.clone(), |b| b[70] = 2),
            DecodeError::InvalidPersonalFlag {
                found: 2,
                offset: 70,
            },
        ),
        (
            "flag 0 with a commitment after it",
            with(good.clone(), |b| b[70] = 0),
            DecodeError::TrailingBytes {
                offset: 71,
                count: 32,
            },
        ),
        (
            "one trailing byte",
            with(good.clone(), |b| b.push(0)),
            DecodeError::TrailingBytes {
                offset: 103,
                count: 1,
            },
        ),
    ];
    for (what, bytes, expect) in cases {
        assert_eq!(Envelope::decode(&bytes), Err(expect), "{what}");
    }
    // Bodies are bytes, not text: invalid UTF-8 there is fine.
    let mut binary = sample();
    binary.body = vec![0xff, 0xfe, 0x00];
    assert_eq!(Envelope::decode(&binary.encode()), Ok(binary));
}

#[test]
fn decode_error_messages_name_field_and_offset() {
    let cases = [
        (
            DecodeError::Truncated {
                field: "body",
                offset: 56,
                needed: 14,
                available: 4,
            },
            "envelope ends inside body at offset 56: 14 bytes needed, 4 left",
        ),
        (
            DecodeError::InvalidUtf8 {
                field: "actor",
                offset: 22,
            },
            "actor at offset 22 is not valid UTF-8",
        ),
        (
            DecodeError::TrailingBytes {
                offset: 103,
                count: 1,
            },
            "1 trailing bytes after the end of the envelope at offset 103",
        ),
    ];
    for (e, expect) in cases {
        assert_eq!(e.to_string(), expect);
    }
}

#[test]
fn personal_commitment_is_salted_sha256_with_prefix_2() {
    use sha2::{Digest, Sha256};
    let p = PersonalData {
        salt: [7; 32],
        data: "Олександр Шевченко, 03.2014".as_bytes().to_vec(),
    };
    let mut input = vec![2u8];
    input.extend_from_slice(&[7; 32]);
    input.extend_from_slice(&p.data);
    assert_eq!(p.commitment().0, <[u8; 32]>::from(Sha256::digest(&input)));
    // The salt matters: the same data under another salt commits differently.
    let other = PersonalData {
        salt: [8; 32],
        data: p.data.clone(),
    };
    assert_ne!(p.commitment(), other.commitment());
    // Fresh salts are random.
    let (a, b) = (
        PersonalData::new(p.data.clone()),
        PersonalData::new(p.data.clone()),
    );
    assert_ne!(a.salt, b.salt);
    // Debug output never shows the data.
    assert!(!format!("{p:?}").contains("Олександр"));
}

fn arb_envelope() -> impl Strategy<Value = Envelope> {
    (
        any::<u64>(),
        any::<i64>(),
        ".{0,12}",
        ".{0,12}",
        "[a-z._]{0,20}",
        proptest::collection::vec(any::<u8>(), 0..300),
        proptest::option::of(any::<[u8; 32]>()),
    )
        .prop_map(
            |(seq, recorded_at, actor, org, kind, body, personal)| Envelope {
                seq,
                recorded_at,
                actor,
                org,
                kind,
                body,
                personal: personal.map(Hash),
            },
        )
}

proptest! {
    #[test]
    fn encode_decode_round_trips(e in arb_envelope()) {
        let bytes = e.encode();
        prop_assert_eq!(Envelope::decode(&bytes), Ok(e));
    }

    #[test]
    fn decode_accepts_only_canonical_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..120)) {
        // Whatever decodes must encode back to the very same bytes, so the
        // leaf hash of stored bytes is unambiguous.
        if let Ok(e) = Envelope::decode(&bytes) {
            prop_assert_eq!(e.encode(), bytes);
        }
    }

    #[test]
    fn every_strict_prefix_is_truncated(e in arb_envelope(), cut in any::<prop::sample::Index>()) {
        let bytes = e.encode();
        let cut = cut.index(bytes.len());
        let is_truncated = matches!(Envelope::decode(&bytes[..cut]), Err(DecodeError::Truncated { .. }));
        prop_assert!(is_truncated);
    }
}
