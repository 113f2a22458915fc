package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending offer to hand a hub's ownership to another member.
 *
 * @param hubId      the hub
 * @param fromUserId the owner who offered it
 * @param toUserId   the member who may accept it
 * @param createdAt  when it was offered
 */
public record Transfer(UUID hubId, UUID fromUserId, UUID toUserId, Instant createdAt) {
}
