package dev.memax.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored API key (never the key itself: only its SHA-256 and first 8 characters). */
public record ApiKey(
        UUID id,
        UUID userId,
        String name,
        String prefix,
        List<String> scopes,
        List<UUID> hubIds,
        String agentName,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant createdAt,
        Instant updatedAt) {}
