package dev.memax.server.auth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/** Rows of {@code login_throttles}: failed logins per email key. */
@Singleton
public class LoginThrottleRepository {
    private final Db db;

    public LoginThrottleRepository(Db db) {
        this.db = db;
    }

    /** One email's counters. */
    public record Row(
            int failures,
            Instant windowStartedAt,
            int lockouts,
            Instant lockedUntil,
            Instant lastFailureAt,
            Instant notifiedAt) {}

    /** When the email's lock lifts, if it is locked at {@code now}. */
    public Optional<Instant> lockedUntil(String emailKey, Instant now) {
        return db.one(
                "SELECT locked_until FROM login_throttles WHERE email_key = ? AND locked_until > ?",
                rs -> Db.instant(rs, "locked_until"),
                emailKey,
                now);
    }

    /** The row, created empty if missing, locked until the transaction ends (instances count in turn). */
    public Row lock(String emailKey, Instant now) {
        db.update(
                "INSERT INTO login_throttles (email_key, failures, window_started_at, last_failure_at) "
                        + "VALUES (?, 0, ?, ?) ON CONFLICT (email_key) DO NOTHING",
                emailKey,
                now,
                now);
        return db.one(
                        "SELECT failures, window_started_at, lockouts, locked_until, last_failure_at, notified_at "
                                + "FROM login_throttles WHERE email_key = ? FOR UPDATE",
                        rs -> new Row(
                                rs.getInt("failures"),
                                Db.instant(rs, "window_started_at"),
                                rs.getInt("lockouts"),
                                Db.instant(rs, "locked_until"),
                                Db.instant(rs, "last_failure_at"),
                                Db.instant(rs, "notified_at")),
                        emailKey)
                .orElseThrow();
    }

    public void save(String emailKey, Row row) {
        db.update(
                "UPDATE login_throttles SET failures = ?, window_started_at = ?, lockouts = ?, locked_until = ?, "
                        + "last_failure_at = ?, notified_at = ? WHERE email_key = ?",
                row.failures(),
                row.windowStartedAt(),
                row.lockouts(),
                row.lockedUntil(),
                row.lastFailureAt(),
                row.notifiedAt(),
                emailKey);
    }

    public void delete(String emailKey) {
        db.update("DELETE FROM login_throttles WHERE email_key = ?", emailKey);
    }

    /** Rows without a failure since {@code cutoff} and no lock left. */
    public int deleteQuietSince(Instant cutoff, Instant now) {
        return db.update(
                "DELETE FROM login_throttles WHERE last_failure_at < ? "
                        + "AND (locked_until IS NULL OR locked_until < ?)",
                cutoff,
                now);
    }
}
