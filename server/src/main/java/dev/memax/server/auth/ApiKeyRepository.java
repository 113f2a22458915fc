package dev.memax.server.auth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class ApiKeyRepository {
    static final String COLUMNS =
            "id, user_id, name, prefix, scopes, hub_ids, agent_name, expires_at, last_used_at, created_at, updated_at";
    private final Db db;

    public ApiKeyRepository(Db db) {
        this.db = db;
    }

    public static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "user_id"),
                rs.getString("name"),
                rs.getString("prefix"),
                Db.strings(rs, "scopes"),
                Db.uuids(rs, "hub_ids"),
                rs.getString("agent_name"),
                Db.instant(rs, "expires_at"),
                Db.instant(rs, "last_used_at"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }

    public void insert(ApiKey key, String keyHash) {
        db.update(
                "INSERT INTO api_keys (id, user_id, name, prefix, key_hash, scopes, hub_ids, agent_name, expires_at, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?::text[], ?::uuid[], ?, ?, ?, ?)",
                key.id(),
                key.userId(),
                key.name(),
                key.prefix(),
                keyHash,
                key.scopes(),
                key.hubIds(),
                key.agentName(),
                key.expiresAt(),
                key.createdAt(),
                key.updatedAt());
    }

    /** The key with this hash, unless it has expired. */
    public Optional<ApiKey> findUsable(String keyHash, Instant now) {
        return db.one(
                "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? AND (expires_at IS NULL OR expires_at > ?)",
                ApiKeyRepository::map,
                keyHash,
                now);
    }

    /** Records use off the request path, in one statement for a batch of keys. */
    public void touch(Collection<UUID> ids, Instant usedAt) {
        db.update(
                "UPDATE api_keys SET last_used_at = ? WHERE id = ANY(?::uuid[]) AND (last_used_at IS NULL OR last_used_at < ?)",
                usedAt,
                ids,
                usedAt);
    }

    /** One page of the user's keys, newest first (UUIDv7 ids are time-ordered): keyset on id. */
    public List<ApiKey> pageByUser(UUID userId, UUID beforeId, int limit) {
        return beforeId == null
                ? db.list(
                        "SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                        ApiKeyRepository::map,
                        userId,
                        limit)
                : db.list(
                        "SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                        ApiKeyRepository::map,
                        userId,
                        beforeId,
                        limit);
    }

    /** The key, if it belongs to the user (another user's key is indistinguishable from none). */
    public Optional<ApiKey> findOwned(UUID id, UUID userId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM api_keys WHERE id = ? AND user_id = ?", ApiKeyRepository::map, id, userId);
    }

    /** Renames and/or changes the agent name; null leaves a field as it is. */
    public Optional<ApiKey> update(
            UUID id, UUID userId, String name, String agentName, boolean clearAgentName, Instant now) {
        return db.one(
                "UPDATE api_keys SET name = coalesce(?, name), "
                        + "agent_name = CASE WHEN ? THEN NULL ELSE coalesce(?, agent_name) END, updated_at = ? "
                        + "WHERE id = ? AND user_id = ? RETURNING " + COLUMNS,
                ApiKeyRepository::map,
                name,
                clearAgentName,
                agentName,
                now,
                id,
                userId);
    }

    public boolean delete(UUID id, UUID userId) {
        return db.update("DELETE FROM api_keys WHERE id = ? AND user_id = ?", id, userId) > 0;
    }

    /** Deletes the user's keys whose agent name has this slug (V13's memax_agent_slug); their ids. */
    public List<UUID> deleteByAgent(UUID userId, String agentSlug) {
        return db.list(
                "DELETE FROM api_keys WHERE user_id = ? AND memax_agent_slug(agent_name) = ? RETURNING id",
                rs -> Db.uuid(rs, "id"),
                userId,
                agentSlug);
    }
}
