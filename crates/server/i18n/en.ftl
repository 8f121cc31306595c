# Homeward web UI — English (the reference: every other file has these ids).

app-name = Homeward
app-tagline = Bringing separated children home
skip-to-content = Skip to the content
nav-main = Main menu
nav-dashboard = Dashboard
nav-children = Children
nav-tracing = Tracing requests
nav-sign-out = Sign out
language-label = Language
signed-in-as = Signed in as { $login }
footer-note = Every look at a child's record is written down.

role-coordinator = Coordinator
role-caseworker = Caseworker
role-escort = Escort
role-party_officer = Party officer
role-transit_officer = Transit officer
role-auditor = Auditor
role-admin = Administrator

## Sign-in
sign-in-title = Sign in
sign-in-intro = Sign in with the account your organisation gave you.
sign-in-login = Login
sign-in-password = Password
sign-in-submit = Sign in
sign-in-failed = The login or the password is not right. Check both and try again.
sign-in-limited = Too many attempts. Wait a minute, then try again.
sign-in-signed-out = You have signed out.

## Dashboard
dashboard-title = Dashboard
dashboard-total = { $count ->
    [one] { $count } case in all
   *[other] { $count } cases in all
}
dashboard-by-state = Cases by state
dashboard-by-party = Cases by party
dashboard-returned = Children returned home per month
dashboard-returned-none = No child has been returned home yet.
dashboard-returned-chart = Bar chart of children returned home per month; the same figures are in the table below it.
dashboard-no-cases = There are no cases in your view.
col-state = State
col-party = Party
col-month = Month
col-cases = Cases
col-children = Children

## Case states
state-identified = Identified
state-verified = Verified
state-family_located = Family located
state-consent_recorded = Consent recorded
state-submitted = Submitted to both parties
state-approved = Approved by both parties
state-transit_planned = Transit planned
state-in_transit = In transit
state-handed_over = Handed over
state-reunited = Reunited
state-closed = Closed
state-on_hold = On hold
state-disputed = Disputed
state-withdrawn = Withdrawn

## Case actions
action-verify = Verify identity
action-locate_family = Family located
action-record_consent = Consent recorded
action-submit = Submit to both parties
action-approve = Approve
action-plan_transit = Transit planned
action-depart = Departed
action-hand_over = Handed over
action-reunite = Reunited
action-close = Close the case
action-hold = Put on hold
action-dispute = Dispute
action-withdraw = Withdraw
action-resume = Resume

## Records
sex-M = Male
sex-F = Female
sex-unknown = Not known
custody-institution = Institution
custody-hospital = Hospital
custody-foster_family = Foster family
custody-adoptive_family = Adoptive family
custody-embassy = Embassy
custody-family = Family
rel-mother = Mother
rel-father = Father
rel-grandparent = Grandparent
rel-sibling = Sibling
rel-aunt_or_uncle = Aunt or uncle
rel-legal_guardian = Legal guardian
rel-other = Other relative
name-kind-recorded = As recorded
name-kind-document = In a document
name-kind-former = Former name
name-kind-other = Other spelling
circ-parent_detained = Parent detained
circ-medical_needs = Medical needs
circ-lost_contact = Lost contact
circ-other = Other circumstance
unknown = Not known
erased = Erased

## Children list
children-title = Children
children-search = Name, in any script or spelling
children-search-hint = Latin, Cyrillic or any spelling: “Solomiia Shevchuk” finds «Соломія Шевчук».
filter-state = Case state
filter-party = Submitted by
filter-sex = Sex
filter-birth-year = Year of birth
filter-any = Any
filter-apply = Search
filter-reset = Clear
children-found = { $count ->
    [one] { $count } child found
   *[other] { $count } children found
}
children-none = No child matches. Try fewer filters or another spelling.
col-name = Name
col-name-latin = In Latin letters
col-sex = Sex
col-born = Born
col-submitted-by = Submitted by
col-case = Case
no-case = No case
page-nav = Pages
page-prev = Previous
page-next = Next
page-of = Page { $page } of { $pages }

