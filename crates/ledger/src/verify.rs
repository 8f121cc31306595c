//! Streaming verification of a whole log against its signed checkpoints.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use crate::bundle::BundleError;
use crate::checkpoint::{Checkpoint, PublicKey};
use crate::envelope::{DecodeError, Envelope};
use crate::hash::{Hash, leaf_hash};
use crate::merkle::MerkleTree;
use crate::note::{KeyType, VerifierKey};
use crate::personal::PersonalData;

/// Why a log, a checkpoint or a bundle failed verification. Each message
/// names the entry (by position, counting from 0, and seq, counting from 1)
/// or the checkpoint (by size) at fault, and never quotes an event's body.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("entry at position {position} cannot be decoded: {source}")]
    Decode {
        position: u64,
        #[source]
        source: DecodeError,
    },
    #[error("entry at position {position} has seq {found}; expected {expected} ({})", seq_hint(*found, *expected))]
    SeqMismatch {
        position: u64,
        found: u64,
        expected: u64,
    },
    #[error(
        "personal data held for seq {seq} does not match the commitment in its envelope: the personal data or the entry was altered"
    )]
    PersonalMismatch { seq: u64 },
    #[error("personal data is held for seq {seq}, but its envelope commits to none")]
    UnexpectedPersonal { seq: u64 },
    #[error("checkpoint for size {size} is signed by key {key_id}, which is not a trusted key")]
    UnknownKey { size: u64, key_id: String },
    #[error("checkpoint for size {size} names key {key_id}, but was checked against key {given}")]
    KeyMismatch {
        size: u64,
        key_id: String,
        given: String,
    },
    #[error("checkpoint signature for size {size} is invalid")]
    BadSignature { size: u64 },
    #[error(
        "the cosignature of witness {witness} on the checkpoint for size {size} does not verify"
    )]
    BadCosignature { size: u64, witness: String },
    #[error("{witness} is registered as a witness, but its key is not a cosignature/v1 (0x04) key")]
    NotAWitnessKey { witness: String },
    #[error("checkpoint for size {size} has an empty or multi-line origin")]
    InvalidOrigin { size: u64 },
    #[error(
        "checkpoint for size {size} does not match the log: an entry at or before seq {size} was altered"
    )]
    RootMismatch { size: u64 },
    #[error("log holds {entries} entries but a checkpoint covers {size}: the log was truncated")]
    Truncated { entries: u64, size: u64 },
    #[error(
        "checkpoint for size {later_size} has timestamp {later_timestamp}, earlier than the timestamp {earlier_timestamp} of the checkpoint for the smaller size {earlier_size}"
    )]
    TimestampDecreased {
        earlier_size: u64,
        earlier_timestamp: i64,
        later_size: u64,
        later_timestamp: i64,
    },
    #[error(
        "the last {uncovered} entries are not covered by a signed checkpoint (the log holds {entries}, the latest checkpoint covers {latest})"
    )]
    Uncovered {
        uncovered: u64,
        entries: u64,
        latest: u64,
    },
    #[error("no signed checkpoint was given for the log of {entries} entries")]
    NoCheckpoint { entries: u64 },
    #[error("the pinned key {key_id} is not among the bundle's keys")]
    PinnedKeyAbsent { key_id: String },
    #[error("bundle byte {offset}: {problem}")]
    Bundle {
        offset: u64,
        #[source]
        problem: BundleError,
    },
    #[error("reading the bundle failed: {0}")]
    Io(#[from] std::io::Error),
}

fn seq_hint(found: u64, expected: u64) -> &'static str {
    if found > expected {
        "an entry was dropped or reordered"
    } else {
        "an entry was inserted, duplicated or reordered"
    }
}

/// The outcome of a successful verification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VerifyReport {
    /// Entries in the log.
    pub entries: u64,
    /// Entries whose envelope commits to personal data that is no longer held.
    pub redacted: u64,
    /// Distinct checkpoints verified.
    pub checkpoints: u64,
    /// Merkle root of the whole log.
    pub root: Hash,
    /// Size of the largest verified checkpoint (equal to `entries`).
    pub latest_checkpoint_size: u64,
    /// One line per registered witness, in the order they were registered.
    #[serde(default)]
    pub witnesses: Vec<WitnessReport>,
}

/// How far a registered witness has vouched for the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WitnessReport {
    /// The witness's key name.
    pub name: String,
    /// Its verifier key, `<name>+<key id>+<base64>`.
    pub key: String,
    /// The largest checkpoint size its valid cosignatures cover, if any.
    pub cosigned_size: Option<u64>,
    /// The time of its latest cosignature on that size, in seconds since the
    /// Unix epoch.
    pub cosigned_at: Option<u64>,
}

impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ledger verified: {} entries ({} with personal data erased), {} signed checkpoints, latest covers {} entries, root {}",
            self.entries, self.redacted, self.checkpoints, self.latest_checkpoint_size, self.root
        )?;
        for w in &self.witnesses {
            match w.cosigned_size {
                Some(size) => write!(f, "; witness {} cosigned up to {size} entries", w.name)?,
                None => write!(f, "; witness {} cosigned nothing", w.name)?,
            }
        }
        Ok(())
    }
}

/// Verifies a log entry by entry, in one pass, keeping only the leaf hashes
/// (32 bytes an entry) and the checkpoints seen.
///
/// ```text
/// let mut v = Verifier::new(trusted_keys);
/// for (bytes, personal) in entries { v.push(&bytes, personal.as_ref())?; }
/// let report = v.finish(&checkpoints)?;
/// ```
///
/// After an error the verifier has not taken the failing entry or
/// checkpoint in; stop there and report the error.
#[derive(Debug)]
pub struct Verifier {
    keys: Vec<PublicKey>,
    tree: MerkleTree,
    redacted: u64,
    checked: HashSet<Checkpoint>,
    /// Smallest and largest timestamp of the checked checkpoints, by size.
    timestamps: BTreeMap<u64, (i64, i64)>,
    latest: Option<u64>,
    witnesses: Vec<VerifierKey>,
    /// Per witness: the largest cosigned size and the latest time on it.
    cosigned: Vec<Option<(u64, u64)>>,
}

impl Verifier {
    /// A verifier trusting checkpoints signed by any of `keys`.
    pub fn new(keys: Vec<PublicKey>) -> Self {
        Verifier {
            keys,
            tree: MerkleTree::new(),
            redacted: 0,
            checked: HashSet::new(),
            timestamps: BTreeMap::new(),
            latest: None,
            witnesses: Vec::new(),
            cosigned: Vec::new(),
        }
    }

    /// A verifier that also checks cosignatures by the registered
    /// `witnesses` (`cosignature/v1` verifier keys): a cosignature from a
    /// registered witness that does not verify fails verification, and the
    /// report says how far each witness has cosigned. Cosignatures by
    /// unregistered keys are ignored.
    pub fn with_witnesses(
        keys: Vec<PublicKey>,
        witnesses: Vec<VerifierKey>,
    ) -> Result<Self, VerifyError> {
        if let Some(w) = witnesses
            .iter()
            .find(|w| w.key_type() != KeyType::CosignatureV1)
        {
            return Err(VerifyError::NotAWitnessKey {
                witness: w.name().to_owned(),
            });
        }
        let mut v = Verifier::new(keys);
        v.cosigned = vec![None; witnesses.len()];
        v.witnesses = witnesses;
        Ok(v)
    }

    /// Takes the next entry: its stored envelope bytes and, if still held,
    /// its personal data. Returns the decoded envelope.
    pub fn push(
        &mut self,
        envelope_bytes: &[u8],
        personal: Option<&PersonalData>,
    ) -> Result<Envelope, VerifyError> {
        let position = self.tree.len();
        let envelope = Envelope::decode(envelope_bytes)
            .map_err(|source| VerifyError::Decode { position, source })?;
        let expected = position + 1;
        if envelope.seq != expected {
            return Err(VerifyError::SeqMismatch {
                position,
                found: envelope.seq,
                expected,
            });
        }
        match (&envelope.personal, personal) {
            (Some(commitment), Some(data)) => {
                if data.commitment() != *commitment {
                    return Err(VerifyError::PersonalMismatch { seq: envelope.seq });
                }
            }
            (Some(_), None) => self.redacted += 1,
            (None, Some(_)) => {
                return Err(VerifyError::UnexpectedPersonal { seq: envelope.seq });
            }
            (None, None) => {}
        }
        // Decoding accepts only canonical bytes, so hashing them is hashing
        // `envelope.encode()` without encoding again.
        self.tree.push(leaf_hash(envelope_bytes));
        Ok(envelope)
    }

