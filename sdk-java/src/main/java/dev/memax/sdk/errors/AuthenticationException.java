package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.util.Map;

/** {@code unauthorized} (401): credentials are missing, invalid, expired or revoked. The {@code WWW-Authenticate} challenge is in {@link #header(String)}. */
public class AuthenticationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers) {
        super(status, code, message, details, requestId, headers);
    }
}
