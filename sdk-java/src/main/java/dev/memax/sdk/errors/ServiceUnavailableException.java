package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;

/** {@code service_unavailable} (503): a dependency of the server is down. The SDK already retried; {@link #retryAfter()} says how long to wait now. */
public class ServiceUnavailableException extends ApiException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public ServiceUnavailableException(
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
}
