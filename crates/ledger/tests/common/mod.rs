//! Synthetic logs for the tests: made-up actors, organisations and bodies.
#![allow(dead_code)]

use homeward_ledger::{
    Checkpoint, Envelope, LedgerKey, MerkleTree, PersonalData, PublicKey, Verifier, VerifyError,
    VerifyReport,
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

/// A log of `n` entries with a checkpoint every `every` entries and one at the end.
pub fn build(n: u64, every: u64, signer: &LedgerKey) -> Log {
    let mut tree = MerkleTree::new();
    let mut entries = Vec::new();
    let mut checkpoints = Vec::new();
    for seq in 1..=n {
        let (envelope, personal) = entry(seq);
        let bytes = envelope.encode();
        tree.push(envelope.leaf_hash());
        entries.push((bytes, personal));
        if seq.is_multiple_of(every) || seq == n {
            checkpoints.push(signer.sign_checkpoint(
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
