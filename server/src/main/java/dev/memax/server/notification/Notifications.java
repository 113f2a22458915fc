package dev.memax.server.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Creates notifications for other capabilities (invites, membership, quotas), each with its
 * {@code notification.created} event, inside the transaction of the change that caused it: a
 * refused change leaves neither behind.
 */
@Singleton
public class Notifications {
    private final NotificationRepository notifications;
    private final EventOutbox events;
    private final ObjectMapper json;

    public Notifications(NotificationRepository notifications, EventOutbox events, ObjectMapper json) {
        this.notifications = notifications;
        this.events = events;
        this.json = json;
    }

    /**
     * A new open notification for {@code userId}.
     *
     * @param actorId who caused it (null: the system, e.g. a quota alert)
     * @param data    kind-specific fields, shown as the notification's {@code data}
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public UUID create(
            UUID userId,
            UUID hubId,
            UUID actorId,
            NotificationKind kind,
            String title,
            String body,
            Map<String, ?> data) {
        UUID id = Ids.newId();
        try {
            notifications.insert(
                    id,
                    userId,
                    hubId,
                    kind,
                    title,
                    body == null ? "" : body,
                    json.writeValueAsString(data == null ? Map.of() : data),
                    Now.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification data is not JSON-serializable", e);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", kind.toString());
        payload.put("notification_hub_id", hubId);
        events.user(EventType.NOTIFICATION_CREATED, userId, actorId, id, payload);
        return id;
    }

    /**
     * Resolves the open invite notifications of an invite that was accepted another way (its
     * token), so the invitee is not asked again.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void resolveInvite(UUID inviteId, UUID actorId, String resolution) {
        Instant now = Now.instant();
        for (NotificationRepository.UserNotification n :
                notifications.unresolvedAbout(NotificationKind.HUB_INVITE, "invite_id", inviteId)) {
            notifications.setStatus(n.id(), Notification.RESOLVED, resolution, now);
            events.user(
                    EventType.NOTIFICATION_RESOLVED,
                    n.userId(),
                    actorId,
                    n.id(),
                    Notification.resolvedPayload(resolution));
        }
    }
}
