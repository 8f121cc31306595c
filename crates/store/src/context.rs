//! Loading the facts a command needs, inside its write transaction.
//!
//! [`load`] reads, per kind of command, what `decide` needs; the facts of
//! each kind of record are a function here, those of the review queue in
//! `matches.rs`, and those of a group of registrations read at once (the
//! writer's fast path) in `registrations.rs`.

use crate::StoreError;
use homeward_domain::case::TripFacts as CaseTrip;
use homeward_domain::command::{ChildFacts, Context, OrgFacts};
use homeward_domain::transit::{Booked, LegFacts, TripFacts};
use homeward_domain::*;
use serde::de::DeserializeOwned;
use sqlx::Row;

type Tx = sqlx::AnyConnection;

mod matches;
mod registrations;
use matches::{match_facts, proposable};
pub(crate) use registrations::Registrations;
use registrations::registering_org;

pub(crate) fn parse_enum<T: DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| StoreError::Corrupt(format!("unknown value '{s}' in a projection table")))
}

async fn exists(tx: &mut Tx, sql: &'static str, arg: &str) -> Result<bool, StoreError> {
    Ok(sqlx::query(sql)
        .bind(arg)
        .fetch_optional(&mut *tx)
        .await?
        .is_some())
}

async fn org(tx: &mut Tx, id: &OrgId) -> Result<Option<OrgFacts>, StoreError> {
    let row = sqlx::query("SELECT kind, side FROM organisations WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    row.map(|r| {
        let kind: String = r.try_get(0)?;
        let side: Option<String> = r.try_get(1)?;
        Ok(OrgFacts {
            org_id: id.clone(),
            kind: kind.parse().map_err(StoreError::Corrupt)?,
            side: side.map(|s| parse_enum(&s)).transpose()?,
        })
    })
    .transpose()
}

/// The largest checkpoint size carrying a cosignature line of `org`'s
/// current witness key (name and key id). The lines were checked when they
/// were uploaded, and `verify` checks them again.
async fn witnessed_size(tx: &mut Tx, org: &OrgId) -> Result<Option<u64>, StoreError> {
    let Some(key) =
        sqlx::query("SELECT verifier_key FROM witness_keys WHERE org_id = $1 AND current = 1")
            .bind(org.as_str())
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(None);
    };
    let text: String = key.try_get(0)?;
    let key: homeward_ledger::VerifierKey = text
        .parse()
        .map_err(|e| StoreError::Corrupt(format!("a registered witness key is unreadable: {e}")))?;
    let rows = sqlx::query("SELECT size, note FROM ledger_checkpoints ORDER BY size DESC")
        .fetch_all(&mut *tx)
        .await?;
    for r in rows {
        let size: i64 = r.try_get(0)?;
        let note: String = r.try_get(1)?;
        let Ok(cp) = homeward_ledger::Checkpoint::from_text(&note) else {
            continue;
        };
        if cp
            .cosignatures()
            .any(|s| s.name == key.name() && s.key_id == key.key_id())
        {
            return Ok(Some(size as u64));
        }
    }
    Ok(None)
}

