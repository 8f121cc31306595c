//! A party's side of witnessing: `ledger keygen`, `ledger cosign` and
//! `ledger check-evidence`.
//!
//! `cosign` is the IO around the ledger crate's pure `cosign` step: it
//! fetches the mediator's latest checkpoint and a consistency proof from the
//! size in its state file, lets `homeward_ledger::cosign` check and sign,
//! uploads the cosigned note, and records the new state. A refusal writes the
//! evidence document and exits non-zero; the state is left as it was.
//!
//! The HTTP client is hyper-util's, already in the build for the tests:
//! plain `http://` only. Reach a TLS server through a local tunnel or proxy.

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use homeward_ledger::{Checkpoint, Hash, VerifierKey, WitnessKey, WitnessState};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// First line of a witness state file.
const STATE_HEADER: &str = "homeward-witness-state/v1";

#[derive(Args)]
pub struct KeygenArgs {
    /// The witness's key name, e.g. `party-a.example/witness` (no spaces,
    /// no `+`).
    #[arg(long)]
    pub name: String,
    /// Where to write the private key (must not exist; written with mode 0600).
    #[arg(short, long)]
    pub output: PathBuf,
}

#[derive(Args)]
pub struct CosignArgs {
    /// The mediator's server, e.g. `http://homeward.example:8080`.
    #[arg(long)]
    pub server: String,
    /// An API token of a party officer of the party that owns the key
    /// (from POST /api/v1/auth/token).
    #[arg(long, env = "HOMEWARD_TOKEN", hide_env_values = true)]
    pub token: String,
    /// The witness's private key file (from `homeward ledger keygen`).
    #[arg(long)]
    pub key: PathBuf,
    /// The witness state: the mediator's key and the last checkpoint this
    /// witness cosigned. Created on the first run.
    #[arg(long)]
    pub state: PathBuf,
    /// The mediator's note verifier key, as published. Without it the first
    /// run trusts the key the server names (trust on first use) and later
    /// runs use the one kept in the state file.
    #[arg(long)]
    pub mediator_key: Option<String>,
    /// Where to write evidence of an inconsistent checkpoint [default: the
    /// state file's path with `.evidence` appended].
    #[arg(long)]
    pub evidence: Option<PathBuf>,
    /// Keep running, cosigning this often (e.g. `30s`, `10m`, `1h`).
    #[arg(long, value_parser = parse_every)]
    pub every: Option<Duration>,
}

#[derive(Args)]
pub struct CheckEvidenceArgs {
    /// The evidence file a witness wrote.
    pub file: PathBuf,
    /// The mediator's note verifier key, as published.
    #[arg(long)]
    pub mediator_key: String,
}

fn parse_every(s: &str) -> Result<Duration, String> {
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = n
        .parse()
        .map_err(|_| format!("'{s}' is not a duration like 30s, 10m or 1h"))?;
    let secs = match unit {
        "s" => n,
        "m" | "" => n * 60,
        "h" => n * 3600,
        _ => return Err(format!("'{s}' is not a duration like 30s, 10m or 1h")),
    };
    if secs == 0 {
        return Err("--every must be longer than zero".into());
    }
    Ok(Duration::from_secs(secs))
}

/// Creates `path` with mode 0600, refusing to replace an existing file.
fn create_private(path: &Path) -> Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow!(
                "'{}' exists already; refusing to overwrite a key (give a new file name)",
                path.display()
            )
        } else {
            anyhow!("cannot create '{}': {e}", path.display())
        }
    })
}

pub fn keygen(args: KeygenArgs) -> Result<()> {
    use std::io::Write;
    let key = WitnessKey::generate(&args.name)
        .map_err(|e| anyhow!("'{}' cannot be a witness name: {e}", args.name))?;
    let mut f = create_private(&args.output)?;
    f.write_all(format!("{}\n", key.to_private_key()).as_bytes())
        .and_then(|_| f.sync_all())
        .with_context(|| format!("cannot write '{}'", args.output.display()))?;
    println!("{}", key.verifier_key());
    eprintln!(
        "wrote the private key to {} (keep it secret); give the line above to the mediator to register",
        args.output.display()
    );
    Ok(())
}

pub fn check_evidence(args: CheckEvidenceArgs) -> Result<()> {
    let mediator = parse_mediator_key(&args.mediator_key)?;
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read '{}'", args.file.display()))?;
    let finding = homeward_ledger::check_evidence(&text, &mediator)
        .map_err(|e| anyhow!("'{}': {e}", args.file.display()))?;
    println!("{finding}");
    Ok(())
}

fn parse_mediator_key(text: &str) -> Result<VerifierKey> {
    let key: VerifierKey = text
        .trim()
        .parse()
        .map_err(|e| anyhow!("the mediator key is not a note verifier key: {e}"))?;
    if key.key_type() != homeward_ledger::KeyType::Ed25519 {
        bail!("the mediator key must be an Ed25519 (type 0x01) verifier key");
    }
    Ok(key)
}

/// The state file: the pinned mediator key and, once something was
/// cosigned, the last cosigned checkpoint.
struct StateFile {
    mediator: VerifierKey,
    state: Option<WitnessState>,
}

