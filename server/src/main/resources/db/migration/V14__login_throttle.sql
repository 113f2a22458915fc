-- Per-account login throttling (issue 16, README "Security"): failed password logins counted per
-- email, whoever sends them, shared by every instance. Keyed by a hash of the lower-cased email,
-- for unknown emails too: a throttle only existing accounts had would tell which ones exist.
CREATE TABLE login_throttles (
    email_key         text        PRIMARY KEY,
    -- Failures since window_started_at; reaching the limit locks the email and starts over.
    failures          integer     NOT NULL,
    window_started_at timestamptz NOT NULL,
    -- Locks so far in this burst: the backoff doubles with each (up to the configured maximum).
    lockouts          integer     NOT NULL DEFAULT 0,
    locked_until      timestamptz,
    last_failure_at   timestamptz NOT NULL,
    -- When the account's owner was last told (one notification per burst, not one per lock).
    notified_at       timestamptz
);

-- The purge job deletes rows quiet for a day.
CREATE INDEX login_throttles_last_failure_idx ON login_throttles (last_failure_at);
