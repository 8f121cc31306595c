-- The ledger: append-only entries, erasable personal parts, signed heads.
CREATE TABLE ledger_entries (
    seq         INTEGER PRIMARY KEY,
    recorded_at INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    envelope    BLOB    NOT NULL
);
CREATE TABLE ledger_personal (
    seq  INTEGER PRIMARY KEY REFERENCES ledger_entries(seq),
    salt BLOB NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE ledger_checkpoints (
    size INTEGER PRIMARY KEY,
    note TEXT    NOT NULL
);
CREATE TABLE ledger_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL,
    note TEXT    NOT NULL
);

-- Projections of the ledger: every row here is rebuilt by replaying it.
CREATE TABLE ledger_keys (
    key_id     TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    seq        INTEGER NOT NULL
);
CREATE TABLE organisations (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    side TEXT,
    seq  INTEGER NOT NULL
);
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    org_id        TEXT NOT NULL REFERENCES organisations(id),
    role          TEXT NOT NULL,
    password_hash TEXT,
    seq           INTEGER NOT NULL
);
CREATE TABLE children (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations(id),
    list_name    TEXT NOT NULL,
    import_id    TEXT,
    details      TEXT,
    sex          TEXT,
    birth_year   INTEGER,
    custody_kind TEXT,
    erased       INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    updated_seq  INTEGER NOT NULL
);
CREATE INDEX children_org ON children(org_id);
CREATE TABLE custody_records (
    child_id   TEXT    NOT NULL REFERENCES children(id),
    custody_no INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    since      TEXT    NOT NULL,
    place      TEXT,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (child_id, custody_no)
);
CREATE TABLE family_members (
    id           TEXT PRIMARY KEY,
    child_id     TEXT NOT NULL REFERENCES children(id),
    relationship TEXT NOT NULL,
    details      TEXT,
    seq          INTEGER NOT NULL
);
CREATE INDEX family_members_child ON family_members(child_id);
CREATE TABLE tracing_requests (
    id       TEXT PRIMARY KEY,
    org_id   TEXT NOT NULL REFERENCES organisations(id),
    details  TEXT,
    child_id TEXT REFERENCES children(id),
    status   TEXT NOT NULL,
    seq      INTEGER NOT NULL
);
CREATE TABLE cases (
    id          TEXT PRIMARY KEY,
    child_id    TEXT NOT NULL REFERENCES children(id),
    party_a     TEXT NOT NULL REFERENCES organisations(id),
    party_b     TEXT NOT NULL REFERENCES organisations(id),
    state       TEXT NOT NULL,
    consent_by  TEXT REFERENCES family_members(id),
    trip_id     TEXT,
    seq         INTEGER NOT NULL,
    updated_seq INTEGER NOT NULL
);
CREATE INDEX cases_child ON cases(child_id);
CREATE INDEX cases_state ON cases(state);
CREATE TABLE case_history (
    seq        INTEGER PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(id),
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    note       TEXT,
    at         INTEGER NOT NULL
);
CREATE INDEX case_history_case ON case_history(case_id);
CREATE TABLE case_decisions (
    seq      INTEGER PRIMARY KEY,
    case_id  TEXT NOT NULL REFERENCES cases(id),
    org_id   TEXT NOT NULL REFERENCES organisations(id),
    decision TEXT NOT NULL,
    note     TEXT
);
CREATE INDEX case_decisions_case ON case_decisions(case_id);
CREATE TABLE case_evidence (
    case_id     TEXT    NOT NULL REFERENCES cases(id),
    evidence_no INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    description TEXT,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (case_id, evidence_no)
);
CREATE TABLE case_follow_ups (
    case_id      TEXT    NOT NULL REFERENCES cases(id),
    follow_up_no INTEGER NOT NULL,
    note         TEXT,
    seq          INTEGER NOT NULL,
    PRIMARY KEY (case_id, follow_up_no)
);
CREATE TABLE trips (
    id       TEXT PRIMARY KEY,
    name     TEXT    NOT NULL,
    capacity INTEGER NOT NULL,
    escorts  TEXT    NOT NULL,
    seq      INTEGER NOT NULL
);
CREATE TABLE trip_legs (
    leg_id      TEXT PRIMARY KEY,
    trip_id     TEXT    NOT NULL REFERENCES trips(id),
    position    INTEGER NOT NULL,
    from_place  TEXT    NOT NULL,
    to_place    TEXT    NOT NULL,
    transit_org TEXT REFERENCES organisations(id),
    carrier     TEXT    NOT NULL,
    departs_at  INTEGER NOT NULL
);
CREATE INDEX trip_legs_trip ON trip_legs(trip_id);
CREATE TABLE handovers (
    seq         INTEGER PRIMARY KEY,
    trip_id     TEXT NOT NULL REFERENCES trips(id),
    leg_id      TEXT NOT NULL REFERENCES trip_legs(leg_id),
    case_id     TEXT NOT NULL REFERENCES cases(id),
    received_by TEXT
);
CREATE INDEX handovers_case ON handovers(case_id);
CREATE TABLE erasures (
    seq      INTEGER PRIMARY KEY,
    child_id TEXT    NOT NULL REFERENCES children(id),
    reason   TEXT    NOT NULL,
    entries  INTEGER NOT NULL
);
