package dev.memax.server.hub;

import dev.memax.server.access.HubAccess;

/**
 * What hub routes answer: the hub, the caller's role in it and how many memories it holds
 * (DESIGN.md §8: existing clients read exactly {@code {hub, role, memory_count}}).
 */
public record HubEntry(Hub hub, HubRole role, long memoryCount) {

    /** Memories do not exist yet, so every hub counts 0; the memories capability will supply real counts. */
    public static HubEntry of(HubAccess access) {
        return new HubEntry(access.hub(), access.role(), 0);
    }
}
