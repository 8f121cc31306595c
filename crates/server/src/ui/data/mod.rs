//! What the pages show, read through the store and shaped for templates.
//!
//! This is the UI's one adapter over the store's read side and the access
//! policy: every record passes through `homeward_domain::access::can` here,
//! hidden fields are left out here, and every look at a child's record is
//! logged here. Templates never see a domain or store type.

use homeward_domain::access::{self, Action, Field, Resource, viewer};
use homeward_domain::event::RecordKind;
use homeward_domain::{
    Actor, CaseAction, CaseId, CaseState, ChildDetails, ChildId, Circumstance, Command, NameKind,
    OrgId, OrgKind, PersonName, Sex,
};
use homeward_store::read::{AccessLogFilter, ChildFilter, TracingFilter};
use homeward_store::{Store, StoreError};
use std::collections::HashMap;

mod cases;
pub use cases::{CaseView, age_on};

pub fn sees_children(actor: &Actor) -> bool {
    access::can(actor, Action::Read, &Resource::Children).allowed()
}

/// Administrators of the mediator manage organisations and users.
pub fn is_admin(actor: &Actor) -> bool {
    actor.is_mediator() && actor.role == homeward_domain::Role::Admin
}

/// Coordinators of the mediator erase personal data.
pub fn is_coordinator(actor: &Actor) -> bool {
    actor.is_mediator() && actor.role == homeward_domain::Role::Coordinator
}

pub fn sees_access_log(actor: &Actor) -> bool {
    access::can(actor, Action::Read, &Resource::AccessLog).allowed()
}

pub use crate::names::latin;

/// A date and time in UTC from microseconds since the epoch, as
/// `YYYY-MM-DD HH:MM`.
pub fn utc_minutes(micros: i64) -> String {
    let secs = micros.div_euclid(1_000_000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// Today's date in UTC as (year, month, day).
pub fn today() -> (i64, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    civil_from_days(secs.div_euclid(86_400))
}

/// Days since 1970-01-01 to a calendar date, by the domain's calendar.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let (y, m, d) = homeward_domain::transit::civil_date(z * 86_400);
    (i64::from(y), u32::from(m), u32::from(d))
}

/// The steps `actor` may take on a case in `state`, as the domain's roles
/// and state machine allow; preconditions are left to the store, which
/// refuses with a reason the page shows.
pub fn steps_for(actor: &Actor, state: CaseState) -> Vec<CaseAction> {
    CaseAction::ALL
        .into_iter()
        .filter(|a| a.roles().contains(&actor.role) && actor.role.allowed_in(actor.org_kind))
        .filter(|a| starts_from(*a, state))
        .collect()
}

fn starts_from(action: CaseAction, state: CaseState) -> bool {
    use CaseAction as A;
    use CaseState as S;
    match action {
        A::Hold => state.is_open() && state != S::OnHold,
        A::Dispute => state.is_open() && state != S::Disputed,
        A::Withdraw => state.is_open(),
        A::Resume => matches!(state, S::OnHold | S::Disputed),
        A::Verify => state == S::Identified,
        A::LocateFamily => state == S::Verified,
        A::RecordConsent => state == S::FamilyLocated,
        A::Submit => state == S::ConsentRecorded,
        A::Approve => state == S::Submitted,
        // Taken on the trip: booking, the first departure, the last handover.
        A::PlanTransit | A::Depart | A::HandOver => false,
        A::CancelTransit => state == S::TransitPlanned,
        A::Reopen => state == S::Closed,
        A::Reunite => state == S::HandedOver,
        A::Close => state == S::Reunited,
    }
}

/// Rows on one page of a list.
pub const PAGE_SIZE: u32 = 25;

/// One bar of a chart: a label, a count, and its share of the largest bar
/// in percent (0–100), for an SVG width.
pub struct Bar {
    pub key: String,
    pub label: String,
    pub count: i64,
    pub percent: i64,
}

fn bars(items: Vec<(String, String, i64)>) -> Vec<Bar> {
    let max = items.iter().map(|i| i.2).max().unwrap_or(0).max(1);
    items
        .into_iter()
        .map(|(key, label, count)| Bar {
            key,
            label,
            count,
            percent: (count * 100 + max / 2) / max,
        })
        .collect()
}

pub struct Dashboard {
    pub total: i64,
    pub by_state: Vec<Bar>,
    /// Cases by the party that submitted the child.
    pub by_party: Vec<Bar>,
    /// Children reunited per month, oldest first; `key` is `YYYY-MM`.
    pub returned: Vec<Bar>,
}

/// The dashboard's counts, over the cases the actor may see.
pub async fn dashboard(store: &Store, actor: &Actor) -> Result<Dashboard, StoreError> {
    let v = viewer(actor);
    let by_state = store.case_counts_by_state(&v).await?;
    let mut by_party: Vec<(String, String, i64)> = Vec::new();
    for row in store.case_counts_by_party(&v).await? {
        match by_party.iter_mut().find(|p| p.0 == row.org_id.0) {
            Some(p) => p.2 += row.count,
            None => by_party.push((row.org_id.0.clone(), row.org_name.clone(), row.count)),
        }
    }
    let returned = store.reunited_per_month(&v).await?;
    Ok(Dashboard {
        total: by_state.iter().map(|(_, n)| n).sum(),
        by_state: bars(
            by_state
                .into_iter()
                .map(|(s, n)| (s.as_str().to_owned(), s.as_str().to_owned(), n))
                .collect(),
        ),
        by_party: bars(by_party),
        returned: bars(
            returned
                .into_iter()
                .map(|(m, n)| (m.clone(), m, n))
                .collect(),
        ),
    })
}

async fn org_names(store: &Store) -> Result<HashMap<String, String>, StoreError> {
    Ok(store
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id.0, o.name))
        .collect())
}

