//! Witnesses: parties that cosign the mediator's checkpoints, so the
//! mediator cannot show them different histories.
//!
//! A witness keeps the last checkpoint it cosigned. Offered a newer one, it
//! checks the mediator's signature and a consistency proof from its own
//! size, then adds a `cosignature/v1` (C2SP `tlog-cosignature`) and keeps
//! the new checkpoint. A proof that fails, a different root at the same
//! size, or a smaller size is refused, and the refusal carries an
//! [`Evidence`] document: the two signed checkpoints (and the proof), which
//! anyone can check with [`check_evidence`] holding only the mediator's key.
//!
//! Everything here is pure: the caller fetches the checkpoint and proof,
//! supplies the time, and stores the state and the evidence.

use std::fmt;

use crate::checkpoint::{Checkpoint, LedgerKey, ParseError};
use crate::hash::Hash;
use crate::merkle::{ProofError, verify_consistency};
use crate::note::{
    self, KeyType, NoteError, NoteSignature, VerifierKey, cosignature_message, is_valid_key_name,
};
use crate::verify::VerifyError;
use ed25519_dalek::Signer;

/// First line of an evidence document.
pub const EVIDENCE_HEADER: &str = "homeward-witness-evidence/v1";

/// A witness's signing key: an Ed25519 key that makes `cosignature/v1`
/// signatures (type `0x04`) under the witness's name.
#[derive(Clone)]
pub struct WitnessKey {
    name: String,
    key: LedgerKey,
}

impl WitnessKey {
    /// The witness `name` (a key name: no space, no `+`; e.g.
    /// `party-a.example/witness`) signing with `key`.
    pub fn new(name: &str, key: LedgerKey) -> Result<WitnessKey, NoteError> {
        if !is_valid_key_name(name) {
            return Err(NoteError::BadKeyName {
                name: name.to_owned(),
            });
        }
        Ok(WitnessKey {
            name: name.to_owned(),
            key,
        })
    }

    /// A fresh key from the operating system's random source.
    pub fn generate(name: &str) -> Result<WitnessKey, NoteError> {
        WitnessKey::new(name, LedgerKey::generate())
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// What others register to check this witness's cosignatures:
    /// `<name>+<key id>+<base64(0x04 || public key)>`.
    pub fn verifier_key(&self) -> VerifierKey {
        VerifierKey::new(&self.name, KeyType::CosignatureV1, self.key.public())
            .expect("the name was checked")
    }

    /// The key file's text,
    /// `PRIVATE+KEY+<name>+<key id>+<base64(0x04 || seed)>`. A secret.
    pub fn to_private_key(&self) -> String {
        note::private_key_text(&self.name, KeyType::CosignatureV1, &self.key)
    }

    /// Parses [`WitnessKey::to_private_key`]'s text (a final newline is allowed).
    pub fn from_private_key(text: &str) -> Result<WitnessKey, NoteError> {
        match note::parse_private_key_text(text)? {
            (name, KeyType::CosignatureV1, key) => Ok(WitnessKey { name, key }),
            _ => Err(NoteError::BadKey {
                what: "private key",
                problem: "a witness key has signature type 0x04 (cosignature/v1)",
            }),
        }
    }

    /// A `cosignature/v1` over the note text `text` (a checkpoint's body) at
    /// `timestamp` (seconds since the Unix epoch, at most 2^63 - 1).
    pub fn cosign(&self, text: &str, timestamp: u64) -> NoteSignature {
        let message = cosignature_message(timestamp, text);
        let mut signature = timestamp.to_be_bytes().to_vec();
        signature.extend_from_slice(&self.key.signing_key().sign(message.as_bytes()).to_bytes());
        NoteSignature {
            name: self.name.clone(),
            key_id: self.verifier_key().key_id(),
            signature,
        }
    }
}

impl fmt::Debug for WitnessKey {
    // Never print the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WitnessKey({})", self.verifier_key())
    }
}

