package dev.memax.server.auth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/** SQL for operator actions: the lock that serialises them and the admin flag. */
@Singleton
public class AdminRepository {
    private final Db db;

    public AdminRepository(Db db) {
        this.db = db;
    }

    /** Serialises admin creation across instances and CLI runs (released when the transaction ends). */
    public void lock() {
        db.one("SELECT pg_advisory_xact_lock(hashtext('memax.admin-accounts'))", rs -> Boolean.TRUE);
    }

    public void promote(UUID userId, Instant now) {
        db.update("UPDATE users SET is_admin = true, updated_at = ? WHERE id = ?", now, userId);
    }
}
