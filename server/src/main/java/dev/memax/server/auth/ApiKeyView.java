package dev.memax.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The ApiKey object on the wire: never the key, its hash or the owner's id. */
public record ApiKeyView(UUID id, String name, String prefix, List<String> scopes, List<UUID> hubIds, String agentName,
                         Instant expiresAt, Instant lastUsedAt, Instant createdAt, Instant updatedAt) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), key.prefix(), key.scopes(), key.hubIds(), key.agentName(),
                key.expiresAt(), key.lastUsedAt(), key.createdAt(), key.updatedAt());
    }

    /** The answer to a create: the same fields plus {@code key}, the only time the plaintext is shown. */
    public record WithKey(UUID id, String name, String key, String prefix, List<String> scopes, List<UUID> hubIds,
                          String agentName, Instant expiresAt, Instant lastUsedAt, Instant createdAt, Instant updatedAt) {

        public static WithKey of(ApiKeyService.Created created) {
            ApiKey k = created.key();
            return new WithKey(k.id(), k.name(), created.plaintext(), k.prefix(), k.scopes(), k.hubIds(), k.agentName(),
                    k.expiresAt(), k.lastUsedAt(), k.createdAt(), k.updatedAt());
        }

        @Override
        public String toString() {
            return "ApiKey[id=" + id + ", prefix=" + prefix + "]";
        }
    }
}
