//! The `homeward` binary: parses arguments, wires the crates, dispatches.

mod demo;
mod demo_trips;
mod gen_cmd;
mod import_cmd;
mod link_cmd;
mod matches_cmd;
mod witness_cmd;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand};
use homeward_domain::{Actor, Command, OrgId, OrgKind, Role, Side, UserId};
use homeward_ledger::PublicKey;
use homeward_store::{Store, StoreConfig};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// glibc's allocator spent a quarter of `ledger verify` in its own
/// bookkeeping (frees across threads, consolidation); mimalloc keeps
/// per-thread pages. Built without transparent huge pages, which made it
/// zero memory again and again. See ARCHITECTURE.md, "Memory allocator".
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "homeward",
    version,
    about = "Bringing separated children home: registries, linkage, mediation workflow and a verifiable ledger"
)]
struct Cli {
    /// How log lines are written on standard error: `text` for people,
    /// `json` for log collectors. The filter comes from HOMEWARD_LOG (or
    /// RUST_LOG), default `info`.
    #[arg(long, global = true, env = "HOMEWARD_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the web UI and API.
    Serve(ServeArgs),
    /// Check or export the shared, tamper-evident ledger.
    #[command(subcommand)]
    Ledger(LedgerCmd),
    /// Manage organisations.
    #[command(subcommand)]
    Org(OrgCmd),
    /// Manage users.
    #[command(subcommand)]
    User(UserCmd),
    /// Take a consistent copy of a live SQLite database and verify it.
    Backup {
        #[command(flatten)]
        db: DbArgs,
        /// Where to write the copy (must not exist).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write the children's registry to a spreadsheet (CSV or XLSX, by the
    /// file's extension); every child in it is written to the access log.
    Export {
        #[command(flatten)]
        db: DbArgs,
        /// The file to write (`.csv` or `.xlsx`); it must not exist.
        #[arg(short, long)]
        output: PathBuf,
        /// Only children submitted by this organisation (its name).
        #[arg(long)]
        party: Option<String>,
        /// Only children with a case in this state.
        #[arg(long)]
        state: Option<String>,
    },
    /// Import a party's list of children or tracing requests (CSV or XLSX).
    Import(import_cmd::ImportArgs),
    /// The review queue of matches as CSV (`--run`: propose what is new
    /// first).
    Matches(matches_cmd::MatchesArgs),
    /// Link two lists of children across scripts and spellings.
    Link(link_cmd::LinkArgs),
    /// Find duplicates within one list.
    Dedupe(link_cmd::DedupeArgs),
    /// Generate synthetic lists for tests and benchmarks.
    Gen(gen_cmd::GenArgs),
}

#[derive(Args, Clone)]
struct DbArgs {
    /// A SQLite file path, or a postgres:// URL.
    #[arg(long, env = "HOMEWARD_DB", default_value = "homeward.db")]
    db: String,
    /// The ledger signing key [default: <db file>.ledger-key, or
    /// homeward-ledger.key for PostgreSQL].
    #[arg(long, env = "HOMEWARD_LEDGER_KEY")]
    ledger_key: Option<PathBuf>,
    /// Children one escort may accompany on a leg of a trip.
    #[arg(long, env = "HOMEWARD_ESCORT_RATIO", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(1..))]
    escort_ratio: u32,
    /// Young children one escort may accompany (the stricter ratio).
    #[arg(long, env = "HOMEWARD_YOUNG_ESCORT_RATIO", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(1..))]
    young_escort_ratio: u32,
    /// Below this age (in years, at departure) a child counts as young.
    #[arg(long, env = "HOMEWARD_YOUNG_AGE", default_value_t = 6)]
    young_age: u8,
    /// The follow-up visits after a reunion, in months after it,
    /// comma-separated; a case closes when all are recorded.
    #[arg(
        long,
        env = "HOMEWARD_FOLLOW_UP_MONTHS",
        default_value = "1,3,6",
        value_delimiter = ','
    )]
    follow_up_months: Vec<u32>,
}

