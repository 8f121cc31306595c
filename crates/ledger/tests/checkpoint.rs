//! Keys, checkpoint notes in both formats, and their text form.

use homeward_ledger::{
    Checkpoint, CheckpointBody, CheckpointSignatures, Hash, KeyType, LedgerKey, NoteError,
    ParseError, PublicKey, VerifyError,
};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

const ORIGIN: &str = "homeward.test/ledger";

fn unhex32(s: &str) -> [u8; 32] {
    s.parse::<Hash>().unwrap().0
}

#[test]
fn key_derivation_matches_rfc8032_test_1() {
    let secret = unhex32("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    let key = LedgerKey::from_bytes(&secret);
    assert_eq!(
        key.public().to_string(),
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    );
    assert_eq!(key.to_bytes(), secret);
}

#[test]
fn key_id_is_first_8_bytes_of_sha256_of_the_public_key() {
    use sha2::{Digest, Sha256};
    let key = LedgerKey::from_bytes(&[3; 32]).public();
    let digest = Sha256::digest(key.to_bytes());
    let expect: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(key.key_id(), expect);
    assert_eq!(key.key_id().len(), 16);
}

#[test]
fn public_key_text_round_trips_and_rejects_garbage() {
    let key = LedgerKey::generate().public();
    assert_eq!(key.to_string().parse::<PublicKey>().unwrap(), key);
    assert_eq!(
        "abc".parse::<PublicKey>(),
        Err(ParseError::HexLength {
            what: "public key",
            expected: 64,
            found: 3
        })
    );
    let mut bad = key.to_string();
    bad.replace_range(10..11, "g");
    assert_eq!(
        bad.parse::<PublicKey>(),
        Err(ParseError::HexDigit {
            what: "public key",
            position: 10
        })
    );
    // y = 2 is not on the curve.
    let mut off_curve = [0u8; 32];
    off_curve[0] = 2;
    assert_eq!(
        PublicKey::from_bytes(&off_curve),
        Err(ParseError::InvalidPublicKey)
    );
    let json = serde_json::to_string(&key).unwrap();
    assert_eq!(json, format!("\"{key}\""));
    assert_eq!(serde_json::from_str::<PublicKey>(&json).unwrap(), key);
}

#[test]
fn generated_keys_differ_and_debug_hides_the_secret() {
    let (a, b) = (LedgerKey::generate(), LedgerKey::generate());
    assert_ne!(a.to_bytes(), b.to_bytes());
    let debug = format!("{a:?}");
    assert!(debug.contains(&a.public().key_id()));
    let secret: String = a.to_bytes().iter().map(|b| format!("{b:02x}")).collect();
    assert!(!debug.contains(&secret[..16]));
}

#[test]
fn hash_text_and_serde() {
    let h = Hash([0x0f; 32]);
    assert_eq!(h.to_string(), "0f".repeat(32));
    assert_eq!(h.to_string().to_uppercase().parse::<Hash>().unwrap(), h);
    assert_eq!(
        serde_json::to_string(&h).unwrap(),
        format!("\"{}\"", "0f".repeat(32))
    );
    assert_eq!(
        serde_json::from_str::<Hash>(&serde_json::to_string(&h).unwrap()).unwrap(),
        h
    );
    assert!(serde_json::from_str::<Hash>("\"0f\"").is_err());
}

fn b64(bytes: &[u8]) -> String {
    // An independent encoder for the tests: RFC 4648 by table lookup.
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = c
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= c.len() {
                T[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// `SHA-256(name || 0x0A || type || key)[:4]`, computed here by hand.
fn expected_key_id(name: &str, alg: u8, key: &PublicKey) -> [u8; 4] {
    let mut input = name.as_bytes().to_vec();
    input.push(b'\n');
    input.push(alg);
    input.extend_from_slice(&key.to_bytes());
    Sha256::digest(&input)[..4].try_into().unwrap()
}

#[test]
fn checkpoint_note_text_is_exact() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let root = Hash([0xaa; 32]);
    let cp = key.sign_checkpoint(ORIGIN, 1000, root, 1_767_225_600_000_000);
    let body = format!(
        "{ORIGIN}\n1000\n{}\ntimestamp-micros 1767225600000000\n",
        b64(&[0xaa; 32])
    );
    assert_eq!(cp.body(), body);
    assert!(!cp.is_v1());
    let text = cp.to_text();
    let (text_body, sig_line) = text.split_once("\n\n").unwrap();
    assert_eq!(format!("{text_body}\n"), body);
    let rest = sig_line
        .strip_suffix('\n')
        .unwrap()
        .strip_prefix("\u{2014} ")
        .unwrap();
    let (name, sig) = rest.split_once(' ').unwrap();
    assert_eq!(name, ORIGIN);
    // base64(4-byte key id || 64-byte signature) is 92 characters.
    assert_eq!(sig.len(), 92);
    let id = expected_key_id(ORIGIN, 0x01, &key.public());
    assert!(sig.starts_with(&b64(&id)[..4]), "{sig}");
    assert_eq!(cp.key_id(), format!("{:08x}", u32::from_be_bytes(id)));
    // The Ed25519 signature is over the body, verifiable with any library.
    let raw: Vec<u8> = {
        let note = homeward_ledger::Note::parse(&text).unwrap();
        note.signatures()[0].signature.clone()
    };
    let sig = ed25519_dalek::Signature::from_slice(&raw).unwrap();
    let vk = ed25519_dalek::VerifyingKey::from_bytes(&key.public().to_bytes()).unwrap();
    vk.verify_strict(body.as_bytes(), &sig).unwrap();
    assert_eq!(Checkpoint::from_text(&text).unwrap(), cp);
    // The final newline may be lost in copying.
    assert_eq!(Checkpoint::from_text(text.trim_end()).unwrap(), cp);
    cp.verify(&key.public()).unwrap();
}

#[test]
fn v1_checkpoint_text_is_exact_and_still_verifies() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let root = Hash([0xaa; 32]);
    let cp = key.sign_checkpoint_v1(ORIGIN, 1000, root, 1_767_225_600_000_000);
    let message = format!(
        "homeward-checkpoint/v1\n{ORIGIN}\n1000\n{}\n1767225600000000\n",
        "aa".repeat(32)
    );
    assert!(cp.is_v1());
    assert_eq!(cp.signed_message(), message);
    let text = cp.to_text();
    let (body, sig_line) = text.split_once("\n\n").unwrap();
    assert_eq!(format!("{body}\n"), message);
    let rest = sig_line
        .strip_suffix('\n')
        .unwrap()
        .strip_prefix("\u{2014} ")
        .unwrap();
    let (key_id, sig) = rest.split_once(' ').unwrap();
    assert_eq!(key_id, key.public().key_id());
    assert_eq!(sig.len(), 88);
    assert_eq!(Checkpoint::from_text(&text).unwrap(), cp);
    assert_eq!(Checkpoint::from_text(text.trim_end()).unwrap(), cp);
    cp.verify(&key.public()).unwrap();
    // The two formats sign different texts, so neither signature can be
    // passed off as the other.
    let c2sp = key.sign_checkpoint(ORIGIN, 1000, root, 1_767_225_600_000_000);
    assert_ne!(c2sp.body(), cp.body());
}

/// A checkpoint exactly as ledgers written before the C2SP change hold it
/// (the example FORMAT.md showed, signed with the RFC 8032 test-1 key).
#[test]
fn a_checkpoint_written_in_the_old_format_is_still_read_and_verified() {
    let old_note = "homeward-checkpoint/v1\n\
        homeward.example/ledger\n\
        8\n\
        5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n\
        1767225600000000\n\
        \n\
        \u{2014} 21fe31dfa154a261 sb+aywIxfwzZneI+24XUiB1QOm7UJnN4mpWEWuhU3+A3j1ffMCpXbaNLOHWboOgfvC+WyAYVHZzkWUGoF6B7Ag==\n";
    let cp = Checkpoint::from_text(old_note).unwrap();
    assert!(cp.is_v1());
    assert_eq!(
        (cp.origin.as_str(), cp.size, cp.timestamp),
        ("homeward.example/ledger", 8, 1_767_225_600_000_000)
    );
    assert_eq!(cp.key_id(), "21fe31dfa154a261");
    let public: PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        .parse()
        .unwrap();
    cp.verify(&public).unwrap();
    assert_eq!(cp.to_text(), old_note);
    assert_eq!(cp.cosignatures().count(), 0);
    let mut cosigned = cp.clone();
    assert_eq!(
        cosigned.add_signature(homeward_ledger::NoteSignature {
            name: "w".into(),
            key_id: 1,
            signature: vec![0; 72],
        }),
        Err(NoteError::V1Checkpoint)
    );
}

#[test]
fn checkpoint_verify_names_the_problem() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let other = LedgerKey::from_bytes(&[2; 32]);
    for v1 in [false, true] {
        let sign = if v1 {
            LedgerKey::sign_checkpoint_v1
        } else {
            LedgerKey::sign_checkpoint
        };
        let cp = sign(&key, ORIGIN, 7, Hash([1; 32]), 5);
        let err = cp.verify(&other.public()).unwrap_err();
        assert!(
            matches!(err, VerifyError::KeyMismatch { size: 7, .. }),
            "{err}"
        );
        let mut bad = cp.clone();
        match &mut bad.signatures {
            CheckpointSignatures::V1 { signature, .. } => signature[63] ^= 0x10,
            CheckpointSignatures::Note(sigs) => sigs[0].signature[63] ^= 0x10,
        }
        assert_eq!(
            bad.verify(&key.public()).unwrap_err().to_string(),
            "checkpoint signature for size 7 is invalid"
        );
        // Every field is covered by the signature.
        for change in 0..4 {
            let mut bad = cp.clone();
            match change {
                0 => bad.size += 1,
                1 => bad.root.0[31] ^= 1,
                2 => bad.timestamp += 1,
                _ => bad.origin = if v1 { "other".into() } else { ORIGIN.into() },
            }
            if change < 3 || v1 {
                assert!(
                    bad.verify(&key.public()).is_err(),
                    "v1 {v1}, change {change}"
                );
            }
        }
        let empty_origin = sign(&key, "", 7, Hash([1; 32]), 5);
        assert!(matches!(
            empty_origin.verify(&key.public()),
            Err(VerifyError::InvalidOrigin { size: 7 })
        ));
    }
    // A C2SP origin is the key name, so it cannot hold a space.
    let spaced = key.sign_checkpoint("homeward ledger", 7, Hash([1; 32]), 5);
    assert!(matches!(
        spaced.verify(&key.public()),
        Err(VerifyError::InvalidOrigin { size: 7 })
    ));
}

#[test]
fn malformed_v1_checkpoint_texts_are_rejected_by_line() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let good = key
        .sign_checkpoint_v1(ORIGIN, 12, Hash([0xab; 32]), 99)
        .to_text();
    let lines: Vec<&str> = good.trim_end().split('\n').collect();
    let with_line = |i: usize, replacement: &str| {
        let mut l = lines.clone();
        l[i] = replacement;
        l.join("\n") + "\n"
    };
    let upper_root = lines[3].to_uppercase();
    let bad_sig = format!("\u{2014} {} {}", key.public().key_id(), "A".repeat(88));
    let short_sig = lines[6][..lines[6].len() - 4].to_string();
    let hyphen = lines[6].replacen('\u{2014}', "-", 1);
    let cases: Vec<(&str, String, usize)> = vec![
        // Another header is not the first format: it is read as a C2SP
        // checkpoint, whose second line must be the size.
        ("wrong header", with_line(0, "homeward-checkpoint/v2"), 2),
        ("empty origin", with_line(1, ""), 2),
        ("size not a number", with_line(2, "12a"), 3),
        ("size with leading zero", with_line(2, "012"), 3),
        ("size with plus sign", with_line(2, "+12"), 3),
        ("root too short", with_line(3, "abab"), 4),
        ("root uppercase", with_line(3, &upper_root), 4),
        ("timestamp not a number", with_line(4, "9.9"), 5),
        ("timestamp with leading zero", with_line(4, "099"), 5),
        ("no empty line", with_line(5, "x"), 6),
        ("hyphen instead of em dash", with_line(6, &hyphen), 7),
        (
            "signature not base64 of 64 bytes",
            with_line(6, &short_sig),
            7,
        ),
        ("signature padding wrong", with_line(6, &bad_sig), 7),
        ("key id too short", with_line(6, "\u{2014} abcd AAAA"), 7),
        ("missing signature line", lines[..6].join("\n"), 6),
        ("extra line", good.clone() + "more\n", 8),
    ];
    for (what, text, line) in cases {
        match Checkpoint::from_text(&text) {
            Err(ParseError::CheckpointLine { line: got, .. }) => {
                assert_eq!(got, line, "{what}")
            }
            other => panic!("{what}: expected an error on line {line}, got {other:?}"),
        }
    }
}

