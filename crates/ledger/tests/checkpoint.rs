//! Keys, checkpoint notes and their text form.

use homeward_ledger::{Checkpoint, Hash, LedgerKey, ParseError, PublicKey, VerifyError};
use proptest::prelude::*;

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

#[test]
fn checkpoint_note_text_is_exact() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let root = Hash([0xaa; 32]);
    let cp = key.sign_checkpoint(ORIGIN, 1000, root, 1_767_225_600_000_000);
    let message = format!(
        "homeward-checkpoint/v1\n{ORIGIN}\n1000\n{}\n1767225600000000\n",
        "aa".repeat(32)
    );
    assert_eq!(cp.signed_message(), message);
    let text = cp.to_text();
    let (body, sig_line) = text.split_once("\n\n").unwrap();
    assert_eq!(format!("{body}\n"), message);
    let sig_line = sig_line.strip_suffix('\n').unwrap();
    let rest = sig_line.strip_prefix("\u{2014} ").unwrap();
    let (key_id, sig) = rest.split_once(' ').unwrap();
    assert_eq!(key_id, key.public().key_id());
    assert_eq!(sig.len(), 88);
    assert_eq!(Checkpoint::from_text(&text).unwrap(), cp);
    // The final newline may be lost in copying.
    assert_eq!(Checkpoint::from_text(text.trim_end()).unwrap(), cp);
    cp.verify(&key.public()).unwrap();
}

#[test]
fn checkpoint_verify_names_the_problem() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let other = LedgerKey::from_bytes(&[2; 32]);
    let cp = key.sign_checkpoint(ORIGIN, 7, Hash([1; 32]), 5);
    let err = cp.verify(&other.public()).unwrap_err();
    assert!(
        matches!(err, VerifyError::KeyMismatch { size: 7, .. }),
        "{err}"
    );
    let mut bad = cp.clone();
    bad.signature[63] ^= 0x10;
    assert_eq!(
        bad.verify(&key.public()).unwrap_err().to_string(),
        "checkpoint signature for size 7 is invalid"
    );
    let empty_origin = key.sign_checkpoint("", 7, Hash([1; 32]), 5);
    assert!(matches!(
        empty_origin.verify(&key.public()),
        Err(VerifyError::InvalidOrigin { size: 7 })
    ));
}

#[test]
fn malformed_checkpoint_texts_are_rejected_by_line() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let good = key
        .sign_checkpoint(ORIGIN, 12, Hash([0xab; 32]), 99)
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
        ("wrong header", with_line(0, "homeward-checkpoint/v2"), 1),
        ("empty origin", with_line(1, ""), 2),
        ("size not a number", with_line(2, "12a"), 3),
        ("size with leading zero", with_line(2, "012"), 3),
        ("size with plus sign", with_line(2, "+12"), 3),
        ("root too short", with_line(3, "abab"), 4),
        ("root uppercase", with_line(3, &upper_root), 4),
        ("timestamp not a number", with_line(4, "9.9"), 5),
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

proptest! {
    #[test]
    fn checkpoint_text_round_trips(
        origin in "[a-z0-9./-]{1,40}",
        size in any::<u64>(),
        root in any::<[u8; 32]>(),
        timestamp in any::<i64>(),
        seed in any::<[u8; 32]>(),
    ) {
        let key = LedgerKey::from_bytes(&seed);
        let cp = key.sign_checkpoint(&origin, size, Hash(root), timestamp);
        let parsed = Checkpoint::from_text(&cp.to_text()).unwrap();
        prop_assert_eq!(&parsed, &cp);
        prop_assert!(parsed.verify(&key.public()).is_ok());
    }
}

#[test]
fn format_md_example_checkpoint_is_real() {
    // The example in FORMAT.md §5: RFC 8032 test-1 key, the root of the 8
    // Certificate Transparency reference leaves.
    let secret = unhex32("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    let key = LedgerKey::from_bytes(&secret);
    let root = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
        .parse()
        .unwrap();
    let cp = key.sign_checkpoint("homeward.example/ledger", 8, root, 1_767_225_600_000_000);
    let text = cp.to_text();
    let indented: String = text
        .lines()
        .map(|l| format!("    {l}\n").replace("    \n", "\n"))
        .collect();
    let format_md = include_str!("../FORMAT.md");
    assert!(
        format_md.contains(&indented),
        "FORMAT.md should show:\n{indented}"
    );
}
