package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * A member of a hub.
 *
 * @param userId   the member
 * @param email    their email
 * @param name     their display name, or null
 * @param role     their role in the hub
 * @param joinedAt when they joined
 */
public record Member(UUID userId, String email, String name, HubRole role, Instant joinedAt) {}
