//! C2SP signed notes and verifier keys, checked against published vectors
//! (Go's golang.org/x/mod/sumdb/note tests, and a real checkpoint of a
//! Certificate Transparency log cosigned by a public witness).

use homeward_ledger::note::{ALG_COSIGNATURE_V1, ALG_ED25519, key_id};
use homeward_ledger::{
    KeyType, LedgerKey, Note, NoteError, NoteSignature, VerifiedSignature, VerifierKey, WitnessKey,
};
use proptest::prelude::*;

// From golang.org/x/mod/sumdb/note, note_test.go and its package example.
const PETER_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY: &str =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const PETER_TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                          then you don't know what your problem is.\n";
const PETER_NOTE: &str = "If you think cryptography is the answer to your problem,\n\
    then you don't know what your problem is.\n\
    \n\
    \u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_VKEY: &str = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

// A checkpoint of the transparency.dev staging CT log arche2025h1, signed
// by the log (an RFC 6962 signature, type 0x05, and an Ed25519 note
// signature) and cosigned by four public witnesses (cosignature/v1).
const ARCHE_NOTE: &str = "arche2025h1.staging.ct.transparency.dev
1432088532
U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

\u{2014} arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
\u{2014} arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
\u{2014} transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==
\u{2014} witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==
\u{2014} remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
\u{2014} witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==
";
const ARCHE_VKEY: &str =
    "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
const REMORA_VKEY: &str = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";

fn vkey(s: &str) -> VerifierKey {
    s.parse().unwrap()
}

#[test]
fn go_sumdb_note_vector_signs_and_verifies_byte_for_byte() {
    let (name, key) = LedgerKey::from_private_key(PETER_SKEY).unwrap();
    assert_eq!(name, "PeterNeumann");
    assert_eq!(key.verifier_key(&name).unwrap().to_string(), PETER_VKEY);
    assert_eq!(key.to_private_key(&name).unwrap(), PETER_SKEY);
    // Ed25519 is deterministic, so signing the text gives Go's note exactly.
    let mut note = Note::new(PETER_TEXT).unwrap();
    note.sign(&name, &key).unwrap();
    assert_eq!(note.to_text(), PETER_NOTE);

    let parsed = Note::parse(PETER_NOTE).unwrap();
    assert_eq!(parsed, note);
    assert_eq!(parsed.text(), PETER_TEXT);
    assert_eq!(
        parsed.verify(&[vkey(PETER_VKEY)]).unwrap(),
        [VerifiedSignature {
            name: "PeterNeumann".into(),
            key_id: 0xc74f20a3,
            key_type: KeyType::Ed25519,
            timestamp: None,
        }]
    );
}

#[test]
fn a_real_cosigned_checkpoint_verifies_under_the_log_and_witness_keys() {
    let note = Note::parse(ARCHE_NOTE).unwrap();
    assert_eq!(note.signatures().len(), 6);
    assert_eq!(note.to_text(), ARCHE_NOTE);
    let verified = note.verify(&[vkey(ARCHE_VKEY), vkey(REMORA_VKEY)]).unwrap();
    // The RFC 6962 signature (another key id under the same name) and the
    // other witnesses are unknown here, so ignored.
    assert_eq!(verified.len(), 2);
    assert_eq!(verified[0].key_type, KeyType::Ed25519);
    assert_eq!(verified[1].name, "remora.n621.de");
    assert_eq!(verified[1].key_type, KeyType::CosignatureV1);
    assert!(verified[1].timestamp.unwrap() > 1_700_000_000);
    // A changed size breaks both.
    let clobbered = Note::parse(&ARCHE_NOTE.replace("1432088532", "42")).unwrap();
    for key in [ARCHE_VKEY, REMORA_VKEY] {
        assert!(
            matches!(
                clobbered.verify(&[vkey(key)]),
                Err(NoteError::BadSignature { .. })
            ),
            "{key}"
        );
    }
}

