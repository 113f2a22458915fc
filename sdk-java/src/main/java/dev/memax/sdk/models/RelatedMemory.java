package dev.memax.sdk.models;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A memory related to another one: its fields without the content, and how close it is.
 *
 * @param relevanceScore 0-1 (1 - the cosine distance of the closest pair of chunks); nearest first
 */
public record RelatedMemory(
        UUID id,
        UUID hubId,
        UUID ownerId,
        String title,
        String summary,
        MemoryKind kind,
        MemoryStability stability,
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
        Instant expiresAt,
        double relevanceScore) {
    public RelatedMemory {
        tags = tags == null ? List.of() : List.copyOf(tags);
        eventDates = eventDates == null ? List.of() : List.copyOf(eventDates);
    }
}
