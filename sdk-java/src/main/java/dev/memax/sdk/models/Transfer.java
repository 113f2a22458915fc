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
 * @param id         the offer's id (since 0.2: accept and cancel it by id with {@code acceptOffer}/{@code cancelOffer})
 * @param expiresAt  when the offer lapses
 * @param acceptedAt set in the answer to {@code acceptOffer}
 */
public record Transfer(
        UUID hubId, UUID fromUserId, UUID toUserId, Instant createdAt, UUID id, Instant expiresAt, Instant acceptedAt) {
    /** The 0.1 form. */
    public Transfer(UUID hubId, UUID fromUserId, UUID toUserId, Instant createdAt) {
        this(hubId, fromUserId, toUserId, createdAt, null, null, null);
    }
}
