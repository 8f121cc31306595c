//! `homeward link` and `homeward dedupe`: CSV in, CSV out, around the linkage engine.
//!
//! All IO of record linkage lives here: reading and validating the lists,
//! the progress bar, writing the links with their explanations.
//!
//! Lists from the field are messy: a birth date typed as `1945-04-93`, a
//! sex written `?`. Refusing a list of thousands for one such value helps
//! nobody, so a value that cannot be read is compared by the part that
//! can (the year and month of that date) or as missing, counted, and
//! reported on stderr with its first few lines ([`BadValues`]); `--strict`
//! refuses the list instead. The shape of a list (its header, the number
//! of fields in a row, UTF-8, an id on every row) is not a value: a list
//! that breaks it is always refused, naming the line.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use homeward_linkage::{self as linkage, FIELDS, LinkOptions, Progress, Record, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Link two lists of children: one row per predicted pair.
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// Left list (CSV with `id` and any of family_name, given_name,
    /// patronymic, sex, birth_date, birth_place).
    pub left: PathBuf,
    /// Right list, same format.
    pub right: PathBuf,
    /// Write the links here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Match probability (0..1) at or above which a pair is linked; by
    /// default the engine decides from the data.
    #[arg(long, value_parser = parse_probability)]
    pub threshold: Option<f64>,
    /// Let a record link to several on the other side.
    #[arg(long)]
    pub many: bool,
    /// Print the fitted model and blocking statistics to stderr.
    #[arg(short, long)]
    pub verbose: bool,
    /// Refuse a list with a value that cannot be read (a date that does
    /// not exist, an unknown sex), naming the first; by default such a
    /// value is compared by what can be read of it, and reported.
    #[arg(long)]
    pub strict: bool,
    /// Write the 'possible' pairs here for review: not linked, probability
    /// at least `--review-threshold`, and renamed children; same columns.
    #[arg(long)]
    pub review_out: Option<PathBuf>,
    /// Lower end of the review band (with `--review-out`).
    #[arg(long, value_parser = parse_probability, default_value_t = 0.1)]
    pub review_threshold: f64,
}

/// Find duplicates within one list: `id,cluster_id`.
#[derive(Debug, clap::Args)]
pub struct DedupeArgs {
    pub file: PathBuf,
    /// Write the clusters here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Match probability (0..1) at or above which two records are duplicates.
    #[arg(long, value_parser = parse_probability)]
    pub threshold: Option<f64>,
    /// Refuse a list with a value that cannot be read, naming the first
    /// (see `link --strict`).
    #[arg(long)]
    pub strict: bool,
}

fn parse_probability(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("'{s}' is not a probability between 0 and 1")),
    }
}

pub fn run_link(args: LinkArgs) -> Result<()> {
    ignore_broken_pipe(link(args))
}

pub fn run_dedupe(args: DedupeArgs) -> Result<()> {
    ignore_broken_pipe(dedupe(args))
}

fn link(args: LinkArgs) -> Result<()> {
    let bad_values = BadValues::from_strict(args.strict);
    let left = read_list(&args.left, bad_values)?;
    let right = read_list(&args.right, bad_values)?;
    let opts = LinkOptions {
        threshold: args.threshold,
        one_to_one: !args.many,
        review_threshold: args.review_out.as_ref().map(|_| args.review_threshold),
        ..Default::default()
    };
    let bar = ProgressReporter::new();
    let result = linkage::link(&left, &right, &opts, &|p| bar.update(p));
    bar.finish();
    if args.verbose {
        print_model(&result.model);
        let e = &result.expected;
        eprintln!(
            "expected: {:.0} true pairs among the candidates; {} links, {:.0} of them true: \
             precision {:.4}, recall {:.4}, F1 {:.4}; {} pairs for review",
            e.matches,
            e.links,
            e.true_links,
            e.precision,
            e.recall,
            e.f1,
            result.review.len()
        );
        eprintln!("stages: {}", bar.timings());
    }
    write_links(
        output(args.output.as_deref())?,
        &result.links,
        &result.model,
        &left,
        &right,
    )?;
    if let Some(path) = &args.review_out {
        write_links(
            output(Some(path))?,
            &result.review,
            &result.model,
            &left,
            &right,
        )?;
    }
    Ok(())
}