pub struct Party {
    pub id: String,
    pub name: String,
}

/// The parties, for the "submitted by" filter.
pub async fn parties(store: &Store) -> Result<Vec<Party>, StoreError> {
    Ok(store
        .organisations()
        .await?
        .into_iter()
        .filter(|o| o.kind == OrgKind::Party)
        .map(|o| Party {
            id: o.id.0,
            name: o.name,
        })
        .collect())
}

/// A person's name as one line: given name, patronymic, family name.
pub fn full_name(n: &PersonName) -> String {
    [
        n.given_name.as_str(),
        n.patronymic.as_deref().unwrap_or(""),
        n.family_name.as_str(),
    ]
    .iter()
    .filter(|p| !p.trim().is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ")
}

/// A child's name as recorded, and in Latin letters.
pub fn display_name(details: Option<&ChildDetails>) -> (String, String) {
    let first = details.and_then(|d| d.names.first());
    let name = first.map(full_name).unwrap_or_else(|| "—".to_owned());
    let latin = first.map_or(String::new(), |n| latin(&name, &n.lang));
    (name, latin)
}

/// The language of a name without its script subtag: `uk-Latn` → `uk`.
fn base_lang(lang: &str) -> &str {
    lang.split('-').next().unwrap_or(lang)
}

fn sex_key(sex: Option<Sex>) -> &'static str {
    match sex {
        Some(Sex::M) => "M",
        Some(Sex::F) => "F",
        None => "unknown",
    }
}

fn born(details: &ChildDetails) -> String {
    details
        .birth_date
        .map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// What the children list asked for, as typed (kept for the form).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct ChildQuery {
    pub q: String,
    pub state: String,
    pub party: String,
    pub sex: String,
    pub birth_year: String,
    pub page: String,
}

impl ChildQuery {
    /// The page number, from 1.
    pub fn page(&self) -> i64 {
        self.page
            .trim()
            .parse::<i64>()
            .unwrap_or(1)
            .clamp(1, 100_000)
    }

    /// The query string for another page of the same search.
    pub fn href_for_page(&self, page: i64) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.q),
            ("state", &self.state),
            ("party", &self.party),
            ("sex", &self.sex),
            ("birth_year", &self.birth_year),
        ] {
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", super::encode_component(v.trim())));
            }
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/children".to_owned()
        } else {
            format!("/children?{}", parts.join("&"))
        }
    }

    /// Where the same search downloads as a spreadsheet.
    pub fn export_href(&self, format: &str) -> String {
        let page = self.href_for_page(1);
        match page.split_once('?') {
            Some((_, query)) => format!("/children/export?format={format}&{query}"),
            None => format!("/children/export?format={format}"),
        }
    }

    /// The store's filter; values that do not parse are ignored, as if the
    /// field had been left empty.
    pub fn filter(&self) -> ChildFilter {
        let year = self.birth_year.trim().parse::<i32>().ok();
        ChildFilter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            org: Some(self.party.trim())
                .filter(|p| !p.is_empty())
                .map(OrgId::from),
            sex: match self.sex.trim() {
                "M" => Some(Sex::M),
                "F" => Some(Sex::F),
                _ => None,
            },
            born_from: year,
            born_to: year,
            custody: None,
            case_state: self.state.trim().parse::<CaseState>().ok(),
            limit: PAGE_SIZE,
            offset: ((self.page() - 1) * i64::from(PAGE_SIZE)).min(i64::from(u32::MAX)) as u32,
        }
    }
}

