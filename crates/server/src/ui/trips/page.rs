//! The trip's page: its legs, the children on board with their handovers,
//! and each role's forms.

use super::*;
use crate::ui::i18n::Lang;
use homeward_domain::casework::consent_decides;

pub struct LegView {
    pub leg_id: String,
    pub position: i64,
    pub from: String,
    pub to: String,
    pub transit: String,
    pub carrier: String,
    pub departs: String,
    pub arrives: String,
    pub departs_input: String,
    pub arrives_input: String,
    pub escorts: String,
    pub escort_ids: Vec<String>,
    /// `granted`, `refused`, `pending` or `none` (no transit state).
    pub clearance: &'static str,
    pub clearance_ref: String,
    pub clearance_conditions: String,
    pub departed: String,
    pub arrived: String,
    /// The reader is an officer of this leg's transit state.
    pub may_clear: bool,
    /// The reader may record this leg's departure now.
    pub may_depart: bool,
    pub may_arrive: bool,
    /// A coordinator may change the escorts.
    pub may_assign: bool,
    /// The reader may print this leg's manifest.
    pub may_print: bool,
}

/// A leg's handover of one child: who received the child, where and when,
/// each shown in its own direction (a Latin name, an Arabic date).
pub struct HandoverCell {
    pub position: i64,
    pub done: bool,
    pub who: String,
    pub place: String,
    pub at: String,
}

pub struct NextHandover {
    pub leg_id: String,
    pub position: i64,
    pub last: bool,
    /// The receiving organisation, fixed when the leg has a transit state.
    pub org_id: String,
    pub org_name: String,
    /// The family member whose consent is on record (last leg).
    pub member_id: String,
    pub member_name: String,
    /// Everyone else whose consent is in force and who may decide (last
    /// leg), (id, name): the escort may hand the child to any of them.
    pub others: Vec<(String, String)>,
    pub place: String,
}

pub struct Traveller {
    pub case_id: String,
    pub child_id: String,
    pub name: String,
    pub latin: String,
    pub state: &'static str,
    pub born: String,
    pub medical: String,
    pub goes_to: String,
    pub handovers: Vec<HandoverCell>,
    pub next: Option<NextHandover>,
}

