package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code rate_limited} (429): the rate-limit bucket is empty. The SDK already waited and retried when {@code Retry-After}
 * allowed it; {@link #retryAfter()} says how long to wait now, and {@link #bucket()}, {@link #limit()},
 * {@link #remaining()} and {@link #reset()} describe the bucket that refused the request.
 */
public class RateLimitException extends ApiException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public RateLimitException(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers,
            Duration retryAfter) {
        super(status, code, message, details, requestId, headers);
        this.retryAfter = retryAfter;
    }

    /** The {@code Retry-After} header as a duration, or null when the response had none. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The bucket that is empty ({@code heavy}, {@code regular}, {@code light}, or a route's own, e.g. {@code ask}), or null. */
    public String bucket() {
        return details().get("bucket") instanceof String bucket ? bucket : null;
    }

    /** {@code X-RateLimit-Limit}: requests a minute the bucket allows. */
    public OptionalLong limit() {
        return longHeader("X-RateLimit-Limit");
    }

    /** {@code X-RateLimit-Remaining}: requests left (0 on a 429). */
    public OptionalLong remaining() {
        return longHeader("X-RateLimit-Remaining");
    }

    /** {@code X-RateLimit-Reset}: when the bucket is full again, or null when the response did not say. */
    public Instant reset() {
        OptionalLong seconds = longHeader("X-RateLimit-Reset");
        return seconds.isPresent() ? Instant.ofEpochSecond(seconds.getAsLong()) : null;
    }

    private OptionalLong longHeader(String name) {
        try {
            return header(name)
                    .map(String::trim)
                    .map(v -> OptionalLong.of(Long.parseLong(v)))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
