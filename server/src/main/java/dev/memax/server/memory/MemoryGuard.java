package dev.memax.server.memory;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Ids;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/**
 * Who may see and change one memory, as every memory route asks it ({@link AccessPolicy}):
 * {@code READ} to see it (a memory in a hub the caller cannot see is {@code not_found}),
 * {@code WRITE} to change one's own, {@code MODERATE} to change another member's.
 */
@Singleton
public class MemoryGuard {
    private final AccessPolicy policy;
    private final MemoryRepository memories;

    public MemoryGuard(AccessPolicy policy, MemoryRepository memories) {
        this.policy = policy;
        this.memories = memories;
    }

    /** The memory if the caller may read it (and, unless {@code includeExpired}, it has not expired); else not_found. */
    public Memory readable(Caller caller, String id, boolean includeExpired, Instant now) {
        Memory memory = memories.find(Ids.parseOrNotFound(id, "Memory"))
                .filter(m -> visible(caller, m.hubId()))
                .orElseThrow(() -> ApiException.notFound("Memory"));
        policy.authorize(caller, memory.hubId(), HubAction.READ);
        if (!includeExpired && memory.expiredAt(now)) {
            throw ApiException.notFound("Memory");
        }
        return memory;
    }

    public boolean visible(Caller caller, UUID hubId) {
        return policy.visible(caller, hubId).isPresent();
    }

    /** Own memories need WRITE, others' MODERATE. */
    public void requireEdit(Caller caller, Memory memory) {
        policy.authorize(caller, memory.hubId(), HubAction.toChange(caller.userId(), memory.ownerId()));
    }
}