async fn child(tx: &mut Tx, id: &ChildId) -> Result<Option<ChildFacts>, StoreError> {
    let row = sqlx::query(
        "SELECT org_id, \
           (SELECT COUNT(*) FROM custody_records WHERE child_id = $1), \
           (SELECT COUNT(*) FROM cases WHERE child_id = $1 AND state NOT IN ('closed', 'withdrawn')), \
           erased \
         FROM children WHERE id = $1",
    )
    .bind(id.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    row.map(|r| {
        let custody: i64 = r.try_get(1)?;
        let open: i64 = r.try_get(2)?;
        let erased: i64 = r.try_get(3)?;
        Ok(ChildFacts {
            org_id: OrgId(r.try_get(0)?),
            custody_records: custody as u32,
            has_open_case: open > 0,
            erased: erased != 0,
        })
    })
    .transpose()
}

/// The case's facts, its child and how much evidence it holds.
async fn case(tx: &mut Tx, id: &CaseId) -> Result<Option<(CaseFacts, ChildId, u32)>, StoreError> {
    // The case row and its counts in one round trip.
    let Some(row) = sqlx::query(
        "SELECT c.child_id, c.party_a, c.party_b, c.state, c.consent_by, c.trip_id, ch.details, \
           (SELECT COUNT(*) FROM case_evidence WHERE case_id = $1 AND kind = 'identity'), \
           (SELECT COUNT(*) FROM handovers h WHERE h.case_id = $1 AND h.trip_id = c.trip_id \
              AND h.receiver_kind = 'family_member'), \
           (SELECT COUNT(*) FROM case_evidence WHERE case_id = $1), \
           (SELECT COUNT(*) FROM handovers h WHERE h.case_id = $1 AND h.trip_id = c.trip_id), \
           (SELECT COUNT(*) FROM case_follow_ups WHERE case_id = $1), \
           (SELECT COUNT(*) FROM case_assessments WHERE case_id = $1), \
           c.others, c.group_id \
         FROM cases c JOIN children ch ON ch.id = c.child_id WHERE c.id = $1",
    )
    .bind(id.as_str())
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    let child_id = ChildId(row.try_get(0)?);
    let mut facts = CaseFacts::new(OrgId(row.try_get(1)?), OrgId(row.try_get(2)?));
    let state: String = row.try_get(3)?;
    facts.state = state.parse().map_err(StoreError::Corrupt)?;
    let consent_by = row.try_get::<Option<String>, _>(4)?.map(FamilyMemberId);
    let trip_id: Option<String> = row.try_get(5)?;
    let details: Option<String> = row.try_get(6)?;
    let documents = details
        .and_then(|d| serde_json::from_str::<ChildDetails>(&d).ok())
        .map_or(0, |d| d.documents.len() as u32);
    let counted = |i: usize| row.try_get::<i64, _>(i).map(|n| n as u32);
    facts.identity_evidence = documents + counted(7)?;
    facts.handed_to_family = counted(8)? > 0;
    let evidence = counted(9)?;
    facts.handovers = counted(10)?;
    facts.follow_ups = counted(11)?;
    facts.assessments = counted(12)?;
    facts.others = crate::read::others_of(row.try_get(13)?)?;
    facts.group = row.try_get::<Option<String>, _>(14)?.map(GroupId);
    for org_id in facts.concerned().cloned().collect::<Vec<_>>() {
        if let Some(side) = org(tx, &org_id).await?.and_then(|o| o.side) {
            facts.sides.push((org_id, side));
        }
    }
    let latest = |kind: &'static str| {
        sqlx::query(
            "SELECT outcome, age_years FROM case_assessments WHERE case_id = $1 AND kind = $2 \
             ORDER BY assessment_no DESC LIMIT 1",
        )
        .bind(id.as_str())
        .bind(kind)
    };
    if let Some(r) = latest("best_interests").fetch_optional(&mut *tx).await? {
        let outcome: String = r.try_get(0)?;
        facts.best_interests = Some(parse_enum(&outcome)?);
    }
    if let Some(r) = latest("child_views").fetch_optional(&mut *tx).await? {
        let how: String = r.try_get(0)?;
        let age: i64 = r.try_get(1)?;
        facts.child_views = Some(ChildViews {
            how: parse_enum(&how)?,
            age_years: u8::try_from(age)
                .map_err(|_| StoreError::Corrupt("a child's age is out of range".into()))?,
        });
    }

    let history =
        sqlx::query("SELECT action, from_state FROM case_history WHERE case_id = $1 ORDER BY seq")
            .bind(id.as_str())
            .fetch_all(&mut *tx)
            .await?;
    for h in history {
        let action: String = h.try_get(0)?;
        let from: String = h.try_get(1)?;
        match action.as_str() {
            "hold" | "dispute" => facts
                .resume_to
                .push(from.parse().map_err(StoreError::Corrupt)?),
            "resume" => {
                facts.resume_to.pop();
            }
            _ => {}
        }
    }
    let by_case = id.as_str();
    let members =
        sqlx::query("SELECT id, relationship FROM family_members WHERE child_id = $1 ORDER BY seq")
            .bind(child_id.as_str())
            .fetch_all(&mut *tx)
            .await?;
    for m in members {
        let rel: String = m.try_get(1)?;
        facts
            .family_members
            .push((FamilyMemberId(m.try_get(0)?), parse_enum(&rel)?));
    }
    let decisions =
        sqlx::query("SELECT org_id, decision FROM case_decisions WHERE case_id = $1 ORDER BY seq")
            .bind(by_case)
            .fetch_all(&mut *tx)
            .await?;
    for d in decisions {
        let decision: String = d.try_get(1)?;
        facts
            .decisions
            .push((OrgId(d.try_get(0)?), parse_enum(&decision)?));
    }
    let consents = sqlx::query(
        "SELECT member_id, basis, seq FROM case_consents \
         WHERE case_id = $1 AND withdrawn_seq IS NULL ORDER BY seq",
    )
    .bind(by_case)
    .fetch_all(&mut *tx)
    .await?;
    for c in consents {
        let basis: String = c.try_get(1)?;
        facts.consents.push(Consent {
            member: FamilyMemberId(c.try_get(0)?),
            basis: parse_enum(&basis)?,
            seq: c.try_get(2)?,
        });
    }
    // A database from before consents were kept one by one has only the
    // case's consent on record.
    if let (true, Some(member)) = (facts.consents.is_empty(), consent_by) {
        facts.consents.push(Consent {
            member,
            basis: ConsentBasis::ParentalResponsibility,
            seq: 0,
        });
    }
    if let Some(trip_id) = trip_id {
        let trip = trip(tx, &TripId(trip_id)).await?.ok_or_else(|| {
            StoreError::Corrupt("a case is booked on a trip that does not exist".into())
        })?;
        facts.trip = Some(CaseTrip {
            escorts: trip.escorts(),
            legs: trip.legs.len() as u32,
            trip_id: trip.trip_id,
        });
    }
    Ok(Some((facts, child_id, evidence)))
}

