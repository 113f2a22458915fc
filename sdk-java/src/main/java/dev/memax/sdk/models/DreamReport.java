package dev.memax.sdk.models;

import java.util.List;

/**
 * A hub's latest dream (Memax's {@code DreamReport}).
 *
 * @param message only without a run
 * @param run     the latest run, or null
 * @param actions up to 50 of its actions
 */
public record DreamReport(
        boolean hasRun, String message, DreamRun run, List<DreamAction> actions, Intelligence intelligence) {
    public DreamReport {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** @param latestRun null before the first run */
    public record Intelligence(LatestRun latestRun, PendingReview pendingReview) {}

    public record LatestRun(long merged, long contradictionsFound, long archived, long organized, long restructured) {}

    public record PendingReview(long contradictions, long topicMerges, long topicRestructures, long total) {}
}
