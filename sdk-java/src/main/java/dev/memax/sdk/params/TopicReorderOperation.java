package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One move of {@code POST /v1/topics/reorder}: a new position, and optionally a new parent. */
public final class TopicReorderOperation {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private TopicReorderOperation(UUID topicId, int position) {
        fields.put("topic_id", Objects.requireNonNull(topicId, "topicId"));
        fields.put("position", position);
    }

    /** The topic keeps its parent and takes this position. */
    public static TopicReorderOperation position(UUID topicId, int position) {
        return new TopicReorderOperation(topicId, position);
    }

    /** The topic moves under {@code parentId} (null: the root) at this position. */
    public static TopicReorderOperation move(UUID topicId, int position, UUID parentId) {
        TopicReorderOperation op = new TopicReorderOperation(topicId, position);
        op.fields.put("parent_id", parentId);
        return op;
    }

    /** The JSON of the operation ({@code parent_id: null} moves to the root). */
    @JsonValue
    public Map<String, Object> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }
}
