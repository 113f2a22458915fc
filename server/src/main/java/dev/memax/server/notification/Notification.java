package dev.memax.server.notification;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification as its user sees it. {@code status}: open, dismissed or resolved;
 * {@code actions}: what {@code POST /v1/notifications/{id}/resolve} accepts for its kind.
 */
public record Notification(UUID id, NotificationKind kind, UUID hubId, String title, String body, JsonNode data,
                           String status, boolean seen, Instant seenAt, String resolution, Instant resolvedAt,
                           List<String> actions, Instant createdAt, Instant updatedAt) {
    public static final String OPEN = "open";
    public static final String DISMISSED = "dismissed";
    public static final String RESOLVED = "resolved";
    public static final List<String> STATUSES = List.of(OPEN, DISMISSED, RESOLVED);
}
