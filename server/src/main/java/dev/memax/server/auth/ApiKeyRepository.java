package dev.memax.server.auth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class ApiKeyRepository {
    static final String COLUMNS = "id, user_id, name, prefix, scopes, hub_ids, agent_name, expires_at, last_used_at, created_at, updated_at";
    private final Db db;

    public ApiKeyRepository(Db db) {
        this.db = db;
    }

    public static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(Db.uuid(rs, "id"), Db.uuid(rs, "user_id"), rs.getString("name"), rs.getString("prefix"),
                Db.strings(rs, "scopes"), Db.uuids(rs, "hub_ids"), rs.getString("agent_name"),
                Db.instant(rs, "expires_at"), Db.instant(rs, "last_used_at"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    public void insert(ApiKey key, String keyHash) {
        db.update("INSERT INTO api_keys (id, user_id, name, prefix, key_hash, scopes, hub_ids, agent_name, expires_at, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?::text[], ?::uuid[], ?, ?, ?, ?)",
                key.id(), key.userId(), key.name(), key.prefix(), keyHash, key.scopes(), key.hubIds(), key.agentName(),
                key.expiresAt(), key.createdAt(), key.updatedAt());
    }

    /** The key with this hash, unless it has expired. */
    public Optional<ApiKey> findUsable(String keyHash, Instant now) {
        return db.one("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? AND (expires_at IS NULL OR expires_at > ?)",
                ApiKeyRepository::map, keyHash, now);
    }

    /** Records use off the request path, in one statement for a batch of keys. */
    public void touch(Collection<UUID> ids, Instant usedAt) {
        db.update("UPDATE api_keys SET last_used_at = ? WHERE id = ANY(?::uuid[]) AND (last_used_at IS NULL OR last_used_at < ?)",
                usedAt, ids, usedAt);
    }
}
