-- Memories and their chunks (DESIGN.md §3, §4).

CREATE TABLE memories (
    id              uuid PRIMARY KEY,
    hub_id          uuid        NOT NULL REFERENCES hubs (id) ON DELETE CASCADE,
    owner_id        uuid        NOT NULL REFERENCES users (id),
    title           text        NOT NULL DEFAULT '',
    content         text        NOT NULL,
    content_type    text        NOT NULL DEFAULT 'text/markdown',
    content_hash    text        NOT NULL,
    summary         text        NOT NULL DEFAULT '',
    kind            text        NOT NULL DEFAULT 'semantic'
        CHECK (kind IN ('episodic', 'semantic', 'procedural', 'rationale')),
    stability       text        NOT NULL DEFAULT 'evolving' CHECK (stability IN ('volatile', 'evolving', 'stable')),
    tags            text[]      NOT NULL DEFAULT '{}',
    source          text,
    source_agent    text,
    source_path     text,
    metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    project_context jsonb,
    event_dates     timestamptz[] NOT NULL DEFAULT '{}',
    pinned          boolean     NOT NULL DEFAULT false,
    state           text        NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'processing', 'archived')),
    version         integer     NOT NULL DEFAULT 1,
    topic_id        uuid,
    access_count    bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    accessed_at     timestamptz,
    expires_at      timestamptz
);
-- source_path upserts: one memory per path and hub.
CREATE UNIQUE INDEX memories_source_path_key ON memories (hub_id, source_path) WHERE source_path IS NOT NULL;
CREATE INDEX memories_hub_id_idx ON memories (hub_id, id);
CREATE INDEX memories_hub_created_idx ON memories (hub_id, created_at, id);
CREATE INDEX memories_hub_updated_idx ON memories (hub_id, updated_at, id);
CREATE INDEX memories_tags_idx ON memories USING gin (tags);
CREATE INDEX memories_expires_at_idx ON memories (expires_at) WHERE expires_at IS NOT NULL;

-- array_to_string is only STABLE, and a generated column needs IMMUTABLE expressions: this
-- wrapper is safe to mark immutable because joining text with a constant separator never
-- depends on settings.
CREATE FUNCTION memax_join_headings(headings text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT array_to_string(headings, ' ') $$;

-- What recall ranks: pieces of a memory along its Markdown headings. The vector column has no
-- fixed dimension so models of any size can coexist; each model gets its own partial HNSW
-- index on embedding::vector(N) (created by the embedding package), and a search always names
-- one model, so a hub never mixes models in one search.
CREATE TABLE memory_chunks (
    id            uuid PRIMARY KEY,
    memory_id     uuid    NOT NULL REFERENCES memories (id) ON DELETE CASCADE,
    hub_id        uuid    NOT NULL,
    ordinal       integer NOT NULL,
    heading_chain text[]  NOT NULL DEFAULT '{}',
    content       text    NOT NULL,
    model         text    NOT NULL,
    embedding     vector  NOT NULL,
    tsv           tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(memax_join_headings(heading_chain), '')), 'B')
            || setweight(to_tsvector('english', content), 'A')) STORED,
    UNIQUE (memory_id, ordinal)
);
CREATE INDEX memory_chunks_hub_idx ON memory_chunks (hub_id, model);
CREATE INDEX memory_chunks_tsv_idx ON memory_chunks USING gin (tsv);

-- Every version of a memory: who changed what, and when (dreams included, later).
CREATE TABLE memory_versions (
    memory_id  uuid        NOT NULL REFERENCES memories (id) ON DELETE CASCADE,
    version    integer     NOT NULL,
    changed_by uuid REFERENCES users (id),
    changed_at timestamptz NOT NULL,
    change     text        NOT NULL,
    changes    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (memory_id, version)
);
