//! Who may see and change what: the access policy as one pure function.
//!
//! [`can`] answers for one actor, one action and one resource. The server
//! asks it before every read and write and maps the answer to a status:
//! [`Access::Deny`] is `403`, [`Access::Invisible`] is `404`. The rule that
//! keeps existence from leaking is in the shape of the answer: a verdict about
//! a *kind* of record (the children's registry, the ledger) never depends on
//! any record, so `403` there says nothing; a verdict about *one* record that
//! the actor may not see is always `Invisible`, the same answer as for an id
//! that does not exist.
//!
//! The same rules written out as a table are in `crates/domain/ACCESS.md`; a
//! test reads that table and checks every cell against this function.
//!
//! [`Viewer`] is the list-side twin of `can`: which rows of a list an actor
//! may see, for the store to turn into a `WHERE` clause. Every row a list
//! returns is still passed through `can` by the server.

use crate::ids::{OrgId, UserId};
use crate::org::{Actor, OrgKind, Role};
use crate::record::Circumstance;
use serde::{Deserialize, Serialize};

/// What the actor wants to do. On a collection (the registry, the list of
/// cases) `Read` is listing and searching and `Write` is creating; on one
/// record, `Read` is looking at it and `Write` is any change to it (the
/// domain's `decide` then checks the particular command).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Read,
    Write,
}

/// Parts of a record that some viewers may not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Notes written by others: evidence descriptions, reasons given for
    /// side steps, the other party's decision notes, follow-ups, handover
    /// notes and circumstance notes.
    InternalNotes,
    /// Where exactly a child lives (custody addresses).
    CustodyAddresses,
    /// How to reach the child's relatives.
    FamilyContacts,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::InternalNotes => "notes",
            Field::CustodyAddresses => "addresses",
            Field::FamilyContacts => "contacts",
        }
    }
}

/// The answer of [`can`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Allow,
    /// Allowed, with these fields left out.
    AllowRedacted(&'static [Field]),
    /// Refused; the actor learns only that this kind of thing is not theirs (403).
    Deny,
    /// Outside the actor's view; answered as if it did not exist (404).
    Invisible,
}

impl Access {
    pub fn allowed(self) -> bool {
        matches!(self, Access::Allow | Access::AllowRedacted(_))
    }

    /// The fields to hide; empty when nothing is hidden.
    pub fn hidden(self) -> &'static [Field] {
        match self {
            Access::AllowRedacted(f) => f,
            _ => &[],
        }
    }

    pub fn hides(self, field: Field) -> bool {
        self.hidden().contains(&field)
    }
}

/// Whether the reader sees a special circumstance's note: notes hidden
/// from the reader stay hidden, except a child's medical needs for an
/// escort, who needs them on the way.
pub fn shows_circumstance_note(actor: &Actor, access: Access, c: &Circumstance) -> bool {
    !access.hides(Field::InternalNotes)
        || (actor.role == Role::Escort && matches!(c, Circumstance::MedicalNeeds { .. }))
}

/// A case, as far as visibility goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseScope {
    pub party_a: OrgId,
    pub party_b: OrgId,
    /// Other agencies of either side the mediator added to the case.
    pub others: Vec<OrgId>,
    /// The escorts of the trip the case is booked on, if any.
    pub escorts: Vec<UserId>,
}

impl CaseScope {
    fn concerns(&self, org: &OrgId) -> bool {
        &self.party_a == org || &self.party_b == org || self.others.contains(org)
    }
}

/// A child's record, as far as visibility goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildScope {
    /// The organisation that submitted the record.
    pub submitted_by: OrgId,
    /// Every case about the child, open or not.
    pub cases: Vec<CaseScope>,
}

/// What an actor asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// The children's registry as a whole.
    Children,
    Child(&'a ChildScope),
    TracingRequests,
    TracingRequest {
        filed_by: &'a OrgId,
    },
    Cases,
    Case(&'a CaseScope),
    Trips,
    /// The manifest of one leg of a trip: who travels, with whom, how.
    Manifest {
        transit_org: Option<&'a OrgId>,
        escorts: &'a [UserId],
    },
    /// Who read which child's record, when and through what.
    AccessLog,
    /// The ledger's entries and signed checkpoints (no personal data).
    Ledger,
    /// The latest signed checkpoint with its cosignatures, and the proofs
    /// that tie checkpoints and entries together: what every organisation
    /// needs to check the mediator. Writing is a party's witness uploading
    /// its cosignature.
    Checkpoints,
    Organisations,
    Users,
    /// The review queue of matches: pairs of records, often of two
    /// parties, that may be one child. Reading it shows both records side
    /// by side; writing is deciding.
    Matches,
    /// A party's list as a whole: importing it (write) or taking it out
    /// (read). Decided on the party named, never on a record.
    List {
        party: &'a OrgId,
    },
}

/// What a party sees of a record the other side submitted.
const OTHER_SIDE: &[Field] = &[
    Field::InternalNotes,
    Field::CustodyAddresses,
    Field::FamilyContacts,
];
/// What a party or an escort sees of a case: everything but others' notes.
const NOT_NOTES: &[Field] = &[Field::InternalNotes];

/// The roles an actor effectively has; an actor whose role does not fit its
/// organisation (a misconfiguration) has none and sees nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Coordinator or caseworker of the mediator.
    Staff {
        coordinator: bool,
    },
    Escort,
    Party,
    Transit,
    Auditor,
    Admin,
    Nobody,
}

