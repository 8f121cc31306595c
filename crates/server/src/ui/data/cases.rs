//! A case as its page shows it: what is missing before the next step, the
//! evidence, assessments and decisions recorded, and which forms the
//! reader may use. The forms offered are the ones the domain would accept
//! from this reader in this state, so none of them can only fail.

use super::{full_name, steps_for, today};
use crate::ui::i18n::Lang;
use homeward_domain::access::{self, Action, Field, Resource};
use homeward_domain::casework::consent_decides;
use homeward_domain::{
    Actor, BestInterestsOutcome, BirthDate, CaseAction, CaseState, ConsentBasis, ConsentHow,
    Decision, DisputeKind, EvidenceMethod, FamilyMemberId, HeardHow, OrgKind, Relationship, Role,
    TransitRules,
};
use homeward_store::read::{CaseRecord, Finding, UserRow};
use std::collections::HashMap;

pub struct HistoryView {
    pub when: String,
    pub action: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub note: Option<String>,
}

pub struct StepView {
    pub action: &'static str,
    pub needs_reason: bool,
}

/// One thing the next step needs, and whether it is there.
pub struct NeedView {
    /// The message id saying what is needed.
    pub key: &'static str,
    pub done: bool,
    /// The anchor of the form on the page that records it, if the reader
    /// may use one.
    pub form: Option<String>,
}

pub struct EvidenceView {
    pub kind: &'static str,
    pub method: Option<&'static str>,
    pub description: Option<String>,
    pub by: String,
    pub when: String,
}

/// One visit of the follow-up schedule after the reunion, or a visit made
/// beyond it.
pub struct FollowUpView {
    pub number: usize,
    /// Months after the reunion, for a scheduled visit.
    pub month: Option<i64>,
    pub due: Option<String>,
    /// When the visit was recorded, and who recorded it.
    pub recorded: Option<(String, String)>,
    pub note: Option<String>,
    /// Due before today and not recorded, on a case still open.
    pub overdue: bool,
}

pub struct AssessmentView {
    /// `best_interests` or `child_views`.
    pub kind: &'static str,
    /// The outcome, or how the child was heard.
    pub outcome: &'static str,
    pub age: Option<i64>,
    pub note: Option<String>,
    pub by: String,
    pub when: String,
}

pub struct DecisionView {
    pub party: String,
    pub decision: &'static str,
    pub dispute: Option<&'static str>,
    pub note: Option<String>,
    pub when: String,
}

/// A family member who may give consent, for the consent form: by parental
/// responsibility (`parental`), or named by a court order (anyone).
pub struct ConsenterView {
    pub id: String,
    pub label: String,
    pub relationship: &'static str,
    pub parental: bool,
}

/// A consent on the case page, in force or withdrawn.
pub struct ConsentView {
    pub member_id: String,
    pub who: String,
    pub relationship: &'static str,
    pub basis: &'static str,
    pub how: Option<&'static str>,
    pub witness: Option<String>,
    pub court_order: Option<String>,
    pub note: Option<String>,
    pub by: String,
    pub when: String,
    /// When it was withdrawn, and why.
    pub withdrawn: Option<(String, Option<String>)>,
}

