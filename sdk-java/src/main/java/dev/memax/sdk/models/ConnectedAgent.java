package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent connected to the account ({@code GET /v1/agents}), known from its API keys'
 * {@code agent_name} and its memories' {@code source_agent}.
 *
 * @param agentName      its slug, which names it in {@code /v1/agents/{slug}}
 * @param displayName    as set by the user, else the name its newest key (or memory) gives it
 * @param icon           as set by the user; empty when not set
 * @param status         {@code active} while it has a usable key, else {@code inactive}
 * @param configCount    0 for now (synced configs are not built yet)
 * @param needsReconnect it has keys and all of them have expired
 * @param lastActiveAt   its last key use or memory, or null
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
        Instant lastActiveAt) {}
