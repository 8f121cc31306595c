//! Signed tree heads ("checkpoints") and the Ed25519 keys that sign them.
//!
//! A checkpoint is written as a C2SP `tlog-checkpoint` signed note, so
//! witnesses and standard transparency-log tools can read, verify and
//! cosign it. The first format, `homeward-checkpoint/v1`, is still read:
//! ledgers written before the change hold it, and their signatures must
//! keep verifying.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::base64;
use crate::hash::{Hash, from_hex, to_hex};
use crate::note::{self, KeyType, Note, NoteError, NoteSignature, VerifierKey, is_valid_key_name};
use crate::verify::VerifyError;

/// First line of every checkpoint in the first format,
/// `homeward-checkpoint/v1`, which is still read (old ledgers hold it) but no
/// longer written.
pub const CHECKPOINT_HEADER: &str = "homeward-checkpoint/v1";

/// Key of the extension line that carries the mediator's timestamp in a
/// C2SP checkpoint: `timestamp-micros <microseconds since the Unix epoch>`.
pub const TIMESTAMP_EXTENSION: &str = "timestamp-micros";

/// Why a hex string, key or checkpoint text could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("{what} must be {expected} hex digits, found {found} characters")]
    HexLength {
        what: &'static str,
        expected: usize,
        found: usize,
    },
    #[error("{what} has a character that is not a hex digit at position {position}")]
    HexDigit { what: &'static str, position: usize },
    #[error("the 32 bytes are not a valid Ed25519 public key")]
    InvalidPublicKey,
    #[error("checkpoint line {line}: {problem}")]
    CheckpointLine { line: usize, problem: &'static str },
    #[error("checkpoint note: {0}")]
    Note(#[from] NoteError),
}

/// A ledger signing key (Ed25519). Held by the mediator only.
#[derive(Clone)]
pub struct LedgerKey(SigningKey);

/// The public half of a [`LedgerKey`]: what auditors pin. Shown and parsed as
/// 64 hex digits of the raw 32-byte Ed25519 key.
#[derive(Clone, Copy)]
pub struct PublicKey(VerifyingKey);

/// A signed tree head: the key holder's statement that the log named
/// `origin` held `size` entries with Merkle root `root` at `timestamp`
/// (microseconds since the Unix epoch, UTC).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Checkpoint {
    /// Names the log, e.g. `homeward`. One line, not empty; in a C2SP
    /// checkpoint also the mediator's key name, so no space and no `+`.
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub timestamp: i64,
    /// The signatures, whose kind says which text format the checkpoint has.
    pub signatures: CheckpointSignatures,
}

/// The signatures of a checkpoint, in one of its two formats.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CheckpointSignatures {
    /// `homeward-checkpoint/v1` (read, no longer written): one signature by
    /// the key whose [`PublicKey::key_id`] is `key_id`.
    V1 { key_id: String, signature: [u8; 64] },
    /// A C2SP `tlog-checkpoint` note: every signature line in order — the
    /// mediator's (named after the origin), witnesses' cosignatures, and any
    /// other line, kept as it was.
    Note(Vec<NoteSignature>),
}

