package dev.memax.server.platform;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Bearer secrets the service hands out (API keys, refresh tokens, invite tokens, OAuth codes and
 * client ids): a prefix that says what the secret is, then random bytes in lower-case hex. Only
 * their SHA-256 ({@link Hashes#sha256Hex}) is ever stored, where they are secrets.
 */
public final class SecretTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    /** {@code prefix} followed by {@code bytes} random bytes as hex. */
    public static String newToken(String prefix, int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return prefix + HexFormat.of().formatHex(secret);
    }
}
