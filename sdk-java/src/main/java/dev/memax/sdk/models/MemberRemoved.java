package dev.memax.sdk.models;

import java.util.UUID;

/**
 * The answer of removing a member.
 *
 * @param userId  the removed user
 * @param removed {@code true}
 */
public record MemberRemoved(UUID userId, boolean removed) {}
