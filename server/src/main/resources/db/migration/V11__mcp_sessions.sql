-- MCP sessions of the handshake protocol versions (2025-03-26 … 2025-11-25, issue 14): minted
-- by initialize, named by the Mcp-Session-Id header. In PostgreSQL, not one instance's memory, so
-- a client whose next request lands on another instance keeps its session. A session belongs to
-- the user who opened it and to one endpoint; it ends on DELETE or after an idle timeout.
CREATE TABLE mcp_sessions (
    -- SHA-256 (hex) of the opaque session id: the table never holds ids a client could replay.
    id_hash          text        PRIMARY KEY,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint         text        NOT NULL,
    protocol_version text        NOT NULL,
    client_name      text,
    client_version   text,
    created_at       timestamptz NOT NULL,
    last_used_at     timestamptz NOT NULL
);

-- The purge job deletes sessions idle past the timeout.
CREATE INDEX mcp_sessions_last_used_at ON mcp_sessions (last_used_at);
