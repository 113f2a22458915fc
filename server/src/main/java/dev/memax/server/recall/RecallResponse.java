package dev.memax.server.recall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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
     * @param headingChain   the chunk's Markdown headings, outermost first: {@code headings} on the
     *                       wire; {@code heading_chain} is them joined with {@code " > "}, the string
     *                       Memax's SDK reads (docs/architecture.md §5.12)
     * @param relevanceScore 0-1, fused and boosted; results are in descending order of it
     * @param age            how long ago it was created, e.g. "3 days ago"
     * @param derivedFrom    a dream's summary: the memories it was written from, for citing them
     */
    @Introspected
    public record Memory(
            UUID id,
            UUID hubId,
            String title,
            String summary,
            String chunkContent,
            @JsonProperty("headings") List<String> headingChain,
            double relevanceScore,
            String kind,
            String stability,
            String state,
            String source,
            String sourceAgent,
            String sourcePath,
            List<String> tags,
            boolean pinned,
            UUID topicId,
            List<Instant> eventDates,
            Instant createdAt,
            Instant updatedAt,
            String age,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UUID> derivedFrom) {

        @JsonProperty("heading_chain")
        public String headingChainText() {
            return joinHeadings(headingChain);
        }
    }

    /** Headings as one string, as search results and Memax's SDK carry them: {@code "A > B"}, empty at the top level. */
    public static String joinHeadings(List<String> headings) {
        return headings == null ? "" : String.join(" > ", headings);
    }

    /**
     * @param totalCandidates distinct memories the signals proposed before ranking and the threshold
     * @param vectorSearch    how vectors were searched: {@code hnsw}, {@code exact}, or {@code none} (keyword mode)
     */
    @Introspected
    public record QueryMetadata(
            int totalCandidates,
            double latencyMs,
            double embeddingMs,
            double searchMs,
            double rankingMs,
            RecallMode mode,
            String model,
            String vectorSearch) {}
}
