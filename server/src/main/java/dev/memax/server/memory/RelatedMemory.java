package dev.memax.server.memory;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A neighbour of a memory ({@code GET /v1/memories/{id}/related}): the memory without its
 * content, and how close it is (1 - cosine distance of the closest chunk pair, 0-1). Its fields
 * and {@code relevance_score} at the top level, as this server has always answered them, and
 * Memax's {@code {memory, similarity}} beside them (docs/architecture.md §5.12): the same memory and score.
 */
public record RelatedMemory(@JsonUnwrapped Fields fields, Fields memory, double relevanceScore, double similarity) {

    /** The memory without its content. */
    public record Fields(
            UUID id,
            UUID hubId,
            UUID ownerId,
            String title,
            String summary,
            MemoryKind kind,
            Stability stability,
            List<String> tags,
            String source,
            String sourceAgent,
            String sourcePath,
            boolean pinned,
            MemoryState state,
            UUID topicId,
            List<Instant> eventDates,
            Instant createdAt,
            Instant updatedAt,
            Instant expiresAt) {}

    static RelatedMemory of(Memory m, double relevanceScore) {
        Fields fields = new Fields(
                m.id(),
                m.hubId(),
                m.ownerId(),
                m.title(),
                m.summary(),
                m.kind(),
                m.stability(),
                m.tags(),
                m.source(),
                m.sourceAgent(),
                m.sourcePath(),
                m.pinned(),
                m.state(),
                m.topicId(),
                m.eventDates(),
                m.createdAt(),
                m.updatedAt(),
                m.expiresAt());
        return new RelatedMemory(fields, fields, relevanceScore, relevanceScore);
    }
}
