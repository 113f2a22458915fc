package dev.memax.server.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubRole;
import dev.memax.server.identity.Member;
import java.util.List;

/**
 * {@code GET /v1/hubs/{id}}: the hub entry ({@code hub, role, memory_count}) with what the Memax
 * SDK's {@code HubDetailResult} adds: the members (the first {@link HubService#DETAIL_MEMBERS}, in
 * joining order; {@code GET …/members} pages them all), the pending ownership transfer, and
 * {@code is_frozen} (always false: this server has no billing freeze).
 */
public record HubDetail(
        Hub hub,
        HubRole role,
        long memoryCount,
        List<Member> members,
        @JsonInclude(JsonInclude.Include.ALWAYS) Transfer pendingTransfer,
        boolean isFrozen) {}
