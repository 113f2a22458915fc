package dev.memax.server.auth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens, stored only as SHA-256; each row is one link of a session's rotation chain. */
@Singleton
public class RefreshTokenRepository {
    private final Db db;

    public RefreshTokenRepository(Db db) {
        this.db = db;
    }

    public record StoredToken(String tokenHash, UUID sessionId, Instant expiresAt, Instant usedAt) {}

    public void insert(String tokenHash, UUID sessionId, Instant now, Instant expiresAt) {
        db.update(
                "INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                tokenHash,
                sessionId,
                now,
                expiresAt);
    }

    /**
     * The token row, locked until the transaction ends: a second refresh with the same token
     * waits here and then sees it spent, so two concurrent refreshes cannot both succeed.
     */
    public Optional<StoredToken> lock(String tokenHash) {
        return db.one(
                "SELECT token_hash, session_id, expires_at, used_at FROM refresh_tokens WHERE token_hash = ? FOR UPDATE",
                rs -> new StoredToken(
                        rs.getString("token_hash"),
                        Db.uuid(rs, "session_id"),
                        Db.instant(rs, "expires_at"),
                        Db.instant(rs, "used_at")),
                tokenHash);
    }

    public Optional<UUID> sessionOf(String tokenHash) {
        return db.one(
                "SELECT session_id FROM refresh_tokens WHERE token_hash = ?",
                rs -> Db.uuid(rs, "session_id"),
                tokenHash);
    }

    public void markUsed(String tokenHash, Instant now) {
        db.update("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?", now, tokenHash);
    }

    /** Expired tokens no longer matter: presenting one is a plain 401 either way. */
    public int deleteExpiredBefore(Instant cutoff) {
        return db.update("DELETE FROM refresh_tokens WHERE expires_at < ?", cutoff);
    }
}
