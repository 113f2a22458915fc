-- Topics (issue 20; docs/architecture.md §5.13): a tree of topics per hub and the links that
-- place memories in them.

-- At most 5 levels (depth 0-4), checked by the topic service. Archiving a subtree stamps every
-- topic in it with the same archived_at; archived topics keep their links.
CREATE TABLE topics (
    id            uuid PRIMARY KEY,
    hub_id        uuid        NOT NULL REFERENCES hubs (id) ON DELETE CASCADE,
    owner_id      uuid        NOT NULL REFERENCES users (id),
    parent_id     uuid        REFERENCES topics (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    icon          text        NOT NULL DEFAULT '',
    position      integer     NOT NULL DEFAULT 0,
    pinned        boolean     NOT NULL DEFAULT false,
    -- A person renamed or moved it: dreams leave its name and place alone.
    user_modified boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    archived_at   timestamptz,
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX topics_hub_idx ON topics (hub_id, position, id);
CREATE INDEX topics_parent_idx ON topics (parent_id);
-- Sibling names are unique among active topics, ignoring case (duplicate_name).
CREATE UNIQUE INDEX topics_sibling_name_key
    ON topics (hub_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))
    WHERE archived_at IS NULL;

-- A memory may sit in several topics of its hub. Who placed it: a person (placed_by_user_id) or a
-- dream run (placed_by_run_id). A link without a run is a person's and dreams never remove it.
CREATE TABLE topic_memories (
    topic_id          uuid        NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    memory_id         uuid        NOT NULL REFERENCES memories (id) ON DELETE CASCADE,
    confidence        real        NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    placed_by_user_id uuid        REFERENCES users (id),
    placed_by_run_id  uuid,
    placed_at         timestamptz NOT NULL,
    PRIMARY KEY (topic_id, memory_id),
    CHECK (placed_by_user_id IS NULL OR placed_by_run_id IS NULL)
);
CREATE INDEX topic_memories_memory_idx ON topic_memories (memory_id);

-- When each member last opened a topic (POST /v1/topics/{id}/visit).
CREATE TABLE topic_visits (
    topic_id   uuid        NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    visited_at timestamptz NOT NULL,
    PRIMARY KEY (topic_id, user_id)
);

-- memories.topic_id is the memory's primary topic (the Memax Memory shape shows one), always one of
-- its links. Before this migration no topic existed, so any id stored there named nothing.
UPDATE memories SET topic_id = NULL WHERE topic_id IS NOT NULL;
ALTER TABLE memories
    ADD CONSTRAINT memories_topic_id_fkey FOREIGN KEY (topic_id) REFERENCES topics (id) ON DELETE SET NULL;
CREATE INDEX memories_topic_idx ON memories (topic_id) WHERE topic_id IS NOT NULL;
