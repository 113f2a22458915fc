package dev.memax.server.hub;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.identity.HubRole;

/**
 * What {@code POST /v1/hubs} and {@code PATCH /v1/hubs/{id}} answer: the hub's own fields at the
 * top level, as Memax and its SDK read them ({@code data.id}), and this server's {@code {hub, role,
 * memory_count}} beside them, so clients of either shape read the same answer (docs/architecture.md §5.12).
 */
public record HubView(@JsonUnwrapped Hub fields, Hub hub, HubRole role, long memoryCount) {
    public static HubView of(HubEntry entry) {
        return new HubView(entry.hub(), entry.hub(), entry.role(), entry.memoryCount());
    }
}
