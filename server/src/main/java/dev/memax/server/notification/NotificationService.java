package dev.memax.server.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import dev.memax.server.platform.Timestamps;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/notifications}: a user's own notifications (another user's id is {@code not_found}).
 * Notifications belong to the account, not to a hub, so they take a credential that is not
 * restricted to some hubs. Every change emits its event ({@code notification.updated} for seen
 * and dismissed, {@code notification.resolved}) in the change's transaction.
 */
@Singleton
public class NotificationService {
    private final AccessPolicy policy;
    private final NotificationRepository notifications;
    private final InviteAcceptance invites;
    private final ContradictionResolution contradictions;
    private final EventOutbox events;
    private final Cursors cursors;

    public NotificationService(
            AccessPolicy policy,
            NotificationRepository notifications,
            InviteAcceptance invites,
            ContradictionResolution contradictions,
            EventOutbox events,
            Cursors cursors) {
        this.policy = policy;
        this.notifications = notifications;
        this.invites = invites;
        this.contradictions = contradictions;
        this.events = events;
        this.cursors = cursors;
    }

    /**
     * {@code GET /v1/notifications/summary}, Memax's counts and this server's in one answer:
     * open ({@code pending}) decisions; open receipts, and those not yet seen; both by kind (every
     * kind of {@link NotificationKind#SUMMARY_KINDS} listed, 0 included); {@code total} and
     * {@code unseen_by_kind}: the open notifications not yet seen, in all and by kind.
     */
    public record Summary(
            long needsActionPending,
            long updatesPending,
            long updatesUnseen,
            Map<String, NotificationRepository.KindCount> byKind,
            long total,
            Map<String, Long> unseenByKind) {}

    /**
     * The answer of marking one seen or dismissing it: Memax's {@code {status}} ({@code seen},
     * {@code dismissed}) and the notification as it now is.
     */
    public record Change(String status, Notification notification) {}

    /**
     * The answer of resolving (the Memax SDK's {@code NotificationResolveResult}): the
     * notification's status, the action taken, its resolution (Memax's name, and as recorded
     * here), and the notification.
     */
    public record Resolved(
            String status, String action, String resolution, String resolutionAction, Notification notification) {}

    /** {@code affected}: the same count, under the name the Memax SDK's {@code bulkSeen} reads. */
    public record AllSeen(int marked, int affected) {}

    /** The answer of a bulk change (the SDK's {@code NotificationBulkResult}). */
    public record Bulk(int affected) {}

    public static final int MAX_BULK_KINDS = 50;

    /** The resolutions recorded here that a filter value names: Memax's name stands for each of ours it covers. */
    private static java.util.stream.Stream<String> recordedAs(String resolution) {
        List<String> ours = Notification.RESOLUTION_NAMES.entrySet().stream()
                .filter(e -> e.getValue().equals(resolution))
                .map(Map.Entry::getKey)
                .toList();
        return ours.isEmpty() ? java.util.stream.Stream.of(resolution) : ours.stream();
    }

    /** A repeated query parameter's values, commas also separating; blanks dropped, sorted. */
    private static List<String> values(List<String> repeated) {
        return repeated == null
                ? List.of()
                : repeated.stream()
                        .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                        .map(String::strip)
                        .filter(value -> !value.isEmpty())
                        .distinct()
                        .sorted()
                        .toList();
    }

