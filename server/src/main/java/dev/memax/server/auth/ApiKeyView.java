package dev.memax.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The ApiKey object on the wire: never the key, its hash or the owner's id. Beside our fields,
 * Memax's names for the same facts ({@code scope}, {@code hub_id}, {@code hub_scope_mode},
 * {@code last_used}), which its SDK reads (docs/architecture.md §5.12).
 */
public record ApiKeyView(
        UUID id,
        String name,
        String prefix,
        List<String> scopes,
        List<UUID> hubIds,
        String agentName,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Memax's single-string form of {@code scopes}: space-separated, as in OAuth. */
    @JsonProperty("scope")
    public String scope() {
        return scope(scopes);
    }

    /** Memax's single hub of a key restricted to exactly one hub; null otherwise. */
    @JsonProperty("hub_id")
    public UUID hubId() {
        return singleHub(hubIds);
    }

    @JsonProperty("hub_scope_mode")
    public String hubScopeMode() {
        return hubScopeMode(hubIds);
    }

    @JsonProperty("last_used")
    public Instant lastUsed() {
        return lastUsedAt;
    }

    static String scope(List<String> scopes) {
        return String.join(" ", scopes);
    }

    static UUID singleHub(List<UUID> hubIds) {
        return hubIds != null && hubIds.size() == 1 ? hubIds.get(0) : null;
    }

    static String hubScopeMode(List<UUID> hubIds) {
        return hubIds == null || hubIds.isEmpty() ? "all_accessible" : "hub_allowlist";
    }

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(
                key.id(),
                key.name(),
                key.prefix(),
                key.scopes(),
                key.hubIds(),
                key.agentName(),
                key.expiresAt(),
                key.lastUsedAt(),
                key.createdAt(),
                key.updatedAt());
    }

    /** The answer to a create: the same fields plus {@code key}, the only time the plaintext is shown. */
    public record WithKey(
            UUID id,
            String name,
            String key,
            String prefix,
            List<String> scopes,
            List<UUID> hubIds,
            String agentName,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant createdAt,
            Instant updatedAt) {

        @JsonProperty("scope")
        public String scope() {
            return ApiKeyView.scope(scopes);
        }

        @JsonProperty("hub_id")
        public UUID hubId() {
            return singleHub(hubIds);
        }

        @JsonProperty("hub_scope_mode")
        public String hubScopeMode() {
            return ApiKeyView.hubScopeMode(hubIds);
        }

        public static WithKey of(ApiKeyService.Created created) {
            ApiKey k = created.key();
            return new WithKey(
                    k.id(),
                    k.name(),
                    created.plaintext(),
                    k.prefix(),
                    k.scopes(),
                    k.hubIds(),
                    k.agentName(),
                    k.expiresAt(),
                    k.lastUsedAt(),
                    k.createdAt(),
                    k.updatedAt());
        }

        @Override
        public String toString() {
            return "ApiKey[id=" + id + ", prefix=" + prefix + "]";
        }
    }
}
