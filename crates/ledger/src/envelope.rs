//! The version-1 canonical envelope of one ledger event.

use crate::hash::{Hash, leaf_hash};

/// The only envelope version this crate writes and reads.
pub const ENVELOPE_VERSION: u8 = 1;

/// One event as it is hashed into the ledger.
///
/// Encoding (all integers big-endian), see FORMAT.md:
///
/// ```text
/// u8  version (= 1)
/// u64 seq
/// i64 recorded_at            microseconds since the Unix epoch, UTC
/// u32 len | actor            UTF-8
/// u32 len | org              UTF-8
/// u32 len | kind             UTF-8
/// u32 len | body             bytes: the domain's JSON of the non-personal fields
/// u8  personal flag          0 or 1
/// [32] personal commitment   only if the flag is 1
/// ```
///
/// The encoding is canonical: [`Envelope::decode`] accepts exactly the byte
/// strings [`Envelope::encode`] produces, so `encode(decode(b)) == b` and the
/// leaf hash of the stored bytes is the leaf hash of the decoded envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// Position in the log, starting at 1, without gaps.
    pub seq: u64,
    /// Microseconds since the Unix epoch, UTC.
    pub recorded_at: i64,
    /// Who made the change (a user or system identifier, never a child's name).
    pub actor: String,
    /// The organisation the actor acted for.
    pub org: String,
    /// The event kind, e.g. `case.state_changed`.
    pub kind: String,
    /// The domain's JSON of the event's non-personal fields.
    pub body: Vec<u8>,
    /// Salted commitment to the event's personal data, if it has any
    /// (see [`crate::PersonalData`]).
    pub personal: Option<Hash>,
}

/// Why a byte string is not a valid version-1 envelope. Offsets count bytes
/// from the start of the envelope. Messages never quote field contents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error(
        "envelope ends inside {field} at offset {offset}: {needed} bytes needed, {available} left"
    )]
    Truncated {
        field: &'static str,
        offset: usize,
        needed: usize,
        available: usize,
    },
    #[error("envelope version {found} at offset 0 is not supported (this reader knows version 1)")]
    UnsupportedVersion { found: u8 },
    #[error("{field} at offset {offset} is not valid UTF-8")]
    InvalidUtf8 { field: &'static str, offset: usize },
    #[error("personal-data flag at offset {offset} is {found}; expected 0 or 1")]
    InvalidPersonalFlag { found: u8, offset: usize },
    #[error("{count} trailing bytes after the end of the envelope at offset {offset}")]
    TrailingBytes { offset: usize, count: usize },
}

impl Envelope {
    /// The canonical version-1 bytes of this envelope.
    ///
    /// # Panics
    /// If `actor`, `org`, `kind` or `body` is 4 GiB or longer, which the
    /// length prefixes cannot express.
    pub fn encode(&self) -> Vec<u8> {
        let personal_len = if self.personal.is_some() { 32 } else { 0 };
        let mut out = Vec::with_capacity(
            1 + 8
                + 8
                + 16
                + self.actor.len()
                + self.org.len()
                + self.kind.len()
                + self.body.len()
                + 1
                + personal_len,
        );
        out.push(ENVELOPE_VERSION);
        out.extend_from_slice(&self.seq.to_be_bytes());
        out.extend_from_slice(&self.recorded_at.to_be_bytes());
        for field in [
            self.actor.as_bytes(),
            self.org.as_bytes(),
            self.kind.as_bytes(),
            &self.body,
        ] {
            let len = u32::try_from(field.len()).expect("envelope field of 4 GiB or more");
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(field);
        }
        match &self.personal {
            None => out.push(0),
            Some(c) => {
                out.push(1);
                out.extend_from_slice(&c.0);
            }
        }
        out
    }

    /// Parses canonical version-1 bytes; anything else is rejected with the
    /// field and offset at fault.
    pub fn decode(bytes: &[u8]) -> Result<Envelope, DecodeError> {
        let mut r = Reader { bytes, pos: 0 };
        let version = r.take::<1>("version")?[0];
        if version != ENVELOPE_VERSION {
            return Err(DecodeError::UnsupportedVersion { found: version });
        }
        let seq = u64::from_be_bytes(r.take("seq")?);
        let recorded_at = i64::from_be_bytes(r.take("recorded_at")?);
        let actor = r.string("actor length", "actor")?;
        let org = r.string("org length", "org")?;
        let kind = r.string("kind length", "kind")?;
        let body = r.prefixed("body length", "body")?.to_vec();
        let flag_offset = r.pos;
        let personal = match r.take::<1>("personal flag")?[0] {
            0 => None,
            1 => Some(Hash(r.take("personal commitment")?)),
            found => {
                return Err(DecodeError::InvalidPersonalFlag {
                    found,
                    offset: flag_offset,
                });
            }
        };
        if r.pos != bytes.len() {
            return Err(DecodeError::TrailingBytes {
                offset: r.pos,
                count: bytes.len() - r.pos,
            });
        }
        Ok(Envelope {
            seq,
            recorded_at,
            actor,
            org,
            kind,
            body,
            personal,
        })
    }

    /// `leaf_hash(&self.encode())`: the hash this event has in the tree.
    pub fn leaf_hash(&self) -> Hash {
        leaf_hash(&self.encode())
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn slice(&mut self, field: &'static str, len: usize) -> Result<&'a [u8], DecodeError> {
        let available = self.bytes.len() - self.pos;
        if len > available {
            return Err(DecodeError::Truncated {
                field,
                offset: self.pos,
                needed: len,
                available,
            });
        }
        let s = &self.bytes[self.pos..self.pos + len];
        self.pos += len;
        Ok(s)
    }

    fn take<const N: usize>(&mut self, field: &'static str) -> Result<[u8; N], DecodeError> {
        let s = self.slice(field, N)?;
        Ok(s.try_into().expect("slice has length N"))
    }

    fn prefixed(
        &mut self,
        len_field: &'static str,
        field: &'static str,
    ) -> Result<&'a [u8], DecodeError> {
        let len = u32::from_be_bytes(self.take(len_field)?);
        // u32 always fits in usize on the 32- and 64-bit targets we build for.
        self.slice(field, len as usize)
    }

    fn string(
        &mut self,
        len_field: &'static str,
        field: &'static str,
    ) -> Result<String, DecodeError> {
        let bytes = self.prefixed(len_field, field)?;
        let start = self.pos - bytes.len();
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => Err(DecodeError::InvalidUtf8 {
                field,
                offset: start + e.valid_up_to(),
            }),
        }
    }
}
