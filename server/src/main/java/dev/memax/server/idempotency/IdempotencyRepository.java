package dev.memax.server.idempotency;

import dev.memax.server.platform.Db;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

@Singleton
public class IdempotencyRepository {
    private final Db db;

    public IdempotencyRepository(Db db) {
        this.db = db;
    }

    /**
     * Claims the key for a new request. Returns true when this caller owns it; an expired record
     * or one whose request was abandoned (in progress for longer than {@code abandonAfter})
     * is taken over.
     */
    public boolean claim(String scope, String key, String fingerprint, Duration ttl, Duration abandonAfter) {
        Instant now = Now.instant();
        return db.update("""
                INSERT INTO idempotency_records (scope, idempotency_key, fingerprint, state, created_at, expires_at)
                VALUES (?, ?, ?, 'in_progress', ?, ?)
                ON CONFLICT (scope, idempotency_key) DO UPDATE
                   SET fingerprint = EXCLUDED.fingerprint, state = 'in_progress', status_code = NULL,
                       response_body = NULL, content_type = NULL,
                       created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                 WHERE idempotency_records.expires_at < ?
                    OR (idempotency_records.state = 'in_progress' AND idempotency_records.created_at < ?)
                """, scope, key, fingerprint, now, now.plus(ttl), now, now.minus(abandonAfter)) == 1;
    }

    public Optional<IdempotencyRecord> find(String scope, String key) {
        return db.one(
                """
                SELECT fingerprint, state, status_code, response_body, content_type, expires_at < now() AS stale
                  FROM idempotency_records WHERE scope = ? AND idempotency_key = ?
                """,
                rs -> new IdempotencyRecord(
                        rs.getString("fingerprint"),
                        "complete".equals(rs.getString("state")),
                        (Integer) rs.getObject("status_code"),
                        rs.getString("response_body"),
                        rs.getString("content_type"),
                        rs.getBoolean("stale")),
                scope,
                key);
    }

    public void complete(String scope, String key, int statusCode, String body, String contentType) {
        db.update(
                "UPDATE idempotency_records SET state = 'complete', status_code = ?, response_body = ?, content_type = ? "
                        + "WHERE scope = ? AND idempotency_key = ?",
                statusCode,
                body,
                contentType,
                scope,
                key);
    }

    public void release(String scope, String key) {
        db.update("DELETE FROM idempotency_records WHERE scope = ? AND idempotency_key = ?", scope, key);
    }

    public int deleteExpired() {
        return db.update("DELETE FROM idempotency_records WHERE expires_at < now()");
    }
}
