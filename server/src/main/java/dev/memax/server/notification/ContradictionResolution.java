package dev.memax.server.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.identity.Caller;
import java.util.UUID;

/**
 * Carries out the answer to a {@code review_contradiction} notification on the memories it
 * names. The dream capability implements it; notifications sit below dreams, so they reach the
 * memory changes only through this interface.
 */
public interface ContradictionResolution {

    /**
     * In the caller's transaction; throws (and so nothing is resolved) when the answer cannot be
     * carried out.
     *
     * @param data   the notification's {@code data}
     * @param action {@code keep_a}, {@code keep_b}, {@code keep_both} or {@code merge}
     */
    void resolve(Caller caller, UUID hubId, JsonNode data, String action);
}
