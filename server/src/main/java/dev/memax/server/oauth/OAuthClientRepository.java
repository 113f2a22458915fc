package dev.memax.server.oauth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class OAuthClientRepository {
    private static final String COLUMNS =
            "client_id, registration, client_name, redirect_uris, client_uri, logo_uri, created_at";
    private final Db db;

    public OAuthClientRepository(Db db) {
        this.db = db;
    }

    public OAuthClient insert(OAuthClient client, UUID createdBy) {
        return db.one(
                        "INSERT INTO oauth_clients (client_id, registration, client_name, redirect_uris, client_uri, logo_uri, "
                                + "created_by) VALUES (?, ?, ?, ?::text[], ?, ?, ?) RETURNING " + COLUMNS,
                        OAuthClientRepository::client,
                        client.clientId(),
                        client.registration(),
                        client.clientName(),
                        client.redirectUris(),
                        client.clientUri(),
                        client.logoUri(),
                        createdBy)
                .orElseThrow();
    }

    public Optional<OAuthClient> find(String clientId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM oauth_clients WHERE client_id = ?",
                OAuthClientRepository::client,
                clientId);
    }

    /** Clients of one kind of registration, newest first, after ({@code afterCreated}, {@code afterId}) when given. */
    public List<OAuthClient> page(String registration, Instant afterCreated, String afterId, int limit) {
        return afterCreated == null
                ? db.list(
                        "SELECT " + COLUMNS + " FROM oauth_clients WHERE registration = ? "
                                + "ORDER BY created_at DESC, client_id DESC LIMIT ?",
                        OAuthClientRepository::client,
                        registration,
                        limit)
                : db.list(
                        "SELECT " + COLUMNS
                                + " FROM oauth_clients WHERE registration = ? AND (created_at, client_id) < (?, ?) "
                                + "ORDER BY created_at DESC, client_id DESC LIMIT ?",
                        OAuthClientRepository::client,
                        registration,
                        afterCreated,
                        afterId,
                        limit);
    }

    public boolean delete(String clientId) {
        return db.update("DELETE FROM oauth_clients WHERE client_id = ?", clientId) > 0;
    }

    /**
     * Deletes dynamically registered clients created before {@code cutoff} that no user ever
     * consented to: registration is open to anyone, so unused registrations must not pile up.
     */
    public int deleteUnusedDynamicBefore(Instant cutoff) {
        return db.update(
                "DELETE FROM oauth_clients c WHERE c.registration = 'dynamic' AND c.created_at < ? "
                        + "AND NOT EXISTS (SELECT 1 FROM oauth_grants g WHERE g.client_id = c.client_id)",
                cutoff);
    }

    private static OAuthClient client(ResultSet rs) throws SQLException {
        return new OAuthClient(
                rs.getString("client_id"),
                rs.getString("registration"),
                rs.getString("client_name"),
                Db.strings(rs, "redirect_uris"),
                rs.getString("client_uri"),
                rs.getString("logo_uri"),
                Db.instant(rs, "created_at"));
    }
}
