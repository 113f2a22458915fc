package dev.memax.server.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code memax.login-throttle.*} (README, "Security"): failed password logins per account.
 *
 * @param enabled     MEMAX_LOGIN_THROTTLE_ENABLED (default true)
 * @param maxFailures MEMAX_LOGIN_MAX_FAILURES: failures within {@code window} that lock the email (default 10)
 * @param window      MEMAX_LOGIN_FAILURE_WINDOW: how long failures are counted together (default 15m)
 * @param backoff     MEMAX_LOGIN_BACKOFF: the first lock's length; each further lock of a burst doubles it (default 1m)
 * @param maxBackoff  MEMAX_LOGIN_MAX_BACKOFF: the longest lock (default 1h)
 */
@ConfigurationProperties("memax.login-throttle")
public record LoginThrottleSettings(
        Boolean enabled, int maxFailures, Duration window, Duration backoff, Duration maxBackoff) {

    public LoginThrottleSettings {
        if (maxFailures <= 0) {
            throw new IllegalStateException("MEMAX_LOGIN_MAX_FAILURES must be positive");
        }
        if (window == null
                || backoff == null
                || maxBackoff == null
                || window.isNegative()
                || window.isZero()
                || backoff.isNegative()
                || backoff.isZero()
                || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalStateException("MEMAX_LOGIN_FAILURE_WINDOW and MEMAX_LOGIN_BACKOFF must be positive, "
                    + "MEMAX_LOGIN_MAX_BACKOFF at least MEMAX_LOGIN_BACKOFF");
        }
    }

    public boolean on() {
        return enabled == null || enabled;
    }

    /** The length of the {@code n}th lock of a burst (n from 1): backoff, doubled each time, at most maxBackoff. */
    public Duration lockFor(int n) {
        Duration lock = backoff;
        for (int i = 1; i < n && lock.compareTo(maxBackoff) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(maxBackoff) > 0 ? maxBackoff : lock;
    }
}
