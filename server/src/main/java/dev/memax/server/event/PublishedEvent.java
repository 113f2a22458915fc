package dev.memax.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An event the relay has published: {@code seq} is its public, monotonic position (the SSE id).
 *
 * @param payload the extra fields of the event's data (e.g. {@code action})
 */
public record PublishedEvent(
        long seq,
        String type,
        UUID hubId,
        UUID userId,
        UUID actorId,
        UUID entityId,
        JsonNode payload,
        Instant createdAt) {

    /** The SSE {@code data}: {@code {id, type, hub_id, actor_id, entity_id, created_at, …payload}}. */
    public ObjectNode data(ObjectMapper json) {
        ObjectNode data = json.createObjectNode();
        data.put("id", seq);
        data.put("type", type);
        data.put("hub_id", hubId == null ? null : hubId.toString());
        data.put("actor_id", actorId == null ? null : actorId.toString());
        data.put("entity_id", entityId == null ? null : entityId.toString());
        data.put("created_at", createdAt.toString());
        if (payload != null && payload.isObject()) {
            payload.fields().forEachRemaining(field -> {
                if (!data.has(field.getKey())) {
                    data.set(field.getKey(), field.getValue());
                }
            });
        }
        return data;
    }

    /** The event in a Redis message: every field, so that receivers need not read the table. */
    ObjectNode toWire(ObjectMapper json) {
        ObjectNode wire = json.createObjectNode();
        wire.put("seq", seq);
        wire.put("type", type);
        wire.put("hub_id", hubId == null ? null : hubId.toString());
        wire.put("user_id", userId == null ? null : userId.toString());
        wire.put("actor_id", actorId == null ? null : actorId.toString());
        wire.put("entity_id", entityId == null ? null : entityId.toString());
        wire.set("payload", payload);
        wire.put("created_at", createdAt.toString());
        return wire;
    }

    static PublishedEvent fromWire(JsonNode node) {
        return new PublishedEvent(
                node.get("seq").asLong(),
                node.get("type").asText(),
                uuid(node, "hub_id"),
                uuid(node, "user_id"),
                uuid(node, "actor_id"),
                uuid(node, "entity_id"),
                node.get("payload"),
                Instant.parse(node.get("created_at").asText()));
    }

    private static UUID uuid(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }
}
