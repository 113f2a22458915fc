package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.util.Map;

/**
 * 409: {@code conflict} (a state conflict or duplicate: a taken slug, an existing member, the
 * last owner, an {@code Idempotency-Key} reused with another body) or {@code not_ready} (the
 * resource is still processing; see {@link #isNotReady()}).
 */
public class ConflictException extends ApiException {
    private static final long serialVersionUID = 1L;

    public ConflictException(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers) {
        super(status, code, message, details, requestId, headers);
    }

    /** Whether the code is {@code not_ready}: the resource is still processing, retry later. */
    public boolean isNotReady() {
        return "not_ready".equals(code());
    }
}
