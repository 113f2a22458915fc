package dev.memax.sdk;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.Notification;
import dev.memax.sdk.models.NotificationItemUpdate;
import dev.memax.sdk.models.NotificationSummary;
import dev.memax.sdk.models.NotificationsAffected;
import dev.memax.sdk.models.NotificationsSeen;
import dev.memax.sdk.params.NotificationListParams;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The caller's own notifications: {@code /v1/notifications}. These routes need an access token
 * or an API key without a hub restriction; another user's notification is
 * {@link dev.memax.sdk.errors.NotFoundException}.
 */
public final class NotificationService {
    private static final String PATH = "/v1/notifications";
    private final Transport transport;

    NotificationService(Transport transport) {
        this.transport = transport;
    }

    /**
     * Every notification, of every status, newest first (first page; {@link Page} fetches the
     * next ones). The server's own default is only the open ones, as in Memax; this SDK asks for
     * {@code status=all} unless {@link NotificationListParams#status()} names one.
     */
    public Page<Notification> list() {
        return list(NotificationListParams.DEFAULT, RequestOptions.NONE);
    }

    /** Notifications matching the filters, newest first. */
    public Page<Notification> list(NotificationListParams params) {
        return list(params, RequestOptions.NONE);
    }

    /** {@link #list(NotificationListParams)} with per-call options. */
    public Page<Notification> list(NotificationListParams params, RequestOptions options) {
        NotificationListParams p = params == null ? NotificationListParams.DEFAULT : params;
        JsonNode data = transport
                .send("GET", PATH, p.toQuery(), null, options, Transport.Auth.REQUIRED)
                .data();
        if (!data.isObject()) {
            throw new MemaxException("GET " + PATH + ": expected a page object, got " + data.getNodeType());
        }
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Notification.class);
        List<Notification> items = data.path("notifications").isArray()
                ? Json.MAPPER.convertValue(data.get("notifications"), listType)
                : List.of();
        String next =
                data.path("next_cursor").isTextual() ? data.get("next_cursor").asText() : "";
        return new Page<>(
                items,
                next,
                data.path("has_more").asBoolean(false),
                null,
                cursor -> list(p.withCursor(cursor), options));
    }

    /**
     * Open notifications not yet seen, by kind and in all, and Memax's counts (decisions and
     * receipts open, receipts unseen, per kind). {@code GET /v1/notifications/summary}.
     */
    public NotificationSummary summary() {
        return summary(RequestOptions.NONE);
    }

    /** {@link #summary()} with per-call options. */
    public NotificationSummary summary(RequestOptions options) {
        return transport.call(
                "GET", PATH + "/summary", null, options, Transport.Auth.REQUIRED, NotificationSummary.class);
    }

    /** Marks one notification seen. {@code POST /v1/notifications/{id}/seen}. */
    public Notification markSeen(UUID id) {
        return markSeen(id, RequestOptions.NONE);
    }

    /** {@link #markSeen(UUID)} with per-call options. */
    public Notification markSeen(UUID id, RequestOptions options) {
        return changed("POST", PATH + "/" + ApiKeyService.id(id) + "/seen", null, options);
    }

    /** Marks every unseen notification seen. {@code POST /v1/notifications/seen}. */
    public NotificationsSeen markAllSeen() {
        return markAllSeen(null, RequestOptions.NONE);
    }

    /** Marks the unseen notifications about one hub seen (every hub's when {@code hubId} is null). */
    public NotificationsSeen markAllSeen(UUID hubId) {
        return markAllSeen(hubId, RequestOptions.NONE);
    }

    /** {@link #markAllSeen(UUID)} with per-call options. */
    public NotificationsSeen markAllSeen(UUID hubId, RequestOptions options) {
        return markAllSeen(null, null, hubId, options);
    }

    /**
     * Marks the unseen notifications of these kinds (every kind when null or empty), created at
     * or after {@code since} (any time when null), about one hub (every hub's when null) seen.
     *
     * @throws dev.memax.sdk.errors.ValidationException a kind that asks for a decision ({@code hub_invite}, {@code checklist})
     */
    public NotificationsSeen markAllSeen(List<String> kinds, Instant since, UUID hubId, RequestOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (hubId != null) {
            body.put("hub_id", hubId.toString());
        }
        if (kinds != null && !kinds.isEmpty()) {
            body.put("kinds", List.copyOf(kinds));
        }
        if (since != null) {
            body.put("since", since.toString());
        }
        return transport.call("POST", PATH + "/seen", body, options, Transport.Auth.REQUIRED, NotificationsSeen.class);
    }

    /**
     * Dismisses an open notification. {@code POST /v1/notifications/{id}/dismiss}.
     *
     * @throws dev.memax.sdk.errors.ConflictException an already resolved notification, or an open one that
     *                                                asks for a decision (an invite, a checklist: use
     *                                                {@link #resolve(UUID, String)})
     */
    public Notification dismiss(UUID id) {
        return dismiss(id, RequestOptions.NONE);
    }

    /** {@link #dismiss(UUID)} with per-call options. */
    public Notification dismiss(UUID id, RequestOptions options) {
        return changed("POST", PATH + "/" + ApiKeyService.id(id) + "/dismiss", null, options);
    }

    /**
     * Resolves a notification with one of its {@link Notification#actions()}: {@code accept} or
     * {@code decline} for a hub invite (accept joins the hub), {@code acknowledge} for the others.
     * {@code POST /v1/notifications/{id}/resolve}.
     *
     * @throws dev.memax.sdk.errors.ValidationException an action the notification does not offer
     * @throws dev.memax.sdk.errors.ConflictException   already resolved, or an invite that can no
     *                                                  longer be accepted
     */
    public Notification resolve(UUID id, String action) {
        return resolve(id, action, RequestOptions.NONE);
    }

    /** {@link #resolve(UUID, String)} with per-call options. */
    public Notification resolve(UUID id, String action, RequestOptions options) {
        Objects.requireNonNull(action, "action");
        return changed("POST", PATH + "/" + ApiKeyService.id(id) + "/resolve", Map.of("action", action), options);
    }

    /**
     * The notification a change answers: since 0.2 the server answers Memax's {@code {status, …}}
     * with the notification beside it, as {@code notification}; before, the notification itself.
     */
    private Notification changed(String method, String path, Object body, RequestOptions options) {
        JsonNode data = transport
                .send(method, path, Map.of(), body, options, Transport.Auth.REQUIRED)
                .data();
        JsonNode notification = data.path("notification").isObject() ? data.get("notification") : data;
        if (!notification.path("id").isTextual()) {
            throw new MemaxException(method + " " + path + ": expected {status, notification}, got " + data);
        }
        return Json.MAPPER.convertValue(notification, Notification.class);
    }

    /**
     * Dismisses the caller's open notifications of these kinds at once (none named: every kind
     * that only asks to be acknowledged). {@code POST /v1/notifications/dismiss}.
     *
     * @param kinds  the kinds, or null/empty for every receipt kind
     * @param since  only those created at or after this time, or null
     * @param hubId  only those about this hub, or null
     * @throws dev.memax.sdk.errors.ValidationException a kind that asks for a decision ({@code hub_invite}, {@code checklist})
     */
    public NotificationsAffected dismissAll(List<String> kinds, Instant since, UUID hubId) {
        return dismissAll(kinds, since, hubId, RequestOptions.NONE);
    }

    /** {@link #dismissAll(List, Instant, UUID)} with per-call options. */
    public NotificationsAffected dismissAll(List<String> kinds, Instant since, UUID hubId, RequestOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (kinds != null && !kinds.isEmpty()) {
            body.put("kinds", List.copyOf(kinds));
        }
        if (since != null) {
            body.put("since", since.toString());
        }
        if (hubId != null) {
            body.put("hub_id", hubId.toString());
        }
        return transport.call(
                "POST", PATH + "/dismiss", body, options, Transport.Auth.REQUIRED, NotificationsAffected.class);
    }

    /**
     * Marks one of the notification's items ({@code data.items}) viewed.
     * {@code POST /v1/notifications/{id}/items/{item_id}/view}.
     */
    public NotificationItemUpdate viewItem(UUID id, String itemId) {
        return viewItem(id, itemId, RequestOptions.NONE);
    }

    /** {@link #viewItem(UUID, String)} with per-call options. */
    public NotificationItemUpdate viewItem(UUID id, String itemId, RequestOptions options) {
        return transport.call(
                "POST",
                itemPath(id, itemId) + "/view",
                null,
                options,
                Transport.Auth.REQUIRED,
                NotificationItemUpdate.class);
    }

    /**
     * Completes a checklist item; completing the last required one resolves the checklist
     * ({@link NotificationItemUpdate#autoResolved()}). {@code POST /v1/notifications/{id}/items/{item_id}/complete}.
     *
     * @throws dev.memax.sdk.errors.ConflictException an item locked by others not yet complete, an item of
     *                                                another kind of notification, or of one no longer open
     */
    public NotificationItemUpdate completeItem(UUID id, String itemId) {
        return completeItem(id, itemId, RequestOptions.NONE);
    }

    /** {@link #completeItem(UUID, String)} with per-call options. */
    public NotificationItemUpdate completeItem(UUID id, String itemId, RequestOptions options) {
        return transport.call(
                "POST",
                itemPath(id, itemId) + "/complete",
                null,
                options,
                Transport.Auth.REQUIRED,
                NotificationItemUpdate.class);
    }

    private static String itemPath(UUID id, String itemId) {
        return PATH + "/" + ApiKeyService.id(id) + "/items/"
                + Transport.encode(Objects.requireNonNull(itemId, "itemId"));
    }
}
