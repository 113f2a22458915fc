-- OAuth authorization (issue 18): codes, remembered consent, and login sessions that belong to
-- an OAuth client. An OAuth session is an ordinary auth_sessions row (its refresh tokens rotate
-- and a reused one revokes it, exactly as the API's) marked with the client, the resource its
-- tokens are for (RFC 8707) and the scopes granted.
ALTER TABLE auth_sessions
    ADD COLUMN oauth_client_id text,
    ADD COLUMN resource        text,
    ADD COLUMN scopes          text[];

-- Authorization codes: single use, about a minute. Only the SHA-256 of a code is stored. A code
-- presented again revokes the session it issued (session_id), as OAuth 2.1 §4.1.2 asks.
CREATE TABLE oauth_codes (
    code_hash      text PRIMARY KEY,
    client_id      text        NOT NULL,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri   text        NOT NULL,
    code_challenge text        NOT NULL,
    resource       text        NOT NULL,
    scopes         text[]      NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    session_id     uuid REFERENCES auth_sessions (id) ON DELETE SET NULL
);
CREATE INDEX oauth_codes_expires_at ON oauth_codes (expires_at);

-- Consent a user gave a client: asked again only for scopes beyond these. Revoking it ends the
-- client's sessions of that user.
CREATE TABLE oauth_grants (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id   text        NOT NULL,
    client_name text        NOT NULL,
    scopes      text[]      NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (user_id, client_id)
);
CREATE INDEX oauth_grants_user ON oauth_grants (user_id, created_at, id);