pub struct ChildRow {
    pub id: String,
    pub name: String,
    pub latin: String,
    pub lang: String,
    pub sex: &'static str,
    pub born: String,
    pub submitted_by: String,
    pub case_state: Option<&'static str>,
    pub erased: bool,
}

pub struct Listed<T> {
    pub rows: Vec<T>,
    pub total: i64,
}

/// A page of the children list. Like the API's list, it is not logged as a
/// read of each child: the child's page is.
pub async fn children(
    store: &Store,
    actor: &Actor,
    query: &ChildQuery,
) -> Result<Listed<ChildRow>, StoreError> {
    let page = store.children(&viewer(actor), &query.filter()).await?;
    let orgs = org_names(store).await?;
    let shown: Vec<_> = page
        .items
        .into_iter()
        .filter(|item| access::can(actor, Action::Read, &Resource::Child(&item.scope)).allowed())
        .collect();
    store
        .record_accesses(
            actor,
            shown.iter().filter_map(|c| c.accessed()).collect(),
            VIA_CHILDREN_PAGE,
        )
        .await?;
    let mut rows = Vec::with_capacity(shown.len());
    for item in shown {
        let name = item.details.as_ref().and_then(|d| d.names.first());
        let lang = name.map_or("", |n| base_lang(&n.lang)).to_owned();
        let display = name.map(full_name).unwrap_or_default();
        rows.push(ChildRow {
            id: item.id.0.clone(),
            latin: latin(&display, name.map_or("", |n| n.lang.as_str())),
            name: display,
            lang,
            sex: sex_key(item.details.as_ref().and_then(|d| d.sex)),
            born: item.details.as_ref().map_or_else(|| "—".to_owned(), born),
            submitted_by: orgs.get(item.org_id.as_str()).cloned().unwrap_or_default(),
            case_state: item.case.map(|(_, s)| s.as_str()),
            erased: item.erased || item.details.is_none(),
        });
    }
    Ok(Listed {
        rows,
        total: page.total,
    })
}

pub struct NameRow {
    pub original: String,
    pub latin: String,
    pub kind: &'static str,
    pub lang: String,
}

pub struct CircumstanceRow {
    pub kind: &'static str,
    pub note: Option<String>,
}

pub struct CustodyView {
    pub since: String,
    pub kind: &'static str,
    pub place: String,
    pub address: String,
}

pub struct FamilyView {
    pub name: String,
    pub latin: String,
    pub relationship: &'static str,
    pub status: String,
}

pub struct TracingView {
    pub requester: String,
    pub relationship: Option<&'static str>,
    pub filed_by: String,
    pub last_seen: String,
}

pub struct AccessView {
    pub when: String,
    pub who: String,
    pub via: String,
}

pub struct ChildView {
    pub id: String,
    pub title: String,
    pub title_latin: String,
    pub lang: String,
    pub names: Vec<NameRow>,
    pub sex: &'static str,
    pub born: String,
    pub birth_place: String,
    pub submitted_by: String,
    pub list_name: String,
    pub documents: Vec<String>,
    pub circumstances: Vec<CircumstanceRow>,
    pub custody: Vec<CustodyView>,
    pub show_addresses: bool,
    pub family: Vec<FamilyView>,
    pub tracing: Vec<TracingView>,
    pub cases: Vec<CaseView>,
    /// For those who may read the access log (coordinators).
    pub access_log: Option<Vec<AccessView>>,
    /// A coordinator may erase the child's personal data (not yet erased).
    pub can_erase: bool,
    /// The records the child is made of, when more than one (a confirmed
    /// match joined them).
    pub sources: Vec<SourceView>,
    /// For a coordinator, when the child has no open case: the form to open one.
    pub open_case: Option<OpenCaseView>,
}

