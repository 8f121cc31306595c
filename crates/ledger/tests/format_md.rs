//! The worked example in FORMAT.md is real: every value shown there is
//! computed here from the fixed keys and leaves, and must appear verbatim.

use homeward_ledger::{
    Checkpoint, Hash, LedgerKey, MerkleTree, WitnessKey, cosign, leaf_hash, note,
};
use sha2::{Digest, Sha256};

const ORIGIN: &str = "homeward.example/ledger";
const WITNESS: &str = "party-a.example/witness";
const T0: i64 = 1_767_225_600_000_000;
const COSIGNED_AT: u64 = 1_767_225_660;

fn unhex32(s: &str) -> [u8; 32] {
    s.parse::<Hash>().unwrap().0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The 8 Certificate Transparency reference leaves of FORMAT.md §4.
fn ct_tree() -> MerkleTree {
    let mut t = MerkleTree::new();
    for leaf in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ] {
        let bytes: Vec<u8> = (0..leaf.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&leaf[i..i + 2], 16).unwrap())
            .collect();
        t.push(leaf_hash(&bytes));
    }
    t
}

/// Each block of the worked example, as FORMAT.md shows it (without the
/// four-space indentation).
fn blocks() -> Vec<(&'static str, String)> {
    // RFC 8032 test 1 is the mediator, test 2 the witness.
    let mediator = LedgerKey::from_bytes(&unhex32(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    ));
    let witness = WitnessKey::new(
        WITNESS,
        LedgerKey::from_bytes(&unhex32(
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        )),
    )
    .unwrap();
    let vkey = mediator.verifier_key(ORIGIN).unwrap();
    let t = ct_tree();

    let mut id_input = ORIGIN.as_bytes().to_vec();
    id_input.extend_from_slice(&[0x0a, 0x01]);
    id_input.extend_from_slice(&mediator.public().to_bytes());
    let key_id_block = format!(
        "SHA-256(\"{ORIGIN}\" || 0a || 01 || {})\n  = {}\nkey ID = {:08x}",
        mediator.public(),
        hex(&Sha256::digest(&id_input)),
        vkey.key_id()
    );

    let old = mediator.sign_checkpoint(ORIGIN, 4, t.root_at(4).unwrap(), T0 - 60_000_000);
    let new = mediator.sign_checkpoint(ORIGIN, 8, t.root(), T0);
    let state = cosign(&witness, None, &vkey, &old.to_text(), &[], COSIGNED_AT - 60)
        .unwrap()
        .state;
    let proof = t.consistency_proof(4, 8).unwrap();
    let done = cosign(
        &witness,
        Some(&state),
        &vkey,
        &new.to_text(),
        &proof,
        COSIGNED_AT,
    )
    .unwrap();
    let line = &done.cosignature;
    let raw_line = {
        let mut raw = line.key_id.to_be_bytes().to_vec();
        raw.extend_from_slice(&line.signature);
        raw
    };
    let decoded = format!(
        "key ID    {}\ntimestamp {} = {}\nsignature {}\n          {}",
        hex(&raw_line[..4]),
        hex(&raw_line[4..12]),
        COSIGNED_AT,
        hex(&raw_line[12..44]),
        hex(&raw_line[44..])
    );
    assert_eq!(
        Checkpoint::from_text(&done.checkpoint.to_text()).unwrap(),
        done.checkpoint
    );

    vec![
        ("mediator verifier key", vkey.to_string()),
        ("key id", key_id_block),
        ("checkpoint at size 4", old.to_text().trim_end().to_owned()),
        ("checkpoint at size 8", new.to_text().trim_end().to_owned()),
        (
            "consistency proof 4 -> 8",
            proof
                .iter()
                .map(Hash::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("witness verifier key", witness.verifier_key().to_string()),
        (
            "cosigned message",
            note::cosignature_message(COSIGNED_AT, &new.body())
                .trim_end()
                .to_owned(),
        ),
        (
            "cosigned checkpoint",
            done.checkpoint.to_text().trim_end().to_owned(),
        ),
        ("decoded cosignature", decoded),
    ]
}

fn indented(block: &str) -> String {
    block
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_owned()
            } else {
                format!("    {l}\n")
            }
        })
        .collect()
}

#[test]
fn format_md_worked_example_is_what_the_code_produces() {
    let format_md = include_str!("../FORMAT.md");
    let mut missing = String::new();
    for (what, block) in blocks() {
        let want = indented(&block);
        if !format_md.contains(&format!("\n\n{want}\n")) {
            missing.push_str(&format!("--- {what}:\n\n{want}\n"));
        }
    }
    assert!(
        missing.is_empty(),
        "FORMAT.md should show these blocks verbatim:\n{missing}"
    );
}

#[test]
fn format_md_keeps_the_first_format_example() {
    // Ledgers hold checkpoints in the first format; FORMAT.md keeps its
    // example so an outside verifier can check those too.
    let secret = unhex32("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    let cp = LedgerKey::from_bytes(&secret).sign_checkpoint_v1(ORIGIN, 8, ct_tree().root(), T0);
    let want = indented(cp.to_text().trim_end());
    assert!(
        include_str!("../FORMAT.md").contains(&want),
        "FORMAT.md should show:\n{want}"
    );
}
