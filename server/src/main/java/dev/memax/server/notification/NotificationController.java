package dev.memax.server.notification;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/** {@code /v1/notifications}: the caller's own notifications. */
@Controller("/v1/notifications")
public class NotificationController {
    private final NotificationService notifications;

    public NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** {@code hub} is the Memax SDK's name of {@code hub_id}; {@code kind} and {@code resolution} repeat. */
    @Get
    public Envelope<Page<Notification>> list(
            Caller caller,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @QueryValue("hub") String hub,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue("kind") List<String> kinds,
            @Nullable @QueryValue("resolution") List<String> resolutions,
            @Nullable @QueryValue("unseen_only") String unseenOnly,
            @Nullable @QueryValue String since,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor) {
        return Envelope.of(notifications.list(
                caller, hubId, hub, status, kinds, resolutions, unseenOnly, since, PageRequest.of(limit, cursor)));
    }

    @Get("/summary")
    public Envelope<NotificationService.Summary> summary(Caller caller, @Nullable @QueryValue("hub") String hub) {
        return Envelope.of(notifications.summary(caller, hub));
    }

    @Post("/seen")
    public Envelope<NotificationService.AllSeen> markAllSeen(
            Caller caller,
            @Nullable @Body NotificationRequests.MarkAllSeen request,
            @Nullable @Header("X-Hub-ID") String hubId) {
        return Envelope.of(notifications.markAllSeen(caller, request, hubId));
    }

    @Post("/dismiss")
    public Envelope<NotificationService.Bulk> dismissAll(
            Caller caller,
            @Nullable @Body NotificationRequests.BulkDismiss request,
            @Nullable @Header("X-Hub-ID") String hubId) {
        return Envelope.of(notifications.dismissAll(caller, request, hubId));
    }

    @Post("/{id}/seen")
    public Envelope<NotificationService.Change> markSeen(Caller caller, @PathVariable String id) {
        return Envelope.of(notifications.markSeen(caller, id));
    }

    @Post("/{id}/dismiss")
    public Envelope<NotificationService.Change> dismiss(Caller caller, @PathVariable String id) {
        return Envelope.of(notifications.dismiss(caller, id));
    }

    @Post("/{id}/items/{item_id}/view")
    public Envelope<NotificationService.ItemUpdate> viewItem(
            Caller caller, @PathVariable String id, @PathVariable("item_id") String itemId) {
        return Envelope.of(notifications.viewItem(caller, id, itemId));
    }

    @Post("/{id}/items/{item_id}/complete")
    public Envelope<NotificationService.ItemUpdate> completeItem(
            Caller caller, @PathVariable String id, @PathVariable("item_id") String itemId) {
        return Envelope.of(notifications.completeItem(caller, id, itemId));
    }

    @Post("/{id}/resolve")
    public Envelope<NotificationService.Resolved> resolve(
            Caller caller, @PathVariable String id, @Nullable @Body NotificationRequests.Resolve request) {
        return Envelope.of(notifications.resolve(caller, id, request));
    }
}
