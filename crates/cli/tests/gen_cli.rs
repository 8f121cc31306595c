//! `homeward gen` end to end: the files, their headers and sizes, the truth,
//! and the same files for the same seed.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

fn run_gen(
    dir: &Path,
    seed: u64,
    left: usize,
    matches: usize,
    distractors: usize,
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_homeward"))
        .args(["gen", "--seed", &seed.to_string()])
        .args([
            "--left",
            &left.to_string(),
            "--matches",
            &matches.to_string(),
        ])
        .args(["--distractors", &distractors.to_string()])
        .arg("--out")
        .arg(dir)
        .output()
        .expect("homeward runs")
}

fn read(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("a CSV file");
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

const COLUMNS: [&str; 7] = [
    "id",
    "family_name",
    "given_name",
    "patronymic",
    "sex",
    "birth_date",
    "birth_place",
];

#[test]
fn writes_left_right_and_truth() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_gen(dir.path(), 7, 400, 250, 150);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let (lh, left) = read(&dir.path().join("left.csv"));
    let (rh, right) = read(&dir.path().join("right.csv"));
    let (th, truth) = read(&dir.path().join("truth.csv"));
    assert_eq!(lh, COLUMNS);
    assert_eq!(rh, COLUMNS);
    assert_eq!(th, ["left_id", "right_id"]);
    assert_eq!((left.len(), right.len(), truth.len()), (400, 400, 250));

    let left_ids: HashSet<_> = left.iter().map(|r| r[0].clone()).collect();
    let right_ids: HashSet<_> = right.iter().map(|r| r[0].clone()).collect();
    assert_eq!((left_ids.len(), right_ids.len()), (400, 400));
    for t in &truth {
        assert!(left_ids.contains(&t[0]), "{} not on the left", t[0]);
        assert!(right_ids.contains(&t[1]), "{} not on the right", t[1]);
    }
}

#[test]
fn same_seed_same_files() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    assert!(run_gen(a.path(), 3, 200, 100, 50).status.success());
    assert!(run_gen(b.path(), 3, 200, 100, 50).status.success());
    assert!(run_gen(c.path(), 4, 200, 100, 50).status.success());
    for file in ["left.csv", "right.csv", "truth.csv"] {
        let read = |d: &tempfile::TempDir| std::fs::read(d.path().join(file)).unwrap();
        assert_eq!(read(&a), read(&b), "{file} differs for the same seed");
        assert_ne!(read(&a), read(&c), "{file} is the same for another seed");
    }
}

#[test]
fn more_matches_than_left_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_gen(dir.path(), 1, 10, 11, 0);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--matches (11) cannot exceed --left (10)"),
        "{err}"
    );
    assert!(!dir.path().join("left.csv").exists());
}
