package dev.memax.sdk.models;

import java.time.Instant;

/**
 * A login session's token pair. Use {@link #accessToken()} as the bearer credential
 * (e.g. {@code MemaxClient.builder().apiKey(tokens.accessToken())} or a
 * {@code tokenSupplier}); trade {@link #refreshToken()} for a new pair with
 * {@code client.auth().refresh(..)} before {@link #expiresAt()}. A refresh token is single use.
 *
 * @param accessToken      the access token (an ES256 JWT, valid one hour)
 * @param tokenType        always {@code Bearer}
 * @param expiresIn        seconds until the access token expires
 * @param expiresAt        when the access token expires
 * @param refreshToken     the refresh token ({@code mxr_…}, valid 30 days, single use)
 * @param refreshExpiresAt when the refresh token expires
 */
public record Tokens(
        String accessToken,
        String tokenType,
        long expiresIn,
        Instant expiresAt,
        String refreshToken,
        Instant refreshExpiresAt) {
    @Override
    public String toString() {
        return "Tokens[tokenType=" + tokenType + ", expiresAt=" + expiresAt + ", refreshExpiresAt=" + refreshExpiresAt
                + "]";
    }
}
