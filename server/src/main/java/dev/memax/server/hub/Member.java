package dev.memax.server.hub;

import java.time.Instant;
import java.util.UUID;

/** A hub member as the API shows it. */
public record Member(UUID userId, String email, String name, HubRole role, Instant joinedAt) {
}