/// The parties a case may be opened between, with the likely pair chosen:
/// the party whose list holds the record, and the first party of the
/// other side.
pub struct OpenCaseView {
    pub parties: Vec<Party>,
    pub reporting: String,
    pub holding: String,
}

/// One party's record of a joined child.
pub struct SourceView {
    pub party: String,
    pub list_name: String,
    pub external_id: String,
    pub names: String,
}

fn name_kind(k: NameKind) -> &'static str {
    match k {
        NameKind::Recorded => "recorded",
        NameKind::Document => "document",
        NameKind::Former => "former",
        NameKind::Other => "other",
    }
}

fn circumstance(c: &Circumstance, shows_note: bool) -> CircumstanceRow {
    let (kind, note) = match c {
        Circumstance::ParentDetained { note } => ("parent_detained", note),
        Circumstance::MedicalNeeds { note } => ("medical_needs", note),
        Circumstance::LostContact { note } => ("lost_contact", note),
        Circumstance::Other { note } => ("other", note),
    };
    CircumstanceRow {
        kind,
        note: (shows_note && !note.trim().is_empty()).then(|| note.clone()),
    }
}

/// How the list pages appear in the access log.
pub const VIA_CHILDREN_PAGE: &str = "page /children";
pub const VIA_TRACING_PAGE: &str = "page /tracing-requests";

