-- Issue 20: a hub's nightly dream runs at the nightly hour of the hub's local day. An IANA zone id,
-- checked by the hub service (java.time's zone rules decide DST, so the database only stores it).
ALTER TABLE hubs ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';
