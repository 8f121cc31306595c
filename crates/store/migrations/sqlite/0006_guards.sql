-- A user can be cut off (user_disabled / user_enabled events).
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

-- One ledger entry can list every record a request showed
-- (records_accessed): the access log keeps a row per record, numbered n
-- within its entry. Rows of the older one-record entries get n = 0.
CREATE TABLE access_log_by_record (
    seq         INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    user_id     TEXT    NOT NULL,
    org_id      TEXT    NOT NULL,
    record_kind TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    via         TEXT    NOT NULL,
    PRIMARY KEY (seq, n)
);
INSERT INTO access_log_by_record (seq, n, at, user_id, org_id, record_kind, record_id, via)
    SELECT seq, 0, at, user_id, org_id, record_kind, record_id, via FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_by_record RENAME TO access_log;
CREATE INDEX access_log_record ON access_log(record_kind, record_id);
CREATE INDEX access_log_user ON access_log(user_id);

-- Sign-in attempts, counted before a password is checked, shared by every
-- server on the database. Not in the ledger; rows older than the window
-- are deleted.
CREATE TABLE signin_attempts (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX signin_attempts_key ON signin_attempts(key, at);
