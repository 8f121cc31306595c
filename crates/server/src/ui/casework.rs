//! The casework forms on a child's page: open a case, add evidence, record
//! consent, the best-interests assessment and the child's own views, and a
//! party's decision. Each form becomes one domain command through the one
//! write path; success goes back to the case (a redirect, so reloading does
//! not repeat it), a refusal shows the page again with the rule that failed.

use super::children::show_child;
use super::{SignedIn, same_origin};
use crate::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use homeward_domain::access::{self, Action, Resource};
use homeward_domain::casework::check_views;
use homeward_domain::event::EvidenceKind;
use homeward_domain::{
    BestInterestsOutcome, CaseId, ChildId, ChildViews, Command, ConsentBasis, ConsentDetails,
    ConsentHow, Decision, DisputeKind, EvidenceMethod, FamilyMemberId, GroupId, GroupKind,
    HeardHow, OrgId, Refusal,
};
use homeward_store::{Store, StoreError};
use serde::Deserialize;

/// What each form records, as the `saved` value of the page it returns to,
/// with the message id that confirms it.
const SAVED: [(&str, &str); 10] = [
    ("case", "saved-case"),
    ("party", "saved-party"),
    ("group", "saved-group"),
    ("evidence", "saved-evidence"),
    ("consent", "saved-consent"),
    ("consent-withdrawal", "saved-consent-withdrawal"),
    ("best-interests", "saved-best-interests"),
    ("child-views", "saved-child-views"),
    ("decision", "saved-decision"),
    ("follow-up", "saved-follow-up"),
];

/// The confirmation for a `saved` value, if it is one of ours.
pub fn saved_message(saved: &str) -> Option<&'static str> {
    SAVED.iter().find(|(k, _)| *k == saved).map(|(_, m)| *m)
}

fn back_to(child: &str, case: &CaseId, saved: &str) -> Response {
    Redirect::to(&format!(
        "/children/{}?saved={saved}#case-{}",
        super::encode_component(child),
        super::encode_component(case.as_str())
    ))
    .into_response()
}

/// Whether the actor may change the case, after checking that the child
/// and the case are within their view and belong together.
enum Reach {
    /// Nothing there for this reader (the page answers 404 for both).
    Unseen,
    ReadOnly,
    Writable(CaseId),
}

async fn reach(
    store: &Store,
    actor: &homeward_domain::Actor,
    child_id: &str,
    case_id: &str,
) -> Result<Reach, StoreError> {
    let Some(child) = store.child_summary(&ChildId::from(child_id)).await? else {
        return Ok(Reach::Unseen);
    };
    if !access::can(actor, Action::Read, &Resource::Child(&child.scope)).allowed() {
        return Ok(Reach::Unseen);
    }
    let Some(case) = store.case_summary(&CaseId::from(case_id)).await? else {
        return Ok(Reach::Unseen);
    };
    let scope = &case.scope;
    if case.child_id.as_str() != child_id
        || !access::can(actor, Action::Read, &Resource::Case(scope)).allowed()
    {
        return Ok(Reach::Unseen);
    }
    if !access::can(actor, Action::Write, &Resource::Case(scope)).allowed() {
        return Ok(Reach::ReadOnly);
    }
    Ok(Reach::Writable(case.id))
}

