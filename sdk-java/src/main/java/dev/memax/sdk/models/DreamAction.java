package dev.memax.sdk.models;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One change of a dream run.
 *
 * @param actionType      {@code merge}, …
 * @param sourceMemoryIds the memories it consumed (a merge's merged memories)
 * @param resultMemoryId  the memory it kept (a merge's survivor)
 * @param memoryIds       every memory it touched
 * @param similarity      the evidence's strength (a merge's lowest vector similarity)
 * @param applied         false in a dry run: nothing was changed
 */
public record DreamAction(
        UUID id,
        UUID runId,
        UUID hubId,
        String phase,
        String actionType,
        List<UUID> sourceMemoryIds,
        UUID resultMemoryId,
        List<UUID> memoryIds,
        String reason,
        double similarity,
        boolean applied,
        Instant createdAt,
        Instant undoneAt) {
    public DreamAction {
        sourceMemoryIds = sourceMemoryIds == null ? List.of() : List.copyOf(sourceMemoryIds);
        memoryIds = memoryIds == null ? List.of() : List.copyOf(memoryIds);
    }
}
