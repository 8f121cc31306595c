//! The write path under faults, on SQLite and on PostgreSQL: callers that
//! give up mid-write, refusals and failures inside a group commit, an
//! idempotency key used twice, session writes racing commands, trip and
//! consent commands given up part-way, and a ledger edited behind the
//! store's back.

mod common;

use common::*;
use homeward_domain::event::RecordKind;
use homeward_domain::*;
use homeward_store::seed::{self, Cast};
use homeward_store::sessions::{Session, SessionKind};
use homeward_store::{Store, StoreError, with_command_key};
use std::time::Duration;

conformance!(
    callers_that_give_up_mid_write_leave_a_ledger_that_verifies,
    a_refused_or_failed_command_does_not_affect_its_group,
    registrations_and_reads_grouped_fail_alone,
    an_idempotency_key_applies_a_command_once,
    session_writes_never_fail_a_command,
    a_session_change_is_seen_at_once_here_and_soon_by_other_servers,
    a_ledger_that_does_not_match_its_head_is_refused,
    trip_commands_given_up_mid_write_leave_every_booking_and_leg_whole,
    consent_commands_given_up_mid_write_leave_every_consent_and_its_case_whole,
);

fn register(cast: &Cast, i: usize) -> Command {
    register_for(&cast.party_a.org, i)
}

/// A registration in `org`'s list (refused when another party sends it).
fn register_for(org: &OrgId, i: usize) -> Command {
    Command::RegisterChild {
        child_id: ChildId(Store::new_id()),
        org_id: org.clone(),
        list_name: "Party A list 1".into(),
        import_id: None,
        details: child_details(&format!("Шевченко{i}"), "Олександр"),
    }
}

/// A small deterministic generator of budgets, so a failure can be replayed.
fn budgets(seed: u64, n: usize, max_micros: u64) -> Vec<Duration> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            Duration::from_micros(x % max_micros)
        })
        .collect()
}

async fn callers_that_give_up_mid_write_leave_a_ledger_that_verifies(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let mut finished = 0;
    let mut gave_up = 0;
    for round in 0..5u64 {
        // Commands and reads, each abandoned after a few microseconds to a
        // few milliseconds: the budgets cover every point of the write.
        let calls = budgets(round + 1, 60, 3000)
            .into_iter()
            .enumerate()
            .map(|(i, budget)| {
                let store = &f.store;
                let cast = &cast;
                async move {
                    let work = async {
                        if i % 3 == 0 {
                            store
                                .record_access(
                                    &cast.coordinator,
                                    RecordKind::Child,
                                    [format!("c{i}")],
                                    "test",
                                )
                                .await
                        } else {
                            store
                                .execute(&cast.party_a, register(cast, i))
                                .await
                                .map(|_| ())
                        }
                    };
                    // Every fourth caller waits long enough to finish even on a
                    // loaded machine, so that both outcomes are always tested.
                    let budget = if i % 4 == 0 {
                        Duration::from_secs(30)
                    } else {
                        budget
                    };
                    tokio::time::timeout(budget, work).await
                }
            });
        for r in futures_util::future::join_all(calls).await {
            match r {
                Ok(Ok(())) => finished += 1,
                Ok(Err(e)) => panic!("a write failed: {e}"),
                Err(_) => gave_up += 1,
            }
        }
        // The store keeps writing, and what it holds verifies.
        f.store
            .execute(&cast.party_a, register(&cast, 999))
            .await
            .unwrap();
        verified(&f.store).await;
    }
    assert!(
        gave_up > 0,
        "no caller gave up: the budgets are too long to test anything"
    );
    assert!(
        finished > 0,
        "no caller finished: the budgets are too short to test anything"
    );
    // A new store on the same database starts: the head matches the entries.
    let size = f.store.ledger_size().await.unwrap();
    let again = Store::open(&f.config).await.unwrap();
    assert_eq!(again.check_ledger_head().await.unwrap(), size);
    again.close().await;
}

