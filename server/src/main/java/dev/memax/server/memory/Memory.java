package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A memory as every memory route answers it (docs/architecture.md §5.5), field for field. */
public record Memory(
        UUID id,
        UUID hubId,
        UUID ownerId,
        String title,
        String content,
        String contentType,
        String contentHash,
        String summary,
        MemoryKind kind,
        Stability stability,
        List<String> tags,
        String source,
        String sourceAgent,
        String sourcePath,
        String sessionId,
        JsonNode metadata,
        ProjectContext projectContext,
        List<Instant> eventDates,
        boolean pinned,
        MemoryState state,
        int version,
        UUID topicId,
        long accessCount,
        Instant createdAt,
        Instant updatedAt,
        Instant accessedAt,
        Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
