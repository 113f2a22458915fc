package dev.memax.sdk.params;

import java.util.Objects;
import java.util.UUID;

/**
 * Body of {@code PATCH /v1/topics/{id}}: only the fields set are sent, and only they change.
 * {@link Builder#parentId} moves the topic; {@link Builder#moveToRoot} sends {@code parent_id: null}.
 */
public final class TopicUpdateParams extends PatchParams {
    private TopicUpdateParams(Fields fields) {
        super(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TopicUpdateParams}. */
    public static final class Builder {
        private final Fields fields = new Fields();

        private Builder() {}

        private Builder set(String field, Object value) {
            fields.set(field, value);
            return this;
        }

        public Builder name(String name) {
            return set("name", Objects.requireNonNull(name, "name"));
        }

        public Builder description(String description) {
            return set("description", Objects.requireNonNull(description, "description"));
        }

        public Builder icon(String icon) {
            return set("icon", Objects.requireNonNull(icon, "icon"));
        }

        public Builder position(int position) {
            return set("position", position);
        }

        public Builder pinned(boolean pinned) {
            return set("pinned", pinned);
        }

        /** Moves the topic under this parent (same hub). */
        public Builder parentId(UUID parentId) {
            return set("parent_id", Objects.requireNonNull(parentId, "parentId"));
        }

        /** Moves the topic to the root. */
        public Builder moveToRoot() {
            return set("parent_id", null);
        }

        public TopicUpdateParams build() {
            return new TopicUpdateParams(fields);
        }
    }
}