    /**
     * {@code GET /v1/notifications}. As in Memax, only open ({@code pending}) ones unless
     * {@code status} names another ({@code all}: every status).
     *
     * @param hubId    {@code hub_id}
     * @param hubName  {@code hub}, the Memax SDK's name of {@code hub_id}: used when that is absent
     * @param kinds       only these kinds (the SDK's repeated {@code kind}; commas also separate)
     * @param resolutions only those resolved so, by this server's names or Memax's ({@link Notification#RESOLUTION_NAMES})
     */
    public Page<Notification> list(
            Caller caller,
            String hubId,
            String hubName,
            String status,
            List<String> kinds,
            List<String> resolutions,
            String unseenOnly,
            String since,
            PageRequest page) {
        policy.requireUnrestricted(caller, Scope.READ);
        Map<String, String> errors = new LinkedHashMap<>();
        UUID hub = hubId != null ? uuid(hubId, "hub_id", errors) : uuid(hubName, "hub", errors);
        String filter = blank(status) ? Notification.PENDING : status.strip();
        String state = null;
        if (Notification.STATUS_FILTERS.contains(filter)) {
            state = Notification.stateOf(filter);
        } else {
            errors.put("status", "must be one of: " + String.join(", ", Notification.STATUS_FILTERS));
        }
        List<String> wantedKinds = values(kinds);
        if (wantedKinds.size() > MAX_BULK_KINDS) {
            errors.put("kind", "must name at most " + MAX_BULK_KINDS + " kinds");
        }
        List<String> wantedResolutions = values(resolutions).stream()
                .flatMap(NotificationService::recordedAs)
                .distinct()
                .sorted()
                .toList();
        if (wantedResolutions.size() > MAX_BULK_KINDS) {
            errors.put("resolution", "must name at most " + MAX_BULK_KINDS + " resolutions");
        }
        Boolean unseen = null;
        if (!blank(unseenOnly)) {
            switch (unseenOnly.strip()) {
                case "true" -> unseen = true;
                case "false" -> unseen = false;
                default -> errors.put("unseen_only", "must be true or false");
            }
        }
        Instant from = parseSince(since, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        NotificationRepository.Filters filters = new NotificationRepository.Filters(
                hub, state, wantedKinds, wantedResolutions, Boolean.TRUE.equals(unseen), from);
        // The listing key carries the filters: a cursor of another filter set is refused.
        String listing = "notifications:" + caller.userId() + ":" + hub + ":" + state + ":" + wantedKinds + ":"
                + wantedResolutions + ":" + unseen + ":" + from;
        return cursors.page(
                "notifications",
                listing,
                page,
                (after, limit) -> after == null
                        ? notifications.page(caller.userId(), filters, null, null, limit)
                        : notifications.page(
                                caller.userId(),
                                filters,
                                Instant.parse(after.get(0)),
                                UUID.fromString(after.get(1)),
                                limit),
                n -> List.of(n.createdAt().toString(), n.id().toString()));
    }

    /** @param hubId only the notifications about this hub ({@code hub}, as the Memax SDK sends it), or null */
    public Summary summary(Caller caller, String hubId) {
        policy.requireUnrestricted(caller, Scope.READ);
        Map<String, String> errors = new LinkedHashMap<>();
        UUID hub = uuid(hubId, "hub", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        Map<String, NotificationRepository.KindCount> byKind = new LinkedHashMap<>();
        Map<String, Long> unseenByKind = new LinkedHashMap<>();
        for (NotificationKind kind : NotificationKind.values()) {
            unseenByKind.put(kind.toString(), 0L);
        }
        for (String kind : NotificationKind.SUMMARY_KINDS) {
            byKind.put(kind, new NotificationRepository.KindCount(0, 0));
        }
        long needsAction = 0;
        long updates = 0;
        long updatesUnseen = 0;
        long unseen = 0;
        for (Map.Entry<String, NotificationRepository.KindCount> e :
                notifications.openByKind(caller.userId(), hub).entrySet()) {
            NotificationRepository.KindCount count = e.getValue();
            byKind.put(e.getKey(), count);
            unseenByKind.put(e.getKey(), count.unseen());
            unseen += count.unseen();
            if (NotificationKind.DECISIONS.contains(e.getKey())) {
                needsAction += count.pending();
            } else {
                updates += count.pending();
                updatesUnseen += count.unseen();
            }
        }
        return new Summary(needsAction, updates, updatesUnseen, byKind, unseen, unseenByKind);
    }

    /** Marks one notification seen (again: no change, no event). */
    @Transactional
    public Change markSeen(Caller caller, String id) {
        Notification n = locked(caller, id);
        if (!n.seen()) {
            notifications.markSeen(n.id(), Now.instant());
            events.user(
                    EventType.NOTIFICATION_UPDATED, caller.userId(), caller.userId(), n.id(), Map.of("change", "seen"));
        }
        return new Change("seen", reload(caller, n.id()));
    }

    /** Marks every unseen notification of the caller (of one hub, with {@code hub_id}) seen. */
    @Transactional
    public AllSeen markAllSeen(Caller caller, NotificationRequests.MarkAllSeen request, String hubHeader) {
        policy.requireUnrestricted(caller, Scope.WRITE);
        BulkFilter filter = request == null
                ? bulkFilter(null, null, null, hubHeader)
                : bulkFilter(request.kinds(), request.since(), request.hubId(), hubHeader);
        List<UUID> marked = notifications.markAllSeen(
                caller.userId(),
                filter.kinds().isEmpty() ? null : filter.kinds(),
                filter.hubId(),
                filter.since(),
                Now.instant());
        for (UUID id : marked) {
            events.user(EventType.NOTIFICATION_UPDATED, caller.userId(), caller.userId(), id, Map.of("change", "seen"));
        }
        return new AllSeen(marked.size(), marked.size());
    }

    /**
     * {@code POST /v1/notifications/dismiss}: dismisses the caller's open receipts at once (the
     * SDK's {@code bulkDismiss}). Naming a decision kind is {@code 422}: each of those is closed
     * by its own resolve. Kinds this server does not produce match nothing.
     *
     * @param hubHeader {@code X-Hub-ID}, where the SDK sends the hub; the body's {@code hub_id} wins
     */
    @Transactional
    public Bulk dismissAll(Caller caller, NotificationRequests.BulkDismiss request, String hubHeader) {
        policy.requireUnrestricted(caller, Scope.WRITE);
        BulkFilter filter = request == null
                ? bulkFilter(null, null, null, hubHeader)
                : bulkFilter(request.kinds(), request.since(), request.hubId(), hubHeader);
        List<UUID> dismissed = notifications.dismissAll(
                caller.userId(),
                filter.kinds().isEmpty() ? NotificationKind.receipts() : filter.kinds(),
                filter.hubId(),
                filter.since(),
                Now.instant());
        for (UUID id : dismissed) {
            events.user(
                    EventType.NOTIFICATION_UPDATED,
                    caller.userId(),
                    caller.userId(),
                    id,
                    Map.of("change", "dismissed"));
        }
        return new Bulk(dismissed.size());
    }

    /** What a bulk route applies to; {@code kinds} empty: not narrowed by kind. */
    private record BulkFilter(List<String> kinds, UUID hubId, Instant since) {}

    /**
     * The filter of a bulk route, validated: at most {@value #MAX_BULK_KINDS} kinds, none asking
     * for a decision (each of those is answered on its own); the body's hub, else
     * {@code X-Hub-ID}; {@code since} RFC 3339.
     */
    private static BulkFilter bulkFilter(List<String> kinds, String since, String hubId, String hubHeader) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> named = kinds == null ? List.of() : kinds;
        if (named.size() > MAX_BULK_KINDS) {
            errors.put("kinds", "must name at most " + MAX_BULK_KINDS + " kinds");
        }
        List<String> wanted = new java.util.ArrayList<>();
        for (int i = 0; i < named.size() && i < MAX_BULK_KINDS; i++) {
            String kind = named.get(i) == null ? "" : named.get(i).strip();
            if (kind.isEmpty()) {
                errors.put("kinds[" + i + "]", "must be a notification kind");
            } else if (NotificationKind.DECISIONS.contains(kind)) {
                errors.put("kinds[" + i + "]", kind + " asks for a decision: answer each one instead");
            } else {
                wanted.add(kind);
            }
        }
        UUID hub = uuid(!blank(hubId) ? hubId : hubHeader, "hub_id", errors);
        Instant from = parseSince(since, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return new BulkFilter(wanted, hub, from);
    }

    /**
     * Dismisses an open notification (again: no change); a resolved one stays resolved (409). As
     * in Memax, an open one that asks for a decision is answered with resolve, not dismissed (409).
     */
    @Transactional
    public Change dismiss(Caller caller, String id) {
        Notification n = locked(caller, id);
        if (Notification.RESOLVED.equals(n.state())) {
            throw ApiException.conflict("This notification is already resolved");
        }
        if (Notification.OPEN.equals(n.state())
                && NotificationKind.DECISIONS.contains(n.kind().toString())) {
            throw ApiException.conflict("A " + n.kind() + " notification asks for a decision: answer it with resolve ("
                    + String.join(", ", n.kind().actions()) + ")");
        }
        if (Notification.OPEN.equals(n.state())) {
            notifications.setStatus(n.id(), Notification.DISMISSED, null, Now.instant());
            events.user(
                    EventType.NOTIFICATION_UPDATED,
                    caller.userId(),
                    caller.userId(),
                    n.id(),
                    Map.of("change", "dismissed"));
        }
        return new Change(Notification.DISMISSED, reload(caller, n.id()));
    }

    /**
     * What changed on an item (the SDK's {@code NotificationItemUpdateResult}), and the
     * notification as it now is.
     *
     * @param autoResolvedAs {@code applied_auto} when this completion resolved the checklist, else null
     */
    public record ItemUpdate(
            String itemId,
            Instant viewedAt,
            Instant completedAt,
            boolean autoResolved,
            String autoResolvedAs,
            Notification notification) {}

    /** The resolution of a checklist whose required items are all complete. */
    public static final String APPLIED_AUTO = "applied_auto";

    /**
     * {@code POST /v1/notifications/{id}/items/{item_id}/view}: stamps the item's
     * {@code viewed_at} once (again: no change, no event). An id the notification's
     * {@code data.items} does not hold is {@code not_found}.
     */
    @Transactional
    public ItemUpdate viewItem(Caller caller, String id, String itemId) {
        Notification n = locked(caller, id);
        ObjectNode data = n.data().deepCopy();
        ObjectNode item = item(data, itemId);
        if (!item.hasNonNull("viewed_at")) {
            Instant now = Now.instant();
            item.put("viewed_at", now.toString());
            notifications.updateData(n.id(), data.toString(), now);
            itemChanged(caller, n, itemId);
        }
        return itemUpdate(caller, n.id(), item, null);
    }

    /**
     * {@code POST /v1/notifications/{id}/items/{item_id}/complete}: completes a checklist item
     * (and marks it viewed). Again: no change. An item whose {@code locked_by} items are not all
     * complete is {@code conflict} (details: the ones pending); so is an item of another kind of
     * notification, or of a notification no longer open. Completing the last required item
     * resolves the notification as {@code applied_auto}.
     */
    @Transactional
    public ItemUpdate completeItem(Caller caller, String id, String itemId) {
        Notification n = locked(caller, id);
        ObjectNode data = n.data().deepCopy();
        ObjectNode item = item(data, itemId);
        if (item.hasNonNull("completed_at")) {
            return itemUpdate(caller, n.id(), item, null);
        }
        if (n.kind() != NotificationKind.CHECKLIST) {
            throw ApiException.conflict("Only checklist items are completed; this is a " + n.kind() + " notification");
        }
        if (!Notification.OPEN.equals(n.state())) {
            throw ApiException.conflict("This checklist is " + n.status() + ": its items no longer change");
        }
        List<String> pending = new java.util.ArrayList<>();
        item.path("locked_by").forEach(dependency -> {
            if (!item(data, dependency.asText()).hasNonNull("completed_at")) {
                pending.add(dependency.asText());
            }
        });
        if (!pending.isEmpty()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "This item is locked until its prerequisites are complete",
                    Map.of("locked_by", pending));
        }
        Instant now = Now.instant();
        item.put("completed_at", now.toString());
        if (!item.hasNonNull("viewed_at")) {
            item.put("viewed_at", now.toString());
        }
        notifications.updateData(n.id(), data.toString(), now);
        boolean done = true;
        for (JsonNode required : requiredIds(data)) {
            done &= item(data, required.asText()).hasNonNull("completed_at");
        }
        if (!done) {
            itemChanged(caller, n, itemId);
            return itemUpdate(caller, n.id(), item, null);
        }
        notifications.setStatus(n.id(), Notification.RESOLVED, APPLIED_AUTO, now);
        events.user(
                EventType.NOTIFICATION_RESOLVED, caller.userId(), caller.userId(), n.id(), itemResolvedPayload(itemId));
        return itemUpdate(caller, n.id(), item, APPLIED_AUTO);
    }

    private static Map<String, Object> itemResolvedPayload(String itemId) {
        Map<String, Object> payload = Notification.resolvedPayload(APPLIED_AUTO);
        payload.put("item_id", itemId);
        return payload;
    }

    /** The item ids that complete a checklist: {@code data.required_ids}, else every item. */
    private static Iterable<JsonNode> requiredIds(ObjectNode data) {
        if (data.path("required_ids").isArray()) {
            return data.path("required_ids");
        }
        List<JsonNode> ids = new java.util.ArrayList<>();
        data.path("items").forEach(item -> ids.add(item.path("id")));
        return ids;
    }

    private static ObjectNode item(ObjectNode data, String itemId) {
        for (JsonNode item : data.path("items")) {
            if (item.isObject() && item.path("id").asText().equals(itemId)) {
                return (ObjectNode) item;
            }
        }
        throw ApiException.notFound("Notification item");
    }

    private void itemChanged(Caller caller, Notification n, String itemId) {
        events.user(
                EventType.NOTIFICATION_UPDATED,
                caller.userId(),
                caller.userId(),
                n.id(),
                Map.of("change", "item_updated", "item_id", itemId));
    }

    private ItemUpdate itemUpdate(Caller caller, UUID id, ObjectNode item, String autoResolvedAs) {
        return new ItemUpdate(
                item.path("id").asText(),
                instant(item, "viewed_at"),
                instant(item, "completed_at"),
                autoResolvedAs != null,
                autoResolvedAs,
                reload(caller, id));
    }

    private static Instant instant(JsonNode item, String field) {
        return item.hasNonNull(field) ? Instant.parse(item.get(field).asText()) : null;
    }

    /**
     * Resolves with one of the kind's actions. Accepting a hub invite joins the hub through the
     * invite service, answering a contradiction changes its memories ({@link ContradictionResolution}),
     * in the same transaction: if that is refused, nothing is resolved.
     */
    @Transactional
    public Resolved resolve(Caller caller, String id, NotificationRequests.Resolve request) {
        Notification n = locked(caller, id);
        String action = request == null || blank(request.action())
                ? null
                : request.action().strip();
        if (action == null) {
            throw ApiException.invalidField(
                    "action",
                    "is required: one of " + String.join(", ", n.kind().actions()));
        }
        if (!n.kind().actions().contains(action)) {
            throw ApiException.invalidField(
                    "action",
                    "must be one of: " + String.join(", ", n.kind().actions()) + " for a " + n.kind()
                            + " notification");
        }
        if (Notification.RESOLVED.equals(n.state())) {
            throw ApiException.conflict("This notification is already resolved (" + n.resolution() + ")");
        }
        if (n.kind() == NotificationKind.HUB_INVITE && action.equals("accept")) {
            // Joining resolves every notification of the invite, this one included, with its event.
            invites.acceptById(
                    caller,
                    n.hubId(),
                    UUID.fromString(n.data().path("invite_id").asText()));
        } else {
            if (n.kind() == NotificationKind.REVIEW_CONTRADICTION) {
                contradictions.resolve(caller, n.hubId(), n.data(), action);
            }
            notifications.setStatus(n.id(), Notification.RESOLVED, action, Now.instant());
            events.user(
                    EventType.NOTIFICATION_RESOLVED,
                    caller.userId(),
                    caller.userId(),
                    n.id(),
                    Notification.resolvedPayload(action));
        }
        Notification resolved = reload(caller, n.id());
        return new Resolved(resolved.status(), action, resolved.resolution(), resolved.resolutionAction(), resolved);
    }

    private Notification locked(Caller caller, String id) {
        policy.requireUnrestricted(caller, Scope.WRITE);
        return notifications
                .lock(Ids.parseOrNotFound(id, "Notification"), caller.userId())
                .orElseThrow(() -> ApiException.notFound("Notification"));
    }

    private Notification reload(Caller caller, UUID id) {
        return notifications.find(id, caller.userId()).orElseThrow(() -> ApiException.notFound("Notification"));
    }

    private static UUID uuid(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.put(field, "must be a UUID");
            return null;
        }
    }

    /** The {@code since} filter of the list and the bulk routes: null when absent, an error when not RFC 3339. */
    private static Instant parseSince(String value, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return Timestamps.parseDateTime(value);
        } catch (DateTimeParseException e) {
            errors.put("since", "must be an RFC 3339 timestamp, years 0001-9999");
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
