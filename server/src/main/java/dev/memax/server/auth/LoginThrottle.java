package dev.memax.server.auth;

import dev.memax.server.notification.NotificationKind;
import dev.memax.server.notification.Notifications;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Now;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-account login throttling (README, "Security"). Failed password logins are counted per
 * email, whatever address sends them, in PostgreSQL (so every instance sees the same count):
 * {@code max-failures} within {@code window} lock the email for {@code backoff}, doubled with each
 * further lock of the burst up to {@code max-backoff}. While locked, every password login to that
 * email is refused with 429 {@code rate_limited} before the password is even checked (the right
 * one too: otherwise the lock would not slow guessing). Only password login is locked: the
 * owner's sessions (access and refresh tokens) and API keys keep working, a successful login
 * after the lock lifts clears the counters, and a quiet day forgets them.
 *
 * <p>Unknown emails are counted and locked alike, so a 429 does not tell that an account exists.
 * The first lock of a burst notifies the account's owner ({@code login_throttled}); further locks
 * notify again only after a day.
 */
@Singleton
public class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** Counters quiet this long are forgotten (the backoff starts over). */
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    private static final Duration NOTIFY_AGAIN_AFTER = Duration.ofDays(1);
    private final LoginThrottleSettings settings;
    private final LoginThrottleRepository throttles;
    private final Notifications notifications;
    private final TransactionOperations<Connection> transactions;

    public LoginThrottle(
            LoginThrottleSettings settings,
            LoginThrottleRepository throttles,
            Notifications notifications,
            TransactionOperations<Connection> transactions) {
        this.settings = settings;
        this.throttles = throttles;
        this.notifications = notifications;
        this.transactions = transactions;
    }

    /** The key of an email: a hash of its lower-cased form (the table holds no addresses). */
    static String key(String email) {
        return Hashes.sha256Hex("login:" + email.trim().toLowerCase(Locale.ROOT));
    }

    /** Refuses the attempt with 429 while the email is locked. */
    public void check(String email) {
        if (!settings.on()) {
            return;
        }
        Instant now = Now.instant();
        throttles.lockedUntil(key(email), now).ifPresent(until -> {
            throw locked(until, now);
        });
    }

    /**
     * Counts a failed attempt; locks the email when it reaches the limit, and then notifies the
     * owner ({@code userId}, null for an unknown email) once per burst.
     */
    public void failed(String email, UUID userId) {
        if (!settings.on()) {
            return;
        }
        String key = key(email);
        transactions.executeWrite(status -> {
            Instant now = Now.instant();
            LoginThrottleRepository.Row row = throttles.lock(key, now);
            if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
                // Checked before the lock was set: counted by the lock already.
                throttles.save(
                        key,
                        new LoginThrottleRepository.Row(
                                row.failures(),
                                row.windowStartedAt(),
                                row.lockouts(),
                                row.lockedUntil(),
                                now,
                                row.notifiedAt()));
                return null;
            }
            boolean forgotten = row.lastFailureAt().isBefore(now.minus(FORGET_AFTER));
            int lockouts = forgotten ? 0 : row.lockouts();
            boolean windowOver = forgotten || row.windowStartedAt().isBefore(now.minus(settings.window()));
            int failures = (windowOver ? 0 : row.failures()) + 1;
            Instant windowStarted = windowOver ? now : row.windowStartedAt();
            Instant lockedUntil = row.lockedUntil();
            Instant notifiedAt = row.notifiedAt();
            if (failures >= settings.maxFailures()) {
                lockouts++;
                Duration lock = settings.lockFor(lockouts);
                lockedUntil = now.plus(lock);
                LOG.warn(
                        "Login locked for {}s after {} failed attempts on one account (lock {} of this burst)",
                        lock.toSeconds(),
                        failures,
                        lockouts);
                if (userId != null && (notifiedAt == null || notifiedAt.isBefore(now.minus(NOTIFY_AGAIN_AFTER)))) {
                    notify(userId, failures, lockedUntil, lock);
                    notifiedAt = now;
                }
                failures = 0;
                windowStarted = now;
            }
            throttles.save(
                    key,
                    new LoginThrottleRepository.Row(failures, windowStarted, lockouts, lockedUntil, now, notifiedAt));
            return null;
        });
    }

    /** A successful login clears the email's counters (the owner is back). */
    public void succeeded(String email) {
        if (settings.on()) {
            throttles.delete(key(email));
        }
    }

    /** Forgets counters quiet for a day (from the purge job). */
    int purge() {
        Instant now = Now.instant();
        return throttles.deleteQuietSince(now.minus(FORGET_AFTER), now);
    }

    private void notify(UUID userId, int failures, Instant lockedUntil, Duration lock) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("failed_attempts", failures);
        data.put("locked_until", lockedUntil.toString());
        data.put("lock_seconds", lock.toSeconds());
        notifications.create(
                userId,
                null,
                null,
                NotificationKind.LOGIN_THROTTLED,
                "Password sign-in to your account was paused after " + failures + " failed attempts",
                "Someone entered wrong passwords for your email. Sign-in with a password is refused until "
                        + lockedUntil + " (longer if the attempts go on); your sessions and API keys keep working. "
                        + "If this was not you, consider a stronger password.",
                data);
    }

    private ApiException locked(Instant until, Instant now) {
        long retryAfter = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bucket", "login");
        details.put("limit", settings.maxFailures());
        details.put("retry_after_seconds", retryAfter);
        return new ApiException(
                ErrorCode.RATE_LIMITED,
                "Too many failed sign-ins for this account: " + "password sign-in is paused; retry after " + retryAfter
                        + " seconds",
                details,
                Map.of("Retry-After", Long.toString(retryAfter)));
    }
}
