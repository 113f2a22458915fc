-- Identity, tenancy and access (DESIGN.md §2).

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL,
    name          text        NOT NULL DEFAULT '',
    password_hash text,
    is_admin      boolean     NOT NULL DEFAULT false,
    plan          text        NOT NULL DEFAULT 'free',
    settings      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE hubs (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    slug        text        NOT NULL,
    hub_type    text        NOT NULL CHECK (hub_type IN ('personal', 'team')),
    owner_id    uuid        NOT NULL REFERENCES users (id),
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX hubs_slug_key ON hubs (lower(slug));
-- One personal hub per user.
CREATE UNIQUE INDEX hubs_one_personal_per_owner ON hubs (owner_id) WHERE hub_type = 'personal';

CREATE TABLE hub_members (
    hub_id     uuid        NOT NULL REFERENCES hubs (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('owner', 'admin', 'contributor', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub_id, user_id)
);
CREATE INDEX hub_members_user_idx ON hub_members (user_id);

-- API keys: only the SHA-256 of the key and an 8-character prefix are stored.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    scopes       text[]      NOT NULL,
    hub_ids      uuid[],
    agent_name   text,
    expires_at   timestamptz,
    last_used_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, id);

-- A login session: the family of rotating refresh tokens; access tokens carry its id (sid),
-- so revoking it ends both at once.
CREATE TABLE auth_sessions (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    revoked_reason text
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- JWT signing keys shared by every instance; private keys encrypted with MEMAX_SECRET_KEY.
CREATE TABLE signing_keys (
    kid                   text PRIMARY KEY,
    algorithm             text        NOT NULL,
    public_jwk            text        NOT NULL,
    private_key_encrypted bytea       NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    retired_at            timestamptz
);

CREATE TABLE hub_invites (
    id          uuid PRIMARY KEY,
    hub_id      uuid        NOT NULL REFERENCES hubs (id) ON DELETE CASCADE,
    token_hash  text        NOT NULL UNIQUE,
    email       text,
    role        text        NOT NULL CHECK (role IN ('admin', 'contributor', 'viewer')),
    created_by  uuid        NOT NULL REFERENCES users (id),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    accepted_by uuid REFERENCES users (id),
    accepted_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hub_invites_hub_idx ON hub_invites (hub_id, id);

-- At most one pending ownership offer per hub.
CREATE TABLE hub_ownership_transfers (
    hub_id     uuid PRIMARY KEY REFERENCES hubs (id) ON DELETE CASCADE,
    from_user  uuid        NOT NULL REFERENCES users (id),
    to_user    uuid        NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
