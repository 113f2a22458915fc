package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.util.Map;

/** {@code internal} (500): a server bug. The message is generic; quote {@link #requestId()} when reporting it. Retried by the SDK before it is thrown. */
public class InternalServerException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InternalServerException(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers) {
        super(status, code, message, details, requestId, headers);
    }
}
