package dev.memax.server.auth;

import java.time.Instant;

/**
 * A token pair on the wire: the access token (ES256 JWT) with its lifetime, and the single-use
 * refresh token that obtains the next pair.
 */
public record Tokens(
        String accessToken,
        String tokenType,
        long expiresIn,
        Instant expiresAt,
        String refreshToken,
        Instant refreshExpiresAt) {

    /** {@code toString} of a record would print the secrets: never let it. */
    @Override
    public String toString() {
        return "Tokens[expiresAt=" + expiresAt + ", refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
