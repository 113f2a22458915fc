package dev.memax.server.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.identity.Caller;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;

/** The events memory changes announce, written inside the change's transaction (undone with it). */
@Singleton
public class MemoryEvents {
    private final EventOutbox events;

    public MemoryEvents(EventOutbox events) {
        this.events = events;
    }

    /** {@code hub.memories.changed} for the memory's hub. */
    void changed(UUID hubId, Caller caller, UUID memoryId, String action) {
        changed(hubId, caller, memoryId, Map.of("action", action));
    }

    /** {@code hub.memories.changed} for the hub, with this payload. */
    void changed(UUID hubId, Caller caller, UUID memoryId, Map<String, Object> payload) {
        events.hub(EventType.MEMORIES_CHANGED, hubId, caller.userId(), memoryId, payload);
    }

    /** An update that puts the memory in the archived state is announced as {@code archived}. */
    static String updateAction(ObjectNode changes) {
        return MemoryState.ARCHIVED
                        .toString()
                        .equalsIgnoreCase(changes.at("/state/to").asText(""))
                ? "archived"
                : "updated";
    }
}