/// One row per pair: ids, score, weight, level and weight per field, and
/// (last, added after the others) `flag`: `renamed` for a renamed child.
fn write_links(
    to: Box<dyn Write>,
    links: &[linkage::Link],
    model: &linkage::Model,
    left: &[Record],
    right: &[Record],
) -> Result<()> {
    let mut out = csv::Writer::from_writer(to);
    let mut header = vec![
        "left_id".to_string(),
        "right_id".into(),
        "score".into(),
        "weight".into(),
    ];
    for f in FIELDS {
        header.push(format!("{}_level", f.name()));
        header.push(format!("{}_weight", f.name()));
    }
    header.push("flag".into());
    out.write_record(&header)?;
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for l in links {
        let e = l.explain(model);
        row.clear();
        row.push(left[l.left].id.clone());
        row.push(right[l.right].id.clone());
        row.push(format!("{:.4}", l.probability));
        row.push(format!("{:.2}", l.weight));
        for fw in &e.fields {
            row.push(fw.level.to_string());
            row.push(format!("{:.2}", fw.weight + fw.tf_adjustment));
        }
        row.push(if l.renamed() { "renamed" } else { "" }.into());
        out.write_record(&row)?;
    }
    out.flush()?;
    Ok(())
}

fn print_model(model: &linkage::Model) {
    eprintln!("candidate pairs: {}", model.candidates);
    for r in &model.blocking {
        eprintln!(
            "  {:44} blocks {:>9} new pairs {:>11} + {:>9} walked in {:>5} oversized blocks (of {} pairs)",
            r.rule, r.blocks, r.pairs, r.walked_pairs, r.capped_blocks, r.capped_pairs
        );
    }
    eprintln!(
        "  no pairs dropped: oversized blocks are walked in a sorted neighbourhood of {}",
        linkage::WALK_WINDOW
    );
    let p = &model.parameters;
    eprintln!(
        "prior {:.3e} (EM iterations {}, then {} rounds on the one-to-one posteriors), threshold {:.4}",
        p.prior, p.iterations, p.refits, model.threshold
    );
    for f in FIELDS {
        let i = f.index();
        let levels: Vec<String> = f
            .levels()
            .iter()
            .enumerate()
            .take(f.levels().len() - 1)
            .map(|(l, name)| format!("{name} m={:.4} u={:.5}", p.m[i][l], p.u[i][l]))
            .collect();
        eprintln!("  {:12} {}", f.name(), levels.join("  "));
    }
    let joint: Vec<String> = p
        .joint
        .iter()
        .map(|row| {
            let cells: Vec<String> = row.iter().map(|x| format!("{x:.2}")).collect();
            cells.join(" ")
        })
        .collect();
    eprintln!(
        "  family × patronymic interaction among matches (rows: family level): {}",
        joint.join(" | ")
    );
    eprintln!(
        "  renamed children (new family name; patronymic, date and place agree) with a new given name: {:.4}",
        p.renamed_given_m
    );
}

fn dedupe(args: DedupeArgs) -> Result<()> {
    let records = read_list(&args.file, BadValues::from_strict(args.strict))?;
    let opts = LinkOptions {
        threshold: args.threshold,
        ..Default::default()
    };
    let bar = ProgressReporter::new();
    let result = linkage::dedupe(&records, &opts, &|p| bar.update(p));
    bar.finish();
    let mut out = csv::Writer::from_writer(output(args.output.as_deref())?);
    out.write_record(["id", "cluster_id"])?;
    for (r, c) in records.iter().zip(&result.clusters) {
        out.write_record([r.id.as_str(), &c.to_string()])?;
    }
    out.flush()?;
    Ok(())
}

fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    })
}

/// Column positions of the known fields in a file's header.
#[derive(Default)]
struct Columns {
    id: usize,
    family_name: Option<usize>,
    given_name: Option<usize>,
    patronymic: Option<usize>,
    sex: Option<usize>,
    birth_date: Option<usize>,
    birth_place: Option<usize>,
}

impl Columns {
    fn from_header(name: &str, header: &csv::StringRecord) -> Result<Columns> {
        let find = |col: &str| {
            header.iter().position(|h| {
                h.trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case(col)
            })
        };
        let id = find("id").ok_or_else(|| anyhow!("{name}: the header has no `id` column"))?;
        Ok(Columns {
            id,
            family_name: find("family_name"),
            given_name: find("given_name"),
            patronymic: find("patronymic"),
            sex: find("sex"),
            birth_date: find("birth_date"),
            birth_place: find("birth_place"),
        })
    }
}

/// What to do with a value that cannot be read: a birth date that is no
/// date, a sex that is neither M nor F.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadValues {
    /// Refuse the list with the first one (`--strict`).
    Refuse,
    /// Compare it by the part that can be read, or as missing, and count
    /// it in the list's [`BadValueReport`].
    CompareWhatCanBeRead,
}

impl BadValues {
    fn from_strict(strict: bool) -> BadValues {
        if strict {
            BadValues::Refuse
        } else {
            BadValues::CompareWhatCanBeRead
        }
    }
}

/// How many of the first unreadable values of a list are quoted in full;
/// the rest are only counted, so a list full of them cannot flood stderr.
pub const BAD_VALUES_SHOWN: usize = 5;

/// The values of one list that could not be read. The fields are private
/// so that the counts and the values shown always agree.
#[derive(Debug, Default)]
pub struct BadValueReport {
    /// The list, as named on the command line.
    file: String,
    /// How many per column, in the order the columns were first met.
    counts: Vec<(&'static str, usize)>,
    /// The first [`BAD_VALUES_SHOWN`]: line, value, why, and what was
    /// compared instead.
    first: Vec<String>,
}

impl BadValueReport {
    fn note(&mut self, column: &'static str, message: String) {
        match self.counts.iter_mut().find(|(c, _)| *c == column) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((column, 1)),
        }
        if self.first.len() < BAD_VALUES_SHOWN {
            self.first.push(message);
        }
    }

    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }

    /// The lines for stderr: the first values in full, then the counts;
    /// nothing when every value was read.
    pub fn lines(&self) -> Vec<String> {
        let total = self.total();
        if total == 0 {
            return Vec::new();
        }
        let mut lines = self.first.clone();
        let per_column: Vec<String> = self
            .counts
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let shown = if total > self.first.len() {
            format!("; the first {} shown", self.first.len())
        } else {
            String::new()
        };
        lines.push(format!(
            "{}: {total} unreadable value{} ({}) compared by what could be read{shown}; \
             --strict refuses such a list",
            self.file,
            if total == 1 { "" } else { "s" },
            per_column.join(", "),
        ));
        lines
    }
}

/// Reads a list and reports its unreadable values on stderr.
fn read_list(path: &Path, bad_values: BadValues) -> Result<Vec<Record>> {
    let (records, report) = read_records(path, bad_values)?;
    for line in report.lines() {
        eprintln!("{line}");
    }
    Ok(records)
}