impl LedgerKey {
    /// A fresh key from 32 bytes of the operating system's random source.
    /// (Taking the seed from getrandom directly avoids tying this crate to a
    /// particular `rand_core` version.)
    ///
    /// # Panics
    /// If the operating system's random source fails.
    pub fn generate() -> Self {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).expect("operating system random source failed");
        Self::from_bytes(&seed)
    }

    pub fn from_bytes(seed: &[u8; 32]) -> Self {
        LedgerKey(SigningKey::from_bytes(seed))
    }

    /// The 32-byte seed, for storing the key. Treat it as a secret.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.0
    }

    /// The verifier key under which this key signs checkpoints of the log
    /// `origin`: `<origin>+<key id>+<base64(0x01 || public key)>`.
    pub fn verifier_key(&self, origin: &str) -> Result<VerifierKey, NoteError> {
        VerifierKey::new(origin, KeyType::Ed25519, self.public())
    }

    /// The key as Go's note private key text,
    /// `PRIVATE+KEY+<origin>+<key id>+<base64(0x01 || seed)>`. A secret.
    pub fn to_private_key(&self, origin: &str) -> Result<String, NoteError> {
        if !is_valid_key_name(origin) {
            return Err(NoteError::BadKeyName {
                name: origin.to_owned(),
            });
        }
        Ok(note::private_key_text(origin, KeyType::Ed25519, self))
    }

    /// Parses [`LedgerKey::to_private_key`]'s text: the key name and the key.
    pub fn from_private_key(text: &str) -> Result<(String, LedgerKey), NoteError> {
        match note::parse_private_key_text(text)? {
            (name, KeyType::Ed25519, key) => Ok((name, key)),
            _ => Err(NoteError::BadKey {
                what: "private key",
                problem: "a ledger key has signature type 0x01 (Ed25519)",
            }),
        }
    }

    /// Signs the tree head `(origin, size, root, timestamp)` as a C2SP
    /// checkpoint note, with key name `origin`. `origin` must be a valid key
    /// name (one line, no space, no `+`), or the checkpoint will not verify.
    pub fn sign_checkpoint(
        &self,
        origin: &str,
        size: u64,
        root: Hash,
        timestamp: i64,
    ) -> Checkpoint {
        let body = note_body(origin, size, &root, timestamp);
        let signature = NoteSignature {
            name: origin.to_owned(),
            key_id: note::key_id(origin, KeyType::Ed25519, &self.public().to_bytes()),
            signature: self.0.sign(body.as_bytes()).to_bytes().to_vec(),
        };
        Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            timestamp,
            signatures: CheckpointSignatures::Note(vec![signature]),
        }
    }

    /// Signs the tree head in the first format, `homeward-checkpoint/v1`.
    /// New heads use [`LedgerKey::sign_checkpoint`]; this is for tests and
    /// tools that must produce what old ledgers hold.
    pub fn sign_checkpoint_v1(
        &self,
        origin: &str,
        size: u64,
        root: Hash,
        timestamp: i64,
    ) -> Checkpoint {
        let message = v1_message(origin, size, &root, timestamp);
        Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            timestamp,
            signatures: CheckpointSignatures::V1 {
                key_id: self.public().key_id(),
                signature: self.0.sign(message.as_bytes()).to_bytes(),
            },
        }
    }
}

impl fmt::Debug for LedgerKey {
    // Never print the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LedgerKey(key_id {})", self.public().key_id())
    }
}

impl PublicKey {
    /// Parses the raw 32-byte Ed25519 public key.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, ParseError> {
        VerifyingKey::from_bytes(bytes)
            .map(PublicKey)
            .map_err(|_| ParseError::InvalidPublicKey)
    }

    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// First 8 bytes of SHA-256 of the raw public key, as 16 hex digits: the
    /// key's name in `homeward-checkpoint/v1` notes and in the ledger's
    /// `ledger_key_registered` events. (C2SP notes use
    /// [`note::key_id`], which also covers the key name.)
    pub fn key_id(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        to_hex(&digest[..8])
    }

    pub(crate) fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        // verify_strict also refuses weak keys and malleable signatures, so
        // one checkpoint has exactly one valid signature per key.
        self.0
            .verify_strict(message, &Signature::from_bytes(signature))
            .is_ok()
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes() == other.0.as_bytes()
    }
}
impl Eq for PublicKey {}

impl std::hash::Hash for PublicKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.as_bytes().hash(state)
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_hex(self.0.as_bytes()))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

impl FromStr for PublicKey {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        PublicKey::from_bytes(&from_hex::<32>("public key", s)?)
    }
}

impl serde::Serialize for PublicKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for PublicKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The exact bytes a `homeward-checkpoint/v1` signature covers.
fn v1_message(origin: &str, size: u64, root: &Hash, timestamp: i64) -> String {
    format!("{CHECKPOINT_HEADER}\n{origin}\n{size}\n{root}\n{timestamp}\n")
}

