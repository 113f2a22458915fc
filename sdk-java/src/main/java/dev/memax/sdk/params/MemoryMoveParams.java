package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /v1/memories/batch-move}: up to 100 memories to another hub and/or topic.
 *
 * @param ids     the memories (1-100)
 * @param hubId   the destination hub, or null to stay
 * @param topicId the destination topic, or null (a move to another hub without one leaves the memories without a topic)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryMoveParams(List<UUID> ids, UUID hubId, UUID topicId) {
    public MemoryMoveParams {
        ids = ids == null ? null : List.copyOf(ids);
    }

    /** To another hub. */
    public static MemoryMoveParams toHub(UUID hubId, List<UUID> ids) {
        return builder().ids(ids).hubId(hubId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MemoryMoveParams}. */
    public static final class Builder {
        private List<UUID> ids;
        private UUID hubId;
        private UUID topicId;

        private Builder() {}

        public Builder ids(UUID... ids) {
            return ids(Arrays.asList(ids));
        }

        public Builder ids(List<UUID> ids) {
            this.ids = List.copyOf(ids);
            return this;
        }

        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        public Builder topicId(UUID topicId) {
            this.topicId = topicId;
            return this;
        }

        /** @throws IllegalStateException without ids, or with neither a hub nor a topic */
        public MemoryMoveParams build() {
            if (ids == null || ids.isEmpty()) {
                throw new IllegalStateException("ids is required");
            }
            if (hubId == null && topicId == null) {
                throw new IllegalStateException("hubId or topicId is required");
            }
            return new MemoryMoveParams(ids, hubId, topicId);
        }
    }
}
