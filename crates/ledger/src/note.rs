//! C2SP signed notes (`c2sp.org/signed-note`): a text followed by a blank
//! line and one or more signature lines, plus the verifier-key and
//! private-key text forms of Go's `golang.org/x/mod/sumdb/note`.
//!
//! A signature line is `— <key name> base64(key ID || signature)`. A
//! verifier knows keys by (name, key ID); it ignores signatures from
//! unknown keys, must verify those from known keys, and rejects the note if
//! a known key's signature fails or none verifies. That rule is what lets
//! witnesses add cosignatures to the mediator's checkpoint without anyone
//! having to understand every line.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::Signer;
use sha2::{Digest, Sha256};

use crate::base64;
use crate::checkpoint::{LedgerKey, PublicKey};

/// Signature type byte of a plain Ed25519 note signature.
pub const ALG_ED25519: u8 = 0x01;
/// Signature type byte of a timestamped Ed25519 cosignature
/// (`c2sp.org/tlog-cosignature`, `cosignature/v1`).
pub const ALG_COSIGNATURE_V1: u8 = 0x04;
/// The most signature lines a note may carry (the spec asks for at least 16).
pub const MAX_NOTE_SIGNATURES: usize = 100;
/// The longest note text accepted, so a hostile note cannot make a reader
/// allocate without bound.
pub const MAX_NOTE_LEN: usize = 1 << 20;

/// What a key signs: plain Ed25519 over the note text, or a `cosignature/v1`
/// over a timestamp and the note text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// Signature type `0x01`: the mediator's checkpoint signature.
    Ed25519,
    /// Signature type `0x04`: a witness's timestamped cosignature.
    CosignatureV1,
}

impl KeyType {
    pub fn byte(self) -> u8 {
        match self {
            KeyType::Ed25519 => ALG_ED25519,
            KeyType::CosignatureV1 => ALG_COSIGNATURE_V1,
        }
    }

    fn from_byte(b: u8) -> Option<KeyType> {
        match b {
            ALG_ED25519 => Some(KeyType::Ed25519),
            ALG_COSIGNATURE_V1 => Some(KeyType::CosignatureV1),
            _ => None,
        }
    }
}

/// Why a note, a signature line or a key could not be parsed, signed or
/// verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("the note is longer than {MAX_NOTE_LEN} bytes")]
    TooLong,
    #[error("the note holds a control character other than newline at byte {offset}")]
    ControlCharacter { offset: usize },
    #[error("the note has no blank line separating its text from its signatures")]
    NoSignatureBlock,
    #[error("the note text is empty or does not end with a newline")]
    BadText,
    #[error("the note has no signature line")]
    NoSignatures,
    #[error("the note has more than {MAX_NOTE_SIGNATURES} signature lines")]
    TooManySignatures,
    #[error("signature line {line}: {problem}")]
    SignatureLine { line: usize, problem: &'static str },
    #[error("key name {name:?} is empty or holds a space or a '+'")]
    BadKeyName { name: String },
    #[error("the signature by {name}+{key_id:08x} does not verify")]
    BadSignature { name: String, key_id: u32 },
    #[error("no signature on the note is by a known key")]
    NoVerifiedSignature,
    #[error("a homeward-checkpoint/v1 checkpoint is not a signed note and carries no cosignature")]
    V1Checkpoint,
    #[error("{what}: {problem}")]
    BadKey {
        what: &'static str,
        problem: &'static str,
    },
}

/// `SHA-256(name || 0x0A || type || public key)[:4]` as a big-endian u32: the
/// key ID that, with the name, picks the key for a signature line.
pub fn key_id(name: &str, key_type: KeyType, public_key: &[u8; 32]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', key_type.byte()]);
    h.update(public_key);
    let digest = h.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// A key name must be non-empty and hold no Unicode space and no `+`.
pub fn is_valid_key_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c < ' ')
}

fn check_name(name: &str) -> Result<(), NoteError> {
    if is_valid_key_name(name) {
        Ok(())
    } else {
        Err(NoteError::BadKeyName {
            name: name.to_owned(),
        })
    }
}