/// The C2SP checkpoint text of a Homeward tree head.
fn note_body(origin: &str, size: u64, root: &Hash, timestamp: i64) -> String {
    CheckpointBody {
        origin: origin.to_owned(),
        size,
        root: *root,
        extensions: vec![format!("{TIMESTAMP_EXTENSION} {timestamp}")],
    }
    .to_text()
}

/// The text of a C2SP `tlog-checkpoint` (the note text, before the blank
/// line): origin, decimal size, base64 root hash, then any extension lines,
/// each ending in a newline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointBody {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    /// Non-empty lines after the root, without their newlines.
    pub extensions: Vec<String>,
}

impl CheckpointBody {
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            base64::encode(&self.root.0)
        );
        for ext in &self.extensions {
            out.push_str(ext);
            out.push('\n');
        }
        out
    }

    /// Parses a checkpoint's note text. Only canonical spellings are
    /// accepted: a size without sign or leading zeros, a root of exactly 32
    /// bytes in canonical base64, no empty line.
    pub fn parse(text: &str) -> Result<CheckpointBody, ParseError> {
        let err = |line: usize, problem| ParseError::CheckpointLine { line, problem };
        let text = text
            .strip_suffix('\n')
            .ok_or(err(1, "the checkpoint text must end with a newline"))?;
        let lines: Vec<&str> = text.split('\n').collect();
        if lines.len() < 3 {
            return Err(err(
                lines.len() + 1,
                "a checkpoint has an origin, a size and a root hash line",
            ));
        }
        let origin = lines[0];
        if origin.is_empty() {
            return Err(err(1, "the origin is empty"));
        }
        let size = parse_decimal::<u64>(lines[1]).ok_or(err(
            2,
            "the size is not a decimal number written canonically",
        ))?;
        let root = base64::decode_array::<32>(lines[2])
            .ok_or(err(3, "the root hash is not 32 bytes of canonical base64"))?;
        if let Some(i) = lines.iter().position(|l| l.is_empty()) {
            return Err(err(i + 1, "a checkpoint line is empty"));
        }
        Ok(CheckpointBody {
            origin: origin.to_owned(),
            size,
            root: Hash(root),
            extensions: lines[3..].iter().map(|l| (*l).to_owned()).collect(),
        })
    }
}

/// A decimal number with no sign (unless negative) and no leading zeros.
fn parse_decimal<T: FromStr + ToString>(s: &str) -> Option<T> {
    let value: T = s.parse().ok()?;
    (value.to_string() == s).then_some(value)
}

impl Checkpoint {
    /// The text the mediator's signature covers: the C2SP checkpoint text,
    /// or for a `homeward-checkpoint/v1` checkpoint its signed message.
    pub fn body(&self) -> String {
        match self.signatures {
            CheckpointSignatures::V1 { .. } => {
                v1_message(&self.origin, self.size, &self.root, self.timestamp)
            }
            CheckpointSignatures::Note(_) => {
                note_body(&self.origin, self.size, &self.root, self.timestamp)
            }
        }
    }

    /// Same as [`Checkpoint::body`]; the name the first format used.
    pub fn signed_message(&self) -> String {
        self.body()
    }

    /// Whether this checkpoint is in the first format, `homeward-checkpoint/v1`.
    pub fn is_v1(&self) -> bool {
        matches!(self.signatures, CheckpointSignatures::V1 { .. })
    }

    /// The key id of the mediator's signature, for messages: 16 hex digits
    /// in the first format; in a C2SP note, the 8 hex digits of the first
    /// signature line named after the origin (empty if there is none).
    pub fn key_id(&self) -> String {
        match &self.signatures {
            CheckpointSignatures::V1 { key_id, .. } => key_id.clone(),
            CheckpointSignatures::Note(sigs) => sigs
                .iter()
                .find(|s| s.name == self.origin)
                .map(|s| format!("{:08x}", s.key_id))
                .unwrap_or_default(),
        }
    }

