package dev.memax.server.auth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

/** Login sessions (refresh-token families). */
@Singleton
public class SessionRepository {
    private final Db db;

    public SessionRepository(Db db) {
        this.db = db;
    }

    public boolean isActive(UUID sessionId, Instant now) {
        return db.count("SELECT count(*) FROM auth_sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?",
                sessionId, now) > 0;
    }
}