/// Checks `witness`'s cosignature `signature` on `checkpoint` and returns
/// its timestamp. The signature line must carry the witness's name and key id.
pub fn verify_cosignature(
    witness: &VerifierKey,
    checkpoint: &Checkpoint,
    signature: &NoteSignature,
) -> Result<u64, NoteError> {
    let bad = || NoteError::BadSignature {
        name: signature.name.clone(),
        key_id: signature.key_id,
    };
    if witness.key_type() != KeyType::CosignatureV1
        || signature.name != witness.name()
        || signature.key_id != witness.key_id()
        || checkpoint.is_v1()
    {
        return Err(bad());
    }
    match witness.verify(&checkpoint.body(), &signature.signature) {
        Some(Some(timestamp)) => Ok(timestamp),
        _ => Err(bad()),
    }
}

/// Why the mediator did not take cosignatures a witness uploaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CosignatureError {
    #[error("the uploaded note cannot be read: {0}")]
    Unreadable(ParseError),
    #[error("the uploaded note is not the stored checkpoint for size {size}: its text differs")]
    DifferentCheckpoint { size: u64 },
    #[error("the cosignature of witness {witness} does not verify")]
    BadCosignature { witness: String },
    #[error("the uploaded note carries no cosignature by a registered witness")]
    NoRegisteredWitness,
}

/// The mediator's side of an upload: takes the cosignatures by registered
/// `witnesses` from the `uploaded` note into the `stored` checkpoint (the
/// same checkpoint as the mediator signed it). Every registered witness's
/// line must verify; lines by other keys are not taken. Returns the names
/// of the witnesses whose cosignature was added or renewed.
pub fn accept_cosignatures(
    stored: &mut Checkpoint,
    uploaded: &str,
    witnesses: &[VerifierKey],
) -> Result<Vec<String>, CosignatureError> {
    let uploaded = Checkpoint::from_text(uploaded).map_err(CosignatureError::Unreadable)?;
    if stored.is_v1() || uploaded.is_v1() || uploaded.body() != stored.body() {
        return Err(CosignatureError::DifferentCheckpoint { size: stored.size });
    }
    let mut accepted = Vec::new();
    for sig in uploaded.cosignatures() {
        for w in witnesses
            .iter()
            .filter(|w| w.name() == sig.name && w.key_id() == sig.key_id)
        {
            verify_cosignature(w, &uploaded, sig).map_err(|_| {
                CosignatureError::BadCosignature {
                    witness: w.name().to_owned(),
                }
            })?;
            accepted.push(sig.clone());
        }
    }
    if accepted.is_empty() {
        return Err(CosignatureError::NoRegisteredWitness);
    }
    let mut names = Vec::new();
    for sig in accepted {
        names.push(sig.name.clone());
        stored
            .add_signature(sig)
            .expect("a parsed signature line has a valid name");
    }
    Ok(names)
}

/// What a witness remembers: the last checkpoint it cosigned, as the
/// mediator signed it. Stored as that checkpoint's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessState {
    checkpoint: Checkpoint,
}

impl WitnessState {
    /// Reads a stored state and checks the mediator's signature again, so a
    /// state file edited by hand cannot move the witness.
    pub fn from_text(text: &str, mediator: &VerifierKey) -> Result<WitnessState, WitnessError> {
        Ok(WitnessState {
            checkpoint: verified_checkpoint(text, mediator)?,
        })
    }

    /// The text to store: the last cosigned checkpoint note.
    pub fn to_text(&self) -> String {
        self.checkpoint.to_text()
    }

    pub fn checkpoint(&self) -> &Checkpoint {
        &self.checkpoint
    }

    pub fn size(&self) -> u64 {
        self.checkpoint.size
    }

    pub fn root(&self) -> Hash {
        self.checkpoint.root
    }
}

/// A successful cosigning: the checkpoint with the witness's cosignature
/// added (to upload), the cosignature line alone, and the state to store.
#[derive(Debug, Clone)]
pub struct Cosigned {
    pub checkpoint: Checkpoint,
    pub cosignature: NoteSignature,
    pub state: WitnessState,
}

