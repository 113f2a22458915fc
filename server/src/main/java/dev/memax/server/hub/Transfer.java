package dev.memax.server.hub;

import java.time.Instant;
import java.util.UUID;

/** A pending offer of a hub's ownership to one of its members. */
public record Transfer(UUID hubId, UUID fromUserId, UUID toUserId, Instant createdAt) {
}
