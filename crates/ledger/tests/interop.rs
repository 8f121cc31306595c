//! Interoperability with an independent implementation of the C2SP formats:
//! Cloudflare's `signed_note` and `tlog_tiles` (azul), on ed25519-dalek 2.
//! What we write, they read and verify; what they write, we read and verify.

mod common;

use common::{ORIGIN, T0, entry, key};
use ed25519_dalek_2::{Signer as _, Verifier as _};
use homeward_ledger::{
    Checkpoint, LedgerKey, MerkleTree, Note, VerifierKey, WitnessKey, cosign, verify_cosignature,
};
use signed_note::{StandardSigner, StandardVerifier, VerifierList};

const NOW: u64 = 1_767_225_600;

fn tree(n: u64) -> MerkleTree {
    let mut t = MerkleTree::new();
    for seq in 1..=n {
        t.push(entry(seq).0.leaf_hash());
    }
    t
}

/// A `cosignature/v1` verifier written here from the C2SP spec, on
/// ed25519-dalek 2, plugged into `signed_note`'s verification.
struct CosignatureV1Verifier {
    name: String,
    key: ed25519_dalek_2::VerifyingKey,
}

impl CosignatureV1Verifier {
    fn new(name: &str, public: [u8; 32]) -> Self {
        CosignatureV1Verifier {
            name: name.into(),
            key: ed25519_dalek_2::VerifyingKey::from_bytes(&public).unwrap(),
        }
    }
}

impl signed_note::Verifier for CosignatureV1Verifier {
    fn name(&self) -> &str {
        &self.name
    }
    fn key_id(&self) -> u32 {
        let mut material = vec![0x04];
        material.extend_from_slice(self.key.as_bytes());
        signed_note::key_id(&self.name, &material)
    }
    fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        let Ok(sig) = <[u8; 72]>::try_from(sig) else {
            return false;
        };
        let time = u64::from_be_bytes(sig[..8].try_into().unwrap());
        let mut message = format!("cosignature/v1\ntime {time}\n").into_bytes();
        message.extend_from_slice(msg);
        let signature = ed25519_dalek_2::Signature::from_bytes(&sig[8..].try_into().unwrap());
        self.key.verify(&message, &signature).is_ok()
    }
}

/// A `cosignature/v1` signer written here from the spec, for `signed_note`.
struct CosignatureV1Signer {
    name: String,
    key: ed25519_dalek_2::SigningKey,
    time: u64,
}

impl signed_note::Signer for CosignatureV1Signer {
    fn name(&self) -> &str {
        &self.name
    }
    fn key_id(&self) -> u32 {
        let mut material = vec![0x04];
        material.extend_from_slice(self.key.verifying_key().as_bytes());
        signed_note::key_id(&self.name, &material)
    }
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, signature_error::Error> {
        let mut message = format!("cosignature/v1\ntime {}\n", self.time).into_bytes();
        message.extend_from_slice(msg);
        let mut out = self.time.to_be_bytes().to_vec();
        out.extend_from_slice(&self.key.sign(&message).to_bytes());
        Ok(out)
    }
}

// signed_note's Signer returns the `signature` crate's error type; reach it
// through ed25519-dalek 2, which re-exports it.
mod signature_error {
    pub use ed25519_dalek_2::ed25519::signature::Error;
}

#[test]
fn our_checkpoints_parse_and_verify_with_signed_note_and_tlog_tiles() {
    let t = tree(37);
    for size in [0u64, 1, 8, 37] {
        let cp = key(1).sign_checkpoint(ORIGIN, size, t.root_at(size).unwrap(), T0 + size as i64);
        let text = cp.to_text();
        let note = signed_note::Note::from_bytes(text.as_bytes()).unwrap();
        let vkey = key(1).verifier_key(ORIGIN).unwrap().to_string();
        let verifiers = VerifierList::new(vec![Box::new(StandardVerifier::new(&vkey).unwrap())]);
        let (verified, unverified) = note.verify(&verifiers).unwrap();
        assert_eq!((verified.len(), unverified.len()), (1, 0));
        assert_eq!(verified[0].name(), ORIGIN);
        // Their checkpoint parser reads the same tree head and extension.
        let theirs = tlog_tiles::Checkpoint::from_bytes(note.text()).unwrap();
        assert_eq!(theirs.origin(), ORIGIN);
        assert_eq!(theirs.size(), size);
        assert_eq!(theirs.hash().0, cp.root.0);
        assert_eq!(
            theirs.extension(),
            format!("timestamp-micros {}\n", T0 + size as i64)
        );
        assert_eq!(theirs.to_bytes(), cp.body().as_bytes());
        // And a tampered note does not verify there either.
        let bad = text.replacen(&format!("\n{size}\n"), &format!("\n{}\n", size + 1), 1);
        let bad = signed_note::Note::from_bytes(bad.as_bytes()).unwrap();
        assert!(bad.verify(&verifiers).is_err());
    }
}

