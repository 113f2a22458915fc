package dev.memax.sdk.errors;

/**
 * No HTTP answer was received: the connection failed or was reset, or the connect or request
 * timeout expired. Thrown after the SDK's retries (if the call was retryable) are used up.
 * It is not an {@link ApiException}: there is no status, code or request id.
 */
public class ConnectionException extends MemaxException {
    private static final long serialVersionUID = 1L;
    private final int attempts;

    public ConnectionException(String message, Throwable cause, int attempts) {
        super(message, cause);
        this.attempts = attempts;
    }

    /** How many times the request was sent before giving up (1 when it was not retried). */
    public int attempts() {
        return attempts;
    }
}