/// One signature line: the key's name, its key ID, and the signature bytes
/// that follow the key ID (64 for Ed25519, 72 for a cosignature).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NoteSignature {
    pub name: String,
    pub key_id: u32,
    pub signature: Vec<u8>,
}

impl NoteSignature {
    /// `— <name> base64(key ID || signature)` and a newline.
    pub fn to_line(&self) -> String {
        let mut raw = self.key_id.to_be_bytes().to_vec();
        raw.extend_from_slice(&self.signature);
        format!("\u{2014} {} {}\n", self.name, base64::encode(&raw))
    }

    /// Parses one signature line without its newline; `line` numbers the
    /// line in errors.
    fn parse(text: &str, line: usize) -> Result<NoteSignature, NoteError> {
        let err = |problem| NoteError::SignatureLine { line, problem };
        let rest = text
            .strip_prefix("\u{2014} ")
            .ok_or(err("a signature line starts with an em dash and a space"))?;
        let (name, sig) = rest
            .split_once(' ')
            .ok_or(err("a signature line holds a key name and a signature"))?;
        if !is_valid_key_name(name) {
            return Err(err("the key name is empty or holds a space or a '+'"));
        }
        let raw = base64::decode(sig).ok_or(err("the signature is not canonical base64"))?;
        if raw.len() < 5 {
            return Err(err("the signature is shorter than a key ID and one byte"));
        }
        Ok(NoteSignature {
            name: name.to_owned(),
            key_id: u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]),
            signature: raw[4..].to_vec(),
        })
    }
}

/// A signature that [`Note::verify`] checked against a known key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    pub name: String,
    pub key_id: u32,
    pub key_type: KeyType,
    /// For a cosignature: its timestamp, in seconds since the Unix epoch.
    pub timestamp: Option<u64>,
}

/// A signed note: its text (ending in a newline) and its signature lines in
/// order. Signatures from unknown keys are kept and written back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Note {
    text: String,
    signatures: Vec<NoteSignature>,
}

fn check_characters(text: &str) -> Result<(), NoteError> {
    if text.len() > MAX_NOTE_LEN {
        return Err(NoteError::TooLong);
    }
    match text.bytes().position(|b| b < 0x20 && b != b'\n') {
        Some(offset) => Err(NoteError::ControlCharacter { offset }),
        None => Ok(()),
    }
}

impl Note {
    /// An unsigned note with `text`, which must be non-empty and end with a
    /// newline.
    pub fn new(text: impl Into<String>) -> Result<Note, NoteError> {
        let text = text.into();
        check_characters(&text)?;
        if !text.ends_with('\n') || text == "\n" {
            return Err(NoteError::BadText);
        }
        Ok(Note {
            text,
            signatures: Vec::new(),
        })
    }

    /// Parses a signed note. The text ends at the last blank line; every
    /// line after it must be a signature line. The final newline may be
    /// missing (it is often lost in copying); nothing else is forgiven.
    pub fn parse(note: &str) -> Result<Note, NoteError> {
        check_characters(note)?;
        let note = note.strip_suffix('\n').unwrap_or(note);
        let (text, sigs) = note
            .rsplit_once("\n\n")
            .ok_or(NoteError::NoSignatureBlock)?;
        if text.is_empty() {
            return Err(NoteError::BadText);
        }
        let text_lines = text.split('\n').count();
        let mut signatures = Vec::new();
        for (i, line) in sigs.split('\n').enumerate() {
            if i == MAX_NOTE_SIGNATURES {
                return Err(NoteError::TooManySignatures);
            }
            signatures.push(NoteSignature::parse(line, text_lines + 2 + i)?);
        }
        Ok(Note {
            text: format!("{text}\n"),
            signatures,
        })
    }

