//! `homeward gen`: synthetic left/right/truth lists for tests and benchmarks.

use std::path::{Path, PathBuf};

use anyhow::Context;
use homeward_synth::{GenConfig, Row, gen_lists};

/// Generate synthetic lists: party A's (left.csv), party B's (right.csv) and
/// which records are the same child (truth.csv).
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Seed; the same seed and sizes give the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Children on the left list.
    #[arg(long)]
    pub left: usize,
    /// How many of them also appear on the right list.
    #[arg(long)]
    pub matches: usize,
    /// Children on the right list only (siblings, twins, cousins, namesakes, others).
    #[arg(long, default_value_t = 0)]
    pub distractors: usize,
    /// Directory to write left.csv, right.csv and truth.csv into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run_gen(args: GenArgs) -> anyhow::Result<()> {
    let cfg = GenConfig {
        seed: args.seed,
        left: args.left,
        matches: args.matches,
        distractors: args.distractors,
    };
    cfg.validate()?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create the directory {}", args.out.display()))?;
    let lists = gen_lists(&cfg);
    write_rows(&args.out.join("left.csv"), &lists.left)?;
    write_rows(&args.out.join("right.csv"), &lists.right)?;
    let truth_path = args.out.join("truth.csv");
    let mut truth = csv_writer(&truth_path)?;
    truth.write_record(["left_id", "right_id"])?;
    for (l, r) in &lists.truth {
        truth.write_record([l, r])?;
    }
    truth
        .flush()
        .with_context(|| format!("cannot write {}", truth_path.display()))?;
    eprintln!(
        "wrote {} left, {} right, {} true pairs to {}",
        lists.left.len(),
        lists.right.len(),
        lists.truth.len(),
        args.out.display()
    );
    Ok(())
}

fn csv_writer(path: &Path) -> anyhow::Result<csv::Writer<std::fs::File>> {
    csv::Writer::from_path(path).with_context(|| format!("cannot create {}", path.display()))
}

fn write_rows(path: &Path, rows: &[Row]) -> anyhow::Result<()> {
    let mut w = csv_writer(path)?;
    w.write_record([
        "id",
        "family_name",
        "given_name",
        "patronymic",
        "sex",
        "birth_date",
        "birth_place",
    ])?;
    for r in rows {
        w.write_record([
            &r.id,
            &r.family_name,
            &r.given_name,
            &r.patronymic,
            &r.sex,
            &r.birth_date,
            &r.birth_place,
        ])?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