fn who(actor: &Actor) -> Who {
    if !actor.role.allowed_in(actor.org_kind) {
        return Who::Nobody;
    }
    match actor.role {
        Role::Coordinator => Who::Staff { coordinator: true },
        Role::Caseworker => Who::Staff { coordinator: false },
        Role::Escort => Who::Escort,
        Role::PartyOfficer => Who::Party,
        Role::TransitOfficer => Who::Transit,
        Role::Auditor => Who::Auditor,
        Role::Admin => Who::Admin,
    }
}

/// The access policy. See the module docs and `ACCESS.md`.
pub fn can(actor: &Actor, action: Action, resource: &Resource<'_>) -> Access {
    use Access::{Allow, AllowRedacted, Deny, Invisible};
    use Action::{Read, Write};
    let who = who(actor);
    let staff = matches!(who, Who::Staff { .. });
    let yes = |b: bool| if b { Allow } else { Deny };
    match *resource {
        Resource::Children | Resource::TracingRequests => yes(staff || who == Who::Party),
        Resource::Cases => match action {
            Read => yes(staff || matches!(who, Who::Party | Who::Escort)),
            Write => yes(staff),
        },
        Resource::Trips => match action {
            Read => yes(staff || matches!(who, Who::Escort | Who::Transit)),
            Write => yes(staff),
        },
        Resource::AccessLog => match action {
            Read => yes(who == (Who::Staff { coordinator: true }) || who == Who::Auditor),
            Write => Deny,
        },
        Resource::Ledger => match action {
            Read => yes(matches!(
                who,
                Who::Staff { coordinator: true } | Who::Auditor | Who::Admin
            )),
            Write => Deny,
        },
        Resource::Checkpoints => match action {
            Read => yes(who != Who::Nobody),
            Write => yes(who == Who::Party),
        },
        Resource::Organisations => match action {
            Read => yes(who != Who::Nobody),
            Write => yes(who == Who::Admin),
        },
        Resource::Users => yes(who == Who::Admin),
        Resource::Matches => yes(staff),
        Resource::List { party } => yes(staff || (who == Who::Party && party == &actor.org)),

        Resource::Child(scope) => {
            if staff {
                return Allow;
            }
            let escorted = scope.cases.iter().any(|c| c.escorts.contains(&actor.user));
            match who {
                Who::Party if scope.submitted_by == actor.org => Allow,
                Who::Party if scope.cases.iter().any(|c| c.concerns(&actor.org)) => match action {
                    Read => AllowRedacted(OTHER_SIDE),
                    Write => Deny,
                },
                Who::Escort if escorted => match action {
                    Read => AllowRedacted(NOT_NOTES),
                    Write => Deny,
                },
                _ => Invisible,
            }
        }
        Resource::TracingRequest { filed_by } => match who {
            _ if staff => Allow,
            Who::Party if filed_by == &actor.org => match action {
                Read => Allow,
                // Linking a request to a child is the mediator's call.
                Write => Deny,
            },
            _ => Invisible,
        },
        Resource::Case(scope) => match who {
            _ if staff => Allow,
            Who::Party if scope.concerns(&actor.org) => match action {
                Read => AllowRedacted(NOT_NOTES),
                // Decisions and disputes; `decide` checks which.
                Write => Allow,
            },
            Who::Escort if scope.escorts.contains(&actor.user) => match action {
                Read => AllowRedacted(NOT_NOTES),
                // Departure and handovers; `decide` checks which.
                Write => Allow,
            },
            _ => Invisible,
        },
        Resource::Manifest {
            transit_org,
            escorts,
        } => match who {
            _ if staff => Allow,
            Who::Escort if escorts.contains(&actor.user) => Allow,
            Who::Transit if transit_org == Some(&actor.org) => match action {
                Read => Allow,
                Write => Deny,
            },
            _ => Invisible,
        },
    }
}

/// Which rows of a list an actor may see, before [`can`] looks at each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// Mediator staff: every row.
    Everything,
    /// A party: records it submitted and cases (and their children and
    /// trips) that concern it.
    Party(OrgId),
    /// An escort: the cases and children on the trips they escort.
    Escort(UserId),
    /// A transit state: the legs that touch its territory.
    Transit(OrgId),
    /// No rows at all.
    Nothing,
}

pub fn viewer(actor: &Actor) -> Viewer {
    match who(actor) {
        Who::Staff { .. } => Viewer::Everything,
        Who::Party if actor.org_kind == OrgKind::Party => Viewer::Party(actor.org.clone()),
        Who::Escort => Viewer::Escort(actor.user.clone()),
        Who::Transit => Viewer::Transit(actor.org.clone()),
        _ => Viewer::Nothing,
    }
}