#[test]
fn malformed_c2sp_checkpoint_texts_are_rejected() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let good = key
        .sign_checkpoint(ORIGIN, 12, Hash([0xab; 32]), 99)
        .to_text();
    let lines: Vec<&str> = good.trim_end().split('\n').collect();
    assert_eq!(lines.len(), 6, "{good}");
    let with_line = |i: usize, replacement: &str| {
        let mut l = lines.clone();
        l[i] = replacement;
        l.join("\n") + "\n"
    };
    let root_hex = "ab".repeat(32);
    let root_unpadded = lines[2].trim_end_matches('=').to_string();
    let hyphen = lines[5].replacen('\u{2014}', "-", 1);
    let line_cases: Vec<(&str, String, usize)> = vec![
        ("empty origin", with_line(0, ""), 1),
        ("size not a number", with_line(1, "12a"), 2),
        ("size with leading zero", with_line(1, "012"), 2),
        ("size with plus sign", with_line(1, "+12"), 2),
        ("root in hex", with_line(2, &root_hex), 3),
        ("root without padding", with_line(2, &root_unpadded), 3),
        ("root of 31 bytes", with_line(2, &b64(&[0xab; 31])), 3),
        (
            "no timestamp",
            lines[..3].join("\n") + "\n\n" + lines[5] + "\n",
            4,
        ),
        ("other extension", with_line(3, "foo 99"), 4),
        (
            "timestamp leading zero",
            with_line(3, "timestamp-micros 099"),
            4,
        ),
        (
            "timestamp two spaces",
            with_line(3, "timestamp-micros  99"),
            4,
        ),
        (
            "two extensions",
            with_line(3, "timestamp-micros 99\ntimestamp-micros 99"),
            5,
        ),
    ];
    for (what, text, line) in line_cases {
        match Checkpoint::from_text(&text) {
            Err(ParseError::CheckpointLine { line: got, .. }) => assert_eq!(got, line, "{what}"),
            other => panic!("{what}: expected an error on line {line}, got {other:?}"),
        }
    }
    let note_cases: Vec<(&str, String, NoteError)> = vec![
        (
            "no blank line",
            good.replace("\n\n", "\n"),
            NoteError::NoSignatureBlock,
        ),
        (
            "hyphen instead of em dash",
            with_line(5, &hyphen),
            NoteError::SignatureLine {
                line: 6,
                problem: "a signature line starts with an em dash and a space",
            },
        ),
        (
            "signature without a name",
            with_line(5, &format!("\u{2014} {}", &lines[5][ORIGIN.len() + 5..])),
            NoteError::SignatureLine {
                line: 6,
                problem: "a signature line holds a key name and a signature",
            },
        ),
        (
            "a tab in the text",
            with_line(0, "homeward\ttest"),
            NoteError::ControlCharacter { offset: 8 },
        ),
        (
            "a carriage return",
            good.replace('\n', "\r\n"),
            NoteError::ControlCharacter {
                offset: ORIGIN.len(),
            },
        ),
    ];
    for (what, text, expect) in note_cases {
        assert_eq!(
            Checkpoint::from_text(&text),
            Err(ParseError::Note(expect)),
            "{what}"
        );
    }
}

