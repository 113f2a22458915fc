package dev.memax.server.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * @param secretKey       MEMAX_SECRET_KEY: base64 of 32 bytes; encrypts the JWT signing keys at rest
 * @param issuer          the {@code iss} of access tokens
 * @param signupMode      open, invite or closed
 * @param adminEmail      email of the admin created on first start
 * @param apiKeyFile      where the first-start admin key is written (mode 0600)
 */
@ConfigurationProperties("memax.auth")
public record AuthSettings(String secretKey, String issuer, Duration accessTokenTtl, Duration refreshTokenTtl,
                           String signupMode, String adminEmail, String apiKeyFile) {
    public static final String AUDIENCE = "memax-api";
}
