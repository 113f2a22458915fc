package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.util.Map;

/** {@code forbidden} (403): authenticated, but not allowed (role, scope, hub restriction, signup mode). */
public class PermissionDeniedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers) {
        super(status, code, message, details, requestId, headers);
    }
}