## A child's page
child-names = Names
col-original = Original script
col-kind = Kind
child-facts = Record
child-birth-place = Place of birth
child-list = List
child-documents = Identity documents
child-circumstances = Special circumstances
child-custody = Custody history
custody-since = Since
custody-kind = Where
custody-place = Place
custody-address = Address
custody-none = No custody has been recorded.
child-case = Case
case-state = State
case-history = Case history
case-history-none = No step has been taken yet.
col-when = When
col-step = Step
col-from = From
col-to = To
col-note = Note
case-none = No case has been opened for this child.
case-actions = Next steps
case-actions-none = Your role cannot take a step on this case in its present state.
case-reason = Reason (required)
case-done = The case is now “{ $state }”.
case-refused = The step was not taken: { $reason }
child-family = Family
family-none = No family member is on record.
col-relationship = Relationship
col-status = Status
child-tracing = Tracing requests
tracing-none = No tracing request is linked to this child.
child-access-log = Access log
access-none = No access has been recorded yet.
col-who = Who
col-via = Through
child-not-found = This record does not exist, or it is not in your view.

## Tracing requests
tracing-title = Tracing requests
tracing-count = { $count ->
    [one] { $count } tracing request
   *[other] { $count } tracing requests
}
col-child-sought = Child sought
col-requester = Asked by
col-filed-by = Filed through
col-last-seen = Last seen
tracing-status-open = Open
tracing-status-linked = Linked to a child
tracing-list-none = There are no tracing requests in your view.

## Errors
error-title = Something went wrong
error-internal = The page could not be shown. Try again in a moment; if it keeps happening, tell your coordinator.
error-not-found = This page does not exist, or it is not in your view.
error-forbidden = Your role does not give access to this page.
error-bad-request = The form was not sent from this site. Reload the page and try again.
error-back = Back to the dashboard

## Public report
public-title = Public report
public-intro = How many children each party reported, and how far their cases have come. No child or relative is named here.
public-small-counts = Counts from 1 to 4 are shown as <5, so that a small number cannot point to a family.
public-by-party = Children by the party that reported them
public-reported = Reported
public-matched = Matched
public-returned = Returned home
public-matched-note = Matched: children with a case opened on them. Verified, approved, returned home: children whose case reached that step.
public-checkpoint = The ledger checkpoint these figures were computed at
public-checkpoint-size = { $size } entries, signed by the mediator and cosigned by the parties' witnesses below.

## Dashboard: witnesses
dashboard-witnesses = Parties' witnesses
dashboard-ledger-size = The ledger holds { $size } entries.
dashboard-cosigned-nothing = nothing yet
col-witness = Witness key
col-cosigned = Cosigned up to
col-behind = Entries behind