    /// The signed text, final newline included.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn signatures(&self) -> &[NoteSignature] {
        &self.signatures
    }

    /// Adds a signature line at the end, replacing an earlier one with the
    /// same key name and key ID (a key signs a note once).
    pub fn add_signature(&mut self, signature: NoteSignature) -> Result<(), NoteError> {
        check_name(&signature.name)?;
        self.signatures
            .retain(|s| (s.name.as_str(), s.key_id) != (signature.name.as_str(), signature.key_id));
        if self.signatures.len() == MAX_NOTE_SIGNATURES {
            return Err(NoteError::TooManySignatures);
        }
        self.signatures.push(signature);
        Ok(())
    }

    /// Signs the text with `key` as the Ed25519 key called `name`.
    pub fn sign(&mut self, name: &str, key: &LedgerKey) -> Result<(), NoteError> {
        check_name(name)?;
        let signature = NoteSignature {
            name: name.to_owned(),
            key_id: key_id(name, KeyType::Ed25519, &key.public().to_bytes()),
            signature: key
                .signing_key()
                .sign(self.text.as_bytes())
                .to_bytes()
                .to_vec(),
        };
        self.add_signature(signature)
    }

    /// Checks the signatures against `known` keys. A signature whose name
    /// and key ID match a known key must verify, or the whole note is
    /// rejected; signatures by unknown keys are ignored. At least one must
    /// verify. Returns the verified signatures, in order.
    pub fn verify(&self, known: &[VerifierKey]) -> Result<Vec<VerifiedSignature>, NoteError> {
        let mut verified: Vec<VerifiedSignature> = Vec::new();
        for sig in &self.signatures {
            for key in known
                .iter()
                .filter(|k| k.name == sig.name && k.key_id() == sig.key_id)
            {
                let timestamp = key.verify(&self.text, &sig.signature).ok_or_else(|| {
                    NoteError::BadSignature {
                        name: sig.name.clone(),
                        key_id: sig.key_id,
                    }
                })?;
                verified.push(VerifiedSignature {
                    name: sig.name.clone(),
                    key_id: sig.key_id,
                    key_type: key.key_type,
                    timestamp,
                });
            }
        }
        if verified.is_empty() {
            return Err(NoteError::NoVerifiedSignature);
        }
        Ok(verified)
    }

    /// The note as text: the text, a blank line, the signature lines.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.text);
        for sig in &self.signatures {
            out.push_str(&sig.to_line());
        }
        out
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// The message a `cosignature/v1` signs: `cosignature/v1\ntime <t>\n` and the
/// checkpoint's note text.
pub fn cosignature_message(timestamp: u64, text: &str) -> String {
    format!("cosignature/v1\ntime {timestamp}\n{text}")
}

/// A public key with the name and signature type it signs notes under:
/// what a note verifier is configured with. Its text form is Go's verifier
/// key, `<name>+<8 hex key ID>+<base64(type byte || 32-byte key)>`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VerifierKey {
    name: String,
    key_type: KeyType,
    key: PublicKey,
}