    /// Checks one checkpoint against the entries pushed so far: trusted key,
    /// valid signature, size within the log, root equal to the log's root at
    /// that size, and timestamps that do not go back as sizes grow. Call it
    /// once the log has reached `cp.size`, or at the end; earlier, it reports
    /// a truncated log.
    pub fn check_checkpoint(&mut self, cp: &Checkpoint) -> Result<(), VerifyError> {
        let key =
            self.keys
                .iter()
                .find(|k| cp.names_key(k))
                .ok_or_else(|| VerifyError::UnknownKey {
                    size: cp.size,
                    key_id: cp.key_id(),
                })?;
        cp.verify(key)?;
        let entries = self.tree.len();
        if cp.size > entries {
            return Err(VerifyError::Truncated {
                entries,
                size: cp.size,
            });
        }
        let root = self
            .tree
            .root_at(cp.size)
            .expect("size was checked against the tree");
        if root != cp.root {
            return Err(VerifyError::RootMismatch { size: cp.size });
        }
        self.check_timestamp(cp)?;
        self.check_cosignatures(cp)?;
        let (min, max) = self
            .timestamps
            .entry(cp.size)
            .or_insert((cp.timestamp, cp.timestamp));
        *min = (*min).min(cp.timestamp);
        *max = (*max).max(cp.timestamp);
        self.latest = self.latest.max(Some(cp.size));
        self.checked.insert(cp.clone());
        Ok(())
    }

    /// Checks every cosignature by a registered witness (by name and key
    /// id) and records the largest size each covers. Runs after the root
    /// matched, so a witness is credited only for checkpoints of this log.
    fn check_cosignatures(&mut self, cp: &Checkpoint) -> Result<(), VerifyError> {
        let mut found = Vec::new();
        for sig in cp.cosignatures() {
            for (i, w) in self.witnesses.iter().enumerate() {
                if w.name() != sig.name || w.key_id() != sig.key_id {
                    continue;
                }
                let time = crate::witness::verify_cosignature(w, cp, sig).map_err(|_| {
                    VerifyError::BadCosignature {
                        size: cp.size,
                        witness: w.name().to_owned(),
                    }
                })?;
                found.push((i, time));
            }
        }
        // Only record once every cosignature on the checkpoint verified.
        for (i, time) in found {
            let best = &mut self.cosigned[i];
            *best = (*best).max(Some((cp.size, time)));
        }
        Ok(())
    }

    fn check_timestamp(&self, cp: &Checkpoint) -> Result<(), VerifyError> {
        // The checked checkpoints are already ordered, so comparing with the
        // nearest smaller and larger sizes is enough.
        if let Some((&size, &(_, max))) = self.timestamps.range(..cp.size).next_back()
            && max > cp.timestamp
        {
            return Err(VerifyError::TimestampDecreased {
                earlier_size: size,
                earlier_timestamp: max,
                later_size: cp.size,
                later_timestamp: cp.timestamp,
            });
        }
        if let Some((&size, &(min, _))) = self.timestamps.range(cp.size + 1..).next()
            && min < cp.timestamp
        {
            return Err(VerifyError::TimestampDecreased {
                earlier_size: cp.size,
                earlier_timestamp: cp.timestamp,
                later_size: size,
                later_timestamp: min,
            });
        }
        Ok(())
    }

    /// Checks every checkpoint of `checkpoints` not checked yet, then requires
    /// that one covers the whole log.
    pub fn finish(mut self, checkpoints: &[Checkpoint]) -> Result<VerifyReport, VerifyError> {
        for cp in checkpoints {
            if !self.checked.contains(cp) {
                self.check_checkpoint(cp)?;
            }
        }
        let entries = self.tree.len();
        let Some(latest) = self.latest else {
            return Err(VerifyError::NoCheckpoint { entries });
        };
        if latest < entries {
            return Err(VerifyError::Uncovered {
                uncovered: entries - latest,
                entries,
                latest,
            });
        }
        Ok(VerifyReport {
            entries,
            redacted: self.redacted,
            checkpoints: self.checked.len() as u64,
            root: self.tree.root(),
            latest_checkpoint_size: latest,
            witnesses: self
                .witnesses
                .iter()
                .zip(&self.cosigned)
                .map(|(w, c)| WitnessReport {
                    name: w.name().to_owned(),
                    key: w.to_string(),
                    cosigned_size: c.map(|(size, _)| size),
                    cosigned_at: c.map(|(_, time)| time),
                })
                .collect(),
        })
    }

    /// Entries pushed so far.
    pub fn len(&self) -> u64 {
        self.tree.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
    }

    /// The tree of the entries pushed so far, e.g. to serve proofs after
    /// verification.
    pub fn tree(&self) -> &MerkleTree {
        &self.tree
    }
}
