package dev.memax.server.agent;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** Request bodies of {@code /v1/agents}. */
public final class AgentRequests {
    private AgentRequests() {}

    /** {@code PATCH /v1/agents/{slug}}: absent fields stay; an empty string puts the default back. */
    @Introspected
    public record Update(
            @Nullable String displayName, @Nullable String icon) {}
}
