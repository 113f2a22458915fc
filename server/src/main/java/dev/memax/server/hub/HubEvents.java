package dev.memax.server.hub;

import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubMemberRepository;
import dev.memax.server.identity.HubRole;
import dev.memax.server.notification.NotificationKind;
import dev.memax.server.notification.Notifications;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events and notifications of hub changes, written in the change's transaction:
 * {@code hub.list.changed} to each user whose list of hubs (or role in one) changed,
 * {@code hub.members.changed} to the hub's readers, and a {@code membership_changed}
 * notification to a member whom someone else added, removed or gave another role; the owner of
 * a new team hub gets a {@code checklist} of the steps that set it up.
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
        notifications.create(
                memberId,
                "removed".equals(change) ? null : hub.id(),
                actorId,
                NotificationKind.MEMBERSHIP_CHANGED,
                title,
                "",
                withHub(data, hub.id()));
    }

    /** An invite naming the email of an existing user who is not a member: they are told and may accept it. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void invited(Hub hub, UUID actorId, UUID inviteeId, UUID inviteId, HubRole role) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invite_id", inviteId);
        data.put("hub_name", hub.name());
        data.put("role", role.toString());
        notifications.create(
                inviteeId,
                hub.id(),
                actorId,
                NotificationKind.HUB_INVITE,
                "You are invited to join " + hub.name() + " as " + role,
                "",
                withHub(data, hub.id()));
    }

    /**
     * A new team hub: its owner gets a checklist of the steps that make it useful (invite someone,
     * add its first memory, then give an agent a key for it), each ticked off with
     * {@code POST /v1/notifications/{id}/items/{item_id}/complete}.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void teamHubCreated(Hub hub, UUID ownerId) {
        List<Map<String, Object>> items = List.of(
                item(
                        "invite_member",
                        "Invite a teammate",
                        "Members read and add to what " + hub.name() + " knows.",
                        "/v1/hubs/" + hub.id() + "/invites",
                        "Invite",
                        List.of()),
                item(
                        "first_memory",
                        "Add the hub's first memory",
                        "Push with X-Hub-ID: " + hub.id() + " (or hub_id in the body).",
                        "/v1/memories",
                        "Push a memory",
                        List.of()),
                item(
                        "connect_agent",
                        "Give an agent a key for this hub",
                        "An API key with hub_id " + hub.id()
                                + " and an agent_name lets an agent work in this hub only.",
                        "/v1/auth/api-keys",
                        "Create a key",
                        List.of("first_memory")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hub_name", hub.name());
        data.put("title", "Set up " + hub.name());
        data.put("items", items);
        data.put("required_ids", items.stream().map(item -> item.get("id")).toList());
        notifications.create(
                ownerId,
                hub.id(),
                ownerId,
                NotificationKind.CHECKLIST,
                "Set up " + hub.name(),
                "Three steps make a team hub useful.",
                withHub(data, hub.id()));
    }

    private static Map<String, Object> item(
            String id, String title, String description, String ctaUrl, String ctaLabel, List<String> lockedBy) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("title", title);
        item.put("description", description);
        item.put("cta_url", ctaUrl);
        item.put("cta_label", ctaLabel);
        item.put("viewed_at", null);
        item.put("completed_at", null);
        item.put("locked_by", lockedBy);
        return item;
    }

    private static Map<String, Object> withHub(Map<String, Object> data, UUID hubId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hub_id", hubId);
        out.putAll(data);
        return out;
    }
}
