//! The access policy against its table in `ACCESS.md`: every role × every
//! resource × every relation × read and write.

use homeward_domain::access::{
    Access, Action, CaseScope, ChildScope, Field, Resource, Viewer, can, viewer,
};
use homeward_domain::*;

const TABLE: &str = include_str!("../ACCESS.md");

fn actor(role: Role, kind: OrgKind) -> Actor {
    Actor {
        user: UserId("me".into()),
        org: OrgId("my-org".into()),
        org_kind: kind,
        role,
    }
}

fn home_kind(role: Role) -> OrgKind {
    match role {
        Role::PartyOfficer => OrgKind::Party,
        Role::TransitOfficer => OrgKind::Transit,
        _ => OrgKind::Mediator,
    }
}

fn parse_answer(s: &str) -> Access {
    match s.trim() {
        "allow" => Access::Allow,
        "403" => Access::Deny,
        "404" => Access::Invisible,
        other => {
            let fields = other
                .strip_prefix("hide ")
                .unwrap_or_else(|| panic!("unknown answer '{other}' in ACCESS.md"));
            let mut hidden: Vec<Field> = fields
                .split(',')
                .map(|f| match f.trim() {
                    "notes" => Field::InternalNotes,
                    "addresses" => Field::CustodyAddresses,
                    "contacts" => Field::FamilyContacts,
                    f => panic!("unknown field '{f}' in ACCESS.md"),
                })
                .collect();
            hidden.sort_by_key(|f| f.as_str());
            // Leaked so the parsed answer has the same shape as the code's.
            Access::AllowRedacted(Box::leak(hidden.into_boxed_slice()))
        }
    }
}

fn same(a: Access, b: Access) -> bool {
    let sorted = |f: &[Field]| {
        let mut v = f.to_vec();
        v.sort_by_key(|f| f.as_str());
        v
    };
    match (a, b) {
        (Access::AllowRedacted(x), Access::AllowRedacted(y)) => sorted(x) == sorted(y),
        _ => a == b,
    }
}

/// Builds the resource a row of the table names, as seen from `me`.
fn check_row(row: &str, me: &Actor, mut f: impl FnMut(&Resource<'_>)) {
    let own = me.org.clone();
    let other_a = OrgId("party-x".into());
    let other_b = OrgId("party-y".into());
    let someone = UserId("another-escort".into());
    let concerning = CaseScope {
        party_a: own.clone(),
        party_b: other_b.clone(),
        others: vec![],
        escorts: vec![someone.clone()],
    };
    let escorted = CaseScope {
        party_a: other_a.clone(),
        party_b: other_b.clone(),
        others: vec![],
        escorts: vec![someone.clone(), me.user.clone()],
    };
    let unrelated = CaseScope {
        party_a: other_a.clone(),
        party_b: other_b.clone(),
        others: vec![],
        escorts: vec![someone.clone()],
    };
    let child = |submitted_by: &OrgId, cases: Vec<CaseScope>| ChildScope {
        submitted_by: submitted_by.clone(),
        cases,
    };
    let escorts_mine = [someone.clone(), me.user.clone()];
    let escorts_other = [someone.clone()];
    match row {
        "children (registry)" => f(&Resource::Children),
        "child, submitted by own org" => f(&Resource::Child(&child(&own, vec![]))),
        "child, in a case concerning own org" => {
            f(&Resource::Child(&child(&other_a, vec![concerning])))
        }
        "child, escorted by caller" => f(&Resource::Child(&child(&other_a, vec![escorted]))),
        "child, unrelated" => f(&Resource::Child(&child(&other_a, vec![unrelated]))),
        "tracing requests" => f(&Resource::TracingRequests),
        "tracing request, filed by own org" => f(&Resource::TracingRequest { filed_by: &own }),
        "tracing request, unrelated" => f(&Resource::TracingRequest { filed_by: &other_a }),
        "cases" => f(&Resource::Cases),
        "case, concerning own org" => f(&Resource::Case(&concerning)),
        "case, escorted by caller" => f(&Resource::Case(&escorted)),
        "case, unrelated" => f(&Resource::Case(&unrelated)),
        "trips" => f(&Resource::Trips),
        "manifest, leg through own territory" => f(&Resource::Manifest {
            transit_org: Some(&own),
            escorts: &escorts_other,
        }),
        "manifest, escorted by caller" => f(&Resource::Manifest {
            transit_org: Some(&other_a),
            escorts: &escorts_mine,
        }),
        "manifest, unrelated" => f(&Resource::Manifest {
            transit_org: None,
            escorts: &escorts_other,
        }),
        "access log" => f(&Resource::AccessLog),
        "matches (review queue)" => f(&Resource::Matches),
        "ledger" => f(&Resource::Ledger),
        "checkpoints and proofs" => f(&Resource::Checkpoints),
        "organisations" => f(&Resource::Organisations),
        "users" => f(&Resource::Users),
        "party list of own org" => f(&Resource::List { party: &own }),
        "party list of another org" => f(&Resource::List { party: &other_a }),
        other => panic!("ACCESS.md names a resource the test does not know: '{other}'"),
    }
}

struct Row {
    resource: String,
    cells: Vec<(Role, Access, Access)>,
}

fn table() -> Vec<Row> {
    let mut lines = TABLE.lines().skip_while(|l| !l.starts_with("| resource |"));
    let header: Vec<Role> = lines
        .next()
        .expect("ACCESS.md has the table")
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .skip(1)
        .map(|r| r.parse().unwrap())
        .collect();
    assert_eq!(header, Role::ALL, "one column per role, in Role::ALL order");
    lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cols: Vec<&str> = l.split('|').map(str::trim).collect();
            let cols = &cols[1..cols.len() - 1];
            assert_eq!(cols.len(), header.len() + 1, "row '{l}'");
            Row {
                resource: cols[0].to_owned(),
                cells: header
                    .iter()
                    .zip(&cols[1..])
                    .map(|(role, cell)| {
                        let (r, w) = cell
                            .split_once(" / ")
                            .unwrap_or_else(|| panic!("cell '{cell}' is not 'read / write'"));
                        (*role, parse_answer(r), parse_answer(w))
                    })
                    .collect(),
            }
        })
        .collect()
}

