package dev.memax.sdk.models;

import java.util.List;

/**
 * The answer of a recall: the best memories, best first, and how the search went.
 *
 * @param memories      at most the requested limit, in descending relevance
 * @param queryMetadata timings and counts
 */
public record RecallResult(List<RecalledMemory> memories, RecallQueryMetadata queryMetadata) {
    public RecallResult {
        memories = memories == null ? List.of() : List.copyOf(memories);
    }
}
