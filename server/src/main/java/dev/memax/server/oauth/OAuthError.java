package dev.memax.server.oauth;

import io.micronaut.http.HttpStatus;

/**
 * An error of an OAuth route ({@code /oauth/*}), rendered in OAuth's own wire format
 * ({@code {"error", "error_description"}}, RFC 6749 §5.2, RFC 7591 §3.2.2), never the API envelope:
 * OAuth clients read {@code error}. {@code error} is one of the registered codes.
 */
public class OAuthError extends RuntimeException {
    private final String error;
    private final HttpStatus status;

    public OAuthError(HttpStatus status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    public static OAuthError invalidClient(String description) {
        return new OAuthError(HttpStatus.UNAUTHORIZED, "invalid_client", description);
    }

    /** RFC 7591: a redirect URI the registration rules refuse. */
    public static OAuthError invalidRedirectUri(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_redirect_uri", description);
    }

    /** RFC 7591: any other client metadata that is missing or not acceptable. */
    public static OAuthError invalidClientMetadata(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_client_metadata", description);
    }

    public String error() {
        return error;
    }

    public HttpStatus status() {
        return status;
    }
}
