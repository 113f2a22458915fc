package dev.memax.server.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.platform.Db;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;

/**
 * Records events in the transactional outbox ({@code events}, migration V7). Call it inside the
 * transaction of the change it describes: the event then exists if and only if the change
 * committed. Publication (the public {@code seq}, Redis, streams) is the relay's job.
 *
 * <p>Audience: a hub event ({@code hubId} set) goes to every user who can read that hub when it
 * is delivered; a user event ({@code userId} set: keys, hub list, notifications) to that user.
 */
@Singleton
public class EventOutbox {
    private final Db db;
    private final ObjectMapper json;

    public EventOutbox(Db db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A hub event, e.g. {@code hub.memories.changed} with {@code {action: created}}. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void hub(EventType type, UUID hubId, UUID actorId, UUID entityId, Map<String, ?> payload) {
        insert(type, hubId, null, actorId, entityId, payload);
    }

    /** A user event, e.g. {@code key.changed} for the key's owner. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void user(EventType type, UUID userId, UUID actorId, UUID entityId, Map<String, ?> payload) {
        insert(type, null, userId, actorId, entityId, payload);
    }

    private void insert(EventType type, UUID hubId, UUID userId, UUID actorId, UUID entityId, Map<String, ?> payload) {
        try {
            db.update(
                    "INSERT INTO events (type, hub_id, user_id, actor_id, entity_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
                    type.wireName(),
                    hubId,
                    userId,
                    actorId,
                    entityId,
                    new Db.Json(json.writeValueAsString(payload == null ? Map.of() : payload)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not JSON-serializable", e);
        }
    }
}
