//! The children's registry: list and search, register, read one child with
//! everything around it, custody, family members, and who read the record.

use super::cases::{CaseOut, case_out};
use super::tracing_requests::{TracingRequestOut, tracing_out};
use super::values::{self, In};
use super::{Created, ListOut, NameOut, Paging, check, enum_str, gate, rfc3339_micros};
use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, ApiQuery, Problem};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use homeward_domain::access::{Access, Action, Field, Resource, viewer};
use homeward_domain::event::{ErasureReason, RecordKind};
use homeward_domain::*;
use homeward_store::Store;
use homeward_store::read::{AccessLogFilter, ChildFilter, ChildSummary, FamilyMemberRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_children, register_child))
        .routes(routes!(get_child, amend_child))
        .routes(routes!(record_custody))
        .routes(routes!(erase_child))
        .routes(routes!(list_family_members, add_family_member))
        .routes(routes!(child_access_log))
}

// ------------------------------------------------------------------ output

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceNameOut {
    pub lang: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseRefOut {
    pub id: String,
    pub state: String,
}

/// A child as lists show it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChildOut {
    pub id: String,
    /// The organisation that submitted the record.
    pub org_id: String,
    pub list_name: String,
    /// True once the child's personal data was erased; names and dates are then empty.
    pub erased: bool,
    /// The first name is as recorded; the others are other spellings.
    pub names: Vec<NameOut>,
    /// `M` or `F`.
    pub sex: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `age N on YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub birth_place: Vec<PlaceNameOut>,
    /// Where the child lives now: `institution`, `hospital`, `foster_family`, ...
    pub custody_kind: Option<String>,
    /// The child's latest case.
    pub case: Option<CaseRefOut>,
    /// Fields withheld from you by the access policy: `notes`, `addresses`, `contacts`.
    pub hidden: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentOut {
    /// `birth_certificate`, `passport`, `internal_passport` or `other`.
    pub kind: String,
    pub number: String,
    pub issued_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CircumstanceOut {
    /// `parent_detained`, `medical_needs`, `lost_contact` or `other`.
    pub kind: String,
    /// Withheld (null) when notes are hidden from you.
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustodyOut {
    pub custody_no: i64,
    pub kind: String,
    pub since: String,
    pub place_name: Option<String>,
    /// Withheld (null) when addresses are hidden from you.
    pub address: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyMemberOut {
    pub id: String,
    pub relationship: String,
    pub name: Option<NameOut>,
    pub status: Option<String>,
    /// Withheld (null) when contacts are hidden from you.
    pub contact: Option<String>,
}

/// A child with everything around it. Reading it is written to the access log.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChildDetailOut {
    #[serde(flatten)]
    pub child: ChildOut,
    pub documents: Vec<DocumentOut>,
    pub circumstances: Vec<CircumstanceOut>,
    pub custody: Vec<CustodyOut>,
    pub family: Vec<FamilyMemberOut>,
    pub tracing_requests: Vec<TracingRequestOut>,
    pub cases: Vec<CaseOut>,
    /// The records this child is made of: its own first, then each record
    /// joined to it by a confirmed match — those you may read.
    pub sources: Vec<SourceOut>,
}

/// One party's record of a child.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceOut {
    pub child_id: String,
    /// The organisation whose list it came from.
    pub party: String,
    /// The record's id in that party's list.
    pub external_id: Option<String>,
    /// The list's name.
    pub list: String,
    /// The names as this record gives them.
    pub names: Vec<NameOut>,
    pub birth_date: Option<String>,
    /// The record this one is joined to; empty for the child's own record.
    pub joined_to: Option<String>,
}

fn source_out(s: &ChildSummary) -> SourceOut {
    let d = s.details.as_ref();
    SourceOut {
        child_id: s.id.0.clone(),
        party: s.org_id.0.clone(),
        external_id: s.external_id.clone(),
        list: s.list_name.clone(),
        names: d.map_or_else(Vec::new, |d| d.names.iter().map(NameOut::from).collect()),
        birth_date: d.and_then(|d| d.birth_date).map(|b| b.to_string()),
        joined_to: s.joined_to.as_ref().map(|c| c.0.clone()),
    }
}

fn hidden_names(access: Access) -> Vec<String> {
    access
        .hidden()
        .iter()
        .map(|f| f.as_str().to_owned())
        .collect()
}

pub fn child_out(c: &ChildSummary, access: Access) -> ChildOut {
    let d = c.details.as_ref();
    ChildOut {
        id: c.id.0.clone(),
        org_id: c.org_id.0.clone(),
        list_name: c.list_name.clone(),
        erased: c.erased,
        names: d.map_or_else(Vec::new, |d| d.names.iter().map(NameOut::from).collect()),
        sex: d.and_then(|d| d.sex).map(|s| enum_str(&s)),
        birth_date: d.and_then(|d| d.birth_date).map(|b| b.to_string()),
        birth_place: d
            .and_then(|d| d.birth_place.as_ref())
            .map_or_else(Vec::new, |p| {
                p.names
                    .iter()
                    .map(|(lang, name)| PlaceNameOut {
                        lang: lang.clone(),
                        name: name.clone(),
                    })
                    .collect()
            }),
        custody_kind: c.custody_kind.map(|k| k.as_str().to_owned()),
        case: c.case.as_ref().map(|(id, state)| CaseRefOut {
            id: id.0.clone(),
            state: state.as_str().to_owned(),
        }),
        hidden: hidden_names(access),
    }
}

fn family_out(m: &FamilyMemberRow, access: Access) -> FamilyMemberOut {
    let d = m.details.as_ref();
    FamilyMemberOut {
        id: m.id.0.clone(),
        relationship: m.relationship.as_str().to_owned(),
        name: d.map(|d| NameOut::from(&d.name)),
        status: d.map(|d| d.status.clone()),
        contact: d
            .filter(|_| !access.hides(Field::FamilyContacts))
            .map(|d| d.contact.clone()),
    }
}

// ------------------------------------------------------------------- list

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChildQuery {
    /// A name in any script or spelling: "Solomiia Shevchuk" finds «Соломія Шевчук».
    pub q: Option<String>,
    /// The submitting organisation.
    pub org_id: Option<String>,
    /// `M` or `F`.
    #[param(value_type = Option<values::SexWord>, inline)]
    pub sex: Option<String>,
    /// Born in or after this year.
    pub born_from: Option<i32>,
    /// Born in or before this year.
    pub born_to: Option<i32>,
    /// `institution`, `hospital`, `foster_family`, `adoptive_family`, `embassy` or `family`.
    #[param(value_type = Option<values::CustodyKindWord>, inline)]
    pub custody: Option<String>,
    /// Children with a case in this state.
    #[param(value_type = Option<values::CaseStateWord>, inline)]
    pub case_state: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default, deserialize_with = "super::page_limit")]
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// Rows to skip (at most 1,000,000).
    #[serde(default, deserialize_with = "super::page_offset")]
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<u32>,
}

/// Lists and searches the children you may see, newest first.
#[utoipa::path(
    get,
    path = "/children",
    tag = "children",
    params(ChildQuery),
    responses(
        (status = 200, body = ListOut<ChildOut>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not see children (auditors, transit states)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_children(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<ChildQuery>,
) -> Result<Json<ListOut<ChildOut>>, ApiError> {
    let actor = &user.actor;
    gate(
        actor,
        Action::Read,
        &Resource::Children,
        "see the children's registry",
    )?;
    let paging = Paging {
        limit: q.limit,
        offset: q.offset,
    };
    let filter = ChildFilter {
        q: q.q.clone().filter(|s| !s.trim().is_empty()),
        org: q.org_id.clone().map(OrgId),
        sex: values::query_word("sex", q.sex.as_deref())?,
        born_from: q.born_from,
        born_to: q.born_to,
        custody: values::query_word("custody", q.custody.as_deref())?,
        case_state: values::query_word("case_state", q.case_state.as_deref())?,
        limit: paging.limit(),
        offset: paging.offset(),
    };
    let page = state.store.children(&viewer(actor), &filter).await?;
    let mut seen = Vec::new();
    let items = page
        .items
        .iter()
        .filter_map(|c| {
            let access =
                homeward_domain::access::can(actor, Action::Read, &Resource::Child(&c.scope));
            seen.extend(access.allowed().then(|| c.accessed()).flatten());
            access.allowed().then(|| child_out(c, access))
        })
        .collect();
    state
        .store
        .record_accesses(actor, seen, VIA_LIST_CHILDREN)
        .await?;
    Ok(Json(ListOut {
        items,
        total: page.total,
    }))
}

// ----------------------------------------------------------------- create

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildIn {
    #[schema(value_type = values::Name, inline)]
    pub given_name: String,
    #[schema(value_type = values::Name, inline)]
    pub family_name: String,
    #[schema(value_type = Option<values::NameOrEmpty>, inline)]
    pub patronymic: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD.MM.YYYY`, `MM.YYYY` (a day
    /// that exists, 1900 to 2100) or `age N on YYYY-MM-DD` (N up to 25).
    #[schema(value_type = values::BirthDateText, inline)]
    pub birth_date: String,
    #[schema(value_type = values::SexInWord, inline)]
    pub sex: values::SexIn,
    /// Language and script of the name (BCP 47); `uk` if left out.
    #[schema(value_type = Option<values::Lang>, inline)]
    pub lang: Option<String>,
    /// Left out or empty: no recorded birth place.
    #[schema(value_type = Option<values::LabelOrEmpty>, inline)]
    pub birth_place: Option<String>,
    /// Which list the child comes from; left out or empty: "Registered
    /// through the API".
    #[schema(value_type = Option<values::LabelOrEmpty>, inline)]
    pub list_name: Option<String>,
    /// The submitting organisation; mediator staff may name a party, a
    /// party officer submits for their own organisation.
    #[schema(value_type = Option<values::Id>, inline)]
    pub org_id: Option<String>,
}

impl ChildIn {
    /// The rules the document states, before anything is looked up.
    fn check(&self) -> Result<(BirthDate, Option<&str>), ApiError> {
        let at = In::Body;
        values::NAME.check(at, "given_name", &self.given_name)?;
        values::NAME.check(at, "family_name", &self.family_name)?;
        if let Some(p) = &self.patronymic {
            values::OPTIONAL_NAME.check(at, "patronymic", p)?;
        }
        if let Some(p) = &self.birth_place {
            values::OPTIONAL_LABEL.check(at, "birth_place", p)?;
        }
        if let Some(l) = &self.list_name {
            values::OPTIONAL_LABEL.check(at, "list_name", l)?;
        }
        if let Some(o) = &self.org_id {
            values::ID.check(at, "org_id", o)?;
        }
        let lang = values::lang(at, "lang", self.lang.as_deref())?;
        let born = values::birth_date(at, "birth_date", &self.birth_date)?;
        Ok((born, lang))
    }
}

pub fn person_name(
    given: &str,
    family: &str,
    patronymic: Option<&str>,
    lang: Option<&str>,
) -> PersonName {
    PersonName {
        family_name: family.trim().to_owned(),
        given_name: given.trim().to_owned(),
        patronymic: patronymic
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned),
        lang: lang.unwrap_or("uk").to_owned(),
        kind: NameKind::Recorded,
    }
}