/// Reads a list. A row that breaks the list's shape is an error naming the
/// file and line; so is an unreadable value with [`BadValues::Refuse`].
pub fn read_records(path: &Path, bad_values: BadValues) -> Result<(Vec<Record>, BadValueReport)> {
    let name = path.display().to_string();
    let mut report = BadValueReport {
        file: name.clone(),
        ..Default::default()
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("cannot open {name}"))?;
    let header = reader
        .headers()
        .with_context(|| format!("{name}: cannot read the header"))?
        .clone();
    let cols = Columns::from_header(&name, &header)?;
    let mut records = Vec::new();
    let mut row = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                bail!("{name} line {line}: {}", csv_error_message(&e));
            }
        }
        let line = row.position().map(|p| p.line()).unwrap_or(0);
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("").trim();
        let id = get(Some(cols.id));
        if id.is_empty() {
            bail!("{name} line {line}: empty id");
        }
        let mut unreadable = |column, why: String, compared_as: String| match bad_values {
            BadValues::Refuse => Err(anyhow!("{name} line {line}: {why}")),
            BadValues::CompareWhatCanBeRead => {
                report.note(
                    column,
                    format!("{name} line {line}: {why}; compared as {compared_as}"),
                );
                Ok(())
            }
        };
        let sex = match get(cols.sex) {
            "" => None,
            s => {
                let sex = linkage::parse_sex(s);
                if sex.is_none() {
                    let why = format!("sex '{s}' is not M, F or empty");
                    unreadable("sex", why, "missing".into())?;
                }
                sex
            }
        };
        let birth_date = match linkage::parse_date(get(cols.birth_date)) {
            Ok(date) => date,
            Err(e) => {
                let part = e.readable_part();
                let compared_as = part.map_or_else(|| "missing".into(), |d| d.to_string());
                unreadable("birth_date", format!("birth_date {e}"), compared_as)?;
                part
            }
        };
        records.push(Record {
            id: id.to_string(),
            family_name: get(cols.family_name).to_string(),
            given_name: get(cols.given_name).to_string(),
            patronymic: get(cols.patronymic).to_string(),
            sex,
            birth_date,
            birth_place: get(cols.birth_place).to_string(),
        });
    }
    Ok((records, report))
}

fn csv_error_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".into(),
        _ => e.to_string(),
    }
}

fn ignore_broken_pipe(r: Result<()>) -> Result<()> {
    match r {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        r => r,
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            return io.kind() == io::ErrorKind::BrokenPipe;
        }
        if let Some(csv) = cause.downcast_ref::<csv::Error>()
            && let csv::ErrorKind::Io(io) = csv.kind()
        {
            return io.kind() == io::ErrorKind::BrokenPipe;
        }
        false
    })
}

/// A progress bar on stderr, hidden when stderr is not a terminal.
struct ProgressReporter {
    bar: ProgressBar,
    /// When each stage started, for `--verbose`.
    stages: std::sync::Mutex<Vec<(&'static str, std::time::Instant)>>,
}

impl ProgressReporter {
    fn new() -> ProgressReporter {
        let bar = if io::stderr().is_terminal() {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg:>10} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        ProgressReporter {
            bar,
            stages: Default::default(),
        }
    }

    fn update(&self, p: Progress) {
        let msg = match p.stage {
            Stage::Prepare => "preparing",
            Stage::Block => "comparing",
            Stage::Estimate => "estimating",
            Stage::Score => "scoring",
            Stage::Cluster => "clustering",
        };
        if let Ok(mut stages) = self.stages.lock()
            && stages.last().is_none_or(|s| s.0 != msg)
        {
            stages.push((msg, std::time::Instant::now()));
        }
        self.bar.set_message(msg);
        self.bar.set_length(p.total);
        self.bar.set_position(p.done);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
        if let Ok(mut stages) = self.stages.lock() {
            stages.push(("done", std::time::Instant::now()));
        }
    }

    /// Seconds spent in each stage.
    fn timings(&self) -> String {
        let stages = self.stages.lock().map(|s| s.clone()).unwrap_or_default();
        stages
            .windows(2)
            .map(|w| format!("{} {:.2}s", w[0].0, (w[1].1 - w[0].1).as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
