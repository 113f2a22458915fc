package dev.memax.server.agent;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent connected to the user's account, as the Memax SDK's {@code ConnectedAgentWithStats}:
 * derived from the agent names of the user's API keys and the {@code source_agent} of the
 * memories the user wrote, both read through {@link AgentSlugs}.
 *
 * @param id             stable for the user and slug
 * @param agentName      the slug, which names the agent in {@code /v1/agents/{slug}}
 * @param displayName    as the user set it, else the agent's name as its newest key (or memory) gives it
 * @param icon           as the user set it; empty when not set
 * @param status         {@code active} with a usable key, else {@code inactive}
 * @param configCount    0: synced configs are not built yet
 * @param needsReconnect it has keys, and all of them have expired
 * @param lastActiveAt   its last key use or memory, null when neither happened
 */
public record ConnectedAgent(
        UUID id,
        UUID ownerId,
        String agentName,
        String displayName,
        String icon,
        String status,
        Instant createdAt,
        Instant updatedAt,
        long keyCount,
        long configCount,
        long memoryCount,
        boolean needsReconnect,
        Instant lastActiveAt) {
    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
}
