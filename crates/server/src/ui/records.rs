//! Keeping a child's record in the browser: registering a child
//! (`/children/new`), correcting the record (`/children/{id}/edit`) and, on
//! the child's page, adding a family member or guardian and recording
//! where the child lives (those two forms are macros in
//! `templates/child_record_forms.html`).
//!
//! The commands are the API's (`api/children.rs`), and every value is read
//! by the rules the API reads its bodies with (`api::values`), so the page
//! and the API cannot drift apart; the domain's `decide` still has the last
//! word. A problem shows the same form again, with what was typed and a
//! sentence in the reader's language next to the field (422). Nothing
//! typed is logged or quoted in a message: all of it is personal data.

mod child_form;
mod child_page;

use self::child_form::{ChildForm, DOCUMENT_KINDS, NAME_KINDS, NAME_LANGS, Problem};
pub use self::child_page::RecordForms;
use self::child_page::{CustodyForm, FamilyForm};
use super::children::show_child_with;
use super::data::{self, Party};
use super::{Chrome, Ctx, SignedIn, UiUser, encode_component, refused_page, render, same_origin};
use crate::AppState;
use crate::api::values;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use homeward_domain::access::{Action, Resource, can};
use homeward_domain::{
    Actor, ChildDetails, ChildId, Command, FamilyMemberId, OrgId, OrgKind, Refusal, Role,
};
use homeward_store::read::ChildSummary;
use homeward_store::{Store, StoreError};

/// The list a child registered here goes on when the form names none.
const UI_LIST: &str = "Registered in the web UI";

// ------------------------------------------------------------ who may

/// The registry's write: mediator staff for any party, a party officer for
/// its own organisation.
pub fn registers_children(actor: &Actor) -> bool {
    can(actor, Action::Write, &Resource::Children).allowed()
}

/// Coordinators and caseworkers of the mediator: they choose the party whose
/// list a child goes on, and only they record custody at the embassy.
fn is_mediator_staff(actor: &Actor) -> bool {
    actor.is_mediator() && matches!(actor.role, Role::Coordinator | Role::Caseworker)
}

/// May `actor` change this record (amend it, add a relative, record
/// custody)? The policy's write on the record, which is what `decide`
/// asks of those commands (mediator staff, or the party that submitted
/// it); an erased record takes nothing new.
fn keeps_record(actor: &Actor, child: &ChildSummary) -> bool {
    can(actor, Action::Write, &Resource::Child(&child.scope)).allowed()
        && !child.erased
        && child.details.is_some()
}

/// The day, `YYYY-MM-DD` in UTC: an age estimate with no date is dated today.
fn today() -> String {
    let mut day = data::utc_minutes(crate::auth::now_secs() * 1_000_000);
    day.truncate(10);
    day
}

// ----------------------------------------------------- register and edit

#[derive(Template)]
#[template(path = "child_form.html")]
struct ChildFormPage {
    chrome: Chrome,
    /// The message ids of the title and the submit button.
    title: &'static str,
    submit: &'static str,
    action: String,
    /// Where cancelling goes.
    back: String,
    registering: bool,
    /// Registering, mediator staff choose among these; a party officer
    /// registers on its own list, named in `own_party`.
    parties: Vec<Party>,
    own_party: String,
    form: ChildForm,
    problems: Vec<Problem>,
    name_langs: &'static [&'static str],
    name_kinds: &'static [&'static str],
    document_kinds: &'static [&'static str],
}

fn form_page(mut page: ChildFormPage, status: StatusCode) -> Response {
    page.problems = page.form.problems();
    page.form.offer_blank_rows();
    let mut res = render(&page);
    *res.status_mut() = status;
    res
}

