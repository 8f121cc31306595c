-- The casework before the parties decide (best_interests_assessed and
-- child_views_recorded events): best-interests assessments and the child's
-- own views, numbered together per case; the note holds the reasons or the
-- child's words. Evidence keeps how it was verified; an objection keeps
-- what it disputes.
CREATE TABLE case_assessments (
    case_id       TEXT    NOT NULL REFERENCES cases(id),
    assessment_no BIGINT NOT NULL,
    kind          TEXT    NOT NULL,
    outcome       TEXT    NOT NULL,
    age_years     BIGINT,
    note          TEXT,
    seq           BIGINT NOT NULL,
    PRIMARY KEY (case_id, assessment_no)
);

ALTER TABLE case_evidence ADD COLUMN method TEXT;
ALTER TABLE case_decisions ADD COLUMN dispute TEXT;

-- Other agencies of either side added to a case (case_party_added), as a
-- JSON array of organisation ids like trips.escorts; NULL when none.
ALTER TABLE cases ADD COLUMN others TEXT;

-- Cases submitted, approved and booked together (cases_grouped).
ALTER TABLE cases ADD COLUMN group_id TEXT;
ALTER TABLE cases ADD COLUMN group_kind TEXT;
CREATE INDEX cases_group ON cases(group_id);

-- How a tracing request ended (tracing_request_closed): status 'closed'.
ALTER TABLE tracing_requests ADD COLUMN outcome TEXT;
