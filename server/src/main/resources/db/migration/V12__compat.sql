-- Memax client compatibility (issue 15).

-- The Memax SDK names an ownership transfer by its id (POST /v1/hubs/{id}/ownership-transfer/{transfer_id}/accept):
-- each offer gets one. A hub still has at most one pending offer (the primary key); a new offer gets a new id.
ALTER TABLE hub_ownership_transfers ADD COLUMN id uuid;
UPDATE hub_ownership_transfers SET id = gen_random_uuid();
ALTER TABLE hub_ownership_transfers ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX hub_ownership_transfers_id ON hub_ownership_transfers (id);

-- When each member last opened a hub (POST /v1/hubs/{id}/visit), for the hub summary's greeting.
ALTER TABLE hub_members ADD COLUMN visited_at timestamptz;

-- Who used recall and ask, as Memax attributes usage: the `source` a client names on each request (cli, sdk, mcp, …),
-- counted per user, period (calendar month, UTC), metric (recalls, asks) and source. Reported by GET /v1/usage.
CREATE TABLE usage_sources (
    user_id      uuid   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period_start date   NOT NULL,
    metric       text   NOT NULL,
    source       text   NOT NULL,
    used         bigint NOT NULL,
    PRIMARY KEY (user_id, period_start, metric, source)
);
