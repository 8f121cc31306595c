-- A user's own choice of interface language, kept across devices.
ALTER TABLE users ADD COLUMN lang TEXT;
