-- What the matching engine keeps between runs (crates/server/src/matching.rs):
-- how far through the children's records it has compared (the last change
-- it has seen, as a ledger sequence), how many records it fitted its
-- models on, and the fitted parameters as JSON (probabilities per field
-- level; no record's data). A cache: without the row the next run compares
-- everything and fits again.
CREATE TABLE cache_matching (
    id            BIGINT PRIMARY KEY CHECK (id = 1),
    children_seq  BIGINT NOT NULL,
    fitted_on     BIGINT NOT NULL,
    fits          TEXT    NOT NULL
);