/// Why a witness refused to cosign.
#[derive(Debug, thiserror::Error)]
pub enum WitnessError {
    #[error("the mediator key must be an Ed25519 (type 0x01) verifier key")]
    NotAMediatorKey,
    #[error("the checkpoint cannot be read: {0}")]
    Unreadable(#[from] ParseError),
    #[error(
        "the checkpoint is in the old homeward-checkpoint/v1 format; only C2SP checkpoints are cosigned"
    )]
    V1Checkpoint,
    #[error("the checkpoint is for the log {found}, but the mediator key is for {expected}")]
    WrongOrigin { expected: String, found: String },
    #[error("the checkpoint is not validly signed by the mediator key: {0}")]
    BadMediatorSignature(#[source] VerifyError),
    #[error(
        "refusing to cosign size {offered_size}: size {cosigned_size} was already cosigned (rollback)"
    )]
    Rollback {
        cosigned_size: u64,
        offered_size: u64,
        evidence: Box<Evidence>,
    },
    #[error(
        "the mediator's checkpoint for size {new_size} (root {new_root}) is not consistent with the cosigned checkpoint for size {old_size} (root {old_root}); keep the evidence"
    )]
    Inconsistent {
        old_size: u64,
        old_root: Hash,
        new_size: u64,
        new_root: Hash,
        evidence: Box<Evidence>,
    },
}

impl WitnessError {
    /// The evidence to keep and publish, if the refusal has any.
    pub fn evidence(&self) -> Option<&Evidence> {
        match self {
            WitnessError::Rollback { evidence, .. }
            | WitnessError::Inconsistent { evidence, .. } => Some(evidence),
            _ => None,
        }
    }
}

/// Parses a checkpoint note and checks the mediator's signature on it.
fn verified_checkpoint(text: &str, mediator: &VerifierKey) -> Result<Checkpoint, WitnessError> {
    if mediator.key_type() != KeyType::Ed25519 {
        return Err(WitnessError::NotAMediatorKey);
    }
    let cp = Checkpoint::from_text(text)?;
    if cp.is_v1() {
        return Err(WitnessError::V1Checkpoint);
    }
    if cp.origin != mediator.name() {
        return Err(WitnessError::WrongOrigin {
            expected: mediator.name().to_owned(),
            found: cp.origin.clone(),
        });
    }
    cp.verify(&mediator.public_key())
        .map_err(WitnessError::BadMediatorSignature)?;
    Ok(cp)
}

/// The witness's step: check the `offered` checkpoint note against the
/// mediator's key and, with `proof` (the consistency proof from the state's
/// size to the offered size; empty without a state), against the last
/// cosigned checkpoint; then cosign it at `now` (seconds since the Unix
/// epoch). Without a state, the first checkpoint is trusted as offered.
///
/// Offered the size already cosigned with the same root, it cosigns again
/// (with the new time). It refuses a smaller size ([`WitnessError::Rollback`])
/// and an inconsistent one ([`WitnessError::Inconsistent`]), with evidence.
pub fn cosign(
    witness: &WitnessKey,
    state: Option<&WitnessState>,
    mediator: &VerifierKey,
    offered: &str,
    proof: &[Hash],
    now: u64,
) -> Result<Cosigned, WitnessError> {
    let mut cp = verified_checkpoint(offered, mediator)?;
    if let Some(state) = state {
        let old = &state.checkpoint;
        let evidence = || {
            Box::new(Evidence {
                cosigned: old.to_text(),
                offered: cp.to_text(),
                proof: proof.to_vec(),
            })
        };
        if cp.size < old.size {
            return Err(WitnessError::Rollback {
                cosigned_size: old.size,
                offered_size: cp.size,
                evidence: evidence(),
            });
        }
        if verify_consistency(old.size, cp.size, &old.root, &cp.root, proof).is_err() {
            return Err(WitnessError::Inconsistent {
                old_size: old.size,
                old_root: old.root,
                new_size: cp.size,
                new_root: cp.root,
                evidence: evidence(),
            });
        }
    }
    let cosignature = witness.cosign(&cp.body(), now);
    cp.add_signature(cosignature.clone())
        .expect("a C2SP checkpoint takes a signature from a valid key name");
    Ok(Cosigned {
        state: WitnessState {
            checkpoint: cp.clone(),
        },
        checkpoint: cp,
        cosignature,
    })
}

