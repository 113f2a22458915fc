package dev.memax.sdk.models;

import java.time.Instant;

/**
 * The answer of viewing or completing a notification's item
 * ({@code POST /v1/notifications/{id}/items/{item_id}/view|complete}).
 *
 * @param viewedAt       when the item was first viewed, or null
 * @param completedAt    when the item was completed, or null
 * @param autoResolved   this completion resolved the checklist (its last required item)
 * @param autoResolvedAs {@code applied_auto} when {@code autoResolved}, else null
 * @param notification   the notification as it now is; its items are in {@code data.items}
 */
public record NotificationItemUpdate(
        String itemId,
        Instant viewedAt,
        Instant completedAt,
        boolean autoResolved,
        String autoResolvedAs,
        Notification notification) {}