async fn a_refused_or_failed_command_does_not_affect_its_group(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    let before = f.store.ledger_size().await.unwrap();
    let member = FamilyMemberId(Store::new_id());
    let add_member = || Command::AddFamilyMember {
        member_id: member.clone(),
        child_id: child.clone(),
        relationship: Relationship::Father,
        details: FamilyMemberDetails {
            name: PersonName {
                family_name: "Шевченко".into(),
                given_name: "Петро".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    };
    f.store
        .execute(&cast.caseworker, add_member())
        .await
        .unwrap();
    // Sent together so that they share groups: good registrations, refusals
    // (a party registering for the other party) and database failures (a
    // family member's id used again).
    let calls = (0..90).map(|i| {
        let store = &f.store;
        let cast = &cast;
        let add_member = &add_member;
        async move {
            match i % 3 {
                0 => (i, store.execute(&cast.party_a, register(cast, i)).await),
                1 => {
                    let refused = register_for(&cast.party_b.org, i);
                    (i, store.execute(&cast.party_a, refused).await)
                }
                _ => (i, store.execute(&cast.caseworker, add_member()).await),
            }
        }
    });
    let results = futures_util::future::join_all(calls).await;
    let mut written = 0;
    for (i, r) in results {
        match (i % 3, r) {
            (0, Ok(a)) => written += a.seqs.len() as u64,
            (1, Err(StoreError::Refused(_))) => {}
            (2, Err(StoreError::Database(_))) => {}
            (kind, other) => panic!("command {i} (kind {kind}) answered {other:?}"),
        }
    }
    assert_eq!(written, 30);
    assert_eq!(f.store.ledger_size().await.unwrap(), before + 1 + written);
    assert!(
        f.store
            .writer_stats()
            .max_group
            .load(std::sync::atomic::Ordering::Relaxed)
            > 1,
        "90 commands sent at once never shared a group"
    );
    verified(&f.store).await;
}

/// Registrations and access events share groups that take the writer's
/// fast path (no savepoint per job, one insert for the group). A refusal
/// in such a group, a child id registered twice in one group, and a row
/// the database rejects each fail alone.
async fn registrations_and_reads_grouped_fail_alone(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    // The database refuses children of one list: the domain does not know
    // it, so the decision passes and the group's insert fails.
    f.tamper(match f.store.backend() {
        homeward_store::Backend::Sqlite => {
            "CREATE TRIGGER poisoned BEFORE INSERT ON children WHEN NEW.list_name = 'poisoned' \
             BEGIN SELECT RAISE(ABORT, 'poisoned list'); END"
        }
        homeward_store::Backend::Postgres => {
            "ALTER TABLE children ADD CONSTRAINT poisoned CHECK (list_name <> 'poisoned')"
        }
    })
    .await;
    let before = f.store.ledger_size().await.unwrap();
    let twice = ChildId(Store::new_id());
    let calls = (0..120).map(|i| {
        let (store, cast, child, twice) = (&f.store, &cast, &child, &twice);
        async move {
            let r = match i % 6 {
                0 | 1 => store.execute(&cast.party_a, register(cast, i)).await,
                2 => {
                    let refused = register_for(&cast.party_b.org, i);
                    store.execute(&cast.party_a, refused).await
                }
                3 => {
                    let mut poisoned = register(cast, i);
                    if let Command::RegisterChild { list_name, .. } = &mut poisoned {
                        *list_name = "poisoned".into();
                    }
                    store.execute(&cast.party_a, poisoned).await
                }
                4 => {
                    let mut again = register(cast, i);
                    if let Command::RegisterChild { child_id, .. } = &mut again {
                        *child_id = twice.clone();
                    }
                    store.execute(&cast.party_a, again).await
                }
                _ => coordinator_reads(store, cast, child)
                    .await
                    .map(|()| homeward_store::Appended { seqs: vec![0] }),
            };
            (i, r)
        }
    });
    let results = futures_util::future::join_all(calls).await;
    let (mut written, mut once) = (0, 0);
    for (i, r) in results {
        match (i % 6, r) {
            (0 | 1 | 5, Ok(a)) => written += a.seqs.len() as u64,
            (2, Err(StoreError::Refused(_))) => {}
            (3, Err(StoreError::Database(_))) => {}
            (4, Ok(a)) => {
                once += 1;
                written += a.seqs.len() as u64;
            }
            (4, Err(StoreError::Refused(_))) => {}
            (kind, other) => panic!("call {i} (kind {kind}) answered {other:?}"),
        }
    }
    assert_eq!(
        once, 1,
        "one registration of the id sent 20 times is recorded"
    );
    assert_eq!(written, 40 + 20 + 1);
    assert_eq!(f.store.ledger_size().await.unwrap(), before + written);
    let stats = f.store.writer_stats();
    assert!(
        stats
            .retried_groups
            .load(std::sync::atomic::Ordering::Relaxed)
            > 0,
        "no group took the fast path and failed"
    );
    assert!(f.store.child(&twice).await.unwrap().is_some());
    f.tamper(match f.store.backend() {
        homeward_store::Backend::Sqlite => "DROP TRIGGER poisoned",
        homeward_store::Backend::Postgres => "ALTER TABLE children DROP CONSTRAINT poisoned",
    })
    .await;
    verified(&f.store).await;
}

async fn an_idempotency_key_applies_a_command_once(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let before = f.store.ledger_size().await.unwrap();
    let first = with_command_key(
        "key-1".into(),
        f.store.execute(&cast.party_a, register(&cast, 1)),
    )
    .await
    .unwrap();
    // The same key again, even with another command: not run.
    let again = with_command_key(
        "key-1".into(),
        f.store.execute(&cast.party_a, register(&cast, 2)),
    )
    .await;
    match again {
        Err(StoreError::AlreadyApplied { seqs }) => assert_eq!(seqs, first.seqs),
        other => panic!("a repeated key was answered {other:?}"),
    }
    // Keys belong to a user: another user's same key is another command.
    with_command_key(
        "key-1".into(),
        f.store
            .execute(&cast.party_b, register_for(&cast.party_b.org, 3)),
    )
    .await
    .unwrap();
    // A refused command does not use up its key.
    let refused = with_command_key(
        "key-2".into(),
        f.store
            .execute(&cast.party_a, register_for(&cast.party_b.org, 4)),
    )
    .await;
    assert!(
        matches!(refused, Err(StoreError::Refused(_))),
        "{refused:?}"
    );
    with_command_key(
        "key-2".into(),
        f.store.execute(&cast.party_a, register(&cast, 5)),
    )
    .await
    .unwrap();
    assert_eq!(f.store.ledger_size().await.unwrap(), before + 3);
    verified(&f.store).await;
}

async fn session_writes_never_fail_a_command(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let sessions = async {
        for i in 0..150 {
            let s = Session {
                secret_hash: format!("{i:064x}"),
                kind: SessionKind::Cookie,
                user_id: cast.coordinator.user.clone(),
                created_at: i,
                last_seen: i,
                expires_at: i + 5,
                revoked: false,
            };
            f.store.create_session(&s).await.unwrap();
            f.store.touch_session(&s.secret_hash, i + 1).await.unwrap();
            if i % 10 == 0 {
                f.store.purge_sessions(i).await.unwrap();
            }
            tokio::task::yield_now().await;
        }
    };
    let commands = async {
        let calls = (0..150).map(|i| f.store.execute(&cast.party_a, register(&cast, i)));
        futures_util::future::join_all(calls).await
    };
    let ((), results) = tokio::join!(sessions, commands);
    for r in results {
        r.unwrap();
    }
    verified(&f.store).await;
}

fn live_session(hash: &str, user: &UserId) -> Session {
    Session {
        secret_hash: hash.into(),
        kind: SessionKind::Token,
        user_id: user.clone(),
        created_at: 1,
        last_seen: 1,
        expires_at: i64::MAX / 2,
        revoked: false,
    }
}

/// Sessions are looked up from memory for a short while; nothing that
/// changes one may be missed for longer than that, and nothing this store
/// writes is missed at all.
async fn a_session_change_is_seen_at_once_here_and_soon_by_other_servers(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let store = &f.store;
    let worker = cast.caseworker.user.clone();
    store
        .create_session(&live_session("a1", &worker))
        .await
        .unwrap();
    let role = |found: Option<(Session, Actor, String)>| found.unwrap().1.role;
    assert_eq!(role(store.session("a1").await.unwrap()), Role::Caseworker);
    // A role changed through the write path: the next lookup has it.
    store
        .execute(
            &cast.admin,
            Command::ChangeRole {
                user_id: worker.clone(),
                role: Role::Coordinator,
            },
        )
        .await
        .unwrap();
    assert_eq!(role(store.session("a1").await.unwrap()), Role::Coordinator);
    // Revoked here: gone at once.
    assert!(store.revoke_session("a1").await.unwrap());
    assert!(store.session("a1").await.unwrap().unwrap().0.revoked);
    // Disabled through the write path: every session of the user ends.
    store
        .create_session(&live_session("a2", &worker))
        .await
        .unwrap();
    assert!(!store.session("a2").await.unwrap().unwrap().0.revoked);
    store
        .execute(
            &cast.admin,
            Command::DisableUser {
                user_id: worker.clone(),
            },
        )
        .await
        .unwrap();
    assert!(store.session("a2").await.unwrap().unwrap().0.revoked);

    // Another server on the same database revokes a session this one has
    // just looked up: seen here once the cache time has passed.
    let escort = cast.escort.user.clone();
    store
        .create_session(&live_session("b1", &escort))
        .await
        .unwrap();
    assert!(!store.session("b1").await.unwrap().unwrap().0.revoked);
    let mut config = f.config.clone();
    config.create = false;
    let other = Store::open(&config).await.unwrap();
    assert!(other.revoke_session("b1").await.unwrap());
    assert!(other.session("b1").await.unwrap().unwrap().0.revoked);
    tokio::time::sleep(homeward_store::sessions::SESSION_CACHE_TTL + Duration::from_millis(50))
        .await;
    assert!(store.session("b1").await.unwrap().unwrap().0.revoked);
    other.close().await;
}

async fn a_ledger_that_does_not_match_its_head_is_refused(f: &Fixture) {
    let (cast, _) = world(&f.store).await;
    let child = register_child(&f.store, &cast).await;
    // The last entry is an access event (it has no personal part to keep).
    coordinator_reads(&f.store, &cast, &child).await.unwrap();
    let size = f.store.ledger_size().await.unwrap();
    assert_eq!(f.store.check_ledger_head().await.unwrap(), size);

    // The last entry removed: a new store names it and refuses to write.
    f.tamper(&format!(
        "CREATE TABLE saved AS SELECT * FROM ledger_entries WHERE seq = {size}"
    ))
    .await;
    f.tamper(&format!("DELETE FROM ledger_entries WHERE seq = {size}"))
        .await;
    let broken = Store::open(&f.config).await.unwrap();
    let err = broken.check_ledger_head().await.unwrap_err().to_string();
    assert!(err.contains(&format!("entry {size} is missing")), "{err}");
    let write = broken
        .execute(&cast.party_a, register(&cast, 1))
        .await
        .unwrap_err();
    assert!(
        write.to_string().contains("does not match its signed head"),
        "{write}"
    );
    broken.close().await;
    f.tamper("INSERT INTO ledger_entries SELECT * FROM saved")
        .await;
    f.tamper("DROP TABLE saved").await;

    // An entry in the middle changed (an extra byte): named by its range.
    f.tamper("UPDATE ledger_entries SET kind = kind WHERE seq = 2")
        .await;
    let fine = Store::open(&f.config).await.unwrap();
    assert_eq!(fine.check_ledger_head().await.unwrap(), size);
    fine.close().await;
    let changed = match f.store.backend() {
        homeward_store::Backend::Sqlite => {
            "UPDATE ledger_entries SET envelope = CAST(envelope || X'00' AS BLOB) WHERE seq = 3"
        }
        homeward_store::Backend::Postgres => {
            "UPDATE ledger_entries SET envelope = envelope || '\\x00'::bytea WHERE seq = 3"
        }
    };
    f.tamper(changed).await;
    let broken = Store::open(&f.config).await.unwrap();
    let err = broken.check_ledger_head().await.unwrap_err().to_string();
    assert!(err.contains("entry 3"), "{err}");
    broken.close().await;
}

/// Runs `command` once, given up after `budget`: `Some(result)` if it
/// finished, `None` if the caller gave up first.
async fn within(
    store: &Store,
    actor: &Actor,
    command: Command,
    budget: Duration,
) -> Option<Result<(), StoreError>> {
    tokio::time::timeout(budget, store.execute(actor, command))
        .await
        .ok()
        .map(|r| r.map(|_| ()))
}

/// Waits until every job queued before it is done: the writer takes jobs
/// in order, so once this write is answered, the commands whose callers
/// gave up have been committed or rolled back.
/// The coordinator is shown `child`: one access event.
async fn coordinator_reads(store: &Store, cast: &Cast, child: &ChildId) -> Result<(), StoreError> {
    store
        .record_access(
            &cast.coordinator,
            RecordKind::Child,
            [child.as_str()],
            "test",
        )
        .await
}

async fn settled(store: &Store, actor: &Actor) {
    store
        .record_access(actor, RecordKind::Child, ["settled"], "test")
        .await
        .unwrap();
}

/// The ledger verifies even while given-up commands are still being
/// written (verification reads one snapshot); once they are done, every
/// case is either approved and on no trip, or transit-planned on `trip`
/// and among its bookings.
async fn bookings_whole(store: &Store, actor: &Actor, trip: &TripId, cases: &[CaseId]) -> usize {
    verified(store).await;
    settled(store, actor).await;
    let facts = store.trip_facts(trip).await.unwrap().unwrap();
    let mut booked = 0;
    for case in cases {
        let c = store.case(case).await.unwrap().unwrap().summary;
        let listed = facts.booked.iter().any(|b| &b.case_id == case);
        match c.state {
            CaseState::Approved => assert!(c.trip_id.is_none() && !listed, "{case:?}"),
            CaseState::TransitPlanned => {
                assert!(c.trip_id.as_ref() == Some(trip) && listed, "{case:?}");
                booked += 1;
            }
            other => panic!("{case:?} is {other:?}"),
        }
    }
    booked
}

async fn trip_commands_given_up_mid_write_leave_every_booking_and_leg_whole(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    let extra = seed::more_escorts(&f.store, &cast, 1, "$argon2id$not-a-real-hash")
        .await
        .unwrap();
    let mut cases = Vec::new();
    for _ in 0..6 {
        let child = register_child(&f.store, &cast).await;
        let case = seed::drive_case(&f.store, &cast, &child, &trip, CaseState::Approved)
            .await
            .unwrap();
        cases.push(case);
    }
    let legs: Vec<LegId> = f
        .store
        .trip_facts(&trip)
        .await
        .unwrap()
        .unwrap()
        .legs
        .iter()
        .map(|l| l.leg_id.clone())
        .collect();
    let escorts = vec![cast.escort.user.clone(), extra[0].clone()];
    let assign = |leg: &LegId| Command::AssignEscorts {
        trip_id: trip.clone(),
        leg_id: leg.clone(),
        escorts: escorts.clone(),
    };
    let book = |case: &CaseId| Command::BookOnTrip {
        case_id: case.clone(),
        trip_id: trip.clone(),
    };

    // Escorts first (six children need two), then the bookings, each
    // given up after a few microseconds to a few milliseconds, together.
    for (leg, budget) in legs.iter().zip(budgets(7, 2, 2000)) {
        if within(&f.store, &cast.coordinator, assign(leg), budget)
            .await
            .is_some_and(|r| r.is_err())
        {
            panic!("assigning escorts failed");
        }
    }
    for leg in &legs {
        f.store
            .execute(&cast.coordinator, assign(leg))
            .await
            .unwrap();
    }
    let mut gave_up = 0;
    for round in 0..3u64 {
        let calls = cases
            .iter()
            .zip(budgets(round + 11, cases.len(), 3000))
            .map(|(case, budget)| within(&f.store, &cast.coordinator, book(case), budget));
        for r in futures_util::future::join_all(calls).await {
            match r {
                None => gave_up += 1,
                Some(Ok(())) | Some(Err(StoreError::Refused(_))) => {}
                Some(Err(e)) => panic!("a booking failed: {e}"),
            }
        }
        bookings_whole(&f.store, &cast.coordinator, &trip, &cases).await;
    }
    // What was given up is booked by asking again; a booking that was
    // applied before its caller gave up is refused, not applied twice.
    for case in &cases {
        match f.store.execute(&cast.coordinator, book(case)).await {
            Ok(_) | Err(StoreError::Refused(_)) => {}
            Err(e) => panic!("a booking failed: {e}"),
        }
    }
    assert_eq!(
        bookings_whole(&f.store, &cast.coordinator, &trip, &cases).await,
        cases.len()
    );

    // The first leg's clearance and departure, given up part-way, then
    // asked again: the leg departs once, every child is in transit with
    // the escorts, and custody moved once per child.
    let facts = f.store.trip_facts(&trip).await.unwrap().unwrap();
    let custody_before: Vec<(CaseId, u32)> = facts
        .booked
        .iter()
        .map(|b| (b.case_id.clone(), b.custody_records))
        .collect();
    let clearance = Command::RecordClearance {
        trip_id: trip.clone(),
        leg_id: legs[0].clone(),
        granted: true,
        details: ClearanceDetails {
            reference: "CLR-1".into(),
            conditions: String::new(),
        },
    };
    let depart = Command::DepartLeg {
        trip_id: trip.clone(),
        leg_id: legs[0].clone(),
        at: facts.legs[0].departs_at,
    };
    for budget in budgets(21, 3, 2500) {
        let _ = within(&f.store, &cast.transit_1, clearance.clone(), budget).await;
        let _ = within(&f.store, &cast.escort, depart.clone(), budget).await;
        verified(&f.store).await;
    }
    let _ = f.store.execute(&cast.transit_1, clearance).await;
    match f.store.execute(&cast.escort, depart).await {
        Ok(_) | Err(StoreError::Refused(Refusal::Trip(TripRule::AlreadyDeparted { .. }))) => {}
        Err(e) => panic!("the departure failed: {e}"),
    }
    let facts = f.store.trip_facts(&trip).await.unwrap().unwrap();
    assert!(facts.legs[0].departed);
    for b in &facts.booked {
        assert_eq!(b.state, CaseState::InTransit, "{:?}", b.case_id);
        let before = custody_before
            .iter()
            .find(|(c, _)| c == &b.case_id)
            .unwrap()
            .1;
        assert_eq!(b.custody_records, before + 1, "one move to the escorts");
    }

    // The rest of the way, and every child reaches the family.
    seed::finish_leg(&f.store, &cast, &trip, 0, None)
        .await
        .unwrap();
    seed::depart_leg(&f.store, &cast, &trip, 1).await.unwrap();
    seed::finish_leg(&f.store, &cast, &trip, 1, None)
        .await
        .unwrap();
    for case in &cases {
        let c = f.store.case(case).await.unwrap().unwrap().summary;
        assert_eq!(c.state, CaseState::HandedOver, "{case:?}");
    }
    verified(&f.store).await;
    assert!(
        gave_up > 0,
        "no booking was given up: the budgets are too long"
    );
}

/// After every given-up call has been written or rolled back: the ledger
/// verifies, and each case's consents are whole. A withdrawal is two
/// events (the consent ends, the case goes on hold), and either both are
/// on record or neither: a case with no consent in force is on hold, one
/// still consented is not; every withdrawal ends the consent it names,
/// after it; no one has two consents in force. Returns how many cases
/// have a consent in force.
async fn consents_whole(store: &Store, actor: &Actor, cases: &[CaseId]) -> usize {
    verified(store).await;
    settled(store, actor).await;
    let mut in_force = 0;
    for case in cases {
        let c = store.case(case).await.unwrap().unwrap();
        let live: Vec<_> = c
            .consents
            .iter()
            .filter(|x| x.withdrawn_seq.is_none())
            .collect();
        let members: std::collections::HashSet<_> =
            live.iter().map(|x| x.member_id.as_str()).collect();
        assert_eq!(members.len(), live.len(), "two consents in force: {case:?}");
        for x in &c.consents {
            if let Some(w) = x.withdrawn_seq {
                assert!(w > x.seq, "withdrawn before it was given: {case:?}");
                assert!(x.withdraw_note.is_some(), "a withdrawal without its reason");
            }
        }
        let holds: Vec<_> = c
            .history
            .iter()
            .filter(|h| h.action == CaseAction::Hold)
            .collect();
        let first_withdrawal = c.consents.iter().filter_map(|x| x.withdrawn_seq).min();
        match first_withdrawal {
            // Never withdrawn: consented, as the drive left it.
            None => {
                assert_eq!(c.summary.state, CaseState::ConsentRecorded, "{case:?}");
                assert!(holds.is_empty(), "on hold with no withdrawal: {case:?}");
            }
            // The first withdrawal put the case on hold, in the same
            // command; later ones found it there.
            Some(w) => {
                assert_eq!(c.summary.state, CaseState::OnHold, "{case:?}");
                assert_eq!(holds.len(), 1, "{case:?}");
                assert_eq!(
                    holds[0].seq,
                    w + 1,
                    "the hold is the withdrawal's: {case:?}"
                );
                assert_eq!(holds[0].from, CaseState::ConsentRecorded);
            }
        }
        in_force += !live.is_empty() as usize;
    }
    in_force
}

async fn consent_commands_given_up_mid_write_leave_every_consent_and_its_case_whole(f: &Fixture) {
    let (cast, trip) = world(&f.store).await;
    let mut cases = Vec::new();
    for _ in 0..6 {
        let child = register_child(&f.store, &cast).await;
        let case = seed::drive_case(&f.store, &cast, &child, &trip, CaseState::ConsentRecorded)
            .await
            .unwrap();
        let consent = f.store.case(&case).await.unwrap().unwrap().consents;
        assert_eq!(consent.len(), 1);
        cases.push((case, consent[0].member_id.clone()));
    }
    let ids: Vec<CaseId> = cases.iter().map(|(c, _)| c.clone()).collect();
    let withdraw = |case: &CaseId, member: &FamilyMemberId| Command::WithdrawConsent {
        case_id: case.clone(),
        member_id: member.clone(),
        reason: "The mother asked for time to speak with the child's grandmother".into(),
    };
    let record = |case: &CaseId, member: &FamilyMemberId| Command::RecordConsent {
        case_id: case.clone(),
        member_id: member.clone(),
        basis: ConsentBasis::ParentalResponsibility,
        details: ConsentDetails {
            note: "Consent given again after the family's meeting".into(),
            how: ConsentHow::InPerson,
            witness: "Consular officer at the embassy".into(),
            court_order: String::new(),
        },
    };
    // A refusal is what asking again after an applied call gets.
    let expected = |r: Option<Result<(), StoreError>>, what: &str| match r {
        None => 1,
        Some(Ok(())) | Some(Err(StoreError::Refused(_))) => 0,
        Some(Err(e)) => panic!("{what} failed: {e}"),
    };
    let cw = &cast.caseworker;
    let mut gave_up = 0;
    // Withdrawals, each given up after a few microseconds to a few
    // milliseconds, together; then the consents given again, so.
    type Step = fn(&CaseId, &FamilyMemberId) -> Command;
    let steps: [(Step, u64, &str); 2] = [(withdraw, 31, "a withdrawal"), (record, 41, "a consent")];
    for round in 0..3u64 {
        for (command, seed, what) in steps {
            let calls = cases
                .iter()
                .zip(budgets(round + seed, cases.len(), 3000))
                .map(|((case, m), budget)| within(&f.store, cw, command(case, m), budget));
            for r in futures_util::future::join_all(calls).await {
                gave_up += expected(r, what);
            }
            consents_whole(&f.store, cw, &ids).await;
        }
    }
    // Asked again to the end: every consent withdrawn once more, then
    // given again; each case on hold with one consent in force, the
    // ledger's count of each kind matching the rows.
    for (case, m) in &cases {
        expected(
            Some(f.store.execute(cw, withdraw(case, m)).await.map(|_| ())),
            "a withdrawal",
        );
    }
    assert_eq!(consents_whole(&f.store, cw, &ids).await, 0);
    for (case, m) in &cases {
        expected(
            Some(f.store.execute(cw, record(case, m)).await.map(|_| ())),
            "a consent",
        );
    }
    assert_eq!(consents_whole(&f.store, cw, &ids).await, cases.len());
    for (case, _) in &cases {
        let c = f.store.case(case).await.unwrap().unwrap();
        let withdrawn = c
            .consents
            .iter()
            .filter(|x| x.withdrawn_seq.is_some())
            .count();
        assert_eq!(withdrawn + 1, c.consents.len(), "{case:?}");
        assert!(withdrawn >= 1, "{case:?}");
    }
    assert!(
        gave_up > 0,
        "no consent command was given up: the budgets are too long"
    );
}