async fn register_page(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    form: ChildForm,
    status: StatusCode,
) -> Response {
    let orgs = match state.store.organisations().await {
        Ok(o) => o,
        Err(e) => return ctx.internal("registration form", e),
    };
    let staff = is_mediator_staff(&user.actor);
    let parties = orgs
        .iter()
        .filter(|o| staff && o.kind == OrgKind::Party)
        .map(|o| Party {
            id: o.id.0.clone(),
            name: o.name.clone(),
        })
        .collect();
    let own_party = orgs
        .iter()
        .find(|o| !staff && o.id == user.actor.org)
        .map_or_else(String::new, |o| o.name.clone());
    let page = ChildFormPage {
        chrome: ctx.chrome("children"),
        title: "record-register-title",
        submit: "record-register-submit",
        action: "/children/new".into(),
        back: "/children".into(),
        registering: true,
        parties,
        own_party,
        form,
        problems: Vec::new(),
        name_langs: &NAME_LANGS,
        name_kinds: &NAME_KINDS,
        document_kinds: &DOCUMENT_KINDS,
    };
    form_page(page, status)
}

fn edit_page(ctx: &Ctx, id: &str, form: ChildForm, status: StatusCode) -> Response {
    let page = ChildFormPage {
        chrome: ctx.chrome("children"),
        title: "record-edit-title",
        submit: "record-edit-submit",
        action: format!("/children/{}/edit", encode_component(id)),
        back: format!("/children/{}", encode_component(id)),
        registering: false,
        parties: Vec::new(),
        own_party: String::new(),
        form,
        problems: Vec::new(),
        name_langs: &NAME_LANGS,
        name_kinds: &NAME_KINDS,
        document_kinds: &DOCUMENT_KINDS,
    };
    form_page(page, status)
}

