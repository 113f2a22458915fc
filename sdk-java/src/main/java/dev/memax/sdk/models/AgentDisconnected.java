package dev.memax.sdk.models;

import java.util.List;

/**
 * The answer of disconnecting an agent ({@code DELETE /v1/agents/{slug}}).
 *
 * @param disconnected      false when the caller has no such agent (see {@code skipped})
 * @param keysRevoked       its API keys revoked
 * @param configsTombstoned 0 for now (synced configs are not built yet)
 * @param skipped           why nothing was done: reason {@code not_found}
 */
public record AgentDisconnected(boolean disconnected, int keysRevoked, int configsTombstoned, List<Skipped> skipped) {
    public AgentDisconnected {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** An agent not disconnected, and why. */
    public record Skipped(String id, String reason) {}
}
