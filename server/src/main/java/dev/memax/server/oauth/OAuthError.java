package dev.memax.server.oauth;

import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error of an OAuth route ({@code /oauth/*}), rendered in OAuth's own wire format
 * ({@code {"error", "error_description"}}, RFC 6749 §5.2, RFC 7591 §3.2.2), never the API envelope:
 * OAuth clients read {@code error}. {@code error} is one of the registered codes.
 */
public class OAuthError extends RuntimeException {
    /** The routes whose every error takes this format (the framework's too, see ErrorEnvelopeProcessor). */
    public static final String PATH_PREFIX = "/oauth/";

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

    /**
     * An error the framework or the API raised on an OAuth route (unknown route, wrong method,
     * oversized body, rate limit, …), as OAuth's body: {@code temporarily_unavailable} for 429 and
     * 503, {@code server_error} for any other 5xx, {@code invalid_request} otherwise.
     */
    public static Map<String, String> body(int status, String description) {
        return wire(
                status == 429 || status == 503
                        ? "temporarily_unavailable"
                        : status >= 500 ? "server_error" : "invalid_request",
                description);
    }

    /** This error as OAuth's body. */
    public Map<String, String> body() {
        return wire(error, getMessage());
    }

    private static Map<String, String> wire(String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    public String error() {
        return error;
    }

    public HttpStatus status() {
        return status;
    }
}
