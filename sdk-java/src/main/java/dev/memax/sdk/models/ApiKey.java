package dev.memax.sdk.models;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key. The secret itself ({@link #key()}) is only in the answer to its creation:
 * store it then, it cannot be read again.
 *
 * @param id         the key's id
 * @param name       its name
 * @param prefix     the first characters of the secret, to recognise it
 * @param scopes     what it may do: {@code memax:read}, {@code memax:write} (see {@link Scopes})
 * @param hubIds     the hubs it is restricted to, or null when it reaches all the user's hubs
 * @param agentName  the agent it is meant for, or null
 * @param expiresAt  when it stops working, or null when it never expires
 * @param lastUsedAt when it was last used, or null
 * @param createdAt  when it was created
 * @param updatedAt  when it was last changed
 * @param key        the secret ({@code mxk_…}); only set in the answer of {@code create}
 */
public record ApiKey(
        UUID id,
        String name,
        String prefix,
        List<String> scopes,
        List<UUID> hubIds,
        String agentName,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant createdAt,
        Instant updatedAt,
        String key) {
    public ApiKey {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        hubIds = hubIds == null ? null : List.copyOf(hubIds);
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", name=" + name + ", prefix=" + prefix + ", scopes=" + scopes + ", hubIds="
                + hubIds + ", agentName=" + agentName + ", expiresAt=" + expiresAt + ", lastUsedAt=" + lastUsedAt
                + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + (key == null ? "" : ", key=<secret>")
                + "]";
    }
}
