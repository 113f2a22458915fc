package dev.memax.server.memory;

import dev.memax.server.platform.ApiException;

/** Orders of {@code GET /v1/memories}; each pages by its own keyset. */
public enum MemorySort {
    /** created_at descending, then id descending. */
    NEWEST,
    /** created_at ascending, then id ascending. */
    OLDEST,
    /** updated_at descending, then id descending. */
    UPDATED,
    /**
     * What the user comes back to first, without a query: pinned memories, then the most
     * accessed, then the newest (the Memax SDK's {@code sort: relevant}).
     */
    RELEVANT;

    public static MemorySort parse(String value) {
        if (value == null || value.isBlank()) {
            return NEWEST;
        }
        for (MemorySort sort : values()) {
            if (sort.toString().equals(value.trim())) {
                return sort;
            }
        }
        throw ApiException.invalidField("sort", "must be one of: newest, oldest, updated, relevant");
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
