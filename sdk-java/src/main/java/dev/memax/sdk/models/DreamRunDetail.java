package dev.memax.sdk.models;

import java.util.List;

/**
 * A dream run and one page of its actions, oldest first.
 *
 * @param nextCursor the cursor of the next page of actions (empty at the end)
 */
public record DreamRunDetail(DreamRun run, List<DreamAction> actions, String nextCursor, boolean hasMore) {
    public DreamRunDetail {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
