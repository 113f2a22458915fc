-- Plans (issue 6): every limit a plan sets. NULL in a limit column means unlimited: a value of
-- the plan's row, never a missing row.
CREATE TABLE plans (
    id                  text PRIMARY KEY,
    name                text    NOT NULL,
    position            integer NOT NULL,          -- listing order, cheapest first
    memory_limit        bigint,                    -- memories a user may own
    monthly_pushes      bigint,                    -- memory creates and updates per period
    monthly_recalls     bigint,
    monthly_asks        bigint,
    storage_bytes       bigint,                    -- memory content bytes a user may own
    max_upload_bytes    bigint,
    heavy_per_minute    integer NOT NULL,          -- per-minute rate-limit buckets (DESIGN.md §1)
    regular_per_minute  integer NOT NULL,
    light_per_minute    integer NOT NULL,
    dreams              boolean NOT NULL,
    CHECK (heavy_per_minute > 0 AND regular_per_minute > 0 AND light_per_minute > 0)
);

INSERT INTO plans (id, name, position, memory_limit, monthly_pushes, monthly_recalls, monthly_asks, storage_bytes,
                   max_upload_bytes, heavy_per_minute, regular_per_minute, light_per_minute, dreams) VALUES
    ('free',       'Free',       1,   1000,    5000,    10000,   200,   104857600,   10485760,   30,  120,   300, false),
    ('pro',        'Pro',        2,  50000,  100000,   200000,  5000,  5368709120,  104857600,  120,  600,  1200, true),
    ('team',       'Team',       3, 250000,  500000,  1000000, 25000, 26843545600,  262144000,  300, 1500,  3000, true),
    ('enterprise', 'Enterprise', 4,   NULL,    NULL,     NULL,  NULL,        NULL, 1073741824, 1000, 5000, 10000, true);

ALTER TABLE users ADD CONSTRAINT users_plan_fkey FOREIGN KEY (plan) REFERENCES plans (id);