    /// Whether a signature of this checkpoint claims to be by `key` (by key
    /// id; [`Checkpoint::verify`] checks it).
    pub fn names_key(&self, key: &PublicKey) -> bool {
        match &self.signatures {
            CheckpointSignatures::V1 { key_id, .. } => *key_id == key.key_id(),
            CheckpointSignatures::Note(sigs) => {
                let id = note::key_id(&self.origin, KeyType::Ed25519, &key.to_bytes());
                sigs.iter().any(|s| s.name == self.origin && s.key_id == id)
            }
        }
    }

    /// The signature lines not named after the origin: witnesses'
    /// cosignatures and any other signature. Empty in the first format.
    pub fn cosignatures(&self) -> impl Iterator<Item = &NoteSignature> {
        let sigs: &[NoteSignature] = match &self.signatures {
            CheckpointSignatures::V1 { .. } => &[],
            CheckpointSignatures::Note(sigs) => sigs,
        };
        sigs.iter().filter(|s| s.name != self.origin)
    }

    /// Checks the mediator's signature under `key`: in a C2SP note, every
    /// signature line with the origin as key name and `key`'s key id must
    /// verify, and there must be one. Other lines are not looked at.
    pub fn verify(&self, key: &PublicKey) -> Result<(), VerifyError> {
        let size = self.size;
        if self.origin.is_empty() || self.origin.contains('\n') {
            return Err(VerifyError::InvalidOrigin { size });
        }
        let mismatch = |given: String| VerifyError::KeyMismatch {
            size,
            key_id: self.key_id(),
            given,
        };
        match &self.signatures {
            CheckpointSignatures::V1 { key_id, signature } => {
                if *key_id != key.key_id() {
                    return Err(mismatch(key.key_id()));
                }
                if !key.verify(self.body().as_bytes(), signature) {
                    return Err(VerifyError::BadSignature { size });
                }
            }
            CheckpointSignatures::Note(sigs) => {
                if !is_valid_key_name(&self.origin) {
                    return Err(VerifyError::InvalidOrigin { size });
                }
                let vkey = VerifierKey::new(&self.origin, KeyType::Ed25519, *key)
                    .map_err(|_| VerifyError::InvalidOrigin { size })?;
                let id = vkey.key_id();
                let body = self.body();
                let mut found = false;
                for sig in sigs
                    .iter()
                    .filter(|s| s.name == self.origin && s.key_id == id)
                {
                    if vkey.verify(&body, &sig.signature).is_none() {
                        return Err(VerifyError::BadSignature { size });
                    }
                    found = true;
                }
                if !found {
                    return Err(mismatch(format!("{id:08x}")));
                }
            }
        }
        Ok(())
    }

    /// Adds a signature line (a witness's cosignature) to a C2SP checkpoint,
    /// replacing one by the same key name and key id.
    pub fn add_signature(&mut self, signature: NoteSignature) -> Result<(), NoteError> {
        let mut note = self.to_note().ok_or(NoteError::V1Checkpoint)?;
        note.add_signature(signature)?;
        self.signatures = CheckpointSignatures::Note(note.signatures().to_vec());
        Ok(())
    }

    /// The checkpoint as a signed note, unless it is in the first format.
    pub fn to_note(&self) -> Option<Note> {
        let CheckpointSignatures::Note(sigs) = &self.signatures else {
            return None;
        };
        let mut note = Note::new(self.body()).expect("a checkpoint body is a valid note text");
        for sig in sigs {
            // Lines parsed from a note or added through add_signature have
            // valid names; an invalid one set by hand is dropped here and
            // then fails verification.
            let _ = note.add_signature(sig.clone());
        }
        Some(note)
    }

