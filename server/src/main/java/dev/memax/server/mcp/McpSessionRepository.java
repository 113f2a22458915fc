package dev.memax.server.mcp;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Handshake-era MCP sessions, keyed by the SHA-256 of their id. */
@Singleton
public class McpSessionRepository {
    private final Db db;

    public McpSessionRepository(Db db) {
        this.db = db;
    }

    /** A session as a request sees it. */
    public record Session(UUID userId, String endpoint, String protocolVersion, Instant lastUsedAt) {}

    public void insert(
            String idHash,
            UUID userId,
            String endpoint,
            String protocolVersion,
            String clientName,
            String clientVersion,
            Instant now) {
        db.update(
                "INSERT INTO mcp_sessions (id_hash, user_id, endpoint, protocol_version, client_name, "
                        + "client_version, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                idHash,
                userId,
                endpoint,
                protocolVersion,
                clientName,
                clientVersion,
                now,
                now);
    }

    /** The session unless it has been idle since before {@code idleCutoff}. */
    public Optional<Session> findLive(String idHash, Instant idleCutoff) {
        return db.one(
                "SELECT user_id, endpoint, protocol_version, last_used_at FROM mcp_sessions "
                        + "WHERE id_hash = ? AND last_used_at > ?",
                rs -> new Session(
                        Db.uuid(rs, "user_id"),
                        rs.getString("endpoint"),
                        rs.getString("protocol_version"),
                        Db.instant(rs, "last_used_at")),
                idHash,
                idleCutoff);
    }

    public void touch(String idHash, Instant now) {
        db.update("UPDATE mcp_sessions SET last_used_at = ? WHERE id_hash = ? AND last_used_at < ?", now, idHash, now);
    }

    /** Ends one of the user's sessions; returns whether there was one. */
    public boolean delete(String idHash, UUID userId) {
        return db.update("DELETE FROM mcp_sessions WHERE id_hash = ? AND user_id = ?", idHash, userId) > 0;
    }

    public int deleteIdleSince(Instant idleCutoff) {
        return db.update("DELETE FROM mcp_sessions WHERE last_used_at <= ?", idleCutoff);
    }
}
