package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * The answer of a batch delete.
 *
 * @param deleted    how many were deleted
 * @param skipped    how many were skipped (unknown, not visible, not allowed, malformed or repeated)
 * @param deletedIds the deleted ids
 * @param skippedIds the skipped ids, as sent
 * @param skips      each skipped id with the reason
 */
public record MemoriesDeleted(
        int deleted,
        @JsonProperty("skipped_count") int skipped,
        List<UUID> deletedIds,
        List<String> skippedIds,
        @JsonProperty("skipped") List<BatchSkip> skips) {
    @JsonCreator
    public MemoriesDeleted {
        deletedIds = deletedIds == null ? List.of() : List.copyOf(deletedIds);
        skippedIds = skippedIds == null ? List.of() : List.copyOf(skippedIds);
        skips = skips == null ? List.of() : List.copyOf(skips);
    }

    /** Without reasons, as before SDK 0.3. */
    public MemoriesDeleted(int deleted, int skipped, List<UUID> deletedIds, List<String> skippedIds) {
        this(deleted, skipped, deletedIds, skippedIds, List.of());
    }
}
