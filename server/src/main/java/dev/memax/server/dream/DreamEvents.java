package dev.memax.server.dream;

import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code hub.dreams.changed}, written in the transaction of the change it announces. */
@Singleton
public class DreamEvents {
    private final EventOutbox events;

    public DreamEvents(EventOutbox events) {
        this.events = events;
    }

    /** A run's progress: its status and the phase it is in (null between phases and at the end). */
    void changed(DreamRun run, DreamStatus status, String phase) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("run_id", run.id().toString());
        payload.put("status", status.toString());
        payload.put("action", phase == null ? status.toString() : "phase_started");
        if (phase != null) {
            payload.put("phase", phase);
        }
        events.hub(EventType.DREAMS_CHANGED, run.hubId(), run.triggeredBy(), run.id(), payload);
    }

    /** An action (or a run's actions) undone by {@code userId}. */
    void undone(UUID hubId, UUID userId, UUID runId, UUID actionId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", "undone");
        payload.put("run_id", runId.toString());
        if (actionId != null) {
            payload.put("action_id", actionId.toString());
        }
        events.hub(EventType.DREAMS_CHANGED, hubId, userId, runId, payload);
    }
}