/// The other cases of a case's group, with their facts.
async fn group_members(
    tx: &mut Tx,
    id: &CaseId,
    case_facts: Option<&(CaseFacts, ChildId, u32)>,
) -> Result<Vec<(CaseId, CaseFacts)>, StoreError> {
    let Some(group) = case_facts.and_then(|(f, _, _)| f.group.clone()) else {
        return Ok(Vec::new());
    };
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM cases WHERE group_id = $1 AND id <> $2 ORDER BY seq")
            .bind(group.as_str())
            .bind(id.as_str())
            .fetch_all(&mut *tx)
            .await?;
    let mut out = Vec::with_capacity(ids.len());
    for member in ids.into_iter().map(CaseId) {
        if let Some((facts, _, _)) = case(tx, &member).await? {
            out.push((member, facts));
        }
    }
    Ok(out)
}

/// A trip with its legs and the open cases booked on it.
pub(crate) async fn trip(tx: &mut Tx, id: &TripId) -> Result<Option<TripFacts>, StoreError> {
    let Some(row) = sqlx::query("SELECT capacity, cancelled FROM trips WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(None);
    };
    let capacity: i64 = row.try_get(0)?;
    let cancelled: i64 = row.try_get(1)?;
    let mut legs = Vec::new();
    for r in sqlx::query(
        "SELECT leg_id, transit_org, escorts, from_place, to_place, departs_at, arrives_at, \
           clearance, departed_at, arrived_at FROM trip_legs WHERE trip_id = $1 ORDER BY position",
    )
    .bind(id.as_str())
    .fetch_all(&mut *tx)
    .await?
    {
        let departs_at: i64 = r.try_get(5)?;
        let clearance: Option<String> = r.try_get(7)?;
        legs.push(LegFacts {
            leg_id: LegId(r.try_get(0)?),
            transit_org: r.try_get::<Option<String>, _>(1)?.map(OrgId),
            escorts: crate::read::escorts_of(r.try_get(2)?)?,
            from_place: r.try_get(3)?,
            to_place: r.try_get(4)?,
            departs_at,
            arrives_at: r.try_get::<Option<i64>, _>(6)?.unwrap_or(departs_at),
            clearance: clearance.map(|c| c == "granted"),
            departed: r.try_get::<Option<i64>, _>(8)?.is_some(),
            arrived: r.try_get::<Option<i64>, _>(9)?.is_some(),
        });
    }
    let mut booked = Vec::new();
    for r in sqlx::query(
        "SELECT c.id, c.child_id, c.state, ch.details, \
           (SELECT COUNT(*) FROM handovers h WHERE h.case_id = c.id AND h.trip_id = $1), \
           (SELECT COUNT(*) FROM custody_records k WHERE k.child_id = c.child_id) \
         FROM cases c JOIN children ch ON ch.id = c.child_id \
         WHERE c.trip_id = $1 AND c.state NOT IN ('closed', 'withdrawn') ORDER BY c.seq",
    )
    .bind(id.as_str())
    .fetch_all(&mut *tx)
    .await?
    {
        let state: String = r.try_get(2)?;
        let details: Option<String> = r.try_get(3)?;
        booked.push(Booked {
            case_id: CaseId(r.try_get(0)?),
            child_id: ChildId(r.try_get(1)?),
            state: state.parse().map_err(StoreError::Corrupt)?,
            handovers: r.try_get::<i64, _>(4)? as u32,
            custody_records: r.try_get::<i64, _>(5)? as u32,
            birth_date: details
                .and_then(|d| serde_json::from_str::<ChildDetails>(&d).ok())
                .and_then(|d| d.birth_date),
        });
    }
    Ok(Some(TripFacts {
        trip_id: id.clone(),
        capacity: capacity as u32,
        cancelled: cancelled != 0,
        legs,
        booked,
    }))
}

