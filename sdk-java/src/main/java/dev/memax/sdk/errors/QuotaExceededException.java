package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.util.Map;

/** {@code quota_exceeded} (402): the plan's monthly quota is used up. */
public class QuotaExceededException extends ApiException {
    private static final long serialVersionUID = 1L;

    public QuotaExceededException(int status, String code, String message, Map<String, Object> details, String requestId,
            HttpHeaders headers) {
        super(status, code, message, details, requestId, headers);
    }
}
