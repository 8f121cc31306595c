-- A user can be cut off (user_disabled / user_enabled events).
ALTER TABLE users ADD COLUMN disabled BIGINT NOT NULL DEFAULT 0;

-- One ledger entry can list every record a request showed
-- (records_accessed): the access log keeps a row per record, numbered n
-- within its entry. Rows of the older one-record entries get n = 0.
ALTER TABLE access_log ADD COLUMN n BIGINT NOT NULL DEFAULT 0;
ALTER TABLE access_log DROP CONSTRAINT access_log_pkey;
ALTER TABLE access_log ADD PRIMARY KEY (seq, n);
CREATE INDEX access_log_user ON access_log(user_id);

-- Sign-in attempts, counted before a password is checked, shared by every
-- server on the database. Not in the ledger; rows older than the window
-- are deleted.
CREATE TABLE signin_attempts (
    id  BIGSERIAL PRIMARY KEY,
    key TEXT   NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX signin_attempts_key ON signin_attempts(key, at);
