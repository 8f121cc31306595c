//! `homeward import`: a party's list from a file into the registry.
//!
//! Prints what the reader made of the file (one line, then one per column),
//! then either every problem of the file on standard error, one per line,
//! and exits non-zero having stored nothing; or what the import did: `N
//! new, M updated, K unchanged`. A spinner on standard error shows the
//! stage for files over a megabyte, when standard error is a terminal.

use crate::{DbArgs, open};
use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use homeward_domain::{Actor, OrgKind, Role};
use homeward_lists::{ListKind, Mapping, NameLang};
use homeward_server::imports::{self, ImportError, Stage, Upload};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Args)]
pub struct ImportArgs {
    /// The list: CSV (UTF-8, UTF-16 with a byte-order mark or
    /// Windows-1251; comma, semicolon or tab separated) or XLSX.
    file: PathBuf,
    /// The party whose list it is: the organisation's name.
    #[arg(long)]
    party: String,
    /// What the list holds.
    #[arg(long, default_value = "children", value_parser = ["children", "tracing_requests"])]
    kind: String,
    /// A mapping file (`source_column,field` lines) for headers not
    /// recognised.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Read and check the file and say what an import would do; store
    /// nothing.
    #[arg(long)]
    dry_run: bool,
    /// The list's name in the registry [default: the file's name].
    #[arg(long)]
    list_name: Option<String>,
    /// The language of the names: `auto` (from their letters: Ukrainian-only
    /// letters і ї є ґ make uk, other Cyrillic ru, Latin en) or one of uk,
    /// ru, en, ar, uk-Latn, ru-Latn.
    #[arg(long, default_value = "auto", value_parser = NameLang::parse)]
    lang: NameLang,
    /// Record the import as done by this user, whose rights apply (a party
    /// officer imports only their own party's lists). Without it the import
    /// is recorded as the console's (`system`), acting as mediator staff.
    #[arg(long = "as", value_name = "LOGIN")]
    as_user: Option<String>,
    /// Do not propose matches after the import (a bulk load of several
    /// lists may run `homeward matches --run` once at the end).
    #[arg(long)]
    no_match: bool,

    #[command(flatten)]
    db: DbArgs,
}

/// Files larger than this get a spinner (on a terminal).
const BIG_FILE: usize = 1024 * 1024;

/// The console at the database, acting as mediator staff: whoever runs
/// `homeward` here holds the database and its signing key already.
fn console() -> Actor {
    Actor {
        role: Role::Caseworker,
        ..Actor::system()
    }
}

pub async fn run(args: ImportArgs) -> Result<()> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read '{}'", args.file.display()))?;
    let mapping = match &args.mapping {
        None => None,
        Some(path) => {
            let text = std::fs::read(path)
                .with_context(|| format!("cannot read the mapping '{}'", path.display()))?;
            Some(Mapping::parse(&text).map_err(|errors| {
                let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                anyhow!(
                    "the mapping '{}' is not usable: {}",
                    path.display(),
                    lines.join("; ")
                )
            })?)
        }
    };
    let kind = ListKind::parse(&args.kind).expect("clap checks the kind");
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.file.display().to_string());
    let list_name = args.list_name.clone().unwrap_or_else(|| file_name.clone());

    let store = open(&args.db, false).await?;
    let (party, party_kind) = store
        .org_by_name(&args.party)
        .await?
        .ok_or_else(|| anyhow!("there is no organisation named '{}'", args.party))?;
    if party_kind != OrgKind::Party {
        bail!(
            "'{}' is a {party_kind} organisation; lists are imported for a party",
            args.party
        );
    }
    let actor = match &args.as_user {
        None => console(),
        Some(login) => {
            store
                .user_by_login(login)
                .await?
                .ok_or_else(|| {
                    anyhow!("there is no user with the login '{login}' (or they are disabled)")
                })?
                .0
        }
    };

    let spinner = if bytes.len() > BIG_FILE && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    let dry_run = args.dry_run;
    let upload = Upload {
        bytes,
        kind,
        mapping,
        party,
        list_name,
        lang: args.lang.clone(),
        dry_run,
        then_match: !args.no_match,
    };
    let result = imports::import(&store, &actor, upload, |stage| match stage {
        Stage::Reading => spinner.set_message(format!("reading and checking {file_name}")),
        Stage::Recording { rows } if dry_run => {
            spinner.set_message(format!("deciding what {rows} rows would do"))
        }
        Stage::Recording { rows } => spinner.set_message(format!("recording {rows} rows")),
        Stage::Matching => spinner.set_message("proposing matches".to_owned()),
    })
    .await;
    spinner.finish_and_clear();
    let done = match result {
        Ok(done) => done,
        Err(ImportError::Invalid {
            detected, errors, ..
        }) => {
            print_detected(&file_name, &detected);
            for e in &errors {
                eprintln!("{e}");
            }
            bail!(
                "{} problem(s) in '{file_name}'; nothing was imported",
                errors.len()
            );
        }
        Err(e) => return Err(anyhow!(e)).with_context(|| format!("'{file_name}'")),
    };
    print_detected(&file_name, &done.detected);
    let counts = imports::counts_line(&done.counts);
    match &done.import_id {
        None => println!(
            "dry run, nothing stored: importing {} rows for '{}' would give {counts}",
            done.counts.rows, args.party
        ),
        Some(id) => println!(
            "imported {} rows for '{}': {counts} (import {id}, sha256 {})",
            done.counts.rows, args.party, done.sha256
        ),
    }
    match &done.matches {
        Some(run) => println!("{}", crate::matches_cmd::run_line(run)),
        // Asked for and not done; `--no-match` asks for none.
        None if done.import_id.is_some() && !args.no_match => eprintln!(
            "warning: matching after the import failed (the import stands); run 'homeward matches --run' to try again"
        ),
        None => {}
    }
    store.close().await;
    Ok(())
}

fn print_detected(file_name: &str, detected: &homeward_lists::Detected) {
    let mut lines = imports::describe(detected).into_iter();
    if let Some(first) = lines.next() {
        println!("{file_name}: {first}");
    }
    for line in lines {
        println!("{line}");
    }
}
