-- The witness keys of the parties, a projection of witness_key_registered
-- events. A party that changes its key keeps its old rows with current = 0,
-- so older cosignatures can still be attributed.
CREATE TABLE witness_keys (
    seq          BIGINT PRIMARY KEY,
    org_id       TEXT    NOT NULL REFERENCES organisations(id),
    name         TEXT    NOT NULL,
    key_id       TEXT    NOT NULL,
    verifier_key TEXT    NOT NULL,
    registered_at BIGINT NOT NULL,
    current      BIGINT NOT NULL
);
CREATE INDEX witness_keys_org ON witness_keys(org_id, current);
