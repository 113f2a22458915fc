package dev.memax.server.hub;

import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.notification.NotificationKind;
import dev.memax.server.notification.Notifications;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The events and notifications of hub changes, written in the change's transaction:
 * {@code hub.list.changed} to each user whose list of hubs (or role in one) changed,
 * {@code hub.members.changed} to the hub's readers, and a {@code membership_changed}
 * notification to a member whom someone else added, removed or gave another role.
 */
@Singleton
public class HubEvents {
    private final EventOutbox events;
    private final Notifications notifications;
    private final HubMemberRepository members;

    public HubEvents(EventOutbox events, Notifications notifications, HubMemberRepository members) {
        this.events = events;
        this.notifications = notifications;
        this.members = members;
    }

    /** {@code hub.list.changed} to one user, e.g. {@code created}, {@code joined}, {@code left}. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void listChanged(UUID userId, UUID actorId, UUID hubId, String action) {
        events.user(EventType.HUB_LIST_CHANGED, userId, actorId, hubId, Map.of("action", action));
    }

    /** {@code hub.list.changed} to every current member (call before deleting the memberships). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void listChangedForMembers(UUID hubId, UUID actorId, String action) {
        for (UUID userId : members.userIds(hubId)) {
            listChanged(userId, actorId, hubId, action);
        }
    }

    /** {@code hub.members.changed}: {@code entity_id} is the member, the payload its new role (null when gone). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void membersChanged(UUID hubId, UUID actorId, UUID memberId, String action, HubRole role) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", action);
        payload.put("user_id", memberId);
        payload.put("role", role == null ? null : role.toString());
        events.hub(EventType.MEMBERS_CHANGED, hubId, actorId, memberId, payload);
    }

    /** A membership change someone else made: the member's hub list changes, and they are told. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void membershipChangedBy(Hub hub, UUID actorId, UUID memberId, String change, HubRole role) {
        membersChanged(hub.id(), actorId, memberId, change, role);
        listChanged(memberId, actorId, hub.id(), change);
        String title = switch (change) {
            case "added" -> "You were added to " + hub.name() + " as " + role;
            case "removed" -> "You were removed from " + hub.name();
            default -> "Your role in " + hub.name() + " is now " + role;
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", change);
        data.put("hub_name", hub.name());
        data.put("role", role == null ? null : role.toString());
        // A removed member no longer reads the hub: the notification keeps no link to it.
        notifications.create(memberId, "removed".equals(change) ? null : hub.id(), actorId,
                NotificationKind.MEMBERSHIP_CHANGED, title, "", withHub(data, hub.id()));
    }

    /** An invite naming the email of an existing user who is not a member: they are told and may accept it. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void invited(Hub hub, UUID actorId, UUID inviteeId, UUID inviteId, HubRole role) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invite_id", inviteId);
        data.put("hub_name", hub.name());
        data.put("role", role.toString());
        notifications.create(inviteeId, hub.id(), actorId, NotificationKind.HUB_INVITE,
                "You are invited to join " + hub.name() + " as " + role, "", withHub(data, hub.id()));
    }

    private static Map<String, Object> withHub(Map<String, Object> data, UUID hubId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hub_id", hubId);
        out.putAll(data);
        return out;
    }
}