impl DbArgs {
    fn config(&self, create: bool) -> StoreConfig {
        StoreConfig {
            target: self.db.clone(),
            key_path: self.ledger_key.clone(),
            create,
            rules: homeward_domain::TransitRules {
                children_per_escort: self.escort_ratio,
                young_children_per_escort: self.young_escort_ratio,
                young_under_years: self.young_age,
                follow_up_months: self.follow_up_months.clone(),
            },
        }
    }
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "HOMEWARD_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Fill an empty database with a synthetic demo world.
    #[arg(long)]
    demo: bool,
    /// Always mark session cookies Secure (the server is reached over TLS).
    #[arg(long, env = "HOMEWARD_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Behind a reverse proxy: take the client address from X-Forwarded-For.
    #[arg(long, env = "HOMEWARD_TRUST_PROXY")]
    trust_proxy: bool,
    /// Serve Prometheus metrics at /metrics on this address (keep it
    /// private: it needs no sign-in).
    #[arg(long, env = "HOMEWARD_METRICS_LISTEN")]
    metrics_listen: Option<String>,
    /// Answer /public/report and /api/v1/public/report without sign-in
    /// (counts only, small counts shown as <5).
    #[arg(long, env = "HOMEWARD_PUBLIC_REPORT")]
    public_report: bool,
}