/// Runs one form's command on a case: `build` turns the form into the
/// command, or names the field that is wrong (a message id).
async fn on_case(
    state: &AppState,
    signed: SignedIn,
    headers: &HeaderMap,
    (child_id, case_id): (String, String),
    saved: &'static str,
    build: impl FnOnce(CaseId) -> Result<Command, &'static str>,
) -> Response {
    let SignedIn { ctx, user } = signed;
    if !same_origin(headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let case = match reach(&state.store, &user.actor, &child_id, &case_id).await {
        Ok(Reach::Writable(case)) => case,
        Ok(Reach::ReadOnly) => return ctx.error(StatusCode::FORBIDDEN, "error-forbidden"),
        Ok(Reach::Unseen) => return ctx.not_found(),
        Err(e) => return ctx.internal("case form", e),
    };
    let command = match build(case.clone()) {
        Ok(c) => c,
        Err(key) => {
            let message = Some((ctx.tr.t(key), "error"));
            return show_child(
                state,
                &ctx,
                &user,
                &child_id,
                message,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => back_to(&child_id, &case, saved),
        Err(StoreError::Refused(Refusal::Forbidden(_))) => {
            ctx.error(StatusCode::FORBIDDEN, "error-forbidden")
        }
        Err(StoreError::Refused(Refusal::NotFound(_))) => ctx.not_found(),
        Err(StoreError::Refused(r)) => {
            let status = match r {
                Refusal::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                _ => StatusCode::CONFLICT,
            };
            let reason = super::refusal_text(&ctx.tr, &r);
            let message = ctx.tr.s("case-refused", "reason", &reason);
            show_child(
                state,
                &ctx,
                &user,
                &child_id,
                Some((message, "error")),
                status,
            )
            .await
        }
        Err(e) => ctx.internal("case form", e),
    }
}

/// A word from a form, parsed as the API reads it.
fn word<T: serde::de::DeserializeOwned>(s: &str, key: &'static str) -> Result<T, &'static str> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| key)
}

fn text(s: String, key: &'static str) -> Result<String, &'static str> {
    if crate::api::values::is_blank(&s) || s.chars().count() > 2000 {
        return Err(key);
    }
    Ok(s.trim().to_owned())
}

#[derive(Deserialize)]
pub struct OpenCaseForm {
    party_a: String,
    party_b: String,
}

/// Opens a case on a child that has none (coordinators).
pub async fn open_case(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<String>,
    Form(form): Form<OpenCaseForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let child = match state.store.child_summary(&ChildId::from(&*child_id)).await {
        Ok(Some(c)) => c,
        Ok(None) => return ctx.not_found(),
        Err(e) => return ctx.internal("open case", e),
    };
    if !access::can(&user.actor, Action::Read, &Resource::Child(&child.scope)).allowed() {
        return ctx.not_found();
    }
    let case_id = CaseId(Store::new_id());
    let command = Command::OpenCase {
        case_id: case_id.clone(),
        child_id: child.id.clone(),
        party_a: OrgId(form.party_a),
        party_b: OrgId(form.party_b),
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => back_to(&child_id, &case_id, "case"),
        Err(StoreError::Refused(Refusal::Forbidden(_))) => {
            ctx.error(StatusCode::FORBIDDEN, "error-forbidden")
        }
        Err(StoreError::Refused(r)) => {
            let reason = super::refusal_text(&ctx.tr, &r);
            let message = ctx.tr.s("case-refused", "reason", &reason);
            show_child(
                &state,
                &ctx,
                &user,
                &child_id,
                Some((message, "error")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => ctx.internal("open case", e),
    }
}

/// Groups this case with the cases ticked (`with`, repeated) as siblings
/// or children who travel together (coordinators).
pub async fn group(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    on_case(&state, signed, &headers, ids, "group", |case_id| {
        let kind = pairs
            .iter()
            .find(|(k, _)| k == "kind")
            .map_or("", |(_, v)| v.as_str());
        let kind = word::<GroupKind>(kind, "form-bad-group-kind")?;
        let mut cases = vec![case_id];
        cases.extend(
            pairs
                .iter()
                .filter(|(k, v)| k == "with" && !v.is_empty())
                .map(|(_, v)| CaseId(v.clone())),
        );
        if cases.len() < 2 {
            return Err("form-need-group");
        }
        Ok(Command::GroupCases {
            group_id: GroupId(Store::new_id()),
            kind,
            cases,
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct FollowUpForm {
    #[serde(default)]
    note: String,
}

/// A follow-up visit after the reunion (mediator staff).
pub async fn follow_up(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(form): Form<FollowUpForm>,
) -> Response {
    on_case(&state, signed, &headers, ids, "follow-up", |case_id| {
        Ok(Command::RecordFollowUp {
            case_id,
            note: text(form.note, "form-need-follow-up")?,
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct PartyForm {
    #[serde(default)]
    org_id: String,
}

/// Adds another agency of either side to the case (coordinators).
pub async fn add_party(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(form): Form<PartyForm>,
) -> Response {
    on_case(&state, signed, &headers, ids, "party", |case_id| {
        if form.org_id.is_empty() {
            return Err("form-need-party");
        }
        Ok(Command::AddCaseParty {
            case_id,
            org_id: OrgId(form.org_id),
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct EvidenceForm {
    kind: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    description: String,
}

pub async fn evidence(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(form): Form<EvidenceForm>,
) -> Response {
    on_case(&state, signed, &headers, ids, "evidence", |case_id| {
        Ok(Command::AddEvidence {
            case_id,
            kind: word::<EvidenceKind>(&form.kind, "form-bad-kind")?,
            method: match form.method.as_str() {
                "" => None,
                m => Some(word::<EvidenceMethod>(m, "form-bad-method")?),
            },
            description: text(form.description, "form-need-description")?,
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    member_id: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    how: String,
    #[serde(default)]
    witness: String,
    #[serde(default)]
    court_order: String,
    #[serde(default)]
    note: String,
}

pub async fn consent(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(form): Form<ConsentForm>,
) -> Response {
    on_case(&state, signed, &headers, ids, "consent", |case_id| {
        if form.member_id.is_empty() {
            return Err("form-need-member");
        }
        let basis = ConsentBasis::ALL
            .into_iter()
            .find(|b| b.as_str() == form.basis)
            .unwrap_or_default();
        let how = ConsentHow::ALL
            .into_iter()
            .find(|h| h.as_str() == form.how)
            .unwrap_or_default();
        if basis == ConsentBasis::CourtOrder && form.court_order.trim().is_empty() {
            return Err("form-need-court-order");
        }
        if how == ConsentHow::ThroughDetainingAuthority && form.witness.trim().is_empty() {
            return Err("form-need-witness");
        }
        Ok(Command::RecordConsent {
            case_id,
            member_id: FamilyMemberId(form.member_id),
            basis,
            details: ConsentDetails {
                note: text(form.note, "form-need-consent-note")?,
                how,
                witness: form.witness.trim().to_owned(),
                court_order: form.court_order.trim().to_owned(),
            },
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct WithdrawalForm {
    #[serde(default)]
    member_id: String,
    #[serde(default)]
    reason: String,
}

pub async fn withdraw_consent(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(form): Form<WithdrawalForm>,
) -> Response {
    on_case(
        &state,
        signed,
        &headers,
        ids,
        "consent-withdrawal",
        |case_id| {
            Ok(Command::WithdrawConsent {
                case_id,
                member_id: FamilyMemberId(form.member_id),
                reason: text(form.reason, "form-need-withdrawal-reason")?,
            })
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct BestInterestsForm {
    outcome: String,
    #[serde(default)]
    reasons: String,
}

pub async fn best_interests(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(form): Form<BestInterestsForm>,
) -> Response {
    on_case(&state, signed, &headers, ids, "best-interests", |case_id| {
        Ok(Command::RecordBestInterests {
            case_id,
            outcome: word::<BestInterestsOutcome>(&form.outcome, "form-bad-outcome")?,
            reasons: text(form.reasons, "form-need-reasons")?,
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct ChildViewsForm {
    how: String,
    #[serde(default)]
    age_years: String,
    #[serde(default)]
    views: String,
}

pub async fn child_views(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(form): Form<ChildViewsForm>,
) -> Response {
    let coordinator = super::data::is_coordinator(&signed.user.actor);
    on_case(&state, signed, &headers, ids, "child-views", |case_id| {
        let how = word::<HeardHow>(&form.how, "form-bad-heard")?;
        let age_years = form
            .age_years
            .trim()
            .parse::<u8>()
            .map_err(|_| "form-bad-age")?;
        // The domain's own rule, asked first so it is named in the
        // reader's language.
        check_views(ChildViews { how, age_years }, coordinator, &form.views)
            .map_err(|rule| rule.id())?;
        Ok(Command::RecordChildViews {
            case_id,
            how,
            age_years,
            views: text(form.views, "form-need-views")?,
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    dispute: String,
    #[serde(default)]
    note: String,
}

pub async fn decision(
    State(state): State<AppState>,
    signed: SignedIn,
    headers: HeaderMap,
    Path(ids): Path<(String, String)>,
    Form(form): Form<DecisionForm>,
) -> Response {
    on_case(&state, signed, &headers, ids, "decision", |case_id| {
        let decision = word::<Decision>(&form.decision, "form-need-decision")?;
        let (dispute, note) = match decision {
            // The form always sends a dispute kind; it means something
            // only with an objection, which must say why.
            Decision::Approve => (None, form.note.trim().to_owned()),
            Decision::Object => (
                Some(word::<DisputeKind>(&form.dispute, "form-bad-dispute")?),
                text(form.note, "form-need-objection-reason")?,
            ),
        };
        Ok(Command::RecordPartyDecision {
            case_id,
            decision,
            dispute,
            note,
        })
    })
    .await
}