pub struct CaseView {
    pub id: String,
    pub state: &'static str,
    pub party_a: String,
    pub party_b: String,
    /// Other agencies added to the case.
    pub others: Vec<String>,
    /// For a coordinator: the party organisations that could be added.
    pub addable: Vec<(String, String)>,
    /// The reader may change this case at all (its role and the policy).
    pub can_act: bool,
    pub actions: Vec<StepView>,
    /// What the next main-line step needs; empty when nothing is checked.
    pub needs: Vec<NeedView>,
    pub history: Vec<HistoryView>,
    pub evidence: Vec<EvidenceView>,
    pub assessments: Vec<AssessmentView>,
    /// The follow-up schedule, once the child is reunited.
    pub follow_ups: Vec<FollowUpView>,
    pub decisions: Vec<DecisionView>,
    /// Every consent recorded, oldest first.
    pub consents: Vec<ConsentView>,
    /// The consents in force, (member id, label), for the withdrawal form.
    pub in_force: Vec<(String, String)>,
    pub consent_bases: Vec<&'static str>,
    pub consent_hows: Vec<&'static str>,
    /// Mediator staff record evidence, assessments, views and consent.
    pub staff_forms: bool,
    /// A coordinator may record that the child's views could not be obtained.
    pub may_record_not_obtainable: bool,
    /// The reader is an officer of a party concerned, and the case awaits
    /// the parties' decisions.
    pub decision_form: bool,
    pub consenters: Vec<ConsenterView>,
    /// The child's age today, if the birth date says it, for the views form.
    pub age_hint: Option<u8>,
    pub evidence_kinds: [&'static str; 4],
    pub evidence_methods: Vec<&'static str>,
    pub outcomes: Vec<&'static str>,
    pub heard_hows: Vec<&'static str>,
    pub dispute_kinds: Vec<&'static str>,
    pub group: Option<GroupView>,
    /// For a coordinator, on an ungrouped case before submission: cases of
    /// children it may be grouped with.
    pub group_candidates: Vec<GroupCandidate>,
    pub group_kinds: Vec<&'static str>,
}

/// A case's group as its page shows it: the other cases (links, not names:
/// a sibling's record is read on its own page) and whether each is ready to
/// be submitted.
pub struct GroupView {
    pub kind: &'static str,
    pub members: Vec<GroupMemberView>,
}

pub struct GroupMemberView {
    pub child_id: String,
    pub case_id: String,
    pub state: &'static str,
    pub ready: bool,
}

/// A child that may be grouped with this case's child, for the form.
pub struct GroupCandidate {
    pub case_id: String,
    pub label: String,
}

/// What the page knows of a case's group, or of candidates to group with.
#[derive(Default)]
pub struct GroupFacts {
    pub group: Option<GroupView>,
    pub candidates: Vec<GroupCandidate>,
}

/// The parts of the child's record a case's page needs.
pub struct ChildFacts {
    pub documents: usize,
    pub family: Vec<(FamilyMemberId, Relationship)>,
    /// Family members' names by id.
    pub names: HashMap<String, String>,
    /// Each party organisation's side, by id.
    pub sides: HashMap<String, homeward_domain::Side>,
    pub age_today: Option<u8>,
}

/// A child's age in whole years on `today` (year, month, day), as far as
/// the birth date says it; a birth year alone counts the birthday as past.
pub fn age_on(born: &BirthDate, today: (i64, u32, u32)) -> Option<u8> {
    let (year, month, day) = match *born {
        BirthDate::Day { year, month, day } => (year, u32::from(month), u32::from(day)),
        BirthDate::Month { year, month } => (year, u32::from(month), 1),
        BirthDate::Year { year } => (year, 1, 1),
        BirthDate::EstimatedAge {
            age,
            on: (year, month, day),
        } => (year - i32::from(age), u32::from(month), u32::from(day)),
    };
    let mut age = today.0 - i64::from(year);
    if (today.1, today.2) < (month, day) {
        age -= 1;
    }
    u8::try_from(age).ok()
}

fn is_staff(actor: &Actor) -> bool {
    actor.is_mediator() && matches!(actor.role, Role::Coordinator | Role::Caseworker)
}

/// What the next main-line step from `state` needs, read from the record.
fn needs(
    c: &CaseRecord,
    child: &ChildFacts,
    group: Option<&GroupView>,
    staff: bool,
    follow_ups_due: usize,
) -> Vec<NeedView> {
    let id = c.summary.id.as_str();
    let form = |f: &str| staff.then(|| format!("{f}-{id}"));
    let latest = |best: bool| {
        c.assessments
            .iter()
            .rev()
            .find_map(|a| match (a.finding, best) {
                (Finding::BestInterests(o), true) => Some(Some(o)),
                (Finding::ChildViews(_), false) => Some(None),
                _ => None,
            })
    };
    let approved_alone = |org: &homeward_domain::OrgId| {
        c.decisions
            .iter()
            .rev()
            .find(|d| &d.org_id == org)
            .is_some_and(|d| d.decision == Decision::Approve)
    };
    // One organisation of the party's side approving is enough (the
    // domain's `approved_by_each_side`).
    let approved = |party: &homeward_domain::OrgId| {
        let side = child.sides.get(party.as_str());
        std::iter::once(party)
            .chain(c.summary.scope.others.iter())
            .filter(|o| *o == party || (side.is_some() && child.sides.get(o.as_str()) == side))
            .any(approved_alone)
    };
    let s = &c.summary;
    match s.state {
        CaseState::Identified => vec![NeedView {
            key: "need-identity",
            done: child.documents > 0
                || c.evidence
                    .iter()
                    .any(|e| e.kind == homeward_domain::event::EvidenceKind::Identity),
            form: form("form-evidence"),
        }],
        CaseState::Verified => vec![NeedView {
            key: "need-family",
            done: !child.family.is_empty(),
            form: staff.then(|| "family".to_owned()),
        }],
        CaseState::FamilyLocated => vec![NeedView {
            key: "need-consent",
            done: c.consents.iter().any(|k| {
                k.withdrawn_seq.is_none() && consent_decides(k.basis, &k.member_id, &child.family)
            }),
            form: form("form-consent"),
        }],
        CaseState::ConsentRecorded => vec![
            NeedView {
                key: "need-best-interests",
                done: latest(true) == Some(Some(BestInterestsOutcome::Return)),
                form: form("form-best-interests"),
            },
            NeedView {
                key: "need-child-views",
                done: latest(false).is_some(),
                form: form("form-child-views"),
            },
        ]
        .into_iter()
        .chain(group.map(|g| NeedView {
            key: "need-group",
            done: g.members.iter().all(|m| m.ready),
            form: None,
        }))
        .collect(),
        CaseState::Submitted => vec![
            NeedView {
                key: "need-approval-a",
                done: approved(&s.party_a),
                form: None,
            },
            NeedView {
                key: "need-approval-b",
                done: approved(&s.party_b),
                form: None,
            },
        ],
        // After approval the needs are the trip's (booking, handover,
        // follow-up are recorded where the trip is run); the page offers
        // the step once they are there.
        CaseState::Approved => vec![NeedView {
            key: "need-trip",
            done: s.trip_id.is_some(),
            form: None,
        }],
        CaseState::InTransit => vec![NeedView {
            key: "need-handover",
            done: !c.handovers.is_empty(),
            form: None,
        }],
        CaseState::HandedOver => vec![NeedView {
            key: "need-final-handover",
            done: c
                .handovers
                .iter()
                .any(|h| h.receiver_kind.as_deref() == Some("family_member")),
            form: None,
        }],
        CaseState::Reunited => vec![NeedView {
            key: "need-follow-up-schedule",
            done: c.follow_ups.len() >= follow_ups_due,
            form: form("form-follow-up"),
        }],
        _ => Vec::new(),
    }
}

/// The next main-line step from a state, if the page checks its needs.
fn checked_step(state: CaseState) -> Option<CaseAction> {
    match state {
        CaseState::Identified => Some(CaseAction::Verify),
        CaseState::Verified => Some(CaseAction::LocateFamily),
        CaseState::FamilyLocated => Some(CaseAction::RecordConsent),
        CaseState::ConsentRecorded => Some(CaseAction::Submit),
        CaseState::Approved => Some(CaseAction::PlanTransit),
        CaseState::InTransit => Some(CaseAction::HandOver),
        CaseState::HandedOver => Some(CaseAction::Reunite),
        CaseState::Reunited => Some(CaseAction::Close),
        _ => None,
    }
}

/// Who recorded an entry: the login for mediator readers, the
/// organisation for everyone else.
struct Names<'a> {
    orgs: &'a HashMap<String, String>,
    logins: HashMap<&'a str, &'a str>,
    show_logins: bool,
    /// The reader's language, for the dates.
    lang: Lang,
}

