package dev.memax.server.recall;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The answer of {@code POST /v1/recall}: memories best first, and how the search went. */
@Introspected
public record RecallResponse(List<Memory> memories, QueryMetadata queryMetadata) {

    /**
     * A recalled memory with its best-matching chunk.
     *
     * @param relevanceScore 0-1, fused and boosted; results are in descending order of it
     * @param age            how long ago it was created, e.g. "3 days ago"
     */
    @Introspected
    public record Memory(UUID id, UUID hubId, String title, String summary, String chunkContent,
                         List<String> headingChain, double relevanceScore, String kind, String stability, String state,
                         String source, String sourceAgent, String sourcePath, List<String> tags, boolean pinned,
                         UUID topicId, List<Instant> eventDates, Instant createdAt, Instant updatedAt, String age) {
    }

    /**
     * @param totalCandidates distinct memories the signals proposed before ranking and the threshold
     * @param vectorSearch    how vectors were searched: {@code hnsw}, {@code exact}, or {@code none} (keyword mode)
     */
    @Introspected
    public record QueryMetadata(int totalCandidates, double latencyMs, double embeddingMs, double searchMs,
                                double rankingMs, RecallMode mode, String model, String vectorSearch) {
    }
}
