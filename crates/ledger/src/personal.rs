//! Personal data held beside the ledger, behind a salted commitment.

use sha2::{Digest, Sha256};

use crate::hash::{Hash, PERSONAL_PREFIX};

/// The personal data of one event (names, birth dates, addresses...), stored
/// outside the leaf. The leaf holds only [`PersonalData::commitment`], so the
/// data can be erased later while every leaf hash, root and proof stays valid.
///
/// The random 32-byte salt makes the commitment hiding: without the salt, an
/// auditor holding the ledger cannot confirm a guessed name by hashing it.
/// Erase the salt together with the data.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonalData {
    pub salt: [u8; 32],
    pub data: Vec<u8>,
}

impl PersonalData {
    /// Wraps `data` with a fresh random salt from the operating system.
    ///
    /// # Panics
    /// If the operating system's random source fails, which leaves nothing
    /// safe to do.
    pub fn new(data: Vec<u8>) -> Self {
        let mut salt = [0u8; 32];
        getrandom::fill(&mut salt).expect("operating system random source failed");
        PersonalData { salt, data }
    }

    /// `SHA-256(0x02 || salt || data)`.
    pub fn commitment(&self) -> Hash {
        let mut h = Sha256::new();
        h.update([PERSONAL_PREFIX]);
        h.update(self.salt);
        h.update(&self.data);
        Hash(h.finalize().into())
    }
}

impl std::fmt::Debug for PersonalData {
    // Personal data must not end up in logs through a stray `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PersonalData({} bytes, redacted)", self.data.len())
    }
}
