package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 * @param skips      each skipped id with the reason
 */
public record MemoriesMoved(
        int moved,
        @JsonProperty("skipped_count") int skipped,
        List<UUID> movedIds,
        List<String> skippedIds,
        @JsonProperty("skipped") List<BatchSkip> skips) {
    @JsonCreator
    public MemoriesMoved {
        movedIds = movedIds == null ? List.of() : List.copyOf(movedIds);
        skippedIds = skippedIds == null ? List.of() : List.copyOf(skippedIds);
        skips = skips == null ? List.of() : List.copyOf(skips);
    }

    /** Without reasons, as before SDK 0.3. */
    public MemoriesMoved(int moved, int skipped, List<UUID> movedIds, List<String> skippedIds) {
        this(moved, skipped, movedIds, skippedIds, List.of());
    }
}
