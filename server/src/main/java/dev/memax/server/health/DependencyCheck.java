package dev.memax.server.health;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The state of one dependency: {@code up}, {@code down} (with the error) or {@code not_configured}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DependencyCheck(String status, Long latencyMs, String error) {
    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String NOT_CONFIGURED = "not_configured";

    static DependencyCheck up(long latencyMs) {
        return new DependencyCheck(UP, latencyMs, null);
    }

    static DependencyCheck down(long latencyMs, Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new DependencyCheck(DOWN, latencyMs, message.length() > 200 ? message.substring(0, 200) : message);
    }

    static DependencyCheck notConfigured() {
        return new DependencyCheck(NOT_CONFIGURED, null, null);
    }

    boolean isDown() {
        return DOWN.equals(status);
    }
}
