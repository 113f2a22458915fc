package dev.memax.server.topic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.memory.MemoryFilter;
import dev.memax.server.platform.PatchBody;
import dev.memax.server.platform.TextInput;
import io.micronaut.core.annotation.Introspected;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies of the topic routes, checked here so one {@code 422 validation_failed} names every
 * invalid field. Unknown fields are ignored (docs/architecture.md §5.12).
 */
public final class TopicRequests {
    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_ICON = 64;
    static final int MAX_OPERATIONS = 500;

    private TopicRequests() {}

    /** POST /v1/topics. */
    @Introspected
    public record Create(String name, String description, String icon, String parentId, String hubId) {
        /** The name, stripped; the other fields checked; the parent parsed. */
        Checked check() {
            MemoryFilter.Parser p = new MemoryFilter.Parser();
            String n = checkedName(name, p);
            text(description, "description", MAX_DESCRIPTION, p);
            text(icon, "icon", MAX_ICON, p);
            UUID parent = p.uuid(parentId, "parent_id");
            p.throwIfAny();
            return new Checked(n, parent);
        }

        record Checked(String name, UUID parentId) {}
    }

    /**
     * PATCH /v1/topics/{id}: absent fields stay; {@code parent_id} null or {@code ""} moves the topic
     * to the root ({@code present} holds the keys sent, so absent and null differ).
     */
    @Introspected
    public record Update(
            String name, String description, String icon, Integer position, String parentId, Boolean pinned) {}

    public record Patch(PatchBody<Update> body) {
        boolean movesParent() {
            return body.sent("parent_id");
        }

        /** The fields checked; the new parent (null: the root) when {@link #movesParent}. */
        Checked check() {
            MemoryFilter.Parser p = new MemoryFilter.Parser();
            Update values = body.values();
            String n = body.sent("name") ? checkedName(values.name(), p) : null;
            text(values.description(), "description", MAX_DESCRIPTION, p);
            text(values.icon(), "icon", MAX_ICON, p);
            UUID parent = p.uuid(values.parentId(), "parent_id");
            p.throwIfAny();
            return new Checked(n, parent);
        }

        record Checked(String name, UUID parentId) {}
    }

    /** POST /v1/topics/{id}/memories: the auto-assignment primitive. */
    @Introspected
    public record Assign(String memoryId, Double confidence) {}

    /** One move of POST /v1/topics/reorder; {@code movesParent} when {@code parent_id} was sent (null, "": the root). */
    public record Operation(UUID topicId, int position, boolean movesParent, UUID parentId) {}

    /** POST /v1/topics/reorder {@code {operations: [{topic_id, position, parent_id?}]}}. */
    public static List<Operation> operations(JsonNode body) {
        MemoryFilter.Parser p = new MemoryFilter.Parser();
        JsonNode ops = body == null ? null : body.get("operations");
        List<Operation> out = new ArrayList<>();
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            p.error("operations", "must be a non-empty list");
        } else if (ops.size() > MAX_OPERATIONS) {
            p.error("operations", "at most " + MAX_OPERATIONS + " operations");
        } else {
            for (int i = 0; i < ops.size(); i++) {
                JsonNode op = ops.get(i);
                String at = "operations[" + i + "].";
                UUID id = p.uuid(op.path("topic_id").asText(""), at + "topic_id");
                if (id == null) {
                    p.error(at + "topic_id", "must be a UUID");
                }
                if (!op.path("position").canConvertToInt()) {
                    p.error(at + "position", "must be an integer");
                }
                JsonNode parent = op.get("parent_id");
                UUID parentId = parent == null || parent.isNull() ? null : p.uuid(parent.asText(), at + "parent_id");
                out.add(new Operation(id, op.path("position").asInt(), parent != null, parentId));
            }
        }
        p.throwIfAny();
        return out;
    }

    private static String checkedName(String value, MemoryFilter.Parser p) {
        String n = value == null ? "" : value.strip();
        if (n.isEmpty()) {
            p.error("name", "must not be blank");
        } else {
            text(n, "name", MAX_NAME, p);
        }
        return n;
    }

    private static void text(String value, String field, int max, MemoryFilter.Parser p) {
        if (value == null) {
            return;
        }
        String problem = TextInput.problem(value);
        if (problem != null) {
            p.error(field, problem);
        } else if (value.codePointCount(0, value.length()) > max) {
            p.error(field, "at most " + max + " characters");
        }
    }
}
