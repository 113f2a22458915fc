package dev.memax.server.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A memory space: a user's personal hub or a shared team hub. {@code timeZone} is an IANA zone id
 * (default {@value #DEFAULT_TIME_ZONE}): the nightly dream runs at the nightly hour of its local day.
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
        Instant updatedAt) {
    public static final String DEFAULT_TIME_ZONE = "UTC";
}
