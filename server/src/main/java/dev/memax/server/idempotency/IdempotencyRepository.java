package dev.memax.server.idempotency;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

@Singleton
public class IdempotencyRepository {
    private final JdbcOperations jdbc;

    public IdempotencyRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for a new request. Returns true when this caller owns it; an expired record
     * or one whose request was abandoned (in progress for longer than {@code abandonAfter})
     * is taken over.
     */
    @Transactional
    public boolean claim(String scope, String key, String fingerprint, Duration ttl, Duration abandonAfter) {
        Instant now = Instant.now();
        return jdbc.prepareStatement("""
                INSERT INTO idempotency_records (scope, idempotency_key, fingerprint, state, created_at, expires_at)
                VALUES (?, ?, ?, 'in_progress', ?, ?)
                ON CONFLICT (scope, idempotency_key) DO UPDATE
                   SET fingerprint = EXCLUDED.fingerprint, state = 'in_progress', status_code = NULL,
                       response_body = NULL, content_type = NULL,
                       created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                 WHERE idempotency_records.expires_at < ?
                    OR (idempotency_records.state = 'in_progress' AND idempotency_records.created_at < ?)
                """, statement -> {
            statement.setString(1, scope);
            statement.setString(2, key);
            statement.setString(3, fingerprint);
            statement.setTimestamp(4, Timestamp.from(now));
            statement.setTimestamp(5, Timestamp.from(now.plus(ttl)));
            statement.setTimestamp(6, Timestamp.from(now));
            statement.setTimestamp(7, Timestamp.from(now.minus(abandonAfter)));
            return statement.executeUpdate() == 1;
        });
    }

    @Transactional
    public Optional<IdempotencyRecord> find(String scope, String key) {
        return jdbc.prepareStatement("""
                SELECT fingerprint, state, status_code, response_body, content_type, expires_at < now() AS stale
                  FROM idempotency_records WHERE scope = ? AND idempotency_key = ?
                """, statement -> {
            statement.setString(1, scope);
            statement.setString(2, key);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int status = rs.getInt("status_code");
                return Optional.of(new IdempotencyRecord(rs.getString("fingerprint"),
                        "complete".equals(rs.getString("state")), rs.wasNull() ? null : status,
                        rs.getString("response_body"), rs.getString("content_type"), rs.getBoolean("stale")));
            }
        });
    }

    @Transactional
    public void complete(String scope, String key, int statusCode, String body, String contentType) {
        jdbc.prepareStatement("""
                UPDATE idempotency_records SET state = 'complete', status_code = ?, response_body = ?, content_type = ?
                 WHERE scope = ? AND idempotency_key = ?
                """, statement -> {
            statement.setInt(1, statusCode);
            statement.setString(2, body);
            statement.setString(3, contentType);
            statement.setString(4, scope);
            statement.setString(5, key);
            return statement.executeUpdate();
        });
    }

    @Transactional
    public void release(String scope, String key) {
        jdbc.prepareStatement("DELETE FROM idempotency_records WHERE scope = ? AND idempotency_key = ?", statement -> {
            statement.setString(1, scope);
            statement.setString(2, key);
            return statement.executeUpdate();
        });
    }

    @Transactional
    public int deleteExpired() {
        return jdbc.prepareStatement("DELETE FROM idempotency_records WHERE expires_at < now()",
                statement -> statement.executeUpdate());
    }
}
