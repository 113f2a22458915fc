package dev.memax.server.dream;

import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.memory.Stability;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A memory as the dream phases read it: what the rules of merging, superseding, flagging,
 * archiving, organising and synthesising look at, loaded once per run. The phases' engines are
 * pure functions of lists of these (no database), so they are unit-tested in milliseconds.
 *
 * @param vector         the memory's meaning as one unit vector (the normalised mean of its chunks'
 *                       embeddings), or null when it has none yet
 * @param topicIds       the topics it sits in
 * @param userPlaced     topics a user put it in (a dream never moves it out of those)
 * @param lastAccessedAt null when never read through the API
 */
public record DreamMemory(
        UUID id,
        UUID hubId,
        MemoryKind kind,
        Stability stability,
        boolean pinned,
        MemoryState state,
        String title,
        String content,
        List<String> tags,
        String source,
        String sourcePath,
        String sessionId,
        List<Instant> eventDates,
        Instant createdAt,
        Instant updatedAt,
        Instant lastAccessedAt,
        long accessCount,
        float[] vector,
        Set<UUID> topicIds,
        Set<UUID> userPlaced) {

    /** Which memories a pairwise engine compares it with: those of the same hub and kind. */
    public record Scope(UUID hubId, MemoryKind kind) {}

    public Scope scope() {
        return new Scope(hubId, kind);
    }

    /** Pinned and stable memories are never merged, superseded or archived by a dream. */
    public boolean protectedFromDreams() {
        return pinned || stability == Stability.STABLE;
    }
}
