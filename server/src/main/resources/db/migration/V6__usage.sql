-- Usage against plan limits (issue 6).

-- Monthly counters per user, period (calendar month, UTC) and metric (pushes, recalls, asks),
-- charged atomically with a limit check in the same statement, so concurrent requests never
-- exceed a quota.
CREATE TABLE usage_counters (
    user_id      uuid   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period_start date   NOT NULL,
    metric       text   NOT NULL,
    used         bigint NOT NULL,
    PRIMARY KEY (user_id, period_start, metric)
);

-- Alert thresholds (percent of a quota) crossed: once per user, period, metric and threshold.
CREATE TABLE usage_alerts (
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period_start date        NOT NULL,
    metric       text        NOT NULL,
    threshold    integer     NOT NULL,
    used         bigint      NOT NULL,
    quota        bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, period_start, metric, threshold)
);

-- What each user owns now (memories, content bytes), kept by trigger on every memory write so the
-- memory and storage limits are checked against a row the write itself locks: concurrent pushes
-- of one user queue on it and none can pass the limit.
CREATE TABLE usage_totals (
    user_id       uuid   PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    memories      bigint NOT NULL,
    content_bytes bigint NOT NULL
);

CREATE FUNCTION memax_record_usage_totals() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO usage_totals AS t (user_id, memories, content_bytes)
        SELECT owner_id, count(*), sum(octet_length(content)) FROM new_rows GROUP BY owner_id ORDER BY owner_id
        ON CONFLICT (user_id) DO UPDATE
            SET memories = t.memories + excluded.memories, content_bytes = t.content_bytes + excluded.content_bytes;
    ELSIF TG_OP = 'DELETE' THEN
        -- A user's rows go with the user (cascade): only users that still exist are updated.
        UPDATE usage_totals t SET memories = t.memories - d.n, content_bytes = t.content_bytes - d.bytes
        FROM (SELECT owner_id, count(*) AS n, sum(octet_length(content)) AS bytes FROM old_rows GROUP BY owner_id) d
        WHERE t.user_id = d.owner_id;
    ELSE
        INSERT INTO usage_totals AS t (user_id, memories, content_bytes)
        SELECT owner_id, sum(n), sum(bytes) FROM (
            SELECT o.owner_id, -1 AS n, -octet_length(o.content) AS bytes FROM old_rows o JOIN new_rows n USING (id)
                WHERE o.owner_id <> n.owner_id OR o.content_hash <> n.content_hash
            UNION ALL
            SELECT n.owner_id, 1, octet_length(n.content) FROM old_rows o JOIN new_rows n USING (id)
                WHERE o.owner_id <> n.owner_id OR o.content_hash <> n.content_hash
        ) d GROUP BY owner_id HAVING sum(n) <> 0 OR sum(bytes) <> 0 ORDER BY owner_id
        ON CONFLICT (user_id) DO UPDATE
            SET memories = t.memories + excluded.memories, content_bytes = t.content_bytes + excluded.content_bytes;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER memories_usage_insert AFTER INSERT ON memories
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memax_record_usage_totals();
CREATE TRIGGER memories_usage_delete AFTER DELETE ON memories
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memax_record_usage_totals();
CREATE TRIGGER memories_usage_update AFTER UPDATE ON memories
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION memax_record_usage_totals();

INSERT INTO usage_totals (user_id, memories, content_bytes)
SELECT owner_id, count(*), sum(octet_length(content)) FROM memories GROUP BY owner_id;
