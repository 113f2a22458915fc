package dev.memax.server.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request was let through: the state of the (tightest) bucket it counted against, for the
 * {@code X-RateLimit-*} headers.
 *
 * @param resetEpochSeconds when that bucket is full again, in unix seconds
 */
public record RateLimitDecision(String bucket, int limit, long remaining, long resetEpochSeconds) {
    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIMIT, Integer.toString(limit));
        headers.put(REMAINING, Long.toString(remaining));
        headers.put(RESET, Long.toString(resetEpochSeconds));
        return headers;
    }
}