#[test]
fn checkpoint_body_reads_any_c2sp_checkpoint() {
    // The example checkpoint of the C2SP tlog-checkpoint spec.
    let text =
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    let body = CheckpointBody::parse(text).unwrap();
    assert_eq!(body.origin, "example.com/behind-the-sofa");
    assert_eq!(body.size, 20852163);
    assert!(body.extensions.is_empty());
    assert_eq!(body.to_text(), text);
    let with_ext = format!("{text}ext one\next two\n");
    let body = CheckpointBody::parse(&with_ext).unwrap();
    assert_eq!(body.extensions, ["ext one", "ext two"]);
    assert_eq!(body.to_text(), with_ext);
    // A Homeward checkpoint needs its timestamp extension.
    assert!(Checkpoint::from_text(&format!("{text}\n\u{2014} x AAAAAAA=\n")).is_err());
}

#[test]
fn ledger_key_note_texts_round_trip() {
    let key = LedgerKey::from_bytes(&[7; 32]);
    let vkey = key.verifier_key(ORIGIN).unwrap();
    assert_eq!(vkey.key_type(), KeyType::Ed25519);
    let id = expected_key_id(ORIGIN, 0x01, &key.public());
    let mut raw = vec![0x01];
    raw.extend_from_slice(&key.public().to_bytes());
    assert_eq!(
        vkey.to_string(),
        format!("{ORIGIN}+{}+{}", hex(&id), b64(&raw))
    );
    let private = key.to_private_key(ORIGIN).unwrap();
    let mut raw = vec![0x01];
    raw.extend_from_slice(&[7; 32]);
    assert_eq!(
        private,
        format!("PRIVATE+KEY+{ORIGIN}+{}+{}", hex(&id), b64(&raw))
    );
    let (name, back) = LedgerKey::from_private_key(&format!("{private}\n")).unwrap();
    assert_eq!((name.as_str(), back.to_bytes()), (ORIGIN, [7; 32]));
    assert!(key.to_private_key("two words").is_err());
    assert!(key.verifier_key("a+b").is_err());
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

proptest! {
    #[test]
    fn checkpoint_text_round_trips(
        origin in "[a-z0-9./-]{1,40}",
        size in any::<u64>(),
        root in any::<[u8; 32]>(),
        timestamp in any::<i64>(),
        seed in any::<[u8; 32]>(),
        v1 in any::<bool>(),
    ) {
        let key = LedgerKey::from_bytes(&seed);
        let cp = if v1 {
            key.sign_checkpoint_v1(&origin, size, Hash(root), timestamp)
        } else {
            key.sign_checkpoint(&origin, size, Hash(root), timestamp)
        };
        let text = cp.to_text();
        let parsed = Checkpoint::from_text(&text).unwrap();
        prop_assert_eq!(&parsed, &cp);
        prop_assert_eq!(parsed.to_text(), text);
        prop_assert!(parsed.verify(&key.public()).is_ok());
    }

    #[test]
    fn checkpoint_parsing_never_panics(text in "\\PC{0,300}") {
        let _ = Checkpoint::from_text(&text);
    }
}