## Users, passwords and erasure
nav-users = Users
users-title = Users
users-add-title = Add a user
users-add-submit = Add the user
col-organisation = Organisation
col-role = Role
col-actions = Actions
users-active = Active
users-disabled = Disabled
users-disable = Disable
users-enable = Enable
users-new-password = New password
users-new-password-for = New password for { $login }
users-set-password = Set the password
users-done-added = The user was added.
users-done-disabled = The user was disabled: they can no longer sign in, and every session and token of theirs has ended.
users-done-enabled = The user can sign in again.
users-done-password = The password was set; every session and token of that user has ended.
users-error-login = A login is 2 to 64 characters: letters, digits, '.', '-' and '_'.
users-error-role = This role is not available in that organisation.
users-error-login-taken = This login is taken; choose another.
users-error-self = You cannot disable yourself; another administrator can.
users-error-already-disabled = This user is already disabled.
users-error-not-disabled = This user is not disabled.
users-error-refused = The change was refused; nothing was changed.
password-rule = A password is at least 10 characters long.
error-busy = The server is checking too many passwords at once. Try again in a second.
error-already-done = This was already done; nothing was changed.
account-password-title = Change your password
account-password-intro = Your other sessions, on every device, end when the password changes; this one goes on.
account-current-password = Current password
account-repeat-password = The new password again
account-password-submit = Change the password
account-password-done = Your password was changed. Your other sessions have ended.
account-error-mismatch = The two new passwords differ. Type the same password twice.
account-error-current = The current password is not right; nothing was changed.
erase-title = Erase personal data
erase-child-intro = Erases the names, dates, places, relatives, custody, case notes and the copies in linked tracing requests. The record, its cases and the ledger's proofs remain. This cannot be undone.
erase-reason = Reason
erase-reason-family_request = The family asked
erase-reason-retention_period_ended = The retention period ended
erase-reason-court_order = A court ordered it
erase-confirm = I understand this cannot be undone
erase-submit = Erase
erase-done = The personal data was erased.
erase-unconfirmed = Choose a reason and tick the box to confirm; nothing was erased.
tracing-status-erased = Erased

## Organisations and witness keys
nav-organisations = Organisations
orgs-title = Organisations
orgs-add-title = Register an organisation
orgs-add-submit = Register
orgs-name = Name
orgs-kind = Kind
orgs-side = Side
orgs-side-hint = A party to the conflict is on side A or B; the mediator and transit states have no side.
org-kind-mediator = Mediator
org-kind-party = Party
org-kind-transit = Transit state
orgs-witness = Witness key
orgs-no-witness = No witness yet
orgs-witness-for = Witness key of { $name }
orgs-witness-submit = Register the key
orgs-witness-hint = A party makes its key on its own machine with homeward ledger keygen and sends the public key it prints; from then on it cosigns the ledger with homeward ledger cosign. Registering a key is a ledger event.
orgs-done-added = The organisation was registered.
orgs-done-witness = The witness key was registered; the party's cosignatures are now checked against it.
orgs-error-side = Give a name; a party needs side A or B, and only a party has one.
orgs-error-taken = An organisation with this name exists already.
orgs-error-witness = This is not a witness key: paste the line homeward ledger keygen printed (name+key id+base64), for a party.
orgs-error-witness-taken = This key, or a key of that name, belongs to another organisation.

## Exports
export-download = Download this list:
export-hint = Every child in the file is written to the access log.

## The review queue of matches
nav-matches = Matches
matches-title = Matches to review
matches-status = Status
matches-band = Score
matches-band-all = Any score
matches-band-high = High (90 % and above)
matches-band-medium = Medium (50–90 %)
matches-band-low = Low (below 50 %)
matches-filter = Show
matches-count = { $count ->
    [one] { $count } match
   *[other] { $count } matches
}
matches-position = Match { $position }
match-kind-parties = Both parties' records
match-kind-duplicate = Twice in one list
match-kind-tracing = Child and tracing request
matches-renamed = Both names differ while the patronymic, birth date and place agree: perhaps a child renamed on adoption. Check the documents.
matches-field = Field
matches-open-record = open
matches-agreement = Agreement
matches-weight = Weight
matches-names = Names
matches-erased = Erased
match-field-family_name = Family name
match-field-given_name = Given name
match-field-patronymic = Patronymic
match-field-sex = Sex
match-field-birth_date = Birth date
match-field-birth_place = Birth place
match-level-agree = Same
match-level-exact = Same
match-level-key = Same name, other spelling
match-level-group = Same name, other form
match-level-similar = Similar
match-level-near = Near
match-level-differ = Different
match-level-mismatch = Different
match-level-missing = Missing
match-level-unknown = Not comparable
match-level-day_month_swap = Day and month swapped
match-level-one_digit_typo = One digit differs
match-level-two_digits = Two digits differ
match-level-year_month = Same year and month
match-level-year = Same year
match-level-not_counted = Not counted (the given name says it)
match-level-year_off_1 = One year apart
matches-weight-hint = The weight is each field's evidence in bits: positive for the same child, negative against. The score adds them up with how common each name is.
matches-reason = Reason (optional)
matches-confirm = Same child
matches-reject = Not the same child
matches-unsure = Unsure
match-status-pending = To review
match-status-unsure = Marked unsure: decide when you know more.
match-status-confirmed = Confirmed: the records are one child.
match-status-rejected = Rejected: two different children.
matches-undo = Undo this decision
matches-nav = Queue
matches-prev = Previous
matches-next = Next
matches-keys = Keys: C same child, R not the same, U unsure, J next, K previous.
matches-empty = Nothing to review here.
matches-score = Score
matches-kind = Kind
matches-done-confirm = Confirmed: the two records are now one child.
matches-done-reject = Rejected.
matches-done-unsure = Marked unsure.
matches-done-undo = The decision was undone; the match is back in the queue.
child-sources = Records of this child
child-sources-hint = Each party's record of the child, joined by a confirmed match.
child-source-party = Party
child-source-list = List
child-source-external = Id in the list
child-source-names = Names