/// The roles of the users named as escorts.
async fn escort_roles(
    tx: &mut Tx,
    users: impl Iterator<Item = &UserId>,
) -> Result<Vec<(UserId, Role)>, StoreError> {
    let mut out = Vec::new();
    for e in users {
        let row = sqlx::query("SELECT role FROM users WHERE id = $1")
            .bind(e.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(r) = row {
            let role: String = r.try_get(0)?;
            out.push((e.clone(), role.parse().map_err(StoreError::Corrupt)?));
        }
    }
    Ok(out)
}

/// The birth date on a case's child record.
async fn birth_date(tx: &mut Tx, case: &CaseId) -> Result<Option<BirthDate>, StoreError> {
    let details: Option<String> = sqlx::query_scalar(
        "SELECT ch.details FROM cases c JOIN children ch ON ch.id = c.child_id WHERE c.id = $1",
    )
    .bind(case.as_str())
    .fetch_optional(&mut *tx)
    .await?
    .flatten();
    Ok(details
        .and_then(|d| serde_json::from_str::<ChildDetails>(&d).ok())
        .and_then(|d| d.birth_date))
}

async fn family_member(
    tx: &mut Tx,
    member: &FamilyMemberId,
) -> Result<Option<(ChildId, Relationship)>, StoreError> {
    let row = sqlx::query("SELECT child_id, relationship FROM family_members WHERE id = $1")
        .bind(member.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    row.map(|r| {
        let rel: String = r.try_get(1)?;
        Ok((ChildId(r.try_get(0)?), parse_enum(&rel)?))
    })
    .transpose()
}

/// The entries holding personal data about a child: its own records and the
/// notes on its cases.
async fn personal_seqs(
    tx: &mut Tx,
    child_id: &ChildId,
    cases: &[CaseId],
    requests: &[TracingRequestId],
) -> Result<Vec<u64>, StoreError> {
    let rows = sqlx::query(
        "SELECT e.seq, e.envelope FROM ledger_entries e JOIN ledger_personal p ON p.seq = e.seq ORDER BY e.seq",
    )
    .fetch_all(&mut *tx)
    .await?;
    // Reasons given on the child's matches are notes about the child.
    let matches: std::collections::HashSet<String> =
        sqlx::query_scalar("SELECT id FROM matches WHERE a_id = $1 OR b_id = $1")
            .bind(child_id.as_str())
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
    let mut seqs = Vec::new();
    for r in rows {
        let seq: i64 = r.try_get(0)?;
        let bytes: Vec<u8> = r.try_get(1)?;
        let env = homeward_ledger::Envelope::decode(&bytes)
            .map_err(|e| StoreError::Corrupt(format!("ledger entry {seq}: {e}")))?;
        let body: EventBody = serde_json::from_slice(&env.body)
            .map_err(|_| StoreError::Corrupt(format!("ledger entry {seq} is not a valid event")))?;
        let about_child = body.child() == Some(child_id);
        let about_case = match &body {
            EventBody::EvidenceAdded { case_id, .. }
            | EventBody::BestInterestsAssessed { case_id, .. }
            | EventBody::ChildViewsRecorded { case_id, .. }
            | EventBody::ConsentRecorded { case_id, .. }
            | EventBody::ConsentWithdrawn { case_id, .. }
            | EventBody::CaseTransitioned { case_id, .. }
            | EventBody::PartyDecisionRecorded { case_id, .. }
            | EventBody::HandoverRecorded { case_id, .. }
            | EventBody::FollowUpRecorded { case_id, .. } => cases.contains(case_id),
            EventBody::TracingRequestFiled { request_id, .. }
            | EventBody::TracingRequestAmended { request_id } => requests.contains(request_id),
            EventBody::MatchDecided { match_id, .. }
            | EventBody::MatchDecisionUndone { match_id, .. } => {
                matches.contains(match_id.as_str())
            }
            _ => false,
        };
        if about_child || about_case {
            seqs.push(seq as u64);
        }
    }
    Ok(seqs)
}

/// How many external ids one query looks up.
const IDS_PER_QUERY: usize = 500;

/// For an import: the records the party's earlier lists gave these external
/// ids, with their details (`None` when erased). Looked up in chunks, so a
/// list of ten rows costs one query and a list of 100,000 two hundred.
async fn listed<T: DeserializeOwned>(
    tx: &mut Tx,
    table: &'static str,
    org: &OrgId,
    ids: &[&str],
) -> Result<Vec<(String, String, Option<T>)>, StoreError> {
    let erased = match table {
        "children" => "erased <> 0",
        _ => "status = 'erased'",
    };
    let mut out = Vec::new();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let mut sql = crate::read::Sql::new(&format!(
            "SELECT external_id, id, CASE WHEN {erased} THEN NULL ELSE details END FROM {table} \
             WHERE org_id = "
        ));
        sql.text(org.as_str())
            .push(" AND external_id IN (")
            .texts(chunk.iter().copied())
            .push(")");
        for r in sql.query().fetch_all(&mut *tx).await? {
            let details: Option<String> = r.try_get(2)?;
            let details = details
                .map(|d| {
                    serde_json::from_str(&d).map_err(|_| {
                        StoreError::Corrupt(format!("a record in {table} has unreadable details"))
                    })
                })
                .transpose()?;
            out.push((r.try_get(0)?, r.try_get(1)?, details));
        }
    }
    Ok(out)
}

/// The entries holding a tracing request's personal data: its filing and
/// every amendment by a later list.
async fn request_seqs(
    tx: &mut Tx,
    request: &TracingRequestId,
    filed_seq: i64,
) -> Result<Vec<u64>, StoreError> {
    let mut seqs = Vec::new();
    let filed = sqlx::query("SELECT COUNT(*) FROM ledger_personal WHERE seq = $1")
        .bind(filed_seq)
        .fetch_one(&mut *tx)
        .await?;
    if filed.try_get::<i64, _>(0)? > 0 {
        seqs.push(filed_seq as u64);
    }
    let rows = sqlx::query(
        "SELECT e.seq, e.envelope FROM ledger_entries e JOIN ledger_personal p ON p.seq = e.seq \
         WHERE e.kind = 'tracing_request_amended' ORDER BY e.seq",
    )
    .fetch_all(&mut *tx)
    .await?;
    for r in rows {
        let seq: i64 = r.try_get(0)?;
        let bytes: Vec<u8> = r.try_get(1)?;
        let env = homeward_ledger::Envelope::decode(&bytes)
            .map_err(|e| StoreError::Corrupt(format!("ledger entry {seq}: {e}")))?;
        let body: EventBody = serde_json::from_slice(&env.body)
            .map_err(|_| StoreError::Corrupt(format!("ledger entry {seq} is not a valid event")))?;
        if matches!(&body, EventBody::TracingRequestAmended { request_id } if request_id == request)
        {
            seqs.push(seq as u64);
        }
    }
    Ok(seqs)
}

pub(crate) async fn load(
    tx: &mut Tx,
    rules: &TransitRules,
    actor: &Actor,
    command: &Command,
) -> Result<Context, StoreError> {
    let mut ctx = Context {
        rules: rules.clone(),
        ..Context::default()
    };
    match command {
        Command::RegisterOrganisation { name, .. } => {
            ctx.already_exists =
                exists(tx, "SELECT 1 FROM organisations WHERE name = $1", name).await?;
        }
        Command::RegisterUser { login, org_id, .. } => {
            ctx.org = org(tx, org_id).await?;
            ctx.already_exists = exists(tx, "SELECT 1 FROM users WHERE login = $1", login).await?;
        }
        Command::SetPassword { user_id, .. }
        | Command::ChooseLanguage { user_id, .. }
        | Command::DisableUser { user_id }
        | Command::EnableUser { user_id }
        | Command::ChangeRole { user_id, .. } => {
            let row = sqlx::query("SELECT org_id, disabled, role FROM users WHERE id = $1")
                .bind(user_id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(r) = row {
                let org_id = OrgId(r.try_get(0)?);
                ctx.user_disabled = r.try_get::<i64, _>(1)? != 0;
                let role: String = r.try_get(2)?;
                ctx.user_role = Some(role.parse().map_err(StoreError::Corrupt)?);
                if matches!(command, Command::ChangeRole { .. }) {
                    ctx.org = org(tx, &org_id).await?;
                }
                ctx.user = Some((user_id.clone(), org_id));
            }
        }
        Command::RegisterChild {
            child_id, org_id, ..
        } => {
            // One round trip: registering children is the bulk of the writes.
            let row = sqlx::query(
                "SELECT (SELECT kind FROM organisations WHERE id = $1), \
                        (SELECT COUNT(*) FROM children WHERE id = $2)",
            )
            .bind(org_id.as_str())
            .bind(child_id.as_str())
            .fetch_one(&mut *tx)
            .await?;
            let kind: Option<String> = row.try_get(0)?;
            ctx.org = registering_org(org_id, kind)?;
            let children: i64 = row.try_get(1)?;
            ctx.already_exists = children > 0;
        }
        Command::AmendChild { child_id, .. }
        | Command::RecordCustody { child_id, .. }
        | Command::AddFamilyMember { child_id, .. } => {
            ctx.child = child(tx, child_id).await?;
        }
        Command::FileTracingRequest { org_id, .. } => {
            ctx.org = org(tx, org_id).await?;
        }
        Command::LinkTracingRequest {
            request_id,
            child_id,
        } => {
            let row = sqlx::query("SELECT org_id, status FROM tracing_requests WHERE id = $1")
                .bind(request_id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(r) = row {
                ctx.request_org = Some(OrgId(r.try_get(0)?));
                ctx.request_closed = r.try_get::<String, _>(1)? == "closed";
            }
            ctx.child = child(tx, child_id).await?;
        }
        Command::OpenCase {
            child_id,
            party_a,
            party_b,
            case_id,
        } => {
            ctx.child = child(tx, child_id).await?;
            ctx.party_a = org(tx, party_a).await?;
            ctx.party_b = org(tx, party_b).await?;
            ctx.already_exists =
                exists(tx, "SELECT 1 FROM cases WHERE id = $1", case_id.as_str()).await?;
        }
        Command::TransitionCase {
            case_id,
            action: CaseAction::Submit,
            ..
        } => {
            ctx.case = case(tx, case_id).await?;
            ctx.group_cases = group_members(tx, case_id, ctx.case.as_ref()).await?;
        }
        Command::AddEvidence { case_id, .. }
        | Command::RecordBestInterests { case_id, .. }
        | Command::WithdrawConsent { case_id, .. }
        | Command::RecordChildViews { case_id, .. }
        | Command::TransitionCase { case_id, .. }
        | Command::RecordFollowUp { case_id, .. } => {
            ctx.case = case(tx, case_id).await?;
        }
        Command::AddCaseParty { case_id, org_id } => {
            ctx.case = case(tx, case_id).await?;
            ctx.org = org(tx, org_id).await?;
        }
        Command::GroupCases { cases, .. } => {
            for id in cases {
                if let Some((facts, _, _)) = case(tx, id).await? {
                    ctx.group_cases.push((id.clone(), facts));
                }
            }
        }
        Command::RecordPartyDecision { case_id, .. } => {
            ctx.case = case(tx, case_id).await?;
            ctx.group_cases = group_members(tx, case_id, ctx.case.as_ref()).await?;
            ctx.witnessed_size = witnessed_size(tx, &actor.org).await?;
        }
        Command::RecordConsent {
            case_id, member_id, ..
        } => {
            ctx.case = case(tx, case_id).await?;
            ctx.member = family_member(tx, member_id).await?;
        }
        Command::PlanTrip {
            trip_id,
            plan,
            escorts,
            ..
        } => {
            ctx.already_exists =
                exists(tx, "SELECT 1 FROM trips WHERE id = $1", trip_id.as_str()).await?;
            for leg in &plan.legs {
                if let Some(t) = &leg.transit_org
                    && let Some(o) = org(tx, t).await?
                {
                    ctx.transit_orgs.push(o);
                }
            }
            ctx.escort_roles = escort_roles(tx, escorts.iter().flatten()).await?;
        }
        Command::AssignEscorts {
            trip_id, escorts, ..
        } => {
            ctx.trip = trip(tx, trip_id).await?;
            ctx.escort_roles = escort_roles(tx, escorts.iter()).await?;
        }
        Command::RescheduleTrip { trip_id, .. }
        | Command::CancelTrip { trip_id, .. }
        | Command::RecordClearance { trip_id, .. }
        | Command::DepartLeg { trip_id, .. }
        | Command::ArriveLeg { trip_id, .. } => {
            ctx.trip = trip(tx, trip_id).await?;
        }
        Command::BookOnTrip { case_id, trip_id } => {
            ctx.case = case(tx, case_id).await?;
            ctx.group_cases = group_members(tx, case_id, ctx.case.as_ref()).await?;
            ctx.trip = trip(tx, trip_id).await?;
            ctx.travellers.push(birth_date(tx, case_id).await?);
            for (member, _) in &ctx.group_cases {
                ctx.travellers.push(birth_date(tx, member).await?);
            }
        }
        Command::RecordHandover {
            case_id,
            trip_id,
            to,
            ..
        } => {
            ctx.case = case(tx, case_id).await?;
            ctx.trip = trip(tx, trip_id).await?;
            match to {
                Receiver::Official { org_id } => ctx.org = org(tx, org_id).await?,
                Receiver::FamilyMember { member_id } => {
                    ctx.member = family_member(tx, member_id).await?;
                }
            }
        }
        Command::RegisterWitnessKey {
            org_id,
            verifier_key,
        } => {
            ctx.org = org(tx, org_id).await?;
            // The same name under another organisation would make its
            // cosignatures ambiguous; the domain refuses it.
            let name = verifier_key.trim().split('+').next().unwrap_or("");
            let row = sqlx::query(
                "SELECT org_id FROM witness_keys WHERE current = 1 AND (name = $1 OR verifier_key = $2) \
                 ORDER BY seq LIMIT 1",
            )
            .bind(name)
            .bind(verifier_key.trim())
            .fetch_optional(&mut *tx)
            .await?;
            ctx.witness_key_holder = row.map(|r| r.try_get(0).map(OrgId)).transpose()?;
        }
        Command::ErasePersonalData { child_id, .. } => {
            ctx.child = child(tx, child_id).await?;
            if ctx.child.is_some() {
                let rows = sqlx::query("SELECT id FROM cases WHERE child_id = $1 ORDER BY seq")
                    .bind(child_id.as_str())
                    .fetch_all(&mut *tx)
                    .await?;
                ctx.child_cases = rows
                    .iter()
                    .map(|r| r.try_get::<String, _>(0).map(CaseId))
                    .collect::<Result<_, _>>()?;
                let rows = sqlx::query(
                    "SELECT id FROM tracing_requests WHERE child_id = $1 AND status <> 'erased' ORDER BY seq",
                )
                .bind(child_id.as_str())
                .fetch_all(&mut *tx)
                .await?;
                ctx.child_requests = rows
                    .iter()
                    .map(|r| r.try_get::<String, _>(0).map(TracingRequestId))
                    .collect::<Result<_, _>>()?;
                ctx.personal_seqs =
                    personal_seqs(tx, child_id, &ctx.child_cases, &ctx.child_requests).await?;
            }
        }
        Command::CloseTracingRequest { request_id, .. } => {
            let row =
                sqlx::query("SELECT org_id, status, child_id FROM tracing_requests WHERE id = $1")
                    .bind(request_id.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(r) = row {
                ctx.request_org = Some(OrgId(r.try_get(0)?));
                let status: String = r.try_get(1)?;
                ctx.request_erased = status == "erased";
                ctx.request_closed = status == "closed";
                ctx.request_linked = r.try_get::<Option<String>, _>(2)?.is_some();
            }
        }
        Command::EraseTracingRequest { request_id, .. } => {
            let row = sqlx::query(
                "SELECT t.org_id, t.status, (SELECT COUNT(*) FROM ledger_personal p WHERE p.seq = t.seq), t.seq \
                 FROM tracing_requests t WHERE t.id = $1",
            )
            .bind(request_id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(r) = row {
                ctx.request_org = Some(OrgId(r.try_get(0)?));
                ctx.request_erased = r.try_get::<String, _>(1)? == "erased";
                if !ctx.request_erased {
                    ctx.personal_seqs = request_seqs(tx, request_id, r.try_get(3)?).await?;
                }
            }
        }
        Command::ImportList {
            import_id,
            org_id,
            list,
        } => {
            ctx.org = org(tx, org_id).await?;
            ctx.already_exists = exists(
                tx,
                "SELECT 1 FROM imports WHERE id = $1",
                import_id.as_str(),
            )
            .await?;
            let ids = list.records.external_ids();
            match list.records.kind() {
                ImportKind::Children => {
                    for (ext, id, details) in listed(tx, "children", org_id, &ids).await? {
                        ctx.listed_children.insert(ext, (ChildId(id), details));
                    }
                }
                ImportKind::TracingRequests => {
                    for (ext, id, details) in listed(tx, "tracing_requests", org_id, &ids).await? {
                        ctx.listed_requests
                            .insert(ext, (TracingRequestId(id), details));
                    }
                }
            }
        }
        Command::ProposeMatches { matches } => {
            for m in matches {
                ctx.proposable.push(proposable(tx, m).await?);
            }
        }
        Command::DecideMatch { match_id, .. } | Command::UndoMatchDecision { match_id, .. } => {
            ctx.match_facts = match_facts(tx, match_id).await?;
        }
    }
    // A command about an erased child's record, or its case, is refused by
    // the domain when it would add personal data.
    if let Some(c) = &ctx.child {
        ctx.child_erased = c.erased;
    } else if let Some((_, child_id, _)) = &ctx.case {
        let erased: Option<i64> = sqlx::query_scalar("SELECT erased FROM children WHERE id = $1")
            .bind(child_id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        ctx.child_erased = erased.unwrap_or(0) != 0;
    }
    let due = rules.follow_up_months.len() as u32;
    if let Some((facts, _, _)) = ctx.case.as_mut() {
        facts.follow_ups_due = due;
    }
    for (_, facts) in &mut ctx.group_cases {
        facts.follow_ups_due = due;
    }
    Ok(ctx)
}