#[test]
fn every_cell_of_the_table_is_what_can_answers() {
    let rows = table();
    assert_eq!(rows.len(), 24, "every resource and relation has a row");
    let mut checked = 0;
    for row in &rows {
        for (role, read, write) in &row.cells {
            // An auditor gets the same answers in any kind of organisation.
            let kinds: &[OrgKind] = if *role == Role::Auditor {
                &[OrgKind::Mediator, OrgKind::Party, OrgKind::Transit]
            } else {
                &[home_kind(*role)]
            };
            for kind in kinds {
                let me = actor(*role, *kind);
                check_row(&row.resource, &me, |res| {
                    for (action, want) in [(Action::Read, *read), (Action::Write, *write)] {
                        let got = can(&me, action, res);
                        assert!(
                            same(got, want),
                            "{role} ({kind}) {action:?} on '{}': ACCESS.md says {want:?}, can() says {got:?}",
                            row.resource
                        );
                        checked += 1;
                    }
                });
            }
        }
    }
    assert_eq!(checked, 24 * (6 + 3) * 2);
}

#[test]
fn a_role_that_does_not_fit_its_organisation_sees_nothing() {
    for role in Role::ALL {
        for kind in [OrgKind::Mediator, OrgKind::Party, OrgKind::Transit] {
            if role.allowed_in(kind) {
                continue;
            }
            let me = actor(role, kind);
            assert_eq!(viewer(&me), Viewer::Nothing, "{role} in {kind}");
            for row in table() {
                check_row(&row.resource, &me, |res| {
                    for action in [Action::Read, Action::Write] {
                        let got = can(&me, action, res);
                        assert!(
                            matches!(got, Access::Deny | Access::Invisible),
                            "{role} in a {kind} organisation got {got:?} for {action:?} on '{}'",
                            row.resource
                        );
                    }
                });
            }
        }
    }
}

#[test]
fn a_record_outside_the_view_is_invisible_never_denied() {
    // Whatever a record is, an answer about it is never 403: that would tell
    // the caller it exists.
    for row in table() {
        let about_one = row.resource.contains(',');
        for (role, read, write) in &row.cells {
            if about_one {
                if !read.allowed() {
                    assert_eq!(*read, Access::Invisible, "{role} on '{}'", row.resource);
                    assert_eq!(*write, Access::Invisible, "{role} on '{}'", row.resource);
                }
            } else {
                assert!(
                    !matches!(read, Access::Invisible) && !matches!(write, Access::Invisible),
                    "{role} on '{}': a collection answers 403, not 404",
                    row.resource
                );
            }
        }
    }
}

#[test]
fn viewers_follow_the_roles() {
    let cases = [
        (Role::Coordinator, Viewer::Everything),
        (Role::Caseworker, Viewer::Everything),
        (Role::Escort, Viewer::Escort(UserId("me".into()))),
        (Role::PartyOfficer, Viewer::Party(OrgId("my-org".into()))),
        (
            Role::TransitOfficer,
            Viewer::Transit(OrgId("my-org".into())),
        ),
        (Role::Auditor, Viewer::Nothing),
        (Role::Admin, Viewer::Nothing),
    ];
    for (role, want) in cases {
        assert_eq!(viewer(&actor(role, home_kind(role))), want, "{role}");
    }
}

#[test]
fn the_auditor_never_sees_a_child() {
    let me = actor(Role::Auditor, OrgKind::Party);
    assert_eq!(can(&me, Action::Read, &Resource::Children), Access::Deny);
    let scope = ChildScope {
        submitted_by: me.org.clone(),
        cases: vec![],
    };
    assert_eq!(
        can(&me, Action::Read, &Resource::Child(&scope)),
        Access::Invisible
    );
    assert_eq!(can(&me, Action::Read, &Resource::AccessLog), Access::Allow);
}
