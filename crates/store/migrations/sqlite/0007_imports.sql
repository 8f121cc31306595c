-- Imports of the parties' lists (list_imported events), and each record's
-- id in its party's list, unique within the party, so a list sent again
-- finds the records it gave before.
CREATE TABLE imports (
    id              TEXT PRIMARY KEY,
    org_id          TEXT    NOT NULL REFERENCES organisations(id),
    kind            TEXT    NOT NULL,
    list_name       TEXT    NOT NULL,
    sha256          TEXT    NOT NULL,
    row_count       INTEGER NOT NULL,
    new_count       INTEGER NOT NULL,
    updated_count   INTEGER NOT NULL,
    unchanged_count INTEGER NOT NULL,
    erased_count    INTEGER NOT NULL,
    at              INTEGER NOT NULL,
    seq             INTEGER NOT NULL
);
CREATE INDEX imports_org ON imports(org_id);

ALTER TABLE children ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX children_external_id ON children(org_id, external_id);

ALTER TABLE tracing_requests ADD COLUMN external_id TEXT;
ALTER TABLE tracing_requests ADD COLUMN import_id TEXT;
CREATE UNIQUE INDEX tracing_requests_external_id ON tracing_requests(org_id, external_id);
