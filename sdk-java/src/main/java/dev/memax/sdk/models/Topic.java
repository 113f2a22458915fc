package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * A topic of a hub ({@code /v1/topics}).
 *
 * @param ownerId      who created it: changing another member's topic takes admin
 * @param parentId     the parent topic; null at the root
 * @param position     the order among siblings (ascending)
 * @param userModified a person renamed or moved it, so dreams leave its name and place alone
 * @param archivedAt   when it was archived; null while active
 */
public record Topic(
        UUID id,
        UUID ownerId,
        UUID hubId,
        UUID parentId,
        String name,
        String description,
        String icon,
        int position,
        boolean pinned,
        boolean userModified,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt) {}
