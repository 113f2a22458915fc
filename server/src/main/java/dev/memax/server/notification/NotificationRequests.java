package dev.memax.server.notification;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** Request bodies of {@code /v1/notifications}. */
public final class NotificationRequests {
    private NotificationRequests() {}

    /** {@code POST /v1/notifications/{id}/resolve}: one of the notification's {@code actions}. */
    @Introspected
    public record Resolve(@Nullable String action) {}

    /**
     * {@code POST /v1/notifications/seen}: every unseen notification, or only those of one hub,
     * of these kinds, created at or after {@code since} (the Memax SDK's {@code bulkSeen}).
     */
    @Introspected
    public record MarkAllSeen(
            @Nullable String hubId,
            @Nullable java.util.List<String> kinds,
            @Nullable String since) {}

    /**
     * {@code POST /v1/notifications/dismiss}: the caller's open receipts of these kinds (none
     * named: every receipt kind), created at or after {@code since}, of one hub when named.
     */
    @Introspected
    public record BulkDismiss(
            @Nullable java.util.List<String> kinds,
            @Nullable String since,
            @Nullable String hubId) {}
}
