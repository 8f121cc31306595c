//! The public report: figures anyone may read without signing in, when
//! the server runs with `--public-report` (otherwise `404`).
//!
//! Only counts and organisation names: no child, relative or user is named
//! or identified. Counts from 1 to 4 are shown as `"<5"`, so that a small
//! number cannot point at a particular family. The figures come with the
//! signed checkpoint they were computed at and its cosignatures, so that
//! anyone can hold the mediator to them.

use crate::AppState;
use crate::error::{ApiError, Problem};
use axum::Json;
use axum::extract::State;
use homeward_store::read::PublicFigures;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(report))
}

/// Counts below this are shown as `"<5"`.
pub const SMALL_COUNT: i64 = 5;

/// A count as shown publicly: the number, or `"<5"` for 1 to 4.
pub fn shown(n: i64) -> String {
    if n > 0 && n < SMALL_COUNT {
        "<5".to_owned()
    } else {
        n.to_string()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicCheckpoint {
    pub size: u64,
    /// The Merkle root, 64 hex digits.
    pub root: String,
    /// The signed note, with the mediator's signature and the cosignatures.
    pub note: String,
    /// Key names of the witnesses whose cosignatures it carries.
    pub cosigned_by: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicStateCount {
    pub state: String,
    /// A number, or `"<5"` for 1 to 4.
    pub count: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicMonthCount {
    /// `YYYY-MM` (UTC).
    pub month: String,
    pub count: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicParty {
    pub party: String,
    /// Children whose records the party submitted.
    pub reported: String,
    /// Of those, children with a case opened on them (a match acted on).
    pub matched: String,
    /// Children whose case reached `verified`.
    pub verified: String,
    /// Children whose case reached `approved`.
    pub approved: String,
    /// Children whose case reached `reunited`.
    pub returned: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicReport {
    pub checkpoint: Option<PublicCheckpoint>,
    pub cases_by_state: Vec<PublicStateCount>,
    pub reunited_per_month: Vec<PublicMonthCount>,
    pub parties: Vec<PublicParty>,
    /// How to read the figures.
    pub notes: Vec<String>,
}

impl From<PublicFigures> for PublicReport {
    fn from(f: PublicFigures) -> PublicReport {
        PublicReport {
            checkpoint: f.checkpoint.map(|cp| PublicCheckpoint {
                size: cp.size,
                root: cp.root.to_string(),
                cosigned_by: cp.cosignatures().map(|s| s.name.clone()).collect(),
                note: cp.to_text(),
            }),
            cases_by_state: f
                .cases_by_state
                .into_iter()
                .map(|(s, n)| PublicStateCount {
                    state: s.as_str().to_owned(),
                    count: shown(n),
                })
                .collect(),
            reunited_per_month: f
                .reunited_per_month
                .into_iter()
                .map(|(month, n)| PublicMonthCount {
                    month,
                    count: shown(n),
                })
                .collect(),
            parties: f
                .parties
                .into_iter()
                .map(|p| PublicParty {
                    party: p.org_name,
                    reported: shown(p.reported),
                    matched: shown(p.matched),
                    verified: shown(p.verified),
                    approved: shown(p.approved),
                    returned: shown(p.returned),
                })
                .collect(),
            notes: vec![
                "Counts from 1 to 4 are shown as <5.".into(),
                "matched: children with a case opened on them; verified, approved, returned: children whose case reached that state.".into(),
                "The figures were computed at the checkpoint given; verify it with the mediator's published key and the parties' witness keys.".into(),
            ],
        }
    }
}

/// The public report, without sign-in (only with `serve --public-report`).
#[utoipa::path(
    get,
    path = "/public/report",
    tag = "ledger",
    security(()),
    responses(
        (status = 200, body = PublicReport),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn report(State(state): State<AppState>) -> Result<Json<PublicReport>, ApiError> {
    if !state.config.public_report {
        return Err(ApiError::NotFound(
            "there is no public report on this server".into(),
        ));
    }
    Ok(Json(state.store.public_figures().await?.into()))
}