impl Names<'_> {
    fn by(&self, c: &CaseRecord, seq: i64) -> (String, String) {
        let Some(a) = c.authors.get(&seq) else {
            return (String::new(), String::new());
        };
        let org = self.orgs.get(a.org.as_str()).cloned().unwrap_or_default();
        let who = match self.logins.get(a.user.as_str()) {
            Some(login) if self.show_logins => format!("{login} ({org})"),
            _ => org,
        };
        (who, self.lang.date_time_micros(a.at))
    }
}

/// The case as `actor` may see it, or `None` outside their view.
#[allow(clippy::too_many_arguments)]
pub fn case_view(
    actor: &Actor,
    c: &CaseRecord,
    child: &ChildFacts,
    group: GroupFacts,
    hide_notes: bool,
    orgs: &HashMap<String, String>,
    users: &[UserRow],
    rules: &TransitRules,
    lang: Lang,
) -> Option<CaseView> {
    let follow_ups_due = rules.follow_up_months.len();
    let case_access = access::can(actor, Action::Read, &Resource::Case(&c.summary.scope));
    if !case_access.allowed() {
        return None;
    }
    let hide = hide_notes || case_access.hides(Field::InternalNotes);
    let note = |n: &Option<String>| if hide { None } else { n.clone() };
    let state = c.summary.state;
    let can_act = access::can(actor, Action::Write, &Resource::Case(&c.summary.scope)).allowed()
        && state.is_open();
    let staff = can_act && is_staff(actor);
    let needs = needs(c, child, group.group.as_ref(), staff, follow_ups_due);
    let ready = needs.iter().all(|n| n.done);
    let actions = if can_act {
        steps_for(actor, state)
            .into_iter()
            // Approval follows from the parties' decisions; a main-line
            // step is offered once what it needs is there.
            .filter(|a| *a != CaseAction::Approve)
            // A coordinator may close before the follow-up schedule is
            // complete, saying why not.
            .filter(|a| checked_step(state) != Some(*a) || ready || *a == CaseAction::Close)
            .map(|a| StepView {
                action: a.as_str(),
                needs_reason: a.needs_reason() || (a == CaseAction::Close && !ready),
            })
            .collect()
    } else {
        Vec::new()
    };
    let names = Names {
        orgs,
        logins: users
            .iter()
            .map(|u| (u.id.as_str(), u.login.as_str()))
            .collect(),
        show_logins: actor.is_mediator(),
        lang,
    };
    let org_name = |o: &homeward_domain::OrgId| orgs.get(o.as_str()).cloned().unwrap_or_default();
    let member_label = |id: &str| {
        child
            .names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    };
    let scope = &c.summary.scope;
    let concerned = actor.role == Role::PartyOfficer
        && actor.org_kind == OrgKind::Party
        && (scope.party_a == actor.org
            || scope.party_b == actor.org
            || scope.others.contains(&actor.org));
    // Agencies are added before approval (the domain's AddCaseParty).
    let before_approval = matches!(
        state,
        CaseState::Identified
            | CaseState::Verified
            | CaseState::FamilyLocated
            | CaseState::ConsentRecorded
            | CaseState::Submitted
            | CaseState::OnHold
            | CaseState::Disputed
    );
    let addable =
        if can_act && before_approval && actor.role == Role::Coordinator && actor.is_mediator() {
            let mut all: Vec<(String, String)> = child
                .sides
                .keys()
                .filter(|o| {
                    let o = homeward_domain::OrgId::from(o.as_str());
                    o != scope.party_a && o != scope.party_b && !scope.others.contains(&o)
                })
                .map(|o| (o.clone(), orgs.get(o).cloned().unwrap_or_default()))
                .collect();
            all.sort_by(|a, b| a.1.cmp(&b.1));
            all
        } else {
            Vec::new()
        };
    Some(CaseView {
        id: c.summary.id.0.clone(),
        state: state.as_str(),
        party_a: org_name(&c.summary.party_a),
        party_b: org_name(&c.summary.party_b),
        others: scope.others.iter().map(org_name).collect(),
        addable,
        can_act,
        actions,
        needs,
        history: c
            .history
            .iter()
            .map(|h| HistoryView {
                when: lang.date_time_micros(h.at),
                action: h.action.as_str(),
                from: h.from.as_str(),
                to: h.to.as_str(),
                note: note(&h.note),
            })
            .collect(),
        evidence: c
            .evidence
            .iter()
            .map(|e| {
                let (by, when) = names.by(c, e.seq);
                EvidenceView {
                    kind: evidence_kind(e.kind),
                    method: e.method.map(EvidenceMethod::as_str),
                    description: note(&e.description),
                    by,
                    when,
                }
            })
            .collect(),
        follow_ups: follow_up_views(c, rules, &names, &note),
        assessments: c
            .assessments
            .iter()
            .map(|a| {
                let (by, when) = names.by(c, a.seq);
                let (kind, outcome, age) = match a.finding {
                    Finding::BestInterests(o) => ("best_interests", o.as_str(), None),
                    Finding::ChildViews(v) => {
                        ("child_views", v.how.as_str(), Some(i64::from(v.age_years)))
                    }
                };
                AssessmentView {
                    kind,
                    outcome,
                    age,
                    note: note(&a.note),
                    by,
                    when,
                }
            })
            .collect(),
        decisions: c
            .decisions
            .iter()
            .map(|d| DecisionView {
                party: org_name(&d.org_id),
                decision: d.decision.as_str(),
                dispute: d.dispute.map(DisputeKind::as_str),
                // A party always reads its own reasons.
                note: if hide && d.org_id != actor.org {
                    None
                } else {
                    d.note.clone()
                },
                when: names.by(c, d.seq).1,
            })
            .collect(),
        consents: c
            .consents
            .iter()
            .map(|k| {
                let (by, when) = names.by(c, k.seq);
                ConsentView {
                    member_id: k.member_id.0.clone(),
                    who: member_label(k.member_id.as_str()),
                    relationship: child
                        .family
                        .iter()
                        .find(|(id, _)| *id == k.member_id)
                        .map_or("", |(_, rel)| rel.as_str()),
                    basis: k.basis.as_str(),
                    how: k.how.map(ConsentHow::as_str),
                    witness: note(&k.witness),
                    court_order: k.court_order.clone().filter(|o| !o.is_empty()),
                    note: note(&k.note),
                    by,
                    when,
                    withdrawn: k
                        .withdrawn_seq
                        .map(|w| (names.by(c, w).1, note(&k.withdraw_note))),
                }
            })
            .collect(),
        in_force: c
            .consents
            .iter()
            .filter(|k| k.withdrawn_seq.is_none())
            .map(|k| (k.member_id.0.clone(), member_label(k.member_id.as_str())))
            .collect(),
        consent_bases: ConsentBasis::ALL.iter().map(|b| b.as_str()).collect(),
        consent_hows: ConsentHow::ALL.iter().map(|h| h.as_str()).collect(),
        staff_forms: staff,
        may_record_not_obtainable: staff && actor.role == Role::Coordinator,
        decision_form: concerned && state == CaseState::Submitted,
        consenters: child
            .family
            .iter()
            .filter(|(id, _)| {
                !c.consents
                    .iter()
                    .any(|k| k.withdrawn_seq.is_none() && k.member_id == *id)
            })
            .map(|(id, rel)| ConsenterView {
                id: id.0.clone(),
                label: child.names.get(id.as_str()).cloned().unwrap_or_default(),
                relationship: rel.as_str(),
                parental: rel.can_consent(),
            })
            .collect(),
        age_hint: child.age_today,
        evidence_kinds: ["identity", "family", "reunion", "other"],
        evidence_methods: EvidenceMethod::ALL.iter().map(|m| m.as_str()).collect(),
        outcomes: BestInterestsOutcome::ALL
            .iter()
            .map(|o| o.as_str())
            .collect(),
        heard_hows: HeardHow::ALL
            .iter()
            .filter(|h| h.heard() || actor.role == Role::Coordinator)
            .map(|h| h.as_str())
            .collect(),
        dispute_kinds: DisputeKind::ALL.iter().map(|d| d.as_str()).collect(),
        group_candidates: if can_act && actor.role == Role::Coordinator {
            group.candidates
        } else {
            Vec::new()
        },
        group: group.group,
        group_kinds: homeward_domain::GroupKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect(),
    })
}

