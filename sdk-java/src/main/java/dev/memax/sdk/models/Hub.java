package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * A hub: a memory space, either a user's personal hub or a shared team hub.
 *
 * @param id          the hub's id
 * @param name        its display name
 * @param slug        its unique slug (3-48 of {@code [a-z0-9-]})
 * @param hubType     {@code personal} or {@code team}
 * @param ownerId     the owning user
 * @param description its description, or null
 * @param timeZone    its IANA time zone id ({@code UTC} by default): its nightly dream runs at the
 *                    nightly hour of its local day
 * @param createdAt   when it was created
 * @param updatedAt   when it was last changed
 */
public record Hub(
        UUID id,
        String name,
        String slug,
        HubType hubType,
        UUID ownerId,
        String description,
        String timeZone,
        Instant createdAt,
        Instant updatedAt) {}