#[derive(Subcommand)]
enum LedgerCmd {
    /// Verify the tree, every signed checkpoint, and that replaying the
    /// ledger gives exactly the live tables.
    Verify {
        #[command(flatten)]
        db: DbArgs,
        /// Verify an exported audit bundle instead of a database.
        #[arg(long)]
        bundle: Option<PathBuf>,
        /// Trust only this signing key (hex), as published by the mediator.
        #[arg(long)]
        public_key: Option<String>,
        /// With --bundle: check cosignatures against these witness keys
        /// (note verifier keys, repeatable) instead of the bundle's own.
        #[arg(long)]
        witness_key: Vec<String>,
    },
    /// Generate a party's witness key: writes the private key (mode 0600)
    /// and prints the public verifier key to register with the mediator.
    Keygen(witness_cmd::KeygenArgs),
    /// Run a party's witness: check the mediator's latest checkpoint against
    /// the last one cosigned, cosign it, upload the cosignature.
    Cosign(witness_cmd::CosignArgs),
    /// Check an evidence file a witness wrote when it refused a checkpoint.
    CheckEvidence(witness_cmd::CheckEvidenceArgs),
    /// Write the audit bundle an auditor takes away (no personal data).
    Export {
        #[command(flatten)]
        db: DbArgs,
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
enum OrgCmd {
    /// Register an organisation.
    Add {
        name: String,
        #[arg(long, value_parser = parse_kind)]
        kind: OrgKind,
        /// For a party: which side of the conflict it is.
        #[arg(long, value_parser = parse_side)]
        side: Option<Side>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Register (or replace) a party's witness key.
    Witness {
        /// The party organisation's name.
        name: String,
        /// The witness's verifier key, as `homeward ledger keygen` printed it.
        #[arg(long)]
        public_key: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum UserCmd {
    /// Add a user; the password is read from standard input.
    Add {
        login: String,
        /// The organisation's name.
        #[arg(long)]
        org: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Cut a user off: they cannot sign in, and every session and token
    /// they hold ends at once (on every server sharing the database).
    Disable {
        login: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Let a disabled user sign in again.
    Enable {
        login: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Set a user's password, read from standard input; ends every session
    /// and token they hold.
    Password {
        login: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

fn parse_kind(s: &str) -> Result<OrgKind, String> {
    s.parse()
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

fn parse_side(s: &str) -> Result<Side, String> {
    match s {
        "A" | "a" => Ok(Side::A),
        "B" | "b" => Ok(Side::B),
        _ => Err(format!("'{s}' is not a side; expected A or B")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli.log_format);
    let result = match cli.command {
        Cmd::Link(a) => link_cmd::run_link(a),
        Cmd::Dedupe(a) => link_cmd::run_dedupe(a),
        Cmd::Gen(a) => gen_cmd::run_gen(a),
        Cmd::Ledger(LedgerCmd::Keygen(a)) => witness_cmd::keygen(a),
        Cmd::Ledger(LedgerCmd::CheckEvidence(a)) => witness_cmd::check_evidence(a),
        other => runtime().and_then(|rt| rt.block_on(run(other))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", one_line(&e));
            ExitCode::FAILURE
        }
    }
}

/// Installs the log subscriber: lines on standard error, the filter from
/// HOMEWARD_LOG or RUST_LOG (default `info`).
fn init_logging(format: &str) {
    use homeward_server::observe::{LogFormat, subscriber};
    let filter = std::env::var("HOMEWARD_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_else(|_| "info".to_owned());
    let format = if format == "json" {
        LogFormat::Json
    } else {
        LogFormat::Text
    };
    let _ = tracing::subscriber::set_global_default(subscriber(format, &filter, std::io::stderr));
}

/// The error and its causes as one sentence.
pub(crate) fn one_line(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

async fn open(db: &DbArgs, create: bool) -> Result<Store> {
    Store::open(&db.config(create))
        .await
        .map_err(|e| anyhow!(e))
}

async fn run(cmd: Cmd) -> Result<()> {
    match cmd {
        Cmd::Serve(args) => serve(args).await,
        Cmd::Ledger(LedgerCmd::Cosign(a)) => witness_cmd::cosign(a).await,
        Cmd::Ledger(LedgerCmd::Keygen(_) | LedgerCmd::CheckEvidence(_)) => {
            unreachable!("dispatched without a runtime")
        }
        Cmd::Ledger(LedgerCmd::Verify {
            db,
            bundle,
            public_key,
            witness_key,
        }) => {
            let pinned = public_key
                .map(|k| {
                    k.trim()
                        .parse::<PublicKey>()
                        .map_err(|_| anyhow!("--public-key must be 64 hexadecimal digits"))
                })
                .transpose()?;
            if let Some(path) = bundle {
                let file = std::fs::File::open(&path)
                    .with_context(|| format!("cannot open the bundle '{}'", path.display()))?;
                let witnesses = witness_key
                    .iter()
                    .map(|k| {
                        k.trim()
                            .parse::<homeward_ledger::VerifierKey>()
                            .map_err(|e| {
                                anyhow!("--witness-key '{k}' is not a note verifier key: {e}")
                            })
                    })
                    .collect::<Result<Vec<_>>>()?;
                let trust = homeward_ledger::BundleTrust {
                    ledger_key: pinned.as_ref(),
                    witnesses: (!witnesses.is_empty()).then_some(witnesses.as_slice()),
                };
                let report = homeward_ledger::verify_bundle_with(file, trust)
                    .map_err(|e| anyhow!("the bundle '{}' does not verify: {e}", path.display()))?;
                println!("bundle verified: {report}");
                return Ok(());
            }
            let store = open(&db, false).await?;
            let summary = store
                .verify(pinned.as_ref())
                .await
                .map_err(|e| anyhow!("ledger verification failed: {e}"))?;
            println!("{summary}");
            Ok(())
        }
        Cmd::Ledger(LedgerCmd::Export { db, output }) => {
            let store = open(&db, false).await?;
            let file = std::fs::File::create(&output)
                .with_context(|| format!("cannot create '{}'", output.display()))?;
            let n = store.export_bundle(file).await?;
            println!("wrote {n} ledger entries to {}", output.display());
            if let Some(k) = store.public_key() {
                println!("signing key: {k}");
            }
            for w in store.witness_keys().await? {
                if w.current {
                    println!("witness key of '{}': {}", w.org_name, w.verifier_key);
                }
            }
            Ok(())
        }
        Cmd::Org(OrgCmd::Witness {
            name,
            public_key,
            db,
        }) => {
            let store = open(&db, false).await?;
            let (org_id, _) = store
                .org_by_name(&name)
                .await?
                .ok_or_else(|| anyhow!("there is no organisation named '{name}'"))?;
            store
                .execute(
                    &Actor::system(),
                    Command::RegisterWitnessKey {
                        org_id,
                        verifier_key: public_key.trim().to_owned(),
                    },
                )
                .await?;
            println!("witness key {} registered for '{name}'", public_key.trim());
            Ok(())
        }
        Cmd::Org(OrgCmd::Add {
            name,
            kind,
            side,
            db,
        }) => {
            let store = open(&db, true).await?;
            let org_id = OrgId(Store::new_id());
            store
                .execute(
                    &Actor::system(),
                    Command::RegisterOrganisation {
                        org_id: org_id.clone(),
                        name: name.clone(),
                        kind,
                        side,
                    },
                )
                .await?;
            println!("organisation '{name}' ({kind}) added with id {org_id}");
            Ok(())
        }
        Cmd::User(UserCmd::Add {
            login,
            org,
            role,
            db,
        }) => {
            let password = read_password()?;
            let hash = homeward_server::auth::hash_password(&password)?;
            let store = open(&db, true).await?;
            let (org_id, _) = store
                .org_by_name(&org)
                .await?
                .ok_or_else(|| anyhow!("there is no organisation named '{org}'"))?;
            let user_id = UserId(Store::new_id());
            store
                .execute(
                    &Actor::system(),
                    Command::RegisterUser {
                        user_id: user_id.clone(),
                        login: login.clone(),
                        org_id,
                        role,
                        password_hash: hash,
                    },
                )
                .await?;
            println!("user '{login}' ({role}) added to '{org}'");
            Ok(())
        }
        Cmd::User(UserCmd::Disable { login, db }) => {
            let store = open(&db, false).await?;
            let user = named_user(&store, &login).await?;
            store
                .execute(&Actor::system(), Command::DisableUser { user_id: user })
                .await?;
            println!("user '{login}' disabled; their sessions and tokens have ended");
            Ok(())
        }
        Cmd::User(UserCmd::Enable { login, db }) => {
            let store = open(&db, false).await?;
            let user = named_user(&store, &login).await?;
            store
                .execute(&Actor::system(), Command::EnableUser { user_id: user })
                .await?;
            println!("user '{login}' enabled");
            Ok(())
        }
        Cmd::User(UserCmd::Password { login, db }) => {
            let password = read_password()?;
            let hash = homeward_server::auth::hash_password(&password)?;
            let store = open(&db, false).await?;
            let user = named_user(&store, &login).await?;
            store
                .execute(
                    &Actor::system(),
                    Command::SetPassword {
                        user_id: user,
                        password_hash: hash,
                    },
                )
                .await?;
            println!("password of '{login}' set; their sessions and tokens have ended");
            Ok(())
        }
        Cmd::Backup { db, output } => backup(&db, &output).await,
        Cmd::Export {
            db,
            output,
            party,
            state,
        } => export(&db, &output, party.as_deref(), state.as_deref()).await,
        Cmd::Import(args) => import_cmd::run(args).await,
        Cmd::Matches(args) => matches_cmd::run(args).await,
        Cmd::Link(_) | Cmd::Dedupe(_) | Cmd::Gen(_) => unreachable!("dispatched without a runtime"),
    }
}

/// `homeward export`: the whole registry as the mediator's coordinators see
/// it, through the same code as the API's export.
async fn export(
    db: &DbArgs,
    output: &Path,
    party: Option<&str>,
    state: Option<&str>,
) -> Result<()> {
    use homeward_server::export::{self, Format};
    let format = output
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::parse)
        .ok_or_else(|| anyhow!("{}: name the file .csv or .xlsx", output.display()))?;
    if output.exists() {
        bail!("{} exists; choose a new file", output.display());
    }
    let store = open(db, false).await?;
    let org = match party {
        Some(name) => Some(
            store
                .org_by_name(name)
                .await?
                .ok_or_else(|| anyhow!("there is no organisation named '{name}'"))?
                .0,
        ),
        None => None,
    };
    let case_state = state
        .map(|s| {
            s.parse::<homeward_domain::CaseState>()
                .map_err(|e| anyhow!(e))
        })
        .transpose()?;
    let filter = homeward_store::read::ChildFilter {
        org,
        case_state,
        ..Default::default()
    };
    // The operator sees the registry as the mediator's coordinators do;
    // the access log names the system as the reader.
    let actor = Actor {
        role: Role::Coordinator,
        ..Actor::system()
    };
    let (table, seen) = export::children(&store, &actor, &filter).await?;
    store
        .record_accesses(&actor, seen, "homeward export")
        .await?;
    let bytes = export::render(&table, format)?;
    std::fs::write(output, bytes).with_context(|| format!("cannot write {}", output.display()))?;
    println!(
        "{} children written to {}",
        table.rows.len(),
        output.display()
    );
    Ok(())
}

async fn named_user(store: &Store, login: &str) -> Result<UserId> {
    Ok(store
        .user_named(login)
        .await?
        .ok_or_else(|| anyhow!("there is no user with the login '{login}'"))?
        .id)
}

/// The first line of standard input, without its line ending.
fn read_password() -> Result<String> {
    let mut input = String::new();
    std::io::stdin()
        .take(4096)
        .read_to_string(&mut input)
        .context("cannot read the password from standard input")?;
    let password = input.lines().next().unwrap_or("").to_owned();
    if password.is_empty() {
        bail!(
            "no password on standard input; pipe it in, e.g. `printf '%s\\n' \"$PW\" | homeward user add ...`"
        );
    }
    Ok(password)
}

async fn serve(args: ServeArgs) -> Result<()> {
    let store = open(&args.db, true).await?;
    if store.public_key().is_none() {
        bail!(
            "the ledger signing key '{}' is missing; nothing could be recorded without it (give its path with --ledger-key)",
            store.key_path().display()
        );
    }
    // Refuse to serve a ledger whose entries do not match its signed head.
    let entries = store
        .check_ledger_head()
        .await
        .map_err(|e| anyhow!("refusing to start: {e}"))?;
    if args.demo {
        demo::fill(&store).await?;
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let addr = listener.local_addr()?;
    let metrics = match &args.metrics_listen {
        Some(a) => Some(
            tokio::net::TcpListener::bind(a)
                .await
                .with_context(|| format!("cannot listen on {a} for metrics"))?,
        ),
        None => None,
    };
    // Signals are caught from here on, before anyone is told where we
    // listen: a SIGTERM right after start still shuts down cleanly.
    let shutdown = shutdown_signal()?;
    let key_id = store.public_key().map(|k| k.key_id()).unwrap_or_default();
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        backend = ?store.backend(),
        database = %homeward_store::redact_url(&args.db.db),
        ledger_entries = store.ledger_size().await.unwrap_or(entries),
        signing_key = %key_id,
        "homeward starting"
    );
    eprintln!(
        "homeward listening on http://{addr} (database {})",
        homeward_store::redact_url(&args.db.db)
    );
    tracing::info!(listen = %addr, "listening");
    let store = Arc::new(store);
    if let Some(listener) = metrics {
        let addr = listener.local_addr()?;
        tracing::info!(listen = %addr, "metrics at /metrics");
        let router = homeward_server::observe::metrics_router(store.clone());
        tokio::spawn(async move {
            if let Err(e) = axum_serve(listener, router).await {
                tracing::error!(error = %e, "the metrics listener stopped");
            }
        });
    }
    let state = homeward_server::AppState::with_config(
        store,
        homeward_server::ServerConfig {
            secure_cookies: args.secure_cookies,
            trust_proxy: args.trust_proxy,
            public_report: args.public_report,
        },
    );
    let store = state.store.clone();
    homeward_server::serve(state, listener, shutdown)
        .await
        .context("the server stopped")?;
    store.close().await;
    tracing::info!("stopped");
    eprintln!("homeward stopped");
    Ok(())
}

async fn axum_serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
) -> std::io::Result<()> {
    axum::serve(listener, router).await
}

/// `homeward backup`: a consistent copy of a live SQLite database (`VACUUM
/// INTO` reads one snapshot while writers go on), then the copy's ledger is
/// verified with the same signing key before the command reports success.
async fn backup(db: &DbArgs, output: &std::path::Path) -> Result<()> {
    if output.exists() {
        bail!(
            "'{}' exists already; give a new file name",
            output.display()
        );
    }
    let store = open(db, false).await?;
    if store.backend() != homeward_store::Backend::Sqlite {
        bail!(
            "backup copies SQLite databases; for PostgreSQL use pg_dump (see the README), then check the restored copy with `homeward ledger verify`"
        );
    }
    store
        .backup_to(output)
        .await
        .map_err(|e| anyhow!("the backup could not be written: {e}"))?;
    let key_path = store.key_path().to_owned();
    store.close().await;
    let copy = Store::open(&StoreConfig {
        key_path: Some(key_path),
        create: false,
        ..StoreConfig::new(output.display().to_string())
    })
    .await
    .map_err(|e| anyhow!(e))?;
    let summary = copy.verify(None).await.map_err(|e| {
        anyhow!(
            "the copy '{}' was written but does not verify: {e}",
            output.display()
        )
    })?;
    copy.close().await;
    println!("backup written to {}; {summary}", output.display());
    Ok(())
}

/// A future that resolves on Ctrl-C or SIGTERM; the handlers are installed
/// when this returns.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("cannot catch SIGTERM")?;
    let ctrl_c = tokio::signal::ctrl_c();
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
    })
}
