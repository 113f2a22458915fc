package dev.memax.server.testing;

import java.util.UUID;

/** A user made for a test, with its personal hub and a read-write API key. */
public record TestUser(UUID id, String email, UUID personalHubId, String apiKey) {
    /** {@code Authorization} header value. */
    public String bearer() {
        return "Bearer " + apiKey;
    }
}
