package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Notification counts ({@code GET /v1/notifications/summary}).
 *
 * @param total              open notifications not yet seen, in all
 * @param byKind             the same by kind, every kind the server knows present (0 included);
 *                           read from the wire's {@code unseen_by_kind} (the wire's {@code by_kind}
 *                           carries Memax's per-kind counts since 0.2: {@link #counts()})
 * @param needsActionPending open notifications of the kinds that ask for a decision
 * @param updatesPending     open notifications of the other kinds
 * @param updatesUnseen      those of them not yet seen
 * @param counts             open and unseen by kind, every kind of this server and of Memax present
 */
public record NotificationSummary(
        long total,
        @JsonProperty("unseen_by_kind") Map<String, Long> byKind,
        long needsActionPending,
        long updatesPending,
        long updatesUnseen,
        @JsonProperty("by_kind") Map<String, KindCount> counts) {
    public NotificationSummary {
        byKind = byKind == null ? Map.of() : Map.copyOf(byKind);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }

    /**
     * One kind's counts.
     *
     * @param pending open ones
     * @param unseen  of those, the ones not yet seen
     */
    public record KindCount(long pending, long unseen) {}
}
