//! `homeward matches`: the review queue as CSV, after an optional matching
//! run (`--run`).
//!
//! The columns are `a_party,a_external_id,b_party,b_external_id,score`
//! (parties by name, ids as the parties' lists gave them), then `kind`,
//! `renamed`, `status` and the registry's ids of the match and both
//! records. Highest score first. Cells a spreadsheet could run as a
//! formula are neutralised as in exports.

use crate::{DbArgs, open};
use anyhow::{Context, Result, anyhow};
use clap::Args;
use homeward_domain::{MatchStatus, OrgId};
use homeward_lists::neutralise;
use homeward_server::matching::{self, MatchRun};
use homeward_store::read::{MAX_PAGE, MatchFilter};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct MatchesArgs {
    /// Only matches with this status.
    #[arg(long, value_parser = ["pending", "confirmed", "rejected", "unsure"])]
    status: Option<String>,
    /// Run the engine first and propose what is new (as after an import):
    /// the records changed since the last run, with the models it kept.
    #[arg(long)]
    run: bool,
    /// With --run: compare every record and fit the models again.
    #[arg(long, requires = "run")]
    refit: bool,
    /// Write the CSV to this file (it must not exist) instead of standard
    /// output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
}

/// `N records and M tracing requests compared: K new matches proposed`.
pub fn run_line(run: &MatchRun) -> String {
    let found: Vec<String> = run.found.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let compared = match run.scope {
        matching::Scope::All => format!(
            "{} children's records (all, models fitted anew)",
            run.children
        ),
        matching::Scope::Changed => format!(
            "{} changed of {} children's records (kept models)",
            run.changed, run.children
        ),
    };
    format!(
        "matching: {compared} and {} tracing requests compared; {} pairs found ({}), {} new in the review queue",
        run.tracing_requests,
        run.found.values().sum::<usize>(),
        if found.is_empty() {
            "none".to_owned()
        } else {
            found.join(", ")
        },
        run.proposed
    )
}

pub const HEADER: [&str; 11] = [
    "a_party",
    "a_external_id",
    "b_party",
    "b_external_id",
    "score",
    "kind",
    "renamed",
    "status",
    "match_id",
    "a_id",
    "b_id",
];

pub async fn run(args: MatchesArgs) -> Result<()> {
    let status = args
        .status
        .as_deref()
        .map(|s| s.parse::<MatchStatus>().map_err(|e| anyhow!(e)))
        .transpose()?;
    let out: Box<dyn Write> = match &args.output {
        None => Box::new(std::io::stdout().lock()),
        Some(path) => Box::new(
            std::fs::File::create_new(path)
                .with_context(|| format!("cannot create '{}'", path.display()))?,
        ),
    };
    let store = open(&args.db, false).await?;
    if args.run {
        let scope = if args.refit {
            matching::Scope::All
        } else {
            matching::Scope::Changed
        };
        let run = matching::run_scoped(&store, &matching::engine(), scope)
            .await
            .map_err(|e| anyhow!(e))?;
        eprintln!("{}", run_line(&run));
    }
    let names: HashMap<OrgId, String> = store
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let party = |o: &Option<OrgId>| {
        o.as_ref()
            .map(|o| names.get(o).cloned().unwrap_or_else(|| o.0.clone()))
            .unwrap_or_default()
    };
    let mut csv = csv::WriterBuilder::new().from_writer(out);
    csv.write_record(HEADER)?;
    let mut filter = MatchFilter {
        status,
        limit: MAX_PAGE,
        ..MatchFilter::default()
    };
    loop {
        let page = store.matches(&filter).await?;
        for m in &page.items {
            let row = [
                party(&m.a_party),
                m.a_external_id.clone().unwrap_or_default(),
                party(&m.b_party),
                m.b_external_id.clone().unwrap_or_default(),
                format!("{:.6}", m.score()),
                m.kind.as_str().to_owned(),
                m.renamed.to_string(),
                m.status.as_str().to_owned(),
                m.id.0.clone(),
                m.a.0.clone(),
                m.b.clone(),
            ];
            csv.write_record(row.iter().map(|c| neutralise(c).into_owned()))?;
        }
        match page.items.last() {
            Some(last) if page.items.len() == filter.limit as usize => {
                filter.after = Some((last.score_ppm, last.id.clone()));
            }
            _ => break,
        }
    }
    csv.flush()?;
    store.close().await;
    Ok(())
}