#[test]
fn checkpoints_they_sign_are_byte_for_byte_ours() {
    let t = tree(20);
    let private = key(1).to_private_key(ORIGIN).unwrap();
    let signer = StandardSigner::new(&private).unwrap();
    let body = tlog_tiles::Checkpoint::new(
        ORIGIN,
        20,
        tlog_tiles::Hash(t.root().0),
        &format!("timestamp-micros {T0}\n"),
    )
    .unwrap();
    let mut note = signed_note::Note::new(&body.to_bytes(), &[]).unwrap();
    note.add_sigs(&[&signer]).unwrap();
    let text = String::from_utf8(note.to_bytes()).unwrap();
    // Ed25519 is deterministic: the same key and text give the same note.
    assert_eq!(
        text,
        key(1).sign_checkpoint(ORIGIN, 20, t.root(), T0).to_text()
    );
    Checkpoint::from_text(&text)
        .unwrap()
        .verify(&key(1).public())
        .unwrap();
}

#[test]
fn our_cosignatures_verify_with_signed_note_and_theirs_with_ours() {
    let t = tree(20);
    let mediator = key(1).verifier_key(ORIGIN).unwrap();
    let witness = WitnessKey::new("party-a.example/w", LedgerKey::from_bytes(&[10; 32])).unwrap();
    let offered = key(1).sign_checkpoint(ORIGIN, 20, t.root(), T0).to_text();
    let done = cosign(&witness, None, &mediator, &offered, &[], NOW).unwrap();
    let text = done.checkpoint.to_text();

    let public = LedgerKey::from_bytes(&[10; 32]).public().to_bytes();
    let cosigner = CosignatureV1Verifier::new("party-a.example/w", public);
    assert_eq!(
        signed_note::Verifier::key_id(&cosigner),
        witness.verifier_key().key_id()
    );
    let verifiers = VerifierList::new(vec![
        Box::new(StandardVerifier::new(&mediator.to_string()).unwrap()),
        Box::new(cosigner),
    ]);
    let note = signed_note::Note::from_bytes(text.as_bytes()).unwrap();
    let (verified, _) = note.verify(&verifiers).unwrap();
    let names: Vec<&str> = verified.iter().map(|s| s.name()).collect();
    assert_eq!(names, [ORIGIN, "party-a.example/w"]);

    // A cosignature made by their note code with a signer written from the
    // spec: our parser keeps it and our verifier accepts it.
    let their_witness = CosignatureV1Signer {
        name: "party-b.example/w".into(),
        key: ed25519_dalek_2::SigningKey::from_bytes(&[11; 32]),
        time: NOW + 7,
    };
    let mut theirs = signed_note::Note::from_bytes(text.as_bytes()).unwrap();
    theirs.add_sigs(&[&their_witness]).unwrap();
    let both = String::from_utf8(theirs.to_bytes()).unwrap();
    let cp = Checkpoint::from_text(&both).unwrap();
    let b_key = VerifierKey::new(
        "party-b.example/w",
        homeward_ledger::KeyType::CosignatureV1,
        LedgerKey::from_bytes(&[11; 32]).public(),
    )
    .unwrap();
    let line = cp
        .cosignatures()
        .find(|s| s.name == "party-b.example/w")
        .unwrap();
    assert_eq!(verify_cosignature(&b_key, &cp, line).unwrap(), NOW + 7);
    let verified = Note::parse(&both)
        .unwrap()
        .verify(&[mediator, witness.verifier_key(), b_key])
        .unwrap();
    assert_eq!(verified.len(), 3);
}

#[test]
fn our_consistency_proofs_check_with_tlog_tiles() {
    let t = tree(70);
    for (old, new) in [
        (1u64, 1u64),
        (1, 2),
        (3, 7),
        (4, 8),
        (5, 70),
        (64, 70),
        (69, 70),
    ] {
        let proof: Vec<tlog_tiles::Hash> = t
            .consistency_proof(old, new)
            .unwrap()
            .into_iter()
            .map(|h| tlog_tiles::Hash(h.0))
            .collect();
        let (old_root, new_root) = (t.root_at(old).unwrap(), t.root_at(new).unwrap());
        tlog_tiles::check_tree(
            &proof,
            new,
            tlog_tiles::Hash(new_root.0),
            old,
            tlog_tiles::Hash(old_root.0),
        )
        .unwrap_or_else(|e| panic!("{old} -> {new}: {e:?}"));
    }
}

#[test]
fn verifier_keys_are_read_alike() {
    // signed_note generates a key; we read its texts and sign with it.
    let private = LedgerKey::from_bytes(&[42; 32])
        .to_private_key("example.com/log")
        .unwrap();
    let signer = StandardSigner::new(&private).unwrap();
    let (_, ours) = LedgerKey::from_private_key(&private).unwrap();
    let vkey = ours.verifier_key("example.com/log").unwrap();
    assert!(StandardVerifier::new(&vkey.to_string()).is_ok());
    assert_eq!(
        signed_note::Signer::key_id(&signer),
        vkey.key_id(),
        "the key id of {vkey}"
    );
}
