package dev.memax.server.identity;

import java.time.Instant;
import java.util.UUID;

/** A memory space: a user's personal hub or a shared team hub. */
public record Hub(
        UUID id,
        String name,
        String slug,
        HubType hubType,
        UUID ownerId,
        String description,
        Instant createdAt,
        Instant updatedAt) {}
