//! The tree against the Certificate Transparency reference vectors and
//! against a naive transcription of the RFC 6962 definitions.

use homeward_ledger::{
    Hash, MerkleTree, ProofError, leaf_hash, node_hash, verify_consistency, verify_inclusion,
};

fn h(hex: &str) -> Hash {
    hex.parse().unwrap()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The leaves of the certificate-transparency reference tree tests.
const CT_LEAVES: [&str; 8] = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
];

/// Published roots for sizes 0..=8 (certificate-transparency
/// merkle_tree_test, transparency-dev/merkle testonly).
const CT_ROOTS: [&str; 9] = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

fn ct_tree() -> MerkleTree {
    let mut t = MerkleTree::new();
    for leaf in CT_LEAVES {
        t.push(leaf_hash(&unhex(leaf)));
    }
    t
}

#[test]
fn roots_match_certificate_transparency_vectors() {
    let tree = ct_tree();
    let mut growing = MerkleTree::new();
    for (size, expect) in CT_ROOTS.iter().enumerate() {
        assert_eq!(
            tree.root_at(size as u64).unwrap(),
            h(expect),
            "root_at({size})"
        );
        assert_eq!(growing.root(), h(expect), "root() at size {size}");
        if size < CT_LEAVES.len() {
            growing.push(leaf_hash(&unhex(CT_LEAVES[size])));
        }
    }
}

#[test]
fn empty_root_is_sha256_of_nothing() {
    assert_eq!(Hash::empty_root(), h(CT_ROOTS[0]));
    assert_eq!(MerkleTree::new().root(), h(CT_ROOTS[0]));
}

