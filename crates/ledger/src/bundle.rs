//! The offline audit bundle: public keys, witness keys, checkpoints (with
//! their cosignatures) and envelopes (never personal data) in one
//! streamable file. The format is in FORMAT.md; version 1 (without witness
//! keys) is still read.

use std::io::{self, BufReader, BufWriter, Read, Write};

use crate::ParseError;
use crate::checkpoint::{Checkpoint, PublicKey};
use crate::note::{NoteError, VerifierKey};
use crate::verify::{Verifier, VerifyError, VerifyReport};

/// The eight bytes every bundle starts with.
pub const BUNDLE_MAGIC: [u8; 8] = *b"HWLEDGER";
/// The bundle format version this crate writes. Version 1 (the same without
/// witness-key records, and a 24-byte end record) is still read.
pub const BUNDLE_VERSION: u8 = 2;
/// The largest record payload a reader accepts (16 MiB), so a hostile bundle
/// cannot make the verifier allocate without bound.
pub const MAX_RECORD_LEN: u32 = 16 << 20;

const TAG_KEY: u8 = b'K';
const TAG_WITNESS: u8 = b'W';
const TAG_CHECKPOINT: u8 = b'C';
const TAG_ENVELOPE: u8 = b'E';
const TAG_END: u8 = b'.';

/// What is wrong with a bundle's structure (as opposed to its content,
/// which [`VerifyError`]'s other variants describe).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("not a Homeward ledger bundle (the file does not start with HWLEDGER)")]
    BadMagic,
    #[error("bundle format version {found} is not supported (this reader knows versions 1 and 2)")]
    UnsupportedVersion { found: u8 },
    #[error("unknown record tag 0x{tag:02x}")]
    UnknownTag { tag: u8 },
    #[error("record of {len} bytes exceeds the limit of {MAX_RECORD_LEN} bytes")]
    RecordTooLarge { len: u32 },
    #[error("the bundle ends inside a record or before its end record: the file was cut short")]
    Truncated,
    #[error(
        "a {record} record follows {after} records; the order is keys, checkpoints, envelopes, end"
    )]
    OutOfOrder {
        record: &'static str,
        after: &'static str,
    },
    #[error("the bundle holds no public key")]
    NoKeys,
    #[error("key record of {len} bytes; a key record holds 32 bytes")]
    KeyLength { len: u32 },
    #[error("key record: {0}")]
    BadKey(ParseError),
    #[error("witness key record: {0}")]
    BadWitnessKey(NoteError),
    #[error("checkpoint record is not UTF-8 text")]
    CheckpointNotText,
    #[error("checkpoint record: {0}")]
    BadCheckpoint(ParseError),
    #[error("end record of {len} bytes; a version {version} end record holds {expected} bytes")]
    EndLength {
        len: u32,
        version: u8,
        expected: u32,
    },
    #[error("the end record declares {declared} {what} records, but the bundle holds {found}")]
    CountMismatch {
        what: &'static str,
        declared: u64,
        found: u64,
    },
    #[error("bytes follow the end record")]
    TrailingData,
}

fn write_record<W: Write>(w: &mut W, tag: u8, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len())
        .ok()
        .filter(|&l| l <= MAX_RECORD_LEN)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "bundle record of {} bytes exceeds the limit of {MAX_RECORD_LEN} bytes",
                    payload.len()
                ),
            )
        })?;
    w.write_all(&[tag])?;
    w.write_all(&len.to_be_bytes())?;
    w.write_all(payload)
}

/// Writes an audit bundle without witness keys; see
/// [`write_bundle_with_witnesses`].
pub fn write_bundle<W: Write>(
    w: W,
    keys: &[PublicKey],
    checkpoints: &[Checkpoint],
    envelopes: impl Iterator<Item = Vec<u8>>,
) -> io::Result<()> {
    write_bundle_with_witnesses(w, keys, &[], checkpoints, envelopes)
}

/// Writes an audit bundle: the public keys, the witnesses' verifier keys,
/// the checkpoints (with whatever cosignatures they carry), then the
/// envelopes as the iterator yields them (so the log never has to be in
/// memory at once), then an end record with the counts.
pub fn write_bundle_with_witnesses<W: Write>(
    w: W,
    keys: &[PublicKey],
    witnesses: &[VerifierKey],
    checkpoints: &[Checkpoint],
    envelopes: impl Iterator<Item = Vec<u8>>,
) -> io::Result<()> {
    if keys.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "an audit bundle needs at least one public key",
        ));
    }
    let mut w = BufWriter::with_capacity(1 << 16, w);
    w.write_all(&BUNDLE_MAGIC)?;
    w.write_all(&[BUNDLE_VERSION])?;
    for key in keys {
        write_record(&mut w, TAG_KEY, &key.to_bytes())?;
    }
    for witness in witnesses {
        write_record(&mut w, TAG_WITNESS, witness.to_string().as_bytes())?;
    }
    for cp in checkpoints {
        write_record(&mut w, TAG_CHECKPOINT, cp.to_text().as_bytes())?;
    }
    let mut count = 0u64;
    for envelope in envelopes {
        write_record(&mut w, TAG_ENVELOPE, &envelope)?;
        count += 1;
    }
    let mut end = [0u8; 32];
    for (i, n) in [
        keys.len() as u64,
        witnesses.len() as u64,
        checkpoints.len() as u64,
        count,
    ]
    .into_iter()
    .enumerate()
    {
        end[i * 8..i * 8 + 8].copy_from_slice(&n.to_be_bytes());
    }
    write_record(&mut w, TAG_END, &end)?;
    w.flush()
}

