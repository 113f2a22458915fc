package dev.memax.server.dream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /v1/dreams/report}: Memax's {@code DreamReport} for one hub, from its latest run.
 *
 * @param actions the latest run's first actions (up to {@link DreamService#REPORT_ACTIONS})
 */
public record DreamReport(
        boolean hasRun,
        @JsonInclude(JsonInclude.Include.NON_NULL) String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) DreamRun run,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DreamAction> actions,
        Intelligence intelligence) {

    /** @param latestRun absent before the first run */
    public record Intelligence(
            @JsonInclude(JsonInclude.Include.NON_NULL) LatestRun latestRun, PendingReview pendingReview) {}

    public record LatestRun(long merged, long contradictionsFound, long archived, long organized, long restructured) {}

    /** Reviews the user has to resolve: none until a phase files them (contradictions). */
    public record PendingReview(long contradictions, long topicMerges, long topicRestructures, long total) {}
}
