-- Idempotency keys of commands, written in the same transaction as the
-- command's ledger entries: a command whose key is here was applied, and is
-- never run again. Outside the ledger's projections (like sessions); the
-- answer a client got is kept for replays and purged after a day.
CREATE TABLE command_keys (
    user_id         TEXT    NOT NULL,
    key             TEXT    NOT NULL,
    first_seq       INTEGER NOT NULL,
    last_seq        INTEGER NOT NULL,
    recorded_at     INTEGER NOT NULL,
    response_status INTEGER,
    response_type   TEXT,
    response_body   TEXT,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX command_keys_recorded ON command_keys(recorded_at);