## Importing a party's list
nav-imports = Import
imports-title = Import a party's list
imports-steps = Steps
imports-step-upload = 1. Choose the file
imports-step-check = 2. Check it
imports-step-done = 3. Import
imports-upload-title = The list
imports-party = Party
imports-kind = What it lists
imports-kind-children = Children
imports-kind-tracing_requests = Tracing requests
imports-file = File (CSV or XLSX)
imports-list-name = Name of the list (optional)
imports-lang = Language of the names
imports-lang-auto = From the letters
imports-check = Check the file
imports-hint = Nothing is stored until you import the checked file. Columns are recognised by their English, Ukrainian or Russian names or HXL tags; a row with a problem stops the whole file.
imports-detected = What the file holds
imports-column = Column
imports-field = Field
imports-preview = The first rows
imports-row = Row
imports-line = Line
imports-value = Value
imports-why = Why
imports-problems = { $count ->
    [one] { $count } problem in the file
   *[other] { $count } problems in the file
}
imports-nothing-stored = Nothing was imported. Correct the file and check it again.
imports-would = What importing it will do
imports-rows = Rows
imports-new = New records
imports-updated = Records updated
imports-unchanged = Unchanged
imports-commit = Import this list
imports-cancel = Choose another file
imports-done = Imported
imports-done-note = The list was imported; the import is in the ledger with the file's SHA-256.
imports-matches = New matches to review
imports-to-matches = Review the matches
imports-another = Import another list
imports-error-form = The form could not be read; choose the file again.
imports-error-party = Choose one of the parties offered.
imports-error-file = Choose a file: the one sent was empty.
imports-error-unreadable = This file is not a list: save it as CSV or XLSX and try again.
imports-error-expired = The checked file is no longer held (it is kept for 15 minutes); check it again.

