//! Append-only Merkle tree in the manner of RFC 6962/9162, with inclusion and
//! consistency proofs and their verification.

use crate::hash::{Hash, node_hash};

/// Perfect subtrees of `2^CACHE_LEVEL` leaves and more keep their hash, so a
/// root of any earlier size, and any proof, costs O(log n) lookups plus at most
/// `2^CACHE_LEVEL - 1` hashes, while the cache adds only 1/8 to the memory of
/// the leaf hashes.
const CACHE_LEVEL: u32 = 4;

/// An append-only Merkle tree over leaf hashes.
///
/// The tree hash of `n` leaves is RFC 6962's MTH: the empty tree hashes to
/// SHA-256 of the empty string, one leaf to its leaf hash, and `n > 1` leaves
/// to `node_hash(MTH(first k), MTH(rest))` where `k` is the largest power of
/// two smaller than `n`.
#[derive(Clone, Debug, Default)]
pub struct MerkleTree {
    leaves: Vec<Hash>,
    /// `levels[i][j]` is the hash of the perfect subtree over leaves
    /// `[j << (CACHE_LEVEL + i), (j + 1) << (CACHE_LEVEL + i))`.
    levels: Vec<Vec<Hash>>,
    /// Roots of the perfect subtrees that make up the whole tree, largest
    /// (leftmost) first: one per set bit of `len`.
    frontier: Vec<Hash>,
}

/// Why a proof could not be produced or does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("tree size {size} was asked for, but the tree holds only {len} leaves")]
    SizeBeyondTree { size: u64, len: u64 },
    #[error("leaf index {index} is not inside a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("a consistency proof from size {old_size} to the smaller size {new_size} is undefined")]
    OldSizeAfterNew { old_size: u64, new_size: u64 },
    #[error("the proof holds more hashes than a proof for these sizes can have")]
    ProofTooLong,
    #[error("the proof holds fewer hashes than a proof for these sizes needs")]
    ProofTooShort,
    #[error("a consistency proof from size {old_size} to {new_size} must be empty")]
    ProofNotEmpty { old_size: u64, new_size: u64 },
    #[error(
        "inclusion proof for leaf {index} in a tree of size {size} does not lead to the given root"
    )]
    InclusionMismatch { index: u64, size: u64 },
    #[error("the roots for sizes {old_size} and {new_size} are not consistent with the proof")]
    ConsistencyMismatch { old_size: u64, new_size: u64 },
}

