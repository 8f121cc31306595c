-- Idempotency keys of commands, written in the same transaction as the
-- command's ledger entries: a command whose key is here was applied, and is
-- never run again. Outside the ledger's projections (like sessions); the
-- answer a client got is kept for replays and purged after a day.
CREATE TABLE command_keys (
    user_id         TEXT    NOT NULL,
    key             TEXT    NOT NULL,
    first_seq       BIGINT NOT NULL,
    last_seq        BIGINT NOT NULL,
    recorded_at     BIGINT NOT NULL,
    response_status BIGINT,
    response_type   TEXT,
    response_body   TEXT,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX command_keys_recorded ON command_keys(recorded_at);