# casework
case-parties = Parties concerned
case-needs = Before the next step
need-identity = An identity document or identity evidence
need-family = A family member or guardian on record
need-consent = Consent from a parent or guardian
need-best-interests = A best-interests assessment that supports the return
need-child-views = The child's own views
need-approval-a = Approval by the first party
need-approval-b = Approval by the second party
need-record = record it below
case-actions-waiting = The next step is offered once everything above is recorded.
case-resolution = Outcome of the dispute (required)
action-resolve = Resolve the dispute
decision-title = Your party's decision
decision-legend = Decision
decision-approve = Approve
decision-object = Object
decision-dispute = If you object, what is disputed
dispute-identity = Identity
dispute-family_link = Family link
dispute-consent = Consent
dispute-other = Other
decision-note = Reason (required for an objection)
decision-submit = Record the decision
decisions-title = Parties' decisions
decisions-none = No party has decided yet.
col-decision = Decision
col-by = Recorded by
evidence-title = Evidence
evidence-none = No evidence has been recorded on this case.
evidence-method = How it was verified
evidence-kind-identity = Identity
evidence-kind-family = Family link
evidence-kind-reunion = Reunion
evidence-kind-other = Other
method-document_seen = Document seen
method-video_call = Video call with the family
method-photographs = Photographs
method-biometric_report = Biometric report
method-dna_report = DNA report
method-interview = Interview
assessments-title = Best interests, the child's views and consent
consent-given-by = Consent given by
assessments-none = No assessment and no views of the child have been recorded.
assessment-outcome = Outcome
assessment-best_interests = Best-interests assessment
assessment-child_views = The child's views
outcome-return = Return is in the child's best interests
outcome-no_return = Return is not in the child's best interests
outcome-undetermined = Not yet determined
heard-in_person = Heard in person
heard-video_call = Heard by video call
heard-in_writing = In writing
heard-through_representative = Through a representative
heard-not_obtainable = Could not be obtained
views-age-at = age { $age }
record-title = Record on this case
evidence-add = Add evidence
evidence-description = What was seen or received
evidence-submit = Add the evidence
consent-title = Consent
consent-nobody = No parent or guardian who can consent is on the child's record yet: add one under Family.
consent-member = Given by
consent-note = How it was obtained and who witnessed it
consent-submit = Record the consent
bi-title = Best-interests assessment
bi-reasons = Reasons
bi-submit = Record the assessment
views-title = The child's own views
views-how = How the child was heard
views-age = The child's age when heard
views-text = In the child's own words
views-hint = A child of 16 or over must be heard.
views-hint-coordinator = If the views could not be obtained, say why; a child of 16 or over must be heard.
views-submit = Record the child's views
open-case-title = Open a case
open-case-hint = A case concerns the party that reported the child and the party that holds the child, on opposite sides.
open-case-reporting = Party that reported the child
open-case-holding = Party that holds the child
open-case-submit = Open the case
saved-case = The case is open.
saved-evidence = The evidence is recorded.
saved-consent = The consent is recorded.
saved-best-interests = The best-interests assessment is recorded.
saved-child-views = The child's views are recorded.
saved-decision = Your party's decision is recorded.
form-bad-kind = Choose one of the kinds of evidence offered.
form-bad-method = Choose one of the ways of verifying offered.
form-need-description = Describe the evidence (up to 2,000 characters).
form-need-member = Choose who gave the consent.
form-need-consent-note = Say how the consent was obtained and who witnessed it.
form-bad-outcome = Choose one of the outcomes offered.
form-need-reasons = Give the reasons for the assessment.
form-bad-heard = Choose how the child was heard.
form-bad-age = Give the child's age as a whole number of years.
form-need-views = Write down the child's views, or why they could not be obtained.
form-need-decision = Choose approve or object.
form-bad-dispute = Choose what the objection disputes.
form-need-objection-reason = An objection needs its reason.
nav-cases = Cases
cases-title = Case board
cases-by-state = Cases by state
cases-stalled-days = Stalled after (days without change)
cases-only-stalled = Only stalled cases
cases-found = { $count ->
    [one] One case
   *[other] { $count } cases
}
cases-none = No case matches these filters.
cases-days-in-state = In this state
cases-last-change = Last change
cases-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
cases-days-ago = { $days ->
    [0] today
    [one] { $days } day ago
   *[other] { $days } days ago
}
cases-stalled = stalled
cases-uncased = { $count ->
    [one] One child without an open case
   *[other] { $count } children without an open case
}
cases-uncased-none = Every child on record has an open case.

