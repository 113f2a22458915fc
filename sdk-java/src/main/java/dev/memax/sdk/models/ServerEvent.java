package dev.memax.sdk.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.UUID;

/**
 * One event of the real-time stream ({@code GET /v1/events/stream}).
 *
 * <p>The payload of a change event is {@code {id, type, hub_id, actor_id, entity_id, …}}; the
 * accessors below read its common fields, {@link #data()} has all of it. A payload that is not
 * JSON (never sent by Memax) arrives as a text node holding the raw {@code data:} lines.
 *
 * @param id   the SSE {@code id} of the event: its position in the stream, a number that grows with
 *             every event; null for events without one ({@code ready}, {@code ping})
 * @param type the SSE event name, e.g. {@link #MEMORIES_CHANGED} or {@link #RESET};
 *             {@code "message"} when the frame named none
 * @param data the parsed {@code data:} JSON (never null: {@link NullNode} when empty)
 */
public record ServerEvent(String id, String type, JsonNode data) {
    /** Sent once on every (re)connection, before any other event. */
    public static final String READY = "ready";
    /** A heartbeat ({@code {ts}}); not delivered unless asked for. */
    public static final String PING = "ping";
    /**
     * The position asked for has expired: events may have been missed, so re-read the state
     * you mirror. The stream goes on from the present.
     */
    public static final String RESET = "reset";
    /**
     * The server ends the connection ({@code data.reason}: {@code slow_consumer}, {@code shutdown},
     * {@code error}); the subscription handles it (it reconnects and resumes) and does not deliver it.
     */
    public static final String CLOSE = "close";
    /** A memory was created, updated, deleted or archived ({@link #action()}). */
    public static final String MEMORIES_CHANGED = "hub.memories.changed";
    /** A hub's topics changed. */
    public static final String TOPICS_CHANGED = "hub.topics.changed";
    /** A dream (consolidation run) of a hub started, progressed or ended. */
    public static final String DREAMS_CHANGED = "hub.dreams.changed";
    /** A hub's members changed. */
    public static final String MEMBERS_CHANGED = "hub.members.changed";
    /** The caller's list of hubs changed. */
    public static final String HUB_LIST_CHANGED = "hub.list.changed";
    /** A notification was created. */
    public static final String NOTIFICATION_CREATED = "notification.created";
    /** A notification was updated (seen, dismissed). */
    public static final String NOTIFICATION_UPDATED = "notification.updated";
    /** A notification was resolved. */
    public static final String NOTIFICATION_RESOLVED = "notification.resolved";
    /** One of the caller's API keys changed. */
    public static final String KEY_CHANGED = "key.changed";

    public ServerEvent {
        data = data == null ? NullNode.getInstance() : data;
    }

    /** {@code data.hub_id}: the hub the change happened in, or null. */
    public UUID hubId() {
        return JsonFields.uuid(data, "hub_id");
    }

    /** {@code data.entity_id}: the memory, topic, dream, … that changed, or null. */
    public UUID entityId() {
        return JsonFields.uuid(data, "entity_id");
    }

    /** {@code data.actor_id}: the user who made the change, or null (e.g. a background job). */
    public UUID actorId() {
        return JsonFields.uuid(data, "actor_id");
    }

    /** {@code data.action}, e.g. {@code created}, {@code updated}, {@code deleted}, {@code archived}; or null. */
    public String action() {
        return JsonFields.text(data, "action");
    }

    /** Whether this is a {@link #RESET}: re-read the state you mirror. */
    public boolean isReset() {
        return RESET.equals(type);
    }
}
