//! Synthetic logs for the tests: made-up actors, organisations and bodies.
#![allow(dead_code)]

use homeward_ledger::{
    Checkpoint, CheckpointSignatures, Envelope, Hash, LedgerKey, MerkleTree, PersonalData,
    PublicKey, Verifier, VerifyError, VerifyReport,
};

pub const ORIGIN: &str = "homeward.test/ledger";
pub const T0: i64 = 1_767_225_600_000_000;

pub struct Log {
    pub key: LedgerKey,
    /// Stored envelope bytes and, if the event has any, its personal data.
    pub entries: Vec<(Vec<u8>, Option<PersonalData>)>,
    pub checkpoints: Vec<Checkpoint>,
}

pub fn key(seed: u8) -> LedgerKey {
    LedgerKey::from_bytes(&[seed; 32])
}

/// The envelope of synthetic event `seq`; every third one carries personal data.
pub fn entry(seq: u64) -> (Envelope, Option<PersonalData>) {
    let personal = seq.is_multiple_of(3).then(|| PersonalData {
        salt: [seq as u8; 32],
        data: format!("{{\"name\":\"Child {seq}\",\"born\":\"2014\"}}").into_bytes(),
    });
    let envelope = Envelope {
        seq,
        recorded_at: T0 + seq as i64 * 1_000_000,
        actor: format!("caseworker-{}", seq % 5),
        org: ["mediator", "party-a", "party-b"][(seq % 3) as usize].to_string(),
        kind: "case.state_changed".to_string(),
        body: format!(
            "{{\"case\":\"C-{}\",\"to\":\"verified\",\"note\":\"synthetic\"}}",
            seq % 97
        )
        .into_bytes(),
        personal: personal.as_ref().map(PersonalData::commitment),
    };
    (envelope, personal)
}

/// A log of `n` entries with a checkpoint every `every` entries and one at
/// the end, all in the C2SP format.
pub fn build(n: u64, every: u64, signer: &LedgerKey) -> Log {
    build_upgraded(n, every, signer, 0)
}

/// Like [`build`], but checkpoints up to size `v1_until` are in the first
/// format, `homeward-checkpoint/v1`, as in a ledger written before the
/// change to C2SP notes.
pub fn build_upgraded(n: u64, every: u64, signer: &LedgerKey, v1_until: u64) -> Log {
    let mut tree = MerkleTree::new();
    let mut entries = Vec::new();
    let mut checkpoints = Vec::new();
    for seq in 1..=n {
        let (envelope, personal) = entry(seq);
        let bytes = envelope.encode();
        tree.push(envelope.leaf_hash());
        entries.push((bytes, personal));
        if seq.is_multiple_of(every) || seq == n {
            let sign = if seq <= v1_until {
                LedgerKey::sign_checkpoint_v1
            } else {
                LedgerKey::sign_checkpoint
            };
            checkpoints.push(sign(
                signer,
                ORIGIN,
                seq,
                tree.root(),
                T0 + seq as i64 * 1_000_000,
            ));
        }
    }
    Log {
        key: signer.clone(),
        entries,
        checkpoints,
    }
}

/// Feeds the whole log, then hands all checkpoints to `finish`.
pub fn verify_at_end(
    keys: &[PublicKey],
    entries: &[(Vec<u8>, Option<PersonalData>)],
    checkpoints: &[Checkpoint],
) -> Result<VerifyReport, VerifyError> {
    let mut v = Verifier::new(keys.to_vec());
    for (bytes, personal) in entries {
        v.push(bytes, personal.as_ref())?;
    }
    v.finish(checkpoints)
}

/// Checks each checkpoint as soon as the log reaches its size, as the CLI does.
pub fn verify_streaming(
    keys: &[PublicKey],
    entries: &[(Vec<u8>, Option<PersonalData>)],
    checkpoints: &[Checkpoint],
) -> Result<VerifyReport, VerifyError> {
    let mut v = Verifier::new(keys.to_vec());
    for cp in checkpoints.iter().filter(|cp| cp.size == 0) {
        v.check_checkpoint(cp)?;
    }
    for (bytes, personal) in entries {
        v.push(bytes, personal.as_ref())?;
        let len = v.len();
        for cp in checkpoints.iter().filter(|cp| cp.size == len) {
            v.check_checkpoint(cp)?;
        }
    }
    v.finish(checkpoints)
}

/// Both ways must agree on success or failure.
pub fn verify(
    keys: &[PublicKey],
    entries: &[(Vec<u8>, Option<PersonalData>)],
    checkpoints: &[Checkpoint],
) -> Result<VerifyReport, VerifyError> {
    let streaming = verify_streaming(keys, entries, checkpoints);
    let at_end = verify_at_end(keys, entries, checkpoints);
    assert_eq!(
        streaming.is_ok(),
        at_end.is_ok(),
        "streaming: {streaming:?}, at end: {at_end:?}"
    );
    at_end
}

/// The mediator's signature bytes, in either format, to tamper with.
pub fn mediator_signature(cp: &mut Checkpoint) -> &mut [u8] {
    let origin = cp.origin.clone();
    match &mut cp.signatures {
        CheckpointSignatures::V1 { signature, .. } => signature,
        CheckpointSignatures::Note(sigs) => {
            &mut sigs
                .iter_mut()
                .find(|s| s.name == origin)
                .expect("a mediator signature")
                .signature
        }
    }
}

/// Makes the mediator's signature line name `key`, without re-signing.
pub fn claim_key(cp: &mut Checkpoint, key: &PublicKey) {
    let origin = cp.origin.clone();
    match &mut cp.signatures {
        CheckpointSignatures::V1 { key_id, .. } => *key_id = key.key_id(),
        CheckpointSignatures::Note(sigs) => {
            let id = homeward_ledger::note::key_id(
                &origin,
                homeward_ledger::KeyType::Ed25519,
                &key.to_bytes(),
            );
            for s in sigs.iter_mut().filter(|s| s.name == origin) {
                s.key_id = id;
            }
        }
    }
}

/// The key id a checkpoint of [`ORIGIN`] signed by `key` shows in messages.
pub fn note_key_id(key: &PublicKey) -> String {
    format!(
        "{:08x}",
        homeward_ledger::note::key_id(ORIGIN, homeward_ledger::KeyType::Ed25519, &key.to_bytes())
    )
}

/// The root hash of the 8 Certificate Transparency reference leaves.
pub fn ct_root_8() -> Hash {
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
        .parse()
        .unwrap()
}
