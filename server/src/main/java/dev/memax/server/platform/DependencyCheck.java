package dev.memax.server.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The state of one dependency: {@code up}, {@code down} (with the error), {@code degraded}
 * (partly failing, worked around: does not make the server unready) or {@code not_configured}.
 * {@code mode}, when present, says how the server works around it (e.g. the rate limiter's
 * {@code redis}, {@code local}, {@code closed}, {@code off}); {@code details}, the state of its
 * parts (e.g. each LLM provider's breaker).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DependencyCheck(String status, Long latencyMs, String error, String mode, Map<String, String> details) {
    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String DEGRADED = "degraded";
    public static final String NOT_CONFIGURED = "not_configured";

    public DependencyCheck(String status, Long latencyMs, String error) {
        this(status, latencyMs, error, null, null);
    }

    public DependencyCheck(String status, Long latencyMs, String error, String mode) {
        this(status, latencyMs, error, mode, null);
    }

    public static DependencyCheck up(long latencyMs) {
        return new DependencyCheck(UP, latencyMs, null);
    }

    public static DependencyCheck down(long latencyMs, Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new DependencyCheck(DOWN, latencyMs, message.length() > 200 ? message.substring(0, 200) : message);
    }

    public static DependencyCheck notConfigured() {
        return new DependencyCheck(NOT_CONFIGURED, null, null);
    }

    /** The status alone, without the error, latency, mode or details (for anonymous callers). */
    public DependencyCheck statusOnly() {
        return new DependencyCheck(status, null, null, null, null);
    }

    public DependencyCheck withMode(String mode) {
        return new DependencyCheck(status, latencyMs, error, mode, details);
    }
}
