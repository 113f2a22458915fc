package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;

/**
 * {@code quota_exceeded} (402): a plan limit is used up: a monthly quota ({@link #resetsAt()} says
 * when it resets) or the memory or storage limit (no reset: delete memories or change plan).
 */
public class QuotaExceededException extends ApiException {
    private static final long serialVersionUID = 1L;

    public QuotaExceededException(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers) {
        super(status, code, message, details, requestId, headers);
    }

    /** {@code pushes}, {@code recalls}, {@code asks}, {@code memories} or {@code storage_bytes}; null if not sent. */
    public String metric() {
        Object value = details().get("metric");
        return value == null ? null : value.toString();
    }

    /** The limit, or null if not sent. */
    public Long limit() {
        return number("limit");
    }

    /** What was used when the request was refused, or null if not sent. */
    public Long used() {
        return number("used");
    }

    /** When a monthly quota resets; null for limits that do not reset. */
    public Instant resetsAt() {
        Object value = details().get("resets_at");
        return value == null ? null : Instant.parse(value.toString());
    }

    private Long number(String key) {
        return details().get(key) instanceof Number n ? n.longValue() : null;
    }
}