fn read_state(path: &Path) -> Result<Option<StateFile>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => bail!("cannot read the state file '{}': {e}", path.display()),
    };
    let bad = |what: &str| anyhow!("the state file '{}' {what}", path.display());
    let rest = text
        .strip_prefix(STATE_HEADER)
        .and_then(|r| r.strip_prefix('\n'))
        .ok_or_else(|| bad(&format!("does not start with {STATE_HEADER}")))?;
    let (line, note) = rest.split_once('\n').ok_or_else(|| bad("is truncated"))?;
    let key = line
        .strip_prefix("mediator ")
        .ok_or_else(|| bad("has no 'mediator' line"))?;
    let mediator = parse_mediator_key(key).map_err(|e| bad(&e.to_string()))?;
    let state = if note.is_empty() {
        None
    } else {
        Some(
            WitnessState::from_text(note, &mediator)
                .map_err(|e| bad(&format!("holds no valid checkpoint: {e}")))?,
        )
    };
    Ok(Some(StateFile { mediator, state }))
}

fn write_state(path: &Path, mediator: &VerifierKey, state: &WitnessState) -> Result<()> {
    let text = format!("{STATE_HEADER}\nmediator {mediator}\n{}", state.to_text());
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text)
        .and_then(|_| std::fs::File::open(&tmp)?.sync_all())
        .and_then(|_| std::fs::rename(&tmp, path))
        .with_context(|| format!("cannot write the state file '{}'", path.display()))
}

/// A tiny HTTP/1.1 client for the mediator's API.
struct Api {
    base: String,
    token: String,
    client: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        http_body_util::Full<bytes::Bytes>,
    >,
}

impl Api {
    fn new(server: &str, token: &str) -> Result<Api> {
        let base = server.trim_end_matches('/').to_owned();
        if base.starts_with("https://") {
            bail!(
                "this witness client speaks plain http only; reach a TLS server through a local tunnel (e.g. stunnel) and give --server http://127.0.0.1:PORT"
            );
        }
        if !base.starts_with("http://") {
            bail!("--server must be an http:// URL, not '{server}'");
        }
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        Ok(Api {
            base,
            token: token.to_owned(),
            client,
        })
    }

    async fn call(&self, method: &str, path: &str, body: Option<String>) -> Result<String> {
        use http_body_util::BodyExt;
        let url = format!("{}{path}", self.base);
        let mut req = hyper::Request::builder()
            .method(method)
            .uri(&url)
            .header("authorization", format!("Bearer {}", self.token))
            .header("accept", "text/plain, application/json");
        if body.is_some() {
            req = req.header("content-type", "text/plain; charset=utf-8");
        }
        let req = req
            .body(http_body_util::Full::new(bytes::Bytes::from(
                body.unwrap_or_default(),
            )))
            .with_context(|| format!("'{url}' is not a valid request URL"))?;
        let res = tokio::time::timeout(Duration::from_secs(60), self.client.request(req))
            .await
            .map_err(|_| anyhow!("{method} {url}: no answer within 60 s"))?
            .with_context(|| format!("{method} {url} failed"))?;
        let status = res.status();
        let bytes = res
            .into_body()
            .collect()
            .await
            .with_context(|| format!("{method} {url}: the answer broke off"))?
            .to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if !status.is_success() {
            let detail = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("detail").and_then(|d| d.as_str()).map(str::to_owned))
                .unwrap_or_else(|| text.chars().take(300).collect());
            bail!("{method} {path} answered {status}: {detail}");
        }
        Ok(text)
    }
}

/// How one run ended when it did not cosign.
enum Refusal {
    /// The mediator's checkpoint does not extend what was cosigned; evidence
    /// was written. The client must stop.
    Inconsistent(anyhow::Error),
    /// Anything else (network, server refusal): worth trying again later.
    Failed(anyhow::Error),
}

pub async fn cosign(args: CosignArgs) -> Result<()> {
    let key_text = std::fs::read_to_string(&args.key)
        .with_context(|| format!("cannot read the witness key '{}'", args.key.display()))?;
    let key = WitnessKey::from_private_key(&key_text)
        .map_err(|e| anyhow!("'{}' is not a witness key: {e}", args.key.display()))?;
    let api = Api::new(&args.server, &args.token)?;
    let evidence_path = args.evidence.clone().unwrap_or_else(|| {
        let mut p = args.state.as_os_str().to_owned();
        p.push(".evidence");
        PathBuf::from(p)
    });
    loop {
        match run_once(&args, &key, &api, &evidence_path).await {
            Ok(()) => {}
            Err(Refusal::Inconsistent(e)) => return Err(e),
            Err(Refusal::Failed(e)) if args.every.is_none() => return Err(e),
            Err(Refusal::Failed(e)) => {
                tracing::error!(error = %crate::one_line(&e), "cosigning failed; trying again at the next round");
            }
        }
        match args.every {
            Some(every) => tokio::time::sleep(every).await,
            None => return Ok(()),
        }
    }
}

