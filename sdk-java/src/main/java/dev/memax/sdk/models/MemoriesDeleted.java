package dev.memax.sdk.models;

import java.util.List;
import java.util.UUID;

/**
 * The answer of a batch delete.
 *
 * @param deleted    how many were deleted
 * @param skipped    how many were skipped (unknown, not visible, not allowed, malformed or repeated)
 * @param deletedIds the deleted ids
 * @param skippedIds the skipped ids, as sent
 */
public record MemoriesDeleted(int deleted, int skipped, List<UUID> deletedIds, List<String> skippedIds) {
    public MemoriesDeleted {
        deletedIds = deletedIds == null ? List.of() : List.copyOf(deletedIds);
        skippedIds = skippedIds == null ? List.of() : List.copyOf(skippedIds);
    }
}
