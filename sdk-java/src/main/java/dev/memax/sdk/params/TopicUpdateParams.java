package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Body of {@code PATCH /v1/topics/{id}}: only the fields set are sent, and only they change.
 * {@link Builder#parentId} moves the topic; {@link Builder#moveToRoot} sends {@code parent_id: null}.
 */
public final class TopicUpdateParams {
    private final Map<String, Object> fields;

    private TopicUpdateParams(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JSON body: wire names to values. */
    @JsonValue
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return "TopicUpdateParams" + fields.keySet();
    }

    /** Builds {@link TopicUpdateParams}. */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder() {}

        private Builder set(String field, Object value) {
            fields.put(field, value);
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
