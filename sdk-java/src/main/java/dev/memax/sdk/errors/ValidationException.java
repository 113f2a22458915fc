package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request was rejected as invalid: {@code validation_failed} (422, well-formed but invalid
 * values, unknown enum values included) or {@code bad_request} (400, malformed JSON, wrong JSON
 * types, a forged cursor, an invalid {@code Idempotency-Key}). {@link #fieldErrors()} names each
 * offending field.
 */
public class ValidationException extends ApiException {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> fieldErrors;

    public ValidationException(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers) {
        super(status, code, message, details, requestId, headers);
        Map<String, String> fields = new LinkedHashMap<>();
        if (details != null && details.get("fields") instanceof Map<?, ?> raw) {
            raw.forEach((k, v) -> fields.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        this.fieldErrors = Collections.unmodifiableMap(fields);
    }

    /**
     * {@code details.fields}: each invalid field (snake_case, dotted for nested fields) and
     * why, e.g. {@code {"name": "must be 1-100 characters"}}. Empty when the server named none.
     */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