/// The largest power of two strictly smaller than `n`; `n` must be at least 2.
fn split_point(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

impl MerkleTree {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a leaf hash. Amortised O(1) node hashes (worst case O(log n)).
    pub fn push(&mut self, leaf: Hash) {
        let old_len = self.leaves.len() as u64;
        self.leaves.push(leaf);
        let mut h = leaf;
        let mut level = 0u32;
        // Each set low bit of the old size is a perfect subtree that now has a
        // sibling of equal size: merge them, as in binary addition.
        while (old_len >> level) & 1 == 1 {
            let left = self
                .frontier
                .pop()
                .expect("frontier has one entry per set bit");
            h = node_hash(&left, &h);
            level += 1;
            if level >= CACHE_LEVEL {
                let i = (level - CACHE_LEVEL) as usize;
                if self.levels.len() <= i {
                    self.levels.push(Vec::new());
                }
                self.levels[i].push(h);
            }
        }
        self.frontier.push(h);
    }

    /// Number of leaves.
    pub fn len(&self) -> u64 {
        self.leaves.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// The leaf hashes, in order.
    pub fn leaves(&self) -> &[Hash] {
        &self.leaves
    }

    /// The root of the whole tree, in O(log n).
    pub fn root(&self) -> Hash {
        let mut it = self.frontier.iter().rev();
        let Some(last) = it.next() else {
            return Hash::empty_root();
        };
        it.fold(*last, |acc, left| node_hash(left, &acc))
    }

    /// The root the tree would have with `extra` leaves appended, without
    /// appending them: O(log n + extra) hashes on a copy of the frontier.
    /// A writer signs the head of a transaction with it and pushes the leaves
    /// only once the transaction has committed.
    pub fn root_with(&self, extra: &[Hash]) -> Hash {
        let mut frontier = self.frontier.clone();
        for (len, leaf) in (self.len()..).zip(extra) {
            let mut h = *leaf;
            let mut level = 0u32;
            while (len >> level) & 1 == 1 {
                let left = frontier.pop().expect("frontier has one entry per set bit");
                h = node_hash(&left, &h);
                level += 1;
            }
            frontier.push(h);
        }
        let mut it = frontier.iter().rev();
        let Some(last) = it.next() else {
            return Hash::empty_root();
        };
        it.fold(*last, |acc, left| node_hash(left, &acc))
    }

    /// The root the tree had when it held `size` leaves.
    pub fn root_at(&self, size: u64) -> Result<Hash, ProofError> {
        self.check_size(size)?;
        Ok(if size == self.len() {
            self.root()
        } else if size == 0 {
            Hash::empty_root()
        } else {
            self.subtree(0, size)
        })
    }

    /// The audit path of leaf `index` in the tree of the first `size` leaves
    /// (RFC 6962 §2.1.1 PATH), nearest sibling first.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        self.check_size(size)?;
        if index >= size {
            return Err(ProofError::IndexOutOfRange { index, size });
        }
        let mut out = Vec::with_capacity(64);
        self.path(index, 0, size, &mut out);
        Ok(out)
    }

    /// The proof that the tree of `old_size` leaves is a prefix of the tree of
    /// `new_size` leaves (RFC 6962 §2.1.2 PROOF). Empty when `old_size` is 0
    /// or equals `new_size`.
    pub fn consistency_proof(&self, old_size: u64, new_size: u64) -> Result<Vec<Hash>, ProofError> {
        self.check_size(new_size)?;
        if old_size > new_size {
            return Err(ProofError::OldSizeAfterNew { old_size, new_size });
        }
        let mut out = Vec::with_capacity(64);
        if old_size > 0 && old_size < new_size {
            self.subproof(old_size, 0, new_size, true, &mut out);
        }
        Ok(out)
    }

    fn check_size(&self, size: u64) -> Result<(), ProofError> {
        if size > self.len() {
            return Err(ProofError::SizeBeyondTree {
                size,
                len: self.len(),
            });
        }
        Ok(())
    }

    /// Hash of the perfect subtree of `2^level` leaves starting at `start`.
    fn perfect(&self, start: u64, level: u32) -> Hash {
        if level == 0 {
            return self.leaves[start as usize];
        }
        if level >= CACHE_LEVEL && start.trailing_zeros() >= level {
            return self.levels[(level - CACHE_LEVEL) as usize][(start >> level) as usize];
        }
        let half = 1u64 << (level - 1);
        node_hash(
            &self.perfect(start, level - 1),
            &self.perfect(start + half, level - 1),
        )
    }

    /// MTH of the `size >= 1` leaves starting at `start`.
    fn subtree(&self, start: u64, size: u64) -> Hash {
        if size.is_power_of_two() {
            return self.perfect(start, size.trailing_zeros());
        }
        let k = split_point(size);
        node_hash(
            &self.perfect(start, k.trailing_zeros()),
            &self.subtree(start + k, size - k),
        )
    }

    fn path(&self, index: u64, start: u64, size: u64, out: &mut Vec<Hash>) {
        if size <= 1 {
            return;
        }
        let k = split_point(size);
        if index < k {
            self.path(index, start, k, out);
            out.push(self.subtree(start + k, size - k));
        } else {
            self.path(index - k, start + k, size - k, out);
            out.push(self.subtree(start, k));
        }
    }

    fn subproof(&self, m: u64, start: u64, size: u64, whole: bool, out: &mut Vec<Hash>) {
        if m == size {
            if !whole {
                out.push(self.subtree(start, size));
            }
            return;
        }
        let k = split_point(size);
        if m <= k {
            self.subproof(m, start, k, whole, out);
            out.push(self.subtree(start + k, size - k));
        } else {
            self.subproof(m - k, start + k, size - k, false, out);
            out.push(self.subtree(start, k));
        }
    }
}

/// Checks that `leaf` is at `index` in the tree of `size` leaves with `root`
/// (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let (mut fnode, mut snode) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if snode == 0 {
            return Err(ProofError::ProofTooLong);
        }
        if fnode & 1 == 1 || fnode == snode {
            r = node_hash(p, &r);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    if snode != 0 {
        return Err(ProofError::ProofTooShort);
    }
    if r != *root {
        return Err(ProofError::InclusionMismatch { index, size });
    }
    Ok(())
}

/// Checks that the tree of `old_size` leaves with `old_root` is a prefix of
/// the tree of `new_size` leaves with `new_root` (RFC 9162 §2.1.4.2). Every
/// tree is consistent with the empty tree (whose root must then be the empty
/// root) and with itself; both cases take an empty proof.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    let mismatch = ProofError::ConsistencyMismatch { old_size, new_size };
    if old_size > new_size {
        return Err(ProofError::OldSizeAfterNew { old_size, new_size });
    }
    if old_size == new_size || old_size == 0 {
        if !proof.is_empty() {
            return Err(ProofError::ProofNotEmpty { old_size, new_size });
        }
        let same = if old_size == 0 {
            *old_root == Hash::empty_root()
        } else {
            old_root == new_root
        };
        return if same { Ok(()) } else { Err(mismatch) };
    }
    // When the old tree is a perfect subtree, its root is the proof's
    // implicit first element.
    let (seed, rest) = if old_size.is_power_of_two() {
        (*old_root, proof)
    } else {
        match proof.split_first() {
            Some((first, rest)) => (*first, rest),
            None => return Err(ProofError::ProofTooShort),
        }
    };
    let (mut fnode, mut snode) = (old_size - 1, new_size - 1);
    while fnode & 1 == 1 {
        fnode >>= 1;
        snode >>= 1;
    }
    let (mut fr, mut sr) = (seed, seed);
    for c in rest {
        if snode == 0 {
            return Err(ProofError::ProofTooLong);
        }
        if fnode & 1 == 1 || fnode == snode {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    if snode != 0 {
        return Err(ProofError::ProofTooShort);
    }
    if fr != *old_root || sr != *new_root {
        return Err(mismatch);
    }
    Ok(())
}
