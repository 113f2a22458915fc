package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something the user should look at ({@code GET /v1/notifications}).
 *
 * @param kind            {@code hub_invite}, {@code membership_changed}, {@code quota_alert},
 *                        {@code checklist} (its steps in {@code data.items}) or {@code login_throttled}
 *                        (password sign-in was paused after failed attempts); later server versions may
 *                        add kinds: a string, not an enum
 * @param hubId           the hub it is about, or null (quota alerts, a removal)
 * @param data            kind-specific fields, e.g. {@code invite_id}, {@code role} of an invite
 * @param status          {@code open}, {@code dismissed} or {@code resolved}: this server's names,
 *                        read from the wire's {@code state} (the wire's {@code status} carries Memax's
 *                        names since 0.2: {@link #memaxStatus()})
 * @param resolution      the action it was resolved with ({@code accept}, {@code decline},
 *                        {@code acknowledge}, {@code dismiss}, {@code revoked}, {@code applied_auto}), or
 *                        null: read from the wire's {@code resolution_action} (the wire's
 *                        {@code resolution} carries Memax's names since 0.3: {@link #memaxResolution()})
 * @param actions         what {@code resolve} accepts for it (empty once resolved)
 * @param audience        Memax's routing: {@code user} (every notification here is addressed to one user)
 * @param recipientUserId the user it is addressed to
 * @param memaxStatus     the same lifecycle under Memax's names: {@code pending} (this server's
 *                        {@code open}), {@code dismissed}, {@code resolved}
 * @param priority        Memax's ordering hint: 1 for kinds asking for a decision, else 0
 * @param sourceKind      what caused it: {@code hub_invite}, {@code hub_membership}, {@code usage_quota},
 *                        {@code hub_setup}
 * @param sourceId        the id of that cause (the invite, the hub), or null
 * @param memaxResolution the same resolution under Memax's names: {@code accepted}, {@code declined},
 *                        {@code kept}, {@code dismissed} (also a revoked invite), {@code applied_auto}
 */
public record Notification(
        UUID id,
        String kind,
        UUID hubId,
        String title,
        String body,
        Map<String, Object> data,
        @JsonProperty("state") String status,
        boolean seen,
        Instant seenAt,
        @JsonProperty("resolution_action") String resolution,
        Instant resolvedAt,
        List<String> actions,
        Instant createdAt,
        Instant updatedAt,
        String audience,
        UUID recipientUserId,
        @JsonProperty("status") String memaxStatus,
        int priority,
        String sourceKind,
        UUID sourceId,
        @JsonProperty("resolution") String memaxResolution) {
    public Notification {
        // A server before 0.2 sends only status, in this server's names.
        if (status == null && memaxStatus != null) {
            status = "pending".equals(memaxStatus) ? "open" : memaxStatus;
        }
        // A server before 0.3 sends only resolution, in this server's names.
        if (resolution == null && memaxResolution != null) {
            resolution = memaxResolution;
        }
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