/// What a witness keeps when it refuses: the checkpoint it had cosigned,
/// the one it was offered (both as signed by the mediator), and the
/// consistency proof it was served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub cosigned: String,
    pub offered: String,
    pub proof: Vec<Hash>,
}

/// Why an evidence document could not be read or shows nothing wrong.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("evidence line {line}: {problem}")]
    Malformed { line: usize, problem: &'static str },
    #[error("the {which} checkpoint: {source}")]
    Checkpoint {
        which: &'static str,
        #[source]
        source: Box<WitnessError>,
    },
    #[error("the two checkpoints are for different logs ({cosigned} and {offered})")]
    DifferentLogs { cosigned: String, offered: String },
    #[error(
        "the checkpoints are consistent: the proof from size {old_size} to {new_size} verifies"
    )]
    Consistent { old_size: u64, new_size: u64 },
    #[error(
        "the offered checkpoint (size {offered_size}) is smaller but not newer than the cosigned one (size {cosigned_size}): it may be an old checkpoint replayed, which proves nothing"
    )]
    Replayed {
        cosigned_size: u64,
        offered_size: u64,
    },
}

/// What an evidence document proves about the mediator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misbehaviour {
    /// Two signed checkpoints for the same size with different roots: two
    /// histories. Conclusive.
    Fork { size: u64, roots: [Hash; 2] },
    /// A checkpoint with a later timestamp for a smaller size: the mediator
    /// says its append-only log shrank. Conclusive.
    Shrunk {
        earlier_size: u64,
        earlier_timestamp: i64,
        later_size: u64,
        later_timestamp: i64,
    },
    /// The consistency proof the mediator served does not connect the two
    /// signed checkpoints. Conclusive once the mediator cannot produce a
    /// proof between these two sizes that verifies: ask it for one.
    ProofFailed {
        old_size: u64,
        new_size: u64,
        problem: ProofError,
    },
}

impl fmt::Display for Misbehaviour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Misbehaviour::Fork { size, roots } => write!(
                f,
                "fork: the mediator signed two different roots for size {size}: {} and {}",
                roots[0], roots[1]
            ),
            Misbehaviour::Shrunk {
                earlier_size,
                earlier_timestamp,
                later_size,
                later_timestamp,
            } => write!(
                f,
                "shrunk log: the mediator signed size {earlier_size} at {earlier_timestamp} and the smaller size {later_size} later, at {later_timestamp} (microseconds)"
            ),
            Misbehaviour::ProofFailed {
                old_size,
                new_size,
                problem,
            } => write!(
                f,
                "no consistency: the proof served from size {old_size} to {new_size} fails ({problem}); unless the mediator produces one that verifies, its log forked"
            ),
        }
    }
}

impl Evidence {
    /// The document: the header, then `cosigned <bytes>`, that many bytes
    /// of checkpoint text, `offered <bytes>`, that checkpoint's text,
    /// `proof <count>`, and one hash a line in hex.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{EVIDENCE_HEADER}\ncosigned {}\n{}offered {}\n{}proof {}\n",
            self.cosigned.len(),
            self.cosigned,
            self.offered.len(),
            self.offered,
            self.proof.len()
        );
        for h in &self.proof {
            out.push_str(&format!("{h}\n"));
        }
        out
    }

    /// Parses [`Evidence::to_text`]'s document.
    pub fn parse(text: &str) -> Result<Evidence, EvidenceError> {
        let mut r = EvidenceReader {
            rest: text,
            line: 1,
        };
        if r.line_text()? != EVIDENCE_HEADER {
            return Err(r.bad(1, "expected the header homeward-witness-evidence/v1"));
        }
        let cosigned = r.section("cosigned")?;
        let offered = r.section("offered")?;
        let at = r.line;
        let count: usize = r
            .line_text()?
            .strip_prefix("proof ")
            .and_then(|n| n.parse().ok())
            .filter(|&n| n <= 64)
            .ok_or(r.bad(at, "expected proof and a count of at most 64"))?;
        let mut proof = Vec::with_capacity(count);
        for _ in 0..count {
            let at = r.line;
            let h = r
                .line_text()?
                .parse()
                .map_err(|_| r.bad(at, "a proof hash is 64 hex digits"))?;
            proof.push(h);
        }
        if !r.rest.is_empty() {
            return Err(r.bad(r.line, "unexpected text after the proof"));
        }
        Ok(Evidence {
            cosigned,
            offered,
            proof,
        })
    }
}

