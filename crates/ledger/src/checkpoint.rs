//! Signed tree heads ("checkpoints") and the Ed25519 keys that sign them.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::hash::{Hash, from_hex, to_hex};
use crate::verify::VerifyError;

/// First line of every checkpoint note; names the format and its version.
pub const CHECKPOINT_HEADER: &str = "homeward-checkpoint/v1";

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
    /// Names the log, e.g. `homeward.mediator.example/ledger`. One line, not empty.
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub timestamp: i64,
    /// [`PublicKey::key_id`] of the signing key.
    pub key_id: String,
    /// Ed25519 signature over [`Checkpoint::signed_message`].
    pub signature: [u8; 64],
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

    /// Signs the tree head `(origin, size, root, timestamp)`. `origin` must be
    /// one non-empty line, or the checkpoint will not verify.
    pub fn sign_checkpoint(
        &self,
        origin: &str,
        size: u64,
        root: Hash,
        timestamp: i64,
    ) -> Checkpoint {
        let message = signed_message(origin, size, &root, timestamp);
        Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            timestamp,
            key_id: self.public().key_id(),
            signature: self.0.sign(message.as_bytes()).to_bytes(),
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

    /// First 8 bytes of SHA-256 of the raw public key, as 16 hex digits.
    pub fn key_id(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        to_hex(&digest[..8])
    }

    fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
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

/// The exact bytes a checkpoint signature covers.
fn signed_message(origin: &str, size: u64, root: &Hash, timestamp: i64) -> String {
    format!("{CHECKPOINT_HEADER}\n{origin}\n{size}\n{root}\n{timestamp}\n")
}

impl Checkpoint {
    /// The note text the signature covers:
    /// `homeward-checkpoint/v1\n{origin}\n{size}\n{root hex}\n{timestamp}\n`.
    pub fn signed_message(&self) -> String {
        signed_message(&self.origin, self.size, &self.root, self.timestamp)
    }

    /// Checks the signature under `key`, which must be the key `key_id` names.
    pub fn verify(&self, key: &PublicKey) -> Result<(), VerifyError> {
        if self.origin.is_empty() || self.origin.contains('\n') {
            return Err(VerifyError::InvalidOrigin { size: self.size });
        }
        if self.key_id != key.key_id() {
            return Err(VerifyError::KeyMismatch {
                size: self.size,
                key_id: self.key_id.clone(),
                given: key.key_id(),
            });
        }
        if !key.verify(self.signed_message().as_bytes(), &self.signature) {
            return Err(VerifyError::BadSignature { size: self.size });
        }
        Ok(())
    }

    /// The signed note: the signed message, an empty line, and one signature
    /// line `— {key_id} {base64 signature}`.
    pub fn to_text(&self) -> String {
        format!(
            "{}\n\u{2014} {} {}\n",
            self.signed_message(),
            self.key_id,
            base64_encode(&self.signature)
        )
    }

    /// Parses the text [`Checkpoint::to_text`] writes (the final newline may
    /// be missing). Only canonical spellings are accepted, so parsing and
    /// writing again gives the same text. The signature is not checked here.
    pub fn from_text(text: &str) -> Result<Checkpoint, ParseError> {
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
        let size: u64 = lines[2]
            .parse()
            .map_err(|_| err(3, "the size is not a decimal number"))?;
        if size.to_string() != lines[2] {
            return Err(err(3, "the size is not written canonically"));
        }
        let root: Hash = lines[3]
            .parse()
            .map_err(|_| err(4, "the root is not 64 hex digits"))?;
        if root.to_string() != lines[3] {
            return Err(err(4, "the root must be lowercase hex"));
        }
        let timestamp: i64 = lines[4]
            .parse()
            .map_err(|_| err(5, "the timestamp is not a decimal number"))?;
        if timestamp.to_string() != lines[4] {
            return Err(err(5, "the timestamp is not written canonically"));
        }
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
            base64_decode_64(sig).ok_or(err(7, "the signature is not 64 bytes of base64"))?;
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            timestamp,
            key_id: key_id.to_owned(),
            signature,
        })
    }
}

impl fmt::Debug for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checkpoint")
            .field("origin", &self.origin)
            .field("size", &self.size)
            .field("root", &self.root)
            .field("timestamp", &self.timestamp)
            .field("key_id", &self.key_id)
            .field("signature", &base64_encode(&self.signature))
            .finish()
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648 §4) with padding.
fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes the canonical standard-base64 spelling of exactly 64 bytes
/// (86 symbols and `==`), or nothing.
fn base64_decode_64(s: &str) -> Option<[u8; 64]> {
    let s = s.as_bytes();
    if s.len() != 88 || &s[86..] != b"==" || s[..86].contains(&b'=') {
        return None;
    }
    let value = |c: u8| B64.iter().position(|&x| x == c).map(|v| v as u32);
    let mut out = [0u8; 64];
    let mut o = 0;
    for chunk in s.chunks(4) {
        let symbols = if chunk[2] == b'=' { 2 } else { 4 };
        let mut n = 0u32;
        for (i, &c) in chunk[..symbols].iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let take = symbols - 1;
        // Canonical form: the bits below the last decoded byte are zero.
        if take == 1 && n & 0xffff != 0 {
            return None;
        }
        out[o..o + take].copy_from_slice(&bytes[..take]);
        o += take;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, expect) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(input), expect);
        }
    }

    #[test]
    fn base64_64_bytes_round_trips_and_rejects_non_canonical() {
        let bytes: [u8; 64] = std::array::from_fn(|i| (i * 37 + 11) as u8);
        let text = base64_encode(&bytes);
        assert_eq!(text.len(), 88);
        assert_eq!(base64_decode_64(&text), Some(bytes));
        // The last symbol before the padding carries 4 unused bits.
        let mut bent = text.clone().into_bytes();
        let last = bent[85];
        let v = B64.iter().position(|&x| x == last).unwrap();
        bent[85] = B64[v ^ 1];
        assert_eq!(base64_decode_64(std::str::from_utf8(&bent).unwrap()), None);
        assert_eq!(base64_decode_64(&text[..87]), None);
        assert_eq!(base64_decode_64(&text.replace('=', "A")), None);
        assert_eq!(base64_decode_64(&format!("*{}", &text[1..])), None);
    }
}
