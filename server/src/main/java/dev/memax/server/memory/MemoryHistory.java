package dev.memax.server.memory;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import jakarta.inject.Singleton;
import java.util.List;

/** A memory's versions: {@code GET /v1/memories/{id}/history}. */
@Singleton
public class MemoryHistory {
    private final MemoryGuard guard;
    private final MemoryRepository memories;
    private final Cursors cursors;

    public MemoryHistory(MemoryGuard guard, MemoryRepository memories, Cursors cursors) {
        this.guard = guard;
        this.memories = memories;
        this.cursors = cursors;
    }

    /** {@code GET /v1/memories/{id}/history}: every version, newest first. */
    public Page<MemoryVersion> history(Caller caller, String id, PageRequest page) {
        Memory memory = guard.readable(caller, id, true, Now.instant());
        return cursors.page(
                        "versions",
                        "memory-versions:" + memory.id(),
                        page,
                        (after, limit) -> memories.versions(
                                memory.id(), after == null ? null : parseVersion(after.get(0)), limit),
                        v -> List.of(Integer.toString(v.version())))
                .withTotal(memories.countVersions(memory.id()));
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid cursor");
        }
    }
}
