//! Each rule's message id, its arguments, and one example of every rule
//! (for the test that every rule has a message in every language).

use super::*;

impl Rule {
    /// The message id in the web UI's catalogues.
    pub fn id(&self) -> &'static str {
        use Rule as R;
        match self {
            R::OnlyAdminRegistersOrganisations => "refusal-only-admin-registers-organisations",
            R::OnlyAdminAddsUsers => "refusal-only-admin-adds-users",
            R::OnlyUserOrAdminSetsPassword => "refusal-only-user-or-admin-sets-password",
            R::OnlyAdminChangesRoles => "refusal-only-admin-changes-roles",
            R::OnlyAdminDisablesUsers => "refusal-only-admin-disables-users",
            R::OwnLanguageOnly => "refusal-own-language-only",
            R::RegisterChildrenOwnLists => "refusal-register-children-own-lists",
            R::AmendChildOwnRecords => "refusal-amend-child-own-records",
            R::RecordCustodyOwnRecords => "refusal-record-custody-own-records",
            R::EmbassyCustodyByMediator => "refusal-embassy-custody-by-mediator",
            R::AddFamilyOwnRecords => "refusal-add-family-own-records",
            R::FileTracingOwnFamilies => "refusal-file-tracing-own-families",
            R::OnlyStaffLinksRequests => "refusal-only-staff-links-requests",
            R::CloseRequestOwnOrStaff => "refusal-close-request-own-or-staff",
            R::OnlyCoordinatorOpensCases => "refusal-only-coordinator-opens-cases",
            R::OnlyStaffAddsEvidence => "refusal-only-staff-adds-evidence",
            R::OnlyStaffRecordsConsent => "refusal-only-staff-records-consent",
            R::OnlyStaffWithdrawsConsent => "refusal-only-staff-withdraws-consent",
            R::OnlyStaffAssessesBestInterests => "refusal-only-staff-assesses-best-interests",
            R::OnlyStaffRecordsViews => "refusal-only-staff-records-views",
            R::OnlyPartyOfficerDecides => "refusal-only-party-officer-decides",
            R::OnlyCoordinatorGroupsCases => "refusal-only-coordinator-groups-cases",
            R::OnlyCoordinatorAddsParty => "refusal-only-coordinator-adds-party",
            R::OnlyStaffRecordsFollowUps => "refusal-only-staff-records-follow-ups",
            R::OnlyAdminRegistersWitnessKeys => "refusal-only-admin-registers-witness-keys",
            R::OnlyStaffProposesMatches => "refusal-only-staff-proposes-matches",
            R::OnlyStaffDecidesMatches => "refusal-only-staff-decides-matches",
            R::OnlyStaffUndoesMatches => "refusal-only-staff-undoes-matches",
            R::OnlyCoordinatorErases => "refusal-only-coordinator-erases",
            R::ImportOwnLists => "refusal-import-own-lists",
            R::OnlyCoordinatorPlansTrips => "refusal-only-coordinator-plans-trips",
            R::OnlyCoordinatorReschedulesTrips => "refusal-only-coordinator-reschedules-trips",
            R::OnlyCoordinatorAssignsEscorts => "refusal-only-coordinator-assigns-escorts",
            R::OnlyCoordinatorCancelsTrips => "refusal-only-coordinator-cancels-trips",
            R::OnlyCoordinatorBooks => "refusal-only-coordinator-books",
            R::OnlyLegEscortsDepart => "refusal-only-leg-escorts-depart",
            R::OnlyLegEscortsArrive => "refusal-only-leg-escorts-arrive",
            R::OnlyLegEscortsHandOver => "refusal-only-leg-escorts-hand-over",
            R::NoWitnessKey => "refusal-no-witness-key",
            R::ChildNeedsName => "refusal-child-needs-name",
            R::ChildNameEmpty => "refusal-child-name-empty",
            R::OrganisationNeedsName => "refusal-organisation-needs-name",
            R::SideOnlyForParty => "refusal-side-only-for-party",
            R::RoleNotInOrgKind { .. } => "refusal-role-not-in-org-kind",
            R::LoginShape => "refusal-login-shape",
            R::OwnRoleUnchangeable => "refusal-own-role-unchangeable",
            R::RoleNotForUsersOrganisation { .. } => "refusal-role-not-for-users-organisation",
            R::NotALanguage { .. } => "refusal-not-a-language",
            R::SelfDisable => "refusal-self-disable",
            R::TransitStateNoLists => "refusal-transit-state-no-lists",
            R::CustodyOnTheWay => "refusal-custody-on-the-way",
            R::CustodyStart(_) => "refusal-custody-start",
            R::FamilyMemberNeedsName => "refusal-family-member-needs-name",
            R::RequestNeedsAsker => "refusal-request-needs-asker",
            R::CaseNeedsParties => "refusal-case-needs-parties",
            R::CaseSameParty => "refusal-case-same-party",
            R::CaseSameSide => "refusal-case-same-side",
            R::EvidenceNeedsDescription => "refusal-evidence-needs-description",
            R::MemberNotOnRecord => "refusal-member-not-on-record",
            R::NoParentalResponsibility => "refusal-no-parental-responsibility",
            R::CourtOrderNeedsReference => "refusal-court-order-needs-reference",
            R::DetainedConsentNeedsWitness => "refusal-detained-consent-needs-witness",
            R::FoundNeedsLink => "refusal-found-needs-link",
            R::GroupNeedsTwo => "refusal-group-needs-two",
            R::AddedOrganisationNeedsSide => "refusal-added-organisation-needs-side",
            R::NoConsentInForce => "refusal-no-consent-in-force",
            R::WithdrawalNeedsReason => "refusal-withdrawal-needs-reason",
            R::BestInterestsNeedReasons => "refusal-best-interests-need-reasons",
            R::Views(v) => v.id(),
            R::ApprovalHasNoDispute => "refusal-approval-has-no-dispute",
            R::ObjectionNeedsReason => "refusal-objection-needs-reason",
            R::FollowUpNeedsNote => "refusal-follow-up-needs-note",
            R::ReasonTooLong => "refusal-reason-too-long",
            R::WitnessOnlyParty => "refusal-witness-only-party",
            R::WitnessKeyUnreadable(_) => "refusal-witness-key-unreadable",
            R::WitnessKeyType => "refusal-witness-key-type",
            R::ListForPartyOnly => "refusal-list-for-party-only",
            R::ListNeedsName => "refusal-list-needs-name",
            R::ListDigest => "refusal-list-digest",
            R::Row { .. } => "refusal-row",
            R::RowIdLength => "refusal-row-id-length",
            R::RowIdRepeated => "refusal-row-id-repeated",
            R::TripCapacity => "refusal-trip-capacity",
            R::LegIdsRepeated => "refusal-leg-ids-repeated",
            R::EscortNamedTwice => "refusal-escort-named-twice",
            R::ProposalsNotLoaded => "refusal-proposals-not-loaded",
            R::MatchSameRecord => "refusal-match-same-record",
            R::MatchScoreRange => "refusal-match-score-range",
            R::ProofBackwards { .. } => "refusal-proof-backwards",
            R::EntryNotInTree { .. } => "refusal-entry-not-in-tree",
            R::NoTreeOfSize { .. } => "refusal-no-tree-of-size",
            R::CheckpointUnreadable(_) => "refusal-checkpoint-unreadable",
            R::CheckpointSize { .. } => "refusal-checkpoint-size",
            R::CheckpointNotOurs { .. } => "refusal-checkpoint-not-ours",
            R::CheckpointRoot { .. } => "refusal-checkpoint-root",
            R::Ledger(_) => "refusal-ledger",
            R::Erased => "refusal-erased",
            R::CaseClosed { .. } => "refusal-case-closed",
            R::OrganisationNameTaken { .. } => "refusal-organisation-name-taken",
            R::LoginTaken { .. } => "refusal-login-taken",
            R::AlreadyHasRole => "refusal-already-has-role",
            R::UserAlreadyDisabled => "refusal-user-already-disabled",
            R::UserNotDisabled => "refusal-user-not-disabled",
            R::ChildAlreadyRegistered => "refusal-child-already-registered",
            R::RequestClosedNotLinked => "refusal-request-closed-not-linked",
            R::ChildHasOpenCase => "refusal-child-has-open-case",
            R::ConsentOnRecord => "refusal-consent-on-record",
            R::RequestAlreadyClosed => "refusal-request-already-closed",
            R::CaseInAnotherGroup => "refusal-case-in-another-group",
            R::GroupBeforeSubmission => "refusal-group-before-submission",
            R::AlreadyConcerned => "refusal-already-concerned",
            R::AddPartyBeforeApproval => "refusal-add-party-before-approval",
            R::WitnessKeyNameTaken { .. } => "refusal-witness-key-name-taken",
            R::ChildAlreadyErased => "refusal-child-already-erased",
            R::RequestAlreadyErased => "refusal-request-already-erased",
            R::ImportRecorded => "refusal-import-recorded",
            R::TripExists => "refusal-trip-exists",
            R::MatchDecided { .. } => "refusal-match-decided",
            R::MatchRecordGone => "refusal-match-record-gone",
            R::MatchRecordErased => "refusal-match-record-erased",
            R::MatchRecordJoined => "refusal-match-record-joined",
            R::RequestAlreadyLinked => "refusal-request-already-linked",
            R::BothHaveCases => "refusal-both-have-cases",
            R::BothGather => "refusal-both-gather",
            R::NothingToUndo => "refusal-nothing-to-undo",
            R::LinkedRequestErased => "refusal-linked-request-erased",
            R::JoinedRecordHasCase => "refusal-joined-record-has-case",
            R::JoinNotLoaded => "refusal-join-not-loaded",
        }
    }

    /// The message's arguments, by name.
    pub fn args(&self) -> Vec<(&'static str, Arg)> {
        use Rule as R;
        let n = |v: u64| Arg::Number(v);
        match self {
            R::RoleNotInOrgKind { role, kind } => {
                vec![("role", Arg::Role(*role)), ("kind", Arg::OrgKind(*kind))]
            }
            R::RoleNotForUsersOrganisation { role } => vec![("role", Arg::Role(*role))],
            R::NotALanguage { lang } => vec![
                ("lang", Arg::Text(lang.clone())),
                ("expected", Arg::Text(LANGUAGES.join(", "))),
            ],
            R::ReasonTooLong => vec![("max", n(MAX_REASON as u64))],
            R::ListNeedsName => vec![("max", n(MAX_LIST_NAME as u64))],
            R::RowIdLength => vec![("max", n(MAX_EXTERNAL_ID as u64))],
            R::Row { row, why } => vec![("row", n(*row)), ("why", Arg::Rule(why.clone()))],
            R::ProofBackwards { from, to } => vec![("from", n(*from)), ("to", n(*to))],
            R::EntryNotInTree { seq, size } => vec![("seq", n(*seq)), ("size", n(*size))],
            R::NoTreeOfSize { size, to } => vec![("size", n(*size)), ("to", n(*to))],
            R::CheckpointSize { size, held } => vec![("size", n(*size)), ("held", n(*held))],
            R::CheckpointNotOurs { size } | R::CheckpointRoot { size } => {
                vec![("size", n(*size))]
            }
            R::CheckpointUnreadable(detail) | R::Ledger(detail) => {
                vec![("detail", Arg::Text(detail.clone()))]
            }
            R::CaseClosed { state } => vec![("state", Arg::State(*state))],
            R::OrganisationNameTaken { name } | R::WitnessKeyNameTaken { name } => {
                vec![("name", Arg::Text(name.clone()))]
            }
            R::LoginTaken { login } => vec![("login", Arg::Text(login.clone()))],
            // A selector in the catalogues picks the sentence for the status.
            R::MatchDecided { status } => vec![("status", Arg::Text(status.as_str().to_owned()))],
            _ => Vec::new(),
        }
    }

    /// A row of a list that broke `why`; `index` counts from 0.
    pub fn row(index: usize, why: Rule) -> Rule {
        Rule::Row {
            row: index as u64 + 1,
            why: Box::new(why),
        }
    }

    /// Every rule once, with example arguments: the web UI's tests check
    /// each has its message in every language. The match below fails to
    /// compile when a rule is added and not listed.
    pub fn examples() -> Vec<Rule> {
        use Rule as R;
        let rules = vec![
            R::OnlyAdminRegistersOrganisations,
            R::OnlyAdminAddsUsers,
            R::OnlyUserOrAdminSetsPassword,
            R::OnlyAdminChangesRoles,
            R::OnlyAdminDisablesUsers,
            R::OwnLanguageOnly,
            R::RegisterChildrenOwnLists,
            R::AmendChildOwnRecords,
            R::RecordCustodyOwnRecords,
            R::EmbassyCustodyByMediator,
            R::AddFamilyOwnRecords,
            R::FileTracingOwnFamilies,
            R::OnlyStaffLinksRequests,
            R::CloseRequestOwnOrStaff,
            R::OnlyCoordinatorOpensCases,
            R::OnlyStaffAddsEvidence,
            R::OnlyStaffRecordsConsent,
            R::OnlyStaffWithdrawsConsent,
            R::OnlyStaffAssessesBestInterests,
            R::OnlyStaffRecordsViews,
            R::OnlyPartyOfficerDecides,
            R::OnlyCoordinatorGroupsCases,
            R::OnlyCoordinatorAddsParty,
            R::OnlyStaffRecordsFollowUps,
            R::OnlyAdminRegistersWitnessKeys,
            R::OnlyStaffProposesMatches,
            R::OnlyStaffDecidesMatches,
            R::OnlyStaffUndoesMatches,
            R::OnlyCoordinatorErases,
            R::ImportOwnLists,
            R::OnlyCoordinatorPlansTrips,
            R::OnlyCoordinatorReschedulesTrips,
            R::OnlyCoordinatorAssignsEscorts,
            R::OnlyCoordinatorCancelsTrips,
            R::OnlyCoordinatorBooks,
            R::OnlyLegEscortsDepart,
            R::OnlyLegEscortsArrive,
            R::OnlyLegEscortsHandOver,
            R::NoWitnessKey,
            R::ChildNeedsName,
            R::ChildNameEmpty,
            R::OrganisationNeedsName,
            R::SideOnlyForParty,
            R::RoleNotInOrgKind {
                role: Role::Escort,
                kind: OrgKind::Party,
            },
            R::LoginShape,
            R::OwnRoleUnchangeable,
            R::RoleNotForUsersOrganisation {
                role: Role::TransitOfficer,
            },
            R::NotALanguage { lang: "fr".into() },
            R::SelfDisable,
            R::TransitStateNoLists,
            R::CustodyOnTheWay,
            R::CustodyStart(BirthDateError {
                input: "2014-13".into(),
                why: "the month must be between 1 and 12".into(),
            }),
            R::FamilyMemberNeedsName,
            R::RequestNeedsAsker,
            R::CaseNeedsParties,
            R::CaseSameParty,
            R::CaseSameSide,
            R::EvidenceNeedsDescription,
            R::MemberNotOnRecord,
            R::NoParentalResponsibility,
            R::CourtOrderNeedsReference,
            R::DetainedConsentNeedsWitness,
            R::FoundNeedsLink,
            R::GroupNeedsTwo,
            R::AddedOrganisationNeedsSide,
            R::NoConsentInForce,
            R::WithdrawalNeedsReason,
            R::BestInterestsNeedReasons,
            R::Views(ViewsRule::TooOld),
            R::Views(ViewsRule::NoWords),
            R::Views(ViewsRule::NoReason),
            R::Views(ViewsRule::OnlyCoordinator),
            R::Views(ViewsRule::MustBeHeard),
            R::ApprovalHasNoDispute,
            R::ObjectionNeedsReason,
            R::FollowUpNeedsNote,
            R::ReasonTooLong,
            R::WitnessOnlyParty,
            R::WitnessKeyUnreadable("bad".into()),
            R::WitnessKeyType,
            R::ListForPartyOnly,
            R::ListNeedsName,
            R::ListDigest,
            R::row(16, R::RowIdRepeated),
            R::RowIdLength,
            R::RowIdRepeated,
            R::TripCapacity,
            R::LegIdsRepeated,
            R::EscortNamedTwice,
            R::ProposalsNotLoaded,
            R::MatchSameRecord,
            R::MatchScoreRange,
            R::ProofBackwards { from: 9, to: 4 },
            R::EntryNotInTree { seq: 12, size: 7 },
            R::NoTreeOfSize { size: 7, to: 12 },
            R::CheckpointUnreadable("bad".into()),
            R::CheckpointSize { size: 12, held: 7 },
            R::CheckpointNotOurs { size: 7 },
            R::CheckpointRoot { size: 7 },
            R::Ledger("bad".into()),
            R::Erased,
            R::CaseClosed {
                state: CaseState::Closed,
            },
            R::OrganisationNameTaken { name: "Org".into() },
            R::LoginTaken {
                login: "someone".into(),
            },
            R::AlreadyHasRole,
            R::UserAlreadyDisabled,
            R::UserNotDisabled,
            R::ChildAlreadyRegistered,
            R::RequestClosedNotLinked,
            R::ChildHasOpenCase,
            R::ConsentOnRecord,
            R::RequestAlreadyClosed,
            R::CaseInAnotherGroup,
            R::GroupBeforeSubmission,
            R::AlreadyConcerned,
            R::AddPartyBeforeApproval,
            R::WitnessKeyNameTaken { name: "w".into() },
            R::ChildAlreadyErased,
            R::RequestAlreadyErased,
            R::ImportRecorded,
            R::TripExists,
            R::MatchDecided {
                status: MatchStatus::Confirmed,
            },
            R::MatchDecided {
                status: MatchStatus::Rejected,
            },
            R::MatchDecided {
                status: MatchStatus::Unsure,
            },
            R::MatchRecordGone,
            R::MatchRecordErased,
            R::MatchRecordJoined,
            R::RequestAlreadyLinked,
            R::BothHaveCases,
            R::BothGather,
            R::NothingToUndo,
            R::LinkedRequestErased,
            R::JoinedRecordHasCase,
            R::JoinNotLoaded,
        ];
        for r in &rules {
            match r {
                R::OnlyAdminRegistersOrganisations
                | R::OnlyAdminAddsUsers
                | R::OnlyUserOrAdminSetsPassword
                | R::OnlyAdminChangesRoles
                | R::OnlyAdminDisablesUsers
                | R::OwnLanguageOnly
                | R::RegisterChildrenOwnLists
                | R::AmendChildOwnRecords
                | R::RecordCustodyOwnRecords
                | R::EmbassyCustodyByMediator
                | R::AddFamilyOwnRecords
                | R::FileTracingOwnFamilies
                | R::OnlyStaffLinksRequests
                | R::CloseRequestOwnOrStaff
                | R::OnlyCoordinatorOpensCases
                | R::OnlyStaffAddsEvidence
                | R::OnlyStaffRecordsConsent
                | R::OnlyStaffWithdrawsConsent
                | R::OnlyStaffAssessesBestInterests
                | R::OnlyStaffRecordsViews
                | R::OnlyPartyOfficerDecides
                | R::OnlyCoordinatorGroupsCases
                | R::OnlyCoordinatorAddsParty
                | R::OnlyStaffRecordsFollowUps
                | R::OnlyAdminRegistersWitnessKeys
                | R::OnlyStaffProposesMatches
                | R::OnlyStaffDecidesMatches
                | R::OnlyStaffUndoesMatches
                | R::OnlyCoordinatorErases
                | R::ImportOwnLists
                | R::OnlyCoordinatorPlansTrips
                | R::OnlyCoordinatorReschedulesTrips
                | R::OnlyCoordinatorAssignsEscorts
                | R::OnlyCoordinatorCancelsTrips
                | R::OnlyCoordinatorBooks
                | R::OnlyLegEscortsDepart
                | R::OnlyLegEscortsArrive
                | R::OnlyLegEscortsHandOver
                | R::NoWitnessKey
                | R::ChildNeedsName
                | R::ChildNameEmpty
                | R::OrganisationNeedsName
                | R::SideOnlyForParty
                | R::RoleNotInOrgKind { .. }
                | R::LoginShape
                | R::OwnRoleUnchangeable
                | R::RoleNotForUsersOrganisation { .. }
                | R::NotALanguage { .. }
                | R::SelfDisable
                | R::TransitStateNoLists
                | R::CustodyOnTheWay
                | R::CustodyStart(_)
                | R::FamilyMemberNeedsName
                | R::RequestNeedsAsker
                | R::CaseNeedsParties
                | R::CaseSameParty
                | R::CaseSameSide
                | R::EvidenceNeedsDescription
                | R::MemberNotOnRecord
                | R::NoParentalResponsibility
                | R::CourtOrderNeedsReference
                | R::DetainedConsentNeedsWitness
                | R::FoundNeedsLink
                | R::GroupNeedsTwo
                | R::AddedOrganisationNeedsSide
                | R::NoConsentInForce
                | R::WithdrawalNeedsReason
                | R::BestInterestsNeedReasons
                | R::Views(
                    ViewsRule::TooOld
                    | ViewsRule::NoWords
                    | ViewsRule::NoReason
                    | ViewsRule::OnlyCoordinator
                    | ViewsRule::MustBeHeard,
                )
                | R::ApprovalHasNoDispute
                | R::ObjectionNeedsReason
                | R::FollowUpNeedsNote
                | R::ReasonTooLong
                | R::WitnessOnlyParty
                | R::WitnessKeyUnreadable(_)
                | R::WitnessKeyType
                | R::ListForPartyOnly
                | R::ListNeedsName
                | R::ListDigest
                | R::Row { .. }
                | R::RowIdLength
                | R::RowIdRepeated
                | R::TripCapacity
                | R::LegIdsRepeated
                | R::EscortNamedTwice
                | R::ProposalsNotLoaded
                | R::MatchSameRecord
                | R::MatchScoreRange
                | R::ProofBackwards { .. }
                | R::EntryNotInTree { .. }
                | R::NoTreeOfSize { .. }
                | R::CheckpointUnreadable(_)
                | R::CheckpointSize { .. }
                | R::CheckpointNotOurs { .. }
                | R::CheckpointRoot { .. }
                | R::Ledger(_)
                | R::Erased
                | R::CaseClosed { .. }
                | R::OrganisationNameTaken { .. }
                | R::LoginTaken { .. }
                | R::AlreadyHasRole
                | R::UserAlreadyDisabled
                | R::UserNotDisabled
                | R::ChildAlreadyRegistered
                | R::RequestClosedNotLinked
                | R::ChildHasOpenCase
                | R::ConsentOnRecord
                | R::RequestAlreadyClosed
                | R::CaseInAnotherGroup
                | R::GroupBeforeSubmission
                | R::AlreadyConcerned
                | R::AddPartyBeforeApproval
                | R::WitnessKeyNameTaken { .. }
                | R::ChildAlreadyErased
                | R::RequestAlreadyErased
                | R::ImportRecorded
                | R::TripExists
                | R::MatchDecided { .. }
                | R::MatchRecordGone
                | R::MatchRecordErased
                | R::MatchRecordJoined
                | R::RequestAlreadyLinked
                | R::BothHaveCases
                | R::BothGather
                | R::NothingToUndo
                | R::LinkedRequestErased
                | R::JoinedRecordHasCase
                | R::JoinNotLoaded => {}
            }
        }
        rules
    }
}
