package dev.memax.server.oauth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Consent users gave OAuth clients, one row per (user, client). */
@Singleton
public class OAuthGrantRepository {
    private static final String COLUMNS = "id, client_id, client_name, scopes, created_at, updated_at";
    private final Db db;

    public OAuthGrantRepository(Db db) {
        this.db = db;
    }

    public Optional<OAuthGrant> find(UUID userId, String clientId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM oauth_grants WHERE user_id = ? AND client_id = ?",
                OAuthGrantRepository::grant,
                userId,
                clientId);
    }

    /** Records consent to {@code scopes}, widening what was granted before (never narrowing it). */
    public void grant(UUID id, UUID userId, String clientId, String clientName, List<String> scopes, Instant now) {
        db.update(
                "INSERT INTO oauth_grants (id, user_id, client_id, client_name, scopes, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?::text[], ?, ?) ON CONFLICT (user_id, client_id) DO UPDATE SET "
                        + "client_name = EXCLUDED.client_name, updated_at = EXCLUDED.updated_at, scopes = ARRAY(SELECT DISTINCT s "
                        + "FROM unnest(oauth_grants.scopes || EXCLUDED.scopes) AS s ORDER BY s)",
                id,
                userId,
                clientId,
                clientName,
                scopes,
                now,
                now);
    }

    /** The user's grants, oldest first, after ({@code afterCreated}, {@code afterId}) when given. */
    public List<OAuthGrant> page(UUID userId, Instant afterCreated, UUID afterId, int limit) {
        return afterCreated == null
                ? db.list(
                        "SELECT " + COLUMNS + " FROM oauth_grants WHERE user_id = ? ORDER BY created_at, id LIMIT ?",
                        OAuthGrantRepository::grant,
                        userId,
                        limit)
                : db.list(
                        "SELECT " + COLUMNS + " FROM oauth_grants WHERE user_id = ? AND (created_at, id) > (?, ?) "
                                + "ORDER BY created_at, id LIMIT ?",
                        OAuthGrantRepository::grant,
                        userId,
                        afterCreated,
                        afterId,
                        limit);
    }

    /** Deletes one of the user's grants; answers the client it was for, empty when there was none. */
    public Optional<String> delete(UUID userId, UUID id) {
        return db.one(
                "DELETE FROM oauth_grants WHERE user_id = ? AND id = ? RETURNING client_id",
                rs -> rs.getString("client_id"),
                userId,
                id);
    }

    private static OAuthGrant grant(ResultSet rs) throws SQLException {
        return new OAuthGrant(
                Db.uuid(rs, "id"),
                rs.getString("client_id"),
                rs.getString("client_name"),
                Db.strings(rs, "scopes"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }
}
