//! The Homeward ledger: a tamper-evident, append-only record of every change,
//! which the mediator and both parties can each verify offline.
//!
//! # Design
//!
//! Every state change becomes an [`Envelope`]: a canonical, versioned byte
//! string (seq, time, actor, organisation, kind, the domain's JSON of the
//! non-personal fields, and an optional personal-data commitment). The
//! envelopes are the leaves of an append-only Merkle tree built exactly as
//! RFC 6962/9162 builds Certificate Transparency logs. The mediator
//! periodically signs the tree head as a [`Checkpoint`] with an Ed25519
//! [`LedgerKey`]. Anyone holding the envelopes, the checkpoints and the
//! public key can recompute the tree and detect any rewrite: an altered,
//! dropped, inserted or reordered entry changes the root at every later
//! checkpoint, and a truncated log no longer reaches its last checkpoint.
//! The [`Verifier`] does this in one streaming pass; [`write_bundle`] and
//! [`verify_bundle`] carry the same material to an auditor as one file.
//!
//! **Why SHA-256.** Auditors on either side should not have to trust our
//! code. With SHA-256 and the RFC 6962 tree, standard transparency-log
//! tooling, or a short script in any language, recomputes the same roots and
//! proofs; the crate's tests pin the Certificate Transparency reference
//! vectors to keep it that way.
//!
//! **Domain separation.** Every hash input starts with a byte saying what it
//! is: `0x00` a leaf, `0x01` an interior node (both from RFC 6962), `0x02` a
//! personal-data commitment. Without them, a node's 64 bytes could be
//! presented as a leaf (a second-preimage attack on the tree), or a
//! commitment as either.
//!
//! **Personal data sits outside the leaf.** A child's name, birth date or a
//! family's address must be erasable: retention rules end, a family asks.
//! But a leaf cannot change without breaking every later checkpoint. So the
//! leaf holds only `SHA-256(0x02 || salt || data)` ([`PersonalData`]); the
//! data and its random 32-byte salt are stored beside the ledger. Erasing
//! both leaves every leaf hash, root, signature and proof valid, and the
//! verifier counts such entries as redacted instead of failing. The salt
//! keeps the commitment from being a lookup key: without it, anyone holding
//! the ledger could confirm a guessed name by hashing candidates. Audit
//! bundles never carry personal data.
//!
//! **No IO.** This crate is pure functions and types: it opens no files and
//! no sockets; bundles are read from and written to any `std::io::Read` /
//! `Write` the caller supplies.
//!
//! **Standard notes, so the mediator cannot show two histories.** Checkpoints
//! are C2SP `tlog-checkpoint` signed notes ([`note`]), the format Go's sumdb,
//! Sigstore and the Certificate Transparency static logs use. Each party runs
//! a witness ([`cosign`]): it checks each new checkpoint against the last one
//! it cosigned with a consistency proof, and adds a C2SP `cosignature/v1`.
//! A checkpoint cosigned by both parties' witnesses is one both have seen
//! extend the history they saw before; a refusal yields [`Evidence`] that
//! anyone holding the mediator's key can check ([`check_evidence`]). The
//! first checkpoint format, `homeward-checkpoint/v1`, is still read.
//!
//! The byte formats are specified in `FORMAT.md` beside this crate, precisely
//! enough for an outside auditor to write their own verifier.

mod base64;
mod bundle;
mod checkpoint;
mod envelope;
mod hash;
mod merkle;
pub mod note;
mod personal;
mod verify;
mod witness;

pub use bundle::{
    BUNDLE_MAGIC, BUNDLE_VERSION, BundleError, BundleTrust, MAX_RECORD_LEN, verify_bundle,
    verify_bundle_with, write_bundle, write_bundle_with_witnesses,
};
pub use checkpoint::{
    CHECKPOINT_HEADER, Checkpoint, CheckpointBody, CheckpointSignatures, LedgerKey, ParseError,
    PublicKey, TIMESTAMP_EXTENSION,
};
pub use envelope::{DecodeError, ENVELOPE_VERSION, Envelope};
pub use hash::{Hash, LEAF_PREFIX, NODE_PREFIX, PERSONAL_PREFIX, leaf_hash, node_hash};
pub use merkle::{MerkleTree, ProofError, verify_consistency, verify_inclusion};
pub use note::{KeyType, Note, NoteError, NoteSignature, VerifiedSignature, VerifierKey};
pub use personal::PersonalData;
pub use verify::{Verifier, VerifyError, VerifyReport, WitnessReport};
pub use witness::{
    CosignatureError, Cosigned, EVIDENCE_HEADER, Evidence, EvidenceError, Misbehaviour,
    WitnessError, WitnessKey, WitnessState, accept_cosignatures, check_evidence, cosign,
    verify_cosignature,
};