#[test]
fn verification_follows_the_signed_note_rules() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let other = LedgerKey::from_bytes(&[2; 32]);
    let mut note = Note::new("hello\n\nworld\n").unwrap();
    note.sign("alice", &key).unwrap();
    note.add_signature(NoteSignature {
        name: "stranger".into(),
        key_id: 7,
        signature: vec![1; 64],
    })
    .unwrap();
    let text = note.to_text();
    let alice = key.verifier_key("alice").unwrap();

    // The text may hold blank lines: the last one separates the signatures.
    let parsed = Note::parse(&text).unwrap();
    assert_eq!(parsed.text(), "hello\n\nworld\n");
    assert_eq!(parsed.to_text(), text);

    type Case = (
        &'static str,
        String,
        Vec<VerifierKey>,
        Result<usize, NoteError>,
    );
    let cases: Vec<Case> = vec![
        (
            "known key verifies, unknown ignored",
            text.clone(),
            vec![alice.clone()],
            Ok(1),
        ),
        (
            "tampered text",
            text.replace("world", "World"),
            vec![alice.clone()],
            Err(NoteError::BadSignature {
                name: "alice".into(),
                key_id: alice.key_id(),
            }),
        ),
        (
            "wrong key under the same name: a different key id, so unknown",
            text.clone(),
            vec![other.verifier_key("alice").unwrap()],
            Err(NoteError::NoVerifiedSignature),
        ),
        (
            "same key under another name: unknown",
            text.clone(),
            vec![key.verifier_key("bob").unwrap()],
            Err(NoteError::NoVerifiedSignature),
        ),
        (
            "wrong key id on the line",
            {
                let mut n = parsed.clone();
                let mut sig = n.signatures()[0].clone();
                sig.key_id ^= 1;
                n = Note::new(n.text()).unwrap();
                n.add_signature(sig).unwrap();
                n.to_text()
            },
            vec![alice.clone()],
            Err(NoteError::NoVerifiedSignature),
        ),
        (
            "a known key's corrupted signature rejects the note",
            {
                let mut n = Note::new(parsed.text()).unwrap();
                let mut sig = parsed.signatures()[0].clone();
                sig.signature[0] ^= 1;
                n.add_signature(sig).unwrap();
                n.add_signature(parsed.signatures()[1].clone()).unwrap();
                n.to_text()
            },
            vec![alice.clone()],
            Err(NoteError::BadSignature {
                name: "alice".into(),
                key_id: alice.key_id(),
            }),
        ),
        (
            "no keys at all",
            text.clone(),
            vec![],
            Err(NoteError::NoVerifiedSignature),
        ),
    ];
    for (what, text, keys, expect) in cases {
        let got = Note::parse(&text).unwrap().verify(&keys).map(|v| v.len());
        assert_eq!(got, expect, "{what}");
    }
}

#[test]
fn signing_again_with_the_same_key_replaces_its_line() {
    let key = LedgerKey::from_bytes(&[1; 32]);
    let mut note = Note::new("text\n").unwrap();
    note.sign("alice", &key).unwrap();
    note.sign("alice", &key).unwrap();
    assert_eq!(note.signatures().len(), 1);
    assert!(matches!(
        note.sign("al ice", &key),
        Err(NoteError::BadKeyName { .. })
    ));
}

#[test]
fn malformed_notes_are_rejected() {
    let good = PETER_NOTE;
    let sig_line = good.lines().last().unwrap();
    let cases: Vec<(&str, String, NoteError)> = vec![
        (
            "no blank line",
            good.replace("\n\n", "\n"),
            NoteError::NoSignatureBlock,
        ),
        (
            "empty text",
            format!("\n\n{sig_line}\n"),
            NoteError::BadText,
        ),
        (
            "empty signature block",
            format!("{PETER_TEXT}\n\n"),
            NoteError::SignatureLine {
                line: 4,
                problem: "a signature line starts with an em dash and a space",
            },
        ),
        (
            "text after the signatures",
            format!("{good}more\n"),
            NoteError::SignatureLine {
                line: 5,
                problem: "a signature line starts with an em dash and a space",
            },
        ),
        (
            "non-canonical base64",
            good.replace("AM=", "AN="),
            NoteError::SignatureLine {
                line: 4,
                problem: "the signature is not canonical base64",
            },
        ),
        (
            "signature shorter than a key id",
            format!("{PETER_TEXT}\n\u{2014} a AAAA\n"),
            NoteError::SignatureLine {
                line: 4,
                problem: "the signature is shorter than a key ID and one byte",
            },
        ),
        (
            "a control character",
            good.replace("problem,", "problem,\u{7}"),
            NoteError::ControlCharacter { offset: 56 },
        ),
        (
            "too many signatures",
            format!("{PETER_TEXT}\n{}", format!("{sig_line}\n").repeat(101)),
            NoteError::TooManySignatures,
        ),
    ];
    for (what, text, expect) in cases {
        assert_eq!(Note::parse(&text), Err(expect), "{what}");
    }
    for bad_text in ["", "\n", "no newline"] {
        assert_eq!(Note::new(bad_text), Err(NoteError::BadText), "{bad_text:?}");
    }
}

