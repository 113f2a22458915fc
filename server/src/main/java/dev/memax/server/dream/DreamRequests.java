package dev.memax.server.dream;

import java.util.List;

/** Bodies of the dream routes. */
public final class DreamRequests {
    private DreamRequests() {}

    /**
     * {@code POST /v1/dreams/trigger}; every field is optional (the Memax SDK sends {@code {}} and
     * names the hub in {@code X-Hub-ID}).
     *
     * @param phases the phases to run (all when absent)
     * @param dryRun report what would change, change nothing
     */
    public record Trigger(String hubId, List<String> phases, Boolean dryRun) {
        static final Trigger EMPTY = new Trigger(null, null, null);
    }
}
