package dev.memax.server.dream;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One change of a run, as the dream routes answer it: Memax's {@code DreamAction} and beside it
 * this server's own fields.
 *
 * @param sourceMemoryIds the memories it consumed (a merge's merged memories)
 * @param resultMemoryId  the memory it kept (a merge's survivor)
 * @param memoryIds       every memory it touched
 * @param similarity      the evidence's strength (a merge: the lowest vector similarity of the group)
 * @param applied         false when the run was a dry run (nothing was changed)
 * @param undoneAt        when it was undone, or null
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
        Instant undoneAt) {}
