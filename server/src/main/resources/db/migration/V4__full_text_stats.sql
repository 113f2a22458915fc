-- Full text, part two: memory titles join the index, and BM25's statistics are kept per hub so
-- recall no longer reads every chunk matching a query word to count document frequencies.

-- The memory's title on its first chunk (the embedding puts it there too), indexed with the
-- headings. PostgreSQL 15 cannot change a generated column's expression: drop and add it.
ALTER TABLE memory_chunks ADD COLUMN title text;
UPDATE memory_chunks c SET title = m.title FROM memories m
    WHERE m.id = c.memory_id AND c.ordinal = 0 AND m.title IS NOT NULL AND m.title <> '';
ALTER TABLE memory_chunks DROP COLUMN tsv;
ALTER TABLE memory_chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'B')
        || setweight(to_tsvector('english', coalesce(memax_join_headings(heading_chain), '')), 'B')
        || setweight(to_tsvector('english', content), 'A')) STORED;
CREATE INDEX memory_chunks_tsv_idx ON memory_chunks USING gin (tsv);

-- BM25 statistics of each hub's chunks: how many chunks hold each lexeme (df), how many chunks
-- there are and their total length in lexemes (for the average length).
CREATE TABLE hub_lexemes (
    hub_id uuid   NOT NULL,
    lexeme text   NOT NULL,
    df     bigint NOT NULL,
    PRIMARY KEY (hub_id, lexeme)
);
CREATE TABLE hub_text_stats (
    hub_id  uuid PRIMARY KEY,
    chunks  bigint NOT NULL,
    lexemes bigint NOT NULL
);

-- Writers only append their changes here (no row is shared, so concurrent writes to one hub never
-- wait on each other or deadlock); memax_fold_text_changes() moves them into the two tables above
-- on a timer, and readers add what is not folded yet, so statistics are exact as of each commit.
-- lexeme NULL: the hub's totals (df = chunks, lexemes = total length).
CREATE TABLE hub_text_changes (
    hub_id  uuid   NOT NULL,
    lexeme  text,
    df      bigint NOT NULL,
    lexemes bigint NOT NULL DEFAULT 0
);
CREATE INDEX hub_text_changes_hub_lexeme_idx ON hub_text_changes (hub_id, lexeme);

CREATE FUNCTION memax_record_text_changes() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO hub_text_changes (hub_id, lexeme, df, lexemes)
        SELECT hub_id, lexeme, sum(df), sum(lexemes) FROM (
            SELECT hub_id, NULL::text AS lexeme, 1 AS df, length(tsv) AS lexemes FROM new_rows
            UNION ALL
            SELECT r.hub_id, l.lexeme, 1, 0 FROM new_rows r, unnest(tsvector_to_array(r.tsv)) AS l(lexeme)
        ) d GROUP BY hub_id, lexeme;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO hub_text_changes (hub_id, lexeme, df, lexemes)
        SELECT hub_id, lexeme, -sum(df), -sum(lexemes) FROM (
            SELECT hub_id, NULL::text AS lexeme, 1 AS df, length(tsv) AS lexemes FROM old_rows
            UNION ALL
            SELECT r.hub_id, l.lexeme, 1, 0 FROM old_rows r, unnest(tsvector_to_array(r.tsv)) AS l(lexeme)
        ) d GROUP BY hub_id, lexeme;
    ELSE
        -- Only rows whose hub or text changed (re-embedding rewrites every chunk and changes neither).
        INSERT INTO hub_text_changes (hub_id, lexeme, df, lexemes)
        WITH changed AS (
            SELECT o.hub_id, o.tsv, -1 AS sign FROM old_rows o JOIN new_rows n USING (id)
                WHERE o.hub_id <> n.hub_id OR o.tsv IS DISTINCT FROM n.tsv
            UNION ALL
            SELECT n.hub_id, n.tsv, 1 FROM old_rows o JOIN new_rows n USING (id)
                WHERE o.hub_id <> n.hub_id OR o.tsv IS DISTINCT FROM n.tsv
        )
        SELECT hub_id, lexeme, sum(df), sum(lexemes) FROM (
            SELECT c.hub_id, NULL::text AS lexeme, c.sign AS df, c.sign * length(c.tsv) AS lexemes FROM changed c
            UNION ALL
            SELECT c.hub_id, l.lexeme, c.sign, 0 FROM changed c, unnest(tsvector_to_array(c.tsv)) AS l(lexeme)
        ) d GROUP BY hub_id, lexeme HAVING sum(df) <> 0 OR sum(lexemes) <> 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER memory_chunks_text_insert AFTER INSERT ON memory_chunks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memax_record_text_changes();
CREATE TRIGGER memory_chunks_text_delete AFTER DELETE ON memory_chunks
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memax_record_text_changes();
CREATE TRIGGER memory_chunks_text_update AFTER UPDATE ON memory_chunks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION memax_record_text_changes();

-- Moves the committed changes into hub_lexemes / hub_text_stats; returns how many change rows it
-- folded. Run by one instance at a time (the job runner); rows committed meanwhile wait for the next run.
CREATE FUNCTION memax_fold_text_changes() RETURNS bigint
    LANGUAGE plpgsql AS
$$
DECLARE
    folded bigint;
BEGIN
    CREATE TEMP TABLE folding (hub_id uuid, lexeme text, df bigint, lexemes bigint, n bigint) ON COMMIT DROP;
    WITH taken AS (DELETE FROM hub_text_changes RETURNING *)
    INSERT INTO folding
    SELECT hub_id, lexeme, sum(df), sum(lexemes), count(*) FROM taken GROUP BY hub_id, lexeme;
    SELECT coalesce(sum(n), 0) INTO folded FROM folding;

    INSERT INTO hub_lexemes AS h (hub_id, lexeme, df)
    SELECT hub_id, lexeme, df FROM folding WHERE lexeme IS NOT NULL AND df <> 0 ORDER BY hub_id, lexeme
    ON CONFLICT (hub_id, lexeme) DO UPDATE SET df = h.df + excluded.df;
    DELETE FROM hub_lexemes h USING folding f
        WHERE f.lexeme IS NOT NULL AND h.hub_id = f.hub_id AND h.lexeme = f.lexeme AND h.df <= 0;

    INSERT INTO hub_text_stats AS s (hub_id, chunks, lexemes)
    SELECT hub_id, df, lexemes FROM folding WHERE lexeme IS NULL ORDER BY hub_id
    ON CONFLICT (hub_id) DO UPDATE SET chunks = s.chunks + excluded.chunks, lexemes = s.lexemes + excluded.lexemes;
    DELETE FROM hub_text_stats s USING folding f WHERE f.lexeme IS NULL AND s.hub_id = f.hub_id AND s.chunks <= 0;

    DROP TABLE folding;
    RETURN folded;
END
$$;

-- The statistics of the chunks that exist already.
INSERT INTO hub_lexemes (hub_id, lexeme, df)
SELECT c.hub_id, l.lexeme, count(*) FROM memory_chunks c, unnest(tsvector_to_array(c.tsv)) AS l(lexeme)
GROUP BY c.hub_id, l.lexeme;
INSERT INTO hub_text_stats (hub_id, chunks, lexemes)
SELECT hub_id, count(*), coalesce(sum(length(tsv)), 0) FROM memory_chunks GROUP BY hub_id;
