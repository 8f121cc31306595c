//! Cases: the mediation workflow. State changes are POSTs; the domain
//! decides each one and a refusal says which rule failed.

use super::values::{self, In};
use super::{Created, ListOut, check, enum_str, gate, rfc3339_micros};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, ApiQuery, Problem};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use homeward_domain::access::{Access, Action, Field, Resource, can, viewer};
use homeward_domain::event::{AccessedRecord, EvidenceKind, RecordKind};
use homeward_domain::*;
use homeward_store::Store;
use homeward_store::read::{CaseFilter, CaseRecord, CaseSummary, Finding};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cases, open_case))
        .routes(routes!(get_case))
        .routes(routes!(transition))
        .routes(routes!(decide_as_party))
        .routes(routes!(add_evidence))
        .routes(routes!(record_best_interests))
        .routes(routes!(record_child_views))
        .routes(routes!(record_consent))
        .routes(routes!(withdraw_consent))
        .routes(routes!(add_party))
        .routes(routes!(group_cases))
        .routes(routes!(record_follow_up))
        .routes(routes!(book_on_trip))
}

// ------------------------------------------------------------------ output

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummaryOut {
    pub id: String,
    pub child_id: String,
    pub party_a: String,
    pub party_b: String,
    /// Other agencies of either side added to the case; each decides for itself.
    pub others: Vec<String>,
    /// The group the case is submitted and approved with, if any.
    pub group_id: Option<String>,
    /// `siblings` or `travel_together`.
    pub group_kind: Option<String>,
    pub state: String,
    pub trip_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryOut {
    pub seq: i64,
    pub action: String,
    pub from: String,
    pub to: String,
    /// The reason given; withheld (null) when notes are hidden from you.
    pub note: Option<String>,
    /// RFC 3339.
    pub at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionOut {
    pub seq: i64,
    pub org_id: String,
    /// `approve` or `object`.
    pub decision: String,
    /// Withheld (null) for another organisation's decision when notes are hidden from you.
    pub note: Option<String>,
    /// For an objection: what it disputes (`identity`, `family_link`,
    /// `consent` or `other`).
    pub dispute: Option<String>,
    /// RFC 3339.
    pub at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceOut {
    pub evidence_no: i64,
    /// `identity`, `family`, `reunion` or `other`.
    pub kind: String,
    /// How it was verified: `document_seen`, `video_call`, `photographs`,
    /// `biometric_report`, `dna_report` or `interview`; null if not said.
    pub method: Option<String>,
    pub description: Option<String>,
    /// The organisation that recorded it.
    pub recorded_by_org: Option<String>,
    /// RFC 3339.
    pub at: Option<String>,
}

/// A best-interests assessment or a record of the child's own views.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentOut {
    pub no: i64,
    /// `best_interests` or `child_views`.
    pub kind: String,
    /// For an assessment: `return`, `no_return` or `undetermined`; for the
    /// child's views, how they were heard (`in_person`, `video_call`,
    /// `in_writing`, `through_representative`, `not_obtainable`).
    pub outcome: String,
    /// For the child's views: the child's age when heard.
    pub age_years: Option<u8>,
    /// The reasons, or the child's words; withheld (null) when notes are hidden from you.
    pub note: Option<String>,
    /// RFC 3339.
    pub at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteOut {
    pub no: i64,
    pub note: Option<String>,
}

/// A consent recorded on the case, in force or withdrawn.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentOut {
    pub seq: i64,
    pub member_id: String,
    /// `parental_responsibility` or `court_order`.
    pub basis: String,
    /// How it was obtained; `None` once erased.
    pub how: Option<String>,
    pub witness: Option<String>,
    pub court_order: Option<String>,
    pub note: Option<String>,
    pub at: Option<String>,
    /// When it was withdrawn, and why; `None` while in force.
    pub withdrawn_at: Option<String>,
    pub withdraw_note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HandoverOut {
    pub seq: i64,
    pub trip_id: String,
    pub leg_id: String,
    pub received_by: Option<String>,
}

/// A case with its history. Reading it is written to the access log.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseOut {
    #[serde(flatten)]
    pub case: CaseSummaryOut,
    /// The latest consent in force.
    pub consent_by: Option<String>,
    /// Every consent recorded, oldest first.
    pub consents: Vec<ConsentOut>,
    pub history: Vec<HistoryOut>,
    pub decisions: Vec<DecisionOut>,
    pub evidence: Vec<EvidenceOut>,
    pub assessments: Vec<AssessmentOut>,
    pub follow_ups: Vec<NoteOut>,
    pub handovers: Vec<HandoverOut>,
    /// The transitions your role may ask for at all (the case's state and
    /// preconditions decide whether one succeeds).
    pub actions: Vec<String>,
    /// Fields withheld from you: `notes`.
    pub hidden: Vec<String>,
}

pub fn summary_out(c: &CaseSummary) -> CaseSummaryOut {
    CaseSummaryOut {
        id: c.id.0.clone(),
        child_id: c.child_id.0.clone(),
        party_a: c.party_a.0.clone(),
        party_b: c.party_b.0.clone(),
        others: c.scope.others.iter().map(|o| o.0.clone()).collect(),
        group_id: c.group.as_ref().map(|(g, _)| g.0.clone()),
        group_kind: c.group.as_ref().map(|(_, k)| k.as_str().to_owned()),
        state: c.state.as_str().to_owned(),
        trip_id: c.trip_id.as_ref().map(|t| t.0.clone()),
    }
}

/// The case actions the actor's role may take at all.
pub fn actions_for(actor: &Actor) -> Vec<String> {
    CaseAction::ALL
        .into_iter()
        .filter(|a| a.roles().contains(&actor.role) && actor.role.allowed_in(actor.org_kind))
        .map(|a| a.as_str().to_owned())
        .collect()
}

pub fn case_out(c: &CaseRecord, access: Access, actor: &Actor) -> CaseOut {
    let hide = access.hides(Field::InternalNotes);
    let note = |n: &Option<String>| if hide { None } else { n.clone() };
    let at = |seq: i64| c.authors.get(&seq).map(|a| rfc3339_micros(a.at));
    CaseOut {
        case: summary_out(&c.summary),
        consent_by: c.summary.consent_by.as_ref().map(|m| m.0.clone()),
        consents: c
            .consents
            .iter()
            .map(|k| ConsentOut {
                seq: k.seq,
                member_id: k.member_id.0.clone(),
                basis: k.basis.as_str().to_owned(),
                how: k.how.map(|h| h.as_str().to_owned()),
                witness: note(&k.witness),
                court_order: k.court_order.clone(),
                note: note(&k.note),
                at: at(k.seq),
                withdrawn_at: k.withdrawn_seq.and_then(at),
                withdraw_note: note(&k.withdraw_note),
            })
            .collect(),
        history: c
            .history
            .iter()
            .map(|h| HistoryOut {
                seq: h.seq,
                action: h.action.as_str().to_owned(),
                from: h.from.as_str().to_owned(),
                to: h.to.as_str().to_owned(),
                note: note(&h.note),
                at: rfc3339_micros(h.at),
            })
            .collect(),
        decisions: c
            .decisions
            .iter()
            .map(|d| DecisionOut {
                seq: d.seq,
                org_id: d.org_id.0.clone(),
                decision: d.decision.as_str().to_owned(),
                note: if hide && d.org_id != actor.org {
                    None
                } else {
                    d.note.clone()
                },
                dispute: d.dispute.map(|k| k.as_str().to_owned()),
                at: at(d.seq),
            })
            .collect(),
        evidence: c
            .evidence
            .iter()
            .map(|e| EvidenceOut {
                evidence_no: e.evidence_no,
                kind: enum_str(&e.kind),
                method: e.method.map(|m| m.as_str().to_owned()),
                description: note(&e.description),
                recorded_by_org: c.authors.get(&e.seq).map(|a| a.org.0.clone()),
                at: at(e.seq),
            })
            .collect(),
        assessments: c
            .assessments
            .iter()
            .map(|a| {
                let (kind, outcome, age_years) = match a.finding {
                    Finding::BestInterests(o) => ("best_interests", o.as_str(), None),
                    Finding::ChildViews(v) => ("child_views", v.how.as_str(), Some(v.age_years)),
                };
                AssessmentOut {
                    no: a.assessment_no,
                    kind: kind.to_owned(),
                    outcome: outcome.to_owned(),
                    age_years,
                    note: note(&a.note),
                    at: at(a.seq),
                }
            })
            .collect(),
        follow_ups: c
            .follow_ups
            .iter()
            .map(|f| NoteOut {
                no: f.follow_up_no,
                note: note(&f.note),
            })
            .collect(),
        handovers: c
            .handovers
            .iter()
            .map(|h| HandoverOut {
                seq: h.seq,
                trip_id: h.trip_id.0.clone(),
                leg_id: h.leg_id.0.clone(),
                received_by: note(&h.received_by),
            })
            .collect(),
        actions: actions_for(actor),
        hidden: access
            .hidden()
            .iter()
            .map(|f| f.as_str().to_owned())
            .collect(),
    }
}

// ------------------------------------------------------------------- list

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    /// `identified`, `verified`, ..., `on_hold`, `disputed`, `withdrawn`.
    #[param(value_type = Option<values::CaseStateWord>, inline)]
    pub state: Option<String>,
    /// Cases concerning this party.
    pub party: Option<String>,
    pub child_id: Option<String>,
    pub trip_id: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default, deserialize_with = "super::page_limit")]
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Rows to skip (at most 1,000,000).
    #[serde(default, deserialize_with = "super::page_offset")]
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<u32>,
}

