-- OAuth clients known to this authorization server (issue 18): registered by an admin or through
-- RFC 7591 dynamic registration. Clients that name themselves by a Client ID Metadata Document
-- URL are not stored: their document is fetched and cached.
CREATE TABLE oauth_clients (
    client_id     text PRIMARY KEY,
    registration  text        NOT NULL CHECK (registration IN ('admin', 'dynamic')),
    client_name   text        NOT NULL,
    redirect_uris text[]      NOT NULL,
    client_uri    text,
    logo_uri      text,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX oauth_clients_registration ON oauth_clients (registration, created_at);
