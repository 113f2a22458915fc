-- Events (issue 7): a transactional outbox. A state change inserts its event row in its own
-- transaction, so an event exists if and only if the change committed.
--
-- Row ids come from a sequence at insert time, which is not commit order: a transaction that
-- took id 41 may commit after one that took id 42. The public position is therefore `seq`,
-- assigned by the single relay when it publishes, in id order, only to rows whose transaction is
-- older than every transaction still running (xid < the snapshot's xmin): no row can appear
-- later below a position already handed out, so clients resuming "after seq N" miss nothing.
CREATE SEQUENCE event_seq AS bigint;

CREATE TABLE events (
    id          bigserial   PRIMARY KEY,
    seq         bigint      UNIQUE,                  -- public, monotonic position; NULL until published
    xid         xid8        NOT NULL DEFAULT pg_current_xact_id(),
    type        text        NOT NULL,                -- e.g. hub.memories.changed
    hub_id      uuid,                                -- hub events: every member who can read the hub
    user_id     uuid,                                -- user events (keys, hub list, notifications): that user
    actor_id    uuid,
    entity_id   uuid,
    payload     jsonb       NOT NULL DEFAULT '{}',   -- extra fields of the event's data (e.g. action)
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (hub_id IS NOT NULL OR user_id IS NOT NULL)
);
CREATE INDEX events_unpublished_idx ON events (id) WHERE seq IS NULL;
CREATE INDEX events_created_idx ON events (created_at);

-- Notifications (issue 7): what a user should look at, each also an event.
CREATE TABLE notifications (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hub_id      uuid        REFERENCES hubs (id) ON DELETE CASCADE,
    kind        text        NOT NULL,                -- hub_invite, membership_changed, quota_alert, …
    title       text        NOT NULL,
    body        text        NOT NULL DEFAULT '',
    data        jsonb       NOT NULL DEFAULT '{}',
    status      text        NOT NULL DEFAULT 'open', -- open | dismissed | resolved
    seen_at     timestamptz,
    resolved_at timestamptz,
    resolution  text,                                -- the action taken when resolved
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
