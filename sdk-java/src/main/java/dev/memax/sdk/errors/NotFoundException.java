package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.util.Map;

/** {@code not_found} (404): no such resource, or one the caller may not see (the API never reveals which). */
public class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers) {
        super(status, code, message, details, requestId, headers);
    }
}
