package dev.memax.sdk.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something the user should look at ({@code GET /v1/notifications}).
 *
 * @param kind       {@code hub_invite}, {@code membership_changed}, {@code quota_alert} or
 *                   {@code checklist} (its steps in {@code data.items}; later server versions may
 *                   add kinds: a string, not an enum)
 * @param hubId      the hub it is about, or null (quota alerts, a removal)
 * @param data       kind-specific fields, e.g. {@code invite_id}, {@code role} of an invite
 * @param status     {@code open}, {@code dismissed} or {@code resolved}
 * @param resolution the action it was resolved with, or null
 * @param actions    what {@code resolve} accepts for it (empty once resolved)
 */
public record Notification(UUID id, String kind, UUID hubId, String title, String body, Map<String, Object> data,
                           String status, boolean seen, Instant seenAt, String resolution, Instant resolvedAt,
                           List<String> actions, Instant createdAt, Instant updatedAt) {
    public Notification {
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
