package dev.memax.server.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error a client caused (or a dependency failure it should hear about), rendered as the
 * error envelope by {@link ErrorEnvelopeProcessor}. Services throw it; controllers never build
 * error responses themselves.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of(), Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, ?> details) {
        this(code, message, details, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, ?> details, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        // A null detail is meaningful (e.g. quota_exceeded's resets_at of a limit that never resets).
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorCode.BAD_REQUEST, message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }

    /** A single invalid field; details follow the {@code {fields: {name: reason}}} shape. */
    public static ApiException invalidField(String field, String reason) {
        return invalidFields(Map.of(field, reason));
    }

    public static ApiException invalidFields(Map<String, String> fieldReasons) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fields", new LinkedHashMap<>(fieldReasons));
        return new ApiException(ErrorCode.VALIDATION_FAILED, "Request validation failed", details);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds, Map<String, ?> details) {
        return new ApiException(
                ErrorCode.SERVICE_UNAVAILABLE,
                message,
                details,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
}
