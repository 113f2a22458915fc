package dev.memax.server.hub;

import dev.memax.server.identity.HubRole;
import java.time.Instant;
import java.util.UUID;

/** An invitation to join a team hub with a role; only the SHA-256 of its token is stored. */
public record Invite(
        UUID id,
        UUID hubId,
        String email,
        HubRole role,
        UUID createdBy,
        Instant expiresAt,
        Instant revokedAt,
        UUID acceptedBy,
        Instant acceptedAt,
        Instant createdAt,
        Instant updatedAt) {

    public enum Status {
        PENDING,
        ACCEPTED,
        REVOKED,
        EXPIRED;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** Accepted and revoked are final; a pending invite past its expiry is expired. */
    public Status status(Instant now) {
        if (acceptedAt != null) {
            return Status.ACCEPTED;
        }
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return expiresAt.isAfter(now) ? Status.PENDING : Status.EXPIRED;
    }
}
