-- Consents, several per case (consent_recorded, consent_withdrawn): who
-- consented and on what authority (parental responsibility or a court
-- order), how it was obtained, who witnessed it, the court order's
-- reference and the note (personal: from the event's personal part), and
-- the withdrawal that ended it. cases.consent_by stays the latest consent
-- in force, whom the last handover goes to by default.
CREATE TABLE case_consents (
    seq            INTEGER PRIMARY KEY,
    case_id        TEXT    NOT NULL REFERENCES cases(id),
    member_id      TEXT    NOT NULL,
    basis          TEXT    NOT NULL,
    how            TEXT,
    witness        TEXT,
    court_order    TEXT,
    note           TEXT,
    withdrawn_seq  INTEGER,
    withdraw_note  TEXT
);
CREATE INDEX case_consents_case ON case_consents(case_id);
