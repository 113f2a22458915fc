package dev.memax.server.hub;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An offer of a hub's ownership to one of its members, pending until {@link #expiresAt()}. The
 * JSON carries this server's names ({@code from_user_id}, {@code to_user_id}) and the Memax SDK's
 * ({@code initiated_by}, {@code target_user_id}, {@code expires_at}, {@code accepted_at},
 * {@code cancelled_at}: {@code HubOwnershipTransfer}).
 *
 * @param acceptedAt  when it was accepted (only in the answer to the accept)
 * @param cancelledAt always null: a cancel answers {@code {status, transfer_id}}, not the offer (the SDK's field)
 */
public record Transfer(
        UUID id,
        UUID hubId,
        UUID fromUserId,
        UUID toUserId,
        Instant createdAt,
        Instant acceptedAt,
        Instant cancelledAt) {
    /** How long an offer stays open. */
    static final Duration TTL = Duration.ofDays(7);

    static Transfer offered(UUID id, UUID hubId, UUID fromUserId, UUID toUserId, Instant createdAt) {
        return new Transfer(id, hubId, fromUserId, toUserId, createdAt, null, null);
    }

    @JsonProperty("initiated_by")
    public UUID initiatedBy() {
        return fromUserId;
    }

    @JsonProperty("target_user_id")
    public UUID targetUserId() {
        return toUserId;
    }

    @JsonProperty("expires_at")
    public Instant expiresAt() {
        return createdAt.plus(TTL);
    }

    boolean expired(Instant now) {
        return !expiresAt().isAfter(now);
    }

    Transfer accepted(Instant at) {
        return new Transfer(id, hubId, fromUserId, toUserId, createdAt, at, null);
    }
}