/// Lists the cases you may see, most recently changed first.
#[utoipa::path(
    get,
    path = "/cases",
    tag = "cases",
    params(CaseQuery),
    responses(
        (status = 200, body = ListOut<CaseSummaryOut>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_cases(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<CaseQuery>,
) -> Result<Json<ListOut<CaseSummaryOut>>, ApiError> {
    let actor = &user.actor;
    gate(actor, Action::Read, &Resource::Cases, "see cases")?;
    let paging = super::Paging {
        limit: q.limit,
        offset: q.offset,
    };
    let filter = CaseFilter {
        state: values::query_word("state", q.state.as_deref())?,
        party: q.party.map(OrgId),
        child: q.child_id.map(ChildId),
        trip: q.trip_id.map(TripId),
        limit: paging.limit(),
        offset: paging.offset(),
    };
    let page = state.store.cases(&viewer(actor), &filter).await?;
    Ok(Json(ListOut {
        items: page
            .items
            .iter()
            .filter(|c| can(actor, Action::Read, &Resource::Case(&c.scope)).allowed())
            .map(summary_out)
            .collect(),
        total: page.total,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseIn {
    #[schema(value_type = values::Id, inline)]
    pub child_id: String,
    /// The party that reported the child.
    #[schema(value_type = values::Id, inline)]
    pub party_a: String,
    /// The party that holds the child.
    #[schema(value_type = values::Id, inline)]
    pub party_b: String,
}

/// Opens a case for a child (coordinators).
#[utoipa::path(
    post,
    path = "/cases",
    tag = "cases",
    request_body = CaseIn,
    responses(
        (status = 201, body = Created),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The child already has an open case", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn open_case(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<CaseIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let actor = &user.actor;
    gate(actor, Action::Write, &Resource::Cases, "open cases")?;
    values::ID.check(In::Body, "child_id", &input.child_id)?;
    values::ID.check(In::Body, "party_a", &input.party_a)?;
    values::ID.check(In::Body, "party_b", &input.party_b)?;
    let child = state
        .store
        .child_summary(&ChildId(input.child_id))
        .await?
        .ok_or_else(|| ApiError::not_found("child").referenced("child_id"))?;
    check(
        actor,
        Action::Read,
        &Resource::Child(&child.scope),
        "child",
        "see this child",
    )
    .map_err(|e| e.referenced("child_id"))?;
    let id = CaseId(Store::new_id());
    state
        .store
        .execute(
            actor,
            Command::OpenCase {
                case_id: id.clone(),
                child_id: child.id,
                party_a: OrgId(input.party_a),
                party_b: OrgId(input.party_b),
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("party_a or party_b"))?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

// ------------------------------------------------------------------- read

pub const VIA_GET_CASE: &str = "GET /api/v1/cases/{id}";

/// Reads one case with its history. The read is written to the access log.
#[utoipa::path(
    get,
    path = "/cases/{id}",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    responses(
        (status = 200, body = CaseOut),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_case(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<CaseOut>, ApiError> {
    let actor = &user.actor;
    let record = state
        .store
        .case(&CaseId(id))
        .await?
        .ok_or_else(|| ApiError::not_found("case"))?;
    let access = check(
        actor,
        Action::Read,
        &Resource::Case(&record.summary.scope),
        "case",
        "read this case",
    )?;
    state
        .store
        .record_accesses(
            actor,
            vec![
                AccessedRecord {
                    kind: RecordKind::Case,
                    id: record.summary.id.0.clone(),
                },
                AccessedRecord {
                    kind: RecordKind::Child,
                    id: record.summary.child_id.0.clone(),
                },
            ],
            VIA_GET_CASE,
        )
        .await?;
    Ok(Json(case_out(&record, access, actor)))
}

// ------------------------------------------------------------------ writes

/// Loads a case's scope and checks a write on it: `404` outside the
/// caller's view, `403` if the caller may see it but not change it.
async fn writable_case(state: &AppState, actor: &Actor, id: &str) -> Result<CaseId, ApiError> {
    let case = state
        .store
        .case_summary(&CaseId(id.to_owned()))
        .await?
        .ok_or_else(|| ApiError::not_found("case"))?;
    check(
        actor,
        Action::Write,
        &Resource::Case(&case.scope),
        "case",
        "change this case",
    )?;
    Ok(case.id)
}

/// Checks that the caller may change the case, then records `make`'s command
/// through the write path; returns the case's id.
async fn change_case(
    state: &AppState,
    actor: &Actor,
    id: &str,
    make: impl FnOnce(CaseId) -> Command,
) -> Result<CaseId, ApiError> {
    let case_id = writable_case(state, actor, id).await?;
    state.store.execute(actor, make(case_id.clone())).await?;
    Ok(case_id)
}

/// The case's state after a change.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseStateOut {
    pub id: String,
    pub state: String,
}

async fn state_out(state: &AppState, id: CaseId) -> Result<Json<CaseStateOut>, ApiError> {
    let s = state.store.case_state(&id).await?;
    Ok(Json(CaseStateOut {
        id: id.0,
        state: s.as_str().to_owned(),
    }))
}

/// `action` is one of `verify`, `locate_family`, `record_consent`,
/// `submit`, `approve`, `plan_transit`, `depart`, `hand_over`, `reunite`,
/// `close`, `hold`, `dispute`, `withdraw` or `resume`; `hold`, `dispute`,
/// `withdraw` and `resume` need a `reason` (the document says so with one
/// branch for each group of actions).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionIn {
    pub action: CaseAction,
    /// Required for hold, dispute, withdraw and resume.
    pub reason: Option<String>,
}

impl TransitionIn {
    fn check(&self) -> Result<(), ApiError> {
        let at = In::Body;
        match &self.reason {
            Some(r) if self.action.needs_reason() => values::NOTE.check(at, "reason", r),
            Some(r) => values::OPTIONAL_NOTE.check(at, "reason", r),
            None if self.action.needs_reason() => Err(ApiError::Unprocessable(format!(
                "reason: {} needs a reason",
                self.action.as_str()
            ))),
            None => Ok(()),
        }
    }
}

impl utoipa::PartialSchema for TransitionIn {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        let branch = |needs_reason: bool| {
            let actions = CaseAction::ALL
                .into_iter()
                .filter(|a| a.needs_reason() == needs_reason)
                .map(|a| a.as_str());
            let action = ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(actions));
            let b = ObjectBuilder::new()
                .schema_type(Type::Object)
                .property("action", action)
                .required("action")
                .additional_properties(Some(
                    utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
                ));
            if needs_reason {
                b.property("reason", values::NOTE.schema())
                    .required("reason")
            } else {
                b.property("reason", values::OPTIONAL_NOTE.schema_or_null())
            }
        };
        OneOfBuilder::new()
            .item(branch(false))
            .item(branch(true))
            .description(Some(
                "The action, and a reason where it needs one (hold, dispute, withdraw, resume)",
            ))
            .into()
    }
}

impl ToSchema for TransitionIn {}

/// Moves a case to its next state. A refusal names the rule that failed:
/// `403` for a role that may not take the action, `409` when the case's
/// state or a precondition does not allow it yet.
#[utoipa::path(
    post,
    path = "/cases/{id}/transitions",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = TransitionIn,
    responses(
        (status = 200, body = CaseStateOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn transition(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<TransitionIn>,
) -> Result<Json<CaseStateOut>, ApiError> {
    input.check()?;
    let case_id = change_case(&state, &user.actor, &id, |case_id| {
        Command::TransitionCase {
            case_id,
            action: input.action,
            reason: input.reason,
        }
    })
    .await?;
    state_out(&state, case_id).await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionIn {
    /// `approve` or `object`.
    #[schema(value_type = values::DecisionWord, inline)]
    pub decision: Decision,
    /// For an objection: what it disputes (`other` if not said). The
    /// objection opens a dispute the coordinator resolves.
    #[serde(default)]
    #[schema(value_type = Option<values::DisputeKindWord>, inline)]
    pub dispute: Option<DisputeKind>,
    /// The reason; required for an objection.
    #[serde(default)]
    #[schema(value_type = values::NoteOrEmpty, inline)]
    pub note: String,
}

/// Records a party's approval or objection (party officers of a party concerned).
#[utoipa::path(
    post,
    path = "/cases/{id}/decisions",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = DecisionIn,
    responses(
        (status = 201, body = CaseStateOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn decide_as_party(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<DecisionIn>,
) -> Result<(StatusCode, Json<CaseStateOut>), ApiError> {
    values::OPTIONAL_NOTE.check(In::Body, "note", &input.note)?;
    let case_id = change_case(&state, &user.actor, &id, |case_id| {
        Command::RecordPartyDecision {
            case_id,
            decision: input.decision,
            dispute: input.dispute,
            note: input.note,
        }
    })
    .await?;
    Ok((StatusCode::CREATED, state_out(&state, case_id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceIn {
    /// `identity`, `family`, `reunion` or `other`.
    #[schema(value_type = values::EvidenceKindWord, inline)]
    pub kind: EvidenceKind,
    /// How it was verified.
    #[serde(default)]
    #[schema(value_type = Option<values::EvidenceMethodWord>, inline)]
    pub method: Option<EvidenceMethod>,
    #[schema(value_type = values::Note, inline)]
    pub description: String,
}

/// Adds evidence to a case (mediator staff).
#[utoipa::path(
    post,
    path = "/cases/{id}/evidence",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = EvidenceIn,
    responses(
        (status = 201, description = "Added"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn add_evidence(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<EvidenceIn>,
) -> Result<StatusCode, ApiError> {
    values::NOTE.check(In::Body, "description", &input.description)?;
    change_case(&state, &user.actor, &id, |case_id| Command::AddEvidence {
        case_id,
        kind: input.kind,
        method: input.method,
        description: input.description,
    })
    .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BestInterestsIn {
    /// `return`, `no_return` or `undetermined`.
    #[schema(value_type = values::BestInterestsOutcomeWord, inline)]
    pub outcome: BestInterestsOutcome,
    /// Why: what was weighed.
    #[schema(value_type = values::Note, inline)]
    pub reasons: String,
}

/// Records a best-interests assessment of the child's return (mediator
/// staff). A case is submitted only once its latest assessment finds the
/// return in the child's best interests.
#[utoipa::path(
    post,
    path = "/cases/{id}/best-interests",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = BestInterestsIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_best_interests(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<BestInterestsIn>,
) -> Result<StatusCode, ApiError> {
    values::NOTE.check(In::Body, "reasons", &input.reasons)?;
    change_case(&state, &user.actor, &id, |case_id| {
        Command::RecordBestInterests {
            case_id,
            outcome: input.outcome,
            reasons: input.reasons,
        }
    })
    .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildViewsIn {
    /// How the child was heard, or `not_obtainable` (coordinators, for a
    /// child under 16).
    #[schema(value_type = values::HeardHowWord, inline)]
    pub how: HeardHow,
    /// The child's age when heard.
    #[schema(minimum = 0, maximum = 17)]
    pub age_years: u8,
    /// The child's views in the child's words, or why they could not be obtained.
    #[schema(value_type = values::Note, inline)]
    pub views: String,
}

/// Records the child's own views (mediator staff), or that they could not
/// be obtained and why (coordinators). A case is submitted only once the
/// child's views are on record.
#[utoipa::path(
    post,
    path = "/cases/{id}/child-views",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = ChildViewsIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_child_views(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ChildViewsIn>,
) -> Result<StatusCode, ApiError> {
    values::NOTE.check(In::Body, "views", &input.views)?;
    change_case(&state, &user.actor, &id, |case_id| {
        Command::RecordChildViews {
            case_id,
            how: input.how,
            age_years: input.age_years,
            views: input.views,
        }
    })
    .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentIn {
    /// The family member who consented.
    #[schema(value_type = values::Id, inline)]
    pub member_id: String,
    /// `parental_responsibility` (the default) or `court_order`.
    #[serde(default)]
    #[schema(value_type = values::ConsentBasisWord, inline)]
    pub basis: ConsentBasis,
    /// `in_person` (the default), `video_call`, `in_writing` or
    /// `through_detaining_authority` (a parent in detention; needs the
    /// witness).
    #[serde(default)]
    #[schema(value_type = values::ConsentHowWord, inline)]
    pub how: ConsentHow,
    /// Who witnessed the consent.
    #[serde(default)]
    #[schema(value_type = values::NoteOrEmpty, inline)]
    pub witness: String,
    /// The court order's reference (required with `court_order`).
    #[serde(default)]
    #[schema(value_type = values::NoteOrEmpty, inline)]
    pub court_order: String,
    #[serde(default)]
    #[schema(value_type = values::NoteOrEmpty, inline)]
    pub note: String,
}

/// Records a consent to the child's return (mediator staff): by a person
/// with parental responsibility or named by a court order. A case may hold
/// several; one in force is enough to go on.
#[utoipa::path(
    post,
    path = "/cases/{id}/consent",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = ConsentIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_consent(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ConsentIn>,
) -> Result<StatusCode, ApiError> {
    values::ID.check(In::Body, "member_id", &input.member_id)?;
    values::OPTIONAL_NOTE.check(In::Body, "note", &input.note)?;
    values::OPTIONAL_NOTE.check(In::Body, "witness", &input.witness)?;
    values::OPTIONAL_NOTE.check(In::Body, "court_order", &input.court_order)?;
    let case_id = writable_case(&state, &user.actor, &id).await?;
    state
        .store
        .execute(
            &user.actor,
            Command::RecordConsent {
                case_id,
                member_id: FamilyMemberId(input.member_id),
                basis: input.basis,
                details: ConsentDetails {
                    note: input.note,
                    how: input.how,
                    witness: input.witness.trim().to_owned(),
                    court_order: input.court_order.trim().to_owned(),
                },
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("member_id"))?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupIn {
    /// `siblings` or `travel_together`.
    #[schema(value_type = values::GroupKindWord, inline)]
    pub kind: GroupKind,
    /// Two or more cases, none grouped yet, none submitted yet.
    #[schema(value_type = Vec<values::Id>, min_items = 2, max_items = 20)]
    pub case_ids: Vec<String>,
}

/// Groups cases (coordinators): siblings, or children who must travel
/// together. The group's cases are submitted together and approved when
/// the last of them is.
#[utoipa::path(
    post,
    path = "/case-groups",
    tag = "cases",
    request_body = GroupIn,
    responses(
        (status = 201, body = Created),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn group_cases(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<GroupIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    if !(2..=20).contains(&input.case_ids.len()) {
        return Err(ApiError::Unprocessable(
            "case_ids: a group has 2 to 20 cases".into(),
        ));
    }
    let mut cases = Vec::with_capacity(input.case_ids.len());
    for (i, id) in input.case_ids.into_iter().enumerate() {
        values::ID.check(In::Body, &format!("case_ids[{i}]"), &id)?;
        cases.push(
            writable_case(&state, &user.actor, &id)
                .await
                .map_err(|e| e.referenced(&format!("case_ids[{i}]")))?,
        );
    }
    let group_id = GroupId(Store::new_id());
    state
        .store
        .execute(
            &user.actor,
            Command::GroupCases {
                group_id: group_id.clone(),
                kind: input.kind,
                cases,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: group_id.0 })))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyIn {
    /// A party organisation of either side, not yet concerned by the case.
    #[schema(value_type = values::Id, inline)]
    pub org_id: String,
}

/// Adds another agency of either side to a case (coordinators): an
/// ombudsperson, a ministry. It sees the case and decides on it for
/// itself; the case is approved when one organisation of each side has
/// approved and none has an objection standing.
#[utoipa::path(
    post,
    path = "/cases/{id}/parties",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = PartyIn,
    responses(
        (status = 201, body = CaseStateOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn add_party(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PartyIn>,
) -> Result<(StatusCode, Json<CaseStateOut>), ApiError> {
    values::ID.check(In::Body, "org_id", &input.org_id)?;
    let case_id = writable_case(&state, &user.actor, &id).await?;
    state
        .store
        .execute(
            &user.actor,
            Command::AddCaseParty {
                case_id: case_id.clone(),
                org_id: OrgId(input.org_id),
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("org_id"))?;
    Ok((StatusCode::CREATED, state_out(&state, case_id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalIn {
    /// The family member whose consent is withdrawn.
    #[schema(value_type = values::Id, inline)]
    pub member_id: String,
    #[schema(value_type = values::Note, inline)]
    pub reason: String,
}

/// Records that a consent in force was withdrawn (mediator staff): the
/// case goes on hold with the reason, and resuming it past consent needs a
/// consent in force.
#[utoipa::path(
    post,
    path = "/cases/{id}/consent/withdrawal",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = WithdrawalIn,
    responses(
        (status = 201, body = CaseStateOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn withdraw_consent(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<WithdrawalIn>,
) -> Result<(StatusCode, Json<CaseStateOut>), ApiError> {
    values::ID.check(In::Body, "member_id", &input.member_id)?;
    values::NOTE.check(In::Body, "reason", &input.reason)?;
    let case_id = change_case(&state, &user.actor, &id, |case_id| {
        Command::WithdrawConsent {
            case_id,
            member_id: FamilyMemberId(input.member_id),
            reason: input.reason,
        }
    })
    .await?;
    Ok((StatusCode::CREATED, state_out(&state, case_id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteIn {
    #[schema(value_type = values::Note, inline)]
    pub note: String,
}

/// Records a follow-up after the reunion (mediator staff).
#[utoipa::path(
    post,
    path = "/cases/{id}/follow-ups",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = NoteIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_follow_up(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NoteIn>,
) -> Result<StatusCode, ApiError> {
    values::NOTE.check(In::Body, "note", &input.note)?;
    change_case(&state, &user.actor, &id, |case_id| {
        Command::RecordFollowUp {
            case_id,
            note: input.note,
        }
    })
    .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookIn {
    #[schema(value_type = values::Id, inline)]
    pub trip_id: String,
}

/// Books an approved case on a trip (coordinators).
#[utoipa::path(
    post,
    path = "/cases/{id}/trip",
    tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    request_body = BookIn,
    responses(
        (status = 200, body = CaseStateOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn book_on_trip(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<BookIn>,
) -> Result<Json<CaseStateOut>, ApiError> {
    values::ID.check(In::Body, "trip_id", &input.trip_id)?;
    let case_id = writable_case(&state, &user.actor, &id).await?;
    state
        .store
        .execute(
            &user.actor,
            Command::BookOnTrip {
                case_id: case_id.clone(),
                trip_id: TripId(input.trip_id),
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("trip_id"))?;
    state_out(&state, case_id).await
}
