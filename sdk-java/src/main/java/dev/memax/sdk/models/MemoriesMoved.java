package dev.memax.sdk.models;

import java.util.List;
import java.util.UUID;

/**
 * The answer of a batch move.
 *
 * @param moved      how many were moved (or already where they were asked to go)
 * @param skipped    how many were skipped (unknown, not visible, not allowed, or a source path the
 *                   destination already holds)
 * @param movedIds   the moved ids
 * @param skippedIds the skipped ids, as sent
 */
public record MemoriesMoved(int moved, int skipped, List<UUID> movedIds, List<String> skippedIds) {
    public MemoriesMoved {
        movedIds = movedIds == null ? List.of() : List.copyOf(movedIds);
        skippedIds = skippedIds == null ? List.of() : List.copyOf(skippedIds);
    }
}