/// Registers a child.
#[utoipa::path(
    post,
    path = "/children",
    tag = "children",
    request_body = ChildIn,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Well-formed but invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn register_child(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<ChildIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let actor = &user.actor;
    gate(
        actor,
        Action::Write,
        &Resource::Children,
        "register children",
    )?;
    let (born, lang) = input.check()?;
    let details = ChildDetails {
        names: vec![person_name(
            &input.given_name,
            &input.family_name,
            input.patronymic.as_deref(),
            lang,
        )],
        sex: Some(input.sex.into()),
        birth_date: Some(born),
        birth_place: input
            .birth_place
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| Place::named(lang.unwrap_or("uk"), p)),
        documents: vec![],
        circumstances: vec![],
    };
    let id = ChildId(Store::new_id());
    state
        .store
        .execute(
            actor,
            Command::RegisterChild {
                child_id: id.clone(),
                org_id: input.org_id.map(OrgId).unwrap_or_else(|| actor.org.clone()),
                list_name: input
                    .list_name
                    .filter(|l| !values::is_blank(l))
                    .unwrap_or_else(|| "Registered through the API".into()),
                import_id: None,
                details,
            },
        )
        .await
        .map_err(|e| ApiError::from(e).referenced("org_id"))?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

// ------------------------------------------------------------------- read