async fn run_once(
    args: &CosignArgs,
    key: &WitnessKey,
    api: &Api,
    evidence_path: &Path,
) -> Result<(), Refusal> {
    let failed = Refusal::Failed;
    let stored = read_state(&args.state).map_err(failed)?;
    let pinned = args
        .mediator_key
        .as_deref()
        .map(parse_mediator_key)
        .transpose()
        .map_err(failed)?;
    let (mediator, state) = match (stored, pinned) {
        (Some(s), Some(p)) if s.mediator != p => {
            return Err(failed(anyhow!(
                "--mediator-key {p} differs from the key kept in '{}' ({}); refusing to switch keys silently",
                args.state.display(),
                s.mediator
            )));
        }
        (Some(s), _) => (s.mediator, s.state),
        (None, Some(p)) => (p, None),
        (None, None) => {
            let text = api
                .call("GET", "/api/v1/ledger/key", None)
                .await
                .map_err(failed)?;
            let k = parse_mediator_key(&text).map_err(failed)?;
            eprintln!(
                "trusting the mediator key {k} on first use; compare it with the key the mediator published (or pass --mediator-key)"
            );
            (k, None)
        }
    };
    let offered = api
        .call("GET", "/api/v1/ledger/checkpoint", None)
        .await
        .map_err(failed)?;
    let offered_cp = Checkpoint::from_text(&offered)
        .map_err(|e| failed(anyhow!("the server's checkpoint cannot be read: {e}")))?;
    let proof: Vec<Hash> = match &state {
        Some(s) if s.size() < offered_cp.size => {
            let text = api
                .call(
                    "GET",
                    &format!(
                        "/api/v1/ledger/proof/consistency?from={}&to={}",
                        s.size(),
                        offered_cp.size
                    ),
                    None,
                )
                .await
                .map_err(failed)?;
            parse_proof(&text).map_err(failed)?
        }
        _ => Vec::new(),
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let done = match homeward_ledger::cosign(key, state.as_ref(), &mediator, &offered, &proof, now)
    {
        Ok(done) => done,
        Err(e) => {
            let Some(evidence) = e.evidence() else {
                return Err(failed(anyhow!("refusing to cosign: {e}")));
            };
            let old = state.as_ref().expect("evidence needs a state");
            let path = free_path(evidence_path);
            let written = std::fs::write(&path, evidence.to_text());
            let kept = match written {
                Ok(()) => format!(
                    "both signed checkpoints are in {}; check it with `homeward ledger check-evidence {} --mediator-key {mediator}`",
                    path.display(),
                    path.display()
                ),
                Err(w) => format!(
                    "the evidence could not be written to {}: {w}",
                    path.display()
                ),
            };
            let what = match e {
                homeward_ledger::WitnessError::Rollback { .. } => "smaller than",
                _ => "not consistent with",
            };
            return Err(Refusal::Inconsistent(anyhow!(
                "inconsistent: the mediator's checkpoint for size {} (root {}) is {what} the checkpoint this witness cosigned for size {} (root {}); nothing was cosigned. {kept}",
                offered_cp.size,
                offered_cp.root,
                old.size(),
                old.root()
            )));
        }
    };
    let answer = api
        .call(
            "POST",
            "/api/v1/ledger/cosignature",
            Some(done.checkpoint.to_text()),
        )
        .await
        .map_err(failed)?;
    // The note offered may already carry other witnesses' cosignatures,
    // which the server takes again; this witness's own must be among those
    // it kept, or the token is not of the organisation that owns the key.
    let taken: Vec<String> = serde_json::from_str::<serde_json::Value>(&answer)
        .ok()
        .and_then(|v| v.get("witnesses").cloned())
        .and_then(|w| serde_json::from_value(w).ok())
        .unwrap_or_default();
    if !taken.iter().any(|n| n == key.name()) {
        return Err(failed(anyhow!(
            "the server did not take the cosignature of witness {}: its key is not the one registered for the token's organisation",
            key.name()
        )));
    }
    write_state(&args.state, &mediator, &done.state).map_err(failed)?;
    println!(
        "cosigned size {} (root {}) as {}",
        done.state.size(),
        done.state.root(),
        key.name()
    );
    Ok(())
}

/// `path`, or `path-<n>` if it exists, so earlier evidence is never lost.
fn free_path(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_owned();
    }
    (1..)
        .map(|n| {
            let mut p = path.as_os_str().to_owned();
            p.push(format!("-{n}"));
            PathBuf::from(p)
        })
        .find(|p| !p.exists())
        .expect("some name is free")
}

fn parse_proof(text: &str) -> Result<Vec<Hash>> {
    let v: serde_json::Value =
        serde_json::from_str(text).context("the consistency proof is not JSON")?;
    let hashes = v
        .get("proof")
        .and_then(|p| p.as_array())
        .ok_or_else(|| anyhow!("the consistency proof has no 'proof' list"))?;
    hashes
        .iter()
        .map(|h| {
            h.as_str()
                .and_then(|s| s.parse::<Hash>().ok())
                .ok_or_else(|| {
                    anyhow!("the consistency proof holds a hash that is not 64 hex digits")
                })
        })
        .collect()
}