#[test]
fn proofs_match_certificate_transparency_vectors() {
    let tree = ct_tree();
    let inclusion: [(u64, u64, &[&str]); 4] = [
        (0, 1, &[]),
        (
            0,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            5,
            8,
            &[
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            3,
            &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
        ),
    ];
    for (index, size, expect) in inclusion {
        let proof = tree.inclusion_proof(index, size).unwrap();
        let expect: Vec<Hash> = expect.iter().map(|x| h(x)).collect();
        assert_eq!(proof, expect, "inclusion proof ({index}, {size})");
        let leaf = tree.leaves()[index as usize];
        verify_inclusion(&leaf, index, size, &proof, &h(CT_ROOTS[size as usize])).unwrap();
    }
    let consistency: [(u64, u64, &[&str]); 3] = [
        (
            2,
            8,
            &[
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            6,
            8,
            &[
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (1, 1, &[]),
    ];
    for (old, new, expect) in consistency {
        let proof = tree.consistency_proof(old, new).unwrap();
        let expect: Vec<Hash> = expect.iter().map(|x| h(x)).collect();
        assert_eq!(proof, expect, "consistency proof ({old}, {new})");
        verify_consistency(
            old,
            new,
            &h(CT_ROOTS[old as usize]),
            &h(CT_ROOTS[new as usize]),
            &proof,
        )
        .unwrap();
    }
}

#[test]
fn domain_separation_bytes_are_rfc6962s() {
    use sha2::{Digest, Sha256};
    let sha256 = |y: &[u8]| -> [u8; 32] { Sha256::digest(y).into() };
    assert_eq!(leaf_hash(b"abc").0, sha256(b"\x00abc"));
    let (l, r) = (leaf_hash(b"l"), leaf_hash(b"r"));
    assert_eq!(
        node_hash(&l, &r).0,
        sha256(&[&[1u8][..], &l.0, &r.0].concat())
    );
    assert_ne!(node_hash(&l, &r), node_hash(&r, &l));
}

// --- naive RFC 6962 §2.1 definitions, transcribed literally ---------------

fn k_of(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

fn mth(d: &[Hash]) -> Hash {
    match d.len() {
        0 => Hash::empty_root(),
        1 => d[0],
        n => {
            let k = k_of(n);
            node_hash(&mth(&d[..k]), &mth(&d[k..]))
        }
    }
}

fn path(m: usize, d: &[Hash]) -> Vec<Hash> {
    let n = d.len();
    if n <= 1 {
        return vec![];
    }
    let k = k_of(n);
    if m < k {
        let mut p = path(m, &d[..k]);
        p.push(mth(&d[k..]));
        p
    } else {
        let mut p = path(m - k, &d[k..]);
        p.push(mth(&d[..k]));
        p
    }
}

fn subproof(m: usize, d: &[Hash], b: bool) -> Vec<Hash> {
    let n = d.len();
    if m == n {
        return if b { vec![] } else { vec![mth(d)] };
    }
    let k = k_of(n);
    if m <= k {
        let mut p = subproof(m, &d[..k], b);
        p.push(mth(&d[k..]));
        p
    } else {
        let mut p = subproof(m - k, &d[k..], false);
        p.push(mth(&d[..k]));
        p
    }
}

fn leaves(n: usize) -> Vec<Hash> {
    (0..n)
        .map(|i| leaf_hash(&(i as u32).wrapping_mul(2_654_435_761).to_be_bytes()))
        .collect()
}

const N: usize = 64;

#[test]
fn roots_and_proofs_match_naive_definitions_up_to_64() {
    let d = leaves(N);
    let mut tree = MerkleTree::new();
    for &leaf in &d {
        tree.push(leaf);
    }
    for n in 0..=N {
        let root = mth(&d[..n]);
        assert_eq!(tree.root_at(n as u64).unwrap(), root, "root at {n}");
        for m in 0..n {
            let proof = tree.inclusion_proof(m as u64, n as u64).unwrap();
            assert_eq!(proof, path(m, &d[..n]), "PATH({m}, D[{n}])");
            verify_inclusion(&d[m], m as u64, n as u64, &proof, &root).unwrap();
        }
        for m in 0..=n {
            let proof = tree.consistency_proof(m as u64, n as u64).unwrap();
            let expect = if m == 0 {
                vec![]
            } else {
                subproof(m, &d[..n], true)
            };
            assert_eq!(proof, expect, "PROOF({m}, D[{n}])");
            verify_consistency(m as u64, n as u64, &mth(&d[..m]), &root, &proof).unwrap();
        }
    }
}

#[test]
fn root_is_right_after_every_push_up_to_300() {
    // Crosses the cached levels (16, 32, ... leaves) at every alignment.
    let d = leaves(300);
    let mut tree = MerkleTree::new();
    for (i, &leaf) in d.iter().enumerate() {
        tree.push(leaf);
        assert_eq!(tree.root(), mth(&d[..=i]), "size {}", i + 1);
        assert_eq!(tree.len(), i as u64 + 1);
    }
    for n in [0, 1, 15, 16, 17, 31, 32, 33, 100, 255, 256, 257, 299, 300] {
        assert_eq!(
            tree.root_at(n as u64).unwrap(),
            mth(&d[..n]),
            "root_at({n})"
        );
    }
    for (m, n) in [(17, 300), (256, 300), (100, 257), (1, 300), (299, 300)] {
        assert_eq!(
            tree.consistency_proof(m as u64, n as u64).unwrap(),
            subproof(m, &d[..n], true)
        );
        assert_eq!(
            tree.inclusion_proof(m as u64 - 1, n as u64).unwrap(),
            path(m - 1, &d[..n])
        );
    }
}

#[test]
fn every_mangled_proof_is_rejected_up_to_64() {
    let d = leaves(N);
    let mut tree = MerkleTree::new();
    for &leaf in &d {
        tree.push(leaf);
    }
    let junk = leaf_hash(b"junk");
    for n in 1..=N as u64 {
        let root = tree.root_at(n).unwrap();
        for m in 0..n {
            let leaf = d[m as usize];
            let proof = tree.inclusion_proof(m, n).unwrap();
            let bad = |p: &[Hash], i: u64, s: u64, l: &Hash, r: &Hash| {
                verify_inclusion(l, i, s, p, r).is_err()
            };
            assert!(bad(&proof, m, n, &junk, &root), "wrong leaf {m}/{n}");
            assert!(bad(&proof, m, n, &leaf, &junk), "wrong root {m}/{n}");
            assert!(bad(&proof, n, n, &leaf, &root), "index = size {m}/{n}");
            if m > 0 {
                assert!(bad(&proof, m - 1, n, &leaf, &root), "index - 1 {m}/{n}");
            }
            if m + 1 < n {
                assert!(bad(&proof, m + 1, n, &leaf, &root), "index + 1 {m}/{n}");
            }
            let mut longer = proof.clone();
            longer.push(junk);
            assert!(bad(&longer, m, n, &leaf, &root), "extended {m}/{n}");
            for i in 0..proof.len() {
                let mut flipped = proof.clone();
                flipped[i].0[i % 32] ^= 1;
                assert!(bad(&flipped, m, n, &leaf, &root), "flipped {i} {m}/{n}");
                let mut shorter = proof.clone();
                shorter.remove(i);
                assert!(bad(&shorter, m, n, &leaf, &root), "dropped {i} {m}/{n}");
            }
        }
        for m in 1..n {
            let old_root = tree.root_at(m).unwrap();
            let proof = tree.consistency_proof(m, n).unwrap();
            let bad = |p: &[Hash], o: &Hash, r: &Hash| verify_consistency(m, n, o, r, p).is_err();
            assert!(bad(&proof, &junk, &root), "wrong old root {m}->{n}");
            assert!(bad(&proof, &old_root, &junk), "wrong new root {m}->{n}");
            let mut longer = proof.clone();
            longer.push(junk);
            assert!(bad(&longer, &old_root, &root), "extended {m}->{n}");
            for i in 0..proof.len() {
                let mut flipped = proof.clone();
                flipped[i].0[7] ^= 0x80;
                assert!(bad(&flipped, &old_root, &root), "flipped {i} {m}->{n}");
                let mut shorter = proof.clone();
                shorter.remove(i);
                assert!(bad(&shorter, &old_root, &root), "dropped {i} {m}->{n}");
            }
        }
    }
}

#[test]
fn proof_requests_and_checks_outside_the_tree_are_errors() {
    let tree = ct_tree();
    let r8 = tree.root();
    let r4 = tree.root_at(4).unwrap();
    let cases: Vec<(&str, Result<(), ProofError>, ProofError)> = vec![
        (
            "root beyond tree",
            tree.root_at(9).map(drop),
            ProofError::SizeBeyondTree { size: 9, len: 8 },
        ),
        (
            "inclusion size beyond tree",
            tree.inclusion_proof(0, 9).map(drop),
            ProofError::SizeBeyondTree { size: 9, len: 8 },
        ),
        (
            "inclusion index = size",
            tree.inclusion_proof(8, 8).map(drop),
            ProofError::IndexOutOfRange { index: 8, size: 8 },
        ),
        (
            "consistency backwards",
            tree.consistency_proof(5, 3).map(drop),
            ProofError::OldSizeAfterNew {
                old_size: 5,
                new_size: 3,
            },
        ),
        (
            "consistency beyond tree",
            tree.consistency_proof(1, 9).map(drop),
            ProofError::SizeBeyondTree { size: 9, len: 8 },
        ),
        (
            "verify inclusion in empty tree",
            verify_inclusion(&r8, 0, 0, &[], &r8),
            ProofError::IndexOutOfRange { index: 0, size: 0 },
        ),
        (
            "equal sizes, different roots",
            verify_consistency(4, 4, &r4, &r8, &[]),
            ProofError::ConsistencyMismatch {
                old_size: 4,
                new_size: 4,
            },
        ),
        (
            "equal sizes, proof not empty",
            verify_consistency(4, 4, &r4, &r4, &[r4]),
            ProofError::ProofNotEmpty {
                old_size: 4,
                new_size: 4,
            },
        ),
        (
            "from empty tree with a non-empty root",
            verify_consistency(0, 8, &r4, &r8, &[]),
            ProofError::ConsistencyMismatch {
                old_size: 0,
                new_size: 8,
            },
        ),
        (
            "empty proof between different sizes",
            verify_consistency(6, 8, &tree.root_at(6).unwrap(), &r8, &[]),
            ProofError::ProofTooShort,
        ),
        (
            "verify backwards",
            verify_consistency(8, 4, &r8, &r4, &[]),
            ProofError::OldSizeAfterNew {
                old_size: 8,
                new_size: 4,
            },
        ),
    ];
    for (what, got, expect) in cases {
        assert_eq!(got, Err(expect), "{what}");
    }
    verify_consistency(0, 8, &Hash::empty_root(), &r8, &[]).unwrap();
}

#[test]
fn proof_error_messages_name_sizes_and_indices() {
    let e = ProofError::InclusionMismatch { index: 3, size: 7 };
    assert_eq!(
        e.to_string(),
        "inclusion proof for leaf 3 in a tree of size 7 does not lead to the given root"
    );
    let e = ProofError::SizeBeyondTree { size: 9, len: 8 };
    assert_eq!(
        e.to_string(),
        "tree size 9 was asked for, but the tree holds only 8 leaves"
    );
}

#[test]
fn root_at_matches_the_root_recorded_when_the_tree_had_that_size() {
    // 5000 leaves reach cached levels up to 4096; every earlier root must be
    // reproducible from the cache afterwards.
    let mut tree = MerkleTree::new();
    let mut roots = vec![tree.root()];
    for (i, leaf) in leaves(5000).into_iter().enumerate() {
        tree.push(leaf);
        roots.push(tree.root());
        assert_eq!(tree.len(), i as u64 + 1);
    }
    for (size, root) in roots.iter().enumerate() {
        assert_eq!(tree.root_at(size as u64).unwrap(), *root, "size {size}");
    }
    for (old, new) in [
        (1, 5000),
        (1000, 5000),
        (4096, 5000),
        (4097, 4999),
        (17, 33),
    ] {
        let proof = tree.consistency_proof(old, new).unwrap();
        verify_consistency(old, new, &roots[old as usize], &roots[new as usize], &proof).unwrap();
    }
    for index in [0, 1, 2047, 2048, 4095, 4096, 4999] {
        let proof = tree.inclusion_proof(index, 5000).unwrap();
        verify_inclusion(
            &tree.leaves()[index as usize],
            index,
            5000,
            &proof,
            &roots[5000],
        )
        .unwrap();
    }
}

#[test]
fn root_with_extra_leaves_equals_the_root_after_pushing_them() {
    let d = leaves(40);
    for base in 0..=20 {
        let mut tree = MerkleTree::new();
        for &leaf in &d[..base] {
            tree.push(leaf);
        }
        for extra in 0..=20 {
            let expect = mth(&d[..base + extra]);
            assert_eq!(
                tree.root_with(&d[base..base + extra]),
                expect,
                "{base} leaves + {extra}"
            );
        }
        // The tree itself is unchanged.
        assert_eq!(tree.len(), base as u64);
        assert_eq!(tree.root(), mth(&d[..base]));
    }
}
