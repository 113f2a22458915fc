package dev.memax.server.oauth;

/**
 * A Client ID Metadata Document could not be used: the URL, the address it resolves to, the
 * fetch or the document itself. The caller answers OAuth {@code invalid_client} with
 * {@link #getMessage()} as {@code error_description}; {@link #reason()} is stable for code and logs.
 */
public final class ClientMetadataException extends RuntimeException {

    public enum Reason {
        /** The client id is not an {@code https://} URL. */
        NOT_HTTPS,
        /** Not a usable URL: no path, a fragment, user info, dot segments, unparseable, too long. */
        BAD_URL,
        /** The host is, or resolves to, a loopback/private/link-local/other non-public address. */
        PRIVATE_ADDRESS,
        /** The host does not resolve, or no connection (or TLS handshake) could be made. */
        UNREACHABLE,
        /** The whole fetch took longer than the configured timeout. */
        TIMEOUT,
        /** Any answer but 200, redirects included (they are not followed). */
        HTTP_STATUS,
        /** The body (or its headers) is larger than allowed. */
        TOO_LARGE,
        /** The body is not one JSON object. */
        NOT_JSON,
        /** The document's {@code client_id} is not exactly the URL it was fetched from. */
        CLIENT_ID_MISMATCH,
        /** {@code client_id}, {@code client_name} or a non-empty {@code redirect_uris} is missing. */
        MISSING_FIELD,
        /** A field has the wrong type, or the document declares a shared secret (forbidden for these clients). */
        INVALID_FIELD
    }

    private final Reason reason;

    public ClientMetadataException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ClientMetadataException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
