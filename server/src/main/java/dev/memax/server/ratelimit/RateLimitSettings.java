package dev.memax.server.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Locale;

/**
 * {@code memax.rate-limits.*} (README, "Rate limits").
 *
 * @param enabled             MEMAX_RATE_LIMITS_ENABLED (default true)
 * @param redisFailure        MEMAX_RATE_LIMITS_REDIS_FAILURE: {@code open} (count in this instance's own
 *                            buckets while Redis fails, the default) or {@code closed} (answer 503)
 * @param anonymousHeavy      per-minute caps of the per-IP buckets of unauthenticated requests (likewise regular, light)
 * @param clientAddressHeader a header set by the trusted proxy in front (e.g. X-Forwarded-For, whose last
 *                            entry is taken); empty: the connection's address
 * @param keyPrefix           prefix of the bucket keys in Redis
 */
@ConfigurationProperties("memax.rate-limits")
public record RateLimitSettings(
        Boolean enabled,
        String redisFailure,
        int anonymousHeavy,
        int anonymousRegular,
        int anonymousLight,
        String clientAddressHeader,
        String keyPrefix) {

    public RateLimitSettings {
        // A typo must not silently turn a fail-closed deployment into a fail-open one.
        failClosed(redisFailure);
        if (anonymousHeavy <= 0 || anonymousRegular <= 0 || anonymousLight <= 0) {
            throw new IllegalStateException("MEMAX_RATE_LIMITS_ANONYMOUS_* must be positive");
        }
    }

    public boolean on() {
        return enabled == null || enabled;
    }

    /** True when a Redis failure rejects requests (503) instead of counting locally. */
    public boolean closedOnRedisFailure() {
        return failClosed(redisFailure);
    }

    public String prefix() {
        return keyPrefix == null || keyPrefix.isBlank() ? "memax:ratelimit:" : keyPrefix;
    }

    private static boolean failClosed(String value) {
        String mode = value == null || value.isBlank() ? "open" : value.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "open" -> false;
            case "closed" -> true;
            default ->
                throw new IllegalStateException(
                        "MEMAX_RATE_LIMITS_REDIS_FAILURE must be open or closed, not '" + value + "'");
        };
    }
}
