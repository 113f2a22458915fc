package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * Body of {@code POST /v1/topics}. The hub is {@code hubId}, else the call's {@code X-Hub-ID},
 * else the caller's personal hub.
 *
 * @param name        1-200 characters, unique among active siblings ignoring case (required)
 * @param description at most 2000 characters
 * @param icon        at most 64 characters
 * @param parentId    the parent topic (same hub); null for the root
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicCreateParams(String name, String description, String icon, UUID parentId, UUID hubId) {
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TopicCreateParams}. */
    public static final class Builder {
        private String name;
        private String description;
        private String icon;
        private UUID parentId;
        private UUID hubId;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder icon(String icon) {
            this.icon = icon;
            return this;
        }

        public Builder parentId(UUID parentId) {
            this.parentId = parentId;
            return this;
        }

        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        /** @throws IllegalStateException when the name is missing */
        public TopicCreateParams build() {
            return new TopicCreateParams(Checks.required(name, "name"), description, icon, parentId, hubId);
        }
    }
}
