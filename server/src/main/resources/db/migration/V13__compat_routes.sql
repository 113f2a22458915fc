-- Routes the Memax TypeScript SDK calls (issue 15): connected agents.

-- An agent's slug: the name an API key's agent_name or a memory's source_agent gives it,
-- lower-cased, runs of other characters as one '-' ("Claude Code" and "claude_code" are one agent).
CREATE FUNCTION memax_agent_slug(name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
    AS $$ SELECT nullif(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), '') $$;

-- A user's memories by the agent that wrote them (GET /v1/agents counts; the list's actor filter).
CREATE INDEX memories_owner_agent_idx ON memories (owner_id, memax_agent_slug(source_agent))
    WHERE source_agent IS NOT NULL;

-- Connected agents are derived from keys and memories; this row holds only what the user set on
-- one (display name, icon) and when they disconnected it (its keys were revoked then; it is
-- listed again once it has a newer key or memory).
CREATE TABLE connected_agents (
    id              uuid        PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug            text        NOT NULL,
    display_name    text,
    icon            text,
    disconnected_at timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (user_id, slug)
);
