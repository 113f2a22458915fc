package dev.memax.server.auth;

import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Ids;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** API keys: {@code mxk_} + 64 hex (32 random bytes), shown once, stored as SHA-256 + prefix. */
@Singleton
public class ApiKeyService {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int MAX_NAME = 100;
    public static final int MAX_EXPIRY_DAYS = 3650;
    private final ApiKeyRepository repository;

    public ApiKeyService(ApiKeyRepository repository) {
        this.repository = repository;
    }

    /** A new key and its plaintext, which exists only in this value. */
    public record Created(ApiKey key, String plaintext) {
    }

    /**
     * Creates a key for a user. Hub ids must already be checked by the caller's service
     * against {@link dev.memax.server.access.AccessPolicy}.
     *
     * @param hubIds null for a key that may reach every hub of the user
     */
    public Created create(UUID userId, String name, Set<Scope> scopes, List<UUID> hubIds, String agentName,
                          Integer expiresInDays) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.invalidField("name", "must be 1-" + MAX_NAME + " characters");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_EXPIRY_DAYS)) {
            throw ApiException.invalidField("expires_in_days", "must be between 1 and " + MAX_EXPIRY_DAYS);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String plaintext = Authenticator.API_KEY_PREFIX + HexFormat.of().formatHex(secret);
        Instant now = Instant.now();
        ApiKey key = new ApiKey(Ids.newId(), userId, name.trim(), plaintext.substring(0, 8),
                scopes.stream().map(Scope::toString).sorted().toList(), hubIds == null ? null : List.copyOf(hubIds),
                agentName, expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)), null, now, now);
        repository.insert(key, Hashes.sha256Hex(plaintext));
        return new Created(key, plaintext);
    }
}
