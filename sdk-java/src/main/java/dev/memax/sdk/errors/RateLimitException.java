package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;

/** {@code rate_limited} (429): the rate-limit bucket is empty. The SDK already waited and retried when {@code Retry-After} allowed it; {@link #retryAfter()} says how long to wait now. */
public class RateLimitException extends ApiException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public RateLimitException(int status, String code, String message, Map<String, Object> details, String requestId,
            HttpHeaders headers, Duration retryAfter) {
        super(status, code, message, details, requestId, headers);
        this.retryAfter = retryAfter;
    }

    /** The {@code Retry-After} header as a duration, or null when the response had none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