struct EvidenceReader<'a> {
    rest: &'a str,
    line: usize,
}

impl<'a> EvidenceReader<'a> {
    fn bad(&self, line: usize, problem: &'static str) -> EvidenceError {
        EvidenceError::Malformed { line, problem }
    }

    fn line_text(&mut self) -> Result<&'a str, EvidenceError> {
        let (l, r) = self
            .rest
            .split_once('\n')
            .ok_or(self.bad(self.line, "the document ends early"))?;
        self.rest = r;
        self.line += 1;
        Ok(l)
    }

    /// `<key> <byte count>`, then that many bytes.
    fn section(&mut self, key: &str) -> Result<String, EvidenceError> {
        let at = self.line;
        let len: usize = self
            .line_text()?
            .strip_prefix(key)
            .and_then(|n| n.strip_prefix(' '))
            .and_then(|n| n.parse().ok())
            .ok_or(self.bad(at, "expected a section name and a byte count"))?;
        if self.rest.len() < len || !self.rest.is_char_boundary(len) {
            return Err(self.bad(at, "the byte count runs past the document"));
        }
        let (body, r) = self.rest.split_at(len);
        self.line += body.matches('\n').count();
        self.rest = r;
        Ok(body.to_owned())
    }
}

/// Checks an evidence document with nothing but the mediator's verifier
/// key: both checkpoints must be validly signed by it, for the same log,
/// and must contradict each other.
pub fn check_evidence(text: &str, mediator: &VerifierKey) -> Result<Misbehaviour, EvidenceError> {
    let evidence = Evidence::parse(text)?;
    let read = |which, text: &str| {
        verified_checkpoint(text, mediator).map_err(|source| EvidenceError::Checkpoint {
            which,
            source: Box::new(source),
        })
    };
    let old = read("cosigned", &evidence.cosigned)?;
    let new = read("offered", &evidence.offered)?;
    if old.origin != new.origin {
        return Err(EvidenceError::DifferentLogs {
            cosigned: old.origin,
            offered: new.origin,
        });
    }
    if old.size == new.size {
        return if old.root == new.root {
            Err(EvidenceError::Consistent {
                old_size: old.size,
                new_size: new.size,
            })
        } else {
            Ok(Misbehaviour::Fork {
                size: old.size,
                roots: [old.root, new.root],
            })
        };
    }
    let (small, large) = if old.size < new.size {
        (&old, &new)
    } else {
        (&new, &old)
    };
    if small.timestamp > large.timestamp {
        return Ok(Misbehaviour::Shrunk {
            earlier_size: large.size,
            earlier_timestamp: large.timestamp,
            later_size: small.size,
            later_timestamp: small.timestamp,
        });
    }
    if new.size < old.size {
        return Err(EvidenceError::Replayed {
            cosigned_size: old.size,
            offered_size: new.size,
        });
    }
    match verify_consistency(old.size, new.size, &old.root, &new.root, &evidence.proof) {
        Ok(()) => Err(EvidenceError::Consistent {
            old_size: old.size,
            new_size: new.size,
        }),
        Err(problem) => Ok(Misbehaviour::ProofFailed {
            old_size: old.size,
            new_size: new.size,
            problem,
        }),
    }
}