    /// Reads a Homeward checkpoint from a signed note: a C2SP checkpoint
    /// whose only extension line is `timestamp-micros <i64>`.
    pub fn from_note(note: &Note) -> Result<Checkpoint, ParseError> {
        let body = CheckpointBody::parse(note.text())?;
        let err = |line: usize, problem| ParseError::CheckpointLine { line, problem };
        let [ext] = body.extensions.as_slice() else {
            return Err(err(
                4 + body.extensions.len().min(1),
                "a Homeward checkpoint has exactly one extension line, timestamp-micros",
            ));
        };
        let timestamp = ext
            .strip_prefix(TIMESTAMP_EXTENSION)
            .and_then(|t| t.strip_prefix(' '))
            .and_then(parse_decimal::<i64>)
            .ok_or(err(
                4,
                "expected timestamp-micros and a decimal number written canonically",
            ))?;
        Ok(Checkpoint {
            origin: body.origin,
            size: body.size,
            root: body.root,
            timestamp,
            signatures: CheckpointSignatures::Note(note.signatures().to_vec()),
        })
    }

    /// The checkpoint's text: a C2SP signed note, or the first format's
    /// seven lines.
    pub fn to_text(&self) -> String {
        match &self.signatures {
            CheckpointSignatures::V1 { key_id, signature } => format!(
                "{}\n\u{2014} {} {}\n",
                self.body(),
                key_id,
                base64::encode(signature)
            ),
            CheckpointSignatures::Note(_) => self
                .to_note()
                .expect("a note checkpoint has a note")
                .to_text(),
        }
    }

    /// Parses either format (the final newline may be missing). Only
    /// canonical spellings are accepted, so parsing and writing again gives
    /// the same text. Signatures are not checked here.
    pub fn from_text(text: &str) -> Result<Checkpoint, ParseError> {
        if text.starts_with(&format!("{CHECKPOINT_HEADER}\n")) {
            from_v1_text(text)
        } else {
            Checkpoint::from_note(&Note::parse(text)?)
        }
    }
}

/// Parses a `homeward-checkpoint/v1` checkpoint: exactly seven lines.
fn from_v1_text(text: &str) -> Result<Checkpoint, ParseError> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    let err = |line: usize, problem| ParseError::CheckpointLine { line, problem };
    if lines.len() != 7 {
        // Name the first missing line, or the first line too many.
        return Err(err(
            (lines.len() + 1).min(8),
            "a checkpoint has 5 note lines, an empty line and a signature line",
        ));
    }
    if lines[0] != CHECKPOINT_HEADER {
        return Err(err(1, "expected the header homeward-checkpoint/v1"));
    }
    let origin = lines[1];
    if origin.is_empty() {
        return Err(err(2, "the origin is empty"));
    }
    let size = parse_decimal::<u64>(lines[2]).ok_or(err(
        3,
        "the size is not a decimal number written canonically",
    ))?;
    let root: Hash = lines[3]
        .parse()
        .map_err(|_| err(4, "the root is not 64 hex digits"))?;
    if root.to_string() != lines[3] {
        return Err(err(4, "the root must be lowercase hex"));
    }
    let timestamp = parse_decimal::<i64>(lines[4]).ok_or(err(
        5,
        "the timestamp is not a decimal number written canonically",
    ))?;
    if !lines[5].is_empty() {
        return Err(err(6, "expected an empty line before the signature"));
    }
    let sig_line = lines[6].strip_prefix("\u{2014} ").ok_or(err(
        7,
        "the signature line must start with an em dash and a space",
    ))?;
    let (key_id, sig) = sig_line.split_once(' ').ok_or(err(
        7,
        "the signature line must hold a key id and a signature",
    ))?;
    if key_id.len() != 16
        || !key_id
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(err(7, "the key id must be 16 lowercase hex digits"));
    }
    let signature =
        base64::decode_array::<64>(sig).ok_or(err(7, "the signature is not 64 bytes of base64"))?;
    Ok(Checkpoint {
        origin: origin.to_owned(),
        size,
        root,
        timestamp,
        signatures: CheckpointSignatures::V1 {
            key_id: key_id.to_owned(),
            signature,
        },
    })
}

impl fmt::Debug for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checkpoint")
            .field("origin", &self.origin)
            .field("size", &self.size)
            .field("root", &self.root)
            .field("timestamp", &self.timestamp)
            .field("signatures", &self.signatures)
            .finish()
    }
}