# record forms
record-register-link = Register a child
record-register-title = Register a child
record-register-submit = Register the child
record-edit-link = Edit the record
record-edit-title = Edit the child's record
record-edit-submit = Save the record
record-back = The child's page
record-cancel = Cancel
record-problems = Nothing was saved. Correct what is marked:
record-whose-list = Whose list
record-party = The party whose list the child is on
record-choose = Choose…
record-own-list = The child goes on the list of { $party }.
record-list-name = Name of the list
record-list-name-hint = Left empty: “Registered in the web UI”.
record-names = Names
record-names-hint = Every way the child's name has been written, in any script: as recorded, as in a document, a former name. The first is the name as recorded. Rows left empty are ignored.
record-name-n = Spelling { $row }
record-given-name = Given name
record-patronymic = Patronymic
record-family-name = Family name
record-name-lang = Language and script
record-name-kind = Kind of spelling
record-lang-uk = Ukrainian (Cyrillic)
record-lang-ru = Russian (Cyrillic)
record-lang-uk-Latn = Ukrainian in Latin letters
record-lang-ru-Latn = Russian in Latin letters
record-lang-en = English
record-lang-ar = Arabic
record-sex-and-birth = Sex and birth
record-birth-date = Date of birth
record-birth-date-hint = Exact or partial: 2014-03-21, 2014-03 or 2014 (or 21.03.2014, 03.2014).
record-birth-age = Or an estimated age (years)
record-birth-age-on = Estimated on
record-birth-age-hint = When only an age is known: the day it was estimated; today if left empty.
record-place-lang = Language of the place's name
record-documents-hint = Rows without a number are ignored.
record-document-n = Document { $row }
record-document-kind = Kind
record-document-number = Number
record-document-issued-by = Issuing state
record-doc-birth_certificate = Birth certificate
record-doc-passport = Passport
record-doc-internal_passport = Internal passport
record-doc-other = Other document
record-circumstances-hint = Tick each that applies; a note is optional.
record-note = Note (optional)
record-note-on = Note on: { $what }
record-error-party = Party: choose one of the parties offered.
record-error-list-name-long = Name of the list: at most { $max } characters.
record-error-name-missing = Names: write at least one name (a given name or a family name).
record-error-name-empty = Spelling { $row }: write a given name or a family name, not a patronymic alone.
record-error-name-long = Spelling { $row }: each part of a name may be at most { $max } characters long.
record-error-name-lang = Spelling { $row }: choose a language and script from the list.
record-error-name-kind = Spelling { $row }: choose a kind of spelling from the list.
record-error-sex = Sex: choose female, male or not known.
record-error-birth-date = Date of birth: write a date that exists, between 1900 and 2100, as 2014-03-21, 2014-03 or 2014 (or 21.03.2014, 03.2014).
record-error-birth-both = Date of birth: give a date or an estimated age, not both.
record-error-birth-age = Estimated age: write a whole number of years from 0 to 25, and a day that exists for the estimate.
record-error-birth-place-long = Place of birth: at most { $max } characters.
record-error-birth-place-lang = Place of birth: choose the language of its name from the list.
record-error-document-number = Document { $row }: write its number, or clear the row.
record-error-document-long = Document { $row }: the number and the issuing state may be at most { $max } characters each.
record-error-document-kind = Document { $row }: choose a kind of document from the list.
record-error-note-long = Note on { $what }: at most 10,000 characters.
record-error-refused = The registry did not accept the record as it is: check the names and try again.
record-error-erased = This child's personal data was erased: the record takes no new personal data.
record-family-add = Add a family member or guardian
record-family-submit = Add to the record
record-status-hint = For example: in detention since 2023; whereabouts unknown.
record-contact = How to reach them
record-contact-hint = Phone, address or an intermediary. The other side does not see it.
record-custody-add = Record where the child lives
record-custody-submit = Record custody
record-since-hint = 2024-03-01, 2024-03 or 2024.
record-address-hint = The other side does not see the address.
record-error-relationship = Relationship: choose one from the list.
record-error-family-name = Name: write a given name or a family name.
record-error-family-name-long = Name: each part may be at most { $max } characters long.
record-error-family-lang = Language and script: choose one from the list.
record-error-status-long = Status: at most { $max } characters.
record-error-contact-long = How to reach them: at most { $max } characters.
record-error-custody-kind = Where: choose one of the kinds offered.
record-error-custody-since = Since: write a date that exists, between 1900 and 2100, as 2024-03-01, 2024-03 or 2024 (or 01.03.2024, 03.2024).
record-error-custody-place = Place: write the place's name.
record-error-custody-place-long = Place: at most { $max } characters.
record-error-custody-address-long = Address: at most { $max } characters.

