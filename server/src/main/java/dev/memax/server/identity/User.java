package dev.memax.server.identity;

import java.time.Instant;
import java.util.UUID;

/** An account. {@code passwordHash} is null for users who only use API keys. */
public record User(
        UUID id,
        String email,
        String name,
        String passwordHash,
        boolean admin,
        String plan,
        String settingsJson,
        Instant createdAt,
        Instant updatedAt) {}
