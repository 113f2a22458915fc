package dev.memax.server.identity;

/**
 * What hub routes answer: the hub, the caller's role in it and how many memories it holds
 * (docs/architecture.md §5.12: existing clients read exactly {@code {hub, role, memory_count}}).
 */
public record HubEntry(Hub hub, HubRole role, long memoryCount) {

    /** A hub just made (or one whose count does not matter to the answer): 0 memories. */
    public static HubEntry of(HubAccess access) {
        return new HubEntry(access.hub(), access.role(), 0);
    }

    public static HubEntry of(HubAccess access, long memoryCount) {
        return new HubEntry(access.hub(), access.role(), memoryCount);
    }
}
