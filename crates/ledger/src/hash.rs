//! SHA-256 hashes and the RFC 6962 leaf and node hashing rules.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use crate::ParseError;

/// Domain separation byte for a leaf: `SHA-256(0x00 || leaf)` (RFC 6962 §2.1).
pub const LEAF_PREFIX: u8 = 0x00;
/// Domain separation byte for an interior node: `SHA-256(0x01 || left || right)`.
pub const NODE_PREFIX: u8 = 0x01;
/// Domain separation byte for a personal-data commitment:
/// `SHA-256(0x02 || salt || data)`. Distinct from the two tree prefixes so a
/// commitment can never be passed off as a leaf or a node.
pub const PERSONAL_PREFIX: u8 = 0x02;

/// A SHA-256 digest. Shown and parsed as 64 lowercase hex digits; serialised
/// with serde as that same string.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash(pub [u8; 32]);

impl Hash {
    /// The root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1).
    pub fn empty_root() -> Hash {
        Hash(Sha256::digest([]).into())
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// `SHA-256(0x00 || leaf)`.
pub fn leaf_hash(leaf: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([LEAF_PREFIX]);
    h.update(leaf);
    Hash(h.finalize().into())
}

/// `SHA-256(0x01 || l || r)`.
pub fn node_hash(l: &Hash, r: &Hash) -> Hash {
    let mut buf = [0u8; 65];
    buf[0] = NODE_PREFIX;
    buf[1..33].copy_from_slice(&l.0);
    buf[33..].copy_from_slice(&r.0);
    Hash(Sha256::digest(buf).into())
}

const HEX: &[u8; 16] = b"0123456789abcdef";

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 0xf) as usize] as char);
    }
    s
}

/// Parses exactly `N` bytes of lowercase or uppercase hex.
pub(crate) fn from_hex<const N: usize>(what: &'static str, s: &str) -> Result<[u8; N], ParseError> {
    let bytes = s.as_bytes();
    if bytes.len() != N * 2 {
        return Err(ParseError::HexLength {
            what,
            expected: N * 2,
            found: bytes.len(),
        });
    }
    let digit = |i: usize| -> Result<u8, ParseError> {
        let c = bytes[i];
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err(ParseError::HexDigit { what, position: i }),
        }
    };
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = (digit(2 * i)? << 4) | digit(2 * i + 1)?;
    }
    Ok(out)
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_hex(&self.0))
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({self})")
    }
}

impl FromStr for Hash {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Hash, ParseError> {
        from_hex::<32>("hash", s).map(Hash)
    }
}

impl serde::Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_hex(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Hash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hash, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
