package dev.memax.server.hub;

import dev.memax.server.identity.HubRole;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the hub routes (unknown fields are ignored; violations are 422 per field). */
public final class HubRequests {
    private HubRequests() {}

    /** POST /v1/hubs. A missing slug is derived from the name; a missing time zone is UTC. */
    @Introspected
    public record CreateHub(
            @NotBlank @Size(max = 100) String name,
            String slug,
            @Size(max = 1000) String description,
            String timeZone) {}

    /** PATCH /v1/hubs/{id}: absent fields stay as they are. */
    @Introspected
    public record UpdateHub(
            @Size(min = 1, max = 100) String name,
            String slug,
            @Size(max = 1000) String description,
            String timeZone) {}

    /** POST /v1/hubs/{id}/members: an existing user, by email or id. */
    @Introspected
    public record AddMember(
            @Size(max = 254) String email,
            UUID userId,
            @NotNull HubRole role) {}

    /** PATCH /v1/hubs/{id}/members/{user_id}. */
    @Introspected
    public record ChangeRole(@NotNull HubRole role) {}

    /** POST /v1/hubs/{id}/transfer; {@code target_user_id} is the Memax SDK's name (ownership-transfer route). */
    @Introspected
    public record OfferTransfer(UUID userId, UUID targetUserId) {
        /** The member offered the hub, by either name. */
        UUID target() {
            return userId != null ? userId : targetUserId;
        }
    }

    /**
     * POST /v1/hubs/{id}/invites. {@code invitee} is the Memax SDK's form ({@code {email}} or
     * {@code {user_id}}); {@code email} wins when both are sent.
     */
    @Introspected
    public record CreateInvite(
            @Size(max = 254) String email,
            HubRole role,
            @Min(1) @Max(30) Integer expiresInDays,
            @Valid Invitee invitee) {}

    /** Whom an invite is addressed to, by email or by user id (an unknown id makes a link-only invite). */
    @Introspected
    public record Invitee(@Size(max = 254) String email, UUID userId) {}

    /** POST /v1/hubs/{id}/invites/{invite_id}/regenerate (the body is optional). */
    @Introspected
    public record RegenerateInvite(@Min(1) @Max(30) Integer expiresInDays) {}
}