fn evidence_kind(k: homeward_domain::event::EvidenceKind) -> &'static str {
    use homeward_domain::event::EvidenceKind as K;
    match k {
        K::Identity => "identity",
        K::Family => "family",
        K::Reunion => "reunion",
        K::Other => "other",
    }
}

/// A family member's name for the consent form and record.
pub fn member_label(d: &homeward_domain::FamilyMemberDetails) -> String {
    full_name(&d.name)
}

/// The schedule from the day of the reunion, each visit beside the follow-up
/// recorded for it (the n-th recorded visit counts for the n-th scheduled
/// one), then any visits beyond the schedule.
fn follow_up_views(
    c: &CaseRecord,
    rules: &TransitRules,
    names: &Names,
    note: &dyn Fn(&Option<String>) -> Option<String>,
) -> Vec<FollowUpView> {
    let Some(reunited_at) = c
        .history
        .iter()
        .find(|h| h.action == CaseAction::Reunite)
        .map(|h| h.at.div_euclid(1_000_000))
    else {
        return Vec::new();
    };
    let schedule = rules.follow_up_schedule(reunited_at);
    let (ty, tm, td) = today();
    let today = (ty as i32, tm as u8, td as u8);
    let open = c.summary.state == CaseState::Reunited;
    (0..schedule.len().max(c.follow_ups.len()))
        .map(|i| {
            let planned = schedule.get(i);
            let done = c.follow_ups.get(i);
            FollowUpView {
                number: i + 1,
                month: planned.map(|p| i64::from(p.0)),
                due: planned.map(|&(_, day)| names.lang.date(day)),
                recorded: done.map(|f| {
                    let (who, when) = names.by(c, f.seq);
                    (when, who)
                }),
                note: done.and_then(|f| note(&f.note)),
                overdue: open && done.is_none() && planned.is_some_and(|p| p.1 < today),
            }
        })
        .collect()
}