impl VerifierKey {
    pub fn new(name: &str, key_type: KeyType, key: PublicKey) -> Result<VerifierKey, NoteError> {
        check_name(name)?;
        Ok(VerifierKey {
            name: name.to_owned(),
            key_type,
            key,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    pub fn public_key(&self) -> PublicKey {
        self.key
    }

    pub fn key_id(&self) -> u32 {
        key_id(&self.name, self.key_type, &self.key.to_bytes())
    }

    /// Checks `signature` (the bytes after the key ID) over `text`. Returns
    /// `None` if it does not verify, else the cosignature's timestamp (or
    /// `Some(None)` for a plain Ed25519 signature).
    pub fn verify(&self, text: &str, signature: &[u8]) -> Option<Option<u64>> {
        match self.key_type {
            KeyType::Ed25519 => {
                let sig: &[u8; 64] = signature.try_into().ok()?;
                self.key.verify(text.as_bytes(), sig).then_some(None)
            }
            KeyType::CosignatureV1 => {
                let sig: &[u8; 72] = signature.try_into().ok()?;
                let timestamp = u64::from_be_bytes(sig[..8].try_into().expect("8 bytes"));
                if timestamp > i64::MAX as u64 {
                    return None;
                }
                let message = cosignature_message(timestamp, text);
                let ed: &[u8; 64] = sig[8..].try_into().expect("64 bytes");
                self.key
                    .verify(message.as_bytes(), ed)
                    .then_some(Some(timestamp))
            }
        }
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut raw = vec![self.key_type.byte()];
        raw.extend_from_slice(&self.key.to_bytes());
        write!(
            f,
            "{}+{:08x}+{}",
            self.name,
            self.key_id(),
            base64::encode(&raw)
        )
    }
}

impl fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifierKey({self})")
    }
}

/// Splits `<name>+<8 hex>+<base64(type || 32 bytes)>` into its parts. The
/// caller checks the key ID, which is computed from the public key.
fn split_key_text(
    what: &'static str,
    s: &str,
) -> Result<(String, u32, KeyType, [u8; 32]), NoteError> {
    let err = |problem| NoteError::BadKey { what, problem };
    // The base64 key may itself hold a '+'; the name and id cannot.
    let mut parts = s.splitn(3, '+');
    let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(err("expected <name>+<key id>+<base64 key>"));
    };
    if !is_valid_key_name(name) {
        return Err(err("the key name is empty or holds a space"));
    }
    if id.len() != 8 || !id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(err("the key id must be 8 lowercase hex digits"));
    }
    let id = u32::from_str_radix(id, 16).expect("8 hex digits");
    let raw = base64::decode(key).ok_or(err("the key is not canonical base64"))?;
    let (&type_byte, material) = raw.split_first().ok_or(err("the key is empty"))?;
    let key_type = KeyType::from_byte(type_byte).ok_or(err(
        "unknown signature type (0x01 Ed25519 and 0x04 cosignature/v1 are known)",
    ))?;
    let material: [u8; 32] = material
        .try_into()
        .map_err(|_| err("an Ed25519 key is 32 bytes"))?;
    Ok((name.to_owned(), id, key_type, material))
}

impl FromStr for VerifierKey {
    type Err = NoteError;
    fn from_str(s: &str) -> Result<VerifierKey, NoteError> {
        const WHAT: &str = "verifier key";
        let (name, id, key_type, material) = split_key_text(WHAT, s)?;
        let key = PublicKey::from_bytes(&material).map_err(|_| NoteError::BadKey {
            what: WHAT,
            problem: "the 32 bytes are not a valid Ed25519 public key",
        })?;
        let vkey = VerifierKey {
            name,
            key_type,
            key,
        };
        if vkey.key_id() != id {
            return Err(NoteError::BadKey {
                what: WHAT,
                problem: "the key id does not match the name and key",
            });
        }
        Ok(vkey)
    }
}

impl serde::Serialize for VerifierKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for VerifierKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Go's private key text:
/// `PRIVATE+KEY+<name>+<8 hex key ID>+<base64(type byte || 32-byte seed)>`.
pub(crate) fn private_key_text(name: &str, key_type: KeyType, key: &LedgerKey) -> String {
    let mut raw = vec![key_type.byte()];
    raw.extend_from_slice(&key.to_bytes());
    format!(
        "PRIVATE+KEY+{name}+{:08x}+{}",
        key_id(name, key_type, &key.public().to_bytes()),
        base64::encode(&raw)
    )
}

/// Parses [`private_key_text`]: the name, the type and the key.
pub(crate) fn parse_private_key_text(s: &str) -> Result<(String, KeyType, LedgerKey), NoteError> {
    const WHAT: &str = "private key";
    let s = s.trim_end_matches('\n');
    let rest = s.strip_prefix("PRIVATE+KEY+").ok_or(NoteError::BadKey {
        what: WHAT,
        problem: "a private key starts with PRIVATE+KEY+",
    })?;
    let (name, id, key_type, seed) = split_key_text(WHAT, rest)?;
    let key = LedgerKey::from_bytes(&seed);
    if key_id(&name, key_type, &key.public().to_bytes()) != id {
        return Err(NoteError::BadKey {
            what: WHAT,
            problem: "the key id does not match the name and key",
        });
    }
    Ok((name, key_type, key))
}
