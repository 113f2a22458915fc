package dev.memax.sdk.models;

import java.util.Map;

/**
 * Open notifications not yet seen ({@code GET /v1/notifications/summary}).
 *
 * @param total  in all
 * @param byKind by kind, every kind the server knows present (0 included)
 */
public record NotificationSummary(long total, Map<String, Long> byKind) {
    public NotificationSummary {
        byKind = byKind == null ? Map.of() : Map.copyOf(byKind);
    }
}
