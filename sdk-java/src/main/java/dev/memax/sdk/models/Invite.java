package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * An invitation to join a hub. The secret {@link #token()} and its {@link #url()} are only in
 * the answers of create and regenerate.
 *
 * @param id         the invite's id
 * @param hubId      the hub it joins
 * @param email      the only email that may accept it, or null for anyone with the token
 * @param role       the role it grants
 * @param status     pending, accepted, revoked or expired
 * @param expiresAt  when it expires
 * @param createdAt  when it was created
 * @param createdBy  who created it
 * @param acceptedBy who accepted it, or null
 * @param acceptedAt when it was accepted, or null
 * @param token      the secret ({@code mxi_…}); only set on create and regenerate
 * @param url        the link to share; only set on create and regenerate
 */
public record Invite(
        UUID id,
        UUID hubId,
        String email,
        HubRole role,
        InviteStatus status,
        Instant expiresAt,
        Instant createdAt,
        UUID createdBy,
        UUID acceptedBy,
        Instant acceptedAt,
        String token,
        String url) {
    @Override
    public String toString() {
        return "Invite[id=" + id + ", hubId=" + hubId + ", email=" + email + ", role=" + role + ", status=" + status
                + ", expiresAt=" + expiresAt + ", createdAt=" + createdAt + ", createdBy=" + createdBy
                + ", acceptedBy=" + acceptedBy + ", acceptedAt=" + acceptedAt
                + (token == null ? "" : ", token=<secret>") + "]";
    }
}
