-- The instance currently relaying events (issue 25). Each lock holder writes a fresh id here
-- before it publishes; the instances receiving through Redis accept messages signed with the
-- current id only, so a copy of this database running beside it (a restored backup) shares the
-- Redis channel without its events reaching our streams.
CREATE TABLE event_relay (
    singleton boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    relay_id  text        NOT NULL,
    since     timestamptz NOT NULL DEFAULT now()
);
