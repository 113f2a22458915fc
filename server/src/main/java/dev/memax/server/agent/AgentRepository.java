package dev.memax.server.agent;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of connected agents: derived from {@code api_keys} and {@code memories}, settings in {@code connected_agents} (V13). */
@Singleton
public class AgentRepository {
    /**
     * Every agent slug of the user's keys and of the memories they own in {@code hubIds}, with its
     * counts and the user's settings. An agent disconnected since its last key and memory is left
     * out (its keys were revoked then; a newer key or memory lists it again).
     */
    private static final String AGENTS =
            "WITH keys AS (SELECT memax_agent_slug(agent_name) AS slug, count(*) AS key_count, "
                    + "count(*) FILTER (WHERE expires_at IS NULL OR expires_at > ?) AS live_keys, max(last_used_at) AS last_used, "
                    + "min(created_at) AS first_at, (array_agg(agent_name ORDER BY created_at DESC))[1] AS name "
                    + "FROM api_keys WHERE user_id = ? AND memax_agent_slug(agent_name) IS NOT NULL GROUP BY 1), "
                    + "mems AS (SELECT memax_agent_slug(source_agent) AS slug, count(*) AS memory_count, "
                    + "max(created_at) AS last_at, min(created_at) AS first_at, "
                    + "(array_agg(source_agent ORDER BY created_at DESC))[1] AS name FROM memories "
                    + "WHERE owner_id = ? AND source_agent IS NOT NULL AND hub_id = ANY(?::uuid[]) "
                    + "AND memax_agent_slug(source_agent) IS NOT NULL GROUP BY 1), "
                    + "slugs AS (SELECT slug FROM keys UNION SELECT slug FROM mems) "
                    + "SELECT s.slug, a.id AS row_id, a.display_name, a.icon, a.updated_at AS row_updated, "
                    + "coalesce(k.key_count, 0) AS key_count, coalesce(k.live_keys, 0) AS live_keys, "
                    + "coalesce(m.memory_count, 0) AS memory_count, least(k.first_at, m.first_at) AS first_at, "
                    + "greatest(k.last_used, m.last_at) AS last_active, coalesce(k.name, m.name) AS name "
                    + "FROM slugs s LEFT JOIN keys k USING (slug) LEFT JOIN mems m USING (slug) "
                    + "LEFT JOIN connected_agents a ON a.user_id = ? AND a.slug = s.slug "
                    + "WHERE (a.disconnected_at IS NULL OR k.key_count > 0 OR m.last_at > a.disconnected_at) ";

    private final Db db;

    public AgentRepository(Db db) {
        this.db = db;
    }

    /** The user's agents, most recently active first. */
    List<ConnectedAgent> list(UUID userId, Collection<UUID> hubIds, Instant now) {
        return db.list(
                AGENTS + "ORDER BY last_active DESC NULLS LAST, s.slug",
                rs -> map(rs, userId),
                now,
                userId,
                userId,
                hubIds,
                userId);
    }

    Optional<ConnectedAgent> find(UUID userId, Collection<UUID> hubIds, String slug, Instant now) {
        return db.one(AGENTS + "AND s.slug = ?", rs -> map(rs, userId), now, userId, userId, hubIds, userId, slug);
    }

    /** Sets the display name and/or icon (null: unchanged; empty: back to the default). */
    void update(UUID userId, String slug, String displayName, String icon, Instant now) {
        db.update(
                "INSERT INTO connected_agents (id, user_id, slug, display_name, icon, created_at, updated_at) "
                        + "VALUES (?, ?, ?, nullif(?::text, ''), nullif(?::text, ''), ?, ?) ON CONFLICT (user_id, slug) DO UPDATE SET "
                        + "display_name = CASE WHEN ?::text IS NULL THEN connected_agents.display_name "
                        + "ELSE nullif(?::text, '') END, "
                        + "icon = CASE WHEN ?::text IS NULL THEN connected_agents.icon ELSE nullif(?::text, '') END, "
                        + "updated_at = ?",
                id(userId, slug),
                userId,
                slug,
                displayName,
                icon,
                now,
                now,
                displayName,
                displayName,
                icon,
                icon,
                now);
    }

    /** Marks the agent disconnected now; its settings go with it. */
    void disconnect(UUID userId, String slug, Instant now) {
        db.update(
                "INSERT INTO connected_agents (id, user_id, slug, disconnected_at, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, slug) DO UPDATE SET display_name = NULL, "
                        + "icon = NULL, disconnected_at = excluded.disconnected_at, updated_at = excluded.updated_at",
                id(userId, slug),
                userId,
                slug,
                now,
                now,
                now);
    }

    /** One id per user and slug, whether or not a settings row exists. */
    static UUID id(UUID userId, String slug) {
        return UUID.nameUUIDFromBytes(("connected-agent:" + userId + ":" + slug).getBytes(StandardCharsets.UTF_8));
    }

    private static ConnectedAgent map(ResultSet rs, UUID userId) throws SQLException {
        String slug = rs.getString("slug");
        String displayName = rs.getString("display_name");
        String icon = rs.getString("icon");
        long keys = rs.getLong("key_count");
        long live = rs.getLong("live_keys");
        Instant firstAt = Db.instant(rs, "first_at");
        Instant rowUpdated = Db.instant(rs, "row_updated");
        Instant updatedAt = rowUpdated != null && rowUpdated.isAfter(firstAt) ? rowUpdated : firstAt;
        return new ConnectedAgent(
                id(userId, slug),
                userId,
                slug,
                displayName != null ? displayName : rs.getString("name"),
                icon == null ? "" : icon,
                live > 0 ? ConnectedAgent.ACTIVE : ConnectedAgent.INACTIVE,
                firstAt,
                updatedAt,
                keys,
                0,
                rs.getLong("memory_count"),
                keys > 0 && live == 0,
                Db.instant(rs, "last_active"));
    }
}
