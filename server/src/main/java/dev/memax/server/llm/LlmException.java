package dev.memax.server.llm;

import java.time.Duration;

/** A completion that did not finish, and why. */
public class LlmException extends RuntimeException {
    public enum Reason {
        /** The provider's circuit breaker is open: no call was made. */
        UNAVAILABLE,
        /** No first token, or no further token, within the timeout. */
        TIMEOUT,
        /** The provider answered an error status (after the retries it allows). */
        UPSTREAM,
        /** The stream could not be parsed. */
        MALFORMED,
        /** {@link LlmCancellation#cancel()} was called. */
        CANCELLED
    }

    private final Reason reason;
    private final Duration retryAfter;
    private final int upstreamStatus;

    /**
     * @param retryAfter     when trying again may help (the breaker's remaining open time, an
     *                       upstream {@code Retry-After}); null when unknown
     * @param upstreamStatus the provider's HTTP status, 0 when there was none
     */
    public LlmException(Reason reason, String message, Duration retryAfter, int upstreamStatus, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.upstreamStatus = upstreamStatus;
    }

    public Reason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }
}