/// Where a read of a child's record comes from, as the access log says it.
pub const VIA_GET_CHILD: &str = "GET /api/v1/children/{id}";
pub const VIA_LIST_CHILDREN: &str = "GET /api/v1/children";
pub const VIA_FAMILY: &str = "GET /api/v1/children/{id}/family-members";

/// Reads one child with custody, family, tracing requests and cases. The
/// read is written to the access log.
#[utoipa::path(
    get,
    path = "/children/{id}",
    tag = "children",
    params(("id" = String, Path, description = "The child's id")),
    responses(
        (status = 200, body = ChildDetailOut),
        (status = 404, description = "No such child, or not one you may see", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_child(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<ChildDetailOut>, ApiError> {
    let actor = &user.actor;
    let record = state
        .store
        .child(&ChildId(id))
        .await?
        .ok_or_else(|| ApiError::not_found("child"))?;
    let access = check(
        actor,
        Action::Read,
        &Resource::Child(&record.summary.scope),
        "child",
        "read this child's record",
    )?;
    let joined = crate::sources::resolve(&state.store, actor, record, access).await?;
    state
        .store
        .record_access(actor, RecordKind::Child, joined.shown_ids(), VIA_GET_CHILD)
        .await?;
    let crate::sources::Joined {
        record,
        access,
        sources,
    } = joined;
    let d = record.summary.details.as_ref();
    let out = ChildDetailOut {
        child: child_out(&record.summary, access),
        documents: d.map_or_else(Vec::new, |d| {
            d.documents
                .iter()
                .map(|doc| DocumentOut {
                    kind: enum_str(&doc.kind),
                    number: doc.number.clone(),
                    issued_by: doc.issued_by.clone(),
                })
                .collect()
        }),
        circumstances: d.map_or_else(Vec::new, |d| {
            d.circumstances
                .iter()
                .map(|c| {
                    let (kind, note) = match c {
                        Circumstance::ParentDetained { note } => ("parent_detained", note),
                        Circumstance::MedicalNeeds { note } => ("medical_needs", note),
                        Circumstance::LostContact { note } => ("lost_contact", note),
                        Circumstance::Other { note } => ("other", note),
                    };
                    CircumstanceOut {
                        kind: kind.to_owned(),
                        note: homeward_domain::access::shows_circumstance_note(
                            &user.actor,
                            access,
                            c,
                        )
                        .then(|| note.clone()),
                    }
                })
                .collect()
        }),
        custody: record
            .custody
            .iter()
            .map(|c| CustodyOut {
                custody_no: c.custody_no,
                kind: c.kind.as_str().to_owned(),
                since: c.since.clone(),
                place_name: c.place.as_ref().map(|p| p.place_name.clone()),
                address: c
                    .place
                    .as_ref()
                    .filter(|_| !access.hides(Field::CustodyAddresses))
                    .map(|p| p.address.clone()),
            })
            .collect(),
        family: record
            .family
            .iter()
            .map(|m| family_out(m, access))
            .collect(),
        tracing_requests: record
            .tracing_requests
            .iter()
            .filter(|t| {
                homeward_domain::access::can(
                    actor,
                    Action::Read,
                    &Resource::TracingRequest {
                        filed_by: &t.org_id,
                    },
                )
                .allowed()
            })
            .map(tracing_out)
            .collect(),
        cases: record
            .cases
            .iter()
            .filter_map(|c| {
                let a = homeward_domain::access::can(
                    actor,
                    Action::Read,
                    &Resource::Case(&c.summary.scope),
                );
                a.allowed().then(|| case_out(c, a, actor))
            })
            .collect(),
        sources: sources.iter().map(source_out).collect(),
    };
    Ok(Json(out))
}

/// Loads a child's scope and checks a write on it.
async fn writable_child(
    state: &AppState,
    actor: &Actor,
    id: &str,
) -> Result<ChildSummary, ApiError> {
    let summary = state
        .store
        .child_summary(&ChildId(id.to_owned()))
        .await?
        .ok_or_else(|| ApiError::not_found("child"))?;
    check(
        actor,
        Action::Write,
        &Resource::Child(&summary.scope),
        "child",
        "change this child's record",
    )?;
    Ok(summary)
}

// ------------------------------------------------------------------ amend

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildAmendIn {
    #[schema(value_type = values::Name, inline)]
    pub given_name: String,
    #[schema(value_type = values::Name, inline)]
    pub family_name: String,
    #[schema(value_type = Option<values::NameOrEmpty>, inline)]
    pub patronymic: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD.MM.YYYY`, `MM.YYYY` (a day
    /// that exists, 1900 to 2100) or `age N on YYYY-MM-DD` (N up to 25).
    #[schema(value_type = values::BirthDateText, inline)]
    pub birth_date: String,
    #[schema(value_type = values::SexInWord, inline)]
    pub sex: values::SexIn,
    /// Language and script of the name (BCP 47); `uk` if left out.
    #[schema(value_type = Option<values::Lang>, inline)]
    pub lang: Option<String>,
    /// Left out or empty: the child has no recorded birth place.
    #[schema(value_type = Option<values::LabelOrEmpty>, inline)]
    pub birth_place: Option<String>,
}

impl ChildAmendIn {
    /// The rules the document states, before anything is looked up.
    fn check(&self) -> Result<(BirthDate, Option<&str>), ApiError> {
        let at = In::Body;
        values::NAME.check(at, "given_name", &self.given_name)?;
        values::NAME.check(at, "family_name", &self.family_name)?;
        if let Some(p) = &self.patronymic {
            values::OPTIONAL_NAME.check(at, "patronymic", p)?;
        }
        if let Some(p) = &self.birth_place {
            values::OPTIONAL_LABEL.check(at, "birth_place", p)?;
        }
        let lang = values::lang(at, "lang", self.lang.as_deref())?;
        let born = values::birth_date(at, "birth_date", &self.birth_date)?;
        Ok((born, lang))
    }
}

/// Corrects a child's recorded name, sex, birth date and birth place. The
/// other spellings of the name, documents and special circumstances stay as
/// they are. The previous version stays in the ledger.
#[utoipa::path(
    put,
    path = "/children/{id}",
    tag = "children",
    params(("id" = String, Path, description = "The child's id")),
    request_body = ChildAmendIn,
    responses(
        (status = 204, description = "Amended"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The child's personal data was erased", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Well-formed but invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn amend_child(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ChildAmendIn>,
) -> Result<StatusCode, ApiError> {
    let child = writable_child(&state, &user.actor, &id).await?;
    let Some(mut details) = child.details.filter(|_| !child.erased) else {
        return Err(ApiError::Conflict(
            "this child's personal data was erased; it cannot be amended".into(),
        ));
    };
    let (born, lang) = input.check()?;
    let recorded = person_name(
        &input.given_name,
        &input.family_name,
        input.patronymic.as_deref(),
        lang,
    );
    match details
        .names
        .iter_mut()
        .find(|n| n.kind == NameKind::Recorded)
    {
        Some(n) => *n = recorded,
        None => details.names.insert(0, recorded),
    }
    details.sex = Some(input.sex.into());
    details.birth_date = Some(born);
    details.birth_place = input
        .birth_place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Place::named(lang.unwrap_or("uk"), p));
    state
        .store
        .execute(
            &user.actor,
            Command::AmendChild {
                child_id: child.id,
                details,
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- erasure

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErasureReasonIn {
    RetentionPeriodEnded,
    FamilyRequest,
    CourtOrder,
}

impl From<ErasureReasonIn> for ErasureReason {
    fn from(r: ErasureReasonIn) -> ErasureReason {
        match r {
            ErasureReasonIn::RetentionPeriodEnded => ErasureReason::RetentionPeriodEnded,
            ErasureReasonIn::FamilyRequest => ErasureReason::FamilyRequest,
            ErasureReasonIn::CourtOrder => ErasureReason::CourtOrder,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErasureIn {
    /// `retention_period_ended`, `family_request` or `court_order`.
    #[schema(value_type = values::ErasureReasonWord, inline)]
    pub reason: ErasureReasonIn,
}

/// Erases the child's personal data (coordinators): names, dates, places,
/// family, custody, the notes on the child's cases and the copies in the
/// tracing requests linked to it. An erased record takes no new personal
/// data (409). The record, its
/// cases and every ledger proof remain; the erasure itself is a ledger
/// event listing the entries whose personal parts were deleted.
#[utoipa::path(
    post,
    path = "/children/{id}/erasure",
    tag = "children",
    params(("id" = String, Path, description = "The child's id")),
    request_body = ErasureIn,
    responses(
        (status = 204, description = "Erased"),
        (status = 403, description = "Only coordinators erase personal data", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already erased", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn erase_child(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ErasureIn>,
) -> Result<StatusCode, ApiError> {
    let child = writable_child(&state, &user.actor, &id).await?;
    if child.erased {
        return Err(ApiError::Conflict(
            "this child's personal data was already erased".into(),
        ));
    }
    state
        .store
        .execute(
            &user.actor,
            Command::ErasePersonalData {
                child_id: child.id,
                reason: input.reason.into(),
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- custody

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustodyIn {
    /// `institution`, `hospital`, `foster_family`, `adoptive_family`, `embassy` or `family`.
    #[schema(value_type = values::CustodyKindWord, inline)]
    pub kind: CustodyKind,
    /// Since when: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD.MM.YYYY` or
    /// `MM.YYYY` (a day that exists, 1900 to 2100).
    #[schema(value_type = values::PartialDateText, inline)]
    pub since: String,
    #[schema(value_type = values::Label, inline)]
    pub place_name: String,
    #[serde(default)]
    #[schema(value_type = values::Short, inline)]
    pub address: String,
}

impl CustodyIn {
    fn check(&self) -> Result<(), ApiError> {
        let at = In::Body;
        values::partial_date(at, "since", &self.since)?;
        values::LABEL.check(at, "place_name", &self.place_name)?;
        values::SHORT.check(at, "address", &self.address)
    }
}

/// Records where the child lives from now on.
#[utoipa::path(
    post,
    path = "/children/{id}/custody",
    tag = "children",
    params(("id" = String, Path, description = "The child's id")),
    request_body = CustodyIn,
    responses(
        (status = 201, description = "Recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_custody(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<CustodyIn>,
) -> Result<StatusCode, ApiError> {
    let child = writable_child(&state, &user.actor, &id).await?;
    input.check()?;
    state
        .store
        .execute(
            &user.actor,
            Command::RecordCustody {
                child_id: child.id,
                kind: input.kind,
                since: input.since,
                place: CustodyPlace {
                    place_name: input.place_name,
                    address: input.address,
                },
            },
        )
        .await?;
    Ok(StatusCode::CREATED)
}

// --------------------------------------------------------- family members

/// The child's family members and guardians.
#[utoipa::path(
    get,
    path = "/children/{id}/family-members",
    tag = "children",
    params(("id" = String, Path, description = "The child's id")),
    responses(
        (status = 200, body = ListOut<FamilyMemberOut>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_family_members(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<ListOut<FamilyMemberOut>>, ApiError> {
    let child = state
        .store
        .child_summary(&ChildId(id))
        .await?
        .ok_or_else(|| ApiError::not_found("child"))?;
    let access = check(
        &user.actor,
        Action::Read,
        &Resource::Child(&child.scope),
        "child",
        "read this child's record",
    )?;
    let members = state.store.family_members(&child.id).await?;
    if child.details.is_some() {
        state
            .store
            .record_access(
                &user.actor,
                RecordKind::Child,
                [child.id.as_str()],
                VIA_FAMILY,
            )
            .await?;
    }
    let items: Vec<FamilyMemberOut> = members.iter().map(|m| family_out(m, access)).collect();
    Ok(Json(ListOut {
        total: items.len() as i64,
        items,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FamilyMemberIn {
    /// `mother`, `father`, `grandparent`, `sibling`, `aunt_or_uncle`, `legal_guardian` or `other`.
    #[schema(value_type = values::RelationshipWord, inline)]
    pub relationship: Relationship,
    #[schema(value_type = values::Name, inline)]
    pub given_name: String,
    #[schema(value_type = values::Name, inline)]
    pub family_name: String,
    #[schema(value_type = Option<values::NameOrEmpty>, inline)]
    pub patronymic: Option<String>,
    /// Language and script of the name (BCP 47); `uk` if left out.
    #[schema(value_type = Option<values::Lang>, inline)]
    pub lang: Option<String>,
    /// Free text, e.g. "in detention since 2023".
    #[serde(default)]
    #[schema(value_type = values::Short, inline)]
    pub status: String,
    #[serde(default)]
    #[schema(value_type = values::Short, inline)]
    pub contact: String,
}

impl FamilyMemberIn {
    fn check(&self) -> Result<Option<&str>, ApiError> {
        let at = In::Body;
        values::NAME.check(at, "given_name", &self.given_name)?;
        values::NAME.check(at, "family_name", &self.family_name)?;
        if let Some(p) = &self.patronymic {
            values::OPTIONAL_NAME.check(at, "patronymic", p)?;
        }
        values::SHORT.check(at, "status", &self.status)?;
        values::SHORT.check(at, "contact", &self.contact)?;
        values::lang(at, "lang", self.lang.as_deref())
    }
}

/// Adds a family member or guardian to a child's record.
#[utoipa::path(
    post,
    path = "/children/{id}/family-members",
    tag = "children",
    params(("id" = String, Path, description = "The child's id")),
    request_body = FamilyMemberIn,
    responses(
        (status = 201, body = Created),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn add_family_member(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FamilyMemberIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let child = writable_child(&state, &user.actor, &id).await?;
    let lang = input.check()?;
    let member_id = FamilyMemberId(Store::new_id());
    state
        .store
        .execute(
            &user.actor,
            Command::AddFamilyMember {
                member_id: member_id.clone(),
                child_id: child.id,
                relationship: input.relationship,
                details: FamilyMemberDetails {
                    name: person_name(
                        &input.given_name,
                        &input.family_name,
                        input.patronymic.as_deref(),
                        lang,
                    ),
                    status: input.status,
                    contact: input.contact,
                },
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: member_id.0 })))
}

// ------------------------------------------------------------- access log

/// One read of a record.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccessOut {
    /// The ledger entry that records the read.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    pub user_id: String,
    pub login: Option<String>,
    pub org_id: String,
    /// `child`, `case`, `tracing_request` or `manifest`.
    pub record_kind: String,
    pub record_id: String,
    /// The endpoint or page the record was read through.
    pub via: String,
}

pub fn access_out(a: &homeward_store::read::AccessLogRow) -> AccessOut {
    AccessOut {
        seq: a.seq,
        at: rfc3339_micros(a.at),
        user_id: a.user_id.0.clone(),
        login: a.login.clone(),
        org_id: a.org_id.0.clone(),
        record_kind: a.record_kind.as_str().to_owned(),
        record_id: a.record_id.clone(),
        via: a.via.clone(),
    }
}

/// Who read this child's record, when and through what, newest first
/// (coordinators and auditors).
#[utoipa::path(
    get,
    path = "/children/{id}/access-log",
    tag = "children",
    params(("id" = String, Path, description = "The child's id"), Paging),
    responses(
        (status = 200, body = ListOut<AccessOut>),
        (status = 403, description = "Only coordinators and auditors see the access log", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn child_access_log(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<ListOut<AccessOut>>, ApiError> {
    gate(
        &user.actor,
        Action::Read,
        &Resource::AccessLog,
        "see the access log",
    )?;
    let child = state
        .store
        .child_summary(&ChildId(id))
        .await?
        .ok_or_else(|| ApiError::not_found("child"))?;
    let page = state
        .store
        .access_log(&AccessLogFilter {
            record_kind: Some(RecordKind::Child),
            record_id: Some(child.id.0),
            user: None,
            limit: paging.limit(),
            offset: paging.offset(),
        })
        .await?;
    Ok(Json(ListOut {
        items: page.items.iter().map(access_out).collect(),
        total: page.total,
    }))
}
