package dev.memax.server.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * @param secretKey       MEMAX_SECRET_KEY: base64 of 32 bytes; encrypts the JWT signing keys at rest
 * @param issuer          the {@code iss} of access tokens
 * @param signupMode      open, invite or closed
 * @param adminEmail      email of the admin created on first start
 * @param apiKeyFile      where the first-start admin key is written (mode 0600); {@code ~} is the home directory
 * @param bootstrapAdmin  whether the first start on an empty database creates that admin (default true)
 */
@ConfigurationProperties("memax.auth")
public record AuthSettings(
        String secretKey,
        String issuer,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        String signupMode,
        String adminEmail,
        String apiKeyFile,
        Boolean bootstrapAdmin) {
    public AuthSettings {
        // A typo here would silently lock signups or open them: refuse to start instead.
        SignupMode.parse(signupMode);
    }

    /** Who may sign up (MEMAX_SIGNUP_MODE). */
    public enum SignupMode {
        OPEN,
        INVITE,
        CLOSED;

        static SignupMode parse(String value) {
            if (value == null || value.isBlank()) {
                return INVITE;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "MEMAX_SIGNUP_MODE must be open, invite or closed, not '" + value + "'");
            }
        }
    }

    public SignupMode signup() {
        return SignupMode.parse(signupMode);
    }

    public boolean bootstrapsAdmin() {
        return bootstrapAdmin == null || bootstrapAdmin;
    }

    /** The admin key file with a leading {@code ~} expanded to the user's home directory. */
    public Path apiKeyPath() {
        String file = apiKeyFile == null || apiKeyFile.isBlank() ? "~/.memax/api-key" : apiKeyFile.trim();
        if (file.equals("~") || file.startsWith("~/") || file.startsWith("~" + java.io.File.separator)) {
            return Path.of(System.getProperty("user.home"), file.substring(1).replaceFirst("^[/\\\\]", ""));
        }
        return Path.of(file);
    }
}