/// A child's record as the actor may see it, or `None` when it does not
/// exist or is outside the actor's view (the page answers 404 for both).
/// With `via`, the look is logged.
pub async fn child(
    store: &Store,
    actor: &Actor,
    id: &str,
    ui_lang: &str,
    via: Option<&str>,
) -> Result<Option<ChildView>, StoreError> {
    let lang = crate::ui::i18n::Lang::from_tag(ui_lang).unwrap_or(crate::ui::i18n::Lang::En);
    let Some(record) = store.child(&ChildId::from(id)).await? else {
        return Ok(None);
    };
    let seen = access::can(actor, Action::Read, &Resource::Child(&record.summary.scope));
    if !seen.allowed() {
        return Ok(None);
    }
    let joined = crate::sources::resolve(store, actor, record, seen).await?;
    if let Some(via) = via {
        store
            .record_access(actor, RecordKind::Child, joined.shown_ids(), via)
            .await?;
    }
    let crate::sources::Joined {
        record,
        access: seen,
        sources,
    } = joined;
    let id = record.summary.id.as_str();
    let hide_notes = seen.hides(Field::InternalNotes);
    let hide_addresses = seen.hides(Field::CustodyAddresses);
    let organisations = store.organisations().await?;
    let orgs: HashMap<String, String> = organisations
        .iter()
        .map(|o| (o.id.0.clone(), o.name.clone()))
        .collect();
    let org_name = |o: &OrgId| orgs.get(o.as_str()).cloned().unwrap_or_default();
    let summary = &record.summary;
    let open_case = (is_coordinator(actor)
        && !summary.erased
        && summary.details.is_some()
        && !record.cases.iter().any(|c| c.summary.state.is_open()))
    .then(|| {
        let parties: Vec<_> = organisations
            .iter()
            .filter(|o| o.kind == OrgKind::Party)
            .collect();
        let side_of = |id: &OrgId| parties.iter().find(|p| &p.id == id).and_then(|p| p.side);
        let reporting = summary.org_id.clone();
        let holding = parties
            .iter()
            .find(|p| p.side.is_some() && p.side != side_of(&reporting))
            .map_or_else(String::new, |p| p.id.0.clone());
        OpenCaseView {
            parties: parties
                .iter()
                .map(|p| Party {
                    id: p.id.0.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            reporting: reporting.0,
            holding,
        }
    });
    let details = summary.details.clone().unwrap_or_default();

    let names: Vec<NameRow> = details
        .names
        .iter()
        .map(|n| {
            let original = full_name(n);
            NameRow {
                latin: latin(&original, &n.lang),
                original,
                kind: name_kind(n.kind),
                lang: n.lang.clone(),
            }
        })
        .collect();
    let first = details.names.first();
    let title = first.map(full_name).unwrap_or_else(|| "—".to_owned());
    let title_latin = first.map_or(String::new(), |n| latin(&title, &n.lang));

    let family_names: HashMap<String, String> = record
        .family
        .iter()
        .filter_map(|f| Some((f.id.0.clone(), cases::member_label(f.details.as_ref()?))))
        .collect();
    let case_child = cases::ChildFacts {
        documents: details.documents.len(),
        family: record
            .family
            .iter()
            .map(|f| (f.id.clone(), f.relationship))
            .collect(),
        names: family_names,
        sides: organisations
            .iter()
            .filter(|o| o.kind == OrgKind::Party)
            .filter_map(|o| Some((o.id.0.clone(), o.side?)))
            .collect(),
        age_today: details.birth_date.as_ref().and_then(|b| age_on(b, today())),
    };
    let users = if actor.is_mediator() && !record.cases.is_empty() {
        store.users().await?
    } else {
        Vec::new()
    };
    let mut cases = Vec::new();
    for c in &record.cases {
        let group = group_facts(store, actor, c, &details).await?;
        if let Some(view) = cases::case_view(
            actor,
            c,
            &case_child,
            group,
            hide_notes,
            &orgs,
            &users,
            store.rules(),
            lang,
        ) {
            cases.push(view);
        }
    }

    let access_log = if sees_access_log(actor) {
        let page = store
            .access_log(&AccessLogFilter {
                record_kind: Some(RecordKind::Child),
                record_id: Some(id.to_owned()),
                user: None,
                limit: 50,
                offset: 0,
            })
            .await?;
        Some(
            page.items
                .into_iter()
                .map(|a| AccessView {
                    when: lang.date_time_micros(a.at),
                    who: a.login.unwrap_or(a.user_id.0),
                    via: a.via,
                })
                .collect(),
        )
    } else {
        None
    };

    let sources = if sources.len() > 1 {
        sources
            .iter()
            .map(|s| SourceView {
                party: org_name(&s.org_id),
                list_name: s.list_name.clone(),
                external_id: s.external_id.clone().unwrap_or_default(),
                names: s.details.as_ref().map_or_else(String::new, |d| {
                    d.names.iter().map(full_name).collect::<Vec<_>>().join("; ")
                }),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Some(ChildView {
        open_case,
        sources,
        can_erase: is_coordinator(actor) && !summary.erased && summary.details.is_some(),
        id: summary.id.0.clone(),
        lang: first.map_or("", |n| base_lang(&n.lang)).to_owned(),
        title,
        title_latin,
        names,
        sex: sex_key(details.sex),
        born: born(&details),
        birth_place: details
            .birth_place
            .as_ref()
            .and_then(|p| p.name_in(ui_lang))
            .unwrap_or("—")
            .to_owned(),
        submitted_by: org_name(&summary.org_id),
        list_name: summary.list_name.clone(),
        documents: details.documents.iter().map(|d| d.number.clone()).collect(),
        circumstances: details
            .circumstances
            .iter()
            .map(|c| circumstance(c, access::shows_circumstance_note(actor, seen, c)))
            .collect(),
        custody: record
            .custody
            .iter()
            .map(|c| CustodyView {
                since: c.since.clone(),
                kind: c.kind.as_str(),
                place: c
                    .place
                    .as_ref()
                    .map(|p| p.place_name.clone())
                    .unwrap_or_default(),
                address: if hide_addresses {
                    String::new()
                } else {
                    c.place
                        .as_ref()
                        .map(|p| p.address.clone())
                        .unwrap_or_default()
                },
            })
            .collect(),
        show_addresses: !hide_addresses,
        family: record
            .family
            .iter()
            .map(|f| {
                let name = f
                    .details
                    .as_ref()
                    .map(|d| full_name(&d.name))
                    .unwrap_or_default();
                let lang = f.details.as_ref().map_or("", |d| d.name.lang.as_str());
                FamilyView {
                    latin: latin(&name, lang),
                    name,
                    relationship: f.relationship.as_str(),
                    status: f
                        .details
                        .as_ref()
                        .map(|d| d.status.clone())
                        .unwrap_or_default(),
                }
            })
            .collect(),
        tracing: record
            .tracing_requests
            .iter()
            .filter(|t| {
                access::can(
                    actor,
                    Action::Read,
                    &Resource::TracingRequest {
                        filed_by: &t.org_id,
                    },
                )
                .allowed()
            })
            .map(|t| TracingView {
                requester: t
                    .details
                    .as_ref()
                    .map(|d| full_name(&d.requester))
                    .unwrap_or_default(),
                relationship: t
                    .details
                    .as_ref()
                    .and_then(|d| d.requester_relationship)
                    .map(|r| r.as_str()),
                filed_by: org_name(&t.org_id),
                last_seen: t
                    .details
                    .as_ref()
                    .map(|d| d.last_seen.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        cases,
        access_log,
    }))
}

/// Cases before submission, of the states a group is formed in.
fn groupable(state: CaseState) -> bool {
    matches!(
        state,
        CaseState::Identified
            | CaseState::Verified
            | CaseState::FamilyLocated
            | CaseState::ConsentRecorded
    )
}

/// A case's group (the other cases and whether each is ready to be
/// submitted), or for a coordinator on an ungrouped case, the cases of
/// children whose names match this child's family name: likely siblings.
/// Their names are shown, so those looks are logged.
async fn group_facts(
    store: &Store,
    actor: &Actor,
    c: &homeward_store::read::CaseRecord,
    details: &ChildDetails,
) -> Result<cases::GroupFacts, StoreError> {
    if let Some((group, kind)) = &c.summary.group {
        let mut members = Vec::new();
        for m in store.case_group(group).await? {
            if m.id == c.summary.id {
                continue;
            }
            let ready = match store.case(&m.id).await? {
                Some(r) => {
                    r.summary.state == CaseState::ConsentRecorded
                        && r.assessments.iter().rev().find_map(|a| match a.finding {
                            homeward_store::read::Finding::BestInterests(o) => Some(o),
                            _ => None,
                        }) == Some(homeward_domain::BestInterestsOutcome::Return)
                        && r.assessments.iter().any(|a| {
                            matches!(a.finding, homeward_store::read::Finding::ChildViews(_))
                        })
                }
                None => false,
            };
            members.push(cases::GroupMemberView {
                child_id: m.child_id.0.clone(),
                case_id: m.id.0.clone(),
                state: m.state.as_str(),
                ready,
            });
        }
        return Ok(cases::GroupFacts {
            group: Some(cases::GroupView {
                kind: kind.as_str(),
                members,
            }),
            candidates: Vec::new(),
        });
    }
    let offer = is_coordinator(actor) && groupable(c.summary.state);
    let Some(family) = details
        .names
        .first()
        .map(|n| n.family_name.trim())
        .filter(|f| offer && !f.is_empty())
    else {
        return Ok(cases::GroupFacts::default());
    };
    let found = store
        .children(
            &viewer(actor),
            &ChildFilter {
                q: Some(family.to_owned()),
                limit: 10,
                ..ChildFilter::default()
            },
        )
        .await?;
    let mut candidates = Vec::new();
    let mut shown = Vec::new();
    for child in found.items {
        let Some((case_id, state)) = &child.case else {
            continue;
        };
        if child.id == c.summary.child_id || *case_id == c.summary.id || !groupable(*state) {
            continue;
        }
        let Some(other) = store.case_summary(case_id).await? else {
            continue;
        };
        if other.group.is_some() {
            continue;
        }
        let name = child
            .details
            .as_ref()
            .and_then(|d| d.names.first())
            .map(full_name)
            .unwrap_or_default();
        shown.push(child.id.0.clone());
        candidates.push(cases::GroupCandidate {
            case_id: case_id.0.clone(),
            label: format!(
                "{name} ({})",
                child.details.as_ref().map(born).unwrap_or_default()
            ),
        });
    }
    if !shown.is_empty() {
        store
            .record_access(actor, RecordKind::Child, shown, VIA_GROUP_FORM)
            .await?;
    }
    Ok(cases::GroupFacts {
        group: None,
        candidates,
    })
}

/// How the group form's candidates appear in the access log.
pub const VIA_GROUP_FORM: &str = "page /children/{id} (siblings to group)";

/// What came of a step asked for on a case.
pub enum StepOutcome {
    /// The child or the case does not exist or is outside the actor's view.
    NotFound,
    /// The page never offers this step to this actor in this state.
    NotOffered,
    Done(CaseState),
    /// The domain refused, naming the rule that failed.
    Refused(homeward_domain::Refusal),
}

/// Takes a step on a case of a child, through the one write path.
pub async fn take_step(
    store: &Store,
    actor: &Actor,
    child_id: &str,
    case_id: &str,
    action: &str,
    reason: Option<String>,
) -> Result<StepOutcome, StoreError> {
    let Some(summary) = store.child_summary(&ChildId::from(child_id)).await? else {
        return Ok(StepOutcome::NotFound);
    };
    if !access::can(actor, Action::Read, &Resource::Child(&summary.scope)).allowed() {
        return Ok(StepOutcome::NotFound);
    }
    let Some(case) = store.case(&CaseId::from(case_id)).await? else {
        return Ok(StepOutcome::NotFound);
    };
    let scope = &case.summary.scope;
    if case.summary.child_id.as_str() != child_id
        || !access::can(actor, Action::Read, &Resource::Case(scope)).allowed()
    {
        return Ok(StepOutcome::NotFound);
    }
    let Ok(action) = action.parse::<CaseAction>() else {
        return Ok(StepOutcome::NotOffered);
    };
    if !access::can(actor, Action::Write, &Resource::Case(scope)).allowed()
        || !steps_for(actor, case.summary.state).contains(&action)
    {
        return Ok(StepOutcome::NotOffered);
    }
    let command = Command::TransitionCase {
        case_id: case.summary.id.clone(),
        action,
        reason: reason.filter(|r| !r.trim().is_empty()),
    };
    match store.execute(actor, command).await {
        Ok(_) => Ok(StepOutcome::Done(store.case_state(&case.summary.id).await?)),
        Err(StoreError::Refused(r)) => Ok(StepOutcome::Refused(r)),
        Err(e) => Err(e),
    }
}

pub struct TracingRow {
    pub id: String,
    /// Its personal part was erased: nothing else is shown.
    pub erased: bool,
    /// A coordinator may erase it.
    pub can_erase: bool,
    pub child: String,
    pub child_latin: String,
    pub lang: String,
    pub born: String,
    pub requester: String,
    pub relationship: Option<&'static str>,
    pub filed_by: String,
    pub last_seen: String,
    pub child_id: Option<String>,
    /// How it ended, once closed.
    pub outcome: Option<&'static str>,
    /// The outcomes the reader may close it with (none once closed, or for
    /// readers who may not close it; `found` only once linked).
    pub close_with: Vec<&'static str>,
}

/// A page of tracing requests.
pub async fn tracing_requests(
    store: &Store,
    actor: &Actor,
    page: i64,
) -> Result<Listed<TracingRow>, StoreError> {
    let filter = TracingFilter {
        org: None,
        status: None,
        limit: PAGE_SIZE,
        offset: ((page - 1).max(0) * i64::from(PAGE_SIZE)).min(i64::from(u32::MAX)) as u32,
    };
    let listed = store.tracing_requests(&viewer(actor), &filter).await?;
    let orgs = org_names(store).await?;
    let shown: Vec<_> = listed
        .items
        .into_iter()
        .filter(|t| {
            access::can(
                actor,
                Action::Read,
                &Resource::TracingRequest {
                    filed_by: &t.org_id,
                },
            )
            .allowed()
        })
        .collect();
    store
        .record_accesses(
            actor,
            shown.iter().flat_map(|t| t.accessed()).collect(),
            VIA_TRACING_PAGE,
        )
        .await?;
    let mut rows = Vec::new();
    for t in shown {
        let erased = t.details.is_none();
        let may_close = !erased
            && t.outcome.is_none()
            && ((actor.is_mediator()
                && matches!(
                    actor.role,
                    homeward_domain::Role::Coordinator | homeward_domain::Role::Caseworker
                ))
                || (actor.role == homeward_domain::Role::PartyOfficer && actor.org == t.org_id));
        let close_with = if may_close {
            homeward_domain::TracingOutcome::ALL
                .iter()
                .filter(|o| **o != homeward_domain::TracingOutcome::Found || t.child_id.is_some())
                .map(|o| o.as_str())
                .collect()
        } else {
            Vec::new()
        };
        let d = t.details.unwrap_or_default();
        let sought = d.child.names.first();
        let child = sought.map(full_name).unwrap_or_default();
        rows.push(TracingRow {
            id: t.id.0.clone(),
            erased,
            can_erase: is_coordinator(actor) && !erased,
            child_latin: latin(&child, sought.map_or("", |n| n.lang.as_str())),
            lang: sought.map_or("", |n| base_lang(&n.lang)).to_owned(),
            child,
            born: born(&d.child),
            requester: full_name(&d.requester),
            relationship: d.requester_relationship.map(|r| r.as_str()),
            filed_by: orgs.get(t.org_id.as_str()).cloned().unwrap_or_default(),
            last_seen: d.last_seen,
            child_id: t.child_id.map(|c| c.0),
            outcome: t.outcome.map(|o| o.as_str()),
            close_with,
        });
    }
    Ok(Listed {
        rows,
        total: listed.total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use homeward_domain::{OrgId, OrgKind, Role, UserId};

    fn actor(role: Role, kind: OrgKind) -> Actor {
        Actor {
            user: UserId("u".into()),
            org: OrgId("o".into()),
            org_kind: kind,
            role,
        }
    }

    #[test]
    fn names_are_romanized_by_their_language() {
        for (name, lang, expect) in [
            ("Соломія Шевчук", "uk", "Solomiia Shevchuk"),
            ("Олександр Шевченко", "uk", "Oleksandr Shevchenko"),
            ("Александр Шевченко", "ru", "Aleksandr Shevchenko"),
            ("Oleksandr Shevchenko", "uk-Latn", "Oleksandr Shevchenko"),
            ("Solomiia", "uk", "Solomiia"),
        ] {
            assert_eq!(latin(name, lang), expect, "{name} ({lang})");
        }
    }

    #[test]
    fn timestamps_are_shown_in_utc() {
        assert_eq!(utc_minutes(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minutes(1_795_787_587_000_000), "2026-11-27 13:53 UTC");
        assert_eq!(utc_minutes(951_868_799_000_000), "2000-02-29 23:59 UTC");
    }

    #[test]
    fn steps_offered_follow_role_and_state() {
        use CaseAction as A;
        use CaseState as S;
        let coordinator = actor(Role::Coordinator, OrgKind::Mediator);
        let caseworker = actor(Role::Caseworker, OrgKind::Mediator);
        let party = actor(Role::PartyOfficer, OrgKind::Party);
        let auditor = actor(Role::Auditor, OrgKind::Mediator);
        for (who, state, expect) in [
            (&caseworker, S::Identified, vec![A::Verify, A::Hold]),
            (
                &coordinator,
                S::Identified,
                vec![A::Verify, A::Hold, A::Dispute, A::Withdraw],
            ),
            (
                &coordinator,
                S::OnHold,
                vec![A::Dispute, A::Withdraw, A::Resume],
            ),
            (&coordinator, S::Closed, vec![A::Reopen]),
            (&caseworker, S::Closed, vec![]),
            // Booking, departure and handover are taken on the trip.
            (
                &coordinator,
                S::Approved,
                vec![A::Hold, A::Dispute, A::Withdraw],
            ),
            (&party, S::Submitted, vec![A::Dispute]),
            (&party, S::Disputed, vec![]),
            (&auditor, S::Identified, vec![]),
        ] {
            assert_eq!(steps_for(who, state), expect, "{:?} in {state}", who.role);
        }
    }

    #[test]
    fn every_step_offered_passes_the_domain_role_and_state_checks() {
        // The page must never offer what the domain's `target` refuses for
        // role or state; only preconditions may still fail.
        use homeward_domain::case::{CaseFacts, TransitionError, target};
        for role in Role::ALL {
            for kind in [OrgKind::Mediator, OrgKind::Party, OrgKind::Transit] {
                let mut who = actor(role, kind);
                who.org = OrgId("a".into());
                for state in CaseState::ALL {
                    let mut facts = CaseFacts::new(OrgId("a".into()), OrgId("b".into()));
                    facts.state = state;
                    facts.resume_to = vec![CaseState::Verified];
                    facts.trip = Some(homeward_domain::case::TripFacts {
                        trip_id: homeward_domain::TripId("t".into()),
                        legs: 1,
                        escorts: vec![UserId("u".into())],
                    });
                    for action in CaseAction::ALL {
                        let offered = steps_for(&who, state).contains(&action);
                        let decided = target(&facts, &who, action, Some("reason"));
                        // Steps taken on the trip are never offered here.
                        let role_or_state_ok = !matches!(
                            decided,
                            Err(TransitionError::RoleNotAllowed { .. })
                                | Err(TransitionError::WrongState { .. })
                                | Err(TransitionError::Precondition(
                                    homeward_domain::Unmet::TripStep
                                ))
                        );
                        assert_eq!(
                            offered, role_or_state_ok,
                            "{role} of a {kind} org, {action} in {state}: {decided:?}"
                        );
                    }
                }
            }
        }
    }
}
