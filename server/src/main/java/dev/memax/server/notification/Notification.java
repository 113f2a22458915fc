package dev.memax.server.notification;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A notification as its user sees it, in Memax's shape and this server's at once.
 * {@code status} is Memax's ({@code pending}, {@code dismissed}, {@code resolved}: what the
 * Memax SDK reads); {@code state} is this server's name for the same lifecycle ({@code open},
 * {@code dismissed}, {@code resolved}: what {@code status} was before 0.2). {@code payload}
 * repeats {@code data} under Memax's name, with Memax's {@code hub} reference added;
 * {@code actions}: what {@code POST /v1/notifications/{id}/resolve} accepts for its kind.
 * {@code resolution} is Memax's name ({@link #RESOLUTION_NAMES}); {@code resolutionAction} the
 * action this server recorded (what {@code resolution} was before 0.3).
 */
public record Notification(
        UUID id,
        String audience,
        UUID recipientUserId,
        NotificationKind kind,
        UUID hubId,
        String title,
        String body,
        JsonNode data,
        JsonNode payload,
        String status,
        String state,
        boolean seen,
        Instant seenAt,
        String resolution,
        String resolutionAction,
        Instant resolvedAt,
        List<String> actions,
        int priority,
        String sourceKind,
        UUID sourceId,
        Instant createdAt,
        Instant updatedAt) {
    public static final String OPEN = "open";
    public static final String DISMISSED = "dismissed";
    public static final String RESOLVED = "resolved";
    /** Memax's name of {@link #OPEN}. */
    public static final String PENDING = "pending";
    /** Every notification here is addressed to one user (Memax's {@code audience: user}). */
    public static final String AUDIENCE = "user";
    /**
     * The {@code status} filter values: Memax's (its {@code expired} matches nothing: nothing
     * expires here), this server's {@code open}, and {@code all}, which does not filter.
     */
    public static final List<String> STATUS_FILTERS = List.of(PENDING, OPEN, DISMISSED, RESOLVED, "expired", "all");

    /**
     * This server's resolutions (the action taken) and Memax's name of each (its SDK's
     * {@code NotificationResolution}). A revoked invite has no Memax name: it was closed without
     * the user's answer, as a dismissed one is.
     */
    public static final Map<String, String> RESOLUTION_NAMES = Map.of(
            "accept",
            "accepted",
            "decline",
            "declined",
            "acknowledge",
            "kept",
            "dismiss",
            "dismissed",
            "revoked",
            "dismissed",
            "applied_auto",
            "applied_auto",
            "keep_a",
            "kept_a",
            "keep_b",
            "kept_b",
            "keep_both",
            "kept_both",
            "merge",
            "merged");

    /** Memax's name of a resolution recorded here (null: unresolved). */
    public static String memaxResolution(String action) {
        return action == null ? null : RESOLUTION_NAMES.getOrDefault(action, action);
    }

    /** A {@code notification.resolved} event's payload: the resolution under both names. */
    static Map<String, Object> resolvedPayload(String action) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("resolution", memaxResolution(action));
        payload.put("resolution_action", action);
        return payload;
    }

    /** Memax's status of a state stored here. */
    public static String memaxStatus(String state) {
        return OPEN.equals(state) ? PENDING : state;
    }

    /** The stored state a {@code status} filter names; null for {@code all}. */
    static String stateOf(String filter) {
        return switch (filter) {
            case "all" -> null;
            case PENDING -> OPEN;
            default -> filter;
        };
    }
}
