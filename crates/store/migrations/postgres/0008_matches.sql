-- The review queue (matches_proposed, match_decided, match_decision_undone
-- events): pairs of records the linkage engine proposes as one child, and
-- what a reviewer decided. A confirmed pair of children's records is one
-- child: the second record is kept under the first (children.joined_to).
CREATE TABLE matches (
    id           TEXT PRIMARY KEY,
    kind         TEXT    NOT NULL,
    a_id         TEXT    NOT NULL,
    b_id         TEXT    NOT NULL,
    score_ppm    BIGINT NOT NULL,
    renamed      BIGINT NOT NULL,
    fields       TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    decided_by   TEXT,
    decided_at   BIGINT,
    seq          BIGINT NOT NULL
);
CREATE UNIQUE INDEX matches_pair ON matches(a_id, b_id);
CREATE INDEX matches_b ON matches(b_id);
CREATE INDEX matches_status ON matches(status, score_ppm);

ALTER TABLE children ADD COLUMN joined_to TEXT;
CREATE INDEX children_joined_to ON children(joined_to);