#[test]
fn verifier_keys_parse_render_and_reject_manglings() {
    for text in [PETER_VKEY, ENOCH_VKEY, ARCHE_VKEY, REMORA_VKEY] {
        let key = vkey(text);
        assert_eq!(key.to_string(), text);
        let json = serde_json_round_trip(&key);
        assert_eq!(json, key);
    }
    assert_eq!(vkey(REMORA_VKEY).key_type(), KeyType::CosignatureV1);
    // Go's test: every proper substring and every one-byte change fails.
    let b = PETER_VKEY.as_bytes();
    for i in 0..b.len() {
        for j in i + 1..=b.len() {
            if (i, j) != (0, b.len()) {
                let s = std::str::from_utf8(&b[i..j]).unwrap();
                assert!(s.parse::<VerifierKey>().is_err(), "{s}");
            }
        }
        let mut m = b.to_vec();
        m[i] = m[i].wrapping_add(1);
        if let Ok(s) = std::str::from_utf8(&m) {
            assert!(s.parse::<VerifierKey>().is_err(), "{s}");
        }
    }
    // Uppercase hex in the key id, and an unknown type byte.
    assert!(
        PETER_VKEY
            .replace("c74f20a3", "C74F20A3")
            .parse::<VerifierKey>()
            .is_err()
    );
    assert!(matches!(
        "x+00000000+BRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW".parse::<VerifierKey>(),
        Err(NoteError::BadKey { .. })
    ));
}

fn serde_json_round_trip(key: &VerifierKey) -> VerifierKey {
    let json = serde_json::to_string(key).unwrap();
    assert_eq!(json, format!("\"{key}\""));
    serde_json::from_str(&json).unwrap()
}

#[test]
fn key_ids_follow_the_spec_formula_per_type() {
    let key = LedgerKey::from_bytes(&[9; 32]).public();
    for (alg, key_type) in [
        (ALG_ED25519, KeyType::Ed25519),
        (ALG_COSIGNATURE_V1, KeyType::CosignatureV1),
    ] {
        use sha2::{Digest, Sha256};
        let mut input = b"example.com/w\n".to_vec();
        input.push(alg);
        input.extend_from_slice(&key.to_bytes());
        let digest = Sha256::digest(&input);
        assert_eq!(
            key_id("example.com/w", key_type, &key.to_bytes()),
            u32::from_be_bytes(digest[..4].try_into().unwrap())
        );
    }
}

#[test]
fn private_keys_of_the_wrong_type_are_refused() {
    let witness = WitnessKey::new("w.example/1", LedgerKey::from_bytes(&[3; 32])).unwrap();
    let text = witness.to_private_key();
    assert!(text.starts_with("PRIVATE+KEY+w.example/1+"));
    assert_eq!(
        WitnessKey::from_private_key(&text).unwrap().verifier_key(),
        witness.verifier_key()
    );
    assert!(LedgerKey::from_private_key(&text).is_err());
    assert!(WitnessKey::from_private_key(PETER_SKEY).is_err());
    // The key id must match the key.
    assert!(LedgerKey::from_private_key(&PETER_SKEY.replace("c74f20a3", "c74f20a4")).is_err());
    assert!(LedgerKey::from_private_key(&PETER_SKEY["PRIVATE+KEY+".len()..]).is_err());
    // Debug output never shows the seed.
    assert!(!format!("{witness:?}").contains(&text[text.len() - 20..]));
}

proptest! {
    #[test]
    fn notes_round_trip(
        lines in prop::collection::vec("[a-zA-Z0-9 ./+=-]{0,30}", 1..6),
        seed in any::<[u8; 32]>(),
        name in "[a-z0-9./:-]{1,20}",
    ) {
        let text = lines.join("\n") + "\n";
        prop_assume!(text != "\n");
        let key = LedgerKey::from_bytes(&seed);
        let mut note = Note::new(text.clone()).unwrap();
        note.sign(&name, &key).unwrap();
        let parsed = Note::parse(&note.to_text()).unwrap();
        prop_assert_eq!(parsed.text(), text.as_str());
        prop_assert_eq!(&parsed, &note);
        prop_assert!(parsed.verify(&[key.verifier_key(&name).unwrap()]).is_ok());
    }

    #[test]
    fn note_parsing_never_panics(text in "\\PC{0,200}") {
        let _ = Note::parse(&text);
        let _ = text.parse::<VerifierKey>();
    }
}