# the domain's rules, as refusals name them
rule-role-not-allowed = a { $role } may not take the step “{ $action }”
rule-not-escort-of-trip = only the escorts of the case's trip may take the step “{ $action }”
rule-party-not-concerned = a party may only act on cases submitted to it
rule-wrong-state = a case that is “{ $state }” cannot take the step “{ $action }”
rule-reason-required = the step “{ $action }” needs a reason
rule-no-identity = verifying the identity needs an identity document or identity evidence on the case
rule-no-family = locating the family needs a family member or guardian on record
rule-no-consent = no consent has been recorded from a parent or guardian
rule-consent-by-stranger = the consent was given by someone who is not on the child's family record
rule-consent-by-non-guardian = the consent was given by a relative who cannot consent (a parent, grandparent or legal guardian must)
rule-same-parties = a case must concern two different parties before it is submitted
rule-no-best-interests = a best-interests assessment must be recorded before the case is submitted
rule-best-interests-against = the latest best-interests assessment does not find the return in the child's best interests
rule-no-child-views = the child's own views must be recorded before the case is submitted
rule-party-objected = party { $party } has objected to this case
rule-party-not-approved = party { $party } has not approved this case yet
rule-not-booked = the case is not booked on a trip
rule-no-legs = the case's trip has no legs planned
rule-no-escort = the case's trip has no escort assigned
rule-no-handover = no handover has been recorded for this child on the trip
rule-no-reunion-evidence = reunion needs evidence that the family received the child
rule-no-follow-up = a case is closed only after a follow-up has been recorded
rule-nothing-to-resume = the case has no state to resume to
rule-decision-needs-submitted = a party decides on a case once it is submitted; this case is “{ $state }”
rule-booking-needs-approved = a case is booked on a trip once both parties approved it; this case is “{ $state }”
rule-handover-needs-transit = handovers are recorded while the child is in transit; this case is “{ $state }”
rule-follow-up-needs-reunion = a follow-up is recorded after the reunion; this case is “{ $state }”
rule-views-too-old = a child's views are recorded up to the age of 17
rule-views-no-words = write down the child's views in the child's own words
rule-views-no-reason = say why the child's views could not be obtained
rule-views-only-coordinator = only a coordinator records that a child's views could not be obtained
rule-views-must-be-heard = a child of 16 or over must be heard; their views cannot be recorded as not obtainable
saved-consent-withdrawal = The withdrawal of consent is recorded; the case is on hold.
withdrawal-title = Consent withdrawn
withdrawal-hint = The case goes on hold; it goes on past consent only once consent is given again.
withdrawal-reason = Why, as the person said it
withdrawal-submit = Record the withdrawal
form-need-withdrawal-reason = A withdrawal of consent needs its reason.
users-done-role = The role was changed; it applies from the user's next page.
users-error-role-change = That role does not fit the user's organisation, or it is your own account.
users-error-same-role = The user already has this role.
users-role-for = New role for { $login }
users-change-role = Change role
case-add-party = Add an agency of either side
case-add-party-submit = Add to the case
saved-party = The organisation now concerns the case and decides on it for itself.
form-need-party = Choose the organisation to add.
need-trip = Booked on a trip with its legs and an escort
need-handover = The handover recorded on the trip
need-reunion-evidence = Evidence that the family received the child
need-follow-up = A follow-up after the reunion
