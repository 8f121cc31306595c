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

-- A party's decision records how far that party's witness had cosigned the
-- ledger when it decided (NULL: no witness, or before witnesses existed).
ALTER TABLE case_decisions ADD COLUMN witnessed_size BIGINT;