#[derive(Template)]
#[template(path = "trip.html")]
struct TripPage {
    chrome: crate::ui::Chrome,
    message: Option<(String, &'static str)>,
    id: String,
    name: String,
    kind: &'static str,
    carrier: String,
    status: &'static str,
    capacity: i64,
    booked: i64,
    legs: Vec<LegView>,
    /// `None` when the reader does not see who travels (a transit state).
    travellers: Option<Vec<Traveller>>,
    /// The coordinator's forms, while the trip is planned.
    planning: bool,
    bookable: Vec<Choice>,
    escort_choices: Vec<Choice>,
    receiver_orgs: Vec<Choice>,
    now_input: String,
}

/// Loads and shows the trip page, or 404 when the reader may not see it.
pub(super) async fn show_trip(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    trip_id: &str,
    message: Option<(String, &'static str)>,
    status: StatusCode,
) -> Response {
    match trip_page(state, ctx, user, trip_id, message).await {
        Ok(Some(page)) => {
            let mut res = render(&page);
            *res.status_mut() = status;
            res
        }
        Ok(None) => ctx.not_found(),
        Err(e) => ctx.internal("trip page", e),
    }
}

async fn trip_page(
    state: &AppState,
    ctx: &Ctx,
    user: &UiUser,
    trip_id: &str,
    message: Option<(String, &'static str)>,
) -> Result<Option<TripPage>, StoreError> {
    let actor = &user.actor;
    let store = &state.store;
    let Some(trip) = store.trip(&viewer(actor), &TripId::from(trip_id)).await? else {
        return Ok(None);
    };
    let coordinator = is_coordinator(actor);
    let lang = ctx.tr.lang;
    let orgs: HashMap<OrgId, (String, OrgKind)> = store
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id, (o.name, o.kind)))
        .collect();
    let logins: HashMap<UserId, String> = store
        .users()
        .await?
        .into_iter()
        .map(|u| (u.id, u.login))
        .collect();
    let org_name = |o: &OrgId| orgs.get(o).map_or_else(String::new, |(n, _)| n.clone());
    let cancelled = trip.status == TripStatus::Cancelled;
    let escort_of = |l: &LegRow| actor.role == Role::Escort && l.escorts.contains(&actor.user);
    let legs: Vec<LegView> = trip
        .legs
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mover = coordinator || escort_of(l);
            let before_arrived = i == 0 || trip.legs[i - 1].arrived_at.is_some();
            LegView {
                leg_id: l.leg_id.0.clone(),
                position: l.position,
                from: l.from_place.clone(),
                to: l.to_place.clone(),
                transit: l.transit_org.as_ref().map(&org_name).unwrap_or_default(),
                carrier: l.carrier.clone(),
                departs: lang.date_time(l.departs_at),
                arrives: l.arrives_at.map(|t| lang.date_time(t)).unwrap_or_default(),
                departs_input: input_time(l.departs_at),
                arrives_input: l.arrives_at.map(input_time).unwrap_or_default(),
                escorts: l
                    .escorts
                    .iter()
                    .map(|u| logins.get(u).cloned().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(", "),
                escort_ids: l.escorts.iter().map(|u| u.0.clone()).collect(),
                clearance: match (&l.transit_org, l.clearance.as_deref()) {
                    (None, _) => "none",
                    (Some(_), Some("granted")) => "granted",
                    (Some(_), Some(_)) => "refused",
                    (Some(_), None) => "pending",
                },
                clearance_ref: l.clearance_ref.clone().unwrap_or_default(),
                clearance_conditions: l.clearance_conditions.clone().unwrap_or_default(),
                departed: l.departed_at.map(|t| lang.date_time(t)).unwrap_or_default(),
                arrived: l.arrived_at.map(|t| lang.date_time(t)).unwrap_or_default(),
                may_clear: actor.role == Role::TransitOfficer
                    && l.transit_org.as_ref() == Some(&actor.org)
                    && l.departed_at.is_none()
                    && !cancelled,
                may_depart: mover && !cancelled && l.departed_at.is_none() && before_arrived,
                may_arrive: mover && l.departed_at.is_some() && l.arrived_at.is_none(),
                may_assign: coordinator && !cancelled && l.departed_at.is_none(),
                may_print: access::can(
                    actor,
                    Action::Read,
                    &Resource::Manifest {
                        transit_org: l.transit_org.as_ref(),
                        escorts: &trip.escorts,
                    },
                )
                .allowed(),
            }
        })
        .collect();
    let sees_travellers = actor.role != Role::TransitOfficer;
    let travellers = if sees_travellers {
        Some(travellers(state, lang, actor, &trip, &orgs).await?)
    } else {
        None
    };
    if let Some(t) = &travellers {
        store
            .record_access(
                actor,
                RecordKind::Child,
                t.iter().map(|t| t.child_id.clone()),
                VIA_TRIP_PAGE,
            )
            .await?;
    }
    let planning = coordinator && trip.status == TripStatus::Planned;
    let bookable = if planning {
        store
            .bookable_cases(200)
            .await?
            .into_iter()
            .map(|b| {
                let (name, latin) = data::display_name(b.details.as_ref());
                let group = if b.group.is_some() {
                    format!(" · {}", ctx.tr.t("trip-in-group"))
                } else {
                    String::new()
                };
                Choice {
                    id: b.case_id.0,
                    label: format!("{name} ({latin}){group}"),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let escort_choices = if coordinator {
        escort_choices(store).await?
    } else {
        Vec::new()
    };
    let receiver_orgs = orgs
        .iter()
        .filter(|(_, (_, k))| *k != OrgKind::Mediator)
        .map(|(id, (name, _))| Choice {
            id: id.0.clone(),
            label: name.clone(),
        })
        .collect();
    Ok(Some(TripPage {
        chrome: ctx.chrome("trips"),
        message,
        id: trip.id.0.clone(),
        name: trip.name.clone(),
        kind: trip.kind.map_or("", TripKind::as_str),
        carrier: trip.carrier.clone().unwrap_or_default(),
        status: trip.status.as_str(),
        capacity: trip.capacity,
        booked: trip.booked,
        legs,
        travellers,
        planning,
        bookable,
        escort_choices,
        receiver_orgs,
        now_input: input_time(now_secs()),
    }))
}

/// The children on the trip with their handovers, and the next handover
/// the reader may record for each.
async fn travellers(
    state: &AppState,
    lang: Lang,
    actor: &Actor,
    trip: &TripRow,
    orgs: &HashMap<OrgId, (String, OrgKind)>,
) -> Result<Vec<Traveller>, StoreError> {
    let store = &state.store;
    let entries = store.manifest(&trip.id).await?;
    let handovers = store.trip_handovers(&trip.id).await?;
    let coordinator = is_coordinator(actor);
    let mut out = Vec::new();
    for e in entries {
        let (name, latin) = data::display_name(e.details.as_ref());
        let guardian = e.guardian.as_ref();
        let guardian_name = guardian
            .and_then(|m| m.details.as_ref())
            .map_or_else(String::new, |d| full_name(&d.name));
        let mine: Vec<_> = handovers
            .iter()
            .filter(|h| h.case_id == e.case_id)
            .collect();
        let cells = trip
            .legs
            .iter()
            .map(|l| {
                let done = mine.iter().find(|h| h.leg_id == l.leg_id);
                let who = done.map_or_else(String::new, |h| match h.receiver_kind.as_deref() {
                    // Whoever of the family received the child: the one
                    // whose consent is on record, or another in force.
                    Some("family_member") => h
                        .receiving_member
                        .as_ref()
                        .map_or_else(String::new, |d| full_name(&d.name)),
                    _ => {
                        let org = h
                            .receiver_id
                            .as_ref()
                            .and_then(|o| orgs.get(&OrgId(o.clone())))
                            .map_or("", |(n, _)| n.as_str());
                        match h.received_by.as_deref() {
                            Some(n) if !n.is_empty() => format!("{n}, {org}"),
                            _ => org.to_owned(),
                        }
                    }
                });
                HandoverCell {
                    position: l.position,
                    done: done.is_some(),
                    who,
                    place: done.and_then(|h| h.place.clone()).unwrap_or_default(),
                    at: done
                        .and_then(|h| h.at)
                        .map(|t| lang.date_time(t))
                        .unwrap_or_default(),
                }
            })
            .collect();
        let index = mine.len();
        let next = trip.legs.get(index).filter(|l| {
            let mover =
                coordinator || (actor.role == Role::Escort && l.escorts.contains(&actor.user));
            mover && e.state == CaseState::InTransit && l.departed_at.is_some()
        });
        let last_leg = next.is_some() && index + 1 == trip.legs.len();
        // Who else may receive the child at the end: read only for the
        // children whose last handover the reader may record.
        let others = if last_leg {
            let members = store.family_members(&e.child_id).await?;
            let family: Vec<(FamilyMemberId, Relationship)> = members
                .iter()
                .map(|m| (m.id.clone(), m.relationship))
                .collect();
            store
                .case(&e.case_id)
                .await?
                .map(|c| c.consents)
                .unwrap_or_default()
                .into_iter()
                .filter(|k| {
                    k.withdrawn_seq.is_none()
                        && e.consent_by.as_ref() != Some(&k.member_id)
                        && consent_decides(k.basis, &k.member_id, &family)
                })
                .filter_map(|k| members.iter().find(|m| m.id == k.member_id))
                .map(|m| {
                    let name = m
                        .details
                        .as_ref()
                        .map_or_else(String::new, |d| full_name(&d.name));
                    (m.id.0.clone(), name)
                })
                .collect()
        } else {
            Vec::new()
        };
        let next = next.map(|l| {
            let last = index + 1 == trip.legs.len();
            NextHandover {
                leg_id: l.leg_id.0.clone(),
                position: l.position,
                last,
                org_id: l
                    .transit_org
                    .as_ref()
                    .map_or_else(String::new, |o| o.0.clone()),
                org_name: l
                    .transit_org
                    .as_ref()
                    .and_then(|o| orgs.get(o))
                    .map_or_else(String::new, |(n, _)| n.clone()),
                member_id: guardian.map_or_else(String::new, |m| m.id.0.clone()),
                member_name: guardian_name.clone(),
                others,
                place: l.to_place.clone(),
            }
        });
        let medical = e.details.as_ref().map_or_else(String::new, |d| {
            d.circumstances
                .iter()
                .filter_map(|c| match c {
                    Circumstance::MedicalNeeds { note } => Some(note.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("; ")
        });
        out.push(Traveller {
            case_id: e.case_id.0.clone(),
            child_id: e.child_id.0.clone(),
            name,
            latin,
            state: e.state.as_str(),
            born: e
                .details
                .as_ref()
                .and_then(|d| d.birth_date)
                .map_or_else(String::new, |b| b.to_string()),
            medical,
            goes_to: guardian_name,
            handovers: cells,
            next,
        });
    }
    Ok(out)
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn { ctx, user }: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Response {
    if !sees_trips(&user.actor) {
        return ctx.error(StatusCode::FORBIDDEN, "error-forbidden");
    }
    let message = saved(&ctx, &q);
    show_trip(&state, &ctx, &user, &id, message, StatusCode::OK).await
}
