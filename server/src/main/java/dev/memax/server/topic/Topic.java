package dev.memax.server.topic;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A topic of a hub, as the Memax SDK's {@code Topic}.
 *
 * @param ownerId      who created it: changing another member's topic needs moderate rights
 * @param userModified a person renamed or moved it, so dreams leave its name and place alone
 * @param archivedAt   absent while the topic is active
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
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant archivedAt) {

    boolean archived() {
        return archivedAt != null;
    }
}