/// Where the reader is in the bundle; records must come in this order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Keys,
    Witnesses,
    Checkpoints,
    Envelopes,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::Keys => "key",
            Section::Witnesses => "witness key",
            Section::Checkpoints => "checkpoint",
            Section::Envelopes => "envelope",
        }
    }
}

struct BundleReader<R> {
    inner: R,
    offset: u64,
}

impl<R: Read> BundleReader<R> {
    fn fail(&self, offset: u64, problem: BundleError) -> VerifyError {
        VerifyError::Bundle { offset, problem }
    }

    /// Fills `buf`, or reports the bundle as cut short.
    fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), VerifyError> {
        match self.inner.read_exact(buf) {
            Ok(()) => {
                self.offset += buf.len() as u64;
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                Err(self.fail(self.offset, BundleError::Truncated))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Reads the next record header: its offset, tag and payload length.
    fn header(&mut self) -> Result<(u64, u8, u32), VerifyError> {
        let start = self.offset;
        let mut h = [0u8; 5];
        self.read_exact(&mut h)?;
        let len = u32::from_be_bytes([h[1], h[2], h[3], h[4]]);
        if len > MAX_RECORD_LEN {
            return Err(self.fail(start, BundleError::RecordTooLarge { len }));
        }
        Ok((start, h[0], len))
    }

    fn at_eof(&mut self) -> Result<bool, VerifyError> {
        let mut b = [0u8; 1];
        loop {
            match self.inner.read(&mut b) {
                Ok(n) => return Ok(n == 0),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// Whom a bundle's reader trusts.
#[derive(Debug, Clone, Copy, Default)]
pub struct BundleTrust<'a> {
    /// The mediator's published key. The bundle must list it, and only
    /// checkpoints signed by it are trusted. Without it, the keys the bundle
    /// itself lists are trusted, which proves the bundle consistent but not
    /// who signed it.
    pub ledger_key: Option<&'a PublicKey>,
    /// The witnesses the auditor registered (`cosignature/v1` verifier
    /// keys). Without them, the witness keys the bundle lists are used, which
    /// again shows consistency, not who cosigned.
    pub witnesses: Option<&'a [VerifierKey]>,
}

/// [`verify_bundle_with`] pinning at most the mediator's key; the bundle's
/// own witness keys are used for the witness report.
pub fn verify_bundle<R: Read>(
    r: R,
    pinned: Option<&PublicKey>,
) -> Result<VerifyReport, VerifyError> {
    verify_bundle_with(
        r,
        BundleTrust {
            ledger_key: pinned,
            witnesses: None,
        },
    )
}

/// Verifies an audit bundle in one streaming pass: envelopes are checked as
/// they are read and only their leaf hashes are kept. Every cosignature by
/// a trusted witness must verify; the report says how far each has cosigned.
pub fn verify_bundle_with<R: Read>(
    r: R,
    trust: BundleTrust<'_>,
) -> Result<VerifyReport, VerifyError> {
    let mut r = BundleReader {
        inner: BufReader::with_capacity(1 << 16, r),
        offset: 0,
    };
    let mut magic = [0u8; 9];
    match r.read_exact(&mut magic) {
        Err(VerifyError::Bundle { .. }) => return Err(r.fail(0, BundleError::BadMagic)),
        other => other?,
    }
    if magic[..8] != BUNDLE_MAGIC {
        return Err(r.fail(0, BundleError::BadMagic));
    }
    let version = magic[8];
    if version != 1 && version != 2 {
        return Err(r.fail(8, BundleError::UnsupportedVersion { found: version }));
    }

    let mut section = Section::Keys;
    let mut keys: Vec<PublicKey> = Vec::new();
    let mut witnesses: Vec<VerifierKey> = Vec::new();
    let mut checkpoints: Vec<Checkpoint> = Vec::new();
    // Checkpoints by decreasing size, so the next one due is at the end.
    let mut pending: Vec<Checkpoint> = Vec::new();
    let mut verifier: Option<Verifier> = None;
    let mut payload = Vec::new();

    loop {
        let (start, tag, len) = r.header()?;
        let record = match tag {
            TAG_KEY => Section::Keys,
            TAG_WITNESS if version >= 2 => Section::Witnesses,
            TAG_CHECKPOINT => Section::Checkpoints,
            TAG_ENVELOPE => Section::Envelopes,
            TAG_END => {
                let expected = if version == 1 { 24 } else { 32 };
                if len != expected {
                    return Err(r.fail(
                        start,
                        BundleError::EndLength {
                            len,
                            version,
                            expected,
                        },
                    ));
                }
                let mut end = [0u8; 32];
                r.read_exact(&mut end[..len as usize])?;
                let declared = |i: usize| {
                    u64::from_be_bytes(end[i * 8..i * 8 + 8].try_into().expect("8 bytes"))
                };
                let entries = verifier.as_ref().map_or(0, Verifier::len);
                let mut counts = vec![("key", keys.len() as u64)];
                if version >= 2 {
                    counts.push(("witness key", witnesses.len() as u64));
                }
                counts.push(("checkpoint", checkpoints.len() as u64));
                counts.push(("envelope", entries));
                for (i, (what, found)) in counts.into_iter().enumerate() {
                    let declared = declared(i);
                    if declared != found {
                        return Err(r.fail(
                            start,
                            BundleError::CountMismatch {
                                what,
                                declared,
                                found,
                            },
                        ));
                    }
                }
                if !r.at_eof()? {
                    return Err(r.fail(r.offset, BundleError::TrailingData));
                }
                break;
            }
            tag => return Err(r.fail(start, BundleError::UnknownTag { tag })),
        };
        if record < section {
            return Err(r.fail(
                start,
                BundleError::OutOfOrder {
                    record: record.name(),
                    after: section.name(),
                },
            ));
        }
        section = record;
        match record {
            Section::Keys => {
                if len != 32 {
                    return Err(r.fail(start, BundleError::KeyLength { len }));
                }
                let mut raw = [0u8; 32];
                r.read_exact(&mut raw)?;
                let key = PublicKey::from_bytes(&raw)
                    .map_err(|e| r.fail(start, BundleError::BadKey(e)))?;
                keys.push(key);
            }
            Section::Witnesses => {
                payload.resize(len as usize, 0);
                r.read_exact(&mut payload)?;
                let key = std::str::from_utf8(&payload)
                    .map_err(|_| NoteError::BadKey {
                        what: "witness key",
                        problem: "not UTF-8 text",
                    })
                    .and_then(str::parse::<VerifierKey>)
                    .map_err(|e| r.fail(start, BundleError::BadWitnessKey(e)))?;
                witnesses.push(key);
            }
            Section::Checkpoints => {
                payload.resize(len as usize, 0);
                r.read_exact(&mut payload)?;
                let text = std::str::from_utf8(&payload)
                    .map_err(|_| r.fail(start, BundleError::CheckpointNotText))?;
                let cp = Checkpoint::from_text(text)
                    .map_err(|e| r.fail(start, BundleError::BadCheckpoint(e)))?;
                checkpoints.push(cp);
            }
            Section::Envelopes => {
                payload.resize(len as usize, 0);
                r.read_exact(&mut payload)?;
                if verifier.is_none() {
                    verifier = Some(start_verifier(
                        &keys,
                        &witnesses,
                        trust,
                        &checkpoints,
                        &mut pending,
                        start,
                    )?);
                }
                let v = verifier.as_mut().expect("set just above");
                v.push(&payload, None)?;
                // Check each checkpoint as soon as the log reaches its size,
                // so a corrupt entry is reported near where it is.
                while let Some(cp) = pending.last().filter(|cp| cp.size <= v.len()) {
                    v.check_checkpoint(cp)?;
                    pending.pop();
                }
            }
        }
    }

    let verifier = match verifier {
        Some(v) => v,
        None => start_verifier(
            &keys,
            &witnesses,
            trust,
            &checkpoints,
            &mut pending,
            r.offset,
        )?,
    };
    verifier.finish(&checkpoints)
}

/// Sets up the verifier once the keys and checkpoints have been read.
fn start_verifier(
    keys: &[PublicKey],
    witnesses: &[VerifierKey],
    trust: BundleTrust<'_>,
    checkpoints: &[Checkpoint],
    pending: &mut Vec<Checkpoint>,
    offset: u64,
) -> Result<Verifier, VerifyError> {
    if keys.is_empty() {
        return Err(VerifyError::Bundle {
            offset,
            problem: BundleError::NoKeys,
        });
    }
    let trusted = match trust.ledger_key {
        Some(pin) if keys.contains(pin) => vec![*pin],
        Some(pin) => {
            return Err(VerifyError::PinnedKeyAbsent {
                key_id: pin.key_id(),
            });
        }
        None => keys.to_vec(),
    };
    let witnesses = trust.witnesses.unwrap_or(witnesses).to_vec();
    let mut verifier = Verifier::with_witnesses(trusted, witnesses)?;
    *pending = checkpoints.to_vec();
    pending.sort_by_key(|cp| std::cmp::Reverse(cp.size));
    while let Some(cp) = pending.last().filter(|cp| cp.size == 0) {
        verifier.check_checkpoint(cp)?;
        pending.pop();
    }
    Ok(verifier)
}
