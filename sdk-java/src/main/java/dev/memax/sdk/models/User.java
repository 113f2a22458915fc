package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A Memax user ({@code GET /v1/auth/me}).
 *
 * @param id            the user's id
 * @param email         the login email
 * @param name          the display name (the email's local part unless one was given)
 * @param isAdmin       whether the user administers this Memax installation
 * @param plan          the plan's id, e.g. {@code "free"}
 * @param personalHubId the user's personal hub, created with the user
 * @param createdAt     when the user signed up
 * @param updatedAt     when the user was last changed
 */
public record User(
        UUID id,
        String email,
        String name,
        @JsonProperty("is_admin") boolean isAdmin,
        String plan,
        UUID personalHubId,
        Instant createdAt,
        Instant updatedAt) {}