pub async fn register_form(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
) -> Response {
    if !registers_children(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    register_page(&state, &ctx, &user, ChildForm::blank(), StatusCode::OK).await
}

/// Registers a child on a party's list and shows its page.
pub async fn register(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Form(sent): Form<Vec<(String, String)>>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let actor = &user.actor;
    if !registers_children(actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let mut form = ChildForm::from_pairs(&sent);
    let org_id = if is_mediator_staff(actor) {
        match party(&state.store, &form.org_id).await {
            Ok(found) => found,
            Err(e) => return ctx.internal("registration", e),
        }
    } else if form.org_id.is_empty() || form.org_id == actor.org.0 {
        Some(actor.org.clone())
    } else {
        // The page offers a party officer no other list than its own.
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    };
    if org_id.is_none() {
        form.org_error = Some(ctx.tr.t("record-error-party"));
    }
    if child_form::too_long(values::OPTIONAL_LABEL, &form.list_name) {
        let max = values::OPTIONAL_LABEL.max as i64;
        form.list_name_error = Some(ctx.tr.n("record-error-list-name-long", "max", max));
    }
    let details = form.read(&ctx.tr, &today(), None);
    let (Some(org_id), Some(details)) = (org_id, details) else {
        return register_page(&state, &ctx, &user, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let list_name = Some(form.list_name.trim())
        .filter(|l| !l.is_empty())
        .unwrap_or(UI_LIST)
        .to_owned();
    let child_id = ChildId(Store::new_id());
    let command = Command::RegisterChild {
        child_id: child_id.clone(),
        org_id,
        list_name,
        import_id: None,
        details,
    };
    match state.store.execute(actor, command).await {
        Ok(_) => to_child(child_id.as_str()),
        Err(StoreError::Refused(Refusal::NotFound(_))) => {
            form.org_error = Some(ctx.tr.t("record-error-party"));
            register_page(&state, &ctx, &user, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(StoreError::Refused(r @ Refusal::Invalid(_))) => {
            form.refused = Some(super::refusal_text(&ctx.tr, &r));
            register_page(&state, &ctx, &user, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => refused_page(&ctx, e, "registration"),
    }
}

/// The party organisation `id` names, if it is one.
async fn party(store: &Store, id: &str) -> Result<Option<OrgId>, StoreError> {
    Ok(store
        .organisations()
        .await?
        .into_iter()
        .find(|o| o.kind == OrgKind::Party && o.id.0 == id)
        .map(|o| o.id))
}

fn to_child(id: &str) -> Response {
    Redirect::to(&format!("/children/{}", encode_component(id))).into_response()
}

/// The record `id` names, when `actor` may change it; else the page to
/// answer: 404 for a record outside the actor's view (as for one that
/// does not exist), 403 for one it may only read, 409 once erased.
async fn writable(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: &str,
) -> Result<ChildSummary, Response> {
    let child = match state.store.child_summary(&ChildId::from(id)).await {
        Ok(c) => c,
        Err(e) => return Err(ctx.internal("child's record", e)),
    };
    let Some(child) =
        child.filter(|c| can(actor, Action::Read, &Resource::Child(&c.scope)).allowed())
    else {
        return Err(ctx.not_found());
    };
    if !can(actor, Action::Write, &Resource::Child(&child.scope)).allowed() {
        return Err(ctx.error(StatusCode::FORBIDDEN, "error-forbidden"));
    }
    if !keeps_record(actor, &child) {
        return Err(ctx.error(StatusCode::CONFLICT, "record-error-erased"));
    }
    Ok(child)
}

pub async fn edit_form(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Path(id): Path<String>,
) -> Response {
    let child = match writable(&state, &ctx, &user.actor, &id).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let details = child.details.unwrap_or_default();
    edit_page(&ctx, &id, ChildForm::from_details(&details), StatusCode::OK)
}

/// Amends the record with the whole form: names, sex, birth, documents and
/// circumstances. The previous version stays in the ledger.
pub async fn edit(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(sent): Form<Vec<(String, String)>>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let child = match writable(&state, &ctx, &user.actor, &id).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let before: Option<&ChildDetails> = child.details.as_ref();
    let mut form = ChildForm::from_pairs(&sent);
    let Some(details) = form.read(&ctx.tr, &today(), before) else {
        return edit_page(&ctx, &id, form, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let command = Command::AmendChild {
        child_id: child.id.clone(),
        details,
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => to_child(&id),
        Err(StoreError::Refused(r @ Refusal::Invalid(_))) => {
            form.refused = Some(super::refusal_text(&ctx.tr, &r));
            edit_page(&ctx, &id, form, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => refused_page(&ctx, e, "amending a record"),
    }
}

// --------------------------------------------- the forms on a child's page

/// The child's page again, with a refused form as it was typed (422).
async fn show_refused(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    id: &str,
    child: &ChildSummary,
    fill: impl FnOnce(&mut RecordForms),
) -> Response {
    let mut forms = RecordForms::new(&user.actor, id, Some(child));
    fill(&mut forms);
    show_child_with(
        state,
        ctx,
        user,
        id,
        None,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some(forms),
    )
    .await
}

/// Adds a family member or guardian to the child's record.
pub async fn add_family_member(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(mut form): Form<FamilyForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let child = match writable(&state, &ctx, &user.actor, &id).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some((relationship, details)) = form.read(&ctx.tr) else {
        return show_refused(&state, &ctx, &user, &id, &child, |f| f.family = form).await;
    };
    let command = Command::AddFamilyMember {
        member_id: FamilyMemberId(Store::new_id()),
        child_id: child.id.clone(),
        relationship,
        details,
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => to_child(&id),
        Err(StoreError::Refused(r @ Refusal::Invalid(_))) => {
            form.errors.push(super::refusal_text(&ctx.tr, &r));
            show_refused(&state, &ctx, &user, &id, &child, |f| f.family = form).await
        }
        Err(e) => refused_page(&ctx, e, "adding a family member"),
    }
}

/// Records where the child lives from a day on.
pub async fn record_custody(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(mut form): Form<CustodyForm>,
) -> Response {
    if !same_origin(&headers) {
        return ctx.error(StatusCode::FORBIDDEN, "error-bad-request");
    }
    let child = match writable(&state, &ctx, &user.actor, &id).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some((kind, place)) = form.read(&ctx.tr) else {
        return show_refused(&state, &ctx, &user, &id, &child, |f| f.custody = form).await;
    };
    let command = Command::RecordCustody {
        child_id: child.id.clone(),
        kind,
        since: form.since.trim().to_owned(),
        place,
    };
    match state.store.execute(&user.actor, command).await {
        Ok(_) => to_child(&id),
        Err(StoreError::Refused(r @ Refusal::Invalid(_))) => {
            form.errors.push(super::refusal_text(&ctx.tr, &r));
            show_refused(&state, &ctx, &user, &id, &child, |f| f.custody = form).await
        }
        Err(e) => refused_page(&ctx, e, "recording custody"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::children::person_name;
    use homeward_domain::access::ChildScope;
    use homeward_domain::command::{ChildFacts, Context};
    use homeward_domain::{CustodyKind, CustodyPlace, FamilyMemberDetails, Relationship, UserId};

    fn summary(org: &str) -> ChildSummary {
        ChildSummary {
            id: ChildId::from("c"),
            org_id: OrgId::from(org),
            list_name: "List".into(),
            details: Some(ChildDetails::default()),
            custody_kind: None,
            erased: false,
            case: None,
            registered_seq: 1,
            updated_seq: 1,
            external_id: None,
            joined_to: None,
            scope: ChildScope {
                submitted_by: OrgId::from(org),
                cases: vec![],
            },
        }
    }

    /// The page offers each form exactly to those whose command `decide`
    /// takes, role by role, on their own party's record and on another's.
    #[test]
    fn the_forms_are_offered_to_whom_the_domain_lets_use_them() {
        let commands = |kind| {
            [
                Command::AmendChild {
                    child_id: ChildId::from("c"),
                    details: ChildDetails {
                        names: vec![person_name("A", "B", None, None)],
                        ..ChildDetails::default()
                    },
                },
                Command::AddFamilyMember {
                    member_id: FamilyMemberId::from("m"),
                    child_id: ChildId::from("c"),
                    relationship: Relationship::Mother,
                    details: FamilyMemberDetails {
                        name: person_name("A", "B", None, None),
                        ..FamilyMemberDetails::default()
                    },
                },
                Command::RecordCustody {
                    child_id: ChildId::from("c"),
                    kind,
                    since: "2024".into(),
                    place: CustodyPlace::default(),
                },
            ]
        };
        for role in Role::ALL {
            for org_kind in [OrgKind::Mediator, OrgKind::Party, OrgKind::Transit] {
                if !role.allowed_in(org_kind) {
                    continue;
                }
                let actor = Actor {
                    user: UserId::from("u"),
                    org: OrgId::from("own"),
                    org_kind,
                    role,
                };
                for org in ["own", "other"] {
                    let forms = RecordForms::new(&actor, "c", Some(&summary(org)));
                    let ctx = Context {
                        child: Some(ChildFacts {
                            org_id: OrgId::from(org),
                            custody_records: 0,
                            has_open_case: false,
                            erased: false,
                        }),
                        ..Context::default()
                    };
                    for kind in [CustodyKind::Hospital, CustodyKind::Embassy] {
                        let offered =
                            forms.may_write && forms.custody_kinds().contains(&kind.as_str());
                        let [amend, family, custody] = commands(kind);
                        let who = format!("{role} of a {org_kind} on the {org} record");
                        assert_eq!(
                            forms.may_write,
                            homeward_domain::decide(&actor, amend, &ctx).is_ok(),
                            "{who}: amend"
                        );
                        assert_eq!(
                            forms.may_write,
                            homeward_domain::decide(&actor, family, &ctx).is_ok(),
                            "{who}: family"
                        );
                        assert_eq!(
                            offered,
                            homeward_domain::decide(&actor, custody, &ctx).is_ok(),
                            "{who}: custody {kind:?}"
                        );
                    }
                    assert_eq!(
                        registers_children(&actor),
                        is_mediator_staff(&actor) || role == Role::PartyOfficer,
                        "{role} of a {org_kind} registers"
                    );
                }
            }
        }
    }

    #[test]
    fn an_erased_record_offers_no_form() {
        let actor = Actor {
            user: UserId::from("u"),
            org: OrgId::from("m"),
            org_kind: OrgKind::Mediator,
            role: Role::Coordinator,
        };
        let mut child = summary("own");
        child.erased = true;
        child.details = None;
        assert!(!RecordForms::new(&actor, "c", Some(&child)).may_write);
        assert!(!RecordForms::new(&actor, "c", None).may_write);
    }
}
