-- Transit: a trip's kind and carrier, its cancellation; each leg's arrival,
-- escorts, the transit state's latest clearance, the departure and arrival
-- as recorded; each handover's receiver (an organisation's official or a
-- family member), place, time and who handed over. Names, places and times
-- come from the personal part of the events (trip_planned,
-- trip_rescheduled, clearance_recorded, leg_departed, leg_arrived,
-- handover_recorded), so the ledger's public body never carries them.
ALTER TABLE trips ADD COLUMN kind TEXT;
ALTER TABLE trips ADD COLUMN carrier TEXT;
ALTER TABLE trips ADD COLUMN cancelled BIGINT NOT NULL DEFAULT 0;
ALTER TABLE trips ADD COLUMN cancel_reason TEXT;

ALTER TABLE trip_legs ADD COLUMN arrives_at BIGINT;
ALTER TABLE trip_legs ADD COLUMN escorts TEXT;
-- 'granted' or 'refused'; NULL until the transit state answers, and again
-- after the leg is rescheduled.
ALTER TABLE trip_legs ADD COLUMN clearance TEXT;
ALTER TABLE trip_legs ADD COLUMN clearance_ref TEXT;
ALTER TABLE trip_legs ADD COLUMN clearance_conditions TEXT;
ALTER TABLE trip_legs ADD COLUMN departed_at BIGINT;
ALTER TABLE trip_legs ADD COLUMN arrived_at BIGINT;

ALTER TABLE handovers ADD COLUMN receiver_kind TEXT;
ALTER TABLE handovers ADD COLUMN receiver_id TEXT;
ALTER TABLE handovers ADD COLUMN place TEXT;
ALTER TABLE handovers ADD COLUMN at BIGINT;
ALTER TABLE handovers ADD COLUMN handed_over_by TEXT;
CREATE INDEX handovers_trip ON handovers(trip_id);
