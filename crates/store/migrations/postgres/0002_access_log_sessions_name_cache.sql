-- Who read which record: a projection of the ledger's record_accessed events.
CREATE TABLE access_log (
    seq         BIGINT PRIMARY KEY,
    at          BIGINT NOT NULL,
    user_id     TEXT    NOT NULL,
    org_id      TEXT    NOT NULL,
    record_kind TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    via         TEXT    NOT NULL
);
CREATE INDEX access_log_record ON access_log(record_kind, record_id);

-- Sign-in sessions and API tokens. Not in the ledger: only a SHA-256 of the
-- secret is kept, and rows come and go freely.
CREATE TABLE sessions (
    secret_hash TEXT    PRIMARY KEY,
    kind        TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    revoked     BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Normalised name keys for searching children in any script: a cache,
-- rebuilt from the children table by Store::rebuild_caches.
CREATE TABLE cache_child_names (
    child_id TEXT NOT NULL,
    key      TEXT NOT NULL,
    PRIMARY KEY (child_id, key)
);
CREATE INDEX cache_child_names_key ON cache_child_names(key, child_id);

CREATE INDEX children_seq ON children(seq);
CREATE INDEX tracing_requests_org ON tracing_requests(org_id);
CREATE INDEX tracing_requests_child ON tracing_requests(child_id);
CREATE INDEX cases_party_a ON cases(party_a);
CREATE INDEX cases_party_b ON cases(party_b);
CREATE INDEX cases_trip ON cases(trip_id);
